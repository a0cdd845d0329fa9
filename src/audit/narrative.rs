//! Rules on the narrative (情况说明): its numbers against the tables and against each other.

use super::cross::{CellRef, RowRef};
use super::finding::{Finding, Place};
use super::subjects::code_and_name;
use super::Collector;
use crate::check::{compare_cells, compare_sum, Blanks, Comparison, Relation, Verdict};
use crate::disclosure::{
    direction_of, Claim, CostGroup, Document, Measure, Side, TableId, THREE_COSTS_COLUMNS,
};
use crate::{Amount, Catalog, Interval, Unit};
use rust_decimal::Decimal;
use std::collections::HashMap;

pub(super) fn run(doc: &Document, catalog: Option<&Catalog>, out: &mut Collector) {
    let claims = &Claims::new(doc, &doc.claims, catalog);
    for claim in claims.all {
        match claim.measure {
            Measure::Amount | Measure::BudgetFull => amount(doc, claims, claim, out),
            Measure::Share => ratio(doc, claims, claim, out, "n.share"),
            Measure::CompletionRate => ratio(doc, claims, claim, out, "n.completion_rate"),
            Measure::GrowthRate => growth(doc, claims, claim, out),
            Measure::Comparison => comparison(doc, claims, claim, out),
            _ => {}
        }
    }
    repeats(claims, out);
    sums(claims, out);
}

/// A claim as a finding's place: the code and name of its subject, the claim (id, section,
/// quote) and the measure.
fn place(claim: &Claim, catalog: Option<&Catalog>) -> Place {
    let (code, name) = code_and_name(&claim.subject, catalog);
    Place {
        table: None,
        code,
        name,
        column: Some(claim.measure.label().into()),
        claim: Some(quoted(claim)),
    }
}

/// c057 五(三)1(1)「完成年初预算的4.6%」.
fn quoted(claim: &Claim) -> String {
    format!("{} {}「{}」", claim.id, claim.section, claim.quote.trim())
}

/// The table cell a narrative amount restates, if the subject binds to one.
pub(crate) fn bind(subject: &str, measure: Measure) -> Option<CellRef> {
    let summary = |table, side, label: &str, column: &str| CellRef::Summary {
        table,
        side,
        label: label.into(),
        column: column.into(),
    };
    let functional = |table, row, column: &str| CellRef::Functional {
        table,
        row,
        column: column.into(),
    };
    let three = |actual, i: usize| CellRef::ThreeCosts {
        actual,
        column: THREE_COSTS_COLUMNS[i].into(),
    };
    let sangong = |name: &str| {
        [
            "total",
            "abroad",
            "vehicle",
            "vehicle_purchase",
            "vehicle_operation",
            "reception",
        ]
        .iter()
        .position(|n| *n == name)
        .map(|i| [0, 1, 2, 3, 4, 5][i])
    };
    if measure == Measure::BudgetFull {
        return sangong(subject.strip_prefix("sangong:")?).map(|i| three(false, i));
    }
    if measure != Measure::Amount {
        return None;
    }
    if let Some(rest) = subject.strip_prefix("sangong:") {
        return sangong(rest).map(|i| three(true, i));
    }
    if let Some(col) = subject.strip_prefix("income:") {
        return Some(functional(TableId::T02, RowRef::Total, col));
    }
    if let Some(col) = subject.strip_prefix("expense:") {
        return Some(functional(TableId::T03, RowRef::Total, col));
    }
    if let Some(code) = subject
        .strip_prefix("class:")
        .or_else(|| subject.strip_prefix("item:"))
    {
        return Some(functional(
            TableId::T05,
            RowRef::Code(code.parse().ok()?),
            "小计",
        ));
    }
    Some(match subject {
        "total" => summary(TableId::T01, Side::Income, "总计", "金额"),
        "income_total" => summary(TableId::T01, Side::Income, "本年收入合计", "金额"),
        "expense_total" => summary(TableId::T01, Side::Expense, "本年支出合计", "金额"),
        "fiscal_total" => summary(TableId::T04, Side::Expense, "总计", "小计"),
        "gpb_income" => summary(TableId::T04, Side::Income, "一般公共预算财政拨款", "决算数"),
        "gpb_expense" | "performance:overall_funds" => {
            functional(TableId::T05, RowRef::Total, "小计")
        }
        "gpb_basic" => functional(TableId::T05, RowRef::Total, "基本支出"),
        "gpb_project" | "performance:funds" => functional(TableId::T05, RowRef::Total, "项目支出"),
        "personnel" => CellRef::BasicTotal(CostGroup::Personnel),
        "public_funds" | "operating_costs" => CellRef::BasicTotal(CostGroup::Public),
        _ => return None,
    })
}

