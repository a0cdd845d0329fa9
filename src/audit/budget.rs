//! The rules of a 部门预算 ([`crate::disclosure::Kind::Budget`]): the identities its tables
//! hold by construction, checked with the same interval model as the 决算 rules.
//!
//! - `b.hierarchy`: in a table keyed by functional codes, every 类 equals the sum of its 款
//!   and every 款 the sum of its 项, column by column; the 合计 row equals the sum of the 类.
//! - `b.economic_hierarchy`: in a table keyed by economic codes (一般公共预算基本支出表), every
//!   类 (301, 302 …) equals the sum of its 款 (30101 …); the 合计 row the sum of the 类.
//! - `b.row_total`: where the header splits a total column into kinds of expenditure (合计 |
//!   基本支出 | 项目支出 …, 合计 | 人员经费 | 公用经费), the total equals their sum on every row
//!   ([`crate::disclosure::row_identity`]).
//! - `b.balance`: in a 收支总表 or 财政拨款收支总表, 收入总计 = 支出总计.
//! - `bx.basic`: the 基本支出 of the 一般公共预算支出表's 合计 row equals the 合计 of the
//!   一般公共预算基本支出表 (the same 一般公共预算 basic expenditure, by function and by
//!   economic nature).

use super::{Collector, Place, Rule, TableRef};
use crate::check::Table;
use crate::check::{compare_cells, Blanks, Outcome, RawResult, Relation, Verdict, TOTAL_LABEL};
use crate::disclosure::{
    basic_column, row_identity, BudgetRows, BudgetTable, BudgetTableId, Document, Side,
    SummaryTable,
};
use crate::Code;

/// Runs the budget rules on a budget's tables.
pub(super) fn run(doc: &Document, out: &mut Collector) {
    for t in &doc.budget {
        match &t.rows {
            BudgetRows::Functional(table) => within(&t.title, table, Rule::BudgetHierarchy, out),
            BudgetRows::Economic(table) => {
                within(&t.title, table, Rule::BudgetEconomicHierarchy, out)
            }
            BudgetRows::Summary(table) => balance(&t.title, table, out),
            _ => {}
        }
    }
    basic(doc, out);
}

/// The hierarchy (under `rule`) and the row identity of one coded table.
fn within<C: Code>(name: &str, table: &Table<C>, rule: Rule, out: &mut Collector) {
    if out.on(&rule) {
        let results = table.hierarchy_results(out.rounding());
        route(name, table, &rule, results, "下级科目之和", out);
    }
    let Some((total, parts)) = row_identity(table.columns()) else {
        return;
    };
    if out.on(&Rule::BudgetRowTotal) {
        let weighted: Vec<(i32, usize)> = parts.iter().map(|&p| (1, p)).collect();
        let results = table.row_identity_results("row", total, &weighted, out.rounding());
        if misread(&results) {
            let place = Place {
                table: Some(TableRef::Budget(name.to_owned())),
                ..Place::default()
            };
            let text = format!(
                "表头所示「{}」与其后各列的关系在多数行不成立，疑似表头分组未能读准（如「基本支出」下分人员经费、公用经费），本表行内校验未执行",
                table.columns().get(total).map_or("", String::as_str)
            );
            out.warn(Rule::BudgetRowTotal, place, text);
            return;
        }
        let names: Vec<&str> = parts
            .iter()
            .filter_map(|&p| table.columns().get(p).map(String::as_str))
            .collect();
        route(
            name,
            table,
            &Rule::BudgetRowTotal,
            results,
            &names.join(" + "),
            out,
        );
    }
}

/// Whether a row identity fails on most rows (at least three compared): the header's
/// grouping was misread, not a dozen errors of the document (a document's own errors fail
/// on a few rows).
fn misread<C>(results: &[RawResult<C>]) -> bool {
    let compared = results.iter().filter_map(|r| match &r.outcome {
        Outcome::Compared(c) => Some(c.verdict == Verdict::Inconsistent),
        Outcome::Blocked(_) => None,
    });
    let (n, failed) = compared.fold((0, 0), |(n, f), bad| (n + 1, f + usize::from(bad)));
    n >= 3 && failed * 2 > n
}

