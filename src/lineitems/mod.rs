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
//! - `csv` (feature `csv`, on by default): streams CSV text in batches of 64 Ki rows
//!   ([`DEFAULT_BATCH_ROWS`]), parsing amounts exactly at the declared scale; UTF-8 or
//!   GB18030 (GBK) text, recognised from the header row or named ([`csv::Encoding`]).
//! - `arrow` (feature `arrow`): reads record batches without copying their buffers, returns
//!   results as record batches and writes [`Totals`] as Arrow IPC.
//! - `parquet` (feature `parquet`): reads the spec's columns of a Parquet file in record
//!   batches through the same checks.
//!
//! Every reader adds batch by batch into one dense accumulation (per functional code, or per
//! functional × economic pair, the row count and the exact sums) that becomes [`Totals`] —
//! the columnar core's mergeable partials ([`crate::tree::PartialRollup`],
//! [`crate::tree::PartialCrosstab`]) — once, after the last batch. So memory depends on the
//! number of distinct codes, not of rows; totals of any split of the
//! rows merge into the totals of the whole, and [`Totals::rollup`] / [`Totals::crosstab`]
//! finish them into exact 类/款/项 results with `Decimal`s.
//!
//! ```
//! # #[cfg(feature = "csv")] {
//! use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
//! use cn_budget::{Catalog, EconomicScheme};
//! use rust_decimal_macros::dec;
//! let text = "exp_func_code,exp_func_name,dep_bgt_eco_code,pay_amt\n\
//!             2010601,行政运行,30101,1887.52\n\
//!             2010602,一般行政管理事务,30201,343.26\n";
//! let spec = ColumnSpec::default()
//!     .economic(EconomicScheme::Department)
//!     .edition(Catalog::edition(2024).unwrap());
//! let totals = rollup_csv(text.as_bytes(), &spec, 1).unwrap();
//! let (functions, economics) = (totals.tree(), totals.economic_tree());
//! let rollup = totals.rollup(&functions).unwrap();
//! assert_eq!(rollup.get("20106".parse().unwrap()), Some(&[dec!(2230.78)][..]));
//! let table = totals.crosstab(0, &functions, &economics).unwrap().unwrap();
//! assert_eq!(table.get("201".parse().unwrap(), "302".parse().unwrap()), Some(dec!(343.26)));
//! # }
//! ```

#[cfg(feature = "csv")]
mod amount;
#[cfg(feature = "arrow")]
pub mod arrow;
mod codes;
#[cfg(feature = "csv")]
pub mod csv;
#[cfg(feature = "csv")]
mod encoding;
mod error;
mod items;
#[cfg(feature = "parquet")]
pub mod parquet;
mod spec;
mod totals;

pub use error::{LineItemError, Row};
pub use items::LineItems;
pub use spec::{
    ColumnSpec, DEFAULT_SCALE, DEPARTMENT_ECONOMIC_COLUMN, FUNCTIONAL_COLUMN,
    GOVERNMENT_ECONOMIC_COLUMN, MAX_SCALE,
};
pub use totals::Totals;

/// Rows per batch of the CSV and Parquet readers: 64 Ki rows, about 1.3 MB for a code and
/// two amount columns, whatever the size of the file.
pub const DEFAULT_BATCH_ROWS: usize = 1 << 16;
