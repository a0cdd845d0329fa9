//! Line items from CSV text, streamed in batches of constant memory (feature `csv`).
//!
//! The header row names the columns (a UTF-8 byte-order mark, as spreadsheet programs write,
//! is ignored). Text in GB18030 (GBK), as Excel saves "CSV" on Chinese Windows, is decoded
//! as it streams: see [`Encoding`] for how it is recognised. Codes and amounts are read from the raw bytes of each record, which one
//! reused buffer holds; amounts are parsed exactly at the spec's declared scale. The first
//! bad cell stops the read with an error naming its line and column.
//!
//! ```
//! use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
//! let text = "exp_func_code,exp_func_name,pay_amt\n\
//!             2010601,行政运行,1887.52\n\
//!             2010602,一般行政管理事务,343.26\n";
//! let rollup = rollup_csv(text.as_bytes(), &ColumnSpec::default(), 1)?;
//! # let _ = rollup;
//! # Ok::<(), cn_budget::lineitems::LineItemError>(())
//! ```

use super::amount::{parse_fixed, AmountProblem};
use super::codes::CodeCheck;
pub use super::encoding::Encoding;
use super::encoding::Source;
use super::spec::Resolved;
use super::totals::Accumulator;
use super::{ColumnSpec, LineItemError, LineItems, Row, Totals, DEFAULT_BATCH_ROWS};
use crate::{EconomicCode, FunctionCode};
use std::io::Read;

/// Rolls CSV line items up into [`Totals`], batch by batch, in constant memory: one batch
/// is parsed while the previous one is summed when `threads` is 2 or more.
///
/// ```
/// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
/// use rust_decimal_macros::dec;
/// let text = "exp_func_code,bgt_amt,pay_amt\n2010601,2000.00,1887.52\n2010602,400,343.26\n";
/// let totals = rollup_csv(text.as_bytes(), &ColumnSpec::default(), 2)?;
/// let tree = totals.tree();
/// let rollup = totals.rollup(&tree)?;
/// assert_eq!(rollup.get("201".parse()?), Some(&[dec!(2400.00), dec!(2230.78)][..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rollup_csv<R: Read + Send>(
    reader: R,
    spec: &ColumnSpec<'_>,
    threads: usize,
) -> Result<Totals, LineItemError> {
    CsvLineItems::new(reader, spec)?.rollup(threads)
}

/// A streaming reader of line items from CSV text.
///
/// ```
/// use cn_budget::lineitems::{csv::CsvLineItems, ColumnSpec, LineItems};
/// let text = "exp_func_code\tpay_amt\n2010601\t1.00\n2010602\t2.00\n2080505\t3.00\n";
/// let mut reader = CsvLineItems::with_delimiter(text.as_bytes(), &ColumnSpec::default(), b'\t')?
///     .batch_rows(2);
/// let mut batch = LineItems::default();
/// let mut sizes = Vec::new();
/// while reader.next_batch(&mut batch)? {
///     sizes.push(batch.len());
/// }
/// assert_eq!(sizes, [2, 1]);
/// # Ok::<(), cn_budget::lineitems::LineItemError>(())
/// ```
#[derive(Debug)]
pub struct CsvLineItems<R> {
    reader: csv::Reader<Source<R>>,
    record: csv::ByteRecord,
    columns: Resolved,
    names: Vec<String>,
    functional: CodeCheck<FunctionCode>,
    economic: Option<CodeCheck<EconomicCode>>,
    economic_scheme: Option<crate::EconomicScheme>,
    scale: u32,
    batch_rows: usize,
}

