//! The page model: every input (a PDF, `pdftotext -layout` text, pdfplumber JSON) becomes
//! pages of positioned lines, and one table reader works from them.
//!
//! Coordinates are in the input's own unit and only compared within one page: PDF points
//! for a PDF (origin top left, `y` growing downwards), character columns and line numbers
//! for layout text. A [`Span`] is a run of text printed without a gap wide enough to
//! separate cells; a [`Line`] is the spans that share a baseline, left to right.
//!
//! ```
//! use cn_budget::ingest::{Line, Page, Span};
//! let line = Line::new(3.0, vec![Span::new(0.0, 3.0, "201"), Span::new(10.0, 18.0, "一般公共服务支出")]);
//! let page = Page { number: 12, lines: vec![line] };
//! assert_eq!(page.lines[0].text(), "201  一般公共服务支出");
//! let name = &page.lines[0].spans[1];
//! assert_eq!((name.x0, name.x1, name.text.as_str()), (10.0, 18.0, "一般公共服务支出"));
//! ```

use std::fmt;

/// A run of text at a horizontal position: `x0` its left edge, `x1` its right edge.
///
/// ```
/// use cn_budget::ingest::Span;
/// let s = Span::new(40.0, 46.0, "264.87");
/// assert_eq!((s.x0, s.x1), (40.0, 46.0));
/// assert_eq!(s.text, "264.87");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// Left edge.
    pub x0: f32,
    /// Right edge (`x1 >= x0`).
    pub x1: f32,
    /// The text, as printed (not trimmed of inner spaces).
    pub text: String,
}

impl Span {
    /// A span from its edges and text.
    ///
    /// ```
    /// let s = cn_budget::ingest::Span::new(1.0, 2.0, "合计");
    /// assert_eq!(s.text, "合计");
    /// ```
    pub fn new(x0: f32, x1: f32, text: impl Into<String>) -> Span {
        Span {
            x0,
            x1,
            text: text.into(),
        }
    }

    /// The width `x1 - x0`.
    pub(crate) fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// The horizontal middle.
    pub(crate) fn center(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// The spans printed on one baseline, left to right.
///
/// ```
/// use cn_budget::ingest::{Line, Span};
/// let l = Line::new(7.0, vec![Span::new(9.0, 12.0, "b"), Span::new(0.0, 1.0, "a")]);
/// assert_eq!(l.spans[0].text, "a"); // sorted by position
/// assert!(!l.is_blank());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Line {
    /// The vertical position of the baseline (growing downwards).
    pub y: f32,
    /// The spans, left to right.
    pub spans: Vec<Span>,
}

impl Line {
    /// A line from its baseline and spans (sorted left to right; empty spans dropped).
    ///
    /// ```
    /// use cn_budget::ingest::{Line, Span};
    /// assert!(Line::new(0.0, vec![Span::new(0.0, 0.0, "")]).is_blank());
    /// ```
    pub fn new(y: f32, mut spans: Vec<Span>) -> Line {
        spans.retain(|s| !s.text.trim().is_empty());
        spans.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        Line { y, spans }
    }

    /// The line's text: its spans joined by two spaces (a cell gap, as layout text prints),
    /// or by nothing where a span starts before the previous one ends (one run of text that
    /// the PDF drew in pieces).
    ///
    /// ```
    /// use cn_budget::ingest::{Line, Span};
    /// let l = Line::new(0.0, vec![Span::new(0.0, 2.0, "合计"), Span::new(9.0, 15.0, "307.82")]);
    /// assert_eq!(l.text(), "合计  307.82");
    /// let pieces = Line::new(0.0, vec![Span::new(0.0, 6.0, "住房保障支出"), Span::new(5.5, 9.0, "（类）")]);
    /// assert_eq!(pieces.text(), "住房保障支出（类）");
    /// ```
    pub fn text(&self) -> String {
        self.cells().join("  ")
    }

    /// The line's cells: its spans, those that overlap joined into one (a run of text the
    /// PDF drew in pieces, 「单位：」 over 「万元」).
    ///
    /// ```
    /// use cn_budget::ingest::{Line, Span};
    /// let l = Line::new(0.0, vec![
    ///     Span::new(0.0, 6.0, "单位："), Span::new(5.0, 9.0, "万元"), Span::new(20.0, 26.0, "307.82"),
    /// ]);
    /// assert_eq!(l.cells(), ["单位：万元", "307.82"]);
    /// ```
    pub fn cells(&self) -> Vec<String> {
        let mut cells: Vec<String> = Vec::with_capacity(self.spans.len());
        let mut end = f32::NEG_INFINITY;
        for s in &self.spans {
            match cells.last_mut() {
                Some(last) if s.x0 < end => last.push_str(s.text.trim()),
                _ => cells.push(s.text.trim().to_owned()),
            }
            end = end.max(s.x1);
        }
        cells
    }

    /// The line's text without any white space (for matching titles and labels).
    pub(crate) fn compact(&self) -> String {
        self.spans
            .iter()
            .flat_map(|s| s.text.chars())
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    /// Whether the line has no text.
    ///
    /// ```
    /// assert!(cn_budget::ingest::Line::default().is_blank());
    /// ```
    pub fn is_blank(&self) -> bool {
        self.spans.iter().all(|s| s.text.trim().is_empty())
    }
}

/// One page: its number in the input (from 1) and its lines, top to bottom.
///
/// ```
/// use cn_budget::ingest::{Line, Page, Span};
/// let p = Page { number: 1, lines: vec![Line::new(0.0, vec![Span::new(0.0, 2.0, "目录")])] };
/// assert_eq!(p.text(), "目录\n");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Page {
    /// The page number in the input, from 1 (the physical page, not the printed folio).
    pub number: usize,
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
}

impl Page {
    /// The page as text, a line per line (see [`Line::text`]).
    ///
    /// ```
    /// assert_eq!(cn_budget::ingest::Page::default().text(), "");
    /// ```
    pub fn text(&self) -> String {
        let mut out = String::new();
        for l in &self.lines {
            out.push_str(&l.text());
            out.push('\n');
        }
        out
    }
}

/// Where something was read: a page (from 1) and a line on it (from 1).
///
/// ```
/// use cn_budget::ingest::Position;
/// let p = Position { page: 12, line: 3 };
/// assert_eq!(p.to_string(), "第12页第3行");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Position {
    /// The page, from 1 (0 when unknown).
    pub page: usize,
    /// The line on the page, from 1 (0 when unknown).
    pub line: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.page, self.line) {
            (0, _) => f.write_str("位置不明"),
            (p, 0) => write!(f, "第{p}页"),
            (p, l) => write!(f, "第{p}页第{l}行"),
        }
    }
}

/// The readers' geometry and matching helpers (crate-private; these were doc examples while
/// they were public).
#[cfg(test)]
mod tests {
    use super::{Line, Span};

    #[test]
    fn span_geometry() {
        assert_eq!(Span::new(1.0, 4.0, "abc").width(), 3.0);
        assert_eq!(Span::new(2.0, 4.0, "ab").center(), 3.0);
        assert_eq!(Span::new(40.0, 46.0, "264.87").center(), 43.0);
        assert_eq!(Span::new(10.0, 18.0, "一般公共服务支出").width(), 8.0);
    }

    #[test]
    fn compact_text_has_no_white_space() {
        let l = Line::new(0.0, vec![Span::new(0.0, 9.0, "收入 决算表")]);
        assert_eq!(l.compact(), "收入决算表");
    }
}
