//! Cutting PDF-extracted text into a [`RawDocument`].
//!
//! The text is read line by line:
//! - a **title line** (a line that ends with the title or an alias of one of the nine tables,
//!   see [`TableId::from_title`], and is followed by the headings of a table) starts a table;
//!   a title seen again (a continuation page, 「（续）」) continues the same table;
//! - inside a table, the lines before the first row are **headings** (公开02表, 单位：…,
//!   金额单位：…), lines with several cells are **rows**, and 注：… lines and 本部门…无…
//!   statements are the **trailer**; blank lines, page numbers and repeated headings are
//!   dropped, so a table continuing on the next page is merged;
//! - the **narrative** is every line from the first line starting with 第三部分 after the
//!   first table to the end; everything before the first table is **front** matter.
//!
//! Cells are split on tabs; a line without tabs is split on runs of two or more spaces.

use super::printed::{
    is_heading_line, is_page_furniture, is_part_heading, is_trailer_start, title_of,
};
use super::{RawDocument, RawTable};
use crate::disclosure::TableId;

/// Cuts extracted text into front matter, tables and narrative.
pub(super) fn split(text: &str) -> RawDocument {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let titles = find_titles(&lines);
    let Some(&(first, _)) = titles.first() else {
        return RawDocument {
            front: lines.iter().map(|l| l.to_string()).collect(),
            ..RawDocument::default()
        };
    };
    let end = narrative_start(&lines, first);
    let titles: Vec<(usize, TableId)> = titles.into_iter().filter(|&(i, _)| i < end).collect();
    let mut doc = RawDocument {
        front: owned(lines.get(..first).unwrap_or_default()),
        tables: Vec::new(),
        narrative: owned(lines.get(end..).unwrap_or_default()),
        // Plain text has no pages.
        ..RawDocument::default()
    };
    for (k, &(start, id)) in titles.iter().enumerate() {
        let stop = titles.get(k + 1).map_or(end, |&(i, _)| i);
        let body = lines.get(start + 1..stop).unwrap_or_default();
        let title = lines.get(start).map_or("", |l| l.trim());
        add_region(&mut doc.tables, id, title, body);
    }
    doc
}

/// Copies lines into owned strings.
fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| l.to_string()).collect()
}

/// The tables of one region (title + body) are appended to `tables`: a new table, or the
/// continuation of an earlier one with the same id.
fn add_region(tables: &mut Vec<RawTable>, id: TableId, title: &str, body: &[&str]) {
    let region = read_region(body);
    match tables.iter_mut().find(|t| t.id == Some(id)) {
        Some(t) => {
            t.rows.extend(region.rows);
            t.trailer.extend(region.trailer);
        }
        None => tables.push(RawTable {
            id: Some(id),
            title: title.to_owned(),
            ..region
        }),
    }
}

/// Splits the body of a table (the lines after its title) into headings, rows and trailer.
fn read_region(body: &[&str]) -> RawTable {
    let mut t = RawTable::default();
    let mut in_trailer = false;
    for line in body {
        let trimmed = line.trim();
        if trimmed.is_empty() || is_page_furniture(trimmed) {
            continue;
        }
        let cells = split_cells(line);
        let filled = cells.iter().filter(|c| !c.is_empty()).count();
        if is_heading_line(&cells) {
            if t.rows.is_empty() && !in_trailer {
                t.heading.push(trimmed.to_owned());
            }
        } else if is_trailer_start(trimmed) || (in_trailer && filled <= 1) {
            in_trailer = true;
            t.trailer.push(trimmed.to_owned());
        } else {
            t.rows.push(cells);
        }
    }
    t
}

/// Splits a line into trimmed cells: on tabs, or, for a line without tabs, on runs of two
/// or more spaces (ideographic spaces count as spaces).
pub(super) fn split_cells(line: &str) -> Vec<String> {
    if line.contains('\t') {
        return line.split('\t').map(|c| c.trim().to_owned()).collect();
    }
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut spaces = String::new();
    for c in line.trim().chars() {
        if c == ' ' || c == '\u{3000}' {
            spaces.push(c);
            continue;
        }
        if is_separator(&spaces) {
            cells.push(std::mem::take(&mut current));
        } else {
            current.push_str(&spaces);
        }
        spaces.clear();
        current.push(c);
    }
    cells.push(current);
    cells
}

