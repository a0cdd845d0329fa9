//! The tables of a 部门预算 (budget), in the same document model as the 决算.
//!
//! A budget prints the budget version of the nine 决算 tables — 收支总表 (公开01表's
//! counterpart), 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表, 一般公共预算基本支出表,
//! 政府性基金预算支出表, 国有资本经营预算支出表 and the “三公”经费 table — and, depending on the
//! province and year, a few more (基本支出总表, 项目支出总表, 专项业务经费支出表, 结转资金支出表,
//! 政府采购支出表, 机关运行经费支出表). Names, numbering and order differ (表一…, 表1…, 公开01表 …,
//! 预算单位收入预算总表, 部门综合预算收支总表 …), so a table is identified by what its title
//! says, never by its number.
//!
//! Design: one reader and one document model. The page model and the table reader
//! (`ingest::layout`) cut a budget exactly as they cut a 决算; a budget table is a table of
//! another template (its `RawTable::id` is `None`, like 高等学校 表4) whose title names a
//! [`BudgetTableId`]. The typed budget tables live in [`crate::disclosure::Document::budget`]
//! next to the nine 决算 tables (which a budget leaves empty); their rows are the same
//! [`crate::check::Table`] keyed by functional or economic codes, with the columns the table's
//! own header prints, so the same interval checks audit them. [`BudgetTableId::counterpart`]
//! names the 决算 table each corresponds to.

use super::{SummaryTable, TableId};
use crate::check::Table;
use crate::codes::is_ideograph;
use crate::{Amount, EconomicCode, FunctionCode};
use std::fmt;

/// A table of a 部门预算, recognised from its title.
///
/// ```
/// use cn_budget::disclosure::{BudgetTableId, TableId};
/// let id = BudgetTableId::from_title("2021年部门综合预算一般公共预算支出明细表").unwrap();
/// assert_eq!(id, BudgetTableId::GeneralExpenditure);
/// assert_eq!(id.label(), "一般公共预算支出表");
/// assert_eq!(id.counterpart(), Some(TableId::T05));
/// // A 决算 title and a 绩效目标表 are not budget tables.
/// assert_eq!(BudgetTableId::from_title("收入支出决算总表"), None);
/// assert_eq!(BudgetTableId::from_title("项目支出绩效目标表"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum BudgetTableId {
    /// 收支总表 (部门收支总表, 财务收支预算总表): income on the left, expenditure on the right.
    Summary,
    /// 收入总表 (收入预算总表, 收入预算表).
    Income,
    /// 支出总表 (支出预算总表, 支出预算表): 合计 = 基本支出 + 项目支出 by functional code.
    Expenditure,
    /// 财政拨款收支总表.
    FiscalSummary,
    /// 财政拨款支出表 (功能科目; 高等学校 财政拨款支出预算表).
    FiscalExpenditure,
    /// 财政拨款基本支出表 (经济科目).
    FiscalBasic,
    /// 一般公共预算支出表 (一般公共预算支出功能分类预算表, …支出明细表).
    GeneralExpenditure,
    /// 一般公共预算基本支出表 (…基本支出部门预算经济分类预算表, …基本支出明细表).
    GeneralBasic,
    /// “三公”经费支出表 (with 会议费、培训费 or 机关运行经费 in some templates).
    ThreeCosts,
    /// 政府性基金预算支出表 (政府性基金收支表).
    GovernmentFund,
    /// 国有资本经营预算支出表.
    StateCapital,
    /// 基本支出总表.
    Basic,
    /// 项目支出总表, 专项业务经费支出表.
    Projects,
    /// 财政拨款结转资金支出表.
    Carryover,
    /// 政府采购支出表, 政府采购（资产配置、购买服务）预算表.
    Procurement,
    /// 机关运行经费支出表.
    OperatingCosts,
}

