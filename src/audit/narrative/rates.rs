//! The rates a narrative states (占比, 完成率, 增减率), recomputed with interval arithmetic from
//! the rounded figures it (or the table) prints, and the rates over a zero base.
//!
//! Each input is read as the narrative states it and, when that figure contradicts its table
//! (`n.amount`), also as the table prints it. A rate is not wrong if one reading reproduces it:
//! 「收入支出总计 0 万元…减少 56.95 万元，下降 1.87%」 with 公开01表 总计 2995.39 is one error
//! (the 0, reported by `n.amount`), not a second one of the 1.87% computed from the table's
//! figure. When no reading reproduces the rate, the finding uses the table's figures and
//! says which narrative figure they replace. A reading that would divide a table cell by
//! itself is not made (「共涉及资金 940.15 万元，占一般公共预算项目支出总额的 100%」 against
//! 公开05表 项目支出 921.75: the text states 940.15 is the whole of 921.75, a contradiction
//! reported both by `n.amount` and by `n.share`).

use super::shares::adjusted_to_hundred;
use super::{percent, readings_near, sign, value_near, Claims, Source};
use crate::audit::{Collector, Finding, Rule};
use crate::check::{Comparison, Relation, Verdict};
use crate::disclosure::{Base, Claim, Document, Measure, Subject};
use crate::{Amount, Interval, Rounding};
use rust_decimal::Decimal;

/// A rate recomputed from one reading of its inputs.
enum Outcome {
    /// The comparison with the stated rate, its basis, and whether it uses a table figure in
    /// place of a narrative one.
    Rate(Comparison, String, bool),
    /// The base is zero (or may be at its printed precision): the base as described.
    ZeroBase(String),
}

/// The outcome to judge a rate by: one that reproduces it (exactly, else within rounding);
/// else an inconsistent one, computed with the table's figures where a narrative figure
/// contradicts them; a zero base only when no reading has another base.
fn pick(outcomes: Vec<Outcome>) -> Option<Outcome> {
    outcomes.into_iter().min_by_key(|o| match o {
        Outcome::Rate(c, ..) if c.verdict == Verdict::Exact => 0,
        Outcome::Rate(c, ..) if c.verdict == Verdict::WithinRounding => 1,
        Outcome::Rate(_, _, true) => 2,
        Outcome::Rate(..) => 3,
        Outcome::ZeroBase(_) => 4,
    })
}

/// The interval of `part / whole × 100` from rounded figures; `None` when the whole may be
/// zero (a ratio over a zero base is undefined).
fn ratio_interval(
    part: &Amount,
    whole: &Amount,
    rounding: Rounding,
) -> Option<(Interval, Decimal)> {
    let p = part.interval_in_yuan(rounding).ok()?;
    let w = whole.interval_in_yuan(rounding).ok()?;
    let q = p.checked_div(&w)?.checked_mul(Decimal::ONE_HUNDRED).ok()?;
    let exact = (part.value() * part.unit().in_yuan())
        .checked_div(whole.value() * whole.unit().in_yuan())?
        * Decimal::ONE_HUNDRED;
    Some((q, exact))
}

/// Compares a stated percentage with a computed interval.
fn percentage(
    stated: &Amount,
    computed: Interval,
    exact: Decimal,
    rounding: Rounding,
) -> Option<Comparison> {
    let reported_interval = stated.interval(rounding).ok()?;
    let rounded = if stated.decimals() >= 0 {
        exact.round_dp_with_strategy(
            stated.decimals() as u32,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        )
    } else {
        exact
    };
    let verdict = if rounded == stated.value() {
        Verdict::Exact
    } else if reported_interval.intersects(&computed) {
        Verdict::WithinRounding
    } else {
        Verdict::Inconsistent
    };
    Some(Comparison {
        relation: Relation::Equal,
        reported: stated.value(),
        reported_interval,
        computed: rounded.normalize(),
        computed_interval: computed,
        difference: (stated.value() - rounded).normalize(),
        tolerance: (reported_interval.half_width() + computed.half_width())
            .round_dp(6)
            .normalize(),
        terms: 2,
        verdict,
    })
}

/// The outcome of `part / whole` against the stated rate.
fn quotient(
    stated: &Amount,
    part: &(Amount, Source),
    whole: &(Amount, Source),
    rounding: Rounding,
) -> Option<Outcome> {
    let Some((interval, exact)) = ratio_interval(&part.0, &whole.0, rounding) else {
        return Some(Outcome::ZeroBase(whole.1.to_string()));
    };
    let c = percentage(stated, interval, exact, rounding)?;
    let basis = format!("{} ÷ {} × 100%", part.1, whole.1);
    Some(Outcome::Rate(
        c,
        basis,
        part.1.is_corrected() || whole.1.is_corrected(),
    ))
}

