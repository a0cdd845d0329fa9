//! What kind of document it is, which template it follows, and its tables as printed.
//!
//! A 部门决算 is published in one of several templates: the national nine tables labelled
//! 公开01表 … 公开09表, regional variants that number the same tables 表1 … 表9 or 一、… 九、
//! (often in another order: 七 三公, 八 政府性基金, 九 国有资本经营), and the four-table template
//! of 高等学校 (表1 高等学校收支决算总表 … 表4 高等学校财政拨款支出决算表). The template is decided
//! from the tables a document prints — their titles and labels — never from a file name.

use super::TableId;
use std::fmt;

/// What a document accounts for.
///
/// ```
/// use cn_budget::disclosure::Kind;
/// assert_eq!(Kind::Final.name(), "决算");
/// assert_eq!(Kind::Budget.name(), "预算");
/// assert_eq!(Kind::default(), Kind::Final);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Kind {
    /// 决算: the final accounts of a year (部门决算).
    #[default]
    Final,
    /// 预算: the budget of a year (部门预算, 单位预算, 部门综合预算).
    Budget,
}

impl Kind {
    /// The Chinese name: 决算 or 预算.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Final => "决算",
            Kind::Budget => "预算",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The template of a document, recognised from the tables it prints.
///
/// ```
/// use cn_budget::disclosure::{Template, TableId};
/// assert_eq!(Template::National.name(), "公开01–09表");
/// assert!(Template::Listed.has(TableId::T08));
/// // The university template has no counterpart of 公开04–09表.
/// assert!(Template::University.has(TableId::T03));
/// assert!(!Template::University.has(TableId::T09));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Template {
    /// The national nine tables, labelled 公开01表 … 公开09表.
    National,
    /// The nine tables labelled 表1 … 表9 (regional; Guangdong), in the document's order.
    Numbered,
    /// The nine tables numbered 一、… 九、 in the 目录 and printed without a label
    /// (regional; Shanghai: 七 三公, 八 政府性基金, 九 国有资本经营).
    Listed,
    /// The nine tables printed without any label or number.
    #[default]
    Unlabelled,
    /// The four tables of 高等学校 (see [`UNIVERSITY_TABLES`]).
    University,
    /// The tables of a 部门预算 (see [`super::BudgetTableId`]): none of the nine 决算 tables.
    Budget,
}

/// The tables of the 高等学校 template, with the table of the nine each corresponds to
/// (表4, the 财政拨款 expenditure of every budget, corresponds to none).
///
/// ```
/// use cn_budget::disclosure::{TableId, UNIVERSITY_TABLES};
/// assert_eq!(UNIVERSITY_TABLES[1], ("高等学校收入决算表", Some(TableId::T02)));
/// assert_eq!(UNIVERSITY_TABLES[3].1, None);
/// ```
pub const UNIVERSITY_TABLES: [(&str, Option<TableId>); 4] = [
    ("高等学校收支决算总表", Some(TableId::T01)),
    ("高等学校收入决算表", Some(TableId::T02)),
    ("高等学校支出决算表", Some(TableId::T03)),
    ("高等学校财政拨款支出决算表", None),
];

/// The 高等学校 table a title names (it ends with one of [`UNIVERSITY_TABLES`], spaces
/// ignored): `Some(id)` with the table of the nine it corresponds to, if any. Part of the
/// readers' vocabulary of printed titles (crate-private).
pub(crate) fn university_table(title: &str) -> Option<Option<TableId>> {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    UNIVERSITY_TABLES
        .iter()
        .filter(|(name, _)| t.ends_with(name))
        .max_by_key(|(name, _)| name.len())
        .map(|&(_, id)| id)
}

impl Template {
    /// The Chinese name used in reports.
    ///
    /// ```
    /// use cn_budget::disclosure::Template;
    /// assert_eq!(Template::University.name(), "高等学校四表");
    /// assert_eq!(Template::Listed.name(), "一至九表");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Template::National => "公开01–09表",
            Template::Numbered => "表1–表9",
            Template::Listed => "一至九表",
            Template::Unlabelled => "九表，无表号",
            Template::University => "高等学校四表",
            Template::Budget => "部门预算表",
        }
    }

    /// Whether the template has a counterpart of this table of the nine.
    pub fn has(self, id: TableId) -> bool {
        match self {
            Template::University => UNIVERSITY_TABLES.iter().any(|&(_, t)| t == Some(id)),
            Template::Budget => false,
            _ => true,
        }
    }

    /// Recognises the template from the tables a document prints: a 高等学校 title makes it
    /// [`Template::University`]; otherwise the labels most tables print decide (公开NN表,
    /// 表N, or a list number 七、 from the 目录).
    ///
    /// ```
    /// use cn_budget::disclosure::{PrintedTable, TableState, Template, TableId};
    /// let t = |label: &str, title: &str, id| PrintedTable {
    ///     id, label: Some(label.into()), title: title.into(), page: 0, state: TableState::Read,
    /// };
    /// let shanghai = [t("七、", "财政拨款“三公”经费支出决算表", Some(TableId::T09))];
    /// assert_eq!(Template::recognise(&shanghai), Template::Listed);
    /// let swu = [t("表4", "高等学校财政拨款支出决算表", None)];
    /// assert_eq!(Template::recognise(&swu), Template::University);
    /// assert_eq!(Template::recognise(&[]), Template::Unlabelled);
    /// ```
    pub fn recognise(tables: &[PrintedTable]) -> Template {
        if tables.iter().any(|t| university_table(&t.title).is_some()) {
            return Template::University;
        }
        let printed = tables.iter().filter(|t| t.state != TableState::NotPrinted);
        let mut counts = [0usize; 3];
        for label in printed.filter_map(|t| t.label.as_deref()) {
            match LabelStyle::of(label) {
                Some(LabelStyle::National) => counts[0] += 1,
                Some(LabelStyle::Numbered) => counts[1] += 1,
                Some(LabelStyle::Listed) => counts[2] += 1,
                None => {}
            }
        }
        let best = counts.iter().copied().max().unwrap_or(0);
        match counts.iter().position(|&n| n == best && n > 0) {
            Some(0) => Template::National,
            Some(1) => Template::Numbered,
            Some(2) => Template::Listed,
            _ => Template::Unlabelled,
        }
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The style of a printed label.
enum LabelStyle {
    National,
    Numbered,
    Listed,
}

impl LabelStyle {
    fn of(label: &str) -> Option<LabelStyle> {
        if label.starts_with("公开") {
            Some(LabelStyle::National)
        } else if label.starts_with('表') {
            Some(LabelStyle::Numbered)
        } else if !label.is_empty() {
            Some(LabelStyle::Listed)
        } else {
            None
        }
    }
}

/// What became of a table of the document.
///
/// ```
/// use cn_budget::disclosure::TableState;
/// assert_eq!(TableState::Empty.name(), "空表");
/// assert_eq!(TableState::NotPrinted.token(), "not_printed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum TableState {
    /// Printed and read.
    Read,
    /// Printed empty, with a statement that the department has none of its funds
    /// (「本部门…无…」, 「…本年度没有…故本表无数据」).
    Empty,
    /// Printed, but it could not be read reliably (an `ingest.table` finding says why).
    Unreadable,
    /// Not printed in this document.
    NotPrinted,
    /// Printed, but none of the nine tables (高等学校 表4): recognised, not read.
    NoCounterpart,
    /// A table of a 部门预算 recognised by its title and listed, whose rows are not typed
    /// (a table without codes, such as the “三公” table).
    Recognised,
}

