//! Rules on the narrative (情况说明): its numbers against the tables and against each other.
//!
//! One wrong figure gives one finding: a rate (增减率, 完成率, 占比) whose input is an amount
//! the narrative states against its table (`n.amount`) is checked with the narrative's figure
//! and with the table's; it is reported only if neither reproduces it (see [`rates`]).
//! Comparison words (大于/小于/持平) are judged on the figures their own paragraph prints.

mod budget;
mod rates;
mod shares;

use super::cross::CellRef;
use super::subjects::{code_and_name, is_sangong};
use super::Collector;
use crate::check::{compare_cells, compare_sum, Blanks, Relation, Verdict};
use crate::disclosure::{Base, Claim, Direction, Document, Indicator, Kind, Measure, Subject};
use crate::finding::{Finding, Place, Rule};
use crate::{Amount, Catalog, Rounding, Unit};
use std::collections::HashMap;

/// Runs the narrative rules.
///
/// A 部门预算's amounts are checked against its own tables ([`budget`]) and its rates
/// (占比, 增减率) against its figures as for a 决算; `n.repeat` and `n.sum` are not run on a
/// budget: a budget's 情况说明 often states the same indicator once for the department and
/// again for each of its units (「…人员经费 856.54 万元…」 per 下属单位), which the reader does not
/// tell apart.
pub(super) fn run(doc: &Document, catalog: Option<&Catalog>, out: &mut Collector) {
    let claims = &Claims::new(doc, &doc.claims, catalog, out.rounding());
    if doc.meta.kind == Kind::Budget {
        budget::amounts(doc, claims, out);
        for claim in claims.all {
            rate(doc, claims, claim, out);
        }
        return;
    }
    for claim in claims.all {
        match claim.measure {
            Measure::Amount | Measure::BudgetFull | Measure::BudgetInitial => {
                amount(doc, claims, claim, out)
            }
            Measure::Comparison => comparison(claims, claim, out),
            _ => rate(doc, claims, claim, out),
        }
    }
    repeats(claims, out);
    sums(claims, out);
}

/// The rules of a rate claim: 占比, 完成率, 增减率 (other claims have none here).
fn rate(doc: &Document, claims: &Claims, claim: &Claim, out: &mut Collector) {
    match claim.measure {
        Measure::Share => rates::ratio(claims, claim, out, Rule::NarrativeShare),
        Measure::CompletionRate => rates::ratio(claims, claim, out, Rule::NarrativeCompletionRate),
        Measure::GrowthRate => rates::growth(doc, claims, claim, out),
        _ => {}
    }
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
        ..Place::default()
    }
}

/// c057 五(三)1(1)「完成年初预算的4.6%」.
fn quoted(claim: &Claim) -> String {
    format!("{} {}「{}」", claim.id, claim.section, claim.quote.trim())
}

