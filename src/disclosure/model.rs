//! The typed model of a 部门决算公开 document.

use super::{Base, Direction, Subject, TokenError};
use crate::check::Table;
use crate::{Amount, EconomicCode, FunctionCode, Unit};
use std::collections::BTreeMap;
use std::fmt;

/// The nine standard tables of a 部门决算公开 (公开01表 … 公开09表).
///
/// ```
/// use cn_budget::disclosure::TableId;
/// assert_eq!(TableId::T02.label(), "公开02表");
/// assert_eq!(TableId::T02.title(), "收入决算表");
/// assert_eq!(TableId::from_title("部门收入决算表"), Some(TableId::T02));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum TableId {
    /// 公开01表 收入支出决算总表.
    T01,
    /// 公开02表 收入决算表.
    T02,
    /// 公开03表 支出决算表.
    T03,
    /// 公开04表 财政拨款收入支出决算总表.
    T04,
    /// 公开05表 一般公共预算财政拨款支出决算表.
    T05,
    /// 公开06表 一般公共预算财政拨款基本支出决算明细表.
    T06,
    /// 公开07表 政府性基金预算财政拨款收入支出决算表.
    T07,
    /// 公开08表 国有资本经营预算财政拨款支出决算表.
    T08,
    /// 公开09表 财政拨款“三公”经费支出决算表.
    T09,
}

impl TableId {
    /// Every table, in order.
    ///
    /// ```
    /// use cn_budget::disclosure::TableId;
    /// assert_eq!(TableId::ALL[3], TableId::T04);
    /// assert_eq!(TableId::ALL.last().map(|t| t.label()), Some("公开09表"));
    /// // Each standard title reads back as its own table (longest match wins).
    /// for id in TableId::ALL {
    ///     assert_eq!(TableId::from_title(id.title()), Some(id));
    /// }
    /// ```
    pub const ALL: [TableId; 9] = [
        TableId::T01,
        TableId::T02,
        TableId::T03,
        TableId::T04,
        TableId::T05,
        TableId::T06,
        TableId::T07,
        TableId::T08,
        TableId::T09,
    ];

