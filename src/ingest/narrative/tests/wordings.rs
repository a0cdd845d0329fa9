//! Wordings of the standard 部门决算 情况说明 read since the corpus coverage work: totals
//! templates print for different cells (收入总计, 支出总计), wholes named loosely (占总支出的,
//! 占基本支出的, 占比, 比重为), 类 named without （类）, 项 by the code printed after the name,
//! the parts of 公务接待费, text set with a space after each character, and figures of what no
//! table holds (绩效, 预留采购, 国有资产), which are not checkable rather than unread.

use super::{audited, lines, run, small};
use crate::audit::Severity;
use crate::disclosure::Claim;
use crate::finding::Rule;

/// `section subject measure value of` of every claim.
fn keys(claims: &[Claim]) -> Vec<String> {
    claims
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {} {}",
                c.section,
                c.subject,
                c.measure.token(),
                c.value.as_deref().unwrap_or("-"),
                c.of.as_ref().map_or("-".into(), |o| o.to_string())
            )
        })
        .collect()
}

#[test]
fn totals_and_loose_wholes() {
    let (claims, _, problems) = small(
        "一、收入支出决算总体情况说明\n\
         2024年度收入总计1000.00万元，其中本年收入900.00万元，年初结转和结余100.00万元。\n\
         二、一般公共预算财政拨款基本支出决算情况说明\n\
         2024年度一般公共预算财政拨款基本支出700.00万元，其中：人员经费600.00万元，占基本支出的85.71%；公用经费100.00万元，占比14.29%。\n\
         三、一般公共预算财政拨款支出决算情况说明\n\
         一般公共预算财政拨款支出780.00万元，占本年支出合计的比重为82.11%。\n\
         四、财政拨款支出决算情况说明\n\
         2024年度财政拨款支出总计780.00万元，与上年相比持平。\n\
         五、“三公”经费支出决算情况说明\n\
         财政拨款支出800.00万元。“三公”经费财政拨款支出决算为4.40万元。",
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        keys(&claims),
        [
            "一 income_sum amount 1000.00 -",
            "一 income_total amount 900.00 -",
            "一 carry_in amount 100.00 -",
            "二 gpb_basic amount 700.00 -",
            "二 personnel amount 600.00 -",
            "二 personnel share 85.71 gpb_basic",
            "二 public_funds amount 100.00 -",
            "二 public_funds share 14.29 gpb_basic",
            "三 gpb_expense amount 780.00 -",
            "三 gpb_expense share 82.11 expense_total",
            "四 fiscal_expense_sum amount 780.00 -",
            "四 fiscal_expense_sum flat - prior_year",
            "五 fiscal_expense amount 800.00 -",
            "五 sangong:total amount 4.40 -",
        ]
    );
    // 年初结转和结余 restates its line of 公开01表 (the embedded document's is not 100.00).
    let findings = audited(claims);
    assert!(findings
        .iter()
        .any(|f| f.rule == Rule::NarrativeAmount && f.message().contains(" c003 ")));
    // 财政拨款支出 is 公开04表 本年支出合计 (4789.53 in the embedded document).
    assert!(findings
        .iter()
        .any(|f| f.rule == Rule::NarrativeAmount && f.message().contains(" c013 ")));
    // 收入总计 and 财政拨款支出总计 restate no one cell: never compared with a table.
    assert!(!findings
        .iter()
        .any(|f| f.message().contains(" c001 ") || f.message().contains(" c011 ")));
}

/// 项 by the code printed after the name, 类 named without （类） (of the department's spending
/// under a heading about all funds), 保持不变.
#[test]
fn coded_items_and_classes_without_marker() {
    let (claims, _, problems) = small(
        "（一）收入支出决算总表说明\n\
         学校 2024 年度支出总计 500.00 万元，与 2023 年度相比，增加 20.00 万元，增长 4.17%。\
         其中：教育支出增加 20.00 万元，其他支出保持不变。\n\
         （四）财政拨款支出决算表说明\n\
         1.小学教育（2050202），2024 年度决算数为 80.00万元，比 2023 年度决算数增长 8.24%。",
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        keys(&claims),
        [
            "(一) expense_sum amount 500.00 -",
            "(一) expense_sum change 20.00 prior_year",
            "(一) expense_sum growth_rate 4.17 prior_year",
            "(一) department_class:205 change 20.00 prior_year",
            "(一) department_class:229 flat - prior_year",
            "(四)1 item:2050202 amount 80.00 -",
            "(四)1 item:2050202 growth_rate 8.24 prior_year",
        ]
    );
}

