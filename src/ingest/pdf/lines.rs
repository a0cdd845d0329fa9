//! Glyphs to lines: glyphs whose baselines agree form a line; within a line, glyphs close
//! together form a span, and a gap wide enough to separate table cells starts a new one.
//!
//! All distances are relative to the font size (the glyph's height on the page), so the same
//! rules hold for a 9 pt table and a 16 pt title:
//! - baselines within [`LINE_TOLERANCE`] of the first one share a line;
//! - a gap over [`CELL_GAP`] starts a new span; between two characters of numbers (digits,
//!   `,` `.` `-` `%`) already a gap over [`NUMBER_GAP`] does, as a number never has a gap
//!   inside it while two amounts in adjacent columns may stand close;
//! - within a span, a space glyph or a gap over [`WORD_GAP`] becomes one space, so
//!   「信息 网络 及软件 购置」 stays one span;
//! - the same text drawn again at (nearly) the same place is kept once: text drawn twice to
//!   look bold, and invisible text (render mode 3) over the same visible text. Invisible text
//!   alone, like the text layer of an OCR'd scan, is kept.

use crate::ingest::{Line, Span};

/// Baselines within this many font sizes of a line's first baseline belong to it.
pub(super) const LINE_TOLERANCE: f32 = 0.5;
/// A gap wider than this many font sizes separates cells.
pub(super) const CELL_GAP: f32 = 0.8;
/// A gap wider than this many font sizes between two characters of numbers separates cells.
pub(super) const NUMBER_GAP: f32 = 0.25;
/// A gap wider than this many font sizes inside a span is printed as a space.
pub(super) const WORD_GAP: f32 = 0.15;
/// The same text this close (in font sizes) to an earlier glyph is a repetition.
const REPEAT_DISTANCE: f32 = 0.3;

/// A glyph placed on the page (page model coordinates: points, origin top left).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Glyph {
    /// Left edge.
    pub(super) x0: f32,
    /// Right edge (the origin plus the advance width).
    pub(super) x1: f32,
    /// Baseline.
    pub(super) y: f32,
    /// Font size on the page.
    pub(super) size: f32,
    /// Unicode text (U+FFFD when the font gives none).
    pub(super) text: String,
    /// Whether it is painted (render mode other than 3 and 7).
    pub(super) visible: bool,
}

/// Groups glyphs into lines (top to bottom) of spans (left to right).
pub(super) fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut out = Vec::new();
    let mut line: Vec<Glyph> = Vec::new();
    let mut anchor: Option<(f32, f32)> = None;
    for g in glyphs {
        if let Some((y, size)) = anchor {
            if g.y - y > LINE_TOLERANCE * size.max(g.size) {
                out.push(make_line(std::mem::take(&mut line)));
                anchor = None;
            }
        }
        if anchor.is_none() {
            anchor = Some((g.y, g.size));
        }
        line.push(g);
    }
    if !line.is_empty() {
        out.push(make_line(line));
    }
    out.retain(|l| !l.is_blank());
    out
}

fn make_line(mut glyphs: Vec<Glyph>) -> Line {
    let y = glyphs.iter().map(|g| g.y).sum::<f32>() / glyphs.len().max(1) as f32;
    glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let glyphs = without_repeats(glyphs);
    Line::new(y, spans(&glyphs))
}

/// Drops glyphs repeating the text of a glyph at nearly the same place (preferring visible).
fn without_repeats(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let mut kept: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let near = REPEAT_DISTANCE * g.size;
        let repeat = kept
            .iter_mut()
            .rev()
            .take_while(|k| g.x0 - k.x0 <= near)
            .find(|k| k.text == g.text && (k.y - g.y).abs() <= near && !g.text.trim().is_empty());
        match repeat {
            Some(k) => {
                if !k.visible && g.visible {
                    *k = g;
                }
            }
            None => kept.push(g),
        }
    }
    kept
}

fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '%')
}

/// Cuts a line's glyphs (sorted by `x0`) into spans.
fn spans(glyphs: &[Glyph]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    // The span being built, with the size and last character of its last glyph.
    let mut current: Option<(Span, f32, char)> = None;
    let mut space = false;
    for g in glyphs {
        let Some(first) = g.text.chars().find(|c| !c.is_whitespace()) else {
            space = current.is_some();
            continue;
        };
        let last = g
            .text
            .chars()
            .rev()
            .find(|c| !c.is_whitespace())
            .unwrap_or(first);
        if let Some((span, size, prev)) = current.as_mut() {
            let em = size.max(g.size);
            let gap = g.x0 - span.x1;
            let cut = gap > CELL_GAP * em
                || (is_numeric(*prev) && is_numeric(first) && gap > NUMBER_GAP * em);
            if !cut {
                if space || gap > WORD_GAP * em {
                    span.text.push(' ');
                }
                span.text.push_str(g.text.trim());
                span.x1 = span.x1.max(g.x1);
                *size = g.size;
                *prev = last;
                space = false;
                continue;
            }
        }
        if let Some((span, _, _)) = current.take() {
            out.push(span);
        }
        current = Some((Span::new(g.x0, g.x1, g.text.trim()), g.size, last));
        space = false;
    }
    if let Some((span, _, _)) = current {
        out.push(span);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from `x` on, each `advance` wide, 10 pt on baseline `y`.
    fn run(text: &str, x: f32, y: f32, advance: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x0: x + i as f32 * advance,
                x1: x + (i + 1) as f32 * advance,
                y,
                size: 10.0,
                text: c.to_string(),
                visible: true,
            })
            .collect()
    }

    fn texts(lines: &[Line]) -> Vec<Vec<&str>> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn cells_words_and_lines() {
        let mut glyphs = run("2010101", 10.0, 100.0, 5.0);
        glyphs.extend(run("行政运行", 60.0, 100.4, 10.0));
        // A word space (one space glyph) stays inside the span.
        glyphs.extend(run("信息 网络", 60.0, 120.0, 10.0));
        // Two amounts 3 pt apart are two cells; the first one's x1 is its right edge.
        glyphs.extend(run("1,234.50", 150.0, 100.0, 5.0));
        glyphs.extend(run("7.00", 193.0, 99.8, 5.0));
        glyphs.reverse();
        let lines = lines(glyphs);
        assert_eq!(
            texts(&lines),
            [
                vec!["2010101", "行政运行", "1,234.50", "7.00"],
                vec!["信息 网络"]
            ]
        );
        assert_eq!(lines[0].spans[2].x1, 190.0);
        assert!((lines[0].y - 100.12).abs() < 0.01);
    }

    #[test]
    fn repeats_and_hidden_text() {
        let mut glyphs = run("合计", 10.0, 50.0, 10.0);
        // Drawn again 0.3 pt to the right (fake bold), and once more invisibly.
        glyphs.extend(run("合计", 10.3, 50.0, 10.0));
        let mut hidden = run("合计", 10.0, 50.0, 10.0);
        hidden.iter_mut().for_each(|g| g.visible = false);
        glyphs.extend(hidden.clone());
        assert_eq!(texts(&lines(glyphs)), [vec!["合计"]]);
        // Invisible text alone (an OCR layer) is kept.
        assert_eq!(texts(&lines(hidden)), [vec!["合计"]]);
    }
}
