//! Roll a small table of 项 amounts up to 款, 类 and the total, then check a printed table
//! against its own children: one difference is honest rounding, one is a real error.
//!
//! ```text
//! cargo run --example rollup
//! ```

use cn_budget::check::{Outcome, Table, Verdict};
use cn_budget::tree::Tree;
use cn_budget::{Amount, Catalog, Code, FunctionCode, Rounding, Unit};
use rust_decimal::Decimal;
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let catalog = Catalog::edition(2024)?;
    let code = |s: &str| s.parse::<FunctionCode>();
    let amount = |s: &str| s.parse::<Decimal>();

    // Item-level amounts (万元), as a budget system would export them: 基本支出, 项目支出.
    let rows = vec![
        (code("2010601")?, [amount("1887.5240")?, amount("0.2500")?]),
        (code("2010602")?, [amount("0")?, amount("343.2638")?]),
        (code("2010650")?, [amount("1019.2540")?, amount("0")?]),
        (code("2101101")?, [amount("57.1649")?, amount("0")?]),
        (code("2101199")?, [amount("39.5550")?, amount("0.0349")?]),
    ];
    let tree = Tree::from_list(catalog.functional());
    let rollup = tree.rollup(&rows)?;
    println!("rollup of {} rows (exact):", rollup.rows());
    for (c, [basic, project]) in rollup
        .iter()
        .filter(|(_, t)| t.iter().any(|v| !v.is_zero()))
    {
        let name = catalog.functional().name(c).unwrap_or("?");
        let indent = "  ".repeat(c.level() as usize - 1);
        println!("{indent}{c} {name}: 基本 {basic} 项目 {project}");
    }
    let [basic, project] = rollup.grand_total();
    println!("合计: 基本 {basic} 项目 {project}\n");

    // The same figures as a publisher prints them: rounded half-up to 0.01 万元, row by row.
    let printed = |v: Decimal| {
        let r = v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        Amount::new(r, 2, Unit::TenThousandYuan)
    };
    let mut table: Table<FunctionCode> = Table::new("示例表", ["基本支出", "项目支出"]);
    for (c, totals) in rollup
        .iter()
        .filter(|(_, t)| t.iter().any(|v| !v.is_zero()))
    {
        let cells = totals
            .iter()
            .map(|v| printed(*v).map(Some))
            .collect::<Result<_, _>>()?;
        table.push(c, catalog.functional().name(c), cells)?;
    }
    // A misprint: 2101199's 基本支出 typed as 39.65 instead of 39.56.
    let mut misprinted: Table<FunctionCode> = Table::new("示例表", ["基本支出", "项目支出"]);
    for row in table.rows() {
        let mut cells = row.cells.clone();
        if row.code == code("2101199")? {
            cells[0] = Some(Amount::parse("39.65", Unit::TenThousandYuan)?);
        }
        misprinted.push(row.code, row.name.as_deref(), cells)?;
    }

    for (title, t) in [
        ("printed honestly", &table),
        ("with one misprint", &misprinted),
    ] {
        let results = t.check_hierarchy(Rounding::Nearest);
        let exact = results
            .iter()
            .filter(|r| r.verdict() == Some(Verdict::Exact))
            .count();
        println!(
            "checks, {title}: {} results, {exact} exact; the others:",
            results.len()
        );
        for result in &results {
            if let Outcome::Compared(c) = &result.outcome {
                if c.verdict == Verdict::Exact {
                    continue;
                }
                println!(
                    "  {} {} [{}]: reported {} {} computed {} (difference {}, tolerance {}, {} terms) → {:?} ({})",
                    result.rule,
                    result.location.code.as_deref().unwrap_or(""),
                    result.location.column.as_deref().unwrap_or(""),
                    c.reported_interval,
                    c.relation.symbol(),
                    c.computed_interval,
                    c.difference,
                    c.tolerance,
                    c.terms,
                    c.verdict,
                    c.verdict
                );
            }
        }
    }
    Ok(())
}
