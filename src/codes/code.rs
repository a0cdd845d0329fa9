//! The validated code types and what they share.

use super::error::{CodeKind, ParseCodeError};
use super::text::split_code_prefix;
use crate::Level;
use std::fmt;
use std::hash::Hash;
use std::str::FromStr;

/// What a classification code can do; implemented by [`FunctionCode`] and [`EconomicCode`].
///
/// Generic code such as [`crate::tree::Tree`] works over any `Code`. The trait is sealed: the
/// dense key layout (the small integer by which the crate indexes codes) is an implementation
/// detail, not part of the API; [`Code::as_u32`] is the code's stable integer.
///
/// ```
/// use cn_budget::{Code, FunctionCode, Level};
/// fn depth<C: Code>(code: C) -> usize { code.ancestors().count() }
/// let item: FunctionCode = "2010601".parse()?;
/// assert_eq!(depth(item), 2);
/// assert_eq!(item.level(), Level::Item);
/// # Ok::<(), cn_budget::codes::ParseCodeError>(())
/// ```
pub trait Code:
    Copy + Eq + Ord + Hash + fmt::Debug + fmt::Display + FromStr<Err = ParseCodeError> + sealed::Sealed
{
    /// The level of this code.
    ///
    /// ```
    /// use cn_budget::{Code, EconomicCode, FunctionCode, Level};
    /// assert_eq!("20106".parse::<FunctionCode>()?.level(), Level::Section);
    /// assert_eq!("302".parse::<EconomicCode>()?.level(), Level::Class);
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    fn level(self) -> Level;
    /// The code one level up, or `None` for a 类.
    ///
    /// ```
    /// use cn_budget::{Code, EconomicCode, FunctionCode};
    /// let item: FunctionCode = "2010601".parse()?;
    /// assert_eq!(item.parent(), Some("20106".parse()?));
    /// let wage: EconomicCode = "30101".parse()?;
    /// assert_eq!(wage.parent(), Some("301".parse()?));
    /// assert_eq!("301".parse::<EconomicCode>()?.parent(), None);
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    fn parent(self) -> Option<Self>;
    /// The numeric value of the code as printed (`2010601`).
    ///
    /// ```
    /// use cn_budget::{Code, EconomicCode, FunctionCode};
    /// assert_eq!("2010601".parse::<FunctionCode>()?.as_u32(), 2_010_601);
    /// assert_eq!("30101".parse::<EconomicCode>()?.as_u32(), 30_101);
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    fn as_u32(self) -> u32;
    /// The 类 this code belongs to (itself for a 类).
    ///
    /// ```
    /// use cn_budget::{Code, EconomicCode, FunctionCode};
    /// let item: FunctionCode = "2080505".parse()?;
    /// assert_eq!(item.class().to_string(), "208");
    /// let class: EconomicCode = "302".parse()?;
    /// assert_eq!(class.class(), class);
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    fn class(self) -> Self {
        let mut c = self;
        while let Some(p) = c.parent() {
            c = p;
        }
        c
    }
    /// The chain of parents, nearest first.
    ///
    /// ```
    /// use cn_budget::{Code, EconomicCode};
    /// let wage: EconomicCode = "30101".parse()?;
    /// assert_eq!(wage.ancestors().collect::<Vec<_>>(), ["301".parse::<EconomicCode>()?]);
    /// assert_eq!(wage.parent().unwrap().ancestors().count(), 0);
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    fn ancestors(self) -> Ancestors<Self> {
        Ancestors {
            next: self.parent(),
        }
    }
    /// Whether `self` is `other` or one of its ancestors.
    ///
    /// ```
    /// use cn_budget::{Code, FunctionCode};
    /// let f = |s: &str| s.parse::<FunctionCode>();
    /// assert!(f("201")?.contains(f("2010601")?));
    /// assert!(f("2010601")?.contains(f("2010601")?));
    /// assert!(!f("2010601")?.contains(f("20106")?)); // a child does not contain its parent
    /// assert!(!f("20106")?.contains(f("2010701")?)); // another 款
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    fn contains(self, other: Self) -> bool {
        other == self || other.ancestors().any(|a| a == self)
    }
}

