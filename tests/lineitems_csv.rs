//! Line items from CSV: the fixture against an independent Decimal rollup, every error kind,
//! batching and merging.

use cn_budget::lineitems::csv::{rollup_csv, CsvLineItems};
use cn_budget::lineitems::{ColumnSpec, LineItemError, LineItems, Row, Totals};
use cn_budget::tree::{Crosstab, Tree};
use cn_budget::{Catalog, Code, EconomicCode, EconomicScheme, FunctionCode, Level};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const SAMPLE: &str = include_str!("fixtures/lineitems/sample.csv");

fn department() -> ColumnSpec<'static> {
    ColumnSpec::default().economic(EconomicScheme::Department)
}

/// The fixture's rows as (functional, economic, [bgt, pay]) read with the csv crate and
/// rust_decimal, independently of the reader under test.
fn sample_rows() -> Vec<(FunctionCode, EconomicCode, [Decimal; 2])> {
    let mut reader = csv::Reader::from_reader(SAMPLE.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].parse().unwrap(),
                r[2].parse().unwrap(),
                [r[4].parse().unwrap(), r[5].parse().unwrap()],
            )
        })
        .collect()
}

#[test]
fn the_fixture_rolls_up_like_the_decimal_rollup() {
    let totals = rollup_csv(SAMPLE.as_bytes(), &department(), 1).unwrap();
    assert_eq!(totals.columns(), ["bgt_amt", "pay_amt"]);
    let rows = sample_rows();
    assert_eq!(totals.rows(), rows.len() as u64);

    let tree = Tree::from_list(Catalog::edition(2024).unwrap().functional());
    let got = totals.rollup(&tree).unwrap();
    let by_code: Vec<_> = rows.iter().map(|r| (r.0, r.2)).collect();
    let want = tree.rollup(&by_code).unwrap();
    assert_eq!(got.grand_total(), &want.grand_total()[..]);
    for (code, amounts) in want.iter() {
        assert_eq!(got.get(code), Some(&amounts[..]), "{code}");
    }
    // Some 类 really has several rows under it, so the check is not vacuous.
    let classes = got
        .iter()
        .filter(|(c, a)| c.level() == Level::Class && a[0] > Decimal::ZERO);
    assert!(classes.count() >= 3);

    // The crosstab's 类 × 类 cells against sums of the rows.
    let (functions, economics) = (totals.tree(), totals.economic_tree());
    for column in 0..2 {
        let table = totals
            .crosstab(column, &functions, &economics)
            .unwrap()
            .unwrap();
        assert_eq!(table.grand_total(), want.grand_total()[column]);
        for (f, e, _) in &rows {
            let (fc, ec) = (class_of(*f), class_of(*e));
            let want: Decimal = rows
                .iter()
                .filter(|r| class_of(r.0) == fc && class_of(r.1) == ec)
                .map(|r| r.2[column])
                .sum();
            assert_eq!(table.get(fc, ec), Some(want));
        }
    }
}

fn class_of<C: Code>(mut code: C) -> C {
    while let Some(p) = code.parent() {
        code = p;
    }
    code
}

#[test]
fn batches_threads_and_merges_give_the_same_totals() {
    let one = rollup_csv(SAMPLE.as_bytes(), &department(), 1).unwrap();
    let two = rollup_csv(SAMPLE.as_bytes(), &department(), 2).unwrap();
    assert_eq!(one, two);
    for rows in [1, 7, 64] {
        let small = CsvLineItems::new(SAMPLE.as_bytes(), &department())
            .unwrap()
            .batch_rows(rows)
            .rollup(2)
            .unwrap();
        assert_eq!(small, one, "batches of {rows}");
    }
    // Split the file in two at a line, roll up each half, merge: the whole.
    let lines: Vec<&str> = SAMPLE.lines().collect();
    let (header, body) = lines.split_first().unwrap();
    let half = |part: &[&str]| format!("{header}\n{}\n", part.join("\n"));
    let (a, b) = body.split_at(body.len() / 3);
    let mut merged = rollup_csv(half(b).as_bytes(), &department(), 1).unwrap();
    merged
        .merge(&rollup_csv(half(a).as_bytes(), &department(), 1).unwrap())
        .unwrap();
    assert_eq!(merged, one);
}

