use crate::disclosure::{Meta, PrintedTable, TableState};
use crate::finding::{Finding, Rule, Severity};
use std::fmt::Write;

/// Who and what a report is about: department, year, kind, template and the tables as
/// printed.
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions, DocumentInfo};
/// let doc = cn_budget::disclosure::Document::embedded()?;
/// let info = audit(doc, &AuditOptions::default()).document;
/// assert_eq!(info.department, "武汉市洪山区财政局");
/// assert_eq!(info.reporting_unit, "武汉市洪山区财政局本级");
/// assert_eq!((info.year, info.edition, info.unit.as_str()), (2024, 2024, "万元"));
/// assert_eq!((info.kind.as_str(), info.template.as_str()), ("决算", "公开01–09表"));
/// assert_eq!(info.tables.len(), 9);
/// assert_eq!(info.tables[6].title, "公开07表 政府性基金预算财政拨款收入支出决算表");
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
    /// What the document accounts for: 决算.
    #[cfg_attr(feature = "serde", serde(default))]
    pub kind: String,
    /// The template recognised (公开01–09表, 表1–表9, 一至九表, 高等学校四表 …).
    #[cfg_attr(feature = "serde", serde(default))]
    pub template: String,
    /// The tables as printed, then those of the nine not printed.
    #[cfg_attr(feature = "serde", serde(default))]
    pub tables: Vec<TableInfo>,
}

/// One table of the report's document: its canonical id, the name the document prints,
/// its page and what became of it.
///
/// ```
/// use cn_budget::audit::TableInfo;
/// use cn_budget::disclosure::{PrintedTable, TableId, TableState};
/// let printed = PrintedTable {
///     id: Some(TableId::T09),
///     label: Some("七、".into()),
///     title: "财政拨款“三公”经费支出决算表".into(),
///     page: 14,
///     state: TableState::Empty,
/// };
/// let info = TableInfo::from(&printed);
/// assert_eq!(info.id.as_deref(), Some("公开09表"));
/// assert_eq!(info.title, "七、财政拨款“三公”经费支出决算表");
/// assert_eq!(info.reference.as_deref(), Some("七、财政拨款“三公”经费支出决算表（公开09表）"));
/// assert_eq!(info.state, TableState::Empty);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TableInfo {
    /// The canonical label of the table of the nine it is (公开09表), or of the budget table
    /// it is (收支总表, see [`crate::disclosure::BudgetTableId`]); `None` for a table of
    /// another template that is none of them.
    pub id: Option<String>,
    /// The title as the document prints it, with its label (表7 …, 七、…).
    pub title: String,
    /// The label alone (公开09表, 表7, 七、), if the document prints one.
    pub label: Option<String>,
    /// The page it starts on (0 when unknown or not printed).
    pub page: usize,
    /// Read, printed empty, unreadable, not printed, or none of the nine.
    pub state: TableState,
    /// How findings name it when the document does not print the canonical label:
    /// 「表7 …（公开09表）」.
    pub reference: Option<String>,
}

impl From<&PrintedTable> for TableInfo {
    fn from(t: &PrintedTable) -> TableInfo {
        TableInfo {
            id: t.id.map(|id| id.label().to_owned()).or_else(|| {
                crate::disclosure::BudgetTableId::from_title(&t.title).map(|b| b.label().to_owned())
            }),
            title: t.name(),
            label: t.label.clone(),
            page: t.page,
            state: t.state,
            reference: t.reference(),
        }
    }
}

impl From<&Meta> for DocumentInfo {
    fn from(m: &Meta) -> DocumentInfo {
        DocumentInfo {
            department: m.department.clone(),
            reporting_unit: m.reporting_unit.clone(),
            year: m.year,
            unit: m.unit.name().to_owned(),
            edition: m.edition,
            kind: m.kind.name().to_owned(),
            template: m.template.name().to_owned(),
            tables: m.tables.iter().map(TableInfo::from).collect(),
        }
    }
}

impl DocumentInfo {
    /// Who and what: 「上海市普陀区财政局 2024 年度部门决算（一至九表）」 (the reporting unit
    /// when no department was found).
    ///
    /// ```
    /// use cn_budget::audit::DocumentInfo;
    /// let info = DocumentInfo::from(&cn_budget::disclosure::Document::embedded()?.meta);
    /// assert_eq!(info.headline(), "武汉市洪山区财政局 2024 年度部门决算（公开01–09表）");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn headline(&self) -> String {
        let who = [&self.department, &self.reporting_unit]
            .into_iter()
            .find(|s| !s.is_empty())
            .map_or("（部门未识别）", String::as_str);
        let template = if self.template.is_empty() {
            String::new()
        } else {
            format!("（{}）", self.template)
        };
        format!("{who} {} 年度部门{}{template}", self.year, self.kind)
    }

    /// Names each finding's table as the document does (see [`TableInfo::reference`]).
    fn name_tables(&self, findings: &mut [Finding]) {
        for t in &self.tables {
            if let (Some(id), Some(reference)) = (&t.id, &t.reference) {
                findings
                    .iter_mut()
                    .for_each(|f| f.name_table(id, reference, t.page));
            }
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
        let mut more: Vec<Finding> = findings.into_iter().collect();
        self.document.name_tables(&mut more);
        self.findings.extend(more);
        self.findings.sort_by_key(|f| f.severity);
    }

    /// The report of a document's findings (ordered errors, warnings, info), each table
    /// named as the document names it.
    pub(crate) fn new(meta: &Meta, mut findings: Vec<Finding>, evaluated: usize) -> Report {
        let document = DocumentInfo::from(meta);
        document.name_tables(&mut findings);
        findings.sort_by_key(|f| f.severity);
        Report {
            document,
            findings,
            evaluated,
        }
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
    /// assert_eq!(text.lines().next(), Some("武汉市洪山区财政局 2024 年度部门决算（公开01–09表）审核报告"));
    /// let errors = format!("错误（舍入无法解释的矛盾）：{} 项", report.count(Severity::Error));
    /// assert!(text.contains(&errors));
    /// assert!(text.contains(&format!("  1. {}", report.findings[0])));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_text(&self) -> String {
        let d = &self.document;
        let mut s = String::new();
        let _ = writeln!(s, "{}审核报告", d.headline());
        let names = if self.findings.iter().any(|f| f.rule == Rule::AuditCatalog) {
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
                let _ = writeln!(s, "{:>3}. {f}", i + 1);
            }
        }
        s
    }
}
