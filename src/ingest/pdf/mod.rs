//! Reading PDF files into [`Page`]s, in pure Rust (feature `pdf`, on by default).
//!
//! [`read`] interprets each page's content (text objects, the graphics state, Form XObjects),
//! decodes the text through the fonts (`/ToUnicode` maps; Identity-H; the predefined Chinese
//! CMaps GB-EUC-H, GBK-EUC-H, GBKp-EUC-H, GBK2K-H and UniGB-UCS2/UTF16-H decoded as GBK,
//! GB 18030 and UTF-16 when there is no `/ToUnicode`; simple fonts with WinAnsi, Standard,
//! MacRoman and `/Differences` encodings) and places every glyph by its font's widths.
//!
//! Coordinates are PDF points as the page is displayed: origin at the top left of the crop
//! box, `y` growing downwards, the page's `/Rotate` applied. A [`Line`]'s `y` is its
//! baseline; a [`Span`]'s `x0` is the left edge of its first glyph and `x1` the right edge of
//! its last (origin plus advance width), so right-aligned amounts share their `x1`. Text
//! outside the crop box is not read.
//!
//! Glyphs become lines and spans by distances relative to the font size (`em`):
//! - glyphs whose baselines lie within 0.5 em of a line's first baseline belong to it (a
//!   code printed half a line above the rest of its row joins the row; the lines of a
//!   wrapped cell, a line apart, do not);
//! - a gap over 0.8 em starts a new span (a new cell); between two characters of numbers
//!   (digits, `,` `.` `-` `%`) a gap over 0.25 em already does, as a number has no gap inside
//!   it while amounts in adjacent columns may stand close;
//! - inside a span, a space glyph or a gap over 0.15 em becomes one space, so
//!   「信息 网络 及软件 购置」 stays one span;
//! - glyphs join in the order they are drawn, and those runs join left to right, so text
//!   drawn over other text (a cell overflowing into the next) is a span of its own rather
//!   than interleaved with it;
//! - text drawn twice at nearly the same place (to look bold) is kept once, and so is
//!   invisible text (render mode 3) over the same visible text; invisible text alone, like
//!   the text layer of an OCR'd scan, is kept.
//!
//! ```
//! use cn_budget::ingest::pdf;
//! let bytes = include_bytes!("../../../tests/fixtures/pdf/table.pdf");
//! let read = pdf::read(bytes)?;
//! let page = &read.pages[0];
//! assert_eq!(page.number, 1);
//! assert_eq!(page.lines[0].text(), "2024 年度收入决算表");
//! assert_eq!(page.lines[1].text(), "2010101  行政运行  1,234.50  7.00");
//! // The amounts are right-aligned on x = 400 and x = 480.
//! assert_eq!(page.lines[1].spans[2].x1.round(), 400.0);
//! assert_eq!(page.lines[2].spans[1].x1.round(), 400.0);
//! assert_eq!(page.lines[1].spans[3].x1.round(), 480.0);
//! assert!(read.scanned.is_empty() && read.warnings.is_empty());
//! # Ok::<(), pdf::PdfError>(())
//! ```
//!
//! [`Page`]: crate::ingest::Page
//! [`Line`]: crate::ingest::Line
//! [`Span`]: crate::ingest::Span

mod cmap;
mod content;
mod font;
mod lexer;
mod lines;
mod load;
mod matrix;
mod pagebox;

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::Document;

use crate::ingest::{Limit, Limits, Page};

use content::{FontCache, Interpreter};

/// A PDF read into pages, and what could not be read on them.
///
/// ```
/// let bytes = include_bytes!("../../../tests/fixtures/pdf/table.pdf");
/// let read = cn_budget::ingest::pdf::read(bytes)?;
/// assert_eq!(read.pages.len(), 1);
/// assert!(read.pages[0].text().contains("合计"));
/// # Ok::<(), cn_budget::ingest::pdf::PdfError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct PdfPages {
    /// Every page in order (numbered from 1); a page without text has no lines.
    pub pages: Vec<Page>,
    /// The pages that draw images but have no text: scans (whose content needs OCR), or a
    /// chart pasted as a picture.
    pub scanned: Vec<usize>,
    /// Text that could not be decoded, content that could not be read (page by page).
    pub warnings: Vec<PdfWarning>,
}

