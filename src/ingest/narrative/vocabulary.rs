//! Vocabulary: what labels, wholes and bases name.

use crate::disclosure::{Indicator, Measure};
use Indicator as I;

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
    Fixed(Indicator),
    /// The same subject, unless the label follows another one directly and so qualifies it
    /// (“三公”经费财政拨款支出 is the 三公's, not all 财政拨款支出).
    Unqualified(Indicator),
    /// 基本支出 (`true`) / 项目支出 (`false`) of the funds the words or the section name
    /// (see [`funds`](super::funds)).
    Spending(bool),
    /// 授予中小企业/小微企业合同金额 of all purchases, unless a kind of purchase the vocabulary
    /// does not name is printed right before it (工程类采购授予中小企业合同金额).
    Awarded(Indicator),
    /// 资金 of a 绩效自评: the projects' funds, or the 部门整体 funds.
    Funds,
    /// 设备 after 单位价值 100 万元以上.
    Equipment,
    /// A budget's 收支总计 (收入预算总计, 支出预算总计 …) of the funds the words or the
    /// section name: the department's ([`Indicator::Total`]) or 财政拨款's
    /// ([`Indicator::FiscalTotal`]).
    Totals,
}

/// The labels the narrative names its indicators with (longest match wins).
pub(super) const LABELS: &[(&str, Kind, Names)] = &[
    (
        "财政拨款收、支总计",
        Kind::Amount,
        Names::Fixed(I::FiscalTotal),
    ),
    (
        "财政拨款收支总计",
        Kind::Amount,
        Names::Fixed(I::FiscalTotal),
    ),
    (
        "财政拨款收入支出总计",
        Kind::Amount,
        Names::Fixed(I::FiscalTotal),
    ),
    ("收入支出总计", Kind::Amount, Names::Fixed(I::Total)),
    ("收入总计", Kind::Amount, Names::Fixed(I::IncomeSum)),
    ("年初结转和结余", Kind::Amount, Names::Fixed(I::CarryIn)),
    ("上年结转和结余", Kind::Amount, Names::Fixed(I::CarryIn)),
    ("年末结转和结余", Kind::Amount, Names::Fixed(I::CarryOut)),
    ("支出总计", Kind::Amount, Names::Fixed(I::ExpenseSum)),
    (
        "财政拨款支出总计",
        Kind::Amount,
        Names::Fixed(I::FiscalExpenseSum),
    ),
    (
        "财政拨款支出",
        Kind::Amount,
        Names::Unqualified(I::FiscalExpense),
    ),
    ("收、支总计", Kind::Amount, Names::Fixed(I::Total)),
    ("总收入", Kind::Amount, Names::Fixed(I::Total)),
    ("总支出", Kind::Amount, Names::Fixed(I::Total)),
    ("本年收入", Kind::Amount, Names::Fixed(I::IncomeTotal)),
    ("本年支出", Kind::Amount, Names::Fixed(I::ExpenseTotal)),
    ("收支总计", Kind::Amount, Names::Fixed(I::Total)),
    ("本年收入合计", Kind::Amount, Names::Fixed(I::IncomeTotal)),
    ("收入合计", Kind::Amount, Names::Fixed(I::IncomeTotal)),
    ("本年支出合计", Kind::Amount, Names::Fixed(I::ExpenseTotal)),
    ("支出合计", Kind::Amount, Names::Fixed(I::ExpenseTotal)),
    (
        "政府性基金预算财政拨款收入",
        Kind::Amount,
        Names::Fixed(I::FundIncome),
    ),
    (
        "政府性基金预算财政拨款支出",
        Kind::Amount,
        Names::Fixed(I::FundExpense),
    ),
    (
        "国有资本经营预算财政拨款收入",
        Kind::Amount,
        Names::Fixed(I::SoeIncome),
    ),
    (
        "国有资本经营预算财政拨款支出",
        Kind::Amount,
        Names::Fixed(I::SoeExpense),
    ),
    (
        "一般公共预算财政拨款收入",
        Kind::Amount,
        Names::Fixed(I::GpbIncome),
    ),
    (
        "一般公共预算财政拨款支出",
        Kind::Amount,
        Names::Fixed(I::GpbExpense),
    ),
    ("财政拨款收入", Kind::Amount, Names::Fixed(I::IncomeFiscal)),
    (
        "上级补助收入",
        Kind::Amount,
        Names::Fixed(I::IncomeSuperior),
    ),
    ("事业收入", Kind::Amount, Names::Fixed(I::IncomeOperations)),
    ("经营收入", Kind::Amount, Names::Fixed(I::IncomeBusiness)),
    (
        "附属单位上缴收入",
        Kind::Amount,
        Names::Fixed(I::IncomeAffiliates),
    ),
    ("其他收入", Kind::Amount, Names::Fixed(I::IncomeOther)),
    ("基本支出", Kind::Amount, Names::Spending(true)),
    ("项目支出", Kind::Amount, Names::Spending(false)),
    (
        "上缴上级支出",
        Kind::Amount,
        Names::Fixed(I::ExpenseToSuperior),
    ),
    ("经营支出", Kind::Amount, Names::Fixed(I::ExpenseBusiness)),
    (
        "对附属单位补助支出",
        Kind::Amount,
        Names::Fixed(I::ExpenseToAffiliates),
    ),
    ("人员经费", Kind::Amount, Names::Fixed(I::Personnel)),
    ("公用经费", Kind::Amount, Names::Fixed(I::PublicFunds)),
    ("“三公”经费", Kind::Amount, Names::Fixed(I::SangongTotal)),
    ("\"三公\"经费", Kind::Amount, Names::Fixed(I::SangongTotal)),
    ("三公经费", Kind::Amount, Names::Fixed(I::SangongTotal)),
    (
        "因公出国(境)费",
        Kind::Amount,
        Names::Fixed(I::SangongAbroad),
    ),
    (
        "因公出国（境）费",
        Kind::Amount,
        Names::Fixed(I::SangongAbroad),
    ),
    (
        "公务用车购置及运行维护费",
        Kind::Amount,
        Names::Fixed(I::SangongVehicle),
    ),
    (
        "公务用车购置及运行费",
        Kind::Amount,
        Names::Fixed(I::SangongVehicle),
    ),
    (
        "公务用车购置费",
        Kind::Amount,
        Names::Fixed(I::SangongVehiclePurchase),
    ),
    (
        "公务用车运行维护费",
        Kind::Amount,
        Names::Fixed(I::SangongVehicleOperation),
    ),
    (
        "公务用车运行费",
        Kind::Amount,
        Names::Fixed(I::SangongVehicleOperation),
    ),
    (
        "公务用车购置支出",
        Kind::Amount,
        Names::Fixed(I::SangongVehiclePurchase),
    ),
    (
        "公务用车运行维护支出",
        Kind::Amount,
        Names::Fixed(I::SangongVehicleOperation),
    ),
    (
        "公务用车运行及维护支出",
        Kind::Amount,
        Names::Fixed(I::SangongVehicleOperation),
    ),
    (
        "公务接待费",
        Kind::Amount,
        Names::Fixed(I::SangongReception),
    ),
    (
        "国内公务接待费",
        Kind::Amount,
        Names::Fixed(I::SangongReceptionDomestic),
    ),
    (
        "国内公务接待支出",
        Kind::Amount,
        Names::Fixed(I::SangongReceptionDomestic),
    ),
    (
        "国（境）外公务接待费",
        Kind::Amount,
        Names::Fixed(I::SangongReceptionAbroad),
    ),
    (
        "国（境）外公务接待支出",
        Kind::Amount,
        Names::Fixed(I::SangongReceptionAbroad),
    ),
    (
        "国(境)外公务接待费",
        Kind::Amount,
        Names::Fixed(I::SangongReceptionAbroad),
    ),
    (
        "国(境)外公务接待支出",
        Kind::Amount,
        Names::Fixed(I::SangongReceptionAbroad),
    ),
    (
        "外宾接待费",
        Kind::Amount,
        Names::Fixed(I::SangongReceptionForeignGuests),
    ),
    (
        "外宾接待支出",
        Kind::Amount,
        Names::Fixed(I::SangongReceptionForeignGuests),
    ),
    (
        "外事接待费",
        Kind::Amount,
        Names::Fixed(I::SangongReceptionForeignGuests),
    ),
    (
        "外事接待支出",
        Kind::Amount,
        Names::Fixed(I::SangongReceptionForeignGuests),
    ),
    (
        "机关运行经费",
        Kind::Amount,
        Names::Fixed(I::OperatingCosts),
    ),
    (
        "政府采购支出总额",
        Kind::Amount,
        Names::Fixed(I::ProcurementTotal),
    ),
    (
        "政府采购金额",
        Kind::Amount,
        Names::Fixed(I::ProcurementTotal),
    ),
    (
        "货物采购金额",
        Kind::Amount,
        Names::Fixed(I::ProcurementGoods),
    ),
    (
        "工程采购金额",
        Kind::Amount,
        Names::Fixed(I::ProcurementWorks),
    ),
    (
        "服务采购金额",
        Kind::Amount,
        Names::Fixed(I::ProcurementServices),
    ),
    (
        "政府采购货物支出",
        Kind::Amount,
        Names::Fixed(I::ProcurementGoods),
    ),
    (
        "政府采购工程支出",
        Kind::Amount,
        Names::Fixed(I::ProcurementWorks),
    ),
    (
        "政府采购服务支出",
        Kind::Amount,
        Names::Fixed(I::ProcurementServices),
    ),
    (
        "授予中小企业合同金额",
        Kind::Amount,
        Names::Awarded(I::ProcurementSme),
    ),
    (
        "授予小微企业合同金额",
        Kind::Amount,
        Names::Awarded(I::ProcurementSmallMicro),
    ),
    (
        "货物采购授予中小企业合同金额",
        Kind::Amount,
        Names::Fixed(I::ProcurementGoodsSme),
    ),
    (
        "工程采购授予中小企业合同金额",
        Kind::Amount,
        Names::Fixed(I::ProcurementWorksSme),
    ),
    (
        "服务采购授予中小企业合同金额",
        Kind::Amount,
        Names::Fixed(I::ProcurementServicesSme),
    ),
    ("资金", Kind::Amount, Names::Funds),
    ("共有车辆", Kind::Count, Names::Fixed(I::VehiclesTotal)),
    (
        "公务用车保有量",
        Kind::Count,
        Names::Fixed(I::SangongVehicleCount),
    ),
    (
        "购置(更新)公务用车",
        Kind::Count,
        Names::Fixed(I::SangongVehiclePurchase),
    ),
    (
        "购置（更新）公务用车",
        Kind::Count,
        Names::Fixed(I::SangongVehiclePurchase),
    ),
    (
        "共涉及项目",
        Kind::Count,
        Names::Fixed(I::PerformanceProjects),
    ),
    ("设备", Kind::Count, Names::Equipment),
    (
        "预算资金使用率",
        Kind::Rate(Measure::CompletionRate),
        Names::Fixed(I::PerformanceBudgetUseRate),
    ),
    (
        "部门预算资金覆盖率",
        Kind::Rate(Measure::Share),
        Names::Fixed(I::PerformanceCoverage),
    ),
];

