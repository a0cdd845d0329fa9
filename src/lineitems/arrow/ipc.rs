//! [`Totals`] as Arrow record batches and IPC streams, for shipping partial results between
//! machines (Spark, DataFusion/Ballista, Ray read and write Arrow IPC).
//!
//! One row per entry: `functional` (Int32, the code's digits), `economic` (Int32, null for
//! the rollup entries; the economic code for the crosstab entries), `rows` (Int64, the row
//! count) and one `Decimal128(38, s)` column per amount column with the exact sums. The
//! schema's metadata names the format (`cn_budget.totals` = `1`) and the economic scheme
//! (`cn_budget.economic_scheme` = `department` or `government`, absent without one).

use super::super::{LineItemError, Totals};
use super::output::RESULT_PRECISION;
use crate::tree::{PartialCrosstab, PartialRollup, RollupError};
use crate::{EconomicCode, EconomicScheme, FunctionCode};
use arrow_array::builder::{Decimal128Builder, Int32Builder, Int64Builder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Int32Type, Int64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::Arc;

const FORMAT_KEY: &str = "cn_budget.totals";
const SCHEME_KEY: &str = "cn_budget.economic_scheme";

fn ipc_error(e: impl std::fmt::Display) -> LineItemError {
    LineItemError::Format {
        format: "Arrow IPC",
        message: e.to_string(),
    }
}

impl Totals {
    /// The totals as one record batch, one row per entry: `functional` (Int32, the code's
    /// digits), `economic` (Int32: null for the rollup entries, the economic code for the
    /// crosstab entries), `rows` (Int64, the row count) and one `Decimal128(38, s)` column
    /// per amount column with the exact sums. The schema's metadata names the format
    /// (`cn_budget.totals` = `1`) and the economic scheme (`cn_budget.economic_scheme` =
    /// `department` or `government`, absent without one).
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec, Totals};
    /// let t = rollup_csv("exp_func_code,amt\n2010601,1.5\n2080505,2\n".as_bytes(), &ColumnSpec::default(), 1)?;
    /// let batch = t.to_record_batch()?;
    /// assert_eq!(batch.num_rows(), 2);
    /// assert_eq!(Totals::from_record_batches([&batch])?, t);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_record_batch(&self) -> Result<RecordBatch, LineItemError> {
        let scales = self.functional().scales().to_vec();
        let mut functional = Int32Builder::new();
        let mut economic = Int32Builder::new();
        let mut rows = Int64Builder::new();
        let mut sums: Vec<Decimal128Builder> =
            scales.iter().map(|_| Decimal128Builder::new()).collect();
        let count = |n: u64| i64::try_from(n).map_err(ipc_error);
        for (code, n, values) in self.functional().iter() {
            functional.append_value(code.value() as i32);
            economic.append_null();
            rows.append_value(count(n)?);
            for (b, &v) in sums.iter_mut().zip(values) {
                b.append_value(v);
            }
        }
        if let Some((_, crosstabs)) = self.economic() {
            let mut entries: Vec<_> = crosstabs.iter().map(|c| c.iter()).collect();
            let Some((first, rest)) = entries.split_first_mut() else {
                return Err(ipc_error("a crosstab of no amount columns"));
            };
            for (f, e, n, v0) in first {
                functional.append_value(f.value() as i32);
                economic.append_value(e.value() as i32);
                rows.append_value(count(n)?);
                let mut values = vec![(v0, crosstabs[0].scale())];
                for (i, other) in rest.iter_mut().enumerate() {
                    match other.next() {
                        Some((f2, e2, n2, v)) if (f2, e2, n2) == (f, e, n) => {
                            values.push((v, crosstabs[i + 1].scale()))
                        }
                        _ => {
                            return Err(ipc_error(
                                "the crosstabs of the amount columns differ in their pairs",
                            ))
                        }
                    }
                }
                for (column, ((b, (v, from)), &to)) in
                    sums.iter_mut().zip(values).zip(&scales).enumerate()
                {
                    b.append_value(rescale(v, from, to, column)?);
                }
            }
        }
        let mut fields = vec![
            Field::new("functional", DataType::Int32, false),
            Field::new("economic", DataType::Int32, true),
            Field::new("rows", DataType::Int64, false),
        ];
        let mut arrays: Vec<ArrayRef> = vec![
            Arc::new(functional.finish()),
            Arc::new(economic.finish()),
            Arc::new(rows.finish()),
        ];
        for ((name, b), &scale) in self.columns().iter().zip(&mut sums).zip(&scales) {
            let scale = i8::try_from(scale).map_err(ipc_error)?;
            let array = b
                .finish()
                .with_precision_and_scale(RESULT_PRECISION, scale)
                .map_err(ipc_error)?;
            fields.push(Field::new(
                name,
                DataType::Decimal128(RESULT_PRECISION, scale),
                false,
            ));
            arrays.push(Arc::new(array));
        }
        let mut metadata = HashMap::from([(FORMAT_KEY.to_owned(), "1".to_owned())]);
        if let Some((scheme, _)) = self.economic() {
            let name = match scheme {
                EconomicScheme::Department => "department",
                EconomicScheme::Government => "government",
            };
            metadata.insert(SCHEME_KEY.to_owned(), name.to_owned());
        }
        let schema = Schema::new(fields).with_metadata(metadata);
        RecordBatch::try_new(Arc::new(schema), arrays).map_err(ipc_error)
    }

    /// Totals from record batches written by [`Totals::to_record_batch`] (one or more, e.g.
    /// the partials of several machines concatenated: entries of the same code are added).
    /// Every value is checked: a null, a column of another type, a code that is not a code.
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec, Totals};
    /// let spec = ColumnSpec::default();
    /// let a = rollup_csv("exp_func_code,amt\n2010601,1.5\n".as_bytes(), &spec, 1)?;
    /// let b = rollup_csv("exp_func_code,amt\n2010601,2\n2080505,1\n".as_bytes(), &spec, 1)?;
    /// let both = Totals::from_record_batches([&a.to_record_batch()?, &b.to_record_batch()?])?;
    /// let mut merged = a.clone();
    /// merged.merge(&b)?;
    /// assert_eq!(both, merged);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_record_batches<'b>(
        batches: impl IntoIterator<Item = &'b RecordBatch>,
    ) -> Result<Totals, LineItemError> {
        let mut total: Option<Totals> = None;
        for batch in batches {
            let part = from_batch(batch)?;
            match &mut total {
                Some(t) => t.merge(&part)?,
                None => total = Some(part),
            }
        }
        total.ok_or_else(|| ipc_error("no record batch"))
    }

    /// Writes the totals as an Arrow IPC stream.
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec, Totals};
    /// use cn_budget::EconomicScheme;
    /// let text = "exp_func_code,dep_bgt_eco_code,bgt_amt,pay_amt\n2010601,30101,2,1.5\n2010601,30201,1,0.25\n";
    /// let spec = ColumnSpec::default().economic(EconomicScheme::Department);
    /// let totals = rollup_csv(text.as_bytes(), &spec, 1)?;
    /// let mut stream = Vec::new();
    /// totals.write_ipc(&mut stream)?;
    /// assert_eq!(Totals::read_ipc(stream.as_slice())?, totals);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_ipc<W: Write>(&self, writer: W) -> Result<(), LineItemError> {
        let batch = self.to_record_batch()?;
        let mut writer =
            arrow_ipc::writer::StreamWriter::try_new(writer, &batch.schema()).map_err(ipc_error)?;
        writer.write(&batch).map_err(ipc_error)?;
        writer.finish().map_err(ipc_error)
    }

    /// Reads totals from an Arrow IPC stream written by [`Totals::write_ipc`] (or by any
    /// engine writing the same layout).
    ///
    /// ```
    /// use cn_budget::lineitems::{LineItemError, Totals};
    /// let err = Totals::read_ipc(&b"not arrow"[..]).unwrap_err();
    /// assert!(matches!(err, LineItemError::Format { format: "Arrow IPC", .. }));
    /// ```
    pub fn read_ipc<R: Read>(reader: R) -> Result<Totals, LineItemError> {
        let reader = arrow_ipc::reader::StreamReader::try_new(reader, None).map_err(ipc_error)?;
        let batches = reader.collect::<Result<Vec<_>, _>>().map_err(ipc_error)?;
        Totals::from_record_batches(&batches)
    }
}

