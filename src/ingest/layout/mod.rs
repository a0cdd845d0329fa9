//! The table reader of the page model: pages of positioned lines (from a PDF or layout
//! text) cut into front matter, tables and narrative, each table read into a grid whose
//! columns come from its own header (see [`grid`]).
//!
//! - A **title** is a line that names a table (see [`title_line`]) and is followed by the
//!   heading or rows of a table; the title of a table that is none of the nine (高等学校财政拨款
//!   支出决算表) starts a table without id, and a label printed alone on the line above the
//!   title (表7) is kept. A title seen again continues its table (a title repeated on
//!   every page); a page that starts with rows and no title continues the open table.
//! - In a table, **heading** lines (单位：…, 金额单位：…, 公开02表, 表2) are kept apart, the
//!   lines above the first data line of a page are its **header**, the rest are **rows**,
//!   and from a 注/说明 line or an empty-table statement (本部门…无…) on, the **trailer**.
//! - The **narrative** starts at the first 第三部分 heading after the first table; what
//!   precedes the first table is **front** matter. Page numbers are dropped everywhere.

mod grid;

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use super::page::{Line, Page, Position};
use super::printed::{
    is_explanation_heading, is_heading_line, is_label, is_level_heading, is_narrative_start,
    is_page_furniture, is_part_heading, is_trailer_start, title_line,
};
use super::{RawDocument, RawTable};
use crate::disclosure::TableId;
pub(super) use grid::is_data_line;
use grid::{is_label_row, BodyLine};

/// A line of the document with its position.
#[derive(Clone, Copy)]
struct Item<'a> {
    line: &'a Line,
    at: Position,
}

impl Item<'_> {
    /// The line's cells (overlapping spans joined, see [`Line::cells`]).
    fn cells(&self) -> Vec<String> {
        self.line.cells()
    }
}

/// Borrowed views of owned cells, for the vocabulary's functions.
fn views(cells: &[String]) -> Vec<&str> {
    cells.iter().map(String::as_str).collect()
}

/// Cuts pages into front matter, tables and narrative.
pub(super) fn split(pages: &[Page]) -> RawDocument {
    let pages: Vec<Page> = pages
        .iter()
        .map(|p| Page {
            number: p.number,
            lines: p.lines.iter().map(grid::clean_line).collect(),
        })
        .collect();
    let items: Vec<Item> = pages
        .iter()
        .flat_map(|p| {
            // A page number is printed at the top or the bottom of its page; a lone number
            // elsewhere is a cell (a 类 code on a line of its own).
            let filled: Vec<usize> = (0..p.lines.len())
                .filter(|&i| !p.lines[i].is_blank())
                .collect();
            let edges = [filled.first().copied(), filled.last().copied()];
            p.lines
                .iter()
                .enumerate()
                .filter(move |(i, l)| {
                    let folio = edges.contains(&Some(*i)) && is_page_furniture(&l.text());
                    !l.is_blank() && !folio
                })
                .map(move |(i, line)| Item {
                    line,
                    at: Position {
                        page: p.number,
                        line: i + 1,
                    },
                })
        })
        .collect();
    let titles = find_titles(&items);
    let Some(&(first, _)) = titles.first() else {
        return RawDocument {
            front: texts(&items),
            front_pages: pages_of(&items),
            ..RawDocument::default()
        };
    };
    let end = narrative_start(&items, first);
    let titles: Vec<(usize, Option<TableId>)> =
        titles.into_iter().filter(|&(i, _)| i < end).collect();
    let mut doc = RawDocument {
        front: texts(items.get(..first).unwrap_or_default()),
        front_pages: pages_of(items.get(..first).unwrap_or_default()),
        narrative_pages: pages_of(items.get(end..).unwrap_or_default()),
        tables: Vec::new(),
        narrative: items
            .get(end..)
            .unwrap_or_default()
            .iter()
            .map(|it| match it.line.spans.as_slice() {
                // A line of one span as given: a row of TAB-separated cells keeps its blanks.
                [one] => one.text.clone(),
                _ => it.line.text(),
            })
            .collect(),
    };
    let mut open: Vec<(Key, Continuation)> = Vec::new();
    // The rows of each table of `doc.tables`, to find a repeated row in constant time.
    let mut indexes: Vec<RowIndex> = Vec::new();
    for (k, &(start, id)) in titles.iter().enumerate() {
        let stop = titles.get(k + 1).map_or(end, |&(i, _)| i);
        let Some(title) = items.get(start) else {
            continue;
        };
        let body = items.get(start + 1..stop).unwrap_or_default();
        let key = key_of(id, title);
        let previous = open.iter().find(|(t, _)| *t == key).map(|(_, c)| c.clone());
        let (mut table, last) = read_region(id, title, body, previous);
        table.label = start
            .checked_sub(1)
            .and_then(|i| items.get(i))
            .filter(|it| it.at.page == title.at.page && is_label(&it.line.text()))
            .map(|it| crate::ingest::printed::compact(&it.line.text()));
        open.retain(|(t, _)| *t != key);
        if let Some(last) = last {
            open.push((key, last));
        }
        let title_text = title.line.text();
        let same = |t: &&mut RawTable| t.id == id && (id.is_some() || t.title == title_text);
        match doc.tables.iter_mut().position(|t| same(&t)) {
            Some(k) => {
                let (t, index) = (&mut doc.tables[k], &mut indexes[k]);
                // A repeated header row, and a 合计 row repeated on every page, are one row.
                for row in table.rows {
                    if !index.contains(&t.rows, &row) {
                        index.add(&row, t.rows.len());
                        t.rows.push(row);
                    }
                }
                t.trailer.extend(table.trailer);
            }
            None => {
                indexes.push(RowIndex::of(&table.rows));
                doc.tables.push(table);
            }
        }
    }
    doc
}

