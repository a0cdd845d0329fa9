//! Rolls up synthetic national-size line items on the columnar path and times it.
//!
//! `cargo run --release --example scale -- --rows N --threads T [--json] [--dump DIR]`
//!
//! Builds N rows in memory (fixed seed; codes drawn uniformly from the 2024 edition's 项;
//! three amount columns of 分, scale 2), then measures the best of 5 runs of
//! `Tree::rollup_columns` on T threads, and the best of 5 single passes that only read and
//! sum the same columns on T threads (the memory-speed floor). With `--json` it prints one
//! JSON line, a contract scripts rely on:
//! `{"rows": N, "columns": 3, "threads": T, "rollup_seconds": s, "read_seconds": s, "bytes": B}`
//! (`bytes`: the size of the input columns, 4 + 3 × 8 bytes a row). Without it, a readable
//! summary that also checks the T-thread result against the single-threaded one.
//! `--dump DIR` also writes the columns as raw little-endian files (`codes.u32`,
//! `amount0.i64`, `amount1.i64`, `amount2.i64`) for `benches/compare.py`.
//! `--csv FILE` writes N rows as a CSV file of line items instead (the same 项 and amounts,
//! with a 部门 economic 款 per row: `exp_func_code,dep_bgt_eco_code,bgt_amt,pay_amt,basic_amt`),
//! and `--parquet FILE` (feature `parquet`) the same rows as a Snappy Parquet file (codes as
//! strings, amounts as `Decimal128(18, 2)`, row groups of 1 Mi rows or `--row-group ROWS`),
//! for measuring the
//! `lineitems` readers: `cargo run --release --example lineitems -- FILE --economic department`.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use cn_budget::tree::{FixedColumn, Tree};
use cn_budget::Catalog;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

struct Options {
    rows: usize,
    threads: usize,
    json: bool,
    dump: Option<String>,
    csv: Option<String>,
    parquet: Option<String>,
    row_group: usize,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        rows: 1_000_000,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        json: false,
        dump: None,
        csv: None,
        parquet: None,
        row_group: 1 << 20,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--rows" => o.rows = parse(&value("--rows")?)?,
            "--threads" => o.threads = parse::<usize>(&value("--threads")?)?.max(1),
            "--json" => o.json = true,
            "--dump" => o.dump = Some(value("--dump")?),
            "--csv" => o.csv = Some(value("--csv")?),
            "--parquet" => o.parquet = Some(value("--parquet")?),
            "--row-group" => o.row_group = parse(&value("--row-group")?)?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(o)
}

fn parse<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.replace('_', "")
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))
}

/// The best wall time of `runs` calls of `f`.
fn best_of(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// One pass over the columns on `threads` threads, summing every value.
fn read_once(codes: &[u32], amounts: &[Vec<i64>; 3], threads: usize) -> i128 {
    let chunk = codes.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * chunk).min(codes.len())..((t + 1) * chunk).min(codes.len());
                scope.spawn(move || {
                    let mut s: i128 = codes[range.clone()].iter().map(|&c| i128::from(c)).sum();
                    for column in amounts {
                        s += column[range.clone()]
                            .iter()
                            .map(|&v| i128::from(v))
                            .sum::<i128>();
                    }
                    s
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("reader")).sum()
    })
}

fn dump(dir: &str, data: &synthetic::Columns) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let codes: Vec<u8> = data.codes.iter().flat_map(|c| c.to_le_bytes()).collect();
    std::fs::write(format!("{dir}/codes.u32"), codes)?;
    for (i, column) in data.amounts.iter().enumerate() {
        let bytes: Vec<u8> = column.iter().flat_map(|v| v.to_le_bytes()).collect();
        std::fs::write(format!("{dir}/amount{i}.i64"), bytes)?;
    }
    Ok(())
}

/// Writes the rows as a CSV file of line items.
fn write_csv(path: &str, rows: usize) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    synthetic::write_csv(rows, &mut out)?;
    std::io::Write::flush(&mut out)
}

