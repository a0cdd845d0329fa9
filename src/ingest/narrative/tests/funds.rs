//! Whose money a 基本支出/项目支出 is (the department's, 财政拨款 of every budget, or of one
//! budget), and 中小企业 shares of one kind of purchase: paragraphs of 西南大学 2024 决算
//! (tests/fixtures/corpus/chongqing-swu-university-2024.pdf, pp. 14–16) and variants.

use super::{audited, small, tokens};
use crate::audit::Severity;
use crate::disclosure::Claim;

/// `section subject measure value` of every claim.
fn keys(claims: &[Claim]) -> Vec<String> {
    claims
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {}",
                c.section,
                c.subject,
                c.measure.token(),
                c.value.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

/// 西南大学 2024 三(三) and 三(四): the 基本/项目支出 of 表3 (all funds) and of 表4 (财政拨款 of
/// every budget), which the section heading and the total before 其中 name.
const SWU: &str = "三、决算报表说明
（三）高等学校支出决算表说明
学校 2024 年度各项支出总计 481,483.46 万元，其中：
基本支出 367,180.56 万元，占总支出的 76.26%；项目支出
114,302.90 万元，占总支出的 23.74%。
（四）高等学校财政拨款支出决算表说明
学校 2024 年度财政拨款支出总计为 266,783.56 万元，
其中：基本支出 209,899.51 万元，占总支出的 78.68%；项目
支出 56,884.05 万元，占总支出的 21.32%。";

#[test]
fn the_fiscal_spending_of_every_budget_is_not_the_departments() {
    let (claims, _, _) = small(SWU);
    assert_eq!(
        keys(&claims),
        [
            "三(三) expense_sum amount 481483.46",
            "三(三) expense:基本支出 amount 367180.56",
            "三(三) expense:基本支出 share 76.26",
            "三(三) expense:项目支出 amount 114302.90",
            "三(三) expense:项目支出 share 23.74",
            "三(四) fiscal_expense_sum amount 266783.56",
            "三(四) fiscal_basic amount 209899.51",
            "三(四) fiscal_basic share 78.68",
            "三(四) fiscal_project amount 56884.05",
            "三(四) fiscal_project share 21.32",
        ]
    );
    // 占总支出的 is a share of the total the sentence states before 其中 (支出总计, 财政拨款
    // 支出总计): each share is checked against it.
    assert_eq!(
        claims[2].of.as_ref().map(|o| o.to_string()).as_deref(),
        Some("expense_sum")
    );
    assert_eq!(
        claims[7].of.as_ref().map(|o| o.to_string()).as_deref(),
        Some("fiscal_expense_sum")
    );
    // No table of the nine holds the 财政拨款 parts, nor 支出总计 (本年支出合计 here, the 总计
    // elsewhere): not compared with 公开03表 (the embedded document's 合计 基本支出 is 4082.71),
    // nor with anything else.
    let findings = audited(claims);
    let on = |id: &str| {
        findings
            .iter()
            .filter(|f| f.message().contains(&format!(" {id} ")))
            .count()
    };
    assert_eq!(
        (on("c001"), on("c006"), on("c007"), on("c009")),
        (0, 0, 0, 0),
        "{findings:#?}"
    );
    assert!(findings
        .iter()
        .any(|f| f.rule.as_str() == "n.amount" && f.message().contains(" c002 ")));
    assert!(
        findings.iter().all(|f| f.rule.as_str() != "n.share"),
        "{findings:#?}"
    );
}

/// A share of 占总支出的 whose sentence states no total is of the total its section states
/// first; a wrong one is found.
#[test]
fn a_vague_whole_is_the_total_the_passage_states() {
    let (claims, _, _) = small(
        "（三）高等学校支出决算表说明\n学校 2024 年度各项支出总计 200.00 万元。\n\
         按照支出功能科目划分，教育支出 150.00 万元，占总支出的 75.00%；其他支出 50.00 万元，\
         占总支出的 20.00%。",
    );
    let shares: Vec<String> = keys(&claims)
        .into_iter()
        .filter(|k| k.contains(" share "))
        .collect();
    assert_eq!(
        shares,
        [
            "(三) department_class:205 share 75.00",
            "(三) department_class:229 share 20.00"
        ]
    );
    let findings = audited(claims);
    let wrong: Vec<String> = findings
        .iter()
        .filter(|f| f.rule.as_str() == "n.share" && f.severity == Severity::Error)
        .map(|f| f.message())
        .collect();
    assert_eq!(wrong.len(), 1, "{wrong:#?}");
    assert!(wrong[0].contains("20.00"), "{}", wrong[0]);
}

/// The heading alone says whose money it is, when the sentence does not; a heading that
/// names no table (（一）其他说明) keeps the enclosing section's.
#[test]
fn the_section_heading_names_the_funds() {
    let (claims, _, _) = small(
        "（四）高等学校财政拨款支出决算表说明\n基本支出 10.00 万元，项目支出 5.00 万元。\n\
         五、一般公共预算财政拨款支出决算情况说明\n（一）其他说明\n基本支出 8.00 万元。\n\
         六、政府性基金预算财政拨款收入支出决算情况说明\n其中：基本支出 0 万元，项目支出 3.00 万元。\n\
         七、国有资本经营预算财政拨款支出决算情况说明\n项目支出 1.00 万元。\n\
         八、支出决算情况说明\n基本支出 12.00 万元。",
    );
    assert_eq!(
        keys(&claims),
        [
            "(四) fiscal_basic amount 10.00",
            "(四) fiscal_project amount 5.00",
            "五(一) gpb_basic amount 8.00",
            "六 fund_basic amount 0",
            "六 fund_project amount 3.00",
            "七 soe_project amount 1.00",
            "八 expense:基本支出 amount 12.00",
        ]
    );
}

/// The words beside the label come before the heading: a qualifier right before it, then
/// the total before 其中, then what the paragraph is about.
#[test]
fn the_words_come_before_the_heading() {
    let (claims, _, _) = small(
        "一、收入支出决算总体情况说明\n\
         财政拨款基本支出 4.00 万元，一般公共预算财政拨款项目支出 3.00 万元。\n\
         财政拨款支出总计为 9.00 万元，其中基本支出 6.00 万元。\n\
         本年支出合计 20.00 万元，其中：基本支出 12.00 万元。\n\
         一般公共预算财政拨款支出 8.00 万元。其中：基本支出 5.00 万元。\n\
         二、一般公共预算财政拨款支出决算情况说明\n\
         财政拨款支出总计为 9.00 万元，其中基本支出 6.00 万元。",
    );
    assert_eq!(
        keys(&claims),
        [
            "一 fiscal_basic amount 4.00",
            "一 gpb_project amount 3.00",
            "一 fiscal_expense_sum amount 9.00",
            "一 fiscal_basic amount 6.00",
            "一 expense_total amount 20.00",
            "一 expense:基本支出 amount 12.00",
            "一 gpb_expense amount 8.00",
            "一 gpb_basic amount 5.00",
            "二 fiscal_expense_sum amount 9.00",
            "二 fiscal_basic amount 6.00",
        ]
    );
}

/// A 政府性基金 基本支出 restates 公开07表 (empty in the embedded document: a non-zero amount
/// contradicts its blank cell, 0 does not).
#[test]
fn a_fund_budgets_spending_restates_its_own_table() {
    let (claims, _, _) = small(
        "七、政府性基金预算财政拨款收入支出决算情况说明\n\
         政府性基金预算财政拨款支出 3.00 万元，其中：基本支出 3.00 万元，项目支出 0 万元。",
    );
    let findings = audited(claims);
    let amount: Vec<_> = findings
        .iter()
        .filter(|f| f.rule.as_str() == "n.amount")
        .collect();
    assert_eq!(amount.len(), 1, "{amount:#?}");
    assert!(
        amount[0].message().contains("公开07表"),
        "{}",
        amount[0].message()
    );
    assert!(
        amount[0].message().contains("基本支出 3.00"),
        "{}",
        amount[0].message()
    );
}

/// 西南大学 2024 三(五): 「工程采购授予中小企业合同金额占工程支出金额的 100%」 states no amount
/// of its part; it is not 授予中小企业合同金额 (all purchases) ÷ 工程支出. Only the 60.02% is
/// wrong (7,295.12 / 12,127.08 = 60.16%).
#[test]
fn shares_of_one_kind_of_purchase_are_not_of_all_purchases() {
    let text = "（五）其他说明
学校 2024 年度政府采购支出总额 15,346.40 万元，其中：
政府采购货物支出 5,510.39 万元，政府采购工程支出 9,069.87
万元，政府采购服务支出 766.15 万元。授予中小企业合同金
额 12,127.08 万元，占政府采购支出总额的 79.02%，其中：
授予小微企业合同金额 7,295.12 万元，占授予中小企业合同
金额的 60.02% ；货物采购授予中小企业合同金额占货物支
出金额的 55.48%，工程采购授予中小企业合同金额占工程支
出金额的 100%。";
    let (claims, _, problems) = small(text);
    assert!(problems.is_empty(), "{problems:#?}");
    let tokens = tokens(&claims);
    let shares: Vec<_> = claims
        .iter()
        .zip(&tokens)
        .filter(|(c, _)| c.measure.token() == "share")
        .map(|(_, t)| (t.0.as_str(), t.2.as_str()))
        .collect();
    assert_eq!(
        shares,
        [
            ("procurement:sme", "procurement:total"),
            ("procurement:small_micro", "procurement:sme"),
            ("procurement:goods_sme_share", "procurement:goods"),
            ("procurement:works_sme_share", "procurement:works"),
        ]
    );
    let errors: Vec<_> = audited(claims)
        .into_iter()
        .filter(|f| f.severity == Severity::Error && f.rule.as_str().starts_with("n."))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message().contains("60.02"),
        "{}",
        errors[0].message()
    );
}