/// Generated line items (fixed-seed xorshift): the codes of the fixture's rows in another
/// order and mix, amounts of any sign, as CSV text and as (functional, economic, cents).
fn generated(n: usize) -> (String, Vec<(u32, u32, i64)>) {
    let sample = sample_rows();
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut text = String::from("exp_func_code,dep_bgt_eco_code,pay_amt\n");
    let rows: Vec<(u32, u32, i64)> = (0..n)
        .map(|_| {
            let f = sample[(next() % sample.len() as u64) as usize].0;
            let e = sample[(next() % sample.len() as u64) as usize].1;
            let cents = (next() % 2_000_000_000) as i64 - 1_000_000_000;
            (f.as_u32(), e.as_u32(), cents)
        })
        .collect();
    for (f, e, cents) in &rows {
        let sign = if *cents < 0 { "-" } else { "" };
        let (yuan, fen) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
        text.push_str(&format!("{f},{e},{sign}{yuan}.{fen:02}\n"));
    }
    (text, rows)
}

/// The crosstab through CSV, read in many small batches, in one batch large enough to be
/// summed on two threads, or in between, equals the columnar crosstab of all the rows at
/// once and the Decimal crosstab of the rows.
#[test]
fn the_crosstab_through_csv_equals_the_columnar_one_for_any_batches() {
    let (text, rows) = generated(140_000);
    let functional: Vec<u32> = rows.iter().map(|r| r.0).collect();
    let economic: Vec<u32> = rows.iter().map(|r| r.1).collect();
    let cents: Vec<i64> = rows.iter().map(|r| r.2).collect();
    let functions = Tree::from_codes(
        functional
            .iter()
            .map(|&v| FunctionCode::try_from(v).unwrap()),
    );
    let economics = Tree::from_codes(economic.iter().map(|&v| EconomicCode::try_from(v).unwrap()));
    let amount = cn_budget::tree::FixedColumn::I64 {
        values: &cents,
        scale: 2,
    };
    let want = Crosstab::partial_columns(&functions, &economics, &functional, &economic, amount, 1)
        .unwrap();
    let decimal_rows: Vec<(FunctionCode, EconomicCode, Decimal)> = rows
        .iter()
        .map(|&(f, e, c)| {
            (
                f.try_into().unwrap(),
                e.try_into().unwrap(),
                Decimal::new(c, 2),
            )
        })
        .collect();
    let decimal = Crosstab::build(&functions, &economics, &decimal_rows).unwrap();
    for (batch, threads) in [(3, 1), (1000, 2), (140_000, 2), (140_000, 1)] {
        let totals = CsvLineItems::new(text.as_bytes(), &department())
            .unwrap()
            .batch_rows(batch)
            .rollup(threads)
            .unwrap();
        let (_, crosstabs) = totals.economic().unwrap();
        assert_eq!(
            crosstabs[0], want,
            "batches of {batch} on {threads} thread(s)"
        );
        let table = totals.crosstab(0, &functions, &economics).unwrap().unwrap();
        for &f in functions.codes() {
            for &e in economics.codes() {
                assert_eq!(table.get(f, e), decimal.get(f, e), "{f} × {e}");
            }
        }
        assert_eq!(totals.rows(), 140_000);
    }
}

#[test]
fn batches_are_refilled_in_place() {
    let mut reader = CsvLineItems::new(SAMPLE.as_bytes(), &department())
        .unwrap()
        .batch_rows(50);
    let mut batch = LineItems::default();
    let mut sizes = Vec::new();
    while reader.next_batch(&mut batch).unwrap() {
        sizes.push(batch.len());
        assert_eq!(batch.economic().map(<[u32]>::len), Some(batch.len()));
        assert_eq!(batch.columns(), 2);
    }
    assert_eq!(sizes, [50, 50, 20]);
    assert!(batch.is_empty());
}

#[cfg(feature = "serde")]
#[test]
fn totals_round_trip_through_json() {
    let totals = rollup_csv(SAMPLE.as_bytes(), &department(), 1).unwrap();
    let json = serde_json::to_string(&totals).unwrap();
    let back: Totals = serde_json::from_str(&json).unwrap();
    assert_eq!(back, totals);
}

