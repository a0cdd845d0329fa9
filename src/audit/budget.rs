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
//! - `b.income_total`: in a 收入总表 (coded, by unit or one row), the total equals the sum
//!   of the income sources on every row, 其中 columns left out, by 小计 groups where the
//!   header has them ([`crate::disclosure::income_identities`]).
//! - `b.three_costs`: in a “三公” table, 公务用车购置及运行费 = 购置费 + 运行费, the “三公”
//!   total = 因公出国（境）费 + 公务用车 + 公务接待费, and a 合计 over a “三公” 小计 = it +
//!   会议费 + 培训费, block by block (本年, 上年, 增减) on every row
//!   ([`crate::disclosure::three_costs_identities`]).
//! - `bx.income`: the 收入总表's total (its 合计 row, else its only row) equals the 收支总表's
//!   收入总计 (with the carry-over) or its 本年收入合计 (without), whichever the template
//!   counts; a difference from both is reported against the line the 收入总表's header points
//!   to (收入总计 when it has a 上年结转 column).
//! - `bx.fiscal`: the 财政拨款收支总表's 收入总计 is at most the 收支总表's (fiscal
//!   appropriations are part of all funds).
//!
//! A row identity of a table without codes that fails on most rows (at least three
//! compared) was misread (its header's columns not where the figures are): one warning, no
//! errors.

use super::tables::place;
use super::{Collector, Place, Rule, TableRef};
use crate::check::Table;
use crate::check::{
    compare_cells, Blanks, Blocker, Comparison, Outcome, RawResult, Relation, Verdict, TOTAL_LABEL,
};
use crate::disclosure::{
    basic_column, income_identities, row_identity, three_costs_identities, total_column,
    BudgetLine, BudgetRows, BudgetTable, BudgetTableId, Document, LineTable, Side, SummaryTable,
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
            BudgetRows::Lines(table) => lined(t.id, &t.title, table, out),
            _ => {}
        }
        if let (BudgetTableId::Income, BudgetRows::Functional(table)) = (t.id, &t.rows) {
            for (total, parts) in income_identities(table.columns()) {
                let weighted: Vec<(i32, usize)> = parts.iter().map(|&p| (1, p)).collect();
                let results = table.row_identity_results("row", total, &weighted, out.rounding());
                let basis = names(table.columns(), &parts);
                route(
                    &t.title,
                    table,
                    &Rule::BudgetIncomeTotal,
                    results,
                    &basis,
                    out,
                );
            }
        }
    }
    basic(doc, out);
    income(doc, out);
    fiscal(doc, out);
}

/// `bx.fiscal`: the 收入总计 of the 财政拨款收支总表 is at most the 收入总计 of the 收支总表:
/// the fiscal appropriations (and their carry-over) are part of all the department's funds.
fn fiscal(doc: &Document, out: &mut Collector) {
    let grand_total = |id| {
        let t = table(doc, id)?;
        let BudgetRows::Summary(rows) = &t.rows else {
            return None;
        };
        let cell = rows
            .line(Side::Income, "收入总计")?
            .cells
            .first()?
            .as_ref()?;
        Some((t.title.as_str(), cell))
    };
    let (Some((fiscal_name, fiscal)), Some((summary_name, all))) = (
        grand_total(BudgetTableId::FiscalSummary),
        grand_total(BudgetTableId::Summary),
    ) else {
        return;
    };
    let Some(result) = compare_cells(
        Some(fiscal),
        &[(1, Some(all))],
        Blanks::NotReported,
        Relation::LessOrEqual,
        out.rounding(),
    ) else {
        return;
    };
    let place = || income_total(fiscal_name);
    out.check_with(Rule::BudgetCrossFiscal, result, place, || {
        format!("不超过{summary_name}收入总计")
    });
}

/// The headings of `parts` joined by 「 + 」.
fn names(columns: &[String], parts: &[usize]) -> String {
    let names: Vec<&str> = parts
        .iter()
        .filter_map(|&p| columns.get(p).map(String::as_str))
        .collect();
    names.join(" + ")
}

