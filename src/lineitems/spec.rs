//! Which columns of a line-item table hold the codes and the amounts, and at what scale.

use crate::{Catalog, EconomicScheme};

/// The functional-code column of the 预算管理一体化 line items (支出功能分类科目编码).
pub const FUNCTIONAL_COLUMN: &str = "exp_func_code";
/// The 部门预算支出经济分类 code column of the 预算管理一体化 line items.
pub const DEPARTMENT_ECONOMIC_COLUMN: &str = "dep_bgt_eco_code";
/// The 政府预算支出经济分类 code column of the 预算管理一体化 line items.
pub const GOVERNMENT_ECONOMIC_COLUMN: &str = "gov_bgt_eco_code";
/// The default number of decimals of amounts read from text or integers: 2, i.e. 分 when
/// amounts are in 元.
pub const DEFAULT_SCALE: u32 = 2;
/// The largest scale an amount may declare: 18 decimals still leave ±9.2 in an `i64`.
pub const MAX_SCALE: u32 = 18;

/// Which columns to roll up, and how to read them.
///
/// The defaults are the 预算管理一体化 field names: functional codes in `exp_func_code`; no
/// economic column unless asked for ([`ColumnSpec::economic`] picks `dep_bgt_eco_code` or
/// `gov_bgt_eco_code` by scheme); amounts in every column named `amt` or ending in `_amt`
/// (the field names' abbreviation of 金额), in file order, unless [`ColumnSpec::amounts`]
/// names them. Text and 64-bit integer amounts are read at the declared [`ColumnSpec::scale`]
/// (2 by default); Arrow/Parquet `Decimal128` columns carry their own scale.
///
/// ```
/// use cn_budget::lineitems::ColumnSpec;
/// use cn_budget::EconomicScheme;
/// let spec = ColumnSpec::default()
///     .economic(EconomicScheme::Department)
///     .amounts(["本年支出合计", "基本支出"])
///     .scale(2);
/// assert_eq!(spec.functional_column(), "exp_func_code");
/// assert_eq!(spec.economic_column(), Some(("dep_bgt_eco_code", EconomicScheme::Department)));
/// assert!(spec.is_amount("基本支出", &["exp_func_code", "本年支出合计", "基本支出"]));
/// ```
#[derive(Clone, Debug)]
pub struct ColumnSpec<'c> {
    functional: String,
    economic: Option<(String, EconomicScheme)>,
    amounts: Option<Vec<String>>,
    scale: u32,
    edition: Option<&'c Catalog>,
}

impl Default for ColumnSpec<'_> {
    fn default() -> Self {
        ColumnSpec {
            functional: FUNCTIONAL_COLUMN.to_owned(),
            economic: None,
            amounts: None,
            scale: DEFAULT_SCALE,
            edition: None,
        }
    }
}

impl<'c> ColumnSpec<'c> {
    /// Reads functional codes from the column `name` instead of `exp_func_code`.
    ///
    /// ```
    /// let spec = cn_budget::lineitems::ColumnSpec::default().functional("功能分类");
    /// assert_eq!(spec.functional_column(), "功能分类");
    /// ```
    pub fn functional(mut self, name: impl Into<String>) -> Self {
        self.functional = name.into();
        self
    }

    /// Reads economic codes of `scheme` from its 预算管理一体化 column (`dep_bgt_eco_code`
    /// for 部门, `gov_bgt_eco_code` for 政府): the rollup becomes a functional × economic
    /// cross-tabulation.
    ///
    /// ```
    /// use cn_budget::{lineitems::ColumnSpec, EconomicScheme};
    /// let spec = ColumnSpec::default().economic(EconomicScheme::Government);
    /// assert_eq!(spec.economic_column(), Some(("gov_bgt_eco_code", EconomicScheme::Government)));
    /// ```
    pub fn economic(self, scheme: EconomicScheme) -> Self {
        let name = match scheme {
            EconomicScheme::Department => DEPARTMENT_ECONOMIC_COLUMN,
            EconomicScheme::Government => GOVERNMENT_ECONOMIC_COLUMN,
        };
        self.economic_named(name, scheme)
    }

    /// Reads economic codes of `scheme` from the column `name`.
    ///
    /// ```
    /// use cn_budget::{lineitems::ColumnSpec, EconomicScheme};
    /// let spec = ColumnSpec::default().economic_named("经济分类", EconomicScheme::Department);
    /// assert_eq!(spec.economic_column(), Some(("经济分类", EconomicScheme::Department)));
    /// ```
    pub fn economic_named(mut self, name: impl Into<String>, scheme: EconomicScheme) -> Self {
        self.economic = Some((name.into(), scheme));
        self
    }

