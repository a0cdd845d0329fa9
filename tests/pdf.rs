//! Reading PDFs: small documents built here with lopdf cover the font cases (Identity-H with
//! ToUnicode, GBK-EUC-H without it, WinAnsi simple fonts), positions, spans and lines, page
//! rotation, Form XObjects, invisible text, and the refused inputs; the corpus test checks
//! every code row that `pdftotext -layout` shows in the real documents.

use std::collections::BTreeMap;
use std::path::Path;

use cn_budget::ingest::pdf::{read, PdfError, PdfPages, PdfWarning};
use cn_budget::ingest::Page;
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

/// The characters of the test CJK font; a character's glyph id is its index plus one.
const CJK: &str = "年度收入决算表行政运行合计信息网络及软件购置 ";

/// Helvetica-like widths of the WinAnsi test font (thousandths of an em).
fn latin_width(c: char) -> f32 {
    match c {
        '0'..='9' => 556.0,
        ',' | '.' | ' ' => 278.0,
        _ => 600.0,
    }
}

/// The width of `text` in the WinAnsi test font at `size`.
fn latin(text: &str, size: f32) -> f32 {
    text.chars().map(latin_width).sum::<f32>() * size / 1000.0
}

/// `text` as a hex string of the CJK font's two-byte glyph ids.
fn cids(text: &str) -> String {
    let codes: Vec<String> = text
        .chars()
        .map(|c| {
            let i = CJK
                .chars()
                .position(|k| k == c)
                .expect("character of the test font");
            format!("{:04X}", i + 1)
        })
        .collect();
    format!("<{}>", codes.join(""))
}

/// `text` as a hex string of its GBK bytes.
fn gbk(text: &str) -> String {
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
    format!("<{hex}>")
}

/// A PDF under construction: pages sharing one resource dictionary of fonts.
struct Builder {
    doc: Document,
    pages_id: ObjectId,
    kids: Vec<Object>,
    resources: Dictionary,
}

impl Builder {
    fn new() -> Builder {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let mut b = Builder {
            doc,
            pages_id,
            kids: Vec::new(),
            resources: Dictionary::new(),
        };
        let fonts = dictionary! {
            "F1" => b.cjk_font(),
            "F2" => b.latin_font(),
            "F3" => b.gbk_font(),
            "F4" => b.unmapped_font(),
        };
        b.resources.set("Font", fonts);
        b
    }

