//! Extracting the narrative's numeric claims and name paths.
//!
//! The narrative lines (第三部分 to the end of the document) are first cut into blocks
//! ([`blocks`]): paragraphs (wrapped lines joined back, page-break blank lines dropped), part
//! headings (第N部分), the titles of the 附件 self-evaluation tables and TAB-separated table
//! rows. A [`Walker`] then follows the headings (一、 / (一) / 1. / (1)) to label sections as
//! `data/disclosures/TRANSCRIBE-SPEC.md` does and reads each paragraph clause by clause: every
//! number with a unit (万元, %, 辆, 个, 台（套）) is bound to a subject, a measure and a base
//! from the words around it (年初预算为, 支出决算为, 完成…预算的, 占…, 比上年增加/减少,
//! 增长/下降, 较上年持平, 决算数大于…预算数 …) and from what the paragraph is about.
//!
//! Nothing is guessed: a number whose subject, whole or base cannot be told from the text
//! yields no claim but an `ingest.claim` warning (「数据不足：…」 with the sentence). Numbers
//! that restate nothing about the accounts (counts of 次/家/户, 亿元 district figures, targets
//! such as ≥95% or 90%以上, the 第四部分 重点工作 part) are skipped silently.

use crate::audit::{Finding, Place};
use crate::catalog::parse_name_path;
use crate::disclosure::{Claim, Measure, NamePath};
use crate::{Catalog, Code, Level};
use std::collections::HashMap;

/// The rule id of the problems reported here.
const RULE: &str = "ingest.claim";

/// Chinese numerals used in headings (一、, (十三), 第三部分).
const CN_DIGITS: &str = "一二三四五六七八九十";

/// Characters that end a clause (、 only after a number, see [`clause_break`]).
const CLAUSE_BREAKS: &str = "，,；;：:";

/// Characters that end a sentence.
const SENTENCE_ENDS: &str = "。！？!?";

/// Characters that end a paragraph when a line ends with them.
const PARAGRAPH_ENDS: &str = "。！？!?；;：:";

/// Extracts the claims (c001 …) and name paths (n001 …) of the narrative lines, in document
/// order; numbers that cannot be bound are reported in `problems`.
pub(super) fn extract(
    lines: &[String],
    catalog: Option<&Catalog>,
    problems: &mut Vec<Finding>,
) -> (Vec<Claim>, Vec<NamePath>) {
    let mut walker = Walker::new(catalog, document_year(lines));
    for block in blocks(lines) {
        walker.block(&block);
    }
    problems.append(&mut walker.problems);
    (walker.claims, walker.names)
}

// ---------------------------------------------------------------------------------------------
// Small char-slice helpers (never index out of range).

/// The char at `i`, or NUL past the end.
fn ch(chars: &[char], i: usize) -> char {
    chars.get(i).copied().unwrap_or('\0')
}

/// Whether `pat` occurs in `chars` at `i`.
fn at(chars: &[char], i: usize, pat: &str) -> bool {
    pat.chars()
        .enumerate()
        .all(|(k, p)| chars.get(i + k) == Some(&p))
}

/// The length of `pat` in chars.
fn len(pat: &str) -> usize {
    pat.chars().count()
}

/// The first start of `pat` lying wholly within `chars[from..to]`.
fn find(chars: &[char], from: usize, to: usize, pat: &str) -> Option<usize> {
    let n = len(pat);
    (from..to).find(|&i| i + n <= to && at(chars, i, pat))
}

/// The last start of `pat` lying wholly within `chars[from..to]`.
fn rfind(chars: &[char], from: usize, to: usize, pat: &str) -> Option<usize> {
    let n = len(pat);
    (from..to).rev().find(|&i| i + n <= to && at(chars, i, pat))
}

/// `chars[from..to]` as a string (empty if the range is invalid).
fn text(chars: &[char], from: usize, to: usize) -> String {
    chars
        .get(from..to)
        .map(String::from_iter)
        .unwrap_or_default()
}

/// `text` without any white space.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The range without leading and trailing white space.
fn trim(chars: &[char], mut from: usize, mut to: usize) -> (usize, usize) {
    to = to.min(chars.len());
    while from < to && ch(chars, from).is_whitespace() {
        from += 1;
    }
    while to > from && ch(chars, to - 1).is_whitespace() {
        to -= 1;
    }
    (from, to)
}

/// If `chars[from..to]` (trailing white space ignored) ends with one of `pats`, where it
/// starts and which it is.
fn ends_with<'p>(
    chars: &[char],
    from: usize,
    to: usize,
    pats: &[&'p str],
) -> Option<(usize, &'p str)> {
    let (from, to) = trim(chars, from, to);
    pats.iter().find_map(|p| {
        let n = len(p);
        (to >= from + n && at(chars, to - n, p)).then(|| (to - n, *p))
    })
}

// ---------------------------------------------------------------------------------------------
// Blocks: paragraphs, part headings, table titles and rows.

/// Lines joined into one text, with the offset (in chars) where each line starts.
#[derive(Clone, Debug, Default)]
struct Para {
    chars: Vec<char>,
    line_starts: Vec<usize>,
}

impl Para {
    /// A paragraph of one (trimmed) line.
    fn new(line: &str) -> Para {
        let mut p = Para::default();
        p.push(line);
        p
    }

    /// Appends a wrapped line, joined with nothing in between.
    fn push(&mut self, line: &str) {
        self.line_starts.push(self.chars.len());
        self.chars.extend(line.chars());
    }

