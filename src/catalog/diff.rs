use super::list::CodeList;
use crate::Code;

/// A code whose name differs between two editions.
///
/// ```
/// use cn_budget::catalog::Renamed;
/// use cn_budget::FunctionCode;
/// let r = Renamed { code: "215".parse::<FunctionCode>()?, from: "资源勘探信息等支出".into(), to: "资源勘探工业信息等支出".into() };
/// assert_eq!(r.to_string(), "215: 资源勘探信息等支出 → 资源勘探工业信息等支出");
/// # Ok::<(), cn_budget::codes::ParseCodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed<C> {
    /// The code.
    pub code: C,
    /// Its name in the older edition.
    pub from: String,
    /// Its name in the newer edition.
    pub to: String,
}

impl<C: std::fmt::Display> std::fmt::Display for Renamed<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} → {}", self.code, self.from, self.to)
    }
}

/// What changed in one classification between two editions; see
/// [`crate::Catalog::diff`].
///
/// ```
/// let old = cn_budget::Catalog::edition(2024)?;
/// let new = cn_budget::Catalog::edition(2025)?;
/// let diff = old.diff(new);
/// assert!(old.diff(old).functional.is_empty());
/// assert!(diff.functional.removed.contains(&"234".parse()?)); // 抗疫特别国债安排的支出
/// println!("{} functional codes added in 2025", diff.functional.added.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListDiff<C> {
    /// Codes only in the newer edition, in code order.
    pub added: Vec<C>,
    /// Codes only in the older edition, in code order.
    pub removed: Vec<C>,
    /// Codes in both whose names differ.
    pub renamed: Vec<Renamed<C>>,
}

impl<C> ListDiff<C> {
    /// Whether nothing changed.
    ///
    /// ```
    /// use cn_budget::catalog::ListDiff;
    /// use cn_budget::{Catalog, FunctionCode};
    /// let diff = Catalog::edition(2024)?.diff(Catalog::edition(2025)?);
    /// assert!(diff.economic.is_empty());
    /// assert!(!diff.functional.is_empty());
    /// let only_removed = ListDiff::<FunctionCode> { added: vec![], removed: vec!["234".parse()?], renamed: vec![] };
    /// assert!(!only_removed.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.renamed.is_empty()
    }
}

pub(super) fn diff_lists<C: Code>(old: &CodeList<C>, new: &CodeList<C>) -> ListDiff<C> {
    let added = new
        .iter()
        .filter(|e| !old.contains(e.code()))
        .map(|e| e.code())
        .collect();
    let removed = old
        .iter()
        .filter(|e| !new.contains(e.code()))
        .map(|e| e.code())
        .collect();
    let renamed = old
        .iter()
        .filter_map(|e| {
            let to = new.name(e.code())?;
            (to != e.name()).then(|| Renamed {
                code: e.code(),
                from: e.name().to_owned(),
                to: to.to_owned(),
            })
        })
        .collect();
    ListDiff {
        added,
        removed,
        renamed,
    }
}
