//! Exact sums of many batches of columns, kept dense from the first batch to the last.
//!
//! The batch readers of [`crate::lineitems`] add every batch here instead of building a
//! partial per batch and merging it: one grid of cells, (row code × column code) with a row
//! count and one `i128` per amount column, lives across all batches and becomes the
//! [`PartialRollup`] and the [`PartialCrosstab`]s once, at the end. Without a column code
//! the grid has one column and is the rollup's own sums.
//!
//! Codes get dense slots in the order they first appear, through a direct-indexed table over
//! the range of values seen (no hashing); a slot never moves, so the grid only grows: by a
//! row of cells for a new row code, and by doubling its width when the column codes outgrow
//! it (both at most a few hundred times, whatever the number of rows). Memory:
//! `row codes × column width × (amount columns + 1) × 16` bytes for the grid, plus 4 bytes
//! per value in the range of each kind of code seen.

use super::columnar::{add_block, fusable, validate, FixedColumn, BLOCK};
use super::fixed::POW10;
use super::{PartialCrosstab, PartialRollup, RollupError};
use crate::Code;

const NONE: u32 = u32::MAX;

/// Code values to dense slots in order of first appearance.
#[derive(Debug)]
struct Slots<C> {
    /// The value of `table[0]`.
    min: u32,
    /// `value - min` → slot, or [`NONE`].
    table: Vec<u32>,
    /// The code of each slot.
    codes: Vec<C>,
}

impl<C> Default for Slots<C> {
    fn default() -> Self {
        Slots {
            min: 0,
            table: Vec::new(),
            codes: Vec::new(),
        }
    }
}

impl<C: Code + TryFrom<u32>> Slots<C> {
    /// The slot of `value`, or [`NONE`].
    #[inline(always)]
    fn get(&self, value: u32) -> u32 {
        match self.table.get(value.wrapping_sub(self.min) as usize) {
            Some(&slot) => slot,
            None => NONE,
        }
    }

    /// The slot of `value`, given one if it has none; a value that is no code is
    /// [`RollupError::UnknownCode`] of row `row`.
    fn insert(&mut self, value: u32, row: usize) -> Result<u32, RollupError> {
        let slot = self.get(value);
        if slot != NONE {
            return Ok(slot);
        }
        let code = C::try_from(value).map_err(|_| RollupError::UnknownCode {
            row,
            code: value.to_string(),
        })?;
        if self.table.is_empty() {
            self.min = value;
        }
        if value < self.min {
            // Grows the range downwards by at least half its length, so that codes arriving
            // in descending order do not copy the table each time.
            let min = value.min(self.min.saturating_sub(self.table.len() as u32 / 2));
            let mut table = vec![NONE; (self.min - min) as usize];
            table.extend_from_slice(&self.table);
            (self.table, self.min) = (table, min);
        }
        let i = (value - self.min) as usize;
        if i >= self.table.len() {
            let grown = self.table.len() + self.table.len() / 2;
            self.table.resize((i + 1).max(grown), NONE);
        }
        let slot = self.codes.len() as u32;
        self.table[i] = slot;
        self.codes.push(code);
        Ok(slot)
    }
}

/// The running sums of batches by (row code, column code) — see [the module](self).
#[derive(Debug)]
pub(crate) struct RunningSums<R, K> {
    rows: Slots<R>,
    /// `None`: rollup only (one column of cells).
    columns: Option<Slots<K>>,
    /// Cells per grid row (a power of two, at least the column codes seen).
    capacity: usize,
    scales: Vec<u32>,
    /// `row slots × capacity` cells of `scales.len() + 1` values: count, then sums.
    cells: Vec<i128>,
    count: u64,
    /// Whether a sum may already exceed what `i64` addends alone can reach (an `i128`
    /// column or a rescaled sum): every add is then checked.
    wide: bool,
}