    /// The range of the source line that holds offset `pos`.
    fn line_of(&self, pos: usize) -> (usize, usize) {
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

/// A piece of the narrative.
#[derive(Clone, Debug)]
enum Block {
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
fn blocks(lines: &[String]) -> Vec<Block> {
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
    let rest = line.strip_prefix('第')?;
    let numeral: String = rest
        .chars()
        .take_while(|c| CN_DIGITS.contains(*c))
        .collect();
    let title = rest.get(numeral.len()..)?.strip_prefix("部分")?;
    (!numeral.is_empty()).then(|| (numeral, title.trim().to_owned()))
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

// ---------------------------------------------------------------------------------------------
// Headings and sections.

/// A list or heading marker at the start of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Marker {
    /// 0: 一、  1: (一)  2: 1.  3: (1)
    level: usize,
    /// The number as it enters the section label (一, 三, 1 …).
    key: String,
    /// The marker exactly as printed ("(1)", "（4）", "7.").
    printed: String,
    /// Its length in chars, with the white space after it.
    len: usize,
}

/// The heading marker a text starts with, if any.
fn marker(chars: &[char]) -> Option<Marker> {
    let (level, key, printed_len) = cn_item(chars)
        .or_else(|| bracketed(chars))
        .or_else(|| arabic_item(chars))?;
    let mut len = printed_len;
    while ch(chars, len).is_whitespace() {
        len += 1;
    }
    Some(Marker {
        level,
        key,
        printed: text(chars, 0, printed_len),
        len,
    })
}

/// 一、 … 十三、
fn cn_item(chars: &[char]) -> Option<(usize, String, usize)> {
    let n = chars.iter().take_while(|c| CN_DIGITS.contains(**c)).count();
    ((1..=3).contains(&n) && ch(chars, n) == '、').then(|| (0, text(chars, 0, n), n + 1))
}

/// (一) / （一） (level 1) and (1) / （1） (level 3).
fn bracketed(chars: &[char]) -> Option<(usize, String, usize)> {
    if !matches!(ch(chars, 0), '(' | '（') {
        return None;
    }
    let inner = chars
        .iter()
        .skip(1)
        .take_while(|c| CN_DIGITS.contains(**c) || c.is_ascii_digit())
        .count();
    if !(1..=3).contains(&inner) || !matches!(ch(chars, inner + 1), ')' | '）') {
        return None;
    }
    let key = text(chars, 1, inner + 1);
    let level = if key.chars().all(|c| c.is_ascii_digit()) {
        3
    } else if key.chars().all(|c| CN_DIGITS.contains(c)) {
        1
    } else {
        return None;
    };
    Some((level, key, inner + 2))
}

/// 1. / 1． / 1、 (not 5.38, not 2024.).
fn arabic_item(chars: &[char]) -> Option<(usize, String, usize)> {
    let n = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let ok = (1..=3).contains(&n)
        && matches!(ch(chars, n), '.' | '．' | '、')
        && !ch(chars, n + 1).is_ascii_digit();
    ok.then(|| (2, text(chars, 0, n), n + 1))
}

/// Whether a level marker （类）/(款)/（项） starts at `i`.
fn level_marker_at(chars: &[char], i: usize) -> bool {
    matches!(ch(chars, i), '(' | '（')
        && matches!(ch(chars, i + 1), '类' | '款' | '项')
        && matches!(ch(chars, i + 2), ')' | '）')
}

/// The heading numbers in force: 一 / (三) / 1 / (1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Section {
    levels: [Option<String>; 4],
}

impl Section {
    /// Enters a heading: sets its level and clears the deeper ones.
    fn set(&mut self, level: usize, key: &str) {
        for (l, slot) in self.levels.iter_mut().enumerate() {
            if l == level {
                *slot = Some(key.to_owned());
            } else if l > level {
                *slot = None;
            }
        }
    }

    /// The label (五(三)1(1)), with a prefix and at most `depth` levels.
    fn label(&self, prefix: &str, depth: usize) -> String {
        let mut s = prefix.to_owned();
        for (l, key) in self.levels.iter().enumerate().take(depth) {
            match key {
                Some(k) if l % 2 == 1 => s.push_str(&format!("({k})")),
                Some(k) => s.push_str(k),
                None => {}
            }
        }
        s
    }

    /// The sections strictly enclosing this one, innermost first.
    fn ancestors(&self) -> Vec<Section> {
        let deepest = self.levels.iter().rposition(Option::is_some).unwrap_or(0);
        (0..deepest)
            .rev()
            .map(|keep| {
                let mut s = self.clone();
                for slot in s.levels.iter_mut().skip(keep + 1) {
                    *slot = None;
                }
                s
            })
            .collect()
    }
}

/// What a part of the document holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PartKind {
    /// 情况说明 and other statements about the department: claims and name paths.
    Statement,
    /// 名词解释: name paths only; sections go down to (十).
    Glossary,
    /// 附件: claims, including the budget-execution cells of the self-evaluation tables.
    Annex,
    /// 重点工作完成情况: district-wide figures that restate nothing of the accounts.
    Skipped,
}

/// The kind of a part, the prefix of its section labels and their depth.
fn part_kind(numeral: &str, title: &str, first_statement: bool) -> (PartKind, String, usize) {
    if title.contains("重点工作") {
        (PartKind::Skipped, numeral.to_owned(), 4)
    } else if title.contains("名词解释") {
        (PartKind::Glossary, numeral.to_owned(), 2)
    } else if title.contains("附件") {
        (PartKind::Annex, "附件".to_owned(), 4)
    } else if first_statement {
        (PartKind::Statement, String::new(), 4)
    } else {
        (PartKind::Statement, numeral.to_owned(), 4)
    }
}

/// The fiscal year of the document: the first 4-digit year followed by 年.
fn document_year(lines: &[String]) -> Option<u32> {
    lines.iter().find_map(|line| {
        let chars: Vec<char> = line.chars().collect();
        (0..chars.len()).find_map(|i| {
            let digits = text(&chars, i, i + 4);
            let mut j = i + 4;
            while ch(&chars, j) == ' ' {
                j += 1;
            }
            let alone = i == 0 || !ch(&chars, i - 1).is_ascii_digit();
            (alone
                && digits.chars().count() == 4
                && digits.chars().all(|c| c.is_ascii_digit())
                && !ch(&chars, i + 4).is_ascii_digit()
                && ch(&chars, j) == '年')
                .then(|| digits.parse().ok())
                .flatten()
                .filter(|y| (1990..2100).contains(y))
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Sentences, clauses and numbers.

/// Sentence ranges of `chars[from..]` (the terminator excluded).
fn sentences(chars: &[char], from: usize) -> Vec<(usize, usize)> {
    split(chars, from, chars.len(), |i| {
        SENTENCE_ENDS.contains(ch(chars, i))
    })
}

/// Clause ranges of a sentence.
fn clauses(chars: &[char], from: usize, to: usize) -> Vec<(usize, usize)> {
    split(chars, from, to, |i| clause_break(chars, i))
}

/// Splits `from..to` at the positions where `is_break` holds (the break excluded).
fn split(
    chars: &[char],
    from: usize,
    to: usize,
    is_break: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = from;
    for i in from..to.min(chars.len()) {
        if is_break(i) {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, to.min(chars.len()).max(start)));
    out
}

/// Whether a clause ends at `i`: ，；： (not a thousands separator or a time), or 、 after
/// a number with its unit (5.38 万元、…, 0 辆、…), but not in 收、支.
fn clause_break(chars: &[char], i: usize) -> bool {
    let c = ch(chars, i);
    let digit_around =
        i > 0 && ch(chars, i - 1).is_ascii_digit() && ch(chars, i + 1).is_ascii_digit();
    if CLAUSE_BREAKS.contains(c) {
        return !(matches!(c, ',' | ':') && digit_around);
    }
    if c != '、' {
        return false;
    }
    let mut j = i;
    while j > 0 && ch(chars, j - 1).is_whitespace() {
        j -= 1;
    }
    j > 0 && {
        let p = ch(chars, j - 1);
        p.is_ascii_digit() || "元辆个台套%％".contains(p)
    }
}

/// Where the words of a clause begin: after white space and a leading year (2024 年度).
fn content_start(chars: &[char], from: usize, to: usize) -> usize {
    let (mut i, _) = trim(chars, from, to);
    let digits = (i..to)
        .take_while(|&k| ch(chars, k).is_ascii_digit())
        .count();
    if digits == 4 {
        let mut j = i + 4;
        while j < to && ch(chars, j).is_whitespace() {
            j += 1;
        }
        if ch(chars, j) == '年' {
            j += 1;
            if ch(chars, j) == '度' {
                j += 1;
            }
            i = trim(chars, j, to).0;
        }
    }
    i
}

/// What a unit makes of a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitKind {
    /// 万元.
    Money,
    /// %.
    Percent,
    /// 辆, 个, 台（套）.
    Count,
    /// Anything else (年, 亿元, 次, 家, 分 …): not a claim.
    Other,
}

/// Units after a number, longest first.
const UNITS: &[(&str, UnitKind)] = &[
    ("万元", UnitKind::Money),
    ("亿元", UnitKind::Other),
    ("%", UnitKind::Percent),
    ("％", UnitKind::Percent),
    ("台（套）", UnitKind::Count),
    ("台(套)", UnitKind::Count),
    ("辆", UnitKind::Count),
    ("个", UnitKind::Count),
    ("台", UnitKind::Count),
];

/// A number printed in a clause.
#[derive(Clone, Debug)]
struct Num {
    /// Where the digits start.
    start: usize,
    /// The digits without thousands separators.
    value: String,
    /// What its unit makes of it.
    unit: UnitKind,
    /// The unit as printed.
    unit_text: &'static str,
    /// Where the unit ends.
    end: usize,
    /// A bound or target (100 万元以上, ≥ 95%), not a figure of the accounts.
    bound: bool,
}

/// The numbers of `chars[from..to]` with their units.
fn numbers(chars: &[char], from: usize, to: usize) -> Vec<Num> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let c = ch(chars, i);
        let prev = if i > 0 { ch(chars, i - 1) } else { ' ' };
        if c.is_ascii_digit() && !(prev.is_ascii_alphanumeric() || matches!(prev, '.' | ',')) {
            let (value, digits_end) = read_number(chars, i, to);
            out.push(with_unit(chars, i, value, digits_end, to));
            i = digits_end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Reads digits, thousands separators and one decimal point from `i`.
fn read_number(chars: &[char], mut i: usize, to: usize) -> (String, usize) {
    let mut value = String::new();
    let mut point = false;
    while i < to {
        let c = ch(chars, i);
        if c.is_ascii_digit() {
            value.push(c);
            i += 1;
        } else if c == ','
            && !point
            && (1..=3).all(|k| ch(chars, i + k).is_ascii_digit())
            && !ch(chars, i + 4).is_ascii_digit()
        {
            i += 1;
        } else if c == '.' && !point && ch(chars, i + 1).is_ascii_digit() && i + 1 < to {
            point = true;
            value.push('.');
            i += 1;
        } else {
            break;
        }
    }
    (value, i)
}

/// The unit after a number and whether the number is a bound.
fn with_unit(chars: &[char], start: usize, value: String, digits_end: usize, to: usize) -> Num {
    let mut j = digits_end;
    while j < to && ch(chars, j) == ' ' {
        j += 1;
    }
    let (unit_text, unit) = UNITS
        .iter()
        .find(|(u, _)| j + len(u) <= to && at(chars, j, u))
        .map_or(("", UnitKind::Other), |&(u, k)| (u, k));
    let end = if unit_text.is_empty() {
        digits_end
    } else {
        j + len(unit_text)
    };
    let mut k = end;
    while k < to && ch(chars, k) == ' ' {
        k += 1;
    }
    let mut p = start;
    while p > 0 && ch(chars, p - 1).is_whitespace() {
        p -= 1;
    }
    let bound = ["以上", "以下", "以内", "左右"]
        .iter()
        .any(|w| at(chars, k, w))
        || (p > 0 && "≥≤><±".contains(ch(chars, p - 1)));
    Num {
        start,
        value,
        unit,
        unit_text,
        end,
        bound,
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: what labels, wholes and bases name.

/// What a label's number states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// An amount in 万元.
    Amount,
    /// A count (辆, 个, 台).
    Count,
    /// A percentage of the given measure.
    Rate(Measure),
}

/// The subject a label names.
#[derive(Clone, Copy, Debug)]
enum Names {
    /// Always the same subject.
    Fixed(&'static str),
    /// 基本支出 / 项目支出: of the department, or of 一般公共预算财政拨款 when the text says so
    /// (…财政拨款基本支出) or the paragraph is about it.
    Spending(&'static str, &'static str),
    /// 资金 of a 绩效自评: the projects' funds, or the 部门整体 funds.
    Funds,
    /// 设备 after 单位价值 100 万元以上.
    Equipment,
}

/// The labels the narrative names its indicators with (longest match wins).
const LABELS: &[(&str, Kind, Names)] = &[
    (
        "财政拨款收、支总计",
        Kind::Amount,
        Names::Fixed("fiscal_total"),
    ),
    (
        "财政拨款收支总计",
        Kind::Amount,
        Names::Fixed("fiscal_total"),
    ),
    ("收、支总计", Kind::Amount, Names::Fixed("total")),
    ("收支总计", Kind::Amount, Names::Fixed("total")),
    ("本年收入合计", Kind::Amount, Names::Fixed("income_total")),
    ("收入合计", Kind::Amount, Names::Fixed("income_total")),
    ("本年支出合计", Kind::Amount, Names::Fixed("expense_total")),
    ("支出合计", Kind::Amount, Names::Fixed("expense_total")),
    (
        "一般公共预算财政拨款收入",
        Kind::Amount,
        Names::Fixed("gpb_income"),
    ),
    (
        "一般公共预算财政拨款支出",
        Kind::Amount,
        Names::Fixed("gpb_expense"),
    ),
    (
        "财政拨款收入",
        Kind::Amount,
        Names::Fixed("income:财政拨款收入"),
    ),
    (
        "上级补助收入",
        Kind::Amount,
        Names::Fixed("income:上级补助收入"),
    ),
    ("事业收入", Kind::Amount, Names::Fixed("income:事业收入")),
    ("经营收入", Kind::Amount, Names::Fixed("income:经营收入")),
    (
        "附属单位上缴收入",
        Kind::Amount,
        Names::Fixed("income:附属单位上缴收入"),
    ),
    ("其他收入", Kind::Amount, Names::Fixed("income:其他收入")),
    (
        "基本支出",
        Kind::Amount,
        Names::Spending("expense:基本支出", "gpb_basic"),
    ),
    (
        "项目支出",
        Kind::Amount,
        Names::Spending("expense:项目支出", "gpb_project"),
    ),
    (
        "上缴上级支出",
        Kind::Amount,
        Names::Fixed("expense:上缴上级支出"),
    ),
    ("经营支出", Kind::Amount, Names::Fixed("expense:经营支出")),
    (
        "对附属单位补助支出",
        Kind::Amount,
        Names::Fixed("expense:对附属单位补助支出"),
    ),
    ("人员经费", Kind::Amount, Names::Fixed("personnel")),
    ("公用经费", Kind::Amount, Names::Fixed("public_funds")),
    ("“三公”经费", Kind::Amount, Names::Fixed("sangong:total")),
    ("\"三公\"经费", Kind::Amount, Names::Fixed("sangong:total")),
    ("三公经费", Kind::Amount, Names::Fixed("sangong:total")),
    (
        "因公出国(境)费",
        Kind::Amount,
        Names::Fixed("sangong:abroad"),
    ),
    (
        "因公出国（境）费",
        Kind::Amount,
        Names::Fixed("sangong:abroad"),
    ),
    (
        "公务用车购置及运行维护费",
        Kind::Amount,
        Names::Fixed("sangong:vehicle"),
    ),
    (
        "公务用车购置及运行费",
        Kind::Amount,
        Names::Fixed("sangong:vehicle"),
    ),
    (
        "公务用车购置费",
        Kind::Amount,
        Names::Fixed("sangong:vehicle_purchase"),
    ),
    (
        "公务用车运行维护费",
        Kind::Amount,
        Names::Fixed("sangong:vehicle_operation"),
    ),
    (
        "公务用车运行费",
        Kind::Amount,
        Names::Fixed("sangong:vehicle_operation"),
    ),
    (
        "公务接待费",
        Kind::Amount,
        Names::Fixed("sangong:reception"),
    ),
    (
        "机关运行经费",
        Kind::Amount,
        Names::Fixed("operating_costs"),
    ),
    (
        "政府采购支出总额",
        Kind::Amount,
        Names::Fixed("procurement:total"),
    ),
    (
        "政府采购货物支出",
        Kind::Amount,
        Names::Fixed("procurement:goods"),
    ),
    (
        "政府采购工程支出",
        Kind::Amount,
        Names::Fixed("procurement:works"),
    ),
    (
        "政府采购服务支出",
        Kind::Amount,
        Names::Fixed("procurement:services"),
    ),
    (
        "授予中小企业合同金额",
        Kind::Amount,
        Names::Fixed("procurement:sme"),
    ),
    (
        "授予小微企业合同金额",
        Kind::Amount,
        Names::Fixed("procurement:small_micro"),
    ),
    (
        "货物采购授予中小企业合同金额",
        Kind::Amount,
        Names::Fixed("procurement:goods_sme_share"),
    ),
    (
        "服务采购授予中小企业合同金额",
        Kind::Amount,
        Names::Fixed("procurement:services_sme_share"),
    ),
    ("资金", Kind::Amount, Names::Funds),
    ("共有车辆", Kind::Count, Names::Fixed("vehicles:total")),
    (
        "公务用车保有量",
        Kind::Count,
        Names::Fixed("sangong:vehicle_count"),
    ),
    (
        "购置(更新)公务用车",
        Kind::Count,
        Names::Fixed("sangong:vehicle_purchase"),
    ),
    (
        "购置（更新）公务用车",
        Kind::Count,
        Names::Fixed("sangong:vehicle_purchase"),
    ),
    (
        "共涉及项目",
        Kind::Count,
        Names::Fixed("performance:projects"),
    ),
    ("设备", Kind::Count, Names::Equipment),
    (
        "预算资金使用率",
        Kind::Rate(Measure::CompletionRate),
        Names::Fixed("performance:budget_use_rate"),
    ),
    (
        "部门预算资金覆盖率",
        Kind::Rate(Measure::Share),
        Names::Fixed("performance:coverage"),
    ),
];

/// The wholes of shares (占本年收入, 占政府采购支出总额的 …), white space removed.
const WHOLES: &[(&str, &str)] = &[
    ("本年收入", "income_total"),
    ("本年收入合计", "income_total"),
    ("收入合计", "income_total"),
    ("本年支出", "expense_total"),
    ("本年支出合计", "expense_total"),
    ("支出合计", "expense_total"),
    ("政府采购支出总额", "procurement:total"),
    ("授予中小企业合同金额", "procurement:sme"),
    ("货物支出金额", "procurement:goods"),
    ("工程支出金额", "procurement:works"),
    ("服务支出金额", "procurement:services"),
    ("一般公共预算财政拨款支出", "gpb_expense"),
    ("一般公共预算财政拨款基本支出", "gpb_basic"),
    ("一般公共预算财政拨款项目支出", "gpb_project"),
    ("一般公共预算项目支出总额", "gpb_project"),
];

/// Labels of the 附件 self-evaluation tables whose next cell is an amount.
const TABLE_LABELS: &[(&str, &str)] = &[
    ("基本支出总额", "expense:基本支出"),
    ("项目支出总额", "expense:项目支出"),
];

/// Direction words printed before a change or a rate.
const DIRECTIONS: &[&str] = &["增加", "减少", "增长", "下降", "上升", "降低"];

/// Comparison words printed between 决算数 and …预算数.
const COMPARISONS: &[&str] = &["大于", "小于", "持平", "等于", "高于", "低于", "超过"];

/// Words before an amount that is the subject's current-year figure (支出决算为 …).
const AMOUNT_WORDS: &[&str] = &[
    "支出决算数为",
    "支出决算为",
    "决算数为",
    "决算为",
    "执行数为",
];

/// The base a comparison text names: 上年 / 2023 年度 → prior_year, 年初预算 →
/// budget_initial, 全年预算 / 预算数 → budget_full.
fn parse_base(base: &str, year: Option<u32>) -> Result<&'static str, String> {
    let b = squeeze(base);
    if b.contains("年初预算") {
        return Ok("budget_initial");
    }
    if b.contains("预算") {
        return Ok("budget_full");
    }
    if b.contains("上年") || b.contains("上一年") || b.contains("去年") || b == "同期" {
        return Ok("prior_year");
    }
    let chars: Vec<char> = b.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 4 && ch(&chars, 4) == '年' {
        let y: u32 = text(&chars, 0, 4).parse().unwrap_or(0);
        return match year {
            Some(doc) if doc != y + 1 => Err(format!("比较基期 {y} 年不是上年（{doc} 年度）")),
            _ => Ok("prior_year"),
        };
    }
    Err(format!("未能确定比较基数「{base}」"))
}

/// The base named in `chars[from..to]` by 比/较 … (before a direction word), if any.
fn clause_base(
    chars: &[char],
    from: usize,
    to: usize,
    year: Option<u32>,
) -> Option<Result<&'static str, String>> {
    let k = ["比", "较"]
        .iter()
        .filter_map(|w| rfind(chars, from, to, w))
        .max()?;
    Some(parse_base(&text(chars, k + 1, to), year))
}

/// The base a clause sets for its sentence: 与 2023 年度相比 / 同比.
fn sentence_base(
    chars: &[char],
    from: usize,
    to: usize,
    year: Option<u32>,
) -> Option<Result<&'static str, String>> {
    if find(chars, from, to, "同比").is_some() {
        return Some(Ok("prior_year"));
    }
    let end = find(chars, from, to, "相比")?;
    let start = rfind(chars, from, end, "与")?;
    Some(parse_base(&text(chars, start + 1, end), year))
}

/// Where a budget figure is introduced at the end of `chars[from..to]` (年初预算为,
/// 全年预算数为, 预算数为 …): the start of the words and the measure.
fn budget_words(chars: &[char], from: usize, to: usize) -> Option<(usize, Measure)> {
    let (f, t) = trim(chars, from, to);
    if t <= f || ch(chars, t - 1) != '为' {
        return None;
    }
    let mut k = t - 1;
    if k > f && ch(chars, k - 1) == '数' {
        k -= 1;
    }
    if k < f + 2 || !at(chars, k - 2, "预算") {
        return None;
    }
    let k = k - 2;
    let before = |w: &str| k >= f + len(w) && at(chars, k - len(w), w);
    Some(if before("年初") {
        (k - 2, Measure::BudgetInitial)
    } else if before("全年") {
        (k - 2, Measure::BudgetFull)
    } else if before("调整后") {
        (k - 3, Measure::BudgetFull)
    } else {
        (k, Measure::BudgetFull)
    })
}

/// The base of a completion rate stated in `chars[from..to]` (完成年初预算的, 完成全年预算的,
/// 完成预算, 执行率为), if the clause states one.
fn completion_base(chars: &[char], from: usize, to: usize) -> Option<&'static str> {
    if find(chars, from, to, "执行率").is_some() {
        return Some("budget_full");
    }
    let k = find(chars, from, to, "完成")?;
    let b = find(chars, k, to, "预算")?;
    Some(if find(chars, k, b + 2, "年初").is_some() {
        "budget_initial"
    } else {
        "budget_full"
    })
}

/// Longest-common-subsequence similarity of two names (0 … 1).
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for x in &a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// The project of 十三(三) a 附件 table name stands for: the same name, else the one clearly
/// most similar (财政监督与评审 → 财务监督与评审), else the table's own name.
fn match_project(name: &str, projects: &[String]) -> String {
    if projects.iter().any(|p| p == name) {
        return name.to_owned();
    }
    let mut scored: Vec<(f64, &String)> =
        projects.iter().map(|p| (similarity(name, p), p)).collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0));
    match scored.as_slice() {
        [(best, p), rest @ ..] if *best >= 0.75 && rest.first().is_none_or(|r| r.0 < *best) => {
            (*p).clone()
        }
        _ => name.to_owned(),
    }
}

/// The project a table title names: 2024年度国库集中收付管理项目自评表 → 国库集中收付管理.
fn title_project(title: &str) -> Option<String> {
    let t = squeeze(title);
    let chars: Vec<char> = t.chars().collect();
    let year = content_start(&chars, 0, chars.len());
    let rest = text(&chars, year, chars.len());
    let name = rest
        .strip_suffix("项目支出绩效自评表")
        .or_else(|| rest.strip_suffix("项目绩效自评表"))
        .or_else(|| rest.strip_suffix("项目自评表"))?;
    (!name.is_empty()).then(|| name.to_owned())
}

/// A table cell that is a number: its value without separators and whether it carries %.
fn cell_number(cell: &str) -> Option<(String, bool)> {
    let t = cell.trim();
    let (body, percent) = match t.strip_suffix('%').or_else(|| t.strip_suffix('％')) {
        Some(b) => (b.trim_end(), true),
        None => (t, false),
    };
    let chars: Vec<char> = body.chars().collect();
    let (value, end) = read_number(&chars, 0, chars.len());
    (!value.is_empty() && end == chars.len() && ch(&chars, 0).is_ascii_digit())
        .then_some((value, percent))
}

// ---------------------------------------------------------------------------------------------
// The walker.

/// A claim before its id and quote text are fixed.
#[derive(Clone, Debug)]
struct Draft {
    subject: String,
    measure: Measure,
    value: Option<String>,
    word: Option<String>,
    of: Option<String>,
    /// The quote range in the paragraph (clipped to the anchor's line later).
    quote: (usize, usize),
    /// Where the number (or the keyword) is.
    anchor: usize,
    /// Whether the subject is named in the clause (it then becomes the paragraph's topic).
    named: bool,
}

/// What a clause names before a position.
#[derive(Clone, Debug)]
enum Named {
    /// A subject and where its name starts.
    Found(String, usize),
    /// A name is printed but cannot be resolved (why).
    Unresolved(String),
    /// No name.
    Nothing,
}

/// A name path found in a paragraph, with the 项 it resolves to.
#[derive(Clone, Debug)]
struct PathSpan {
    start: usize,
    end: usize,
    subject: Result<String, String>,
}

/// State that lasts for one sentence.
#[derive(Clone, Debug, Default)]
struct Sentence {
    /// 与 2023 年度相比 … : the base of the changes that follow.
    base: Option<Result<&'static str, String>>,
    /// After 其中: parts, which do not change what the paragraph is about.
    parts: bool,
    /// The last change stated (subject, base), for the rate that follows it.
    change: Option<(String, String)>,
}

/// A clause being read.
#[derive(Clone, Copy, Debug)]
struct Ctx<'p> {
    para: &'p Para,
    paths: &'p [PathSpan],
    /// The clause.
    start: usize,
    end: usize,
    /// Where its words begin and its trimmed end.
    lead: usize,
    tail: usize,
    /// The sentence.
    sentence: (usize, usize),
}

impl Ctx<'_> {
    /// The paragraph's text.
    fn chars(&self) -> &[char] {
        &self.para.chars
    }
}

