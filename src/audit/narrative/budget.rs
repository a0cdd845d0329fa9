//! The narrative of a 部门预算 (情况说明): its amounts against the budget tables
//! (`bn.amount`), and its rates, restatements and sums against each other with the rules of
//! the 决算 narrative (`n.share`, `n.growth_rate`, `n.repeat`, `n.sum`), which read the
//! narrative's own figures where no 决算 table is read.
//!
//! An amount whose table is not printed, not read (the 收入总表 or “三公” table of some
//! templates) or not split the way the claim is (a 类 of 支出, 上年结转 …) is not checked: the
//! claims left so are listed in one warning, so that nothing stated is silently dropped.

use super::{blank, quoted, Claims};
use crate::audit::subjects::BudgetCell;
use crate::audit::Collector;
use crate::check::{compare_cells, Blanks, Blocker, Comparison, Relation, Verdict};
use crate::disclosure::{Claim, Document, Measure};
use crate::finding::{Place, Rule};
use crate::{Amount, Unit};

const RULE: Rule = Rule::BudgetNarrativeAmount;

/// `bn.amount` on every amount claim of a budget; the claims it cannot check are listed in
/// one warning.
pub(super) fn amounts(doc: &Document, claims: &Claims, out: &mut Collector) {
    let mut unchecked: Vec<&Claim> = Vec::new();
    for claim in claims.all.iter().filter(|c| c.measure == Measure::Amount) {
        let checked = claim
            .subject
            .budget_cell(claim.measure)
            .and_then(|cell| Some((cell.resolve(doc)?, cell)))
            .map(|(value, cell)| amount(doc, claims, claim, &cell, value, out));
        if checked.is_none() {
            unchecked.push(claim);
        }
    }
    if unchecked.is_empty() {
        return;
    }
    let list: Vec<String> = unchecked.iter().map(|c| quoted(c)).collect();
    out.warn(
        RULE,
        Place::default(),
        format!(
            "情况说明所述 {} 项金额所对应的预算表未列示、未读取或未分列该项，未与表核对：{}",
            unchecked.len(),
            list.join("；")
        ),
    );
}

/// Whether two amounts are the same quantity (`None` when there is nothing to compare).
fn equal(stated: &Amount, table: &Amount, out: &Collector) -> Option<Result<Comparison, Blocker>> {
    compare_cells(
        Some(stated),
        &[(1, Some(table))],
        Blanks::Zero,
        Relation::Equal,
        out.rounding(),
    )
}

/// One amount against its cell: equal at the printed precision; a blank cell is not 0.
fn amount(
    doc: &Document,
    claims: &Claims,
    claim: &Claim,
    cell: &BudgetCell,
    table: Option<Amount>,
    out: &mut Collector,
) {
    let title = cell.title(doc).unwrap_or(cell.table.label());
    let Some(stated) = claims.money(claim) else {
        let text = claim.value.as_deref().unwrap_or_default();
        out.warn(RULE, claims.place(claim), format!("无法解析数值「{text}」"));
        return;
    };
    let Some(table) = table else {
        let described = format!("{title}{}", cell.describe());
        blank(RULE, claims.place(claim), &stated, &described, out);
        return;
    };
    let Some(r) = equal(&stated, &table, out) else {
        return;
    };
    let misread =
        |r: &Result<Comparison, _>| matches!(r, Ok(c) if c.verdict == Verdict::Inconsistent);
    if misread(&r) {
        // The same digits in the other unit (元 read as 万元 or the reverse) agree: the table's
        // unit line was not read, which says nothing about the figures.
        let other = match table.unit() {
            Unit::Yuan => Unit::TenThousandYuan,
            _ => Unit::Yuan,
        };
        let rescaled = Amount::parse(&table.value().to_string(), other).ok();
        if let Some(again) = rescaled.and_then(|t| equal(&stated, &t, out)) {
            if !misread(&again) {
                out.warn(
                    RULE,
                    claims.place(claim),
                    format!(
                        "情况说明所述 {} 万元与{title}{}（{}）的数字按{}计相符：表的金额单位疑未读准，未作核对",
                        stated.value(),
                        cell.describe(),
                        table.value(),
                        other.name()
                    ),
                );
                return;
            }
        }
    }
    out.check_with(
        RULE,
        r,
        || claims.place(claim),
        || format!("{title}{}（表中数）", cell.describe()),
    );
}

#[cfg(test)]
mod tests {
    use crate::audit::{audit, AuditOptions, Severity};
    use crate::check::Table;
    use crate::disclosure::{
        BudgetRows, BudgetTable, BudgetTableId, Claim, Document, Indicator, Kind, Measure, Template,
    };
    use crate::{Amount, FunctionCode, Unit};

    fn a(s: &str) -> Option<Amount> {
        Some(Amount::parse(s, Unit::TenThousandYuan).unwrap())
    }

    /// A budget whose 一般公共预算支出表 prints 合计 10.00 = 6.00 + 4.00, and whose narrative
    /// states its 基本支出 and its 三公 (whose table is not read).
    fn budget(basic: &str) -> Document {
        let mut doc = Document::embedded().unwrap().clone();
        doc.meta.kind = Kind::Budget;
        doc.meta.template = Template::Budget;
        doc.meta.tables.clear();
        doc.names.clear();
        let mut t: Table<FunctionCode> =
            Table::new("一般公共预算支出表", ["合计", "基本支出", "项目支出"]);
        t.push(
            "201".parse().unwrap(),
            Some("一般公共服务支出"),
            vec![a("10.00"), a("6.00"), a("4.00")],
        )
        .unwrap();
        t.set_total(vec![a("10.00"), a("6.00"), a("4.00")]).unwrap();
        doc.budget = vec![BudgetTable {
            id: BudgetTableId::GeneralExpenditure,
            title: "一般公共预算支出表".into(),
            page: 1,
            rows: BudgetRows::Functional(t),
        }];
        let claim = |id: &str, subject: Indicator, value: &str| Claim {
            id: id.into(),
            section: "五".into(),
            subject: subject.into(),
            measure: Measure::Amount,
            value: Some(value.into()),
            word: None,
            of: None,
            quote: format!("…{value}万元"),
            note: String::new(),
        };
        doc.claims = vec![
            claim("c001", Indicator::GpbBasic, basic),
            claim("c002", Indicator::SangongTotal, "1.00"),
        ];
        doc
    }

    fn findings(doc: &Document, severity: Severity) -> Vec<String> {
        audit(doc, &AuditOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.rule.as_str() == "bn.amount" && f.severity == severity)
            .map(|f| f.message())
            .collect()
    }

    #[test]
    fn budget_amounts_are_checked_against_the_budget_tables() {
        assert!(findings(&budget("6.00"), Severity::Error).is_empty());
        let wrong = findings(&budget("6.10"), Severity::Error);
        assert_eq!(wrong.len(), 1, "{wrong:?}");
        assert!(
            wrong[0].contains("一般公共预算支出表合计行 基本支出"),
            "{wrong:?}"
        );
        // The 三公 amount, whose table is not read, is listed as not checked, not an error.
        let unchecked = findings(&budget("6.00"), Severity::Warning);
        assert_eq!(unchecked.len(), 1, "{unchecked:?}");
        assert!(unchecked[0].contains("1 项金额") && unchecked[0].contains("c002"));
    }
}