impl<R: Read> CsvLineItems<R> {
    /// A reader of comma-separated text whose first row names the columns.
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::CsvLineItems, ColumnSpec, LineItemError};
    /// let err = CsvLineItems::new("code,amt\n".as_bytes(), &ColumnSpec::default()).unwrap_err();
    /// assert!(matches!(err, LineItemError::MissingColumn { ref column, .. } if column == "exp_func_code"));
    /// ```
    pub fn new(reader: R, spec: &ColumnSpec<'_>) -> Result<Self, LineItemError> {
        Self::with_delimiter(reader, spec, b',')
    }

    /// A reader of text whose fields are separated by `delimiter` (e.g. `b'\t'`).
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::CsvLineItems, ColumnSpec};
    /// let reader = CsvLineItems::with_delimiter("exp_func_code;amt\n".as_bytes(), &ColumnSpec::default(), b';')?;
    /// assert_eq!(reader.amount_columns(), ["amt"]);
    /// # Ok::<(), cn_budget::lineitems::LineItemError>(())
    /// ```
    pub fn with_delimiter(
        reader: R,
        spec: &ColumnSpec<'_>,
        delimiter: u8,
    ) -> Result<Self, LineItemError> {
        Self::with_format(reader, spec, CsvFormat::default().delimiter(delimiter))
    }

    /// A reader of text in the delimiter and encoding of `format`.
    ///
    /// ```
    /// use cn_budget::lineitems::csv::{CsvFormat, CsvLineItems, Encoding};
    /// use cn_budget::lineitems::ColumnSpec;
    /// let format = CsvFormat::default().delimiter(b'|').encoding(Encoding::Gb18030);
    /// let text = b"exp_func_code|amt\n2010601|1.00\n";
    /// let totals = CsvLineItems::with_format(&text[..], &ColumnSpec::default(), format)?.rollup(1)?;
    /// assert_eq!(totals.rows(), 1);
    /// # Ok::<(), cn_budget::lineitems::LineItemError>(())
    /// ```
    pub fn with_format(
        reader: R,
        spec: &ColumnSpec<'_>,
        format: CsvFormat,
    ) -> Result<Self, LineItemError> {
        let source = Source::new(reader, format.encoding)?;
        let encoding = if source.decoded() { "GB18030" } else { "UTF-8" };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(format.delimiter)
            .has_headers(true)
            .from_reader(source);
        let header = reader.byte_headers().map_err(csv_error)?.clone();
        let header: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let field = if i == 0 {
                    field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
                } else {
                    field
                };
                std::str::from_utf8(field)
                    .ok()
                    .filter(|s| !s.contains(char::REPLACEMENT_CHARACTER))
                    .map(|s| s.trim().to_owned())
                    .ok_or_else(|| LineItemError::Csv {
                        line: Some(1),
                        message: format!("header field {} is not {encoding} text", i + 1),
                    })
            })
            .collect::<Result<_, _>>()?;
        let refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let columns = spec.resolve(&refs)?;
        let names = columns.amounts.iter().map(|&i| header[i].clone()).collect();
        let functional = CodeCheck::functional(&header[columns.functional], spec.catalog());
        let economic = spec
            .economic_column()
            .zip(columns.economic)
            .map(|((_, scheme), i)| CodeCheck::economic(&header[i], scheme, spec.catalog()));
        Ok(CsvLineItems {
            reader,
            record: csv::ByteRecord::new(),
            columns,
            names,
            functional,
            economic,
            economic_scheme: spec.economic_column().map(|(_, s)| s),
            scale: spec.declared_scale(),
            batch_rows: DEFAULT_BATCH_ROWS,
        })
    }

    /// Reads at most `rows` rows per batch (at least 1).
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::CsvLineItems, ColumnSpec, LineItems};
    /// let text = "exp_func_code,amt\n201,1\n202,2\n";
    /// let mut reader = CsvLineItems::new(text.as_bytes(), &ColumnSpec::default())?.batch_rows(1);
    /// let mut batch = LineItems::default();
    /// reader.next_batch(&mut batch)?;
    /// assert_eq!(batch.functional(), &[201]);
    /// # Ok::<(), cn_budget::lineitems::LineItemError>(())
    /// ```
    pub fn batch_rows(mut self, rows: usize) -> Self {
        self.batch_rows = rows.max(1);
        self
    }

    /// The amount columns read, in the order of the batch's amount columns.
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::CsvLineItems, ColumnSpec};
    /// let text = "bgt_amt,exp_func_code,exp_func_name,pay_amt\n";
    /// let reader = CsvLineItems::new(text.as_bytes(), &ColumnSpec::default())?;
    /// assert_eq!(reader.amount_columns(), ["bgt_amt", "pay_amt"]);
    /// # Ok::<(), cn_budget::lineitems::LineItemError>(())
    /// ```
    pub fn amount_columns(&self) -> &[String] {
        &self.names
    }

    /// Refills `batch` with the next rows; `false` when the text holds no more rows (the
    /// batch is then empty).
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::CsvLineItems, ColumnSpec, LineItemError, LineItems, Row};
    /// let text = "exp_func_code,amt\n2010601,1\n2010600,2\n";
    /// let mut reader = CsvLineItems::new(text.as_bytes(), &ColumnSpec::default())?;
    /// let err = reader.next_batch(&mut LineItems::default()).unwrap_err();
    /// assert!(matches!(err, LineItemError::BadCode { row: Row::Line(3), .. }));
    /// # Ok::<(), LineItemError>(())
    /// ```
    pub fn next_batch(&mut self, batch: &mut LineItems) -> Result<bool, LineItemError> {
        batch.reset(
            self.economic.is_some(),
            self.columns.amounts.len(),
            self.scale,
        );
        while batch.len() < self.batch_rows {
            if !self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(csv_error)?
            {
                break;
            }
            self.push_record(batch)?;
        }
        Ok(!batch.is_empty())
    }

    /// Reads every remaining row into [`Totals`] (see [`rollup_csv`]).
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::CsvLineItems, ColumnSpec};
    /// let text = "exp_func_code\tamt\n2010601\t1\n";
    /// let totals = CsvLineItems::with_delimiter(text.as_bytes(), &ColumnSpec::default(), b'\t')?.rollup(1)?;
    /// assert_eq!(totals.rows(), 1);
    /// # Ok::<(), cn_budget::lineitems::LineItemError>(())
    /// ```
    pub fn rollup(mut self, threads: usize) -> Result<Totals, LineItemError>
    where
        R: Send,
    {
        let columns = self.names.len();
        let mut totals = Accumulator::new(
            self.names.clone(),
            vec![self.scale; columns],
            self.economic_scheme,
            threads,
        )?;
        if threads < 2 {
            let mut batch = LineItems::default();
            while self.next_batch(&mut batch)? {
                totals.add(batch.functional(), batch.economic(), &batch.fixed_columns())?;
            }
            return totals.finish();
        }
        // Two batches in flight: the reader fills one while the other is summed.
        let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<LineItems>(1);
        let (empty_tx, empty_rx) = std::sync::mpsc::sync_channel::<LineItems>(2);
        std::thread::scope(|scope| {
            let reader = scope.spawn(move || -> Result<(), LineItemError> {
                let mut batch = LineItems::default();
                loop {
                    if !self.next_batch(&mut batch)? {
                        return Ok(());
                    }
                    if full_tx.send(batch).is_err() {
                        return Ok(()); // the summing side stopped on an error
                    }
                    batch = empty_rx.try_recv().unwrap_or_default();
                }
            });
            let mut summed = Ok(());
            for batch in full_rx.iter() {
                summed = totals.add(batch.functional(), batch.economic(), &batch.fixed_columns());
                if summed.is_err() {
                    break;
                }
                let _ = empty_tx.send(batch);
            }
            drop(full_rx);
            drop(empty_tx);
            let read = match reader.join() {
                Ok(r) => r,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            read.and(summed)
        })?;
        totals.finish()
    }

    fn push_record(&self, batch: &mut LineItems) -> Result<(), LineItemError> {
        let record = &self.record;
        let row = Row::Line(record.position().map_or(0, |p| p.line()));
        let field = |i: usize| record.get(i).unwrap_or_default();
        let code = code_text(field(self.columns.functional), &self.functional, row)?;
        batch.functional.push(self.functional.text(code, row)?);
        if let (Some(check), Some(i), Some(out)) =
            (&self.economic, self.columns.economic, &mut batch.economic)
        {
            out.push(check.text(code_text(field(i), check, row)?, row)?);
        }
        for ((&i, name), out) in self
            .columns
            .amounts
            .iter()
            .zip(&self.names)
            .zip(&mut batch.amounts)
        {
            let cell = field(i);
            out.push(
                parse_fixed(cell, self.scale)
                    .map_err(|problem| amount_error(problem, name, row, cell, self.scale))?,
            );
        }
        Ok(())
    }
}

