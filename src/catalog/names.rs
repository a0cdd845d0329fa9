//! Name paths such as 一般公共服务支出（类）财政事务（款）行政运行（项）.

use crate::Level;

/// One name of a printed name path, with the level marker printed after it.
///
/// ```
/// use cn_budget::catalog::{parse_name_path, NamedSegment};
/// use cn_budget::Level;
/// let segs = parse_name_path("卫生健康支出(类) 行政事业单位医疗（款）公务员医疗补助（类）");
/// assert_eq!(segs.len(), 3);
/// assert_eq!(segs[2], NamedSegment { name: "公务员医疗补助".into(), marker: Some(Level::Class) });
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedSegment {
    /// The name, trimmed.
    pub name: String,
    /// The marker printed after it (（类）, （款）, （项）), if any.
    pub marker: Option<Level>,
}

/// Splits a printed name path into names and their level markers.
///
/// Markers may use full-width or half-width brackets; white space around names (including
/// line breaks of wrapped text) is dropped. Text after the last marker becomes a final
/// segment without a marker.
///
/// ```
/// use cn_budget::catalog::{parse_name_path, NamedSegment};
/// use cn_budget::Level;
/// // Wrapped text, half-width brackets and a last name without its marker.
/// let segs = parse_name_path("一般公共服务支出（类）财政\n事务(款)行政运行");
/// assert_eq!(
///     segs,
///     [
///         NamedSegment { name: "一般公共服务支出".into(), marker: Some(Level::Class) },
///         NamedSegment { name: "财政事务".into(), marker: Some(Level::Section) },
///         NamedSegment { name: "行政运行".into(), marker: None },
///     ]
/// );
/// // Brackets that are not a level marker stay in the name.
/// assert_eq!(parse_name_path("因公出国（境）费用")[0].name, "因公出国（境）费用");
/// assert!(parse_name_path("  ").is_empty());
/// ```
pub fn parse_name_path(text: &str) -> Vec<NamedSegment> {
    let chars: Vec<char> = text.chars().collect();
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '(' | '（') && i + 2 < chars.len() && matches!(chars[i + 2], ')' | '）') {
            if let Some(level) = Level::from_name(&chars[i + 1].to_string()) {
                segments.push(NamedSegment {
                    name: squeeze(&current),
                    marker: Some(level),
                });
                current.clear();
                i += 3;
                continue;
            }
        }
        current.push(c);
        i += 1;
    }
    let rest = squeeze(&current);
    if !rest.is_empty() {
        segments.push(NamedSegment {
            name: rest,
            marker: None,
        });
    }
    segments
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
