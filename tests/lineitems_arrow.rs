//! Line items from Arrow record batches and Parquet, Totals over Arrow IPC: the same rollup
//! from every path, and every error kind.

use arrow_array::cast::AsArray;
use arrow_array::types::Decimal128Type;
use arrow_array::{
    ArrayRef, Decimal128Array, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray,
    UInt32Array,
};
use cn_budget::lineitems::arrow::{rollup_record_batches, rollup_to_record_batch, ArrowReader};
use cn_budget::lineitems::csv::{rollup_csv, CsvLineItems};
use cn_budget::lineitems::parquet::rollup_parquet;
use cn_budget::lineitems::{ColumnSpec, LineItemError, Row, Totals};
use cn_budget::strategies::{economic_code, function_code};
use cn_budget::tree::{Crosstab, FixedColumn, Tree};
use cn_budget::{Catalog, Code, EconomicCode, EconomicScheme, FunctionCode};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::Arc;

const SAMPLE: &str = include_str!("fixtures/lineitems/sample.csv");

fn department() -> ColumnSpec<'static> {
    ColumnSpec::default().economic(EconomicScheme::Department)
}

/// How a batch spells its codes and amounts.
#[derive(Clone, Copy, Debug)]
enum Spelling {
    Text,
    UInt32,
    Int32,
    Int64,
}

fn codes_array(values: &[u32], spelling: Spelling) -> ArrayRef {
    match spelling {
        Spelling::Text => Arc::new(StringArray::from_iter_values(
            values.iter().map(u32::to_string),
        )),
        Spelling::UInt32 => Arc::new(UInt32Array::from(values.to_vec())),
        Spelling::Int32 => Arc::new(Int32Array::from_iter_values(
            values.iter().map(|&v| v as i32),
        )),
        Spelling::Int64 => Arc::new(Int64Array::from_iter_values(
            values.iter().map(|&v| i64::from(v)),
        )),
    }
}

fn amounts_array(cents: &[i64], decimal: bool) -> ArrayRef {
    if decimal {
        let values = cents.iter().map(|&c| i128::from(c));
        Arc::new(
            Decimal128Array::from_iter_values(values)
                .with_precision_and_scale(18, 2)
                .unwrap(),
        )
    } else {
        Arc::new(Int64Array::from(cents.to_vec()))
    }
}

/// Rows as columns: functional, economic, two amount columns in 分.
#[derive(Clone, Debug)]
struct Rows {
    functional: Vec<u32>,
    economic: Vec<u32>,
    amounts: [Vec<i64>; 2],
}

impl Rows {
    fn batch(
        &self,
        range: std::ops::Range<usize>,
        spelling: Spelling,
        decimal: bool,
    ) -> RecordBatch {
        RecordBatch::try_from_iter([
            (
                "exp_func_code",
                codes_array(&self.functional[range.clone()], spelling),
            ),
            (
                "dep_bgt_eco_code",
                codes_array(&self.economic[range.clone()], spelling),
            ),
            (
                "bgt_amt",
                amounts_array(&self.amounts[0][range.clone()], decimal),
            ),
            ("pay_amt", amounts_array(&self.amounts[1][range], !decimal)),
        ])
        .unwrap()
    }

    fn csv(&self) -> String {
        let cents = |c: i64| {
            let sign = if c < 0 { "-" } else { "" };
            format!(
                "{sign}{}.{:02}",
                c.unsigned_abs() / 100,
                c.unsigned_abs() % 100
            )
        };
        let mut text = String::from("exp_func_code,dep_bgt_eco_code,bgt_amt,pay_amt\n");
        for i in 0..self.functional.len() {
            text += &format!(
                "{},{},{},{}\n",
                self.functional[i],
                self.economic[i],
                cents(self.amounts[0][i]),
                cents(self.amounts[1][i])
            );
        }
        text
    }
}

fn rows() -> impl Strategy<Value = Rows> {
    let department =
        economic_code().prop_filter("部门 codes", |c| c.to_string().starts_with('3'));
    let amount = -1_000_000_000_000i64..1_000_000_000_000;
    prop::collection::vec(
        (function_code(), department, amount.clone(), amount),
        0..300,
    )
    .prop_map(|rows| Rows {
        functional: rows.iter().map(|r| r.0.value()).collect(),
        economic: rows.iter().map(|r| r.1.value()).collect(),
        amounts: [
            rows.iter().map(|r| r.2).collect(),
            rows.iter().map(|r| r.3).collect(),
        ],
    })
}

