//! The exact, mergeable totals of line items, accumulated batch by batch.

use super::LineItemError;
use crate::tree::{
    Crosstab, FixedColumn, PartialCrosstab, PartialRollup, Rollup, RollupError, RunningSums, Tree,
    MIN_ROWS_PER_THREAD,
};
use crate::{EconomicCode, EconomicScheme, FunctionCode};

/// The totals of line items as mergeable partials: per functional code that had rows, the
/// row count and the exact sum of each amount column; with an economic column, per
/// (functional, economic) pair too, one partial crosstab per amount column.
///
/// Totals of any split of the rows (batches of a file, files of a province, provinces on
/// several machines), merged in any order, equal the totals of all the rows. They hold one
/// entry per distinct code (or pair), never per row, so their size does not grow with the
/// number of rows. [`Totals::rollup`] and [`Totals::crosstab`] finish them into the exact
/// 类/款/项 results.
///
/// ```
/// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
/// use cn_budget::tree::Tree;
/// use rust_decimal_macros::dec;
/// let north = "exp_func_code,pay_amt\n2010601,1887.52\n2080505,83.76\n";
/// let south = "exp_func_code,pay_amt\n2010602,343.26\n";
/// let mut totals = rollup_csv(north.as_bytes(), &ColumnSpec::default(), 1)?;
/// totals.merge(&rollup_csv(south.as_bytes(), &ColumnSpec::default(), 1)?)?;
/// let tree = totals.tree();
/// let rollup = totals.rollup(&tree)?;
/// assert_eq!(rollup.get("20106".parse()?), Some(&[dec!(2230.78)][..]));
/// assert_eq!(rollup.grand_total(), &[dec!(2314.54)][..]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "Parts"))]
pub struct Totals {
    columns: Vec<String>,
    functional: PartialRollup<FunctionCode>,
    economic: Option<EconomicParts>,
}

/// The economic scheme and one partial crosstab per amount column.
type EconomicParts = (
    EconomicScheme,
    Vec<PartialCrosstab<FunctionCode, EconomicCode>>,
);

/// The serialized form of [`Totals`], checked by [`Totals::from_parts`] when read back.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct Parts {
    columns: Vec<String>,
    functional: PartialRollup<FunctionCode>,
    economic: Option<EconomicParts>,
}

#[cfg(feature = "serde")]
impl TryFrom<Parts> for Totals {
    type Error = LineItemError;
    fn try_from(p: Parts) -> Result<Totals, LineItemError> {
        Totals::from_parts(p.columns, p.functional, p.economic)
    }
}