#[test]
fn named_columns_scales_and_delimiters() {
    let text =
        "功能分类\t经济分类\t金额\t人数\n2010601\t50101\t12.3456\t3\n2010601\t50201\t-0.0001\t1\n";
    let spec = ColumnSpec::default()
        .functional("功能分类")
        .economic_named("经济分类", EconomicScheme::Government)
        .amounts(["金额"])
        .scale(4);
    let totals = CsvLineItems::with_delimiter(text.as_bytes(), &spec, b'\t')
        .unwrap()
        .rollup(1)
        .unwrap();
    assert_eq!(grand_total(&totals), [dec!(12.3455)]);
    // A byte-order mark before the first header is not part of its name.
    let bom = "\u{feff}exp_func_code,pay_amt\n201,1\n";
    assert_eq!(
        rollup_csv(bom.as_bytes(), &ColumnSpec::default(), 1)
            .unwrap()
            .rows(),
        1
    );
}

/// The error of rolling up `body` under a header, with the default columns.
/// The grand total of each amount column over the totals' own tree.
fn grand_total(totals: &Totals) -> Vec<Decimal> {
    let tree = totals.tree();
    totals.rollup(&tree).unwrap().grand_total().to_vec()
}

fn error(header: &str, body: &str, spec: &ColumnSpec<'_>) -> LineItemError {
    rollup_csv(format!("{header}\n{body}").as_bytes(), spec, 1).unwrap_err()
}

#[test]
fn every_bad_cell_names_its_line_and_column() {
    let spec = department();
    let h = "exp_func_code,dep_bgt_eco_code,pay_amt";
    let col = |s: &str| s.to_owned();
    assert_eq!(
        error(h, "2010601,30101,1\n,30101,1\n", &spec),
        LineItemError::MissingCode {
            column: col("exp_func_code"),
            row: Row::Line(3)
        }
    );
    assert!(matches!(
        error(h, "2010601,30101,1\n20106O1,30101,1\n", &spec),
        LineItemError::BadCode { ref column, row: Row::Line(3), ref value, .. } if column == "exp_func_code" && value == "20106O1"
    ));
    assert!(matches!(
        error(h, "201060,30101,1\n", &spec),
        LineItemError::BadCode {
            row: Row::Line(2),
            ..
        }
    ));
    assert_eq!(
        error(h, "2010601,50101,1\n", &spec),
        LineItemError::WrongScheme {
            column: col("dep_bgt_eco_code"),
            row: Row::Line(2),
            code: col("50101"),
            scheme: "部门预算支出经济分类"
        }
    );
    assert_eq!(
        error(h, "2010601,30101,\n", &spec),
        LineItemError::MissingAmount {
            column: col("pay_amt"),
            row: Row::Line(2)
        }
    );
    assert_eq!(
        error(h, "2010601,30101,\"1,234.00\"\n", &spec),
        LineItemError::BadAmount {
            column: col("pay_amt"),
            row: Row::Line(2),
            value: col("1,234.00")
        }
    );
    assert_eq!(
        error(h, "2010601,30101,0.125\n", &spec),
        LineItemError::TooManyDecimals {
            column: col("pay_amt"),
            row: Row::Line(2),
            value: col("0.125"),
            scale: 2
        }
    );
    assert_eq!(
        error(h, "2010601,30101,92233720368547758.08\n", &spec),
        LineItemError::AmountTooLarge {
            column: col("pay_amt"),
            row: Row::Line(2),
            value: col("92233720368547758.08"),
            scale: 2
        }
    );
    assert!(matches!(
        error(h, "2010601,30101,1\n2010601,30101\n", &spec),
        LineItemError::Csv { line: Some(3), .. }
    ));
    // A quoted field over two lines: the next record's line is still the file's line.
    let quoted = "exp_func_code,exp_func_name,pay_amt\n2010601,\"行政\n运行\",1\n2010602,x,0.001\n";
    assert!(matches!(
        rollup_csv(quoted.as_bytes(), &ColumnSpec::default(), 1).unwrap_err(),
        LineItemError::TooManyDecimals {
            row: Row::Line(4),
            ..
        }
    ));
}

#[test]
fn codes_outside_the_edition_are_errors_when_an_edition_is_named() {
    let catalog = Catalog::edition(2024).unwrap();
    let spec = department().edition(catalog);
    let h = "exp_func_code,dep_bgt_eco_code,pay_amt";
    // 2010698 is a well-formed code that the 2024 edition does not list.
    assert!(FunctionCode::try_from(2010698).is_ok());
    assert!(!catalog.functional().contains("2010698".parse().unwrap()));
    assert_eq!(
        error(h, "2010601,30101,1\n2010698,30101,1\n", &spec),
        LineItemError::NotInEdition {
            column: "exp_func_code".into(),
            row: Row::Line(3),
            code: "2010698".into(),
            edition: catalog.label().into()
        }
    );
    assert!(matches!(
        error(h, "2010601,30198,1\n", &spec),
        LineItemError::NotInEdition { ref column, .. } if column == "dep_bgt_eco_code"
    ));
    // Without an edition, any well-formed code is summed.
    assert_eq!(
        rollup_csv(
            format!("{h}\n2010698,30198,1\n").as_bytes(),
            &department(),
            1
        )
        .unwrap()
        .rows(),
        1
    );
}

