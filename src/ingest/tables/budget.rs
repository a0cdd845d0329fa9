//! The tables of a 部门预算, typed from the same [`RawDocument`] the layout reader makes of
//! any document (see [`crate::disclosure::BudgetTableId`] for the design).
//!
//! - A document is a budget when it prints no table of a 决算 and its tables' titles name
//!   budget tables (one whose front matter says 部门预算 but whose tables are not found is
//!   refused as `IngestError::Budget`).
//! - Consecutive parts with the same title (continuation pages) make one table.
//! - A table whose rows carry codes is read by position: the cell under each column of the
//!   table's own header goes to that column (headers as printed, percentage columns left
//!   out); the code (re-joined when split over 类/款/项 columns, a 款 printed as its two
//!   digits under its 类 completed, a truncated one resolved with the catalog) keys the row,
//!   functional (2xx) or economic (3xx, 5xx) by its first digit, and the 合计 row is kept
//!   apart.
//! - A two-sided table (收支总表, 财政拨款收支总表) is read for its 收入总计 and 支出总计, from
//!   the row that prints both, and its 本年收入合计 where printed alone before its figure;
//!   its other lines are not typed.
//! - A code printed over 类/款/项 columns (功能分类科目编码 类 | 款 | 项) is one
//!   classification; the code may end in any of its columns.
//! - A 收入总表 or “三公” table without codes (one row of figures, or a 合计 row and a row per
//!   unit under 单位编码 | 单位名称) is read into [`crate::disclosure::LineTable`] lines: the
//!   leading label columns name the row, the other columns are figures; a “三公” header that
//!   names two costs in one column (「会议费培训费」) makes the table unreadable.
//! - A table printed empty with its statement (本部门无…) is empty; other tables without
//!   codes, a list of units (单位编码) and a cross-tabulation of two code columns (部门经济 ×
//!   政府经济科目编码) are recognised and listed, their rows not typed; a table that cannot be
//!   read reliably (a figure that is not a number, a row with figures and no code, columns
//!   not taken from positions) is reported once as `ingest.table` and left out of the
//!   checks.
//! - The title of another table run into a row (the layout reader did not see it as a title)
//!   ends the rows of the table being read.

use super::cells::{amount, compact, is_amount, is_text, lanci, leading_code};
use super::codes::{economic_code, function_code};
use super::meta::{document_year, strip_years, Headings};
use super::{table_unit, Failure};
use crate::check::{Outcome, Table, Verdict};
use crate::codes::is_ideograph;
use crate::disclosure::names_two_costs;
use crate::disclosure::{
    is_percentage, BudgetLine, BudgetRows, BudgetTable, BudgetTableId, LineTable, Meta,
    PrintedTable, Side, SummaryLine, SummaryTable, TableState, Template,
};
use crate::finding::Finding;
use crate::ingest::printed::{is_statement, label_in, strip_continuation, strip_label};
use crate::ingest::{IngestError, RawDocument, RawTable};
use crate::{Amount, Catalog, Code, EconomicCode, FunctionCode, Unit};
use std::collections::BTreeMap;

/// The budget table a raw table is, from its title (none for a table of the nine).
fn budget_id(t: &RawTable) -> Option<BudgetTableId> {
    t.id.is_none()
        .then(|| BudgetTableId::from_title(&t.title))
        .flatten()
}

/// Whether the document is a budget: it prints no table of a 决算 and tables of a budget.
pub(super) fn is_budget(raw: &RawDocument) -> bool {
    !raw.tables.iter().any(|t| t.id.is_some()) && raw.tables.iter().any(|t| budget_id(t).is_some())
}

/// The title without label, year, continuation mark and white space.
fn bare(title: &str) -> String {
    strip_years(&strip_label(&strip_continuation(&compact(title))))
}

