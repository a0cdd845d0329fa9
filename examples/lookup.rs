//! Look up codes of an embedded edition, by code or by name, as a person pastes them.
//!
//! ```text
//! cargo run --example lookup -- 2024 2010601     # 2010601<TAB>行政运行<TAB>项<TAB>path
//! cargo run --example lookup -- 2024 ２０１ ０６ ０１  # full-width digits, spaced codes
//! cargo run --example lookup -- 2025 30101       # economic codes too
//! cargo run --example lookup -- 2024 行政运行      # every code of that name, with its path
//! cargo run --example lookup -- 2024 --search 医疗 # every code whose name contains 医疗
//! cargo run --example lookup -- 2025 --all       # every code, parents before children
//! ```
//!
//! Output: `code<TAB>name<TAB>level<TAB>path` (level is 类, 款 or 项; the path names the
//! 类 and 款 above: 一般公共服务支出（类）人大事务（款）行政运行（项）); `--all` prints the
//! first three columns. Text that starts with a digit is read as a code (full-width digits
//! and spaces inside it are accepted, as `parse_lenient` reads them); a malformed or
//! unknown code, a name nothing is called, or an unknown edition prints a message on
//! stderr and exits with status 1 (2 for usage).

use cn_budget::catalog::{CodeList, Entry};
use cn_budget::codes::to_half_width;
use cn_budget::{Catalog, EconomicCode, FunctionCode};
use std::process::ExitCode;

const USAGE: &str = "usage: lookup <year> <code>|<name>|--search <part of a name>|--all";

/// `code<TAB>name<TAB>level<TAB>一般公共服务支出（类）人大事务（款）行政运行（项）`.
fn line<C>(list: &CodeList<C>, e: &Entry<C>) -> String
where
    C: cn_budget::codes::Code + std::fmt::Display,
{
    let path: String = list
        .path(e.code())
        .unwrap_or_else(|| vec![e])
        .iter()
        .map(|p| format!("{}（{}）", p.name(), p.level()))
        .collect();
    format!("{}\t{}\t{}\t{path}", e.code(), e.name(), e.level())
}

fn print_all(lines: &[String], what: &str) -> ExitCode {
    if lines.is_empty() {
        eprintln!("lookup: {what}");
        return ExitCode::FAILURE;
    }
    write_lines(lines.iter())
}

/// Prints lines, stopping quietly when the reader has gone (`lookup … | head`).
fn write_lines<T: std::fmt::Display>(lines: impl Iterator<Item = T>) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for l in lines {
        if writeln!(out, "{l}").is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

fn by_code(catalog: &Catalog, query: &str, year: u16) -> ExitCode {
    let (f, e) = (catalog.functional(), catalog.economic());
    let found = match FunctionCode::parse_lenient(query) {
        Ok(c) => (c.name, f.get(c.code).map(|x| line(f, x))),
        Err(functional_err) => match EconomicCode::parse_lenient(query) {
            Ok(c) => (c.name, e.get(c.code).map(|x| line(e, x))),
            Err(_) => {
                eprintln!("lookup: {functional_err}");
                return ExitCode::FAILURE;
            }
        },
    };
    match found {
        (printed, Some(l)) => {
            let name = l.split('\t').nth(1).unwrap_or("");
            if let Some(p) = printed.filter(|p| cn_budget::codes::normalize_name(p) != name) {
                eprintln!("lookup: the code is named {name} in the {year} edition, not {p}");
            }
            println!("{l}");
            ExitCode::SUCCESS
        }
        (_, None) => {
            eprintln!("lookup: code {} is not in the {year} edition", query.trim());
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((year, rest)) = args.split_first().filter(|(_, rest)| !rest.is_empty()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Ok(year) = to_half_width(year).trim().parse::<u16>() else {
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
    let (f, e) = (catalog.functional(), catalog.economic());
    match rest {
        [all] if all == "--all" => {
            let functional = f
                .iter()
                .map(|x| format!("{}\t{}\t{}", x.code(), x.name(), x.level()));
            let economic = e
                .iter()
                .map(|x| format!("{}\t{}\t{}", x.code(), x.name(), x.level()));
            write_lines(functional.chain(economic))
        }
        [flag, part @ ..] if flag == "--search" && !part.is_empty() => {
            let part = part.join(" ");
            let lines: Vec<String> = (f.search(&part).into_iter().map(|x| line(f, x)))
                .chain(e.search(&part).into_iter().map(|x| line(e, x)))
                .collect();
            print_all(
                &lines,
                &format!("no name in the {year} edition contains {part}"),
            )
        }
        [flag, ..] if flag.starts_with("--") => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
        words => {
            let query = words.join(" ");
            let starts_with_digit =
                to_half_width(query.trim_start()).starts_with(|c: char| c.is_ascii_digit());
            if starts_with_digit {
                return by_code(catalog, &query, year);
            }
            let lines: Vec<String> = (f.find_all(&query).into_iter().map(|x| line(f, x)))
                .chain(e.find_all(&query).into_iter().map(|x| line(e, x)))
                .collect();
            print_all(
                &lines,
                &format!("no code is named {query} in the {year} edition (try --search)"),
            )
        }
    }
}
