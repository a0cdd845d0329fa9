//! Summary tables (公开01表, 公开04表): every printed row holds an income line and an
//! expense line, found by their line numbers (行次).

use super::cells::{check_total, digits_of, fit, is_amount, is_text, lanci, place, row_text};
use super::Failure;
use crate::disclosure::{Side, SummaryLine, SummaryTable};
use crate::ingest::RawTable;
use crate::Unit;

/// The columns of a summary table and which of them each side fills.
pub(super) struct SummarySpec {
    columns: &'static [&'static str],
    income: &'static [usize],
    expense: &'static [usize],
}

/// 公开01表: one 金额 column shared by both sides.
pub(super) const T01_SPEC: SummarySpec = SummarySpec {
    columns: &["金额"],
    income: &[0],
    expense: &[0],
};

/// 公开04表: income in 决算数, expense in 小计 and the three kinds of 财政拨款.
pub(super) const T04_SPEC: SummarySpec = SummarySpec {
    columns: &[
        "决算数",
        "小计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ],
    income: &[0],
    expense: &[1, 2, 3, 4],
};

/// One side of a printed row: side, line number, label and amount cells.
type Half = (Side, u32, String, Vec<String>);

/// Reads a summary table: every printed row holds an income line and an expense line,
/// each a label, a line number (行次) and amount cells.
pub(super) fn read_summary(
    t: &RawTable,
    spec: &SummarySpec,
    unit: Unit,
) -> Result<SummaryTable, Failure> {
    if !t.columns.is_empty() {
        return read_summary_grid(t, spec, unit);
    }
    let slots = spec.income.len() + spec.expense.len();
    if let Some(n) = t.rows.iter().find_map(|r| lanci(r)) {
        if n != slots {
            return Err(format!(
                "表头编有 {n} 个栏次，模板为 {slots} 栏，列无法对齐"
            ));
        }
    }
    let mut lines = Vec::new();
    let mut last = (None, None);
    for cells in &t.rows {
        for (side, line, name, amounts) in summary_row(cells, spec, &mut last)? {
            let columns = match side {
                Side::Income => spec.income,
                Side::Expense => spec.expense,
            };
            let cells = place(&amounts, columns, spec.columns.len(), unit)?;
            let what = format!("行次 {line}");
            lines.push(summary_line(side, line, name, cells, columns, &what)?);
        }
    }
    Ok(summary_table(spec, lines))
}

/// A line of a summary table, its side's total column checked against its parts (a blank
/// total with filled parts is a misread).
fn summary_line(
    side: Side,
    line: u32,
    name: String,
    cells: Vec<Option<crate::Amount>>,
    columns: &[usize],
    what: &str,
) -> Result<SummaryLine, Failure> {
    if let [total, parts @ ..] = columns {
        check_total(&cells, *total, parts, what)?;
    }
    Ok(SummaryLine {
        side,
        line,
        name,
        cells,
        note: String::new(),
    })
}

/// The table: the income lines, then the expense lines, each side in printed order.
fn summary_table(spec: &SummarySpec, mut lines: Vec<SummaryLine>) -> SummaryTable {
    lines.sort_by_key(|l| l.side == Side::Expense);
    SummaryTable {
        columns: spec.columns.iter().map(|c| c.to_string()).collect(),
        lines,
    }
}

/// What a column of a summary table's grid holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ColumnKind {
    /// Labels (项目).
    Label,
    /// Line numbers (行次).
    LineNumber,
    /// Figures.
    Amount,
    /// Nothing in any row.
    Empty,
}

