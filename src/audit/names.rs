//! Rules on the name paths 「X（类）Y（款）Z（项）」 of the narrative and the glossary.

use super::finding::Place;
use super::Collector;
use crate::catalog::{parse_name_path, ResolveError};
use crate::disclosure::{Document, NamePath};
use crate::{Catalog, Level};

fn place(n: &NamePath) -> Place {
    Place {
        table: None,
        code: Some(n.id.clone()),
        name: Some(n.printed.clone()),
        column: Some(n.section.clone()),
    }
}

pub(super) fn run(doc: &Document, catalog: Option<&Catalog>, out: &mut Collector) {
    for n in &doc.names {
        markers(n, out);
        if let Some(catalog) = catalog {
            official(n, catalog, out);
        }
    }
}

/// `names.marker`: the markers printed after the names must read （类）（款）（项） in that
/// order; a 项 marked （类） misstates the level of the code.
fn markers(n: &NamePath, out: &mut Collector) {
    const RULE: &str = "names.marker";
    let expected = [Level::Class, Level::Section, Level::Item];
    let segments = parse_name_path(&n.printed);
    let wrong: Vec<String> = segments
        .iter()
        .zip(expected)
        .filter_map(|(s, e)| match s.marker {
            Some(m) if m != e => Some(format!("「{}」标为（{}），应为（{}）", s.name, m, e)),
            None => Some(format!("「{}」未标注层级，应为（{}）", s.name, e)),
            _ => None,
        })
        .collect();
    if wrong.is_empty() {
        out.passed(RULE);
    } else {
        out.warn(RULE, place(n), wrong.join("；"));
    }
}

/// `names.official`: the names must be the official names of one code path in the
/// document's edition, each found under its parent (names are unique only there).
fn official(n: &NamePath, catalog: &Catalog, out: &mut Collector) {
    const RULE: &str = "names.official";
    let segments = parse_name_path(&n.printed);
    let names: Vec<&str> = segments.iter().map(|s| s.name.as_str()).collect();
    match catalog.resolve_names(&names) {
        Ok(code) => {
            if names.len() == 3 {
                out.passed(RULE);
            } else {
                out.warn(
                    RULE,
                    place(n),
                    format!("名称路径只到 {}（{}），未到项级", code, code_level(code)),
                );
            }
        }
        Err(ResolveError::NotFound { name, level, under }) => out.warn(
            RULE,
            place(n),
            format!(
                "「{name}」不是 {} 年版{}的{}级科目名称",
                catalog.label(),
                under.map(|u| format!(" {u} 下")).unwrap_or_default(),
                level
            ),
        ),
        Err(e) => out.warn(RULE, place(n), format!("无法解析名称路径：{e}")),
    }
}

fn code_level(code: crate::FunctionCode) -> Level {
    crate::Code::level(code)
}
