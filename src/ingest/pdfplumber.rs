//! Cutting pdfplumber JSON into a [`RawDocument`].
//!
//! pdfplumber-based pipelines emit, per page, the page text (`page_texts`: every line of the
//! page, the text of its tables included) and the tables found on it (`page_tables`: rows of
//! cells, `null` for a blank cell). Other keys are ignored. The tables carry the rows; the page
//! text says what they are:
//!
//! - a line that [`TableId::from_title`] recognises opens a table (unless it is one of a run of
//!   such lines, as in a 目录); the tables printed below it on the page are its rows. Tables are
//!   identified by title, never by position: regional variants reorder them;
//! - tables above the first title of a page, or on a page without a title, continue the table
//!   open before the page; a title repeated at the top of the next page continues it as well;
//! - the lines between a title and its table are its heading, the lines below the table (up to
//!   the next title) its trailer;
//! - the lines before the first title are the front matter; from the first line starting with
//!   第三部分 after a title on, every line is narrative. Tables there (目录, 重点工作, the 附件
//!   self-evaluations) are not 部门决算 tables: their text stays in place, written as rows
//!   with TAB-separated cells the way the text extraction prints them, so that both inputs
//!   give the narrative reader the same lines.
//!
//! Which lines of the page text are a table's own is found by matching: a line belongs to a
//! table when each of its words occurs in one of the table's cells. When a table's text is not
//! in the page text (pipelines that extract the text outside the tables), the page's tables are
//! paired with its titles in order, surplus tables at the top continuing the open table, and
//! the heading ends at the first 注 / 本部门…无… line.

use super::printed::{
    is_narrative_start, is_page_furniture, is_trailer_start, typographic_quotes, MAX_TITLE_CHARS,
};
use super::{IngestError, RawDocument, RawTable};
use crate::disclosure::TableId;
use serde_json::{Map, Value};
use std::ops::Range;

/// The rows of one pdfplumber table, cells as text (blank cells empty).
type Grid = Vec<Vec<String>>;

/// Cuts pdfplumber JSON (`{"page_texts": [...], "page_tables": [...]}`) into a
/// [`RawDocument`]; JSON that does not parse or lacks either key is an
/// [`IngestError::Json`].
pub(super) fn split(json: &str) -> Result<RawDocument, IngestError> {
    let mut splitter = Splitter::default();
    for page in parse(json)? {
        splitter.page(&page);
    }
    Ok(splitter.doc)
}

/// One page: its text lines (trimmed, non-empty, page numbers removed) and its tables in
/// page order.
#[derive(Debug, Default)]
struct Page {
    lines: Vec<String>,
    tables: Vec<Grid>,
}

/// An [`IngestError::Json`] with the given reason.
fn json_error(reason: impl Into<String>) -> IngestError {
    IngestError::Json {
        reason: reason.into(),
    }
}

/// Reads the pages; `page_texts` and `page_tables` may differ in length (missing entries
/// are empty pages), and `null` stands for an empty text, table list, table or row.
fn parse(json: &str) -> Result<Vec<Page>, IngestError> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| json_error(format!("invalid JSON: {e}")))?;
    let root = value
        .as_object()
        .ok_or_else(|| json_error("the top level is not an object"))?;
    let texts = list(root, "page_texts")?;
    let tables = list(root, "page_tables")?;
    (0..texts.len().max(tables.len()))
        .map(|i| {
            Ok(Page {
                lines: page_lines(texts.get(i), i)?,
                tables: page_tables(tables.get(i), i)?,
            })
        })
        .collect()
}

/// The array under `key`.
fn list<'a>(root: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], IngestError> {
    match root.get(key) {
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(json_error(format!("`{key}` is not an array"))),
        None => Err(json_error(format!("missing key `{key}`"))),
    }
}

