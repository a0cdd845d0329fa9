//! From positioned lines to a grid of cells: the columns come from the table's own header,
//! each span goes to the column it sits under, wrapped names are joined to their row.
//!
//! - **Columns.** The header lines (those above the first data line) are grouped into
//!   columns: header spans that overlap horizontally are one column (a heading wrapped over
//!   several lines, 「本年收入合」/「计」); a span that overlaps two or more columns heads a
//!   group (财政拨款“三公”经费, 公务用车购置及运行维护费) and prefixes their labels.
//! - **Cells.** The spans of a line go to the columns in order, each to the column whose
//!   center is nearest, no two to one column while there are columns enough (a monotone
//!   assignment of least total distance). The columns are then re-centred on the data they
//!   received and the lines assigned again, which absorbs the offset between a centred
//!   heading and right-aligned figures.
//! - **Rows.** A data line holds a figure, a code, a list-numbered label (一、…) or a total
//!   (合计/总计). A line of text only is a wrapped part of a neighbouring row's cells: it goes
//!   to the nearer row, on a tie to the row that prints nothing in that column on its own
//!   line, else to the row above. A line holding only codes lends them to the next line
//!   (extractors put a code a little above or below its row).

use super::super::page::{Line, Position, Span};
use crate::codes::to_half_width;

/// A table as a grid: the label of each column and the rows of cells under them.
#[derive(Debug, Default)]
pub(super) struct Grid {
    /// The label of each column, its header lines joined top to bottom.
    pub(super) columns: Vec<String>,
    /// The data rows: one cell per column (empty for a blank cell), and where each was read.
    pub(super) rows: Vec<(Vec<String>, Position)>,
    /// Where each column was found to sit, for a continuation page that repeats no header.
    pub(super) anchors: Vec<f32>,
}

/// A column: its label parts (top to bottom) and its horizontal extent and anchor.
#[derive(Clone, Debug)]
struct Column {
    x0: f32,
    x1: f32,
    anchor: f32,
    label: Vec<(f32, f32, String)>,
}

/// A line of the table body with its position.
pub(super) struct BodyLine<'a> {
    pub(super) line: &'a Line,
    pub(super) at: Position,
    /// Whether the line is a row of its own (a data line or a labelled row), rather than
    /// a wrapped part of a neighbour.
    pub(super) row: bool,
}

/// Whether a span's text is a figure, a dash for nothing, or a code.
pub(super) fn is_numeric(text: &str) -> bool {
    let t: String = to_half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，'))
        .collect();
    let body = t.strip_prefix('-').unwrap_or(&t);
    let dash = !t.is_empty() && t.chars().all(|c| matches!(c, '-' | '—' | '－' | '–' | '―'));
    dash || (!body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
        && !body.starts_with('.')
        && !body.ends_with('.'))
}

/// Whether a span is only a code: three to seven digits, without a decimal point.
fn is_code(text: &str) -> bool {
    let t: String = to_half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    (3..=7).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
}

/// Whether a line is a data line: it holds a figure or a code, or starts with a
/// list-numbered label (一、…).
pub(in crate::ingest) fn is_data_line(line: &Line) -> bool {
    let first = line
        .spans
        .first()
        .map(|s| compact(&s.text))
        .unwrap_or_default();
    line.spans.iter().any(|s| is_numeric(&s.text))
        || crate::ingest::printed::starts_with_list_number(&first)
}

