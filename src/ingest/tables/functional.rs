//! Functional tables (公开02/03/05/07/08表): rows keyed by functional codes, re-joined when
//! split over the 类/款/项 columns, with the amount columns placed by the header.

use super::cells::{
    check_total, digits_of, fit, is_amount, is_text, is_total_label, lanci, leading_code, place,
    row_text,
};
use super::codes::function_code;
use super::Failure;
use crate::check::Table;
use crate::check::{compare_cells, Blanks, Relation, Verdict};
use crate::codes::normalize_name;
use crate::disclosure::{FunctionalTable, TableId};
use crate::ingest::RawTable;
use crate::{Amount, Catalog, FunctionCode, Rounding, Unit};
use std::collections::BTreeMap;

/// The tables keyed by functional codes.
pub(super) const FUNCTIONAL_TABLES: [TableId; 5] = [
    TableId::T02,
    TableId::T03,
    TableId::T05,
    TableId::T07,
    TableId::T08,
];

/// A functional table as read, before its codes are resolved.
pub(super) struct ReadFunctional {
    columns: &'static [&'static str],
    rows: Vec<ReadRow>,
    total: Option<Vec<Option<Amount>>>,
}

/// A row as read: the code as printed (digits), the name and the cells.
struct ReadRow {
    printed: String,
    name: Option<String>,
    cells: Vec<Option<Amount>>,
}

/// A row of a functional table, by kind.
pub(super) enum FunctionalRow {
    /// The 合计 row's amount cells.
    Total(Vec<String>),
    /// A coded row.
    Item {
        printed: String,
        name: Option<String>,
        slots: Vec<String>,
    },
}

/// Reads the rows of a functional table.
pub(super) fn read_functional(
    t: &RawTable,
    id: TableId,
    unit: Unit,
) -> Result<ReadFunctional, Failure> {
    let columns = id.columns();
    let without_parts = without_of_which_columns(t);
    let t = without_parts.as_ref().unwrap_or(t);
    let map = slot_map(&t.rows, columns, !t.columns.is_empty())?;
    let mut out = ReadFunctional {
        columns,
        rows: Vec::new(),
        total: None,
    };
    let (total, parts) = id.row_identity().unwrap_or((0, &[]));
    for cells in &t.rows {
        match functional_row(cells, map.len())? {
            None => {}
            Some(FunctionalRow::Total(slots)) => {
                if out.total.is_some() {
                    return Err("合计行出现两次".into());
                }
                let amounts = place(&slots, &map, columns.len(), unit)?;
                check_total(&amounts, total, parts, "合计")?;
                out.total = Some(amounts);
            }
            Some(FunctionalRow::Item {
                printed,
                name,
                slots,
            }) => {
                let amounts = place(&slots, &map, columns.len(), unit)?;
                check_total(&amounts, total, parts, &printed)?;
                out.rows.push(ReadRow {
                    cells: amounts,
                    printed,
                    name,
                });
            }
        }
    }
    misread_columns(&out, total, parts)?;
    Ok(out)
}

/// A table whose row identity (合计 column = Σ its parts) fails on most of its rows right
/// after reading was read with its columns in the wrong places: a reading problem, reported
/// once, not a dozen errors of the document. A document's own errors fail on a few rows.
fn misread_columns(read: &ReadFunctional, total: usize, parts: &[usize]) -> Result<(), Failure> {
    if parts.is_empty() {
        return Ok(());
    }
    let rows = read.rows.iter().map(|r| &r.cells).chain(read.total.iter());
    let (mut checked, mut failed) = (0usize, 0usize);
    for cells in rows {
        let part_cells: Vec<(i32, Option<&Amount>)> = parts
            .iter()
            .map(|&p| (1, cells.get(p).and_then(Option::as_ref)))
            .collect();
        let total_cell = cells.get(total).and_then(Option::as_ref);
        let result = compare_cells(
            total_cell,
            &part_cells,
            Blanks::NotReported,
            Relation::Equal,
            Rounding::Nearest,
        );
        if let Some(Ok(c)) = result {
            checked += 1;
            failed += usize::from(c.verdict == Verdict::Inconsistent);
        }
    }
    if checked >= 3 && failed * 2 > checked {
        return Err(format!(
            "读取后 {failed}/{checked} 行的合计栏不等于各分项之和，疑似列读错位"
        ));
    }
    Ok(())
}

