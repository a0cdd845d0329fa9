use super::basic::economic_blocks;
use super::cells::{fit, lanci};
use super::codes::{economic_code, function_code};
use super::functional::{functional_row, FunctionalRow};
use super::meta::{heading_fields, printed_decimals, strip_part, strip_years, year_in, Headings};
use crate::ingest::{RawDocument, RawTable};
use crate::{Catalog, Unit};
use std::collections::BTreeMap;

fn row(s: &str) -> Vec<String> {
    s.split('\t').map(str::to_owned).collect()
}

#[test]
fn headings_give_the_reporting_unit_and_the_amount_unit() {
    let mut h = Headings::default();
    for f in heading_fields("单位：武汉市洪山区财政局本级 金额单位：万元") {
        h.take(&f);
    }
    assert_eq!(h.reporting_unit.as_deref(), Some("武汉市洪山区财政局本级"));
    assert_eq!(h.unit, Some(Unit::TenThousandYuan));
    let mut h = Headings::default();
    h.take("单位：元");
    assert_eq!((h.unit, h.reporting_unit), (Some(Unit::Yuan), None));
}

#[test]
fn years_departments_and_decimals() {
    assert_eq!(year_in("2024 年度收入决算表"), Some(2024));
    assert_eq!(year_in("２０２５年度"), Some(2025));
    assert_eq!(year_in("第 12 页"), None);
    assert_eq!(
        strip_years("2024年度武汉市洪山区财政局"),
        "武汉市洪山区财政局"
    );
    assert_eq!(strip_part("第二部分武汉市"), "武汉市");
    let raw = RawDocument {
        tables: vec![RawTable {
            rows: vec![row("1.5\t2.5\t3")],
            ..RawTable::default()
        }],
        ..RawDocument::default()
    };
    assert_eq!(printed_decimals(&raw), 1);
}

#[test]
fn lanci_rows() {
    assert_eq!(lanci(&row("类\t款\t项\t1\t2\t3")), Some(3));
    assert_eq!(lanci(&row("栏次\t\t1\t栏次\t\t2")), Some(2));
    assert_eq!(lanci(&row("201\t\t一般公共服务支出\t1")), None);
    assert_eq!(lanci(&row("\t\t栏次\t\t")), None);
}

#[test]
fn split_codes_are_rejoined() {
    let cells = row("201\t06\t01\t行政运行\t1.00");
    let r = functional_row(&cells, 1).unwrap().unwrap();
    assert!(matches!(r, FunctionalRow::Item { printed, .. } if printed == "2010601"));
    let cells = row("301  01\t基本工资\t553.75\t302\t商品和服务支出\t1.00");
    let blocks = economic_blocks(&cells, Unit::TenThousandYuan).unwrap();
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0].printed, "30101");
}

#[test]
fn truncated_codes_resolve_by_code_or_unique_name() {
    let catalog = Catalog::edition(2024).unwrap();
    let known = BTreeMap::new();
    let f = |p: &str, n: &str| {
        function_code(p, Some(n), &known, Some(catalog)).map(|(c, _)| c.to_string())
    };
    assert_eq!(f("201060", "行政运行").unwrap(), "2010601");
    assert_eq!(f("210079", "其他计划生育事务支出").unwrap(), "2100799");
    assert!(f("201060", "不存在").is_err());
    let e = |p: &str, n: &str| economic_code(p, Some(n), Some(catalog.economic()));
    assert_eq!(
        e("3010", "机关事业单位基本养老保险缴").unwrap().to_string(),
        "30108"
    );
    assert_eq!(e("3101", "公务用车购置").unwrap().to_string(), "31013");
}

#[test]
fn extra_filled_cells_do_not_align() {
    assert!(fit(&row("1\t2\t\t"), 2, "x").is_ok());
    assert!(fit(&row("1\t2\t3"), 2, "x").is_err());
    assert_eq!(fit(&row("1\t"), 3, "x").unwrap(), ["1", "", ""]);
    assert!(
        fit(&row("1\t2"), 3, "x").is_err(),
        "blanks lost: cannot place"
    );
    assert_eq!(fit(&row("5"), 1, "x").unwrap(), ["5"]);
}

#[test]
fn a_table_reads_in_the_unit_its_own_heading_prints() {
    use super::table_unit;
    let table = |heading: &[&str]| RawTable {
        heading: heading.iter().map(|h| h.to_string()).collect(),
        ..RawTable::default()
    };
    let yuan = table(&["单位：元"]);
    assert_eq!(table_unit(&yuan, Unit::TenThousandYuan), Ok(Unit::Yuan));
    let both = table(&["部门： 佛山市轨道交通局  单位：亿元"]);
    assert_eq!(table_unit(&both, Unit::Yuan), Ok(Unit::HundredMillionYuan));
    let named = table(&["单位：武汉市洪山区财政局本级", "金额单位：万元"]);
    assert_eq!(table_unit(&named, Unit::Yuan), Ok(Unit::TenThousandYuan));
    let none = table(&["公开 02 表"]);
    assert_eq!(table_unit(&none, Unit::Yuan), Ok(Unit::Yuan));
    let unknown = table(&["金额单位：千元"]);
    assert!(table_unit(&unknown, Unit::Yuan).is_err());
}