/// Writes the rows of [`write_csv`] as a Parquet file, 64 Ki rows per batch.
#[cfg(feature = "parquet")]
fn write_parquet(
    path: &str,
    rows: usize,
    row_group: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    use arrow_array::{ArrayRef, Decimal128Array, RecordBatch, StringArray};
    use std::sync::Arc;
    let mut text = Vec::new();
    synthetic::write_csv(rows, &mut text)?;
    let text = String::from_utf8(text)?;
    let mut lines = text.lines().skip(1).peekable();
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .set_max_row_group_row_count(Some(row_group.max(1)))
        .build();
    let mut writer: Option<parquet::arrow::ArrowWriter<std::fs::File>> = None;
    while lines.peek().is_some() {
        let mut columns: [Vec<&str>; 5] = Default::default();
        for line in lines.by_ref().take(1 << 16) {
            for (column, field) in columns.iter_mut().zip(line.split(',')) {
                column.push(field);
            }
        }
        let cents = |c: &[&str]| -> Result<ArrayRef, Box<dyn std::error::Error>> {
            let values: Vec<i128> = c
                .iter()
                .map(|s| s.replace('.', "").parse())
                .collect::<Result<_, _>>()?;
            Ok(Arc::new(
                Decimal128Array::from(values).with_precision_and_scale(18, 2)?,
            ))
        };
        let batch = RecordBatch::try_from_iter([
            (
                "exp_func_code",
                Arc::new(StringArray::from(columns[0].clone())) as ArrayRef,
            ),
            (
                "dep_bgt_eco_code",
                Arc::new(StringArray::from(columns[1].clone())) as _,
            ),
            ("bgt_amt", cents(&columns[2])?),
            ("pay_amt", cents(&columns[3])?),
            ("basic_amt", cents(&columns[4])?),
        ])?;
        if writer.is_none() {
            let file = std::fs::File::create(path)?;
            writer = Some(parquet::arrow::ArrowWriter::try_new(
                file,
                batch.schema(),
                Some(props.clone()),
            )?);
        }
        writer.as_mut().expect("created above").write(&batch)?;
    }
    if let Some(w) = writer {
        w.close()?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("scale: {e}");
            eprintln!("usage: scale [--rows N] [--threads T] [--json] [--dump DIR | --csv FILE | --parquet FILE]");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &o.csv {
        if let Err(e) = write_csv(path, o.rows) {
            eprintln!("scale: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    }
    if let Some(path) = &o.parquet {
        #[cfg(feature = "parquet")]
        if let Err(e) = write_parquet(path, o.rows, o.row_group) {
            eprintln!("scale: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
        #[cfg(not(feature = "parquet"))]
        eprintln!("scale: --parquet {path} needs the `parquet` feature");
        return ExitCode::SUCCESS;
    }
    let edition = Catalog::edition(2024).expect("embedded edition");
    let tree = Tree::from_list(edition.functional());
    let data = synthetic::columns(o.rows);
    if let Some(dir) = &o.dump {
        if let Err(e) = dump(dir, &data) {
            eprintln!("scale: cannot write {dir}: {e}");
            return ExitCode::FAILURE;
        }
    }
    let columns = data
        .amounts
        .each_ref()
        .map(|values| FixedColumn::I64 { values, scale: 2 });
    let rollup = || tree.rollup_columns(&data.codes, &columns, o.threads);
    let rollup_seconds = best_of(5, || {
        black_box(rollup().expect("codes of the edition"));
    });
    let read_seconds = best_of(5, || {
        black_box(read_once(&data.codes, &data.amounts, o.threads));
    });
    let bytes = o.rows * (4 + 3 * 8);
    if o.json {
        println!(
            "{{\"rows\": {}, \"columns\": 3, \"threads\": {}, \"rollup_seconds\": {:.6}, \"read_seconds\": {:.6}, \"bytes\": {}}}",
            o.rows, o.threads, rollup_seconds, read_seconds, bytes
        );
        return ExitCode::SUCCESS;
    }
    let result = rollup().expect("codes of the edition");
    let single = tree
        .rollup_columns(&data.codes, &columns, 1)
        .expect("codes of the edition");
    let same = result.iter().eq(single.iter());
    println!(
        "{} rows × 3 columns ({:.0} MB) up {} nodes of the 2024 functional tree, {} thread(s)",
        o.rows,
        bytes as f64 / 1e6,
        tree.len(),
        o.threads
    );
    println!(
        "rollup: {:.2} ms (best of 5), {:.0} M rows/s; one read of the columns: {:.2} ms; ratio {:.2}",
        rollup_seconds * 1e3,
        o.rows as f64 / rollup_seconds / 1e6,
        read_seconds * 1e3,
        rollup_seconds / read_seconds
    );
    let total = result.grand_total();
    println!("grand total: {} / {} / {} 元", total[0], total[1], total[2]);
    println!(
        "identical to the single-threaded result: {}",
        if same { "yes" } else { "NO" }
    );
    if same {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
