//! The synthetic line items shared by `benches/rollup.rs` and `examples/scale.rs` (included
//! with `#[path]`), so the bench, the example and `benches/compare.py` see the same data:
//! codes drawn uniformly from the 2024 edition's 项, three amount columns of 分 below
//! 10⁶ 元 (scale 2), from a fixed-seed xorshift64 generator, drawn row by row (code, then
//! the three amounts).

use cn_budget::{Catalog, Code, FunctionCode, Level};

/// The 2024 edition's functional 项, in code order.
pub fn items() -> Vec<FunctionCode> {
    Catalog::edition(2024)
        .expect("embedded edition")
        .functional()
        .iter()
        .map(|e| e.code())
        .filter(|c| c.level() == Level::Item)
        .collect()
}

/// `n` rows as columns: code values and three columns of 分.
pub struct Columns {
    /// The 项 of each row, as its printed value (`2010601`).
    pub codes: Vec<u32>,
    /// Three amount columns, mantissas at scale 2.
    pub amounts: [Vec<i64>; 3],
}

/// The generator of every synthetic row: xorshift64 from a fixed seed.
pub struct Xorshift(u64);

impl Default for Xorshift {
    fn default() -> Self {
        Xorshift(0x9E37_79B9_7F4A_7C15)
    }
}

impl Xorshift {
    /// The next value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Generates `n` rows.
pub fn columns(n: usize) -> Columns {
    let items = items();
    let mut rng = Xorshift::default();
    let mut codes = Vec::with_capacity(n);
    let mut amounts = [(); 3].map(|_| Vec::with_capacity(n));
    for _ in 0..n {
        codes.push(items[(rng.next() % items.len() as u64) as usize].as_u32());
        for column in amounts.iter_mut() {
            column.push((rng.next() % 100_000_000) as i64);
        }
    }
    Columns { codes, amounts }
}
