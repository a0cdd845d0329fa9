//! What a narrative claim is about ([`Subject`]), what it is measured against ([`Base`]) and
//! the direction word printed with it ([`Direction`]): the vocabulary the narrative reader
//! writes and the audit reads, as types, so that a misspelt subject is a compile error in the
//! code and a clear error in a `claims.tsv` (see `data/disclosures/TRANSCRIBE-SPEC.md`).
//!
//! Each type prints (`Display`) and parses (`FromStr`) as the token of `claims.tsv`, and
//! serializes as that string.
//!
//! ```
//! use cn_budget::disclosure::{Base, Direction, Indicator, Subject};
//! let s: Subject = "sangong:vehicle".parse()?;
//! assert_eq!(s, Subject::Indicator(Indicator::SangongVehicle));
//! assert_eq!(s.to_string(), "sangong:vehicle");
//! assert_eq!("item:2010601".parse::<Subject>()?, Subject::Item("2010601".parse()?));
//! assert_eq!("budget_initial".parse::<Base>()?, Base::BudgetInitial);
//! assert_eq!("gpb_expense".parse::<Base>()?, Base::Whole(Indicator::GpbExpense.into()));
//! assert_eq!("下降".parse::<Direction>()?.sign(), -1);
//! assert!("sangong:vehicel".parse::<Subject>().is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::codes::FunctionCode;
use std::fmt;
use std::str::FromStr;

/// A token of `claims.tsv` that names no subject, base or direction.
///
/// ```
/// use cn_budget::disclosure::{Subject, TokenError};
/// let e = "vehicle".parse::<Subject>().unwrap_err();
/// assert_eq!(e, TokenError::Subject { text: "vehicle".into() });
/// assert_eq!(e.to_string(), "unknown subject \"vehicle\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// Not a subject of the vocabulary.
    #[error("unknown subject {text:?}")]
    Subject {
        /// The token as given.
        text: String,
    },
    /// Neither a base (`prior_year`, `budget_initial`, `budget_full`) nor a subject.
    #[error("unknown base {text:?}")]
    Base {
        /// The token as given.
        text: String,
    },
    /// Not a measure (`amount`, `share` …).
    #[error("unknown measure {text:?}")]
    Measure {
        /// The token as given.
        text: String,
    },
    /// Not a direction or comparison word.
    #[error("unknown direction word {text:?}")]
    Direction {
        /// The word as given.
        text: String,
    },
}

/// Serializes a type as its `Display` string and deserializes it with `FromStr`.
macro_rules! serde_as_string {
    ($name:ty, $expecting:literal) => {
        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::serde_text::from_str(d, $expecting)
            }
        }
    };
}

