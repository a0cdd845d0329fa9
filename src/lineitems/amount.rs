//! Exact parsing of amount text into fixed-point integers at a declared scale.

/// Why a cell is not an amount at the declared scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AmountProblem {
    Empty,
    Invalid,
    TooManyDecimals,
    TooLarge,
}

/// Parses `text` (optional surrounding spaces, an optional sign, digits, an optional point
/// and decimals) into an integer count of `10^-scale`. Decimals beyond `scale` must be zeros:
/// the value is then exact; anything else is [`AmountProblem::TooManyDecimals`], never rounded.
pub(crate) fn parse_fixed(text: &[u8], scale: u32) -> Result<i64, AmountProblem> {
    let text = text.trim_ascii();
    if text.is_empty() {
        return Err(AmountProblem::Empty);
    }
    let (negative, body) = match text[0] {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (int, frac) = match body.iter().position(|&b| b == b'.') {
        Some(p) => (&body[..p], &body[p + 1..]),
        None => (body, &body[body.len()..]),
    };
    if int.is_empty() && frac.is_empty() {
        return Err(AmountProblem::Invalid);
    }
    if !int.iter().chain(frac).all(u8::is_ascii_digit) {
        return Err(AmountProblem::Invalid);
    }
    let scale = scale as usize;
    let (kept, dropped) = frac.split_at(frac.len().min(scale));
    if dropped.iter().any(|&b| b != b'0') {
        return Err(AmountProblem::TooManyDecimals);
    }
    // Accumulate negatively so that i64::MIN parses.
    let mut value: i64 = 0;
    let digits = int
        .iter()
        .chain(kept)
        .chain(std::iter::repeat_n(&b'0', scale - kept.len()));
    for &d in digits {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_sub(i64::from(d - b'0')))
            .ok_or(AmountProblem::TooLarge)?;
    }
    if negative {
        Ok(value)
    } else {
        value.checked_neg().ok_or(AmountProblem::TooLarge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_exactly_at_the_declared_scale() {
        let p = |s: &str| parse_fixed(s.as_bytes(), 2);
        assert_eq!(p("1887.52"), Ok(188752));
        assert_eq!(p(" -0.5 "), Ok(-50));
        assert_eq!(p("+3"), Ok(300));
        assert_eq!(p(".25"), Ok(25));
        assert_eq!(p("7."), Ok(700));
        assert_eq!(p("1.2300"), Ok(123));
        assert_eq!(p("1.235"), Err(AmountProblem::TooManyDecimals));
        assert_eq!(p(""), Err(AmountProblem::Empty));
        assert_eq!(p("-"), Err(AmountProblem::Invalid));
        assert_eq!(p("."), Err(AmountProblem::Invalid));
        assert_eq!(p("1,234.00"), Err(AmountProblem::Invalid));
        assert_eq!(p("1e3"), Err(AmountProblem::Invalid));
        assert_eq!(p("1.2.3"), Err(AmountProblem::Invalid));
        assert_eq!(p("92233720368547758.07"), Ok(i64::MAX));
        assert_eq!(p("-92233720368547758.08"), Ok(i64::MIN));
        assert_eq!(p("92233720368547758.08"), Err(AmountProblem::TooLarge));
        assert_eq!(parse_fixed(b"12", 0), Ok(12));
        assert_eq!(parse_fixed(b"12.0", 0), Ok(12));
    }
}