/// The delimiter and the text encoding of a CSV file: `,` and [`Encoding::Auto`] by default.
///
/// ```
/// use cn_budget::lineitems::csv::{CsvFormat, Encoding};
/// let format = CsvFormat::default().delimiter(b'\t').encoding(Encoding::Gb18030);
/// assert_eq!((format.delimiter, format.encoding), (b'\t', Encoding::Gb18030));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CsvFormat {
    /// The field delimiter (`b','`, `b'\t'`, `b';'`, …).
    pub delimiter: u8,
    /// The text encoding.
    pub encoding: Encoding,
}

impl Default for CsvFormat {
    fn default() -> Self {
        CsvFormat {
            delimiter: b',',
            encoding: Encoding::Auto,
        }
    }
}

impl CsvFormat {
    /// The format with this field delimiter.
    ///
    /// ```
    /// use cn_budget::lineitems::csv::CsvFormat;
    /// assert_eq!(CsvFormat::default().delimiter(b';').delimiter, b';');
    /// ```
    pub fn delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// The format with this text encoding.
    ///
    /// ```
    /// use cn_budget::lineitems::csv::{CsvFormat, Encoding};
    /// assert_eq!(CsvFormat::default().encoding(Encoding::Utf8).encoding, Encoding::Utf8);
    /// ```
    pub fn encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }
}

/// The text of a code cell (codes are ASCII; anything else is reported as a bad code).
fn code_text<'a, C>(
    cell: &'a [u8],
    check: &CodeCheck<C>,
    row: Row,
) -> Result<&'a str, LineItemError>
where
    C: crate::Code + std::str::FromStr<Err = crate::codes::ParseCodeError>,
{
    std::str::from_utf8(cell).map_err(|_| LineItemError::BadCode {
        column: check.column().to_owned(),
        row,
        value: String::from_utf8_lossy(cell).into_owned(),
        reason: "not UTF-8 text".to_owned(),
    })
}

/// The error for an amount cell that did not parse.
pub(crate) fn amount_error(
    problem: AmountProblem,
    column: &str,
    row: Row,
    cell: &[u8],
    scale: u32,
) -> LineItemError {
    let column = column.to_owned();
    let value = String::from_utf8_lossy(cell).into_owned();
    match problem {
        AmountProblem::Empty => LineItemError::MissingAmount { column, row },
        AmountProblem::Invalid => LineItemError::BadAmount { column, row, value },
        AmountProblem::TooManyDecimals => LineItemError::TooManyDecimals {
            column,
            row,
            value,
            scale,
        },
        AmountProblem::TooLarge => LineItemError::AmountTooLarge {
            column,
            row,
            value,
            scale,
        },
    }
}

fn csv_error(e: csv::Error) -> LineItemError {
    LineItemError::Csv {
        line: e.position().map(|p| p.line()),
        message: e.to_string(),
    }
}