impl BudgetTableId {
    /// The name findings and reports use for the table (the central template's title).
    pub const fn label(self) -> &'static str {
        match self {
            BudgetTableId::Summary => "收支总表",
            BudgetTableId::Income => "收入总表",
            BudgetTableId::Expenditure => "支出总表",
            BudgetTableId::FiscalSummary => "财政拨款收支总表",
            BudgetTableId::FiscalExpenditure => "财政拨款支出表",
            BudgetTableId::FiscalBasic => "财政拨款基本支出表",
            BudgetTableId::GeneralExpenditure => "一般公共预算支出表",
            BudgetTableId::GeneralBasic => "一般公共预算基本支出表",
            BudgetTableId::ThreeCosts => "“三公”经费支出表",
            BudgetTableId::GovernmentFund => "政府性基金预算支出表",
            BudgetTableId::StateCapital => "国有资本经营预算支出表",
            BudgetTableId::Basic => "基本支出总表",
            BudgetTableId::Projects => "项目支出表",
            BudgetTableId::Carryover => "结转资金支出表",
            BudgetTableId::Procurement => "政府采购支出表",
            BudgetTableId::OperatingCosts => "机关运行经费支出表",
        }
    }

    /// The 决算 table this budget table is the budget version of, if any.
    pub const fn counterpart(self) -> Option<TableId> {
        match self {
            BudgetTableId::Summary => Some(TableId::T01),
            BudgetTableId::Income => Some(TableId::T02),
            BudgetTableId::Expenditure => Some(TableId::T03),
            BudgetTableId::FiscalSummary => Some(TableId::T04),
            BudgetTableId::GeneralExpenditure => Some(TableId::T05),
            BudgetTableId::GeneralBasic => Some(TableId::T06),
            BudgetTableId::GovernmentFund => Some(TableId::T07),
            BudgetTableId::StateCapital => Some(TableId::T08),
            BudgetTableId::ThreeCosts => Some(TableId::T09),
            _ => None,
        }
    }

    /// Whether the table's rows are keyed by economic codes (301 …) rather than functional
    /// ones.
    pub const fn is_economic(self) -> bool {
        matches!(
            self,
            BudgetTableId::GeneralBasic | BudgetTableId::FiscalBasic | BudgetTableId::Basic
        )
    }

    /// Whether the table's rows are classification codes with amounts, read into a
    /// [`Table`]: the functional and economic tables (收入总表, 支出总表, the 一般公共预算,
    /// 政府性基金 and 国有资本经营 tables, 财政拨款支出表, 基本支出 tables). The others (收支总表,
    /// “三公”, 政府采购, 项目 lists …) are not; a 收入总表 printed without codes and the “三公”
    /// table are read as [`LineTable`] lines.
    ///
    /// ```
    /// use cn_budget::disclosure::BudgetTableId;
    /// assert!(BudgetTableId::Expenditure.has_coded_rows());
    /// assert!(!BudgetTableId::Procurement.has_coded_rows());
    /// ```
    pub const fn has_coded_rows(self) -> bool {
        matches!(
            self,
            BudgetTableId::Income
                | BudgetTableId::Expenditure
                | BudgetTableId::FiscalExpenditure
                | BudgetTableId::FiscalBasic
                | BudgetTableId::GeneralExpenditure
                | BudgetTableId::GeneralBasic
                | BudgetTableId::GovernmentFund
                | BudgetTableId::StateCapital
                | BudgetTableId::Basic
        )
    }

    /// The budget table a title names (label, year, department and white space allowed
    /// around it), from the words of the title: which funds (一般公共预算, 政府性基金, 国有资本经营,
    /// 财政拨款), what (收支, 收入, 支出, 基本支出, 项目 …). A title that mentions 决算 or 绩效
    /// (performance targets, not amounts) names none, and it must end with 表 (a closing
    /// bracket after it allowed: 财政拨款基本支出表（经济科目）).
    ///
    /// ```
    /// use cn_budget::disclosure::BudgetTableId as B;
    /// assert_eq!(B::from_title("2025年预算单位财务收支预算总表"), Some(B::Summary));
    /// assert_eq!(B::from_title("西南大学收入预算表"), Some(B::Income));
    /// assert_eq!(B::from_title("部门支出总表"), Some(B::Expenditure));
    /// assert_eq!(B::from_title("2023年部门财政拨款收支预算总表"), Some(B::FiscalSummary));
    /// assert_eq!(B::from_title("财政拨款基本支出表（经济科目）"), Some(B::FiscalBasic));
    /// assert_eq!(B::from_title("2024年预算单位一般公共预算基本支出部门预算经济分类预算表"), Some(B::GeneralBasic));
    /// assert_eq!(B::from_title("一般公共预算“三公”经费、会议费、培训费支出表"), Some(B::ThreeCosts));
    /// assert_eq!(B::from_title("部门综合预算政府性基金收支表"), Some(B::GovernmentFund));
    /// assert_eq!(B::from_title("国有资本经营预算支出预算表"), Some(B::StateCapital));
    /// assert_eq!(B::from_title("会议费明细表"), None);
    /// // A statement printed under a table is no title.
    /// assert_eq!(B::from_title("说明：本单位没有国有资本经营预算支出，故本表无数据。"), None);
    /// ```
    pub fn from_title(text: &str) -> Option<BudgetTableId> {
        use BudgetTableId as B;
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        // A qualifier in brackets after the title: （经济科目）, (按功能分类, its closing
        // bracket sometimes lost by the extraction.
        let t = match t.rfind(['（', '(']) {
            Some(i) if t[..i].ends_with('表') && t[i..].chars().count() <= 16 => &t[..i],
            _ => t.as_str(),
        };
        let has = |w: &str| t.contains(w);
        let sentence = t.contains(['，', '。', '；', '：', ',', ';', ':']) || has("本表");
        if !t.ends_with('表')
            || sentence
            || has("决算")
            || has("绩效")
            || has("明细表") && !has("预算")
        {
            return None;
        }
        let id = if has("三公") {
            B::ThreeCosts
        } else if has("政府采购") {
            B::Procurement
        } else if has("机关运行经费") {
            B::OperatingCosts
        } else if has("国有资本经营") {
            B::StateCapital
        } else if has("政府性基金") {
            B::GovernmentFund
        } else if has("一般公共预算") && has("基本支出") {
            B::GeneralBasic
        } else if has("一般公共预算") && has("支出") {
            B::GeneralExpenditure
        } else if has("结转") {
            B::Carryover
        } else if has("财政拨款") && has("收支") {
            B::FiscalSummary
        } else if has("财政拨款") && has("基本支出") {
            B::FiscalBasic
        } else if has("财政拨款") && has("支出") {
            B::FiscalExpenditure
        } else if has("专项业务经费") || has("项目支出") {
            B::Projects
        } else if has("基本支出") {
            B::Basic
        } else if has("收支") {
            B::Summary
        } else if has("收入") {
            B::Income
        } else if has("支出") {
            B::Expenditure
        } else {
            return None;
        };
        Some(id)
    }
}

