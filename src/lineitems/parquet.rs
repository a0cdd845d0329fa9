//! Line items from Parquet files, read in record batches through the Arrow reader (feature
//! `parquet`).
//!
//! Only the columns the [`ColumnSpec`] names are decoded (a projection), 64 Ki rows at a time,
//! and each batch goes through the same checks as [`super::arrow`]: an error names the column
//! and the row of the file. The files may be uncompressed or Snappy-compressed; enable the
//! `parquet` crate's `zstd`, `lz4`, `brotli` or `flate2` features in your own `Cargo.toml`
//! for the other codecs.

use super::arrow::{ArrowLineItems, ArrowReader};
use super::{ColumnSpec, LineItemError, Totals, DEFAULT_BATCH_ROWS};
use arrow_array::RecordBatch;
use arrow_schema::ArrowError;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ProjectionMask;
use parquet::file::reader::ChunkReader;

/// Calls `each` with the line items of every record batch of a Parquet file, in order.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{Decimal128Array, RecordBatch, UInt32Array};
/// use cn_budget::lineitems::{parquet::for_each_batch, ColumnSpec};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let batch = RecordBatch::try_from_iter([
///     ("exp_func_code", Arc::new(UInt32Array::from(vec![2010601, 2080505])) as _),
///     ("pay_amt", Arc::new(Decimal128Array::from(vec![188752, 50]).with_precision_and_scale(18, 2)?) as _),
/// ])?;
/// let mut file = Vec::new();
/// let mut writer = parquet::arrow::ArrowWriter::try_new(&mut file, batch.schema(), None)?;
/// writer.write(&batch)?;
/// writer.close()?;
///
/// let mut rows = 0;
/// for_each_batch(bytes::Bytes::from(file), &ColumnSpec::default(), |items| {
///     rows += items.functional().len();
///     Ok(())
/// })?;
/// assert_eq!(rows, 2);
/// # Ok(()) }
/// ```
pub fn for_each_batch<R, F>(
    file: R,
    spec: &ColumnSpec<'_>,
    mut each: F,
) -> Result<(), LineItemError>
where
    R: ChunkReader + 'static,
    F: FnMut(ArrowLineItems<'_>) -> Result<(), LineItemError>,
{
    let (mut reader, batches) = open(file, spec)?;
    for batch in batches {
        each(reader.read(&batch.map_err(arrow_error)?)?)?;
    }
    Ok(())
}

/// Rolls the line items of a Parquet file up into [`Totals`], batch by batch: on 2 or more
/// `threads`, one thread decodes the next batch while another checks and sums the last.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{Int64Array, RecordBatch, StringArray};
/// use cn_budget::lineitems::{parquet::rollup_parquet, ColumnSpec};
/// use rust_decimal_macros::dec;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let batch = RecordBatch::try_from_iter([
///     ("exp_func_code", Arc::new(StringArray::from(vec!["2010601", "2010602"])) as _),
///     ("pay_amt", Arc::new(Int64Array::from(vec![188752, 34326])) as _),
/// ])?;
/// let mut file = Vec::new();
/// let mut writer = parquet::arrow::ArrowWriter::try_new(&mut file, batch.schema(), None)?;
/// writer.write(&batch)?;
/// writer.close()?;
/// let totals = rollup_parquet(bytes::Bytes::from(file), &ColumnSpec::default().scale(2), 1)?;
/// let tree = totals.tree();
/// assert_eq!(totals.rollup(&tree)?.grand_total(), &[dec!(2230.78)][..]);
/// # Ok(()) }
/// ```
pub fn rollup_parquet<R: ChunkReader + 'static>(
    file: R,
    spec: &ColumnSpec<'_>,
    threads: usize,
) -> Result<Totals, LineItemError> {
    let (mut reader, batches) = open(file, spec)?;
    let mut totals = reader.accumulator(spec, threads)?;
    let mut add = |batch: Result<RecordBatch, ArrowError>| -> Result<(), LineItemError> {
        let batch = batch.map_err(arrow_error)?;
        let items = reader.read(&batch)?;
        totals.add(items.functional(), items.economic(), items.amounts())
    };
    if threads < 2 {
        batches.into_iter().try_for_each(add)?;
        return totals.finish();
    }
    // Two batches in flight: one thread decodes the next batch while this one checks and
    // sums the last.
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::scope(|scope| {
        let decoder = scope.spawn(move || {
            for batch in batches {
                if tx.send(batch).is_err() {
                    return; // the summing side stopped on an error
                }
            }
        });
        let summed = rx.iter().try_for_each(&mut add);
        drop(rx);
        if let Err(panic) = decoder.join() {
            std::panic::resume_unwind(panic);
        }
        summed
    })?;
    totals.finish()
}

/// The checking reader and the record batches of the spec's columns.
fn open<R: ChunkReader + 'static>(
    file: R,
    spec: &ColumnSpec<'_>,
) -> Result<(ArrowReader, ParquetRecordBatchReader), LineItemError> {
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(parquet_error)?;
    let schema = builder.schema().clone();
    let reader = ArrowReader::new(&schema, spec)?;
    let wanted: Vec<usize> = reader
        .columns()
        .filter_map(|name| schema.index_of(name).ok())
        .collect();
    let mask = ProjectionMask::roots(builder.parquet_schema(), wanted);
    let batches = builder
        .with_projection(mask)
        .with_batch_size(DEFAULT_BATCH_ROWS)
        .build()
        .map_err(parquet_error)?;
    Ok((reader, batches))
}

fn arrow_error(e: arrow_schema::ArrowError) -> LineItemError {
    LineItemError::Format {
        format: "Parquet",
        message: e.to_string(),
    }
}

fn parquet_error(e: parquet::errors::ParquetError) -> LineItemError {
    LineItemError::Format {
        format: "Parquet",
        message: e.to_string(),
    }
}
