//! Name paths: chains such as 一般公共服务支出（类）财政事务（款）行政运行（项）, recorded as
//! printed and resolved to their 项 (or a class name to its 类) in the catalog.

use super::blocks::Para;
use super::chars::{ch, text};
use super::sections::level_marker_at;
use super::walker::Walker;
use crate::catalog::parse_name_path;
use crate::disclosure::{NamePath, Subject};
use crate::{Code, Level};

/// A name path found in a paragraph, with the 项 it resolves to.
#[derive(Clone, Debug)]
pub(super) struct PathSpan {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) subject: Result<Subject, String>,
}

impl Walker<'_> {
    /// Records the name paths of a paragraph and resolves them to 项.
    pub(super) fn name_paths(
        &mut self,
        para: &Para,
        body: usize,
        numbering: &str,
    ) -> Vec<PathSpan> {
        let mut spans = Vec::new();
        for (start, end) in find_paths(&para.chars, body) {
            let printed = text(&para.chars, start, end);
            self.names.push(NamePath {
                id: format!("n{:03}", self.names.len() + 1),
                section: self.label(),
                printed: printed.clone(),
                numbering: if start == body {
                    numbering.to_owned()
                } else {
                    String::new()
                },
            });
            spans.push(PathSpan {
                start,
                end,
                subject: self.resolve_item(&printed),
            });
        }
        spans
    }

    /// The 项 a printed name path stands for, resolved by name under each parent (markers
    /// are ignored: a 项 printed （类） is still found).
    fn resolve_item(&self, printed: &str) -> Result<Subject, String> {
        let segments = parse_name_path(printed);
        if segments.len() != 3 {
            return Err(format!("名称路径「{printed}」不是类、款、项三级"));
        }
        let names: Vec<&str> = segments.iter().map(|s| s.name.as_str()).collect();
        let Some(catalog) = self.catalog else {
            // Without a catalog, the names the document's own tables print for their codes.
            return self
                .printed
                .resolve(&names)
                .map(Subject::Item)
                .ok_or_else(|| {
                    format!("无科目目录，表中也未列示名称路径「{printed}」对应的项级科目")
                });
        };
        let code = catalog
            .resolve_names(&names)
            .map_err(|e| format!("名称路径「{printed}」无法对应科目（{e}）"))?;
        if code.level() != Level::Item {
            return Err(format!("名称路径「{printed}」未到项级"));
        }
        Ok(Subject::Item(code))
    }

    /// The 类 a printed class name stands for.
    pub(super) fn resolve_class(&self, name: &str) -> Result<Subject, String> {
        let Some(catalog) = self.catalog else {
            return self
                .printed
                .resolve(&[name])
                .map(Subject::Class)
                .ok_or_else(|| format!("无科目目录，表中也未列示「{name}」对应的类级科目"));
        };
        let code = catalog
            .resolve_names(&[name])
            .map_err(|e| format!("「{name}」无法对应类级科目（{e}）"))?;
        Ok(Subject::Class(code))
    }
}

/// The name paths of a paragraph: chains of at least two names each followed by a level
/// marker, e.g. 一般公共服务支出（类）财政事务（款）行政运行（项）, with the spacing printed.
fn find_paths(chars: &[char], body: usize) -> Vec<(usize, usize)> {
    let markers: Vec<usize> = (body..chars.len())
        .filter(|&i| level_marker_at(chars, i))
        .collect();
    let mut out = Vec::new();
    let mut chain: Vec<usize> = Vec::new();
    for m in markers {
        if let Some(&prev) = chain.last() {
            if !linked(chars, prev + 3, m) {
                push_path(chars, body, &chain, &mut out);
                chain.clear();
            }
        }
        chain.push(m);
    }
    push_path(chars, body, &chain, &mut out);
    out
}

/// Whether the text between two markers is one name (no punctuation, not too long).
fn linked(chars: &[char], from: usize, to: usize) -> bool {
    let name = text(chars, from, to);
    let t = name.trim();
    !t.is_empty()
        && t.chars().count() <= 40
        && !t.chars().any(|c| "，。；：,;:、！？!?".contains(c))
}

/// Adds a chain of markers as a path if it has two or more and a first name.
fn push_path(chars: &[char], body: usize, chain: &[usize], out: &mut Vec<(usize, usize)>) {
    let (Some(&first), Some(&last)) = (chain.first(), chain.last()) else {
        return;
    };
    if chain.len() < 2 {
        return;
    }
    let mut start = first;
    while start > body && !is_name_boundary(ch(chars, start - 1)) {
        start -= 1;
    }
    if start < first {
        out.push((start, last + 3));
    }
}

/// Characters before the first name of a path.
fn is_name_boundary(c: char) -> bool {
    c.is_whitespace() || "，。；：,;:、！？!?)）".contains(c)
}