/// A kind of purchase the vocabulary does not name (工程类采购) is not all purchases either:
/// the share is left unbound, with a warning.
#[test]
fn an_unknown_kind_of_purchase_is_left_unbound() {
    let (claims, _, problems) = small(
        "（五）其他说明\n授予中小企业合同金额 12,127.08 万元，占政府采购支出总额的 79.02%；\
         工程类采购授予中小企业合同金额占工程支出金额的 100%。",
    );
    assert!(!claims.iter().any(|c| c.value.as_deref() == Some("100")));
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message().contains("工程类采购"));
    // 政府采购授予中小企业合同金额 is the award of all purchases.
    for text in [
        "政府采购授予中小企业合同金额 12.00 万元。",
        "本单位采购授予中小企业合同金额 12.00 万元。",
    ] {
        let (claims, _, _) = small(text);
        assert_eq!(keys(&claims), [" procurement:sme amount 12.00"], "{text}");
    }
}

/// Which headings set the funds of their section.
#[test]
fn headings_that_name_a_table() {
    use crate::ingest::narrative::funds::{of_heading, Funds};
    for (heading, funds) in [
        ("高等学校财政拨款支出决算表说明", Some(Funds::Fiscal)),
        ("高等学校支出决算表说明", Some(Funds::Department)),
        ("决算报表说明", Some(Funds::Department)),
        (
            "一般公共预算财政拨款支出决算总体情况",
            Some(Funds::GeneralBudget),
        ),
        ("2019 年度财政拨款收入支出总表说明", Some(Funds::Fiscal)),
        (
            "国有资本经营预算财政拨款收入支出决算情况说明",
            Some(Funds::StateCapitalBudget),
        ),
        // No table named: 其他说明, 机关运行经费支出说明, 2019 年度财政拨款支出说明.
        ("其他说明", None),
        ("机关运行经费支出说明", None),
        ("2019 年度财政拨款支出说明", None),
        // A sentence is no heading.
        (
            "本部门无政府性基金预算财政拨款支出，故决算表无数据的情况说明",
            None,
        ),
    ] {
        assert_eq!(of_heading(heading), funds, "{heading}");
    }
}