/// A 附件 self-evaluation table being read.
#[derive(Clone, Debug)]
struct Table {
    title: String,
    /// What its budget-execution row is about.
    subject: Result<String, String>,
    /// The columns of 预算数, 执行数, 执行率 once their heading row is seen.
    header: Option<[Option<usize>; 3]>,
}

/// Follows the blocks in order, keeping the section, what the text is about, and the output.
struct Walker<'a> {
    catalog: Option<&'a Catalog>,
    year: Option<u32>,
    kind: PartKind,
    prefix: String,
    depth: usize,
    seen_statement: bool,
    section: Section,
    table: Option<Table>,
    /// What the paragraph is about (set by a named subject outside 其中).
    topic: Option<String>,
    /// The subject of the last claim.
    last: Option<String>,
    /// The subject of the first claim of each section label.
    heads: HashMap<String, String>,
    /// The projects of 十三(三), in order.
    projects: Vec<String>,
    claims: Vec<Claim>,
    names: Vec<NamePath>,
    problems: Vec<Finding>,
    /// Sentence counter and the last sentence reported, so a sentence is reported once.
    sentence_no: usize,
    reported: Option<usize>,
}

impl<'a> Walker<'a> {
    /// A walker at the start of the narrative (第三部分 is a statement part).
    fn new(catalog: Option<&'a Catalog>, year: Option<u32>) -> Walker<'a> {
        Walker {
            catalog,
            year,
            kind: PartKind::Statement,
            prefix: String::new(),
            depth: 4,
            seen_statement: false,
            section: Section::default(),
            table: None,
            topic: None,
            last: None,
            heads: HashMap::new(),
            projects: Vec::new(),
            claims: Vec::new(),
            names: Vec::new(),
            problems: Vec::new(),
            sentence_no: 0,
            reported: None,
        }
    }

    /// Reads one block.
    fn block(&mut self, block: &Block) {
        match block {
            Block::Part { numeral, title } => self.part(numeral, title),
            Block::Prose(p) => self.prose(p),
            Block::Title(t) => self.title(t),
            Block::Row(cells) => self.row(cells),
        }
    }

    /// Enters a part (第N部分).
    fn part(&mut self, numeral: &str, title: &str) {
        let first = !self.seen_statement;
        let (kind, prefix, depth) = part_kind(numeral, title, first);
        self.seen_statement |= kind == PartKind::Statement;
        (self.kind, self.prefix, self.depth) = (kind, prefix, depth);
        self.section = Section::default();
        self.heads.clear();
        self.forget();
    }

    /// Forgets what the text was about (a new section or table).
    fn forget(&mut self) {
        self.table = None;
        self.topic = None;
        self.last = None;
    }

    /// The label of the current section (or 附件:<table title>).
    fn label(&self) -> String {
        match &self.table {
            Some(t) if self.prefix.is_empty() => t.title.clone(),
            Some(t) => format!("{}:{}", self.prefix, t.title),
            None => self.section.label(&self.prefix, self.depth),
        }
    }

    /// Reads a paragraph: its heading marker, name paths, project heading and claims.
    fn prose(&mut self, para: &Para) {
        let m = marker(&para.chars);
        if let Some(m) = &m {
            self.section.set(m.level, &m.key);
            self.forget();
        }
        // A share or rate is never bound to a figure of an earlier paragraph.
        self.last = None;
        if self.kind == PartKind::Skipped {
            return;
        }
        let body = m.as_ref().map_or(0, |m| m.len);
        let numbering = m.map(|m| m.printed).unwrap_or_default();
        let paths = self.name_paths(para, body, &numbering);
        if self.kind == PartKind::Glossary {
            return;
        }
        self.project(para, body);
        for (s, e) in sentences(&para.chars, body) {
            self.sentence(para, &paths, (s, e));
        }
    }

    /// Records the name paths of a paragraph and resolves them to 项.
    fn name_paths(&mut self, para: &Para, body: usize, numbering: &str) -> Vec<PathSpan> {
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
    fn resolve_item(&self, printed: &str) -> Result<String, String> {
        let segments = parse_name_path(printed);
        if segments.len() != 3 {
            return Err(format!("名称路径「{printed}」不是类、款、项三级"));
        }
        let catalog = self
            .catalog
            .ok_or_else(|| format!("无科目目录，无法由「{printed}」确定项级科目"))?;
        let names: Vec<&str> = segments.iter().map(|s| s.name.as_str()).collect();
        let code = catalog
            .resolve_names(&names)
            .map_err(|e| format!("名称路径「{printed}」无法对应科目（{e}）"))?;
        if code.level() != Level::Item {
            return Err(format!("名称路径「{printed}」未到项级"));
        }
        Ok(format!("item:{code}"))
    }

    /// The 类 a printed class name stands for.
    fn resolve_class(&self, name: &str) -> Result<String, String> {
        let catalog = self
            .catalog
            .ok_or_else(|| format!("无科目目录，无法由「{name}」确定类级科目"))?;
        let code = catalog
            .resolve_names(&[name])
            .map_err(|e| format!("「{name}」无法对应类级科目（{e}）"))?;
        Ok(format!("class:{code}"))
    }

    /// A list item of 十三(三) (机关建设项目绩效自评综述：…) makes its project the topic.
    fn project(&mut self, para: &Para, body: usize) {
        let chars = &para.chars;
        let colon = [
            find(chars, body, chars.len(), "："),
            find(chars, body, chars.len(), ":"),
        ]
        .into_iter()
        .flatten()
        .min();
        let Some(colon) = colon else { return };
        let Some(k) = find(chars, body, colon, "绩效自评综述") else {
            return;
        };
        let mut end = k;
        if end >= body + 2 && at(chars, end - 2, "项目") {
            end -= 2;
        }
        let name = squeeze(&text(chars, body, end));
        if !name.is_empty() {
            self.topic = Some(format!("performance:{name}"));
            self.projects.push(name);
        }
    }

    /// Reads the clauses of a sentence.
    fn sentence(&mut self, para: &Para, paths: &[PathSpan], (s, e): (usize, usize)) {
        self.sentence_no += 1;
        let mut state = Sentence::default();
        for (cs, ce) in clauses(&para.chars, s, e) {
            let (_, tail) = trim(&para.chars, cs, ce);
            let ctx = Ctx {
                para,
                paths,
                start: cs,
                end: ce,
                lead: content_start(&para.chars, cs, ce),
                tail,
                sentence: (s, e),
            };
            self.clause(&ctx, &mut state);
        }
    }

    /// Reads one clause: its 其中 and base words, then its numbers and keywords in order.
    fn clause(&mut self, c: &Ctx, state: &mut Sentence) {
        let chars = c.chars();
        if at(chars, c.lead, "其中") {
            state.parts = true;
        }
        if let Some(base) = sentence_base(chars, c.start, c.end, self.year) {
            state.base = Some(base);
        }
        let mut events: Vec<(usize, Result<Option<Draft>, String>)> = Vec::new();
        for n in numbers(chars, c.start, c.end) {
            events.push((n.start, self.number(c, &n, state)));
        }
        if let Some((pos, result)) = self.comparison(c) {
            events.push((pos, result));
        } else if let Some((pos, result)) = self.flat(c, state) {
            events.push((pos, result));
        }
        events.sort_by_key(|(pos, _)| *pos);
        for (_, result) in events {
            match result {
                Ok(Some(d)) => self.accept(c, d, state),
                Ok(None) => {}
                Err(why) => {
                    // What follows in the sentence may depend on the unbound figure: do not
                    // let it fall back on an older subject.
                    self.topic = None;
                    self.last = None;
                    self.report(c, &why);
                }
            }
        }
    }

    /// Binds one number of a clause.
    fn number(&self, c: &Ctx, n: &Num, state: &Sentence) -> Result<Option<Draft>, String> {
        if n.bound {
            return Ok(None);
        }
        match n.unit {
            UnitKind::Percent => self.percent(c, n, state),
            UnitKind::Money => self.money(c, n, state).map(Some),
            UnitKind::Count => Ok(self.count(c, n)),
            UnitKind::Other => Ok(None),
        }
    }

    /// A draft with the common fields filled.
    fn draft(subject: String, measure: Measure, n: &Num, quote_start: usize, c: &Ctx) -> Draft {
        Draft {
            subject,
            measure,
            value: Some(n.value.clone()),
            word: None,
            of: None,
            quote: (quote_start, c.tail.max(n.end)),
            anchor: n.start,
            named: false,
        }
    }

    /// The subject of the last claim, else the topic.
    fn current(&self) -> Option<String> {
        self.last.clone().or_else(|| self.topic.clone())
    }

    /// A percentage: a share (占 …), a completion rate (完成…预算的, 执行率), a growth rate
    /// (增长/下降), or a named rate (预算资金使用率); anything else (目标值 …) is no claim.
    fn percent(&self, c: &Ctx, n: &Num, state: &Sentence) -> Result<Option<Draft>, String> {
        let chars = c.chars();
        if let Some(z) = rfind(chars, c.start, n.start, "占") {
            return self.share(c, n, z).map(Some);
        }
        if let Some(of) = completion_base(chars, c.start, n.start) {
            let subject = self.current().ok_or("未能确定完成率所属对象")?;
            let mut d = Self::draft(subject, Measure::CompletionRate, n, c.lead, c);
            d.of = Some(of.to_owned());
            return Ok(Some(d));
        }
        if let Some((w, word)) = ends_with(chars, c.start, n.start, DIRECTIONS) {
            return self.growth(c, n, w, word, state).map(Some);
        }
        match self.named(c, c.start, n.start, |k| matches!(k, Kind::Rate(_))) {
            Named::Found(subject, start) => {
                let measure = LABELS
                    .iter()
                    .find_map(|(l, k, _)| match k {
                        Kind::Rate(m) if at(chars, start, l) => Some(*m),
                        _ => None,
                    })
                    .unwrap_or(Measure::Share);
                let mut d = Self::draft(subject, measure, n, start, c);
                d.named = true;
                Ok(Some(d))
            }
            _ => Ok(None),
        }
    }

    /// 占 x%: the part is named before 占 or is the last subject; the whole is named after 占
    /// or is the subject of the enclosing section (五(二) 一般公共预算财政拨款支出 … 占 75.45%).
    fn share(&self, c: &Ctx, n: &Num, z: usize) -> Result<Draft, String> {
        let chars = c.chars();
        let (subject, named) = match self.named(c, c.start, z, |k| k == Kind::Amount) {
            Named::Found(s, _) => (s, true),
            Named::Unresolved(why) => return Err(why),
            Named::Nothing => (self.last.clone().ok_or("未能确定占比所属对象")?, false),
        };
        let whole = squeeze(&text(chars, z + 1, n.start));
        let whole = whole.strip_suffix('的').unwrap_or(&whole);
        let of = if whole.is_empty() {
            self.enclosing_head().ok_or("未能确定占比的整体")?
        } else {
            WHOLES
                .iter()
                .find(|(w, _)| *w == whole)
                .map(|(_, s)| (*s).to_owned())
                .ok_or_else(|| format!("未知的占比整体「{whole}」"))?
        };
        if of == subject {
            return Err("占比的部分与整体相同".into());
        }
        let mut d = Self::draft(subject, Measure::Share, n, z, c);
        d.of = Some(of);
        d.named = named;
        Ok(d)
    }

    /// The subject of the first claim of the innermost enclosing section that has one.
    fn enclosing_head(&self) -> Option<String> {
        self.section
            .ancestors()
            .iter()
            .find_map(|s| self.heads.get(&s.label(&self.prefix, self.depth)).cloned())
    }

    /// 增长/下降 x%: the rate of the change just stated (same subject and base), else of the
    /// subject named or last, against the base named in the clause or sentence.
    fn growth(
        &self,
        c: &Ctx,
        n: &Num,
        w: usize,
        word: &str,
        state: &Sentence,
    ) -> Result<Draft, String> {
        let named = self.named(c, c.start, w, |k| k == Kind::Amount);
        let (subject, of) = match (named, &state.change) {
            (Named::Unresolved(why), _) => return Err(why),
            (Named::Found(s, _), Some((changed, of))) if *changed == s => (s, of.clone()),
            (Named::Found(s, _), _) => (s, self.base(c, w, state)?.to_owned()),
            (Named::Nothing, Some((s, of))) => (s.clone(), of.clone()),
            (Named::Nothing, None) => (
                self.current().ok_or("未能确定增减率所属对象")?,
                self.base(c, w, state)?.to_owned(),
            ),
        };
        let mut d = Self::draft(subject, Measure::GrowthRate, n, c.lead, c);
        d.word = Some(word.to_owned());
        d.of = Some(of);
        Ok(d)
    }

    /// The base of a change at `w`: named in the clause (比/较 …) or in the sentence (与 …
    /// 相比); none is a binding problem.
    fn base(&self, c: &Ctx, w: usize, state: &Sentence) -> Result<&'static str, String> {
        clause_base(c.chars(), c.start, w, self.year)
            .or_else(|| state.base.clone())
            .unwrap_or_else(|| Err("未能确定增减的比较基数".into()))
    }

    /// An amount in 万元: a change (比上年减少 x 万元), a budget (年初预算为 x 万元), an actual
    /// (支出决算为 x 万元) of what the clause names or the topic, or the amount of a label.
    fn money(&self, c: &Ctx, n: &Num, state: &Sentence) -> Result<Draft, String> {
        let chars = c.chars();
        if let Some((w, word)) = ends_with(chars, c.start, n.start, DIRECTIONS) {
            let (subject, named) = self.subject_before(c, w, "增减额")?;
            let mut d = Self::draft(subject, Measure::Change, n, c.lead, c);
            d.word = Some(word.to_owned());
            d.of = Some(self.base(c, w, state)?.to_owned());
            d.named = named;
            return Ok(d);
        }
        if let Some((k, measure)) = budget_words(chars, c.start, n.start) {
            let (subject, named) = self.subject_before(c, k, "预算数")?;
            let mut d = Self::draft(subject, measure, n, k, c);
            d.named = named;
            return Ok(d);
        }
        if let Some((k, _)) = ends_with(chars, c.start, n.start, AMOUNT_WORDS) {
            let (subject, named) = self.subject_before(c, k, "决算数")?;
            let mut d = Self::draft(subject, Measure::Amount, n, k, c);
            d.named = named;
            return Ok(d);
        }
        match self.named(c, c.start, n.start, |k| k == Kind::Amount) {
            Named::Found(subject, start) => {
                let mut d = Self::draft(subject, Measure::Amount, n, start, c);
                d.named = true;
                Ok(d)
            }
            Named::Unresolved(why) => Err(why),
            Named::Nothing => Err("未能确定金额所属对象".into()),
        }
    }

    /// The subject named before `to` in the clause, else the topic (or last subject).
    fn subject_before(&self, c: &Ctx, to: usize, what: &str) -> Result<(String, bool), String> {
        match self.named(c, c.start, to, |k| k == Kind::Amount) {
            Named::Found(s, _) => Ok((s, true)),
            Named::Unresolved(why) => Err(why),
            Named::Nothing => self
                .topic
                .clone()
                .or_else(|| self.last.clone())
                .map(|s| (s, false))
                .ok_or_else(|| format!("未能确定{what}所属对象")),
        }
    }

    /// A count: of a label (共有车辆 0 辆), of 共涉及 N 个…项目, or of a vehicle category
    /// (…用车 0 辆); other counts (2 个预算部门) are no claims.
    fn count(&self, c: &Ctx, n: &Num) -> Option<Draft> {
        let chars = c.chars();
        if let Named::Found(subject, start) = self.named(c, c.start, n.start, |k| k == Kind::Count)
        {
            let mut d = Self::draft(subject, Measure::Count, n, start, c);
            d.named = true;
            return Some(d);
        }
        if let Some(k) = find(chars, c.start, n.start, "共涉及") {
            if find(chars, n.end, c.end, "项目").is_some() {
                return Some(Self::draft(
                    "performance:projects".into(),
                    Measure::Count,
                    n,
                    k,
                    c,
                ));
            }
        }
        let label = squeeze(&text(chars, c.lead, n.start));
        let plain = !label
            .chars()
            .any(|x| x.is_ascii_punctuation() || "，。；：、（）“”".contains(x));
        (n.unit_text == "辆" && label.ends_with("用车") && plain).then(|| {
            let mut d = Self::draft(format!("vehicles:{label}"), Measure::Count, n, c.lead, c);
            d.named = true;
            d
        })
    }

    /// 支出决算数大于年初预算数 / 决算数持平全年预算数: a comparison claim.
    fn comparison(&self, c: &Ctx) -> Option<(usize, Result<Option<Draft>, String>)> {
        let chars = c.chars();
        let k = find(chars, c.start, c.end, "决算数")?;
        let mut w = k + 3;
        while ch(chars, w).is_whitespace() {
            w += 1;
        }
        let word = COMPARISONS.iter().find(|p| at(chars, w, p))?;
        let b = find(chars, w, c.end, "预算数")?;
        let base = if find(chars, w, b, "年初").is_some() {
            "budget_initial"
        } else {
            "budget_full"
        };
        let result = self
            .topic
            .clone()
            .or_else(|| self.last.clone())
            .map(|subject| {
                Some(Draft {
                    subject,
                    measure: Measure::Comparison,
                    value: None,
                    word: Some((*word).to_owned()),
                    of: Some(base.to_owned()),
                    quote: (c.lead, b + 3),
                    anchor: k,
                    named: false,
                })
            })
            .ok_or_else(|| "未能确定比较所属对象".to_owned());
        Some((k, result))
    }

    /// 较上年持平: a flat claim (no number) of the last subject.
    fn flat(&self, c: &Ctx, state: &Sentence) -> Option<(usize, Result<Option<Draft>, String>)> {
        let chars = c.chars();
        let k = find(chars, c.start, c.end, "持平")?;
        let result = (|| {
            let subject = self.current().ok_or("未能确定持平所属对象")?;
            let of = self.base(c, k, state)?;
            Ok(Some(Draft {
                subject,
                measure: Measure::Flat,
                value: None,
                word: Some("持平".into()),
                of: Some(of.to_owned()),
                quote: (c.lead, c.tail),
                anchor: k,
                named: false,
            }))
        })();
        Some((k, result))
    }

    /// What the clause names in `from..to` (the last name wins): a name path (项), a class
    /// name before 类支出, or a label of an accepted kind.
    fn named(&self, c: &Ctx, from: usize, to: usize, kind: impl Fn(Kind) -> bool) -> Named {
        if let Some(p) = c
            .paths
            .iter()
            .rev()
            .find(|p| p.start >= from && p.end <= to)
        {
            return match &p.subject {
                Ok(s) => Named::Found(s.clone(), p.start),
                Err(why) => Named::Unresolved(why.clone()),
            };
        }
        let chars = c.chars();
        if let Some(k) = find(chars, from, to, "类支出") {
            let start = content_start(chars, from, k);
            let name = squeeze(&text(chars, start, k));
            if !name.is_empty() {
                return match self.resolve_class(&name) {
                    Ok(s) => Named::Found(s, start),
                    Err(why) => Named::Unresolved(why),
                };
            }
        }
        self.label_hits(c, from, to)
            .into_iter()
            .rev()
            .find(|(_, k, _)| kind(*k))
            .map_or(Named::Nothing, |(start, _, s)| Named::Found(s, start))
    }

    /// The labels in `from..to`, scanned left to right, longest match first, with the
    /// subjects they resolve to in context (labels that do not resolve are dropped).
    fn label_hits(&self, c: &Ctx, from: usize, to: usize) -> Vec<(usize, Kind, String)> {
        let chars = c.chars();
        let mut hits = Vec::new();
        let mut i = from;
        while i < to {
            let best = LABELS
                .iter()
                .filter(|(l, _, _)| i + len(l) <= to && at(chars, i, l))
                .max_by_key(|(l, _, _)| len(l));
            match best {
                Some((l, kind, names)) => {
                    if let Some(s) = self.resolve_label(c, i, *names) {
                        hits.push((i, *kind, s));
                    }
                    i += len(l);
                }
                None => i += 1,
            }
        }
        hits
    }

    /// The subject a label at `i` names in its context.
    fn resolve_label(&self, c: &Ctx, i: usize, names: Names) -> Option<String> {
        let chars = c.chars();
        let before = squeeze(&text(chars, c.start, i));
        let sentence = text(chars, c.sentence.0, c.sentence.1);
        match names {
            Names::Fixed(s) => Some(s.to_owned()),
            Names::Spending(dept, gpb) => {
                let about_gpb = before.ends_with("一般公共预算财政拨款")
                    || self.topic.as_deref().is_some_and(|t| t.starts_with("gpb_"));
                Some(if about_gpb { gpb } else { dept }.to_owned())
            }
            Names::Funds => sentence.contains("绩效自评").then(|| {
                if sentence.contains("整体") {
                    "performance:overall_funds".to_owned()
                } else {
                    "performance:funds".to_owned()
                }
            }),
            Names::Equipment => before
                .ends_with("100万元以上")
                .then(|| "assets:equipment_over_1m".to_owned()),
        }
    }

    /// Keeps a claim: fixes its quote (on the line of its number) and id, and updates what
    /// the text is about.
    fn accept(&mut self, c: &Ctx, d: Draft, state: &mut Sentence) {
        if d.named && !state.parts {
            self.topic = Some(d.subject.clone());
        }
        self.last = Some(d.subject.clone());
        if d.measure == Measure::Change {
            state.change = Some((d.subject.clone(), d.of.clone().unwrap_or_default()));
        }
        let label = self.label();
        self.heads
            .entry(label.clone())
            .or_insert_with(|| d.subject.clone());
        let (ls, le) = c.para.line_of(d.anchor);
        let (qs, qe) = trim(c.chars(), d.quote.0.max(ls), d.quote.1.min(le));
        self.push(Claim {
            id: String::new(),
            section: label,
            subject: d.subject,
            measure: d.measure,
            value: d.value,
            word: d.word,
            of: d.of,
            quote: text(c.chars(), qs, qe),
            note: String::new(),
        });
    }

    /// Appends a claim with the next id.
    fn push(&mut self, mut claim: Claim) {
        claim.id = format!("c{:03}", self.claims.len() + 1);
        self.claims.push(claim);
    }

    /// Reports a sentence whose numbers cannot be bound (once per sentence).
    fn report(&mut self, c: &Ctx, why: &str) {
        if self.reported == Some(self.sentence_no) {
            return;
        }
        self.reported = Some(self.sentence_no);
        let sentence = text(c.chars(), c.sentence.0, c.sentence.1);
        self.problem(sentence.trim(), why);
    }

    /// Records an `ingest.claim` warning.
    fn problem(&mut self, sentence: &str, why: &str) {
        let place = Place {
            table: None,
            code: None,
            name: None,
            column: None,
        };
        let text = format!("数据不足：{sentence}（{}：{why}）", self.label());
        self.problems.push(Finding::warning(RULE, place, text));
    }

    /// Enters a 附件 self-evaluation table.
    fn title(&mut self, title: &str) {
        self.forget();
        let t = squeeze(title);
        let subject = if t.contains("部门整体") {
            Ok("expense_total".to_owned())
        } else {
            title_project(&t)
                .map(|p| format!("performance:{}", match_project(&p, &self.projects)))
                .ok_or_else(|| format!("表「{title}」未指明项目"))
        };
        self.table = Some(Table {
            title: t,
            subject,
            header: None,
        });
    }

    /// Reads a table row: labelled amounts (基本支出总额 …), the heading row of 预算数 / 执行数
    /// / 执行率 and the row of figures under it.
    fn row(&mut self, cells: &[String]) {
        if matches!(self.kind, PartKind::Skipped | PartKind::Glossary) || self.table.is_none() {
            return;
        }
        self.labelled_cells(cells);
        let header = execution_header(cells);
        let Some(table) = self.table.as_mut() else {
            return;
        };
        if header.is_some() {
            table.header = header;
            return;
        }
        let Some(cols) = table.header else { return };
        let numeric = |i: Option<usize>| i.and_then(|i| cells.get(i)).and_then(|c| cell_number(c));
        if numeric(cols[0]).is_none() && numeric(cols[1]).is_none() {
            return;
        }
        table.header = None;
        let subject = table.subject.clone();
        match subject {
            Ok(subject) => self.execution_row(cells, cols, &subject),
            Err(why) => self.problem(&cells.join(" "), &why),
        }
    }

    /// Claims of label cells followed by an amount (基本支出总额 4082.71).
    fn labelled_cells(&mut self, cells: &[String]) {
        for (i, cell) in cells.iter().enumerate() {
            let Some((_, subject)) = TABLE_LABELS.iter().find(|(l, _)| squeeze(cell) == *l) else {
                continue;
            };
            let next = cells.iter().skip(i + 1).find(|c| !c.trim().is_empty());
            if let Some((value, false)) = next.and_then(|c| cell_number(c)) {
                let quote = next.map(|c| c.trim().to_owned()).unwrap_or_default();
                self.cell_claim(subject, Measure::Amount, value, None, quote);
            }
        }
    }

    /// The 预算数, 执行数 and 执行率 cells of a budget-execution row.
    fn execution_row(&mut self, cells: &[String], cols: [Option<usize>; 3], subject: &str) {
        let measures = [
            (Measure::BudgetFull, None),
            (Measure::Amount, None),
            (Measure::CompletionRate, Some("budget_full")),
        ];
        for (col, (measure, of)) in cols.iter().zip(measures) {
            let Some(cell) = col.and_then(|i| cells.get(i)) else {
                continue;
            };
            let Some((value, percent)) = cell_number(cell) else {
                continue;
            };
            if percent && measure != Measure::CompletionRate {
                continue;
            }
            self.cell_claim(subject, measure, value, of, cell.trim().to_owned());
        }
    }

    /// Appends a claim read from a table cell (the quote is the bare cell).
    fn cell_claim(
        &mut self,
        subject: &str,
        measure: Measure,
        value: String,
        of: Option<&str>,
        quote: String,
    ) {
        let note = match &self.table {
            Some(t) => format!("自评表「{}」单元格", t.title),
            None => String::new(),
        };
        self.push(Claim {
            id: String::new(),
            section: self.label(),
            subject: subject.to_owned(),
            measure,
            value: Some(value),
            word: None,
            of: of.map(str::to_owned),
            quote,
            note,
        });
    }
}

/// The columns of 预算数, 执行数 and 执行率 if the row is their heading.
fn execution_header(cells: &[String]) -> Option<[Option<usize>; 3]> {
    let col = |w: &str| cells.iter().position(|c| squeeze(c).starts_with(w));
    let (budget, actual) = (col("预算数")?, col("执行数")?);
    Some([Some(budget), Some(actual), col("执行率")])
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::Document;

    const SEED: &str = include_str!("../../data/disclosures/hongshan-finance-2024/source.txt");
    const START: &str = "第三部分 武汉市洪山区财政局 2024 年度 部门决算情况说明";

    /// The seed's narrative lines, cut as `ingest` cuts them.
    fn seed_lines() -> Vec<String> {
        let lines: Vec<String> = SEED.lines().map(str::to_owned).collect();
        let start = lines
            .iter()
            .position(|l| l.starts_with(START))
            .expect("narrative");
        lines[start..].to_vec()
    }

    fn run(
        lines: &[String],
        catalog: Option<&Catalog>,
    ) -> (Vec<Claim>, Vec<NamePath>, Vec<Finding>) {
        let mut problems = Vec::new();
        let (c, n) = extract(lines, catalog, &mut problems);
        (c, n, problems)
    }

    fn key(c: &Claim) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            c.id,
            c.section,
            c.subject,
            c.measure.token(),
            c.value.as_deref().unwrap_or(""),
            c.word.as_deref().unwrap_or(""),
            c.of.as_deref().unwrap_or(""),
            c.quote
        )
    }

    #[test]
    fn seed_claims_match_the_transcription() {
        let (claims, _, problems) = run(&seed_lines(), Catalog::edition(2024).ok());
        let want = &Document::embedded().expect("embedded").claims;
        let got: Vec<String> = claims.iter().map(key).collect();
        let exp: Vec<String> = want.iter().map(key).collect();
        for p in &problems {
            eprintln!("PROBLEM {}", p.message);
        }
        let n = got.len().max(exp.len());
        let mut bad = 0;
        for i in 0..n {
            let (g, e) = (
                got.get(i).map_or("-", String::as_str),
                exp.get(i).map_or("-", String::as_str),
            );
            if g != e {
                bad += 1;
                eprintln!("GOT {g}\nEXP {e}\n");
            }
        }
        assert_eq!(
            bad,
            0,
            "{bad} claims differ ({} got, {} expected)",
            got.len(),
            exp.len()
        );
    }

    #[test]
    fn seed_names_match_the_transcription() {
        let (_, names, _) = run(&seed_lines(), Catalog::edition(2024).ok());
        let want = &Document::embedded().expect("embedded").names;
        let key = |n: &NamePath| format!("{}\t{}\t{}\t{}", n.id, n.section, n.printed, n.numbering);
        let got: Vec<String> = names.iter().map(key).collect();
        let exp: Vec<String> = want.iter().map(key).collect();
        for (g, e) in got.iter().zip(&exp) {
            if g != e {
                eprintln!("GOT {g}\nEXP {e}\n");
            }
        }
        assert_eq!(got, exp);
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    /// Extracts a small narrative with the 2024 catalog.
    fn small(text: &str) -> (Vec<Claim>, Vec<NamePath>, Vec<Finding>) {
        run(&lines(text), Catalog::edition(2024).ok())
    }

    fn quotes(claims: &[Claim]) -> Vec<&str> {
        claims.iter().map(|c| c.quote.as_str()).collect()
    }

    #[test]
    fn markers_of_headings_and_list_items() {
        let m = |t: &str| {
            marker(&t.chars().collect::<Vec<_>>()).map(|m| (m.level, m.key, m.printed, m.len))
        };
        assert_eq!(
            m("十三、预算绩效"),
            Some((0, "十三".into(), "十三、".into(), 3))
        );
        assert_eq!(m("(一) 总体"), Some((1, "一".into(), "(一)".into(), 4)));
        assert_eq!(
            m("（十一）结余分配"),
            Some((1, "十一".into(), "（十一）".into(), 4))
        );
        assert_eq!(m("1.因公出国"), Some((2, "1".into(), "1.".into(), 2)));
        assert_eq!(m("10. 社会保障"), Some((2, "10".into(), "10.".into(), 4)));
        assert_eq!(m("（4）一般公共"), Some((3, "4".into(), "（4）".into(), 3)));
        for no in [
            "5.38 万元",
            "2024 年度",
            "2025.2.11",
            "(项): 反映",
            "一是工资",
            "(一二三四)",
        ] {
            assert_eq!(m(no), None, "{no}");
        }
    }

    #[test]
    fn section_labels_and_their_ancestors() {
        let mut s = Section::default();
        s.set(0, "五");
        s.set(1, "三");
        s.set(2, "1");
        s.set(3, "1");
        assert_eq!(s.label("", 4), "五(三)1(1)");
        assert_eq!(s.label("附件", 4), "附件五(三)1(1)");
        assert_eq!(s.label("五", 2), "五五(三)");
        let up: Vec<String> = s.ancestors().iter().map(|a| a.label("", 4)).collect();
        assert_eq!(up, ["五(三)1", "五(三)", "五"]);
        s.set(1, "四");
        assert_eq!(
            s.label("", 4),
            "五(四)",
            "a heading clears the deeper levels"
        );
    }

    #[test]
    fn numbers_units_and_bounds() {
        let t: Vec<char> =
            "单位价值 100 万元以上设备 0 台（套），4,789.53 万元、≥ 95%，98%，2024 年，26.09亿元"
                .chars()
                .collect();
        let ns: Vec<(String, UnitKind, &str, bool)> = numbers(&t, 0, t.len())
            .into_iter()
            .map(|n| (n.value, n.unit, n.unit_text, n.bound))
            .collect();
        assert_eq!(
            ns,
            [
                ("100".into(), UnitKind::Money, "万元", true),
                ("0".into(), UnitKind::Count, "台（套）", false),
                ("4789.53".into(), UnitKind::Money, "万元", false),
                ("95".into(), UnitKind::Percent, "%", true),
                ("98".into(), UnitKind::Percent, "%", false),
                ("2024".into(), UnitKind::Other, "", false),
                ("26.09".into(), UnitKind::Other, "亿元", false),
            ]
        );
    }

    #[test]
    fn clauses_break_at_punctuation_and_after_listed_figures() {
        let t: Vec<char> = "收、支总计均为 4,789.78 万元，其中：货物 5.38 万元、工程 0.00 万元"
            .chars()
            .collect();
        let parts: Vec<String> = clauses(&t, 0, t.len())
            .into_iter()
            .map(|(a, b)| text(&t, a, b))
            .collect();
        assert_eq!(
            parts,
            [
                "收、支总计均为 4,789.78 万元",
                "其中",
                "货物 5.38 万元",
                "工程 0.00 万元"
            ]
        );
    }

    #[test]
    fn wrapped_lines_join_and_headings_stand_alone() {
        let b = blocks(&lines(
            "(一) 总体情况\n\n(3) 甲（类）乙（款）丙（项）年初预算为84.3万元，主要原因：因运维公司项目\n\n12\n调整，取消部分模块收费。\n2. 一般公共服务支出(类) 财政事务(款) 一般行政管理事务\n\n(项): 反映。\n图 1: 收、支决算\n2024年机关建设项目自评表\n甲\t\t194.15",
        ));
        let texts: Vec<String> = b
            .iter()
            .map(|b| match b {
                Block::Prose(p) => String::from_iter(&p.chars),
                Block::Title(t) => format!("T:{t}"),
                Block::Row(c) => format!("R:{}", c.join("|")),
                Block::Part { numeral, title } => format!("P:{numeral}:{title}"),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "(一) 总体情况",
                "(3) 甲（类）乙（款）丙（项）年初预算为84.3万元，主要原因：因运维公司项目调整，取消部分模块收费。",
                "2. 一般公共服务支出(类) 财政事务(款) 一般行政管理事务(项): 反映。",
                "T:2024年机关建设项目自评表",
                "R:甲||194.15",
            ]
        );
    }

    #[test]
    fn bases_of_changes() {
        let y = Some(2024);
        assert_eq!(parse_base(" 2023 年度", y), Ok("prior_year"));
        assert_eq!(parse_base("上年", y), Ok("prior_year"));
        assert_eq!(parse_base("2023 年度决算数", y), Ok("prior_year"));
        assert_eq!(parse_base("年初预算数", y), Ok("budget_initial"));
        assert_eq!(parse_base("全年预算数", y), Ok("budget_full"));
        assert!(parse_base("2021 年度", y).is_err());
        assert_eq!(parse_base("2021 年度", None), Ok("prior_year"));
        assert!(parse_base("其他单位", y).is_err());
    }

    #[test]
    fn table_names_match_the_narratives_projects() {
        let projects = [
            "机关建设".to_owned(),
            "财源建设与预算收支".to_owned(),
            "财务监督与评审".to_owned(),
        ];
        assert_eq!(match_project("机关建设", &projects), "机关建设");
        assert_eq!(
            match_project("财源建设与预算收支管理", &projects),
            "财源建设与预算收支"
        );
        assert_eq!(match_project("财政监督与评审", &projects), "财务监督与评审");
        assert_eq!(match_project("政府采购", &projects), "政府采购");
        assert_eq!(
            title_project("2024年度国库集中收付管理项目自评表").as_deref(),
            Some("国库集中收付管理")
        );
        assert_eq!(
            title_project("2024年机关建设项目自评表").as_deref(),
            Some("机关建设")
        );
        assert_eq!(cell_number("100.00%"), Some(("100.00".into(), true)));
        assert_eq!(cell_number("4,789.53"), Some(("4789.53".into(), false)));
        assert_eq!(cell_number("≥30户"), None);
        assert_eq!(cell_number(""), None);
    }

    #[test]
    fn seed_problems_are_only_the_unbound_share() {
        let (_, _, problems) = run(&seed_lines(), Catalog::edition(2024).ok());
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let p = &problems[0];
        assert_eq!(
            (p.rule.as_str(), p.severity),
            (RULE, crate::audit::Severity::Warning)
        );
        assert!(p
            .message
            .contains("数据不足：2024 年税收占财政收入 90.52 亿元，占一般公共预算支出比重达 89%"));
    }

    #[test]
    fn without_a_catalog_item_and_class_figures_are_reported_not_guessed() {
        let (claims, names, problems) = run(&seed_lines(), None);
        assert!(!claims
            .iter()
            .any(|c| c.subject.starts_with("item:") || c.subject.starts_with("class:")));
        assert_eq!(names.len(), 36, "name paths are read without a catalog");
        // 4 class sentences, 18 items (sentence by sentence), the 89% share.
        assert!(problems.len() > 20, "{}", problems.len());
        assert!(problems.iter().all(|p| p.message.contains("数据不足：")));
        // Everything else is still read.
        assert!(claims
            .iter()
            .any(|c| c.subject == "sangong:vehicle" && c.value.as_deref() == Some("4.4")));
    }

    #[test]
    fn ambiguous_bindings_yield_warnings() {
        let (claims, _, problems) = small(
            "第三部分 某局 2024 年度部门决算情况说明\n一、说明\n\
             年初预算为 10 万元，完成年初预算的 50%。\n\
             收入合计 100 万元，减少 5 万元，下降 4.8%。\n\
             某某支出 20 万元，占 20%，完成年初预算的 50%。\n\
             (1) 一般公共服务支出（类）不存在的款（款）行政运行（项）年初预算为1.5万元。",
        );
        assert_eq!(quotes(&claims), ["收入合计 100 万元"]);
        let msgs: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(msgs.len(), 4, "{msgs:#?}");
        assert!(
            msgs[0].contains("年初预算为 10 万元") && msgs[0].contains("未能确定预算数所属对象")
        );
        assert!(msgs[1].contains("未能确定增减的比较基数"));
        assert!(msgs[2].contains("未能确定金额所属对象"));
        assert!(msgs[3].contains("无法对应科目"));
    }

    #[test]
    fn topics_and_parts() {
        let (claims, _, _) = small(
            "第三部分 某局 2024 年度部门决算情况说明\n五、一般公共预算财政拨款支出决算情况说明\n(三) 具体情况\n\
             2024 年度一般公共预算财政拨款支出年初预算为 100 万元，支出决算为 90 万元，完成年初预算的 90%。其中：基本支出 60 万元，项目支出 30 万元。\n\
             六、附件\n\
             2024 年度本年支出合计 90 万元。其中：基本支出 60 万元，占本年支出 66.67%。2024 年度预算数为 90 万元，执行数为 90 万元，执行率为 100%。",
        );
        let got: Vec<(String, &str, &str, &str)> = claims
            .iter()
            .map(|c| {
                (
                    c.section.clone(),
                    c.subject.as_str(),
                    c.measure.token(),
                    c.of.as_deref().unwrap_or(""),
                )
            })
            .collect();
        let want = [
            ("五(三)", "gpb_expense", "budget_initial", ""),
            ("五(三)", "gpb_expense", "amount", ""),
            ("五(三)", "gpb_expense", "completion_rate", "budget_initial"),
            ("五(三)", "gpb_basic", "amount", ""),
            ("五(三)", "gpb_project", "amount", ""),
            ("六", "expense_total", "amount", ""),
            ("六", "expense:基本支出", "amount", ""),
            ("六", "expense:基本支出", "share", "expense_total"),
            ("六", "expense_total", "budget_full", ""),
            ("六", "expense_total", "amount", ""),
            ("六", "expense_total", "completion_rate", "budget_full"),
        ];
        let want: Vec<(String, &str, &str, &str)> = want
            .iter()
            .map(|&(s, a, b, c)| (s.to_owned(), a, b, c))
            .collect();
        assert_eq!(got, want);
    }

    /// Replaces the claims of the embedded document and audits it.
    fn audited(claims: Vec<Claim>) -> Vec<Finding> {
        let mut doc = Document::embedded().expect("embedded").clone();
        doc.claims = claims;
        crate::audit::audit(&doc, &crate::audit::AuditOptions::default()).findings
    }

    fn id(claims: &[Claim], quote: &str) -> String {
        claims
            .iter()
            .find(|c| c.quote == quote)
            .map(|c| c.id.clone())
            .unwrap_or_default()
    }

    #[test]
    fn planted_errors_are_flagged_by_the_audit() {
        use crate::audit::Severity::{Error, Warning};
        let fixture = include_str!("../../tests/fixtures/ingest/narrative/planted.txt");
        let (claims, _, problems) = small(fixture);
        let findings = audited(claims.clone());
        let flagged = |rule: &str, quote: &str, sev| {
            let id = id(&claims, quote);
            findings.iter().any(|f| {
                f.rule == rule && f.code.as_deref() == Some(id.as_str()) && f.severity == sev
            })
        };
        assert!(flagged("n.share", "占本年收入 90.0%", Error));
        assert!(flagged("n.share", "占 70.45%", Error));
        assert!(flagged("n.completion_rate", "完成年初预算的 82.03%", Error));
        assert!(flagged("n.direction", "下降 7.1%", Warning));
        assert!(flagged("n.direction", "支出决算数小于年初预算数", Error));
        assert!(!flagged(
            "n.completion_rate",
            "完成年初预算的104.60%",
            Error
        ));
        assert_eq!(problems.len(), 2, "{problems:#?}");
    }

    #[test]
    fn the_seed_audits_as_the_transcription_does() {
        // The extracted claims lead the audit to the same narrative findings as the
        // transcription (notes aside, the claims are equal).
        let (claims, _, _) = run(&seed_lines(), Catalog::edition(2024).ok());
        let rules = |fs: Vec<Finding>| -> Vec<(String, Option<String>, crate::audit::Severity)> {
            fs.into_iter()
                .filter(|f| f.rule.starts_with("n."))
                .map(|f| (f.rule, f.code, f.severity))
                .collect()
        };
        let want = rules(audited(
            Document::embedded().expect("embedded").claims.clone(),
        ));
        assert_eq!(rules(audited(claims)), want);
    }

    /// Characters that exercise every scanner.
    const NOISE: &str = "[0-9.,%％万元亿辆个台套（）()类款项、，。：:；第三五六部分一二十年度占本收入支出合计为比上较减少下降增加持平决算数大于年初全年预算的完成执行率其中资金设备用车自评表共涉及项目 \t]{0,80}";

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        #[test]
        fn random_text_never_panics(raw in proptest::collection::vec(NOISE, 0..30)) {
            let (claims, names, _) = run(&raw, Catalog::edition(2024).ok());
            for (i, c) in claims.iter().enumerate() {
                proptest::prop_assert_eq!(&c.id, &format!("c{:03}", i + 1));
                proptest::prop_assert!(raw.iter().any(|l| l.contains(c.quote.as_str())));
            }
            for n in &names {
                proptest::prop_assert!(!n.printed.is_empty());
            }
        }

        #[test]
        fn damaged_seed_lines_never_panic(
            ops in proptest::collection::vec((0..600usize, 0..300usize, 0..3u8), 0..30)
        ) {
            let mut ls: Vec<Vec<char>> = seed_lines().iter().map(|l| l.chars().collect()).collect();
            for (l, at, op) in ops {
                let n = ls.len();
                let line = &mut ls[l % n];
                let at = at.min(line.len());
                match op {
                    0 => {
                        let rest = line.split_off(at);
                        ls.insert(l % n + 1, rest);
                    }
                    1 => line.insert(at, ' '),
                    _ => {
                        let digits: Vec<usize> = (0..line.len()).filter(|&i| line[i].is_ascii_digit()).collect();
                        if digits.len() >= 2 {
                            let i = at % (digits.len() - 1);
                            line.swap(digits[i], digits[i + 1]);
                        }
                    }
                }
            }
            let raw: Vec<String> = ls.into_iter().map(String::from_iter).collect();
            let (claims, _, problems) = run(&raw, Catalog::edition(2024).ok());
            for c in &claims {
                proptest::prop_assert!(raw.iter().any(|l| l.contains(c.quote.as_str())));
            }
            proptest::prop_assert!(problems.iter().all(|p| p.rule == RULE));
            let _ = audited(claims);
        }
    }
}