/// The labels a 部门预算 names its figures with, besides [`LABELS`] (longest match wins
/// over both): its totals (收支总预算, 收入预算总计, 支出预算总计 …) and sources (上年结转 …).
pub(super) const BUDGET_LABELS: &[(&str, Kind, Names)] = &[
    ("收支总预算", Kind::Amount, Names::Totals),
    ("收支预算总计", Kind::Amount, Names::Totals),
    ("收入、支出预算总计", Kind::Amount, Names::Totals),
    ("收支预算总额", Kind::Amount, Names::Totals),
    ("收入预算总计", Kind::Amount, Names::Totals),
    ("支出预算总计", Kind::Amount, Names::Totals),
    ("收入预算总额", Kind::Amount, Names::Totals),
    ("支出预算总额", Kind::Amount, Names::Totals),
    ("收入预算合计", Kind::Amount, Names::Totals),
    ("支出预算合计", Kind::Amount, Names::Totals),
    ("本年收入预算", Kind::Amount, Names::Fixed(I::IncomeTotal)),
    ("本年支出预算", Kind::Amount, Names::Fixed(I::ExpenseTotal)),
    (
        "财政拨款收支总预算",
        Kind::Amount,
        Names::Fixed(I::FiscalTotal),
    ),
    (
        "财政拨款收、支总预算",
        Kind::Amount,
        Names::Fixed(I::FiscalTotal),
    ),
    (
        "财政拨款收入预算总计",
        Kind::Amount,
        Names::Fixed(I::FiscalTotal),
    ),
    (
        "财政拨款支出预算总计",
        Kind::Amount,
        Names::Fixed(I::FiscalTotal),
    ),
    (
        "财政拨款收支预算总计",
        Kind::Amount,
        Names::Fixed(I::FiscalTotal),
    ),
    (
        "财政拨款收入支出预算总计",
        Kind::Amount,
        Names::Fixed(I::FiscalTotal),
    ),
    (
        "一般公共预算拨款收入",
        Kind::Amount,
        Names::Fixed(I::GpbIncome),
    ),
    (
        "一般公共预算当年拨款收入",
        Kind::Amount,
        Names::Fixed(I::GpbIncome),
    ),
    (
        "一般公共预算支出",
        Kind::Amount,
        Names::Fixed(I::GpbExpense),
    ),
    (
        "一般公共预算拨款支出",
        Kind::Amount,
        Names::Fixed(I::GpbExpense),
    ),
    (
        "政府性基金预算拨款收入",
        Kind::Amount,
        Names::Fixed(I::FundIncome),
    ),
    (
        "国有资本经营预算拨款收入",
        Kind::Amount,
        Names::Fixed(I::SoeIncome),
    ),
    ("上年结转", Kind::Amount, Names::Fixed(I::IncomeCarryover)),
    (
        "上年结转结余",
        Kind::Amount,
        Names::Fixed(I::IncomeCarryover),
    ),
    (
        "政府采购预算",
        Kind::Amount,
        Names::Fixed(I::ProcurementTotal),
    ),
    (
        "政府采购预算总额",
        Kind::Amount,
        Names::Fixed(I::ProcurementTotal),
    ),
    (
        "政府采购支出预算",
        Kind::Amount,
        Names::Fixed(I::ProcurementTotal),
    ),
    (
        "政府采购支出预算总额",
        Kind::Amount,
        Names::Fixed(I::ProcurementTotal),
    ),
    (
        "本年一般公共预算收入",
        Kind::Amount,
        Names::Fixed(I::GpbIncome),
    ),
    (
        "本年政府性基金预算收入",
        Kind::Amount,
        Names::Fixed(I::FundIncome),
    ),
    (
        "本年国有资本经营预算收入",
        Kind::Amount,
        Names::Fixed(I::SoeIncome),
    ),
    (
        "政府性基金预算支出",
        Kind::Amount,
        Names::Fixed(I::FundExpense),
    ),
    (
        "国有资本经营预算支出",
        Kind::Amount,
        Names::Fixed(I::SoeExpense),
    ),
    ("部门预算收入", Kind::Amount, Names::Fixed(I::IncomeTotal)),
    ("部门预算支出", Kind::Amount, Names::Fixed(I::ExpenseTotal)),
    (
        "政府采购货物预算",
        Kind::Amount,
        Names::Fixed(I::ProcurementGoods),
    ),
    (
        "政府采购工程预算",
        Kind::Amount,
        Names::Fixed(I::ProcurementWorks),
    ),
    (
        "政府采购服务预算",
        Kind::Amount,
        Names::Fixed(I::ProcurementServices),
    ),
    (
        "政府采购货物类预算",
        Kind::Amount,
        Names::Fixed(I::ProcurementGoods),
    ),
    (
        "政府采购工程类预算",
        Kind::Amount,
        Names::Fixed(I::ProcurementWorks),
    ),
    (
        "政府采购服务类预算",
        Kind::Amount,
        Names::Fixed(I::ProcurementServices),
    ),
];

