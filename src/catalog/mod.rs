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
pub use tsv::{CODE_HEADER, MAPPING_HEADER, MAX_CATALOG_LINES, MAX_CATALOG_LINE_BYTES};

use crate::{Code, EconomicCode, FunctionCode, Level};
use once_cell::sync::Lazy;

/// One classification edition: functional codes, economic codes (部门 and 政府) and the
/// 部门 → 政府 correspondence.
///
/// ```
/// use cn_budget::{Catalog, EconomicCode, FunctionCode, Level};
/// use cn_budget::catalog::UnitType;
/// let catalog = Catalog::edition(2024)?;
/// assert_eq!(catalog.functional().count(Level::Class), 29);
/// let wage: EconomicCode = "30101".parse()?;
/// assert_eq!(catalog.economic().name(wage), Some("基本工资"));
/// let gov = catalog.mapping().government(wage, UnitType::Administrative).unwrap();
/// assert_eq!(catalog.economic().name(gov), Some("工资奖金津补贴"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Catalog {
    edition: String,
    functional: CodeList<FunctionCode>,
    economic: CodeList<EconomicCode>,
    mapping: Mapping,
}

/// The difference between two editions; see [`Catalog::diff`].
///
/// ```
/// use cn_budget::{Catalog, FunctionCode};
/// let diff = Catalog::edition(2024)?.diff(Catalog::edition(2025)?);
/// // The 2025 edition drops 234 抗疫特别国债安排的支出 and changes no economic code. (The
/// // bundled lists also differ where a published document attests a code for one edition
/// // only; data/README.md lists those.)
/// assert!(diff.functional.removed.contains(&"234".parse::<FunctionCode>()?));
/// assert!(diff.economic.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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

/// The embedded edition of one year: its three files under `data/` (named after the year).
macro_rules! embedded {
    ($year:literal) => {
        Embedded {
            year: $year,
            functional: include_str!(concat!("../../data/functional/", stringify!($year), ".tsv")),
            economic: include_str!(concat!("../../data/economic/", stringify!($year), ".tsv")),
            mapping: include_str!(concat!(
                "../../data/economic/mapping-",
                stringify!($year),
                ".tsv"
            )),
            catalog: Lazy::new(|| {
                let (functional, economic, mapping) =
                    Catalog::embedded_files($year).expect("an embedded edition has its files");
                Catalog::from_tsv(stringify!($year), functional, economic, mapping)
            }),
        }
    };
}

/// The one list of embedded editions: [`EDITIONS`] and the compiled-in files both come from it.
macro_rules! editions {
    ($($year:literal),+) => {
        /// The years of the embedded editions, oldest first; the one list that
        /// [`Catalog::edition`], [`Catalog::embedded_files`], the tests and the data drift
        /// check (`tests/catalog_drift.rs`) use. Also [`Catalog::EDITIONS`].
        ///
        /// ```
        /// assert_eq!(cn_budget::catalog::EDITIONS, &[2024, 2025]);
        /// for &year in cn_budget::catalog::EDITIONS {
        ///     assert_eq!(cn_budget::Catalog::edition(year)?.label(), year.to_string());
        /// }
        /// # Ok::<(), cn_budget::catalog::EditionError>(())
        /// ```
        pub const EDITIONS: &[u16] = &[$($year),+];

        static EMBEDDED: [Embedded; EDITIONS.len()] = [$(embedded!($year)),+];
    };
}

editions!(2024, 2025);

impl Catalog {
    /// The years of the embedded editions (the same list as [`EDITIONS`]).
    ///
    /// ```
    /// use cn_budget::Catalog;
    /// let newest = *Catalog::EDITIONS.last().unwrap();
    /// assert!(Catalog::edition(newest).is_ok());
    /// assert!(Catalog::edition(newest + 1).is_err());
    /// ```
    pub const EDITIONS: &'static [u16] = EDITIONS;

    /// The embedded catalog of an edition (the year of 《XXXX年政府收支分类科目》).
    ///
    /// ```
    /// let catalog = cn_budget::Catalog::edition(2025)?;
    /// assert_eq!(catalog.label(), "2025");
    /// # Ok::<(), cn_budget::catalog::EditionError>(())
    /// ```
    pub fn edition(year: u16) -> Result<&'static Catalog, EditionError> {
        let embedded = EMBEDDED
            .iter()
            .find(|e| e.year == year)
            .ok_or(EditionError::Unknown {
                year,
                available: EDITIONS,
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
    ///
    /// ```
    /// use cn_budget::Catalog;
    /// assert_eq!(Catalog::edition(2024)?.label(), "2024");
    /// assert_eq!(Catalog::from_tsv("my edition", "", "", "")?.label(), "my edition");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn label(&self) -> &str {
        &self.edition
    }

    /// The functional codes (支出功能分类).
    ///
    /// ```
    /// use cn_budget::{Catalog, FunctionCode};
    /// let functional = Catalog::edition(2024)?.functional();
    /// assert_eq!(functional.name("2080505".parse::<FunctionCode>()?), Some("机关事业单位基本养老保险缴费支出"));
    /// assert!(!functional.contains("2189999".parse::<FunctionCode>()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn functional(&self) -> &CodeList<FunctionCode> {
        &self.functional
    }

