use crate::codes::ParseCodeError;
use crate::Level;

/// A catalog file could not be loaded. Every variant names the line (1-based, counting the
/// header as line 1) and the offending input.
///
/// ```
/// use cn_budget::catalog::{Catalog, LoadError};
/// let bad = "code\tname\tlevel\tparent\tbudget\tflags\n2010601\t行政运行\t项\t20106\t\t\n";
/// let err = Catalog::from_tsv("test", bad, "", "").unwrap_err();
/// assert!(matches!(err, LoadError::MissingParent { line: 2, .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The header line is not the expected one.
    #[error("{file}: header {found:?}, expected {expected:?}")]
    Header {
        /// Which file (functional, economic or mapping).
        file: &'static str,
        /// The header found.
        found: String,
        /// The header expected.
        expected: &'static str,
    },
    /// A line has the wrong number of fields.
    #[error("{file} line {line}: {found} fields, expected {expected}")]
    FieldCount {
        /// Which file.
        file: &'static str,
        /// The line number.
        line: usize,
        /// Fields found.
        found: usize,
        /// Fields expected.
        expected: usize,
    },
    /// A code field does not parse.
    #[error("{file} line {line}: {source}")]
    Code {
        /// Which file.
        file: &'static str,
        /// The line number.
        line: usize,
        /// The parse error, which carries the input.
        source: ParseCodeError,
    },
    /// A field holds a value outside its vocabulary (level, budget, unit type, flag).
    #[error("{file} line {line}: field {field} has unexpected value {value:?}")]
    Field {
        /// Which file.
        file: &'static str,
        /// The line number.
        line: usize,
        /// The field's column name.
        field: &'static str,
        /// The value found.
        value: String,
    },
    /// The level column disagrees with the code's length, or the parent column with the code.
    #[error("{file} line {line}: code {code} does not fit level {level} / parent {parent:?}")]
    Inconsistent {
        /// Which file.
        file: &'static str,
        /// The line number.
        line: usize,
        /// The code.
        code: String,
        /// The level column.
        level: Level,
        /// The parent column.
        parent: String,
    },
    /// The same code appears twice.
    #[error("{file} line {line}: duplicate code {code}")]
    DuplicateCode {
        /// Which file.
        file: &'static str,
        /// The line number of the second occurrence.
        line: usize,
        /// The code.
        code: String,
    },
    /// A code's parent does not appear before it.
    #[error("{file} line {line}: parent {parent} of {code} is not listed before it")]
    MissingParent {
        /// Which file.
        file: &'static str,
        /// The line number.
        line: usize,
        /// The code.
        code: String,
        /// The missing parent.
        parent: String,
    },
    /// Two children of one parent share a name, so names could not resolve to one code.
    #[error("{file} line {line}: name {name:?} of {code} repeats a sibling's name")]
    DuplicateSiblingName {
        /// Which file.
        file: &'static str,
        /// The line number.
        line: usize,
        /// The code.
        code: String,
        /// The repeated name.
        name: String,
    },
    /// The file has more lines than a catalog may ([`MAX_CATALOG_LINES`](super::MAX_CATALOG_LINES)).
    #[error("{file}: more than {max} lines")]
    TooManyLines {
        /// Which file.
        file: &'static str,
        /// The bound.
        max: usize,
    },
    /// A line is longer than a catalog line may be
    /// ([`MAX_CATALOG_LINE_BYTES`](super::MAX_CATALOG_LINE_BYTES)).
    #[error("{file} line {line}: {bytes} bytes, over the limit of {max}")]
    LineTooLong {
        /// Which file.
        file: &'static str,
        /// The line number.
        line: usize,
        /// The line's length in bytes.
        bytes: usize,
        /// The bound.
        max: usize,
    },
    /// A mapping row names a code the economic list does not hold.
    #[error("mapping line {line}: code {code} is not in the economic list")]
    UnknownMappedCode {
        /// The line number.
        line: usize,
        /// The code.
        code: String,
    },
}

/// An edition is not embedded in the crate.
///
/// ```
/// use cn_budget::catalog::EditionError;
/// let err = cn_budget::Catalog::edition(1999).unwrap_err();
/// assert_eq!(err.to_string(), "no embedded catalog for edition 1999 (embedded: 2024, 2025)");
/// assert_eq!(err, EditionError::Unknown { year: 1999, available: cn_budget::Catalog::EDITIONS });
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditionError {
    /// No catalog for this year is embedded.
    #[error(
        "no embedded catalog for edition {year} (embedded: {})",
        years(available)
    )]
    Unknown {
        /// The year asked for.
        year: u16,
        /// The embedded years ([`super::EDITIONS`]).
        available: &'static [u16],
    },
    /// The embedded data failed to load (a bug in the crate's data; the tests prevent it).
    #[error("embedded catalog {year} is broken: {source}")]
    Broken {
        /// The year.
        year: u16,
        /// What failed.
        source: LoadError,
    },
}

/// `2024, 2025`.
fn years(years: &[u16]) -> String {
    let years: Vec<String> = years.iter().map(u16::to_string).collect();
    years.join(", ")
}

/// A name path could not be resolved to a code.
///
/// ```
/// use cn_budget::catalog::ResolveError;
/// let catalog = cn_budget::Catalog::edition(2024)?;
/// let err = catalog.resolve_path("一般公共服务支出（类）财政事务（款）不存在（项）").unwrap_err();
/// assert!(matches!(err, ResolveError::NotFound { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// The text holds no names.
    #[error("no names in {input:?}")]
    Empty {
        /// The text.
        input: String,
    },
    /// More than three names.
    #[error("{input:?} has {count} names; a path has at most 3 (类/款/项)")]
    TooDeep {
        /// The text.
        input: String,
        /// How many names were found.
        count: usize,
    },
    /// No code of that name at that level (under that parent).
    #[error("no {level} named {name:?}{}", under.as_ref().map(|u| format!(" under {u}")).unwrap_or_default())]
    NotFound {
        /// The name looked for.
        name: String,
        /// The level looked at.
        level: Level,
        /// The parent code it was looked for under, if any.
        under: Option<String>,
    },
    /// A printed level marker disagrees with the position of the name.
    #[error("{name:?} is marked （{printed}） but stands at the {expected} position")]
    WrongMarker {
        /// The name.
        name: String,
        /// The marker printed after it.
        printed: Level,
        /// The level its position implies.
        expected: Level,
    },
}
