//! Catalogs: the codes and official names of an edition of 《政府收支分类科目》.
//!
//! The editions listed in [`EDITIONS`] are compiled into the crate from `data/` (no file
//! access at run time) and indexed lazily on first use. [`Catalog::from_tsv`] reads the same
//! format from user-supplied text, so a user holding the official spreadsheet can load any
//! edition. The format is documented in `data/README.md`.
//!
//! ```
//! use cn_budget::{Catalog, FunctionCode};
//! let catalog = Catalog::edition(2024)?;
//! let code: FunctionCode = "2010601".parse()?;
//! let path: Vec<&str> = catalog.functional().path(code).unwrap().iter().map(|e| e.name()).collect();
//! assert_eq!(path, ["一般公共服务支出", "财政事务", "行政运行"]);
//! assert_eq!(catalog.resolve_path("一般公共服务支出（类）财政事务（款）行政运行（项）")?, code);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod diff;
mod error;
mod list;
mod mapping;
mod names;
mod tsv;

pub use diff::{ListDiff, Renamed};
pub use error::{EditionError, LoadError, ResolveError};
pub use list::{Budget, CodeList, Entry};
pub use mapping::{Mapping, MappingPair, UnitType};
pub use names::{parse_name_path, NamedSegment};
pub use tsv::{CODE_HEADER, MAPPING_HEADER};

use crate::{Code, EconomicCode, FunctionCode, Level};
use once_cell::sync::Lazy;

/// One classification edition: functional codes, economic codes (部门 and 政府) and the
/// 部门 → 政府 correspondence.
#[derive(Clone, Debug)]
pub struct Catalog {
    edition: String,
    functional: CodeList<FunctionCode>,
    economic: CodeList<EconomicCode>,
    mapping: Mapping,
}

/// The difference between two editions; see [`Catalog::diff`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditionDiff {
    /// Changes in the functional classification.
    pub functional: ListDiff<FunctionCode>,
    /// Changes in the economic classifications.
    pub economic: ListDiff<EconomicCode>,
}

struct Embedded {
    year: u16,
    functional: &'static str,
    economic: &'static str,
    mapping: &'static str,
    catalog: Lazy<Result<Catalog, LoadError>>,
}

macro_rules! embedded {
    ($year:literal, $func:literal, $econ:literal, $map:literal) => {
        Embedded {
            year: $year,
            functional: include_str!(concat!("../../data/", $func)),
            economic: include_str!(concat!("../../data/", $econ)),
            mapping: include_str!(concat!("../../data/", $map)),
            catalog: Lazy::new(|| {
                Catalog::from_tsv(
                    stringify!($year),
                    include_str!(concat!("../../data/", $func)),
                    include_str!(concat!("../../data/", $econ)),
                    include_str!(concat!("../../data/", $map)),
                )
            }),
        }
    };
}

static EMBEDDED: [Embedded; 2] = [
    embedded!(
        2024,
        "functional/2024.tsv",
        "economic/2024.tsv",
        "economic/mapping-2024.tsv"
    ),
    embedded!(
        2025,
        "functional/2025.tsv",
        "economic/2025.tsv",
        "economic/mapping-2025.tsv"
    ),
];

/// The years of the embedded editions.
///
/// ```
/// assert_eq!(cn_budget::catalog::EDITIONS, &[2024, 2025]);
/// ```
pub const EDITIONS: &[u16] = &[2024, 2025];