fn spelling() -> impl Strategy<Value = Spelling> {
    prop_oneof![
        Just(Spelling::Text),
        Just(Spelling::UInt32),
        Just(Spelling::Int32),
        Just(Spelling::Int64)
    ]
}

/// Cut points splitting `n` rows into batches.
fn splits(n: usize, cuts: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (n + 1)).collect();
    points.extend([0, n]);
    points.sort_unstable();
    points.windows(2).map(|w| w[0]..w[1]).collect()
}

fn parquet_file(batches: &[RecordBatch]) -> bytes::Bytes {
    let mut file = Vec::new();
    let props = parquet::file::properties::WriterProperties::builder()
        .set_max_row_group_row_count(Some(37))
        .build();
    let mut writer =
        parquet::arrow::ArrowWriter::try_new(&mut file, batches[0].schema(), Some(props)).unwrap();
    for b in batches {
        writer.write(b).unwrap();
    }
    writer.close().unwrap();
    bytes::Bytes::from(file)
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(24) })]

    /// CSV, Arrow (any spelling of codes, Int64 or Decimal128 amounts, any split into
    /// batches), Parquet, the in-memory columnar path and the Decimal rollup agree exactly.
    #[test]
    fn every_path_gives_the_same_rollup(
        rows in rows(),
        spelling in spelling(),
        decimal in any::<bool>(),
        cuts in prop::collection::vec(any::<usize>(), 0..4),
        batch_rows in 8usize..200,
        threads in 1usize..3,
    ) {
        let spec = department();
        let from_csv = CsvLineItems::new(rows.csv().as_bytes(), &spec).unwrap()
            .batch_rows(batch_rows).rollup(threads).unwrap();

        let n = rows.functional.len();
        let batches: Vec<RecordBatch> =
            splits(n, &cuts).into_iter().map(|r| rows.batch(r, spelling, decimal)).collect();
        let from_arrow = rollup_record_batches(&batches, &spec, threads).unwrap();
        prop_assert_eq!(&from_arrow, &from_csv);

        let from_parquet = rollup_parquet(parquet_file(&batches), &spec, threads).unwrap();
        prop_assert_eq!(&from_parquet, &from_csv);

        let mut ipc = Vec::new();
        from_csv.write_ipc(&mut ipc).unwrap();
        prop_assert_eq!(&Totals::read_ipc(ipc.as_slice()).unwrap(), &from_csv);

        // The columnar core on the whole input at once.
        let functions = Tree::from_codes(rows.functional.iter().map(|&v| FunctionCode::try_from(v).unwrap()));
        let economics = Tree::from_codes(rows.economic.iter().map(|&v| EconomicCode::try_from(v).unwrap()));
        let columns: Vec<FixedColumn<'_>> =
            rows.amounts.iter().map(|a| FixedColumn::I64 { values: a, scale: 2 }).collect();
        let whole = functions.partial_columns(&rows.functional, &columns, 1).unwrap();
        prop_assert_eq!(from_csv.functional(), &whole);
        let (_, crosstabs) = from_csv.economic().unwrap();
        for (column, c) in columns.iter().enumerate() {
            let want = Crosstab::partial_columns(&functions, &economics, &rows.functional, &rows.economic, *c, 1).unwrap();
            prop_assert_eq!(&crosstabs[column], &want);
        }

        // And the Decimal rollup of the same rows, finished over the same tree.
        let decimal_rows: Vec<(FunctionCode, [Decimal; 2])> = (0..n)
            .map(|i| (
                FunctionCode::try_from(rows.functional[i]).unwrap(),
                [Decimal::new(rows.amounts[0][i], 2), Decimal::new(rows.amounts[1][i], 2)],
            ))
            .collect();
        let want = functions.rollup(&decimal_rows).unwrap();
        let got = from_arrow.rollup(&functions).unwrap();
        for (code, amounts) in want.iter() {
            prop_assert_eq!(got.get(code), Some(&amounts[..]));
        }
    }
}