fn rescale(v: i128, from: u32, to: u32, column: usize) -> Result<i128, LineItemError> {
    let factor = to
        .checked_sub(from)
        .and_then(|d| 10i128.checked_pow(d))
        .ok_or(RollupError::Overflow { column })?;
    Ok(v.checked_mul(factor)
        .ok_or(RollupError::Overflow { column })?)
}

/// One batch of the IPC layout back into totals.
fn from_batch(batch: &RecordBatch) -> Result<Totals, LineItemError> {
    let schema = batch.schema();
    if schema.metadata().get(FORMAT_KEY).map(String::as_str) != Some("1") {
        return Err(ipc_error(format!(
            "not cn-budget totals (no {FORMAT_KEY} = 1 in the schema's metadata)"
        )));
    }
    let scheme = match schema.metadata().get(SCHEME_KEY).map(String::as_str) {
        None => None,
        Some("department") => Some(EconomicScheme::Department),
        Some("government") => Some(EconomicScheme::Government),
        Some(other) => return Err(ipc_error(format!("unknown economic scheme {other:?}"))),
    };
    let column = |name: &str| {
        batch
            .column_by_name(name)
            .ok_or_else(|| ipc_error(format!("no column {name:?}")))
    };
    let wrong = |name: &str, expected: &'static str| LineItemError::WrongType {
        column: name.to_owned(),
        found: column(name)
            .map(|c| c.data_type().to_string())
            .unwrap_or_default(),
        expected,
    };
    let functional = column("functional")?
        .as_primitive_opt::<Int32Type>()
        .ok_or_else(|| wrong("functional", "Int32"))?;
    let economic = column("economic")?
        .as_primitive_opt::<Int32Type>()
        .ok_or_else(|| wrong("economic", "Int32"))?;
    let rows = column("rows")?
        .as_primitive_opt::<Int64Type>()
        .ok_or_else(|| wrong("rows", "Int64"))?;
    let mut names = Vec::new();
    let mut sums = Vec::new();
    let mut scales = Vec::new();
    for field in schema.fields().iter().skip(3) {
        let array = column(field.name())?
            .as_primitive_opt::<Decimal128Type>()
            .ok_or_else(|| wrong(field.name(), "Decimal128"))?;
        let DataType::Decimal128(_, scale) = field.data_type() else {
            return Err(wrong(field.name(), "Decimal128"));
        };
        scales.push(
            u32::try_from(*scale)
                .map_err(|_| wrong(field.name(), "a Decimal128 of scale 0 or more"))?,
        );
        names.push(field.name().clone());
        sums.push(array);
    }
    let null = |name: &str, row: usize| ipc_error(format!("column {name:?}, row {row}: null"));
    for (name, array) in [("functional", functional as &dyn Array), ("rows", rows)]
        .into_iter()
        .chain(
            names
                .iter()
                .map(String::as_str)
                .zip(sums.iter().map(|a| *a as &dyn Array)),
        )
    {
        if let Some(row) = (0..array.len()).find(|&i| array.is_null(i)) {
            return Err(null(name, row));
        }
    }
    let mut rollup = Vec::new();
    let mut pairs = Vec::new();
    let (mut rollup_rows, mut pair_rows) = (0u64, 0u64);
    for row in 0..batch.num_rows() {
        let bad = |what: &str, e: String| ipc_error(format!("column {what:?}, row {row}: {e}"));
        let f = FunctionCode::try_from(functional.value(row) as u32)
            .map_err(|e| bad("functional", e.to_string()))?;
        let n = u64::try_from(rows.value(row)).map_err(|e| bad("rows", e.to_string()))?;
        let values: Vec<i128> = sums.iter().map(|a| a.value(row)).collect();
        if economic.is_null(row) {
            rollup_rows = rollup_rows
                .checked_add(n)
                .ok_or_else(|| bad("rows", "overflow".into()))?;
            rollup.push((f, n, values));
        } else {
            let e = EconomicCode::try_from(economic.value(row) as u32)
                .map_err(|e| bad("economic", e.to_string()))?;
            pair_rows = pair_rows
                .checked_add(n)
                .ok_or_else(|| bad("rows", "overflow".into()))?;
            pairs.push((f, e, n, values));
        }
    }
    let functional = PartialRollup::from_entries(scales.clone(), rollup_rows, rollup)?;
    let economic = match scheme {
        None if pairs.is_empty() => None,
        None => {
            return Err(ipc_error(
                "economic codes without an economic scheme in the metadata",
            ))
        }
        Some(s) => {
            let crosstabs = scales
                .iter()
                .enumerate()
                .map(|(column, &scale)| {
                    PartialCrosstab::from_entries(
                        scale,
                        pair_rows,
                        pairs.iter().map(|(f, e, n, v)| (*f, *e, *n, v[column])),
                    )
                })
                .collect::<Result<Vec<_>, _>>()?;
            Some((s, crosstabs))
        }
    };
    Totals::from_parts(names, functional, economic)
}
