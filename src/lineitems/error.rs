//! Why line items could not be read: one error, naming the column and the row.

use std::fmt;

/// Where a bad value sits: a line of a text file, or a row of a columnar input.
///
/// ```
/// use cn_budget::lineitems::Row;
/// assert_eq!(Row::Line(12).to_string(), "line 12");
/// assert_eq!(Row::Index(11).to_string(), "row 11");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Row {
    /// The 1-based line of a CSV file (the header is line 1).
    Line(u64),
    /// The 0-based row of a columnar input, counted from its first row (across all the
    /// record batches of a Parquet file or an Arrow stream).
    Index(u64),
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Row::Line(n) => write!(f, "line {n}"),
            Row::Index(n) => write!(f, "row {n}"),
        }
    }
}

/// Line items could not be read or rolled up. Every variant about a value names the column
/// and the [`Row`]; nothing is skipped silently.
///
/// ```
/// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec, LineItemError, Row};
/// let text = "exp_func_code,pay_amt\n2010601,1.5\n2010602,0.125\n";
/// let err = rollup_csv(text.as_bytes(), &ColumnSpec::default(), 1).unwrap_err();
/// assert_eq!(
///     err,
///     LineItemError::TooManyDecimals { column: "pay_amt".into(), row: Row::Line(3), value: "0.125".into(), scale: 2 }
/// );
/// assert_eq!(err.to_string(), "pay_amt, line 3: \"0.125\" has more than 2 decimals");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LineItemError {
    /// A column the spec names is not in the input.
    #[error("no column {column:?} (columns: {})", found.join(", "))]
    MissingColumn {
        /// The column asked for.
        column: String,
        /// The columns the input has.
        found: Vec<String>,
    },
    /// No amount columns were named and none is named `amt` or `…_amt`.
    #[error("no amount columns: name them (columns: {})", found.join(", "))]
    NoAmountColumns {
        /// The columns the input has.
        found: Vec<String>,
    },
    /// The declared scale is above [`super::MAX_SCALE`].
    #[error("a scale of {scale} decimals is more than an i64 amount can hold")]
    ScaleTooLarge {
        /// The declared scale.
        scale: u32,
    },
    /// A column has a type that cannot hold what it should.
    #[error("column {column:?} is {found}, expected {expected}")]
    WrongType {
        /// The column.
        column: String,
        /// Its type, as the input names it.
        found: String,
        /// The types accepted.
        expected: &'static str,
    },
    /// A code cell is empty or null.
    #[error("{column}, {row}: no code")]
    MissingCode {
        /// The column.
        column: String,
        /// Where.
        row: Row,
    },
    /// A code cell holds no valid code of its classification.
    #[error("{column}, {row}: {reason}")]
    BadCode {
        /// The column.
        column: String,
        /// Where.
        row: Row,
        /// The cell as read.
        value: String,
        /// Why it is not a code (the parser's message).
        reason: String,
    },
    /// An economic code of the other scheme (a 政府 code in a 部门 column, or the reverse).
    #[error("{column}, {row}: {code} is not a code of the {scheme}")]
    WrongScheme {
        /// The column.
        column: String,
        /// Where.
        row: Row,
        /// The code.
        code: String,
        /// The scheme the column was declared to hold (its Chinese name).
        scheme: &'static str,
    },
    /// A valid code that the edition the spec checks against does not list.
    #[error("{column}, {row}: {code} is not in the {edition} edition")]
    NotInEdition {
        /// The column.
        column: String,
        /// Where.
        row: Row,
        /// The code.
        code: String,
        /// The edition's label.
        edition: String,
    },
    /// An amount cell is empty or null (a blank is not 0).
    #[error("{column}, {row}: no amount")]
    MissingAmount {
        /// The column.
        column: String,
        /// Where.
        row: Row,
    },
    /// An amount cell is not a plain decimal number (digits, one optional sign and point).
    #[error("{column}, {row}: {value:?} is not a decimal amount")]
    BadAmount {
        /// The column.
        column: String,
        /// Where.
        row: Row,
        /// The cell as read.
        value: String,
    },
    /// An amount has more significant decimals than the declared scale.
    #[error("{column}, {row}: {value:?} has more than {scale} decimals")]
    TooManyDecimals {
        /// The column.
        column: String,
        /// Where.
        row: Row,
        /// The cell as read.
        value: String,
        /// The declared scale.
        scale: u32,
    },
    /// An amount does not fit 64 bits at the declared scale.
    #[error("{column}, {row}: {value:?} is too large at {scale} decimals")]
    AmountTooLarge {
        /// The column.
        column: String,
        /// Where.
        row: Row,
        /// The cell as read.
        value: String,
        /// The declared scale.
        scale: u32,
    },
    /// The text is not well-formed CSV (a record with another number of fields, invalid
    /// UTF-8) or could not be read.
    #[error("CSV{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Csv {
        /// The 1-based line, when known.
        line: Option<u64>,
        /// The reader's message.
        message: String,
    },
    /// An Arrow IPC stream or a Parquet file could not be read or written.
    #[error("{format}: {message}")]
    Format {
        /// `"Arrow IPC"` or `"Parquet"`.
        format: &'static str,
        /// The library's message.
        message: String,
    },
    /// Totals of other amount columns or another economic scheme cannot be merged.
    #[error("cannot merge totals of {found} into totals of {expected}")]
    Mismatch {
        /// What the totals merged into hold.
        expected: String,
        /// What the other totals hold.
        found: String,
    },
    /// The rollup itself failed (a sum beyond the accumulators).
    #[error(transparent)]
    Rollup(#[from] crate::tree::RollupError),
}