impl fmt::Display for BudgetTableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The rows of a budget table as read.
///
/// ```
/// use cn_budget::check::Table;
/// use cn_budget::disclosure::BudgetRows;
/// let rows = BudgetRows::Functional(Table::new("支出总表", ["合计", "基本支出", "项目支出"]));
/// assert_eq!(rows.columns(), ["合计", "基本支出", "项目支出"]);
/// assert!(BudgetRows::NotRead.columns().is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum BudgetRows {
    /// Rows keyed by functional codes (类/款/项), with a 合计 row.
    Functional(Table<FunctionCode>),
    /// Rows keyed by 部门预算 economic codes (301, 30101 …), with a 合计 row.
    Economic(Table<EconomicCode>),
    /// Two sides of lines (收支总表, 财政拨款收支总表); only the 收入总计, 支出总计 and
    /// 本年收入合计 lines are read so far.
    Summary(SummaryTable),
    /// Rows without classification codes under one header: the 收入总表 printed as one row
    /// or by unit, the “三公” table ([`LineTable`]).
    Lines(LineTable),
    /// Printed but not typed (a table without codes or two sides, such as the 三公 table);
    /// it is listed in the document's tables.
    NotRead,
}

/// The kinds of expenditure a budget table's header splits a total into, in two families:
/// by purpose (基本支出, 项目支出 or 专项业务经费, 上缴上级支出 …) and, within 基本支出, by
/// nature (人员经费, 公用经费).
pub const EXPENDITURE_PARTS: &[&str] = &[
    "基本支出",
    "项目支出",
    "专项业务经费",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
    "人员经费",
    "公用经费",
];