impl<R: Code + TryFrom<u32>, K: Code + TryFrom<u32>> RunningSums<R, K> {
    /// No rows yet, for amount columns at `scales`, by column code too when `crosstab`.
    pub(crate) fn new(scales: Vec<u32>, crosstab: bool) -> Result<Self, RollupError> {
        let amounts: Vec<FixedColumn<'_>> = scales
            .iter()
            .map(|&scale| FixedColumn::I64 { values: &[], scale })
            .collect();
        validate(0, &amounts)?;
        Ok(RunningSums {
            rows: Slots::default(),
            columns: crosstab.then(Slots::default),
            capacity: if crosstab { 64 } else { 1 },
            scales,
            cells: Vec::new(),
            count: 0,
            wide: false,
        })
    }

    /// Adds one batch: a row code per row, a column code per row (exactly when built for a
    /// crosstab) and the amount columns. An error leaves the sums unusable (the readers
    /// stop at it).
    pub(crate) fn add(
        &mut self,
        row_codes: &[u32],
        column_codes: Option<&[u32]>,
        amounts: &[FixedColumn<'_>],
    ) -> Result<(), RollupError> {
        let n = row_codes.len();
        if amounts.len() != self.scales.len() {
            return Err(RollupError::Width {
                expected: self.scales.len(),
                found: amounts.len(),
            });
        }
        validate(n, amounts)?;
        match (column_codes, &self.columns) {
            (Some(c), Some(_)) if c.len() != n => {
                return Err(RollupError::CodeColumnLength {
                    expected: n,
                    found: c.len(),
                })
            }
            (Some(_), Some(_)) | (None, None) => {}
            (_, _) => {
                return Err(RollupError::InvalidPartial {
                    what: "column codes given to a rollup, or missing from a crosstab",
                })
            }
        }
        let rescaled = self.align(amounts)?;
        let amounts: Vec<FixedColumn<'_>> = amounts
            .iter()
            .zip(&rescaled)
            .zip(&self.scales)
            .map(|((&a, r), &scale)| match r {
                Some(values) => FixedColumn::I128 { values, scale },
                None => a,
            })
            .collect();
        self.wide |= amounts
            .iter()
            .any(|a| matches!(a, FixedColumn::I128 { .. }));
        // Sums only of `i64` addends (fewer than 2⁶⁴) cannot overflow; others are checked.
        let fused = fusable(&amounts).filter(|_| !self.wide);
        let (mut row_slots, mut column_slots, mut idx) =
            ([0u32; BLOCK], [0u32; BLOCK], [0u32; BLOCK]);
        let mut start = 0;
        while start < n {
            let end = (start + BLOCK).min(n);
            let len = end - start;
            self.slots(
                row_codes,
                column_codes,
                start,
                &mut row_slots[..len],
                &mut column_slots[..len],
            )?;
            let capacity = self.capacity as u32;
            for ((o, &r), &k) in idx
                .iter_mut()
                .zip(&row_slots[..len])
                .zip(&column_slots[..len])
            {
                *o = r * capacity + k;
            }
            add_block(
                &mut self.cells,
                &idx[..len],
                fused.as_deref(),
                &amounts,
                start,
            )?;
            start = end;
        }
        self.count += n as u64;
        Ok(())
    }

    /// The slots of the rows `start..` (as many as the outputs hold), giving new codes their
    /// slots and growing the grid to hold them.
    fn slots(
        &mut self,
        row_codes: &[u32],
        column_codes: Option<&[u32]>,
        start: usize,
        row_slots: &mut [u32],
        column_slots: &mut [u32],
    ) -> Result<(), RollupError> {
        let rows = &row_codes[start..start + row_slots.len()];
        for (i, (o, &v)) in row_slots.iter_mut().zip(rows).enumerate() {
            *o = match self.rows.get(v) {
                NONE => self.rows.insert(v, start + i)?,
                slot => slot,
            };
        }
        match (column_codes, &mut self.columns) {
            (Some(codes), Some(slots)) => {
                let codes = &codes[start..start + column_slots.len()];
                for (i, (o, &v)) in column_slots.iter_mut().zip(codes).enumerate() {
                    *o = match slots.get(v) {
                        NONE => slots.insert(v, start + i)?,
                        slot => slot,
                    };
                }
            }
            _ => column_slots.fill(0),
        }
        let seen = self.columns.as_ref().map_or(1, |c| c.codes.len());
        if seen > self.capacity {
            self.widen(seen.next_power_of_two());
        }
        let cells = self.rows.codes.len() * self.capacity;
        if u32::try_from(cells).is_err() {
            return Err(RollupError::InvalidPartial {
                what: "more pairs of codes than a grid of 2³² cells holds",
            });
        }
        self.cells.resize(cells * (self.scales.len() + 1), 0);
        Ok(())
    }

    /// Moves every grid row to a width of `capacity` cells.
    fn widen(&mut self, capacity: usize) {
        let stride = self.scales.len() + 1;
        let (old, new) = (self.capacity * stride, capacity * stride);
        let mut cells = vec![0; self.rows.codes.len() * new];
        for (to, from) in cells
            .chunks_exact_mut(new)
            .zip(self.cells.chunks_exact(old))
        {
            to[..old].copy_from_slice(from);
        }
        (self.cells, self.capacity) = (cells, capacity);
    }

    /// Brings the batch and the sums to the same scale per column: the sums are rescaled up
    /// to a finer batch; a coarser batch column is returned rescaled (as `i128`s).
    fn align(
        &mut self,
        amounts: &[FixedColumn<'_>],
    ) -> Result<Vec<Option<Vec<i128>>>, RollupError> {
        let stride = self.scales.len() + 1;
        let mut out = Vec::with_capacity(amounts.len());
        for (column, a) in amounts.iter().enumerate() {
            let (from, to) = (self.scales[column], a.scale());
            if to > from {
                let factor = POW10[(to - from) as usize];
                for cell in self.cells.chunks_exact_mut(stride) {
                    let sum = &mut cell[column + 1];
                    *sum = sum
                        .checked_mul(factor)
                        .ok_or(RollupError::Overflow { column })?;
                }
                self.scales[column] = to;
                self.wide = true;
            }
            out.push(if to < from {
                let factor = POW10[(from - to) as usize];
                let up = |v: i128| {
                    v.checked_mul(factor)
                        .ok_or(RollupError::Overflow { column })
                };
                Some(match *a {
                    FixedColumn::I64 { values, .. } => values
                        .iter()
                        .map(|&v| up(i128::from(v)))
                        .collect::<Result<_, _>>()?,
                    FixedColumn::I128 { values, .. } => {
                        values.iter().map(|&v| up(v)).collect::<Result<_, _>>()?
                    }
                })
            } else {
                None
            });
        }
        Ok(out)
    }

    /// The scale of each amount column (the finest seen so far).
    pub(crate) fn scales(&self) -> &[u32] {
        &self.scales
    }

    /// The partial rollup by row code and, for a crosstab, one partial crosstab per amount
    /// column.
    #[allow(clippy::type_complexity)]
    pub(crate) fn finish(
        &self,
    ) -> Result<(PartialRollup<R>, Option<Vec<PartialCrosstab<R, K>>>), RollupError> {
        let width = self.scales.len();
        let stride = width + 1;
        let grid_row = self.capacity * stride;
        let mut rollup = Vec::with_capacity(self.rows.codes.len());
        for (r, &code) in self.rows.codes.iter().enumerate() {
            let mut sums = vec![0i128; stride];
            for cell in self.cells[r * grid_row..(r + 1) * grid_row].chunks_exact(stride) {
                for (column, (s, &v)) in sums.iter_mut().zip(cell).enumerate() {
                    *s = s.checked_add(v).ok_or(RollupError::Overflow {
                        column: column.saturating_sub(1),
                    })?;
                }
            }
            if sums[0] > 0 {
                rollup.push((code, sums[0] as u64, sums[1..].to_vec()));
            }
        }
        let functional = PartialRollup::from_entries(self.scales.clone(), self.count, rollup)?;
        let Some(columns) = &self.columns else {
            return Ok((functional, None));
        };
        let crosstabs = (0..width)
            .map(|column| {
                let entries = self.rows.codes.iter().enumerate().flat_map(|(r, &row)| {
                    columns
                        .codes
                        .iter()
                        .enumerate()
                        .filter_map(move |(k, &code)| {
                            let cell = &self.cells[r * grid_row + k * stride..][..stride];
                            (cell[0] > 0).then(|| (row, code, cell[0] as u64, cell[column + 1]))
                        })
                });
                PartialCrosstab::from_entries(self.scales[column], self.count, entries)
            })
            .collect::<Result<_, _>>()?;
        Ok((functional, Some(crosstabs)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Crosstab, Tree};
    use crate::{EconomicCode, FunctionCode};

    /// Batches of every size give the partials of one pass over all the rows, whatever
    /// the order the codes first appear in (descending values grow the table downwards,
    /// many column codes widen the grid).
    #[test]
    fn batches_sum_to_the_partials_of_all_rows() {
        // Codes first seen in descending order (the table grows downwards), at every
        // level, and 90 economic codes (the grid widens from 64 to 128 cells a row).
        let pool = [2299999_u32, 2010601, 2080505, 201, 21399, 2010101, 20106];
        let functional: Vec<u32> = (0..3000).map(|i| pool[i % pool.len()]).collect();
        let economic: Vec<u32> = (0..3000).map(|i| 30101 + (i as u32 * 7) % 90).collect();
        let cents: Vec<i64> = (0..3000).map(|i| i as i64 * 37 - 50_000).collect();
        let wide: Vec<i128> = cents.iter().map(|&c| i128::from(c) << 70).collect();
        let rows = Tree::<FunctionCode>::from_codes(
            functional
                .iter()
                .map(|&v| FunctionCode::try_from(v).unwrap()),
        );
        let columns = Tree::<EconomicCode>::from_codes(
            economic.iter().map(|&v| EconomicCode::try_from(v).unwrap()),
        );
        let amounts = [
            FixedColumn::I64 {
                values: &cents,
                scale: 2,
            },
            FixedColumn::I128 {
                values: &wide,
                scale: 2,
            },
        ];
        let expected_rollup = rows.partial_columns(&functional, &amounts, 1).unwrap();
        let expected: Vec<_> = amounts
            .iter()
            .map(|&a| {
                Crosstab::partial_columns(&rows, &columns, &functional, &economic, a, 1).unwrap()
            })
            .collect();
        for batch in [1, 7, 1000, 1024, 1025, 3000] {
            let mut sums =
                RunningSums::<FunctionCode, EconomicCode>::new(vec![2, 2], true).unwrap();
            for start in (0..3000).step_by(batch) {
                let r = start..(start + batch).min(3000);
                let amounts = [
                    FixedColumn::I64 {
                        values: &cents[r.clone()],
                        scale: 2,
                    },
                    FixedColumn::I128 {
                        values: &wide[r.clone()],
                        scale: 2,
                    },
                ];
                sums.add(&functional[r.clone()], Some(&economic[r]), &amounts)
                    .unwrap();
            }
            let (rollup, crosstabs) = sums.finish().unwrap();
            assert_eq!(rollup, expected_rollup, "batches of {batch}");
            assert_eq!(crosstabs.unwrap(), expected, "batches of {batch}");
        }
    }

    #[test]
    fn scales_align_and_values_that_are_no_codes_are_named() {
        let code = FunctionCode::try_from(2010601).unwrap();
        let mut sums = RunningSums::<FunctionCode, EconomicCode>::new(vec![0], false).unwrap();
        sums.add(
            &[2010601],
            None,
            &[FixedColumn::I64 {
                values: &[5],
                scale: 0,
            }],
        )
        .unwrap();
        sums.add(
            &[2010601],
            None,
            &[FixedColumn::I64 {
                values: &[25],
                scale: 2,
            }],
        )
        .unwrap();
        sums.add(
            &[2010601],
            None,
            &[FixedColumn::I64 {
                values: &[1],
                scale: 1,
            }],
        )
        .unwrap();
        let (rollup, crosstabs) = sums.finish().unwrap();
        assert_eq!(rollup.scales(), &[2]);
        assert_eq!(
            rollup.iter().collect::<Vec<_>>(),
            [(code, 3, &[535_i128][..])]
        );
        assert!(crosstabs.is_none());
        let err = sums.add(
            &[2010601, 2010600],
            None,
            &[FixedColumn::I64 {
                values: &[1, 2],
                scale: 2,
            }],
        );
        assert_eq!(
            err,
            Err(RollupError::UnknownCode {
                row: 1,
                code: "2010600".into()
            })
        );
    }
}