/// A narrative amount: claims record the number printed before 万元 (see
/// `data/disclosures/TRANSCRIBE-SPEC.md`), whatever unit the tables use.
fn money(_doc: &Document, text: &str) -> Option<Amount> {
    Amount::parse(text, Unit::TenThousandYuan).ok()
}

fn percent(text: &str) -> Option<Amount> {
    Amount::parse(text, Unit::Yuan).ok()
}

/// The claims of a document indexed by subject, each list in document order.
struct Claims<'a> {
    all: &'a [Claim],
    /// Each claim's value parsed as money in the document's unit (parallel to `all`).
    money: Vec<Option<Amount>>,
    by: HashMap<&'a str, Vec<&'a Claim>>,
    /// The catalog of the document's edition, for the names of 类 and 项.
    catalog: Option<&'a Catalog>,
}

impl<'a> Claims<'a> {
    fn new(doc: &Document, all: &'a [Claim], catalog: Option<&'a Catalog>) -> Claims<'a> {
        let money = all
            .iter()
            .map(|c| c.value.as_deref().and_then(|v| money(doc, v)))
            .collect();
        let mut by: HashMap<&str, Vec<&Claim>> = HashMap::new();
        for c in all {
            by.entry(c.subject.as_str()).or_default().push(c);
        }
        Claims {
            all,
            money,
            by,
            catalog,
        }
    }

    /// A claim's position in document order.
    fn index(&self, c: &Claim) -> Option<usize> {
        let offset = (c as *const Claim as usize).wrapping_sub(self.all.as_ptr() as usize);
        let i = offset / std::mem::size_of::<Claim>().max(1);
        self.all
            .get(i)
            .filter(|same| std::ptr::eq(*same, c))
            .map(|_| i)
    }

    /// A claim as a finding's place.
    fn place(&self, claim: &Claim) -> Place {
        place(claim, self.catalog)
    }

    /// A claim's value as money, parsed once.
    fn money(&self, c: &Claim) -> Option<Amount> {
        self.money.get(self.index(c)?).copied().flatten()
    }

    /// The claims of a subject and measure, in document order.
    fn of(&self, subject: &str, measure: Measure) -> impl Iterator<Item = &'a Claim> + '_ {
        self.by
            .get(subject)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |c| c.measure == measure)
    }
}

/// The claim of `subject` and `measure` nearest to `section`: the same section, else the
/// closest enclosing section (五(二) encloses 五(二)1).
fn nearby<'a>(
    claims: &Claims<'a>,
    section: &str,
    subject: &str,
    measure: Measure,
) -> Option<&'a Claim> {
    claims
        .of(subject, measure)
        .filter(|c| c.value.is_some() && section.starts_with(c.section.as_str()))
        .max_by_key(|c| c.section.len())
}

/// The value of a subject's amount as the reader sees it near `section`: the narrative's own
/// figure if stated there, else the table cell it restates.
fn value_near<'a>(
    doc: &Document,
    claims: &Claims<'a>,
    section: &str,
    subject: &str,
    measure: Measure,
) -> Option<(Amount, Source<'a>)> {
    if let Some(c) = nearby(claims, section, subject, measure) {
        return Some((claims.money(c)?, Source::Claim(c)));
    }
    let cell = bind(subject, measure)?;
    let a = cell.resolve(doc)??;
    Some((a, Source::Cell(cell)))
}

/// Where a value used by a narrative rule comes from: a claim, or the table cell it restates.
enum Source<'a> {
    Claim(&'a Claim),
    Cell(CellRef),
}

impl std::fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Claim(c) => write!(f, "{} {}", c.id, c.value.as_deref().unwrap_or("")),
            Source::Cell(cell) => write!(f, "{}", cell.place().describe()),
        }
    }
}

