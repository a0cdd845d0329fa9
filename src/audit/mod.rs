//! The audit of a 部门决算公开: every identity of the nine tables and the narrative as an
//! executable rule with a stable id, evaluated with the interval model of [`crate::check`].
//!
//! ```
//! use cn_budget::audit::{audit, AuditOptions, Severity};
//! use cn_budget::disclosure::Document;
//! let report = audit(Document::embedded()?, &AuditOptions::default());
//! let errors: Vec<_> = report.findings.iter().filter(|f| f.severity == Severity::Error).collect();
//! // 公开02表 prints 21007 计划生育事务 as 5.08 but its only 项 as 5.09.
//! assert!(errors.iter().any(|f| f.rule == "t02.hierarchy" && f.code.as_deref() == Some("21007")));
//! println!("{}", report.to_text());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Rules can be switched off by id ([`AuditOptions::disabled`]) and extended with
//! cross-table identities written as data ([`AuditOptions::extra`], [`CrossRule`]).

pub mod batch;
mod budget;
mod cross;
pub mod html;
mod identity;
mod names;
mod narrative;
mod report;
mod subjects;
mod tables;

pub(crate) use crate::finding::Place;
pub use crate::finding::{Finding, Severity};
pub use cross::{builtin_cross_rules, three_costs_bounds, CellRef, CrossRule, RowRef};
pub use report::{DocumentInfo, Report, TableInfo};

use crate::check::{Blocker, Comparison, Verdict};
use crate::disclosure::Document;
use crate::Rounding;
use std::collections::{BTreeMap, BTreeSet};

/// A rule of the audit: its stable id, the tables it reads and what it checks.
///
/// ```
/// use cn_budget::audit::RULES;
/// let rule = RULES.iter().find(|r| r.id == "x.t05_t06.basic").unwrap();
/// assert_eq!(rule.tables, "公开05表、公开06表");
/// assert!(rule.title.starts_with("05表基本支出合计"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The stable id, used in findings and to switch the rule off.
    pub id: &'static str,
    /// The tables (or 情况说明) it reads.
    pub tables: &'static str,
    /// What it checks, in Chinese.
    pub title: &'static str,
}