/// `n.share` and `n.completion_rate`: a share (占 x%) is part / whole, a completion rate
/// (完成…预算的 x%) is 支出决算 / 年初预算 (or 全年预算), recomputed with interval arithmetic from
/// the rounded figures the narrative states (or the table cells) and compared with the stated
/// percentage at its printed precision. A zero base makes the rate undefined (`n.zero_base`).
///
/// A share one unit of its last printed digit away from the recomputed value is 尾差 when the
/// shares of the same whole stated with it add up to exactly 100% (the publisher rounded them
/// to sum to 100: [`adjusted_to_hundred`]). A completion rate that the other budget of the
/// passage reproduces (完成年初预算的 x% where x is 决算 / 全年预算) is reported with that hint.
pub(super) fn ratio(claims: &Claims, claim: &Claim, out: &mut Collector, rule: Rule) {
    let Some(stated) = claim.value.as_deref().and_then(percent) else {
        return;
    };
    let rounding = out.rounding();
    let parts = readings_near(claims, &claim.section, &claim.subject, Measure::Amount);
    let (whole_subject, whole_measure): (&Subject, _) = match (claim.measure, &claim.of) {
        (Measure::CompletionRate, Some(Base::BudgetInitial)) => {
            (&claim.subject, Measure::BudgetInitial)
        }
        (Measure::CompletionRate, _) => (&claim.subject, Measure::BudgetFull),
        (_, Some(Base::Whole(of))) => (of, Measure::Amount),
        _ => return,
    };
    let wholes = readings_near(claims, &claim.section, whole_subject, whole_measure);
    // A reading that puts one table cell on both sides says nothing: 「共涉及资金 940.15 万元，
    // 占一般公共预算项目支出总额的 100%」 with 公开05表 项目支出 921.75 would be 921.75 ÷ 921.75.
    let outcomes = parts
        .iter()
        .flat_map(|p| wholes.iter().map(move |w| (p, w)))
        .filter(|(p, w)| {
            let corrected = p.1.is_corrected() || w.1.is_corrected();
            !(corrected && p.1.cell().is_some() && p.1.cell() == w.1.cell())
        })
        .filter_map(|(p, w)| quotient(&stated, p, w, rounding))
        .collect();
    let other = || {
        (claim.measure == Measure::CompletionRate)
            .then(|| other_budget(claims, claim, &stated, whole_measure, rounding))
            .flatten()
    };
    match pick(outcomes) {
        None => {}
        Some(Outcome::ZeroBase(base)) => zero_base(claims, claim, out, &base, &stated, other()),
        Some(Outcome::Rate(c, basis, _)) => {
            if c.verdict == Verdict::Inconsistent && claim.measure == Measure::Share {
                if let Some(why) = adjusted_to_hundred(claims, claim, &stated, &c, rounding) {
                    out.explained(rule, claims.place(claim), &c, &why);
                    return;
                }
            }
            let hint = (c.verdict == Verdict::Inconsistent).then(other).flatten();
            out.compared(rule, claims.place(claim), &c, &basis, hint);
        }
    }
}

/// For a completion rate: the other budget the passage states (全年 for 年初 and the
/// reverse), if it reproduces the stated rate: 「完成年初预算的 95.89%」 over 年初预算 0 is
/// 决算 307.82 / 全年预算 321.02.
fn other_budget(
    claims: &Claims,
    claim: &Claim,
    stated: &Amount,
    used: Measure,
    rounding: Rounding,
) -> Option<String> {
    let (measure, label) = if used == Measure::BudgetInitial {
        (Measure::BudgetFull, "全年预算")
    } else {
        (Measure::BudgetInitial, "年初预算")
    };
    let part = value_near(claims, &claim.section, &claim.subject, Measure::Amount)?;
    let whole = value_near(claims, &claim.section, &claim.subject, measure)?;
    match quotient(stated, &part, &whole, rounding)? {
        Outcome::Rate(c, basis, _) if c.verdict != Verdict::Inconsistent => Some(format!(
            "按{label}计算（{basis}）为 {}%，与所述一致，所称基数有误",
            c.computed
        )),
        _ => None,
    }
}

/// `n.zero_base`: a rate (增长 100%, 完成预算 0 万元的 0%, 占 x%) over a base that is zero, or
/// may be zero at its printed precision, is undefined: the document states a figure that
/// cannot be computed. A printed 0% or 100% is a convention some publishers follow for a new
/// item (「增长 0%」, 「增长 100.00%」 for a unit founded this year): a warning. Any other
/// value follows no convention and is an error; when another base of the passage reproduces
/// it (`alternative`), the finding says so.
fn zero_base(
    claims: &Claims,
    claim: &Claim,
    out: &mut Collector,
    base: &str,
    stated: &Amount,
    alternative: Option<String>,
) {
    const RULE: Rule = Rule::NarrativeZeroBase;
    let value = stated.value();
    let mut text = format!("比较基数 {base} 为零（或在舍入范围内可能为零），所述 {value}% 无定义");
    let conventional = value.is_zero() || value == Decimal::ONE_HUNDRED;
    if !conventional {
        text.push_str("；以零为基数时惯例只写 0% 或 100%，此值无从算得");
    }
    if let Some(a) = alternative {
        text.push('；');
        text.push_str(&a);
    }
    let place = claims.place(claim);
    out.push(if conventional {
        Finding::warning(RULE, place, text)
    } else {
        Finding::error(RULE, place, text)
    });
}

