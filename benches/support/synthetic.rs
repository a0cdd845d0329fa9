//! The synthetic line items shared by `benches/rollup.rs` and `examples/scale.rs` (included
//! with `#[path]`), so the bench, the example and `benches/compare.py` see the same data:
//! codes drawn uniformly from the 2024 edition's 项, three amount columns of 分 below
//! 10⁶ 元 (scale 2), from a fixed-seed xorshift64 generator, drawn row by row (code, then
//! the three amounts).

use cn_budget::{Catalog, Code, EconomicCode, EconomicScheme, FunctionCode, Level};

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

/// The 2024 edition's 部门 economic 款 (`30101` …), in code order.
#[allow(dead_code)] // not every includer writes line items with economic codes
pub fn department_items() -> Vec<EconomicCode> {
    Catalog::edition(2024)
        .expect("embedded edition")
        .economic()
        .iter()
        .map(|e| e.code())
        .filter(|c| c.level() != Level::Class && c.scheme() == EconomicScheme::Department)
        .collect()
}

/// `n` rows of line items as CSV text, written to `out`: `exp_func_code` (the 项 of
/// [`columns`], so the same codes and amounts), `dep_bgt_eco_code` (a 部门 款 drawn from a
/// second generator, so the functional data stay those of the other benches),
/// `bgt_amt`, `pay_amt`, `basic_amt` (the three amount columns, with two decimals).
#[allow(dead_code)]
pub fn write_csv(n: usize, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let items = items();
    let economic = department_items();
    let (mut rng, mut second) = (Xorshift::default(), Xorshift(0x2545_F491_4F6C_DD1D));
    writeln!(
        out,
        "exp_func_code,dep_bgt_eco_code,bgt_amt,pay_amt,basic_amt"
    )?;
    for _ in 0..n {
        let code = items[(rng.next() % items.len() as u64) as usize];
        let eco = economic[(second.next() % economic.len() as u64) as usize];
        write!(out, "{code},{eco}")?;
        for _ in 0..3 {
            let cents = rng.next() % 100_000_000;
            write!(out, ",{}.{:02}", cents / 100, cents % 100)?;
        }
        writeln!(out)?;
    }
    Ok(())
}