    /// Type0, Identity-H, with a ToUnicode map (bfchar and bfrange) and /W widths.
    fn cjk_font(&mut self) -> ObjectId {
        let mut chars = String::new();
        let all: Vec<char> = CJK.chars().collect();
        // The first two characters by a bfrange (consecutive code points are not needed:
        // an array target), the rest by bfchar.
        let ranges = format!(
            "1 beginbfrange\n<0001> <0002> [<{:04X}> <{:04X}>]\nendbfrange\n",
            u32::from(all[0]),
            u32::from(all[1])
        );
        for (i, c) in all.iter().enumerate().skip(2) {
            chars.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, u32::from(*c)));
        }
        let cmap = format!(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{ranges}\
             {} beginbfchar\n{chars}endbfchar\nendcmap\nend\nend\n",
            all.len() - 2
        );
        let to_unicode = self
            .doc
            .add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
        let space = all.len() as i64; // the glyph id of the space
        let descendant = self.doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => "TestSong",
            "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
            "DW" => 1000,
            "W" => vec![space.into(), vec![Object::Integer(500)].into()],
        });
        self.doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "TestSong",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![descendant.into()],
            "ToUnicode" => to_unicode,
        })
    }

    /// A simple font with WinAnsi encoding and /Widths.
    fn latin_font(&mut self) -> ObjectId {
        let widths: Vec<Object> = (32u8..=255)
            .map(|b| Object::Real(latin_width(char::from(b))))
            .collect();
        self.doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "TrueType",
            "BaseFont" => "TestSans",
            "Encoding" => "WinAnsiEncoding",
            "FirstChar" => 32,
            "Widths" => widths,
        })
    }

    /// Type0 with the predefined GBK-EUC-H CMap, no ToUnicode: half-width ASCII by /W (glyph
    /// ids 814–907 for `!`–`~`, 7716 for the space, as Adobe-GB1 numbers them).
    fn gbk_font(&mut self) -> ObjectId {
        let half: Vec<Object> = (0..94).map(|_| Object::Integer(500)).collect();
        let descendant = self.doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => "FangSong",
            "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("GB1"), "Supplement" => 2 },
            "DW" => 1000,
            "W" => vec![814.into(), half.into(), 7716.into(), vec![Object::Integer(500)].into()],
        });
        self.doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "FangSong",
            "Encoding" => "GBK-EUC-H",
            "DescendantFonts" => vec![descendant.into()],
        })
    }

    /// Type0 Identity-H without ToUnicode: its glyphs cannot be decoded.
    fn unmapped_font(&mut self) -> ObjectId {
        let descendant = self.doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => "NoMap",
        });
        self.doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "NoMap",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![descendant.into()],
        })
    }

    /// A 1×1 grey image.
    fn image(&mut self) -> ObjectId {
        self.doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
            vec![128],
        ))
    }

    /// Adds an A4 page with this content, XObjects and extra page entries.
    fn page(&mut self, content: &str, xobjects: Dictionary, extra: Dictionary) {
        let contents = self
            .doc
            .add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let mut resources = self.resources.clone();
        resources.set("XObject", xobjects);
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => resources,
            "Contents" => contents,
        };
        for (k, v) in extra.iter() {
            page.set(k.clone(), v.clone());
        }
        self.kids.push(self.doc.add_object(page).into());
    }

    fn document(mut self) -> Document {
        let count = self.kids.len() as i64;
        self.doc.objects.insert(
            self.pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => self.kids, "Count" => count },
            ),
        );
        let catalog = self
            .doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => self.pages_id });
        self.doc.trailer.set("Root", catalog);
        self.doc.trailer.set(
            "ID",
            vec![
                Object::string_literal(b"0123456789abcdef".to_vec()),
                Object::string_literal(b"fedcba9876543210".to_vec()),
            ],
        );
        self.doc
    }

    fn finish(self) -> Vec<u8> {
        save(self.document())
    }
}

fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saving to memory");
    out
}

/// Shows `text` in the WinAnsi font with its right edge at `right`, baseline `y` (PDF).
fn right_aligned(text: &str, right: f32, y: f32) -> String {
    format!(
        "BT /F2 10 Tf {} {y} Td ({text}) Tj ET\n",
        right - latin(text, 10.0)
    )
}

/// The table page of `tests/fixtures/pdf/table.pdf`.
fn table_pdf() -> Vec<u8> {
    let mut b = Builder::new();
    let mut content = String::new();
    content.push_str(&format!(
        "BT /F2 16 Tf 200 780 Td (2024 ) Tj /F1 16 Tf {} Tj ET\n",
        cids("年度收入决算表")
    ));
    content.push_str(&format!(
        "BT /F2 10 Tf 50 700 Td (2010101) Tj /F1 10 Tf 70 0 Td {} Tj ET\n",
        cids("行政运行")
    ));
    content.push_str(&right_aligned("1,234.50", 400.0, 700.0));
    content.push_str(&right_aligned("7.00", 480.0, 700.0));
    content.push_str(&format!("BT /F1 10 Tf 50 680 Td {} Tj ET\n", cids("合计")));
    content.push_str(&right_aligned("1,241.50", 400.0, 680.0));
    b.page(&content, Dictionary::new(), Dictionary::new());
    b.finish()
}

/// Two pages that only draw an image, as `tests/fixtures/pdf/scan.pdf`.
fn scan_pdf() -> Vec<u8> {
    let mut b = Builder::new();
    for _ in 0..2 {
        let image = b.image();
        b.page(
            "q 595 0 0 842 0 0 cm /Im1 Do Q",
            dictionary! { "Im1" => image },
            Dictionary::new(),
        );
    }
    b.finish()
}

