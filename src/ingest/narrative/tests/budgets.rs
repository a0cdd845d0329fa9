//! A 部门预算's text read with the budget vocabulary: paragraphs of 无锡市信访局 2025, 西安市
//! 人社局 2020 and 西安市科技局 2022 (tests/fixtures/corpus/yusuan/) and variants.

use super::super::{extract_budget, PrintedNames};
use super::{lines, tokens};
use crate::disclosure::{Claim, Measure};
use crate::finding::Finding;

fn budget(text: &str) -> (Vec<Claim>, Vec<Finding>) {
    let mut problems = Vec::new();
    let (claims, _) = extract_budget(
        &lines(text),
        Some(2025),
        None,
        &PrintedNames::default(),
        &mut problems,
    );
    (claims, problems)
}

/// `subject measure value` of every claim.
fn keys(claims: &[Claim]) -> Vec<String> {
    claims
        .iter()
        .map(|c| {
            let value = c.value.as_deref().unwrap_or("-");
            format!("{} {} {value}", c.subject, c.measure.token())
        })
        .collect()
}

#[test]
fn totals_and_year_on_year_changes_of_a_budget() {
    // 无锡市信访局 2025, p. 22: 与上年相比 sets the base of the change that follows it in the
    // same clause; the totals are the department's.
    let (claims, problems) = budget(
        "一、收支预算总体情况说明
无锡市信访局 2025 年度收入、支出预算总计 2,867.94 万元，与上年相比收、支预算总计各增加 26.21 万元，增长 0.92%。
（一）收入预算总计 2,867.94 万元。包括：
1．本年收入合计 2,867.94 万元。
（1）一般公共预算拨款收入 2,723.94 万元，与上年相比增加26.21 万元，增长 0.97%。",
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        keys(&claims),
        [
            "total amount 2867.94",
            "total change 26.21",
            "total growth_rate 0.92",
            "total amount 2867.94",
            "income_total amount 2867.94",
            "gpb_income amount 2723.94",
            "gpb_income change 26.21",
            "gpb_income growth_rate 0.97",
        ]
    );
    assert!(tokens(&claims)[1..]
        .iter()
        .all(|t| t.2.is_empty() || t.2 == "prior_year"));
}

#[test]
fn a_total_in_a_paragraph_about_fiscal_funds_is_the_fiscal_total() {
    // 西安市人社局 2020, p. 12: the 支出预算总计 after 财政拨款收入预算总计 is 财政拨款's.
    let (claims, _) = budget(
        "（二）财政拨款收支预算总体情况
本部门财政拨款收入预算总计 181807.13 万元，全部为一般公共预算拨款。支出预算总计
181807.13 万元，全部为一般公共预算拨款。",
    );
    assert_eq!(
        keys(&claims),
        [
            "fiscal_total amount 181807.13",
            "fiscal_total amount 181807.13"
        ]
    );
}

#[test]
fn a_budget_names_its_items_with_their_codes() {
    // 西安市科技局 2022, p. 22; a bracketed economic code (301) or a 款 code names no 项.
    let (claims, _) = budget(
        "1.一般行政管理事务（2060102）支出 5.40 万元，比上年减少 4.60 万元。
2.工资福利支出（301）13,650.59 万元。",
    );
    assert_eq!(
        keys(&claims)[..2],
        ["item:2060102 amount 5.40", "item:2060102 change 4.60"]
    );
    assert!(!keys(&claims).iter().any(|k| k.contains("13650.59")));
}

#[test]
fn a_budget_figure_is_the_documents_amount_and_its_execution_is_not() {
    // 预算数为 in a budget is its own figure; 执行数为 is the prior year's, not read as one.
    let (claims, problems) = budget(
        "1.一般行政管理事务（2060102）2025 年预算数为 5.40 万元，2024 年当年预算执行数为 1.48 万元。",
    );
    assert_eq!(keys(&claims), ["item:2060102 amount 5.40"]);
    assert_eq!(claims[0].measure, Measure::Amount);
    assert_eq!(problems.len(), 1, "{problems:#?}");
}