/// `n.amount` (narrative vs 公开01–09表): every amount the narrative states for a subject
/// that a table carries (总计, 收入/支出合计, each source, 基本/项目支出, each 类 and 项 of
/// 一般公共预算财政拨款支出, 人员经费/公用经费, 三公 budget and actual) equals that cell. The
/// same quantity at the same precision must be identical.
///
/// `n.operating_costs`: 机关运行经费 is the 公用经费 of 行政单位 and 参照公务员法管理的事业单位
/// only, so it is at most 公开06表 公用经费合计 (equal only where every unit of the department
/// is 行政 or 参公, which the narrative does not tell: the check is ≤ and says so).
fn amount(doc: &Document, claims: &Claims, claim: &Claim, out: &mut Collector) {
    let (Some(cell), Some(text)) = (bind(&claim.subject, claim.measure), claim.value.as_deref())
    else {
        return;
    };
    let operating = claim.subject == "operating_costs";
    let (rule, relation) = if operating {
        ("n.operating_costs", Relation::LessOrEqual)
    } else {
        ("n.amount", Relation::Equal)
    };
    let Some(stated) = money(doc, text) else {
        out.warn(rule, claims.place(claim), format!("无法解析数值「{text}」"));
        return;
    };
    let Some(table_value) = cell.resolve(doc) else {
        return;
    };
    // A blank cell restated as an amount in the narrative stands for 0.
    let parts = [(1, table_value.as_ref())];
    let Some(r) = compare_cells(
        Some(&stated),
        &parts,
        Blanks::Zero,
        relation,
        out.rounding(),
    ) else {
        return;
    };
    out.check_with(
        rule,
        r,
        || claims.place(claim),
        || {
            let basis = format!("{}（表中数）", cell.place().describe());
            if operating {
                format!(
                    "{basis}；机关运行经费只含行政单位和参照公务员法管理的事业单位的公用经费，\
                     情况说明未表明本部门各单位均属此类，按 ≤ 核对"
                )
            } else {
                basis
            }
        },
    );
}

