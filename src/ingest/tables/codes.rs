//! Codes: the functional and economic codes printed codes stand for, truncated ones
//! (`201060`, `3010`) resolved under their known parent.

use super::Failure;
use crate::catalog::CodeList;
use crate::codes::normalize_name;
use crate::{Catalog, Code, EconomicCode, FunctionCode};
use std::collections::BTreeMap;

/// The functional code a printed code stands for, and a note when it was resolved.
pub(super) fn function_code(
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

/// The economic code a printed code stands for (4 digits: resolved under its 类).
pub(super) fn economic_code(
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