fn one_page(content: &str) -> Vec<u8> {
    let mut b = Builder::new();
    b.page(content, Dictionary::new(), Dictionary::new());
    b.finish()
}

fn texts(page: &Page) -> Vec<Vec<&str>> {
    page.lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.text.as_str()).collect())
        .collect()
}

fn read_ok(bytes: &[u8]) -> PdfPages {
    match read(bytes) {
        Ok(r) => r,
        Err(e) => panic!("the PDF should read: {e}"),
    }
}

#[test]
fn committed_fixtures_are_built_by_this_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    for (name, bytes) in [("table.pdf", table_pdf()), ("scan.pdf", scan_pdf())] {
        let path = dir.join(name);
        if std::env::var_os("CN_BUDGET_WRITE_PDF_FIXTURES").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == bytes,
            "{name} differs from its builder; rerun with CN_BUDGET_WRITE_PDF_FIXTURES=1"
        );
    }
}

#[test]
fn identity_h_and_winansi_table() {
    let read = read_ok(&table_pdf());
    assert!(read.warnings.is_empty() && read.scanned.is_empty());
    let page = &read.pages[0];
    assert_eq!(
        texts(page),
        [
            vec!["2024 年度收入决算表"],
            vec!["2010101", "行政运行", "1,234.50", "7.00"],
            vec!["合计", "1,241.50"],
        ]
    );
    // Top-left origin: baseline 780 on an 842 pt page is 62 pt from the top.
    assert!((page.lines[0].y - 62.0).abs() < 0.01);
    assert!((page.lines[1].y - 142.0).abs() < 0.01);
    let row = &page.lines[1].spans;
    assert!(
        (row[0].x0 - 50.0).abs() < 0.01
            && (row[0].x1 - (50.0 + latin("2010101", 10.0))).abs() < 0.01
    );
    // The CJK glyphs are 1000 units wide: four of them at 10 pt from x = 120.
    assert!((row[1].x0 - 120.0).abs() < 0.01 && (row[1].x1 - 160.0).abs() < 0.01);
    // Right-aligned amounts end where they were aligned.
    assert!((row[2].x1 - 400.0).abs() < 0.01 && (row[3].x1 - 480.0).abs() < 0.01);
    assert!((page.lines[2].spans[1].x1 - 400.0).abs() < 0.01);
}

#[test]
fn gbk_euc_h_without_to_unicode() {
    // GBK bytes: ASCII digits are single bytes (half width by /W), hanzi two bytes (DW).
    let content = format!(
        "BT /F3 10 Tf 50 700 Td {} Tj ET BT /F3 10 Tf 300 700 Td {} Tj ET",
        gbk("201 一般公共服务支出"),
        gbk("2,112.86")
    );
    let read = read_ok(&one_page(&content));
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let line = &read.pages[0].lines[0];
    assert_eq!(
        texts(&read.pages[0]),
        [vec!["201 一般公共服务支出", "2,112.86"]]
    );
    // 4 half-width bytes (5 pt each) then 8 full-width hanzi (10 pt each).
    assert!((line.spans[0].x1 - (50.0 + 20.0 + 80.0)).abs() < 0.01);
    assert!((line.spans[1].x1 - (300.0 + 40.0)).abs() < 0.01);
}

#[test]
fn winansi_bytes_word_spacing_and_text_operators() {
    // 0x96 is an en dash and 0xE9 é in WinAnsi; Tw widens the space; T* and ' move down.
    let content =
        "BT /F2 10 Tf 12 TL 3 Tw 50 700 Td (caf\\351 \\226 A) Tj T* (second) Tj (third) ' ET";
    let read = read_ok(&one_page(content));
    let page = &read.pages[0];
    assert_eq!(
        texts(page),
        [vec!["café – A"], vec!["second"], vec!["third"]]
    );
    assert!((page.lines[1].y - page.lines[0].y - 12.0).abs() < 0.01);
    // Two spaces of 2.78 pt widened by 3 pt each.
    let expected = 50.0 + latin("café – A", 10.0) + 6.0;
    assert!((page.lines[0].spans[0].x1 - expected).abs() < 0.01);
}

