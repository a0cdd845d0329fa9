//! The bases of changes and rates (上年, 年初预算, 全年预算) and the words that introduce a
//! budget figure or a completion rate.

use super::chars::{at, ch, find, len, rfind, squeeze, text, trim};
use crate::disclosure::{Base, Measure};

/// The base a comparison text names: 上年 / 2023 年度 → prior_year, 年初预算 →
/// budget_initial, 全年预算 / 预算数 → budget_full.
pub(super) fn parse_base(base: &str, year: Option<u32>) -> Result<Base, String> {
    let b = squeeze(base);
    if b.contains("年初预算") {
        return Ok(Base::BudgetInitial);
    }
    if b.contains("预算") {
        return Ok(Base::BudgetFull);
    }
    // 上一年度, and 上一度 as some documents print it.
    if b.contains("上年") || b.contains("上一") || b.contains("去年") || b == "同期" {
        return Ok(Base::PriorYear);
    }
    let chars: Vec<char> = b.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 4 && ch(&chars, 4) == '年' {
        let y: u32 = text(&chars, 0, 4).parse().unwrap_or(0);
        return match year {
            Some(doc) if doc != y + 1 => Err(format!("比较基期 {y} 年不是上年（{doc} 年度）")),
            _ => Ok(Base::PriorYear),
        };
    }
    Err(format!("未能确定比较基数「{base}」"))
}

/// The base named in `chars[from..to]` by 比/较 … (before a direction word), if any.
pub(super) fn clause_base(
    chars: &[char],
    from: usize,
    to: usize,
    year: Option<u32>,
) -> Option<Result<Base, String>> {
    // The 比 of 相比 (与上年相比持平) names no base of its own: the sentence's 与 … does.
    let k = (from..to).rev().find(|&i| {
        matches!(ch(chars, i), '比' | '较') && !(i > from && at(chars, i - 1, "相比"))
    })?;
    Some(parse_base(&text(chars, k + 1, to), year))
}

/// The base a clause sets for its sentence: 与 2023 年度相比 / 与 2023 年度持平 / 同比.
pub(super) fn sentence_base(
    chars: &[char],
    from: usize,
    to: usize,
    year: Option<u32>,
) -> Option<Result<Base, String>> {
    if find(chars, from, to, "同比").is_some() {
        return Some(Ok(Base::PriorYear));
    }
    let end = find(chars, from, to, "相比").or_else(|| find(chars, from, to, "持平"))?;
    let start = rfind(chars, from, end, "与")?;
    Some(parse_base(&text(chars, start + 1, end), year))
}

/// Where a budget figure is introduced at the end of `chars[from..to]` (年初预算为,
/// 全年预算数为, 预算数为 …): the start of the words and the measure.
pub(super) fn budget_words(chars: &[char], from: usize, to: usize) -> Option<(usize, Measure)> {
    let (f, t) = trim(chars, from, to);
    if t <= f || ch(chars, t - 1) != '为' {
        return None;
    }
    let mut k = t - 1;
    if k > f && ch(chars, k - 1) == '数' {
        k -= 1;
    }
    if k < f + 2 || !at(chars, k - 2, "预算") {
        return None;
    }
    let k = k - 2;
    let before = |w: &str| k >= f + len(w) && at(chars, k - len(w), w);
    Some(if before("年初") {
        (k - 2, Measure::BudgetInitial)
    } else if before("全年") {
        (k - 2, Measure::BudgetFull)
    } else if before("调整后") {
        (k - 3, Measure::BudgetFull)
    } else {
        (k, Measure::BudgetFull)
    })
}

/// The base of a completion rate stated in `chars[from..to]` (完成年初预算的, 完成全年预算的,
/// 完成预算, 执行率为), if the clause states one: `Some(None)` when it says only 预算 (完成预算的
/// x%), which the walker binds to the budget the passage states ([`budget_qualifier`]).
pub(super) fn completion_base(chars: &[char], from: usize, to: usize) -> Option<Option<Base>> {
    if find(chars, from, to, "执行率").is_some() {
        return Some(Some(Base::BudgetFull));
    }
    let k = find(chars, from, to, "完成")?;
    let b = find(chars, k, to, "预算")?;
    Some(budget_qualifier(chars, k, b))
}

/// The budget that the words in `chars[from..to]` (before 预算) qualify: 年初 → budget_initial,
/// 全年 or 调整后 → budget_full; `None` for a bare 预算(数), whose meaning is the budget the
/// passage itself states.
pub(super) fn budget_qualifier(chars: &[char], from: usize, to: usize) -> Option<Base> {
    if find(chars, from, to, "年初").is_some() {
        Some(Base::BudgetInitial)
    } else if find(chars, from, to, "全年").is_some() || find(chars, from, to, "调整后").is_some()
    {
        Some(Base::BudgetFull)
    } else {
        None
    }
}