/// The budget tables in printed order: consecutive parts with the same title merged.
fn parts(raw: &RawDocument) -> Vec<(BudgetTableId, RawTable)> {
    let mut out: Vec<(BudgetTableId, RawTable)> = Vec::new();
    for t in &raw.tables {
        let Some(id) = budget_id(t) else { continue };
        if let Some((last_id, last)) = out.last_mut() {
            if *last_id == id && bare(&last.title) == bare(&t.title) {
                last.rows.extend(t.rows.iter().cloned());
                last.trailer.extend(t.trailer.iter().cloned());
                continue;
            }
        }
        out.push((id, t.clone()));
    }
    // A 目录 entry taken for a title (「表8 …」 followed by the next entries) has no rows of
    // its own and names a table printed later.
    let later = |k: usize, id: BudgetTableId| {
        out.iter()
            .skip(k + 1)
            .any(|(i, t)| *i == id && !t.rows.is_empty())
    };
    let keep: Vec<bool> = out
        .iter()
        .enumerate()
        .map(|(k, (id, t))| {
            let statement = t.trailer.iter().any(|l| is_statement(l));
            !t.rows.is_empty() || statement || !later(k, *id)
        })
        .collect();
    out.into_iter()
        .zip(keep)
        .filter_map(|(part, keep)| keep.then_some(part))
        .collect()
}

/// The facts of a budget: department (a field of the cover, 部门名称：X, 预算单位：X, else the
/// name before 部门预算, 单位预算 … on the cover), year, units,
/// kind 预算 and the tables as printed.
pub(super) fn meta(raw: &RawDocument) -> Result<Meta, IngestError> {
    let year = document_year(raw).ok_or(IngestError::NoYear)?;
    let headings = Headings::read(raw);
    let reporting_unit = headings.reporting_unit.clone().unwrap_or_default();
    let department = super::meta::front_field_department(raw)
        .or_else(|| super::meta::department_before(raw, BUDGET_MARKS))
        .map(|d| d.trim_end_matches("年度").to_owned())
        .unwrap_or_else(|| reporting_unit.trim_end_matches("本级").to_owned());
    let tables = parts(raw)
        .into_iter()
        .map(|(_, t)| PrintedTable {
            id: None,
            label: label_in(&t.title)
                .or_else(|| t.label.as_deref().and_then(label_in))
                .or_else(|| t.heading.iter().find_map(|h| label_in(h))),
            title: crate::ingest::printed::typographic_quotes(&bare(&t.title)),
            page: t.page,
            state: if t.trailer.iter().any(|l| is_statement(l)) {
                TableState::Empty
            } else {
                TableState::Read
            },
        })
        .collect();
    Ok(Meta {
        kind: crate::disclosure::Kind::Budget,
        tables,
        department,
        ..super::common_meta(raw, &headings, year, Template::Budget)
    })
}

/// What the cover prints after the department's name.
pub(super) const BUDGET_MARKS: &[&str] = &["部门综合预算", "部门预算", "单位预算", "预算"];

/// Types the budget tables; a table that cannot be read reliably is reported once
/// (`ingest.table`) and its state set to unreadable in `meta`.
pub(super) fn assemble(
    raw: &RawDocument,
    meta: &mut Meta,
    catalog: Option<&Catalog>,
    problems: &mut Vec<Finding>,
) -> Vec<BudgetTable> {
    let mut out = Vec::new();
    for (k, (id, t)) in parts(raw).into_iter().enumerate() {
        let printed = &mut meta.tables[k];
        // A coded table printed without a single figure (only its header and a blank 合计
        // row) is printed empty.
        let figures = t.rows.iter().flatten().any(|c| is_amount(c));
        if id.has_coded_rows() && !figures {
            printed.state = TableState::Empty;
        }
        let two_sided = matches!(id, BudgetTableId::Summary | BudgetTableId::FiscalSummary);
        let lined = matches!(id, BudgetTableId::ThreeCosts);
        let rows =
            if printed.state == TableState::Empty || !(id.has_coded_rows() || two_sided || lined) {
                Ok(BudgetRows::NotRead)
            } else {
                table_unit(&t, meta.unit).and_then(|unit| read(&t, id, unit, catalog))
            };
        let rows = rows.unwrap_or_else(|why| {
            printed.state = TableState::Unreadable;
            problems.push(super::unreadable_table(
                crate::finding::TableRef::Budget(printed.name()),
                printed.page,
                &why,
            ));
            BudgetRows::NotRead
        });
        if matches!(rows, BudgetRows::NotRead) && printed.state == TableState::Read {
            printed.state = TableState::Recognised;
        }
        out.push(BudgetTable {
            id,
            title: printed.name(),
            page: t.page,
            rows,
        });
    }
    out
}