#[test]
fn headers_and_specs_that_cannot_be_read() {
    assert!(matches!(
        CsvLineItems::new("exp_func_code,name\n".as_bytes(), &ColumnSpec::default()).unwrap_err(),
        LineItemError::NoAmountColumns { .. }
    ));
    assert!(matches!(
        CsvLineItems::new("exp_func_code,pay_amt\n".as_bytes(), &department()).unwrap_err(),
        LineItemError::MissingColumn { ref column, .. } if column == "dep_bgt_eco_code"
    ));
    assert!(matches!(
        CsvLineItems::new("exp_func_code,pay_amt\n".as_bytes(), &ColumnSpec::default().amounts(["x"])).unwrap_err(),
        LineItemError::MissingColumn { ref column, .. } if column == "x"
    ));
    assert_eq!(
        CsvLineItems::new(
            "exp_func_code,pay_amt\n".as_bytes(),
            &ColumnSpec::default().scale(19)
        )
        .unwrap_err(),
        LineItemError::ScaleTooLarge { scale: 19 }
    );
    assert!(matches!(
        CsvLineItems::new(&b"exp_func_code,\xff_amt\n"[..], &ColumnSpec::default()).unwrap_err(),
        LineItemError::Csv { line: Some(1), .. }
    ));
    // Totals of other columns or schemes do not merge.
    let mut a = rollup_csv(
        "exp_func_code,pay_amt\n201,1\n".as_bytes(),
        &ColumnSpec::default(),
        1,
    )
    .unwrap();
    let b = rollup_csv(
        "exp_func_code,bgt_amt\n201,1\n".as_bytes(),
        &ColumnSpec::default(),
        1,
    )
    .unwrap();
    assert!(matches!(a.merge(&b), Err(LineItemError::Mismatch { .. })));
    let c = rollup_csv(
        "exp_func_code,dep_bgt_eco_code,pay_amt\n201,301,1\n".as_bytes(),
        &department(),
        1,
    )
    .unwrap();
    assert!(matches!(a.merge(&c), Err(LineItemError::Mismatch { .. })));
    assert_eq!(a.rows(), 1, "a failed merge leaves the totals unchanged");
}

#[test]
fn an_empty_file_has_empty_totals() {
    let totals = rollup_csv(
        "exp_func_code,pay_amt\n".as_bytes(),
        &ColumnSpec::default(),
        2,
    )
    .unwrap();
    assert_eq!(totals.rows(), 0);
    assert_eq!(
        totals,
        Totals::empty(vec!["pay_amt".into()], vec![2], None).unwrap()
    );
}

/// The fixture as Excel on Chinese Windows saves "CSV": GB18030 (GBK), CRLF line ends,
/// Chinese column names. Made from sample.csv with Python: the header replaced by
/// `CHINESE_HEADER`, lines joined by `\r\n`, `.encode('gb18030')`.
const SAMPLE_GBK: &[u8] = include_bytes!("fixtures/lineitems/sample.gbk.csv");
const CHINESE_HEADER: &str =
    "功能科目编码,功能科目名称,部门经济分类编码,部门经济分类名称,预算数,支付数";

fn chinese_spec() -> ColumnSpec<'static> {
    ColumnSpec::default()
        .functional("功能科目编码")
        .economic_named("部门经济分类编码", EconomicScheme::Department)
        .amounts(["预算数", "支付数"])
}

/// The UTF-8 fixture under the Chinese header.
fn sample_utf8_chinese() -> String {
    let (_, body) = SAMPLE.split_once('\n').unwrap();
    format!("{CHINESE_HEADER}\n{body}")
}

