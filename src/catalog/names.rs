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
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if matches!(c, '(' | '（') {
            // A marker is exactly "(类)", "(款)" or "(项)", in either bracket width.
            let mut ahead = chars.clone();
            let level = match ahead.next() {
                Some('类') => Some(Level::Class),
                Some('款') => Some(Level::Section),
                Some('项') => Some(Level::Item),
                _ => None,
            };
            if let (Some(level), Some(')' | '）')) = (level, ahead.next()) {
                segments.push(NamedSegment {
                    name: std::mem::take(&mut current),
                    marker: Some(level),
                });
                chars = ahead;
                continue;
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        segments.push(NamedSegment {
            name: current,
            marker: None,
        });
    }
    segments
}
