//! Audit a 部门决算公开: every identity of its nine tables and narrative.
//!
//! ```text
//! cargo run --example audit                 # the embedded document, report in Chinese
//! cargo run --example audit -- --json       # {"document": {...}, "findings": [...]}
//! cargo run --example audit -- PATH         # a document: a PDF, PDF-extracted text
//!                                           # (pdftotext -layout), pdfplumber JSON
//!                                           # (detected from the content), or a
//!                                           # directory in the data/disclosures layout
//! cargo run --release --example audit -- DIR [--out OUT] [--html HTML] [--jobs N]
//!                                           # every document under DIR (PDF, .txt, .json,
//!                                           # document directories), in parallel: a summary
//!                                           # in Chinese on stdout, OUT/summary.csv (UTF-8
//!                                           # with BOM) and OUT/findings.jsonl (OUT defaults
//!                                           # to audit-batch); --html writes one page per
//!                                           # document and index.html into HTML
//! cargo run --example audit -- PATH PATH …  # a batch of the documents named
//! cargo run --example audit -- --disable n.share [--disable ID …] …
//!                                           # without those rules (an id that names no
//!                                           # rule is a usage error)
//! ```
//!
//! A directory with a `meta.tsv` is one document; any other directory is a batch. A
//! progress bar is drawn on stderr when stderr is a terminal.
//!
//! Exit status 0 when the audit ran, whatever it found; 1 when the input could not be read
//! (with `--json`, stdout still gets `{"document": {"kind": "预算" or ""}, "error": "...",
//! "findings": []}`); 2 for a usage error.

use cn_budget::audit::batch::{self, BatchItem};
use cn_budget::audit::{audit, AuditOptions};
use cn_budget::disclosure::Document;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: audit [--disable RULE]… [--json] [PATH]\n       \
     audit [--disable RULE]… [--out DIR] [--html DIR] [--jobs N] DIR|PATH…";

#[derive(Default)]
struct Args {
    json: bool,
    out: Option<PathBuf>,
    html: Option<PathBuf>,
    jobs: Option<usize>,
    paths: Vec<PathBuf>,
    options: AuditOptions,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--json" => a.json = true,
            "--out" => a.out = Some(value("--out")?.into()),
            "--html" => a.html = Some(value("--html")?.into()),
            "--jobs" => {
                let v = value("--jobs")?;
                a.jobs = Some(v.parse().map_err(|_| format!("--jobs {v}: not a number"))?);
            }
            "--disable" => {
                let id = value("--disable")?;
                a.options
                    .disable(&id)
                    .map_err(|e| format!("--disable: {e}"))?;
            }
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            other => a.paths.push(other.into()),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("audit: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let single = match args.paths.as_slice() {
        [] => None,
        [p] if !p.is_dir() || batch::is_document_dir(p) => Some(p.clone()),
        _ => {
            if args.json {
                eprintln!(
                    "audit: --json is for one document; a batch writes findings.jsonl\n{USAGE}"
                );
                return ExitCode::from(2);
            }
            return run_batch(&args);
        }
    };
    if args.out.is_some() || args.html.is_some() {
        return run_batch(&Args {
            paths: single.into_iter().collect(),
            ..args
        });
    }
    run_single(single.as_deref(), args.json, &args.options)
}

fn run_single(path: Option<&Path>, json: bool, options: &AuditOptions) -> ExitCode {
    let (owned, problems) = match path {
        None => (None, Vec::new()),
        Some(p) => match batch::load(p) {
            Ok((doc, problems)) => (Some(doc), problems),
            Err(e) => {
                eprintln!("audit: {}: {e}", p.display());
                if json {
                    // Scripts reading --json get an object saying why nothing was audited.
                    let kind = if e.is_budget() { "预算" } else { "" };
                    let why = serde_json::json!({
                        "document": { "kind": kind },
                        "error": e.to_string(),
                        "findings": [],
                    });
                    println!("{why}");
                }
                return ExitCode::FAILURE;
            }
        },
    };
    let doc = match &owned {
        Some(d) => d,
        None => match Document::embedded() {
            Ok(d) => d,
            Err(e) => {
                eprintln!("audit: embedded document: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let mut report = audit(doc, options);
    report.merge(problems);
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("audit: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", report.to_text());
    }
    ExitCode::SUCCESS
}

/// The documents named: each directory that is not a document directory is searched.
fn documents(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut all = Vec::new();
    for p in paths {
        if p.is_dir() && !batch::is_document_dir(p) {
            all.extend(batch::discover(p).map_err(|e| format!("{}: {e}", p.display()))?);
        } else {
            all.push(p.clone());
        }
    }
    Ok(all)
}

fn run_batch(args: &Args) -> ExitCode {
    let paths = match documents(&args.paths) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("audit: {e}");
            return ExitCode::FAILURE;
        }
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(paths.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} 份 {elapsed_precise} {wide_msg}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let started = std::time::Instant::now();
    let items = batch::audit_batch(&paths, &args.options, jobs, |p| {
        bar.set_message(
            p.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        );
        bar.inc(1);
    });
    bar.finish_and_clear();
    eprintln!(
        "audit: {} documents in {:.2} s on {jobs} threads",
        items.len(),
        started.elapsed().as_secs_f64()
    );
    print!("{}", batch::summary_text(&items));
    match write_outputs(args, &items) {
        Ok(written) => {
            for w in written {
                eprintln!("audit: wrote {}", w.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("audit: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_outputs(args: &Args, items: &[BatchItem]) -> Result<Vec<PathBuf>, String> {
    let write = |path: PathBuf, text: &str| -> Result<PathBuf, String> {
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    };
    let out = args.out.clone().unwrap_or_else(|| "audit-batch".into());
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut written = vec![
        write(out.join("summary.csv"), &batch::summary_csv(items))?,
        write(out.join("findings.jsonl"), &batch::findings_jsonl(items))?,
    ];
    if let Some(dir) = &args.html {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (page, html) in cn_budget::audit::html::render_batch(items) {
            write(dir.join(page), &html)?;
        }
        written.push(dir.join("index.html"));
    }
    Ok(written)
}