/// Without a catalog a 类 name cannot be told: its figure is reported, not bound to the total
/// the sentence stated before.
#[test]
fn an_unknown_name_is_not_the_subject_before() {
    let (claims, _, problems) = run(
        &lines(
            "（一）收入支出决算总表说明\n\
             学校 2024 年度支出总计 500.00 万元，与 2023 年度相比，增加 20.00 万元。\
             其中：教育支出增加 20.00 万元。",
        ),
        None,
    );
    assert_eq!(claims.len(), 2, "{:#?}", keys(&claims));
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].rule, Rule::IngestClaim);
    assert!(problems[0].message().contains("教育支出增加 20.00 万元"));
}

/// 国内公务接待支出 0.39 万（含外宾接待支出 0.00 万元）: 万 alone is 万元, and each part of
/// 公务接待费 is its own subject (no column of 公开09表 holds them).
#[test]
fn parts_of_the_reception_costs() {
    let (claims, _, problems) = small(
        "七、财政拨款“三公”经费支出决算情况说明\n\
         3、公务接待费支出 0.39 万元。其中：\n\
         国内公务接待支出 0.39 万（含外宾接待支出 0.00 万元）；国（境）外公务接待支出0万元。",
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        keys(&claims),
        [
            "七3 sangong:reception amount 0.39 -",
            "七3 sangong:reception_domestic amount 0.39 -",
            "七3 sangong:reception_foreign_guests amount 0.00 -",
            "七3 sangong:reception_abroad amount 0 -",
        ]
    );
    let findings = audited(claims);
    assert!(
        !findings.iter().any(|f| f.rule == Rule::NarrativeRepeat),
        "{findings:#?}"
    );
}

/// Text set with a space after every character reads as the same words; quotes keep the
/// spaces printed.
#[test]
fn spaced_characters() {
    let line =
        "本 年 收 入 合 计 2946.25 万 元 ， 其 中 ：  财 政 拨 款 收 入2940.05 万元，占 99.79%。";
    let (claims, _, problems) = small(&format!("二、收入决算情况说明\n{line}"));
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        keys(&claims),
        [
            "二 income_total amount 2946.25 -",
            "二 income:财政拨款收入 amount 2940.05 -",
            "二 income:财政拨款收入 share 99.79 income_total",
        ]
    );
    for c in &claims {
        assert!(line.contains(c.quote.as_str()), "{}", c.quote);
    }
    assert_eq!(claims[0].quote, "本 年 收 入 合 计 2946.25 万 元");
}

/// Figures of 绩效, of purchases reserved for 中小企业 and of assets are not checkable against
/// any table: `ingest.unchecked`, by the words of the sentence or of the section's heading;
/// other figures that cannot be bound stay `ingest.claim`.
#[test]
fn figures_no_table_holds_are_not_checkable() {
    let (_, _, problems) = small(
        "十、其他重要事项的情况说明\n\
         （一）政府采购支出情况\n\
         2024年度本部门面向中小企业预留政府采购项目预算金额246.47万元。\n\
         2024年度本部门政府采购合同金额50.00万元。\n\
         （二）预算绩效管理情况\n\
         编报绩效目标的2024年度项目4个，涉及预算金额598.42万元。\n\
         全年预算数 0 万元，执行数 0万元。\n\
         （三）其他\n\
         2024年度本部门资产总额1200.00万元。",
    );
    let got: Vec<(Rule, Severity, bool)> = problems
        .iter()
        .map(|p| (p.rule.clone(), p.severity, p.message().contains("不可核对")))
        .collect();
    use Rule::{IngestClaim as Unread, IngestUnchecked as Unchecked};
    let w = Severity::Warning;
    assert_eq!(
        got,
        [
            (Unchecked, w, true),
            (Unread, w, false),
            (Unchecked, w, true),
            (Unchecked, w, true),
            (Unchecked, w, true),
        ],
        "{problems:#?}"
    );
    assert!(problems[0].message().contains("面向中小企业预留的政府采购"));
    assert!(
        problems[3].message().contains("预算绩效管理"),
        "by the heading"
    );
    assert!(problems[4].message().contains("国有资产"));
}