/// Reads a summary table whose cells sit in the columns of its header (a PDF, layout text):
/// the first column of labels is the income side's, the next one after a column of
/// figures the expense side's; 行次 columns give the line numbers, else lines are numbered
/// in printed order on each side. The figure columns of a side go to the template's columns
/// by their headings, else in order when their number is the template's.
fn read_summary_grid(
    t: &RawTable,
    spec: &SummarySpec,
    unit: Unit,
) -> Result<SummaryTable, Failure> {
    let rows: Vec<&Vec<String>> = t
        .rows
        .iter()
        .filter(|r| **r != t.columns && lanci(r).is_none())
        .collect();
    let width = t.columns.len();
    let kinds: Vec<ColumnKind> = (0..width).map(|j| column_kind(&rows, j)).collect();
    let labels: Vec<usize> = (0..width)
        .filter(|&j| kinds[j] == ColumnKind::Label)
        .collect();
    let first = *labels.first().ok_or("表中找不到项目栏")?;
    let second = labels
        .iter()
        .copied()
        .find(|&j| j > first && (first..j).any(|k| kinds[k] == ColumnKind::Amount));
    let income_end = second.unwrap_or(width);
    let sides = [
        (Side::Income, first, income_end, spec.income),
        (Side::Expense, second.unwrap_or(width), width, spec.expense),
    ];
    let mut lines = Vec::new();
    for (side, from, to, template) in sides {
        if from >= width {
            continue;
        }
        let number_col = (from + 1..to).find(|&j| kinds[j] == ColumnKind::LineNumber);
        let amount_cols: Vec<usize> = (from + 1..to)
            .filter(|&j| matches!(kinds[j], ColumnKind::Amount | ColumnKind::Empty))
            .collect();
        let empty = |j: usize| kinds.get(j) == Some(&ColumnKind::Empty);
        let map = side_map(&t.columns, &amount_cols, empty, spec, template)?;
        let mut ordinal = 0;
        for row in &rows {
            let label = row.get(from).map_or("", |c| c.trim());
            let printed = number_col
                .and_then(|j| row.get(j))
                .and_then(|c| line_number(c));
            let filled = amount_cols
                .iter()
                .any(|&j| row.get(j).is_some_and(|c| !c.trim().is_empty()));
            if label.is_empty() && printed.is_none() {
                if filled {
                    return Err(format!("「{}」有金额但没有项目名称", row_text(row)));
                }
                continue;
            }
            ordinal += 1;
            let mut cells = vec![None; spec.columns.len()];
            for (&j, &c) in amount_cols.iter().zip(&map) {
                let Some(c) = c else { continue };
                if let (Some(slot), Some(text)) = (cells.get_mut(c), row.get(j)) {
                    *slot = super::cells::amount(text, unit)?;
                }
            }
            let line = printed.unwrap_or(ordinal);
            lines.push(summary_line(
                side,
                line,
                label.to_owned(),
                cells,
                template,
                label,
            )?);
        }
    }
    Ok(summary_table(spec, lines))
}

/// What column `j` of the rows holds.
fn column_kind(rows: &[&Vec<String>], j: usize) -> ColumnKind {
    let cells: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.get(j))
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if cells.is_empty() {
        return ColumnKind::Empty;
    }
    if cells
        .iter()
        .all(|c| line_number(c).is_some() && !c.contains('.'))
    {
        return ColumnKind::LineNumber;
    }
    if cells.iter().all(|c| is_amount(c)) {
        return ColumnKind::Amount;
    }
    ColumnKind::Label
}

/// Which template column each figure column of a side goes to: by heading (合计/小计,
/// 一般公共预算, 政府性基金, 国有资本经营, 决算数/金额), else in order when the numbers agree.
/// A column empty in every row whose heading names nothing, or names what a filled column
/// names (a heading split over two columns), goes nowhere (`None`).
fn side_map(
    headings: &[String],
    amount_cols: &[usize],
    empty: impl Fn(usize) -> bool,
    spec: &SummarySpec,
    template: &[usize],
) -> Result<Vec<Option<usize>>, Failure> {
    let by_heading: Vec<Option<usize>> = amount_cols
        .iter()
        .map(|&j| {
            let h = headings.get(j).map_or("", String::as_str);
            template.iter().copied().find(|&c| {
                let name = spec.columns.get(c).copied().unwrap_or("");
                heading_names(h, name)
            })
        })
        .collect();
    let claimed_by_filled = |c: usize| {
        amount_cols
            .iter()
            .zip(&by_heading)
            .any(|(&j, &b)| b == Some(c) && !empty(j))
    };
    let kept: Vec<(usize, Option<usize>)> = amount_cols
        .iter()
        .zip(&by_heading)
        .map(|(&j, &b)| (j, b))
        .filter(|&(j, b)| !(empty(j) && b.is_none_or(claimed_by_filled)))
        .collect();
    let mut named: Vec<usize> = kept.iter().filter_map(|&(_, b)| b).collect();
    let all_named = named.len() == kept.len();
    named.sort_unstable();
    named.dedup();
    let mapping: Option<Vec<(usize, usize)>> = if all_named && named.len() == kept.len() {
        Some(
            kept.iter()
                .filter_map(|&(j, b)| b.map(|c| (j, c)))
                .collect(),
        )
    } else if kept.len() == template.len() {
        Some(
            kept.iter()
                .map(|&(j, _)| j)
                .zip(template.iter().copied())
                .collect(),
        )
    } else {
        None
    };
    let mapping = mapping.ok_or_else(|| {
        format!(
            "表头有 {} 个金额栏，模板为 {} 栏，列无法对齐",
            kept.len(),
            template.len()
        )
    })?;
    Ok(amount_cols
        .iter()
        .map(|j| mapping.iter().find(|(k, _)| k == j).map(|&(_, c)| c))
        .collect())
}

