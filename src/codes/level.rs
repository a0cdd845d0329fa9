//! The three levels of a classification: 类, 款 and 项.

use std::fmt;

/// A level of the classification hierarchy.
///
/// Functional codes use all three levels (3, 5 and 7 digits); economic codes use 类 and 款
/// (3 and 5 digits). Levels are ordered from the top: `Class < Section < Item`.
///
/// ```
/// use cn_budget::Level;
/// assert_eq!(Level::Section.name(), "款");
/// assert_eq!(Level::from_digits(7), Some(Level::Item));
/// assert_eq!(Level::Item.to_string(), "项");
/// assert!(Level::Class < Level::Item);
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter, strum::FromRepr,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[repr(u8)]
pub enum Level {
    /// 类: the first level, three digits (`201`).
    #[cfg_attr(feature = "serde", serde(rename = "类"))]
    Class = 1,
    /// 款: the second level, five digits (`20106`).
    #[cfg_attr(feature = "serde", serde(rename = "款"))]
    Section = 2,
    /// 项: the third level, seven digits (`2010601`); functional codes only.
    #[cfg_attr(feature = "serde", serde(rename = "项"))]
    Item = 3,
}

impl Level {
    /// The Chinese name of the level: 类, 款 or 项.
    ///
    /// ```
    /// assert_eq!(cn_budget::Level::Class.name(), "类");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Level::Class => "类",
            Level::Section => "款",
            Level::Item => "项",
        }
    }

    /// The number of digits of a code at this level (3, 5 or 7).
    ///
    /// ```
    /// assert_eq!(cn_budget::Level::Item.digits(), 7);
    /// ```
    pub const fn digits(self) -> usize {
        match self {
            Level::Class => 3,
            Level::Section => 5,
            Level::Item => 7,
        }
    }

    /// The level whose codes have `digits` digits, if any.
    ///
    /// ```
    /// use cn_budget::Level;
    /// assert_eq!(Level::from_digits(5), Some(Level::Section));
    /// assert_eq!(Level::from_digits(6), None);
    /// ```
    pub const fn from_digits(digits: usize) -> Option<Level> {
        match digits {
            3 => Some(Level::Class),
            5 => Some(Level::Section),
            7 => Some(Level::Item),
            _ => None,
        }
    }

    /// Parses a level from its Chinese name (类, 款, 项), tolerating the full-width brackets
    /// and spaces of printed markers such as `（项）`.
    ///
    /// ```
    /// use cn_budget::Level;
    /// assert_eq!(Level::from_name("（款）"), Some(Level::Section));
    /// assert_eq!(Level::from_name("级"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Level> {
        let inner = name
            .trim()
            .trim_matches(|c| matches!(c, '(' | ')' | '（' | '）' | ' ' | '\u{3000}'));
        match inner {
            "类" => Some(Level::Class),
            "款" => Some(Level::Section),
            "项" => Some(Level::Item),
            _ => None,
        }
    }

    /// The level above this one, if any.
    ///
    /// ```
    /// use cn_budget::Level;
    /// assert_eq!(Level::Item.parent(), Some(Level::Section));
    /// assert_eq!(Level::Class.parent(), None);
    /// ```
    pub const fn parent(self) -> Option<Level> {
        match self {
            Level::Class => None,
            Level::Section => Some(Level::Class),
            Level::Item => Some(Level::Section),
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