/// Declares [`Indicator`] with its token and its name, one line per indicator.
macro_rules! indicators {
    ($($(#[$doc:meta])* $variant:ident = $token:literal, $name:literal;)*) => {
        /// An indicator the narrative names with a fixed label (收支总计, “三公”经费 …): every
        /// subject that is neither a 类 or 项 nor a printed name.
        ///
        /// ```
        /// use cn_budget::disclosure::Indicator;
        /// assert_eq!(Indicator::SangongAbroad.token(), "sangong:abroad");
        /// assert_eq!(Indicator::SangongAbroad.name(), "因公出国（境）费");
        /// assert_eq!(Indicator::from_token("fiscal_total"), Some(Indicator::FiscalTotal));
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
        #[non_exhaustive]
        pub enum Indicator {
            $($(#[$doc])* $variant,)*
        }

        impl Indicator {
            /// The token of `claims.tsv` (`sangong:abroad`).
            pub const fn token(self) -> &'static str {
                match self {
                    $(Indicator::$variant => $token,)*
                }
            }

            /// The indicator's name as the narrative prints it (因公出国（境）费).
            pub const fn name(self) -> &'static str {
                match self {
                    $(Indicator::$variant => $name,)*
                }
            }
        }
    };
}

indicators! {
    /// 收支总计.
    Total = "total", "收支总计";
    /// 本年收入合计.
    IncomeTotal = "income_total", "本年收入合计";
    /// 本年支出合计.
    ExpenseTotal = "expense_total", "本年支出合计";
    /// 财政拨款收支总计.
    FiscalTotal = "fiscal_total", "财政拨款收支总计";
    /// 财政拨款支出 of the year, every budget (公开04表 本年支出合计, 小计).
    FiscalExpense = "fiscal_expense", "财政拨款支出";
    /// 收入总计 as a narrative prints it: 本年收入合计 in some templates, the 总计 of
    /// 公开01表 (with 年初结转和结余) in others, so it restates no one cell.
    IncomeSum = "income_sum", "收入总计";
    /// 支出总计 as a narrative prints it: 本年支出合计 or the 总计 of 公开01表 (see
    /// `IncomeSum`).
    ExpenseSum = "expense_sum", "支出总计";
    /// 财政拨款支出总计 as a narrative prints it: the 财政拨款 spent in the year (高等学校表4
    /// 合计) or the 总计 of 公开04表 (see `IncomeSum`).
    FiscalExpenseSum = "fiscal_expense_sum", "财政拨款支出总计";
    /// 一般公共预算财政拨款收入.
    GpbIncome = "gpb_income", "一般公共预算财政拨款收入";
    /// 一般公共预算财政拨款支出.
    GpbExpense = "gpb_expense", "一般公共预算财政拨款支出";
    /// 一般公共预算财政拨款基本支出.
    GpbBasic = "gpb_basic", "一般公共预算财政拨款基本支出";
    /// 一般公共预算财政拨款项目支出.
    GpbProject = "gpb_project", "一般公共预算财政拨款项目支出";
    /// 财政拨款基本支出 of every budget.
    FiscalBasic = "fiscal_basic", "财政拨款基本支出";
    /// 财政拨款项目支出 of every budget.
    FiscalProject = "fiscal_project", "财政拨款项目支出";
    /// 政府性基金预算财政拨款收入.
    FundIncome = "fund_income", "政府性基金预算财政拨款收入";
    /// 政府性基金预算财政拨款支出.
    FundExpense = "fund_expense", "政府性基金预算财政拨款支出";
    /// 政府性基金预算财政拨款基本支出.
    FundBasic = "fund_basic", "政府性基金预算财政拨款基本支出";
    /// 政府性基金预算财政拨款项目支出.
    FundProject = "fund_project", "政府性基金预算财政拨款项目支出";
    /// 国有资本经营预算财政拨款收入.
    SoeIncome = "soe_income", "国有资本经营预算财政拨款收入";
    /// 国有资本经营预算财政拨款支出.
    SoeExpense = "soe_expense", "国有资本经营预算财政拨款支出";
    /// 国有资本经营预算财政拨款基本支出.
    SoeBasic = "soe_basic", "国有资本经营预算财政拨款基本支出";
    /// 国有资本经营预算财政拨款项目支出.
    SoeProject = "soe_project", "国有资本经营预算财政拨款项目支出";
    /// 年初结转和结余 (a line of 公开01表, income side).
    CarryIn = "carry_in", "年初结转和结余";
    /// 年末结转和结余 (a line of 公开01表, expense side).
    CarryOut = "carry_out", "年末结转和结余";
    /// 财政拨款收入 (a column of 公开02表).
    IncomeFiscal = "income:财政拨款收入", "财政拨款收入";
    /// 上级补助收入.
    IncomeSuperior = "income:上级补助收入", "上级补助收入";
    /// 事业收入.
    IncomeOperations = "income:事业收入", "事业收入";
    /// 经营收入.
    IncomeBusiness = "income:经营收入", "经营收入";
    /// 附属单位上缴收入.
    IncomeAffiliates = "income:附属单位上缴收入", "附属单位上缴收入";
    /// 其他收入.
    IncomeOther = "income:其他收入", "其他收入";
    /// 上年结转 (结转结余) of a 部门预算: the income brought forward from the prior year.
    IncomeCarryover = "income:上年结转", "上年结转";
    /// 基本支出 of the department (a column of 公开03表).
    ExpenseBasic = "expense:基本支出", "基本支出";
    /// 项目支出 of the department.
    ExpenseProject = "expense:项目支出", "项目支出";
    /// 上缴上级支出.
    ExpenseToSuperior = "expense:上缴上级支出", "上缴上级支出";
    /// 经营支出.
    ExpenseBusiness = "expense:经营支出", "经营支出";
    /// 对附属单位补助支出.
    ExpenseToAffiliates = "expense:对附属单位补助支出", "对附属单位补助支出";
    /// 人员经费.
    Personnel = "personnel", "人员经费";
    /// 公用经费.
    PublicFunds = "public_funds", "公用经费";
    /// 机关运行经费.
    OperatingCosts = "operating_costs", "机关运行经费";
    /// “三公”经费.
    SangongTotal = "sangong:total", "“三公”经费";
    /// 因公出国（境）费.
    SangongAbroad = "sangong:abroad", "因公出国（境）费";
    /// 公务用车购置及运行维护费.
    SangongVehicle = "sangong:vehicle", "公务用车购置及运行维护费";
    /// 公务用车购置费 (an amount, or the count of vehicles bought).
    SangongVehiclePurchase = "sangong:vehicle_purchase", "公务用车购置费";
    /// 公务用车运行维护费.
    SangongVehicleOperation = "sangong:vehicle_operation", "公务用车运行维护费";
    /// 公务接待费.
    SangongReception = "sangong:reception", "公务接待费";
    /// 国内公务接待费, the part of 公务接待费 spent in China (no column of 公开09表).
    SangongReceptionDomestic = "sangong:reception_domestic", "国内公务接待费";
    /// 国（境）外公务接待费, the part of 公务接待费 spent abroad (no column of 公开09表).
    SangongReceptionAbroad = "sangong:reception_abroad", "国（境）外公务接待费";
    /// 外宾接待费 (外事接待费), the part of 国内公务接待费 for foreign guests.
    SangongReceptionForeignGuests = "sangong:reception_foreign_guests", "外宾接待费";
    /// 公务用车保有量.
    SangongVehicleCount = "sangong:vehicle_count", "公务用车保有量";
    /// 政府采购支出总额.
    ProcurementTotal = "procurement:total", "政府采购支出总额";
    /// 政府采购货物支出.
    ProcurementGoods = "procurement:goods", "政府采购货物支出";
    /// 政府采购工程支出.
    ProcurementWorks = "procurement:works", "政府采购工程支出";
    /// 政府采购服务支出.
    ProcurementServices = "procurement:services", "政府采购服务支出";
    /// 授予中小企业合同金额.
    ProcurementSme = "procurement:sme", "授予中小企业合同金额";
    /// 授予小微企业合同金额.
    ProcurementSmallMicro = "procurement:small_micro", "授予小微企业合同金额";
    /// 货物采购授予中小企业合同金额.
    ProcurementGoodsSme = "procurement:goods_sme_share", "货物采购授予中小企业合同金额";
    /// 工程采购授予中小企业合同金额.
    ProcurementWorksSme = "procurement:works_sme_share", "工程采购授予中小企业合同金额";
    /// 服务采购授予中小企业合同金额.
    ProcurementServicesSme = "procurement:services_sme_share", "服务采购授予中小企业合同金额";
    /// 车辆 (共有车辆 N 辆).
    VehiclesTotal = "vehicles:total", "车辆";
    /// 单位价值100万元以上设备.
    EquipmentOver1m = "assets:equipment_over_1m", "单位价值100万元以上设备";
    /// 绩效自评项目资金.
    PerformanceFunds = "performance:funds", "绩效自评项目资金";
    /// 部门整体支出绩效自评资金.
    PerformanceOverallFunds = "performance:overall_funds", "部门整体支出绩效自评资金";
    /// 政府性基金预算项目绩效自评资金.
    PerformanceFundFunds = "performance:fund_funds", "政府性基金预算项目绩效自评资金";
    /// 绩效自评项目 (共涉及项目 N 个).
    PerformanceProjects = "performance:projects", "绩效自评项目";
    /// 预算资金使用率.
    PerformanceBudgetUseRate = "performance:budget_use_rate", "预算资金使用率";
    /// 部门预算资金覆盖率.
    PerformanceCoverage = "performance:coverage", "部门预算资金覆盖率";
}

impl Indicator {
    /// The indicator of a `claims.tsv` token.
    pub fn from_token(token: &str) -> Option<Indicator> {
        use strum::IntoEnumIterator;
        Indicator::iter().find(|i| i.token() == token)
    }
}

/// What a narrative claim is about: an [`Indicator`], a 类 or 项 of the functional
/// classification, or a name the narrative prints (a vehicle category, a project).
///
/// Prints and parses as its `claims.tsv` token: `income_total`, `sangong:vehicle`,
/// `class:201`, `item:2010601`, `department_class:205`, `vehicles:执法执勤用车`,
/// `performance:机关建设`. A printed name
/// that is also an indicator's token (`vehicles:total`) reads as the indicator.
///
/// ```
/// use cn_budget::disclosure::{Indicator, Subject};
/// let class: Subject = "class:201".parse()?;
/// assert_eq!(class, Subject::Class("201".parse()?));
/// assert_eq!(Subject::Vehicles("执法执勤用车".into()).to_string(), "vehicles:执法执勤用车");
/// assert_eq!("performance:机关建设".parse::<Subject>()?, Subject::Project("机关建设".into()));
/// assert_eq!(Subject::from(Indicator::Total).to_string(), "total");
/// assert_eq!(Subject::Project("机关建设".into()).name(), Some("机关建设"));
/// let spent: Subject = "department_class:205".parse()?;
/// assert_eq!(spent, Subject::DepartmentClass("205".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Subject {
    /// An indicator with a fixed label.
    Indicator(Indicator),
    /// A 类 of 一般公共预算财政拨款支出 (`class:201`).
    Class(FunctionCode),
    /// A 项 (`item:2010601`).
    Item(FunctionCode),
    /// A 类 of the department's spending from every source (公开03表, `department_class:205`).
    DepartmentClass(FunctionCode),
    /// A category of vehicles as printed (`vehicles:执法执勤用车`).
    Vehicles(String),
    /// A project of the performance evaluation, by its printed name (`performance:机关建设`).
    Project(String),
}

impl Subject {
    /// The name the narrative prints for it, when it is not a code: the indicator's name, or
    /// the printed name; `None` for a 类 or 项 (whose name is the catalog's).
    pub fn name(&self) -> Option<&str> {
        match self {
            Subject::Indicator(i) => Some(i.name()),
            Subject::Class(_) | Subject::Item(_) | Subject::DepartmentClass(_) => None,
            Subject::Vehicles(s) | Subject::Project(s) => Some(s),
        }
    }

    /// The 类 or 项 it is, if it is one.
    pub fn code(&self) -> Option<FunctionCode> {
        match self {
            Subject::Class(c) | Subject::Item(c) | Subject::DepartmentClass(c) => Some(*c),
            _ => None,
        }
    }

    /// The indicator it is, if it is one.
    pub fn indicator(&self) -> Option<Indicator> {
        match self {
            Subject::Indicator(i) => Some(*i),
            _ => None,
        }
    }
}

impl From<Indicator> for Subject {
    fn from(i: Indicator) -> Subject {
        Subject::Indicator(i)
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Indicator(i) => f.write_str(i.token()),
            Subject::Class(c) => write!(f, "class:{c}"),
            Subject::Item(c) => write!(f, "item:{c}"),
            Subject::DepartmentClass(c) => write!(f, "department_class:{c}"),
            Subject::Vehicles(s) => write!(f, "vehicles:{s}"),
            Subject::Project(s) => write!(f, "performance:{s}"),
        }
    }
}

