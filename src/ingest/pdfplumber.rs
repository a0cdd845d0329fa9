//! The front-end for pdfplumber JSON: its pages become pages of the page model, read by the
//! one table reader like a PDF or layout text.
//!
//! pdfplumber-based pipelines emit, per page, the page text (`page_texts`: the lines of the
//! page, the text of its tables usually included) and the tables found on it (`page_tables`:
//! rows of cells, `""` for a blank cell, `null` for a cell that a merged cell covers). Other
//! keys are ignored. A page becomes [`Line`]s, top to bottom, `y` being the line's index on
//! the page (so that the rows of a table are one unit apart):
//!
//! - each line of its text that is not a table's own text, its spans the runs separated by
//!   two or more spaces, positioned by character column (as in layout text);
//! - each of its tables, in its place among those lines, a line per row whose spans are the
//!   filled cells on a column grid: cell `j` spans `x0 = j, x1 = j + 1`. In the header (the
//!   rows above the first data row) a cell followed by `null` cells that continue it to the
//!   right spans their columns too, so that a merged heading stands over the columns it
//!   heads; a `null` under a cell (or under such a `null`) continues that cell downwards and
//!   widens nothing. A cell's wrapped lines are joined: 「本年收入合\n计」 is one label, a
//!   wrapped name one cell.
//!
//! Where a table sits among the lines is found by matching: its text is the first run of
//! lines after the previous table's whose words all occur in its cells. When some table's
//! text is not in the page text (pipelines that extract the text outside the tables), the
//! page's tables pair with its titles in order instead, each placed under its title's
//! heading (before the first 注 / 本部门…无… line); surplus tables go to the top of the page
//! (the rest of the table open before it), or to its end when they follow every title.

use super::layout::is_data_line;
use super::layout_text;
use super::limits::{Limit, Limits};
use super::page::{Line, Page, Position, Span};
use super::printed::{is_narrative_start, is_trailer_start, title_of};
use super::IngestError;
use serde_json::{Map, Value};
use std::ops::Range;

/// A cell: its text (empty when blank), or `None` where a merged cell covers it.
type Cell = Option<String>;

/// The rows of one pdfplumber table.
type Grid = Vec<Vec<Cell>>;

/// One page as the JSON gives it: its text lines (trimmed, non-empty) and its tables.
#[derive(Debug, Default)]
struct Sheet {
    lines: Vec<String>,
    tables: Vec<Grid>,
}

/// The pages of pdfplumber JSON (`{"page_texts": [...], "page_tables": [...]}`); JSON that
/// does not parse, lacks either key or holds something else than text and tables there is
/// an [`IngestError::Json`]; more pages than `limits` allow, or a table with more rows or a
/// row with more cells, an [`IngestError::OverLimit`].
pub(super) fn pages(json: &str, limits: &Limits) -> Result<Vec<Page>, IngestError> {
    let mut part = Part::Front;
    Ok(parse(json, limits)?
        .iter()
        .enumerate()
        .map(|(i, sheet)| page(i + 1, sheet, &mut part))
        .collect())
}

/// The part of the document a page starts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// Before the first table title.
    Front,
    /// From the first title on.
    Tables,
    /// From the first 第三部分 after a title on.
    Narrative,
}

/// One page: the text lines with each table's text replaced by its rows; `part` is the
/// part the page starts in, updated to the one it ends in.
fn page(number: usize, sheet: &Sheet, part: &mut Part) -> Page {
    let titles = titles(&sheet.lines);
    let found = locate(sheet, &titles);
    let places: Vec<usize> = if found.iter().all(Option::is_some) {
        found.iter().flatten().map(|r| r.start).collect()
    } else {
        places_by_order(sheet, &titles)
    };
    let narrative = narrative_start(&sheet.lines, &titles, part);
    let own = |i: usize| found.iter().flatten().any(|r| r.contains(&i));
    let mut rows: Vec<Vec<Span>> = Vec::new();
    for i in 0..=sheet.lines.len() {
        for (grid, _) in sheet.tables.iter().zip(&places).filter(|(_, &p)| p == i) {
            if narrative.is_some_and(|n| i >= n) {
                rows.extend(tab_lines(grid));
            } else {
                rows.extend(grid_lines(grid));
            }
        }
        if let Some(line) = sheet.lines.get(i).filter(|_| !own(i)) {
            rows.push(layout_text::spans(line));
        }
    }
    Page {
        number,
        lines: rows
            .into_iter()
            .enumerate()
            .map(|(y, spans)| Line::new(y as f32, spans))
            .collect(),
    }
}

