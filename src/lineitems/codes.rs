//! Checking the codes of a column: valid codes of their classification (and scheme), listed
//! by the edition when the spec names one; read as the integer of their digits.

use super::{LineItemError, Row};
use crate::codes::ParseCodeError;
use crate::tree::Tree;
use crate::{Catalog, Code, EconomicCode, EconomicScheme, FunctionCode};
use std::str::FromStr;

/// Checks the cells of one code column.
#[derive(Debug)]
pub(crate) struct CodeCheck<C> {
    column: String,
    /// For economic codes: the leading digit of the declared scheme and its name.
    scheme: Option<(u8, &'static str)>,
    /// The edition's codes (a direct-indexed tree, no hashing per row) and its label.
    edition: Option<(Tree<C>, String)>,
    /// Integer codes already found good, as a bitset over their values (below `limit`).
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    good: Vec<u64>,
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    limit: u32,
}

impl CodeCheck<FunctionCode> {
    /// A check of functional codes in `column`.
    pub(crate) fn functional(column: &str, catalog: Option<&Catalog>) -> Self {
        CodeCheck {
            column: column.to_owned(),
            scheme: None,
            edition: catalog.map(|c| (Tree::from_list(c.functional()), c.label().to_owned())),
            good: Vec::new(),
            limit: 3_000_000,
        }
    }
}

impl CodeCheck<EconomicCode> {
    /// A check of economic codes of `scheme` in `column`.
    pub(crate) fn economic(
        column: &str,
        scheme: EconomicScheme,
        catalog: Option<&Catalog>,
    ) -> Self {
        let first = match scheme {
            EconomicScheme::Department => b'3',
            EconomicScheme::Government => b'5',
        };
        CodeCheck {
            column: column.to_owned(),
            scheme: Some((first, scheme.name())),
            edition: catalog.map(|c| (Tree::from_list(c.economic()), c.label().to_owned())),
            good: Vec::new(),
            limit: 60_000,
        }
    }
}

impl<C> CodeCheck<C>
where
    C: Code + FromStr<Err = ParseCodeError>,
{
    /// The column checked.
    pub(crate) fn column(&self) -> &str {
        &self.column
    }

    /// The code in a text cell, as the integer of its digits.
    pub(crate) fn text(&self, text: &str, row: Row) -> Result<u32, LineItemError> {
        if text.trim().is_empty() {
            return Err(self.missing(row));
        }
        let code = text.parse::<C>().map_err(|e| LineItemError::BadCode {
            column: self.column.clone(),
            row,
            value: text.to_owned(),
            reason: e.to_string(),
        })?;
        self.listed(code, text.trim().as_bytes()[0], row)
    }

    /// The code in an integer cell.
    #[cfg(feature = "arrow")]
    pub(crate) fn integer(&self, value: i64, row: Row) -> Result<u32, LineItemError> {
        let mut buf = [0u8; 20];
        let text = decimal_digits(value, &mut buf);
        self.text(text, row)
    }

    /// The code in an integer cell, remembering good values so that each distinct code is
    /// checked once (columnar inputs repeat a few thousand codes over millions of rows).
    #[cfg(feature = "arrow")]
    #[inline]
    pub(crate) fn value(&mut self, value: u32, row: Row) -> Result<u32, LineItemError> {
        let (word, bit) = ((value / 64) as usize, 1u64 << (value % 64));
        if self.good.get(word).is_some_and(|w| w & bit != 0) {
            return Ok(value);
        }
        let code = self.integer(i64::from(value), row)?;
        if value < self.limit {
            if self.good.is_empty() {
                self.good = vec![0; self.limit.div_ceil(64) as usize];
            }
            self.good[word] |= bit;
        }
        Ok(code)
    }

    /// The error for an empty or null code cell.
    pub(crate) fn missing(&self, row: Row) -> LineItemError {
        LineItemError::MissingCode {
            column: self.column.clone(),
            row,
        }
    }

    fn listed(&self, code: C, first: u8, row: Row) -> Result<u32, LineItemError> {
        if let Some((expected, scheme)) = self.scheme {
            if first != expected {
                return Err(LineItemError::WrongScheme {
                    column: self.column.clone(),
                    row,
                    code: code.to_string(),
                    scheme,
                });
            }
        }
        if let Some((tree, label)) = &self.edition {
            if tree.node(code).is_none() {
                return Err(LineItemError::NotInEdition {
                    column: self.column.clone(),
                    row,
                    code: code.to_string(),
                    edition: label.clone(),
                });
            }
        }
        Ok(code.as_u32())
    }
}

/// The decimal digits of `value` (with a `-` when negative) written into `buf`.
#[cfg(feature = "arrow")]
fn decimal_digits(value: i64, buf: &mut [u8; 20]) -> &str {
    let mut n = value.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    std::str::from_utf8(&buf[at..]).expect("ASCII digits")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "arrow")]
    #[test]
    fn integers_are_checked_as_their_digits() {
        let check = CodeCheck::functional("f", None);
        assert_eq!(check.integer(2010601, Row::Index(0)), Ok(2010601));
        assert_eq!(check.integer(201, Row::Index(0)), Ok(201));
        assert!(matches!(
            check.integer(201060, Row::Index(3)),
            Err(LineItemError::BadCode {
                row: Row::Index(3),
                ..
            })
        ));
        assert!(matches!(
            check.integer(-201, Row::Index(0)),
            Err(LineItemError::BadCode { .. })
        ));
        assert!(matches!(
            check.integer(i64::MIN, Row::Index(0)),
            Err(LineItemError::BadCode { .. })
        ));
    }

    #[test]
    fn economic_codes_keep_to_their_scheme() {
        let check = CodeCheck::economic("e", EconomicScheme::Department, None);
        assert_eq!(check.text("30101", Row::Line(2)), Ok(30101));
        assert!(matches!(
            check.text("50101", Row::Line(2)),
            Err(LineItemError::WrongScheme { .. })
        ));
    }
}