    /// The economic codes (部门 3xx and 政府 5xx 支出经济分类).
    ///
    /// ```
    /// use cn_budget::{Catalog, EconomicCode, EconomicScheme, Level};
    /// let economic = Catalog::edition(2024)?.economic();
    /// assert_eq!(economic.name("30201".parse::<EconomicCode>()?), Some("办公费"));
    /// assert_eq!(economic.name("50501".parse::<EconomicCode>()?), Some("工资福利支出"));
    /// // Both schemes in one list: 10 部门 类 and 15 政府 类.
    /// let classes: Vec<EconomicCode> = economic
    ///     .iter()
    ///     .filter(|e| e.level() == Level::Class)
    ///     .map(|e| e.code())
    ///     .collect();
    /// let government = classes.iter().filter(|c| c.scheme() == EconomicScheme::Government).count();
    /// assert_eq!((classes.len() - government, government), (10, 15));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn economic(&self) -> &CodeList<EconomicCode> {
        &self.economic
    }

    /// The 部门 → 政府 economic correspondence.
    ///
    /// ```
    /// use cn_budget::{Catalog, EconomicCode};
    /// use cn_budget::catalog::UnitType;
    /// let mapping = Catalog::edition(2024)?.mapping();
    /// let office: EconomicCode = "30201".parse()?; // 办公费
    /// assert_eq!(mapping.government(office, UnitType::Administrative), Some("50201".parse()?));
    /// assert_eq!(mapping.government(office, UnitType::Institution), Some("50502".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// Resolves a printed name path such as `一般公共服务支出（类）财政事务（款）行政运行（项）`
    /// to its functional code. Names are looked up under their parent (a name is unique only
    /// there), and every printed marker must match the position of its name.
    ///
    /// ```
    /// use cn_budget::catalog::ResolveError;
    /// use cn_budget::{Catalog, Level};
    /// let catalog = Catalog::edition(2024)?;
    /// // Markers may be missing or half-width; a shorter path resolves to a 款 or 类.
    /// let code = catalog.resolve_path("卫生健康支出(类) 行政事业单位医疗（款）其他行政事业单位医疗支出")?;
    /// assert_eq!(code.to_string(), "2101199");
    /// assert_eq!(catalog.resolve_path("一般公共服务支出（类）财政事务（款）")?.to_string(), "20106");
    /// // A marker that contradicts the position of its name is an error.
    /// let err = catalog.resolve_path("一般公共服务支出（类）财政事务（项）").unwrap_err();
    /// assert_eq!(
    ///     err,
    ///     ResolveError::WrongMarker { name: "财政事务".into(), printed: Level::Item, expected: Level::Section }
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// The answer compares the two lists as loaded: with the bundled lists, a code that a
    /// published document attests for one edition only shows up as added or removed too
    /// (data/README.md says which).
    ///
    /// ```
    /// use cn_budget::{Catalog, FunctionCode};
    /// let (older, newer) = (Catalog::edition(2024)?, Catalog::edition(2025)?);
    /// let forward = older.diff(newer);
    /// assert!(forward.functional.removed.contains(&"234".parse::<FunctionCode>()?));
    /// assert!(!forward.functional.added.contains(&"234".parse::<FunctionCode>()?));
    /// // Backwards, the same codes are added.
    /// assert_eq!(newer.diff(older).functional.added, forward.functional.removed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    /// use cn_budget::{Code, Level};
    /// let diff = cn_budget::Catalog::edition(2024)?.diff(cn_budget::Catalog::edition(2025)?);
    /// // The only 类 that changed is the removed 234.
    /// assert_eq!(diff.functional.at_level(Level::Class).removed.len(), 1);
    /// assert!(diff.functional.at_level(Level::Class).added.is_empty());
    /// let items = diff.functional.at_level(Level::Item);
    /// assert!(items.added.iter().chain(&items.removed).all(|c| c.level() == Level::Item));
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