/// The first kind of [`EXPENDITURE_PARTS`] of the second family (人员经费).
const NATURE: usize = 6;

/// The kind a column heading names: the most specific of [`EXPENDITURE_PARTS`] it contains
/// (「基本支出人员经费」, a group heading read into its first column, is 人员经费).
fn kind(heading: &str) -> Option<usize> {
    EXPENDITURE_PARTS.iter().rposition(|p| heading.contains(p))
}

/// The row identity a budget table's header states, as column indices: a total column (its
/// heading says 计: 合计, 小计) and the run of columns right after it that each name a kind of
/// expenditure ([`EXPENDITURE_PARTS`]).
///
/// - A run of one family adds up to the total when it holds both 基本支出 and 项目支出 (or
///   专项业务经费), or both 人员经费 and 公用经费: 合计 = 基本支出 + 项目支出 (+ 上缴上级支出 …),
///   合计 = 人员经费 + 公用经费.
/// - A run of both families under 合计 is the leaves of 基本支出 and the other kinds: 合计 =
///   人员经费 + 公用经费 + 项目支出; under 小计 (the subtotal of the 基本支出 group) only its
///   人员经费 and 公用经费 add up to it. A run that names 基本支出 itself next to its parts is
///   ambiguous and states nothing.
///
/// ```
/// use cn_budget::disclosure::row_identity;
/// let h = |s: &[&str]| s.iter().map(|c| c.to_string()).collect::<Vec<_>>();
/// assert_eq!(row_identity(&h(&["合计", "基本支出", "项目支出"])), Some((0, vec![1, 2])));
/// let central = h(&["执行数", "小计", "基本支出", "项目支出", "扣除中央基建投资后预算数"]);
/// assert_eq!(row_identity(&central), Some((1, vec![2, 3])));
/// // 合计 | 基本支出 (小计 | 人员经费 | 公用经费) | 项目支出, the group heading read into one column.
/// let nested = h(&["合计", "小计", "基本支出人员经费", "公用经费", "项目支出"]);
/// assert_eq!(row_identity(&nested), Some((1, vec![2, 3])));
/// let leaves = h(&["合计", "人员经费支出", "公用经费支出", "专项业务经费支出"]);
/// assert_eq!(row_identity(&leaves), Some((0, vec![1, 2, 3])));
/// // A header that does not split a total into kinds of expenditure states no identity.
/// assert_eq!(row_identity(&h(&["合计", "上年结转", "一般公共预算拨款收入"])), None);
/// ```
pub fn row_identity(columns: &[String]) -> Option<(usize, Vec<usize>)> {
    (0..columns.len()).find_map(|total| {
        let heading = &columns[total];
        if !heading.contains('计') || kind(heading).is_some() {
            return None;
        }
        let run: Vec<usize> = (total + 1..columns.len())
            .take_while(|&j| kind(&columns[j]).is_some())
            .collect();
        let kinds: Vec<usize> = run.iter().filter_map(|&j| kind(&columns[j])).collect();
        let has = |k: usize| kinds.contains(&k);
        let purpose = kinds.iter().all(|&k| k < NATURE);
        let nature = kinds.iter().all(|&k| k >= NATURE);
        let both_nature = has(NATURE) && has(NATURE + 1);
        if purpose {
            (has(0) && (has(1) || has(2))).then_some((total, run))
        } else if nature {
            both_nature.then_some((total, run))
        } else if has(0) || !both_nature {
            None
        } else if heading.contains("小计") {
            let group: Vec<usize> = run
                .iter()
                .copied()
                .take_while(|&j| kind(&columns[j]).is_some_and(|k| k >= NATURE))
                .collect();
            Some((total, group))
        } else {
            Some((total, run))
        }
    })
}