/// Routes the results of a [`Table`] check on the budget table `name` to findings under `rule`.
fn route<C: Code>(
    name: &str,
    table: &Table<C>,
    rule: &Rule,
    results: Vec<RawResult<C>>,
    basis: &str,
    out: &mut Collector,
) {
    let at = TableRef::Budget(name.to_owned());
    super::tables::route_results(at, table, rule, results, basis, out, |_, _, _| None);
}

/// `b.balance` (收支总表, 财政拨款收支总表): 收入总计 = 支出总计, one quantity printed twice, so
/// identical at the printed precision.
fn balance(name: &str, table: &SummaryTable, out: &mut Collector) {
    let rule = Rule::BudgetBalance;
    let (Some(income), Some(expense)) = (
        table.line(Side::Income, "收入总计"),
        table.line(Side::Expense, "支出总计"),
    ) else {
        return;
    };
    let (Some(left), Some(right)) = (income.cells.first(), expense.cells.first()) else {
        return;
    };
    let Some(result) = same(left, right, out) else {
        return;
    };
    let place = || Place {
        table: Some(TableRef::Budget(name.to_owned())),
        code: None,
        name: Some("收入总计".to_owned()),
        column: None,
        claim: None,
        ..Place::default()
    };
    out.check_with(rule, result, place, || "支出总计".to_owned());
}

/// Two printed cells that stand for one quantity, compared when both are printed.
fn same(
    left: &Option<crate::Amount>,
    right: &Option<crate::Amount>,
    out: &Collector,
) -> Option<Result<crate::check::Comparison, crate::check::Blocker>> {
    compare_cells(
        left.as_ref(),
        &[(1, right.as_ref())],
        Blanks::NotReported,
        Relation::Equal,
        out.rounding(),
    )
}

/// The first table of this id whose rows were read.
fn table(doc: &Document, id: BudgetTableId) -> Option<&BudgetTable> {
    doc.budget
        .iter()
        .find(|t| t.id == id && !matches!(t.rows, BudgetRows::NotRead))
}

