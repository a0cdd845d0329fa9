//! The reviewers' workflow: a directory of documents audited as a batch (summary, CSV,
//! JSON lines) and the HTML pages, parsed with an HTML parser.

use cn_budget::audit::batch::{self, BatchItem};
use cn_budget::audit::{audit, html, AuditOptions, Severity};
use cn_budget::disclosure::Document;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn text(e: ElementRef) -> String {
    e.text().collect()
}

/// A fresh directory under the target dir for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A batch directory: a document directory, an extracted text, an unreadable "PDF" and a
/// file that is no document.
fn batch_dir() -> PathBuf {
    let dir = scratch("batch");
    let doc = dir.join("hongshan");
    std::fs::create_dir_all(&doc).expect("doc dir");
    for entry in std::fs::read_dir("data/disclosures/hongshan-finance-2024").expect("read") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, doc.join(path.file_name().expect("name"))).expect("copy");
    }
    std::fs::copy(
        "tests/fixtures/corpus/shanghai-putuo-guihua-ziyuan-2024.layout.txt",
        dir.join("guihua.layout.txt"),
    )
    .expect("copy");
    std::fs::write(dir.join("broken.pdf"), b"%PDF-1.7 not really").expect("write");
    std::fs::write(dir.join("notes.md"), "not a document").expect("write");
    dir
}

fn run(paths: &[PathBuf]) -> Vec<BatchItem> {
    batch::audit_batch(paths, &AuditOptions::default(), 2, |_| {})
}

#[test]
fn a_directory_is_audited_document_by_document_and_a_broken_file_is_a_line() {
    let dir = batch_dir();
    let paths = batch::discover(&dir).expect("discover");
    let names: Vec<_> = paths.iter().map(|p| p.file_name().unwrap()).collect();
    assert_eq!(names, ["broken.pdf", "guihua.layout.txt", "hongshan"]);
    let items = run(&paths);
    assert_eq!(items.len(), 3);
    assert!(items[0].outcome.is_err());
    let guihua = items[1].outcome.as_ref().expect("guihua read");
    assert_eq!(
        guihua.report.document.department,
        "上海市普陀区规划和自然资源局"
    );
    let hongshan = items[2].outcome.as_ref().expect("hongshan read");
    // The same as auditing the document alone.
    let alone = audit(Document::embedded().unwrap(), &AuditOptions::default());
    assert_eq!(hongshan.report.findings, alone.findings);

    let text = batch::summary_text(&items);
    assert!(text.starts_with("批量审核：3 份文档，2 份已审核，1 份无法读取"));
    assert!(text.contains("broken.pdf\n   无法读取"));
    let errors = alone.count(Severity::Error);
    assert!(text.contains(&format!(
        "武汉市洪山区财政局｜2024 年度｜决算｜读表 9/9｜错误 {errors}｜"
    )));
    assert!(text.contains(&format!("   - {}", alone.findings[0].message())));

    let csv = batch::summary_csv(&items);
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    let mut reader = csv::ReaderBuilder::new().from_reader(&csv.as_bytes()[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("csv row")).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][1], "无法读取");
    assert_eq!(&rows[2][2], "武汉市洪山区财政局");
    assert_eq!(rows[2][6].parse::<usize>().unwrap(), errors);
    assert_eq!(
        &rows[2][9],
        alone.findings[0].message(),
        "quoted with its commas"
    );

    let lines: Vec<serde_json::Value> = batch::findings_jsonl(&items)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let total: usize = 1 + items[1..]
        .iter()
        .map(|i| i.outcome.as_ref().unwrap().report.findings.len())
        .sum::<usize>();
    assert_eq!(lines.len(), total);
    assert_eq!(lines[0]["document"], "broken.pdf");
    assert_eq!(lines[0]["rule"], "batch.unreadable");
    let of_hongshan = lines.iter().filter(|l| l["document"] == "hongshan");
    assert_eq!(of_hongshan.count(), alone.findings.len());
}

/// Ids are unique, every in-page link points at an element of the page, nothing is loaded
/// from outside.
fn assert_self_contained(doc: &Html) {
    let all: Vec<&str> = doc
        .select(&sel("[id]"))
        .filter_map(|e| e.attr("id"))
        .collect();
    let ids: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(ids.len(), all.len(), "ids are unique");
    for a in doc.select(&sel("a[href]")) {
        let href = a.attr("href").unwrap();
        if let Some(id) = href.strip_prefix('#') {
            assert!(ids.contains(id), "dangling link {href}");
        } else {
            assert!(!href.contains("://"), "external link {href}");
        }
    }
    assert_eq!(doc.select(&sel("script, link, img, iframe")).count(), 0);
}

