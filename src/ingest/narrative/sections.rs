//! Headings and sections: the list markers (一、 / (一) / 1. / (1)), the section labels they
//! set, and what each part (第N部分) of the document holds.

use super::chars::{ch, text};

/// Chinese numerals used in headings (一、, (十三), 第三部分).
pub(super) use crate::disclosure::CHINESE_NUMERALS as CN_DIGITS;

/// A list or heading marker at the start of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Marker {
    /// 0: 一、  1: (一)  2: 1.  3: (1)
    pub(super) level: usize,
    /// The number as it enters the section label (一, 三, 1 …).
    pub(super) key: String,
    /// The marker exactly as printed ("(1)", "（4）", "7.").
    pub(super) printed: String,
    /// Its length in chars, with the white space after it.
    pub(super) len: usize,
}

/// The heading marker a text starts with, if any.
pub(super) fn marker(chars: &[char]) -> Option<Marker> {
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
pub(super) fn level_marker_at(chars: &[char], i: usize) -> bool {
    matches!(ch(chars, i), '(' | '（')
        && matches!(ch(chars, i + 1), '类' | '款' | '项')
        && matches!(ch(chars, i + 2), ')' | '）')
}

/// The heading numbers in force: 一 / (三) / 1 / (1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Section {
    levels: [Option<String>; 4],
}

impl Section {
    /// Enters a heading: sets its level and clears the deeper ones.
    pub(super) fn set(&mut self, level: usize, key: &str) {
        for (l, slot) in self.levels.iter_mut().enumerate() {
            if l == level {
                *slot = Some(key.to_owned());
            } else if l > level {
                *slot = None;
            }
        }
    }

    /// The label (五(三)1(1)), with a prefix and at most `depth` levels.
    pub(super) fn label(&self, prefix: &str, depth: usize) -> String {
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
    pub(super) fn ancestors(&self) -> Vec<Section> {
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
pub(super) enum PartKind {
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
pub(super) fn part_kind(
    numeral: &str,
    title: &str,
    first_statement: bool,
) -> (PartKind, String, usize) {
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