/// A part of a page that could not be read; the rest of the document was read.
///
/// ```
/// use cn_budget::ingest::pdf::PdfWarning;
/// let w = PdfWarning::UndecodedGlyphs { page: 3, font: "F2 (SimSun)".into(), glyphs: 12 };
/// assert_eq!(w.to_string(), "第3页: 12 glyphs of font F2 (SimSun) have no Unicode text");
/// assert_eq!(w.page(), 3);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PdfWarning {
    /// Glyphs whose font maps them to no text (shown as U+FFFD in the spans): a font
    /// without `/ToUnicode` on a CMap this reader does not know, or a font that is missing.
    #[error("第{page}页: {glyphs} glyphs of font {font} have no Unicode text")]
    UndecodedGlyphs {
        /// The page, from 1.
        page: usize,
        /// The font's resource name and base font name.
        font: String,
        /// How many glyphs.
        glyphs: usize,
    },
    /// Content that could not be read (a broken stream, nesting too deep); the text before
    /// the problem was kept.
    #[error("第{page}页: {reason}")]
    UnreadableContent {
        /// The page, from 1.
        page: usize,
        /// What went wrong.
        reason: String,
    },
}

impl PdfWarning {
    /// The page the warning is about.
    ///
    /// ```
    /// use cn_budget::ingest::pdf::PdfWarning;
    /// assert_eq!(PdfWarning::UnreadableContent { page: 2, reason: "x".into() }.page(), 2);
    /// ```
    pub fn page(&self) -> usize {
        match self {
            PdfWarning::UndecodedGlyphs { page, .. }
            | PdfWarning::UnreadableContent { page, .. } => *page,
        }
    }
}

/// A PDF that cannot be read at all.
///
/// ```
/// use cn_budget::ingest::pdf::{read, PdfError};
/// assert_eq!(read(b"not a pdf").unwrap_err(), PdfError::NotPdf);
/// assert!(matches!(read(b"%PDF-1.7\n garbage"), Err(PdfError::Broken { .. })));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The bytes are not a PDF file (no `%PDF-` header).
    #[error("not a PDF file (no %PDF- header)")]
    NotPdf,
    /// The file is damaged beyond reading.
    #[error("the PDF file cannot be read: {reason}")]
    Broken {
        /// What the PDF parser reported.
        reason: String,
    },
    /// The file is encrypted with a password (the empty user password was tried).
    #[error("the PDF file is encrypted and needs a password")]
    Encrypted,
    /// The file has no pages.
    #[error("the PDF file has no pages")]
    NoPages,
    /// The file goes over one of the [`Limits`]: more bytes, objects or pages than they
    /// allow (nothing of it is read).
    #[error("the PDF file has {actual} {limit}, over the limit of {max}")]
    OverLimit {
        /// Which bound.
        limit: Limit,
        /// The bound's value.
        max: usize,
        /// What the file has.
        actual: usize,
    },
    /// No page has any text: the document is a scan (or only drawings) and needs OCR.
    #[error("no page of the PDF file has text ({} pages; scanned pages: {scanned:?})", .pages)]
    NoText {
        /// How many pages the file has.
        pages: usize,
        /// The pages that draw images (scans).
        scanned: Vec<usize>,
    },
}

/// Reads a PDF file into pages of positioned lines.
///
/// Encrypted files are opened with the empty user password when that works (files that
/// only restrict printing or copying); others are refused. Problems confined to some
/// pages or fonts become [`PdfWarning`]s; a file with no text at all is an error naming
/// its scanned pages.
///
/// ```
/// use cn_budget::ingest::pdf::{read, PdfError};
/// let read_ok = read(include_bytes!("../../../tests/fixtures/pdf/table.pdf"))?;
/// assert_eq!(read_ok.pages[0].lines.last().unwrap().text(), "合计  1,241.50");
///
/// let scan = read(include_bytes!("../../../tests/fixtures/pdf/scan.pdf")).unwrap_err();
/// assert_eq!(scan, PdfError::NoText { pages: 2, scanned: vec![1, 2] });
/// # Ok::<(), PdfError>(())
/// ```
pub fn read(bytes: &[u8]) -> Result<PdfPages, PdfError> {
    read_with(bytes, &Limits::default())
}