    /// Names the amount columns, in the order the results list them.
    ///
    /// ```
    /// let spec = cn_budget::lineitems::ColumnSpec::default().amounts(["a", "b"]);
    /// assert!(spec.is_amount("b", &["a", "b", "c_amt"]));
    /// assert!(!spec.is_amount("c_amt", &["a", "b", "c_amt"]));
    /// ```
    pub fn amounts<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.amounts = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Declares the number of decimals of text and integer amounts (at most [`MAX_SCALE`]).
    /// An amount with more significant decimals is an error, never rounded.
    ///
    /// ```
    /// let spec = cn_budget::lineitems::ColumnSpec::default().scale(4);
    /// assert_eq!(spec.declared_scale(), 4);
    /// ```
    pub fn scale(mut self, decimals: u32) -> Self {
        self.scale = decimals;
        self
    }

    /// Checks every code against an edition of the classification: a code the edition does
    /// not list is an error naming its row and column.
    ///
    /// ```
    /// use cn_budget::{lineitems::ColumnSpec, Catalog};
    /// let spec = ColumnSpec::default().edition(Catalog::edition(2024)?);
    /// assert!(spec.catalog().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn edition(mut self, catalog: &'c Catalog) -> Self {
        self.edition = Some(catalog);
        self
    }

    /// The column of functional codes.
    ///
    /// ```
    /// assert_eq!(cn_budget::lineitems::ColumnSpec::default().functional_column(), "exp_func_code");
    /// ```
    pub fn functional_column(&self) -> &str {
        &self.functional
    }

    /// The column of economic codes and its scheme, if any.
    ///
    /// ```
    /// assert_eq!(cn_budget::lineitems::ColumnSpec::default().economic_column(), None);
    /// ```
    pub fn economic_column(&self) -> Option<(&str, EconomicScheme)> {
        self.economic.as_ref().map(|(n, s)| (n.as_str(), *s))
    }

    /// The declared scale of text and integer amounts.
    ///
    /// ```
    /// assert_eq!(cn_budget::lineitems::ColumnSpec::default().declared_scale(), 2);
    /// ```
    pub fn declared_scale(&self) -> u32 {
        self.scale
    }

    /// The edition codes are checked against, if any.
    ///
    /// ```
    /// assert!(cn_budget::lineitems::ColumnSpec::default().catalog().is_none());
    /// ```
    pub fn catalog(&self) -> Option<&'c Catalog> {
        self.edition
    }

    /// Whether the column `name` of a table with these `columns` holds amounts: one of the
    /// named amount columns, or by default a column named `amt` or ending in `_amt` that is
    /// not a code column.
    ///
    /// ```
    /// let spec = cn_budget::lineitems::ColumnSpec::default();
    /// let columns = ["exp_func_code", "exp_func_name", "bgt_amt", "pay_amt"];
    /// assert!(spec.is_amount("pay_amt", &columns));
    /// assert!(!spec.is_amount("exp_func_name", &columns));
    /// ```
    pub fn is_amount(&self, name: &str, columns: &[&str]) -> bool {
        if !columns.contains(&name) {
            return false;
        }
        match &self.amounts {
            Some(names) => names.iter().any(|n| n == name),
            None => {
                (name == "amt" || name.ends_with("_amt"))
                    && name != self.functional
                    && self.economic.as_ref().is_none_or(|(e, _)| e != name)
            }
        }
    }

    /// The positions in `columns` of the functional codes, the economic codes (if asked for)
    /// and the amounts (in the spec's order when named, else in file order).
    pub(crate) fn resolve(&self, columns: &[&str]) -> Result<Resolved, super::LineItemError> {
        use super::LineItemError;
        if self.scale > MAX_SCALE {
            return Err(LineItemError::ScaleTooLarge { scale: self.scale });
        }
        let find = |name: &str| {
            columns
                .iter()
                .position(|c| *c == name)
                .ok_or_else(|| LineItemError::MissingColumn {
                    column: name.to_owned(),
                    found: columns.iter().map(|c| c.to_string()).collect(),
                })
        };
        let functional = find(&self.functional)?;
        let economic = match &self.economic {
            Some((name, _)) => Some(find(name)?),
            None => None,
        };
        let amounts = match &self.amounts {
            Some(names) => names
                .iter()
                .map(|n| find(n))
                .collect::<Result<Vec<_>, _>>()?,
            None => (0..columns.len())
                .filter(|&i| self.is_amount(columns[i], columns))
                .collect(),
        };
        if amounts.is_empty() {
            return Err(LineItemError::NoAmountColumns {
                found: columns.iter().map(|c| c.to_string()).collect(),
            });
        }
        Ok(Resolved {
            functional,
            economic,
            amounts,
        })
    }
}

/// Column positions found by [`ColumnSpec::resolve`].
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub(crate) functional: usize,
    pub(crate) economic: Option<usize>,
    pub(crate) amounts: Vec<usize>,
}
