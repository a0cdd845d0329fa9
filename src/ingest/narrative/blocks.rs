//! Blocks: paragraphs, part headings, table titles and rows.

use super::sections::{level_marker_at, marker};

/// Characters that end a paragraph when a line ends with them.
const PARAGRAPH_ENDS: &str = "。！？!?；;：:";

/// Lines joined into one text, with the offset (in chars) where each line starts.
#[derive(Clone, Debug, Default)]
pub(super) struct Para {
    pub(super) chars: Vec<char>,
    line_starts: Vec<usize>,
    /// The lines as printed, and for each char of `chars` its offset in its line.
    lines: Vec<Vec<char>>,
    origin: Vec<usize>,
}

impl Para {
    /// A paragraph of one (trimmed) line.
    fn new(line: &str) -> Para {
        let mut p = Para::default();
        p.push(line);
        p
    }

    /// Appends a wrapped line, joined with nothing in between. White space between two
    /// Chinese characters is dropped: text set with a space after every character (本 年 收
    /// 入 合 计 2946.25 万 元) reads without it (本年收入合计 2946.25 万元); spaces around
    /// digits are kept, and quotes are taken from the line as printed ([`Para::printed`]).
    fn push(&mut self, line: &str) {
        self.line_starts.push(self.chars.len());
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
                let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if before.is_some_and(|&b| is_chinese(b)) && after.is_some_and(|&a| is_chinese(a)) {
                    continue;
                }
            }
            self.chars.push(c);
            self.origin.push(i);
        }
        self.lines.push(chars);
    }

    /// `chars[from..to]`, which lie on one line, as that line prints them (with the spaces
    /// [`Para::push`] dropped); empty if the range is empty or spans lines.
    pub(super) fn printed(&self, from: usize, to: usize) -> String {
        if to <= from {
            return String::new();
        }
        let k = self.line_starts.partition_point(|&s| s <= from).max(1) - 1;
        let same_line = self.line_starts.get(k + 1).is_none_or(|&next| to <= next);
        let (Some(line), Some(&start), Some(&last)) = (
            self.lines.get(k).filter(|_| same_line),
            self.origin.get(from),
            self.origin.get(to - 1),
        ) else {
            return String::new();
        };
        line.get(start..=last)
            .map(String::from_iter)
            .unwrap_or_default()
    }

    /// The range of the source line that holds offset `pos`.
    pub(super) fn line_of(&self, pos: usize) -> (usize, usize) {
        let k = self.line_starts.partition_point(|&s| s <= pos).max(1) - 1;
        let start = self.line_starts.get(k).copied().unwrap_or(0);
        let end = self
            .line_starts
            .get(k + 1)
            .copied()
            .unwrap_or(self.chars.len());
        (start, end)
    }

    /// Whether the text stops mid-sentence, so that the next line continues it.
    fn open_end(&self) -> bool {
        self.chars
            .last()
            .is_some_and(|c| !PARAGRAPH_ENDS.contains(*c))
    }
}

/// Whether `c` is a Chinese character or full-width punctuation (CJK blocks and the
/// full-width forms).
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}' | '“' | '”')
}

/// A piece of the narrative.
#[derive(Clone, Debug)]
pub(super) enum Block {
    /// 第N部分 and its title.
    Part { numeral: String, title: String },
    /// Prose: a paragraph, a heading or a list item.
    Prose(Para),
    /// The title of a table printed in the narrative (…自评表).
    Title(String),
    /// A TAB-separated table row, cells trimmed.
    Row(Vec<String>),
}

/// Cuts the lines into blocks: wrapped lines are joined until a line ends a sentence or a
/// heading, a list item, a part heading, a table or a figure caption begins.
pub(super) fn blocks(lines: &[String]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Para> = None;
    for raw in lines {
        if raw.contains('\t') {
            close(&mut open, &mut out);
            out.push(Block::Row(
                raw.split('\t').map(|c| c.trim().to_owned()).collect(),
            ));
            continue;
        }
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some((numeral, title)) = part_heading(line) {
            close(&mut open, &mut out);
            out.push(Block::Part { numeral, title });
            continue;
        }
        if is_page_number(line) {
            continue;
        }
        if is_table_title(line) || is_figure(line) {
            close(&mut open, &mut out);
            if is_table_title(line) {
                out.push(Block::Title(line.to_owned()));
            }
            continue;
        }
        match open.as_mut() {
            Some(p) if continues(p, line) => p.push(line),
            _ => {
                close(&mut open, &mut out);
                open = Some(Para::new(line));
            }
        }
        if is_heading(line) {
            close(&mut open, &mut out);
        }
    }
    close(&mut open, &mut out);
    out
}

/// Moves the open paragraph, if any, to the output.
fn close(open: &mut Option<Para>, out: &mut Vec<Block>) {
    if let Some(p) = open.take() {
        out.push(Block::Prose(p));
    }
}

/// Whether `line` continues the open paragraph: it does when the paragraph stops
/// mid-sentence and the line starts no list item, or when the line starts with a level
/// marker (a name path wrapped before its （项）).
fn continues(p: &Para, line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    level_marker_at(&chars, 0) || (p.open_end() && marker(&chars).is_none())
}

/// 第三部分 … → (三, title).
fn part_heading(line: &str) -> Option<(String, String)> {
    let (numeral, title) = crate::ingest::printed::part_heading(line)?;
    Some((numeral.to_owned(), title.trim().to_owned()))
}

/// Whether a line is the title of a table printed in the narrative (…自评表).
fn is_table_title(line: &str) -> bool {
    line.ends_with("自评表") && !line.chars().any(|c| "，。；：,;:".contains(c))
}

/// Whether a line is a figure caption (图 1: …).
fn is_figure(line: &str) -> bool {
    let mut cs = line.chars();
    cs.next() == Some('图')
        && cs
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_ascii_digit())
}

/// Whether a line is a page number (12, - 12 -, 第 12 页), which may sit between the two
/// halves of a wrapped sentence.
fn is_page_number(line: &str) -> bool {
    let core: String = line
        .chars()
        .filter(|c| !c.is_whitespace() && !"-—－–第页共/".contains(*c))
        .collect();
    (1..=4).contains(&core.len())
        && core.chars().all(|c| c.is_ascii_digit())
        && line.chars().count() <= 12
}

/// Whether a line is a heading on its own: a list marker followed by a title without
/// punctuation or level markers.
fn is_heading(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    marker(&chars).is_some()
        && !chars.iter().any(|c| "，。；：,;:！？!?".contains(*c))
        && !(0..chars.len()).any(|i| level_marker_at(&chars, i))
}