/// The trimmed non-empty lines of a page text, without the page number printed at its top or
/// bottom.
fn page_lines(text: Option<&Value>, page: usize) -> Result<Vec<String>, IngestError> {
    let text = match text {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(s)) => s,
        Some(_) => return Err(json_error(format!("page_texts[{page}] is not a string"))),
    };
    let mut lines: Vec<String> = text
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.last().is_some_and(|l| is_page_furniture(l)) {
        lines.pop();
    }
    if lines.first().is_some_and(|l| is_page_furniture(l)) {
        lines.remove(0);
    }
    Ok(lines)
}

/// The tables of a page.
fn page_tables(tables: Option<&Value>, page: usize) -> Result<Vec<Grid>, IngestError> {
    match tables {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(tables)) => tables
            .iter()
            .enumerate()
            .map(|(t, table)| grid(table, page, t))
            .collect(),
        Some(_) => Err(json_error(format!(
            "page_tables[{page}] is not a list of tables"
        ))),
    }
}

/// One table as rows of cell texts; rows whose cells are all blank are dropped.
fn grid(table: &Value, page: usize, t: usize) -> Result<Grid, IngestError> {
    let rows = match table {
        Value::Null => return Ok(Vec::new()),
        Value::Array(rows) => rows,
        _ => {
            return Err(json_error(format!(
                "page_tables[{page}][{t}] is not a list of rows"
            )))
        }
    };
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let cells = match row {
            Value::Null => continue,
            Value::Array(cells) => cells,
            _ => {
                return Err(json_error(format!(
                    "page_tables[{page}][{t}][{r}] is not a list of cells"
                )))
            }
        };
        let cells = cells
            .iter()
            .map(|c| {
                cell(c).ok_or_else(|| {
                    json_error(format!(
                        "page_tables[{page}][{t}][{r}] has a cell that is not a string or null"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if cells.iter().any(|c| !c.is_empty()) {
            out.push(cells);
        }
    }
    Ok(out)
}

/// The text of a cell: `null` is blank, numbers are written out, strings have their wrapped
/// lines joined; anything else is not a cell.
fn cell(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(join_wrapped(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A cell's text with its wrapped lines joined, without a space except between two ASCII
/// letters or digits (`"一般公共预算\n财政拨款"` → `"一般公共预算财政拨款"`).
fn join_wrapped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in text
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let glue = matches!(
            (out.chars().last(), piece.chars().next()),
            (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()
        );
        if glue {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

/// The table a line may be the title of: a short line that [`TableId::from_title`]
/// recognises once its quotation marks are the printed “ ” (`财政拨款"三公"经费支出决算表`).
fn title_candidate(line: &str) -> Option<TableId> {
    if line.chars().count() > MAX_TITLE_CHARS {
        return None;
    }
    TableId::from_title(&typographic_quotes(line))
}

/// Where a table of a page goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    /// It continues the table open before the page.
    Previous,
    /// It belongs to the page's k-th title.
    Title(usize),
    /// It is not a table of the 部门决算 (目录, narrative tables).
    Ignored,
}

/// What the lines and tables of one page are.
#[derive(Debug)]
struct Layout {
    /// The titles (line, table) before the narrative starts.
    titles: Vec<(usize, TableId)>,
    /// The lines of each table's text, when found.
    spans: Vec<Option<Range<usize>>>,
    /// Where each table goes.
    owners: Vec<Owner>,
    /// The line the narrative starts at.
    narrative: Option<usize>,
}

impl Layout {
    /// Lays out a page; `open` tells whether a table is open before it.
    fn of(page: &Page, open: bool) -> Layout {
        let mut titles = titles(&page.lines);
        let narrative = page.lines.iter().enumerate().position(|(i, l)| {
            is_narrative_start(l) && (open || titles.iter().any(|&(t, _)| t < i))
        });
        let spans = locate(page, &titles);
        titles.retain(|&(t, _)| narrative.is_none_or(|n| t < n));
        let owners = if spans.iter().all(Option::is_some) {
            owners_by_position(&spans, &titles, narrative, open)
        } else {
            owners_by_order(spans.len(), titles.len(), narrative, open)
        };
        Layout {
            titles,
            spans,
            owners,
            narrative,
        }
    }

    /// The index of the title printed on line `i`.
    fn title_at(&self, i: usize) -> Option<usize> {
        self.titles.iter().position(|&(t, _)| t == i)
    }

    /// The table whose text holds line `i`, and where that table goes.
    fn table_at(&self, i: usize) -> Option<(usize, Owner)> {
        self.spans
            .iter()
            .zip(&self.owners)
            .enumerate()
            .find(|(_, (span, _))| span.as_ref().is_some_and(|s| s.contains(&i)))
            .map(|(j, (_, owner))| (j, *owner))
    }

    /// Whether line `i` is the first line of table `j`'s text.
    fn starts(&self, j: usize, i: usize) -> bool {
        self.spans[j].as_ref().is_some_and(|s| s.start == i)
    }
}

/// The lines of a page from line `from` on, the text of each table found in them replaced by
/// its rows, cells separated by TABs as the text extraction prints them.
fn rendered(page: &Page, spans: &[Option<Range<usize>>], from: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = from;
    while let Some(line) = page.lines.get(i) {
        let table = spans.iter().enumerate().find_map(|(j, s)| {
            s.as_ref()
                .filter(|s| s.start == i && !s.is_empty())
                .map(|s| (j, s.end))
        });
        match table {
            Some((j, end)) => {
                out.extend(page.tables[j].iter().map(|row| row.join("\t")));
                i = end;
            }
            None => {
                out.push(line.clone());
                i += 1;
            }
        }
    }
    out
}

/// The title lines of a page: recognised titles that are not next to another one (a run of
/// titles is a 目录).
fn titles(lines: &[String]) -> Vec<(usize, TableId)> {
    let candidates: Vec<Option<TableId>> = lines.iter().map(|l| title_candidate(l)).collect();
    let is_candidate = |i: Option<usize>| {
        i.and_then(|i| candidates.get(i))
            .is_some_and(Option::is_some)
    };
    candidates
        .iter()
        .enumerate()
        .filter(|&(i, _)| !is_candidate(i.checked_sub(1)) && !is_candidate(Some(i + 1)))
        .filter_map(|(i, c)| c.map(|id| (i, id)))
        .collect()
}

/// The lines holding each table's text: for each table in order, the first run of lines after
/// the previous table's whose words all occur in its cells (a table without text takes an
/// empty run where the previous one ended).
fn locate(page: &Page, titles: &[(usize, TableId)]) -> Vec<Option<Range<usize>>> {
    let n = page.lines.len();
    let mut cursor = 0;
    page.tables
        .iter()
        .map(|grid| {
            let cells = cell_texts(grid);
            if cells.is_empty() {
                return Some(cursor..cursor);
            }
            let fits = |i: usize| {
                !titles.iter().any(|&(t, _)| t == i) && is_table_line(&page.lines[i], &cells)
            };
            let start = (cursor..n).find(|&i| fits(i))?;
            let end = (start..n).find(|&i| !fits(i)).unwrap_or(n);
            cursor = end;
            Some(start..end)
        })
        .collect()
}

/// The non-blank cells of a table, without whitespace.
fn cell_texts(grid: &Grid) -> Vec<String> {
    grid.iter()
        .flatten()
        .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Whether each word of a line occurs in one of the cells.
fn is_table_line(line: &str, cells: &[String]) -> bool {
    line.split_whitespace()
        .all(|w| cells.iter().any(|c| c.contains(w)))
}

/// Owners from the text positions: a table belongs to the last title above it, else to the
/// open table; tables in the front matter or the narrative are ignored.
fn owners_by_position(
    spans: &[Option<Range<usize>>],
    titles: &[(usize, TableId)],
    narrative: Option<usize>,
    open: bool,
) -> Vec<Owner> {
    spans
        .iter()
        .map(|span| {
            let start = span.as_ref().map_or(0, |s| s.start);
            if narrative.is_some_and(|n| start >= n) {
                return Owner::Ignored;
            }
            match titles.iter().rposition(|&(t, _)| t < start) {
                Some(k) => Owner::Title(k),
                None if open => Owner::Previous,
                None => Owner::Ignored,
            }
        })
        .collect()
}

/// Owners without text positions: tables pair with titles in order; surplus tables at the
/// top continue the open table (or are front matter). On the page where the narrative starts,
/// surplus tables are narrative tables, except that a page without a title whose narrative
/// starts below some text begins with the open table's last part.
fn owners_by_order(
    tables: usize,
    titles: usize,
    narrative: Option<usize>,
    open: bool,
) -> Vec<Owner> {
    let top = match narrative {
        None => tables.saturating_sub(titles),
        Some(n) if n > 0 && titles == 0 && open => tables.min(1),
        Some(_) => 0,
    };
    (0..tables)
        .map(|j| match j.checked_sub(top) {
            None if open => Owner::Previous,
            None => Owner::Ignored,
            Some(k) if k < titles => Owner::Title(k),
            Some(_) => Owner::Ignored,
        })
        .collect()
}

/// Which part of the document the lines being read belong to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Phase {
    /// Before the first table title.
    #[default]
    Front,
    /// From the first title to the narrative.
    Tables,
    /// From the first 第三部分 line after a title.
    Narrative,
}

/// Cuts pages into a [`RawDocument`], page after page.
#[derive(Debug, Default)]
struct Splitter {
    doc: RawDocument,
    phase: Phase,
    /// Whether the open table's heading is over (its rows or a 注 line have been seen).
    in_trailer: bool,
}

impl Splitter {
    /// Reads one page.
    fn page(&mut self, page: &Page) {
        if self.phase == Phase::Narrative {
            let spans = locate(page, &[]);
            self.doc.narrative.extend(rendered(page, &spans, 0));
            return;
        }
        let open = self.phase == Phase::Tables;
        let layout = Layout::of(page, open);
        let previous = self.doc.tables.len().checked_sub(1).filter(|_| open);
        let mut opened = vec![None; layout.titles.len()];
        for (i, line) in page.lines.iter().enumerate() {
            if layout.narrative == Some(i) {
                self.phase = Phase::Narrative;
                let lines = rendered(page, &layout.spans, i);
                self.doc.narrative.extend(lines);
                break;
            }
            if let Some(k) = layout.title_at(i) {
                opened[k] = Some(self.open(line, layout.titles[k].1));
                continue;
            }
            match layout.table_at(i) {
                Some((j, Owner::Ignored)) if layout.starts(j, i) => {
                    for row in &page.tables[j] {
                        self.text_line(&row.join("\t"));
                    }
                }
                Some((_, Owner::Ignored)) => {}
                Some(_) => self.in_trailer = true,
                None => self.text_line(line),
            }
        }
        self.append_rows(page, &layout, previous, &opened);
    }

    /// Opens the table of a title line and returns its index; a title repeating the open
    /// table's (printed again on a continuation page) continues it.
    fn open(&mut self, title: &str, id: TableId) -> usize {
        self.phase = Phase::Tables;
        let continued = self
            .doc
            .tables
            .last()
            .is_some_and(|t| t.id == Some(id) && !t.rows.is_empty());
        if !continued {
            self.doc.tables.push(RawTable {
                id: Some(id),
                title: title.to_owned(),
                ..RawTable::default()
            });
            self.in_trailer = false;
        }
        self.doc.tables.len() - 1
    }

    /// Files a line that is neither a title nor table text.
    fn text_line(&mut self, line: &str) {
        let in_trailer = &mut self.in_trailer;
        match (self.phase, self.doc.tables.last_mut()) {
            (Phase::Tables, Some(table)) => {
                *in_trailer |= is_trailer_start(line);
                let part = if *in_trailer {
                    &mut table.trailer
                } else {
                    &mut table.heading
                };
                part.push(line.to_owned());
            }
            (Phase::Narrative, _) => self.doc.narrative.push(line.to_owned()),
            _ => self.doc.front.push(line.to_owned()),
        }
    }

    /// Appends the page's tables to their owners; once the open table has rows, the lines of
    /// the next page that are not its text are its trailer.
    fn append_rows(
        &mut self,
        page: &Page,
        layout: &Layout,
        previous: Option<usize>,
        opened: &[Option<usize>],
    ) {
        for (grid, owner) in page.tables.iter().zip(&layout.owners) {
            let target = match *owner {
                Owner::Previous => previous,
                Owner::Title(k) => opened.get(k).copied().flatten(),
                Owner::Ignored => None,
            };
            if let Some(table) = target.and_then(|t| self.doc.tables.get_mut(t)) {
                table.rows.extend(grid.iter().cloned());
            }
        }
        if self.phase == Phase::Tables && self.doc.tables.last().is_some_and(|t| !t.rows.is_empty())
        {
            self.in_trailer = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(texts: Value, tables: Value) -> RawDocument {
        split(&json!({ "page_texts": texts, "page_tables": tables }).to_string()).unwrap()
    }

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn t09_page() -> (String, Value) {
        let text = "2024 年度财政拨款“三公”经费支出决算表\n公开 09 表\n金额单位：万元\n预算数 决算数\n0.61 0.61\n注：本表反映三公经费。";
        (
            text.into(),
            json!([[["预算数", null, "决算数"], ["0.61", null, "0.61"]]]),
        )
    }

    #[test]
    fn titles_headings_rows_trailers_front_and_narrative() {
        let (t09, t09_tables) = t09_page();
        let d = doc(
            json!([
                "2024 年度某部门决算\n目 录\n一、收入支出决算总表 7",
                "2024 年度收入决算表\n公开 02 表\n单位：某局\n项目 本年收入合计\n合计 4,789.78\n注：本表反映收入。",
                t09 + "\n第三部分 情况说明\n一、总体情况",
                "二、收入\n1 2"
            ]),
            json!([
                [[["一、收入支出决算总表", "7"]]],
                [[["项目", "本年收入合计"], [null, "合计", "4,789.78"]]],
                t09_tables,
                [[["1", "2"]]]
            ]),
        );
        assert_eq!(
            d.front,
            lines(&["2024 年度某部门决算", "目 录", "一、收入支出决算总表\t7"])
        );
        assert_eq!(d.tables.len(), 2);
        let t02 = &d.tables[0];
        assert_eq!(t02.id, Some(TableId::T02));
        assert_eq!(t02.title, "2024 年度收入决算表");
        assert_eq!(t02.heading, lines(&["公开 02 表", "单位：某局"]));
        assert_eq!(t02.rows[1], lines(&["", "合计", "4,789.78"]));
        assert_eq!(t02.trailer, lines(&["注：本表反映收入。"]));
        let t09 = &d.tables[1];
        assert_eq!(t09.id, Some(TableId::T09));
        assert_eq!(t09.heading, lines(&["公开 09 表", "金额单位：万元"]));
        assert_eq!(t09.rows.len(), 2);
        assert_eq!(t09.trailer, lines(&["注：本表反映三公经费。"]));
        assert_eq!(
            d.narrative,
            lines(&["第三部分 情况说明", "一、总体情况", "二、收入", "1\t2"])
        );
    }

    #[test]
    fn continuation_pages_append_rows_and_the_trailer_follows_the_last_page() {
        let d = doc(
            json!([
                "支出决算表\n公开03表\n201 一般公共服务支出 3,613.82\n- 8 -",
                "9\n210 卫生健康支出 202.87\n注：本表反映支出。",
                "一般公共预算财政拨款支出决算表\n2080505 机关事业单位基本养老保险缴费支出 253.03",
                "一般公共预算财政拨款支出决算表\n2101101 行政单位医疗 57.16"
            ]),
            json!([
                [[["201", "一般公共服务支出", "3,613.82"]]],
                [[["210", "卫生健康支出", "202.87"]]],
                [[["2080505", "机关事业单位基本养老保险缴费支出", "253.03"]]],
                [[["2101101", "行政单位医疗", "57.16"]]]
            ]),
        );
        assert_eq!(d.tables.len(), 2, "{d:?}");
        assert_eq!(d.tables[0].rows.len(), 2);
        assert_eq!(d.tables[0].heading, lines(&["公开03表"]));
        assert_eq!(d.tables[0].trailer, lines(&["注：本表反映支出。"]));
        assert_eq!(d.tables[1].id, Some(TableId::T05));
        assert_eq!(d.tables[1].rows.len(), 2, "a repeated title continues");
    }

    #[test]
    fn tables_are_identified_by_title_not_position() {
        let d = doc(
            json!([
                "部门收入决算表\n公开02表\n合计 1.00\n财政拨款收入支出决算总表\n公开04表\n总计 2.00",
                "财政拨款\"三公\"经费支出决算表\n合计 0.61"
            ]),
            json!([
                [[["合计", "1.00"]], [["总计", "2.00"]]],
                [[["合计", "0.61"]]]
            ]),
        );
        let ids: Vec<_> = d.tables.iter().map(|t| t.id).collect();
        assert_eq!(
            ids,
            vec![Some(TableId::T02), Some(TableId::T04), Some(TableId::T09)]
        );
        assert_eq!(d.tables[1].rows, vec![lines(&["总计", "2.00"])]);
    }

    #[test]
    fn without_table_text_tables_pair_with_titles_in_order() {
        let d = doc(
            json!([
                "收入决算表\n公开02表\n注：本表反映收入。",
                "支出决算表\n公开03表\n注：本表反映支出。",
                "第三部分 说明"
            ]),
            json!([
                [[["合计", "1.00"]]],
                [[["合计", "1.00"]], [["续", "2.00"]]],
                [[["说明表", "3.00"]]]
            ]),
        );
        assert_eq!(d.tables.len(), 2);
        assert_eq!(d.tables[0].heading, lines(&["公开02表"]));
        assert_eq!(d.tables[0].trailer, lines(&["注：本表反映收入。"]));
        assert_eq!(d.tables[0].rows.len(), 2, "the page-top table continues 02");
        assert_eq!(d.tables[1].rows, vec![lines(&["续", "2.00"])]);
        assert_eq!(d.narrative, lines(&["第三部分 说明"]));
    }

    #[test]
    fn cells_null_numbers_and_wrapped_text() {
        let d = doc(
            json!(["收入支出决算总表\n一般公共预算财政拨款 4,789.53"]),
            json!([[[
                [null, "一般公共预算\n财政拨款", " 4,789.53 ", 12, "A\nB"],
                [null, null],
                []
            ]]]),
        );
        assert_eq!(
            d.tables[0].rows,
            vec![lines(&[
                "",
                "一般公共预算财政拨款",
                "4,789.53",
                "12",
                "A B"
            ])]
        );
    }

    #[test]
    fn a_run_of_titles_is_a_table_of_contents() {
        let d = doc(
            json!(["目录\n收入支出决算总表\n收入决算表\n第三部分 情况说明"]),
            json!([[]]),
        );
        assert!(d.tables.is_empty());
        assert_eq!(d.front.len(), 4);
        assert!(
            d.narrative.is_empty(),
            "第三部分 before any table is front matter"
        );
    }

    #[test]
    fn bad_input_is_a_json_error() {
        for input in [
            "{",
            "{}",
            "[]",
            "{\"page_texts\": []}",
            "{\"page_tables\": []}",
            "{\"page_texts\": 1, \"page_tables\": []}",
            "{\"page_texts\": [1], \"page_tables\": []}",
            "{\"page_texts\": [], \"page_tables\": [1]}",
            "{\"page_texts\": [], \"page_tables\": [[1]]}",
            "{\"page_texts\": [], \"page_tables\": [[[1]]]}",
            "{\"page_texts\": [], \"page_tables\": [[[[[]]]]]}",
            "{\"page_texts\": [], \"page_tables\": [[[[true]]]]}",
        ] {
            assert!(
                matches!(split(input), Err(IngestError::Json { .. })),
                "{input}"
            );
        }
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let deep = format!("{{\"page_texts\": [], \"page_tables\": {deep}}}");
        assert!(split(&deep).is_err());
    }

    #[test]
    fn nulls_and_uneven_lengths_are_empty_pages() {
        let d = doc(
            json!([null, "收入决算表\n合计 1.00"]),
            json!([null, [null, [null, ["合计", "1.00"]]], [[[null]]]]),
        );
        assert_eq!(d.tables.len(), 1);
        assert_eq!(d.tables[0].rows, vec![lines(&["合计", "1.00"])]);
    }

    #[test]
    fn page_numbers() {
        for yes in ["7", "- 7 -", "—12—", "第 3 页"] {
            assert!(is_page_furniture(yes), "{yes}");
        }
        for no in ["1 2", "2024", "公开 01 表", "", "-"] {
            assert!(!is_page_furniture(no), "{no}");
        }
    }

    /// A fixture of `tests/fixtures/ingest/json/`, split.
    fn fixture(name: &str) -> RawDocument {
        let path = format!(
            "{}/tests/fixtures/ingest/json/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        split(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// A table's rows with the whitespace of each cell removed.
    fn bare_rows(doc: &RawDocument, id: TableId) -> Vec<Vec<String>> {
        let table = doc.tables.iter().find(|t| t.id == Some(id)).unwrap();
        table
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_seed_fixture_splits_into_the_nine_tables() {
        let d = fixture("seed");
        let ids: Vec<_> = d.tables.iter().map(|t| t.id).collect();
        assert_eq!(ids, TableId::ALL.map(Some).to_vec());
        let rows: Vec<_> = d.tables.iter().map(|t| t.rows.len()).collect();
        assert_eq!(
            rows,
            [33, 31, 32, 36, 33, 31, 4, 4, 5],
            "continuations appended"
        );
        for t in &d.tables {
            assert_eq!(t.heading.len(), 4, "{t:?}");
            assert!(t.heading[0].starts_with("公开"), "{t:?}");
            assert!(t.trailer[0].starts_with("注"), "{t:?}");
        }
        assert!(d.tables[6]
            .trailer
            .contains(&"本部门 2024 年度无政府性基金预算财政拨款收入支出。".to_owned()));
        assert_eq!(d.front[0], "2024 年度武汉市洪山区财政局部门决算 公开");
        assert!(d.front.last().unwrap().starts_with("第二部分"));
        assert!(d.narrative[0].starts_with("第三部分"));
        assert!(d.narrative.iter().any(|l| l.starts_with("第五部分")));
    }

    #[test]
    fn damaged_fixtures_split_into_the_seed_tables() {
        let seed = fixture("seed");
        for name in ["reordered", "no-table-text", "null-cells", "split-pages"] {
            let d = fixture(name);
            assert_eq!(d.tables.len(), 9, "{name}");
            for id in TableId::ALL {
                let (mine, theirs) = (bare_rows(&d, id), bare_rows(&seed, id));
                if name == "split-pages" && id == TableId::T03 {
                    assert_eq!(mine.len(), theirs.len() + 3, "repeated header rows");
                } else {
                    assert_eq!(mine, theirs, "{name} {id}");
                }
            }
        }
        let (plain, bare) = (fixture("seed"), fixture("no-table-text"));
        for (a, b) in plain.tables.iter().zip(&bare.tables) {
            assert_eq!((&a.heading, &a.trailer), (&b.heading, &b.trailer));
        }
    }
}
