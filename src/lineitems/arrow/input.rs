//! Reading line items straight from the buffers of Arrow record batches.

use super::super::codes::CodeCheck;
use super::super::totals::Accumulator;
use super::super::{ColumnSpec, LineItemError, Row};
use crate::tree::FixedColumn;
use crate::{Code, EconomicCode, FunctionCode};
use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Decimal64Type, Int32Type, Int64Type, UInt32Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, Schema};
use std::borrow::Cow;

const CODE_TYPES: &str = "Utf8, LargeUtf8, Utf8View, Int32, UInt32 or Int64";
const AMOUNT_TYPES: &str = "Decimal128, Decimal64 or Int64";

/// Line items borrowed from one [`RecordBatch`]: codes as the integers of their digits,
/// amounts as fixed-point columns over the batch's own buffers.
///
/// `UInt32` code columns and `Int64`, `Decimal64` or `Decimal128` amount columns are read
/// without copying; text and other integer codes are converted once.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{Decimal128Array, RecordBatch, StringArray};
/// use cn_budget::lineitems::{arrow::ArrowReader, ColumnSpec};
/// use cn_budget::tree::FixedColumn;
/// let batch = RecordBatch::try_from_iter([
///     ("exp_func_code", Arc::new(StringArray::from(vec!["2010601", "20106"])) as _),
///     ("pay_amt", Arc::new(Decimal128Array::from(vec![188752, -50]).with_precision_and_scale(18, 2)?) as _),
/// ])?;
/// let mut reader = ArrowReader::new(&batch.schema(), &ColumnSpec::default())?;
/// let items = reader.read(&batch)?;
/// assert_eq!(items.functional(), &[2010601, 20106]);
/// assert!(matches!(items.amounts()[0], FixedColumn::I128 { values: &[188752, -50], scale: 2 }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ArrowLineItems<'a> {
    functional: Cow<'a, [u32]>,
    economic: Option<Cow<'a, [u32]>>,
    amounts: Vec<FixedColumn<'a>>,
}

impl<'a> ArrowLineItems<'a> {
    /// The functional code of every row.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use arrow_array::{Int64Array, RecordBatch, UInt32Array};
    /// # use cn_budget::lineitems::{arrow::ArrowReader, ColumnSpec};
    /// let batch = RecordBatch::try_from_iter([
    ///     ("exp_func_code", Arc::new(UInt32Array::from(vec![2010601, 201])) as _),
    ///     ("amt", Arc::new(Int64Array::from(vec![1, 2])) as _),
    /// ])?;
    /// let mut reader = ArrowReader::new(&batch.schema(), &ColumnSpec::default())?;
    /// assert_eq!(reader.read(&batch)?.functional(), &[2010601, 201]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn functional(&self) -> &[u32] {
        &self.functional
    }

    /// The economic code of every row, when the spec asked for them.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use arrow_array::{Int32Array, Int64Array, RecordBatch};
    /// # use cn_budget::{lineitems::{arrow::ArrowReader, ColumnSpec}, EconomicScheme};
    /// let batch = RecordBatch::try_from_iter([
    ///     ("exp_func_code", Arc::new(Int32Array::from(vec![2010601])) as _),
    ///     ("dep_bgt_eco_code", Arc::new(Int32Array::from(vec![30101])) as _),
    ///     ("amt", Arc::new(Int64Array::from(vec![1])) as _),
    /// ])?;
    /// let spec = ColumnSpec::default().economic(EconomicScheme::Department);
    /// let mut reader = ArrowReader::new(&batch.schema(), &spec)?;
    /// assert_eq!(reader.read(&batch)?.economic(), Some(&[30101][..]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn economic(&self) -> Option<&[u32]> {
        self.economic.as_deref()
    }

    /// The amount columns, in the order of [`ArrowReader::amount_columns`].
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use arrow_array::{Int64Array, RecordBatch, UInt32Array};
    /// # use cn_budget::{lineitems::{arrow::ArrowReader, ColumnSpec}, tree::FixedColumn};
    /// let batch = RecordBatch::try_from_iter([
    ///     ("exp_func_code", Arc::new(UInt32Array::from(vec![2010601])) as _),
    ///     ("amt", Arc::new(Int64Array::from(vec![12345])) as _),
    /// ])?;
    /// let mut reader = ArrowReader::new(&batch.schema(), &ColumnSpec::default().scale(3))?;
    /// let items = reader.read(&batch)?;
    /// assert!(matches!(items.amounts(), [FixedColumn::I64 { values: &[12345], scale: 3 }]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn amounts(&self) -> &[FixedColumn<'a>] {
        &self.amounts
    }
}

