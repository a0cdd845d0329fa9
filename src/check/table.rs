use super::{compare_cells, Blanks, Blocker, CheckResult, Location, Outcome, Relation};
use crate::{Amount, Code, Rounding};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// A table could not be built.
///
/// ```
/// use cn_budget::check::{Table, TableError};
/// use cn_budget::FunctionCode;
/// let mut t: Table<FunctionCode> = Table::new("公开05表", ["小计", "基本支出", "项目支出"]);
/// let err = t.push("201".parse()?, None, vec![None]).unwrap_err();
/// assert!(matches!(err, TableError::CellCount { row: Some(0), expected: 3, found: 1, .. }));
/// assert_eq!(err.to_string(), "公开05表, row 0 (201): 1 cells for 3 columns");
/// let err = t.set_total(vec![None]).unwrap_err();
/// assert!(matches!(err, TableError::CellCount { row: None, .. }));
/// assert_eq!(err.to_string(), "公开05表, 合计 (合计): 1 cells for 3 columns");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// A row has a different number of cells than the table has columns.
    #[error("{table}, {} ({code}): {found} cells for {expected} columns", row.map_or_else(|| TOTAL_LABEL.to_owned(), |r| format!("row {r}")))]
    CellCount {
        /// The table.
        table: String,
        /// The 0-based index of the row pushed; `None` for the 合计 row.
        row: Option<usize>,
        /// The row's code or label.
        code: String,
        /// The number of columns.
        expected: usize,
        /// The number of cells given.
        found: usize,
    },
}

/// One row of a reported table: a code, the printed name and one cell per column (`None`
/// for a blank cell: a blank total is not checked, a blank part adds nothing).
///
/// ```
/// use cn_budget::check::{Row, Table};
/// use cn_budget::{Amount, FunctionCode, Unit};
/// let mut t: Table<FunctionCode> = Table::new("公开05表", ["小计", "基本支出", "项目支出"]);
/// let v = Amount::parse("275.03", Unit::TenThousandYuan)?;
/// t.push("2210201".parse()?, Some("住房公积金"), vec![Some(v), Some(v), None])?;
/// let row: &Row<FunctionCode> = &t.rows()[0];
/// assert_eq!(row.name.as_deref(), Some("住房公积金"));
/// assert_eq!(row.cells, [Some(v), Some(v), None]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Row<C> {
    /// The row's code.
    pub code: C,
    /// The name printed on the row.
    pub name: Option<String>,
    /// The cells, one per column.
    pub cells: Vec<Option<Amount>>,
}

/// A reported table keyed by classification codes, with named amount columns and an
/// optional 合计 row, that can check its own identities.
///
/// ```
/// use cn_budget::check::{Table, Verdict};
/// use cn_budget::{Amount, FunctionCode, Rounding, Unit};
/// let a = |s: &str| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
/// let mut t: Table<FunctionCode> = Table::new("公开02表", ["本年收入合计"]);
/// t.push("210".parse()?, Some("卫生健康支出"), vec![a("202.87")])?;
/// t.push("21007".parse()?, Some("计划生育事务"), vec![a("5.08")])?;
/// t.push("2100799".parse()?, Some("其他计划生育事务支出"), vec![a("5.09")])?;
/// t.push("21011".parse()?, Some("行政事业单位医疗"), vec![a("197.78")])?;
/// let results = t.check_hierarchy(Rounding::Nearest);
/// let bad: Vec<_> = results.iter().filter(|r| r.verdict() == Some(Verdict::Inconsistent)).collect();
/// assert_eq!(bad.len(), 1);
/// assert_eq!(bad[0].location.code.as_deref(), Some("21007"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Table<C> {
    name: String,
    columns: Vec<String>,
    rows: Vec<Row<C>>,
    total: Option<Vec<Option<Amount>>>,
}

/// A check result before its location is spelled out: the row (`None` for 合计) and column
/// are indices into the table.
#[derive(Clone, Debug)]
pub(crate) struct RawResult<C> {
    pub rule: &'static str,
    pub row: Option<C>,
    pub column: Option<usize>,
    pub outcome: Outcome,
}

