//! Cutting PDF-extracted text into a [`RawDocument`]. (Being written.)

use super::RawDocument;

pub(super) fn split(_text: &str) -> RawDocument {
    RawDocument::default()
}
