//! Cutting pdfplumber JSON into a [`RawDocument`]. (Being written.)

use super::{IngestError, RawDocument};

pub(super) fn split(_json: &str) -> Result<RawDocument, IngestError> {
    Err(IngestError::Json { reason: "not implemented yet".into() })
}
