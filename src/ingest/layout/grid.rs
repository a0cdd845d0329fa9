//! From positioned lines to a grid of cells: the columns come from the table's own header,
//! each span goes to the column it sits under, the lines of one printed row are joined.
//!
//! - **Columns.** The header lines (those above the first data line) are grouped into
//!   columns, narrow spans first: a span that overlaps one column well joins it (a heading
//!   wrapped over several lines, 「本年收入合」/「计」); a span that overlaps two or more
//!   columns, or only the edge of one below it, heads a group (财政拨款“三公”经费,
//!   公务用车购置及运行维护费, 预算数) and prefixes their labels; a one-line heading printed
//!   above two neighbouring columns and centred between them (项目, 合计) heads both. A line
//!   of more spans than columns adds a column under each span that sits under none.
//! - **Cells.** The spans of a line go to the columns in order, each to the column whose
//!   centre is nearest, no two to one column while there are columns enough (a monotone
//!   assignment of least total distance). The columns are then re-centred on the data they
//!   received and the lines assigned again, which absorbs the offset between a centred
//!   heading and right-aligned figures. A header that repeats its columns side by side
//!   (公开06表's 科目编码, 科目名称, 决算数 twice) is read one block at a time.
//! - **Rows** (see [`join_rows`]): a data line (a figure or a code, or a list-numbered label)
//!   starts a row; lines of figures only, of codes only, of labels at another height, and of
//!   a coded row's bottom-aligned figure join the row they belong to when closer than rows
//!   are; a line of text only is a wrapped part of the nearest row.

use super::super::page::{Line, Position, Span};
use crate::codes::to_half_width;
use crate::ingest::printed::{compact, is_level_word};

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

/// Builds the columns from the header lines (none without a header).
fn header_columns(header: &[&Line]) -> Vec<Column> {
    let mut spans: Vec<(f32, &Span)> = header
        .iter()
        .flat_map(|l| l.spans.iter().map(move |s| (l.y, s)))
        .collect();
    // Narrow spans first (lower lines first among equals): they are leaves; a span that
    // overlaps several columns, or only the edge of one below it, heads a group.
    spans.sort_by(|a, b| {
        a.1.width()
            .total_cmp(&b.1.width())
            .then(b.0.total_cmp(&a.0))
    });
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
                let strong = columns.get(*i).is_some_and(|c| {
                    overlap(s.x0, s.x1, c.x0, c.x1) >= 0.5 * s.width().min(c.x1 - c.x0)
                });
                let above = columns
                    .get(*i)
                    .is_some_and(|c| c.label.iter().all(|l| l.0 > y));
                match columns.get_mut(*i) {
                    Some(_) if !strong && above => groups.push((y, s.x0, s.x1, s.text.clone())),
                    Some(c) if strong => {
                        c.x0 = c.x0.min(s.x0);
                        c.x1 = c.x1.max(s.x1);
                        c.anchor = (c.x0 + c.x1) / 2.0;
                        c.label.push((y, s.x0, s.text.clone()));
                    }
                    _ => columns.push(Column {
                        x0: s.x0,
                        x1: s.x1,
                        anchor: s.center(),
                        label: vec![(y, s.x0, s.text.clone())],
                    }),
                }
            }
            _ => groups.push((y, s.x0, s.x1, s.text.clone())),
        }
    }
    columns.sort_by(|a, b| a.anchor.total_cmp(&b.anchor));
    dissolve_centred_groups(&mut columns);
    for (y, x0, x1, text) in groups {
        for c in columns
            .iter_mut()
            .filter(|c| overlap(x0, x1, c.x0, c.x1) > 0.0)
        {
            c.label.push((y, x0, text.clone()));
        }
    }
    columns
}

