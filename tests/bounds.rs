//! The bounds on inputs (`ingest::Limits` and the fixed bounds of amounts, catalogs and
//! document files): each is reached at its value and passed one above it, with an error
//! naming the bound, its value and what the input has; a decompression bomb is bounded.
//! Large inputs (a 100 MB text, a 10,000-page JSON, a million-row table) are read by the
//! `#[ignore]`d tests at the end (`cargo test --release --test bounds -- --ignored`) and
//! timed by `cargo bench --bench bounds`.

use cn_budget::amount::MAX_AMOUNT_DIGITS;
use cn_budget::catalog::{LoadError, CODE_HEADER, MAX_CATALOG_LINES, MAX_CATALOG_LINE_BYTES};
use cn_budget::disclosure::{DisclosureError, DocumentFiles, MAX_FILE_BYTES};
use cn_budget::ingest::pdf::{read_with, PdfError, PdfWarning};
use cn_budget::ingest::{ingest_bytes_with, ingest_with, IngestError, Limit, Limits};
use cn_budget::{Amount, AmountError, Catalog, Unit};
use lopdf::{dictionary, Document, Object, Stream};

/// Whether `result` is an [`IngestError::OverLimit`] for `limit` with these values.
fn over<T>(result: Result<T, IngestError>, limit: Limit, max: usize, actual: usize) -> bool {
    matches!(result, Err(IngestError::OverLimit { limit: l, max: m, actual: a, .. })
        if l == limit && m == max && a == actual)
}

/// Whether `result` is not an [`IngestError::OverLimit`] (it may be another error: the
/// inputs here are not documents).
fn within<T>(result: Result<T, IngestError>) -> bool {
    !matches!(result, Err(IngestError::OverLimit { .. }))
}

/// Layout text: `pages` pages of `lines` lines of `spans` spans each.
fn layout(pages: usize, lines: usize, spans: usize) -> String {
    let line = vec!["cell"; spans].join("   ");
    let page = format!("{line}\n").repeat(lines);
    vec![page; pages].join("\u{c}")
}

#[test]
fn input_bytes() {
    let text = layout(1, 2, 2);
    let n = text.len();
    let at = Limits {
        input_bytes: n,
        ..Limits::default()
    };
    assert!(within(ingest_with(&text, &at)));
    assert!(within(ingest_bytes_with(text.as_bytes(), &at)));
    let below = Limits {
        input_bytes: n - 1,
        ..Limits::default()
    };
    assert!(over(
        ingest_with(&text, &below),
        Limit::InputBytes,
        n - 1,
        n
    ));
    let bytes = ingest_bytes_with(text.as_bytes(), &below);
    assert!(over(bytes, Limit::InputBytes, n - 1, n));
}

#[test]
fn pages_lines_and_spans_of_layout_text() {
    let limits = Limits {
        pages: 3,
        lines_per_page: 4,
        spans_per_line: 5,
        ..Limits::default()
    };
    assert!(within(ingest_with(&layout(3, 4, 5), &limits)));
    assert!(over(
        ingest_with(&layout(4, 4, 5), &limits),
        Limit::Pages,
        3,
        4
    ));
    assert!(over(
        ingest_with(&layout(3, 5, 5), &limits),
        Limit::LinesPerPage,
        4,
        5
    ));
    let err = ingest_with(&layout(3, 4, 6), &limits).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the input has 6 spans on a line, over the limit of 5 (第1页第1行)"
    );
}

/// pdfplumber JSON of `pages` pages, the first with a table of `rows` rows of `cells`
/// cells.
fn json(pages: usize, rows: usize, cells: usize) -> String {
    let row = format!("[{}]", vec!["\"1.00\""; cells].join(","));
    let table = format!("[{}]", vec![row; rows].join(","));
    let mut tables = vec!["[]".to_string(); pages];
    tables[0] = format!("[{table}]");
    let texts = vec!["\"\""; pages].join(",");
    format!(
        "{{\"page_texts\": [{texts}], \"page_tables\": [{}]}}",
        tables.join(",")
    )
}

#[test]
fn pages_rows_and_cells_of_pdfplumber_json() {
    let limits = Limits {
        pages: 3,
        rows_per_table: 4,
        cells_per_row: 5,
        ..Limits::default()
    };
    assert!(within(ingest_with(&json(3, 4, 5), &limits)));
    assert!(over(
        ingest_with(&json(4, 4, 5), &limits),
        Limit::Pages,
        3,
        4
    ));
    assert!(over(
        ingest_with(&json(3, 5, 5), &limits),
        Limit::RowsPerTable,
        4,
        5
    ));
    let err = ingest_with(&json(3, 4, 6), &limits).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the input has 6 cells in a row, over the limit of 5 (第1页第1行)"
    );
}

