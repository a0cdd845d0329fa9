//! Glyphs to lines: glyphs whose baselines agree form a line; within a line, glyphs close
//! together form a span, and a gap wide enough to separate table cells starts a new one.
//! The rules are listed in the documentation of `ingest::pdf`; their thresholds, in font
//! sizes, are the constants here.

use crate::ingest::{Line, Span};

/// Baselines within this many font sizes of a line's first baseline belong to it.
pub(super) const LINE_TOLERANCE: f32 = 0.5;
/// A gap wider than this many font sizes separates cells.
pub(super) const CELL_GAP: f32 = 0.8;
/// A gap wider than this many font sizes between two characters of numbers separates cells.
pub(super) const NUMBER_GAP: f32 = 0.25;
/// A gap wider than this many font sizes inside a span is printed as a space.
pub(super) const WORD_GAP: f32 = 0.15;
/// Text reaching back over earlier text by more than this many font sizes is drawn over it,
/// and kept apart.
pub(super) const OVERLAP: f32 = 0.3;
/// The same text this close (in font sizes) to other text is a repetition of it.
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

/// Groups glyphs (in content order) into lines (top to bottom) of spans (left to right).
pub(super) fn lines(glyphs: Vec<Glyph>) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    let key = |i: &usize| glyphs.get(*i).map_or((0.0, 0.0), |g| (g.y, g.x0));
    order.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    let mut out = Vec::new();
    // The glyphs of the line being gathered, with their places in content order.
    let mut line: Vec<(usize, &Glyph)> = Vec::new();
    let mut anchor: Option<(f32, f32)> = None;
    for (i, g) in order.iter().filter_map(|&i| glyphs.get(i).map(|g| (i, g))) {
        if let Some((y, size)) = anchor {
            if g.y - y > LINE_TOLERANCE * size.max(g.size) {
                out.push(make_line(std::mem::take(&mut line)));
                anchor = None;
            }
        }
        if anchor.is_none() {
            anchor = Some((g.y, g.size));
        }
        line.push((i, g));
    }
    if !line.is_empty() {
        out.push(make_line(line));
    }
    out.retain(|l| !l.is_blank());
    out
}

/// One line: repeats dropped, glyphs joined into runs in the order they were drawn (so text
/// drawn over other text stays apart), runs joined left to right into spans.
fn make_line(mut line: Vec<(usize, &Glyph)>) -> Line {
    let y = line.iter().map(|(_, g)| g.y).sum::<f32>() / line.len().max(1) as f32;
    line.sort_by_key(|(i, _)| *i);
    let kept = without_hidden_repeats(line);
    let runs = join(kept.into_iter().map(|(_, g)| Piece::of(g)));
    let mut runs = without_repeated_runs(runs);
    runs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let spans = join(runs.into_iter())
        .into_iter()
        .map(|p| Span::new(p.x0, p.x1, p.text))
        .collect();
    Line::new(y, spans)
}

/// Drops invisible glyphs repeating the text of a visible glyph at nearly the same place.
fn without_hidden_repeats(glyphs: Vec<(usize, &Glyph)>) -> Vec<(usize, &Glyph)> {
    if glyphs.iter().all(|(_, g)| g.visible) || glyphs.iter().all(|(_, g)| !g.visible) {
        return glyphs;
    }
    let repeats = |g: &Glyph| {
        glyphs.iter().any(|(_, k)| {
            k.visible
                && k.text == g.text
                && (k.x0 - g.x0).abs() <= REPEAT_DISTANCE * g.size
                && (k.y - g.y).abs() <= REPEAT_DISTANCE * g.size
        })
    };
    glyphs
        .iter()
        .filter(|(_, g)| g.visible || !repeats(g))
        .copied()
        .collect()
}

