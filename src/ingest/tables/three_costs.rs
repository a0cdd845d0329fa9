//! 公开09表: the “三公”经费, 预算数 and 决算数.

use super::cells::{check_total, compact, fit, is_amount, is_text, lanci, place};
use super::Failure;
use crate::disclosure::{ThreeCostsTable, THREE_COSTS_COLUMNS};
use crate::ingest::RawTable;
use crate::Unit;

/// Reads 公开09表: one row of 12 cells (1–6 预算数, 7–12 决算数), or two rows labelled
/// 预算数 and 决算数 (or unlabelled, in that order) of 6 cells each.
pub(super) fn read_three_costs(t: &RawTable, unit: Unit) -> Result<ThreeCostsTable, Failure> {
    if !t.columns.is_empty() {
        return read_three_costs_grid(t, unit);
    }
    let width = THREE_COSTS_COLUMNS.len();
    let (mut budget, mut actual, mut plain) = (None, None, Vec::new());
    for cells in &t.rows {
        if lanci(cells).is_some() || !cells.iter().any(|c| is_amount(c)) {
            continue;
        }
        let first = cells.iter().position(|c| !c.trim().is_empty()).unwrap_or(0);
        let label = cells.get(first).filter(|c| is_text(c)).map(|c| compact(c));
        let rest = cells.get(first + 1..).unwrap_or_default();
        match label {
            Some(l) if l.contains("预算") => budget = Some(fit(rest, width, &l)?),
            Some(l) if l.contains("决算") => actual = Some(fit(rest, width, &l)?),
            Some(_) => plain.push(rest.to_vec()),
            None => plain.push(cells.clone()),
        }
    }
    match plain.as_slice() {
        [] => {}
        [row] => {
            let all = fit(row, 2 * width, "三公经费")?;
            let (b, a) = all.split_at(width);
            budget = budget.or(Some(b.to_vec()));
            actual = actual.or(Some(a.to_vec()));
        }
        [b, a] => {
            budget = budget.or(Some(fit(b, width, "预算数")?));
            actual = actual.or(Some(fit(a, width, "决算数")?));
        }
        _ => return Err(format!("有 {} 行数值，无法分辨预算数与决算数", plain.len())),
    }
    let identity: Vec<usize> = (0..width).collect();
    let cells = |v: Option<Vec<String>>| place(&v.unwrap_or_default(), &identity, width, unit);
    let (budget, actual) = (cells(budget)?, cells(actual)?);
    for (row, label) in [(&budget, "预算数"), (&actual, "决算数")] {
        check_total(row, 0, &[1, 2, 5], label)?;
        check_total(row, 2, &[3, 4], label)?;
    }
    Ok(ThreeCostsTable { budget, actual })
}

/// Where the twelve figures of the table sit: the six items of the template in order
/// (合计, 因公出国（境）费, 小计, 购置费, 运行维护费, 接待费), each as 预算数 then 决算数
/// (`Pairs`, as Shanghai prints them), or all six 预算数 then all six 决算数 (`Groups`, the
/// national template).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    Pairs,
    Groups,
}

impl Layout {
    /// The item (0–5) and whether it is the 决算数, of column `j`.
    fn slot(self, j: usize) -> (usize, bool) {
        match self {
            Layout::Pairs => (j / 2, j % 2 == 1),
            Layout::Groups => (j % 6, j >= 6),
        }
    }
}

/// The item a heading names (0–5 in the template's order), if it names one; the group
/// heading 公务用车购置及运行（维护）费 over 小计, 购置费 and 运行费 names none of them.
fn item_named(heading: &str) -> Option<usize> {
    let h = compact(heading)
        .replace("购置及运行维护费", "")
        .replace("购置及运行费", "");
    let words: [(&str, usize); 6] = [
        ("因公出国", 1),
        ("接待", 5),
        ("小计", 2),
        ("运行", 4),
        ("购置", 3),
        ("合计", 0),
    ];
    words.iter().find(|(w, _)| h.contains(w)).map(|&(_, i)| i)
}

/// Whether a heading says 预算数 (`Some(false)`) or 决算数 (`Some(true)`).
fn kind_named(heading: &str) -> Option<bool> {
    let h = compact(heading);
    match (
        h.ends_with("决算数") || h.ends_with("决算"),
        h.ends_with("预算数") || h.ends_with("预算"),
    ) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

/// Reads 公开09表 from a grid whose columns come from its header: the twelve columns are
/// placed by the layout (pairs or groups) that no heading contradicts and most headings
/// confirm; the figures of the data rows (one row, sometimes printed over two lines) fill
/// them.
fn read_three_costs_grid(t: &RawTable, unit: Unit) -> Result<ThreeCostsTable, Failure> {
    let width = THREE_COSTS_COLUMNS.len();
    let columns = &t.columns;
    if columns.len() != 2 * width {
        return Err(format!(
            "表头有 {} 栏，模板为 {} 栏（预算数、决算数各 {width} 栏），列无法对齐",
            columns.len(),
            2 * width
        ));
    }
    let score = |layout: Layout| -> Option<usize> {
        let mut agree = 0;
        for (j, h) in columns.iter().enumerate() {
            let (item, actual) = layout.slot(j);
            match item_named(h) {
                Some(i) if i != item => return None,
                Some(_) => agree += 1,
                None => {}
            }
            match kind_named(h) {
                Some(k) if k != actual => return None,
                Some(_) => agree += 1,
                None => {}
            }
        }
        Some(agree)
    };
    let layout = [Layout::Pairs, Layout::Groups]
        .into_iter()
        .filter_map(|l| score(l).map(|s| (s, l)))
        .max_by_key(|(s, _)| *s)
        .map(|(_, l)| l)
        .ok_or("表头与“三公”经费表的栏目对不上，列无法对齐")?;
    let mut figures = vec![String::new(); 2 * width];
    for row in t
        .rows
        .iter()
        .filter(|r| **r != *columns && lanci(r).is_none())
    {
        for (j, cell) in row.iter().enumerate().filter(|(_, c)| !c.trim().is_empty()) {
            if !is_amount(cell) {
                continue;
            }
            let slot = figures.get_mut(j).ok_or("数值格多于表头栏目")?;
            if !slot.is_empty() {
                return Err(format!("第 {} 栏有两个数值，无法分辨", j + 1));
            }
            slot.clone_from(cell);
        }
    }
    let (mut budget, mut actual) = (vec![String::new(); width], vec![String::new(); width]);
    for (j, f) in figures.into_iter().enumerate() {
        let (item, is_actual) = layout.slot(j);
        let target = if is_actual { &mut actual } else { &mut budget };
        if let Some(c) = target.get_mut(item) {
            *c = f;
        }
    }
    let identity: Vec<usize> = (0..width).collect();
    let (budget, actual) = (
        place(&budget, &identity, width, unit)?,
        place(&actual, &identity, width, unit)?,
    );
    for (row, label) in [(&budget, "预算数"), (&actual, "决算数")] {
        check_total(row, 0, &[1, 2, 5], label)?;
        check_total(row, 2, &[3, 4], label)?;
    }
    Ok(ThreeCostsTable { budget, actual })
}

/// An unread 公开09表: no cells at all (a printed table always has six per row, so the
/// audit can tell an unread table from one printed blank).
pub(super) fn empty_three_costs() -> ThreeCostsTable {
    ThreeCostsTable {
        budget: Vec::new(),
        actual: Vec::new(),
    }
}