/// The column of 基本支出 in a header: a column headed 基本支出 alone, else the 小计 whose
/// parts are 人员经费 and 公用经费 (the subtotal of the 基本支出 group, see [`row_identity`]).
///
/// ```
/// use cn_budget::disclosure::basic_column;
/// let h = |s: &[&str]| s.iter().map(|c| c.to_string()).collect::<Vec<_>>();
/// assert_eq!(basic_column(&h(&["合计", "基本支出", "项目支出"])), Some(1));
/// assert_eq!(basic_column(&h(&["合计", "小计", "基本支出人员经费", "公用经费", "项目支出"])), Some(1));
/// assert_eq!(basic_column(&h(&["合计", "人员经费", "公用经费", "项目支出"])), None);
/// ```
pub fn basic_column(columns: &[String]) -> Option<usize> {
    columns.iter().position(|c| kind(c) == Some(0)).or_else(|| {
        let (total, parts) = row_identity(columns)?;
        let nature = parts
            .iter()
            .all(|&p| kind(&columns[p]).is_some_and(|k| k >= NATURE));
        (columns[total].contains("小计") && nature).then_some(total)
    })
}

impl BudgetRows {
    /// The column headings, as the table's own header prints them.
    pub fn columns(&self) -> &[String] {
        match self {
            BudgetRows::Functional(t) => t.columns(),
            BudgetRows::Economic(t) => t.columns(),
            BudgetRows::Summary(t) => &t.columns,
            BudgetRows::Lines(t) => &t.columns,
            BudgetRows::NotRead => &[],
        }
    }

    /// Calls `f` on every figure of the table, its total included.
    fn for_each_cell_mut(&mut self, mut f: impl FnMut(&mut Option<Amount>)) {
        match self {
            BudgetRows::Functional(t) => t.for_each_cell_mut(f),
            BudgetRows::Economic(t) => t.for_each_cell_mut(f),
            BudgetRows::Summary(t) => t
                .lines
                .iter_mut()
                .flat_map(|l| l.cells.iter_mut())
                .for_each(f),
            BudgetRows::Lines(t) => t
                .lines
                .iter_mut()
                .flat_map(|l| l.cells.iter_mut())
                .for_each(&mut f),
            BudgetRows::NotRead => {}
        }
    }

    /// Gives every `0` of a table printed with decimals the table's precision (the most
    /// frequent number of decimals among its figures printed with a decimal point): in a
    /// table printed to 0.01 a bare `0` is 0.00, not 0 ± 0.5 — ten such blanks-as-zero in a
    /// row would otherwise hide a real difference of several yuan. Other figures keep their
    /// printed precision: a spreadsheet's General format prints 943864999.93 as 943865000 and
    /// 936647884.33 as 936647884.3 (eleven characters at most), so fewer decimals there is
    /// rounding, not a dropped zero. A table printing no decimal point at all is left as
    /// printed. Done per table, as budgets mix tables in 元 and in 万元.
    pub(crate) fn apply_printed_decimals(&mut self) {
        let mut counts: std::collections::BTreeMap<i32, usize> = Default::default();
        self.for_each_cell_mut(|c| {
            if let Some(a) = c.filter(|a| !a.is_exact() && a.decimals() > 0) {
                *counts.entry(a.decimals()).or_default() += 1;
            }
        });
        let Some(printed) = counts
            .into_iter()
            .max_by_key(|&(d, n)| (n, d))
            .map(|(d, _)| d)
        else {
            return;
        };
        self.for_each_cell_mut(|c| {
            if c.is_some_and(|a| a.value().is_zero()) {
                super::model::widen_to(c, printed);
            }
        });
    }
}

/// A typed table of a 部门预算: which table, its title and page as printed, and its rows.
///
/// ```
/// use cn_budget::check::Table;
/// use cn_budget::disclosure::{BudgetRows, BudgetTable, BudgetTableId};
/// let t = BudgetTable {
///     id: BudgetTableId::Expenditure,
///     title: "部门支出总表".into(),
///     page: 5,
///     rows: BudgetRows::Functional(Table::new("支出总表", ["合计"])),
/// };
/// assert_eq!(t.id.label(), "支出总表");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BudgetTable {
    /// Which table it is.
    pub id: BudgetTableId,
    /// The table as the document names it: its label and title as printed, without year
    /// (「表3 部门综合预算支出总表」); findings name the table by it.
    pub title: String,
    /// The page it starts on (from 1; 0 when unknown).
    pub page: usize,
    /// The rows as read.
    pub rows: BudgetRows,
}