/// Reads line items from record batches of one schema, counting rows across batches so that
/// an error names the row of the whole input.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{Int64Array, RecordBatch, StringArray};
/// use cn_budget::lineitems::{arrow::ArrowReader, ColumnSpec, LineItemError, Row};
/// let batch = |codes: Vec<Option<&str>>| RecordBatch::try_from_iter([
///     ("exp_func_code", Arc::new(StringArray::from(codes)) as _),
///     ("amt", Arc::new(Int64Array::from(vec![1, 2])) as _),
/// ]);
/// let first = batch(vec![Some("201"), Some("202")])?;
/// let mut reader = ArrowReader::new(&first.schema(), &ColumnSpec::default())?;
/// reader.read(&first)?;
/// let err = reader.read(&batch(vec![Some("203"), None])?).unwrap_err();
/// assert_eq!(err, LineItemError::MissingCode { column: "exp_func_code".into(), row: Row::Index(3) });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ArrowReader {
    names: Vec<String>,
    /// The scale of each amount column in the schema.
    scales: Vec<u32>,
    functional: CodeCheck<FunctionCode>,
    economic: Option<CodeCheck<EconomicCode>>,
    scale: u32,
    rows: u64,
}

impl ArrowReader {
    /// A reader for batches of `schema`; the columns the spec names must be there with
    /// types that can hold codes and amounts.
    ///
    /// ```
    /// use arrow_schema::{DataType, Field, Schema};
    /// use cn_budget::lineitems::{arrow::ArrowReader, ColumnSpec, LineItemError};
    /// let schema = Schema::new(vec![
    ///     Field::new("exp_func_code", DataType::Utf8, false),
    ///     Field::new("pay_amt", DataType::Float64, false),
    /// ]);
    /// let err = ArrowReader::new(&schema, &ColumnSpec::default()).unwrap_err();
    /// assert!(matches!(err, LineItemError::WrongType { ref column, .. } if column == "pay_amt"));
    /// ```
    pub fn new(schema: &Schema, spec: &ColumnSpec<'_>) -> Result<ArrowReader, LineItemError> {
        let fields: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let columns = spec.resolve(&fields)?;
        let wrong = |i: usize, expected| LineItemError::WrongType {
            column: fields[i].to_owned(),
            found: schema.field(i).data_type().to_string(),
            expected,
        };
        for i in std::iter::once(columns.functional).chain(columns.economic) {
            if !is_code_type(schema.field(i).data_type()) {
                return Err(wrong(i, CODE_TYPES));
            }
        }
        for &i in &columns.amounts {
            match schema.field(i).data_type() {
                DataType::Int64 | DataType::Decimal64(..) | DataType::Decimal128(..) => {}
                _ => return Err(wrong(i, AMOUNT_TYPES)),
            }
            if let DataType::Decimal64(_, s) | DataType::Decimal128(_, s) =
                schema.field(i).data_type()
            {
                if *s < 0 {
                    return Err(wrong(i, "a Decimal with a scale of 0 or more"));
                }
            }
        }
        let names = columns
            .amounts
            .iter()
            .map(|&i| fields[i].to_owned())
            .collect();
        let scales = columns
            .amounts
            .iter()
            .map(|&i| match schema.field(i).data_type() {
                DataType::Decimal64(_, s) | DataType::Decimal128(_, s) => *s as u32,
                _ => spec.declared_scale(),
            })
            .collect();
        let functional = CodeCheck::functional(fields[columns.functional], spec.catalog());
        let economic = spec
            .economic_column()
            .zip(columns.economic)
            .map(|((_, scheme), i)| CodeCheck::economic(fields[i], scheme, spec.catalog()));
        Ok(ArrowReader {
            names,
            scales,
            functional,
            economic,
            scale: spec.declared_scale(),
            rows: 0,
        })
    }

