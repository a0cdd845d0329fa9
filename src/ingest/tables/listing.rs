//! The tables as the document prints them: label and title as printed, page, whether each
//! was printed empty, the template they make, the tables of the nine the document does not
//! print, and the findings that say so.

use crate::disclosure::{
    university_table, Document, Meta, PrintedTable, TableId, TableState, Template,
};
use crate::finding::{Finding, Place, Rule, Severity};
use crate::ingest::printed::{
    compact, is_label, is_statement, label_in, list_number, strip_continuation, strip_label,
    typographic_quotes,
};
use crate::ingest::{RawDocument, RawTable};

use super::meta::strip_years;

/// The tables in printed order (one entry per table, continuation pages merged), then,
/// unless the template has no counterpart of them, the tables of the nine not printed; and
/// the template they make.
pub(crate) fn printed_tables(raw: &RawDocument) -> (Template, Vec<PrintedTable>) {
    let contents = contents(&raw.front);
    let mut tables: Vec<PrintedTable> = Vec::new();
    for t in &raw.tables {
        let title = bare_title(&t.title);
        if tables.iter().any(|p| same_table(p, t.id, &title)) {
            continue;
        }
        let listed = contents
            .iter()
            .find(|e| e.id == Some(t.id))
            .map(|e| e.label.clone());
        tables.push(PrintedTable {
            id: t.id,
            label: own_label(t).or(listed),
            title,
            page: t.page,
            state: if t.trailer.iter().any(|l| is_statement(l)) {
                TableState::Empty
            } else if t.id.is_none() {
                TableState::NoCounterpart
            } else {
                TableState::Read
            },
        });
    }
    let template = Template::recognise(&tables);
    for id in TableId::ALL.into_iter().filter(|&id| template.has(id)) {
        if tables.iter().any(|p| p.id == Some(id)) {
            continue;
        }
        let listed = contents.iter().find(|e| e.id == Some(Some(id)));
        tables.push(PrintedTable {
            id: Some(id),
            label: listed.map(|e| e.label.clone()),
            title: listed.map_or_else(|| id.title().to_owned(), |e| e.title.clone()),
            page: 0,
            state: TableState::NotPrinted,
        });
    }
    (template, tables)
}

/// Whether a printed table is already listed: the same table of the nine, or, for a table
/// of none of them, the same title.
fn same_table(p: &PrintedTable, id: Option<TableId>, title: &str) -> bool {
    p.id == id && (id.is_some() || p.title == title)
}

/// The label printed with the table: in its title (表 1：…, …(公开 01 表)), on a heading
/// line (公开 07 表), or alone on the line above the title (表7).
fn own_label(t: &RawTable) -> Option<String> {
    label_in(&t.title)
        .or_else(|| {
            t.heading
                .iter()
                .find(|h| is_label(h))
                .and_then(|h| label_in(h))
        })
        .or_else(|| t.label.as_deref().and_then(label_in))
}

/// A title as printed without label, year, continuation mark and white space, with
/// typographic quotation marks.
fn bare_title(title: &str) -> String {
    let stripped = strip_label(&strip_continuation(&compact(title)));
    typographic_quotes(&strip_years(&stripped))
}

/// An entry of the 目录 that names a table: its list number (七、), title and table.
struct Entry {
    label: String,
    title: String,
    id: Option<Option<TableId>>,
}

/// The 目录 entries of the front matter that name tables: a list number, then a title (page
/// numbers and leader dots after it removed).
fn contents(front: &[String]) -> Vec<Entry> {
    front
        .iter()
        .filter_map(|line| {
            let (number, rest) = list_number(line)?;
            let title = compact(rest.split(['.', '…', '\t']).next().unwrap_or(rest));
            let title = typographic_quotes(title.trim_end_matches(|c: char| c.is_ascii_digit()));
            let id = university_table(&title).or_else(|| TableId::from_title(&title).map(Some));
            id.map(|id| Entry {
                label: compact(number),
                title,
                id: Some(id),
            })
        })
        .collect()
}

/// Marks the tables printed with data but not read as [`TableState::Unreadable`], once the
/// typed document is built (a table printed empty stays [`TableState::Empty`]).
pub(super) fn settle_states(doc: &mut Document) {
    let unread: Vec<TableId> = TableId::ALL
        .into_iter()
        .filter(|&id| !doc.is_read(id))
        .collect();
    for t in &mut doc.meta.tables {
        if t.state == TableState::Read && t.id.is_some_and(|id| unread.contains(&id)) {
            t.state = TableState::Unreadable;
        }
    }
}

/// What the listing says before any table is read: a template without some of the nine
/// tables is named once with the tables recognised (`ingest.template`), and each table of
/// the nine the document does not print is reported once (`ingest.table`).
pub(super) fn findings(meta: &Meta) -> Vec<Finding> {
    let mut out = Vec::new();
    let absent: Vec<&str> = TableId::ALL
        .into_iter()
        .filter(|&id| !meta.template.has(id))
        .map(TableId::label)
        .collect();
    if !absent.is_empty() {
        let recognised: Vec<String> = meta
            .tables
            .iter()
            .map(|t| match t.id {
                Some(id) => format!("{}（对应{}）", t.name(), id.label()),
                None => format!("{}（九张公开表中无对应表）", t.name()),
            })
            .collect();
        out.push(Finding::about_document(
            Rule::IngestTemplate,
            Severity::Warning,
            format!(
                "按{}格式识别，印出{}；该格式没有{}的对应表，不作缺表处理，相关校验未执行",
                meta.template.name(),
                recognised.join("、"),
                absent.join("、"),
            ),
        ));
    }
    for t in meta
        .tables
        .iter()
        .filter(|t| t.state == TableState::NotPrinted)
    {
        let Some(id) = t.id else { continue };
        let why = if t.label.is_some() {
            "目录列有该表，但文中未印出该表"
        } else {
            "文中未印出该表"
        };
        let mut f = Finding::warning(
            Rule::IngestTable,
            Place {
                table: Some(id.into()),
                ..Place::default()
            },
            format!("{why}（该表未参与校验）"),
        );
        if let Some(reference) = t.reference() {
            f.name_table(id.label(), &reference, t.page);
        }
        out.push(f);
    }
    out
}