/// Iterator over the ancestors of a code, nearest first; see [`Code::ancestors`].
///
/// ```
/// use cn_budget::{Code, FunctionCode};
/// let item: FunctionCode = "2010601".parse()?;
/// let up: Vec<String> = item.ancestors().map(|c| c.to_string()).collect();
/// assert_eq!(up, ["20106", "201"]);
/// # Ok::<(), cn_budget::codes::ParseCodeError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Ancestors<C> {
    next: Option<C>,
}

impl<C: Code> Iterator for Ancestors<C> {
    type Item = C;
    fn next(&mut self) -> Option<C> {
        let current = self.next?;
        self.next = current.parent();
        Some(current)
    }
}

/// The sealed half of [`Code`]: the dense key layout the crate relies on. The trait is
/// public in a private module and its methods take a [`sealed::Token`] that only this crate
/// can make, so other crates can neither implement it nor read the layout, even through a
/// `C: Code` bound. Inside the crate, [`CodeKey`] gives the methods their plain form.
pub(super) mod sealed {
    /// Proof that the caller is this crate.
    #[derive(Clone, Copy, Debug)]
    pub struct Token(pub(in crate::codes) ());

    /// A code's place in the dense key space of its type.
    pub trait Sealed: Copy {
        /// The size of the dense key space: every valid code has a key below it.
        fn key_count(_: Token) -> usize;
        /// A small integer unique to this code, below the key space; codes sort by it the
        /// same way as by their text.
        fn key(self, _: Token) -> usize;
        /// Which independent hierarchy the code belongs to within its classification (0 for
        /// functional codes; 0 for 部门 and 1 for 政府 economic codes). Names are unique among
        /// siblings within one scope.
        fn hierarchy(self, _: Token) -> u8;
    }
}

/// The dense key layout of codes, for the crate's own indexes (crate-private).
pub(crate) trait CodeKey: Code {
    /// The size of the dense key space: every valid code has `dense_key() < key_space()`.
    fn key_space() -> usize {
        <Self as sealed::Sealed>::key_count(sealed::Token(()))
    }
    /// A small integer unique to this code, below [`CodeKey::key_space`]; codes sort by it
    /// the same way as by their text.
    fn dense_key(self) -> usize {
        sealed::Sealed::key(self, sealed::Token(()))
    }
    /// Which independent hierarchy the code belongs to (0 for functional codes; 0 for 部门
    /// and 1 for 政府 economic codes). Names are unique among siblings within one scope.
    fn scope(self) -> u8 {
        sealed::Sealed::hierarchy(self, sealed::Token(()))
    }
}

impl<C: Code> CodeKey for C {}

/// A code and the name printed after it, as returned by the lenient parsers
/// ([`FunctionCode::parse_lenient`], [`EconomicCode::parse_lenient`]).
///
/// ```
/// use cn_budget::FunctionCode;
/// let found = FunctionCode::parse_lenient("２０１ ０６ ０１　行政运行")?;
/// assert_eq!(found.code.to_string(), "2010601");
/// assert_eq!(found.name.as_deref(), Some("行政运行"));
/// # Ok::<(), cn_budget::codes::ParseCodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAndName<C> {
    /// The code.
    pub code: C,
    /// The text after the code, trimmed; `None` when nothing follows.
    pub name: Option<String>,
}

/// How one classification's codes are spelled.
struct Spec {
    kind: CodeKind,
    /// Digits of the longest code; keys are padded to this width.
    width: u32,
    /// Allowed lengths, e.g. "3, 5 or 7".
    expected_len: &'static str,
    /// Allowed first digits.
    first: &'static [u8],
    expected_first: &'static str,
    /// Smallest key, subtracted to form the dense key.
    key_base: u32,
    /// Every valid key lies in `key_base .. key_base + key_space`.
    key_space: u32,
}

const FUNCTIONAL: Spec = Spec {
    kind: CodeKind::Functional,
    width: 7,
    expected_len: "3, 5 or 7",
    first: b"2",
    expected_first: "2",
    key_base: 2_000_000,
    // 2xxxxxx: one leading digit.
    key_space: 1_000_000,
};

const ECONOMIC: Spec = Spec {
    kind: CodeKind::Economic,
    width: 5,
    expected_len: "3 or 5",
    first: b"35",
    expected_first: "3 (部门预算) or 5 (政府预算)",
    key_base: 30_000,
    // 3xxxx and 5xxxx (4xxxx is never valid but keeps the key arithmetic simple).
    key_space: 30_000,
};

