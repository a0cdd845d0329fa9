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
    pub const fn name(self) -> &'static str {
        match self {
            UnitType::Administrative => "机关",
            UnitType::Institution => "事业单位",
        }
    }

    /// Parses 机关 or 事业单位.
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
/// assert_eq!(pair.department().to_string().len(), 5);
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
    pub fn department(&self) -> EconomicCode {
        self.department
    }
    /// The 政府预算 code.
    pub fn government(&self) -> EconomicCode {
        self.government
    }
    /// The unit type the pair holds for; `None` for every unit type.
    pub fn unit_type(&self) -> Option<UnitType> {
        self.unit
    }
    /// Whether the compilers flagged the pair as uncertain.
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
    pub fn pairs(&self) -> impl Iterator<Item = &MappingPair> + '_ {
        self.pairs.iter()
    }

    /// The 政府 code a 部门 code maps to for a unit type, if the correspondence lists it.
    /// A 政府 code given as input maps to itself.
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
