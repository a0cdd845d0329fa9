use super::LoadError;
use crate::codes::normalize_name;
use crate::codes::CodeKey;
use crate::{Code, Level};
use std::collections::HashMap;

/// Which budget a code belongs to, where the official list says (功能分类 codes of 政府性基金
/// and 国有资本经营 budgets sit inside the same 类 as 一般公共预算 ones).
///
/// ```
/// use cn_budget::catalog::Budget;
/// assert_eq!(Budget::Fund.name(), "政府性基金预算");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Budget {
    /// 一般公共预算 (`general` in the data files).
    General,
    /// 政府性基金预算 (`fund`).
    Fund,
    /// 国有资本经营预算 (`soe`).
    StateCapital,
    /// A 类 holding 款 of several budgets (`mixed`).
    Mixed,
}

impl Budget {
    /// The Chinese name of the budget.
    ///
    /// ```
    /// use cn_budget::catalog::Budget;
    /// assert_eq!(Budget::General.name(), "一般公共预算");
    /// assert_eq!(Budget::StateCapital.name(), "国有资本经营预算");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Budget::General => "一般公共预算",
            Budget::Fund => "政府性基金预算",
            Budget::StateCapital => "国有资本经营预算",
            Budget::Mixed => "多种预算",
        }
    }

    pub(super) fn from_token(token: &str) -> Option<Budget> {
        match token {
            "general" => Some(Budget::General),
            "fund" => Some(Budget::Fund),
            "soe" => Some(Budget::StateCapital),
            "mixed" => Some(Budget::Mixed),
            _ => None,
        }
    }
}

/// One code of a catalog with its official name.
///
/// ```
/// use cn_budget::{Catalog, FunctionCode};
/// let catalog = Catalog::edition(2024)?;
/// let entry = catalog.functional().get("2010601".parse::<FunctionCode>()?).unwrap();
/// assert_eq!(entry.name(), "行政运行");
/// assert_eq!(entry.level().name(), "项");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<C> {
    code: C,
    name: String,
    budget: Option<Budget>,
    uncertain: bool,
}

impl<C: Code> Entry<C> {
    /// The code.
    ///
    /// ```
    /// use cn_budget::Catalog;
    /// let list = Catalog::edition(2024)?.functional();
    /// let entry = list.find_child(None, "住房保障支出").unwrap();
    /// assert_eq!(entry.code().to_string(), "221");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(&self) -> C {
        self.code
    }
    /// The official name, as printed in the edition (full-width brackets).
    ///
    /// ```
    /// use cn_budget::{Catalog, EconomicCode};
    /// let economic = Catalog::edition(2024)?.economic();
    /// let entry = economic.get("309".parse::<EconomicCode>()?).unwrap();
    /// assert_eq!(entry.name(), "资本性支出（基本建设）");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The level of the code.
    ///
    /// ```
    /// use cn_budget::{Catalog, EconomicCode, Level};
    /// let economic = Catalog::edition(2024)?.economic();
    /// assert_eq!(economic.get("30101".parse::<EconomicCode>()?).unwrap().level(), Level::Section);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn level(&self) -> Level {
        self.code.level()
    }
    /// The budget the code belongs to, where the data says.
    ///
    /// ```
    /// use cn_budget::catalog::Budget;
    /// use cn_budget::{Catalog, EconomicCode, FunctionCode};
    /// let catalog = Catalog::edition(2024)?;
    /// let budget = |s: &str| catalog.functional().get(s.parse::<FunctionCode>().unwrap()).unwrap().budget();
    /// assert_eq!(budget("2010601"), Some(Budget::General));
    /// assert_eq!(budget("223"), Some(Budget::StateCapital));
    /// assert_eq!(budget("208"), Some(Budget::Mixed));
    /// // The economic lists do not say.
    /// assert_eq!(catalog.economic().get("30101".parse::<EconomicCode>()?).unwrap().budget(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn budget(&self) -> Option<Budget> {
        self.budget
    }
    /// Whether the compilers of the data flagged this entry as uncertain (see
    /// `data/README.md`).
    ///
    /// ```
    /// use cn_budget::{Catalog, FunctionCode};
    /// let functional = Catalog::edition(2024)?.functional();
    /// let entry = |s: &str| functional.get(s.parse::<FunctionCode>().unwrap()).unwrap();
    /// assert!(entry("2010109").is_uncertain()); // 人大信访工作
    /// assert!(!entry("2010601").is_uncertain()); // 行政运行
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }
}

/// The codes of one classification in one edition, indexed by code and by name under parent.
///
/// Lookups by code are O(1) hash lookups; entries iterate in code order (parents before
/// children).
///
/// ```
/// use cn_budget::{Catalog, Code, FunctionCode};
/// let list = Catalog::edition(2024)?.functional();
/// let kuan: FunctionCode = "20106".parse()?;
/// let names: Vec<&str> = list.children(Some(kuan)).map(|e| e.name()).take(2).collect();
/// assert_eq!(names, ["行政运行", "一般行政管理事务"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct CodeList<C> {
    entries: Vec<Entry<C>>,
    by_code: HashMap<C, usize>,
    by_name: HashMap<(Option<C>, u8, String), usize>,
    children: HashMap<Option<C>, Vec<usize>>,
}