#[test]
fn the_fixture_reads_the_same_from_csv_arrow_and_parquet() {
    let from_csv = rollup_csv(SAMPLE.as_bytes(), &department(), 1).unwrap();
    // The fixture as a record batch with text codes and Decimal128 amounts.
    let mut reader = csv::Reader::from_reader(SAMPLE.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let text = |i: usize| StringArray::from_iter_values(records.iter().map(|r| r[i].to_owned()));
    let decimal = |i: usize| {
        let values = records
            .iter()
            .map(|r| r[i].parse::<Decimal>().unwrap().mantissa());
        Decimal128Array::from_iter_values(values)
            .with_precision_and_scale(20, 2)
            .unwrap()
    };
    let batch = RecordBatch::try_from_iter([
        ("exp_func_code", Arc::new(text(0)) as ArrayRef),
        ("exp_func_name", Arc::new(text(1))),
        ("dep_bgt_eco_code", Arc::new(text(2))),
        ("bgt_amt", Arc::new(decimal(4))),
        ("pay_amt", Arc::new(decimal(5))),
    ])
    .unwrap();
    assert_eq!(
        rollup_record_batches([&batch], &department(), 2).unwrap(),
        from_csv
    );
    let file = parquet_file(&[batch]);
    assert_eq!(rollup_parquet(file, &department(), 1).unwrap(), from_csv);
}

#[test]
fn results_come_back_as_record_batches_with_names() {
    let totals = rollup_csv(SAMPLE.as_bytes(), &department(), 1).unwrap();
    let catalog = Catalog::edition(2024).unwrap();
    let tree = totals.tree();
    let rollup = totals.rollup(&tree).unwrap();
    let batch =
        rollup_to_record_batch(&rollup, totals.columns(), Some(catalog.functional())).unwrap();
    assert_eq!(batch.num_rows(), tree.len());
    let schema = batch.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, ["code", "level", "name", "bgt_amt", "pay_amt"]);
    let code = batch.column(0).as_string::<i32>();
    let level = batch.column(1).as_string::<i32>();
    let name = batch.column(2).as_string::<i32>();
    let paid = batch.column(4).as_primitive::<Decimal128Type>();
    for (i, (c, amounts)) in rollup.iter().enumerate() {
        assert_eq!(code.value(i), c.to_string());
        assert_eq!(level.value(i), c.level().name());
        assert_eq!(name.value(i), catalog.functional().name(c).unwrap());
        assert_eq!(
            paid.value_as_string(i).parse::<Decimal>().unwrap(),
            amounts[1]
        );
    }
    // Without names, the name column is null.
    let bare = rollup_to_record_batch(&rollup, totals.columns(), None).unwrap();
    assert_eq!(bare.column(2).null_count(), tree.len());
    assert!(matches!(
        rollup_to_record_batch(&rollup, &["one"], None),
        Err(LineItemError::Format { .. })
    ));
}

fn batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
    RecordBatch::try_from_iter(columns).unwrap()
}

fn read_error(b: &RecordBatch, spec: &ColumnSpec<'_>) -> LineItemError {
    rollup_record_batches([b], spec, 1).unwrap_err()
}

