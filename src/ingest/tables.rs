//! Typing the tables of a [`RawDocument`]: the facts of the document ([`meta`]) and the nine
//! tables ([`assemble`]), read the way `data/disclosures/hongshan-finance-2024/` was
//! transcribed by hand.
//!
//! - Rows are found by their labels, wherever they sit in the row: the code (re-joined when
//!   split over the 类/款/项 columns), the name, the 合计 label, the line numbers (行次) of
//!   the summary tables. The amount cells are the cells after the label.
//! - The amount columns come from the header: the 栏次 row gives their number, the headings
//!   their order; the column headings of the typed tables are always the transcription's
//!   (`公开03表` has six even when the print numbers four: the missing ones stay blank).
//! - Truncated codes (`201060`, `3010`) are resolved under their known parent: by the code
//!   when one code fits (in a sibling table or the catalog), else by the printed name when it
//!   is unique there. The printed code is kept.
//! - A blank cell is `None`, never 0.
//! - A table that cannot be read reliably (columns that do not align, a code that cannot be
//!   resolved, a cell that is not a number) is left empty, and one `ingest.table` warning says
//!   why, so that the audit skips it instead of reporting a cascade of false errors.

use super::text::{is_statement, split_cells};
use super::{IngestError, RawDocument, RawTable};
use crate::audit::{Finding, Place};
use crate::catalog::CodeList;
use crate::check::Table;
use crate::codes::{normalize_name, to_half_width};
use crate::disclosure::{
    BasicExpenditureTable, Claim, CostGroup, Document, FunctionalTable, Meta, NamePath, Side,
    SummaryLine, SummaryTable, TableId, ThreeCostsTable, THREE_COSTS_COLUMNS,
};
use crate::{Amount, Catalog, Code, EconomicCode, FunctionCode, Unit};
use std::collections::BTreeMap;

/// Why a table could not be read: the text after 「无法可靠读取公开0X表：」.
type Failure = String;

// ---------------------------------------------------------------------------------------
// Meta
// ---------------------------------------------------------------------------------------

/// Reads the facts of the document: department, reporting unit (单位：), year, amount unit
/// (金额单位：), printed decimals (2 unless the figures show otherwise), edition (= year), and
/// in `other` the table titles and the 本部门…无… statements printed under tables.
pub(super) fn meta(raw: &RawDocument) -> Result<Meta, IngestError> {
    if !raw.tables.iter().any(|t| t.id.is_some()) {
        return Err(IngestError::NoTables);
    }
    let year = document_year(raw).ok_or(IngestError::NoYear)?;
    let headings = Headings::read(raw);
    let reporting_unit = headings.reporting_unit.clone().unwrap_or_default();
    let department =
        department(raw).unwrap_or_else(|| reporting_unit.trim_end_matches("本级").to_owned());
    Ok(Meta {
        department,
        reporting_unit,
        year,
        unit: headings.unit.unwrap_or(Unit::TenThousandYuan),
        decimals: printed_decimals(raw),
        edition: year,
        other: other_facts(raw, &headings),
    })
}

/// The fiscal year: from the table titles (2024 年度…), else the headings, else the front
/// matter.
fn document_year(raw: &RawDocument) -> Option<u16> {
    let titles = raw.tables.iter().map(|t| t.title.as_str());
    let headings = raw
        .tables
        .iter()
        .flat_map(|t| t.heading.iter().map(String::as_str));
    let front = raw.front.iter().map(String::as_str);
    titles.chain(headings).chain(front).find_map(year_in)
}

/// The first year printed in a text: four digits followed by 年, between 1990 and 2100.
fn year_in(text: &str) -> Option<u16> {
    let chars: Vec<char> = to_half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    chars.windows(5).find_map(|w| {
        let (digits, after) = w.split_at(4);
        let year: String = digits.iter().collect();
        let ok = digits.iter().all(char::is_ascii_digit) && after.first() == Some(&'年');
        ok.then(|| year.parse().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    })
}

/// What the table headings say: the reporting unit (单位：…) and the amount unit
/// (金额单位：…), with the lines they were read from.
#[derive(Default)]
struct Headings {
    reporting_unit: Option<String>,
    unit: Option<Unit>,
    unit_line: Option<String>,
    amount_unit_line: Option<String>,
}

impl Headings {
    /// Reads the first reporting unit and amount unit printed in the tables' headings.
    fn read(raw: &RawDocument) -> Headings {
        let mut h = Headings::default();
        let lines = raw.tables.iter().flat_map(|t| t.heading.iter());
        for cell in lines.flat_map(|l| heading_fields(l)) {
            h.take(&cell);
        }
        h
    }

    /// Takes one heading field (单位：… or 金额单位：…) if it is not known yet.
    fn take(&mut self, field: &str) {
        let compact: String = field.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(value) = after_colon(&compact, "金额单位") {
            if self.unit.is_none() {
                self.unit = Unit::from_name(value);
                self.amount_unit_line = Some(field.to_owned());
            }
        } else if let Some(value) =
            after_colon(&compact, "单位").or_else(|| after_colon(&compact, "编制单位"))
        {
            if Unit::from_name(value).is_some_and(|_| value.chars().count() <= 2) {
                self.unit = self.unit.or(Unit::from_name(value));
            } else if self.reporting_unit.is_none() && !value.is_empty() {
                self.reporting_unit = Some(field_value(field));
                self.unit_line = Some(field.to_owned());
            }
        }
    }
}

/// The fields of a heading line: its cells, each cut again before 金额单位 (for lines where
/// one space separates 单位：… from 金额单位：…).
fn heading_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for cell in split_cells(line) {
        let mut rest = cell.as_str();
        loop {
            let skip = rest.chars().next().map_or(0, char::len_utf8);
            let Some(pos) = rest.get(skip..).and_then(|r| r.find("金额单位")) else {
                break;
            };
            let (head, tail) = rest.split_at(skip + pos);
            out.push(head.trim().to_owned());
            rest = tail;
        }
        out.push(rest.trim().to_owned());
    }
    out.retain(|c| !c.is_empty());
    out
}