impl<C: Code> Default for CodeList<C> {
    fn default() -> Self {
        CodeList {
            entries: Vec::new(),
            by_code: HashMap::new(),
            by_name: HashMap::new(),
            children: HashMap::new(),
        }
    }
}

impl<C: Code> CodeList<C> {
    /// Adds an entry; its parent must already be present.
    pub(super) fn push(
        &mut self,
        file: &'static str,
        line: usize,
        code: C,
        name: String,
        budget: Option<Budget>,
        uncertain: bool,
    ) -> Result<(), LoadError> {
        if self.by_code.contains_key(&code) {
            return Err(LoadError::DuplicateCode {
                file,
                line,
                code: code.to_string(),
            });
        }
        let parent = code.parent();
        if let Some(p) = parent {
            if !self.by_code.contains_key(&p) {
                return Err(LoadError::MissingParent {
                    file,
                    line,
                    code: code.to_string(),
                    parent: p.to_string(),
                });
            }
        }
        let index = self.entries.len();
        let key = (parent, code.scope(), normalize_name(&name));
        if self.by_name.insert(key, index).is_some() {
            return Err(LoadError::DuplicateSiblingName {
                file,
                line,
                code: code.to_string(),
                name,
            });
        }
        self.by_code.insert(code, index);
        self.children.entry(parent).or_default().push(index);
        self.entries.push(Entry {
            code,
            name,
            budget,
            uncertain,
        });
        Ok(())
    }