/// Every built-in rule. Each is documented where it is implemented
/// (`src/audit/{tables,cross,narrative,names,identity}.rs`) and has a passing and a failing unit test.
///
/// ```
/// let ids: Vec<_> = cn_budget::audit::RULES.iter().map(|r| r.id).collect();
/// assert!(ids.contains(&"x.t01_t03.class"));
/// let mut sorted = ids.clone();
/// sorted.sort();
/// sorted.dedup();
/// assert_eq!(sorted.len(), ids.len(), "ids are unique");
/// ```
pub const RULES: &[RuleInfo] = &[
    RuleInfo { id: "audit.catalog", tables: "全部", title: "文档所用年度的科目目录可用（否则名称核对未执行）" },
    RuleInfo { id: "t01.income_total", tables: "公开01表", title: "本年收入合计 = 各项收入之和" },
    RuleInfo { id: "t01.expense_total", tables: "公开01表", title: "本年支出合计 = 各类支出之和" },
    RuleInfo { id: "t01.balance", tables: "公开01表", title: "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余；支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余；收支总计相等" },
    RuleInfo { id: "t02.hierarchy", tables: "公开02表", title: "类 = Σ款，款 = Σ项，合计 = Σ类（各列）" },
    RuleInfo { id: "t02.row_total", tables: "公开02表", title: "本年收入合计 = 各收入来源之和" },
    RuleInfo { id: "t03.hierarchy", tables: "公开03表", title: "类 = Σ款，款 = Σ项，合计 = Σ类（各列）" },
    RuleInfo { id: "t03.row_total", tables: "公开03表", title: "本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助" },
    RuleInfo { id: "t04.income_total", tables: "公开04表", title: "本年收入合计 = 三项财政拨款收入之和" },
    RuleInfo { id: "t04.expense_total", tables: "公开04表", title: "本年支出合计 = 各类支出之和（各列）" },
    RuleInfo { id: "t04.row_total", tables: "公开04表", title: "小计 = 一般公共预算 + 政府性基金 + 国有资本经营（各行）" },
    RuleInfo { id: "t04.balance", tables: "公开04表", title: "总计 = 本年合计 + 结转和结余；收支总计相等" },
    RuleInfo { id: "t04.labels", tables: "公开04表", title: "行次应印有项目名称，且与模板一致" },
    RuleInfo { id: "t05.hierarchy", tables: "公开05表", title: "类 = Σ款，款 = Σ项，合计 = Σ类（各列）" },
    RuleInfo { id: "t05.row_total", tables: "公开05表", title: "小计 = 基本支出 + 项目支出" },
    RuleInfo { id: "t06.class_sum", tables: "公开06表", title: "301/302/303/310 等类 = Σ其款" },
    RuleInfo { id: "t06.group_totals", tables: "公开06表", title: "人员经费合计 = 301 + 303；公用经费合计 = 302 + 310（及 309、399）" },
    RuleInfo { id: "t07.hierarchy", tables: "公开07表", title: "类 = Σ款，款 = Σ项，合计 = Σ类（各列）" },
    RuleInfo { id: "t07.row_total", tables: "公开07表", title: "本年支出小计 = 基本 + 项目" },
    RuleInfo { id: "t08.hierarchy", tables: "公开08表", title: "类 = Σ款，款 = Σ项，合计 = Σ类（各列）" },
    RuleInfo { id: "t08.row_total", tables: "公开08表", title: "合计 = 基本支出 + 项目支出" },
    RuleInfo { id: "t09.totals", tables: "公开09表", title: "合计 = 因公出国（境）费 + 公务用车小计 + 公务接待费；小计 = 购置 + 运行维护（预算数、决算数）" },
    RuleInfo { id: "format.printed_code", tables: "公开02/03/05/06表", title: "科目编码应完整印出（类3位、款5位、项7位）" },
    RuleInfo { id: "x.t01_t02.income", tables: "公开01表、公开02表", title: "01表各项收入与本年收入合计 = 02表合计行" },
    RuleInfo { id: "x.t01_t03.expense", tables: "公开01表、公开03表", title: "01表本年支出合计 = 03表合计" },
    RuleInfo { id: "x.t01_t03.class", tables: "公开01表、公开03表", title: "01表各类支出 = 03表对应类的本年支出合计" },
    RuleInfo { id: "x.t02_t03.rows", tables: "公开02表、公开03表、公开05表", title: "02、03表列示同一组科目（05表为其子集）" },
    RuleInfo { id: "x.t02_t04.fiscal", tables: "公开02表、公开04表", title: "02表财政拨款收入合计 = 04表本年收入合计" },
    RuleInfo { id: "x.t04_t05.class", tables: "公开04表、公开05表", title: "04表一般公共预算财政拨款支出（各类及合计）= 05表小计" },
    RuleInfo { id: "x.t05_t06.basic", tables: "公开05表、公开06表", title: "05表基本支出合计 = 06表人员经费合计 + 公用经费合计" },
    RuleInfo { id: "x.t04_t07.fund", tables: "公开04表、公开07表", title: "04表政府性基金列 = 07表本年支出（零列对应空表）" },
    RuleInfo { id: "x.t04_t08.soe", tables: "公开04表、公开08表", title: "04表国有资本经营列 = 08表合计（零列对应空表）" },
    RuleInfo { id: "x.t06_t09.bounds", tables: "公开06表、公开09表", title: "06表因公出国（境）费用/公务接待费/公务用车运行维护费/公务用车购置（按印出名称，否则按目录编码 30212/30217/30231/31013）≤ 09表对应三公经费决算数；空白不视为 0" },
    RuleInfo { id: "n.amount", tables: "情况说明", title: "情况说明所述金额 = 表中对应数；表中空白为“未列示”而非 0：所述非零金额对空白单元格即为不符，所述 0 不为错" },
    RuleInfo { id: "n.repeat", tables: "情况说明", title: "同一指标多处表述须一致（同一节内逐处核对，引出两处原文）" },
    RuleInfo { id: "n.operating_costs", tables: "情况说明、公开06表", title: "机关运行经费 ≤ 06表公用经费合计（只含行政单位和参公事业单位）" },
    RuleInfo { id: "n.zero_base", tables: "情况说明", title: "以零（或舍入后可能为零）为基数的增减率、完成率、占比无定义：所述 0% 或 100% 为惯例（警告），其他数值为错误（并指出同段另一基数能否算得该值）" },
    RuleInfo { id: "n.share", tables: "情况说明", title: "占比 = 部分 / 整体（按舍入区间重算）；同段同一整体的各占比合计恰为 100% 且本项仅差末位 1 个单位时为尾差" },
    RuleInfo { id: "n.completion_rate", tables: "情况说明", title: "完成率 = 支出决算 / 年初（全年）预算；未写明口径的“预算”指本段所列的预算数；所用金额与表不符时兼用表中数" },
    RuleInfo { id: "n.growth_rate", tables: "情况说明", title: "增减率 = 增减额 / 上年数（由本年数与增减额推得）；所用金额与表不符（已报 n.amount）时兼用表中数，任一算得即不另报" },
    RuleInfo { id: "n.direction", tables: "情况说明", title: "增加/减少/持平、大于/小于/等于与数值方向一致（按本段所列数值；未写明口径的“预算数”指本段所列的预算数）" },
    RuleInfo { id: "n.sum", tables: "情况说明", title: "政府采购支出总额 = 货物 + 工程 + 服务" },
    RuleInfo { id: "names.official", tables: "情况说明、名词解释", title: "「类」「款」「项」名称为该年度版本的官方名称，且构成同一科目路径（非官方名称为错误，路径未到项级为警告）" },
    RuleInfo { id: "names.marker", tables: "情况说明、名词解释", title: "名称后的（类）（款）（项）标注与层级一致" },
    RuleInfo { id: "doc.identity", tables: "全文（各部分标题、目录）、情况说明", title: "各部分标题所列年度与部门为本文件的年度与部门（占位名称如「XX局」或他部门名称为错误）；情况说明所述年末日期（截至某年12月31日、截至某年末）为本决算年度末" },
    RuleInfo { id: "b.hierarchy", tables: "部门预算（按功能分类的各表）", title: "类 = Σ款，款 = Σ项，合计 = Σ类（各列）" },
    RuleInfo { id: "b.economic_hierarchy", tables: "部门预算（按经济分类的各表）", title: "301/302/303/310 等类 = Σ其款，合计 = Σ类（各列）" },
    RuleInfo { id: "b.row_total", tables: "部门预算（表头列有基本支出、项目支出或人员经费、公用经费的各表）", title: "合计 = 基本支出 + 项目支出（+ 上缴上级支出等）；合计 = 人员经费 + 公用经费（各行）" },
    RuleInfo { id: "b.balance", tables: "收支总表、财政拨款收支总表", title: "收入总计 = 支出总计" },
    RuleInfo { id: "bx.basic", tables: "一般公共预算支出表、一般公共预算基本支出表", title: "一般公共预算支出表合计行基本支出 = 一般公共预算基本支出表合计" },
    RuleInfo { id: "names.numbering", tables: "情况说明、名词解释", title: "同一节内科目条目的编号连续、不重复" },
];