    /// The label printed above the table: 公开01表 … 公开09表.
    pub const fn label(self) -> &'static str {
        match self {
            TableId::T01 => "公开01表",
            TableId::T02 => "公开02表",
            TableId::T03 => "公开03表",
            TableId::T04 => "公开04表",
            TableId::T05 => "公开05表",
            TableId::T06 => "公开06表",
            TableId::T07 => "公开07表",
            TableId::T08 => "公开08表",
            TableId::T09 => "公开09表",
        }
    }

    /// The standard title.
    pub const fn title(self) -> &'static str {
        match self {
            TableId::T01 => "收入支出决算总表",
            TableId::T02 => "收入决算表",
            TableId::T03 => "支出决算表",
            TableId::T04 => "财政拨款收入支出决算总表",
            TableId::T05 => "一般公共预算财政拨款支出决算表",
            TableId::T06 => "一般公共预算财政拨款基本支出决算明细表",
            TableId::T07 => "政府性基金预算财政拨款收入支出决算表",
            TableId::T08 => "国有资本经营预算财政拨款支出决算表",
            TableId::T09 => "财政拨款“三公”经费支出决算表",
        }
    }

    /// The amount columns of a functional table (公开02/03/05/07/08表) as the standard
    /// template heads them; empty for the other tables.
    ///
    /// ```
    /// use cn_budget::disclosure::TableId;
    /// assert_eq!(TableId::T05.columns(), ["小计", "基本支出", "项目支出"]);
    /// assert!(TableId::T01.columns().is_empty());
    /// ```
    pub const fn columns(self) -> &'static [&'static str] {
        match self {
            TableId::T02 => &[
                "本年收入合计",
                "财政拨款收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ],
            TableId::T03 => &[
                "本年支出合计",
                "基本支出",
                "项目支出",
                "上缴上级支出",
                "经营支出",
                "对附属单位补助支出",
            ],
            TableId::T05 => &["小计", "基本支出", "项目支出"],
            TableId::T07 => &[
                "年初结转和结余",
                "本年收入",
                "本年支出小计",
                "本年支出基本支出",
                "本年支出项目支出",
                "年末结转和结余",
            ],
            TableId::T08 => &["合计", "基本支出", "项目支出"],
            _ => &[],
        }
    }

    /// The row identity of a functional table, as indices into [`TableId::columns`]: the
    /// total column and the columns that add up to it (02: 本年收入合计 = Σ sources; 03:
    /// 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助; 05/08: 小计 = 基本 + 项目;
    /// 07: 本年支出小计 = 基本 + 项目).
    ///
    /// ```
    /// use cn_budget::disclosure::TableId;
    /// assert_eq!(TableId::T07.row_identity(), Some((2, &[3, 4][..])));
    /// assert_eq!(TableId::T06.row_identity(), None);
    /// ```
    pub const fn row_identity(self) -> Option<(usize, &'static [usize])> {
        match self {
            TableId::T02 => Some((0, &[1, 2, 3, 4, 5, 6])),
            TableId::T03 => Some((0, &[1, 2, 3, 4, 5])),
            TableId::T05 | TableId::T08 => Some((0, &[1, 2])),
            TableId::T07 => Some((2, &[3, 4])),
            _ => None,
        }
    }

    /// Titles seen in the wild for this table, besides [`TableId::title`].
    ///
    /// ```
    /// use cn_budget::disclosure::TableId;
    /// assert!(TableId::T01.aliases().contains(&"部门收支决算总表"));
    /// assert!(TableId::T05.aliases().is_empty());
    /// // Aliases are recognised by `from_title`, after a year prefix too.
    /// assert_eq!(TableId::from_title("2024 年度部门收支决算总表"), Some(TableId::T01));
    /// ```
    pub const fn aliases(self) -> &'static [&'static str] {
        match self {
            TableId::T01 => &["收支决算总表", "部门收支决算总表"],
            TableId::T02 => &["部门收入决算表"],
            TableId::T03 => &["部门支出决算表"],
            TableId::T04 => &["财政拨款收支决算总表"],
            TableId::T05 => &[],
            TableId::T06 => &["一般公共预算财政拨款基本支出决算表"],
            TableId::T07 => &["政府性基金预算财政拨款支出决算表"],
            TableId::T08 => &["国有资本经营预算财政拨款收入支出决算表"],
            TableId::T09 => &["“三公”经费支出决算表", "财政拨款三公经费支出决算表"],
        }
    }

    /// The table whose title or alias ends the given text (a year prefix such as
    /// `2024 年度` is allowed). Longest match wins, so 财政拨款收入支出决算总表 is not
    /// taken for 收入支出决算总表.
    pub fn from_title(text: &str) -> Option<TableId> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        TableId::ALL
            .iter()
            .flat_map(|&id| {
                std::iter::once(id.title())
                    .chain(id.aliases().iter().copied())
                    .map(move |n| (id, n))
            })
            .filter(|(_, n)| t.ends_with(n))
            .max_by_key(|(_, n)| n.len())
            .map(|(id, _)| id)
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The Chinese numerals of list numbers and part headings (一、, 第三部分).
pub(crate) const CHINESE_NUMERALS: &str = "一二三四五六七八九十";

/// Which side of a summary table (公开01表, 公开04表) a line is on.
///
/// ```
/// use cn_budget::disclosure::{Document, Side};
/// assert_eq!(Side::Income.name(), "收入");
/// assert_eq!(Side::Expense.name(), "支出");
/// let doc = Document::embedded()?;
/// // 公开01表 prints lines 1–30 on the income side and 31–60 on the expense side.
/// assert_eq!(doc.t01.side(Side::Expense).next().map(|l| l.line), Some(31));
/// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Side {
    /// 收入.
    Income,
    /// 支出.
    Expense,
}

impl Side {
    /// 收入 or 支出.
    pub const fn name(self) -> &'static str {
        match self {
            Side::Income => "收入",
            Side::Expense => "支出",
        }
    }
}