/// The interval of `part / whole × 100` from rounded figures; `None` when the whole may be
/// zero (a ratio over a zero base is undefined).
fn ratio_interval(
    part: &Amount,
    whole: &Amount,
    rounding: crate::Rounding,
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
    rounding: crate::Rounding,
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

/// `n.share` and `n.completion_rate`: a share (占 x%) is part / whole, a completion rate
/// (完成…预算的 x%) is 支出决算 / 年初预算 (or 全年预算), recomputed with interval arithmetic from
/// the rounded figures the narrative states (or the table cells) and compared with the stated
/// percentage at its printed precision. A zero base makes the rate undefined.
fn ratio(doc: &Document, claims: &Claims, claim: &Claim, out: &mut Collector, rule: &str) {
    let Some(stated) = claim.value.as_deref().and_then(percent) else {
        return;
    };
    let Some(part) = value_near(doc, claims, &claim.section, &claim.subject, Measure::Amount)
    else {
        return;
    };
    let whole = match (claim.measure, claim.of.as_deref()) {
        (Measure::CompletionRate, Some("budget_initial")) => value_near(
            doc,
            claims,
            &claim.section,
            &claim.subject,
            Measure::BudgetInitial,
        ),
        (Measure::CompletionRate, _) => value_near(
            doc,
            claims,
            &claim.section,
            &claim.subject,
            Measure::BudgetFull,
        ),
        (_, Some(of)) => value_near(doc, claims, &claim.section, of, Measure::Amount),
        _ => None,
    };
    let Some(whole) = whole else { return };
    match ratio_interval(&part.0, &whole.0, out.rounding()) {
        Some((interval, exact)) => {
            let Some(c) = percentage(&stated, interval, exact, out.rounding()) else {
                return;
            };
            out.check_with(
                rule,
                Ok(c),
                || claims.place(claim),
                || format!("{} ÷ {} × 100%", part.1, whole.1),
            );
        }
        None => zero_base(claims, claim, out, &whole.1.to_string(), &stated),
    }
}

/// `n.zero_base`: a rate (增长 100%, 完成预算 0 万元的 0%, 占 x%) over a base that is zero, or
/// may be zero at its printed precision, is undefined: the document states a figure that
/// cannot be computed. Reported as a finding of its own, never as a division error.
fn zero_base(claims: &Claims, claim: &Claim, out: &mut Collector, base: &str, stated: &Amount) {
    out.push(Finding::warning(
        "n.zero_base",
        claims.place(claim),
        format!(
            "比较基数 {base} 为零（或在舍入范围内可能为零），所述 {}% 无定义",
            stated.value()
        ),
    ));
}

fn sign(word: Option<&str>) -> Option<i32> {
    word.and_then(direction_of).map(i32::from)
}

/// `n.growth_rate` and `n.direction` (change words): year-on-year or against-budget change.
/// The base is derived (prior = current ∓ change), the rate recomputed as change / base with
/// intervals, and the words must agree (增加 with 增长, 减少 with 下降).
fn growth(doc: &Document, claims: &Claims, claim: &Claim, out: &mut Collector) {
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
    let (Some(change_amount), Some(change_sign)) =
        (claims.money(change), sign(change.word.as_deref()))
    else {
        return;
    };
    if let Some(rate_sign) = sign(claim.word.as_deref()) {
        if rate_sign != change_sign {
            out.push(Finding::warning(
                "n.direction",
                claims.place(claim),
                format!(
                    "增减额用「{}」而增减率用「{}」，方向不一致",
                    change.word.as_deref().unwrap_or(""),
                    claim.word.as_deref().unwrap_or("")
                ),
            ));
        } else {
            out.passed("n.direction");
        }
    }
    let Some(current) = value_near(doc, claims, &claim.section, &claim.subject, Measure::Amount)
    else {
        return;
    };
    // base = current − signed change
    let signed = Amount::new(
        -Decimal::from(change_sign) * change_amount.value(),
        change_amount.decimals(),
        change_amount.unit(),
    )
    .ok();
    let Some(signed) = signed else { return };
    let (Ok(cur), Ok(chg)) = (
        current.0.interval_in_yuan(out.rounding()),
        signed.interval_in_yuan(out.rounding()),
    ) else {
        return;
    };
    let Ok(base) = cur.checked_add(&chg) else {
        return;
    };
    let Ok(magnitude) = change_amount.interval_in_yuan(out.rounding()) else {
        return;
    };
    let exact_base =
        current.0.value() * current.0.unit().in_yuan() + signed.value() * signed.unit().in_yuan();
    let base_text = if claim.of.as_deref() == Some("budget_initial") {
        "年初预算数"
    } else {
        "上年数"
    };
    let Some(q) = magnitude
        .checked_div(&base)
        .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED).ok())
    else {
        let base = format!(
            "{base_text} {}（{} {} {}）",
            (exact_base / doc.meta.unit.in_yuan()).normalize(),
            current.1,
            if change_sign < 0 { "+" } else { "−" },
            change_amount.value()
        );
        zero_base(claims, claim, out, &base, &stated);
        return;
    };
    let exact = (change_amount.value() * change_amount.unit().in_yuan())
        .checked_div(exact_base)
        .map(|x| x * Decimal::ONE_HUNDRED);
    let Some(exact) = exact else { return };
    let Some(c) = percentage(&stated, q, exact, out.rounding()) else {
        return;
    };
    let basis = || {
        format!(
            "{} ÷ {base_text} {}（{} {} {}）× 100%",
            change_amount.value(),
            exact_base / doc.meta.unit.in_yuan(),
            current.1,
            if change_sign < 0 { "+" } else { "−" },
            change_amount.value()
        )
    };
    out.check_with("n.growth_rate", Ok(c), || claims.place(claim), basis);
}

