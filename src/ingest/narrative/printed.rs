//! The codes and names the document's own tables print (205 教育支出, 2050202 小学教育): what
//! a 类 name or a name path of the narrative stands for when no catalog of the document's
//! year is embedded. A name stands for a code only when the tables print exactly one code of
//! that level under that parent with that name.

use super::chars::squeeze;
use crate::check::Table;
use crate::codes::FunctionCode;
use crate::{Code, Level};

/// The (code, name) pairs printed on the rows of the document's functional tables.
#[derive(Clone, Debug, Default)]
pub(crate) struct PrintedNames {
    rows: Vec<(FunctionCode, String)>,
}

impl PrintedNames {
    /// The pairs of the rows given (names compared without white space).
    pub(crate) fn new<'a>(rows: impl IntoIterator<Item = (FunctionCode, &'a str)>) -> Self {
        let mut rows: Vec<(FunctionCode, String)> =
            rows.into_iter().map(|(c, n)| (c, squeeze(n))).collect();
        rows.sort();
        rows.dedup();
        PrintedNames { rows }
    }

    /// The pairs printed on the rows of these functional tables (the rows with a name).
    pub(crate) fn of_tables<'a>(tables: impl IntoIterator<Item = &'a Table<FunctionCode>>) -> Self {
        Self::new(tables.into_iter().flat_map(|t| {
            t.rows()
                .iter()
                .filter_map(|r| Some((r.code, r.name.as_deref()?)))
        }))
    }

    /// The code of a path of names (类, then 款, then 项), each the one code of its level
    /// printed with that name under the code before it; `None` when a name is printed for
    /// no code or for several.
    pub(super) fn resolve(&self, names: &[&str]) -> Option<FunctionCode> {
        let levels = [Level::Class, Level::Section, Level::Item];
        let mut parent: Option<FunctionCode> = None;
        for (name, &level) in names.iter().zip(&levels) {
            let name = squeeze(name);
            let mut hits = self.rows.iter().filter(|(c, n)| {
                c.level() == level && *n == name && parent.is_none_or(|p| c.parent() == Some(p))
            });
            let (code, _) = hits.next()?;
            if hits.any(|(c, _)| c != code) {
                return None;
            }
            parent = Some(*code);
        }
        parent.filter(|_| names.len() <= levels.len())
    }
}

#[cfg(test)]
mod tests {
    use super::PrintedNames;

    #[test]
    fn names_resolve_to_the_one_code_printed_under_their_parent() {
        let code = |s: &str| s.parse().unwrap();
        let rows = [
            (code("205"), "教育支出"),
            (code("20502"), "普通教育"),
            (code("2050202"), "小学教育"),
            (code("2050205"), "高等教育"),
            (code("20598"), "超长期特别国债安排的支出"),
            (code("2059802"), "高等教育"),
            (code("229"), "其他 支出"),
        ];
        let printed = PrintedNames::new(rows);
        assert_eq!(printed.resolve(&["教育支出"]), Some(code("205")));
        assert_eq!(printed.resolve(&["其他支出"]), Some(code("229")));
        assert_eq!(
            printed.resolve(&["教育支出", "普通教育", "高等教育"]),
            Some(code("2050205"))
        );
        assert_eq!(printed.resolve(&["教育支出", "普通教育", "初中教育"]), None);
        assert_eq!(printed.resolve(&["科学技术支出"]), None);
        assert_eq!(printed.resolve(&[]), None);
    }
}