impl FromStr for Subject {
    type Err = TokenError;

    fn from_str(s: &str) -> Result<Subject, TokenError> {
        let unknown = || TokenError::Subject { text: s.to_owned() };
        if let Some(i) = Indicator::from_token(s) {
            return Ok(Subject::Indicator(i));
        }
        let (kind, rest) = s.split_once(':').ok_or_else(unknown)?;
        let code = || rest.parse::<FunctionCode>().map_err(|_| unknown());
        match kind {
            "class" => Ok(Subject::Class(code()?)),
            "item" => Ok(Subject::Item(code()?)),
            "department_class" => Ok(Subject::DepartmentClass(code()?)),
            "vehicles" if !rest.is_empty() => Ok(Subject::Vehicles(rest.to_owned())),
            "performance" if !rest.is_empty() => Ok(Subject::Project(rest.to_owned())),
            _ => Err(unknown()),
        }
    }
}

serde_as_string!(
    Subject,
    "a claim subject such as income_total or item:2010601"
);

/// What a change, rate or share is measured against: the prior year, a budget, or — for a
/// share — the whole it is a share of.
///
/// ```
/// use cn_budget::disclosure::{Base, Indicator};
/// assert_eq!(Base::PriorYear.to_string(), "prior_year");
/// let whole: Base = "procurement:total".parse()?;
/// assert_eq!(whole, Base::Whole(Indicator::ProcurementTotal.into()));
/// assert_eq!(whole.to_string(), "procurement:total");
/// # Ok::<(), cn_budget::disclosure::TokenError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Base {
    /// 上年 (`prior_year`).
    PriorYear,
    /// 年初预算 (`budget_initial`).
    BudgetInitial,
    /// 全年预算 / 预算数 / 调整后预算数 (`budget_full`).
    BudgetFull,
    /// The whole of a share.
    Whole(Subject),
}