/// A budget table whose rows carry no classification code: one row of figures (the
/// department's totals) or a 合计 row and a row per unit, under the columns the table's own
/// header prints.
///
/// ```
/// use cn_budget::disclosure::{BudgetLine, LineTable};
/// use cn_budget::{Amount, Unit};
/// let a = |s| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
/// let t = LineTable {
///     columns: vec!["合计".into(), "一般公共预算拨款收入".into(), "其他收入".into()],
///     lines: vec![BudgetLine { name: String::new(), cells: vec![a("3.00"), a("2.00"), a("1.00")] }],
/// };
/// // A single row printed without a label is the table's total.
/// assert_eq!(t.total().unwrap().cells[0], a("3.00"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LineTable {
    /// The column headings of the figures, as printed (the label columns left out).
    pub columns: Vec<String>,
    /// The rows in printed order.
    pub lines: Vec<BudgetLine>,
}

/// A row of a [`LineTable`]: its label (the unit's code and name, 合计, or empty when the
/// table prints one unlabelled row) and one cell per column.
///
/// ```
/// let line = cn_budget::disclosure::BudgetLine { name: "合计".into(), cells: vec![None] };
/// assert!(line.is_total());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BudgetLine {
    /// The label printed before the figures, white space removed.
    pub name: String,
    /// The figures, one per column (`None` for a blank cell).
    pub cells: Vec<Option<Amount>>,
}

impl BudgetLine {
    /// Whether the row is the table's 合计 (总计) row.
    pub fn is_total(&self) -> bool {
        let cjk: String = self.name.chars().filter(|&c| is_ideograph(c)).collect();
        cjk == "合计" || cjk == "总计"
    }
}

impl LineTable {
    /// The total row: the row labelled 合计 (总计), else the only row (one row of figures,
    /// unlabelled or naming the department, its only unit).
    ///
    /// ```
    /// use cn_budget::disclosure::{BudgetLine, LineTable};
    /// let line = |name: &str| BudgetLine { name: name.into(), cells: vec![None] };
    /// let one = LineTable { columns: vec!["收入总计".into()], lines: vec![line("深圳市财政局（本级）")] };
    /// assert_eq!(one.total().unwrap().name, "深圳市财政局（本级）");
    /// let units = LineTable { columns: vec!["合计".into()], lines: vec![line("121001甲"), line("121002乙")] };
    /// assert!(units.total().is_none());
    /// ```
    pub fn total(&self) -> Option<&BudgetLine> {
        let only = match self.lines.as_slice() {
            [only] => Some(only),
            _ => None,
        };
        self.lines.iter().find(|l| l.is_total()).or(only)
    }
}

/// A total column and the columns that add up to it (every weight 1).
pub type ColumnSum = (usize, Vec<usize>);

/// Whether a heading is a 其中 (of which) column: a part of the column before it, not a
/// further source.
fn of_which(heading: &str) -> bool {
    heading.contains("其中")
}