    /// The amount columns read, in order.
    ///
    /// ```
    /// use arrow_schema::{DataType, Field, Schema};
    /// use cn_budget::lineitems::{arrow::ArrowReader, ColumnSpec};
    /// let schema = Schema::new(vec![
    ///     Field::new("exp_func_code", DataType::UInt32, false),
    ///     Field::new("a", DataType::Int64, false),
    ///     Field::new("b", DataType::Decimal128(20, 2), false),
    /// ]);
    /// let reader = ArrowReader::new(&schema, &ColumnSpec::default().amounts(["b", "a"]))?;
    /// assert_eq!(reader.amount_columns(), ["b", "a"]);
    /// # Ok::<(), cn_budget::lineitems::LineItemError>(())
    /// ```
    pub fn amount_columns(&self) -> &[String] {
        &self.names
    }

    /// Empty totals of the reader's amount columns, to add its batches into.
    pub(crate) fn accumulator(
        &self,
        spec: &ColumnSpec<'_>,
        threads: usize,
    ) -> Result<Accumulator, LineItemError> {
        Accumulator::new(
            self.names.clone(),
            self.scales.clone(),
            spec.economic_column().map(|(_, s)| s),
            threads,
        )
    }

    /// Every column the reader reads: the code columns, then the amounts.
    #[cfg(feature = "parquet")]
    pub(crate) fn columns(&self) -> impl Iterator<Item = &str> + '_ {
        std::iter::once(self.functional.column())
            .chain(self.economic.as_ref().map(|e| e.column()))
            .chain(self.names.iter().map(String::as_str))
    }

    /// How many rows the reader has read so far.
    ///
    /// ```
    /// use arrow_schema::{DataType, Field, Schema};
    /// use cn_budget::lineitems::{arrow::ArrowReader, ColumnSpec};
    /// let schema = Schema::new(vec![
    ///     Field::new("exp_func_code", DataType::UInt32, false),
    ///     Field::new("amt", DataType::Int64, false),
    /// ]);
    /// assert_eq!(ArrowReader::new(&schema, &ColumnSpec::default())?.rows_read(), 0);
    /// # Ok::<(), cn_budget::lineitems::LineItemError>(())
    /// ```
    pub fn rows_read(&self) -> u64 {
        self.rows
    }

    /// The line items of one batch (of the reader's schema), every cell checked.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use arrow_array::{Int64Array, RecordBatch, UInt32Array};
    /// use cn_budget::lineitems::{arrow::ArrowReader, ColumnSpec, LineItemError, Row};
    /// let batch = RecordBatch::try_from_iter([
    ///     ("exp_func_code", Arc::new(UInt32Array::from(vec![2010601, 2010600])) as _),
    ///     ("amt", Arc::new(Int64Array::from(vec![1, 2])) as _),
    /// ])?;
    /// let mut reader = ArrowReader::new(&batch.schema(), &ColumnSpec::default())?;
    /// let err = reader.read(&batch).unwrap_err();
    /// assert!(matches!(err, LineItemError::BadCode { row: Row::Index(1), .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read<'a>(
        &mut self,
        batch: &'a RecordBatch,
    ) -> Result<ArrowLineItems<'a>, LineItemError> {
        let first = self.rows;
        let functional = codes(
            column(batch, self.functional.column())?,
            &mut self.functional,
            first,
        )?;
        let economic = match &mut self.economic {
            Some(check) => Some(codes(column(batch, check.column())?, check, first)?),
            None => None,
        };
        let amounts = self
            .names
            .iter()
            .map(|name| amounts(column(batch, name)?, name, self.scale, first))
            .collect::<Result<_, _>>()?;
        self.rows += batch.num_rows() as u64;
        Ok(ArrowLineItems {
            functional,
            economic,
            amounts,
        })
    }
}

fn is_code_type(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Int32
            | DataType::UInt32
            | DataType::Int64
    )
}