/// The wholes of shares (占本年收入, 占政府采购支出总额的 …), white space removed.
pub(super) const WHOLES: &[(&str, Indicator)] = &[
    ("本年收入", I::IncomeTotal),
    ("本年收入合计", I::IncomeTotal),
    ("收入合计", I::IncomeTotal),
    ("本年支出", I::ExpenseTotal),
    ("本年支出合计", I::ExpenseTotal),
    ("支出合计", I::ExpenseTotal),
    ("政府采购支出总额", I::ProcurementTotal),
    ("授予中小企业合同金额", I::ProcurementSme),
    ("货物支出金额", I::ProcurementGoods),
    ("工程支出金额", I::ProcurementWorks),
    ("服务支出金额", I::ProcurementServices),
    ("一般公共预算财政拨款支出", I::GpbExpense),
    ("一般公共预算财政拨款基本支出", I::GpbBasic),
    ("一般公共预算财政拨款项目支出", I::GpbProject),
    ("一般公共预算项目支出总额", I::GpbProject),
];

/// The wholes of a 部门预算's shares besides [`WHOLES`] (占“三公”经费的 …).
pub(super) const BUDGET_WHOLES: &[(&str, Indicator)] = &[
    ("“三公”经费", I::SangongTotal),
    ("\"三公\"经费", I::SangongTotal),
    ("三公经费", I::SangongTotal),
    ("“三公”经费预算", I::SangongTotal),
];