impl TableState {
    /// The Chinese name: 已读取, 空表, 无法读取, 未印出, 无对应公开表, 已识别，未按行读取.
    pub const fn name(self) -> &'static str {
        match self {
            TableState::Read => "已读取",
            TableState::Empty => "空表",
            TableState::Unreadable => "无法读取",
            TableState::NotPrinted => "未印出",
            TableState::NoCounterpart => "无对应公开表",
            TableState::Recognised => "已识别，未按行读取",
        }
    }

    /// The token of the JSON report: read, empty, unreadable, not_printed, no_counterpart,
    /// recognised.
    pub const fn token(self) -> &'static str {
        match self {
            TableState::Read => "read",
            TableState::Empty => "empty",
            TableState::Unreadable => "unreadable",
            TableState::NotPrinted => "not_printed",
            TableState::NoCounterpart => "no_counterpart",
            TableState::Recognised => "recognised",
        }
    }
}

/// A table of the document as printed: the table of the nine it is (if any), its label and
/// title as printed, its page and what became of it.
///
/// ```
/// use cn_budget::disclosure::{PrintedTable, TableId, TableState};
/// let t = PrintedTable {
///     id: Some(TableId::T09),
///     label: Some("表7".into()),
///     title: "一般公共预算财政拨款“三公”经费支出决算表".into(),
///     page: 21,
///     state: TableState::Read,
/// };
/// assert_eq!(t.name(), "表7 一般公共预算财政拨款“三公”经费支出决算表");
/// assert_eq!(t.reference().as_deref(), Some("表7 一般公共预算财政拨款“三公”经费支出决算表（公开09表）"));
/// // A table labelled as the canonical id is named by it alone.
/// let national = PrintedTable { label: Some("公开09表".into()), ..t };
/// assert_eq!(national.reference(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PrintedTable {
    /// The table of the nine it is, `None` for a table of another template (高等学校 表4).
    pub id: Option<TableId>,
    /// The label printed with it (公开07表, 表7, 七、), white space removed.
    pub label: Option<String>,
    /// The title as printed, without label, year or continuation mark (the standard title
    /// of a table not printed).
    pub title: String,
    /// The page it starts on (from 1; 0 when unknown).
    pub page: usize,
    /// What became of it.
    pub state: TableState,
}

impl PrintedTable {
    /// The table as the document names it: label and title (「表7 …」, 「七、…」).
    pub fn name(&self) -> String {
        match self.label.as_deref() {
            Some(l) if l.ends_with(['、', '）', ')']) => format!("{l}{}", self.title),
            Some(l) => format!("{l} {}", self.title),
            None => self.title.clone(),
        }
    }

    /// How findings name the table when the document does not call it by its canonical id:
    /// 「表7 财政拨款“三公”经费支出决算表（公开09表）」; `None` when the document prints the
    /// canonical label (公开09表) or the table is none of the nine and no budget table; a
    /// budget table is named with the budget table it is: 「表1 部门综合预算收支总表（收支总表）」
    /// (`None` when its printed name is already that).
    pub fn reference(&self) -> Option<String> {
        let Some(id) = self.id else {
            let budget = super::BudgetTableId::from_title(&self.title)?;
            let name = self.name();
            return (name != budget.label()).then(|| format!("{name}（{}）", budget.label()));
        };
        (self.label.as_deref() != Some(id.label()))
            .then(|| format!("{}（{}）", self.name(), id.label()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn university_titles_name_their_table() {
        assert_eq!(
            university_table("高等学校收支决算总表"),
            Some(Some(TableId::T01))
        );
        // Not 公开03表 although it ends with 支出决算表.
        assert_eq!(university_table("高等学校财政拨款支出决算表"), Some(None));
        assert_eq!(university_table("支出决算表"), None);
    }
}