/// A heading printed above two neighbouring columns and centred between them (项目 over
/// 科目编码 and 科目名称, 合计 over 预算数 and 决算数) heads both: it is not a column of its
/// own but a prefix of their labels.
fn dissolve_centred_groups(columns: &mut Vec<Column>) {
    let lowest = |c: &Column| {
        c.label
            .iter()
            .map(|l| l.0)
            .fold(f32::NEG_INFINITY, f32::max)
    };
    let highest = |c: &Column| c.label.iter().map(|l| l.0).fold(f32::INFINITY, f32::min);
    let mut j = 1;
    while j + 1 < columns.len() {
        let (left, mid, right) = (&columns[j - 1], &columns[j], &columns[j + 1]);
        let one_line = mid.label.len() == 1;
        let above = one_line && lowest(mid) < highest(left) && lowest(mid) < highest(right);
        let between = left.anchor < mid.anchor && mid.anchor < right.anchor;
        if above && between {
            let group = columns.remove(j);
            for c in &mut columns[j - 1..=j] {
                c.label.extend(group.label.iter().cloned());
            }
        } else {
            j += 1;
        }
    }
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

/// A line cleaned for reading: a code printed over the 类/款/项 columns (「201」「06」「01」)
/// joined into one span, a list number joined to its label, and the 类 款 项 headings of those columns dropped when they share
/// a baseline with figures aligned to the top of their cells.
pub(super) fn clean_line(line: &Line) -> Line {
    let levels = line.spans.iter().filter(|s| is_level_word(&s.text)).count();
    // On a line of figures (not on the 栏次 row 「类 款 项 栏次 1 2 3」, whose headings show
    // the columns).
    let figures = line
        .spans
        .iter()
        .any(|s| is_numeric(&s.text) && s.text.contains('.'));
    let levels = if figures { levels } else { 0 };
    let mut spans: Vec<Span> = Vec::with_capacity(line.spans.len());
    for s in &line.spans {
        if levels >= 2 && is_level_word(&s.text) {
            continue;
        }
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
            // A list number set apart from its label (「二十二、」「灾害防治及应急管理支出」).
            let number_only =
                crate::ingest::printed::list_number(&head).is_some_and(|(_, rest)| rest.is_empty());
            if number_only && !is_numeric(&s.text) {
                last.text = format!("{head}{}", s.text.trim());
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
pub(super) fn read(
    header: &[&Line],
    body: &[BodyLine],
    previous: Option<(&[f32], &[String])>,
    blocks: bool,
) -> Grid {
    let mut columns = header_columns(header);
    if columns.is_empty() {
        match previous {
            Some((anchors, labels)) => {
                columns = anchors
                    .iter()
                    .enumerate()
                    .map(|(j, &a)| Column {
                        x0: a,
                        x1: a,
                        anchor: a,
                        label: labels
                            .get(j)
                            .map(|l| vec![(0.0, a, l.clone())])
                            .unwrap_or_default(),
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
    let placed: Vec<Placed> = body
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
            Placed {
                cells,
                at: b.at,
                y: b.line.y,
                row: b.row,
            }
        })
        .collect();
    grid.rows = match period(&grid.columns).filter(|_| blocks) {
        Some(p) => (0..width)
            .step_by(p)
            .flat_map(|start| join_rows(block(&placed, start..start + p)))
            .collect(),
        None => join_rows(placed),
    };
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

/// A line placed in the columns.
#[derive(Clone)]
struct Placed {
    cells: Vec<String>,
    at: Position,
    y: f32,
    row: bool,
}

/// The period of a header that repeats its columns side by side (经济分类科目编码, 科目名称,
/// 决算数 twice or three times, as 公开06表 prints them): the smallest `p` such that every
/// block starts with a code column (科目编码) and every label ends like the label `p`
/// columns before it.
fn period(labels: &[String]) -> Option<usize> {
    let n = labels.len();
    let ends_alike = |a: &str, b: &str| {
        let tail = |s: &str| s.chars().rev().take(2).collect::<String>();
        !a.is_empty() && tail(a) == tail(b)
    };
    (2..=n / 2)
        .filter(|&p| n.is_multiple_of(p))
        .filter(|&p| (0..n).step_by(p).all(|j| labels[j].contains("编码")))
        .find(|&p| (p..n).all(|j| ends_alike(&labels[j], &labels[j - p])))
}

/// The lines restricted to the columns of one block, each a row when the block holds a
/// figure or a code there; lines with nothing in the block are left out.
fn block(placed: &[Placed], columns: std::ops::Range<usize>) -> Vec<Placed> {
    placed
        .iter()
        .filter_map(|p| {
            let mut cells = vec![String::new(); p.cells.len()];
            for j in columns.clone() {
                if let (Some(c), Some(v)) = (cells.get_mut(j), p.cells.get(j)) {
                    c.clone_from(v);
                }
            }
            let filled = cells.iter().any(|c| !c.is_empty());
            filled.then(|| Placed {
                row: cells.iter().any(|c| is_numeric(c)),
                cells,
                at: p.at,
                y: p.y,
            })
        })
        .collect()
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

/// A row being assembled: its cells, where it was read, and the vertical band of the lines
/// it is made of.
struct Band {
    cells: Vec<String>,
    at: Position,
    top: f32,
    bottom: f32,
}

impl Band {
    /// The vertical distance from `y` to the band (0 inside it).
    fn distance(&self, y: f32) -> f32 {
        (self.top - y).max(y - self.bottom).max(0.0)
    }

    /// Takes in another band's cells (filling blanks) and extent.
    fn absorb(&mut self, other: Band) {
        let cells = std::mem::take(&mut self.cells);
        self.cells = overlay(cells, other.cells);
        self.top = self.top.min(other.top);
        self.bottom = self.bottom.max(other.bottom);
        self.at = self.at.min(other.at);
    }

    /// Whether the row has no label: no code and no text, figures only.
    fn is_unlabelled(&self) -> bool {
        is_unlabelled(&self.cells)
    }

    /// Whether the row printed a name (text that is not a figure or a code).
    fn has_name(&self) -> bool {
        self.cells
            .iter()
            .any(|c| !c.is_empty() && !is_numeric(c) && !is_code(c))
    }
}

/// Whether cells hold figures only: no code, no text, and not the numbers 1, 2, 3 … of a
/// 栏次 row.
fn is_unlabelled(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    let numbering = filled
        .iter()
        .enumerate()
        .all(|(i, c)| compact(c) == (i + 1).to_string());
    !numbering && filled.iter().all(|c| is_numeric(c) && !is_code(c))
}

/// Joins the lines of a table into rows:
/// 1. each data line starts a row;
/// 2. a row of figures only joins the nearer neighbouring row that leaves those columns
///    blank (the one below on a tie): extractors put figures aligned to the top or bottom of
///    a tall cell on a line of their own;
/// 3. a row of codes only lends them to the next row (a 类 code printed a little above its
///    款 part, 「302」 then 「01 办公费」, is joined into one code);
/// 4. a line of text only is a wrapped part of the nearest row's cells (on a tie, of the row
///    that printed no name of its own, else of the row above); a total label (合计) joins the
///    nearest row without a label.
fn join_rows(mut placed: Vec<Placed>) -> Vec<(Vec<String>, Position)> {
    // A line of only 合计/总计 with no row of figures without a label to take it is a row of
    // its own: the total row of an empty table.
    let unlabelled_rows = placed
        .iter()
        .any(|p| p.row && p.cells.iter().any(|c| !c.is_empty()) && is_unlabelled(&p.cells));
    for p in placed.iter_mut() {
        p.row |= !unlabelled_rows && is_total_only(&p.cells);
    }
    let mut rows: Vec<Band> = placed
        .iter()
        .filter(|p| p.row)
        .map(|p| Band {
            cells: p.cells.clone(),
            at: p.at,
            top: p.y,
            bottom: p.y,
        })
        .collect();
    // Lines closer than one and a half times the tightest line spacing of the table are
    // parts of one row's band; rows are further apart.
    let mut ys: Vec<f32> = placed.iter().map(|p| p.y).collect();
    ys.sort_by(f32::total_cmp);
    let tightest = ys
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|d| *d > 0.0)
        .min_by(f32::total_cmp)
        .unwrap_or(1.0);
    let near = 1.5 * tightest;
    merge_unlabelled(&mut rows, near);
    lend_codes(&mut rows, near);
    merge_split_labels(&mut rows, near);
    merge_codeless(&mut rows, near);
    let mut above: Vec<Vec<&[String]>> = vec![Vec::new(); rows.len()];
    let mut below = above.clone();
    for p in placed.iter().filter(|p| !p.row) {
        let cells = p.cells.as_slice();
        let total_label = cells
            .iter()
            .filter(|c| !c.is_empty())
            .all(|c| matches!(compact(c).as_str(), "合计" | "总计"));
        let nearest = |ks: &mut dyn Iterator<Item = usize>| {
            ks.min_by(|&a, &b| rows[a].distance(p.y).total_cmp(&rows[b].distance(p.y)))
        };
        let target = if total_label {
            nearest(&mut (0..rows.len()).filter(|&k| rows[k].is_unlabelled()))
        } else {
            None
        };
        let target = target.or_else(|| {
            let next = rows.iter().position(|r| r.top > p.y);
            let prev = match next {
                Some(n) => n.checked_sub(1),
                None => rows.len().checked_sub(1),
            };
            match (prev, next) {
                (Some(a), Some(b)) => {
                    let (da, db) = (rows[a].distance(p.y), rows[b].distance(p.y));
                    let tie = (da - db).abs() <= 0.25 * da.max(db);
                    let (na, nb) = (rows[a].has_name(), rows[b].has_name());
                    if na && !nb && (tie || db <= 2.0 * da) {
                        Some(b)
                    } else if tie || (!na && nb && da <= 2.0 * db) || da < db {
                        Some(a)
                    } else {
                        Some(b)
                    }
                }
                (a, b) => a.or(b),
            }
        });
        if let Some(k) = target {
            if rows[k].top > p.y {
                above[k].push(cells);
            } else {
                below[k].push(cells);
            }
        }
    }
    for (k, row) in rows.iter_mut().enumerate() {
        // A name wrapped over several lines goes into one cell: the row's own text cell,
        // else the cell the first wrapped part falls in.
        let name = row
            .cells
            .iter()
            .position(|c| !c.is_empty() && !is_numeric(c) && !is_code(c))
            .or_else(|| {
                above[k]
                    .first()
                    .or(below[k].first())
                    .and_then(|c| c.iter().position(|c| !c.is_empty()))
            });
        for cells in above[k].iter().rev() {
            append(&mut row.cells, cells, true, name);
        }
        for cells in &below[k] {
            append(&mut row.cells, cells, false, name);
        }
    }
    rows.into_iter().map(|r| (r.cells, r.at)).collect()
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

/// Step 2 of [`join_rows`]: rows of figures only join a neighbour.
fn merge_unlabelled(rows: &mut Vec<Band>, near: f32) {
    let mut k = 0;
    while k < rows.len() {
        if !rows[k].is_unlabelled() {
            k += 1;
            continue;
        }
        let y = rows[k].top;
        let (prev, next) = (k.checked_sub(1), (k + 1 < rows.len()).then_some(k + 1));
        let order: Vec<usize> = match (prev, next) {
            (Some(p), Some(n)) if rows[p].distance(y) < 0.75 * rows[n].distance(y) => vec![p, n],
            (p, n) => n.into_iter().chain(p).collect(),
        };
        match order
            .into_iter()
            .find(|&j| rows[j].distance(y) <= near && disjoint(&rows[j].cells, &rows[k].cells))
        {
            Some(j) => {
                let band = rows.remove(k);
                let j = if j > k { j - 1 } else { j };
                rows[j].absorb(band);
                k = j.min(k);
            }
            None => k += 1,
        }
    }
}

/// Step 3c of [`join_rows`]: in a table keyed by codes, a row with figures but no code (nor
/// a total label such as 公用经费合计) is the part of the nearer coded row printed on a line of its own (a figure
/// aligned to the bottom of a tall cell beside the end of a wrapped name, 「支出 93.68」 under
/// 「208 社会保障和就业」), when it is closer than rows are and fills only what that row leaves
/// blank or continues its text.
fn merge_codeless(rows: &mut Vec<Band>, near: f32) {
    let coded = |b: &Band| b.cells.iter().any(|c| is_code(c));
    if !rows.iter().any(coded) {
        return;
    }
    let total = |b: &Band| {
        b.cells.iter().any(|c| {
            let c = compact(c);
            c.ends_with("合计") || c.ends_with("总计")
        })
    };
    let fits = |a: &Band, b: &Band| {
        a.cells.iter().zip(&b.cells).all(|(x, y)| {
            x.is_empty() || y.is_empty() || (!is_numeric(x) && !is_numeric(y) && !is_code(x))
        })
    };
    let mut k = 0;
    while k < rows.len() {
        let lone = !coded(&rows[k]) && !total(&rows[k]) && rows[k].has_name();
        let lone = lone && rows[k].cells.iter().any(|c| is_numeric(c));
        if !lone {
            k += 1;
            continue;
        }
        let y = rows[k].top;
        let mut near_rows: Vec<usize> = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter(|&j| j < rows.len() && coded(&rows[j]) && rows[j].distance(y) <= near)
            .filter(|&j| fits(&rows[j], &rows[k]))
            .collect();
        near_rows.sort_by(|&a, &b| rows[a].distance(y).total_cmp(&rows[b].distance(y)));
        match near_rows.first().copied() {
            Some(j) => {
                let band = rows.remove(k);
                let j = if j > k { j - 1 } else { j };
                let above = rows[j].top < band.top;
                let mut cells = std::mem::take(&mut rows[j].cells);
                for (c, extra) in cells.iter_mut().zip(&band.cells) {
                    if extra.is_empty() {
                        continue;
                    }
                    *c = match (c.is_empty(), above) {
                        (true, _) => extra.clone(),
                        (false, true) => format!("{c}{extra}"),
                        (false, false) => format!("{extra}{c}"),
                    };
                }
                rows[j].cells = cells;
                rows[j].top = rows[j].top.min(band.top);
                rows[j].bottom = rows[j].bottom.max(band.bottom);
                k = j.min(k);
            }
            None => k += 1,
        }
    }
}

/// Step 3b of [`join_rows`]: two labelled rows without codes, closer than rows are, that
/// fill no column both and one of which has no figure, are one printed row whose labels sit
/// at different heights (a wrapped income label, 「三、国有资本经营预算财政」「拨款」, with the
/// expense label 「三、国防支出」 centred beside it).
fn merge_split_labels(rows: &mut Vec<Band>, near: f32) {
    let has_code = |b: &Band| b.cells.iter().any(|c| is_code(c));
    let has_figure = |b: &Band| b.cells.iter().any(|c| is_numeric(c) && !is_code(c));
    let mut k = 0;
    while k + 1 < rows.len() {
        let (a, b) = (&rows[k], &rows[k + 1]);
        let split = b.top - a.bottom <= near
            && !has_code(a)
            && !has_code(b)
            && (!has_figure(a) || !has_figure(b))
            && a.has_name()
            && b.has_name()
            && disjoint(&a.cells, &b.cells);
        if split {
            let band = rows.remove(k + 1);
            rows[k].absorb(band);
        } else {
            k += 1;
        }
    }
}

/// Step 3 of [`join_rows`]: a row of codes only lends them to the next row, and a 类 or 款
/// code joins the 款 or 项 part printed just below it (「302 因公出国（境）费」 over
/// 「12 用」); text cells that both fill are joined, figures never.
fn lend_codes(rows: &mut Vec<Band>, near: f32) {
    let mut k = 0;
    while k + 1 < rows.len() {
        let close = rows[k + 1].top - rows[k].bottom <= near;
        let joined = close
            .then(|| join_code_rows(&rows[k].cells, &rows[k + 1].cells))
            .flatten();
        match joined {
            Some(cells) => {
                let band = rows.remove(k);
                let next = &mut rows[k];
                next.cells = cells;
                next.top = next.top.min(band.top);
                next.at = next.at.min(band.at);
            }
            None => k += 1,
        }
    }
}

/// The cells of a row printed over two lines, when the upper one is only codes or its code
/// continues in the lower one; `None` when they are two rows.
fn join_code_rows(upper: &[String], lower: &[String]) -> Option<Vec<String>> {
    let only_codes = |r: &[String]| {
        r.iter().any(|c| !c.is_empty()) && r.iter().all(|c| c.is_empty() || is_code(c))
    };
    let continues = |a: &str, b: &str| {
        let (a, b) = (compact(a), compact(b));
        matches!(a.len(), 3 | 5)
            && a.chars().all(|c| c.is_ascii_digit())
            && b.len() == 2
            && b.chars().all(|c| c.is_ascii_digit())
    };
    let split_code = upper.iter().zip(lower).any(|(a, b)| continues(a, b));
    if !(split_code || (only_codes(upper) && !only_codes(lower))) {
        return None;
    }
    upper
        .iter()
        .zip(lower)
        .map(|(a, b)| match (a.is_empty(), b.is_empty()) {
            (true, _) => Some(b.clone()),
            (false, true) => Some(a.clone()),
            (false, false) if continues(a, b) => Some(format!("{}{}", compact(a), compact(b))),
            (false, false) if !is_numeric(a) && !is_numeric(b) => Some(format!("{a}{b}")),
            (false, false) => None,
        })
        .collect()
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
