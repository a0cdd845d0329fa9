use super::finding::{Finding, Severity};
use crate::disclosure::Meta;
use std::fmt::Write;

/// Who and what a report is about.
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions, DocumentInfo};
/// let doc = cn_budget::disclosure::Document::embedded()?;
/// let info = audit(doc, &AuditOptions::default()).document;
/// assert_eq!(info.department, "武汉市洪山区财政局");
/// assert_eq!(info.reporting_unit, "武汉市洪山区财政局本级");
/// assert_eq!((info.year, info.edition, info.unit.as_str()), (2024, 2024, "万元"));
/// assert_eq!(DocumentInfo::from(&doc.meta), info);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DocumentInfo {
    /// The department.
    pub department: String,
    /// The reporting unit.
    pub reporting_unit: String,
    /// The fiscal year.
    pub year: u16,
    /// The amount unit (万元 …).
    pub unit: String,
    /// The classification edition used for names.
    pub edition: u16,
}

impl From<&Meta> for DocumentInfo {
    fn from(m: &Meta) -> DocumentInfo {
        DocumentInfo {
            department: m.department.clone(),
            reporting_unit: m.reporting_unit.clone(),
            year: m.year,
            unit: m.unit.name().to_owned(),
            edition: m.edition,
        }
    }
}

/// The result of [`crate::audit::audit`]: errors first, then warnings, then one rounding
/// summary per table.
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions, Severity};
/// let report = audit(cn_budget::disclosure::Document::embedded()?, &AuditOptions::default());
/// assert!(report.count(Severity::Error) > 0);
/// assert!(report.to_text().contains("计划生育事务"), "the 21007 error is in the text");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    /// The document audited.
    pub document: DocumentInfo,
    /// The findings, ordered by severity.
    pub findings: Vec<Finding>,
    /// How many comparisons and checks were evaluated.
    pub evaluated: usize,
}

impl Report {
    /// Adds findings from elsewhere (e.g. [`crate::ingest::Ingested::problems`]), keeping the
    /// order errors, warnings, info.
    ///
    /// ```
    /// use cn_budget::audit::{audit, AuditOptions, Severity};
    /// let doc = cn_budget::disclosure::Document::embedded()?;
    /// let mut report = audit(doc, &AuditOptions::default());
    /// let before = report.count(Severity::Warning);
    /// let again = audit(doc, &AuditOptions::default());
    /// report.merge(again.findings.into_iter().filter(|f| f.severity == Severity::Warning));
    /// assert_eq!(report.count(Severity::Warning), 2 * before);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, findings: impl IntoIterator<Item = Finding>) {
        self.findings.extend(findings);
        self.findings.sort_by_key(|f| f.severity);
    }

    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The report as Chinese text: a header, the errors, the warnings, then one line per
    /// table summarising differences within rounding.
    ///
    /// ```
    /// use cn_budget::audit::{audit, AuditOptions, Severity};
    /// let report = audit(cn_budget::disclosure::Document::embedded()?, &AuditOptions::default());
    /// let text = report.to_text();
    /// assert_eq!(text.lines().next(), Some("武汉市洪山区财政局本级 2024 年度部门决算审核报告"));
    /// let errors = format!("错误（舍入无法解释的矛盾）：{} 项", report.count(Severity::Error));
    /// assert!(text.contains(&errors));
    /// assert!(text.contains(&format!("  1. {}", report.findings[0].message)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_text(&self) -> String {
        let d = &self.document;
        let mut s = String::new();
        let _ = writeln!(s, "{} {} 年度部门决算审核报告", d.reporting_unit, d.year);
        let names = if self.findings.iter().any(|f| f.rule == "audit.catalog") {
            format!("无 {} 年版科目目录，科目名称未核对", d.edition)
        } else {
            format!("科目名称按 {} 年版《政府收支分类科目》核对", d.edition)
        };
        let _ = writeln!(
            s,
            "（金额单位：{}；{names}；共执行 {} 项校验）",
            d.unit, self.evaluated
        );
        for (severity, title) in [
            (Severity::Error, "错误（舍入无法解释的矛盾）"),
            (Severity::Warning, "警告（名称、层级、格式或结构问题）"),
            (Severity::Info, "尾差（舍入差异，非错误）"),
        ] {
            let items: Vec<&Finding> = self
                .findings
                .iter()
                .filter(|f| f.severity == severity)
                .collect();
            let _ = writeln!(s, "\n{title}：{} 项", items.len());
            for (i, f) in items.iter().enumerate() {
                let _ = writeln!(s, "{:>3}. {}", i + 1, f.message);
            }
        }
        s
    }
}