/// Whether a printed heading names a template column of a summary table.
fn heading_names(heading: &str, column: &str) -> bool {
    let h: String = heading.chars().filter(|c| !c.is_whitespace()).collect();
    match column {
        "小计" => h.ends_with("合计") || h.ends_with("小计"),
        "决算数" | "金额" => h.ends_with("决算数") || h.ends_with("金额"),
        other => ["一般公共预算", "政府性基金", "国有资本经营"]
            .iter()
            .any(|k| other.starts_with(k) && h.contains(k)),
    }
}

/// A line number cell: one to three digits.
fn line_number(cell: &str) -> Option<u32> {
    digits_of(cell)
        .filter(|d| d.len() <= 3)
        .and_then(|d| d.parse().ok())
        .filter(|&n| n >= 1)
}

/// Reads one printed row of a summary table into its income and expense halves; `last`
/// holds the last income and expense line numbers, to place a row with only one half.
fn summary_row(
    cells: &[String],
    spec: &SummarySpec,
    last: &mut (Option<u32>, Option<u32>),
) -> Result<Vec<Half>, Failure> {
    if lanci(cells).is_some() {
        return Ok(Vec::new());
    }
    let numbers: Vec<(usize, u32)> = cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| line_number(c).map(|n| (i, n)))
        .collect();
    let Some(&(i, first)) = numbers.first() else {
        if cells.iter().any(|c| is_amount(c)) {
            return Err(format!("「{}」有金额但没有行次", row_text(cells)));
        }
        return Ok(Vec::new());
    };
    let name = label_before(cells, 0, i)?;
    let k_in = spec.income.len();
    let second = numbers.iter().skip(1).copied().find(|&(j, n)| {
        n > first && (cells.get(j - 1).is_some_and(|c| is_text(c)) || j - i - 1 == k_in + 1)
    });
    match second {
        Some((j, n)) => {
            *last = (Some(first), Some(n));
            both_halves(cells, spec, (i, first, name), (j, n))
        }
        None => one_half(cells, spec, last, (i, first, name)).map(|h| vec![h]),
    }
}

/// The two halves of a row: the income label, line and amounts up to the expense label
/// (the cell before the expense line number), then the expense line and its amounts.
fn both_halves(
    cells: &[String],
    spec: &SummarySpec,
    (i, first, name): (usize, u32, String),
    (j, n): (usize, u32),
) -> Result<Vec<Half>, Failure> {
    let before = cells.get(j - 1).map_or("", |c| c.trim());
    let (income_end, expense_name) = if is_amount(before) {
        (j, String::new())
    } else {
        (j - 1, before.to_owned())
    };
    let income = fit(
        cells.get(i + 1..income_end).unwrap_or_default(),
        spec.income.len(),
        &name,
    )?;
    let expense = fit(
        cells.get(j + 1..).unwrap_or_default(),
        spec.expense.len(),
        &expense_name,
    )?;
    Ok(vec![
        (Side::Income, first, name, income),
        (Side::Expense, n, expense_name, expense),
    ])
}

/// A row with one line number: an expense line when it follows the last expense line, else
/// an income line.
fn one_half(
    cells: &[String],
    spec: &SummarySpec,
    last: &mut (Option<u32>, Option<u32>),
    (i, line, name): (usize, u32, String),
) -> Result<Half, Failure> {
    let rest = cells.get(i + 1..).unwrap_or_default();
    let (side, width) = if last.1.is_some_and(|e| line == e + 1) {
        last.1 = Some(line);
        (Side::Expense, spec.expense.len())
    } else {
        last.0 = Some(line);
        (Side::Income, spec.income.len())
    };
    let amounts = fit(rest, width, &name)?;
    Ok((side, line, name, amounts))
}

/// The label printed in cells `from..to`: their filled cells joined, which must be text.
fn label_before(cells: &[String], from: usize, to: usize) -> Result<String, Failure> {
    let parts: Vec<&str> = cells
        .get(from..to)
        .unwrap_or_default()
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if let Some(a) = parts.iter().find(|c| is_amount(c)) {
        return Err(format!(
            "「{}」中 {a} 位于行次之前，列无法对齐",
            row_text(cells)
        ));
    }
    Ok(parts.concat())
}

/// An empty summary table with the template's columns.
pub(super) fn empty_summary(spec: &SummarySpec) -> SummaryTable {
    SummaryTable {
        columns: spec.columns.iter().map(|c| c.to_string()).collect(),
        lines: Vec::new(),
    }
}