/// One printed line of a summary table: side, line number (行次), label and cells.
///
/// ```
/// use cn_budget::disclosure::{Document, Side};
/// let doc = Document::embedded()?;
/// let l = doc.t01.line(Side::Expense, "一般公共服务支出").unwrap();
/// assert_eq!((l.side, l.line, l.name.as_str()), (Side::Expense, 31, "一、一般公共服务支出"));
/// // One cell per column of 公开01表 (金额); 3613.81 as printed (公开03表 prints 3613.82).
/// assert_eq!(l.cells.len(), doc.t01.columns.len());
/// assert_eq!(l.cells[0].unwrap().to_string(), "3613.81 万元");
/// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SummaryLine {
    /// 收入 or 支出.
    pub side: Side,
    /// The printed line number.
    pub line: u32,
    /// The printed label (empty when the print has none), with its "一、" numbering.
    pub name: String,
    /// One cell per column of the table; `None` is a blank cell.
    pub cells: Vec<Option<Amount>>,
    /// The transcriber's note.
    pub note: String,
}

impl SummaryLine {
    /// The label without its "一、" / "二十六、" numbering.
    ///
    /// ```
    /// use cn_budget::disclosure::{Side, SummaryLine};
    /// let l = SummaryLine { side: Side::Expense, line: 31, name: "一、一般公共服务支出".into(), cells: vec![], note: String::new() };
    /// assert_eq!(l.label(), "一般公共服务支出");
    /// assert!(l.is_numbered());
    /// ```
    pub fn label(&self) -> &str {
        self.name
            .split_once('、')
            .map_or(self.name.as_str(), |(_, rest)| rest)
            .trim()
    }

    /// Whether the label carries a Chinese list number ("一、").
    ///
    /// ```
    /// use cn_budget::disclosure::{Document, Side};
    /// let t01 = &Document::embedded()?.t01;
    /// // The 26 类 lines of the expense side are numbered; the totals after them are not.
    /// assert_eq!(t01.side(Side::Expense).filter(|l| l.is_numbered()).count(), 26);
    /// assert!(!t01.line(Side::Expense, "本年支出合计").unwrap().is_numbered());
    /// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
    /// ```
    pub fn is_numbered(&self) -> bool {
        self.name
            .split_once('、')
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| CHINESE_NUMERALS.contains(c)))
    }
}

/// A summary table (公开01表 收入支出决算总表, 公开04表 财政拨款收入支出决算总表): two sides of
/// numbered lines.
///
/// ```
/// use cn_budget::disclosure::{Document, Side};
/// let t04 = &Document::embedded()?.t04;
/// assert_eq!(t04.side(Side::Income).count(), 32);
/// let col = t04.column("一般公共预算财政拨款").unwrap();
/// assert_eq!(col, 2);
/// let total = t04.line(Side::Expense, "本年支出合计").unwrap();
/// assert_eq!(total.cells[col].unwrap().to_string(), "4789.53 万元");
/// assert_eq!(t04.column("合计"), None);
/// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SummaryTable {
    /// The column headings.
    pub columns: Vec<String>,
    /// The lines, income side then expense side, in printed order.
    pub lines: Vec<SummaryLine>,
}

impl SummaryTable {
    /// The index of a column (an exact heading).
    ///
    /// ```
    /// let t01 = &cn_budget::disclosure::Document::embedded()?.t01;
    /// assert_eq!(t01.column("金额"), Some(0));
    /// assert_eq!(t01.column("决算数"), None);
    /// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
    /// ```
    pub fn column(&self, heading: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == heading)
    }

    /// The lines of one side, in printed order.
    ///
    /// ```
    /// use cn_budget::disclosure::{Document, Side};
    /// let t01 = &Document::embedded()?.t01;
    /// let income: Vec<u32> = t01.side(Side::Income).map(|l| l.line).collect();
    /// assert_eq!(income.len(), 30);
    /// assert_eq!((income[0], income[29]), (1, 30));
    /// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
    /// ```
    pub fn side(&self, side: Side) -> impl Iterator<Item = &SummaryLine> + '_ {
        self.lines.iter().filter(move |l| l.side == side)
    }

    /// The first line of a side whose label (without numbering) is `label`.
    ///
    /// Only printed labels are matched: a line printed without a label is not found here
    /// (the audit and [`crate::audit::CellRef::Summary`] read such lines by the template).
    ///
    /// ```
    /// use cn_budget::disclosure::{Document, Side};
    /// let doc = Document::embedded()?;
    /// let l = doc.t01.line(Side::Income, "其他收入").unwrap();
    /// assert_eq!((l.line, l.name.as_str()), (8, "八、其他收入"));
    /// assert_eq!(l.cells[0].unwrap().to_string(), "0.25 万元");
    /// // 公开04表 prints its 本年收入合计 line without a label.
    /// assert!(doc.t04.line(Side::Income, "本年收入合计").is_none());
    /// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
    /// ```
    pub fn line(&self, side: Side, label: &str) -> Option<&SummaryLine> {
        self.side(side).find(|l| l.label() == label)
    }
}