impl Totals {
    /// Totals of no rows for these amount columns (with their scales), and for crosstabs
    /// by the economic `scheme` when given: the identity of [`Totals::merge`].
    ///
    /// ```
    /// use cn_budget::lineitems::Totals;
    /// let empty = Totals::empty(vec!["pay_amt".into()], vec![2], None)?;
    /// assert_eq!(empty.rows(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn empty(
        columns: Vec<String>,
        scales: Vec<u32>,
        scheme: Option<EconomicScheme>,
    ) -> Result<Totals, LineItemError> {
        if columns.len() != scales.len() {
            return Err(RollupError::Width {
                expected: columns.len(),
                found: scales.len(),
            }
            .into());
        }
        let economic = match scheme {
            Some(s) => Some((
                s,
                scales
                    .iter()
                    .map(|&scale| PartialCrosstab::from_entries(scale, 0, []))
                    .collect::<Result<_, _>>()?,
            )),
            None => None,
        };
        Ok(Totals {
            functional: PartialRollup::empty(scales)?,
            columns,
            economic,
        })
    }

    /// Totals from their parts, checked to agree (as read back from a serialized form, or
    /// finished by an [`Accumulator`]).
    pub(crate) fn from_parts(
        columns: Vec<String>,
        functional: PartialRollup<FunctionCode>,
        economic: Option<EconomicParts>,
    ) -> Result<Totals, LineItemError> {
        let width = functional.width();
        let crosstabs = economic.as_ref().map_or(width, |(_, c)| c.len());
        if columns.len() != width || crosstabs != width {
            return Err(RollupError::Width {
                expected: columns.len(),
                found: if columns.len() != width {
                    width
                } else {
                    crosstabs
                },
            }
            .into());
        }
        if let Some((_, crosstabs)) = &economic {
            if let Some(c) = crosstabs.iter().find(|c| c.rows() != functional.rows()) {
                return Err(LineItemError::Mismatch {
                    expected: format!("{} rows", functional.rows()),
                    found: format!("a crosstab of {} rows", c.rows()),
                });
            }
        }
        Ok(Totals {
            columns,
            functional,
            economic,
        })
    }

    /// The names of the amount columns.
    ///
    /// ```
    /// use cn_budget::lineitems::Totals;
    /// let t = Totals::empty(vec!["bgt_amt".into(), "pay_amt".into()], vec![2, 2], None)?;
    /// assert_eq!(t.columns(), ["bgt_amt", "pay_amt"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The number of rows summed.
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
    /// let t = rollup_csv("exp_func_code,amt\n201,1\n201,2\n".as_bytes(), &ColumnSpec::default(), 1)?;
    /// assert_eq!(t.rows(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(&self) -> u64 {
        self.functional.rows()
    }

    /// The partial rollup by functional code.
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
    /// let t = rollup_csv("exp_func_code,amt\n2010601,1.5\n2010601,2\n".as_bytes(), &ColumnSpec::default(), 1)?;
    /// let entries: Vec<_> = t.functional().iter().map(|(c, n, s)| (c.to_string(), n, s.to_vec())).collect();
    /// assert_eq!(entries, [("2010601".to_string(), 2, vec![350])]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn functional(&self) -> &PartialRollup<FunctionCode> {
        &self.functional
    }

    /// The economic scheme and the partial crosstab of each amount column, when the spec
    /// read an economic column.
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
    /// use cn_budget::EconomicScheme;
    /// let text = "exp_func_code,dep_bgt_eco_code,amt\n2010601,30101,1\n";
    /// let spec = ColumnSpec::default().economic(EconomicScheme::Department);
    /// let t = rollup_csv(text.as_bytes(), &spec, 1)?;
    /// let (scheme, crosstabs) = t.economic().unwrap();
    /// assert_eq!((scheme, crosstabs.len()), (EconomicScheme::Department, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn economic(
        &self,
    ) -> Option<(
        EconomicScheme,
        &[PartialCrosstab<FunctionCode, EconomicCode>],
    )> {
        self.economic.as_ref().map(|(s, c)| (*s, c.as_slice()))
    }

    /// Adds `other` into `self`, exactly. Associative and commutative. Both must have the
    /// same amount columns (by name, in order) and the same economic scheme, if any.
    ///
    /// ```
    /// use cn_budget::lineitems::{LineItemError, Totals};
    /// let mut a = Totals::empty(vec!["pay_amt".into()], vec![2], None)?;
    /// let b = Totals::empty(vec!["bgt_amt".into()], vec![2], None)?;
    /// assert!(matches!(a.merge(&b), Err(LineItemError::Mismatch { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, other: &Totals) -> Result<(), LineItemError> {
        if self.columns != other.columns {
            return Err(LineItemError::Mismatch {
                expected: self.columns.join(", "),
                found: other.columns.join(", "),
            });
        }
        let scheme = |t: &Totals| t.economic.as_ref().map(|(s, _)| *s);
        if scheme(self) != scheme(other) {
            let name = |s: Option<EconomicScheme>| s.map_or("no economic codes", |s| s.name());
            return Err(LineItemError::Mismatch {
                expected: name(scheme(self)).to_owned(),
                found: name(scheme(other)).to_owned(),
            });
        }
        let mut merged = self.clone();
        merged.functional.merge(&other.functional)?;
        if let (Some((_, mine)), Some((_, theirs))) = (&mut merged.economic, &other.economic) {
            if mine.len() != theirs.len() {
                return Err(RollupError::Width {
                    expected: mine.len(),
                    found: theirs.len(),
                }
                .into());
            }
            for (m, t) in mine.iter_mut().zip(theirs) {
                m.merge(t)?;
            }
        }
        *self = merged;
        Ok(())
    }

    /// The tree of every functional code that had rows, with their ancestors.
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
    /// let t = rollup_csv("exp_func_code,amt\n2010601,1\n".as_bytes(), &ColumnSpec::default(), 1)?;
    /// assert_eq!(t.tree().len(), 3); // 201, 20106, 2010601
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tree(&self) -> Tree<FunctionCode> {
        Tree::from_codes(self.functional.iter().map(|(c, _, _)| c))
    }

    /// The tree of every economic code that had rows, with their ancestors (empty without
    /// an economic column).
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
    /// use cn_budget::EconomicScheme;
    /// let spec = ColumnSpec::default().economic(EconomicScheme::Department);
    /// let t = rollup_csv("exp_func_code,dep_bgt_eco_code,amt\n2010601,30101,1\n".as_bytes(), &spec, 1)?;
    /// assert_eq!(t.economic_tree().len(), 2); // 301, 30101
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn economic_tree(&self) -> Tree<EconomicCode> {
        let codes = self
            .economic
            .iter()
            .flat_map(|(_, c)| c.iter())
            .flat_map(|c| c.iter().map(|(_, k, _, _)| k));
        Tree::from_codes(codes)
    }

    /// The exact 类/款/项 rollup over `tree` (e.g. [`Totals::tree`], or an edition's whole
    /// tree to list every code, with zeros).
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
    /// use cn_budget::{tree::Tree, Catalog};
    /// let t = rollup_csv("exp_func_code,amt\n2010601,1\n".as_bytes(), &ColumnSpec::default(), 1)?;
    /// let edition = Tree::from_list(Catalog::edition(2024)?.functional());
    /// assert_eq!(t.rollup(&edition)?.get("201".parse()?).map(|a| a[0].to_string()), Some("1.00".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rollup<'t>(
        &self,
        tree: &'t Tree<FunctionCode>,
    ) -> Result<Rollup<'t, FunctionCode>, LineItemError> {
        Ok(self.functional.finish(tree)?)
    }

    /// The exact functional × economic crosstab of amount column `column` over the two
    /// trees, or `None` without an economic column (or past the last column).
    ///
    /// ```
    /// use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
    /// use cn_budget::EconomicScheme;
    /// use rust_decimal_macros::dec;
    /// let text = "exp_func_code,dep_bgt_eco_code,amt\n2010601,30101,553.75\n2010601,30201,20.40\n";
    /// let t = rollup_csv(text.as_bytes(), &ColumnSpec::default().economic(EconomicScheme::Department), 1)?;
    /// let (functions, economics) = (t.tree(), t.economic_tree());
    /// let table = t.crosstab(0, &functions, &economics).unwrap()?;
    /// assert_eq!(table.get("201".parse()?, "301".parse()?), Some(dec!(553.75)));
    /// assert_eq!(table.grand_total(), dec!(574.15));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn crosstab<'t>(
        &self,
        column: usize,
        functions: &'t Tree<FunctionCode>,
        economics: &'t Tree<EconomicCode>,
    ) -> Option<Result<Crosstab<'t, FunctionCode, EconomicCode>, LineItemError>> {
        let (_, crosstabs) = self.economic.as_ref()?;
        let partial = crosstabs.get(column)?;
        Some(partial.finish(functions, economics).map_err(Into::into))
    }
}

