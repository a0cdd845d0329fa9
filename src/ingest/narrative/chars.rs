//! Small char-slice helpers (never index out of range).

/// The char at `i`, or NUL past the end.
pub(super) fn ch(chars: &[char], i: usize) -> char {
    chars.get(i).copied().unwrap_or('\0')
}

/// Whether `pat` occurs in `chars` at `i`.
pub(super) fn at(chars: &[char], i: usize, pat: &str) -> bool {
    pat.chars()
        .enumerate()
        .all(|(k, p)| chars.get(i + k) == Some(&p))
}

/// The length of `pat` in chars.
pub(super) fn len(pat: &str) -> usize {
    pat.chars().count()
}

/// The first start of `pat` lying wholly within `chars[from..to]`.
pub(super) fn find(chars: &[char], from: usize, to: usize, pat: &str) -> Option<usize> {
    let n = len(pat);
    (from..to).find(|&i| i + n <= to && at(chars, i, pat))
}

/// The last start of `pat` lying wholly within `chars[from..to]`.
pub(super) fn rfind(chars: &[char], from: usize, to: usize, pat: &str) -> Option<usize> {
    let n = len(pat);
    (from..to).rev().find(|&i| i + n <= to && at(chars, i, pat))
}

/// `chars[from..to]` as a string (empty if the range is invalid).
pub(super) fn text(chars: &[char], from: usize, to: usize) -> String {
    chars
        .get(from..to)
        .map(String::from_iter)
        .unwrap_or_default()
}

/// `text` without any white space.
pub(super) fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The range without leading and trailing white space.
pub(super) fn trim(chars: &[char], mut from: usize, mut to: usize) -> (usize, usize) {
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
pub(super) fn ends_with<'p>(
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
