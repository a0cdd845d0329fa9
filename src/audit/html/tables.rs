//! The nine tables, the claims and the name paths as HTML, each cell a finding is about
//! marked and linked to it.

use super::{esc, Mark, Marks, Row};
use crate::amount::Amount;
use crate::disclosure::{Document, Side, SummaryTable, TableId, THREE_COSTS_COLUMNS};
use std::fmt::Write;

/// A cell's text: the figure as printed (blank stays blank).
fn figure(cell: &Option<Amount>) -> String {
    cell.map_or_else(String::new, |a| a.value().to_string())
}

/// A `<td>` holding `text`, marked when findings are about it.
fn td(mark: Option<Mark>, text: &str, class: &str) -> String {
    match mark {
        Some(m) => m.td(text, class),
        None => format!("<td class=\"{class}\">{}</td>", esc(text)),
    }
}

/// One `<td>`: marked, titled and linked when findings are about it.
fn cell(marks: &Marks, table: &str, rows: &Row, column: &str, text: &str, class: &str) -> String {
    td(marks.cell(table, rows, Some(column)), text, class)
}

/// The row's code cell: marked with the findings about the row that no cell took.
fn head_cell(marks: &Marks, table: &str, rows: &Row, text: &str) -> String {
    td(marks.row(table, rows), text, "code")
}

fn summary(out: &mut String, marks: &Marks, id: TableId, t: &SummaryTable) {
    out.push_str("<div class=\"sides\">");
    for side in [Side::Income, Side::Expense] {
        summary_side(out, marks, id, t, side);
    }
    out.push_str("</div>\n");
}