/// Whether a line of text only is a row of its own rather than the wrapped part of a
/// neighbour: in the summary tables (公开01表, 公开04表) every labelled line is a row
/// (使用非财政拨款结余 … 结余分配), unless it is a short tail of a wrapped label (「出」).
pub(super) fn is_label_row(line: &Line, labelled_rows: bool) -> bool {
    labelled_rows
        && line
            .spans
            .iter()
            .any(|s| compact(&s.text).chars().count() >= 4)
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Builds the columns from the header lines (none without a header).
fn header_columns(header: &[&Line]) -> Vec<Column> {
    let mut spans: Vec<(f32, &Span)> = header
        .iter()
        .flat_map(|l| l.spans.iter().map(move |s| (l.y, s)))
        .collect();
    // Narrow spans first: they are leaves; a wide one overlapping several is a group.
    spans.sort_by(|a, b| a.1.width().total_cmp(&b.1.width()));
    let mut columns: Vec<Column> = Vec::new();
    let mut groups: Vec<(f32, f32, f32, String)> = Vec::new();
    for (y, s) in spans {
        let hits: Vec<usize> = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| overlap(s.x0, s.x1, c.x0, c.x1) > 0.0)
            .map(|(i, _)| i)
            .collect();
        match hits.as_slice() {
            [] => columns.push(Column {
                x0: s.x0,
                x1: s.x1,
                anchor: s.center(),
                label: vec![(y, s.x0, s.text.clone())],
            }),
            [i] => {
                if let Some(c) = columns.get_mut(*i) {
                    c.x0 = c.x0.min(s.x0);
                    c.x1 = c.x1.max(s.x1);
                    c.anchor = (c.x0 + c.x1) / 2.0;
                    c.label.push((y, s.x0, s.text.clone()));
                }
            }
            _ => groups.push((y, s.x0, s.x1, s.text.clone())),
        }
    }
    for (y, x0, x1, text) in groups {
        for c in columns
            .iter_mut()
            .filter(|c| overlap(x0, x1, c.x0, c.x1) > 0.0)
        {
            c.label.push((y, x0, text.clone()));
        }
    }
    columns.sort_by(|a, b| a.anchor.total_cmp(&b.anchor));
    columns
}

/// The width two ranges share.
fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}

/// The label of a column: its parts top to bottom, left to right, joined.
fn label(c: &Column) -> String {
    let mut parts = c.label.clone();
    parts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    parts.dedup_by(|a, b| a.2 == b.2);
    parts.iter().map(|p| compact(&p.2)).collect()
}

/// Assigns the spans of a line to columns: a monotone assignment of least total distance
/// from span centres to column anchors; spans share a column only when there are more
/// spans than columns. Returns the column index of each span.
fn assign(spans: &[Span], anchors: &[f32]) -> Vec<usize> {
    let (m, n) = (spans.len(), anchors.len());
    if m == 0 || n == 0 {
        return vec![0; m];
    }
    let share_penalty = if m > n { 0.0 } else { f32::MAX / 4.0 };
    // cost[i][j]: least cost of placing spans 0..=i with span i in column j.
    let mut cost = vec![vec![f32::INFINITY; n]; m];
    let mut from = vec![vec![usize::MAX; n]; m];
    for j in 0..n {
        cost[0][j] = (spans[0].center() - anchors[j]).abs();
    }
    for i in 1..m {
        let d = |j: usize| (spans[i].center() - anchors[j]).abs();
        let mut best_prev = (f32::INFINITY, usize::MAX);
        for j in 0..n {
            // best over columns strictly left of j
            let same = cost[i - 1][j] + share_penalty;
            let (p, pj) = if best_prev.0 <= same {
                best_prev
            } else {
                (same, j)
            };
            if p.is_finite() {
                cost[i][j] = p + d(j);
                from[i][j] = pj;
            }
            if cost[i - 1][j] < best_prev.0 {
                best_prev = (cost[i - 1][j], j);
            }
        }
    }
    let mut j = (0..n)
        .min_by(|&a, &b| cost[m - 1][a].total_cmp(&cost[m - 1][b]))
        .unwrap_or(0);
    let mut out = vec![0; m];
    for i in (0..m).rev() {
        out[i] = j;
        if i > 0 {
            j = from[i][j];
            if j == usize::MAX {
                j = 0;
            }
        }
    }
    out
}

/// The spans of a line with a code printed over the 类/款/项 columns (「201」「06」「01」)
/// joined into one span.
pub(super) fn join_split_codes(line: &Line) -> Line {
    let mut spans: Vec<Span> = Vec::with_capacity(line.spans.len());
    for s in &line.spans {
        let digits = compact(&s.text);
        let two = digits.len() == 2 && digits.chars().all(|c| c.is_ascii_digit());
        if let Some(last) = spans.last_mut() {
            let head = compact(&last.text);
            let is_code_head =
                matches!(head.len(), 3 | 5) && head.chars().all(|c| c.is_ascii_digit());
            if two && is_code_head {
                last.text = format!("{head}{digits}");
                last.x1 = s.x1;
                continue;
            }
        }
        spans.push(s.clone());
    }
    Line { y: line.y, spans }
}