/// The value after `key：` or `key:` at the start of a compact text.
fn after_colon<'a>(compact: &'a str, key: &str) -> Option<&'a str> {
    let rest = compact.strip_prefix(key)?;
    rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))
}

/// The value of a field `单位：武汉市洪山区财政局本级`, trimmed, as printed.
fn field_value(field: &str) -> String {
    field
        .split_once(['：', ':'])
        .map_or(field, |(_, v)| v)
        .trim()
        .to_owned()
}

/// The department: the name printed before 部门决算 on the cover or in the 目录 (without
/// year, 第…部分 and white space).
fn department(raw: &RawDocument) -> Option<String> {
    raw.front.iter().find_map(|line| {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let before = compact
            .split("部门决算")
            .next()
            .filter(|_| compact.contains("部门决算"))?;
        let name = strip_years(strip_part(before));
        let plausible = !name.is_empty()
            && name.chars().count() <= 40
            && !name.chars().any(|c| c.is_ascii_digit());
        plausible.then_some(name)
    })
}

/// Removes a leading 第一部分 … heading number.
fn strip_part(text: &str) -> &str {
    let Some(rest) = text.strip_prefix('第') else {
        return text;
    };
    let numerals = rest
        .char_indices()
        .find(|(_, c)| !"一二三四五六七八九十".contains(*c))
        .map_or(rest.len(), |(i, _)| i);
    rest.get(numerals..)
        .and_then(|r| r.strip_prefix("部分"))
        .unwrap_or(text)
}