impl fmt::Display for Base {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Base::PriorYear => f.write_str("prior_year"),
            Base::BudgetInitial => f.write_str("budget_initial"),
            Base::BudgetFull => f.write_str("budget_full"),
            Base::Whole(s) => s.fmt(f),
        }
    }
}

impl FromStr for Base {
    type Err = TokenError;

    fn from_str(s: &str) -> Result<Base, TokenError> {
        Ok(match s {
            "prior_year" => Base::PriorYear,
            "budget_initial" => Base::BudgetInitial,
            "budget_full" => Base::BudgetFull,
            _ => Base::Whole(
                s.parse()
                    .map_err(|_| TokenError::Base { text: s.to_owned() })?,
            ),
        })
    }
}

serde_as_string!(Base, "prior_year, budget_initial, budget_full or a subject");

/// A direction or comparison word printed with a change, a rate or a comparison of an actual
/// with a budget, as printed.
///
/// ```
/// use cn_budget::disclosure::Direction;
/// assert_eq!(Direction::Decrease.to_string(), "减少");
/// assert_eq!("高于".parse::<Direction>(), Ok(Direction::Higher));
/// assert_eq!((Direction::Increase.sign(), Direction::Flat.sign()), (1, 0));
/// assert!(Direction::CHANGES.contains(&Direction::Fall));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
#[non_exhaustive]
pub enum Direction {
    /// 增加.
    Increase,
    /// 减少.
    Decrease,
    /// 增长.
    Grow,
    /// 下降.
    Fall,
    /// 上升.
    Rise,
    /// 降低.
    Lower,
    /// 大于.
    Greater,
    /// 小于.
    Less,
    /// 持平.
    Flat,
    /// 等于.
    Equal,
    /// 高于.
    Higher,
    /// 低于.
    Below,
    /// 超过.
    Exceed,
}