/// A table keyed by functional codes (公开02/03/05/07/08表), with what was printed in the
/// code column and the transcriber's notes.
///
/// ```
/// use cn_budget::FunctionCode;
/// let t02 = &cn_budget::disclosure::Document::embedded()?.t02;
/// let code: FunctionCode = "2010601".parse()?;
/// let i = t02.table.rows().iter().position(|r| r.code == code).unwrap();
/// // 公开02表 prints the 项 code cut to six digits; the note says how it was resolved.
/// assert_eq!(t02.printed_codes[i], "201060");
/// assert!(t02.notes[i].contains("resolved to 2010601"));
/// assert_eq!(t02.table.rows()[i].cells[0].unwrap().to_string(), "1887.77 万元");
/// assert_eq!(t02.printed_codes.len(), t02.table.rows().len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FunctionalTable {
    /// The rows, columns and 合计 row.
    pub table: Table<FunctionCode>,
    /// The code as printed on each row (parallel to `table.rows()`), e.g. a truncated
    /// `201060`.
    pub printed_codes: Vec<String>,
    /// The transcriber's note on each row (parallel to `table.rows()`).
    pub notes: Vec<String>,
}

/// The group a row of 公开06表 sits in.
///
/// ```
/// use cn_budget::disclosure::{CostGroup, Document};
/// assert_eq!(CostGroup::Personnel.name(), "人员经费");
/// assert_eq!(CostGroup::Public.name(), "公用经费");
/// let t06 = &Document::embedded()?.t06;
/// let personnel = t06.groups.iter().filter(|&&g| g == CostGroup::Personnel).count();
/// assert_eq!((personnel, t06.groups.len() - personnel), (27, 35));
/// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CostGroup {
    /// 人员经费.
    Personnel,
    /// 公用经费.
    Public,
}

impl CostGroup {
    /// 人员经费 or 公用经费.
    pub const fn name(self) -> &'static str {
        match self {
            CostGroup::Personnel => "人员经费",
            CostGroup::Public => "公用经费",
        }
    }
}

/// 公开06表 一般公共预算财政拨款基本支出决算明细表: economic rows in two groups and the two
/// group totals.
///
/// ```
/// use cn_budget::disclosure::{CostGroup, Document};
/// use cn_budget::EconomicCode;
/// let t06 = &Document::embedded()?.t06;
/// let value = |code: &str| -> Result<_, Box<dyn std::error::Error>> {
///     let code: EconomicCode = code.parse()?;
///     Ok(t06.table.row(code).and_then(|r| r.cells[0]).map(|a| a.value()))
/// };
/// // 人员经费合计 3527.48 = 301 工资福利支出 3213.71 + 303 对个人和家庭的补助 313.77.
/// let personnel = t06.personnel_total.unwrap().value();
/// assert_eq!(Some(personnel), Some(value("301")?.unwrap() + value("303")?.unwrap()));
/// assert_eq!(t06.public_total.unwrap().to_string(), "555.23 万元");
/// // Codes are printed cut to four digits; 30231 sits in 公用经费.
/// let i = t06.table.rows().iter().position(|r| r.code.to_string() == "30231").unwrap();
/// assert_eq!((t06.printed_codes[i].as_str(), t06.groups[i]), ("3023", CostGroup::Public));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BasicExpenditureTable {
    /// The rows (决算数), keyed by economic code.
    pub table: Table<EconomicCode>,
    /// The group of each row (parallel to `table.rows()`).
    pub groups: Vec<CostGroup>,
    /// The code as printed on each row (often cut to four digits).
    pub printed_codes: Vec<String>,
    /// 人员经费合计.
    pub personnel_total: Option<Amount>,
    /// 公用经费合计.
    pub public_total: Option<Amount>,
}