/// The identities a 收入总表 header states: the total column (the first headed 合计 or 总计)
/// equals the sum of the income sources after it. 其中 columns (其中：教育收费, 其中：专项资金…)
/// are left out; a 小计 column opens a group that runs to the next 小计 (本年收入 | 上年结转结余,
/// each with its 小计): the total is the sum of the 小计 and each 小计 the sum of its group,
/// unless a 其中 column follows it (then it is one source with its breakdown:
/// 一般公共预算拨款 小计 | 其中：专项资金). A header with a second total column (总计 | 合计)
/// or without parts states nothing.
///
/// ```
/// use cn_budget::disclosure::income_identities;
/// let h = |s: &[&str]| s.iter().map(|c| c.to_string()).collect::<Vec<_>>();
/// let central = h(&["合计", "上年结转", "一般公共预算拨款收入", "事业收入金额", "其中:教育收费", "其他收入"]);
/// assert_eq!(income_identities(&central), [(0, vec![1, 2, 3, 5])]);
/// let jiangsu = h(&["合计", "小计", "一般公共预算", "其他收入", "小计", "一般公共预算"]);
/// assert_eq!(income_identities(&jiangsu), [(0, vec![1, 4]), (1, vec![2, 3]), (4, vec![5])]);
/// let xian = h(&["合计", "一般公共预算拨款小计", "其中：专项资金", "政府性基金拨款", "上年结转"]);
/// assert_eq!(income_identities(&xian), [(0, vec![1, 3, 4])]);
/// assert!(income_identities(&h(&["总计", "合计", "一般公共预算拨款"])).is_empty());
/// ```
pub fn income_identities(columns: &[String]) -> Vec<ColumnSum> {
    let Some(total) = total_column(columns) else {
        return Vec::new();
    };
    let rest: Vec<usize> = (total + 1..columns.len())
        .filter(|&j| !of_which(&columns[j]) && !is_percentage(&columns[j]))
        .collect();
    if rest.is_empty() || rest.iter().any(|&j| is_total(&columns[j])) {
        return Vec::new();
    }
    let opens_group =
        |j: usize| columns[j].contains("小计") && !columns.get(j + 1).is_some_and(|h| of_which(h));
    let mut groups: Vec<ColumnSum> = Vec::new();
    let mut top = Vec::new();
    for &j in &rest {
        if opens_group(j) {
            groups.push((j, Vec::new()));
            top.push(j);
        } else if let Some((_, members)) = groups.last_mut() {
            members.push(j);
        } else {
            top.push(j);
        }
    }
    if groups.iter().any(|(_, m)| m.is_empty()) {
        return Vec::new();
    }
    let mut out = vec![(total, top)];
    out.extend(groups);
    out
}

/// Whether a heading names a total (合计, 总计), not a subtotal (小计).
fn is_total(heading: &str) -> bool {
    (heading.contains("合计") || heading.contains("总计")) && !heading.contains("小计")
}

/// The total column of a header: the first headed 合计 or 总计 (本年收入合计, 收入总计 …).
///
/// ```
/// use cn_budget::disclosure::total_column;
/// let h = |s: &[&str]| s.iter().map(|c| c.to_string()).collect::<Vec<_>>();
/// assert_eq!(total_column(&h(&["总计", "合计", "一般公共预算拨款小计"])), Some(0));
/// assert_eq!(total_column(&h(&["小计", "其他收入"])), None);
/// ```
pub fn total_column(columns: &[String]) -> Option<usize> {
    columns.iter().position(|h| is_total(h))
}

/// Whether a column heading names a percentage (增减%, 增长率), not an amount.
///
/// ```
/// assert!(cn_budget::disclosure::is_percentage("增减%"));
/// assert!(!cn_budget::disclosure::is_percentage("合计"));
/// ```
pub fn is_percentage(heading: &str) -> bool {
    ["%", "％", "率", "比例"]
        .iter()
        .any(|w| heading.contains(w))
}

/// Whether a heading of a “三公” table names two kinds of cost (「…会议费培训费」): two
/// columns read as one.
pub(crate) fn names_two_costs(heading: &str) -> bool {
    ["因公出国", "公务接待", "会议费", "培训费"]
        .iter()
        .filter(|w| heading.contains(*w))
        .count()
        > 1
}

