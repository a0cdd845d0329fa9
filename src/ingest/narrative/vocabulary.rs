//! Vocabulary: what labels, wholes and bases name.

use crate::disclosure::Measure;

/// What a label's number states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// An amount in 万元.
    Amount,
    /// A count (辆, 个, 台).
    Count,
    /// A percentage of the given measure.
    Rate(Measure),
}

/// The subject a label names.
#[derive(Clone, Copy, Debug)]
pub(super) enum Names {
    /// Always the same subject.
    Fixed(&'static str),
    /// 基本支出 (`true`) / 项目支出 (`false`) of the funds the words or the section name
    /// (see [`funds`](super::funds)).
    Spending(bool),
    /// 授予中小企业/小微企业合同金额 of all purchases, unless a kind of purchase the vocabulary
    /// does not name is printed right before it (工程类采购授予中小企业合同金额).
    Awarded(&'static str),
    /// 资金 of a 绩效自评: the projects' funds, or the 部门整体 funds.
    Funds,
    /// 设备 after 单位价值 100 万元以上.
    Equipment,
}

/// The labels the narrative names its indicators with (longest match wins).
pub(super) const LABELS: &[(&str, Kind, Names)] = &[
    (
        "财政拨款收、支总计",
        Kind::Amount,
        Names::Fixed("fiscal_total"),
    ),
    (
        "财政拨款收支总计",
        Kind::Amount,
        Names::Fixed("fiscal_total"),
    ),
    (
        "财政拨款收入支出总计",
        Kind::Amount,
        Names::Fixed("fiscal_total"),
    ),
    ("收入支出总计", Kind::Amount, Names::Fixed("total")),
    ("收、支总计", Kind::Amount, Names::Fixed("total")),
    ("总收入", Kind::Amount, Names::Fixed("total")),
    ("总支出", Kind::Amount, Names::Fixed("total")),
    ("本年收入", Kind::Amount, Names::Fixed("income_total")),
    ("本年支出", Kind::Amount, Names::Fixed("expense_total")),
    ("收支总计", Kind::Amount, Names::Fixed("total")),
    ("本年收入合计", Kind::Amount, Names::Fixed("income_total")),
    ("收入合计", Kind::Amount, Names::Fixed("income_total")),
    ("本年支出合计", Kind::Amount, Names::Fixed("expense_total")),
    ("支出合计", Kind::Amount, Names::Fixed("expense_total")),
    (
        "政府性基金预算财政拨款收入",
        Kind::Amount,
        Names::Fixed("fund_income"),
    ),
    (
        "政府性基金预算财政拨款支出",
        Kind::Amount,
        Names::Fixed("fund_expense"),
    ),
    (
        "国有资本经营预算财政拨款收入",
        Kind::Amount,
        Names::Fixed("soe_income"),
    ),
    (
        "国有资本经营预算财政拨款支出",
        Kind::Amount,
        Names::Fixed("soe_expense"),
    ),
    (
        "一般公共预算财政拨款收入",
        Kind::Amount,
        Names::Fixed("gpb_income"),
    ),
    (
        "一般公共预算财政拨款支出",
        Kind::Amount,
        Names::Fixed("gpb_expense"),
    ),
    (
        "财政拨款收入",
        Kind::Amount,
        Names::Fixed("income:财政拨款收入"),
    ),
    (
        "上级补助收入",
        Kind::Amount,
        Names::Fixed("income:上级补助收入"),
    ),
    ("事业收入", Kind::Amount, Names::Fixed("income:事业收入")),
    ("经营收入", Kind::Amount, Names::Fixed("income:经营收入")),
    (
        "附属单位上缴收入",
        Kind::Amount,
        Names::Fixed("income:附属单位上缴收入"),
    ),
    ("其他收入", Kind::Amount, Names::Fixed("income:其他收入")),
    ("基本支出", Kind::Amount, Names::Spending(true)),
    ("项目支出", Kind::Amount, Names::Spending(false)),
    (
        "上缴上级支出",
        Kind::Amount,
        Names::Fixed("expense:上缴上级支出"),
    ),
    ("经营支出", Kind::Amount, Names::Fixed("expense:经营支出")),
    (
        "对附属单位补助支出",
        Kind::Amount,
        Names::Fixed("expense:对附属单位补助支出"),
    ),
    ("人员经费", Kind::Amount, Names::Fixed("personnel")),
    ("公用经费", Kind::Amount, Names::Fixed("public_funds")),
    ("“三公”经费", Kind::Amount, Names::Fixed("sangong:total")),
    ("\"三公\"经费", Kind::Amount, Names::Fixed("sangong:total")),
    ("三公经费", Kind::Amount, Names::Fixed("sangong:total")),
    (
        "因公出国(境)费",
        Kind::Amount,
        Names::Fixed("sangong:abroad"),
    ),
    (
        "因公出国（境）费",
        Kind::Amount,
        Names::Fixed("sangong:abroad"),
    ),
    (
        "公务用车购置及运行维护费",
        Kind::Amount,
        Names::Fixed("sangong:vehicle"),
    ),
    (
        "公务用车购置及运行费",
        Kind::Amount,
        Names::Fixed("sangong:vehicle"),
    ),
    (
        "公务用车购置费",
        Kind::Amount,
        Names::Fixed("sangong:vehicle_purchase"),
    ),
    (
        "公务用车运行维护费",
        Kind::Amount,
        Names::Fixed("sangong:vehicle_operation"),
    ),
    (
        "公务用车运行费",
        Kind::Amount,
        Names::Fixed("sangong:vehicle_operation"),
    ),
    (
        "公务用车购置支出",
        Kind::Amount,
        Names::Fixed("sangong:vehicle_purchase"),
    ),
    (
        "公务用车运行维护支出",
        Kind::Amount,
        Names::Fixed("sangong:vehicle_operation"),
    ),
    (
        "公务用车运行及维护支出",
        Kind::Amount,
        Names::Fixed("sangong:vehicle_operation"),
    ),
    (
        "公务接待费",
        Kind::Amount,
        Names::Fixed("sangong:reception"),
    ),
    (
        "机关运行经费",
        Kind::Amount,
        Names::Fixed("operating_costs"),
    ),
    (
        "政府采购支出总额",
        Kind::Amount,
        Names::Fixed("procurement:total"),
    ),
    (
        "政府采购金额",
        Kind::Amount,
        Names::Fixed("procurement:total"),
    ),
    (
        "货物采购金额",
        Kind::Amount,
        Names::Fixed("procurement:goods"),
    ),
    (
        "工程采购金额",
        Kind::Amount,
        Names::Fixed("procurement:works"),
    ),
    (
        "服务采购金额",
        Kind::Amount,
        Names::Fixed("procurement:services"),
    ),
    (
        "政府采购货物支出",
        Kind::Amount,
        Names::Fixed("procurement:goods"),
    ),
    (
        "政府采购工程支出",
        Kind::Amount,
        Names::Fixed("procurement:works"),
    ),
    (
        "政府采购服务支出",
        Kind::Amount,
        Names::Fixed("procurement:services"),
    ),
    (
        "授予中小企业合同金额",
        Kind::Amount,
        Names::Awarded("procurement:sme"),
    ),
    (
        "授予小微企业合同金额",
        Kind::Amount,
        Names::Awarded("procurement:small_micro"),
    ),
    (
        "货物采购授予中小企业合同金额",
        Kind::Amount,
        Names::Fixed("procurement:goods_sme_share"),
    ),
    (
        "工程采购授予中小企业合同金额",
        Kind::Amount,
        Names::Fixed("procurement:works_sme_share"),
    ),
    (
        "服务采购授予中小企业合同金额",
        Kind::Amount,
        Names::Fixed("procurement:services_sme_share"),
    ),
    ("资金", Kind::Amount, Names::Funds),
    ("共有车辆", Kind::Count, Names::Fixed("vehicles:total")),
    (
        "公务用车保有量",
        Kind::Count,
        Names::Fixed("sangong:vehicle_count"),
    ),
    (
        "购置(更新)公务用车",
        Kind::Count,
        Names::Fixed("sangong:vehicle_purchase"),
    ),
    (
        "购置（更新）公务用车",
        Kind::Count,
        Names::Fixed("sangong:vehicle_purchase"),
    ),
    (
        "共涉及项目",
        Kind::Count,
        Names::Fixed("performance:projects"),
    ),
    ("设备", Kind::Count, Names::Equipment),
    (
        "预算资金使用率",
        Kind::Rate(Measure::CompletionRate),
        Names::Fixed("performance:budget_use_rate"),
    ),
    (
        "部门预算资金覆盖率",
        Kind::Rate(Measure::Share),
        Names::Fixed("performance:coverage"),
    ),
];

/// The wholes of shares (占本年收入, 占政府采购支出总额的 …), white space removed.
pub(super) const WHOLES: &[(&str, &str)] = &[
    ("本年收入", "income_total"),
    ("本年收入合计", "income_total"),
    ("收入合计", "income_total"),
    ("本年支出", "expense_total"),
    ("本年支出合计", "expense_total"),
    ("支出合计", "expense_total"),
    ("政府采购支出总额", "procurement:total"),
    ("授予中小企业合同金额", "procurement:sme"),
    ("货物支出金额", "procurement:goods"),
    ("工程支出金额", "procurement:works"),
    ("服务支出金额", "procurement:services"),
    ("一般公共预算财政拨款支出", "gpb_expense"),
    ("一般公共预算财政拨款基本支出", "gpb_basic"),
    ("一般公共预算财政拨款项目支出", "gpb_project"),
    ("一般公共预算项目支出总额", "gpb_project"),
];

/// Words after which an amount is the budget a completion rate is computed on (完成预算
/// 0 万元的 0%), with the measure of that budget.
pub(super) const COMPLETION_BUDGETS: &[(&str, Measure)] = &[
    ("完成年初预算", Measure::BudgetInitial),
    ("完成全年预算", Measure::BudgetFull),
    ("完成预算", Measure::BudgetFull),
];

/// Direction words printed before a change or a rate.
pub(super) const DIRECTIONS: &[&str] = &["增加", "减少", "增长", "下降", "上升", "降低"];

/// Comparison words printed between 决算数 and …预算数.
pub(super) const COMPARISONS: &[&str] = &["大于", "小于", "持平", "等于", "高于", "低于", "超过"];

/// Words before an amount that is the subject's current-year figure (支出决算为 …).
pub(super) const AMOUNT_WORDS: &[&str] = &[
    "支出决算数为",
    "支出决算为",
    "决算数为",
    "决算为",
    "执行数为",
];

#[cfg(test)]
mod tests {
    use super::{COMPARISONS, DIRECTIONS};

    /// Every direction or comparison word the extractor records is one the audit reads.
    #[test]
    fn the_audit_understands_every_word_the_extractor_records() {
        for word in DIRECTIONS.iter().chain(COMPARISONS) {
            assert!(crate::disclosure::direction_of(word).is_some(), "{word}");
        }
    }
}