#[test]
fn tj_offsets_and_scaling_place_glyphs() {
    // A TJ kerning of -5000 (50 pt at 10 pt) separates two cells inside one string array;
    // horizontal scaling 50% halves the advances; a cm scale doubles everything.
    let content = format!(
        "q 2 0 0 2 0 0 cm BT /F1 5 Tf 50 Tz 25 350 Td [{} -5000 {}] TJ ET Q",
        cids("合计"),
        cids("信息")
    );
    let read = read_ok(&one_page(&content));
    let spans = &read.pages[0].lines[0].spans;
    // Glyphs 10 pt high on the page, 5 pt wide (scaled by 50%).
    assert_eq!(spans.len(), 2);
    assert!((spans[0].x0 - 50.0).abs() < 0.01 && (spans[0].x1 - 60.0).abs() < 0.01);
    // -5000/1000 × 5 × 0.5 × 2 = 25 pt further.
    assert!((spans[1].x0 - 85.0).abs() < 0.01);
    assert!((read.pages[0].lines[0].y - (842.0 - 700.0)).abs() < 0.01);
}

#[test]
fn rotated_page_reads_as_displayed() {
    // /Rotate 90: text drawn along the user-space y axis reads left to right on screen.
    let mut b = Builder::new();
    let content = format!(
        "BT /F1 10 Tf 0 1 -1 0 50 100 Tm {} Tj ET BT /F2 10 Tf 0 1 -1 0 50 300 Tm (7.00) Tj ET",
        cids("合计")
    );
    b.page(&content, Dictionary::new(), dictionary! { "Rotate" => 90 });
    let read = read_ok(&b.finish());
    let page = &read.pages[0];
    assert_eq!(texts(page), [vec!["合计", "7.00"]]);
    assert!((page.lines[0].y - 50.0).abs() < 0.01);
    assert!((page.lines[0].spans[0].x0 - 100.0).abs() < 0.01);
    assert!((page.lines[0].spans[1].x0 - 300.0).abs() < 0.01);
}

#[test]
fn form_xobjects_run_once_even_when_they_draw_themselves() {
    let mut b = Builder::new();
    let form_id = b.doc.new_object_id();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), (-100).into()],
            "Resources" => dictionary! { "Font" => b.resources.get(b"Font").unwrap().clone(), "XObject" => dictionary! { "Fm1" => form_id } },
        },
        format!("BT /F1 10 Tf 10 800 Td {} Tj ET /Fm1 Do", cids("合计")).into_bytes(),
    );
    b.doc.objects.insert(form_id, Object::Stream(form));
    b.page(
        "q 1 0 0 1 100 0 cm /Fm1 Do Q",
        dictionary! { "Fm1" => form_id },
        Dictionary::new(),
    );
    let read = read_ok(&b.finish());
    let page = &read.pages[0];
    assert_eq!(texts(page), [vec!["合计"]]);
    // Translated by the page's cm (x + 100) and the form's /Matrix (y − 100).
    assert!((page.lines[0].spans[0].x0 - 110.0).abs() < 0.01);
    assert!((page.lines[0].y - (842.0 - 700.0)).abs() < 0.01);
    assert!(matches!(
        &read.warnings[..],
        [PdfWarning::UnreadableContent { page: 1, .. }]
    ));
}