/// A row of a coded table as read: the code as printed, the name and one cell per typed
/// column.
struct CodedRow {
    printed: String,
    name: Option<String>,
    cells: Vec<Option<Amount>>,
}

/// Reads a table's rows: the grand totals of a two-sided table, the lines of a 收入总表 or
/// “三公” table without codes (or by unit), the coded rows of any other; `NotRead` for other
/// tables without codes, lists of units and cross-tabulations.
fn read(
    t: &RawTable,
    id: BudgetTableId,
    unit: Unit,
    catalog: Option<&Catalog>,
) -> Result<BudgetRows, Failure> {
    // A 序号 column before the codes is not read.
    let skip = usize::from(t.columns.first().is_some_and(|c| c.contains("序号")));
    let row_code = |cells: &[String]| {
        row_code(cells.get(skip..).unwrap_or_default())
            .map(|(code, name, next)| (code, name, next + skip))
    };
    if matches!(id, BudgetTableId::Summary | BudgetTableId::FiscalSummary) {
        return Ok(grand_totals(t, unit)?.map_or(BudgetRows::NotRead, BudgetRows::Summary));
    }
    let coded = t.rows.iter().any(|r| row_code(r).is_some());
    // A list of units (单位编码) or a cross-tabulation of two classifications (部门经济科目编码
    // and 政府经济科目编码, a code on several rows by design) is no hierarchy of codes.
    let code_columns = t
        .columns
        .iter()
        .filter(|c| c.contains("编码") || c.contains("代码"));
    let units = t
        .columns
        .iter()
        .any(|c| c.contains("单位编码") || c.contains("单位代码"));
    // One code split over 类/款/项 columns counts once.
    let (parts, whole): (Vec<&String>, Vec<&String>) = code_columns.partition(|c| code_part(c));
    let classifications = whole.len() + usize::from(!parts.is_empty());
    if matches!(id, BudgetTableId::Income | BudgetTableId::ThreeCosts) && (!coded || units) {
        if let Some(h) = t.columns.iter().find(|h| names_two_costs(h)) {
            return Err(format!(
                "表头「{h}」含两项费用，两列读成了一列，各列无法对应"
            ));
        }
        return lines(t, unit);
    }
    if !coded || units || classifications > 1 {
        return Ok(BudgetRows::NotRead);
    }
    if t.columns.is_empty() {
        return Err("表头未能按位置读取，各列无法对应".into());
    }
    remarks_hold_no_figures(t)?;
    let first = t
        .rows
        .iter()
        .find_map(|r| row_code(r))
        .map_or(0, |(_, _, next)| next);
    let name_at = text_columns_end(t, first);
    let columns: Vec<usize> = (name_at + 1..t.columns.len())
        .filter(|&j| !is_percentage(&t.columns[j]))
        .collect();
    let labels: Vec<String> = columns
        .iter()
        .map(|&j| t.columns[j].trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    let mut total = None;
    let mut class: Option<String> = None;
    for cells in &t.rows {
        if lanci(cells).is_some() || is_header(cells, &t.columns) || is_numbering(cells) {
            continue;
        }
        // The title of the next table, run into a row, ends this one.
        if !rows.is_empty() && cells.iter().any(|c| names_a_table(c)) {
            break;
        }
        let amounts = |cells: &[String]| -> Result<Vec<Option<Amount>>, Failure> {
            columns
                .iter()
                .map(|&j| amount(cells.get(j).map_or("", String::as_str), unit))
                .collect()
        };
        if let Some((mut printed, name, next)) = row_code(cells) {
            // Every code ends in the same column, or in a column of the code (类/款/项 each
            // its own); a row whose code does not was cut into cells that do not sit under
            // the header (text without positions).
            let in_code_column = next
                .checked_sub(1)
                .and_then(|j| t.columns.get(j))
                .is_some_and(|h| h.contains("编码") || h.contains("代码"));
            if next != first && !in_code_column {
                return Err(format!(
                    "「{}」的科目编码不在编码列，各列未对齐",
                    cells.join(" ")
                ));
            }
            if printed.len() == 3 {
                class = Some(printed.clone());
            } else if printed.len() == 2 {
                let Some(c) = &class else {
                    return Err(format!("款编码「{printed}」前没有类"));
                };
                printed = format!("{c}{printed}");
            }
            rows.push(CodedRow {
                printed,
                name,
                cells: amounts(cells)?,
            });
        } else if is_total_row(cells) && cells.iter().any(|c| is_amount(c)) {
            if total.is_some() {
                return Err("合计行出现两次".into());
            }
            total = Some(amounts(cells)?);
        } else if rows.is_empty() {
            // A row before the first code: the department's or a unit's line (深圳市财政局（本级）)
            // or a header line; not checked.
        } else if cells.iter().any(|c| is_amount(c)) {
            return Err(format!("「{}」有金额但没有科目编码", cells.join(" ")));
        }
    }
    let economic = rows
        .first()
        .is_some_and(|r| r.printed.starts_with(['3', '5']));
    let name = id.label();
    if economic {
        let list = catalog.map(|c| c.economic());
        let mut table: Table<EconomicCode> = Table::new(name, labels);
        for r in rows {
            let code = economic_code(&r.printed, r.name.as_deref(), list)?;
            push(&mut table, code, r)?;
        }
        set_total(&mut table, total)?;
        misread(&table)?;
        Ok(BudgetRows::Economic(table))
    } else {
        let known = BTreeMap::new();
        let mut table: Table<FunctionCode> = Table::new(name, labels);
        for r in rows {
            let (code, _) = function_code(&r.printed, r.name.as_deref(), &known, catalog)?;
            push(&mut table, code, r)?;
        }
        set_total(&mut table, total)?;
        misread(&table)?;
        Ok(BudgetRows::Functional(table))
    }
}

/// A table whose hierarchy fails on many comparisons of a column (two or more, over a
/// third of them) or on its 合计 row in two columns was read with its columns in the wrong
/// places: a reading problem, reported once, not a cascade of errors of the document (a
/// document's own errors are a few differences, not a pattern).
fn misread<C: Code>(table: &Table<C>) -> Result<(), Failure> {
    let mut per_column: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let mut total_failures = 0;
    for r in table.hierarchy_results(crate::Rounding::Nearest) {
        if let (Some(column), Outcome::Compared(c)) = (r.column, &r.outcome) {
            let bad = c.verdict == Verdict::Inconsistent;
            let e = per_column.entry(column).or_default();
            e.0 += 1;
            e.1 += usize::from(bad);
            total_failures += usize::from(bad && r.row.is_none());
        }
    }
    if total_failures >= 2 {
        return Err(format!(
            "读取后合计行有 {total_failures} 列不等于各类之和，疑似列读错位"
        ));
    }
    match per_column
        .into_iter()
        .find(|&(_, (n, bad))| bad >= 2 && bad * 3 > n)
    {
        Some((column, (n, bad))) => Err(format!(
            "读取后「{}」列 {bad}/{n} 处上下级科目之和不符，疑似列读错位",
            table.columns().get(column).map_or("", String::as_str)
        )),
        None => Ok(()),
    }
}

/// Whether a heading of a code column names one part of a code printed over 类/款/项
/// columns (功能分类科目编码类, …编码款, …编码项).
fn code_part(heading: &str) -> bool {
    let after = ["编码", "代码"]
        .iter()
        .filter_map(|w| heading.rfind(w).map(|i| &heading[i + w.len()..]))
        .min_by_key(|rest| rest.len());
    after.is_some_and(|rest| rest.starts_with(['类', '款', '项']))
}

/// A figure other than 0 under a column headed 备注 (remarks, text) means the figures do not
/// sit under the columns the header names (a row's cells shifted by one): the table is not
/// read. (A lone 0 placed between two columns adds nothing wherever it goes.)
fn remarks_hold_no_figures(t: &RawTable) -> Result<(), Failure> {
    let remarks: Vec<usize> = (0..t.columns.len())
        .filter(|&j| t.columns[j].contains("备注"))
        .collect();
    let figure = |c: &String| {
        is_amount(c) && amount(c, Unit::Yuan).is_ok_and(|a| a.is_some_and(|a| !a.value().is_zero()))
    };
    let shifted = t
        .rows
        .iter()
        .find(|cells| remarks.iter().any(|&j| cells.get(j).is_some_and(figure)));
    match shifted {
        Some(cells) => Err(format!(
            "「{}」的金额落在备注列，各列未对齐",
            cells.join(" ")
        )),
        None => Ok(()),
    }
}

/// Whether a heading names a label column of a table without codes (序号, 单位编码, 单位名称,
/// 预算单位, 年度, a heading ending in 项目 or 单位), not figures.
fn is_label_column(heading: &str) -> bool {
    ["序号", "编码", "代码", "名称", "预算单位", "年度"]
        .iter()
        .any(|w| heading.contains(w))
        || heading.ends_with("项目")
        || heading.ends_with("单位")
}

/// The rows of a table without classification codes (收入总表 by unit or as one row, the
/// “三公” table): the leading label columns (序号, 单位编码, 单位名称 …) name the row, the
/// cell under each other column (percentages left out) is its figure; rows without figures,
/// header repeats and column numbering are skipped, and the title of a table printed next
/// (附表…, …绩效目标表) ends the rows. `NotRead` when the header was not
/// taken from positions.
fn lines(t: &RawTable, unit: Unit) -> Result<BudgetRows, Failure> {
    if t.columns.is_empty() {
        return Ok(BudgetRows::NotRead);
    }
    remarks_hold_no_figures(t)?;
    let labels = t.columns.iter().take_while(|h| is_label_column(h)).count();
    let columns: Vec<usize> = (labels..t.columns.len())
        .filter(|&j| !is_percentage(&t.columns[j]))
        .collect();
    let mut out = LineTable {
        columns: columns
            .iter()
            .map(|&j| t.columns[j].trim().to_owned())
            .collect(),
        lines: Vec::new(),
    };
    for cells in &t.rows {
        if lanci(cells).is_some() || is_header(cells, &t.columns) || is_numbering(cells) {
            continue;
        }
        // The title of what the document prints next (附表14 …绩效目标表) ends the table.
        if !out.lines.is_empty() && cells.iter().any(|c| names_a_table(c)) {
            break;
        }
        let figures = columns
            .iter()
            .any(|&j| cells.get(j).is_some_and(|c| is_amount(c)));
        if !figures {
            continue;
        }
        let name = cells.iter().take(labels).map(|c| compact(c)).collect();
        let cells = columns
            .iter()
            .map(|&j| amount(cells.get(j).map_or("", String::as_str), unit))
            .collect::<Result<_, _>>()?;
        out.lines.push(BudgetLine { name, cells });
    }
    Ok(if out.lines.is_empty() {
        BudgetRows::NotRead
    } else {
        BudgetRows::Lines(out)
    })
}

/// Whether a cell names a table printed after the one being read: 附表…, …目标表 (the
/// performance targets that follow the budget tables), or the title of a budget table, alone
/// or run into the text after it (「…基本支出明细表（按支出经济分类科目…）序」).
fn names_a_table(cell: &str) -> bool {
    let c = compact(cell);
    let titled = c
        .match_indices('表')
        .any(|(i, _)| BudgetTableId::from_title(&c[..i + '表'.len_utf8()]).is_some());
    c.contains("附表") || c.contains("目标表") || titled
}

/// The 收入总计 and 支出总计 of a two-sided table, from the row that prints both (labels
/// spread over cells 「收 | 入 | 总 | 计」 or run into a figure 「943864999.96 支出总计」): the
/// first figure after each label; and its 本年收入合计 where a row prints that label alone
/// before a figure (not run into another label: 「本年收入合计使用非财政拨款结余」 is two
/// lines read as one, its figure either's). `None` when no row prints both totals.
fn grand_totals(t: &RawTable, unit: Unit) -> Result<Option<SummaryTable>, Failure> {
    let line = |side, name: &str, cell| SummaryLine {
        side,
        line: 0,
        name: name.to_owned(),
        cells: vec![Some(cell)],
        note: String::new(),
    };
    for cells in &t.rows {
        let [Some(income), Some(expense)] = figures_after(cells, unit, &["收入总计", "支出总计"])?
        else {
            continue;
        };
        let mut lines = vec![
            line(Side::Income, "收入总计", income),
            line(Side::Expense, "支出总计", expense),
        ];
        for cells in &t.rows {
            if let [Some(this_year)] = figures_after(cells, unit, &["本年收入合计"])? {
                lines.insert(0, line(Side::Income, "本年收入合计", this_year));
                break;
            }
        }
        return Ok(Some(SummaryTable {
            columns: vec!["金额".to_owned()],
            lines,
        }));
    }
    Ok(None)
}

/// The first figure of a row after each of the `labels` (the CJK text before the figure
/// ends with it), `None` where none follows.
fn figures_after<const N: usize>(
    cells: &[String],
    unit: Unit,
    labels: &[&str; N],
) -> Result<[Option<Amount>; N], Failure> {
    let mut found = [None; N];
    let mut label = String::new();
    for token in cells.iter().flat_map(|c| c.split_whitespace()) {
        if is_amount(token) {
            let Some(k) = labels.iter().position(|l| label.ends_with(l)) else {
                continue;
            };
            if found[k].is_none() {
                found[k] = amount(token, unit)?;
            }
            label.clear();
        } else {
            label.extend(token.chars().filter(|&c| is_ideograph(c)));
        }
    }
    Ok(found)
}

fn push<C: Code>(table: &mut Table<C>, code: C, r: CodedRow) -> Result<(), Failure> {
    table
        .push(code, r.name.as_deref(), r.cells)
        .map_err(|e| e.to_string())
}

fn set_total<C: Code>(
    table: &mut Table<C>,
    total: Option<Vec<Option<Amount>>>,
) -> Result<(), Failure> {
    match total {
        Some(t) => table.set_total(t).map_err(|e| e.to_string()),
        None => Ok(()),
    }
}

/// The code at the start of a row (a code cell, a code followed by its name, a code split
/// over 类/款/项 cells, or a 款 printed as its two digits under its 类), the name after it
/// and the index of the cell after the code.
fn row_code(cells: &[String]) -> Option<(String, Option<String>, usize)> {
    let first = cells.iter().position(|c| !c.trim().is_empty())?;
    if let Some((printed, name)) = leading_code(&cells[first]) {
        return matches!(printed.len(), 3 | 5 | 7).then_some((printed, Some(name), first + 1));
    }
    let name_after = |next: usize| {
        cells
            .iter()
            .skip(next)
            .find(|c| !c.trim().is_empty())
            .filter(|c| is_text(c))
            .map(|c| c.trim().to_owned())
    };
    let (digits, next) = super::functional::code_prefix(cells, first);
    let classified = matches!(digits.len(), 3 | 5 | 7) && digits.starts_with(['2', '3', '5']);
    if classified {
        return Some((digits, name_after(next), next));
    }
    // A 款 printed as its own two digits under its 类 (「201 一般公共服务支出」, then 「10
    // 人力资源事务」): completed by the reader under the last 类 printed.
    let own = compact(&cells[first]);
    let relative = own.len() == 2 && own.chars().all(|c| c.is_ascii_digit());
    let name = name_after(first + 1);
    (relative && name.is_some()).then_some((own, name, first + 1))
}

/// The last column of codes and names: the last header column after the code that names
/// codes or names (名称, 编码, 代码: 部门经济科目编码 | 名称 | 政府经济科目编码 | 名称), else
/// the column after the code.
fn text_columns_end(t: &RawTable, after_code: usize) -> usize {
    t.columns
        .iter()
        .enumerate()
        .skip(after_code.saturating_sub(1))
        .filter(|(_, c)| ["名称", "编码", "代码"].iter().any(|w| c.contains(w)))
        .map(|(j, _)| j)
        .next_back()
        .unwrap_or(after_code)
        .max(after_code)
}

/// Whether a row repeats the header (the column labels, as the reader gave them).
fn is_header(cells: &[String], columns: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    !filled.is_empty()
        && filled.iter().all(|c| !is_amount(c))
        && cells
            .iter()
            .zip(columns)
            .all(|(c, h)| c.trim().is_empty() || h.contains(c.trim()))
}

/// Whether a row only numbers the columns (栏次: 「** ** 1 2 3 4 **」).
fn is_numbering(cells: &[String]) -> bool {
    let filled: Vec<String> = cells
        .iter()
        .map(|c| compact(c))
        .filter(|c| !c.is_empty())
        .collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            c.chars().all(|ch| ch == '*')
                || (c.len() <= 2 && c.chars().all(|ch| ch.is_ascii_digit()))
        })
}

