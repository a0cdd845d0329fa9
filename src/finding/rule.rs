//! Rules: the stable ids of every rule that reports findings, as a type.
//!
//! A [`Rule`] prints (`Display`) and parses (`FromStr`) as its id, and serializes as that
//! string, so the ids in `--json`, `findings.jsonl` and the reports are the ids listed in
//! [`RULES`]. An id that names no rule is an error ([`UnknownRule`]), so that switching off a
//! misspelt rule cannot pass unnoticed.
//!
//! ```
//! use cn_budget::finding::{Rule, RULES};
//! let rule: Rule = "t02.hierarchy".parse()?;
//! assert_eq!(rule, Rule::T02Hierarchy);
//! assert_eq!(rule.to_string(), "t02.hierarchy");
//! assert_eq!(rule.info().map(|i| i.tables), Some("公开02表"));
//! assert!("t02.hierachy".parse::<Rule>().is_err());
//! assert_eq!(RULES.len(), 56);
//! # Ok::<(), cn_budget::finding::UnknownRule>(())
//! ```

use std::fmt;
use std::str::FromStr;

/// An id that names no built-in rule.
///
/// ```
/// let e = "n.shares".parse::<cn_budget::finding::Rule>().unwrap_err();
/// assert_eq!(e.id, "n.shares");
/// assert_eq!(e.to_string(), "unknown rule id \"n.shares\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule id {id:?}")]
#[non_exhaustive]
pub struct UnknownRule {
    /// The id as given.
    pub id: String,
}

/// A rule of the audit: its stable id, the tables it reads and what it checks.
///
/// ```
/// use cn_budget::audit::{Rule, RULES};
/// let rule = RULES.iter().find(|r| r.id == Rule::CrossT05T06Basic).unwrap();
/// assert_eq!(rule.tables, "公开05表、公开06表");
/// assert!(rule.title.starts_with("05表基本支出合计"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The stable id, used in findings and to switch the rule off.
    pub id: Rule,
    /// The tables (or 情况说明) it reads.
    pub tables: &'static str,
    /// What it checks, in Chinese.
    pub title: &'static str,
}