/// `bx.basic`: 一般公共预算支出表 合计 row, 基本支出 column = 一般公共预算基本支出表 合计 row,
/// total column (the column its header states as the total, else its first column).
fn basic(doc: &Document, out: &mut Collector) {
    let rule = Rule::BudgetCrossBasic;
    let (Some(general), Some(basic)) = (
        table(doc, BudgetTableId::GeneralExpenditure),
        table(doc, BudgetTableId::GeneralBasic),
    ) else {
        return;
    };
    let (general_name, basic_name) = (general.title.as_str(), basic.title.as_str());
    let (BudgetRows::Functional(general), BudgetRows::Economic(basic)) =
        (&general.rows, &basic.rows)
    else {
        return;
    };
    let Some(column) = basic_column(general.columns()) else {
        return;
    };
    let basic_column = row_identity(basic.columns()).map_or(0, |(t, _)| t);
    let (Some(left), Some(right)) = (
        general.total().and_then(|t| t.get(column)),
        basic.total().and_then(|t| t.get(basic_column)),
    ) else {
        return;
    };
    let Some(result) = same(left, right, out) else {
        return;
    };
    let place = || Place {
        table: Some(TableRef::Budget(general_name.to_owned())),
        code: Some(TOTAL_LABEL.to_owned()),
        name: None,
        column: general.columns().get(column).cloned(),
        claim: None,
        ..Place::default()
    };
    let basis = || {
        format!(
            "{basic_name}合计（{}）",
            basic.columns().get(basic_column).map_or("", String::as_str)
        )
    };
    out.check_with(rule, result, place, basis);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{audit, AuditOptions, Severity};
    use crate::disclosure::{Kind, Template};
    use crate::{Amount, EconomicCode, FunctionCode, Unit};

    fn a(s: &str) -> Option<Amount> {
        Some(Amount::parse(s, Unit::TenThousandYuan).unwrap())
    }

    fn budget(tables: Vec<BudgetTable>) -> Document {
        let mut doc = Document::embedded().unwrap().clone();
        doc.meta.kind = Kind::Budget;
        doc.meta.template = Template::Budget;
        doc.meta.tables.clear();
        doc.claims.clear();
        doc.names.clear();
        doc.budget = tables;
        doc
    }

    fn expenditure(item: &str, basic: &str) -> BudgetTable {
        let mut t: Table<FunctionCode> = Table::new("支出总表", ["合计", "基本支出", "项目支出"]);
        let code = |c: &str| c.parse::<FunctionCode>().unwrap();
        t.push(
            code("201"),
            Some("一般公共服务支出"),
            vec![a("10.00"), a("6.00"), a("4.00")],
        )
        .unwrap();
        t.push(
            code("20101"),
            Some("人大事务"),
            vec![a("10.00"), a("6.00"), a("4.00")],
        )
        .unwrap();
        t.push(
            code("2010101"),
            Some("行政运行"),
            vec![a(item), a(basic), a("4.00")],
        )
        .unwrap();
        t.set_total(vec![a("10.00"), a("6.00"), a("4.00")]).unwrap();
        BudgetTable {
            id: BudgetTableId::GeneralExpenditure,
            title: "一般公共预算支出表".into(),
            page: 1,
            rows: BudgetRows::Functional(t),
        }
    }

    fn basic_table(total: &str) -> BudgetTable {
        let mut t: Table<EconomicCode> = Table::new("基本支出表", ["合计", "人员经费", "公用经费"]);
        let code = |c: &str| c.parse::<EconomicCode>().unwrap();
        t.push(
            code("301"),
            Some("工资福利支出"),
            vec![a(total), a(total), None],
        )
        .unwrap();
        t.push(
            code("30101"),
            Some("基本工资"),
            vec![a("6.00"), a("6.00"), None],
        )
        .unwrap();
        t.set_total(vec![a(total), a(total), None]).unwrap();
        BudgetTable {
            id: BudgetTableId::GeneralBasic,
            title: "一般公共预算基本支出表".into(),
            page: 2,
            rows: BudgetRows::Economic(t),
        }
    }

    fn errors(doc: &Document) -> Vec<(Rule, Option<String>, Option<String>)> {
        audit(doc, &AuditOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| {
                assert!(
                    f.message().contains(&format!("[{}]", f.rule)),
                    "{}",
                    f.message()
                );
                (f.rule, f.place.code, f.place.column)
            })
            .collect()
    }

    #[test]
    fn a_consistent_budget_has_no_errors() {
        let doc = budget(vec![expenditure("10.00", "6.00"), basic_table("6.00")]);
        assert_eq!(errors(&doc), []);
    }

    #[test]
    fn hierarchy_and_row_total_fail_where_the_print_is_inconsistent() {
        // 2010101 prints 11.00 = 6.00 + 4.00 (wrong) under a 款 of 10.00.
        let doc = budget(vec![expenditure("11.00", "6.00")]);
        let found = errors(&doc);
        assert!(found.contains(&(
            Rule::BudgetHierarchy,
            Some("20101".into()),
            Some("合计".into())
        )));
        assert!(found.contains(&(
            Rule::BudgetRowTotal,
            Some("2010101".into()),
            Some("合计".into())
        )));
    }

    #[test]
    fn balance_fails_when_the_grand_totals_differ() {
        use crate::disclosure::{SummaryLine, SummaryTable};
        let line = |side, name: &str, v: &str| SummaryLine {
            side,
            line: 0,
            name: name.into(),
            cells: vec![a(v)],
            note: String::new(),
        };
        let summary = |expense: &str| BudgetTable {
            id: BudgetTableId::Summary,
            title: "收支总表".into(),
            page: 1,
            rows: BudgetRows::Summary(SummaryTable {
                columns: vec!["金额".into()],
                lines: vec![
                    line(Side::Income, "收入总计", "10.00"),
                    line(Side::Expense, "支出总计", expense),
                ],
            }),
        };
        assert_eq!(errors(&budget(vec![summary("10.00")])), []);
        assert_eq!(
            errors(&budget(vec![summary("10.01")])),
            [(Rule::BudgetBalance, None, None)]
        );
    }

    #[test]
    fn economic_hierarchy_and_basic_cross_rule_fail_on_a_difference() {
        let doc = budget(vec![expenditure("10.00", "6.00"), basic_table("6.50")]);
        let found = errors(&doc);
        assert!(found.contains(&(
            Rule::BudgetEconomicHierarchy,
            Some("301".into()),
            Some("合计".into())
        )));
        assert!(found.contains(&(
            Rule::BudgetCrossBasic,
            Some("合计".into()),
            Some("基本支出".into())
        )));
    }
}