/// Whether a row is the 合计 row: no code, and its text is 合计 or 总计 (also split over two
/// cells, 「合 | 计」, with page furniture in between, or after a 序号).
fn is_total_row(cells: &[String]) -> bool {
    let text: String = cells
        .iter()
        .filter(|c| is_text(c))
        .map(|c| compact(c))
        .collect();
    let cjk: String = text.chars().filter(|&c| is_ideograph(c)).collect();
    cjk.contains("合计") || cjk.contains("总计") || (cjk.starts_with('合') && cjk.ends_with('计'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 一般公共预算支出表 of these rows.
    fn table(rows: &[&[&str]]) -> RawTable {
        raw(
            "一般公共预算支出表",
            &["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            rows,
        )
    }

    #[test]
    fn a_kuan_printed_as_two_digits_is_completed_under_its_class() {
        let t = table(&[
            &["201", "一般公共服务支出", "10.00", "6.00", "4.00"],
            &["10", "人力资源事务", "10.00", "6.00", "4.00"],
            &["2011001", "行政运行", "10.00", "6.00", "4.00"],
            &["合", "计", "10.00", "6.00", "4.00"],
        ]);
        let id = BudgetTableId::GeneralExpenditure;
        let Ok(BudgetRows::Functional(read)) = read(&t, id, Unit::TenThousandYuan, None) else {
            panic!("not read");
        };
        let codes: Vec<String> = read.rows().iter().map(|r| r.code.to_string()).collect();
        assert_eq!(codes, ["201", "20110", "2011001"]);
        assert_eq!(read.columns(), ["合计", "基本支出", "项目支出"]);
        assert!(read.total().is_some());
    }

    fn raw(title: &str, columns: &[&str], rows: &[&[&str]]) -> RawTable {
        let cells = |r: &[&str]| r.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        RawTable {
            title: title.into(),
            columns: cells(columns),
            rows: rows.iter().map(|r| cells(r)).collect(),
            ..RawTable::default()
        }
    }

    #[test]
    fn an_income_table_by_unit_is_read_into_lines_up_to_the_next_title() {
        let t = raw(
            "收入总表",
            &[
                "单位编码",
                "单位名称",
                "合计",
                "一般公共预算拨款",
                "上年结转",
            ],
            &[
                &["", "合计", "10.00", "9.00", "1.00"],
                &["121001", "甲单位", "10.00", "9.00", "1.00"],
                &["附表1 部门整体支出绩效目标表", "", "12", "", ""],
            ],
        );
        let id = BudgetTableId::Income;
        let Ok(BudgetRows::Lines(read)) = read(&t, id, Unit::TenThousandYuan, None) else {
            panic!("not read");
        };
        assert_eq!(read.columns, ["合计", "一般公共预算拨款", "上年结转"]);
        let names: Vec<&str> = read.lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["合计", "121001甲单位"]);
        assert_eq!(
            read.total().unwrap().cells[2].unwrap().to_string(),
            "1.00 万元"
        );
    }

    #[test]
    fn a_summary_reads_this_years_income_only_where_its_label_stands_alone() {
        let summary = |this_year: &str| {
            raw(
                "收支总表",
                &["项目", "预算数", "项目", "预算数"],
                &[
                    &[
                        "一、一般公共预算拨款收入",
                        "9.00",
                        "一、一般公共服务支出",
                        "10.00",
                    ],
                    &[this_year, "9.00", "本年支出合计", "10.00"],
                    &["上年结转", "1.00", "", ""],
                    &["收", "入 总 计", "10.00 支出总计", "10.00"],
                ],
            )
        };
        let labels = |t: &RawTable| match grand_totals(t, Unit::TenThousandYuan) {
            Ok(Some(s)) => s.lines.iter().map(|l| l.name.clone()).collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        assert_eq!(
            labels(&summary("本年收入合计")),
            ["本年收入合计", "收入总计", "支出总计"]
        );
        assert_eq!(
            labels(&summary("本年收入合计使用非财政拨款结余")),
            ["收入总计", "支出总计"]
        );
    }

    #[test]
    fn a_figure_under_the_remarks_column_makes_the_table_unreadable() {
        let columns = [
            "科目编码",
            "科目名称",
            "合计",
            "人员经费",
            "公用经费",
            "备注",
        ];
        let t = raw(
            "一般公共预算基本支出表",
            &columns,
            &[&["205", "教育支出", "3.00", "1.00", "", "2.00"]],
        );
        let id = BudgetTableId::GeneralBasic;
        assert!(read(&t, id, Unit::TenThousandYuan, None).is_err());
        // A lone 0 placed between two columns is no shift.
        let zero = raw(
            "一般公共预算基本支出表",
            &columns,
            &[&["205", "教育支出", "1.00", "1.00", "", "0"]],
        );
        assert!(read(&zero, id, Unit::TenThousandYuan, None).is_ok());
    }

    #[test]
    fn a_three_costs_header_with_two_costs_in_one_column_is_unreadable() {
        let t = raw(
            "“三公”经费支出表",
            &["合计", "因公出国（境）费", "公务接待费", "会议费培训费"],
            &[&["3.00", "1.00", "2.00", "4.00"]],
        );
        assert!(read(&t, BudgetTableId::ThreeCosts, Unit::TenThousandYuan, None).is_err());
    }

    #[test]
    fn a_code_over_class_kuan_item_columns_is_one_classification() {
        let columns = [
            "科目编码类",
            "科目编码款",
            "科目编码项科目名称",
            "合计",
            "财政拨款收入",
        ];
        let t = raw(
            "收入预算总表",
            &columns,
            &[
                &["201", "", "一般公共服务支出", "10.00", "10.00"],
                &["20106", "", "财政事务", "10.00", "10.00"],
                &["", "2010601", "行政运行", "10.00", "10.00"],
                &["", "", "合计", "10.00", "10.00"],
            ],
        );
        let Ok(BudgetRows::Functional(read)) =
            read(&t, BudgetTableId::Income, Unit::TenThousandYuan, None)
        else {
            panic!("not read");
        };
        assert_eq!(read.rows().len(), 3);
        assert_eq!(read.columns(), ["合计", "财政拨款收入"]);
    }

    #[test]
    fn rows_that_do_not_sit_under_the_header_make_the_table_unreadable() {
        let id = BudgetTableId::GeneralExpenditure;
        let orphan = table(&[&["10", "人力资源事务", "10.00", "6.00", "4.00"]]);
        assert!(read(&orphan, id, Unit::TenThousandYuan, None).is_err());
        let shifted = table(&[
            &["201", "一般公共服务支出", "10.00", "6.00", "4.00"],
            &["", "20101", "人大事务", "10.00", "6.00"],
        ]);
        assert!(read(&shifted, id, Unit::TenThousandYuan, None).is_err());
    }
}