/// The label of the total row in locations.
///
/// ```
/// use cn_budget::check::{Table, TOTAL_LABEL};
/// use cn_budget::{Amount, FunctionCode, Rounding, Unit};
/// let a = |s: &str| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
/// let mut t: Table<FunctionCode> = Table::new("公开02表", ["本年支出合计"]);
/// t.push("201".parse()?, None, vec![a("2230.78")])?;
/// t.set_total(vec![a("2230.78")])?;
/// let results = t.check_hierarchy(Rounding::Nearest);
/// assert_eq!(results[0].rule, "hierarchy.total");
/// assert_eq!(results[0].location.code.as_deref(), Some(TOTAL_LABEL));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const TOTAL_LABEL: &str = "合计";

impl<C: Code> Table<C> {
    /// An empty table with these column headings.
    ///
    /// ```
    /// use cn_budget::check::Table;
    /// use cn_budget::EconomicCode;
    /// let t: Table<EconomicCode> = Table::new("公开06表", ["合计", "人员经费", "公用经费"]);
    /// assert_eq!((t.name(), t.columns().len(), t.rows().len()), ("公开06表", 3, 0));
    /// assert!(t.total().is_none());
    /// ```
    pub fn new<S: Into<String>>(name: &str, columns: impl IntoIterator<Item = S>) -> Table<C> {
        Table {
            name: name.to_owned(),
            columns: columns.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            total: None,
        }
    }

    fn check_cells(
        &self,
        row: Option<usize>,
        code: String,
        cells: &[Option<Amount>],
    ) -> Result<(), TableError> {
        if cells.len() != self.columns.len() {
            return Err(TableError::CellCount {
                table: self.name.clone(),
                row,
                code,
                expected: self.columns.len(),
                found: cells.len(),
            });
        }
        Ok(())
    }