/// Removes every year (2024年度, 2024年) from a compact text.
fn strip_years(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 4 && rest[4..].starts_with('年') {
            rest = &rest[4 + '年'.len_utf8()..];
            rest = rest.strip_prefix('度').unwrap_or(rest);
            continue;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

/// The number of decimals the tables print: the most frequent among the figures with a
/// decimal point, 2 if there are none.
fn printed_decimals(raw: &RawDocument) -> i32 {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    let cells = raw
        .tables
        .iter()
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.iter());
    for cell in cells.filter(|c| c.contains('.')) {
        if let Ok(a) = Amount::parse(cell, Unit::Yuan) {
            *counts.entry(a.decimals()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(d, n)| (n, d))
        .map_or(2, |(d, _)| d)
}

/// The table titles (`table02_title`), the statements printed under tables
/// (`table07_statement`) and the heading lines, as in the transcription's `meta.tsv`.
fn other_facts(raw: &RawDocument, headings: &Headings) -> BTreeMap<String, String> {
    let mut other = BTreeMap::new();
    for t in &raw.tables {
        let Some(id) = t.id else { continue };
        let key = format!("table{:02}", id as u8 + 1);
        other
            .entry(format!("{key}_title"))
            .or_insert_with(|| t.title.clone());
        if let Some(s) = t.trailer.iter().find(|l| is_statement(l)) {
            other
                .entry(format!("{key}_statement"))
                .or_insert_with(|| s.trim().to_owned());
        }
    }
    if let Some(l) = &headings.unit_line {
        other.insert("table_unit_line".into(), l.clone());
    }
    if let Some(l) = &headings.amount_unit_line {
        other.insert("table_amount_unit_line".into(), l.clone());
    }
    other
}

// ---------------------------------------------------------------------------------------
// The nine tables
// ---------------------------------------------------------------------------------------

/// The nine typed tables, before the narrative is added.
pub(super) struct AssembledTables {
    t01: SummaryTable,
    t02: FunctionalTable,
    t03: FunctionalTable,
    t04: SummaryTable,
    t05: FunctionalTable,
    t06: BasicExpenditureTable,
    t07: FunctionalTable,
    t08: FunctionalTable,
    t09: ThreeCostsTable,
}

impl AssembledTables {
    /// The document: these tables with the facts, claims and name paths.
    pub(super) fn into_document(
        self,
        meta: Meta,
        claims: Vec<Claim>,
        names: Vec<NamePath>,
    ) -> Document {
        Document {
            meta,
            t01: self.t01,
            t02: self.t02,
            t03: self.t03,
            t04: self.t04,
            t05: self.t05,
            t06: self.t06,
            t07: self.t07,
            t08: self.t08,
            t09: self.t09,
            claims,
            names,
        }
    }
}

/// Types the nine tables. A table that is missing or cannot be read reliably is left empty
/// and reported once in `problems` (rule `ingest.table`).
pub(super) fn assemble(
    raw: &RawDocument,
    meta: &Meta,
    catalog: Option<&Catalog>,
    problems: &mut Vec<Finding>,
) -> Result<AssembledTables, IngestError> {
    if !raw.tables.iter().any(|t| t.id.is_some()) {
        return Err(IngestError::NoTables);
    }
    let unit = meta.unit;
    let mut read: BTreeMap<TableId, Result<ReadFunctional, Failure>> = BTreeMap::new();
    for id in FUNCTIONAL_TABLES {
        read.insert(
            id,
            find(raw, id).and_then(|t| read_functional(&t, id, unit)),
        );
    }
    let known = known_codes(&read);
    let mut functional = |id: TableId| -> FunctionalTable {
        let result = match read.remove(&id) {
            Some(r) => r.and_then(|r| type_functional(id, r, &known, catalog)),
            None => Err("文中未找到该表".to_owned()),
        };
        settle(id, result, problems, || empty_functional(id))
    };
    let (t02, t03, t05, t07, t08) = (
        functional(TableId::T02),
        functional(TableId::T03),
        functional(TableId::T05),
        functional(TableId::T07),
        functional(TableId::T08),
    );
    let t01 = find(raw, TableId::T01).and_then(|t| read_summary(&t, &T01_SPEC, unit));
    let t04 = find(raw, TableId::T04).and_then(|t| read_summary(&t, &T04_SPEC, unit));
    let t06 = find(raw, TableId::T06).and_then(|t| read_basic(&t, unit, catalog));
    let t09 = find(raw, TableId::T09).and_then(|t| read_three_costs(&t, unit));
    Ok(AssembledTables {
        t01: settle(TableId::T01, t01, problems, || empty_summary(&T01_SPEC)),
        t02,
        t03,
        t04: settle(TableId::T04, t04, problems, || empty_summary(&T04_SPEC)),
        t05,
        t06: settle(TableId::T06, t06, problems, empty_basic),
        t07,
        t08,
        t09: settle(TableId::T09, t09, problems, empty_three_costs),
    })
}

/// The typed table, or, when it could not be read, the empty table and one finding.
fn settle<T>(
    id: TableId,
    result: Result<T, Failure>,
    problems: &mut Vec<Finding>,
    empty: impl FnOnce() -> T,
) -> T {
    result.unwrap_or_else(|why| {
        problems.push(unreadable(id, &why));
        empty()
    })
}

/// The `ingest.table` warning for a table that could not be read reliably.
fn unreadable(id: TableId, why: &str) -> Finding {
    let label = id.label();
    Finding::warning(
        "ingest.table",
        Place {
            table: Some(label.to_owned()),
            ..Place::default()
        },
        format!("无法可靠读取{label}：{why}（该表未参与校验）"),
    )
}

/// The raw table with this id; several (a table split by the extractor) are merged. Cells
/// printed as a dash (`-`, `—`) say nothing is reported: they are read as blank.
fn find(raw: &RawDocument, id: TableId) -> Result<RawTable, Failure> {
    let mut parts = raw.tables.iter().filter(|t| t.id == Some(id));
    let mut table = parts.next().cloned().ok_or("文中未找到该表")?;
    for more in parts {
        table.rows.extend(more.rows.iter().cloned());
        table.trailer.extend(more.trailer.iter().cloned());
    }
    for cell in table.rows.iter_mut().flat_map(|r| r.iter_mut()) {
        if is_dash(cell) {
            cell.clear();
        }
    }
    Ok(table)
}

/// Whether a cell is only a dash (`-`, `—`, `－`, `–`), printed for "nothing reported".
fn is_dash(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | '—' | '－' | '–' | '―'))
}

// ---------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------

/// A cell without white space, in half-width characters.
fn compact(cell: &str) -> String {
    to_half_width(cell)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The digits of a cell made only of digits (and white space inside a code: `301  01`).
fn digits_of(cell: &str) -> Option<String> {
    let c = compact(cell);
    (!c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())).then_some(c)
}

/// Whether a cell is a printed figure.
fn is_amount(cell: &str) -> bool {
    !cell.trim().is_empty() && Amount::parse(cell, Unit::Yuan).is_ok()
}

/// Whether a cell is text: filled and not a figure.
fn is_text(cell: &str) -> bool {
    !cell.trim().is_empty() && !is_amount(cell)
}

/// Whether a cell is the 合计 label (总计 in some prints).
fn is_total_label(cell: &str) -> bool {
    matches!(compact(cell).as_str(), "合计" | "总计")
}

/// The number of columns a 栏次 row numbers (`类 款 项 1 2 3`, `栏次 1 栏次 2`, `1 … 12`),
/// or `None` if the row is not one.
fn lanci(cells: &[String]) -> Option<usize> {
    let mut next = 1;
    for cell in cells.iter().filter(|c| !c.trim().is_empty()) {
        let c = compact(cell);
        if let Some(d) = digits_of(&c) {
            if d.parse::<usize>().ok()? != next {
                return None;
            }
            next += 1;
        } else if !matches!(
            c.as_str(),
            "类" | "款" | "项" | "栏次" | "行次" | "行" | "项目"
        ) {
            return None;
        }
    }
    (next > 1).then_some(next - 1)
}

/// The cells of a row as one text, for messages.
fn row_text(cells: &[String]) -> String {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let text = filled.join(" ");
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// Fits the amount cells of a row to `n` slots: trailing blanks beyond `n` are dropped and
/// missing trailing cells are blank (the extraction drops trailing blank cells). Columns do
/// not align when a filled cell lies beyond `n`, or when a row of several slots is short and
/// ends with a filled cell (the blanks it lost could have been anywhere).
fn fit(cells: &[String], n: usize, row: &str) -> Result<Vec<String>, Failure> {
    let mut v: Vec<String> = cells.to_vec();
    while v.len() > n && v.last().is_some_and(|c| c.trim().is_empty()) {
        v.pop();
    }
    if v.len() > n {
        return Err(format!(
            "「{row}」一行有 {} 个数值格，表头只有 {n} 栏，列无法对齐",
            v.len()
        ));
    }
    if v.len() < n && n >= 2 && v.last().is_some_and(|c| !c.trim().is_empty()) {
        return Err(format!(
            "「{row}」一行只有 {} 个数值格（表头 {n} 栏），无法确定空格的位置",
            v.len()
        ));
    }
    v.resize(n, String::new());
    Ok(v)
}

/// Checks that a row whose parts are printed also prints their total (the total column of
/// the template is never blank when a part is filled, unless the columns have shifted).
fn check_total(
    cells: &[Option<Amount>],
    total: usize,
    parts: &[usize],
    row: &str,
) -> Result<(), Failure> {
    let blank_total = cells.get(total).is_some_and(Option::is_none);
    let filled_part = parts
        .iter()
        .any(|&p| cells.get(p).is_some_and(Option::is_some));
    if blank_total && filled_part {
        return Err(format!("「{row}」合计栏为空而分项有数，疑似列错位"));
    }
    Ok(())
}

/// Parses one amount cell: blank is `None`.
fn amount(cell: &str, unit: Unit) -> Result<Option<Amount>, Failure> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    Amount::parse(t, unit)
        .map(Some)
        .map_err(|_| format!("「{t}」不是金额"))
}

/// Parses the amount cells of a row into `width` columns, slot `i` going to column `map[i]`.
fn place(
    slots: &[String],
    map: &[usize],
    width: usize,
    unit: Unit,
) -> Result<Vec<Option<Amount>>, Failure> {
    let mut cells = vec![None; width];
    for (slot, text) in slots.iter().enumerate() {
        let value = amount(text, unit)?;
        if let Some(cell) = map.get(slot).and_then(|&c| cells.get_mut(c)) {
            *cell = value;
        }
    }
    Ok(cells)
}

/// A code printed at the start of a cell followed by its name (`2010601 行政运行`).
fn leading_code(cell: &str) -> Option<(String, String)> {
    let half = to_half_width(cell.trim());
    let digits: String = half.chars().take_while(char::is_ascii_digit).collect();
    let rest = half.get(digits.len()..)?;
    let name = rest.trim();
    let ok =
        (3..=7).contains(&digits.len()) && rest.starts_with(char::is_whitespace) && is_text(name);
    ok.then(|| (digits, name.to_owned()))
}

// ---------------------------------------------------------------------------------------
// Functional tables (公开02/03/05/07/08表)
// ---------------------------------------------------------------------------------------

/// The tables keyed by functional codes.
const FUNCTIONAL_TABLES: [TableId; 5] = [
    TableId::T02,
    TableId::T03,
    TableId::T05,
    TableId::T07,
    TableId::T08,
];

/// A functional table as read, before its codes are resolved.
struct ReadFunctional {
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
enum FunctionalRow {
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
fn read_functional(t: &RawTable, id: TableId, unit: Unit) -> Result<ReadFunctional, Failure> {
    let columns = id.columns();
    let map = slot_map(&t.rows, columns)?;
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
    Ok(out)
}

/// Which column each amount slot of the print goes to. The 栏次 row gives the number of
/// slots (else the template's); when the headings name exactly that many known columns, they
/// give the order, else the slots are the template's first columns in order.
fn slot_map(rows: &[Vec<String>], columns: &[&str]) -> Result<Vec<usize>, Failure> {
    let header: Vec<&Vec<String>> = rows.iter().take_while(|r| !is_data_row(r)).collect();
    let n = header
        .iter()
        .find_map(|r| lanci(r))
        .unwrap_or(columns.len());
    if n > columns.len() {
        return Err(format!(
            "表头编有 {n} 个栏次，模板只有 {} 列，列无法对齐",
            columns.len()
        ));
    }
    let named = header_columns(&header, columns);
    Ok(if named.len() == n {
        named
    } else {
        (0..n).collect()
    })
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

/// The template column a heading names: exactly, or as the unique column it begins (a
/// heading cut short, such as 对附属单位补助).
fn column_named(cell: &str, columns: &[&str]) -> Option<usize> {
    let name = normalize_name(cell);
    if name.is_empty() {
        return None;
    }
    if let Some(i) = columns.iter().position(|c| normalize_name(c) == name) {
        return Some(i);
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
fn functional_row(cells: &[String], n: usize) -> Result<Option<FunctionalRow>, Failure> {
    if lanci(cells).is_some() {
        return Ok(None);
    }
    let Some(first) = cells.iter().position(|c| !c.trim().is_empty()) else {
        return Ok(None);
    };
    let rest = cells.get(first + 1..).unwrap_or_default();
    if cells.get(first).is_some_and(|c| is_total_label(c)) {
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
fn code_prefix(cells: &[String], first: usize) -> (String, usize) {
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
fn known_codes(
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
fn type_functional(
    id: TableId,
    read: ReadFunctional,
    known: &BTreeMap<FunctionCode, Vec<String>>,
    catalog: Option<&Catalog>,
) -> Result<FunctionalTable, Failure> {
    let mut table = Table::new(id.label(), read.columns.iter().copied());
    let (mut printed_codes, mut notes) = (Vec::new(), Vec::new());
    for row in read.rows {
        let (code, note) = function_code(&row.printed, row.name.as_deref(), known, catalog)?;
        table
            .push(code, row.name.as_deref(), row.cells)
            .map_err(|e| e.to_string())?;
        printed_codes.push(row.printed);
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

/// The functional code a printed code stands for, and a note when it was resolved.
fn function_code(
    printed: &str,
    name: Option<&str>,
    known: &BTreeMap<FunctionCode, Vec<String>>,
    catalog: Option<&Catalog>,
) -> Result<(FunctionCode, String), Failure> {
    match printed.len() {
        3 | 5 | 7 => printed
            .parse()
            .map(|c| (c, String::new()))
            .map_err(|_| format!("科目编码 {printed} 无效")),
        4 | 6 => resolve_truncated(printed, name, known, catalog.map(Catalog::functional)),
        _ => Err(format!("科目编码 {printed} 位数不对")),
    }
}

/// Resolves a code printed one digit short (`201060`, `3010`) under its known parent (the
/// code without its last printed digit): by the code when only one code fits (printed in full
/// in a sibling table, or in the catalog), else by the printed name when it is unique there
/// (exactly, or as the beginning of a name cut short in the print).
fn resolve_truncated<C: Code>(
    printed: &str,
    name: Option<&str>,
    known: &BTreeMap<C, Vec<String>>,
    list: Option<&CodeList<C>>,
) -> Result<(C, String), Failure> {
    let target = printed.len() + 1;
    let parent: Option<C> = printed
        .get(..printed.len().saturating_sub(1))
        .and_then(|p| p.parse().ok());
    let mut candidates: BTreeMap<C, Vec<String>> = BTreeMap::new();
    for (code, names) in known {
        let text = code.to_string();
        if text.len() == target && text.starts_with(printed) {
            candidates
                .entry(*code)
                .or_default()
                .extend(names.iter().cloned());
        }
    }
    if let (Some(list), Some(p)) = (list, parent) {
        for e in list.children(Some(p)) {
            if e.code().to_string().starts_with(printed) {
                candidates
                    .entry(e.code())
                    .or_default()
                    .push(e.name().to_owned());
            }
        }
    }
    pick(printed, name, parent, &candidates)
}

/// Chooses among the codes a truncated code may stand for (see [`resolve_truncated`]).
fn pick<C: Code>(
    printed: &str,
    name: Option<&str>,
    parent: Option<C>,
    candidates: &BTreeMap<C, Vec<String>>,
) -> Result<(C, String), Failure> {
    let under = parent.map(|p| format!(" under {p}")).unwrap_or_default();
    if let [(code, names)] = candidates.iter().collect::<Vec<_>>().as_slice() {
        if name.is_none_or(|n| names.is_empty() || names_match(names, n, true)) {
            return Ok((
                **code,
                format!(
                    "printed {printed}; resolved to {code}: the only code{under} it can stand for"
                ),
            ));
        }
    }
    if let Some(n) = name {
        for prefix in [false, true] {
            let hits: Vec<C> = candidates
                .iter()
                .filter(|(_, names)| names_match(names, n, prefix))
                .map(|(c, _)| *c)
                .collect();
            match hits.as_slice() {
                [code] => {
                    return Ok((
                        *code,
                        format!("printed {printed}; resolved to {code} by name {n}{under}"),
                    ))
                }
                [] => {}
                _ => break,
            }
        }
    }
    Err(format!(
        "科目编码 {printed}（{}）不完整，无法唯一确定",
        name.unwrap_or("无名称")
    ))
}

/// Whether a printed name is one of the names (or, with `prefix`, the beginning of one,
/// for names cut short in the print).
fn names_match(names: &[String], printed: &str, prefix: bool) -> bool {
    let p = normalize_name(printed);
    names.iter().any(|n| {
        let n = normalize_name(n);
        n == p || prefix && p.chars().count() >= 2 && n.starts_with(&p)
    })
}

/// An empty functional table with the template's columns.
fn empty_functional(id: TableId) -> FunctionalTable {
    FunctionalTable {
        table: Table::new(id.label(), id.columns().iter().copied()),
        printed_codes: Vec::new(),
        notes: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Summary tables (公开01表, 公开04表)
// ---------------------------------------------------------------------------------------

/// The columns of a summary table and which of them each side fills.
struct SummarySpec {
    columns: &'static [&'static str],
    income: &'static [usize],
    expense: &'static [usize],
}

/// 公开01表: one 金额 column shared by both sides.
const T01_SPEC: SummarySpec = SummarySpec {
    columns: &["金额"],
    income: &[0],
    expense: &[0],
};

/// 公开04表: income in 决算数, expense in 小计 and the three kinds of 财政拨款.
const T04_SPEC: SummarySpec = SummarySpec {
    columns: &[
        "决算数",
        "小计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ],
    income: &[0],
    expense: &[1, 2, 3, 4],
};

/// One side of a printed row: side, line number, label and amount cells.
type Half = (Side, u32, String, Vec<String>);

/// Reads a summary table: every printed row holds an income line and an expense line,
/// each a label, a line number (行次) and amount cells.
fn read_summary(t: &RawTable, spec: &SummarySpec, unit: Unit) -> Result<SummaryTable, Failure> {
    let slots = spec.income.len() + spec.expense.len();
    if let Some(n) = t.rows.iter().find_map(|r| lanci(r)) {
        if n != slots {
            return Err(format!(
                "表头编有 {n} 个栏次，模板为 {slots} 栏，列无法对齐"
            ));
        }
    }
    let (mut income, mut expense) = (Vec::new(), Vec::new());
    let mut last = (None, None);
    for cells in &t.rows {
        for (side, line, name, amounts) in summary_row(cells, spec, &mut last)? {
            let columns = match side {
                Side::Income => spec.income,
                Side::Expense => spec.expense,
            };
            let cells = place(&amounts, columns, spec.columns.len(), unit)?;
            if let [total, parts @ ..] = columns {
                check_total(&cells, *total, parts, &format!("行次 {line}"))?;
            }
            let line = SummaryLine {
                side,
                line,
                name,
                cells,
                note: String::new(),
            };
            match side {
                Side::Income => income.push(line),
                Side::Expense => expense.push(line),
            }
        }
    }
    income.extend(expense);
    Ok(SummaryTable {
        columns: spec.columns.iter().map(|c| c.to_string()).collect(),
        lines: income,
    })
}

/// A line number cell: one to three digits.
fn line_number(cell: &str) -> Option<u32> {
    digits_of(cell)
        .filter(|d| d.len() <= 3)
        .and_then(|d| d.parse().ok())
        .filter(|&n| n >= 1)
}

/// Reads one printed row of a summary table into its income and expense halves; `last`
/// holds the last income and expense line numbers, to place a row with only one half.
fn summary_row(
    cells: &[String],
    spec: &SummarySpec,
    last: &mut (Option<u32>, Option<u32>),
) -> Result<Vec<Half>, Failure> {
    if lanci(cells).is_some() {
        return Ok(Vec::new());
    }
    let numbers: Vec<(usize, u32)> = cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| line_number(c).map(|n| (i, n)))
        .collect();
    let Some(&(i, first)) = numbers.first() else {
        if cells.iter().any(|c| is_amount(c)) {
            return Err(format!("「{}」有金额但没有行次", row_text(cells)));
        }
        return Ok(Vec::new());
    };
    let name = label_before(cells, 0, i)?;
    let k_in = spec.income.len();
    let second = numbers.iter().skip(1).copied().find(|&(j, n)| {
        n > first && (cells.get(j - 1).is_some_and(|c| is_text(c)) || j - i - 1 == k_in + 1)
    });
    match second {
        Some((j, n)) => {
            *last = (Some(first), Some(n));
            both_halves(cells, spec, (i, first, name), (j, n))
        }
        None => one_half(cells, spec, last, (i, first, name)).map(|h| vec![h]),
    }
}

/// The two halves of a row: the income label, line and amounts up to the expense label
/// (the cell before the expense line number), then the expense line and its amounts.
fn both_halves(
    cells: &[String],
    spec: &SummarySpec,
    (i, first, name): (usize, u32, String),
    (j, n): (usize, u32),
) -> Result<Vec<Half>, Failure> {
    let before = cells.get(j - 1).map_or("", |c| c.trim());
    let (income_end, expense_name) = if is_amount(before) {
        (j, String::new())
    } else {
        (j - 1, before.to_owned())
    };
    let income = fit(
        cells.get(i + 1..income_end).unwrap_or_default(),
        spec.income.len(),
        &name,
    )?;
    let expense = fit(
        cells.get(j + 1..).unwrap_or_default(),
        spec.expense.len(),
        &expense_name,
    )?;
    Ok(vec![
        (Side::Income, first, name, income),
        (Side::Expense, n, expense_name, expense),
    ])
}

/// A row with one line number: an expense line when it follows the last expense line, else
/// an income line.
fn one_half(
    cells: &[String],
    spec: &SummarySpec,
    last: &mut (Option<u32>, Option<u32>),
    (i, line, name): (usize, u32, String),
) -> Result<Half, Failure> {
    let rest = cells.get(i + 1..).unwrap_or_default();
    let (side, width) = if last.1.is_some_and(|e| line == e + 1) {
        last.1 = Some(line);
        (Side::Expense, spec.expense.len())
    } else {
        last.0 = Some(line);
        (Side::Income, spec.income.len())
    };
    let amounts = fit(rest, width, &name)?;
    Ok((side, line, name, amounts))
}

/// The label printed in cells `from..to`: their filled cells joined, which must be text.
fn label_before(cells: &[String], from: usize, to: usize) -> Result<String, Failure> {
    let parts: Vec<&str> = cells
        .get(from..to)
        .unwrap_or_default()
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if let Some(a) = parts.iter().find(|c| is_amount(c)) {
        return Err(format!(
            "「{}」中 {a} 位于行次之前，列无法对齐",
            row_text(cells)
        ));
    }
    Ok(parts.concat())
}

/// An empty summary table with the template's columns.
fn empty_summary(spec: &SummarySpec) -> SummaryTable {
    SummaryTable {
        columns: spec.columns.iter().map(|c| c.to_string()).collect(),
        lines: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------
// 公开06表
// ---------------------------------------------------------------------------------------

/// One code-name-amount block of a 公开06表 row.
struct Block {
    printed: String,
    name: Option<String>,
    amount: Option<Amount>,
}

/// Reads 公开06表: each printed row holds up to three blocks side by side (the 人员经费 block
/// with 301 and 303, the 公用经费 302 block and the 310 block); the rows are listed block by
/// block, top to bottom, as in the transcription. The two group totals are read from the
/// row that labels them; a row led by another 合计 label (a grand total) is not a code row.
fn read_basic(
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
fn economic_blocks(cells: &[String], unit: Unit) -> Result<Vec<Block>, Failure> {
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

/// The economic code a printed code stands for (4 digits: resolved under its 类).
fn economic_code(
    printed: &str,
    name: Option<&str>,
    list: Option<&CodeList<EconomicCode>>,
) -> Result<EconomicCode, Failure> {
    match printed.len() {
        3 | 5 => printed
            .parse()
            .map_err(|_| format!("经济分类编码 {printed} 无效")),
        4 => resolve_truncated(printed, name, &BTreeMap::new(), list).map(|(c, _)| c),
        _ => Err(format!("经济分类编码 {printed} 位数不对")),
    }
}

/// An empty 公开06表.
fn empty_basic() -> BasicExpenditureTable {
    BasicExpenditureTable {
        table: Table::new(TableId::T06.label(), ["决算数"]),
        groups: Vec::new(),
        printed_codes: Vec::new(),
        personnel_total: None,
        public_total: None,
    }
}

// ---------------------------------------------------------------------------------------
// 公开09表
// ---------------------------------------------------------------------------------------

/// Reads 公开09表: one row of 12 cells (1–6 预算数, 7–12 决算数), or two rows labelled
/// 预算数 and 决算数 (or unlabelled, in that order) of 6 cells each.
fn read_three_costs(t: &RawTable, unit: Unit) -> Result<ThreeCostsTable, Failure> {
    let width = THREE_COSTS_COLUMNS.len();
    let (mut budget, mut actual, mut plain) = (None, None, Vec::new());
    for cells in &t.rows {
        if lanci(cells).is_some() || !cells.iter().any(|c| is_amount(c)) {
            continue;
        }
        let first = cells.iter().position(|c| !c.trim().is_empty()).unwrap_or(0);
        let label = cells.get(first).filter(|c| is_text(c)).map(|c| compact(c));
        let rest = cells.get(first + 1..).unwrap_or_default();
        match label {
            Some(l) if l.contains("预算") => budget = Some(fit(rest, width, &l)?),
            Some(l) if l.contains("决算") => actual = Some(fit(rest, width, &l)?),
            Some(_) => plain.push(rest.to_vec()),
            None => plain.push(cells.clone()),
        }
    }
    match plain.as_slice() {
        [] => {}
        [row] => {
            let all = fit(row, 2 * width, "三公经费")?;
            let (b, a) = all.split_at(width);
            budget = budget.or(Some(b.to_vec()));
            actual = actual.or(Some(a.to_vec()));
        }
        [b, a] => {
            budget = budget.or(Some(fit(b, width, "预算数")?));
            actual = actual.or(Some(fit(a, width, "决算数")?));
        }
        _ => return Err(format!("有 {} 行数值，无法分辨预算数与决算数", plain.len())),
    }
    let identity: Vec<usize> = (0..width).collect();
    let cells = |v: Option<Vec<String>>| place(&v.unwrap_or_default(), &identity, width, unit);
    let (budget, actual) = (cells(budget)?, cells(actual)?);
    for (row, label) in [(&budget, "预算数"), (&actual, "决算数")] {
        check_total(row, 0, &[1, 2, 5], label)?;
        check_total(row, 2, &[3, 4], label)?;
    }
    Ok(ThreeCostsTable { budget, actual })
}

/// An unread 公开09表: no cells at all (a printed table always has six per row, so the
/// audit can tell an unread table from one printed blank).
fn empty_three_costs() -> ThreeCostsTable {
    ThreeCostsTable {
        budget: Vec::new(),
        actual: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(s: &str) -> Vec<String> {
        s.split('\t').map(str::to_owned).collect()
    }

    #[test]
    fn headings_give_the_reporting_unit_and_the_amount_unit() {
        let mut h = Headings::default();
        for f in heading_fields("单位：武汉市洪山区财政局本级 金额单位：万元")
        {
            h.take(&f);
        }
        assert_eq!(h.reporting_unit.as_deref(), Some("武汉市洪山区财政局本级"));
        assert_eq!(h.unit, Some(Unit::TenThousandYuan));
        let mut h = Headings::default();
        h.take("单位：元");
        assert_eq!((h.unit, h.reporting_unit), (Some(Unit::Yuan), None));
    }

    #[test]
    fn years_departments_and_decimals() {
        assert_eq!(year_in("2024 年度收入决算表"), Some(2024));
        assert_eq!(year_in("２０２５年度"), Some(2025));
        assert_eq!(year_in("第 12 页"), None);
        assert_eq!(
            strip_years("2024年度武汉市洪山区财政局"),
            "武汉市洪山区财政局"
        );
        assert_eq!(strip_part("第二部分武汉市"), "武汉市");
        let raw = RawDocument {
            tables: vec![RawTable {
                rows: vec![row("1.5\t2.5\t3")],
                ..RawTable::default()
            }],
            ..RawDocument::default()
        };
        assert_eq!(printed_decimals(&raw), 1);
    }

    #[test]
    fn lanci_rows() {
        assert_eq!(lanci(&row("类\t款\t项\t1\t2\t3")), Some(3));
        assert_eq!(lanci(&row("栏次\t\t1\t栏次\t\t2")), Some(2));
        assert_eq!(lanci(&row("201\t\t一般公共服务支出\t1")), None);
        assert_eq!(lanci(&row("\t\t栏次\t\t")), None);
    }

    #[test]
    fn split_codes_are_rejoined() {
        let cells = row("201\t06\t01\t行政运行\t1.00");
        let r = functional_row(&cells, 1).unwrap().unwrap();
        assert!(matches!(r, FunctionalRow::Item { printed, .. } if printed == "2010601"));
        let cells = row("301  01\t基本工资\t553.75\t302\t商品和服务支出\t1.00");
        let blocks = economic_blocks(&cells, Unit::TenThousandYuan).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].printed, "30101");
    }

    #[test]
    fn truncated_codes_resolve_by_code_or_unique_name() {
        let catalog = Catalog::edition(2024).unwrap();
        let known = BTreeMap::new();
        let f = |p: &str, n: &str| {
            function_code(p, Some(n), &known, Some(catalog)).map(|(c, _)| c.to_string())
        };
        assert_eq!(f("201060", "行政运行").unwrap(), "2010601");
        assert_eq!(f("210079", "其他计划生育事务支出").unwrap(), "2100799");
        assert!(f("201060", "不存在").is_err());
        let e = |p: &str, n: &str| economic_code(p, Some(n), Some(catalog.economic()));
        assert_eq!(
            e("3010", "机关事业单位基本养老保险缴").unwrap().to_string(),
            "30108"
        );
        assert_eq!(e("3101", "公务用车购置").unwrap().to_string(), "31013");
    }

    #[test]
    fn extra_filled_cells_do_not_align() {
        assert!(fit(&row("1\t2\t\t"), 2, "x").is_ok());
        assert!(fit(&row("1\t2\t3"), 2, "x").is_err());
        assert_eq!(fit(&row("1\t"), 3, "x").unwrap(), ["1", "", ""]);
        assert!(
            fit(&row("1\t2"), 3, "x").is_err(),
            "blanks lost: cannot place"
        );
        assert_eq!(fit(&row("5"), 1, "x").unwrap(), ["5"]);
    }
}