    /// Sorts entries into code order after loading.
    pub(super) fn finish(&mut self) {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by_key(|&i| self.entries[i].code);
        let mut remap = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new;
        }
        let mut entries: Vec<Option<Entry<C>>> = self.entries.drain(..).map(Some).collect();
        self.entries = order
            .iter()
            .map(|&old| entries[old].take().expect("each index once"))
            .collect();
        for v in self.by_code.values_mut() {
            *v = remap[*v];
        }
        for v in self.by_name.values_mut() {
            *v = remap[*v];
        }
        for list in self.children.values_mut() {
            for v in list.iter_mut() {
                *v = remap[*v];
            }
            list.sort_unstable();
        }
    }

    /// The entry for a code, if the edition has it.
    ///
    /// ```
    /// use cn_budget::{Catalog, FunctionCode};
    /// let functional = Catalog::edition(2024)?.functional();
    /// let entry = functional.get("2210202".parse::<FunctionCode>()?).unwrap();
    /// assert_eq!(entry.name(), "提租补贴");
    /// // Well-formed but not in the edition.
    /// assert!(functional.get("2189999".parse::<FunctionCode>()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get(&self, code: C) -> Option<&Entry<C>> {
        self.by_code.get(&code).map(|&i| &self.entries[i])
    }

    /// The official name of a code, if the edition has it.
    ///
    /// ```
    /// use cn_budget::{Catalog, FunctionCode};
    /// let (old, new) = (Catalog::edition(2024)?, Catalog::edition(2025)?);
    /// let code: FunctionCode = "234".parse()?;
    /// assert_eq!(old.functional().name(code), Some("抗疫特别国债安排的支出"));
    /// assert_eq!(new.functional().name(code), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name(&self, code: C) -> Option<&str> {
        self.get(code).map(Entry::name)
    }

    /// Whether the edition has the code.
    ///
    /// ```
    /// use cn_budget::{Catalog, EconomicCode};
    /// let economic = Catalog::edition(2024)?.economic();
    /// assert!(economic.contains("30101".parse::<EconomicCode>()?));
    /// assert!(!economic.contains("30198".parse::<EconomicCode>()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, code: C) -> bool {
        self.by_code.contains_key(&code)
    }

    /// Every entry, in code order.
    ///
    /// ```
    /// use cn_budget::Catalog;
    /// let functional = Catalog::edition(2024)?.functional();
    /// let first: Vec<String> = functional.iter().take(3).map(|e| e.code().to_string()).collect();
    /// assert_eq!(first, ["201", "20101", "2010101"]);
    /// assert!(functional.iter().zip(functional.iter().skip(1)).all(|(a, b)| a.code() < b.code()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Entry<C>> + '_ {
        self.entries.iter()
    }

    /// How many codes the list holds.
    ///
    /// ```
    /// use cn_budget::Catalog;
    /// assert_eq!(Catalog::edition(2024)?.functional().len(), 1535);
    /// assert_eq!(Catalog::edition(2025)?.functional().len(), 1534);
    /// assert_eq!(Catalog::edition(2024)?.economic().len(), 185);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the list is empty.
    ///
    /// ```
    /// use cn_budget::Catalog;
    /// // A catalog loaded without an economic file has an empty economic list.
    /// let header = cn_budget::catalog::CODE_HEADER;
    /// let catalog = Catalog::from_tsv("mine", &format!("{header}\n201\t一般公共服务支出\t类\t\t\t\n"), "", "")?;
    /// assert!(catalog.economic().is_empty());
    /// assert!(!catalog.functional().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many codes the list holds at a level.
    ///
    /// ```
    /// use cn_budget::{Catalog, Level};
    /// let functional = Catalog::edition(2024)?.functional();
    /// assert_eq!(
    ///     [Level::Class, Level::Section, Level::Item].map(|l| functional.count(l)),
    ///     [29, 244, 1262]
    /// );
    /// assert_eq!(Catalog::edition(2024)?.economic().count(Level::Item), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn count(&self, level: Level) -> usize {
        self.entries.iter().filter(|e| e.level() == level).count()
    }

    /// The direct children of a code (`None`: the 类), in code order.
    pub fn children(&self, parent: Option<C>) -> impl Iterator<Item = &Entry<C>> + '_ {
        self.children
            .get(&parent)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|&i| &self.entries[i])
    }

    /// The entries from the 类 down to the code (类, 款, 项), or `None` if the code or one of
    /// its ancestors is missing.
    ///
    /// ```
    /// use cn_budget::{Catalog, EconomicCode, FunctionCode};
    /// let catalog = Catalog::edition(2024)?;
    /// let path = catalog.economic().path("30101".parse::<EconomicCode>()?).unwrap();
    /// let names: Vec<&str> = path.iter().map(|e| e.name()).collect();
    /// assert_eq!(names, ["工资福利支出", "基本工资"]);
    /// assert!(catalog.functional().path("2189999".parse::<FunctionCode>()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn path(&self, code: C) -> Option<Vec<&Entry<C>>> {
        let mut path = vec![self.get(code)?];
        for a in code.ancestors() {
            path.push(self.get(a)?);
        }
        path.reverse();
        Some(path)
    }

    /// The child of `parent` (`None`: a 类) with this name, after normalising brackets and
    /// white space. Names are unique only under one parent. Among 类 of the economic list,
    /// where 部门 and 政府 classes may share a name (对企业补助), the 部门 one comes first.
    ///
    /// ```
    /// use cn_budget::{Catalog, EconomicCode, FunctionCode};
    /// let catalog = Catalog::edition(2024)?;
    /// let kuan: FunctionCode = "20106".parse()?;
    /// let entry = catalog.functional().find_child(Some(kuan), "行政运行").unwrap();
    /// assert_eq!(entry.code().to_string(), "2010601");
    /// // Only direct children are searched.
    /// assert!(catalog.functional().find_child(None, "行政运行").is_none());
    /// // Brackets are normalised; among 类 the 部门 scheme wins.
    /// let economic = catalog.economic();
    /// assert_eq!(economic.find_child(None, "资本性支出(基本建设)").unwrap().code().to_string(), "309");
    /// assert_eq!(economic.find_child(None, "对企业补助").unwrap().code().to_string(), "312");
    /// let gov: EconomicCode = "507".parse()?;
    /// assert_eq!(economic.name(gov), Some("对企业补助"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find_child(&self, parent: Option<C>, name: &str) -> Option<&Entry<C>> {
        let name = normalize_name(name);
        let scopes = match parent {
            Some(p) => p.scope()..=p.scope(),
            None => 0..=1,
        };
        for scope in scopes {
            if let Some(&i) = self.by_name.get(&(parent, scope, name.clone())) {
                return Some(&self.entries[i]);
            }
        }
        None
    }

    /// Every entry with this name at any place, for resolving a lone name (ambiguous names
    /// such as 行政运行 return many).
    ///
    /// ```
    /// use cn_budget::Catalog;
    /// let functional = Catalog::edition(2024)?.functional();
    /// let found = functional.find_all("行政运行");
    /// assert_eq!(found.len(), 78);
    /// assert_eq!(found[0].code().to_string(), "2010101");
    /// assert_eq!(functional.find_all("提租补贴").len(), 1);
    /// assert!(functional.find_all("不存在").is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find_all(&self, name: &str) -> Vec<&Entry<C>> {
        let wanted = normalize_name(name);
        self.entries
            .iter()
            .filter(|e| normalize_name(&e.name) == wanted)
            .collect()
    }

    /// Every entry whose name contains `part` (brackets and white space normalised as in
    /// [`CodeList::find_all`]), in code order; an empty `part` finds nothing.
    ///
    /// ```
    /// use cn_budget::Catalog;
    /// let functional = Catalog::edition(2024)?.functional();
    /// let found = functional.search("公务员医疗");
    /// let codes: Vec<String> = found.iter().map(|e| e.code().to_string()).collect();
    /// assert!(codes.contains(&"2101103".to_owned()), "公务员医疗补助");
    /// assert!(found.iter().all(|e| e.name().contains("公务员医疗")));
    /// assert!(functional.search(" ").is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn search(&self, part: &str) -> Vec<&Entry<C>> {
        let wanted = normalize_name(part);
        if wanted.is_empty() {
            return Vec::new();
        }
        self.entries
            .iter()
            .filter(|e| normalize_name(&e.name).contains(&wanted))
            .collect()
    }
}
