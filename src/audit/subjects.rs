//! What a narrative claim is about, as a finding names it: the code and name of a 类 or 项,
//! else the indicator's name as the narrative prints it.

use crate::Catalog;

/// Names of the indicators the narrative extractor records (see `ingest::narrative`).
const NAMES: &[(&str, &str)] = &[
    ("total", "收支总计"),
    ("income_total", "本年收入合计"),
    ("expense_total", "本年支出合计"),
    ("fiscal_total", "财政拨款收支总计"),
    ("gpb_income", "一般公共预算财政拨款收入"),
    ("gpb_expense", "一般公共预算财政拨款支出"),
    ("gpb_basic", "一般公共预算财政拨款基本支出"),
    ("fund_income", "政府性基金预算财政拨款收入"),
    ("fund_expense", "政府性基金预算财政拨款支出"),
    ("soe_income", "国有资本经营预算财政拨款收入"),
    ("soe_expense", "国有资本经营预算财政拨款支出"),
    ("performance:fund_funds", "政府性基金预算项目绩效自评资金"),
    ("gpb_project", "一般公共预算财政拨款项目支出"),
    ("fiscal_basic", "财政拨款基本支出"),
    ("fiscal_project", "财政拨款项目支出"),
    ("fund_basic", "政府性基金预算财政拨款基本支出"),
    ("fund_project", "政府性基金预算财政拨款项目支出"),
    ("soe_basic", "国有资本经营预算财政拨款基本支出"),
    ("soe_project", "国有资本经营预算财政拨款项目支出"),
    ("personnel", "人员经费"),
    ("public_funds", "公用经费"),
    ("operating_costs", "机关运行经费"),
    ("sangong:total", "“三公”经费"),
    ("sangong:abroad", "因公出国（境）费"),
    ("sangong:vehicle", "公务用车购置及运行维护费"),
    ("sangong:vehicle_purchase", "公务用车购置费"),
    ("sangong:vehicle_operation", "公务用车运行维护费"),
    ("sangong:reception", "公务接待费"),
    ("sangong:vehicle_count", "公务用车保有量"),
    ("procurement:total", "政府采购支出总额"),
    ("procurement:goods", "政府采购货物支出"),
    ("procurement:works", "政府采购工程支出"),
    ("procurement:services", "政府采购服务支出"),
    ("procurement:sme", "授予中小企业合同金额"),
    ("procurement:small_micro", "授予小微企业合同金额"),
    (
        "procurement:goods_sme_share",
        "货物采购授予中小企业合同金额",
    ),
    (
        "procurement:works_sme_share",
        "工程采购授予中小企业合同金额",
    ),
    (
        "procurement:services_sme_share",
        "服务采购授予中小企业合同金额",
    ),
    ("vehicles:total", "车辆"),
    ("assets:equipment_over_1m", "单位价值100万元以上设备"),
    ("performance:funds", "绩效自评项目资金"),
    ("performance:overall_funds", "部门整体支出绩效自评资金"),
    ("performance:projects", "绩效自评项目"),
    ("performance:budget_use_rate", "预算资金使用率"),
    ("performance:coverage", "部门预算资金覆盖率"),
];

/// Subjects whose rest is the printed name (income:事业收入, vehicles:其他用车 …).
const PRINTED: &[&str] = &["income:", "expense:", "vehicles:", "performance:"];

/// The code and name of a claim's subject: `class:201` and `item:2010601` give the code and
/// its name in the catalog (no name if the catalog lacks it); other subjects give no code
/// and the indicator's name, or the subject itself if it has none.
pub(super) fn code_and_name(
    subject: &str,
    catalog: Option<&Catalog>,
) -> (Option<String>, Option<String>) {
    if let Some(code) = subject
        .strip_prefix("class:")
        .or_else(|| subject.strip_prefix("item:"))
    {
        let name = code
            .parse()
            .ok()
            .and_then(|c| catalog?.functional().name(c))
            .map(str::to_owned);
        return (Some(code.to_owned()), name);
    }
    if let Some((_, name)) = NAMES.iter().find(|(s, _)| *s == subject) {
        return (None, Some((*name).to_owned()));
    }
    let printed = PRINTED.iter().find_map(|p| subject.strip_prefix(p));
    (None, Some(printed.unwrap_or(subject).to_owned()))
}

#[cfg(test)]
mod tests {
    use super::code_and_name;
    use crate::Catalog;

    #[test]
    fn items_and_classes_carry_their_code_and_name() {
        let catalog = Catalog::edition(2024).ok();
        let item = code_and_name("item:2010601", catalog);
        assert_eq!(item, (Some("2010601".into()), Some("行政运行".into())));
        let class = code_and_name("class:208", catalog);
        assert_eq!(
            class,
            (Some("208".into()), Some("社会保障和就业支出".into()))
        );
        assert_eq!(code_and_name("item:2010601", None).1, None);
        assert_eq!(
            code_and_name("sangong:abroad", catalog).1.as_deref(),
            Some("因公出国（境）费")
        );
        assert_eq!(
            code_and_name("income:事业收入", catalog).1.as_deref(),
            Some("事业收入")
        );
    }
}