/// Wholes that name no one total (占收入总额, 占总支出的): the total the sentence or its
/// section states on that side (`true` income, `false` expense), else 本年收入合计 /
/// 本年支出合计.
pub(super) const VAGUE_WHOLES: &[(&str, bool)] = &[
    ("收入总额", true),
    ("总收入", true),
    ("收入总计", true),
    ("全部收入", true),
    ("支出总额", false),
    ("全部支出", false),
    ("总支出", false),
    ("支出总计", false),
];

/// The totals a vague whole of the income (`true`) or expense side can stand for.
pub(super) fn side_totals(income: bool) -> &'static [Indicator] {
    if income {
        &[I::IncomeSum, I::IncomeTotal, I::Total]
    } else {
        &[
            I::ExpenseSum,
            I::ExpenseTotal,
            I::FiscalExpenseSum,
            I::FiscalExpense,
            I::GpbExpense,
            I::FundExpense,
            I::SoeExpense,
            I::Total,
        ]
    }
}

/// Words after which an amount is the budget a completion rate is computed on (完成预算
/// 0 万元的 0%), with the measure of that budget.
pub(super) const COMPLETION_BUDGETS: &[(&str, Measure)] = &[
    ("完成年初预算", Measure::BudgetInitial),
    ("完成全年预算", Measure::BudgetFull),
    ("完成预算", Measure::BudgetFull),
];