#[test]
fn a_gbk_file_gives_exactly_the_utf8_result() {
    use cn_budget::lineitems::csv::{CsvFormat, Encoding};
    let want = rollup_csv(sample_utf8_chinese().as_bytes(), &chinese_spec(), 1).unwrap();
    assert_eq!(want.rows(), 120);
    // Recognised from the header, in any batch size and on two threads.
    for rows in [1, 7, 1000] {
        let got = CsvLineItems::new(SAMPLE_GBK, &chinese_spec())
            .unwrap()
            .batch_rows(rows)
            .rollup(2)
            .unwrap();
        assert_eq!(got, want, "batches of {rows}");
    }
    // Named.
    let gb18030 = CsvFormat::default().encoding(Encoding::Gb18030);
    let named = CsvLineItems::with_format(SAMPLE_GBK, &chinese_spec(), gb18030).unwrap();
    assert_eq!(named.rollup(1).unwrap(), want);
    // The same totals as the English-headed fixture, column for column.
    let english = rollup_csv(SAMPLE.as_bytes(), &department(), 1).unwrap();
    assert_eq!(english.functional(), want.functional());
    assert_eq!(english.economic(), want.economic());
    // A UTF-8 byte-order mark means UTF-8, even when GB18030 is named.
    let bom = format!("\u{FEFF}{}", sample_utf8_chinese());
    for encoding in [Encoding::Auto, Encoding::Gb18030, Encoding::Utf8] {
        let format = CsvFormat::default().encoding(encoding);
        let got = CsvLineItems::with_format(bom.as_bytes(), &chinese_spec(), format).unwrap();
        assert_eq!(got.rollup(1).unwrap(), want, "{encoding:?}");
    }
    // Forcing UTF-8 rejects the GBK header on line 1.
    let utf8 = CsvFormat::default().encoding(Encoding::Utf8);
    let err = CsvLineItems::with_format(SAMPLE_GBK, &chinese_spec(), utf8).unwrap_err();
    assert!(
        matches!(err, LineItemError::Csv { line: Some(1), ref message } if message.contains("UTF-8")),
        "{err:?}"
    );
}

/// Decoded GB18030 keeps a `|` delimiter apart from the second byte of 亅 (0x81 0x7C), which
/// reading the raw bytes would take for a delimiter; bad bytes in a name column are ignored
/// as in UTF-8 files, while a bad code or amount is an error naming its line and column.
#[test]
fn gbk_cells_split_and_fail_where_the_text_does() {
    let encode = |s: &str| -> Vec<u8> {
        // GBK by hand for the few characters used (no encoder in the test dependencies
        // beyond encoding_rs, which the reader uses: keep the expectation independent).
        let mut out = Vec::new();
        for c in s.chars() {
            match c {
                '亅' => out.extend_from_slice(&[0x81, 0x7C]),
                '编' => out.extend_from_slice(&[0xB1, 0xE0]),
                '码' => out.extend_from_slice(&[0xC2, 0xEB]),
                '名' => out.extend_from_slice(&[0xC3, 0xFB]),
                '金' => out.extend_from_slice(&[0xBD, 0xF0]),
                '额' => out.extend_from_slice(&[0xB6, 0xEE]),
                '\u{FFFD}' => out.push(0xFF), // a byte no GB18030 text holds
                c if c.is_ascii() => out.push(c as u8),
                c => panic!("{c} not in the test's table"),
            }
        }
        out
    };
    let spec = ColumnSpec::default().functional("编码").amounts(["金额"]);
    let format = cn_budget::lineitems::csv::CsvFormat::default().delimiter(b'|');
    let text = encode("编码|名|金额\n2010601|亅亅|1.50\n2010602|\u{FFFD}|2.25\n");
    let totals = CsvLineItems::with_format(text.as_slice(), &spec, format)
        .unwrap()
        .rollup(1)
        .unwrap();
    assert_eq!(grand_total(&totals), [dec!(3.75)]);
    let read = |s: &str| {
        CsvLineItems::with_format(encode(s).as_slice(), &spec, format)
            .unwrap()
            .rollup(1)
            .unwrap_err()
    };
    let err = read("编码|名|金额\n2010601|亅|1.50\n20106\u{FFFD}1|亅|2\n");
    assert!(
        matches!(err, LineItemError::BadCode { ref column, row: Row::Line(3), .. } if column == "编码"),
        "{err:?}"
    );
    let err = read("编码|名|金额\n2010601|亅|1.5\u{FFFD}\n");
    assert!(
        matches!(err, LineItemError::BadAmount { ref column, row: Row::Line(2), .. } if column == "金额"),
        "{err:?}"
    );
}
