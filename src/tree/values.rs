//! Node lookup by a code's printed value (`2010601`, `20106`, `201`), for the columnar hot loop.

/// A direct-indexed table from a code's value to its node index, over the range of values
/// the tree holds. Values outside the tree (or outside the range) give the sentinel
/// `len()`, which the columnar paths accumulate like a node and check once at the end.
#[derive(Clone, Debug)]
pub(super) struct ValueIndex {
    min: u32,
    /// `max - min + 2` entries; the last one is always the sentinel.
    table: Vec<u32>,
    sentinel: u32,
}

impl ValueIndex {
    /// The index of nodes `0..` whose code values are `values`, in node order.
    pub(super) fn new(values: impl ExactSizeIterator<Item = u32> + Clone) -> ValueIndex {
        let sentinel = values.len() as u32;
        let min = values.clone().min().unwrap_or(0);
        let max = values.clone().max().unwrap_or(0);
        let mut table = vec![sentinel; (max - min) as usize + 2];
        for (node, v) in values.enumerate() {
            table[(v - min) as usize] = node as u32;
        }
        ValueIndex {
            min,
            table,
            sentinel,
        }
    }

    /// The node of `value`, or the sentinel. No branch: out-of-range values clamp to the
    /// last entry, which is the sentinel.
    #[inline(always)]
    pub(super) fn node(&self, value: u32) -> u32 {
        let i = (value.wrapping_sub(self.min) as usize).min(self.table.len() - 1);
        self.table[i]
    }

    /// The node index that stands for "not in the tree" (the number of nodes).
    pub(super) fn sentinel(&self) -> u32 {
        self.sentinel
    }
}