#[test]
fn every_bad_value_names_its_column_and_row() {
    let spec = ColumnSpec::default();
    let amt = || Arc::new(Int64Array::from(vec![1, 2])) as ArrayRef;
    let code = |c: ArrayRef| batch(vec![("exp_func_code", c), ("amt", amt())]);
    assert_eq!(
        read_error(
            &code(Arc::new(StringArray::from(vec![Some("201"), None]))),
            &spec
        ),
        LineItemError::MissingCode {
            column: "exp_func_code".into(),
            row: Row::Index(1)
        }
    );
    assert_eq!(
        read_error(
            &code(Arc::new(UInt32Array::from(vec![None, Some(201)]))),
            &spec
        ),
        LineItemError::MissingCode {
            column: "exp_func_code".into(),
            row: Row::Index(0)
        }
    );
    assert!(matches!(
        read_error(&code(Arc::new(Int64Array::from(vec![201, -201]))), &spec),
        LineItemError::BadCode { row: Row::Index(1), ref value, .. } if value == "-201"
    ));
    assert!(matches!(
        read_error(&code(Arc::new(Int32Array::from(vec![201, 2010]))), &spec),
        LineItemError::BadCode {
            row: Row::Index(1),
            ..
        }
    ));
    assert!(matches!(
        read_error(
            &code(Arc::new(StringArray::from(vec!["201", "二〇一"]))),
            &spec
        ),
        LineItemError::BadCode {
            row: Row::Index(1),
            ..
        }
    ));
    assert!(matches!(
        read_error(&code(Arc::new(Float64Array::from(vec![201.0, 202.0]))), &spec),
        LineItemError::WrongType { ref column, ref found, .. } if column == "exp_func_code" && found == "Float64"
    ));
    let f = || Arc::new(UInt32Array::from(vec![2010601, 2010602])) as ArrayRef;
    assert_eq!(
        read_error(
            &batch(vec![
                ("exp_func_code", f()),
                ("amt", Arc::new(Int64Array::from(vec![Some(1), None])))
            ]),
            &spec
        ),
        LineItemError::MissingAmount {
            column: "amt".into(),
            row: Row::Index(1)
        }
    );
    assert!(matches!(
        read_error(&batch(vec![("exp_func_code", f()), ("amt", Arc::new(Float64Array::from(vec![1.0, 2.0])))]), &spec),
        LineItemError::WrongType { ref column, .. } if column == "amt"
    ));
    let negative = Decimal128Array::from(vec![1, 2])
        .with_precision_and_scale(10, -2)
        .unwrap();
    assert!(matches!(
        read_error(&batch(vec![("exp_func_code", f()), ("amt", Arc::new(negative))]), &spec),
        LineItemError::WrongType { ref column, .. } if column == "amt"
    ));
    // Economic codes of the other scheme, codes outside the edition.
    let e = |v: Vec<u32>| Arc::new(UInt32Array::from(v)) as ArrayRef;
    let with_economic = batch(vec![
        ("exp_func_code", f()),
        ("dep_bgt_eco_code", e(vec![30101, 50101])),
        ("amt", amt()),
    ]);
    assert!(matches!(
        read_error(&with_economic, &department()),
        LineItemError::WrongScheme {
            row: Row::Index(1),
            ..
        }
    ));
    let catalog = Catalog::edition(2024).unwrap();
    let outside = code(Arc::new(UInt32Array::from(vec![2010601, 2010698])));
    assert!(matches!(
        read_error(&outside, &spec.clone().edition(catalog)),
        LineItemError::NotInEdition { row: Row::Index(1), ref code, .. } if code == "2010698"
    ));
    // The same code read twice is checked once but errors the same way every time.
    let again = code(Arc::new(UInt32Array::from(vec![2010698, 2010698])));
    assert!(matches!(
        read_error(&again, &spec.clone().edition(catalog)),
        LineItemError::NotInEdition {
            row: Row::Index(0),
            ..
        }
    ));
    assert!(matches!(
        read_error(&code(f()), &department()),
        LineItemError::MissingColumn { ref column, .. } if column == "dep_bgt_eco_code"
    ));
    // A later batch without a column the first one had.
    let first = code(f());
    let mut reader = ArrowReader::new(&first.schema(), &spec).unwrap();
    reader.read(&first).unwrap();
    let other = batch(vec![("exp_func_code", f()), ("other", amt())]);
    assert!(
        matches!(reader.read(&other), Err(LineItemError::MissingColumn { ref column, .. }) if column == "amt")
    );
    assert!(matches!(
        rollup_record_batches(std::iter::empty::<&RecordBatch>(), &spec, 1),
        Err(LineItemError::Format { .. })
    ));
}

#[test]
fn files_and_streams_that_cannot_be_read() {
    let spec = ColumnSpec::default();
    assert!(matches!(
        rollup_parquet(bytes::Bytes::from_static(b"PAR1 not really"), &spec, 1),
        Err(LineItemError::Format {
            format: "Parquet",
            ..
        })
    ));
    assert!(matches!(
        Totals::read_ipc(&b"\xff\xff\xff\xff"[..]),
        Err(LineItemError::Format {
            format: "Arrow IPC",
            ..
        })
    ));
    // An IPC stream of another layout: a record batch of line items, not totals.
    let items = batch(vec![
        (
            "exp_func_code",
            Arc::new(UInt32Array::from(vec![201])) as ArrayRef,
        ),
        ("amt", Arc::new(Int64Array::from(vec![1]))),
    ]);
    assert!(matches!(
        Totals::from_record_batches([&items]),
        Err(LineItemError::Format {
            format: "Arrow IPC",
            ..
        })
    ));
    // Totals whose codes were tampered with.
    let totals = rollup_csv("exp_func_code,amt\n2010601,1\n".as_bytes(), &spec, 1).unwrap();
    let good = totals.to_record_batch().unwrap();
    let mut columns = good.columns().to_vec();
    columns[0] = Arc::new(Int32Array::from(vec![2010600]));
    let bad = RecordBatch::try_new(good.schema(), columns).unwrap();
    assert!(matches!(
        Totals::from_record_batches([&bad]),
        Err(LineItemError::Format { ref message, .. }) if message.contains("functional") && message.contains("row 0")
    ));
}