/// The rows of a table by their hash: whether a row is already in the table is found in
/// constant time (a table continued over thousands of pages repeats its header and 合计
/// rows on each).
#[derive(Default)]
struct RowIndex {
    hasher: RandomState,
    rows: HashMap<u64, Vec<usize>>,
}

impl RowIndex {
    /// The index of `rows`.
    fn of(rows: &[Vec<String>]) -> RowIndex {
        let mut index = RowIndex::default();
        for (i, row) in rows.iter().enumerate() {
            index.add(row, i);
        }
        index
    }

    /// Records that `rows[i]` is `row`.
    fn add(&mut self, row: &[String], i: usize) {
        let hash = self.hasher.hash_one(row);
        self.rows.entry(hash).or_default().push(i);
    }

    /// Whether `rows`, the rows indexed, hold `row`.
    fn contains(&self, rows: &[Vec<String>], row: &[String]) -> bool {
        self.rows
            .get(&self.hasher.hash_one(row))
            .is_some_and(|is| is.iter().any(|&i| rows.get(i).is_some_and(|r| r == row)))
    }
}

/// The text of each item.
fn texts(items: &[Item]) -> Vec<String> {
    items.iter().map(|it| it.line.text()).collect()
}

/// The page of each item.
fn pages_of(items: &[Item]) -> Vec<usize> {
    items.iter().map(|it| it.at.page).collect()
}

/// What tells tables apart: the id of a table of the nine, the title of another.
type Key = (Option<TableId>, String);

/// The key of a table region.
fn key_of(id: Option<TableId>, title: &Item) -> Key {
    match id {
        Some(_) => (id, String::new()),
        None => (None, title.line.text()),
    }
}

/// The title lines, confirmed by a table heading or rows after them; `None` for the title
/// of a table that is none of the nine.
fn find_titles(items: &[Item]) -> Vec<(usize, Option<TableId>)> {
    let candidates: Vec<(usize, Option<TableId>)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| title_line(&views(&it.cells())).map(|id| (i, id)))
        .collect();
    candidates
        .iter()
        .enumerate()
        .filter(|(k, &(i, _))| {
            let next = candidates.get(k + 1).map_or(items.len(), |&(j, _)| j);
            let after = items.get(i + 1..next).unwrap_or_default();
            after.iter().take(8).any(|it| {
                let cells = it.cells();
                is_heading_line(&cells) || cells.len() >= 3 || is_data_line(it.line)
            })
        })
        .map(|(_, &c)| c)
        .collect()
}

/// The first item of the narrative: the first 第三部分 after the first title, else the first
/// part heading after it, else the first numbered 说明 heading (三、决算报表说明, in templates
/// without parts), else the end.
fn narrative_start(items: &[Item], first_title: usize) -> usize {
    let after = || items.iter().enumerate().skip(first_title + 1);
    after()
        .find(|(_, it)| is_narrative_start(&it.line.text()))
        .or_else(|| after().find(|(_, it)| is_part_heading(it.line.text().trim_start())))
        .or_else(|| after().find(|(_, it)| is_explanation_heading(&it.line.text())))
        .map_or(items.len(), |(i, _)| i)
}