/// The row identities of a table without codes: `b.income_total` on a 收入总表
/// ([`income_identities`]), `b.three_costs` on a “三公” table ([`three_costs_identities`]).
fn lined(id: BudgetTableId, name: &str, table: &LineTable, out: &mut Collector) {
    let (rule, identities) = match id {
        BudgetTableId::Income => (Rule::BudgetIncomeTotal, income_identities(&table.columns)),
        BudgetTableId::ThreeCosts => (
            Rule::BudgetThreeCosts,
            three_costs_identities(&table.columns),
        ),
        _ => return,
    };
    if !out.on(&rule) {
        return;
    }
    for (total, parts) in identities {
        let results: Vec<_> = table
            .lines
            .iter()
            .filter_map(|line| {
                let cell = |j: usize| line.cells.get(j).and_then(Option::as_ref);
                let weighted: Vec<(i32, Option<&crate::Amount>)> =
                    parts.iter().map(|&p| (1, cell(p))).collect();
                let result = compare_cells(
                    cell(total),
                    &weighted,
                    Blanks::NotReported,
                    Relation::Equal,
                    out.rounding(),
                )?;
                Some((line, result))
            })
            .collect();
        let compared = results.iter().filter_map(|(_, r)| r.as_ref().ok());
        if mostly_failing(compared.map(|c| c.verdict == Verdict::Inconsistent)) {
            let place = place(TableRef::Budget(name.to_owned()), None, None, None);
            let text = format!(
                "表头所示「{}」与其后各列（{}）的关系在多数行不成立，疑似表头各列未能读准，本项校验未执行",
                table.columns.get(total).map_or("", String::as_str),
                names(&table.columns, &parts)
            );
            out.warn(rule.clone(), place, text);
            continue;
        }
        for (line, result) in results {
            let place = || {
                let (code, label) = line_place(line);
                let column = table.columns.get(total).cloned();
                place(TableRef::Budget(name.to_owned()), Some(code), label, column)
            };
            out.check_with(rule.clone(), result, place, || {
                names(&table.columns, &parts)
            });
        }
    }
}

/// Where a finding on a row of a [`LineTable`] points: the unit's code printed before its
/// name (204001), or 合计 for the total row, and the name.
fn line_place(line: &BudgetLine) -> (String, Option<String>) {
    let digits: String = line.name.chars().take_while(char::is_ascii_digit).collect();
    let rest = line.name[digits.len()..].to_owned();
    if !digits.is_empty() {
        (digits, Some(rest).filter(|r| !r.is_empty()))
    } else if line.is_total() || line.name.is_empty() {
        (TOTAL_LABEL.to_owned(), None)
    } else {
        (line.name.clone(), None)
    }
}

/// `bx.income`: the 合计 of the 收入总表 (its total column, on its 合计 row) = the 收支总表's
/// 收入总计 (this year's income and the carry-over) or its 本年收入合计 (this year's income
/// only), whichever the template counts: the check holds when it holds for either line read;
/// when it holds for none, the difference is reported against 收入总计 if the 收入总表 has a
/// column of carried-over funds (上年结转, 上年结余), else against 本年收入合计.
fn income(doc: &Document, out: &mut Collector) {
    let rule = Rule::BudgetCrossIncome;
    let (Some(income), Some(summary)) = (
        table(doc, BudgetTableId::Income),
        table(doc, BudgetTableId::Summary),
    ) else {
        return;
    };
    let BudgetRows::Summary(summary_rows) = &summary.rows else {
        return;
    };
    let columns = income.rows.columns();
    let carried = columns
        .iter()
        .any(|c| c.contains("上年结转") || c.contains("上年结余"));
    let Some(total_column) = total_column(columns) else {
        return;
    };
    let total_row = match &income.rows {
        BudgetRows::Functional(t) => t.total(),
        BudgetRows::Lines(t) => t.total().map(|l| l.cells.as_slice()),
        _ => None,
    };
    let Some(left) = total_row.and_then(|r| r.get(total_column)) else {
        return;
    };
    // The line the header points to first: with a carry-over column, 收入总计.
    let mut lines = ["收入总计", "本年收入合计"];
    if !carried {
        lines.reverse();
    }
    let mut results: Vec<(&str, Result<Comparison, Blocker>)> = lines
        .into_iter()
        .filter_map(|line| {
            let right = summary_rows.line(Side::Income, line)?.cells.first()?;
            Some((line, same(left, right, out)?))
        })
        .collect();
    let holds = |r: &Result<Comparison, Blocker>| {
        r.as_ref().is_ok_and(|c| c.verdict != Verdict::Inconsistent)
    };
    let Some((line, result)) = results
        .iter()
        .position(|(_, r)| holds(r))
        .or((!results.is_empty()).then_some(0))
        .map(|k| results.swap_remove(k))
    else {
        return;
    };
    let place = || {
        let column = columns.get(total_column).cloned();
        place(
            TableRef::Budget(income.title.clone()),
            Some(TOTAL_LABEL.to_owned()),
            None,
            column,
        )
    };
    let basis = || format!("{}{line}", summary.title);
    out.check_with(rule, result, place, basis);
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
            let place = place(TableRef::Budget(name.to_owned()), None, None, None);
            let text = format!(
                "表头所示「{}」与其后各列的关系在多数行不成立，疑似表头分组未能读准（如「基本支出」下分人员经费、公用经费），本表行内校验未执行",
                table.columns().get(total).map_or("", String::as_str)
            );
            out.warn(Rule::BudgetRowTotal, place, text);
            return;
        }
        let basis = names(table.columns(), &parts);
        route(name, table, &Rule::BudgetRowTotal, results, &basis, out);
    }
}