/// One side of a summary table (收入 or 支出), printed beside the other as on the page.
fn summary_side(out: &mut String, marks: &Marks, id: TableId, t: &SummaryTable, side: Side) {
    let label = id.label();
    let _ = write!(
        out,
        "<table><thead><tr><th>行次</th><th>{}项目</th>",
        side.name()
    );
    for c in &t.columns {
        let _ = write!(out, "<th>{}</th>", esc(c));
    }
    out.push_str("</tr></thead><tbody>\n");
    for l in t.side(side) {
        let by_line = format!("{}第{}行", l.side.name(), l.line);
        let by_label = format!("{}「{}」", l.side.name(), l.label());
        let keys = [by_line.as_str(), by_label.as_str()];
        let rows = Row {
            keys: &keys,
            label: (side == Side::Expense && l.is_numbered()).then(|| l.label()),
        };
        let _ = write!(
            out,
            "<tr>{}<td>{}</td>",
            head_cell(marks, label, &rows, &l.line.to_string()),
            esc(&l.name)
        );
        for (i, c) in l.cells.iter().enumerate() {
            let heading = t.columns.get(i).map_or("", String::as_str);
            out.push_str(&cell(marks, label, &rows, heading, &figure(c), "num"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>");
}

fn functional(out: &mut String, marks: &Marks, doc: &Document, id: TableId) {
    let Some(f) = doc.functional(id) else { return };
    let label = id.label();
    let columns = f.table.columns();
    out.push_str("<table><thead><tr><th>科目编码</th><th>科目名称</th>");
    for c in columns {
        let _ = write!(out, "<th>{}</th>", esc(c));
    }
    out.push_str("</tr></thead><tbody>\n");
    let mut row = |key: &str, printed: &str, name: &str, cells: &[Option<Amount>], class: &str| {
        let keys = [key];
        let rows = Row::keyed(&keys);
        let _ = write!(
            out,
            "<tr class=\"{class}\">{}<td>{}</td>",
            head_cell(marks, label, &rows, printed),
            esc(name)
        );
        for (i, c) in cells.iter().enumerate() {
            let heading = columns.get(i).map_or("", String::as_str);
            out.push_str(&cell(marks, label, &rows, heading, &figure(c), "num"));
        }
        out.push_str("</tr>\n");
    };
    if let Some(total) = f.table.total() {
        row("合计", "合计", "", total, "total");
    }
    for (i, r) in f.table.rows().iter().enumerate() {
        let code = r.code.to_string();
        let printed = f
            .printed_codes
            .get(i)
            .filter(|p| !p.is_empty())
            .unwrap_or(&code);
        let level = format!("l{}", code.len());
        row(
            &code,
            printed,
            r.name.as_deref().unwrap_or(""),
            &r.cells,
            &level,
        );
    }
    out.push_str("</tbody></table>\n");
}

fn basic(out: &mut String, marks: &Marks, doc: &Document) {
    let t = &doc.t06;
    let label = TableId::T06.label();
    out.push_str("<table><thead><tr><th>分组</th><th>科目编码</th><th>科目名称</th><th>决算数</th></tr></thead><tbody>\n");
    for (key, total) in [
        ("人员经费合计", &t.personnel_total),
        ("公用经费合计", &t.public_total),
    ] {
        let _ = writeln!(
            out,
            "<tr class=\"total\"><td></td><td></td><td>{key}</td>{}</tr>",
            cell(
                marks,
                label,
                &Row::keyed(&[key]),
                "决算数",
                &figure(total),
                "num"
            )
        );
    }
    for (i, r) in t.table.rows().iter().enumerate() {
        let code = r.code.to_string();
        let printed = t
            .printed_codes
            .get(i)
            .filter(|p| !p.is_empty())
            .unwrap_or(&code);
        let group = t.groups.get(i).map_or("", |g| g.name());
        let keys = [code.as_str()];
        let rows = Row::keyed(&keys);
        let value = r.cells.first().cloned().flatten();
        let _ = writeln!(
            out,
            "<tr><td>{group}</td>{}<td>{}</td>{}</tr>",
            head_cell(marks, label, &rows, printed),
            esc(r.name.as_deref().unwrap_or("")),
            cell(marks, label, &rows, "决算数", &figure(&value), "num")
        );
    }
    out.push_str("</tbody></table>\n");
}

fn three_costs(out: &mut String, marks: &Marks, doc: &Document) {
    let label = TableId::T09.label();
    out.push_str("<table><thead><tr><th></th>");
    for c in THREE_COSTS_COLUMNS {
        let _ = write!(out, "<th>{c}</th>");
    }
    out.push_str("</tr></thead><tbody>\n");
    for (key, cells) in [("预算数", &doc.t09.budget), ("决算数", &doc.t09.actual)] {
        let keys = [key];
        let rows = Row::keyed(&keys);
        let _ = write!(out, "<tr>{}", head_cell(marks, label, &rows, key));
        for (i, c) in cells.iter().enumerate() {
            let heading = THREE_COSTS_COLUMNS.get(i).copied().unwrap_or("");
            out.push_str(&cell(marks, label, &rows, heading, &figure(c), "num"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// The body of table `id` as read (nothing when it was not read).
pub(super) fn table(out: &mut String, marks: &Marks, doc: &Document, id: TableId) {
    if !doc.is_read(id) {
        return;
    }
    match id {
        TableId::T01 => summary(out, marks, id, &doc.t01),
        TableId::T04 => summary(out, marks, id, &doc.t04),
        TableId::T06 => basic(out, marks, doc),
        TableId::T09 => three_costs(out, marks, doc),
        _ => functional(out, marks, doc, id),
    }
}

/// The narrative's claims, each with the findings about it.
pub(super) fn claims(out: &mut String, marks: &Marks, doc: &Document) {
    if doc.claims.is_empty() {
        out.push_str("<p class=\"none\">未读出情况说明中的数值表述。</p>\n");
        return;
    }
    out.push_str("<table class=\"claims\"><thead><tr><th>编号</th><th>章节</th><th>指标</th><th>口径</th><th>数值</th><th>原文</th></tr></thead><tbody>\n");
    for c in &doc.claims {
        let quote = td(marks.claim(&c.id, &c.section), &c.quote, "quote");
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>{quote}</tr>",
            esc(&c.id),
            esc(&c.section),
            esc(&c.subject.to_string()),
            c.measure.label(),
            esc(c.value.as_deref().unwrap_or("")),
        );
    }
    out.push_str("</tbody></table>\n");
}

/// The narrative's name paths, each with the findings about it.
pub(super) fn names(out: &mut String, marks: &Marks, doc: &Document) {
    if doc.names.is_empty() {
        return;
    }
    out.push_str("<table class=\"claims\"><thead><tr><th>编号</th><th>章节</th><th>序号</th><th>科目名称路径</th></tr></thead><tbody>\n");
    for n in &doc.names {
        let printed = td(marks.name_path(&n.id), &n.printed, "quote");
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td>{printed}</tr>",
            esc(&n.id),
            esc(&n.section),
            esc(&n.numbering)
        );
    }
    out.push_str("</tbody></table>\n");
}