/// What an audit checks and how.
///
/// ```
/// use cn_budget::audit::AuditOptions;
/// let mut options = AuditOptions::default();
/// options.disabled.insert("n.share".into());
/// assert!(!options.is_enabled("n.share"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct AuditOptions {
    /// How the publisher rounded (四舍五入 by default).
    pub rounding: Rounding,
    /// Rule ids not to evaluate.
    pub disabled: BTreeSet<String>,
    /// Additional cross-table identities, evaluated like the built-in ones.
    pub extra: Vec<CrossRule>,
}

impl AuditOptions {
    /// Whether a rule id is enabled.
    pub fn is_enabled(&self, rule: &str) -> bool {
        !self.disabled.contains(rule)
    }
}

/// Audits a document: every enabled rule, findings ordered errors, warnings, then one
/// rounding summary per table.
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions, Severity};
/// use cn_budget::disclosure::Document;
/// let doc = Document::embedded()?;
/// let report = audit(doc, &AuditOptions::default());
/// assert!(report.findings.windows(2).all(|w| w[0].severity <= w[1].severity));
/// assert_eq!(report.findings.last().map(|f| f.rule.as_str()), Some("rounding.summary"));
/// let hierarchy = |r: &cn_budget::audit::Report| r.findings.iter().filter(|f| f.rule == "t02.hierarchy" && f.severity == Severity::Error).count();
/// // 21007 and 21011, each in 本年收入合计 and 财政拨款收入.
/// assert_eq!(hierarchy(&report), 4);
///
/// // A disabled rule is neither evaluated nor reported.
/// let mut options = AuditOptions::default();
/// options.disabled.insert("t02.hierarchy".into());
/// let fewer = audit(doc, &options);
/// assert_eq!(hierarchy(&fewer), 0);
/// assert!(fewer.evaluated < report.evaluated);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn audit(doc: &Document, options: &AuditOptions) -> Report {
    let catalog = crate::Catalog::edition(doc.meta.edition).ok();
    let mut out = Collector::new(options);
    if catalog.is_none() {
        out.warn(
            "audit.catalog",
            Place::default(),
            format!(
                "未内嵌 {} 年版《政府收支分类科目》，类名称与名称路径的核对未执行",
                doc.meta.edition
            ),
        );
    }
    if doc.meta.kind == crate::disclosure::Kind::Budget {
        budget::run(doc, &mut out);
        return out.finish(doc);
    }
    tables::run(doc, &mut out);
    cross::run(doc, catalog, &mut out);
    narrative::run(doc, catalog, &mut out);
    names::run(doc, catalog, &mut out);
    identity::run(doc, &mut out);
    out.finish(doc)
}