/// The table cell a claim restates: [`Subject::cell`]; besides, a 三公 年初预算 restates the 预算数 of
/// 公开09表 when the narrative states no 全年预算 for the same item (the table prints one
/// budget per item, and the narrative's only budget figure for it is that one).
fn cell_of(claims: &Claims, claim: &Claim) -> Option<CellRef> {
    claim.subject.cell(claim.measure).or_else(|| {
        let only_budget = claim.measure == Measure::BudgetInitial
            && is_sangong(&claim.subject)
            && claims
                .of(&claim.subject, Measure::BudgetFull)
                .all(|c| c.value.is_none());
        only_budget
            .then(|| claim.subject.cell(Measure::BudgetFull))
            .flatten()
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
    doc: &'a Document,
    rounding: Rounding,
    all: &'a [Claim],
    /// Each claim's value parsed as money in the document's unit (parallel to `all`).
    money: Vec<Option<Amount>>,
    by: HashMap<&'a Subject, Vec<&'a Claim>>,
    /// The catalog of the document's edition, for the names of 类 and 项.
    catalog: Option<&'a Catalog>,
}

impl<'a> Claims<'a> {
    fn new(
        doc: &'a Document,
        all: &'a [Claim],
        catalog: Option<&'a Catalog>,
        rounding: Rounding,
    ) -> Claims<'a> {
        let money = all
            .iter()
            .map(|c| c.value.as_deref().and_then(|v| money(doc, v)))
            .collect();
        let mut by: HashMap<&Subject, Vec<&Claim>> = HashMap::new();
        for c in all {
            by.entry(&c.subject).or_default().push(c);
        }
        Claims {
            doc,
            rounding,
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
    fn of(&self, subject: &Subject, measure: Measure) -> impl Iterator<Item = &'a Claim> + '_ {
        self.by
            .get(subject)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |c| c.measure == measure)
    }

    /// The table's side of an amount the narrative states against it (what `n.amount`
    /// reports): the cell and its figure when the table prints another figure, the cell and
    /// `None` when it leaves the cell blank and the claim states a non-zero amount; `None`
    /// when the claim agrees with its table, restates no cell, or its table was not read.
    fn contradicted(&self, c: &Claim) -> Option<(CellRef, Option<Amount>)> {
        if c.subject == Subject::Indicator(Indicator::OperatingCosts) {
            return None;
        }
        let cell = cell_of(self, c)?;
        let stated = self.money(c)?;
        match cell.resolve(self.doc)? {
            None => (!stated.value().is_zero()).then_some((cell, None)),
            Some(table) => {
                let r = compare_cells(
                    Some(&stated),
                    &[(1, Some(&table))],
                    Blanks::Zero,
                    Relation::Equal,
                    self.rounding,
                )?;
                matches!(r, Ok(c) if c.verdict == Verdict::Inconsistent)
                    .then_some((cell, Some(table)))
            }
        }
    }
}

/// The claim of `subject` and `measure` nearest to `section`: the same section, else the
/// closest enclosing section (五(二) encloses 五(二)1).
fn nearby<'a>(
    claims: &Claims<'a>,
    section: &str,
    subject: &Subject,
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
    claims: &Claims<'a>,
    section: &str,
    subject: &Subject,
    measure: Measure,
) -> Option<(Amount, Source<'a>)> {
    readings_near(claims, section, subject, measure)
        .into_iter()
        .next()
}

/// The readings of a subject's amount near `section`: the narrative's own figure, followed by
/// the table's when the narrative states it against its table ([`Claims::contradicted`]);
/// else the table cell it restates.
fn readings_near<'a>(
    claims: &Claims<'a>,
    section: &str,
    subject: &Subject,
    measure: Measure,
) -> Vec<(Amount, Source<'a>)> {
    if let Some(c) = nearby(claims, section, subject, measure) {
        let Some(own) = claims.money(c) else {
            return Vec::new();
        };
        let mut out = vec![(own, Source::Claim(c))];
        if let Some((cell, Some(table))) = claims.contradicted(c) {
            out.push((table, Source::Corrected(c, cell)));
        }
        return out;
    }
    subject
        .cell(measure)
        .and_then(|cell| Some((cell.resolve(claims.doc)??, Source::Cell(cell))))
        .into_iter()
        .collect()
}

/// Where a value used by a narrative rule comes from: a claim, the table cell it restates, or
/// the table cell that a claim states another figure for.
enum Source<'a> {
    Claim(&'a Claim),
    Cell(CellRef),
    Corrected(&'a Claim, CellRef),
}

impl Source<'_> {
    /// Whether the value is the table's in place of a claim's.
    fn is_corrected(&self) -> bool {
        matches!(self, Source::Corrected(..))
    }

    /// The table cell the value is read from, if it is a table's.
    fn cell(&self) -> Option<&CellRef> {
        match self {
            Source::Claim(_) => None,
            Source::Cell(cell) | Source::Corrected(_, cell) => Some(cell),
        }
    }
}

impl std::fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Claim(c) => write!(f, "{} {}", c.id, c.value.as_deref().unwrap_or("")),
            Source::Cell(cell) => write!(f, "{}", cell.place()),
            Source::Corrected(c, cell) => write!(
                f,
                "{}（表中数；{} 所述 {} 与表不符，见 n.amount）",
                cell.place(),
                c.id,
                c.value.as_deref().unwrap_or("")
            ),
        }
    }
}