impl Direction {
    /// The words printed before a change or a rate (比上年增加 …, 下降 x%).
    pub const CHANGES: [Direction; 6] = [
        Direction::Increase,
        Direction::Decrease,
        Direction::Grow,
        Direction::Fall,
        Direction::Rise,
        Direction::Lower,
    ];

    /// The words printed between 决算数 and …预算数.
    pub const COMPARISONS: [Direction; 7] = [
        Direction::Greater,
        Direction::Less,
        Direction::Flat,
        Direction::Equal,
        Direction::Higher,
        Direction::Below,
        Direction::Exceed,
    ];

    /// The word as printed.
    pub const fn word(self) -> &'static str {
        match self {
            Direction::Increase => "增加",
            Direction::Decrease => "减少",
            Direction::Grow => "增长",
            Direction::Fall => "下降",
            Direction::Rise => "上升",
            Direction::Lower => "降低",
            Direction::Greater => "大于",
            Direction::Less => "小于",
            Direction::Flat => "持平",
            Direction::Equal => "等于",
            Direction::Higher => "高于",
            Direction::Below => "低于",
            Direction::Exceed => "超过",
        }
    }

    /// The sign the word states: `1` up or more, `-1` down or less, `0` unchanged or equal.
    pub const fn sign(self) -> i8 {
        match self {
            Direction::Increase
            | Direction::Grow
            | Direction::Rise
            | Direction::Greater
            | Direction::Higher
            | Direction::Exceed => 1,
            Direction::Decrease
            | Direction::Fall
            | Direction::Lower
            | Direction::Less
            | Direction::Below => -1,
            Direction::Flat | Direction::Equal => 0,
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

impl FromStr for Direction {
    type Err = TokenError;

    fn from_str(s: &str) -> Result<Direction, TokenError> {
        use strum::IntoEnumIterator;
        Direction::iter()
            .find(|d| d.word() == s)
            .ok_or_else(|| TokenError::Direction { text: s.to_owned() })
    }
}

serde_as_string!(Direction, "a direction word such as 增加 or 小于");

#[cfg(test)]
mod tests {
    use super::{Base, Direction, Indicator, Subject};
    use strum::IntoEnumIterator;

    /// Every token parses back to what printed it.
    #[test]
    fn tokens_round_trip() {
        for i in Indicator::iter() {
            let s = Subject::from(i);
            assert_eq!(s.to_string().parse::<Subject>(), Ok(s.clone()));
            assert_eq!(
                Base::Whole(s.clone()).to_string().parse(),
                Ok(Base::Whole(s))
            );
        }
        for d in Direction::iter() {
            assert_eq!(d.to_string().parse(), Ok(d));
        }
        for b in [Base::PriorYear, Base::BudgetInitial, Base::BudgetFull] {
            assert_eq!(b.to_string().parse(), Ok(b));
        }
        for bad in [
            "",
            "item:",
            "item:abc",
            "department_class:",
            "vehicles:",
            "performance:",
            "sangong:car",
        ] {
            assert!(bad.parse::<Subject>().is_err(), "{bad}");
        }
    }
}