impl Spec {
    /// Validates `digits` (ASCII digits only) and returns the padded key and the level.
    fn check(&self, input: &str, digits: &str) -> Result<(u32, Level), ParseCodeError> {
        let err_input = || input.to_owned();
        if digits.is_empty() {
            return Err(ParseCodeError::Empty {
                input: err_input(),
                kind: self.kind,
            });
        }
        let level = Level::from_digits(digits.len())
            .filter(|l| l.digits() <= self.width as usize)
            .ok_or_else(|| ParseCodeError::BadLength {
                input: err_input(),
                kind: self.kind,
                digits: digits.len(),
                expected: self.expected_len,
            })?;
        let bytes = digits.as_bytes();
        if !self.first.contains(&bytes[0]) {
            return Err(ParseCodeError::OutOfRange {
                input: err_input(),
                kind: self.kind,
                expected: self.expected_first,
            });
        }
        for (seg_level, range) in [
            (Level::Class, 1..3),
            (Level::Section, 3..5),
            (Level::Item, 5..7),
        ] {
            if range.end <= bytes.len() && &bytes[range] == b"00" {
                return Err(ParseCodeError::ZeroSegment {
                    input: err_input(),
                    kind: self.kind,
                    level: seg_level,
                });
            }
        }
        let value: u32 = digits.parse().expect("at most 7 ASCII digits");
        let key = value * 10u32.pow(self.width - digits.len() as u32);
        Ok((key, level))
    }

    /// Strict parse: ASCII digits, surrounding white space allowed.
    fn parse(&self, input: &str) -> Result<(u32, Level), ParseCodeError> {
        let t = input.trim();
        if let Some((pos, found)) = t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            let offset = input.len() - input.trim_start().len();
            return Err(ParseCodeError::InvalidCharacter {
                input: input.to_owned(),
                kind: self.kind,
                found,
                position: offset + pos,
            });
        }
        self.check(input, t)
    }

    /// Lenient parse of PDF text: full-width digits, inner spaces, a trailing name.
    fn parse_lenient<'a>(&self, input: &'a str) -> Result<(u32, Level, &'a str), ParseCodeError> {
        let (digits, rest) = split_code_prefix(input);
        let (key, level) = self.check(input, &digits)?;
        Ok((key, level, rest))
    }

    fn parse_value(&self, value: u32) -> Result<(u32, Level), ParseCodeError> {
        let text = value.to_string();
        self.check(&text, &text)
    }

    fn parent(&self, key: u32, level: Level) -> Option<(u32, Level)> {
        let parent = level.parent()?;
        let unit = 10u32.pow(self.width - parent.digits() as u32);
        Some((key / unit * unit, parent))
    }

    fn scope(&self, key: u32) -> u8 {
        // The scope is the first digit's position among the allowed first digits.
        let first = b'0' + (key / 10u32.pow(self.width - 1)) as u8;
        self.first.iter().position(|&d| d == first).unwrap_or(0) as u8
    }

    fn value(&self, key: u32, level: Level) -> u32 {
        key / 10u32.pow(self.width - level.digits() as u32)
    }
}

