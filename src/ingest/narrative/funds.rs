//! Funds: whose money a 基本支出 or 项目支出 figure is — the department's (all sources, 公开03表),
//! the 财政拨款 of every budget, or the 财政拨款 of one budget (一般公共预算 公开05表, 政府性基金
//! 公开07表, 国有资本经营 公开08表).
//!
//! The words say it, nearest first: a qualifier printed right before the label
//! (一般公共预算财政拨款基本支出), the total the sentence's 其中 parts belong to (财政拨款支出总计为
//! …，其中：基本支出), what the paragraph is about (its topic), and last the heading of the
//! section when it names a table or a statement about one (（四）高等学校财政拨款支出决算表说明,
//! 五、一般公共预算财政拨款支出决算情况说明, 二、收入决算情况说明).

use super::chars::squeeze;
use crate::disclosure::{Indicator, Subject};

/// Whose money a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Funds {
    /// The department's, from every source (公开03表, 高等学校表3).
    Department,
    /// 财政拨款 of every budget (高等学校表4; none of the nine tables splits it into 基本/项目).
    Fiscal,
    /// 一般公共预算财政拨款 (公开05表).
    GeneralBudget,
    /// 政府性基金预算财政拨款 (公开07表).
    FundBudget,
    /// 国有资本经营预算财政拨款 (公开08表).
    StateCapitalBudget,
}

/// The words that qualify a figure as 财政拨款, longest first at each position.
const QUALIFIERS: &[(&str, Funds)] = &[
    ("一般公共预算财政拨款", Funds::GeneralBudget),
    ("政府性基金预算财政拨款", Funds::FundBudget),
    ("国有资本经营预算财政拨款", Funds::StateCapitalBudget),
    ("一般公共预算", Funds::GeneralBudget),
    ("政府性基金预算", Funds::FundBudget),
    ("国有资本经营预算", Funds::StateCapitalBudget),
    ("财政拨款", Funds::Fiscal),
];

impl Funds {
    /// The subject of 基本支出 (`basic`) or 项目支出 of these funds.
    pub(super) fn spending(self, basic: bool) -> Indicator {
        use Indicator as I;
        match (self, basic) {
            (Funds::Department, true) => I::ExpenseBasic,
            (Funds::Department, false) => I::ExpenseProject,
            (Funds::Fiscal, true) => I::FiscalBasic,
            (Funds::Fiscal, false) => I::FiscalProject,
            (Funds::GeneralBudget, true) => I::GpbBasic,
            (Funds::GeneralBudget, false) => I::GpbProject,
            (Funds::FundBudget, true) => I::FundBasic,
            (Funds::FundBudget, false) => I::FundProject,
            (Funds::StateCapitalBudget, true) => I::SoeBasic,
            (Funds::StateCapitalBudget, false) => I::SoeProject,
        }
    }

    /// The funds a subject of the narrative is of, if it names them (gpb_expense,
    /// fiscal_total …); subjects of the department's accounts (expense_total) name none.
    pub(super) fn of_subject(subject: &Subject) -> Option<Funds> {
        use Indicator as I;
        Some(match subject.indicator()? {
            I::GpbIncome | I::GpbExpense | I::GpbBasic | I::GpbProject => Funds::GeneralBudget,
            I::FiscalTotal
            | I::FiscalExpense
            | I::FiscalExpenseSum
            | I::FiscalBasic
            | I::FiscalProject => Funds::Fiscal,
            I::FundIncome | I::FundExpense | I::FundBasic | I::FundProject => Funds::FundBudget,
            I::SoeIncome | I::SoeExpense | I::SoeBasic | I::SoeProject => Funds::StateCapitalBudget,
            _ => return None,
        })
    }
}

/// The funds the last qualifier in `text` names (white space ignored), if any.
pub(super) fn named_in(text: &str) -> Option<Funds> {
    let chars: Vec<char> = squeeze(text).chars().collect();
    let mut found = None;
    let mut i = 0;
    while i < chars.len() {
        let hit = QUALIFIERS
            .iter()
            .find(|(q, _)| super::chars::at(&chars, i, q));
        match hit {
            Some((q, funds)) => {
                found = Some(*funds);
                i += q.chars().count();
            }
            None => i += 1,
        }
    }
    found
}

/// The funds a qualifier printed at the very end of `text` names (…一般公共预算财政拨款 before
/// 基本支出), if any.
pub(super) fn qualifying(text: &str) -> Option<Funds> {
    let t = squeeze(text);
    QUALIFIERS
        .iter()
        .find(|(q, _)| t.ends_with(q))
        .map(|&(_, f)| f)
}

/// The funds a heading sets for its section: a heading (a title without sentence
/// punctuation) that names a table or a statement about the accounts (…决算表说明,
/// …决算情况说明, …决算总体情况) is about the funds it qualifies, else the department's; other
/// headings (（五）其他说明, 十、机关运行经费支出说明) and paragraphs set none.
pub(super) fn of_heading(title: &str) -> Option<Funds> {
    let t = squeeze(title);
    let t = t.trim_end_matches(['：', ':']);
    let heading = !t.contains(['，', '。', '；', '：', ',', ';', ':']);
    let statement = t.ends_with("说明") || t.ends_with("情况");
    let accounts = t.contains("决算") || t.contains('表');
    (heading && statement && accounts).then(|| named_in(t).unwrap_or(Funds::Department))
}
