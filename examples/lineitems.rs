//! Roll up a file of line items (CSV, or Parquet with the `parquet` feature) and print the
//! 类 and 款 totals with their names.
//!
//! ```text
//! cargo run --example lineitems        # the sample under tests/fixtures/lineitems/
//! cargo run --example lineitems -- tests/fixtures/lineitems/sample.csv --economic department
//! cargo run --example lineitems -- items.csv --amount 本年支出 --amount 基本支出 --scale 2 --edition 2024
//! cargo run --features parquet --example lineitems -- items.parquet --threads 2
//! ```
//!
//! Options: `--functional NAME` (default `exp_func_code`), `--economic department|government`
//! (reads `dep_bgt_eco_code` / `gov_bgt_eco_code` and prints the 类 × 类 crosstab of the first
//! amount column), `--amount NAME` (repeatable; default: every `…_amt` column), `--scale N`
//! (decimals of text amounts, default 2), `--edition YEAR` (check codes against that
//! edition; names come from it, 2024 by default), `--delimiter C`, `--encoding
//! auto|utf-8|gb18030` (of CSV text; `auto`, the default, tells GBK from UTF-8 by the header
//! row), `--threads T`,
//! `--ipc FILE` (also write the mergeable totals as an Arrow IPC stream; feature `arrow`).

use cn_budget::lineitems::csv::{CsvFormat, CsvLineItems, Encoding};
use cn_budget::lineitems::{ColumnSpec, Totals};
use cn_budget::{Catalog, Code, EconomicScheme, Level};
use std::error::Error;
use std::fs::File;
use std::io::BufReader;
use std::time::Instant;

const SAMPLE: &str = "tests/fixtures/lineitems/sample.csv";

struct Options {
    path: String,
    spec: ColumnSpec<'static>,
    names: &'static Catalog,
    format: CsvFormat,
    threads: usize,
    ipc: Option<String>,
}

fn options() -> Result<Options, Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut spec = ColumnSpec::default();
    let mut amounts = Vec::new();
    let (mut edition, mut check, mut format, mut threads, mut ipc) =
        (2024, false, CsvFormat::default(), 1, None);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--functional" => spec = spec.functional(value()?),
            "--economic" => {
                spec = spec.economic(match value()?.as_str() {
                    "department" | "部门" => EconomicScheme::Department,
                    "government" | "政府" => EconomicScheme::Government,
                    other => {
                        return Err(format!("--economic {other}: department or government").into())
                    }
                })
            }
            "--amount" => amounts.push(value()?),
            "--scale" => spec = spec.scale(value()?.parse()?),
            "--edition" => (edition, check) = (value()?.parse()?, true),
            "--delimiter" => {
                format = format.delimiter(
                    *value()?
                        .as_bytes()
                        .first()
                        .ok_or("--delimiter: one character")?,
                )
            }
            "--encoding" => {
                format = format.encoding(match value()?.to_lowercase().as_str() {
                    "auto" => Encoding::Auto,
                    "utf-8" | "utf8" => Encoding::Utf8,
                    "gb18030" | "gbk" | "gb2312" => Encoding::Gb18030,
                    other => {
                        return Err(format!("--encoding {other}: auto, utf-8 or gb18030").into())
                    }
                })
            }
            "--threads" => threads = value()?.parse()?,
            "--ipc" => ipc = Some(value()?),
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}").into()),
            _ => path = Some(arg),
        }
    }
    if !amounts.is_empty() {
        spec = spec.amounts(amounts);
    }
    let names = Catalog::edition(edition)?;
    if check {
        spec = spec.edition(names);
    }
    // Without a file: the small synthetic sample (real 2024 codes, random amounts).
    let path = path.unwrap_or_else(|| SAMPLE.to_owned());
    Ok(Options {
        path,
        spec,
        names,
        format,
        threads,
        ipc,
    })
}

fn read(o: &Options) -> Result<Totals, Box<dyn Error>> {
    if o.path.ends_with(".parquet") {
        #[cfg(feature = "parquet")]
        return Ok(cn_budget::lineitems::parquet::rollup_parquet(
            File::open(&o.path)?,
            &o.spec,
            o.threads,
        )?);
        #[cfg(not(feature = "parquet"))]
        return Err("reading Parquet needs the `parquet` feature (--features parquet)".into());
    }
    let file = BufReader::with_capacity(1 << 20, File::open(&o.path)?);
    Ok(CsvLineItems::with_format(file, &o.spec, o.format)?.rollup(o.threads)?)
}

fn main() -> Result<(), Box<dyn Error>> {
    let o = options()?;
    let start = Instant::now();
    let totals = read(&o)?;
    let seconds = start.elapsed().as_secs_f64();
    let tree = totals.tree();
    let rollup = totals.rollup(&tree)?;
    let functional = o.names.functional();
    println!("{}: {} rows in {seconds:.3} s", o.path, totals.rows());
    println!("code\tlevel\tname\t{}", totals.columns().join("\t"));
    for (code, amounts) in rollup.iter().filter(|(c, _)| c.level() != Level::Item) {
        let name = functional.name(code).unwrap_or("（不在所选版本中）");
        let amounts: Vec<String> = amounts.iter().map(ToString::to_string).collect();
        println!(
            "{code}\t{}\t{name}\t{}",
            code.level().name(),
            amounts.join("\t")
        );
    }
    let grand: Vec<String> = rollup
        .grand_total()
        .iter()
        .map(ToString::to_string)
        .collect();
    println!("合计\t\t\t{}", grand.join("\t"));
    if let Some((scheme, _)) = totals.economic() {
        let economics = totals.economic_tree();
        let table = totals
            .crosstab(0, &tree, &economics)
            .expect("an economic column")?;
        println!(
            "\n支出功能分类 × {}（{}）",
            scheme.name(),
            totals.columns()[0]
        );
        let classes = |codes: &[cn_budget::EconomicCode]| -> Vec<cn_budget::EconomicCode> {
            codes
                .iter()
                .copied()
                .filter(|c| c.level() == Level::Class)
                .collect()
        };
        let columns = classes(economics.codes());
        let header: Vec<String> = columns.iter().map(ToString::to_string).collect();
        println!("类\t{}", header.join("\t"));
        for f in tree.codes().iter().filter(|c| c.level() == Level::Class) {
            let cells: Vec<String> = columns
                .iter()
                .map(|e| table.get(*f, *e).map(|d| d.to_string()).unwrap_or_default())
                .collect();
            println!("{f}\t{}", cells.join("\t"));
        }
    }
    if let Some(path) = &o.ipc {
        #[cfg(feature = "arrow")]
        totals.write_ipc(std::io::BufWriter::new(File::create(path)?))?;
        #[cfg(not(feature = "arrow"))]
        return Err(format!("--ipc {path}: writing Arrow IPC needs the `arrow` feature").into());
    }
    Ok(())
}
