use crate::{EconomicCode, EconomicScheme};

/// The kind of budget unit, on which the 部门 → 政府 economic correspondence depends.
///
/// ```
/// use cn_budget::catalog::UnitType;
/// assert_eq!(UnitType::from_name("事业单位"), Some(UnitType::Institution));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum UnitType {
    /// 机关 (administrative units): 501/502/503… series.
    Administrative,
    /// 事业单位 (public institutions): 505/506… series.
    Institution,
}

impl UnitType {
    /// The Chinese name: 机关 or 事业单位.
    ///
    /// ```
    /// use cn_budget::catalog::UnitType;
    /// assert_eq!(UnitType::Administrative.name(), "机关");
    /// assert_eq!(UnitType::from_name(UnitType::Institution.name()), Some(UnitType::Institution));
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            UnitType::Administrative => "机关",
            UnitType::Institution => "事业单位",
        }
    }

    /// Parses 机关 or 事业单位 (surrounding white space allowed).
    ///
    /// ```
    /// use cn_budget::catalog::UnitType;
    /// assert_eq!(UnitType::from_name(" 机关 "), Some(UnitType::Administrative));
    /// assert_eq!(UnitType::from_name("企业"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<UnitType> {
        match name.trim() {
            "机关" => Some(UnitType::Administrative),
            "事业单位" => Some(UnitType::Institution),
            _ => None,
        }
    }
}

/// One pair of the official 部门 → 政府 correspondence.
///
/// ```
/// use cn_budget::{Catalog, EconomicCode};
/// let catalog = Catalog::edition(2024)?;
/// let pair = catalog.mapping().pairs().next().unwrap();
/// assert_eq!(pair.department(), "30101".parse::<EconomicCode>()?);
/// assert_eq!(pair.government(), "50101".parse::<EconomicCode>()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MappingPair {
    department: EconomicCode,
    government: EconomicCode,
    unit: Option<UnitType>,
    uncertain: bool,
}

impl MappingPair {
    /// The 部门预算 code.
    ///
    /// ```
    /// use cn_budget::{Catalog, EconomicScheme};
    /// let mapping = Catalog::edition(2024)?.mapping();
    /// assert!(mapping.pairs().all(|p| p.department().scheme() == EconomicScheme::Department));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn department(&self) -> EconomicCode {
        self.department
    }
    /// The 政府预算 code.
    ///
    /// ```
    /// use cn_budget::{Catalog, EconomicCode};
    /// let mapping = Catalog::edition(2024)?.mapping();
    /// let wage: EconomicCode = "30101".parse()?;
    /// let targets: Vec<String> = mapping
    ///     .pairs()
    ///     .filter(|p| p.department() == wage)
    ///     .map(|p| p.government().to_string())
    ///     .collect();
    /// assert_eq!(targets, ["50101", "50501"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn government(&self) -> EconomicCode {
        self.government
    }
    /// The unit type the pair holds for; `None` for every unit type.
    ///
    /// ```
    /// use cn_budget::catalog::UnitType;
    /// use cn_budget::{Catalog, EconomicCode};
    /// let mapping = Catalog::edition(2024)?.mapping();
    /// let unit_type = |code: &str| {
    ///     let code: EconomicCode = code.parse().unwrap();
    ///     mapping.pairs().find(|p| p.department() == code).unwrap().unit_type()
    /// };
    /// assert_eq!(unit_type("30101"), Some(UnitType::Administrative)); // 基本工资
    /// assert_eq!(unit_type("30301"), None); // 离休费: the same 政府 code for all units
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unit_type(&self) -> Option<UnitType> {
        self.unit
    }
    /// Whether the compilers flagged the pair as uncertain.
    ///
    /// ```
    /// use cn_budget::catalog::UnitType;
    /// use cn_budget::{Catalog, EconomicCode};
    /// let mapping = Catalog::edition(2024)?.mapping();
    /// let pair = |d: &str, unit| {
    ///     let d: EconomicCode = d.parse().unwrap();
    ///     *mapping.pairs().find(|p| p.department() == d && p.unit_type() == Some(unit)).unwrap()
    /// };
    /// assert!(!pair("30101", UnitType::Institution).is_uncertain());
    /// assert!(pair("30106", UnitType::Institution).is_uncertain());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }
}

/// The 部门预算 → 政府预算 economic correspondence of an edition.
///
/// The 政府 code of a 部门 code depends on the unit type: 30101 基本工资 goes to 50101 in a
/// 机关 and to 50501 in a 事业单位.
///
/// ```
/// use cn_budget::{Catalog, EconomicCode};
/// use cn_budget::catalog::UnitType;
/// let mapping = Catalog::edition(2024)?.mapping();
/// let wage: EconomicCode = "30101".parse()?;
/// assert_eq!(mapping.government(wage, UnitType::Administrative).unwrap().to_string(), "50101");
/// assert_eq!(mapping.government(wage, UnitType::Institution).unwrap().to_string(), "50501");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    pairs: Vec<MappingPair>,
}

impl Mapping {
    pub(super) fn push(
        &mut self,
        department: EconomicCode,
        government: EconomicCode,
        unit: Option<UnitType>,
        uncertain: bool,
    ) {
        self.pairs.push(MappingPair {
            department,
            government,
            unit,
            uncertain,
        });
    }

    /// Every pair, in file order.
    ///
    /// ```
    /// use cn_budget::Catalog;
    /// let mapping = Catalog::edition(2024)?.mapping();
    /// let first: Vec<(String, String)> = mapping
    ///     .pairs()
    ///     .take(2)
    ///     .map(|p| (p.department().to_string(), p.government().to_string()))
    ///     .collect();
    /// assert_eq!(first, [("30101".into(), "50101".into()), ("30101".into(), "50501".into())]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pairs(&self) -> impl Iterator<Item = &MappingPair> + '_ {
        self.pairs.iter()
    }

    /// The 政府 code a 部门 code maps to for a unit type, if the correspondence lists it.
    /// A 政府 code given as input maps to itself.
    ///
    /// ```
    /// use cn_budget::catalog::UnitType;
    /// use cn_budget::{Catalog, EconomicCode};
    /// let mapping = Catalog::edition(2024)?.mapping();
    /// let code = |s: &str| s.parse::<EconomicCode>().unwrap();
    /// // 30301 离休费 maps to 50905 whatever the unit type.
    /// assert_eq!(mapping.government(code("30301"), UnitType::Administrative), Some(code("50905")));
    /// assert_eq!(mapping.government(code("30301"), UnitType::Institution), Some(code("50905")));
    /// // 30107 绩效工资 is listed for 事业单位 only.
    /// assert_eq!(mapping.government(code("30107"), UnitType::Administrative), None);
    /// assert_eq!(mapping.government(code("50101"), UnitType::Institution), Some(code("50101")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn government(&self, department: EconomicCode, unit: UnitType) -> Option<EconomicCode> {
        if department.scheme() == EconomicScheme::Government {
            return Some(department);
        }
        self.pairs
            .iter()
            .find(|p| p.department == department && p.unit.is_none_or(|u| u == unit))
            .map(|p| p.government)
    }
}
