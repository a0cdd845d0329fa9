//! Typing the tables of a [`RawDocument`]: the facts of the document ([`meta`](fn@meta))
//! and the nine tables ([`assemble`]), read the way `data/disclosures/hongshan-finance-2024/`
//! was transcribed by hand.
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
//!
//! The modules: [`meta`](mod@meta) (the facts of the document), [`cells`] (reading and
//! fitting printed cells), [`summary`] (公开01表, 公开04表), [`functional`] (公开02/03/05/07/08表),
//! [`codes`] (printed codes, truncated ones resolved), [`basic`] (公开06表) and
//! [`three_costs`] (公开09表).

mod basic;
mod budget;
mod cells;
mod codes;
mod functional;
mod identity;
mod listing;
mod meta;
mod summary;
#[cfg(test)]
mod tests;
mod three_costs;

pub(crate) use listing::printed_tables;
pub(crate) use meta::heading_department;

use super::{IngestError, RawDocument, RawTable};
use crate::disclosure::{
    BasicExpenditureTable, Claim, Document, FunctionalTable, Meta, NamePath, SummaryTable, TableId,
    Template, ThreeCostsTable,
};
use crate::finding::{Finding, Place, Rule, TableRef};
use crate::{Catalog, Unit};
use basic::{empty_basic, read_basic};
use functional::{
    empty_functional, known_codes, read_functional, type_functional, ReadFunctional,
    FUNCTIONAL_TABLES,
};
use meta::{department, document_year, heading_fields, other_facts, printed_decimals, Headings};
use std::collections::BTreeMap;
use summary::{empty_summary, read_summary, T01_SPEC, T04_SPEC};
use three_costs::{empty_three_costs, read_three_costs};

/// Why a table could not be read: the text after 「无法可靠读取公开0X表：」.
type Failure = String;

/// The failure of a table the document does not print.
const NOT_PRINTED: &str = "文中未找到该表";

/// Reads the facts of the document: department, reporting unit (单位：), year, amount unit
/// (金额单位：), printed decimals (2 unless the figures show otherwise), edition (= year), kind
/// (决算), the template and the tables as printed, and in `other` the table titles and the
/// 本部门…无… statements printed under tables, and the part headings and year-end dates that
/// name the department and year ([`identity`]).
pub(super) fn meta(raw: &RawDocument) -> Result<Meta, IngestError> {
    if budget::is_budget(raw) {
        return budget::meta(raw);
    }
    if !raw.tables.iter().any(|t| t.id.is_some()) {
        return Err(
            budget_title(raw).map_or(IngestError::NoTables, |title| IngestError::Budget { title })
        );
    }
    let year = document_year(raw).ok_or(IngestError::NoYear)?;
    let headings = Headings::read(raw);
    let reporting_unit = headings.reporting_unit.clone().unwrap_or_default();
    let department =
        department(raw).unwrap_or_else(|| reporting_unit.trim_end_matches("本级").to_owned());
    let (template, tables) = listing::printed_tables(raw);
    Ok(Meta {
        tables,
        department,
        other: other_facts(raw, &headings),
        year_ends: identity::year_ends(raw),
        ..common_meta(raw, &headings, year, template)
    })
}

/// The facts a 决算 and a 预算 read alike: template, reporting unit (单位：), year and edition,
/// amount unit (万元 unless the headings say otherwise), printed decimals and the part
/// headings; kind 决算, no tables, department, other facts or year-end dates (each reader
/// sets its own).
fn common_meta(raw: &RawDocument, headings: &Headings, year: u16, template: Template) -> Meta {
    Meta {
        kind: crate::disclosure::Kind::Final,
        template,
        tables: Vec::new(),
        department: String::new(),
        reporting_unit: headings.reporting_unit.clone().unwrap_or_default(),
        year,
        unit: headings.unit.unwrap_or(Unit::TenThousandYuan),
        decimals: printed_decimals(raw),
        edition: year,
        other: BTreeMap::new(),
        headings: identity::part_headings(raw),
        year_ends: Vec::new(),
    }
}

/// The line of the front matter that names the document a budget (部门预算, 单位预算, 预算公开),
/// if one of its first lines does.
fn budget_title(raw: &RawDocument) -> Option<String> {
    raw.front
        .iter()
        .take(60)
        .map(|l| crate::ingest::printed::compact(l))
        .find(|l| {
            ["部门预算", "单位预算", "预算公开", "综合预算"]
                .iter()
                .any(|w| l.contains(w))
                && !l.contains("决算")
        })
}

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
    /// The codes and names printed on the rows of the functional tables (公开02/03/05/07/08表).
    pub(super) fn printed_names(&self) -> super::narrative::PrintedNames {
        let tables = [&self.t02, &self.t03, &self.t05, &self.t07, &self.t08];
        super::narrative::PrintedNames::of_tables(tables.map(|t| &t.table))
    }

    /// The document: these tables with the facts, claims and name paths.
    pub(super) fn into_document(
        self,
        meta: Meta,
        claims: Vec<Claim>,
        names: Vec<NamePath>,
    ) -> Document {
        let mut doc = Document {
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
            budget: Vec::new(),
        };
        doc.apply_declared_decimals();
        listing::settle_states(&mut doc);
        doc
    }
}

