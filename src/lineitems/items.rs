//! One batch of line items held as columns: codes as integers, amounts as fixed point.

/// A batch of line items: a functional code per row, optionally an economic code per row,
/// and amount columns as `i64` counts of `10^-scale` (分 at scale 2).
///
/// Codes are the integers of their digits (`2010601`, `20106`, `201`; `30101`), already
/// checked by the reader that filled the batch. The CSV reader refills one batch again and
/// again, so reading a file takes the memory of one batch whatever its length.
///
/// ```
/// use cn_budget::lineitems::{csv::CsvLineItems, ColumnSpec, LineItems};
/// let text = "exp_func_code,pay_amt\n2010601,1887.52\n20106,-0.5\n";
/// let mut reader = CsvLineItems::new(text.as_bytes(), &ColumnSpec::default())?;
/// let mut batch = LineItems::default();
/// assert!(reader.next_batch(&mut batch)?);
/// assert_eq!(batch.functional(), &[2010601, 20106]);
/// assert_eq!(batch.amounts(0), &[188752, -50]);
/// assert_eq!(batch.scale(), 2);
/// assert!(!reader.next_batch(&mut batch)?); // the end
/// # Ok::<(), cn_budget::lineitems::LineItemError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineItems {
    pub(crate) functional: Vec<u32>,
    pub(crate) economic: Option<Vec<u32>>,
    pub(crate) amounts: Vec<Vec<i64>>,
    pub(crate) scale: u32,
}

impl LineItems {
    /// A batch from columns, the codes given as the integers of their digits.
    ///
    /// # Panics
    /// If a column's length differs from the number of functional codes.
    ///
    /// ```
    /// use cn_budget::lineitems::LineItems;
    /// let batch = LineItems::new(vec![2010601, 2080505], None, vec![vec![100, 250]], 2);
    /// assert_eq!(batch.len(), 2);
    /// ```
    pub fn new(
        functional: Vec<u32>,
        economic: Option<Vec<u32>>,
        amounts: Vec<Vec<i64>>,
        scale: u32,
    ) -> LineItems {
        let n = functional.len();
        assert!(economic.as_ref().is_none_or(|e| e.len() == n));
        assert!(amounts.iter().all(|a| a.len() == n));
        LineItems {
            functional,
            economic,
            amounts,
            scale,
        }
    }

    /// The number of rows.
    ///
    /// ```
    /// assert_eq!(cn_budget::lineitems::LineItems::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.functional.len()
    }

    /// Whether the batch has no rows.
    ///
    /// ```
    /// assert!(cn_budget::lineitems::LineItems::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.functional.is_empty()
    }

    /// The functional code of every row.
    ///
    /// ```
    /// use cn_budget::lineitems::LineItems;
    /// let batch = LineItems::new(vec![201], None, vec![vec![1]], 0);
    /// assert_eq!(batch.functional(), &[201]);
    /// ```
    pub fn functional(&self) -> &[u32] {
        &self.functional
    }

    /// The economic code of every row, when the spec asked for one.
    ///
    /// ```
    /// use cn_budget::lineitems::LineItems;
    /// let batch = LineItems::new(vec![2010601], Some(vec![30101]), vec![vec![1]], 0);
    /// assert_eq!(batch.economic(), Some(&[30101][..]));
    /// ```
    pub fn economic(&self) -> Option<&[u32]> {
        self.economic.as_deref()
    }

    /// The number of amount columns.
    ///
    /// ```
    /// use cn_budget::lineitems::LineItems;
    /// assert_eq!(LineItems::new(vec![201], None, vec![vec![1], vec![2]], 2).columns(), 2);
    /// ```
    pub fn columns(&self) -> usize {
        self.amounts.len()
    }

    /// Amount column `column`, in units of `10^-scale`.
    ///
    /// # Panics
    /// If `column` is out of range.
    ///
    /// ```
    /// use cn_budget::lineitems::LineItems;
    /// let batch = LineItems::new(vec![201, 202], None, vec![vec![150, -5]], 2);
    /// assert_eq!(batch.amounts(0), &[150, -5]); // 1.50 and -0.05
    /// ```
    pub fn amounts(&self, column: usize) -> &[i64] {
        &self.amounts[column]
    }

    /// The number of decimals of every amount.
    ///
    /// ```
    /// use cn_budget::lineitems::LineItems;
    /// assert_eq!(LineItems::new(vec![201], None, vec![vec![1]], 2).scale(), 2);
    /// ```
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// The amount columns as fixed-point columns over the batch's buffers, for the columnar
    /// rollup ([`crate::tree::Tree::rollup_columns`]).
    ///
    /// ```
    /// use cn_budget::lineitems::LineItems;
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// use rust_decimal_macros::dec;
    /// let batch = LineItems::new(vec![2010601, 2010602], None, vec![vec![150, 250]], 2);
    /// let tree = Tree::from_codes(["2010601", "2010602"].map(|s| s.parse::<FunctionCode>().unwrap()));
    /// let rollup = tree.rollup_columns(batch.functional(), &batch.fixed_columns(), 1)?;
    /// assert_eq!(rollup.get("20106".parse()?), Some(&[dec!(4.00)][..]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fixed_columns(&self) -> Vec<crate::tree::FixedColumn<'_>> {
        self.amounts
            .iter()
            .map(|values| crate::tree::FixedColumn::I64 {
                values,
                scale: self.scale,
            })
            .collect()
    }

    /// Empties the batch, keeping its allocations, for `columns` amount columns.
    #[cfg(feature = "csv")]
    pub(crate) fn reset(&mut self, economic: bool, columns: usize, scale: u32) {
        self.functional.clear();
        match (&mut self.economic, economic) {
            (Some(e), true) => e.clear(),
            (slot, true) => *slot = Some(Vec::new()),
            (slot, false) => *slot = None,
        }
        self.amounts.resize_with(columns, Vec::new);
        self.amounts.iter_mut().for_each(Vec::clear);
        self.scale = scale;
    }
}