/// The table a line of text names, if it looks like a title (see [`title_of`]).
pub(super) fn title_id(line: &str) -> Option<TableId> {
    let cells = split_cells(line);
    title_of(&cells.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Whether a run of spaces separates cells: it is at least two spaces wide (an ideographic
/// space is two wide).
fn is_separator(spaces: &str) -> bool {
    let width: usize = spaces
        .chars()
        .map(|c| if c == '\u{3000}' { 2 } else { 1 })
        .sum();
    width >= 2
}

/// The title lines of tables, in order, with the table each names. A line counts when it
/// names a table (after removing a 公开NN表 label and a 续 mark), is short, has at most one
/// cell, does not start with a list number (目录 entries do), and is followed by a heading of
/// a table before the next title.
fn find_titles(lines: &[&str]) -> Vec<(usize, TableId)> {
    let candidates: Vec<(usize, TableId)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| title_id(l).map(|id| (i, id)))
        .collect();
    candidates
        .iter()
        .enumerate()
        .filter(|(k, &(i, _))| {
            let next = candidates.get(k + 1).map_or(lines.len(), |&(j, _)| j);
            confirmed(lines.get(i + 1..next).unwrap_or_default())
        })
        .map(|(_, &c)| c)
        .collect()
}

/// Whether the lines after a title candidate show a table: a heading line (公开NN表,
/// 单位：…) or a row of several cells among the first few non-blank lines.
fn confirmed(after: &[&str]) -> bool {
    after
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(8)
        .any(|l| {
            let cells = split_cells(l);
            is_heading_line(&cells) || cells.iter().filter(|c| !c.is_empty()).count() >= 3
        })
}

/// The index of the first line of the narrative: the first line starting with 第三部分
/// after the first table title, else the first 第…部分 heading after it, else the end.
fn narrative_start(lines: &[&str], first_title: usize) -> usize {
    let after = || lines.iter().enumerate().skip(first_title + 1);
    after()
        .find(|(_, l)| l.trim_start().starts_with("第三部分"))
        .or_else(|| after().find(|(_, l)| is_part_heading(l)))
        .map_or(lines.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::printed::is_statement;

    #[test]
    fn cells_split_on_tabs_or_space_runs() {
        assert_eq!(split_cells("a\t\tb "), ["a", "", "b"]);
        assert_eq!(
            split_cells("201  一般公共服务 支出   3,613.82"),
            ["201", "一般公共服务 支出", "3,613.82"]
        );
        assert_eq!(split_cells("  "), [""]);
    }

    #[test]
    fn titles_and_not_toc_entries() {
        assert_eq!(title_id("2024 年度收入决算表"), Some(TableId::T02));
        assert_eq!(title_id("2024年度收入决算表（续）"), Some(TableId::T02));
        assert_eq!(title_id("公开02表 2024年度收入决算表"), Some(TableId::T02));
        assert_eq!(title_id("二、收入决算表"), None);
        assert_eq!(title_id("二、收入决算表\t8"), None);
        assert!(is_page_furniture("- 9 -"));
        assert!(is_page_furniture("第 9 页"));
        assert!(!is_page_furniture("4,789.53"));
    }

    #[test]
    fn the_seed_is_cut_into_front_tables_and_narrative() {
        let raw = split(include_str!(
            "../../data/disclosures/hongshan-finance-2024/source.txt"
        ));
        let ids: Vec<Option<TableId>> = raw.tables.iter().map(|t| t.id).collect();
        let all: Vec<Option<TableId>> = TableId::ALL.iter().copied().map(Some).collect();
        assert_eq!(ids, all);
        assert!(
            raw.front.iter().any(|l| l.trim() == "目 录"),
            "目录 stays in front"
        );
        let first = raw
            .narrative
            .first()
            .map(String::as_str)
            .unwrap_or_default();
        assert!(first.starts_with("第三部分"), "{first}");
        assert!(raw.narrative.iter().any(|l| l.contains("名词解释")));
        let t04 = &raw.tables[3];
        assert_eq!(t04.heading.len(), 4, "{:?}", t04.heading);
        assert_eq!(t04.rows.len(), 4 + 32, "header rows and both pages");
        assert!(t04.trailer[0].starts_with("注："));
        let t07 = &raw.tables[6];
        assert!(t07.heading.iter().any(|h| h.contains("公开 07 表")));
        assert!(t07.trailer.iter().any(|l| is_statement(l)));
    }

    #[test]
    fn a_repeated_title_continues_its_table() {
        let text = "2024年度收入决算表\n公开02表\n项目\t本年收入合计\n201\t一般\t1.00\n\
                    - 8 -\n2024年度收入决算表（续）\n公开02表\n项目\t本年收入合计\n208\t社保\t2.00\n\
                    注：本表反映…\n第三部分 说明";
        let raw = split(text);
        assert_eq!(raw.tables.len(), 1);
        assert_eq!(raw.tables[0].rows.len(), 4);
        assert_eq!(raw.tables[0].trailer.len(), 1);
        assert_eq!(raw.narrative, ["第三部分 说明"]);
    }

    #[test]
    fn a_table_without_headings_after_its_title_is_not_one() {
        let raw = split("目录\n收入决算表\n支出决算表\n正文");
        assert!(raw.tables.is_empty());
        assert_eq!(raw.front.len(), 4);
    }
}
