//! 公开06表: the basic expenditure by economic code, up to three code-name-amount blocks
//! per printed row, and the 人员经费 / 公用经费 group totals.

use super::cells::{amount, compact, digits_of, is_amount, is_text, lanci, leading_code, row_text};
use super::codes::economic_code;
use super::Failure;
use crate::check::Table;
use crate::disclosure::{BasicExpenditureTable, CostGroup, TableId};
use crate::ingest::RawTable;
use crate::{Amount, Catalog, Unit};

/// One code-name-amount block of a 公开06表 row.
pub(super) struct Block {
    pub(super) printed: String,
    name: Option<String>,
    amount: Option<Amount>,
}

/// Reads 公开06表: each printed row holds up to three blocks side by side (the 人员经费 block
/// with 301 and 303, the 公用经费 302 block and the 310 block); the rows are listed block by
/// block, top to bottom, as in the transcription. The two group totals are read from the
/// row that labels them; a row led by another 合计 label (a grand total) is not a code row.
pub(super) fn read_basic(
    t: &RawTable,
    unit: Unit,
    catalog: Option<&Catalog>,
) -> Result<BasicExpenditureTable, Failure> {
    let mut blocks = Vec::new();
    let (mut personnel_total, mut public_total) = (None, None);
    for cells in &t.rows {
        if lanci(cells).is_some() {
            continue;
        }
        if let Some((personnel, public)) = group_totals(cells, unit)? {
            personnel_total = personnel.or(personnel_total);
            public_total = public.or(public_total);
            continue;
        }
        let grand_total = cells
            .iter()
            .find(|c| !c.trim().is_empty())
            .is_some_and(|c| is_text(c) && compact(c).ends_with("合计"));
        if cells.iter().any(|c| is_amount(c)) && !grand_total {
            blocks.extend(economic_blocks(cells, unit)?);
        }
    }
    blocks.sort_by_key(|b| block_of(&b.printed));
    let mut table = Table::new(TableId::T06.label(), ["决算数"]);
    let (mut groups, mut printed_codes) = (Vec::new(), Vec::new());
    let list = catalog.map(Catalog::economic);
    for b in blocks {
        let code = economic_code(&b.printed, b.name.as_deref(), list)?;
        table
            .push(code, b.name.as_deref(), vec![b.amount])
            .map_err(|e| e.to_string())?;
        groups.push(match block_of(&b.printed) {
            0 => CostGroup::Personnel,
            _ => CostGroup::Public,
        });
        printed_codes.push(b.printed);
    }
    Ok(BasicExpenditureTable {
        table,
        groups,
        printed_codes,
        personnel_total: personnel_total.flatten(),
        public_total: public_total.flatten(),
    })
}

/// The printed block of an economic code: 0 for 人员经费 (301, 303), 1 for 302, 2 for the
/// rest of 公用经费 (310 …).
fn block_of(printed: &str) -> u8 {
    match printed.get(..3) {
        Some("301" | "303") => 0,
        Some("302") => 1,
        _ => 2,
    }
}

/// The two group totals printed on a row (人员经费合计 …, 公用经费合计 …), each the first
/// filled cell after its label; `None` if the row has neither label.
#[allow(clippy::type_complexity)]
fn group_totals(
    cells: &[String],
    unit: Unit,
) -> Result<Option<(Option<Option<Amount>>, Option<Option<Amount>>)>, Failure> {
    let mut found = (None, None);
    for (i, cell) in cells.iter().enumerate() {
        let slot = match compact(cell).as_str() {
            "人员经费合计" => &mut found.0,
            "公用经费合计" => &mut found.1,
            _ => continue,
        };
        let value = cells
            .iter()
            .skip(i + 1)
            .find(|c| !c.trim().is_empty())
            .filter(|c| !is_text(c));
        *slot = Some(match value {
            Some(v) => amount(v, unit)?,
            None => None,
        });
    }
    Ok((found.0.is_some() || found.1.is_some()).then_some(found))
}

/// Reads the blocks of a 公开06表 row from its filled cells: a code (3 to 5 digits, or
/// `301 | 01` split in two), then the name, then the amount if printed.
pub(super) fn economic_blocks(cells: &[String], unit: Unit) -> Result<Vec<Block>, Failure> {
    let tokens: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let is_code = |k: usize| {
        tokens
            .get(k)
            .and_then(|t| digits_of(t))
            .is_some_and(|d| (3..=5).contains(&d.len()))
    };
    let text_at = |k: usize| tokens.get(k).is_some_and(|t| is_text(t));
    let mut blocks = Vec::new();
    let mut k = 0;
    while let Some(&token) = tokens.get(k) {
        let (mut printed, mut name) = match (digits_of(token), leading_code(token)) {
            (Some(d), _) if is_code(k) => (d, None),
            (_, Some((d, n))) if d.len() <= 5 => (d, Some(n)),
            _ => {
                return Err(format!(
                    "「{}」中「{token}」前没有经济分类编码",
                    row_text(cells)
                ))
            }
        };
        k += 1;
        if name.is_none() {
            let part = tokens.get(k).and_then(|t| digits_of(t));
            if let Some(p) = part.filter(|p| p.len() == 2 && printed.len() == 3 && text_at(k + 1)) {
                printed.push_str(&p);
                k += 1;
            }
            if text_at(k) {
                name = tokens.get(k).map(|t| t.to_string());
                k += 1;
            }
        }
        let next_is_block = is_code(k) && text_at(k + 1);
        let mut value = None;
        if tokens.get(k).is_some_and(|t| is_amount(t)) && !next_is_block {
            value = amount(tokens.get(k).copied().unwrap_or_default(), unit)?;
            k += 1;
        }
        blocks.push(Block {
            printed,
            name,
            amount: value,
        });
    }
    Ok(blocks)
}

/// An empty 公开06表.
pub(super) fn empty_basic() -> BasicExpenditureTable {
    BasicExpenditureTable {
        table: Table::new(TableId::T06.label(), ["决算数"]),
        groups: Vec::new(),
        printed_codes: Vec::new(),
        personnel_total: None,
        public_total: None,
    }
}