/// Words before an amount that is the subject's current-year figure (支出决算为 …).
pub(super) const AMOUNT_WORDS: &[&str] = &[
    "支出决算数为",
    "支出决算为",
    "决算数为",
    "决算为",
    "执行数为",
];

/// What no table of a 决算 holds: the topics of figures that are read but cannot be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Untabled {
    /// 预算绩效管理: projects with targets, evaluated funds, scores and grades.
    Performance,
    /// 政府采购 amounts reserved for or won by 中小企业 (预留, 中标或成交).
    ReservedProcurement,
    /// 国有资产: vehicles, buildings, land and asset values.
    Assets,
}

impl Untabled {
    /// What the topic is, in Chinese.
    pub(super) fn name(self) -> &'static str {
        match self {
            Untabled::Performance => "预算绩效管理",
            Untabled::ReservedProcurement => "面向中小企业预留的政府采购",
            Untabled::Assets => "国有资产占有使用",
        }
    }
}

/// The words that put a figure under a topic no table holds (the first found wins).
pub(super) const UNTABLED: &[(&str, Untabled)] = &[
    ("绩效目标", Untabled::Performance),
    ("绩效跟踪", Untabled::Performance),
    ("绩效自评", Untabled::Performance),
    ("绩效评价", Untabled::Performance),
    ("绩效评级", Untabled::Performance),
    ("预算绩效", Untabled::Performance),
    ("平均得分", Untabled::Performance),
    ("预留", Untabled::ReservedProcurement),
    ("中标或成交", Untabled::ReservedProcurement),
    ("车辆", Untabled::Assets),
    ("房屋", Untabled::Assets),
    ("土地", Untabled::Assets),
    ("固定资产", Untabled::Assets),
    ("资产总额", Untabled::Assets),
    ("国有资产", Untabled::Assets),
];

/// The topic no table holds that `text` is about, if any.
pub(super) fn untabled(text: &str) -> Option<Untabled> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    UNTABLED
        .iter()
        .find(|(w, _)| t.contains(w))
        .map(|&(_, u)| u)
}