/// `n.direction` (comparisons): 支出决算数大于/小于年初预算数 and 决算数持平全年预算数 must match
/// the two figures: 大于 can hold iff hi(actual) > lo(budget), 小于 iff lo(actual) <
/// hi(budget), 持平 iff their intervals intersect.
fn comparison(doc: &Document, claims: &Claims, claim: &Claim, out: &mut Collector) {
    let Some(s) = sign(claim.word.as_deref()) else {
        out.warn(
            "n.direction",
            claims.place(claim),
            format!(
                "无法识别比较用词「{}」，未校验",
                claim.word.as_deref().unwrap_or("")
            ),
        );
        return;
    };
    let budget_measure = if claim.of.as_deref() == Some("budget_initial") {
        Measure::BudgetInitial
    } else {
        Measure::BudgetFull
    };
    let (Some(actual), Some(budget)) = (
        value_near(doc, claims, &claim.section, &claim.subject, Measure::Amount),
        value_near(doc, claims, &claim.section, &claim.subject, budget_measure),
    ) else {
        return;
    };
    let (Ok(a), Ok(b)) = (
        actual.0.interval_in_yuan(out.rounding()),
        budget.0.interval_in_yuan(out.rounding()),
    ) else {
        return;
    };
    let holds = match s {
        1 => a.hi() > b.lo(),
        -1 => a.lo() < b.hi(),
        _ => a.intersects(&b),
    };
    if holds {
        out.passed("n.direction");
    } else {
        out.push(Finding::error(
            "n.direction",
            claims.place(claim),
            format!(
                "称「{}」，但支出决算 {} 与预算 {} 不符",
                claim.word.as_deref().unwrap_or(""),
                actual.1,
                budget.1
            ),
        ));
    }
}

/// `n.repeat`: the same indicator (subject, measure, base) stated more than once must carry
/// one value: identical at the same precision, intersecting intervals otherwise. Within one
/// section (the same paragraph or its heading's paragraphs: 「…支出 12.34 万元…其中…支出为
/// 12.43 万元」) every restatement is checked against the one before it, whether or not a
/// table carries the indicator (the table may be unread); across sections, indicators that
/// restate a table cell are left to `n.amount`. The evidence quotes both statements.
fn repeats(claims: &Claims, out: &mut Collector) {
    const RULE: &str = "n.repeat";
    for c in claims.all {
        if c.measure.is_percentage()
            || matches!(
                c.measure,
                Measure::Flat | Measure::Comparison | Measure::Count
            )
        {
            continue;
        }
        let bound = bind(&c.subject, c.measure).is_some();
        let Some(first) = claims
            .of(&c.subject, c.measure)
            .take_while(|p| !std::ptr::eq(*p, c))
            .filter(|p| p.of == c.of && p.value.is_some())
            .filter(|p| !bound || p.section == c.section)
            .last()
        else {
            continue;
        };
        let (Some(a), Some(b)) = (claims.money(c), claims.money(first)) else {
            continue;
        };
        let r = compare_sum(&a, [(1, &b)], out.rounding());
        out.check(
            RULE,
            claims.place(c),
            r,
            &format!("{} 所述 {}", quoted(first), b.value()),
        );
    }
}

/// `n.sum`: narrative totals that are sums of narrative parts: 政府采购支出总额 = 货物 + 工程 +
/// 服务; 三公经费 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费 (预算 and 决算); 公务用车
/// 购置及运行费 = 购置费 + 运行费.
fn sums(claims: &Claims, out: &mut Collector) {
    const RULE: &str = "n.sum";
    let groups: [(&str, &[&str], Measure); 4] = [
        (
            "procurement:total",
            &[
                "procurement:goods",
                "procurement:works",
                "procurement:services",
            ],
            Measure::Amount,
        ),
        (
            "sangong:total",
            &["sangong:abroad", "sangong:vehicle", "sangong:reception"],
            Measure::Amount,
        ),
        (
            "sangong:total",
            &["sangong:abroad", "sangong:vehicle", "sangong:reception"],
            Measure::BudgetFull,
        ),
        (
            "sangong:vehicle",
            &["sangong:vehicle_purchase", "sangong:vehicle_operation"],
            Measure::Amount,
        ),
    ];
    for (total, parts, measure) in groups {
        let find = |s: &str| claims.of(s, measure).find(|c| c.value.is_some());
        let Some(t) = find(total) else { continue };
        let found: Vec<&Claim> = parts.iter().filter_map(|p| find(p)).collect();
        if found.is_empty() {
            continue;
        }
        let (Some(ta), Some(pa)) = (
            claims.money(t),
            found
                .iter()
                .map(|c| claims.money(c))
                .collect::<Option<Vec<_>>>(),
        ) else {
            continue;
        };
        let r = compare_sum(&ta, pa.iter().map(|a| (1, a)), out.rounding());
        let basis = found
            .iter()
            .map(|c| format!("{} {}", c.id, c.value.as_deref().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(" + ");
        out.check(RULE, claims.place(t), r, &basis);
    }
}