/// Reads a table body: `header` lines give the columns (or `previous` ones when the page
/// repeats none), `body` lines are assigned to them.
pub(super) fn read(header: &[&Line], body: &[BodyLine], previous: Option<&[f32]>) -> Grid {
    let mut columns = header_columns(header);
    if columns.is_empty() {
        match previous {
            Some(anchors) => {
                columns = anchors
                    .iter()
                    .map(|&a| Column {
                        x0: a,
                        x1: a,
                        anchor: a,
                        label: Vec::new(),
                    })
                    .collect()
            }
            None => columns = data_columns(body),
        }
    }
    add_unheaded_columns(&mut columns, body);
    // Re-centre each column on the data it receives, then assign again.
    let anchors: Vec<f32> = columns.iter().map(|c| c.anchor).collect();
    let mut sums = vec![(0.0f32, 0usize); anchors.len()];
    for b in body.iter().filter(|b| b.row) {
        for (s, j) in b.line.spans.iter().zip(assign(&b.line.spans, &anchors)) {
            if let Some(e) = sums.get_mut(j) {
                e.0 += s.center();
                e.1 += 1;
            }
        }
    }
    for (c, (sum, n)) in columns.iter_mut().zip(sums) {
        if n > 0 {
            c.anchor = sum / n as f32;
        }
    }
    let anchors: Vec<f32> = columns.iter().map(|c| c.anchor).collect();
    let width = columns.len().max(1);
    let mut grid = Grid {
        columns: columns.iter().map(label).collect(),
        rows: Vec::new(),
        anchors: Vec::new(),
    };
    grid.columns.resize(width, String::new());
    let placed: Vec<(Vec<String>, &BodyLine)> = body
        .iter()
        .map(|b| {
            let mut cells = vec![String::new(); width];
            for (s, j) in b.line.spans.iter().zip(assign(&b.line.spans, &anchors)) {
                if let Some(c) = cells.get_mut(j) {
                    if !c.is_empty() {
                        c.push(' ');
                    }
                    c.push_str(s.text.trim());
                }
            }
            (cells, b)
        })
        .collect();
    grid.rows = join_rows(placed);
    grid.anchors = anchors;
    merge_text_columns(&mut grid);
    grid
}

/// Adds a column under each span of a row that has more spans than there are columns and
/// that lies under none of them: a header that lost its last headings (the 栏次 row
/// `类 款 项 栏次 1 2 3 4` still shows every column).
fn add_unheaded_columns(columns: &mut Vec<Column>, body: &[BodyLine]) {
    if columns.is_empty() {
        return;
    }
    for b in body.iter().filter(|b| b.row) {
        if b.line.spans.len() <= columns.len() {
            continue;
        }
        for s in &b.line.spans {
            if !columns
                .iter()
                .any(|c| overlap(s.x0, s.x1, c.x0, c.x1) > 0.0)
            {
                columns.push(Column {
                    x0: s.x0,
                    x1: s.x1,
                    anchor: s.center(),
                    label: Vec::new(),
                });
            }
        }
        columns.sort_by(|a, b| a.anchor.total_cmp(&b.anchor));
    }
}

/// Merges neighbouring columns of text that no row fills both of: a heading centred over
/// the code and name columns (项目) or over a side (收入) makes a column of its own, and
/// names then fall on either side of it.
fn merge_text_columns(grid: &mut Grid) {
    let mut j = 0;
    while j + 1 < grid.columns.len() {
        let kind = |k: usize| {
            let cells = grid
                .rows
                .iter()
                .filter_map(|(r, _)| r.get(k))
                .filter(|c| !c.is_empty());
            let (mut text, mut numbers) = (0, 0);
            for c in cells {
                if is_numeric(c) {
                    numbers += 1;
                } else {
                    text += 1;
                }
            }
            (text, numbers)
        };
        let ((ta, na), (tb, nb)) = (kind(j), kind(j + 1));
        let both = grid.rows.iter().any(|(r, _)| {
            r.get(j).is_some_and(|c| !c.is_empty()) && r.get(j + 1).is_some_and(|c| !c.is_empty())
        });
        if na == 0 && nb == 0 && ta + tb > 0 && !both {
            for (r, _) in grid.rows.iter_mut() {
                if j + 1 < r.len() {
                    let b = r.remove(j + 1);
                    if let Some(a) = r.get_mut(j) {
                        a.push_str(&b);
                    }
                }
            }
            let b = grid.columns.remove(j + 1);
            if let Some(a) = grid.columns.get_mut(j) {
                a.push_str(&b);
            }
            let b = grid.anchors.remove(j + 1);
            if let Some(a) = grid.anchors.get_mut(j) {
                *a = (*a + b) / 2.0;
            }
        } else {
            j += 1;
        }
    }
}