/// The line from which a page is narrative, if it is: the first 第三部分 line after a title
/// (on this page or an earlier one). Updates `part` to the part the page ends in.
fn narrative_start(lines: &[String], titles: &[usize], part: &mut Part) -> Option<usize> {
    if *part == Part::Narrative {
        return Some(0);
    }
    let start = lines.iter().enumerate().position(|(i, l)| {
        is_narrative_start(l) && (*part == Part::Tables || titles.iter().any(|&t| t < i))
    });
    *part = match (start, titles.is_empty()) {
        (Some(_), _) => Part::Narrative,
        (None, false) => Part::Tables,
        (None, true) => *part,
    };
    start
}

/// The rows of a table printed in the narrative (目录-like lists, 重点工作, the 附件
/// self-evaluations), which no table reader cuts: a line of one span per row, its cells
/// TAB-separated, blanks kept, as the narrative reader reads table rows.
fn tab_lines(grid: &Grid) -> Vec<Vec<Span>> {
    grid.iter()
        .map(|row| {
            let cells: Vec<&str> = row.iter().map(|c| c.as_deref().unwrap_or("")).collect();
            vec![Span::new(0.0, row.len() as f32, cells.join("\t"))]
        })
        .collect()
}

/// The lines of a table, a line per row (see the module documentation).
fn grid_lines(grid: &Grid) -> Vec<Vec<Span>> {
    let header = grid
        .iter()
        .position(|row| is_data_line(&Line::new(0.0, row_spans(row, None))))
        .unwrap_or(grid.len());
    // Whether each column of the row above holds a cell or continues one downwards.
    let mut down: Vec<bool> = Vec::new();
    let mut out = Vec::with_capacity(grid.len());
    for (r, row) in grid.iter().enumerate() {
        let vertical: Vec<bool> = row
            .iter()
            .enumerate()
            .map(|(j, c)| c.is_none() && down.get(j).copied().unwrap_or(false))
            .collect();
        out.push(row_spans(row, (r < header).then_some(&vertical)));
        down = row
            .iter()
            .zip(&vertical)
            .map(|(c, &v)| c.is_some() || v)
            .collect();
    }
    out
}

/// The spans of a row: cell `j` spans `[j, j + 1)`; with `merge` (whether each `null` of the
/// row continues the cell above it), a cell widens over the `null` cells after it that do not.
fn row_spans(row: &[Cell], merge: Option<&Vec<bool>>) -> Vec<Span> {
    let mut spans = Vec::new();
    for (j, cell) in row.iter().enumerate() {
        let Some(text) = cell else { continue };
        let mut end = j + 1;
        if let Some(vertical) = merge {
            while row.get(end).is_some_and(Option::is_none)
                && !vertical.get(end).is_some_and(|&v| v)
            {
                end += 1;
            }
        }
        spans.push(Span::new(j as f32, end as f32, text.clone()));
    }
    spans
}

/// The title lines of a page: lines naming a table that are not next to another one (a run
/// of titles is a 目录).
fn titles(lines: &[String]) -> Vec<usize> {
    let is_title = |i: usize| {
        lines
            .get(i)
            .is_some_and(|l| title_of(&[l.as_str()]).is_some())
    };
    (0..lines.len())
        .filter(|&i| is_title(i) && !is_title(i + 1) && !i.checked_sub(1).is_some_and(is_title))
        .collect()
}