/// Which column each amount slot of the print goes to. The 栏次 row gives the number of
/// slots (else the template's); when the headings name exactly that many known columns, they
/// give the order; else the slots numbered by a 栏次 row, or those of cells without positions,
/// are the template's first columns in order, and a table whose headings were read from their
/// positions (`labelled`) without a 栏次 row cannot be aligned.
fn slot_map(rows: &[Vec<String>], columns: &[&str], labelled: bool) -> Result<Vec<usize>, Failure> {
    let header: Vec<&Vec<String>> = rows.iter().take_while(|r| !is_data_row(r)).collect();
    let numbered = header.iter().find_map(|r| lanci(r));
    let n = numbered.unwrap_or(columns.len());
    if n > columns.len() {
        return Err(format!(
            "表头编有 {n} 个栏次，模板只有 {} 列，列无法对齐",
            columns.len()
        ));
    }
    let named = header_columns(&header, columns);
    if named.len() == n {
        return Ok(named);
    }
    // Headings read from positions must name the columns, unless a 栏次 row numbers them (the
    // template's columns in order): in order would put figures under the wrong heading when
    // the print leaves a column out.
    if labelled && numbered.is_none() {
        return Err(format!(
            "表头 {n} 个金额栏中只认出 {} 个模板栏目（{}），列无法对齐",
            named.len(),
            named
                .iter()
                .filter_map(|&c| columns.get(c))
                .copied()
                .collect::<Vec<_>>()
                .join("、")
        ));
    }
    Ok((0..n).collect())
}

/// The template columns the header cells name, in printed order (each once).
fn header_columns(header: &[&Vec<String>], columns: &[&str]) -> Vec<usize> {
    let mut found = Vec::new();
    for cell in header.iter().flat_map(|r| r.iter()) {
        if let Some(c) = column_named(cell, columns) {
            if !found.contains(&c) {
                found.push(c);
            }
        }
    }
    found
}

/// The template column a heading names: exactly (事业收入金额 as 事业收入), as the total
/// column (合计/小计), as the unique column it ends (小计 for 本年支出小计), or as the unique
/// column it begins (a heading cut short, such as 对附属单位补助).
fn column_named(cell: &str, columns: &[&str]) -> Option<usize> {
    let name = normalize_name(cell);
    if name.is_empty() {
        return None;
    }
    // 「事业收入金额」 beside 「事业收入其中：教育收费」 heads the 事业收入 column itself.
    let name = name
        .strip_suffix("金额")
        .filter(|n| !n.is_empty())
        .map_or(name.clone(), str::to_owned);
    if let Some(i) = columns.iter().position(|c| normalize_name(c) == name) {
        return Some(i);
    }
    // The total column is headed 合计, 小计 or 本年支出合计 as the template varies.
    if name.ends_with("合计") || name.ends_with("小计") {
        if let Some(i) = columns.iter().position(|c| matches!(*c, "合计" | "小计")) {
            return Some(i);
        }
    }
    // A heading printed under a group heading the reader did not join (小计 under 本年支出).
    let ends: Vec<usize> = (0..columns.len())
        .filter(|&i| {
            columns
                .get(i)
                .is_some_and(|c| normalize_name(c).ends_with(&name))
        })
        .collect();
    if let [i] = ends.as_slice() {
        return Some(*i);
    }
    let starts: Vec<usize> = (0..columns.len())
        .filter(|&i| {
            columns
                .get(i)
                .is_some_and(|c| normalize_name(c).starts_with(&name))
        })
        .collect();
    match starts.as_slice() {
        [i] if name.chars().count() >= 4 => Some(*i),
        _ => None,
    }
}

/// The table without its 「其中」 columns (事业收入 其中：教育收费, as the university template
/// prints it): a part of a column printed beside it is not a column of the template, and no
/// identity of the template uses it. `None` when the table has none (or no header labels).
fn without_of_which_columns(t: &RawTable) -> Option<RawTable> {
    let parts: Vec<usize> = (0..t.columns.len())
        .filter(|&j| t.columns[j].contains("其中"))
        .collect();
    if parts.is_empty() {
        return None;
    }
    let keep = |j: usize| !parts.contains(&j);
    let drop_parts = |row: &Vec<String>| -> Vec<String> {
        row.iter()
            .enumerate()
            .filter(|(j, _)| keep(*j))
            .map(|(_, c)| c.clone())
            .collect()
    };
    Some(RawTable {
        columns: drop_parts(&t.columns),
        rows: t.rows.iter().map(drop_parts).collect(),
        ..t.clone()
    })
}

/// Whether a row is a data row (a code or the 合计 row), which ends the header.
fn is_data_row(cells: &[String]) -> bool {
    if lanci(cells).is_some() {
        return false;
    }
    let Some(first) = cells.iter().position(|c| !c.trim().is_empty()) else {
        return false;
    };
    let cell = cells.get(first).map_or("", String::as_str);
    if is_total_label(cell) {
        return !cells.iter().skip(first + 1).any(|c| is_text(c));
    }
    digits_of(cell).is_some_and(|d| (3..=7).contains(&d.len())) || leading_code(cell).is_some()
}