/// The document of a 部门预算: its budget tables typed ([`budget`]), each figure at its
/// table's printed precision, and the nine 决算 tables left empty (the claims of its 说明 are
/// read by the caller).
pub(super) fn assemble_budget(
    raw: &RawDocument,
    mut meta: Meta,
    catalog: Option<&Catalog>,
    problems: &mut Vec<Finding>,
) -> Document {
    let mut budget = budget::assemble(raw, &mut meta, catalog, problems);
    for t in &mut budget {
        t.rows.apply_printed_decimals();
    }
    let functional = |id| empty_functional(id);
    Document {
        meta,
        t01: empty_summary(&T01_SPEC),
        t02: functional(TableId::T02),
        t03: functional(TableId::T03),
        t04: empty_summary(&T04_SPEC),
        t05: functional(TableId::T05),
        t06: empty_basic(),
        t07: functional(TableId::T07),
        t08: functional(TableId::T08),
        t09: empty_three_costs(),
        claims: Vec::new(),
        names: Vec::new(),
        budget,
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
    problems.extend(listing::findings(meta));
    let unit = meta.unit;
    let mut read: BTreeMap<TableId, Result<ReadFunctional, Failure>> = BTreeMap::new();
    for id in FUNCTIONAL_TABLES {
        read.insert(
            id,
            find(raw, id).and_then(|t| read_functional(&t, id, table_unit(&t, unit)?)),
        );
    }
    let known = known_codes(&read);
    let mut functional = |id: TableId| -> FunctionalTable {
        let result = match read.remove(&id) {
            Some(r) => r.and_then(|r| type_functional(id, r, &known, catalog)),
            None => Err(NOT_PRINTED.to_owned()),
        };
        settle(at(raw, id), result, problems, || empty_functional(id))
    };
    let (t02, t03, t05, t07, t08) = (
        functional(TableId::T02),
        functional(TableId::T03),
        functional(TableId::T05),
        functional(TableId::T07),
        functional(TableId::T08),
    );
    let t01 =
        find(raw, TableId::T01).and_then(|t| read_summary(&t, &T01_SPEC, table_unit(&t, unit)?));
    let t04 =
        find(raw, TableId::T04).and_then(|t| read_summary(&t, &T04_SPEC, table_unit(&t, unit)?));
    let t06 = find(raw, TableId::T06).and_then(|t| read_basic(&t, table_unit(&t, unit)?, catalog));
    let t09 = find(raw, TableId::T09).and_then(|t| read_three_costs(&t, table_unit(&t, unit)?));
    Ok(AssembledTables {
        t01: settle(at(raw, TableId::T01), t01, problems, || {
            empty_summary(&T01_SPEC)
        }),
        t02,
        t03,
        t04: settle(at(raw, TableId::T04), t04, problems, || {
            empty_summary(&T04_SPEC)
        }),
        t05,
        t06: settle(at(raw, TableId::T06), t06, problems, empty_basic),
        t07,
        t08,
        t09: settle(at(raw, TableId::T09), t09, problems, empty_three_costs),
    })
}

/// The typed table, or, when it could not be read, the empty table and one finding.
fn settle<T>(
    (id, page): (TableId, usize),
    result: Result<T, Failure>,
    problems: &mut Vec<Finding>,
    empty: impl FnOnce() -> T,
) -> T {
    result.unwrap_or_else(|why| {
        // A table not printed is reported once, by the listing of the printed tables.
        if why != NOT_PRINTED {
            problems.push(unreadable(id, page, &why));
        }
        empty()
    })
}

/// The `ingest.table` warning for a table that could not be read reliably, naming the page
/// it starts on (when the input has pages).
fn unreadable(id: TableId, page: usize, why: &str) -> Finding {
    unreadable_table(id.into(), page, why)
}

/// The `ingest.table` warning for a table named `label` (公开03表, or the name a budget
/// prints) that could not be read reliably.
pub(super) fn unreadable_table(table: TableRef, page: usize, why: &str) -> Finding {
    let label = table.label().to_owned();
    let at = if page > 0 {
        format!("（第{page}页起）")
    } else {
        String::new()
    };
    Finding::warning(
        Rule::IngestTable,
        Place {
            table: Some(table),
            ..Place::default()
        },
        format!("无法可靠读取{label}{at}：{why}（该表未参与校验）"),
    )
    .on_page(page)
}

/// The table and the page it starts on (0 when unknown), for reporting it.
fn at(raw: &RawDocument, id: TableId) -> (TableId, usize) {
    let page = raw
        .tables
        .iter()
        .find(|t| t.id == Some(id))
        .map_or(0, |t| t.page);
    (id, page)
}

/// The amount unit a table's own heading prints (金额单位：元/万元/亿元, or 单位：万元 where the
/// 单位 field is a unit), else the document's; a 金额单位 this crate does not know (千元, 美元
/// …) makes the table unreadable rather than misread by a factor.
pub(super) fn table_unit(table: &RawTable, default: Unit) -> Result<Unit, Failure> {
    let mut headings = Headings::default();
    for field in table.heading.iter().flat_map(|l| heading_fields(l)) {
        let compact: String = field.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.starts_with("金额单位") && Unit::from_name(&compact).is_none() {
            return Err(format!("未知金额单位「{}」", field.trim()));
        }
        headings.take(&field);
    }
    Ok(headings.unit.unwrap_or(default))
}

/// The raw table with this id; several (a table split by the extractor) are merged. Cells
/// printed as a dash (`-`, `—`) say nothing is reported: they are read as blank.
fn find(raw: &RawDocument, id: TableId) -> Result<RawTable, Failure> {
    let mut parts = raw.tables.iter().filter(|t| t.id == Some(id));
    let mut table = parts.next().cloned().ok_or(NOT_PRINTED)?;
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

/// Whether a cell is only a dash (`-`, `—`, `－`, `–`, `―`), printed for "nothing reported".
fn is_dash(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | '—' | '－' | '–' | '―'))
}
