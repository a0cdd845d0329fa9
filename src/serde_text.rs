//! Serde for the types written as their `Display` text and read back with `FromStr`
//! (codes, the narrative's subjects, bases and directions): one visitor for all of them.

use serde::de::{Deserializer, Error, Unexpected, Visitor};
use std::fmt;
use std::str::FromStr;

/// Reads a `T` from a string with `FromStr`; `expecting` says what was wanted when the
/// input is not a string or does not parse.
pub(crate) fn from_str<'de, D, T>(d: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    d.deserialize_str(Text {
        expecting,
        number: None,
    })
}

/// Like [`from_str`], and also from an unsigned integer through `TryFrom<u32>`: a code
/// may be written as a JSON number.
pub(crate) fn from_str_or_number<'de, D, T>(d: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr + TryFrom<u32>,
    <T as FromStr>::Err: fmt::Display,
    <T as TryFrom<u32>>::Error: fmt::Display,
{
    d.deserialize_any(Text {
        expecting,
        number: Some(from_number::<T>),
    })
}

/// A code from a number: it must fit a `u32`, then be a valid code.
fn from_number<T>(v: u64) -> Result<T, String>
where
    T: TryFrom<u32>,
    T::Error: fmt::Display,
{
    u32::try_from(v)
        .map_err(|_| format!("{v} is too large for a code"))?
        .try_into()
        .map_err(|e: T::Error| e.to_string())
}

/// The visitor: a string through `FromStr`, a number through `number` where there is one.
struct Text<T> {
    expecting: &'static str,
    number: Option<fn(u64) -> Result<T, String>>,
}

impl<T> Visitor<'_> for Text<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<T, E> {
        match self.number {
            Some(number) => number(v).map_err(E::custom),
            None => Err(E::invalid_type(Unexpected::Unsigned(v), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::disclosure::Base;
    use crate::FunctionCode;

    #[test]
    fn a_code_reads_from_its_digits_as_a_string_or_a_number() {
        let code: FunctionCode = "2010601".parse().unwrap();
        assert_eq!(
            serde_json::from_str::<FunctionCode>("\"2010601\"").unwrap(),
            code
        );
        assert_eq!(
            serde_json::from_str::<FunctionCode>("2010601").unwrap(),
            code
        );
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"2010601\"");
        let large = serde_json::from_str::<FunctionCode>("5000000000").unwrap_err();
        assert!(
            large
                .to_string()
                .starts_with("5000000000 is too large for a code"),
            "{large}"
        );
        let negative = serde_json::from_str::<FunctionCode>("-1").unwrap_err();
        assert!(
            negative
                .to_string()
                .contains("expected a FunctionCode as a string of digits"),
            "{negative}"
        );
    }

    #[test]
    fn a_word_reads_only_from_a_string() {
        let base: Base = serde_json::from_str("\"prior_year\"").unwrap();
        assert_eq!(serde_json::to_string(&base).unwrap(), "\"prior_year\"");
        let number = serde_json::from_str::<Base>("1").unwrap_err();
        assert!(
            number.to_string().starts_with(
                "invalid type: integer `1`, expected prior_year, budget_initial, budget_full or a subject"
            ),
            "{number}"
        );
        assert!(serde_json::from_str::<Base>("\"last_year\"").is_err());
    }
}