/// Reads one row of a functional table: `None` for a heading, blank or 栏次 row.
pub(super) fn functional_row(cells: &[String], n: usize) -> Result<Option<FunctionalRow>, Failure> {
    if lanci(cells).is_some() {
        return Ok(None);
    }
    let Some(first) = cells.iter().position(|c| !c.trim().is_empty()) else {
        return Ok(None);
    };
    let mut rest = cells.get(first + 1..).unwrap_or_default();
    if cells.get(first).is_some_and(|c| is_total_label(c)) {
        // 合计 printed in the code column leaves the name cell blank before the figures.
        while rest.len() > n && rest.first().is_some_and(|c| c.trim().is_empty()) {
            rest = rest.get(1..).unwrap_or_default();
        }
        if rest.iter().any(|c| is_text(c)) {
            return Ok(None); // a heading row naming a 合计 column
        }
        return fit(rest, n, "合计").map(|s| Some(FunctionalRow::Total(s)));
    }
    if let Some((printed, name)) = cells.get(first).and_then(|c| leading_code(c)) {
        let slots = fit(rest, n, &printed)?;
        return Ok(Some(FunctionalRow::Item {
            printed,
            name: Some(name),
            slots,
        }));
    }
    let (printed, next) = code_prefix(cells, first);
    if printed.is_empty() {
        if cells.iter().any(|c| is_amount(c)) {
            return Err(format!("「{}」有金额但没有科目编码", row_text(cells)));
        }
        return Ok(None);
    }
    let name_at = cells
        .iter()
        .enumerate()
        .skip(next)
        .find(|(_, c)| !c.trim().is_empty())
        .filter(|(_, c)| is_text(c))
        .map(|(i, _)| i);
    let start = name_at.map_or(next, |i| i + 1);
    let slots = fit(cells.get(start..).unwrap_or_default(), n, &printed)?;
    Ok(Some(FunctionalRow::Item {
        name: name_at
            .and_then(|i| cells.get(i))
            .map(|c| c.trim().to_owned()),
        printed,
        slots,
    }))
}

/// The code at the start of a row, re-joined when split over the 类/款/项 columns
/// (`201 | 06 | 01`), and the index after its last part.
pub(super) fn code_prefix(cells: &[String], first: usize) -> (String, usize) {
    let mut digits = String::new();
    let mut next = first;
    for (i, cell) in cells.iter().enumerate().skip(first) {
        if cell.trim().is_empty() {
            continue;
        }
        let Some(d) = digits_of(cell) else { break };
        let fits = if digits.is_empty() {
            (3..=7).contains(&d.len())
        } else {
            d.len() == 2 && matches!(digits.len(), 3 | 5)
        };
        if !fits {
            break;
        }
        digits.push_str(&d);
        next = i + 1;
    }
    (digits, next)
}

/// The codes printed in full in the functional tables, with the names printed on them.
pub(super) fn known_codes(
    read: &BTreeMap<TableId, Result<ReadFunctional, Failure>>,
) -> BTreeMap<FunctionCode, Vec<String>> {
    let mut known: BTreeMap<FunctionCode, Vec<String>> = BTreeMap::new();
    for rows in read.values().filter_map(|r| r.as_ref().ok()) {
        for row in &rows.rows {
            if let Ok(code) = row.printed.parse::<FunctionCode>() {
                let names = known.entry(code).or_default();
                names.extend(row.name.iter().cloned());
            }
        }
    }
    known
}

/// Builds the typed functional table, resolving truncated codes.
pub(super) fn type_functional(
    id: TableId,
    read: ReadFunctional,
    known: &BTreeMap<FunctionCode, Vec<String>>,
    catalog: Option<&Catalog>,
) -> Result<FunctionalTable, Failure> {
    let mut table = Table::new(id.label(), read.columns.iter().copied());
    let (mut printed_codes, mut notes) = (Vec::new(), Vec::new());
    let rows = read.rows;
    for (k, row) in rows.iter().enumerate() {
        if restates_its_kuan(row, &rows[..k]) {
            continue;
        }
        let (code, note) = function_code(&row.printed, row.name.as_deref(), known, catalog)?;
        table
            .push(code, row.name.as_deref(), row.cells.clone())
            .map_err(|e| e.to_string())?;
        printed_codes.push(row.printed.clone());
        notes.push(note);
    }
    if let Some(total) = read.total {
        table.set_total(total).map_err(|e| e.to_string())?;
    }
    Ok(FunctionalTable {
        table,
        printed_codes,
        notes,
    })
}

/// Whether a row printed with a 项 code ending in 00 (`2121100`) restates its 款 (`21211`,
/// printed just before with the same name and the same figures) rather than being an item of
/// it: no 项 of the classification ends in 00, and such a line adds nothing to the 款.
fn restates_its_kuan(row: &ReadRow, before: &[ReadRow]) -> bool {
    let Some(kuan) = row.printed.strip_suffix("00").filter(|k| k.len() == 5) else {
        return false;
    };
    before.last().is_some_and(|prev| {
        prev.printed == kuan && prev.name == row.name && prev.cells == row.cells
    })
}

/// An empty functional table with the template's columns.
pub(super) fn empty_functional(id: TableId) -> FunctionalTable {
    FunctionalTable {
        table: Table::new(id.label(), id.columns().iter().copied()),
        printed_codes: Vec::new(),
        notes: Vec::new(),
    }
}
