//! Extracting the narrative's numeric claims and name paths.
//!
//! The narrative lines (第三部分 to the end of the document) are first cut into blocks
//! ([`blocks`](fn@blocks)): paragraphs (wrapped lines joined back, page-break blank lines
//! dropped), part headings (第N部分), the titles of the 附件 self-evaluation tables and
//! TAB-separated table rows. A [`Walker`] then follows the headings (一、 / (一) / 1. / (1)) to label sections as
//! `data/disclosures/TRANSCRIBE-SPEC.md` does and reads each paragraph clause by clause: every
//! number with a unit (万元, %, 辆, 个, 台（套）) is bound to a subject, a measure and a base
//! from the words around it (年初预算为, 支出决算为, 完成…预算的, 占…, 比上年增加/减少,
//! 增长/下降, 较上年持平, 决算数大于…预算数 …) and from what the paragraph is about.
//!
//! Nothing is guessed: a number whose subject, whole or base cannot be told from the text
//! yields no claim but an `ingest.claim` warning (「数据不足：…」 with the sentence). Numbers
//! that restate nothing about the accounts (counts of 次/家/户, 亿元 district figures, targets
//! such as ≥95% or 90%以上, the 第四部分 重点工作 part) are skipped silently.
//!
//! The modules, in the order the text is read:
//! - [`blocks`](mod@blocks): wrapped lines joined into paragraphs, part headings, table
//!   titles and rows;
//! - [`sections`]: heading markers, the section labels they set and the kinds of parts;
//! - [`scanner`]: sentences, clauses and the numbers printed in them with their units;
//! - [`vocabulary`] and [`bases`]: the words that name subjects, wholes and bases, and
//!   [`funds`]: whose money a 基本支出/项目支出 is (the department's or a 财政拨款);
//! - [`walker`]: the walk over the blocks, with [`claims`] (binding a number to a claim),
//!   [`subjects`] (what a clause names), [`names`] (name paths resolved to 项) and
//!   [`attachments`] (the 附件 self-evaluation tables and their projects);
//! - [`chars`]: small char-slice helpers that never index out of range.

mod attachments;
mod bases;
mod blocks;
mod chars;
mod claims;
mod funds;
mod names;
mod printed;
mod scanner;
mod sections;
mod subjects;
#[cfg(test)]
mod tests;
mod vocabulary;
mod walker;

use crate::disclosure::{Base, Claim, Measure, NamePath};
use crate::finding::{Finding, Rule};
use crate::Catalog;
use blocks::blocks;
pub(crate) use printed::PrintedNames;
use walker::Walker;

/// The rule id of the problems reported here.
const RULE: Rule = Rule::IngestClaim;

/// Extracts the claims (c001 …) and name paths (n001 …) of the narrative lines, in document
/// order; numbers that cannot be bound are reported in `problems`. `year` is the document's
/// fiscal year as its tables print it (the base of 与 2023 年度相比 is checked against it);
/// without it, the first year the narrative prints is taken. Without a catalog, `printed`
/// (the codes and names the document's tables print) tells what a 类 name or a name path
/// stands for.
pub(super) fn extract(
    lines: &[String],
    year: Option<u32>,
    catalog: Option<&Catalog>,
    printed: &PrintedNames,
    problems: &mut Vec<Finding>,
) -> (Vec<Claim>, Vec<NamePath>) {
    read(lines, year, catalog, printed, Reading::Accounts, problems)
}

/// Extracts the claims of a 部门预算's text (what its tables do not hold: front matter and
/// 情况说明, wherever the template prints them) with the same reader, its vocabulary widened
/// with the words budgets name their totals with (收支总预算, 支出预算总计, 上年结转 …, see
/// [`vocabulary::BUDGET_LABELS`]).
pub(super) fn extract_budget(
    lines: &[String],
    year: Option<u32>,
    catalog: Option<&Catalog>,
    printed: &PrintedNames,
    problems: &mut Vec<Finding>,
) -> (Vec<Claim>, Vec<NamePath>) {
    read(lines, year, catalog, printed, Reading::Budget, problems)
}

/// Which document the text belongs to, for the vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reading {
    /// A 决算: its narrative after the nine tables.
    Accounts,
    /// A 部门预算.
    Budget,
}

impl Reading {
    /// The base of a change as the document means it: in a budget every figure is a budget,
    /// so 比 2025 年年初预算 / 与上年预算数相比 / 比 2025 年执行数 all name the prior year's
    /// figure ([`Base::PriorYear`]); a 决算 keeps the base as named.
    fn base(self, base: Result<Base, String>) -> Result<Base, String> {
        match (self, base) {
            (Reading::Budget, Ok(Base::BudgetInitial | Base::BudgetFull)) => Ok(Base::PriorYear),
            (_, b) => b,
        }
    }

    /// The measure of a figure introduced as a budget (预算数为 …): in a budget that is the
    /// document's own figure ([`Measure::Amount`]), as its tables print it.
    fn measure(self, measure: Measure) -> Measure {
        match (self, measure) {
            (Reading::Budget, Measure::BudgetInitial | Measure::BudgetFull) => Measure::Amount,
            (_, m) => m,
        }
    }
}

fn read(
    lines: &[String],
    year: Option<u32>,
    catalog: Option<&Catalog>,
    printed: &PrintedNames,
    reading: Reading,
    problems: &mut Vec<Finding>,
) -> (Vec<Claim>, Vec<NamePath>) {
    let mut walker = Walker::new(
        catalog,
        year.or_else(|| document_year(lines)),
        reading,
        printed,
    );
    for block in blocks(lines) {
        walker.block(&block);
    }
    problems.append(&mut walker.problems);
    (walker.claims, walker.names)
}

/// The fiscal year of the document: the first year the narrative prints (see
/// [`year_in`](crate::ingest::printed::year_in)).
fn document_year(lines: &[String]) -> Option<u32> {
    lines
        .iter()
        .find_map(|l| crate::ingest::printed::year_in(l))
        .map(u32::from)
}