#[test]
fn forms_drawing_forms_many_times_over_stop() {
    // Ten levels of forms, each drawing the next ten times: 10^10 drawings unless bounded.
    let mut b = Builder::new();
    let ids: Vec<ObjectId> = (0..10).map(|_| b.doc.new_object_id()).collect();
    for (level, id) in ids.iter().enumerate() {
        let (body, xobjects) = match ids.get(level + 1) {
            Some(next) => ("/Fm Do ".repeat(10), dictionary! { "Fm" => *next }),
            None => (
                format!("BT /F1 10 Tf 50 700 Td {} Tj ET", cids("合计")),
                Dictionary::new(),
            ),
        };
        let form = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "Font" => b.resources.get(b"Font").unwrap().clone(), "XObject" => xobjects },
            },
            body.into_bytes(),
        );
        b.doc.objects.insert(*id, Object::Stream(form));
    }
    b.page("/Fm Do", dictionary! { "Fm" => ids[0] }, Dictionary::new());
    let read = read_ok(&b.finish());
    assert_eq!(texts(&read.pages[0]), [vec!["合计"]]);
    assert!(
        matches!(&read.warnings[..], [PdfWarning::UnreadableContent { page: 1, reason }] if reason.contains("operations"))
    );
}

#[test]
fn invisible_text_is_kept_unless_it_repeats_visible_text() {
    let mut b = Builder::new();
    let image = b.image();
    // An OCR'd scan: an image under invisible text.
    let ocr = format!(
        "q 595 0 0 842 0 0 cm /Im1 Do Q BT 3 Tr /F1 10 Tf 50 700 Td {} Tj ET",
        cids("信息网络")
    );
    b.page(&ocr, dictionary! { "Im1" => image }, Dictionary::new());
    // Visible text with the same text hidden over it, and text drawn twice to look bold.
    let doubled = format!(
        "BT /F1 10 Tf 50 700 Td {0} Tj ET BT 3 Tr /F1 10 Tf 50 700 Td {0} Tj ET BT /F1 10 Tf 50.4 700 Td {0} Tj ET",
        cids("合计")
    );
    b.page(&doubled, Dictionary::new(), Dictionary::new());
    let read = read_ok(&b.finish());
    assert_eq!(texts(&read.pages[0]), [vec!["信息网络"]]);
    assert!(read.scanned.is_empty());
    assert_eq!(texts(&read.pages[1]), [vec!["合计"]]);
}

#[test]
fn undecodable_font_is_reported_and_the_rest_read() {
    let content = format!(
        "BT /F1 10 Tf 50 700 Td {} Tj ET BT /F4 10 Tf 50 600 Td <00410042> Tj ET",
        cids("合计")
    );
    let read = read_ok(&one_page(&content));
    assert_eq!(
        texts(&read.pages[0]),
        [vec!["合计"], vec!["\u{FFFD}\u{FFFD}"]]
    );
    assert_eq!(
        read.warnings,
        [PdfWarning::UndecodedGlyphs {
            page: 1,
            font: "F4 (NoMap)".into(),
            glyphs: 2
        }]
    );
}

