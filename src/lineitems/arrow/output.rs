//! Rollup results as Arrow record batches: one row per node, amounts as `Decimal128`.

use super::super::LineItemError;
use crate::catalog::CodeList;
use crate::tree::Rollup;
use crate::Code;
use arrow_array::builder::{Decimal128Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use rust_decimal::Decimal;
use std::sync::Arc;

/// The precision of the `Decimal128` amount columns of results: the largest Arrow allows.
pub const RESULT_PRECISION: u8 = 38;

/// A rollup as a record batch: `code` (Utf8), `level` (类/款/项), `name` (from `names`, null
/// where it has none) and one `Decimal128(38, s)` column per amount, named `columns`, where
/// `s` is the finest scale of that column's totals. One row per node, in code order.
///
/// ```
/// use arrow_array::cast::AsArray;
/// use arrow_array::types::Decimal128Type;
/// use cn_budget::lineitems::arrow::rollup_to_record_batch;
/// use cn_budget::tree::{FixedColumn, Tree};
/// use cn_budget::Catalog;
/// let functional = Catalog::edition(2024)?.functional();
/// let tree = Tree::from_codes(["2010601".parse()?]);
/// let cents = [188752_i64, 100];
/// let rollup = tree.rollup_columns(&[2010601, 2010601], &[FixedColumn::I64 { values: &cents, scale: 2 }], 1)?;
/// let batch = rollup_to_record_batch(&rollup, &["pay_amt"], Some(functional))?;
/// assert_eq!(batch.num_rows(), 3); // 201, 20106, 2010601
/// let names = batch.column_by_name("name").unwrap().as_string::<i32>();
/// assert_eq!(names.value(1), "财政事务");
/// let paid = batch.column_by_name("pay_amt").unwrap().as_primitive::<Decimal128Type>();
/// assert_eq!(paid.value_as_string(0), "1888.52");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rollup_to_record_batch<C: Code, S: AsRef<str>>(
    rollup: &Rollup<'_, C>,
    columns: &[S],
    names: Option<&CodeList<C>>,
) -> Result<RecordBatch, LineItemError> {
    if columns.len() != rollup.width() {
        return Err(LineItemError::Format {
            format: "Arrow",
            message: format!(
                "{} column names for {} amount columns",
                columns.len(),
                rollup.width()
            ),
        });
    }
    let mut code = StringBuilder::new();
    let mut level = StringBuilder::new();
    let mut name = StringBuilder::new();
    for (c, _) in rollup.iter() {
        code.append_value(c.to_string());
        level.append_value(c.level().name());
        name.append_option(names.and_then(|n| n.name(c)));
    }
    let mut fields = vec![
        Field::new("code", DataType::Utf8, false),
        Field::new("level", DataType::Utf8, false),
        Field::new("name", DataType::Utf8, true),
    ];
    let mut arrays: Vec<ArrayRef> = vec![
        Arc::new(code.finish()),
        Arc::new(level.finish()),
        Arc::new(name.finish()),
    ];
    for (i, column) in columns.iter().enumerate() {
        let values: Vec<Decimal> = rollup.iter().map(|(_, t)| t[i]).collect();
        let (array, scale) = decimal_array(&values, column.as_ref())?;
        fields.push(Field::new(
            column.as_ref(),
            DataType::Decimal128(RESULT_PRECISION, scale),
            false,
        ));
        arrays.push(Arc::new(array));
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).map_err(|e| LineItemError::Format {
        format: "Arrow",
        message: e.to_string(),
    })
}

/// `values` at their finest scale as a `Decimal128(38, scale)` array.
pub(crate) fn decimal_array(
    values: &[Decimal],
    column: &str,
) -> Result<(arrow_array::Decimal128Array, i8), LineItemError> {
    let scale = values.iter().map(Decimal::scale).max().unwrap_or(0);
    let mut builder = Decimal128Builder::with_capacity(values.len());
    for v in values {
        let m = v
            .mantissa()
            .checked_mul(10i128.pow(scale - v.scale()))
            .filter(|m| m.unsigned_abs() < 10u128.pow(u32::from(RESULT_PRECISION)))
            .ok_or_else(|| LineItemError::Format {
                format: "Arrow",
                message: format!(
                    "{column}: {v} does not fit Decimal128({RESULT_PRECISION}, {scale})"
                ),
            })?;
        builder.append_value(m);
    }
    let scale = scale as i8; // a Decimal's scale is at most 28
    let array = builder
        .finish()
        .with_precision_and_scale(RESULT_PRECISION, scale)
        .map_err(|e| LineItemError::Format {
            format: "Arrow",
            message: e.to_string(),
        })?;
    Ok((array, scale))
}
