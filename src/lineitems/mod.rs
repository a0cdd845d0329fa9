//! Line items from files and columnar data: CSV, Arrow record batches and Parquet, rolled up
//! exactly in constant memory.
//!
//! A 预算管理一体化 export holds one row per line item: a functional code (`exp_func_code`),
//! often an economic code (`dep_bgt_eco_code` or `gov_bgt_eco_code`) and amount columns. A
//! [`ColumnSpec`] says which columns to read (those names by default) and the scale of the
//! amounts; the readers fill [`LineItems`] batches (codes as the integers of their digits,
//! amounts as `i64` fixed point), checking every cell: a code that is not a valid code of its
//! classification (or not in the edition the spec names), an economic code of the other
//! scheme, a missing amount or one with more decimals than declared is a [`LineItemError`]
//! naming the column and the [`Row`] — never skipped, never rounded.
//!
//! - [`csv`] (feature `csv`, on by default): streams CSV text in batches of 64 Ki rows.

#[cfg(feature = "csv")]
mod amount;
#[cfg(feature = "arrow")]
pub mod arrow;
mod codes;
#[cfg(feature = "csv")]
pub mod csv;
mod error;
mod items;
#[cfg(feature = "parquet")]
pub mod parquet;
mod spec;
mod totals;

pub use error::{LineItemError, Row};
pub use items::LineItems;
pub use totals::Totals;
pub use spec::{
    ColumnSpec, DEFAULT_SCALE, DEPARTMENT_ECONOMIC_COLUMN, FUNCTIONAL_COLUMN,
    GOVERNMENT_ECONOMIC_COLUMN, MAX_SCALE,
};

/// Rows per batch of the CSV and Parquet readers: 64 Ki rows, about 1.3 MB for a code and
/// two amount columns, whatever the size of the file.
pub const DEFAULT_BATCH_ROWS: usize = 1 << 16;