#[test]
fn scans_are_refused_naming_their_pages() {
    assert_eq!(
        read(&scan_pdf()).unwrap_err(),
        PdfError::NoText {
            pages: 2,
            scanned: vec![1, 2]
        }
    );
    // A scanned page among text pages is named, the rest read.
    let mut b = Builder::new();
    let image = b.image();
    b.page(
        &format!("BT /F1 10 Tf 50 700 Td {} Tj ET", cids("合计")),
        Dictionary::new(),
        Dictionary::new(),
    );
    b.page(
        "q 595 0 0 842 0 0 cm /Im1 Do Q",
        dictionary! { "Im1" => image },
        Dictionary::new(),
    );
    let read = read_ok(&b.finish());
    assert_eq!(read.scanned, [2]);
    assert!(read.pages[1].lines.is_empty());
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let mut doc = {
        let mut b = Builder::new();
        b.page(
            &format!("BT /F1 10 Tf 50 700 Td {} Tj ET", cids("合计")),
            Dictionary::new(),
            Dictionary::new(),
        );
        b.document()
    };
    let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::empty(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    save(doc)
}

#[test]
fn encryption_with_the_empty_password_is_opened_others_refused() {
    let open = read_ok(&encrypted(""));
    assert_eq!(texts(&open.pages[0]), [vec!["合计"]]);
    assert_eq!(read(&encrypted("secret")).unwrap_err(), PdfError::Encrypted);
}

#[test]
fn garbage_and_truncated_files_are_refused() {
    assert_eq!(read(b"").unwrap_err(), PdfError::NotPdf);
    assert_eq!(
        read(b"PK\x03\x04 a zip file").unwrap_err(),
        PdfError::NotPdf
    );
    let mut noise = b"%PDF-1.7\n".to_vec();
    noise.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    assert!(matches!(read(&noise), Err(PdfError::Broken { .. })));
    let whole = table_pdf();
    for cut in [whole.len() / 4, whole.len() / 2] {
        let result = read(&whole[..cut]);
        assert!(
            result.is_err(),
            "a file cut at {cut} bytes must be refused: {result:?}"
        );
    }
}

#[test]
fn no_input_prefix_panics() {
    // Every prefix of a small PDF, and the PDF with bytes overwritten, reads or is refused.
    let whole = table_pdf();
    for cut in (0..whole.len()).step_by(7) {
        let _ = read(&whole[..cut]);
    }
    for at in (0..whole.len()).step_by(13) {
        let mut damaged = whole.clone();
        damaged[at] = b'9';
        let _ = read(&damaged);
    }
}

/// Codes (3, 5 or 7 digits) and amounts of the code rows of a text (pdftotext -layout pages
/// separated by form feeds, or the crate's page lines).
fn code_rows(line: &str) -> Option<(String, Vec<String>)> {
    let mut words = line.split_whitespace();
    let code = words.next()?;
    if !(matches!(code.len(), 3 | 5 | 7) && code.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let rest: Vec<&str> = words.collect();
    if !rest
        .iter()
        .any(|w| w.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
    {
        return None;
    }
    let amounts = rest
        .iter()
        .filter(|w| {
            let digits = w.trim_start_matches('-');
            digits.contains('.')
                && digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && digits.ends_with(|c: char| c.is_ascii_digit())
                && digits.starts_with(|c: char| c.is_ascii_digit())
        })
        .map(|w| w.to_string())
        .collect();
    Some((code.to_string(), amounts))
}

#[test]
fn corpus_code_rows_match_pdftotext() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut checked = 0;
    let mut documents = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for pdf in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
    {
        let layout = std::fs::read_to_string(pdf.with_extension("layout.txt")).unwrap();
        let read = read_ok(&std::fs::read(pdf).unwrap());
        assert!(
            read.warnings.is_empty(),
            "{}: {:?}",
            pdf.display(),
            read.warnings
        );
        let ours: BTreeMap<usize, Vec<(String, Vec<String>)>> = read
            .pages
            .iter()
            .map(|p| {
                (
                    p.number,
                    p.lines
                        .iter()
                        .filter_map(|l| code_rows(&l.text()))
                        .collect(),
                )
            })
            .collect();
        // pdftotext ends every page with a form feed.
        assert_eq!(
            ours.len(),
            layout.matches('\u{c}').count(),
            "{}",
            pdf.display()
        );
        let mut rows = 0;
        for (i, page) in layout.split('\u{c}').enumerate() {
            for (code, amounts) in page.lines().filter_map(code_rows) {
                rows += 1;
                // pdftotext sometimes moves the right half of a row to another line: the
                // row read here must start with the code and the amounts pdftotext shows.
                let found = ours.get(&(i + 1)).is_some_and(|rows| {
                    rows.iter().any(|(c, a)| {
                        *c == code && a.len() >= amounts.len() && a[..amounts.len()] == amounts[..]
                    })
                });
                assert!(
                    found,
                    "{} page {}: {code} {amounts:?} not read",
                    pdf.display(),
                    i + 1
                );
            }
        }
        assert!(
            rows > 40,
            "{}: only {rows} code rows in the layout text",
            pdf.display()
        );
        checked += rows;
        documents += 1;
    }
    assert_eq!(documents, 7);
    assert!(checked > 500, "{checked}");
}
