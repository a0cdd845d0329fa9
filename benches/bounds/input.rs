// The synthetic large inputs of `benches/bounds.rs` and `tests/bounds*.rs` (included by
// each): a real document repeated, as layout text and as pdfplumber JSON, and one table of
// many rows printed over many pages.

/// A corpus file's text.
#[allow(dead_code)]
fn corpus(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("corpus file")
}

/// The 上海 财政局 layout text (25 pages, 39 KB) repeated to at least `bytes` bytes, each
/// copy's pages separated by form feeds as `pdftotext` separates them.
#[allow(dead_code)]
pub fn layout_text(bytes: usize) -> String {
    let base = corpus("shanghai-putuo-caizhengju-2024.layout.txt");
    let copies = bytes / (base.len() + 1) + 1;
    let mut text = String::with_capacity(copies * (base.len() + 1));
    for _ in 0..copies {
        text.push_str(&base);
        text.push('\u{c}');
    }
    text
}

/// pdfplumber JSON of `pages` pages: the 上海 财政局 document's pages over and over.
#[allow(dead_code)]
pub fn plumber_json(pages: usize) -> String {
    let base: serde_json::Value =
        serde_json::from_str(&corpus("shanghai-putuo-caizhengju-2024.plumber.json")).expect("JSON");
    let texts = base["page_texts"].as_array().expect("page_texts");
    let tables = base["page_tables"].as_array().expect("page_tables");
    let n = texts.len();
    let texts: Vec<_> = (0..pages).map(|i| texts[i % n].clone()).collect();
    let tables: Vec<_> = (0..pages)
        .map(|i| tables.get(i % n).cloned().unwrap_or_default())
        .collect();
    serde_json::json!({ "page_texts": texts, "page_tables": tables }).to_string()
}

/// Layout text of one 支出决算表 of `rows` rows (distinct figures), `per_page` to a page,
/// its title and header repeated on every page.
#[allow(dead_code)]
pub fn table(rows: usize, per_page: usize) -> String {
    use std::fmt::Write;
    let mut s = String::from("某局2024年度部门决算\n\u{c}");
    for i in 0..rows {
        if i % per_page == 0 {
            if i > 0 {
                s.push('\u{c}');
            }
            s.push_str("                 2024 年度支出决算表\n公开03表\n单位：万元\n");
            s.push_str("科目编码      科目名称        基本支出      项目支出      合计\n");
        }
        let (yuan, fen) = (i / 100, i % 100);
        let _ = writeln!(
            s,
            "2010101      行政运行      {yuan}.{fen:02}      {yuan}.{fen:02}      {}.{fen:02}",
            2 * yuan
        );
    }
    s
}
