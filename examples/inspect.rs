//! See what the reader makes of a document, before any audit: the tables it found, with the
//! column labels taken from each table's own header and the rows of cells under them, the
//! claims read from its narrative, or the positioned lines of one PDF page.
//!
//! ```text
//! cargo run --example inspect -- FILE            # tables: PDF, layout text or pdfplumber JSON
//! cargo run --example inspect -- FILE --claims   # the narrative's claims, as the audit binds them
//! cargo run --example inspect -- FILE.pdf 12     # the lines of page 12 with their positions
//! ```
//!
//! Exit status 0 when the file was read, 1 when it could not be, 2 for a usage error.

use std::process::ExitCode;

const USAGE: &str = "usage: inspect FILE [PAGE | --claims]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("inspect: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if args.get(1).map(String::as_str) == Some("--claims") {
        return claims(path, &bytes);
    }
    match args.get(1).map(|p| p.parse::<usize>()) {
        None => tables(path, &bytes),
        Some(Ok(page)) => lines(path, &bytes, page),
        Some(Err(_)) => {
            eprintln!("inspect: PAGE must be a number\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Prints every table found: its id, title, page, headings, column labels, rows, trailer.
fn tables(path: &str, bytes: &[u8]) -> ExitCode {
    let (raw, problems) = match cn_budget::ingest::split_bytes(bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("inspect: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    for t in &raw.tables {
        let id = t.id.map_or("?".to_owned(), |id| id.to_string());
        println!("== {id} 「{}」 第{}页", t.title, t.page);
        for h in &t.heading {
            println!("   heading: {h}");
        }
        println!("   columns: {}", t.columns.join(" | "));
        for r in &t.rows {
            println!("   {}", r.join(" | "));
        }
        for l in &t.trailer {
            println!("   trailer: {l}");
        }
    }
    println!(
        "front: {} lines; narrative: {} lines",
        raw.front.len(),
        raw.narrative.len()
    );
    for p in problems {
        println!("{}", p.message());
    }
    ExitCode::SUCCESS
}

/// Prints every claim read from the narrative: its id and section, subject, measure, value,
/// base and direction, and the quoted sentence; then the sentences with figures left unread.
fn claims(path: &str, bytes: &[u8]) -> ExitCode {
    let ingested = match cn_budget::ingest::ingest_bytes(bytes) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("inspect: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    for c in &ingested.document.claims {
        let value = c.value.as_deref().unwrap_or("—");
        let base =
            c.of.as_ref()
                .map_or(String::new(), |b| format!(" 比较基准 {b}"));
        let word = c.word.map_or(String::new(), |w| format!(" {}", w.word()));
        println!(
            "{} [{}] {} {} {value}{word}{base}\n      「{}」",
            c.id,
            c.section,
            c.subject,
            c.measure.label(),
            c.quote
        );
    }
    let unread: Vec<_> = ingested
        .problems
        .iter()
        .filter(|f| f.rule.as_str() == "ingest.claim")
        .collect();
    println!(
        "{} claims; {} sentences with figures not read",
        ingested.document.claims.len(),
        unread.len()
    );
    for f in unread {
        println!("  {f}");
    }
    ExitCode::SUCCESS
}

/// Prints the lines of one page of a PDF: baseline, then each span's edges and text.
#[cfg(feature = "pdf")]
fn lines(path: &str, bytes: &[u8], page: usize) -> ExitCode {
    let read = match cn_budget::ingest::pdf::read(bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("inspect: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(p) = read.pages.iter().find(|p| p.number == page) else {
        eprintln!("inspect: {path} has {} pages", read.pages.len());
        return ExitCode::from(2);
    };
    for l in &p.lines {
        let spans: Vec<String> = l
            .spans
            .iter()
            .map(|s| format!("[{:.0}–{:.0} {}]", s.x0, s.x1, s.text))
            .collect();
        println!("{:7.1}  {}", l.y, spans.join(" "));
    }
    ExitCode::SUCCESS
}

#[cfg(not(feature = "pdf"))]
fn lines(_: &str, _: &[u8], _: usize) -> ExitCode {
    eprintln!("inspect: reading PDF pages needs the `pdf` feature");
    ExitCode::from(2)
}
