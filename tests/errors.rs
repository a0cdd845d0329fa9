//! Errors keep what they know: the system's `io::Error` as the source, JSON paths and row
//! numbers as typed fields, and an amount's own error rather than a blanket "overflow".

use cn_budget::audit::batch::{self, LoadError};
use cn_budget::catalog::EditionError;
use cn_budget::check::{Blocker, Table, TableError};
use cn_budget::disclosure::{DisclosureError, DocumentFiles};
use cn_budget::ingest::{ingest, IngestError};
use cn_budget::{AmountError, Catalog, FunctionCode};
use std::error::Error;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A fresh directory under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cn-budget-errors-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir
}

/// The `io::Error` at the end of an error's source chain, and how many links lead to it.
fn io_source<'a>(err: &'a (dyn Error + 'static)) -> Option<(&'a io::Error, usize)> {
    let mut next = err.source();
    let mut depth = 1;
    while let Some(e) = next {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            return Some((io, depth));
        }
        if let Some(io) = e.downcast_ref::<Arc<io::Error>>() {
            return Some((io, depth));
        }
        next = e.source();
        depth += 1;
    }
    None
}

#[test]
fn an_unreadable_document_file_keeps_the_io_error_as_its_source() {
    let dir = scratch("read");
    // A directory where meta.tsv should be: it exists but cannot be read as text.
    let meta = dir.join("meta.tsv");
    std::fs::create_dir(&meta).unwrap();
    let expected = std::fs::read_to_string(&meta).unwrap_err();

    let err = DocumentFiles::read_dir(&dir).unwrap_err();
    let DisclosureError::Io { path, source } = &err else {
        panic!("not an Io error: {err:?}")
    };
    assert_eq!(path, &meta);
    assert_eq!(source.kind(), expected.kind());
    let (io, depth) = io_source(&err).expect("the io::Error is in the source chain");
    assert_eq!(depth, 1);
    assert_eq!(io.to_string(), expected.to_string());
    assert_eq!(io.kind(), expected.kind());
    // The message still names the file and the system's reason.
    let text = err.to_string();
    assert!(text.contains(&meta.display().to_string()), "{text}");
    assert!(text.contains(&expected.to_string()), "{text}");
    // Clones share the source.
    let copy = err.clone();
    assert_eq!(copy.to_string(), text);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unwritable_document_directory_keeps_the_io_error_as_its_source() {
    let dir = scratch("write");
    let file = dir.join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    // A directory cannot be created under a file.
    let target = file.join("doc");
    let err = DocumentFiles::embedded().write_dir(&target).unwrap_err();
    let DisclosureError::Io { path, .. } = &err else {
        panic!("not an Io error: {err:?}")
    };
    assert_eq!(path, &target);
    let (io, _) = io_source(&err).expect("the io::Error is in the source chain");
    assert_eq!(
        io.kind(),
        std::fs::create_dir_all(&target).unwrap_err().kind()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_batch_file_keeps_its_path_and_io_error() {
    let missing = Path::new("no/such/dir/report.pdf");
    let err = batch::load(missing).unwrap_err();
    let LoadError::Io { path, source } = &err else {
        panic!("not an Io error: {err:?}")
    };
    assert_eq!(path, missing);
    assert_eq!(source.kind(), io::ErrorKind::NotFound);
    let (io, depth) = io_source(&err).expect("the io::Error is in the source chain");
    assert_eq!((io.kind(), depth), (io::ErrorKind::NotFound, 1));
    assert!(err.to_string().contains("no/such/dir/report.pdf"), "{err}");
}

#[test]
fn json_errors_name_the_path_of_the_offending_value() {
    let cases = [
        (r#"{"page_texts": 1, "page_tables": []}"#, "page_texts"),
        (r#"{"page_tables": []}"#, "page_texts"),
        (
            r#"{"page_texts": [null, 7], "page_tables": []}"#,
            "page_texts[1]",
        ),
        (
            r#"{"page_texts": [], "page_tables": [[], 1]}"#,
            "page_tables[1]",
        ),
        (
            r#"{"page_texts": [], "page_tables": [[null, 2]]}"#,
            "page_tables[0][1]",
        ),
        (
            r#"{"page_texts": [], "page_tables": [[[["a"], 3]]]}"#,
            "page_tables[0][0][1]",
        ),
        (
            r#"{"page_texts": [], "page_tables": [[[["a", true]]]]}"#,
            "page_tables[0][0][0][1]",
        ),
    ];
    for (input, expected) in cases {
        match ingest(input) {
            Err(IngestError::Json {
                path, line, column, ..
            }) => {
                assert_eq!(path, expected, "{input}");
                assert_eq!((line, column), (None, None), "{input} parses as JSON");
            }
            other => panic!("{input}: {other:?}"),
        }
    }
}

#[test]
fn json_syntax_errors_carry_line_and_column() {
    let input = "{\"page_texts\": [],\n\"page_tables\": [\n  [1,,]\n]}";
    let err = ingest(input).unwrap_err();
    let IngestError::Json {
        path, line, column, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    let expected = serde_json::from_str::<serde_json::Value>(input).unwrap_err();
    assert_eq!(path, "");
    assert_eq!(*line, Some(expected.line()));
    assert_eq!(*column, Some(expected.column()));
    assert_eq!(*line, Some(3));
    assert!(err.to_string().contains("line 3"), "{err}");
}

#[test]
fn table_errors_carry_the_row_index_as_a_number() {
    let mut t: Table<FunctionCode> = Table::new("公开05表", ["小计", "基本支出", "项目支出"]);
    t.push("201".parse().unwrap(), None, vec![None, None, None])
        .unwrap();
    let err = t
        .push("20101".parse().unwrap(), None, vec![None])
        .unwrap_err();
    assert!(
        matches!(&err, TableError::CellCount { row: Some(1), code, expected: 3, found: 1, .. } if code == "20101"),
        "{err:?}"
    );
    let err = t.set_total(vec![None; 2]).unwrap_err();
    assert!(
        matches!(
            err,
            TableError::CellCount {
                row: None,
                expected: 3,
                found: 2,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn amount_errors_are_not_all_overflow() {
    assert_eq!(Blocker::from(AmountError::Overflow), Blocker::Overflow);
    let empty = AmountError::EmptyInterval {
        lo: 2.into(),
        hi: 1.into(),
    };
    let blocker = Blocker::from(empty.clone());
    assert_eq!(blocker, Blocker::Amount(empty.clone()));
    assert_eq!(blocker.to_string(), empty.to_string());
    let range = AmountError::DecimalsOutOfRange { decimals: 40 };
    assert_eq!(Blocker::from(range.clone()), Blocker::Amount(range));
}

#[test]
fn an_unknown_edition_lists_the_embedded_years_as_numbers() {
    let err = Catalog::edition(1999).unwrap_err();
    assert_eq!(
        err,
        EditionError::Unknown {
            year: 1999,
            available: Catalog::EDITIONS
        }
    );
    assert!(err.source().is_none());
}
