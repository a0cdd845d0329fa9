//! The audit of a 部门决算公开: every identity of the nine tables and the narrative as an
//! executable rule with a stable id, evaluated with the interval model of [`crate::check`].
//!
//! ```
//! use cn_budget::audit::{audit, AuditOptions, Rule, Severity};
//! use cn_budget::disclosure::Document;
//! let report = audit(Document::embedded()?, &AuditOptions::default());
//! let errors: Vec<_> = report.findings.iter().filter(|f| f.severity == Severity::Error).collect();
//! // 公开02表 prints 21007 计划生育事务 as 5.08 but its only 项 as 5.09.
//! assert!(errors.iter().any(|f| f.rule == Rule::T02Hierarchy && f.code() == Some("21007")));
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

pub use crate::finding::{
    Evidence, Finding, Place, Rule, RuleInfo, Scope, Severity, TableRef, UnknownRule, RULES,
};
pub use cross::{builtin_cross_rules, three_costs_bounds, CellRef, CrossRule, RowRef};
pub use report::{DocumentInfo, Report, TableInfo};

use crate::check::{Blocker, Comparison, Verdict};
use crate::disclosure::Document;
use crate::Rounding;
use std::collections::{BTreeMap, BTreeSet};

/// What an audit checks and how.
///
/// ```
/// use cn_budget::audit::{AuditOptions, Rule};
/// let mut options = AuditOptions::default();
/// options.disabled.insert(Rule::NarrativeShare);
/// assert!(!options.is_enabled(&Rule::NarrativeShare));
/// // By id, as a command line gives it: an id that names no rule is an error.
/// options.disable("n.sum")?;
/// assert!(!options.is_enabled(&Rule::NarrativeSum));
/// assert!(options.disable("n.shares").is_err());
/// # Ok::<(), cn_budget::audit::UnknownRule>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct AuditOptions {
    /// How the publisher rounded (四舍五入 by default).
    pub rounding: Rounding,
    /// Rules not to evaluate.
    pub disabled: BTreeSet<Rule>,
    /// Additional cross-table identities, evaluated like the built-in ones.
    pub extra: Vec<CrossRule>,
}

impl AuditOptions {
    /// Whether a rule is enabled.
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        !self.disabled.contains(rule)
    }

    /// Switches off the rule of an id: a built-in rule, or a rule of [`AuditOptions::extra`].
    /// An id that names neither is an error.
    pub fn disable(&mut self, id: &str) -> Result<(), UnknownRule> {
        let rule = id.parse::<Rule>().or_else(|e| {
            self.extra
                .iter()
                .find(|r| r.id.as_str() == id)
                .map(|r| r.id.clone())
                .ok_or(e)
        })?;
        self.disabled.insert(rule);
        Ok(())
    }
}

/// Audits a document: every enabled rule, findings ordered errors, warnings, then one
/// rounding summary per table.
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions, Rule, Severity};
/// use cn_budget::disclosure::Document;
/// let doc = Document::embedded()?;
/// let report = audit(doc, &AuditOptions::default());
/// assert!(report.findings.windows(2).all(|w| w[0].severity <= w[1].severity));
/// assert_eq!(report.findings.last().map(|f| f.rule.as_str()), Some("rounding.summary"));
/// let hierarchy = |r: &cn_budget::audit::Report| r.findings.iter().filter(|f| f.rule == Rule::T02Hierarchy && f.severity == Severity::Error).count();
/// // 21007 and 21011, each in 本年收入合计 and 财政拨款收入.
/// assert_eq!(hierarchy(&report), 4);
///
/// // A disabled rule is neither evaluated nor reported.
/// let mut options = AuditOptions::default();
/// options.disabled.insert(Rule::T02Hierarchy);
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
            Rule::AuditCatalog,
            Place::default(),
            format!(
                "未内嵌 {} 年版《政府收支分类科目》，类名称与名称路径的核对未执行",
                doc.meta.edition
            ),
        );
    }
    if doc.meta.kind == crate::disclosure::Kind::Budget {
        budget::run(doc, &mut out);
        narrative::run(doc, catalog, &mut out);
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
    rounding: BTreeMap<Option<TableRef>, Vec<String>>,
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

    pub(crate) fn on(&self, rule: &Rule) -> bool {
        self.options.is_enabled(rule)
    }

    pub(crate) fn rounding(&self) -> Rounding {
        self.options.rounding
    }

    /// Records an evaluated comparison: an error if inconsistent, a line of the table's
    /// rounding summary if within rounding, nothing more if exact.
    pub(crate) fn compared(
        &mut self,
        rule: Rule,
        place: Place,
        c: &Comparison,
        basis: &str,
        hint: Option<String>,
    ) {
        if !self.on(&rule) {
            return;
        }
        self.evaluated += 1;
        match c.verdict {
            Verdict::Exact => {}
            Verdict::WithinRounding => {
                let line = format!(
                    "{place}（{rule}，差额 {}，容差 {}）",
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
    pub(crate) fn explained(&mut self, rule: Rule, place: Place, c: &Comparison, why: &str) {
        if !self.on(&rule) {
            return;
        }
        self.evaluated += 1;
        let line = format!(
            "{place}（{rule}，差额 {}：{why}）",
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
        rule: Rule,
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
        rule: Rule,
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

    pub(crate) fn blocked(&mut self, rule: Rule, place: Place, blocker: &Blocker) {
        if self.on(&rule) {
            self.findings.push(Finding::blocked(rule, place, blocker));
        }
    }

    pub(crate) fn warn(&mut self, rule: Rule, place: Place, text: String) {
        if self.on(&rule) {
            self.evaluated += 1;
            self.findings.push(Finding::warning(rule, place, text));
        }
    }

    /// Records that a rule was evaluated and held (for the count of checks made).
    pub(crate) fn passed(&mut self, rule: Rule) {
        if self.on(&rule) {
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
            let text = format!(
                "{} 处差异在舍入容差内（尾差），不构成错误：{}",
                lines.len(),
                lines.join("；")
            );
            let place = Place {
                table,
                ..Place::default()
            };
            self.findings.push(Finding::text(
                Rule::RoundingSummary,
                Severity::Info,
                place,
                text,
            ));
        }
        Report::new(&doc.meta, self.findings, self.evaluated)
    }
}

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests;
