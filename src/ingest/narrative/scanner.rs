//! Sentences, clauses and numbers: the scanner that cuts a paragraph into sentences and
//! clauses and reads the numbers printed in them with their units.

use super::chars::{at, ch, len, trim};

/// Characters that end a clause (、 only after a number, see [`clause_break`]).
const CLAUSE_BREAKS: &str = "，,；;：:";

/// Characters that end a sentence.
const SENTENCE_ENDS: &str = "。！？!?";

/// Sentence ranges of `chars[from..]` (the terminator excluded).
pub(super) fn sentences(chars: &[char], from: usize) -> Vec<(usize, usize)> {
    split(chars, from, chars.len(), |i| {
        SENTENCE_ENDS.contains(ch(chars, i))
    })
}

/// Clause ranges of a sentence.
pub(super) fn clauses(chars: &[char], from: usize, to: usize) -> Vec<(usize, usize)> {
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
pub(super) fn content_start(chars: &[char], from: usize, to: usize) -> usize {
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
pub(super) enum UnitKind {
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
pub(super) struct Num {
    /// Where the digits start.
    pub(super) start: usize,
    /// The digits without thousands separators.
    pub(super) value: String,
    /// What its unit makes of it.
    pub(super) unit: UnitKind,
    /// The unit as printed.
    pub(super) unit_text: &'static str,
    /// Where the unit ends.
    pub(super) end: usize,
    /// A bound or target (100 万元以上, ≥ 95%), not a figure of the accounts.
    pub(super) bound: bool,
}

/// The numbers of `chars[from..to]` with their units.
pub(super) fn numbers(chars: &[char], from: usize, to: usize) -> Vec<Num> {
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
pub(super) fn read_number(chars: &[char], mut i: usize, to: usize) -> (String, usize) {
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
    // 0.39 万（含…）: 万 alone, where the text goes on with punctuation, is 万元 with its 元
    // dropped (万人次, 万平方米 go on with a unit).
    let bare =
        ch(chars, j) == '万' && (j + 1 >= to || "（(，,。；;）) ".contains(ch(chars, j + 1)));
    let (unit_text, unit) = UNITS
        .iter()
        .find(|(u, _)| j + len(u) <= to && at(chars, j, u))
        .map_or(("", UnitKind::Other), |&(u, k)| (u, k));
    let (unit_text, unit) = if bare {
        ("万", UnitKind::Money)
    } else {
        (unit_text, unit)
    };
    let end = if unit_text.is_empty() {
        digits_end
    } else {
        j + len(unit_text)
    };
    let mut k = end;
    while k < to && ch(chars, k) == ' ' {
        k += 1;
    }
    // 100 万元（含）以上
    if ["（含）", "(含)"].iter().any(|w| at(chars, k, w)) {
        k += 3;
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