#[test]
fn a_document_page_marks_each_cell_a_finding_is_about() {
    let doc = Document::embedded().unwrap();
    let report = audit(doc, &AuditOptions::default());
    let page = Html::parse_document(&html::render_document(doc, &report, "hongshan"));
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    assert_self_contained(&page);

    // 公开02表 21011 本年收入合计: 197.78 marked as an error, with its finding on hover.
    let f = report
        .findings
        .iter()
        .position(|f| f.rule.as_str() == "t02.hierarchy" && f.code() == Some("21011"))
        .unwrap();
    let finding = &report.findings[f];
    let link = page
        .select(&sel(&format!("td.hit.err a[href=\"#f{f}\"]")))
        .next()
        .expect("the cell links to its finding");
    let td = ElementRef::wrap(link.parent().unwrap().parent().unwrap()).unwrap();
    assert!(text(td).starts_with("197.78"));
    assert!(td.attr("title").unwrap().contains(&finding.message()));
    let column = td
        .prev_siblings()
        .filter(|n| n.value().is_element())
        .count();
    let table = td.ancestors().find_map(ElementRef::wrap).unwrap();
    let table = table
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "table")
        .unwrap();
    let heading = table.select(&sel("thead th")).nth(column).map(text);
    assert_eq!(heading.as_deref(), finding.column());
    // The finding, in the list of errors, links back to the cell.
    let li = page.select(&sel(&format!("li#f{f}"))).next().unwrap();
    assert_eq!(li.value().attr("class"), Some("err"));
    let back = li.select(&sel("a")).next().unwrap().attr("href").unwrap();
    assert_eq!(back, format!("#{}", td.attr("id").unwrap()));

    // Each error and warning is listed once in its section; 尾差 apart from them.
    for (section, severity) in [
        ("errors", Severity::Error),
        ("warnings", Severity::Warning),
        ("tail", Severity::Info),
    ] {
        let h2 = page.select(&sel(&format!("h2#{section}"))).next().unwrap();
        let list = h2
            .next_siblings()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "ol")
            .unwrap();
        let items: Vec<_> = list.select(&sel("li")).collect();
        assert_eq!(items.len(), report.count(severity), "{section}");
        assert!(items.iter().all(|li| li.value().attr("class")
            == Some(match severity {
                Severity::Error => "err",
                Severity::Warning => "warn",
                _ => "tail",
            })));
    }
    // Every claim is shown; the claims that findings are about are marked.
    assert_eq!(
        page.select(&sel("table.claims"))
            .next()
            .unwrap()
            .select(&sel("tbody tr"))
            .count(),
        doc.claims.len()
    );
    let narrative_errors = report
        .findings
        .iter()
        .filter(|f| {
            f.table().is_none()
                && f.rule.as_str().starts_with("n.")
                && f.severity == Severity::Error
        })
        .count();
    assert!(narrative_errors > 0);
    assert!(page.select(&sel("table.claims td.quote.hit.err")).count() > 0);
}

#[test]
fn every_error_about_a_table_row_is_on_a_cell_in_the_corpus() {
    let mut paths: Vec<PathBuf> = batch::discover(Path::new("tests/fixtures/corpus"))
        .unwrap()
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".layout.txt"))
        .collect();
    paths.push("data/disclosures/hongshan-finance-2024".into());
    assert_eq!(paths.len(), 8);
    let mut checked = 0;
    for item in run(&paths) {
        let a = item.outcome.as_ref().expect("the corpus is read");
        let page = Html::parse_document(&html::render_document(&a.document, &a.report, "x"));
        assert_self_contained(&page);
        for (i, f) in a.report.findings.iter().enumerate() {
            if f.severity != Severity::Error || f.table().is_none() || f.code().is_none() {
                continue;
            }
            let cell = page
                .select(&sel(&format!("td.hit a[href=\"#f{i}\"]")))
                .next();
            assert!(
                cell.is_some(),
                "{}: not on a cell: {}",
                item.file_name(),
                f.message()
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} errors checked");
}

#[test]
fn text_from_the_document_is_escaped() {
    let mut doc = Document::embedded().unwrap().clone();
    doc.meta.department = "<script>alert(1)</script>".into();
    doc.claims[0].quote = "\"><img src=x onerror=alert(1)>".into();
    let report = audit(&doc, &AuditOptions::default());
    let page = Html::parse_document(&html::render_document(&doc, &report, "<b>file</b>"));
    assert_eq!(page.select(&sel("script, img, b")).count(), 0);
    let h1 = text(page.select(&sel("h1")).next().unwrap());
    assert!(h1.starts_with("<script>alert(1)</script> 2024 年度"));
    let quotes: Vec<String> = page.select(&sel("td.quote")).map(text).collect();
    assert!(quotes.iter().any(|q| q.starts_with("\"><img src=x")));
}

#[test]
fn the_index_lists_documents_by_number_of_errors() {
    let dir = batch_dir();
    let items = run(&batch::discover(&dir).unwrap());
    let pages = html::render_batch(&items);
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "002-guihua_layout_txt.html",
            "003-hongshan.html",
            "index.html"
        ]
    );
    let index = Html::parse_document(&pages[2].1);
    assert_self_contained(&index);
    let rows: Vec<Vec<String>> = index
        .select(&sel("tbody tr"))
        .map(|tr| tr.select(&sel("td")).map(text).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][0], "broken.pdf", "the unreadable document first");
    assert!(rows[0][7].starts_with("无法读取"));
    let errors: Vec<usize> = rows[1..].iter().map(|r| r[4].parse().unwrap()).collect();
    assert!(errors[0] >= errors[1], "{errors:?}");
    for tr in index.select(&sel("tbody tr")).skip(1) {
        let href = tr.select(&sel("a")).next().unwrap().attr("href").unwrap();
        assert!(names.contains(&href), "{href} is a page of the batch");
    }
    for (_, page) in &pages {
        assert!(Html::parse_document(page).errors.is_empty());
    }
}
