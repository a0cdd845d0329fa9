//! Shares rounded to add up to 100%.
//!
//! Publishers often round the shares of one whole so that the printed parts sum to exactly
//! 100 (largest-remainder rounding): one share then differs from its own rounding by one unit
//! of its last printed digit (住房保障支出 29.42 / 307.82 = 9.557% printed 9.55%, the four
//! shares of the paragraph summing to 100.00%). That is 尾差, not an error.

use super::{percent, Claims};
use crate::check::Comparison;
use crate::disclosure::{Claim, Measure};
use crate::{Amount, Interval, Rounding};
use rust_decimal::Decimal;

/// Why a share that does not match its recomputed interval is nevertheless 尾差: it is one
/// unit of its last printed digit away from that interval, and it belongs to a run of shares
/// of the same whole, stated in the same section, whose printed values add up to exactly 100.
/// Returns the evidence (the sibling shares and their sum), or `None` when the share stays an
/// error (off by more than one unit, or no run of its siblings sums to 100).
pub(super) fn adjusted_to_hundred(
    claims: &Claims,
    claim: &Claim,
    stated: &Amount,
    c: &Comparison,
    rounding: Rounding,
) -> Option<String> {
    if !one_unit_away(stated, &c.computed_interval, rounding) {
        return None;
    }
    let siblings: Vec<(&Claim, Decimal)> = claims
        .all
        .iter()
        .filter(|s| s.measure == Measure::Share && s.section == claim.section && s.of == claim.of)
        .filter_map(|s| Some((s, s.value.as_deref().and_then(percent)?.value())))
        .collect();
    let i = siblings.iter().position(|(s, _)| std::ptr::eq(*s, claim))?;
    let (from, to) = (0..=i)
        .flat_map(|a| (i..siblings.len()).map(move |b| (a, b)))
        .filter(|(a, b)| b > a)
        .find(|&(a, b)| {
            siblings[a..=b].iter().map(|(_, v)| *v).sum::<Decimal>() == Decimal::ONE_HUNDRED
        })?;
    let terms: Vec<String> = siblings[from..=to]
        .iter()
        .map(|(s, _)| format!("{} {}%", s.id, s.value.as_deref().unwrap_or("")))
        .collect();
    Some(format!(
        "同一整体的各占比 {} 合计恰为 100%，所述 {}% 与重算值 {}% 相差末位 1 个单位，\
         系为使各占比合计为 100% 所作的尾数调整",
        terms.join(" + "),
        stated.value(),
        c.computed
    ))
}

/// Whether the stated figure, moved by one unit of its last printed digit, would match the
/// computed interval.
fn one_unit_away(stated: &Amount, computed: &Interval, rounding: Rounding) -> bool {
    let Ok(d) = u32::try_from(stated.decimals()) else {
        return false;
    };
    let unit = Decimal::new(1, d);
    [stated.value() - unit, stated.value() + unit]
        .into_iter()
        .filter_map(|v| Amount::new(v, stated.decimals(), stated.unit()).ok())
        .filter_map(|a| a.interval(rounding).ok())
        .any(|i| i.intersects(computed))
}