    /// Appends a row (rows keep their order; duplicates are kept and reported by the checks).
    ///
    /// An error if the row does not have one cell per column.
    ///
    /// ```
    /// use cn_budget::check::Table;
    /// use cn_budget::{Amount, EconomicCode, Unit};
    /// let a = |s: &str| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
    /// let mut t: Table<EconomicCode> = Table::new("公开06表", ["人员经费"]);
    /// t.push("30101".parse()?, Some("基本工资"), vec![a("553.75")])?;
    /// t.push("30101".parse()?, Some("基本工资"), vec![a("553.75")])?; // kept
    /// assert_eq!(t.rows().len(), 2);
    /// assert!(t.push("30102".parse()?, None, vec![a("1.00"), None]).is_err());
    /// assert_eq!(t.rows().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push(
        &mut self,
        code: C,
        name: Option<&str>,
        cells: Vec<Option<Amount>>,
    ) -> Result<(), TableError> {
        self.check_cells(Some(self.rows.len()), code.to_string(), &cells)?;
        self.rows.push(Row {
            code,
            name: name.map(str::to_owned),
            cells,
        });
        Ok(())
    }

    /// Sets the 合计 row; an error if it does not have one cell per column.
    ///
    /// ```
    /// use cn_budget::check::{Table, TableError};
    /// use cn_budget::{Amount, FunctionCode, Unit};
    /// let a = |s: &str| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
    /// let mut t: Table<FunctionCode> = Table::new("公开05表", ["小计", "基本支出", "项目支出"]);
    /// t.set_total(vec![a("4789.78"), a("3613.57"), a("1176.21")])?;
    /// assert_eq!(t.total().unwrap()[2], a("1176.21"));
    /// let err = t.set_total(vec![a("4789.78")]).unwrap_err();
    /// assert!(matches!(err, TableError::CellCount { expected: 3, found: 1, .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_total(&mut self, cells: Vec<Option<Amount>>) -> Result<(), TableError> {
        self.check_cells(None, TOTAL_LABEL.into(), &cells)?;
        self.total = Some(cells);
        Ok(())
    }

    /// The table's name.
    ///
    /// ```
    /// use cn_budget::check::Table;
    /// use cn_budget::FunctionCode;
    /// let t: Table<FunctionCode> = Table::new("公开02表", ["本年支出合计"]);
    /// assert_eq!(t.name(), "公开02表");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The column headings.
    ///
    /// ```
    /// use cn_budget::check::Table;
    /// use cn_budget::FunctionCode;
    /// let t: Table<FunctionCode> = Table::new("公开05表", ["小计", "基本支出", "项目支出"]);
    /// assert_eq!(t.columns(), ["小计", "基本支出", "项目支出"]);
    /// ```
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The index of a column by heading.
    ///
    /// ```
    /// use cn_budget::check::Table;
    /// use cn_budget::FunctionCode;
    /// let t: Table<FunctionCode> = Table::new("公开05表", ["小计", "基本支出", "项目支出"]);
    /// assert_eq!(t.column("项目支出"), Some(2));
    /// assert_eq!(t.column("人员经费"), None);
    /// ```
    pub fn column(&self, heading: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == heading)
    }

    /// The rows, in order.
    ///
    /// ```
    /// use cn_budget::check::Table;
    /// use cn_budget::FunctionCode;
    /// let mut t: Table<FunctionCode> = Table::new("公开02表", ["本年支出合计"]);
    /// t.push("208".parse()?, None, vec![None])?;
    /// t.push("201".parse()?, None, vec![None])?;
    /// let codes: Vec<String> = t.rows().iter().map(|r| r.code.to_string()).collect();
    /// assert_eq!(codes, ["208", "201"]); // as pushed, not sorted
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(&self) -> &[Row<C>] {
        &self.rows
    }

    /// The 合计 row, if set.
    ///
    /// ```
    /// use cn_budget::check::Table;
    /// use cn_budget::{Amount, FunctionCode, Unit};
    /// let mut t: Table<FunctionCode> = Table::new("公开02表", ["本年支出合计"]);
    /// assert_eq!(t.total(), None);
    /// let v = Amount::parse("4789.78", Unit::TenThousandYuan)?;
    /// t.set_total(vec![Some(v)])?;
    /// assert_eq!(t.total(), Some(&[Some(v)][..]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn total(&self) -> Option<&[Option<Amount>]> {
        self.total.as_deref()
    }

    /// Replaces a cell of the first row of `code` (or of the 合计 row when `code` is `None`);
    /// returns the previous value, or `None` if the row or column does not exist.
    ///
    /// ```
    /// use cn_budget::check::Table;
    /// use cn_budget::{Amount, FunctionCode, Unit};
    /// let mut t: Table<FunctionCode> = Table::new("t", ["小计"]);
    /// t.push("201".parse()?, None, vec![None])?;
    /// let v = Amount::parse("1.00", Unit::Yuan)?;
    /// assert_eq!(t.set_cell(Some("201".parse()?), 0, Some(v)), Some(None));
    /// assert_eq!(t.set_cell(Some("202".parse()?), 0, None), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_cell(
        &mut self,
        code: Option<C>,
        column: usize,
        value: Option<Amount>,
    ) -> Option<Option<Amount>> {
        let cells = match code {
            Some(c) => &mut self.rows.iter_mut().find(|r| r.code == c)?.cells,
            None => self.total.as_mut()?,
        };
        let slot = cells.get_mut(column)?;
        Some(std::mem::replace(slot, value))
    }

    /// Applies `f` to every cell of every row and of the 合计 row.
    ///
    /// ```
    /// use cn_budget::check::Table;
    /// use cn_budget::{Amount, FunctionCode, Unit};
    /// let mut t: Table<FunctionCode> = Table::new("t", ["小计"]);
    /// t.push("201".parse()?, None, vec![Some(Amount::parse("5.1", Unit::Yuan)?)])?;
    /// t.for_each_cell_mut(|cell| *cell = None);
    /// assert_eq!(t.rows()[0].cells, [None]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_each_cell_mut(&mut self, mut f: impl FnMut(&mut Option<Amount>)) {
        for row in &mut self.rows {
            row.cells.iter_mut().for_each(&mut f);
        }
        if let Some(total) = &mut self.total {
            total.iter_mut().for_each(&mut f);
        }
    }

    /// The first row of a code.
    ///
    /// ```
    /// use cn_budget::check::Table;
    /// use cn_budget::{Amount, FunctionCode, Unit};
    /// let a = |s: &str| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
    /// let mut t: Table<FunctionCode> = Table::new("公开02表", ["本年支出合计"]);
    /// t.push("2010601".parse()?, Some("行政运行"), vec![a("1887.52")])?;
    /// t.push("2010601".parse()?, Some("行政运行"), vec![a("1.00")])?;
    /// assert_eq!(t.row("2010601".parse()?).unwrap().cells[0], a("1887.52"));
    /// assert!(t.row("2010602".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn row(&self, code: C) -> Option<&Row<C>> {
        self.rows.iter().find(|r| r.code == code)
    }

    /// A result as data, before its location is spelled out.
    fn result(&self, raw: RawResult<C>) -> CheckResult {
        CheckResult {
            rule: Cow::Borrowed(raw.rule),
            location: Location {
                table: Some(self.name.clone()),
                code: Some(
                    raw.row
                        .map_or_else(|| TOTAL_LABEL.to_owned(), |c| c.to_string()),
                ),
                column: raw.column.and_then(|c| self.columns.get(c).cloned()),
            },
            outcome: raw.outcome,
        }
    }

    /// Compares one cell with a weighted sum of others, if the total cell and at least one
    /// part are reported (Calculations 1.1 binding: a blank total is not checked, blank parts
    /// add nothing).
    fn sum_result(
        rule: &'static str,
        row: Option<C>,
        column: usize,
        total: Option<&Amount>,
        parts: &[(i32, Option<&Amount>)],
        rounding: Rounding,
    ) -> Option<RawResult<C>> {
        let outcome =
            match compare_cells(total, parts, Blanks::NotReported, Relation::Equal, rounding)? {
                Ok(c) => Outcome::Compared(c),
                Err(b) => Outcome::Blocked(b),
            };
        Some(RawResult {
            rule,
            row,
            column: Some(column),
            outcome,
        })
    }

    /// Checks every parent row against its direct children, column by column, one level at
    /// a time (rule `hierarchy.children`), and the 合计 row against the 类 rows (rule
    /// `hierarchy.total`).
    ///
    /// Pre-conditions come first: a code on several rows (`structure.duplicate_row`) or a
    /// row whose parent has no row (`structure.missing_parent`) is reported once, and the
    /// checks that would use those rows are skipped rather than failing in cascade.
    pub fn check_hierarchy(&self, rounding: Rounding) -> Vec<CheckResult> {
        self.hierarchy_results(rounding)
            .into_iter()
            .map(|r| self.result(r))
            .collect()
    }

    /// [`Table::check_hierarchy`] as data, without spelling out locations.
    pub(crate) fn hierarchy_results(&self, rounding: Rounding) -> Vec<RawResult<C>> {
        let mut results = Vec::new();
        let mut count: BTreeMap<C, usize> = BTreeMap::new();
        for r in &self.rows {
            *count.entry(r.code).or_default() += 1;
        }
        let mut blocked: BTreeSet<C> = BTreeSet::new();
        let mut reported_dup: BTreeSet<C> = BTreeSet::new();
        for r in &self.rows {
            let n = count[&r.code];
            if n > 1 && reported_dup.insert(r.code) {
                results.push(RawResult {
                    rule: "structure.duplicate_row",
                    row: Some(r.code),
                    column: None,
                    outcome: Outcome::Blocked(Blocker::DuplicateRow {
                        code: r.code.to_string(),
                        count: n,
                    }),
                });
                blocked.insert(r.code);
                if let Some(p) = r.code.parent() {
                    blocked.insert(p);
                }
            }
        }
        let mut children: BTreeMap<C, Vec<&Row<C>>> = BTreeMap::new();
        let mut has_class_gap = false;
        for r in &self.rows {
            let Some(p) = r.code.parent() else { continue };
            if count.contains_key(&p) {
                children.entry(p).or_default().push(r);
                continue;
            }
            results.push(RawResult {
                rule: "structure.missing_parent",
                row: Some(r.code),
                column: None,
                outcome: Outcome::Blocked(Blocker::MissingParentRow {
                    code: r.code.to_string(),
                    parent: p.to_string(),
                }),
            });
            match r.code.ancestors().find(|a| count.contains_key(a)) {
                Some(a) => {
                    blocked.insert(a);
                }
                None => has_class_gap = true,
            }
        }
        for parent in &self.rows {
            // Every duplicated code is already in `blocked`: the second test only restates it
            // (so `> 1` → `< 1` is an equivalent mutant, excluded in .cargo/mutants.toml).
            if blocked.contains(&parent.code) || count[&parent.code] > 1 {
                continue;
            }
            let Some(kids) = children.get(&parent.code) else {
                continue;
            };
            for column in 0..self.columns.len() {
                let parts: Vec<_> = kids
                    .iter()
                    .map(|k| (1, k.cells.get(column).and_then(Option::as_ref)))
                    .collect();
                results.extend(Self::sum_result(
                    "hierarchy.children",
                    Some(parent.code),
                    column,
                    parent.cells.get(column).and_then(Option::as_ref),
                    &parts,
                    rounding,
                ));
            }
        }
        if let Some(total) = &self.total {
            let classes: Vec<&Row<C>> = self
                .rows
                .iter()
                .filter(|r| r.code.parent().is_none())
                .collect();
            let class_blocked = has_class_gap || classes.iter().any(|r| count[&r.code] > 1);
            if !class_blocked {
                for (column, cell) in total.iter().enumerate() {
                    let parts: Vec<_> = classes
                        .iter()
                        .map(|k| (1, k.cells.get(column).and_then(Option::as_ref)))
                        .collect();
                    results.extend(Self::sum_result(
                        "hierarchy.total",
                        None,
                        column,
                        cell.as_ref(),
                        &parts,
                        rounding,
                    ));
                }
            }
        }
        results
    }

    /// Checks a row identity between columns on every row and on the 合计 row, e.g.
    /// 本年支出合计 = 基本支出 + 项目支出: `total` is the column index of the left side,
    /// `parts` the weighted column indices of the right side.
    ///
    /// ```
    /// use cn_budget::check::{Table, Verdict};
    /// use cn_budget::{Amount, FunctionCode, Rounding, Unit};
    /// let a = |s: &str| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
    /// let mut t: Table<FunctionCode> = Table::new("公开05表", ["小计", "基本支出", "项目支出"]);
    /// t.push("2101199".parse()?, None, vec![a("39.59"), a("39.56"), a("0.03")])?;
    /// t.push("2210201".parse()?, None, vec![a("275.03"), a("275.03"), None])?;
    /// let results = t.check_row_identity("row.subtotal", 0, &[(1, 1), (1, 2)], Rounding::Nearest);
    /// assert!(results.iter().all(|r| r.verdict() == Some(Verdict::Exact)));
    /// assert_eq!(results.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_row_identity(
        &self,
        rule: &'static str,
        total: usize,
        parts: &[(i32, usize)],
        rounding: Rounding,
    ) -> Vec<CheckResult> {
        self.row_identity_results(rule, total, parts, rounding)
            .into_iter()
            .map(|r| self.result(r))
            .collect()
    }

    /// [`Table::check_row_identity`] as data, without spelling out locations.
    pub(crate) fn row_identity_results(
        &self,
        rule: &'static str,
        total: usize,
        parts: &[(i32, usize)],
        rounding: Rounding,
    ) -> Vec<RawResult<C>> {
        let rows = self
            .rows
            .iter()
            .map(|r| (Some(r.code), r.cells.as_slice()))
            .chain(self.total.iter().map(|t| (None, t.as_slice())));
        let mut results = Vec::new();
        for (row, cells) in rows {
            if total >= cells.len() || parts.iter().any(|&(_, c)| c >= cells.len()) {
                continue;
            }
            let p: Vec<_> = parts.iter().map(|&(w, c)| (w, cells[c].as_ref())).collect();
            results.extend(Self::sum_result(
                rule,
                row,
                total,
                cells[total].as_ref(),
                &p,
                rounding,
            ));
        }
        results
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Verdict;
    use crate::{FunctionCode, Unit};

    fn cell(s: &str) -> Option<Amount> {
        Some(Amount::parse(s, Unit::TenThousandYuan).unwrap())
    }

    fn f(s: &str) -> FunctionCode {
        s.parse().unwrap()
    }

    /// A one-column 公开02表 of `(code, amount)` rows, with an optional 合计.
    fn one_column(rows: &[(&str, &str)], total: Option<&str>) -> Table<FunctionCode> {
        let mut t = Table::new("公开02表", ["金额"]);
        for (code, amount) in rows {
            t.push(f(code), None, vec![cell(amount)]).unwrap();
        }
        if let Some(total) = total {
            t.set_total(vec![cell(total)]).unwrap();
        }
        t
    }

    /// Each result's rule, code and verdict.
    fn outcomes(results: &[CheckResult]) -> Vec<(&str, &str, Option<Verdict>)> {
        results
            .iter()
            .map(|r| {
                (
                    r.rule.as_ref(),
                    r.location.code.as_deref().unwrap(),
                    r.verdict(),
                )
            })
            .collect()
    }

    fn hierarchy_rules(t: &Table<FunctionCode>) -> Vec<String> {
        let results = t.check_hierarchy(Rounding::Nearest);
        results.iter().map(|r| r.rule.to_string()).collect()
    }

    fn table() -> Table<FunctionCode> {
        let mut t = Table::new("公开05表", ["小计", "基本支出", "项目支出"]);
        t.push(
            f("201"),
            Some("一般公共服务支出"),
            vec![cell("3.00"), cell("1.00"), cell("2.00")],
        )
        .unwrap();
        t.push(
            f("20101"),
            None,
            vec![cell("3.00"), cell("1.00"), cell("2.00")],
        )
        .unwrap();
        t
    }

    #[test]
    fn a_table_keeps_its_name_columns_rows_and_total() {
        let mut t = table();
        assert_eq!(t.name(), "公开05表");
        assert_eq!(t.columns(), ["小计", "基本支出", "项目支出"]);
        assert_eq!(
            (t.column("小计"), t.column("项目支出"), t.column("x")),
            (Some(0), Some(2), None)
        );
        assert_eq!(t.rows().len(), 2);
        assert_eq!(t.rows()[0].name.as_deref(), Some("一般公共服务支出"));
        assert_eq!(t.total(), None);
        t.set_total(vec![cell("3.00"), None, cell("2.00")]).unwrap();
        assert_eq!(t.total(), Some(&[cell("3.00"), None, cell("2.00")][..]));
    }

    #[test]
    fn rows_and_totals_need_one_cell_per_column() {
        let mut t = table();
        let err = t.push(f("202"), None, vec![cell("1.00")]).unwrap_err();
        assert_eq!(
            err,
            TableError::CellCount {
                table: "公开05表".into(),
                row: Some(2),
                code: "202".into(),
                expected: 3,
                found: 1
            }
        );
        assert_eq!(
            err.to_string(),
            "公开05表, row 2 (202): 1 cells for 3 columns"
        );
        assert!(t.push(f("202"), None, vec![None; 4]).is_err());
        assert_eq!(t.rows().len(), 2);
        let err = t.set_total(vec![None; 2]).unwrap_err();
        assert!(matches!(
            err,
            TableError::CellCount {
                row: None,
                found: 2,
                ..
            }
        ));
        assert_eq!(t.total(), None);
    }

    #[test]
    fn set_cell_replaces_the_first_row_of_a_code_or_the_total() {
        let mut t = table();
        t.push(f("20101"), None, vec![None, None, None]).unwrap();
        assert_eq!(
            t.set_cell(Some(f("20101")), 1, cell("9.00")),
            Some(cell("1.00"))
        );
        assert_eq!(t.row(f("20101")).unwrap().cells[1], cell("9.00"));
        assert_eq!(t.rows()[2].cells[1], None);
        assert_eq!(t.set_cell(Some(f("20101")), 3, None), None);
        assert_eq!(t.set_cell(Some(f("202")), 0, None), None);
        assert_eq!(t.set_cell(None, 0, None), None);
        t.set_total(vec![None, None, None]).unwrap();
        assert_eq!(t.set_cell(None, 0, cell("3.00")), Some(None));
        assert_eq!(t.total().unwrap()[0], cell("3.00"));
    }

    #[test]
    fn for_each_cell_mut_reaches_every_row_and_the_total() {
        let mut t = table();
        t.set_total(vec![cell("3.00"), None, None]).unwrap();
        let mut seen = 0;
        t.for_each_cell_mut(|c| {
            seen += 1;
            *c = None;
        });
        assert_eq!(seen, 9);
        assert!(t.rows().iter().all(|r| r.cells.iter().all(Option::is_none)));
        assert!(t.total().unwrap().iter().all(Option::is_none));
    }

    #[test]
    fn row_finds_the_first_row_of_a_code() {
        let t = table();
        assert_eq!(t.row(f("20101")).unwrap().code, f("20101"));
        assert!(t.row(f("202")).is_none());
    }

    #[test]
    fn results_are_located_by_table_code_and_column_heading() {
        let mut t = table();
        t.set_total(vec![cell("3.00"), cell("1.00"), cell("2.01")])
            .unwrap();
        let results = t.check_hierarchy(Rounding::Nearest);
        let located: Vec<_> = results
            .iter()
            .map(|r| {
                (
                    r.rule.as_ref(),
                    r.location.table.as_deref().unwrap(),
                    r.location.code.as_deref().unwrap(),
                    r.location.column.as_deref().unwrap(),
                    r.verdict().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            located,
            [
                (
                    "hierarchy.children",
                    "公开05表",
                    "201",
                    "小计",
                    Verdict::Exact
                ),
                (
                    "hierarchy.children",
                    "公开05表",
                    "201",
                    "基本支出",
                    Verdict::Exact
                ),
                (
                    "hierarchy.children",
                    "公开05表",
                    "201",
                    "项目支出",
                    Verdict::Exact
                ),
                (
                    "hierarchy.total",
                    "公开05表",
                    "合计",
                    "小计",
                    Verdict::Exact
                ),
                (
                    "hierarchy.total",
                    "公开05表",
                    "合计",
                    "基本支出",
                    Verdict::Exact
                ),
                (
                    "hierarchy.total",
                    "公开05表",
                    "合计",
                    "项目支出",
                    Verdict::Inconsistent
                ),
            ]
        );
    }

    #[test]
    fn row_identity_checks_every_row_and_the_total_and_skips_missing_columns() {
        let mut t = table();
        t.push(
            f("20102"),
            None,
            vec![cell("3.00"), cell("1.00"), cell("1.00")],
        )
        .unwrap();
        t.set_total(vec![cell("6.00"), cell("2.00"), cell("4.00")])
            .unwrap();
        let results = t.check_row_identity("row.subtotal", 0, &[(1, 1), (1, 2)], Rounding::Nearest);
        let found: Vec<_> = results
            .iter()
            .map(|r| (r.location.code.as_deref().unwrap(), r.verdict().unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                ("201", Verdict::Exact),
                ("20101", Verdict::Exact),
                ("20102", Verdict::Inconsistent),
                ("合计", Verdict::Exact)
            ]
        );
        assert!(results
            .iter()
            .all(|r| r.rule == "row.subtotal" && r.location.column.as_deref() == Some("小计")));
        // A column index beyond the row, on either side: nothing to check, no panic.
        assert!(t
            .check_row_identity("r", 3, &[(1, 1)], Rounding::Nearest)
            .is_empty());
        assert!(t
            .check_row_identity("r", 0, &[(1, 1), (1, 3)], Rounding::Nearest)
            .is_empty());
        assert_eq!(
            t.check_row_identity("r", 2, &[(1, 1)], Rounding::Nearest)
                .len(),
            4
        );
    }

    #[test]
    fn a_parent_is_checked_only_against_its_direct_children() {
        let t = one_column(
            &[
                ("201", "5.00"),
                ("20101", "2.00"),
                ("2010101", "2.00"),
                ("20102", "3.00"),
                ("2010201", "1.00"),
                ("2010202", "2.00"),
            ],
            None,
        );
        let results = t.check_hierarchy(Rounding::Nearest);
        let found: Vec<_> = results
            .iter()
            .map(|r| (r.location.code.as_deref().unwrap(), r.verdict().unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                ("201", Verdict::Exact),
                ("20101", Verdict::Exact),
                ("20102", Verdict::Exact)
            ]
        );
    }

    #[test]
    fn a_duplicated_row_is_reported_once_and_blocks_itself_and_its_parent() {
        let t = one_column(
            &[
                ("201", "10.00"),
                ("20106", "10.00"),
                ("2010601", "4.00"),
                ("2010601", "4.00"),
                ("2010601", "4.00"),
                ("2010602", "6.00"),
                ("208", "1.00"),
                ("20805", "1.50"),
            ],
            Some("11.00"),
        );
        let results = t.check_hierarchy(Rounding::Nearest);
        let found = outcomes(&results);
        // 20106 (4 + 4 + 4 + 6 ≠ 10 would be a cascade) is not checked.
        assert_eq!(
            found,
            [
                ("structure.duplicate_row", "2010601", None),
                ("hierarchy.children", "201", Some(Verdict::Exact)),
                ("hierarchy.children", "208", Some(Verdict::Inconsistent)),
                ("hierarchy.total", "合计", Some(Verdict::Exact)),
            ]
        );
        assert_eq!(
            results[0].outcome,
            Outcome::Blocked(Blocker::DuplicateRow {
                code: "2010601".into(),
                count: 3
            })
        );
    }

    #[test]
    fn a_duplicated_parent_is_not_checked_against_its_children() {
        // Neither the duplicated 款 against its 项 nor its 类 against it.
        let t = one_column(
            &[
                ("201", "4.00"),
                ("20106", "4.00"),
                ("20106", "4.00"),
                ("2010601", "5.00"),
            ],
            None,
        );
        let rules = hierarchy_rules(&t);
        assert_eq!(rules, ["structure.duplicate_row"]);
    }

    #[test]
    fn a_duplicated_class_blocks_the_total() {
        let t = one_column(
            &[("201", "10.00"), ("201", "10.00"), ("205", "1.00")],
            Some("11.00"),
        );
        let rules = hierarchy_rules(&t);
        assert_eq!(rules, ["structure.duplicate_row"]);
    }

    #[test]
    fn a_missing_parent_blocks_the_nearest_ancestor_with_a_row() {
        let t = one_column(
            &[("201", "10.00"), ("2010601", "4.00"), ("20107", "1.00")],
            Some("10.00"),
        );
        let results = t.check_hierarchy(Rounding::Nearest);
        let found = outcomes(&results);
        // 201 = 20107 alone would be a false 不一致: it is skipped.
        assert_eq!(
            found,
            [
                ("structure.missing_parent", "2010601", None),
                ("hierarchy.total", "合计", Some(Verdict::Exact)),
            ]
        );
        assert_eq!(
            results[0].outcome,
            Outcome::Blocked(Blocker::MissingParentRow {
                code: "2010601".into(),
                parent: "20106".into()
            })
        );
    }

    #[test]
    fn a_row_without_its_class_blocks_the_total() {
        let t = one_column(
            &[("20106", "4.00"), ("2010601", "4.00"), ("205", "1.00")],
            Some("9.00"),
        );
        let rules = hierarchy_rules(&t);
        assert_eq!(rules, ["structure.missing_parent", "hierarchy.children"]);
    }
}