/// What a page of a table leaves for the next one: where its columns sit and the text of
/// the first page's header lines (a later page may repeat them).
#[derive(Clone, Debug, Default)]
struct Continuation {
    anchors: Vec<f32>,
    labels: Vec<String>,
    header: Vec<String>,
}

/// Reads the lines of one table region (after its title), continuing `previous` pages of
/// the same table: returns the table and what its last page leaves for the next.
fn read_region(
    id: Option<TableId>,
    title: &Item,
    body: &[Item],
    mut previous: Option<Continuation>,
) -> (RawTable, Option<Continuation>) {
    let mut table = RawTable {
        id,
        title: title.line.text(),
        page: title.at.page,
        ..RawTable::default()
    };
    let mut in_trailer = false;
    let mut index = RowIndex::default();
    let labelled_rows = matches!(id, Some(TableId::T01 | TableId::T04));
    let mut page_start = 0;
    while page_start < body.len() {
        let page = body.get(page_start).map_or(0, |it| it.at.page);
        let page_end = body
            .iter()
            .skip(page_start)
            .position(|it| it.at.page != page)
            .map_or(body.len(), |n| page_start + n);
        let lines = body.get(page_start..page_end).unwrap_or_default();
        page_start = page_end;
        let mut header: Vec<&Line> = Vec::new();
        let mut rows: Vec<BodyLine> = Vec::new();
        for it in lines {
            let cells = it.cells();
            let text = it.line.text();
            if title_line(&views(&cells)).is_some() {
                continue; // the title repeated on a continuation page
            }
            if is_heading_line(&cells) {
                if table.rows.is_empty() && rows.is_empty() && !in_trailer {
                    table.heading.push(text);
                }
                continue;
            }
            if in_trailer || is_trailer_start(&text) {
                in_trailer = true;
                table.trailer.push(text);
                continue;
            }
            if is_level_heading(&views(&cells)) || cells.iter().all(|c| c.trim() == "栏次") {
                continue; // 类 款 项 over the code columns, 栏次 on a line of its own
            }
            let data = is_data_line(it.line);
            // On a continuation page only a repeat of the first page's header is a header;
            // other lines before the first figure are rows (使用非财政拨款结余 … 结余分配).
            let continued = previous.is_some();
            let repeated = || {
                previous
                    .as_ref()
                    .is_some_and(|c| c.header.contains(&it.line.compact()))
            };
            if rows.is_empty() && !data && (!continued || repeated()) {
                header.push(it.line);
            } else {
                rows.push(BodyLine {
                    line: it.line,
                    at: it.at,
                    row: data || is_label_row(it.line, labelled_rows),
                });
            }
        }
        if rows.is_empty() {
            continue;
        }
        give_back_wrapped(&mut header, &mut rows);
        let columns = previous
            .as_ref()
            .filter(|_| header.is_empty())
            .map(|c| (c.anchors.as_slice(), c.labels.as_slice()));
        let grid = grid::read(&header, &rows, columns, !labelled_rows);
        if !header.is_empty() || table.rows.is_empty() {
            let labels = grid.columns.clone();
            if labels.iter().any(|l| !l.is_empty()) && !index.contains(&table.rows, &labels) {
                index.add(&labels, table.rows.len());
                table.rows.push(labels.clone());
            }
            if table.columns.is_empty() {
                table.columns = labels;
            }
        }
        for (cells, _) in grid.rows {
            index.add(&cells, table.rows.len());
            table.rows.push(cells);
        }
        let header = match previous {
            Some(c) if !c.header.is_empty() => c.header,
            _ => header.iter().map(|l| l.compact()).collect(),
        };
        previous = Some(Continuation {
            anchors: grid.anchors,
            labels: grid.columns,
            header,
        });
    }
    (table, previous)
}

/// Moves the wrapped top of the first row's name from the header to the rows: header lines
/// of one span each that sit closer to the first row than to the header line above them.
fn give_back_wrapped<'a>(header: &mut Vec<&'a Line>, rows: &mut Vec<BodyLine<'a>>) {
    let Some(first) = rows.first() else {
        return;
    };
    let mut below = first.line.y;
    let at = first.at;
    while header.len() >= 2 {
        let (Some(last), Some(prev)) = (header.last(), header.get(header.len() - 2)) else {
            break;
        };
        let wrapped = last.spans.len() == 1 && (below - last.y) < (last.y - prev.y);
        if !wrapped {
            break;
        }
        below = last.y;
        if let Some(line) = header.pop() {
            rows.insert(
                0,
                BodyLine {
                    line,
                    at,
                    row: false,
                },
            );
        }
    }
}