/// The columns of 公开09表, for 预算数 and 决算数 alike.
///
/// ```
/// use cn_budget::disclosure::{Document, THREE_COSTS_COLUMNS};
/// let t09 = &Document::embedded()?.t09;
/// assert_eq!(t09.actual.len(), THREE_COSTS_COLUMNS.len());
/// let i = THREE_COSTS_COLUMNS.iter().position(|&c| c == "公务用车运行维护费").unwrap();
/// assert_eq!(t09.actual[i].unwrap().to_string(), "0.61 万元");
/// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
/// ```
pub const THREE_COSTS_COLUMNS: [&str; 6] = [
    "合计",
    "因公出国（境）费",
    "公务用车购置及运行维护费小计",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
];

/// 公开09表 财政拨款“三公”经费支出决算表: 预算数 and 决算数 over [`THREE_COSTS_COLUMNS`].
///
/// ```
/// let t09 = &cn_budget::disclosure::Document::embedded()?.t09;
/// // 合计 0.61 万元 in both rows; 因公出国（境）费 is blank (not reported), not zero.
/// assert_eq!(t09.budget[0].unwrap().to_string(), "0.61 万元");
/// assert_eq!(t09.actual[0], t09.budget[0]);
/// assert!(t09.actual[1].is_none());
/// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ThreeCostsTable {
    /// 预算数, one cell per column.
    pub budget: Vec<Option<Amount>>,
    /// 决算数, one cell per column.
    pub actual: Vec<Option<Amount>>,
}

/// What a narrative number states about its subject.
///
/// ```
/// use cn_budget::disclosure::Measure;
/// assert_eq!(Measure::from_token("completion_rate"), Some(Measure::CompletionRate));
/// assert!(Measure::Share.is_percentage());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Measure {
    /// The current-year figure (支出决算为 …).
    Amount,
    /// 年初预算.
    BudgetInitial,
    /// 全年预算 / 预算数 / 调整后预算数.
    BudgetFull,
    /// 完成…预算的 x%.
    CompletionRate,
    /// 占 x%.
    Share,
    /// 比上年 增加/减少 x (or against another base, see [`Claim::of`]).
    Change,
    /// 增长/下降 x%.
    GrowthRate,
    /// A count (个, 辆, 台).
    Count,
    /// 较上年持平 (no number).
    Flat,
    /// 大于/小于/持平 between the actual and a budget (no number).
    Comparison,
}

impl Measure {
    /// The token used in `claims.tsv`.
    ///
    /// ```
    /// use cn_budget::disclosure::Measure;
    /// assert_eq!(Measure::BudgetFull.token(), "budget_full");
    /// assert_eq!(Measure::from_token(Measure::GrowthRate.token()), Some(Measure::GrowthRate));
    /// ```
    pub const fn token(self) -> &'static str {
        match self {
            Measure::Amount => "amount",
            Measure::BudgetInitial => "budget_initial",
            Measure::BudgetFull => "budget_full",
            Measure::CompletionRate => "completion_rate",
            Measure::Share => "share",
            Measure::Change => "change",
            Measure::GrowthRate => "growth_rate",
            Measure::Count => "count",
            Measure::Flat => "flat",
            Measure::Comparison => "comparison",
        }
    }

    /// Parses a `claims.tsv` token.
    pub fn from_token(token: &str) -> Option<Measure> {
        use strum::IntoEnumIterator;
        Measure::iter().find(|m| m.token() == token)
    }

    /// The Chinese label of the measure.
    ///
    /// ```
    /// use cn_budget::disclosure::Measure;
    /// assert_eq!(Measure::CompletionRate.label(), "完成率");
    /// assert_eq!(Measure::Change.label(), "增减额");
    /// ```
    pub const fn label(self) -> &'static str {
        match self {
            Measure::Amount => "金额",
            Measure::BudgetInitial => "年初预算",
            Measure::BudgetFull => "全年预算",
            Measure::CompletionRate => "完成率",
            Measure::Share => "占比",
            Measure::Change => "增减额",
            Measure::GrowthRate => "增减率",
            Measure::Count => "数量",
            Measure::Flat => "持平",
            Measure::Comparison => "比较",
        }
    }

    /// Whether the value is a percentage.
    pub const fn is_percentage(self) -> bool {
        matches!(
            self,
            Measure::CompletionRate | Measure::Share | Measure::GrowthRate
        )
    }
}