/// [`read`] within the given [`Limits`]: the file's size, its number of objects and of
/// pages, the decoded size of each stream, the operations and glyphs of each page.
///
/// ```
/// use cn_budget::ingest::pdf::{read_with, PdfError};
/// use cn_budget::ingest::{Limit, Limits};
/// let bytes = include_bytes!("../../../tests/fixtures/pdf/table.pdf");
/// let few = Limits { pdf_objects: 3, ..Limits::default() };
/// assert!(matches!(
///     read_with(bytes, &few),
///     Err(PdfError::OverLimit { limit: Limit::PdfObjects, max: 3, .. })
/// ));
/// // Past the glyphs of a page, the rest of the page is left out and reported.
/// let glyphs = Limits { pdf_glyphs_per_page: 10, ..Limits::default() };
/// let read = read_with(bytes, &glyphs)?;
/// assert_eq!(read.warnings[0].to_string(), "第1页: more than 10 glyphs shown; the rest is not read");
/// # Ok::<(), PdfError>(())
/// ```
pub fn read_with(bytes: &[u8], limits: &Limits) -> Result<PdfPages, PdfError> {
    let over = |limit: Limit, max: usize, actual: usize| {
        if actual > max {
            Err(PdfError::OverLimit { limit, max, actual })
        } else {
            Ok(())
        }
    };
    over(Limit::InputBytes, limits.input_bytes, bytes.len())?;
    let head = bytes.get(..1024).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let doc = catch_unwind(|| load::load(bytes, limits.pdf_stream_bytes))
        .map_err(|_| PdfError::Broken {
            reason: "the PDF parser failed".into(),
        })?
        .map_err(|e| PdfError::Broken {
            reason: e.to_string(),
        })?;
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(PdfError::Encrypted);
    }
    over(Limit::PdfObjects, limits.pdf_objects, doc.objects.len())?;
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(PdfError::NoPages);
    }
    over(Limit::Pages, limits.pages, page_ids.len())?;
    let mut fonts = FontCache::new();
    let mut out = PdfPages::default();
    for (index, id) in page_ids.values().enumerate() {
        let number = index + 1;
        let read = catch_unwind(AssertUnwindSafe(|| {
            read_page(&doc, *id, &mut fonts, limits)
        }));
        let ink = match read {
            Ok(ink) => ink,
            Err(_) => content::Ink {
                unreadable: vec!["the page could not be interpreted".into()],
                ..content::Ink::default()
            },
        };
        let has_text = ink.glyphs.iter().any(|g| !g.text.trim().is_empty());
        if !has_text && ink.images > 0 {
            out.scanned.push(number);
        }
        for (font, glyphs) in ink.undecoded {
            out.warnings.push(PdfWarning::UndecodedGlyphs {
                page: number,
                font,
                glyphs,
            });
        }
        for reason in ink.unreadable {
            out.warnings.push(PdfWarning::UnreadableContent {
                page: number,
                reason,
            });
        }
        out.pages.push(Page {
            number,
            lines: lines::lines(ink.glyphs),
        });
    }
    if out.pages.iter().all(|p| p.lines.is_empty()) {
        return Err(PdfError::NoText {
            pages: out.pages.len(),
            scanned: out.scanned,
        });
    }
    Ok(out)
}

fn read_page(
    doc: &Document,
    id: lopdf::ObjectId,
    fonts: &mut FontCache,
    limits: &Limits,
) -> content::Ink {
    let Ok(page) = doc.get_dictionary(id) else {
        return content::Ink {
            unreadable: vec!["the page object is missing".into()],
            ..content::Ink::default()
        };
    };
    let placement = pagebox::placement(doc, page);
    let resources = pagebox::resources(doc, page);
    let (data, problem) = match doc.get_page_content_with_limit(id, limits.pdf_stream_bytes) {
        Ok(d) => (d, None),
        Err(e) => (
            Vec::new(),
            Some(format!("page content cannot be decoded: {e}")),
        ),
    };
    let mut ink = Interpreter::new(doc, fonts, placement, limits).run_page(&data, resources);
    ink.unreadable.extend(problem);
    ink
}
