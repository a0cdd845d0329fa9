//! Small narratives: ambiguous bindings, topics and parts, and planted errors that the audit
//! must flag.

use super::{audited, small, tokens};
use crate::disclosure::Claim;

fn quotes(claims: &[Claim]) -> Vec<&str> {
    claims.iter().map(|c| c.quote.as_str()).collect()
}

#[test]
fn ambiguous_bindings_yield_warnings() {
    let (claims, _, problems) = small(
        "第三部分 某局 2024 年度部门决算情况说明\n一、说明\n\
         年初预算为 10 万元，完成年初预算的 50%。\n\
         收入合计 100 万元，减少 5 万元，下降 4.8%。\n\
         某某支出 20 万元，占 20%，完成年初预算的 50%。\n\
         (1) 一般公共服务支出（类）不存在的款（款）行政运行（项）年初预算为1.5万元。",
    );
    assert_eq!(quotes(&claims), ["收入合计 100 万元"]);
    let msgs: Vec<String> = problems.iter().map(|p| p.message()).collect();
    assert_eq!(msgs.len(), 4, "{msgs:#?}");
    assert!(msgs[0].contains("年初预算为 10 万元") && msgs[0].contains("未能确定预算数所属对象"));
    assert!(msgs[1].contains("未能确定增减的比较基数"));
    assert!(msgs[2].contains("未能确定金额所属对象"));
    assert!(msgs[3].contains("无法对应科目"));
}

#[test]
fn topics_and_parts() {
    let (claims, _, _) = small(
        "第三部分 某局 2024 年度部门决算情况说明\n五、一般公共预算财政拨款支出决算情况说明\n(三) 具体情况\n\
         2024 年度一般公共预算财政拨款支出年初预算为 100 万元，支出决算为 90 万元，完成年初预算的 90%。其中：基本支出 60 万元，项目支出 30 万元。\n\
         六、附件\n\
         2024 年度本年支出合计 90 万元。其中：基本支出 60 万元，占本年支出 66.67%。2024 年度预算数为 90 万元，执行数为 90 万元，执行率为 100%。",
    );
    let tokens = tokens(&claims);
    let got: Vec<(String, &str, &str, &str)> = claims
        .iter()
        .zip(&tokens)
        .map(|(c, t)| {
            (
                c.section.clone(),
                t.0.as_str(),
                c.measure.token(),
                t.2.as_str(),
            )
        })
        .collect();
    let want = [
        ("五(三)", "gpb_expense", "budget_initial", ""),
        ("五(三)", "gpb_expense", "amount", ""),
        ("五(三)", "gpb_expense", "completion_rate", "budget_initial"),
        ("五(三)", "gpb_basic", "amount", ""),
        ("五(三)", "gpb_project", "amount", ""),
        ("六", "expense_total", "amount", ""),
        ("六", "expense:基本支出", "amount", ""),
        ("六", "expense:基本支出", "share", "expense_total"),
        ("六", "expense_total", "budget_full", ""),
        ("六", "expense_total", "amount", ""),
        ("六", "expense_total", "completion_rate", "budget_full"),
    ];
    let want: Vec<(String, &str, &str, &str)> = want
        .iter()
        .map(|&(s, a, b, c)| (s.to_owned(), a, b, c))
        .collect();
    assert_eq!(got, want);
}

fn id(claims: &[Claim], quote: &str) -> String {
    claims
        .iter()
        .find(|c| c.quote == quote)
        .map(|c| c.id.clone())
        .unwrap_or_default()
}

#[test]
fn planted_errors_are_flagged_by_the_audit() {
    use crate::audit::Severity::{Error, Warning};
    let fixture = include_str!("../../../../tests/fixtures/ingest/narrative/planted.txt");
    let (claims, _, problems) = small(fixture);
    let findings = audited(claims.clone());
    let flagged = |rule: &str, quote: &str, sev| {
        let id = id(&claims, quote);
        // Narrative findings carry their subject's code and name, and quote the claim.
        let quoted = format!(" {id} ");
        findings
            .iter()
            .any(|f| f.rule.as_str() == rule && f.message().contains(&quoted) && f.severity == sev)
    };
    assert!(flagged("n.share", "占本年收入 90.0%", Error));
    assert!(flagged("n.share", "占 70.45%", Error));
    assert!(flagged("n.completion_rate", "完成年初预算的 82.03%", Error));
    assert!(flagged("n.direction", "下降 7.1%", Warning));
    assert!(flagged("n.direction", "支出决算数小于年初预算数", Error));
    assert!(!flagged(
        "n.completion_rate",
        "完成年初预算的104.60%",
        Error
    ));
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

/// A bare 预算数 (决算数大于预算数, 完成预算的 x%) is the budget the section states for the
/// subject: the 年初预算 when only it is printed (上海市普陀区财政局 2024 五(三)1 and 七(一));
/// with both 年初 and 全年 printed, or none, it is the full-year budget; a qualified one keeps
/// its qualifier.
#[test]
fn a_bare_budget_is_the_one_the_section_states() {
    let (claims, _, problems) = small(
        "第三部分 某局 2024 年度部门决算情况说明\n五、一般公共预算财政拨款支出决算情况说明\n(三) 具体情况\n\
         1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为 1560.05 万元，支出决算为 1511.89 万元。决算数大于预算数的主要原因：人员变化。\n\
         2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。年初预算为 0 万元，全年预算为 10.00 万元，支出决算为 9.00 万元。决算数小于预算数。\n\
         3、一般公共服务支出（类）财政事务（款）信息化建设（项）。年初预算为 135.90 万元，支出决算为 135.25 万元。决算数小于全年预算数。\n\
         七、财政拨款“三公”经费支出决算情况说明\n\
         “三公”经费财政拨款支出年初预算为 0.95 万元，支出决算为 0.00 万元，完成预算的 0%。“三公”经费支出决算数小于预算数。",
    );
    assert!(problems.is_empty(), "{problems:#?}");
    let tokens = tokens(&claims);
    let bases: Vec<(&str, &str, &str)> = claims
        .iter()
        .zip(&tokens)
        .filter(|(c, _)| c.value.is_none() || c.measure.token() == "completion_rate")
        .map(|(c, t)| (t.0.as_str(), c.measure.token(), t.2.as_str()))
        .collect();
    assert_eq!(
        bases,
        [
            ("item:2010601", "comparison", "budget_initial"),
            ("item:2010602", "comparison", "budget_full"),
            ("item:2010607", "comparison", "budget_full"),
            ("sangong:total", "completion_rate", "budget_initial"),
            ("sangong:total", "comparison", "budget_initial"),
        ]
    );
}
