//! The front-end for layout text (`pdftotext -layout`): pages are separated by form feeds,
//! a line is a line of the page, and cells are separated by runs of two or more spaces; a
//! span's position is its character column.

use super::page::{Line, Page, Span};

/// Whether a text looks like layout text rather than tab-separated cells: it has no tabs,
/// and some of its lines align cells with runs of spaces.
pub(super) fn is_layout(text: &str) -> bool {
    !text.contains('\t') && text.lines().any(|l| l.trim().contains("   "))
}

/// The pages of a layout text.
///
/// Each line becomes a [`Line`] whose `y` is its line number on the page (from 0) and
/// whose spans are its runs of text separated by two or more spaces (an ideographic space
/// counts as two), positioned by character column.
pub(super) fn pages(text: &str) -> Vec<Page> {
    let mut pages: Vec<Page> = text
        .split('\u{c}')
        .enumerate()
        .map(|(i, page)| Page {
            number: i + 1,
            lines: page
                .lines()
                .enumerate()
                .map(|(y, l)| Line::new(y as f32, spans(l.trim_end_matches('\r'))))
                .collect(),
        })
        .collect();
    // pdftotext ends the text with a form feed: the empty page after it is not a page.
    while pages.len() > 1
        && pages
            .last()
            .is_some_and(|p| p.lines.iter().all(Line::is_blank))
    {
        pages.pop();
    }
    pages
}

/// The spans of one line of layout text.
pub(super) fn spans(line: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = None;
    let mut text = String::new();
    let mut gap = 0usize;
    for (col, c) in line.chars().enumerate() {
        let width = if c == '\u{3000}' { 2 } else { 1 };
        if c == ' ' || c == '\u{3000}' {
            gap += width;
            continue;
        }
        if gap >= 2 {
            if let Some(s) = start.take() {
                spans.push(Span::new(
                    s as f32,
                    (col - gap) as f32,
                    std::mem::take(&mut text),
                ));
            }
        } else if gap > 0 && start.is_some() {
            text.push(' ');
        }
        gap = 0;
        start.get_or_insert(col);
        text.push(c);
    }
    if let Some(s) = start {
        let end = s + text.chars().count();
        spans.push(Span::new(s as f32, end as f32, text));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_runs_separated_by_two_spaces() {
        let s = spans("2013901   行政运行              51.32     51.32");
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["2013901", "行政运行", "51.32", "51.32"]);
        assert_eq!((s[0].x0, s[0].x1), (0.0, 7.0));
        assert_eq!((s[2].x0, s[2].x1), (28.0, 33.0));
        let one = spans("  信息 网络 及软件 购置  0.00");
        assert_eq!(one[0].text, "信息 网络 及软件 购置");
        assert_eq!(one[1].x0, 16.0);
    }

    #[test]
    fn pages_split_on_form_feeds() {
        let p = pages("a  b\n\u{c}c\n\u{c}");
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].number, 2);
        assert_eq!(p[0].lines[0].spans.len(), 2);
        assert!(is_layout("合计     1.00"));
        assert!(!is_layout("合计\t1.00"));
    }
}