/// `n.amount` (narrative vs 公开01–09表): every amount the narrative states for a subject
/// that a table carries (总计, 收入/支出合计, each source, 基本/项目支出, each 类 and 项 of
/// 一般公共预算财政拨款支出, 人员经费/公用经费, 三公 budget and actual) equals that cell. The
/// same quantity at the same precision must be identical. A blank cell is "not reported",
/// never 0: a non-zero amount stated for a cell the table leaves blank contradicts the table
/// (an error that says the table prints nothing there); a zero amount stated for it does not.
///
/// `n.operating_costs`: 机关运行经费 is the 公用经费 of 行政单位 and 参照公务员法管理的事业单位
/// only, so it is at most 公开06表 公用经费合计 (equal only where every unit of the department
/// is 行政 or 参公, which the narrative does not tell: the check is ≤ and says so; a blank
/// 公用经费合计 bounds nothing).
fn amount(doc: &Document, claims: &Claims, claim: &Claim, out: &mut Collector) {
    let (Some(cell), Some(text)) = (cell_of(claims, claim), claim.value.as_deref()) else {
        return;
    };
    let operating = claim.subject == Subject::Indicator(Indicator::OperatingCosts);
    let (rule, relation) = if operating {
        (Rule::NarrativeOperatingCosts, Relation::LessOrEqual)
    } else {
        (Rule::NarrativeAmount, Relation::Equal)
    };
    let Some(stated) = money(doc, text) else {
        out.warn(rule, claims.place(claim), format!("无法解析数值「{text}」"));
        return;
    };
    let Some(table_value) = cell.resolve(doc) else {
        return;
    };
    let Some(table_value) = table_value else {
        if !operating {
            blank(
                rule,
                claims.place(claim),
                &stated,
                &cell.place().to_string(),
                out,
            );
        }
        return;
    };
    let parts = [(1, Some(&table_value))];
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
            let basis = format!("{}（表中数）", cell.place());
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

/// An amount stated for a cell its table leaves blank ("not reported", never 0): a zero
/// amount agrees, a non-zero one contradicts the table (`cell` describes the cell).
fn blank(rule: Rule, place: Place, stated: &Amount, cell: &str, out: &mut Collector) {
    if stated.value().is_zero() {
        out.passed(rule);
    } else {
        out.push(Finding::error(
            rule,
            place,
            format!(
                "情况说明所述 {} 万元，而{cell}空白（表中未列示数值；空白不视为 0），非零金额与表不符",
                stated.value(),
            ),
        ));
    }
}

/// The direction of a change or comparison word: 1 (增加, 大于), -1 (减少, 小于), 0 (持平).
fn sign(word: Option<Direction>) -> Option<i32> {
    word.map(|w| i32::from(w.sign()))
}

/// `n.direction` (comparisons): 支出决算数大于/小于年初预算数 and 决算数持平全年预算数 must match
/// the two figures: 大于 can hold iff hi(actual) > lo(budget), 小于 iff lo(actual) <
/// hi(budget), 持平 iff their intervals intersect.
fn comparison(claims: &Claims, claim: &Claim, out: &mut Collector) {
    let Some(s) = sign(claim.word) else {
        return;
    };
    let budget_measure = if claim.of == Some(Base::BudgetInitial) {
        Measure::BudgetInitial
    } else {
        Measure::BudgetFull
    };
    let (Some(actual), Some(budget)) = (
        value_near(claims, &claim.section, &claim.subject, Measure::Amount),
        value_near(claims, &claim.section, &claim.subject, budget_measure),
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
        out.passed(Rule::NarrativeDirection);
    } else {
        out.push(Finding::error(
            Rule::NarrativeDirection,
            claims.place(claim),
            format!(
                "称「{}」，但支出决算 {} 与预算 {} 不符",
                claim.word.map_or("", Direction::word),
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
    const RULE: Rule = Rule::NarrativeRepeat;
    for c in claims.all {
        if c.measure.is_percentage()
            || matches!(
                c.measure,
                Measure::Flat | Measure::Comparison | Measure::Count
            )
        {
            continue;
        }
        let bound = c.subject.cell(c.measure).is_some();
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
    const RULE: Rule = Rule::NarrativeSum;
    use Indicator as I;
    let groups: [(Indicator, &[Indicator], Measure); 4] = [
        (
            I::ProcurementTotal,
            &[
                I::ProcurementGoods,
                I::ProcurementWorks,
                I::ProcurementServices,
            ],
            Measure::Amount,
        ),
        (
            I::SangongTotal,
            &[I::SangongAbroad, I::SangongVehicle, I::SangongReception],
            Measure::Amount,
        ),
        (
            I::SangongTotal,
            &[I::SangongAbroad, I::SangongVehicle, I::SangongReception],
            Measure::BudgetFull,
        ),
        (
            I::SangongVehicle,
            &[I::SangongVehiclePurchase, I::SangongVehicleOperation],
            Measure::Amount,
        ),
    ];
    for (total, parts, measure) in groups {
        let find = |i: Indicator| {
            claims
                .of(&Subject::Indicator(i), measure)
                .find(|c| c.value.is_some())
        };
        let Some(t) = find(total) else { continue };
        let found: Vec<&Claim> = parts.iter().filter_map(|p| find(*p)).collect();
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