/// Adds batches into [`Totals`]: one dense accumulation (functional code × economic code,
/// a row count and exact sums) from the first batch to the last, turned into the partials
/// once, by [`Accumulator::finish`]. A batch of at least [`MIN_ROWS_PER_THREAD`] rows
/// per thread is cut into contiguous ranges summed on `threads` threads, each into its own
/// accumulation (merged at the end: integer sums, so the same result for any split).
#[derive(Debug)]
pub(crate) struct Accumulator {
    columns: Vec<String>,
    scheme: Option<EconomicScheme>,
    parts: Vec<RunningSums<FunctionCode, EconomicCode>>,
    threads: usize,
}

impl Accumulator {
    pub(crate) fn new(
        columns: Vec<String>,
        scales: Vec<u32>,
        scheme: Option<EconomicScheme>,
        threads: usize,
    ) -> Result<Accumulator, LineItemError> {
        // Checks the columns against the scales as the totals will.
        Totals::empty(columns.clone(), scales.clone(), None)?;
        Ok(Accumulator {
            columns,
            scheme,
            parts: vec![RunningSums::new(scales, scheme.is_some())?],
            threads: threads.max(1),
        })
    }

    /// Adds one batch of checked codes and amounts; an error here ends the read.
    pub(crate) fn add(
        &mut self,
        functional: &[u32],
        economic: Option<&[u32]>,
        amounts: &[FixedColumn<'_>],
    ) -> Result<(), LineItemError> {
        if self.scheme.is_some() && economic.is_none() {
            return Err(LineItemError::Mismatch {
                expected: "economic codes".into(),
                found: "none".into(),
            });
        }
        let economic = economic.filter(|_| self.scheme.is_some());
        let n = functional.len();
        let threads = self.threads.min(n / MIN_ROWS_PER_THREAD).max(1);
        if threads == 1 {
            return Ok(self.parts[0].add(functional, economic, amounts)?);
        }
        while self.parts.len() < threads {
            let scales = self.parts[0].scales().to_vec();
            self.parts
                .push(RunningSums::new(scales, self.scheme.is_some())?);
        }
        let chunk = n.div_ceil(threads);
        let results: Vec<Result<(), RollupError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = self.parts[..threads]
                .iter_mut()
                .enumerate()
                .map(|(t, part)| {
                    let r = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                    let columns: Vec<FixedColumn<'_>> =
                        amounts.iter().map(|a| a.slice(r.clone())).collect();
                    let economic = economic.map(|e| &e[r.clone()]);
                    let (start, functional) = (r.start, &functional[r]);
                    scope.spawn(move || {
                        part.add(functional, economic, &columns)
                            .map_err(|e| match e {
                                RollupError::UnknownCode { row, code } => {
                                    RollupError::UnknownCode {
                                        row: start + row,
                                        code,
                                    }
                                }
                                other => other,
                            })
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| match h.join() {
                    Ok(r) => r,
                    Err(panic) => std::panic::resume_unwind(panic),
                })
                .collect()
        });
        results.into_iter().collect::<Result<(), _>>()?;
        Ok(())
    }

    /// The totals of every batch added.
    pub(crate) fn finish(self) -> Result<Totals, LineItemError> {
        let mut totals: Option<Totals> = None;
        for part in &self.parts {
            let (functional, crosstabs) = part.finish()?;
            let economic = self.scheme.zip(crosstabs);
            let part = Totals::from_parts(self.columns.clone(), functional, economic)?;
            match &mut totals {
                Some(t) => t.merge(&part)?,
                None => totals = Some(part),
            }
        }
        totals.ok_or(LineItemError::Rollup(RollupError::InvalidPartial {
            what: "no accumulation",
        }))
    }
}
