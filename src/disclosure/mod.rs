//! The 部门决算公开 document: its nine tables, narrative claims and name paths.
//!
//! A [`Document`] is what the audit reads. It loads from a directory of TSV files (the layout
//! of `data/disclosures/<name>/`, see `data/disclosures/TRANSCRIBE-SPEC.md`) through
//! [`DocumentFiles`], or from JSON with the `serde` feature. [`Document::embedded`] is the
//! crate's default document, 武汉市洪山区财政局 2024 年度部门决算, transcribed exactly as
//! published, errors included.
//!
//! ```
//! use cn_budget::disclosure::{Document, Side};
//! let doc = Document::embedded()?;
//! let total = doc.t01.line(Side::Income, "本年收入合计").unwrap();
//! assert_eq!(total.cells[0].unwrap().to_string(), "4789.78 万元");
//! # Ok::<(), cn_budget::disclosure::DisclosureError>(())
//! ```

mod budget;
mod load;
mod model;
mod save;
mod subject;
mod template;

pub(crate) use budget::names_two_costs;
pub use budget::*;
pub use load::{DisclosureError, DocumentFiles, MAX_FILE_BYTES};
// The document model.
pub use model::*;
pub use subject::{Base, Direction, Indicator, Subject, TokenError};
pub(crate) use template::university_table;
pub use template::{Kind, PrintedTable, TableState, Template, UNIVERSITY_TABLES};

use once_cell::sync::Lazy;

static EMBEDDED: Lazy<Result<Document, DisclosureError>> =
    Lazy::new(|| DocumentFiles::embedded().parse());

impl Document {
    /// The embedded default document: 武汉市洪山区财政局 2024 年度部门决算.
    pub fn embedded() -> Result<&'static Document, DisclosureError> {
        EMBEDDED.as_ref().map_err(Clone::clone)
    }
}