/// The token of `claims.tsv` ([`Measure::token`]).
impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.token())
    }
}

/// Parses the token of `claims.tsv` ([`Measure::from_token`]).
impl std::str::FromStr for Measure {
    type Err = TokenError;

    fn from_str(s: &str) -> Result<Measure, TokenError> {
        Measure::from_token(s).ok_or_else(|| TokenError::Measure { text: s.to_owned() })
    }
}

/// One numeric statement of the narrative, bound to what it claims about.
///
/// `subject` names the indicator ([`Subject`]: `income_total`, `class:201`, `item:2010601`,
/// `sangong:vehicle`, `procurement:goods` …; see `data/disclosures/TRANSCRIBE-SPEC.md`);
/// `of` is the whole of a share or the base of a change or rate ([`Base`]).
///
/// ```
/// use cn_budget::disclosure::{Base, Document, Measure, Subject};
/// let doc = Document::embedded()?;
/// let c = doc.claims.iter().find(|c| c.id == "c057").unwrap();
/// assert_eq!(c.section, "五(三)1(1)");
/// assert_eq!(c.subject, Subject::Item("2010601".parse()?));
/// assert_eq!(c.measure, Measure::CompletionRate);
/// // Printed as 4.6%, although 1887.52 ÷ 1804.56 is 104.6%.
/// assert_eq!(c.value.as_deref(), Some("4.6"));
/// assert_eq!(c.of, Some(Base::BudgetInitial));
/// assert_eq!(c.quote, "完成年初预算的4.6%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Claim {
    /// A stable id within the document (c001 …).
    pub id: String,
    /// The narrative section, e.g. 五(三)1(1).
    pub section: String,
    /// What the number is about.
    pub subject: Subject,
    /// What it states.
    pub measure: Measure,
    /// The number as printed (no sign, no unit); `None` for flat/comparison claims.
    pub value: Option<String>,
    /// The direction or comparison word printed with it (增加, 减少, 下降, 大于 …).
    pub word: Option<Direction>,
    /// The whole of a share or the base of a change or rate.
    pub of: Option<Base>,
    /// The shortest exact quote that contains the number.
    pub quote: String,
    /// The transcriber's note.
    pub note: String,
}

/// A printed name path 「X（类）Y（款）Z（项）」 from the narrative or the glossary.
///
/// ```
/// let doc = cn_budget::disclosure::Document::embedded()?;
/// let n = &doc.names[0];
/// assert_eq!((n.id.as_str(), n.section.as_str()), ("n001", "五(三)1(1)"));
/// assert_eq!(n.printed, "一般公共服务支出（类）财政事务（款）行政运行（项）");
/// assert_eq!(n.numbering, "(1)");
/// // Numbering is kept as printed: half-width here, full-width from the fourth entry on.
/// assert_eq!(doc.names[3].numbering, "（4）");
/// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NamePath {
    /// A stable id within the document (n001 …).
    pub id: String,
    /// The section it is printed in.
    pub section: String,
    /// The text exactly as printed.
    pub printed: String,
    /// The list number printed in front, e.g. `(1)` or `7.`.
    pub numbering: String,
}