#[test]
fn rows_of_a_table_read_from_layout_text() {
    // A table of one header and `n` rows of figures under its title.
    let table = |n: usize| {
        let mut s = String::from("2024 年度收入决算表\n科目编码    科目名称    本年收入合计\n");
        for i in 0..n {
            s.push_str(&format!("2010101    行政运行    {i}.00\n"));
        }
        s
    };
    let rows = |n: usize| {
        cn_budget::ingest::split(&table(n)).unwrap().tables[0]
            .rows
            .len()
    };
    // The header's labels are a row of the raw table too.
    let n = rows(10);
    assert_eq!(n, 11);
    let at = Limits {
        rows_per_table: n,
        ..Limits::default()
    };
    assert!(within(ingest_with(&table(10), &at)));
    assert!(over(
        ingest_with(&table(11), &at),
        Limit::RowsPerTable,
        n,
        n + 1
    ));
}

#[test]
fn json_nesting_is_bounded_by_serde_json_recursion_limit() {
    // serde_json's recursion limit (128) allows 127 levels of nesting; the format needs
    // five (the object, pages, tables, rows, cells).
    let nested = |depth: usize| {
        // The top-level object is one level; `page_tables` holds depth - 1 arrays.
        let arrays = depth - 1;
        format!(
            "{{\"page_texts\": [], \"page_tables\": {}{}}}",
            "[".repeat(arrays),
            "]".repeat(arrays)
        )
    };
    let reason = |depth: usize| match cn_budget::ingest::split(&nested(depth)) {
        Err(IngestError::Json { reason, .. }) => reason,
        other => panic!("{other:?}"),
    };
    assert!(!reason(127).contains("recursion limit"), "{}", reason(127));
    assert!(
        reason(128).contains("recursion limit exceeded"),
        "{}",
        reason(128)
    );
    // Far deeper nesting is the same error, not a stack overflow.
    assert!(reason(1_000_000).contains("recursion limit exceeded"));
}

#[test]
fn digits_of_an_amount() {
    let at = format!("{}.5", "1".repeat(MAX_AMOUNT_DIGITS - 1));
    assert!(!matches!(
        Amount::parse(&at, Unit::Yuan),
        Err(AmountError::DigitsOverLimit { .. })
    ));
    let full_width = "１".repeat(MAX_AMOUNT_DIGITS + 1);
    assert_eq!(
        Amount::parse(&full_width, Unit::Yuan),
        Err(AmountError::DigitsOverLimit {
            digits: MAX_AMOUNT_DIGITS + 1,
            max: MAX_AMOUNT_DIGITS
        })
    );
    // A hostile cell of ten million digits is refused by counting, without a copy.
    let huge = "9".repeat(10_000_000);
    assert_eq!(
        Amount::parse(&huge, Unit::Yuan),
        Err(AmountError::DigitsOverLimit {
            digits: 10_000_000,
            max: MAX_AMOUNT_DIGITS
        })
    );
}

#[test]
fn catalog_lines_and_line_length() {
    let comments = |n: usize| format!("{CODE_HEADER}\n{}", "#\n".repeat(n));
    assert!(Catalog::from_tsv("mine", &comments(MAX_CATALOG_LINES - 1), "", "").is_ok());
    assert_eq!(
        Catalog::from_tsv("mine", &comments(MAX_CATALOG_LINES), "", "").unwrap_err(),
        LoadError::TooManyLines {
            file: "functional",
            max: MAX_CATALOG_LINES
        }
    );
    let line = |bytes: usize| {
        let head = "201\t一般公共服务支出\t类\t\tgeneral\t";
        format!("{CODE_HEADER}\n{head}{}\n", "#".repeat(bytes - head.len()))
    };
    // At the bound the line is read (and its flags field refused).
    let at = Catalog::from_tsv("mine", &line(MAX_CATALOG_LINE_BYTES), "", "").unwrap_err();
    assert!(matches!(at, LoadError::Field { line: 2, .. }), "{at:?}");
    assert_eq!(
        Catalog::from_tsv("mine", &line(MAX_CATALOG_LINE_BYTES + 1), "", "").unwrap_err(),
        LoadError::LineTooLong {
            file: "functional",
            line: 2,
            bytes: MAX_CATALOG_LINE_BYTES + 1,
            max: MAX_CATALOG_LINE_BYTES
        }
    );
}