impl Catalog {
    /// The embedded catalog of an edition (the year of 《XXXX年政府收支分类科目》).
    ///
    /// ```
    /// let catalog = cn_budget::Catalog::edition(2025)?;
    /// assert_eq!(catalog.label(), "2025");
    /// # Ok::<(), cn_budget::catalog::EditionError>(())
    /// ```
    pub fn edition(year: u16) -> Result<&'static Catalog, EditionError> {
        let embedded =
            EMBEDDED
                .iter()
                .find(|e| e.year == year)
                .ok_or_else(|| EditionError::Unknown {
                    year,
                    available: EDITIONS
                        .iter()
                        .map(u16::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
        embedded
            .catalog
            .as_ref()
            .map_err(|source| EditionError::Broken {
                year,
                source: source.clone(),
            })
    }

    /// The raw data files of an embedded edition: (functional, economic, mapping) TSV text.
    ///
    /// ```
    /// let (functional, _, _) = cn_budget::Catalog::embedded_files(2024).unwrap();
    /// assert!(functional.starts_with(cn_budget::catalog::CODE_HEADER));
    /// ```
    pub fn embedded_files(year: u16) -> Option<(&'static str, &'static str, &'static str)> {
        EMBEDDED
            .iter()
            .find(|e| e.year == year)
            .map(|e| (e.functional, e.economic, e.mapping))
    }

    /// Loads a catalog from TSV text in the format of `data/` (see `data/README.md`): a
    /// functional list, an economic list (部门 and 政府 codes together) and a mapping file.
    /// Any of them may be empty text.
    ///
    /// ```
    /// use cn_budget::{Catalog, FunctionCode};
    /// let functional = "code\tname\tlevel\tparent\tbudget\tflags\n201\t一般公共服务支出\t类\t\tgeneral\t\n";
    /// let catalog = Catalog::from_tsv("mine", functional, "", "")?;
    /// assert_eq!(catalog.functional().name("201".parse::<FunctionCode>()?), Some("一般公共服务支出"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_tsv(
        label: &str,
        functional: &str,
        economic: &str,
        mapping: &str,
    ) -> Result<Catalog, LoadError> {
        let functional = tsv::parse_list("functional", functional)?;
        let economic = tsv::parse_list("economic", economic)?;
        let mapping = tsv::parse_mapping(mapping, &economic)?;
        Ok(Catalog {
            edition: label.to_owned(),
            functional,
            economic,
            mapping,
        })
    }

    /// The label of the edition (`"2024"` for embedded ones).
    pub fn label(&self) -> &str {
        &self.edition
    }

    /// The functional codes (支出功能分类).
    pub fn functional(&self) -> &CodeList<FunctionCode> {
        &self.functional
    }

    /// The economic codes (部门 3xx and 政府 5xx 支出经济分类).
    pub fn economic(&self) -> &CodeList<EconomicCode> {
        &self.economic
    }

    /// The 部门 → 政府 economic correspondence.
    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// Resolves a printed name path such as `一般公共服务支出（类）财政事务（款）行政运行（项）`
    /// to its functional code. Names are looked up under their parent (a name is unique only
    /// there), and every printed marker must match the position of its name.
    pub fn resolve_path(&self, text: &str) -> Result<FunctionCode, ResolveError> {
        let segments = parse_name_path(text);
        if segments.is_empty() {
            return Err(ResolveError::Empty {
                input: text.to_owned(),
            });
        }
        if segments.len() > 3 {
            return Err(ResolveError::TooDeep {
                input: text.to_owned(),
                count: segments.len(),
            });
        }
        let levels = [Level::Class, Level::Section, Level::Item];
        for (seg, &expected) in segments.iter().zip(&levels) {
            if let Some(printed) = seg.marker.filter(|&m| m != expected) {
                return Err(ResolveError::WrongMarker {
                    name: seg.name.clone(),
                    printed,
                    expected,
                });
            }
        }
        let names: Vec<&str> = segments.iter().map(|s| s.name.as_str()).collect();
        self.resolve_names(&names)
    }

    /// Resolves names from the 类 down (`["一般公共服务支出", "财政事务", "行政运行"]`).
    ///
    /// ```
    /// let catalog = cn_budget::Catalog::edition(2024)?;
    /// let code = catalog.resolve_names(&["住房保障支出", "住房改革支出", "提租补贴"])?;
    /// assert_eq!(code.to_string(), "2210202");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve_names(&self, names: &[&str]) -> Result<FunctionCode, ResolveError> {
        let levels = [Level::Class, Level::Section, Level::Item];
        let mut parent: Option<FunctionCode> = None;
        for (name, &level) in names.iter().zip(&levels) {
            let entry =
                self.functional
                    .find_child(parent, name)
                    .ok_or_else(|| ResolveError::NotFound {
                        name: (*name).to_owned(),
                        level,
                        under: parent.map(|p| p.to_string()),
                    })?;
            parent = Some(entry.code());
        }
        parent.ok_or_else(|| ResolveError::Empty {
            input: String::new(),
        })
    }

    /// What changed from `self` (older) to `newer`: added, removed and renamed codes.
    pub fn diff(&self, newer: &Catalog) -> EditionDiff {
        EditionDiff {
            functional: diff::diff_lists(&self.functional, &newer.functional),
            economic: diff::diff_lists(&self.economic, &newer.economic),
        }
    }
}

impl ListDiff<FunctionCode> {
    /// Changes at one level only.
    ///
    /// ```
    /// use cn_budget::Level;
    /// let diff = cn_budget::Catalog::edition(2024)?.diff(cn_budget::Catalog::edition(2025)?);
    /// let items_added = diff.functional.at_level(Level::Item).added.len();
    /// # let _ = items_added;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn at_level(&self, level: Level) -> ListDiff<FunctionCode> {
        ListDiff {
            added: self
                .added
                .iter()
                .copied()
                .filter(|c| c.level() == level)
                .collect(),
            removed: self
                .removed
                .iter()
                .copied()
                .filter(|c| c.level() == level)
                .collect(),
            renamed: self
                .renamed
                .iter()
                .filter(|r| r.code.level() == level)
                .cloned()
                .collect(),
        }
    }
}