/// Facts about a document: who, which year, which unit, which classification edition.
///
/// ```
/// use cn_budget::Unit;
/// let meta = &cn_budget::disclosure::Document::embedded()?.meta;
/// assert_eq!(meta.reporting_unit, "武汉市洪山区财政局本级");
/// assert_eq!((meta.year, meta.edition), (2024, 2024));
/// assert_eq!((meta.unit, meta.decimals), (Unit::TenThousandYuan, 2));
/// assert_eq!(meta.other["table_amount_unit_line"], "金额单位：万元");
/// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Meta {
    /// The department (部门).
    pub department: String,
    /// The reporting unit printed on the tables (单位).
    pub reporting_unit: String,
    /// The fiscal year of the accounts.
    pub year: u16,
    /// The amount unit of the tables.
    pub unit: Unit,
    /// The decimals the tables print.
    pub decimals: i32,
    /// The classification edition the document uses (normally its year).
    pub edition: u16,
    /// Every other key of `meta.tsv` (titles, statements printed under empty tables …).
    pub other: BTreeMap<String, String>,
    /// What the document accounts for (决算).
    #[cfg_attr(feature = "serde", serde(default))]
    pub kind: super::Kind,
    /// The template recognised from the tables printed.
    #[cfg_attr(feature = "serde", serde(default))]
    pub template: super::Template,
    /// The tables in printed order, then those of the nine the document does not print (a
    /// template without them, such as 高等学校, lists only its own).
    #[cfg_attr(feature = "serde", serde(default))]
    pub tables: Vec<super::PrintedTable>,
    /// The part headings as printed (第一部分 … 第四部分), wherever the document prints them:
    /// the cover, the 目录 and the heading of each part, in order; empty when not known.
    #[cfg_attr(feature = "serde", serde(default))]
    pub headings: Vec<PrintedLine>,
    /// The year-end dates the narrative states its figures at (截至2024年12月31日,
    /// 截至2024年末), as printed (white space removed); empty when not known.
    #[cfg_attr(feature = "serde", serde(default))]
    pub year_ends: Vec<PrintedLine>,
}

/// A text the document prints, with its page (from 1; 0 when the input has no pages).
///
/// ```
/// use cn_budget::disclosure::PrintedLine;
/// let heading = PrintedLine { page: 7, text: "第二部分 某局2024年度部门决算表".into() };
/// assert_eq!(heading.page_label(), "第7页");
/// assert_eq!(PrintedLine { page: 0, ..heading }.page_label(), "");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PrintedLine {
    /// The page it is printed on (from 1; 0 when not known).
    pub page: usize,
    /// The text as printed.
    pub text: String,
}

impl PrintedLine {
    /// 「第7页」, or an empty text when the page is not known.
    pub fn page_label(&self) -> String {
        if self.page == 0 {
            String::new()
        } else {
            format!("第{}页", self.page)
        }
    }
}

impl Meta {
    /// The printed table that is this table of the nine, if the document lists it.
    ///
    /// ```
    /// use cn_budget::disclosure::{Document, TableId, TableState, Template};
    /// let meta = &Document::embedded()?.meta;
    /// assert_eq!(meta.template, Template::National);
    /// let t07 = meta.table(TableId::T07).unwrap();
    /// assert_eq!((t07.label.as_deref(), t07.state), (Some("公开07表"), TableState::Empty));
    /// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
    /// ```
    pub fn table(&self, id: TableId) -> Option<&super::PrintedTable> {
        self.tables.iter().find(|t| t.id == Some(id))
    }
}

/// A whole 部门决算公开: the nine tables, the narrative claims and the name paths.
///
/// ```
/// let doc = cn_budget::disclosure::Document::embedded()?;
/// assert_eq!(doc.meta.department, "武汉市洪山区财政局");
/// assert_eq!(doc.t02.table.rows().len(), 27);
/// assert!(doc.claims.iter().any(|c| c.subject.to_string() == "item:2010601"));
/// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Document {
    /// Document facts.
    pub meta: Meta,
    /// 公开01表.
    pub t01: SummaryTable,
    /// 公开02表.
    pub t02: FunctionalTable,
    /// 公开03表.
    pub t03: FunctionalTable,
    /// 公开04表.
    pub t04: SummaryTable,
    /// 公开05表.
    pub t05: FunctionalTable,
    /// 公开06表.
    pub t06: BasicExpenditureTable,
    /// 公开07表.
    pub t07: FunctionalTable,
    /// 公开08表.
    pub t08: FunctionalTable,
    /// 公开09表.
    pub t09: ThreeCostsTable,
    /// The narrative's numeric claims.
    pub claims: Vec<Claim>,
    /// The name paths of the narrative and glossary.
    pub names: Vec<NamePath>,
    /// The tables of a 部门预算 ([`super::Kind::Budget`]), in printed order; empty for a 决算
    /// (whose nine tables are the fields above, left empty for a budget).
    #[cfg_attr(feature = "serde", serde(default))]
    pub budget: Vec<super::BudgetTable>,
}