/// The lines holding each table's text: for each table in order, the first run of lines
/// after the previous table's whose words all occur in its cells, titles excepted (a table
/// without text takes an empty run where the previous one ended).
fn locate(sheet: &Sheet, titles: &[usize]) -> Vec<Option<Range<usize>>> {
    let n = sheet.lines.len();
    let mut cursor = 0;
    sheet
        .tables
        .iter()
        .map(|grid| {
            let cells: Vec<String> = grid
                .iter()
                .flatten()
                .flatten()
                .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect::<String>())
                .filter(|c| !c.is_empty())
                .collect();
            if cells.is_empty() {
                return Some(cursor..cursor);
            }
            let fits = |i: usize| {
                !titles.contains(&i)
                    && sheet.lines[i]
                        .split_whitespace()
                        .all(|w| cells.iter().any(|c| c.contains(w)))
            };
            let start = (cursor..n).find(|&i| fits(i))?;
            let end = (start..n).find(|&i| !fits(i)).unwrap_or(n);
            cursor = end;
            Some(start..end)
        })
        .collect()
}

/// Where each table goes (the index of the line it precedes) when the page text does not
/// hold every table's text: the tables pair with the titles in order, each placed before the
/// first 注 / 本部门…无… line after its title (or the next title, or the narrative's start);
/// surplus tables go to the top of the page, or, on the page where the narrative starts, to
/// its end (except that a page without a title whose narrative starts below some text
/// begins with a table, the rest of the table open before it).
fn places_by_order(sheet: &Sheet, titles: &[usize]) -> Vec<usize> {
    let lines = &sheet.lines;
    let n = lines.len();
    let narrative = lines.iter().position(|l| is_narrative_start(l));
    let titles: Vec<usize> = titles
        .iter()
        .copied()
        .filter(|&t| narrative.is_none_or(|s| t < s))
        .collect();
    let tables = sheet.tables.len();
    let top = match narrative {
        None => tables.saturating_sub(titles.len()),
        Some(s) if s > 0 && titles.is_empty() => tables.min(1),
        Some(_) => 0,
    };
    let end_of = |t: usize| {
        (t + 1..n)
            .find(|&i| is_trailer_start(&lines[i]) || titles.contains(&i) || narrative == Some(i))
            .unwrap_or(n)
    };
    (0..tables)
        .map(|j| match j.checked_sub(top) {
            None => 0,
            Some(k) => titles.get(k).map_or(n, |&t| end_of(t)),
        })
        .collect()
}

/// An [`IngestError::Json`]: the value at `path` is not what it should be.
fn json_error(path: impl Into<String>, reason: &str) -> IngestError {
    IngestError::Json {
        path: path.into(),
        line: None,
        column: None,
        reason: reason.to_owned(),
    }
}

/// An [`IngestError::Json`] for text that does not parse, with the parser's position.
fn syntax_error(e: &serde_json::Error) -> IngestError {
    let (line, column) = (e.line(), e.column());
    let text = e.to_string();
    let reason = text
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&text);
    IngestError::Json {
        path: String::new(),
        line: Some(line),
        column: Some(column),
        reason: reason.to_owned(),
    }
}

/// Reads the pages; `page_texts` and `page_tables` may differ in length (missing entries
/// are empty pages), and `null` stands for an empty text, table list, table or row.
fn parse(json: &str, limits: &Limits) -> Result<Vec<Sheet>, IngestError> {
    let value: Value = serde_json::from_str(json).map_err(|e| syntax_error(&e))?;
    let root = value
        .as_object()
        .ok_or_else(|| json_error("", "the top level is not an object"))?;
    let texts = list(root, "page_texts")?;
    let tables = list(root, "page_tables")?;
    let pages = texts.len().max(tables.len());
    limits.over(Limit::Pages, pages, Position::default())?;
    (0..pages)
        .map(|i| {
            Ok(Sheet {
                lines: page_lines(texts.get(i), i)?,
                tables: page_tables(tables.get(i), i, limits)?,
            })
        })
        .collect()
}

/// The array under `key`.
fn list<'a>(root: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], IngestError> {
    match root.get(key) {
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(json_error(key, "is not an array")),
        None => Err(json_error(key, "is missing")),
    }
}

/// The trimmed non-empty lines of a page text.
fn page_lines(text: Option<&Value>, page: usize) -> Result<Vec<String>, IngestError> {
    match text {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(s
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()),
        Some(_) => Err(json_error(format!("page_texts[{page}]"), "is not a string")),
    }
}

