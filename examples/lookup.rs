//! Look up codes of an embedded edition.
//!
//! ```text
//! cargo run --example lookup -- 2024 2010601     # 2010601<TAB>行政运行<TAB>项
//! cargo run --example lookup -- 2025 30101       # economic codes too
//! cargo run --example lookup -- 2025 --all       # every code, parents before children
//! ```
//!
//! Output: `code<TAB>name<TAB>level` (level is 类, 款 or 项). A malformed or unknown code, or
//! an unknown edition, prints a message on stderr and exits with status 1 (2 for usage).

use cn_budget::{Catalog, EconomicCode, FunctionCode};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [year, query] = args.as_slice() else {
        eprintln!("usage: lookup <year> <code>|--all");
        return ExitCode::from(2);
    };
    let Ok(year) = year.parse::<u16>() else {
        eprintln!("lookup: {year:?} is not a year");
        return ExitCode::from(2);
    };
    let catalog = match Catalog::edition(year) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("lookup: {e}");
            return ExitCode::FAILURE;
        }
    };
    if query == "--all" {
        for e in catalog.functional().iter() {
            println!("{}\t{}\t{}", e.code(), e.name(), e.level());
        }
        for e in catalog.economic().iter() {
            println!("{}\t{}\t{}", e.code(), e.name(), e.level());
        }
        return ExitCode::SUCCESS;
    }
    let found = match query.parse::<FunctionCode>() {
        Ok(code) => catalog
            .functional()
            .get(code)
            .map(|e| (e.name(), e.level())),
        Err(functional_err) => match query.parse::<EconomicCode>() {
            Ok(code) => catalog.economic().get(code).map(|e| (e.name(), e.level())),
            Err(_) => {
                eprintln!("lookup: {functional_err}");
                return ExitCode::FAILURE;
            }
        },
    };
    match found {
        Some((name, level)) => {
            println!("{}\t{name}\t{level}", query.trim());
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("lookup: code {query} is not in the {year} edition");
            ExitCode::FAILURE
        }
    }
}