/// Drops runs repeating the text of an earlier run at nearly the same place (text drawn
/// twice, slightly shifted, to look bold).
fn without_repeated_runs(runs: Vec<Piece>) -> Vec<Piece> {
    let mut kept: Vec<Piece> = Vec::with_capacity(runs.len());
    for r in runs {
        let near = REPEAT_DISTANCE * r.size;
        if !kept
            .iter()
            .any(|k| k.text == r.text && (k.x0 - r.x0).abs() <= near && (k.x1 - r.x1).abs() <= near)
        {
            kept.push(r);
        }
    }
    kept
}

fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '%')
}

/// Text with its extent: a glyph, a run of glyphs or a span.
#[derive(Debug)]
struct Piece {
    x0: f32,
    x1: f32,
    /// The font size of its last glyph.
    size: f32,
    text: String,
    first: char,
    last: char,
    /// Whether a space glyph follows it.
    space_after: bool,
    /// Whether it is only white space (a space glyph).
    blank: bool,
}

impl Piece {
    fn of(g: &Glyph) -> Piece {
        let text = g.text.trim();
        Piece {
            x0: g.x0,
            x1: g.x1,
            size: g.size,
            first: text.chars().next().unwrap_or(' '),
            last: text.chars().next_back().unwrap_or(' '),
            blank: text.is_empty(),
            text: text.to_string(),
            space_after: false,
        }
    }

    /// Whether `next` continues this piece (rather than starting a new cell).
    fn continues(&self, next: &Piece) -> bool {
        let em = self.size.max(next.size);
        let gap = next.x0 - self.x1;
        let numbers = is_numeric(self.last) && is_numeric(next.first);
        gap >= -OVERLAP * em && gap <= CELL_GAP * em && !(numbers && gap > NUMBER_GAP * em)
    }
}

/// Joins consecutive pieces that continue each other; a space glyph or a word-sized gap
/// between them becomes a space.
fn join(pieces: impl Iterator<Item = Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        if p.blank {
            // A space glyph right after a piece marks a word space; elsewhere (drawn out of
            // order) it is dropped, and the gap it leaves speaks for it.
            if let Some(cur) = out.last_mut().filter(|cur| cur.continues(&p)) {
                cur.space_after = true;
            }
            continue;
        }
        match out.last_mut() {
            Some(cur) if cur.continues(&p) => {
                let em = cur.size.max(p.size);
                if cur.space_after || p.x0 - cur.x1 > WORD_GAP * em {
                    cur.text.push(' ');
                }
                cur.text.push_str(&p.text);
                cur.x1 = cur.x1.max(p.x1);
                cur.size = p.size;
                cur.last = p.last;
                cur.space_after = p.space_after;
            }
            _ => out.push(p),
        }
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
        // A word space (a half-width space glyph) stays inside the span.
        glyphs.extend(run("信息", 60.0, 120.0, 10.0));
        glyphs.extend(run(" ", 80.0, 120.0, 5.0));
        glyphs.extend(run("网络", 85.0, 120.0, 10.0));
        // Two amounts 3 pt apart are two cells; the first one's x1 is its right edge.
        glyphs.extend(run("1,234.50", 150.0, 100.0, 5.0));
        glyphs.extend(run("7.00", 193.0, 99.8, 5.0));
        // Drawn in any order, one glyph at a time.
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
        // The mean of the baselines.
        let mean = (7.0 * 100.0 + 4.0 * 100.4 + 8.0 * 100.0 + 4.0 * 99.8) / 23.0;
        assert!((lines[0].y - mean).abs() < 0.001);
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
        // Text drawn over other text (a cell overflowing) stays apart, not interleaved.
        let mut over = run("部门预算支出", 10.0, 80.0, 10.0);
        over.extend(run("预算数", 20.0, 80.0, 10.0));
        assert_eq!(texts(&lines(over)), [vec!["部门预算支出", "预算数"]]);
        // Leader dots a dot's width apart are all kept.
        assert_eq!(texts(&lines(run("....", 10.0, 50.0, 2.5))), [vec!["...."]]);
    }
}