/// `n.growth_rate` and `n.direction` (change words): year-on-year or against-budget change.
/// The base is derived (prior = current ∓ change), the rate recomputed as change / base with
/// intervals, and the words must agree (增加 with 增长, 减少 with 下降). The current figure is
/// read as the narrative states it and, where that contradicts its table, as the table
/// prints it (see the module docs).
pub(super) fn growth(doc: &Document, claims: &Claims, claim: &Claim, out: &mut Collector) {
    let Some(stated) = claim.value.as_deref().and_then(percent) else {
        return;
    };
    // The change of its own clause: the last one stated before the rate, for the same
    // subject and base (「A 减少 x 万元，下降 p%；其中 B 增加 y 万元，增长 q%」 binds q to y).
    let before = claims.index(claim);
    let Some(change) = claims
        .of(&claim.subject, Measure::Change)
        .filter(|c| c.section == claim.section && c.of == claim.of && claims.index(c) < before)
        .last()
    else {
        return;
    };
    let (Some(change_amount), Some(change_sign)) = (claims.money(change), sign(change.word)) else {
        return;
    };
    if let Some(rate_sign) = sign(claim.word) {
        if rate_sign != change_sign {
            out.push(Finding::warning(
                Rule::NarrativeDirection,
                claims.place(claim),
                format!(
                    "增减额用「{}」而增减率用「{}」，方向不一致",
                    change.word.map_or("", |w| w.word()),
                    claim.word.map_or("", |w| w.word())
                ),
            ));
        } else {
            out.passed(Rule::NarrativeDirection);
        }
    }
    // base = current − signed change
    let Ok(signed) = Amount::new(
        -Decimal::from(change_sign) * change_amount.value(),
        change_amount.decimals(),
        change_amount.unit(),
    ) else {
        return;
    };
    let change = Change {
        amount: change_amount,
        signed,
        sign: change_sign,
        base: if claim.of == Some(Base::BudgetInitial) {
            "年初预算数"
        } else {
            "上年数"
        },
        unit: doc.meta.unit.in_yuan(),
    };
    let outcomes = readings_near(claims, &claim.section, &claim.subject, Measure::Amount)
        .iter()
        .filter_map(|current| change.outcome(current, &stated, out.rounding()))
        .collect();
    match pick(outcomes) {
        None => {}
        Some(Outcome::ZeroBase(base)) => zero_base(claims, claim, out, &base, &stated, None),
        Some(Outcome::Rate(c, basis, _)) => out.compared(
            Rule::NarrativeGrowthRate,
            claims.place(claim),
            &c,
            &basis,
            None,
        ),
    }
}

/// The change a growth rate is the rate of.
struct Change {
    /// The change as printed (its magnitude).
    amount: Amount,
    /// Minus the signed change: what to add to the current figure to get the base.
    signed: Amount,
    sign: i32,
    /// 上年数 or 年初预算数.
    base: &'static str,
    /// The document's unit in yuan.
    unit: Decimal,
}

impl Change {
    /// The outcome of change / (current − signed change) against the stated rate.
    fn outcome(
        &self,
        current: &(Amount, Source),
        stated: &Amount,
        rounding: Rounding,
    ) -> Option<Outcome> {
        let cur = current.0.interval_in_yuan(rounding).ok()?;
        let chg = self.signed.interval_in_yuan(rounding).ok()?;
        let base = cur.checked_add(&chg).ok()?;
        let magnitude = self.amount.interval_in_yuan(rounding).ok()?;
        let exact_base = current.0.value() * current.0.unit().in_yuan()
            + self.signed.value() * self.signed.unit().in_yuan();
        let derivation = format!(
            "{} {}（{} {} {}）",
            self.base,
            (exact_base / self.unit).normalize(),
            current.1,
            if self.sign < 0 { "+" } else { "−" },
            self.amount.value()
        );
        let Some(q) = magnitude
            .checked_div(&base)
            .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED).ok())
        else {
            return Some(Outcome::ZeroBase(derivation));
        };
        let exact = (self.amount.value() * self.amount.unit().in_yuan()).checked_div(exact_base)?
            * Decimal::ONE_HUNDRED;
        let c = percentage(stated, q, exact, rounding)?;
        let basis = format!("{} ÷ {derivation}× 100%", self.amount.value());
        Some(Outcome::Rate(c, basis, current.1.is_corrected()))
    }
}