/// Whether a row identity of a coded table fails on most rows (see [`mostly_failing`]).
fn misread<C>(results: &[RawResult<C>]) -> bool {
    mostly_failing(results.iter().filter_map(|r| match &r.outcome {
        Outcome::Compared(c) => Some(c.verdict == Verdict::Inconsistent),
        Outcome::Blocked(_) => None,
    }))
}

/// Whether a row identity fails (`true`) on most of the rows compared, at least three: the
/// header's grouping was misread, not a dozen errors of the document (a document's own
/// errors fail on a few rows).
fn mostly_failing(failed: impl Iterator<Item = bool>) -> bool {
    let (n, failed) = failed.fold((0, 0), |(n, f), bad| (n + 1, f + usize::from(bad)));
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
    let place = || income_total(name);
    out.check_with(rule, result, place, || "支出总计".to_owned());
}

/// The 收入总计 line of the summary table `title` (收支总表, 财政拨款收支总表).
fn income_total(title: &str) -> Place {
    place(
        TableRef::Budget(title.to_owned()),
        None,
        Some("收入总计".to_owned()),
        None,
    )
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
    let place = || {
        let column = general.columns().get(column).cloned();
        place(
            TableRef::Budget(general_name.to_owned()),
            Some(TOTAL_LABEL.to_owned()),
            None,
            column,
        )
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
        let summary = |expense| {
            summary(
                BudgetTableId::Summary,
                &[
                    (Side::Income, "收入总计", "10.00"),
                    (Side::Expense, "支出总计", expense),
                ],
            )
        };
        assert_eq!(errors(&budget(vec![summary("10.00")])), []);
        assert_eq!(
            errors(&budget(vec![summary("10.01")])),
            [(Rule::BudgetBalance, None, None)]
        );
    }

    /// A summary table (收支总表 and its kin) of one amount column: side, name, amount per line.
    fn summary(id: BudgetTableId, lines: &[(Side, &str, &str)]) -> BudgetTable {
        use crate::disclosure::SummaryLine;
        BudgetTable {
            id,
            title: id.label().into(),
            page: 1,
            rows: BudgetRows::Summary(SummaryTable {
                columns: vec!["金额".into()],
                lines: lines
                    .iter()
                    .map(|&(side, name, v)| SummaryLine {
                        side,
                        line: 0,
                        name: name.into(),
                        cells: vec![a(v)],
                        note: String::new(),
                    })
                    .collect(),
            }),
        }
    }

    /// Its grand totals (收入总计, 支出总计), both `total`.
    fn totals(id: BudgetTableId, total: &str) -> BudgetTable {
        summary(
            id,
            &[
                (Side::Income, "收入总计", total),
                (Side::Expense, "支出总计", total),
            ],
        )
    }

    fn lines(id: BudgetTableId, columns: &[&str], rows: &[(&str, &[&str])]) -> BudgetTable {
        let cell = |v: &&str| if v.is_empty() { None } else { a(v) };
        BudgetTable {
            id,
            title: id.label().into(),
            page: 1,
            rows: BudgetRows::Lines(LineTable {
                columns: columns.iter().map(|c| c.to_string()).collect(),
                lines: rows
                    .iter()
                    .map(|(name, cells)| BudgetLine {
                        name: name.to_string(),
                        cells: cells.iter().map(cell).collect(),
                    })
                    .collect(),
            }),
        }
    }

    fn income(unit: &str) -> BudgetTable {
        let columns = [
            "合计",
            "上年结转",
            "一般公共预算拨款收入",
            "事业收入",
            "其中：教育收费",
        ];
        lines(
            BudgetTableId::Income,
            &columns,
            &[
                ("合计", &["10.00", "1.00", "6.00", "3.00", "2.00"]),
                ("121001甲单位", &[unit, "1.00", "6.00", "3.00", "2.00"]),
            ],
        )
    }

    #[test]
    fn income_rows_add_up_their_sources_without_the_of_which_column() {
        assert_eq!(errors(&budget(vec![income("10.00")])), []);
        assert_eq!(
            errors(&budget(vec![income("12.00")])),
            [(
                Rule::BudgetIncomeTotal,
                Some("121001".into()),
                Some("合计".into())
            )]
        );
    }

    #[test]
    fn three_costs_parts_add_up_block_by_block() {
        let columns = [
            "合计",
            "因公出国（境）费",
            "小计",
            "公务用车购置费",
            "公务用车运行费",
            "公务接待费",
        ];
        let table = |car: &str| {
            lines(
                BudgetTableId::ThreeCosts,
                &columns,
                &[("", &["10.00", "4.00", car, "1.00", "3.00", "2.00"])],
            )
        };
        assert_eq!(errors(&budget(vec![table("4.00")])), []);
        // A 公务用车 subtotal of 5.00 over 1.00 + 3.00 breaks both identities it is in.
        let found = errors(&budget(vec![table("5.00")]));
        assert_eq!(
            found,
            [
                (
                    Rule::BudgetThreeCosts,
                    Some("合计".into()),
                    Some("小计".into())
                ),
                (
                    Rule::BudgetThreeCosts,
                    Some("合计".into()),
                    Some("合计".into())
                ),
            ]
        );
    }

    #[test]
    fn income_total_is_the_summary_grand_total_when_it_counts_the_carry_over() {
        let doc = |total| budget(vec![totals(BudgetTableId::Summary, total), income("10.00")]);
        assert_eq!(errors(&doc("10.00")), []);
        assert_eq!(
            errors(&doc("11.00")),
            [(
                Rule::BudgetCrossIncome,
                Some("合计".into()),
                Some("合计".into())
            )]
        );
    }

    #[test]
    fn income_without_carry_over_is_this_years_income_of_the_summary() {
        let summary = summary(
            BudgetTableId::Summary,
            &[
                (Side::Income, "本年收入合计", "9.00"),
                (Side::Income, "收入总计", "10.00"),
            ],
        );
        let income = |total: &str| {
            let columns = ["本年收入合计", "财政拨款收入", "其他收入"];
            lines(
                BudgetTableId::Income,
                &columns,
                &[("", &[total, "6.00", "3.00"])],
            )
        };
        let doc = |total| budget(vec![summary.clone(), income(total)]);
        assert_eq!(errors(&doc("9.00")), []);
        let report = audit(&doc("8.00"), &AuditOptions::default());
        let found: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        let cross = found
            .iter()
            .find(|f| f.rule == Rule::BudgetCrossIncome)
            .unwrap();
        assert!(
            cross.message().contains("本年收入合计（9"),
            "{}",
            cross.message()
        );
    }

    #[test]
    fn fiscal_funds_cannot_exceed_all_funds() {
        let doc = |fiscal| {
            budget(vec![
                totals(BudgetTableId::Summary, "10.00"),
                totals(BudgetTableId::FiscalSummary, fiscal),
            ])
        };
        assert_eq!(errors(&doc("10.00")), []);
        assert_eq!(
            errors(&doc("10.50")),
            [(Rule::BudgetCrossFiscal, None, None)]
        );
    }

    #[test]
    fn a_row_identity_failing_on_most_rows_is_a_misread_header_not_errors() {
        let rows: Vec<(&str, &[&str])> = vec![
            ("1甲", &["9.00", "1.00", "6.00", "3.00", ""]),
            ("2乙", &["9.00", "1.00", "6.00", "3.00", ""]),
            ("3丙", &["9.00", "1.00", "6.00", "3.00", ""]),
        ];
        let columns = [
            "合计",
            "上年结转",
            "一般公共预算拨款收入",
            "事业收入",
            "其他",
        ];
        let doc = budget(vec![lines(BudgetTableId::Income, &columns, &rows)]);
        assert_eq!(errors(&doc), []);
        let report = audit(&doc, &AuditOptions::default());
        assert!(report
            .findings
            .iter()
            .any(|f| f.rule == Rule::BudgetIncomeTotal && f.severity == Severity::Warning));
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