/// The identities a “三公” table header states, block by block (a block per year or for the
/// change, each starting at its own 因公出国（境）费 column):
///
/// - 公务用车购置及运行费: the 小计 column after 因公出国 equals the two columns after it,
///   headed 购置 and 运行;
/// - the “三公” total (a 小计 before 因公出国, else the block's total column: the last 合计 or
///   总计 before it) equals 因公出国 + 公务用车 + 公务接待;
/// - where a “三公” 小计 stands under a 合计, that 合计 equals it plus the block's 会议费 and
///   培训费.
///
/// A plain 合计 next to 会议费 or 培训费 without a “三公” 小计 is ambiguous (are they in it?),
/// and states only the 公务用车 identity. A block whose columns do not all name one of these
/// states nothing (a header split by fund: 一般公共预算 | 政府性基金预算 …), nor one with a
/// heading that names two kinds (「会议费培训费」: two columns read as one).
///
/// ```
/// use cn_budget::disclosure::three_costs_identities;
/// let h = |s: &[&str]| s.iter().map(|c| c.to_string()).collect::<Vec<_>>();
/// let central = h(&["合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行费", "公务接待费"]);
/// assert_eq!(three_costs_identities(&central), [(2, vec![3, 4]), (0, vec![1, 2, 5])]);
/// let xian = h(&["合计", "小计", "因公出国（境）", "公务接待费", "小计", "公务用车购置", "公务用车运行维护费", "会议费", "培训费"]);
/// assert_eq!(
///     three_costs_identities(&xian),
///     [(4, vec![5, 6]), (1, vec![2, 3, 4]), (0, vec![1, 7, 8])]
/// );
/// ```
pub fn three_costs_identities(columns: &[String]) -> Vec<ColumnSum> {
    let has = |j: usize, w: &str| columns.get(j).is_some_and(|h| h.contains(w));
    let starts: Vec<usize> = (0..columns.len()).filter(|&j| has(j, "因公出国")).collect();
    let mut out = Vec::new();
    for (k, &abroad) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(columns.len());
        // The block's columns before 因公出国: back to the total, after the previous block.
        let from = if k == 0 { 0 } else { starts[k - 1] + 1 };
        let Some(total) = (from..abroad)
            .rev()
            .find(|&j| has(j, "合计") || has(j, "总计"))
        else {
            continue;
        };
        let subtotal = (total + 1..abroad).find(|&j| has(j, "小计"));
        if (total + 1..abroad).any(|j| Some(j) != subtotal) {
            continue;
        }
        let end = (abroad..end)
            .find(|&j| j > abroad && (has(j, "合计") || has(j, "总计")))
            .unwrap_or(end);
        let known = |j: usize| {
            [
                "因公出国",
                "公务接待",
                "小计",
                "购置",
                "运行",
                "会议费",
                "培训费",
            ]
            .iter()
            .any(|w| has(j, w))
        };
        let merged = |j: usize| columns.get(j).is_some_and(|h| names_two_costs(h));
        if !(abroad..end).all(known) || (abroad..end).any(merged) {
            continue;
        }
        let Some(car) = (abroad + 1..end).find(|&j| has(j, "小计")) else {
            continue;
        };
        let Some(reception) = (abroad + 1..end).find(|&j| has(j, "公务接待")) else {
            continue;
        };
        if !(has(car + 1, "购置") && has(car + 2, "运行") && car + 2 < end) {
            continue;
        }
        out.push((car, vec![car + 1, car + 2]));
        let mut three = vec![abroad, car, reception];
        three.sort_unstable();
        let others: Vec<usize> = (abroad..end)
            .filter(|&j| has(j, "会议费") || has(j, "培训费"))
            .collect();
        match subtotal {
            Some(s) => {
                out.push((s, three));
                out.push((total, std::iter::once(s).chain(others).collect()));
            }
            None if others.is_empty() || has(total, "三公") => out.push((total, three)),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Unit;

    fn lines(cells: &[&str]) -> BudgetRows {
        let a = |s: &&str| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
        BudgetRows::Lines(LineTable {
            columns: cells.iter().map(|_| String::new()).collect(),
            lines: vec![BudgetLine {
                name: "242005".into(),
                cells: cells.iter().map(a).collect(),
            }],
        })
    }

    fn decimals(rows: &BudgetRows) -> Vec<i32> {
        match rows {
            BudgetRows::Lines(t) => t.lines[0]
                .cells
                .iter()
                .map(|c| c.unwrap().decimals())
                .collect(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_bare_zero_takes_the_tables_decimals_and_other_figures_keep_theirs() {
        let mut rows = lines(&["356.49", "356.49", "0", "3.82", "943865000", "5.1"]);
        rows.apply_printed_decimals();
        assert_eq!(decimals(&rows), [2, 2, 2, 2, 0, 1]);
        // A table that prints no decimal point keeps its integers.
        let mut whole = lines(&["164978640", "0", "12"]);
        whole.apply_printed_decimals();
        assert_eq!(decimals(&whole), [0, 0, 0]);
    }
}
