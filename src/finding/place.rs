//! Where a finding is: a table and a row, code and column in it, a narrative claim, or the
//! whole document.

use crate::disclosure::TableId;
use std::fmt;

/// Where a finding is: a table (by its id) and a row or code and a column in it, a narrative
/// claim or name path (no table), or the whole document.
///
/// It prints (`Display`) as a finding's message names it: the table as the document names it,
/// the code and name, the claim, the column in brackets; 「情况说明」 for the narrative,
/// 「全文」 for the whole document, the pages (「第3页、第7页」) for lines found on pages
/// (see [`Scope`]).
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions};
/// use cn_budget::finding::{Place, Scope, TableRef};
/// use cn_budget::disclosure::TableId;
/// let report = audit(cn_budget::disclosure::Document::embedded()?, &AuditOptions::default());
/// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
/// let place: &Place = &f.place;
/// assert_eq!(place.table, Some(TableRef::Disclosure(TableId::T02)));
/// assert_eq!(place.name.as_deref(), Some("行政事业单位医疗"));
/// assert_eq!(place.to_string(), "公开02表 21011 行政事业单位医疗 [本年收入合计]");
/// // A narrative finding has no table.
/// let n = report.findings.iter().find(|f| f.place.table.is_none() && f.place.scope == Scope::Part).unwrap();
/// assert!(n.place.to_string().starts_with("情况说明"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Place {
    /// The table (公开01表 …, or a 部门预算's table by its printed title), or `None` for the
    /// narrative (情况说明) or the whole document ([`Place::scope`]).
    pub table: Option<TableRef>,
    /// The row code or label (`2010601`, `合计`); for a narrative claim, the code of the 类
    /// or 项 it is about, for a name path its id (`n031`).
    pub code: Option<String>,
    /// The row's printed name, or what a narrative claim is about (行政运行, 机关运行经费 …).
    pub name: Option<String>,
    /// The column heading.
    pub column: Option<String>,
    /// The narrative claim a finding is about: its id, section and quote (「…」).
    pub claim: Option<String>,
    /// The table as the document names it, with the canonical label
    /// (「表7 一般公共预算财政拨款“三公”经费支出决算表（公开09表）」), when the document does not
    /// print the canonical label (`table` keeps it); `None` otherwise.
    pub table_name: Option<String>,
    /// The page the finding is about, from 1, when the input had pages: the page its table
    /// starts on, or the page a reading problem was met on; `None` otherwise.
    pub page: Option<usize>,
    /// A part of the document (the table, or the narrative when there is none: the
    /// default), the whole document, or lines printed on some pages.
    pub scope: Scope,
}

impl Place {
    /// The table's label ([`TableRef::label`]), if the place is in a table.
    ///
    /// ```
    /// use cn_budget::finding::Place;
    /// use cn_budget::disclosure::TableId;
    /// let mut place = Place::default();
    /// assert_eq!(place.table_label(), None);
    /// place.table = Some(TableId::T05.into());
    /// assert_eq!(place.table_label(), Some("公开05表"));
    /// ```
    pub fn table_label(&self) -> Option<&str> {
        self.table.as_ref().map(TableRef::label)
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.scope {
            Scope::Part => {}
            Scope::Pages(pages) if !pages.is_empty() => {
                let pages: Vec<String> = pages.iter().map(|p| format!("第{p}页")).collect();
                return f.write_str(&pages.join("、"));
            }
            Scope::Document | Scope::Pages(_) => return f.write_str("全文"),
        }
        let mut parts = Vec::new();
        match &self.table {
            // The document's own name of the table stands in for the canonical label.
            Some(t) => parts.push(self.table_name.as_deref().unwrap_or(t.label()).to_owned()),
            None => parts.push("情况说明".into()),
        }
        let name = self.name.as_ref().filter(|n| !n.is_empty());
        match (&self.code, name) {
            (Some(c), Some(n)) => parts.push(format!("{c} {n}")),
            (Some(c), None) => parts.push(c.clone()),
            (None, Some(n)) => parts.push(n.clone()),
            (None, None) => {}
        }
        if let Some(c) = &self.claim {
            parts.push(c.clone());
        }
        if let Some(c) = self.column.as_ref().filter(|c| !c.is_empty()) {
            parts.push(format!("[{c}]"));
        }
        parts.retain(|p| !p.trim().is_empty());
        f.write_str(&parts.join(" "))
    }
}

/// What a place is in: a part of the document (a table, or the narrative), the whole
/// document, or lines the document prints on some pages.
///
/// ```
/// use cn_budget::finding::{Place, Scope};
/// let mut place = Place::default();
/// assert_eq!((place.scope.clone(), place.to_string()), (Scope::Part, "情况说明".to_owned()));
/// place.scope = Scope::Document;
/// assert_eq!(place.to_string(), "全文");
/// place.scope = Scope::Pages(vec![1, 3]);
/// assert_eq!(place.to_string(), "第1页、第3页");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
#[non_exhaustive]
pub enum Scope {
    /// The table of [`Place::table`], or the narrative (情况说明) when there is none.
    #[default]
    Part,
    /// The whole document (全文): its template, its set of tables.
    Document,
    /// What the document prints on these pages (第3页、第7页), wherever it is: a heading
    /// printed in the 目录 and over its part, a date. No pages: the whole document.
    Pages(Vec<usize>),
}

/// The table a finding is about: one of the nine tables of a 决算 by its id, or a table of a
/// 部门预算 by its title as printed (the budget templates number and name their tables in
/// many ways; the printed title is what a reader finds on the page).
///
/// ```
/// use cn_budget::finding::TableRef;
/// use cn_budget::disclosure::TableId;
/// assert_eq!(TableRef::from(TableId::T09).label(), "公开09表");
/// assert_eq!(TableRef::Budget("表2 部门收入总表".into()).label(), "表2 部门收入总表");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum TableRef {
    /// One of the nine tables of a 部门决算.
    Disclosure(TableId),
    /// A table of a 部门预算, by its printed title.
    Budget(String),
}

impl TableRef {
    /// The canonical label of a 决算 table (公开09表), or a budget table's printed title.
    ///
    /// ```
    /// use cn_budget::finding::TableRef;
    /// use cn_budget::disclosure::TableId;
    /// assert_eq!(TableRef::Disclosure(TableId::T02).label(), "公开02表");
    /// ```
    pub fn label(&self) -> &str {
        match self {
            TableRef::Disclosure(id) => id.label(),
            TableRef::Budget(title) => title,
        }
    }

    /// The table a label names: a canonical label (公开01表 … 公开09表) is that table of a
    /// 决算, anything else a budget table's title. (A budget table is recognised by words of
    /// its title such as 收支, 收入 or 支出, so no budget title is a canonical label.)
    #[cfg(feature = "serde")]
    pub(crate) fn from_label(label: &str) -> TableRef {
        TableId::ALL
            .into_iter()
            .find(|id| id.label() == label)
            .map_or_else(|| TableRef::Budget(label.to_owned()), TableRef::Disclosure)
    }
}

impl From<TableId> for TableRef {
    fn from(id: TableId) -> TableRef {
        TableRef::Disclosure(id)
    }
}