/// Gathers findings while the rules run.
pub(crate) struct Collector<'o> {
    options: &'o AuditOptions,
    findings: Vec<Finding>,
    /// Differences within rounding, by table (None: the narrative), as short descriptions.
    rounding: BTreeMap<Option<String>, Vec<String>>,
    evaluated: usize,
}

impl<'o> Collector<'o> {
    fn new(options: &'o AuditOptions) -> Self {
        Collector {
            options,
            findings: Vec::new(),
            rounding: BTreeMap::new(),
            evaluated: 0,
        }
    }

    pub(crate) fn on(&self, rule: &str) -> bool {
        self.options.is_enabled(rule)
    }

    pub(crate) fn rounding(&self) -> Rounding {
        self.options.rounding
    }

    /// Records an evaluated comparison: an error if inconsistent, a line of the table's
    /// rounding summary if within rounding, nothing more if exact.
    pub(crate) fn compared(
        &mut self,
        rule: &str,
        place: Place,
        c: &Comparison,
        basis: &str,
        hint: Option<String>,
    ) {
        if !self.on(rule) {
            return;
        }
        self.evaluated += 1;
        match c.verdict {
            Verdict::Exact => {}
            Verdict::WithinRounding => {
                let line = format!(
                    "{}（{rule}，差额 {}，容差 {}）",
                    place.describe(),
                    c.difference.normalize(),
                    c.tolerance
                );
                self.rounding
                    .entry(place.table.clone())
                    .or_default()
                    .push(line);
            }
            Verdict::Inconsistent => self
                .findings
                .push(Finding::from_comparison(rule, place, c, basis, hint)),
        }
    }

    /// Records a difference that rounding explains only for a reason the comparison itself
    /// cannot see (shares rounded so that they add up to 100%): a line of the rounding
    /// summary that states the reason.
    pub(crate) fn explained(&mut self, rule: &str, place: Place, c: &Comparison, why: &str) {
        if !self.on(rule) {
            return;
        }
        self.evaluated += 1;
        let line = format!(
            "{}（{rule}，差额 {}：{why}）",
            place.describe(),
            c.difference.normalize()
        );
        self.rounding
            .entry(place.table.clone())
            .or_default()
            .push(line);
    }

    /// Records the result of a check function.
    pub(crate) fn check(
        &mut self,
        rule: &str,
        place: Place,
        result: Result<Comparison, Blocker>,
        basis: &str,
    ) {
        match result {
            Ok(c) => self.compared(rule, place, &c, basis, None),
            Err(b) => self.blocked(rule, place, &b),
        }
    }

    /// Like [`Collector::check`], but builds the place and the basis only when there is
    /// something to report (most comparisons are exact).
    pub(crate) fn check_with(
        &mut self,
        rule: &str,
        result: Result<Comparison, Blocker>,
        place: impl FnOnce() -> Place,
        basis: impl FnOnce() -> String,
    ) {
        match result {
            Ok(c) if c.verdict == Verdict::Exact => self.passed(rule),
            Ok(c) => self.compared(rule, place(), &c, &basis(), None),
            Err(b) => self.blocked(rule, place(), &b),
        }
    }

    pub(crate) fn blocked(&mut self, rule: &str, place: Place, blocker: &Blocker) {
        if self.on(rule) {
            self.findings.push(Finding::blocked(rule, place, blocker));
        }
    }

    pub(crate) fn warn(&mut self, rule: &str, place: Place, text: String) {
        if self.on(rule) {
            self.evaluated += 1;
            self.findings.push(Finding::warning(rule, place, text));
        }
    }

    /// Records that a rule was evaluated and held (for the count of checks made).
    pub(crate) fn passed(&mut self, rule: &str) {
        if self.on(rule) {
            self.evaluated += 1;
        }
    }

    pub(crate) fn push(&mut self, finding: Finding) {
        if self.on(&finding.rule) {
            self.evaluated += 1;
            self.findings.push(finding);
        }
    }

    fn finish(mut self, doc: &Document) -> Report {
        self.findings.sort_by_key(|f| f.severity);
        for (table, lines) in std::mem::take(&mut self.rounding) {
            let label = table.clone().unwrap_or_else(|| "情况说明".into());
            self.findings.push(Finding {
                rule: "rounding.summary".into(),
                severity: Severity::Info,
                table,
                code: None,
                name: None,
                column: None,
                reported: None,
                expected: None,
                difference: None,
                tolerance: None,
                message: format!(
                    "[rounding.summary] {label}：{} 处差异在舍入容差内（尾差），不构成错误：{}",
                    lines.len(),
                    lines.join("；")
                ),
                table_name: None,
                page: None,
            });
        }
        Report::new(&doc.meta, self.findings, self.evaluated)
    }
}

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests;