#[test]
fn files_of_a_document_directory() {
    let dir = std::env::temp_dir().join(format!("cn-budget-bounds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = std::fs::File::create(dir.join("claims.tsv")).unwrap();
    // A sparse file: no disk is used for its zeros.
    file.set_len(MAX_FILE_BYTES).unwrap();
    let read = DocumentFiles::read_dir(&dir).unwrap();
    assert_eq!(read.claims.map(|c| c.len() as u64), Some(MAX_FILE_BYTES));
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let err = DocumentFiles::read_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(
        err,
        DisclosureError::TooLarge { bytes, max, .. } if bytes == MAX_FILE_BYTES + 1 && max == MAX_FILE_BYTES
    ));
}

/// A one-page PDF whose content stream (FlateDecode) shows 「Hello」 and is padded with
/// spaces to `size` bytes when decoded.
fn pdf(size: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut content = b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET".to_vec();
    content.resize(size, b' ');
    let mut stream = Stream::new(dictionary! {}, content);
    stream.compress().unwrap();
    let content_id = doc.add_object(stream);
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_decompression_bomb_in_a_content_stream_is_not_decoded() {
    const MIB: usize = 1 << 20;
    let limits = Limits {
        pdf_stream_bytes: MIB,
        ..Limits::default()
    };
    let at = read_with(&pdf(MIB), &limits).unwrap();
    assert_eq!(at.pages[0].text(), "Hello\n");
    // 32 MiB of content compressed to some 32 KB.
    let bomb = pdf(32 * MIB);
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    assert_eq!(
        read_with(&bomb, &limits).unwrap_err(),
        PdfError::NoText {
            pages: 1,
            scanned: vec![]
        }
    );
    // With the default bound (64 MiB) it is read.
    assert_eq!(
        read_with(&bomb, &Limits::default()).unwrap().pages[0].text(),
        "Hello\n"
    );
}

#[test]
fn pdf_objects_and_pages() {
    let bytes = pdf(100);
    let objects = Document::load_mem(&bytes).unwrap().objects.len();
    let at = Limits {
        pdf_objects: objects,
        pages: 1,
        ..Limits::default()
    };
    assert!(read_with(&bytes, &at).is_ok());
    let fewer = Limits {
        pdf_objects: objects - 1,
        ..Limits::default()
    };
    assert_eq!(
        read_with(&bytes, &fewer).unwrap_err(),
        PdfError::OverLimit {
            limit: Limit::PdfObjects,
            max: objects - 1,
            actual: objects
        }
    );
    let none = Limits {
        pages: 0,
        ..Limits::default()
    };
    assert!(matches!(
        read_with(&bytes, &none),
        Err(PdfError::OverLimit {
            limit: Limit::Pages,
            ..
        })
    ));
    // Through ingest the bound is an ingest error like any other.
    assert!(over(
        ingest_bytes_with(&bytes, &fewer),
        Limit::PdfObjects,
        objects - 1,
        objects
    ));
}

#[test]
fn glyphs_and_operations_of_a_page_are_bounded_and_reported() {
    let bytes = pdf(100);
    // 「Hello」: five glyphs, five operations (BT Tf Td Tj ET).
    let glyphs = |n: usize| Limits {
        pdf_glyphs_per_page: n,
        ..Limits::default()
    };
    let at = read_with(&bytes, &glyphs(5)).unwrap();
    assert!(at.warnings.is_empty());
    let over = read_with(&bytes, &glyphs(4)).unwrap();
    assert_eq!(over.pages[0].text(), "Hell\n");
    assert_eq!(
        over.warnings,
        [PdfWarning::UnreadableContent {
            page: 1,
            reason: "more than 4 glyphs shown; the rest is not read".into()
        }]
    );
    let operations = |n: usize| Limits {
        pdf_operations_per_page: n,
        ..Limits::default()
    };
    assert!(read_with(&bytes, &operations(5))
        .unwrap()
        .warnings
        .is_empty());
    // Without the Tj, the page has no text.
    assert!(matches!(
        read_with(&bytes, &operations(3)),
        Err(PdfError::NoText { .. })
    ));
}

/// The synthetic large inputs, shared with the bench.
mod input {
    include!("../benches/bounds/input.rs");
}

#[test]
#[ignore = "a 100 MB input: run with --release (cargo test --release --test bounds -- --ignored)"]
fn a_100_mb_text_is_read() {
    let text = input::layout_text(100_000_000);
    let raw = cn_budget::ingest::split(&text).unwrap();
    assert_eq!(raw.tables.len(), 9);
    let ingested = cn_budget::ingest::assemble(&raw).unwrap();
    assert_eq!(ingested.document.meta.year, 2024);
}

#[test]
#[ignore = "a 10,000-page JSON: run with --release"]
fn a_10000_page_json_is_read() {
    let ingested = cn_budget::ingest::ingest(&input::plumber_json(10_000)).unwrap();
    assert_eq!(ingested.document.meta.year, 2024);
}

#[test]
#[ignore = "a table of a million rows: run with --release"]
fn a_million_row_table_is_read() {
    let raw = cn_budget::ingest::split(&input::table(1_000_000, 50)).unwrap();
    // A row per printed row, and the header's labels once.
    assert_eq!(raw.tables[0].rows.len(), 1_000_001);
    assert!(cn_budget::ingest::assemble(&raw).is_ok());
}
