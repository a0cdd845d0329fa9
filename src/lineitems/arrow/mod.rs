//! Arrow interop (feature `arrow`): line items straight from [`RecordBatch`]es, results as
//! record batches, and [`Totals`] as Arrow IPC streams for map-reduce engines.
//!
//! Codes may be `Utf8`, `LargeUtf8`, `Utf8View`, `Int32`, `UInt32` or `Int64` (the digits of
//! the code read as an integer); amounts `Decimal128` or `Decimal64` (their own scale) or
//! `Int64` (at the spec's declared scale). `UInt32` codes and every amount column are read
//! from the batch's buffers without copying. A null code or amount, a column of another type,
//! a code that is not a valid code (or not in the spec's edition) is an error naming the
//! column and the row; nothing is skipped.
//!
//! ```
//! use std::sync::Arc;
//! use arrow_array::{Decimal128Array, RecordBatch, StringArray};
//! use cn_budget::lineitems::{arrow::{rollup_record_batches, rollup_to_record_batch}, ColumnSpec};
//! use cn_budget::Catalog;
//! let batch = RecordBatch::try_from_iter([
//!     ("exp_func_code", Arc::new(StringArray::from(vec!["2010601", "2010602", "2080505"])) as _),
//!     ("pay_amt", Arc::new(Decimal128Array::from(vec![188752, 34326, 8376]).with_precision_and_scale(18, 2)?) as _),
//! ])?;
//! let totals = rollup_record_batches([&batch], &ColumnSpec::default(), 2)?;
//! let tree = totals.tree();
//! let result = rollup_to_record_batch(&totals.rollup(&tree)?, totals.columns(), Some(Catalog::edition(2024)?.functional()))?;
//! assert_eq!(result.num_rows(), 7); // 201, 20106, 2 项, 208, 20805, 1 项
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod input;
mod ipc;
mod output;

pub use input::{ArrowLineItems, ArrowReader};
pub use output::{rollup_to_record_batch, RESULT_PRECISION};

use super::{ColumnSpec, LineItemError, Totals};
use arrow_array::RecordBatch;

/// Rolls the line items of record batches (of one schema, e.g. a stream) up into
/// [`Totals`], on up to `threads` threads per batch. Rows are counted across the batches, so
/// an error names the row of the whole input.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{Int64Array, RecordBatch, UInt32Array};
/// use cn_budget::lineitems::{arrow::rollup_record_batches, ColumnSpec, LineItemError, Row};
/// let batch = |codes: Vec<u32>| RecordBatch::try_from_iter([
///     ("exp_func_code", Arc::new(UInt32Array::from(codes)) as _),
///     ("amt", Arc::new(Int64Array::from(vec![100, 200])) as _),
/// ]);
/// let (a, b) = (batch(vec![2010601, 2010602])?, batch(vec![2010601, 2010600])?);
/// let totals = rollup_record_batches([&a, &a], &ColumnSpec::default(), 1)?;
/// assert_eq!(totals.rows(), 4);
/// let err = rollup_record_batches([&a, &b], &ColumnSpec::default(), 1).unwrap_err();
/// // 2010600 has a 00 项 segment: the fourth row of the input.
/// assert!(matches!(err, LineItemError::BadCode { row: Row::Index(3), .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rollup_record_batches<'b>(
    batches: impl IntoIterator<Item = &'b RecordBatch>,
    spec: &ColumnSpec<'_>,
    threads: usize,
) -> Result<Totals, LineItemError> {
    let mut batches = batches.into_iter().peekable();
    let Some(first) = batches.peek() else {
        return Err(LineItemError::Format {
            format: "Arrow",
            message: "no record batch".into(),
        });
    };
    let mut reader = ArrowReader::new(&first.schema(), spec)?;
    let mut totals = reader.accumulator(spec, threads)?;
    for batch in batches {
        let items = reader.read(batch)?;
        totals.add(items.functional(), items.economic(), items.amounts())?;
    }
    totals.finish()
}
