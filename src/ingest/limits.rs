//! The bounds on what the readers accept, in one place.
//!
//! Every input of the crate comes from outside, so every reader is bounded: an input over a
//! limit is refused with an [`IngestError::OverLimit`] (or [`PdfError::OverLimit`]) naming
//! the limit, its value, what the input has and where — never a panic, never a silent
//! truncation that could make the audit report a false error. Only inside one PDF page,
//! where the rest of the document can still be read, is content beyond a limit left out,
//! and then it is reported as an `ingest.pdf` finding naming the page.
//!
//! The defaults are far above any real 部门决算公开: the largest national documents run to
//! about 100 pages of a few hundred lines, their tables to a few hundred rows of at most
//! thirty columns, and their PDFs to a few MB. Each default leaves two orders of magnitude
//! or more above that, so that no real document comes near it, while a hostile input
//! (a decompression bomb, a page of a million spans) is refused before it costs more than
//! time and memory proportional to its size.
//!
//! Bounds that are not [`Limits`] fields, because they are not the reader's to set:
//! - an amount has at most [`MAX_AMOUNT_DIGITS`](crate::amount::MAX_AMOUNT_DIGITS) digits
//!   ([`AmountError::DigitsOverLimit`](crate::AmountError::DigitsOverLimit) beyond);
//! - pdfplumber JSON is parsed by `serde_json`, whose recursion limit (128) refuses 128
//!   or more nested arrays and objects with an [`IngestError::Json`] (the format needs 5
//!   levels: the object, pages, tables, rows, cells);
//! - a catalog TSV file has at most [`MAX_CATALOG_LINES`](crate::catalog::MAX_CATALOG_LINES)
//!   lines of at most [`MAX_CATALOG_LINE_BYTES`](crate::catalog::MAX_CATALOG_LINE_BYTES)
//!   bytes, and a file of a document directory at most
//!   [`MAX_FILE_BYTES`](crate::disclosure::MAX_FILE_BYTES) bytes.
//!
//! ```
//! use cn_budget::ingest::{ingest_with, IngestError, Limit, Limits};
//! let limits = Limits { input_bytes: 10, ..Limits::default() };
//! let err = ingest_with("2024 年度收入决算表", &limits).unwrap_err();
//! assert!(matches!(err, IngestError::OverLimit { limit: Limit::InputBytes, max: 10, actual: 26, .. }));
//! ```
//!
//! [`IngestError::OverLimit`]: super::IngestError::OverLimit
//! [`IngestError::Json`]: super::IngestError::Json
//! [`PdfError::OverLimit`]: super::pdf::PdfError

use std::fmt;

use super::page::{Page, Position};
use super::{IngestError, RawDocument};

/// Which bound an input went over; part of [`IngestError::OverLimit`](super::IngestError::OverLimit).
///
/// ```
/// use cn_budget::ingest::Limit;
/// assert_eq!(Limit::SpansPerLine.to_string(), "spans on a line");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// [`Limits::input_bytes`].
    InputBytes,
    /// [`Limits::pages`].
    Pages,
    /// [`Limits::lines_per_page`].
    LinesPerPage,
    /// [`Limits::spans_per_line`].
    SpansPerLine,
    /// [`Limits::rows_per_table`].
    RowsPerTable,
    /// [`Limits::cells_per_row`].
    CellsPerRow,
    /// [`Limits::pdf_objects`].
    PdfObjects,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::InputBytes => "bytes of input",
            Limit::Pages => "pages",
            Limit::LinesPerPage => "lines on a page",
            Limit::SpansPerLine => "spans on a line",
            Limit::RowsPerTable => "rows in a table",
            Limit::CellsPerRow => "cells in a row",
            Limit::PdfObjects => "PDF objects",
        })
    }
}