macro_rules! code_type {
    (
        $(#[$doc:meta])* $name:ident, $spec:ident,
        lenient: $lenient:literal => $code:literal, $printed:literal;
        bad: $bad:literal;
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name {
            // Field order matters: the derived Ord sorts by padded key, then level, which is
            // the order of the code text (201 < 20106 < 2010601 < 20107).
            key: u32,
            level: Level,
        }

        impl $name {
            /// Parses PDF-extracted text: full-width digits, white space inside the code
            /// (`"201 06 01"`, codes split over columns) and a name after the code.
            ///
            #[doc = concat!(
                "```\n",
                "use cn_budget::", stringify!($name), ";\n",
                "let found = ", stringify!($name), "::parse_lenient(\"", $lenient, "\")?;\n",
                "assert_eq!(found.code, \"", $code, "\".parse::<", stringify!($name), ">()?);\n",
                "assert_eq!(found.name.as_deref(), Some(\"", $printed, "\"));\n",
                "// Without a name after the code, `name` is `None`.\n",
                "assert_eq!(", stringify!($name), "::parse_lenient(\" ", $code, " \")?.name, None);\n",
                "// The digits must still form a valid code.\n",
                "assert!(", stringify!($name), "::parse_lenient(\"", $bad, "\").is_err());\n",
                "# Ok::<(), cn_budget::codes::ParseCodeError>(())\n",
                "```",
            )]
            pub fn parse_lenient(text: &str) -> Result<CodeAndName<Self>, ParseCodeError> {
                let (key, level, rest) = $spec.parse_lenient(text)?;
                Ok(CodeAndName {
                    code: $name { key, level },
                    name: (!rest.is_empty()).then(|| rest.to_owned()),
                })
            }

            /// The code as a number, as printed (`2010601`, `30101`).
            ///
            #[doc = concat!(
                "```\n",
                "use cn_budget::", stringify!($name), ";\n",
                "let code: ", stringify!($name), " = \"", $code, "\".parse()?;\n",
                "assert_eq!(code.value(), ", $code, ");\n",
                "assert_eq!(u32::from(code), code.value());\n",
                "assert_eq!(", stringify!($name), "::try_from(code.value())?, code);\n",
                "# Ok::<(), cn_budget::codes::ParseCodeError>(())\n",
                "```",
            )]
            pub fn value(self) -> u32 {
                $spec.value(self.key, self.level)
            }
        }

        impl sealed::Sealed for $name {
            fn key_count(_: sealed::Token) -> usize {
                $spec.key_space as usize
            }
            fn key(self, _: sealed::Token) -> usize {
                (self.key - $spec.key_base) as usize
            }
            fn hierarchy(self, _: sealed::Token) -> u8 {
                $spec.scope(self.key)
            }
        }

        impl Code for $name {
            fn level(self) -> Level {
                self.level
            }
            fn parent(self) -> Option<Self> {
                $spec
                    .parent(self.key, self.level)
                    .map(|(key, level)| $name { key, level })
            }
            fn as_u32(self) -> u32 {
                self.value()
            }
        }

        impl FromStr for $name {
            type Err = ParseCodeError;
            fn from_str(s: &str) -> Result<Self, ParseCodeError> {
                let (key, level) = $spec.parse(s)?;
                Ok($name { key, level })
            }
        }

        impl TryFrom<u32> for $name {
            type Error = ParseCodeError;
            fn try_from(value: u32) -> Result<Self, ParseCodeError> {
                let (key, level) = $spec.parse_value(value)?;
                Ok($name { key, level })
            }
        }

        impl From<$name> for u32 {
            fn from(code: $name) -> u32 {
                code.value()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.value(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.value())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::serde_text::from_str_or_number(
                    d,
                    concat!("a ", stringify!($name), " as a string of digits"),
                )
            }
        }
    };
}

code_type!(
    /// A 支出功能分类 (functional) code: a 类 (`201`), 款 (`20106`) or 项 (`2010601`).
    ///
    /// Parsing validates the structure (length, leading 2, no `00` segment) but not whether
    /// the code exists in an edition: ask a [`crate::Catalog`] for that. `Display` prints the
    /// plain digits, so `parse` and `to_string` round-trip. Codes order like their text.
    ///
    /// ```
    /// use cn_budget::{Code, FunctionCode, Level};
    /// let code: FunctionCode = "2010601".parse()?;
    /// assert_eq!(code.level(), Level::Item);
    /// assert_eq!(code.parent().unwrap().to_string(), "20106");
    /// assert_eq!(code.class().to_string(), "201");
    /// assert_eq!(code.to_string().parse::<FunctionCode>()?, code);
    /// let a: FunctionCode = "20106".parse()?;
    /// let b: FunctionCode = "202".parse()?;
    /// assert!(a < code && code < b);
    /// assert!("201060".parse::<FunctionCode>().is_err()); // truncated: 6 digits
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    FunctionCode,
    FUNCTIONAL,
    lenient: "２０１ ０６ ０１　行政运行" => "2010601", "行政运行";
    bad: "201 06 0 行政运行";
);

