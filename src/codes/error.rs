use std::fmt;

/// Which classification a code was parsed for; part of [`ParseCodeError`].
///
/// ```
/// use cn_budget::codes::CodeKind;
/// assert_eq!(CodeKind::Functional.to_string(), "functional (支出功能分类)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeKind {
    /// 支出功能分类: 类/款/项 of 3, 5 or 7 digits starting with 2.
    Functional,
    /// 支出经济分类: 类/款 of 3 or 5 digits, 部门预算 (3xx) or 政府预算 (5xx).
    Economic,
}

impl fmt::Display for CodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CodeKind::Functional => "functional (支出功能分类)",
            CodeKind::Economic => "economic (支出经济分类)",
        })
    }
}

/// A code could not be parsed. Every variant carries the offending input.
///
/// ```
/// use cn_budget::{FunctionCode, codes::ParseCodeError};
/// let err = "20106x".parse::<FunctionCode>().unwrap_err();
/// assert!(matches!(err, ParseCodeError::InvalidCharacter { found: 'x', .. }));
/// assert_eq!(err.input(), "20106x");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseCodeError {
    /// The input holds no digits.
    #[error("empty {kind} code {input:?}")]
    Empty {
        /// The text that was parsed.
        input: String,
        /// The classification expected.
        kind: CodeKind,
    },
    /// The input holds a character that is not a digit.
    #[error("{input:?} is not a {kind} code: unexpected {found:?} at byte {position}")]
    InvalidCharacter {
        /// The text that was parsed.
        input: String,
        /// The classification expected.
        kind: CodeKind,
        /// The first offending character.
        found: char,
        /// Its byte offset in `input`.
        position: usize,
    },
    /// The number of digits matches no level of this classification.
    #[error("{input:?} is not a {kind} code: {digits} digits (expected {expected})")]
    BadLength {
        /// The text that was parsed.
        input: String,
        /// The classification expected.
        kind: CodeKind,
        /// How many digits were found.
        digits: usize,
        /// The lengths allowed, e.g. "3, 5 or 7".
        expected: &'static str,
    },
    /// The first digit is outside the classification (functional codes start with 2,
    /// 部门 economic codes with 3, 政府 economic codes with 5).
    #[error("{input:?} is not a {kind} code: it must start with {expected}")]
    OutOfRange {
        /// The text that was parsed.
        input: String,
        /// The classification expected.
        kind: CodeKind,
        /// The leading digits allowed.
        expected: &'static str,
    },
    /// A two-digit segment is `00`, which no 类, 款 or 项 uses.
    #[error("{input:?} is not a {kind} code: its {level} segment is 00")]
    ZeroSegment {
        /// The text that was parsed.
        input: String,
        /// The classification expected.
        kind: CodeKind,
        /// The level whose segment is zero.
        level: crate::Level,
    },
}

impl ParseCodeError {
    /// The text that failed to parse.
    ///
    /// ```
    /// let err = "".parse::<cn_budget::EconomicCode>().unwrap_err();
    /// assert_eq!(err.input(), "");
    /// ```
    pub fn input(&self) -> &str {
        match self {
            ParseCodeError::Empty { input, .. }
            | ParseCodeError::InvalidCharacter { input, .. }
            | ParseCodeError::BadLength { input, .. }
            | ParseCodeError::OutOfRange { input, .. }
            | ParseCodeError::ZeroSegment { input, .. } => input,
        }
    }
}