/// The tables of a page.
fn page_tables(
    tables: Option<&Value>,
    page: usize,
    limits: &Limits,
) -> Result<Vec<Grid>, IngestError> {
    match tables {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(tables)) => tables
            .iter()
            .enumerate()
            .map(|(t, table)| grid(table, page, t, limits))
            .collect(),
        Some(_) => Err(json_error(
            format!("page_tables[{page}]"),
            "is not a list of tables",
        )),
    }
}

/// One table; rows without a filled cell are dropped. Its rows and their cells are
/// counted against `limits` (the position names the page, from 1, and the row, from 1).
fn grid(table: &Value, page: usize, t: usize, limits: &Limits) -> Result<Grid, IngestError> {
    let rows = match table {
        Value::Null => return Ok(Vec::new()),
        Value::Array(rows) => rows,
        _ => {
            return Err(json_error(
                format!("page_tables[{page}][{t}]"),
                "is not a list of rows",
            ))
        }
    };
    let at = |line: usize| Position {
        page: page + 1,
        line,
    };
    limits.over(Limit::RowsPerTable, rows.len(), at(0))?;
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let cells = match row {
            Value::Null => continue,
            Value::Array(cells) => cells,
            _ => {
                return Err(json_error(
                    format!("page_tables[{page}][{t}][{r}]"),
                    "is not a list of cells",
                ))
            }
        };
        limits.over(Limit::CellsPerRow, cells.len(), at(r + 1))?;
        let cells = cells
            .iter()
            .enumerate()
            .map(|(k, c)| {
                cell(c).ok_or_else(|| {
                    json_error(
                        format!("page_tables[{page}][{t}][{r}][{k}]"),
                        "is not a string, a number or null",
                    )
                })
            })
            .collect::<Result<Vec<Cell>, _>>()?;
        if cells.iter().flatten().any(|c| !c.is_empty()) {
            out.push(cells);
        }
    }
    Ok(out)
}

