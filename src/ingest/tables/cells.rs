//! Cells: what a printed cell is (a code, a figure, text, the 合计 label, a 栏次 row), and
//! fitting and parsing the amount cells of a row.

use super::Failure;
use crate::codes::{is_ideograph, to_half_width};
use crate::{Amount, Unit};

/// A cell without white space, in half-width characters.
pub(super) fn compact(cell: &str) -> String {
    to_half_width(cell)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The digits of a cell made only of digits (and white space inside a code: `301  01`).
pub(super) fn digits_of(cell: &str) -> Option<String> {
    let c = compact(cell);
    (!c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())).then_some(c)
}

/// Whether a cell is a printed figure.
pub(super) fn is_amount(cell: &str) -> bool {
    !cell.trim().is_empty() && Amount::parse(cell, Unit::Yuan).is_ok()
}

/// Whether a cell is text: filled and not a figure.
pub(super) fn is_text(cell: &str) -> bool {
    !cell.trim().is_empty() && !is_amount(cell)
}

/// Whether a cell is the 合计 label (总计 in some prints).
pub(super) fn is_total_label(cell: &str) -> bool {
    matches!(compact(cell).as_str(), "合计" | "总计")
}

/// The number of columns a 栏次 row numbers (`类 款 项 1 2 3`, `栏次 1 栏次 2`, `1 … 12`),
/// or `None` if the row is not one.
pub(super) fn lanci(cells: &[String]) -> Option<usize> {
    let mut next = 1;
    // A cell may hold several of them (`款 项`, `3 4`): a reader put two in one column;
    // a spaced label (`栏 次`) is one.
    let tokens = cells.iter().flat_map(|c| {
        let whole = compact(c);
        if digits_of(&whole).is_some() && c.split_whitespace().count() > 1 {
            c.split_whitespace().map(compact).collect()
        } else if is_lanci_label(&whole) || whole.is_empty() {
            vec![whole]
        } else {
            c.split_whitespace().map(compact).collect::<Vec<_>>()
        }
    });
    for c in tokens.filter(|c| !c.is_empty()) {
        if let Some(d) = digits_of(&c) {
            if d.parse::<usize>().ok()? != next {
                return None;
            }
            next += 1;
        } else if !is_lanci_label(&c) {
            return None;
        }
    }
    (next > 1).then_some(next - 1)
}

/// Whether a compact cell is a label of a 栏次 row.
fn is_lanci_label(c: &str) -> bool {
    matches!(
        c,
        "类" | "款" | "项" | "栏次" | "栏" | "次" | "行次" | "行" | "项目"
    )
}

/// The cells of a row as one text, for messages.
pub(super) fn row_text(cells: &[String]) -> String {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let text = filled.join(" ");
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// Fits the amount cells of a row to `n` slots: trailing blanks beyond `n` are dropped and
/// missing trailing cells are blank (the extraction drops trailing blank cells). Columns do
/// not align when a filled cell lies beyond `n`, or when a row of several slots is short and
/// ends with a filled cell (the blanks it lost could have been anywhere).
pub(super) fn fit(cells: &[String], n: usize, row: &str) -> Result<Vec<String>, Failure> {
    let mut v: Vec<String> = cells.to_vec();
    while v.len() > n && v.last().is_some_and(|c| c.trim().is_empty()) {
        v.pop();
    }
    if v.len() > n {
        return Err(format!(
            "「{row}」一行有 {} 个数值格，表头只有 {n} 栏，列无法对齐",
            v.len()
        ));
    }
    if v.len() < n && n >= 2 && v.last().is_some_and(|c| !c.trim().is_empty()) {
        return Err(format!(
            "「{row}」一行只有 {} 个数值格（表头 {n} 栏），无法确定空格的位置",
            v.len()
        ));
    }
    v.resize(n, String::new());
    Ok(v)
}

/// Checks that a row whose parts are printed also prints their total (the total column of
/// the template is never blank when a part is filled, unless the columns have shifted).
pub(super) fn check_total(
    cells: &[Option<Amount>],
    total: usize,
    parts: &[usize],
    row: &str,
) -> Result<(), Failure> {
    let blank_total = cells.get(total).is_some_and(Option::is_none);
    let filled_part = parts
        .iter()
        .any(|&p| cells.get(p).is_some_and(Option::is_some));
    if blank_total && filled_part {
        return Err(format!("「{row}」合计栏为空而分项有数，疑似列错位"));
    }
    Ok(())
}

/// Parses one amount cell: blank is `None`.
pub(super) fn amount(cell: &str, unit: Unit) -> Result<Option<Amount>, Failure> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    Amount::parse(t, unit)
        .map(Some)
        .map_err(|_| format!("「{t}」不是金额"))
}

/// Parses the amount cells of a row into `width` columns, slot `i` going to column `map[i]`.
pub(super) fn place(
    slots: &[String],
    map: &[usize],
    width: usize,
    unit: Unit,
) -> Result<Vec<Option<Amount>>, Failure> {
    let mut cells = vec![None; width];
    for (slot, text) in slots.iter().enumerate() {
        let value = amount(text, unit)?;
        if let Some(cell) = map.get(slot).and_then(|&c| cells.get_mut(c)) {
            *cell = value;
        }
    }
    Ok(cells)
}

/// A code printed at the start of a cell followed by its name (`2010601 行政运行`,
/// `310资本性支出`).
pub(super) fn leading_code(cell: &str) -> Option<(String, String)> {
    let half = to_half_width(cell.trim());
    let digits: String = half.chars().take_while(char::is_ascii_digit).collect();
    let rest = half.get(digits.len()..)?;
    let name = rest.trim();
    // The name follows after a space, or directly when it starts with a CJK character
    // (「310资本性支出」).
    let separated = rest.starts_with(char::is_whitespace) || rest.starts_with(is_ideograph);
    let ok = (3..=7).contains(&digits.len()) && separated && is_text(name);
    ok.then(|| (digits, name.to_owned()))
}