/// Declares [`Rule`], its ids and [`RULES`], one line per rule.
macro_rules! rules {
    (
        audit { $($(#[$adoc:meta])* $avariant:ident = $aid:literal, $tables:literal, $title:literal;)* }
        other { $($(#[$odoc:meta])* $ovariant:ident = $oid:literal;)* }
    ) => {
        /// The stable id of a rule: every rule of the audit ([`RULES`]), the rounding summary,
        /// the problems met reading a document (`ingest.*`), and the cross-table rules a user
        /// adds as data ([`Rule::Extra`], see `audit::AuditOptions::extra`).
        ///
        /// ```
        /// use cn_budget::finding::Rule;
        /// assert_eq!(Rule::NarrativeShare.as_str(), "n.share");
        /// assert_eq!("ingest.claim".parse::<Rule>(), Ok(Rule::IngestClaim));
        /// assert_eq!(Rule::Extra("mine.t03_t05.basic".into()).to_string(), "mine.t03_t05.basic");
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[$adoc])* $avariant,)*
            $($(#[$odoc])* $ovariant,)*
            /// A rule added as data (a `CrossRule` of `AuditOptions::extra`), by its id; an id
            /// of a built-in rule names the built-in rule, not this.
            Extra(String),
        }

        /// Every built-in rule, in the order of their declaration.
        const BUILTIN: &[Rule] = &[$(Rule::$avariant,)* $(Rule::$ovariant,)*];

        impl Rule {
            /// The stable id (`t02.hierarchy`).
            pub fn as_str(&self) -> &str {
                match self {
                    $(Rule::$avariant => $aid,)*
                    $(Rule::$ovariant => $oid,)*
                    Rule::Extra(id) => id,
                }
            }
        }

        /// Every built-in rule of the audit. Each is documented where it is implemented
        /// (`src/audit/{tables,cross,narrative,names,identity}.rs`) and has a passing and a
        /// failing unit test.
        ///
        /// ```
        /// let ids: Vec<_> = cn_budget::audit::RULES.iter().map(|r| r.id.as_str()).collect();
        /// assert!(ids.contains(&"x.t01_t03.class"));
        /// let mut sorted = ids.clone();
        /// sorted.sort();
        /// sorted.dedup();
        /// assert_eq!(sorted.len(), ids.len(), "ids are unique");
        /// ```
        #[rustfmt::skip]
        pub const RULES: &[RuleInfo] = &[
            $(RuleInfo { id: Rule::$avariant, tables: $tables, title: $title },)*
        ];
    };
}

rules! {
    audit {
    /// `audit.catalog`.
    AuditCatalog = "audit.catalog", "全部", "文档所用年度的科目目录可用（否则名称核对未执行）";
    /// `t01.income_total`.
    T01IncomeTotal = "t01.income_total", "公开01表", "本年收入合计 = 各项收入之和";
    /// `t01.expense_total`.
    T01ExpenseTotal = "t01.expense_total", "公开01表", "本年支出合计 = 各类支出之和";
    /// `t01.balance`.
    T01Balance = "t01.balance", "公开01表", "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余；支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余；收支总计相等";
    /// `t02.hierarchy`.
    T02Hierarchy = "t02.hierarchy", "公开02表", "类 = Σ款，款 = Σ项，合计 = Σ类（各列）";
    /// `t02.row_total`.
    T02RowTotal = "t02.row_total", "公开02表", "本年收入合计 = 各收入来源之和";
    /// `t03.hierarchy`.
    T03Hierarchy = "t03.hierarchy", "公开03表", "类 = Σ款，款 = Σ项，合计 = Σ类（各列）";
    /// `t03.row_total`.
    T03RowTotal = "t03.row_total", "公开03表", "本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助";
    /// `t04.income_total`.
    T04IncomeTotal = "t04.income_total", "公开04表", "本年收入合计 = 三项财政拨款收入之和";
    /// `t04.expense_total`.
    T04ExpenseTotal = "t04.expense_total", "公开04表", "本年支出合计 = 各类支出之和（各列）";
    /// `t04.row_total`.
    T04RowTotal = "t04.row_total", "公开04表", "小计 = 一般公共预算 + 政府性基金 + 国有资本经营（各行）";
    /// `t04.balance`.
    T04Balance = "t04.balance", "公开04表", "总计 = 本年合计 + 结转和结余；收支总计相等";
    /// `t04.labels`.
    T04Labels = "t04.labels", "公开04表", "行次应印有项目名称，且与模板一致";
    /// `t05.hierarchy`.
    T05Hierarchy = "t05.hierarchy", "公开05表", "类 = Σ款，款 = Σ项，合计 = Σ类（各列）";
    /// `t05.row_total`.
    T05RowTotal = "t05.row_total", "公开05表", "小计 = 基本支出 + 项目支出";
    /// `t06.class_sum`.
    T06ClassSum = "t06.class_sum", "公开06表", "301/302/303/310 等类 = Σ其款";
    /// `t06.group_totals`.
    T06GroupTotals = "t06.group_totals", "公开06表", "人员经费合计 = 301 + 303；公用经费合计 = 302 + 310（及 309、399）";
    /// `t07.hierarchy`.
    T07Hierarchy = "t07.hierarchy", "公开07表", "类 = Σ款，款 = Σ项，合计 = Σ类（各列）";
    /// `t07.row_total`.
    T07RowTotal = "t07.row_total", "公开07表", "本年支出小计 = 基本 + 项目";
    /// `t08.hierarchy`.
    T08Hierarchy = "t08.hierarchy", "公开08表", "类 = Σ款，款 = Σ项，合计 = Σ类（各列）";
    /// `t08.row_total`.
    T08RowTotal = "t08.row_total", "公开08表", "合计 = 基本支出 + 项目支出";
    /// `t09.totals`.
    T09Totals = "t09.totals", "公开09表", "合计 = 因公出国（境）费 + 公务用车小计 + 公务接待费；小计 = 购置 + 运行维护（预算数、决算数）";
    /// `format.printed_code`.
    FormatPrintedCode = "format.printed_code", "公开02/03/05/06表", "科目编码应完整印出（类3位、款5位、项7位）";
    /// `x.t01_t02.income`.
    CrossT01T02Income = "x.t01_t02.income", "公开01表、公开02表", "01表各项收入与本年收入合计 = 02表合计行";
    /// `x.t01_t03.expense`.
    CrossT01T03Expense = "x.t01_t03.expense", "公开01表、公开03表", "01表本年支出合计 = 03表合计";
    /// `x.t01_t03.class`.
    CrossT01T03Class = "x.t01_t03.class", "公开01表、公开03表", "01表各类支出 = 03表对应类的本年支出合计";
    /// `x.t02_t03.rows`.
    CrossT02T03Rows = "x.t02_t03.rows", "公开02表、公开03表、公开05表", "02、03表列示同一组科目（05表为其子集）";
    /// `x.t02_t04.fiscal`.
    CrossT02T04Fiscal = "x.t02_t04.fiscal", "公开02表、公开04表", "02表财政拨款收入合计 = 04表本年收入合计";
    /// `x.t04_t05.class`.
    CrossT04T05Class = "x.t04_t05.class", "公开04表、公开05表", "04表一般公共预算财政拨款支出（各类及合计）= 05表小计";
    /// `x.t05_t06.basic`.
    CrossT05T06Basic = "x.t05_t06.basic", "公开05表、公开06表", "05表基本支出合计 = 06表人员经费合计 + 公用经费合计";
    /// `x.t04_t07.fund`.
    CrossT04T07Fund = "x.t04_t07.fund", "公开04表、公开07表", "04表政府性基金列 = 07表本年支出（零列对应空表）";
    /// `x.t04_t08.soe`.
    CrossT04T08Soe = "x.t04_t08.soe", "公开04表、公开08表", "04表国有资本经营列 = 08表合计（零列对应空表）";
    /// `x.t06_t09.bounds`.
    CrossT06T09Bounds = "x.t06_t09.bounds", "公开06表、公开09表", "06表因公出国（境）费用/公务接待费/公务用车运行维护费/公务用车购置（按印出名称，否则按目录编码 30212/30217/30231/31013）≤ 09表对应三公经费决算数；空白不视为 0";
    /// `n.amount`.
    NarrativeAmount = "n.amount", "情况说明", "情况说明所述金额 = 表中对应数；表中空白为“未列示”而非 0：所述非零金额对空白单元格即为不符，所述 0 不为错";
    /// `n.repeat`.
    NarrativeRepeat = "n.repeat", "情况说明", "同一指标多处表述须一致（同一节内逐处核对，引出两处原文）";
    /// `n.operating_costs`.
    NarrativeOperatingCosts = "n.operating_costs", "情况说明、公开06表", "机关运行经费 ≤ 06表公用经费合计（只含行政单位和参公事业单位）";
    /// `n.zero_base`.
    NarrativeZeroBase = "n.zero_base", "情况说明", "以零（或舍入后可能为零）为基数的增减率、完成率、占比无定义：所述 0% 或 100% 为惯例（警告），其他数值为错误（并指出同段另一基数能否算得该值）";
    /// `n.share`.
    NarrativeShare = "n.share", "情况说明", "占比 = 部分 / 整体（按舍入区间重算）；同段同一整体的各占比合计恰为 100% 且本项仅差末位 1 个单位时为尾差";
    /// `n.completion_rate`.
    NarrativeCompletionRate = "n.completion_rate", "情况说明", "完成率 = 支出决算 / 年初（全年）预算；未写明口径的“预算”指本段所列的预算数；所用金额与表不符时兼用表中数";
    /// `n.growth_rate`.
    NarrativeGrowthRate = "n.growth_rate", "情况说明", "增减率 = 增减额 / 上年数（由本年数与增减额推得）；所用金额与表不符（已报 n.amount）时兼用表中数，任一算得即不另报";
    /// `n.direction`.
    NarrativeDirection = "n.direction", "情况说明", "增加/减少/持平、大于/小于/等于与数值方向一致（按本段所列数值；未写明口径的“预算数”指本段所列的预算数）";
    /// `n.sum`.
    NarrativeSum = "n.sum", "情况说明", "政府采购支出总额 = 货物 + 工程 + 服务";
    /// `names.official`.
    NamesOfficial = "names.official", "情况说明、名词解释", "「类」「款」「项」名称为该年度版本的官方名称，且构成同一科目路径（非官方名称为错误，路径未到项级为警告）";
    /// `names.marker`.
    NamesMarker = "names.marker", "情况说明、名词解释", "名称后的（类）（款）（项）标注与层级一致";
    /// `doc.identity`.
    DocIdentity = "doc.identity", "全文（各部分标题、目录）、情况说明", "各部分标题所列年度与部门为本文件的年度与部门（占位名称如「XX局」或他部门名称为错误）；情况说明所述年末日期（截至某年12月31日、截至某年末）为本决算年度末";
    /// `names.numbering`.
    NamesNumbering = "names.numbering", "情况说明、名词解释", "同一节内科目条目的编号连续、不重复";
    /// `b.hierarchy`.
    BudgetHierarchy = "b.hierarchy", "部门预算（按功能分类的各表）", "类 = Σ款，款 = Σ项，合计 = Σ类（各列）";
    /// `b.economic_hierarchy`.
    BudgetEconomicHierarchy = "b.economic_hierarchy", "部门预算（按经济分类的各表）", "301/302/303/310 等类 = Σ其款，合计 = Σ类（各列）";
    /// `b.row_total`.
    BudgetRowTotal = "b.row_total", "部门预算（表头列有基本支出、项目支出或人员经费、公用经费的各表）", "合计 = 基本支出 + 项目支出（+ 上缴上级支出等）；合计 = 人员经费 + 公用经费（各行）";
    /// `b.balance`.
    BudgetBalance = "b.balance", "收支总表、财政拨款收支总表", "收入总计 = 支出总计";
    /// `bn.amount`.
    BudgetNarrativeAmount = "bn.amount", "部门预算情况说明、收支总表、财政拨款收支总表、支出总表、一般公共预算支出表", "情况说明所述金额 = 预算表中对应数（收支总计、财政拨款收支总计 = 收入总计；本年支出合计、基本支出、项目支出 = 支出总表合计行；一般公共预算支出及其基本、项目支出 = 一般公共预算支出表合计行）；所属表未读取或未分列的金额列为未核对（警告），不视为错误";
    /// `bx.basic`.
    BudgetCrossBasic = "bx.basic", "一般公共预算支出表、一般公共预算基本支出表", "一般公共预算支出表合计行基本支出 = 一般公共预算基本支出表合计";
    /// `b.income_total`.
    BudgetIncomeTotal = "b.income_total", "收入总表", "合计 = 各收入来源之和（上年结转、一般公共预算拨款收入……；其中项不计）；分本年收入、上年结转结余两组时合计 = 各组小计之和，小计 = 组内各项之和（各行）";
    /// `b.three_costs`.
    BudgetThreeCosts = "b.three_costs", "“三公”经费支出表", "公务用车购置及运行费 = 购置费 + 运行费；“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；表头另列会议费、培训费且有“三公”小计时，合计 = “三公”小计 + 会议费 + 培训费（各行）";
    /// `bx.fiscal`.
    BudgetCrossFiscal = "bx.fiscal", "财政拨款收支总表、收支总表", "财政拨款收支总表收入总计 ≤ 收支总表收入总计（财政拨款是部门全部收入的一部分）";
    /// `bx.income`.
    BudgetCrossIncome = "bx.income", "收入总表、收支总表", "收入总表合计 = 收支总表收入总计（含上年结转）或本年收入合计（不含），两者之一成立即可；均不成立时按收入总表是否列上年结转报告差额";
    }
    other {
    /// `rounding.summary`: The summary of a table's differences within rounding (尾差).
    RoundingSummary = "rounding.summary";
    /// `ingest.claim`: A narrative sentence whose figures could not be bound to a subject.
    IngestClaim = "ingest.claim";
    /// `ingest.unchecked`: A narrative sentence whose figures are about what no table holds (绩效 targets and scores, procurement reserved for 中小企业, assets): read, not checkable.
    IngestUnchecked = "ingest.unchecked";
    /// `ingest.table`: A table that could not be read, or that the 目录 lists but the document does not print.
    IngestTable = "ingest.table";
    /// `ingest.template`: A template the tables printed do not match.
    IngestTemplate = "ingest.template";
    /// `ingest.pdf`: A PDF page that could not be read.
    IngestPdf = "ingest.pdf";
    }
}

impl Rule {
    /// The rule's entry in [`RULES`] (`None` for the rounding summary, `ingest.*` and the
    /// rules added as data).
    pub fn info(&self) -> Option<&'static RuleInfo> {
        RULES.iter().find(|r| r.id == *self)
    }

    /// The built-in rule of an id, else a rule added as data with that id.
    ///
    /// ```
    /// use cn_budget::finding::Rule;
    /// assert_eq!(Rule::from_id("n.sum"), Rule::NarrativeSum);
    /// assert_eq!(Rule::from_id("mine.x"), Rule::Extra("mine.x".into()));
    /// ```
    pub fn from_id(id: &str) -> Rule {
        id.parse().unwrap_or_else(|_| Rule::Extra(id.to_owned()))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Rule {
    type Err = UnknownRule;

    /// Parses the id of a built-in rule; any other id is an error (a rule added as data is
    /// [`Rule::Extra`], or [`Rule::from_id`]).
    fn from_str(s: &str) -> Result<Rule, UnknownRule> {
        BUILTIN
            .iter()
            .find(|r| r.as_str() == s)
            .cloned()
            .ok_or_else(|| UnknownRule { id: s.to_owned() })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Rule::from_id(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::{Rule, BUILTIN, RULES};

    #[test]
    fn ids_round_trip_and_the_audit_rules_are_listed_once() {
        for r in BUILTIN {
            assert_eq!(r.as_str().parse().as_ref(), Ok(r));
        }
        let listed = BUILTIN.iter().filter(|r| r.info().is_some()).count();
        assert_eq!(listed, RULES.len());
        assert!("mine.x".parse::<Rule>().is_err());
    }
}