/// The bounds on an input; [`Limits::default`] is what [`ingest`](super::ingest) and
/// [`ingest_bytes`](super::ingest_bytes) apply, [`ingest_with`](super::ingest_with) and
/// [`ingest_bytes_with`](super::ingest_bytes_with) take others.
///
/// ```
/// use cn_budget::ingest::Limits;
/// let l = Limits::default();
/// assert_eq!(l.input_bytes, 256 << 20);
/// assert_eq!((l.pages, l.lines_per_page, l.spans_per_line), (100_000, 20_000, 1_000));
/// assert_eq!((l.rows_per_table, l.cells_per_row), (2_000_000, 1_000));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest input, in bytes: 256 MiB. Real PDFs of a 部门决算 are 0.3–4 MB (a scan
    /// of 100 pages some 50 MB); their text and JSON extractions are 30–50 KB. Reading
    /// takes memory of a few times the input, so this keeps a run within about 2 GB.
    pub input_bytes: usize,
    /// The most pages: 100,000. The longest documents have about 100 pages, and a table
    /// of a million rows printed 50 to a page fills 20,000 pages.
    pub pages: usize,
    /// The most lines on one page: 20,000. A PDF page holds at most about 200 lines of
    /// legible text; a text extraction without page breaks is one page, so this also bounds
    /// such a text (split it at its form feeds, as `pdftotext` does).
    pub lines_per_page: usize,
    /// The most spans on one line: 1,000. A table row has at most about 30 cells, a line
    /// of prose a few spans; assigning spans to columns costs spans × columns per line.
    pub spans_per_line: usize,
    /// The most rows in one table: 2,000,000. A functional table of a 部门决算 lists at
    /// most a few hundred codes (the whole classification has about 4,000).
    pub rows_per_table: usize,
    /// The most cells in one row: 1,000. The widest standard table has fewer than 30
    /// columns.
    pub cells_per_row: usize,
    /// The most objects in a PDF file: 2,000,000. A 100-page 决算 PDF has 2,000–50,000
    /// (tagged files the most).
    pub pdf_objects: usize,
    /// The largest decoded stream of a PDF, in bytes: 64 MiB. A page's content streams
    /// together are a few hundred KB; a stream that inflates beyond this (a decompression
    /// bomb) is not decoded: the page's content is reported unreadable, and a bomb among
    /// the file's object streams makes the file unreadable.
    pub pdf_stream_bytes: usize,
    /// The most content-stream operations run on one PDF page, forms included: 5,000,000
    /// (a dense page runs about 20,000). The rest of the page is not read and is reported.
    pub pdf_operations_per_page: usize,
    /// The most glyphs read from one PDF page: 400,000 (a dense page shows about 5,000).
    /// The rest of the page is not read and is reported.
    pub pdf_glyphs_per_page: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            input_bytes: 256 << 20,
            pages: 100_000,
            lines_per_page: 20_000,
            spans_per_line: 1_000,
            rows_per_table: 2_000_000,
            cells_per_row: 1_000,
            pdf_objects: 2_000_000,
            pdf_stream_bytes: 64 << 20,
            pdf_operations_per_page: 5_000_000,
            pdf_glyphs_per_page: 400_000,
        }
    }
}

impl Limits {
    /// An [`IngestError::OverLimit`] when `actual` is over the bound `limit` (at `at`).
    pub(crate) fn over(
        &self,
        limit: Limit,
        actual: usize,
        at: Position,
    ) -> Result<(), IngestError> {
        let max = self.max(limit);
        if actual > max {
            return Err(IngestError::OverLimit {
                limit,
                max,
                actual,
                at,
            });
        }
        Ok(())
    }

    /// The value of a bound.
    fn max(&self, limit: Limit) -> usize {
        match limit {
            Limit::InputBytes => self.input_bytes,
            Limit::Pages => self.pages,
            Limit::LinesPerPage => self.lines_per_page,
            Limit::SpansPerLine => self.spans_per_line,
            Limit::RowsPerTable => self.rows_per_table,
            Limit::CellsPerRow => self.cells_per_row,
            Limit::PdfObjects => self.pdf_objects,
        }
    }

    /// Checks pages of the page model: their number, the lines of each, the spans of each
    /// line.
    pub(crate) fn check_pages(&self, pages: &[Page]) -> Result<(), IngestError> {
        self.over(Limit::Pages, pages.len(), Position::default())?;
        for page in pages {
            let at = Position {
                page: page.number,
                line: 0,
            };
            self.over(Limit::LinesPerPage, page.lines.len(), at)?;
            for (i, line) in page.lines.iter().enumerate() {
                let at = Position { line: i + 1, ..at };
                self.over(Limit::SpansPerLine, line.spans.len(), at)?;
            }
        }
        Ok(())
    }

    /// Checks the tables of a document cut into parts: the rows of each, the cells of each
    /// row (the position is the table's first page and the row's index, from 1).
    pub(crate) fn check_tables(&self, raw: &RawDocument) -> Result<(), IngestError> {
        for table in &raw.tables {
            let at = Position {
                page: table.page,
                line: 0,
            };
            self.over(Limit::RowsPerTable, table.rows.len(), at)?;
            for (i, row) in table.rows.iter().enumerate() {
                let at = Position { line: i + 1, ..at };
                self.over(Limit::CellsPerRow, row.len(), at)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Line, Span};

    #[test]
    fn a_bound_is_reached_at_its_value_and_passed_one_above() {
        let l = Limits {
            spans_per_line: 2,
            lines_per_page: 2,
            pages: 2,
            ..Limits::default()
        };
        let line = |n: usize| {
            Line::new(
                0.0,
                (0..n)
                    .map(|i| Span::new(i as f32 * 10.0, i as f32 * 10.0 + 1.0, "x"))
                    .collect(),
            )
        };
        let page = |number, lines: Vec<Line>| Page { number, lines };
        assert!(l.check_pages(&[page(1, vec![line(2), line(2)])]).is_ok());
        assert_eq!(
            l.check_pages(&[page(1, vec![line(1)]), page(2, vec![line(2), line(3)])]),
            Err(IngestError::OverLimit {
                limit: Limit::SpansPerLine,
                max: 2,
                actual: 3,
                at: Position { page: 2, line: 2 }
            })
        );
        let three = vec![line(1), line(1), line(1)];
        assert!(matches!(
            l.check_pages(&[page(4, three)]),
            Err(IngestError::OverLimit {
                limit: Limit::LinesPerPage,
                actual: 3,
                at: Position { page: 4, line: 0 },
                ..
            })
        ));
        let pages: Vec<Page> = (1..=3).map(|n| page(n, Vec::new())).collect();
        assert!(matches!(
            l.check_pages(&pages),
            Err(IngestError::OverLimit {
                limit: Limit::Pages,
                actual: 3,
                ..
            })
        ));
    }
}