/// The codes of a column; an unchanged `UInt32` buffer when it has no nulls.
fn codes<'a, C>(
    array: &'a dyn Array,
    check: &mut CodeCheck<C>,
    first: u64,
) -> Result<Cow<'a, [u32]>, LineItemError>
where
    C: Code + std::str::FromStr<Err = crate::codes::ParseCodeError>,
{
    let row = |i: usize| Row::Index(first + i as u64);
    if let Some(i) = first_null(array) {
        return Err(check.missing(row(i)));
    }
    if let Some(a) = array.as_primitive_opt::<UInt32Type>() {
        for (i, &v) in a.values().iter().enumerate() {
            check.value(v, row(i))?;
        }
        return Ok(Cow::Borrowed(a.values()));
    }
    let mut out = Vec::with_capacity(array.len());
    if let Some(a) = array.as_primitive_opt::<Int32Type>() {
        for (i, &v) in a.values().iter().enumerate() {
            out.push(integer_code(i64::from(v), check, row(i))?);
        }
    } else if let Some(a) = array.as_primitive_opt::<Int64Type>() {
        for (i, &v) in a.values().iter().enumerate() {
            out.push(integer_code(v, check, row(i))?);
        }
    } else if let Some(a) = array.as_string_opt::<i32>() {
        for (i, v) in a.iter().enumerate() {
            out.push(check.text(v.unwrap_or_default(), row(i))?);
        }
    } else if let Some(a) = array.as_string_opt::<i64>() {
        for (i, v) in a.iter().enumerate() {
            out.push(check.text(v.unwrap_or_default(), row(i))?);
        }
    } else if let Some(a) = array.as_string_view_opt() {
        for (i, v) in a.iter().enumerate() {
            out.push(check.text(v.unwrap_or_default(), row(i))?);
        }
    } else {
        return Err(wrong_type(check.column(), array, CODE_TYPES));
    }
    Ok(Cow::Owned(out))
}

fn integer_code<C>(value: i64, check: &mut CodeCheck<C>, row: Row) -> Result<u32, LineItemError>
where
    C: Code + std::str::FromStr<Err = crate::codes::ParseCodeError>,
{
    match u32::try_from(value) {
        Ok(v) => check.value(v, row),
        Err(_) => check.integer(value, row),
    }
}

/// An amount column over the array's own values buffer.
fn amounts<'a>(
    array: &'a dyn Array,
    column: &str,
    declared: u32,
    first: u64,
) -> Result<FixedColumn<'a>, LineItemError> {
    if let Some(i) = first_null(array) {
        return Err(LineItemError::MissingAmount {
            column: column.to_owned(),
            row: Row::Index(first + i as u64),
        });
    }
    let scale = |t: &DataType| match t {
        DataType::Decimal64(_, s) | DataType::Decimal128(_, s) => *s as u32,
        _ => declared,
    };
    let negative = matches!(array.data_type(), DataType::Decimal64(_, s) | DataType::Decimal128(_, s) if *s < 0);
    if negative {
        Err(wrong_type(
            column,
            array,
            "a Decimal with a scale of 0 or more",
        ))
    } else if let Some(a) = array.as_primitive_opt::<Int64Type>() {
        Ok(FixedColumn::I64 {
            values: a.values(),
            scale: declared,
        })
    } else if let Some(a) = array.as_primitive_opt::<Decimal64Type>() {
        Ok(FixedColumn::I64 {
            values: a.values(),
            scale: scale(a.data_type()),
        })
    } else if let Some(a) = array.as_primitive_opt::<Decimal128Type>() {
        Ok(FixedColumn::I128 {
            values: a.values(),
            scale: scale(a.data_type()),
        })
    } else {
        Err(wrong_type(column, array, AMOUNT_TYPES))
    }
}

fn first_null(array: &dyn Array) -> Option<usize> {
    let nulls = array.logical_nulls()?;
    if nulls.null_count() == 0 {
        return None;
    }
    nulls.iter().position(|valid| !valid)
}

/// The column `name` of a batch (batches of a stream may order their columns differently).
fn column<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a dyn Array, LineItemError> {
    batch
        .column_by_name(name)
        .map(|c| c.as_ref())
        .ok_or_else(|| LineItemError::MissingColumn {
            column: name.to_owned(),
            found: batch
                .schema()
                .fields()
                .iter()
                .map(|f| f.name().clone())
                .collect(),
        })
}

fn wrong_type(column: &str, array: &dyn Array, expected: &'static str) -> LineItemError {
    LineItemError::WrongType {
        column: column.to_owned(),
        found: array.data_type().to_string(),
        expected,
    }
}
