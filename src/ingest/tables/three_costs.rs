//! 公开09表: the “三公”经费, 预算数 and 决算数.

use super::cells::{check_total, compact, fit, is_amount, is_text, lanci, place};
use super::Failure;
use crate::disclosure::{ThreeCostsTable, THREE_COSTS_COLUMNS};
use crate::ingest::RawTable;
use crate::Unit;

/// Reads 公开09表: one row of 12 cells (1–6 预算数, 7–12 决算数), or two rows labelled
/// 预算数 and 决算数 (or unlabelled, in that order) of 6 cells each.
pub(super) fn read_three_costs(t: &RawTable, unit: Unit) -> Result<ThreeCostsTable, Failure> {
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

/// An unread 公开09表: no cells at all (a printed table always has six per row, so the
/// audit can tell an unread table from one printed blank).
pub(super) fn empty_three_costs() -> ThreeCostsTable {
    ThreeCostsTable {
        budget: Vec::new(),
        actual: Vec::new(),
    }
}