impl Document {
    /// Whether a table was read: ingestion leaves a table it could not read reliably
    /// completely empty (no lines; no rows and no 合计 row; no cells), which the audit then
    /// skips. A table printed empty (only a blank 合计 row) counts as read.
    ///
    /// ```
    /// use cn_budget::disclosure::{Document, TableId};
    /// let mut doc = Document::embedded()?.clone();
    /// assert!(doc.is_read(TableId::T07));
    /// doc.t09.actual.clear();
    /// doc.t09.budget.clear();
    /// assert!(!doc.is_read(TableId::T09));
    /// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
    /// ```
    pub fn is_read(&self, id: TableId) -> bool {
        match id {
            TableId::T01 => !self.t01.lines.is_empty(),
            TableId::T04 => !self.t04.lines.is_empty(),
            TableId::T06 => {
                !self.t06.table.rows().is_empty()
                    || self.t06.personnel_total.is_some()
                    || self.t06.public_total.is_some()
            }
            TableId::T09 => !self.t09.budget.is_empty() || !self.t09.actual.is_empty(),
            _ => self
                .functional(id)
                .is_some_and(|t| !t.table.rows().is_empty() || t.table.total().is_some()),
        }
    }

    /// Gives every table figure printed with fewer decimals than the document declares
    /// ([`Meta::decimals`]) the declared precision: in a table printed to 0.01, `5.1` is a
    /// dropped trailing zero and stands for 5.10 ± 0.005, not 5.1 ± 0.05. Narrative figures
    /// keep their printed precision (prose often rounds deliberately).
    ///
    /// ```
    /// use cn_budget::disclosure::Document;
    /// use cn_budget::{Amount, Unit};
    /// let mut doc = Document::embedded()?.clone();
    /// doc.t09.actual[0] = Some(Amount::parse("0.6", Unit::TenThousandYuan)?);
    /// doc.apply_declared_decimals();
    /// assert_eq!(doc.t09.actual[0].unwrap().decimals(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_declared_decimals(&mut self) {
        let declared = self.meta.decimals;
        let widen = |cell: &mut Option<Amount>| widen_to(cell, declared);
        for t in [&mut self.t01, &mut self.t04] {
            t.lines
                .iter_mut()
                .flat_map(|l| l.cells.iter_mut())
                .for_each(widen);
        }
        for t in [
            &mut self.t02,
            &mut self.t03,
            &mut self.t05,
            &mut self.t07,
            &mut self.t08,
        ] {
            t.table.for_each_cell_mut(widen);
        }
        self.t06.table.for_each_cell_mut(widen);
        widen(&mut self.t06.personnel_total);
        widen(&mut self.t06.public_total);
        self.t09
            .budget
            .iter_mut()
            .chain(self.t09.actual.iter_mut())
            .for_each(widen);
    }

    /// The functional table with this id (02, 03, 05, 07 or 08).
    ///
    /// ```
    /// use cn_budget::disclosure::{Document, TableId};
    /// let doc = Document::embedded()?;
    /// assert_eq!(doc.functional(TableId::T03).map(|t| t.table.rows().len()), Some(28));
    /// // 公开07表 is printed empty (no 政府性基金 spending): no rows, a blank 合计 row.
    /// assert!(doc.functional(TableId::T07).unwrap().table.rows().is_empty());
    /// assert!(doc.functional(TableId::T06).is_none());
    /// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
    /// ```
    pub fn functional(&self, id: TableId) -> Option<&FunctionalTable> {
        match id {
            TableId::T02 => Some(&self.t02),
            TableId::T03 => Some(&self.t03),
            TableId::T05 => Some(&self.t05),
            TableId::T07 => Some(&self.t07),
            TableId::T08 => Some(&self.t08),
            _ => None,
        }
    }
}

/// Gives a figure printed with fewer decimals than `declared` the declared precision (a
/// dropped trailing zero: `5.1` in a table printed to 0.01 stands for 5.10 ± 0.005); exact
/// figures and figures printed to `declared` or more decimals are left as they are.
pub(crate) fn widen_to(cell: &mut Option<Amount>, declared: i32) {
    if let Some(a) = cell {
        if !a.is_exact() && (0..declared).contains(&a.decimals()) {
            if let Ok(b) = Amount::new(a.value(), declared, a.unit()) {
                *a = b;
            }
        }
    }
}
