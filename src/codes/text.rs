//! Normalisation of code text as it comes out of PDF extractors.

/// Maps full-width digits, letters and punctuation (U+FF01..U+FF5E) to ASCII, the ideographic
/// space to a plain space, and keeps everything else.
///
/// ```
/// use cn_budget::codes::to_half_width;
/// assert_eq!(to_half_width("２０１　０６"), "201 06");
/// assert_eq!(to_half_width("因公出国（境）费用"), "因公出国(境)费用");
/// ```
pub fn to_half_width(text: &str) -> String {
    text.chars().map(to_half_width_char).collect()
}

pub(crate) fn to_half_width_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whether `c` is a CJK unified ideograph (U+4E00..U+9FFF): the characters of the labels
/// (合计, 收入总计 …) without digits, letters, spaces or punctuation.
pub(crate) fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Normalises a name for comparison: half-width brackets and punctuation, no white space.
///
/// Official lists print full-width brackets （）; extracted text and some systems use `()`.
/// Two names that differ only in this way compare equal after normalisation.
///
/// ```
/// use cn_budget::codes::normalize_name;
/// assert_eq!(normalize_name("因公出国（境）费用"), normalize_name("因公出国(境) 费用"));
/// ```
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .map(to_half_width_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Splits leading code text from what follows it.
///
/// Returns the ASCII digits of the leading run of digits and inner white space, and the rest
/// of the text trimmed (the printed name, if any). Full-width digits count as digits.
pub(crate) fn split_code_prefix(text: &str) -> (String, &str) {
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace());
    let mut digits = String::new();
    let mut end = 0;
    for (i, c) in trimmed.char_indices() {
        let h = to_half_width_char(c);
        if h.is_ascii_digit() {
            digits.push(h);
            end = i + c.len_utf8();
        } else if c.is_whitespace() && !digits.is_empty() {
            continue;
        } else {
            break;
        }
    }
    (digits, trimmed[end..].trim())
}
