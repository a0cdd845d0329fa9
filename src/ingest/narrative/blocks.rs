//! Blocks: paragraphs, part headings, table titles and rows.

use super::sections::{level_marker_at, marker};

/// Characters that end a paragraph when a line ends with them.
const PARAGRAPH_ENDS: &str = "。！？!?；;：:";

/// Lines joined into one text, with the offset (in chars) where each line starts.
#[derive(Clone, Debug, Default)]
pub(super) struct Para {
    pub(super) chars: Vec<char>,
    line_starts: Vec<usize>,
}

impl Para {
    /// A paragraph of one (trimmed) line.
    fn new(line: &str) -> Para {
        let mut p = Para::default();
        p.push(line);
        p
    }

    /// Appends a wrapped line, joined with nothing in between, its letter-spacing removed
    /// (see [`unspaced`]).
    fn push(&mut self, line: &str) {
        self.line_starts.push(self.chars.len());
        self.chars.extend(unspaced(line));
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

/// The characters of a line without the letter-spacing of justified text: a PDF that
/// spreads a line to the margins prints 「国 家 信 访 局 2026 年 机 关 运 行 经 费」, one space
/// between ideographs, which says nothing (Chinese does not separate words). A space is
/// dropped where it stands alone between two ideographs inside a run of at least three
/// ideographs so spaced (X Y Z); a lone space between two words (项目 金额) is kept.
fn unspaced(line: &str) -> Vec<char> {
    let chars: Vec<char> = line.chars().collect();
    let han = |i: usize| chars.get(i).is_some_and(|&c| is_ideograph(c));
    // A space at i is a letter-space: an ideograph on both sides, and the spacing continues
    // on one side (i-2 a space after an ideograph at i-3, or i+2 a space before i+3).
    let spaced = |i: usize| {
        chars.get(i).is_some_and(|c| c.is_whitespace())
            && i > 0
            && han(i - 1)
            && han(i + 1)
            && ((i >= 3
                && chars.get(i - 2).is_some_and(|c| c.is_whitespace())
                && han(i - 3))
                || (chars.get(i + 2).is_some_and(|c| c.is_whitespace()) && han(i + 3)))
    };
    (0..chars.len())
        .filter(|&i| !spaced(i))
        .map(|i| chars[i])
        .collect()
}

/// A CJK unified ideograph (basic block or extension A).
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
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

#[cfg(test)]
mod spacing_tests {
    use super::unspaced;

    fn text(line: &str) -> String {
        unspaced(line).into_iter().collect()
    }

    #[test]
    fn letter_spaced_ideographs_are_joined_and_other_spaces_kept() {
        assert_eq!(
            text("国 家 信 访 局 2026 年 机 关 运 行 经 费 财 政 拨 款 预 算2,376.26 万元"),
            "国家信访局 2026 年机关运行经费财政拨款预算2,376.26 万元"
        );
        // A lone space between two words, and spaces around figures, stay.
        assert_eq!(text("项目 金额 12.00 万元"), "项目 金额 12.00 万元");
        assert_eq!(text("支出 合计"), "支出 合计");
        // Two spaces are not letter-spacing.
        assert_eq!(text("收  入  支  出"), "收  入  支  出");
        assert_eq!(text(""), "");
    }
}