/// A cell: `null` is covered by a merged cell, numbers are written out, strings have their
/// wrapped lines joined; anything else is not a cell.
fn cell(value: &Value) -> Option<Cell> {
    match value {
        Value::Null => Some(None),
        Value::String(s) => Some(Some(join_wrapped(s))),
        Value::Number(n) => Some(Some(n.to_string())),
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(texts: Value, tables: Value) -> Vec<Page> {
        let json = json!({ "page_texts": texts, "page_tables": tables }).to_string();
        pages(&json, &Limits::default()).unwrap()
    }

    /// Each line as (text, [x0, x1] of its spans).
    fn layout(page: &Page) -> Vec<(String, Vec<(f32, f32)>)> {
        page.lines
            .iter()
            .map(|l| (l.text(), l.spans.iter().map(|s| (s.x0, s.x1)).collect()))
            .collect()
    }

    #[test]
    fn merged_headings_span_their_columns_and_data_cells_one() {
        let p = read(
            json!(["收入决算表"]),
            json!([[[
                ["项目", null, null, "本年收入合\n计", "财政拨款收\n入"],
                ["支出功能分类", null, "科目名称", null, null],
                ["科目编码", null, null, null, null],
                ["201", "06", "行政运行", "1,511.90", null]
            ]]]),
        );
        let lines = layout(&p[0]);
        assert_eq!(lines[0].0, "收入决算表");
        // 项目 heads three columns; the wrapped headings are one label each.
        assert_eq!(lines[1].0, "项目  本年收入合计  财政拨款收入");
        assert_eq!(lines[1].1, [(0.0, 3.0), (3.0, 4.0), (4.0, 5.0)]);
        // A null under a heading continues it downwards: 科目名称 widens over nothing.
        assert_eq!(lines[2].1, [(0.0, 2.0), (2.0, 3.0)]);
        assert_eq!(lines[3].1, [(0.0, 2.0)]);
        // In a data row a cell is one column, whatever follows it.
        assert_eq!(lines[4].1, [(0.0, 1.0), (1.0, 2.0), (2.0, 3.0), (3.0, 4.0)]);
        let ys: Vec<f32> = p[0].lines.iter().map(|l| l.y).collect();
        assert_eq!(ys, [0.0, 1.0, 2.0, 3.0, 4.0]);
    }

    #[test]
    fn a_table_replaces_its_text_in_place() {
        let p = read(
            json!(["收入决算表\n单位：万元\n项目 金额\n合计 1.00\n注：本表反映收入。"]),
            json!([[[["项目", "金额"], ["合计", "1.00"]]]]),
        );
        let texts: Vec<String> = p[0].lines.iter().map(Line::text).collect();
        assert_eq!(
            texts,
            [
                "收入决算表",
                "单位：万元",
                "项目  金额",
                "合计  1.00",
                "注：本表反映收入。"
            ]
        );
    }

    #[test]
    fn without_table_text_tables_go_under_their_titles_in_order() {
        let p = read(
            json!(["续表上页\n收入决算表\n公开02表\n注：本表反映收入。\n支出决算表\n公开03表"]),
            json!([[[["201", "1.00"]], [["合计", "2.00"]], [["合计", "3.00"]]]]),
        );
        let texts: Vec<String> = p[0].lines.iter().map(Line::text).collect();
        assert_eq!(
            texts,
            [
                "201  1.00",
                "续表上页",
                "收入决算表",
                "公开02表",
                "合计  2.00",
                "注：本表反映收入。",
                "支出决算表",
                "公开03表",
                "合计  3.00"
            ]
        );
    }

    #[test]
    fn tables_in_the_narrative_are_tab_separated_rows() {
        let p = read(
            json!([
                "收入决算表\n合计 1.00",
                "第三部分 情况说明\n预算数 执行数",
                "x"
            ]),
            json!([
                [[["合计", "1.00"]]],
                [[["预算数", null, "执行数"]]],
                [[[null, "2.00", ""]]]
            ]),
        );
        assert_eq!(p[0].lines[1].spans.len(), 2);
        assert_eq!(p[1].lines[1].spans[0].text, "预算数\t\t执行数");
        assert_eq!(p[2].lines[0].spans[0].text, "\t2.00\t");
    }

    #[test]
    fn cells_null_numbers_and_wrapped_text() {
        let p = read(
            json!([""]),
            json!([[[
                [null, "一般公共预算\n财政拨款", " 4,789.53 ", 12, "A\nB"],
                [null, null],
                []
            ]]]),
        );
        let texts: Vec<&str> = p[0].lines[0]
            .spans
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(texts, ["一般公共预算财政拨款", "4,789.53", "12", "A B"]);
        assert_eq!(
            p[0].lines.len(),
            1,
            "rows without a filled cell are dropped"
        );
    }

    #[test]
    fn nulls_and_uneven_lengths_are_empty_pages() {
        let p = read(json!([null, "a"]), json!([null, [null], [[null]]]));
        assert_eq!(p.len(), 3);
        assert!(p[0].lines.is_empty() && p[2].lines.is_empty());
        assert_eq!(p[1].number, 2);
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
                matches!(
                    pages(input, &Limits::default()),
                    Err(IngestError::Json { .. })
                ),
                "{input}"
            );
        }
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let deep = format!("{{\"page_texts\": [], \"page_tables\": {deep}}}");
        assert!(pages(&deep, &Limits::default()).is_err());
    }

    /// A fixture of `tests/fixtures/ingest/json/`, cut by the table reader.
    fn fixture(name: &str) -> crate::ingest::RawDocument {
        let path = format!(
            "{}/tests/fixtures/ingest/json/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        crate::ingest::split(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_seed_fixture_splits_into_the_nine_tables() {
        use crate::disclosure::TableId;
        let d = fixture("seed");
        let ids: Vec<_> = d.tables.iter().map(|t| t.id).collect();
        assert_eq!(ids, TableId::ALL.map(Some).to_vec());
        for t in &d.tables {
            assert!(t.heading[0].starts_with("公开"), "{t:?}");
            assert!(t.trailer[0].starts_with("注"), "{t:?}");
            assert!(!t.columns.is_empty(), "{t:?}");
        }
        assert!(d.narrative[0].starts_with("第三部分"));
        // The 附件 self-evaluation tables stay rows of TAB-separated cells.
        assert!(d.narrative.iter().any(|l| l.starts_with("基本支出总额\t")));
    }
}