code_type!(
    /// A 支出经济分类 (economic) code: a 类 (`301`, `501`) or 款 (`30101`, `50101`), of the
    /// 部门预算 (3xx) or 政府预算 (5xx) scheme.
    ///
    /// ```
    /// use cn_budget::{Code, EconomicCode, EconomicScheme, Level};
    /// let code: EconomicCode = "30101".parse()?;
    /// assert_eq!(code.level(), Level::Section);
    /// assert_eq!(code.scheme(), EconomicScheme::Department);
    /// assert_eq!(code.parent().unwrap().to_string(), "301");
    /// assert!("3010".parse::<EconomicCode>().is_err());
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    EconomicCode,
    ECONOMIC,
    lenient: "３０１ ０１　基本工资" => "30101", "基本工资";
    bad: "3010 基本工资";
);

/// The two economic classifications.
///
/// ```
/// use cn_budget::EconomicScheme;
/// assert_eq!(EconomicScheme::Government.name(), "政府预算支出经济分类");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum EconomicScheme {
    /// 部门预算支出经济分类 (codes 301 … 399), used in department budgets and 公开06表.
    Department,
    /// 政府预算支出经济分类 (codes 501 … 599), used in government budgets.
    Government,
}

impl EconomicScheme {
    /// The official Chinese name of the scheme.
    ///
    /// ```
    /// assert_eq!(cn_budget::EconomicScheme::Department.name(), "部门预算支出经济分类");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            EconomicScheme::Department => "部门预算支出经济分类",
            EconomicScheme::Government => "政府预算支出经济分类",
        }
    }
}

impl EconomicCode {
    /// Which economic classification the code belongs to, from its first digit.
    ///
    /// ```
    /// use cn_budget::{EconomicCode, EconomicScheme};
    /// let code: EconomicCode = "50101".parse()?;
    /// assert_eq!(code.scheme(), EconomicScheme::Government);
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    pub fn scheme(self) -> EconomicScheme {
        if self.key < 50_000 {
            EconomicScheme::Department
        } else {
            EconomicScheme::Government
        }
    }
}

/// The dense key layout, which is crate-private: keys stay below the key space, sort like the
/// codes, and scopes split the economic schemes. (These were property tests in
/// `tests/codes.rs` while the layout was public; the assertions are the same.)
#[cfg(all(test, feature = "proptest"))]
mod key_tests {
    use super::CodeKey;
    use crate::strategies::{economic_code, function_code, item_code};
    use crate::{Code, EconomicCode, FunctionCode};
    use proptest::prelude::*;

    fn config() -> ProptestConfig {
        ProptestConfig {
            failure_persistence: None,
            ..ProptestConfig::with_cases(256)
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn keys_are_below_the_key_space(code in function_code(), econ in economic_code()) {
            prop_assert!(code.dense_key() < FunctionCode::key_space());
            prop_assert!(econ.dense_key() < EconomicCode::key_space());
        }

        #[test]
        fn function_keys_order_like_the_codes(a in function_code(), b in function_code(), c in item_code()) {
            for (x, y) in [(a, b), (a, c), (c, b)] {
                prop_assert_eq!(x.dense_key().cmp(&y.dense_key()), x.cmp(&y), "{} vs {}", x, y);
            }
        }

        #[test]
        fn economic_keys_order_like_the_codes(a in economic_code(), b in economic_code()) {
            prop_assert_eq!(a.dense_key().cmp(&b.dense_key()), a.cmp(&b), "{} vs {}", a, b);
            prop_assert_eq!(a.scope() == b.scope(), a.scheme() == b.scheme());
        }
    }

    /// The examples the public docs showed while the layout was public.
    #[test]
    fn documented_keys_and_scopes() {
        let f = |s: &str| s.parse::<FunctionCode>().unwrap();
        let e = |s: &str| s.parse::<EconomicCode>().unwrap();
        assert!(f("2999999").dense_key() < FunctionCode::key_space());
        assert!(e("59999").dense_key() < EconomicCode::key_space());
        let codes = [f("201"), f("2010601"), f("20106"), f("20107")];
        let mut by_key = codes;
        by_key.sort_by_key(|c| c.dense_key());
        let text: Vec<String> = by_key.iter().map(|c| c.to_string()).collect();
        assert_eq!(text, ["201", "20106", "2010601", "20107"]);
        assert_ne!(codes[0].dense_key(), codes[2].dense_key());
        assert_eq!(f("2010601").scope(), 0);
        assert_eq!(e("30101").scope(), 0); // 部门预算
        assert_eq!(e("50101").scope(), 1); // 政府预算
        assert_eq!(f("2010601").level(), crate::Level::Item);
    }
}