/// Columns from the data alone (a continuation page without a header, with no earlier
/// page to follow): one per span position of the line with the most spans.
fn data_columns(body: &[BodyLine]) -> Vec<Column> {
    body.iter()
        .filter(|b| b.row)
        .max_by_key(|b| b.line.spans.len())
        .map(|b| {
            b.line
                .spans
                .iter()
                .map(|s| Column {
                    x0: s.x0,
                    x1: s.x1,
                    anchor: s.center(),
                    label: Vec::new(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Joins wrapped text lines and lone codes to their rows.
fn join_rows(placed: Vec<(Vec<String>, &BodyLine)>) -> Vec<(Vec<String>, Position)> {
    // A line of only 合计/总计 with no row of unlabelled figures to take it is a row of its
    // own: the total row of an empty table.
    let unlabelled_rows = placed.iter().any(|(cells, b)| {
        b.row
            && cells.iter().any(|c| !c.is_empty())
            && cells.iter().all(|c| c.is_empty() || is_numeric(c))
    });
    let is_row =
        |(cells, b): &(Vec<String>, &BodyLine)| b.row || (!unlabelled_rows && is_total_only(cells));
    let data: Vec<usize> = (0..placed.len()).filter(|&i| is_row(&placed[i])).collect();
    let mut rows: Vec<(Vec<String>, Position, f32)> = data
        .iter()
        .map(|&i| (placed[i].0.clone(), placed[i].1.at, placed[i].1.line.y))
        .collect();
    // What each row printed on its own line, before anything is joined to it.
    let own: Vec<Vec<String>> = rows.iter().map(|r| r.0.clone()).collect();
    let mut above: Vec<Vec<Vec<String>>> = vec![Vec::new(); rows.len()];
    let mut below = above.clone();
    for (i, (cells, b)) in placed.iter().enumerate() {
        if data.binary_search(&i).is_ok() {
            continue;
        }
        let next = data.iter().position(|&d| d > i);
        let prev = match next {
            Some(0) => None,
            Some(k) => Some(k - 1),
            None => data.len().checked_sub(1),
        };
        let y = b.line.y;
        let dist = |k: usize| (rows[k].2 - y).abs();
        // Whether a row printed no text (a name) on its own line.
        let empty_at = |k: usize| {
            own[k]
                .iter()
                .all(|c| c.is_empty() || is_numeric(c) || is_code(c))
        };
        let unlabelled = |k: usize| own[k].iter().all(|c| c.is_empty() || is_numeric(c));
        let total_label = is_total_only(cells);
        let nearest_unlabelled = (0..rows.len())
            .filter(|&k| unlabelled(k))
            .min_by(|&a, &b| dist(a).total_cmp(&dist(b)));
        let target = match (prev, next) {
            _ if total_label && nearest_unlabelled.is_some() => {
                nearest_unlabelled.map(|k| (k, rows[k].2 > y))
            }
            (Some(p), Some(n)) => {
                let (dp, dn) = (dist(p), dist(n));
                let tie = (dp - dn).abs() < 0.25 * dp.max(dn).max(1e-3);
                // A row that printed no name on its own line takes the wrapped parts near it.
                let (np, nn) = (empty_at(p), empty_at(n));
                if (tie && !np && nn) || (nn && !np && dn <= 2.0 * dp) {
                    Some((n, true))
                } else if tie || (np && !nn && dp <= 2.0 * dn) || dp < dn {
                    Some((p, false))
                } else {
                    Some((n, true))
                }
            }
            (Some(p), None) => Some((p, false)),
            (None, Some(n)) => Some((n, true)),
            (None, None) => None,
        };
        match target {
            Some((k, true)) => above[k].push(cells.clone()),
            Some((k, false)) => below[k].push(cells.clone()),
            None => {}
        }
    }
    for (k, row) in rows.iter_mut().enumerate() {
        // A name wrapped over several lines goes into one cell: the row's own text cell,
        // else the cell the first wrapped part falls in.
        let name = row
            .0
            .iter()
            .position(|c| !c.is_empty() && !is_numeric(c) && !is_code(c))
            .or_else(|| {
                above[k]
                    .last()
                    .or(below[k].first())
                    .and_then(|c| c.iter().position(|c| !c.is_empty()))
            });
        for cells in above[k].iter().rev() {
            append(&mut row.0, cells, true, name);
        }
        for cells in &below[k] {
            append(&mut row.0, cells, false, name);
        }
    }
    let rows = merge_unlabelled(rows);
    // A line of codes only lends them to the next row where that row has none.
    let mut out: Vec<(Vec<String>, Position)> = Vec::new();
    let mut pending: Option<(Vec<String>, Position)> = None;
    for (cells, at, _) in rows {
        let only_codes = cells.iter().all(|c| c.is_empty() || is_code(c));
        if let Some((codes, p)) = pending.take() {
            if disjoint(&codes, &cells) && !only_codes {
                out.push((overlay(codes, cells), p));
                continue;
            }
            out.push((codes, p));
        }
        if only_codes && cells.iter().any(|c| !c.is_empty()) {
            pending = Some((cells, at));
        } else {
            out.push((cells, at));
        }
    }
    out.extend(pending);
    out
}

/// Whether the filled cells of a line are all 合计/总计 labels.
fn is_total_only(cells: &[String]) -> bool {
    cells.iter().any(|c| !c.is_empty())
        && cells
            .iter()
            .filter(|c| !c.is_empty())
            .all(|c| matches!(compact(c).as_str(), "合计" | "总计"))
}

/// Whether two rows fill no column both.
fn disjoint(a: &[String], b: &[String]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.is_empty() || y.is_empty())
}

/// The cells of `a` with the blanks filled from `b`.
fn overlay(a: Vec<String>, b: Vec<String>) -> Vec<String> {
    a.into_iter()
        .zip(b)
        .map(|(x, y)| if x.is_empty() { y } else { x })
        .collect()
}

/// Merges the rows of figures without any label (no code, no name) into the nearer
/// neighbouring row that leaves those columns blank (the one below on a tie): extractors
/// put figures that are aligned to the top or bottom of a tall cell on a line of their own.
fn merge_unlabelled(
    mut rows: Vec<(Vec<String>, Position, f32)>,
) -> Vec<(Vec<String>, Position, f32)> {
    let unlabelled = |r: &[String]| {
        r.iter()
            .all(|c| c.is_empty() || (is_numeric(c) && !is_code(c)))
    };
    let mut k = 0;
    while k < rows.len() {
        if !unlabelled(&rows[k].0) {
            k += 1;
            continue;
        }
        let y = rows[k].2;
        let d = |j: usize| (rows[j].2 - y).abs();
        let mut order: Vec<usize> = Vec::new();
        let (prev, next) = (k.checked_sub(1), (k + 1 < rows.len()).then_some(k + 1));
        match (prev, next) {
            (Some(p), Some(n)) if d(p) < d(n) - 0.25 * d(n) => order.extend([p, n]),
            (p, n) => order.extend(n.into_iter().chain(p)),
        }
        let target = order
            .into_iter()
            .find(|&j| disjoint(&rows[j].0, &rows[k].0));
        match target {
            Some(j) => {
                let (cells, _, _) = rows.remove(k);
                let j = if j > k { j - 1 } else { j };
                let merged = overlay(std::mem::take(&mut rows[j].0), cells);
                rows[j].0 = merged;
                k = j.min(k);
            }
            None => k += 1,
        }
    }
    rows
}

/// Joins the cells of a wrapped line to a row's cells, before or after their text; a line of
/// one cell joins the row's `name` cell when it has one.
fn append(row: &mut [String], cells: &[String], before: bool, name: Option<usize>) {
    let filled: Vec<usize> = (0..cells.len()).filter(|&j| !cells[j].is_empty()).collect();
    for j in filled.iter().copied() {
        let target = match (filled.len(), name) {
            (1, Some(n)) => n,
            _ => j,
        };
        let (Some(r), Some(c)) = (row.get_mut(target), cells.get(j)) else {
            continue;
        };
        *r = if before {
            format!("{c}{r}")
        } else {
            format!("{r}{c}")
        };
    }
}
