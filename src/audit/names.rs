//! Rules on the name paths 「X（类）Y（款）Z（项）」 of the narrative and the glossary.

use super::Collector;
use crate::catalog::{parse_name_path, NamedSegment, ResolveError};
use crate::disclosure::{Document, NamePath};
use crate::finding::{Finding, Place, Rule};
use crate::{Catalog, Level};

fn place(n: &NamePath) -> Place {
    Place {
        table: None,
        code: Some(n.id.clone()),
        name: Some(n.printed.clone()),
        column: Some(n.section.clone()),
        claim: None,
        ..Place::default()
    }
}

pub(super) fn run(doc: &Document, catalog: Option<&Catalog>, out: &mut Collector) {
    numbering(&doc.names, out);
    for n in &doc.names {
        let segments = parse_name_path(&n.printed);
        markers(n, &segments, out);
        if let Some(catalog) = catalog {
            official(n, &segments, catalog, out);
        }
    }
}

/// `names.marker`: the markers printed after the names must read （类）（款）（项） in that
/// order; a 项 marked （类） misstates the level of the code.
fn markers(n: &NamePath, segments: &[NamedSegment], out: &mut Collector) {
    const RULE: Rule = Rule::NamesMarker;
    let expected = [Level::Class, Level::Section, Level::Item];
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
/// document's edition, each found under its parent (names are unique only there). A name
/// that is not the official name of any subject under its parent (an old name, a 类 name
/// repeated as 款, a 项 the edition does not have) misnames the subject: an error. A path that
/// stops above 项, or that cannot be parsed, is a warning.
fn official(n: &NamePath, segments: &[NamedSegment], catalog: &Catalog, out: &mut Collector) {
    const RULE: Rule = Rule::NamesOfficial;
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
        Err(ResolveError::NotFound { name, level, under }) => out.push(Finding::error(
            RULE,
            place(n),
            format!(
                "「{name}」不是 {} 年版{}的{}级科目名称",
                catalog.label(),
                under.map(|u| format!(" {u} 下")).unwrap_or_default(),
                level
            ),
        )),
        Err(e) => out.warn(RULE, place(n), format!("无法解析名称路径：{e}")),
    }
}

fn code_level(code: crate::FunctionCode) -> Level {
    crate::Code::level(code)
}

/// `names.numbering`: the list numbers printed in front of the name paths of one section
/// (1. 2. 3. … of the glossary) must run without gaps or repeats; a repeated or skipped
/// number usually means an entry was added or dropped by hand.
fn numbering(names: &[NamePath], out: &mut Collector) {
    const RULE: Rule = Rule::NamesNumbering;
    let mut sections: Vec<&str> = names.iter().map(|n| n.section.as_str()).collect();
    sections.dedup();
    for section in sections {
        let numbers: Vec<(u32, &NamePath)> = names
            .iter()
            .filter(|n| n.section == section)
            .filter_map(|n| {
                let digits: String = n.numbering.chars().filter(char::is_ascii_digit).collect();
                digits.parse().ok().map(|d| (d, n))
            })
            .collect();
        if numbers.len() < 2 {
            continue;
        }
        let mut problems = Vec::new();
        for pair in numbers.windows(2) {
            let ((a, _), (b, n)) = (pair[0], pair[1]);
            if b == a {
                problems.push(format!("{} 重复编号 {b}", n.id));
            } else if b > a + 1 {
                let missing: Vec<String> = (a + 1..b).map(|m| m.to_string()).collect();
                problems.push(format!("{} 前缺少编号 {}", n.id, missing.join("、")));
            } else if b < a {
                problems.push(format!("{} 编号 {b} 小于前一项 {a}", n.id));
            }
        }
        let p = Place {
            table: None,
            code: Some(section.to_owned()),
            name: None,
            column: None,
            claim: None,
            ..Place::default()
        };
        if problems.is_empty() {
            out.passed(RULE);
        } else {
            out.warn(RULE, p, format!("列表编号不连续：{}", problems.join("；")));
        }
    }
}
