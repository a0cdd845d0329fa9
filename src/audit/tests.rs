//! One passing and one failing case for every rule of [`super::RULES`].

use super::test_support::{doc, findings, wan};
use super::{audit, AuditOptions, Severity};
use crate::disclosure::{Claim, Document, Measure, NamePath, Side, TableId};
use crate::FunctionCode;

fn code(s: &str) -> Option<FunctionCode> {
    Some(s.parse().unwrap())
}

/// The findings at a table row's code, or about a narrative claim (by its id, quoted in the
/// message: narrative findings carry their subject's code and name).
fn at<'a>(fs: &'a [super::Finding], code: &str) -> Vec<&'a super::Finding> {
    fs.iter()
        .filter(|f| {
            f.code() == Some(code)
                || (f.table().is_none() && f.message().contains(&format!(" {code} ")))
        })
        .collect()
}

fn errors(d: &Document, rule: &str) -> Vec<super::Finding> {
    findings(d, rule, Severity::Error)
}

fn warnings(d: &Document, rule: &str) -> Vec<super::Finding> {
    findings(d, rule, Severity::Warning)
}

fn set_summary(d: &mut Document, table: TableId, side: Side, line: u32, column: usize, text: &str) {
    let t = if table == TableId::T01 {
        &mut d.t01
    } else {
        &mut d.t04
    };
    let l = t
        .lines
        .iter_mut()
        .find(|l| l.side == side && l.line == line)
        .unwrap();
    l.cells[column] = wan(text);
}

fn claim<'a>(d: &'a mut Document, id: &str) -> &'a mut Claim {
    d.claims.iter_mut().find(|c| c.id == id).unwrap()
}

#[test]
fn every_rule_has_a_test_here() {
    // The budget rules are tested next to them, in budget.rs and narrative/budget.rs.
    let source = [
        include_str!("tests.rs"),
        include_str!("budget.rs"),
        include_str!("narrative/budget.rs"),
    ]
    .concat();
    for rule in super::RULES {
        assert!(
            source.contains(&format!("\"{}\"", rule.id))
                || source.contains(&format!("Rule::{:?}", rule.id)),
            "no test names {}",
            rule.id
        );
    }
}

#[test]
fn t01_income_and_expense_totals() {
    let mut d = doc();
    assert!(errors(&d, "t01.income_total").is_empty());
    assert!(errors(&d, "t01.expense_total").is_empty());
    set_summary(&mut d, TableId::T01, Side::Income, 8, 0, "0.35");
    assert_eq!(errors(&d, "t01.income_total").len(), 1);
    set_summary(&mut d, TableId::T01, Side::Expense, 39, 0, "202.97");
    assert_eq!(errors(&d, "t01.expense_total").len(), 1);
}

#[test]
fn t01_balance() {
    let mut d = doc();
    assert!(errors(&d, "t01.balance").is_empty());
    set_summary(&mut d, TableId::T01, Side::Expense, 60, 0, "4789.88");
    assert!(!errors(&d, "t01.balance").is_empty());
}

#[test]
fn functional_hierarchy_in_02_and_its_explanation() {
    let mut d = doc();
    let fs = errors(&d, "t02.hierarchy");
    assert_eq!(at(&fs, "21007").len(), 2, "5.08 against its only 项 5.09");
    let missing = at(&fs, "21011");
    assert!(
        missing[0].message().contains("2101101"),
        "explained by the row 公开03表 lists"
    );
    d.t02.table.set_cell(code("2100799"), 0, wan("5.08"));
    d.t02.table.set_cell(code("2100799"), 1, wan("5.08"));
    assert!(at(&errors(&d, "t02.hierarchy"), "21007").is_empty());
}

#[test]
fn functional_hierarchy_in_03_05_07_08() {
    for (id, rule) in [
        (TableId::T03, "t03.hierarchy"),
        (TableId::T05, "t05.hierarchy"),
    ] {
        let mut d = doc();
        assert!(errors(&d, rule).is_empty(), "{rule} holds on the seed");
        let t = match id {
            TableId::T03 => &mut d.t03,
            _ => &mut d.t05,
        };
        t.table.set_cell(code("2010602"), 0, wan("343.36"));
        assert_eq!(at(&errors(&d, rule), "20106").len(), 1, "{rule}");
    }
    for (rule, pick) in [("t07.hierarchy", 7), ("t08.hierarchy", 8)] {
        let mut d = doc();
        assert!(errors(&d, rule).is_empty());
        let t = if pick == 7 { &mut d.t07 } else { &mut d.t08 };
        t.table
            .push(
                "212".parse().unwrap(),
                Some("城乡社区支出"),
                vec![wan("1.00"); t.table.columns().len()],
            )
            .unwrap();
        t.printed_codes.push("212".into());
        t.notes.push(String::new());
        for c in 0..t.table.columns().len() {
            t.table.set_cell(None, c, wan("2.00"));
        }
        assert!(!errors(&d, rule).is_empty(), "{rule}");
    }
}

#[test]
fn row_totals() {
    for (rule, table) in [
        ("t02.row_total", 2),
        ("t03.row_total", 3),
        ("t05.row_total", 5),
    ] {
        let mut d = doc();
        assert!(errors(&d, rule).is_empty(), "{rule} holds on the seed");
        let t = match table {
            2 => &mut d.t02,
            3 => &mut d.t03,
            _ => &mut d.t05,
        };
        t.table.set_cell(code("2010602"), 1, wan("300.00"));
        assert_eq!(at(&errors(&d, rule), "2010602").len(), 1, "{rule}");
    }
    for (rule, pick) in [("t07.row_total", 7), ("t08.row_total", 8)] {
        let mut d = doc();
        assert!(errors(&d, rule).is_empty());
        let t = if pick == 7 { &mut d.t07 } else { &mut d.t08 };
        let n = t.table.columns().len();
        let (total, first_part) = if pick == 7 { (2, 3) } else { (0, 1) };
        t.table.set_cell(None, total, wan("3.00"));
        t.table.set_cell(None, first_part, wan("1.00"));
        assert!(n > first_part);
        assert_eq!(errors(&d, rule).len(), 1, "{rule}");
    }
}

#[test]
fn t04_rules() {
    let mut d = doc();
    for rule in [
        "t04.income_total",
        "t04.expense_total",
        "t04.row_total",
        "t04.balance",
    ] {
        assert!(errors(&d, rule).is_empty(), "{rule} holds on the seed");
    }
    assert_eq!(
        warnings(&d, "t04.labels").len(),
        3,
        "lines 27 and 32 unlabelled, line 60 says 年初"
    );
    set_summary(&mut d, TableId::T04, Side::Income, 1, 0, "4789.63");
    assert!(!errors(&d, "t04.income_total").is_empty());
    set_summary(&mut d, TableId::T04, Side::Expense, 33, 2, "3613.00");
    assert!(!errors(&d, "t04.row_total").is_empty());
    assert!(!errors(&d, "t04.expense_total").is_empty());
    set_summary(&mut d, TableId::T04, Side::Expense, 64, 1, "4790.53");
    assert!(!errors(&d, "t04.balance").is_empty());
    let mut labelled = doc();
    for l in labelled.t04.lines.iter_mut() {
        if l.side == Side::Income && l.line == 27 {
            l.name = "本年收入合计".into();
        }
        if l.side == Side::Income && l.line == 32 {
            l.name = "总计".into();
        }
        if l.side == Side::Expense && l.line == 60 {
            l.name = "年末财政拨款结转和结余".into();
        }
    }
    assert!(warnings(&labelled, "t04.labels").is_empty());
}

#[test]
fn t06_rules() {
    let mut d = doc();
    assert!(
        errors(&d, "t06.class_sum").is_empty(),
        "only 0.01 differences"
    );
    assert!(errors(&d, "t06.group_totals").is_empty());
    d.t06
        .table
        .set_cell(Some("30101".parse().unwrap()), 0, wan("563.75"));
    assert_eq!(at(&errors(&d, "t06.class_sum"), "301").len(), 1);
    d.t06.personnel_total = wan("3537.48");
    assert_eq!(errors(&d, "t06.group_totals").len(), 1);
}

#[test]
fn t09_totals() {
    let mut d = doc();
    assert!(errors(&d, "t09.totals").is_empty());
    d.t09.actual[4] = wan("0.51");
    assert!(!errors(&d, "t09.totals").is_empty());
}

#[test]
fn printed_codes() {
    let mut d = doc();
    let fs = warnings(&d, "format.printed_code");
    assert!(fs.iter().any(|f| f.table() == Some("公开02表")));
    assert!(!fs.iter().any(|f| f.table() == Some("公开03表")));
    d.t02.printed_codes = d
        .t02
        .table
        .rows()
        .iter()
        .map(|r| r.code.to_string())
        .collect();
    assert!(!warnings(&d, "format.printed_code")
        .iter()
        .any(|f| f.table() == Some("公开02表")));
}

#[test]
fn cross_01_02_and_01_03() {
    let mut d = doc();
    assert!(errors(&d, "x.t01_t02.income").is_empty());
    assert!(errors(&d, "x.t01_t03.expense").is_empty());
    let class = errors(&d, "x.t01_t03.class");
    assert_eq!(class.len(), 1, "01 prints 3613.81 where 03 prints 3613.82");
    set_summary(&mut d, TableId::T01, Side::Expense, 31, 0, "3613.82");
    assert!(errors(&d, "x.t01_t03.class").is_empty());
    set_summary(&mut d, TableId::T01, Side::Income, 8, 0, "0.26");
    assert!(!errors(&d, "x.t01_t02.income").is_empty());
    set_summary(&mut d, TableId::T01, Side::Expense, 57, 0, "4789.88");
    assert!(!errors(&d, "x.t01_t03.expense").is_empty());
}

#[test]
fn cross_row_sets() {
    let d = doc();
    let fs = warnings(&d, "x.t02_t03.rows");
    assert_eq!(fs.len(), 1);
    assert_eq!(fs[0].code(), Some("2101101"));
    let mut same = doc();
    same.t02 = same.t03.clone();
    assert!(warnings(&same, "x.t02_t03.rows").is_empty());
}

#[test]
fn cross_fiscal_class_basic() {
    let mut d = doc();
    for rule in ["x.t02_t04.fiscal", "x.t04_t05.class", "x.t05_t06.basic"] {
        assert!(errors(&d, rule).is_empty(), "{rule} holds on the seed");
    }
    set_summary(&mut d, TableId::T04, Side::Income, 27, 0, "4789.63");
    assert!(!errors(&d, "x.t02_t04.fiscal").is_empty());
    set_summary(&mut d, TableId::T04, Side::Expense, 41, 2, "202.97");
    assert!(!errors(&d, "x.t04_t05.class").is_empty());
    d.t06.public_total = wan("555.33");
    assert!(!errors(&d, "x.t05_t06.basic").is_empty());
}

#[test]
fn cross_fund_soe_and_three_costs_bounds() {
    let mut d = doc();
    for rule in ["x.t04_t07.fund", "x.t04_t08.soe", "x.t06_t09.bounds"] {
        assert!(errors(&d, rule).is_empty(), "{rule} holds on the seed");
    }
    set_summary(&mut d, TableId::T04, Side::Expense, 59, 3, "1.00");
    assert_eq!(
        errors(&d, "x.t04_t07.fund").len(),
        1,
        "a fund column with an empty 公开07表"
    );
    d.t08.table.set_cell(None, 0, wan("2.00"));
    assert_eq!(
        errors(&d, "x.t04_t08.soe").len(),
        1,
        "公开08表 with a blank 04 column"
    );
    d.t09.actual[4] = wan("0.50");
    assert_eq!(
        errors(&d, "x.t06_t09.bounds").len(),
        1,
        "30231 0.61 > 运行维护费 0.50"
    );
}

#[test]
fn narrative_amounts() {
    let mut d = doc();
    let fs = errors(&d, "n.amount");
    assert!(
        !at(&fs, "c042").is_empty(),
        "3613.56 against 公开05表 3613.57"
    );
    assert!(at(&fs, "c044").is_empty(), "564.22 restates 公开05表");
    claim(&mut d, "c042").value = Some("3613.57".into());
    assert!(at(&errors(&d, "n.amount"), "c042").is_empty());
}

#[test]
fn narrative_shares_and_rates() {
    let mut d = doc();
    assert!(
        !at(&errors(&d, "n.share"), "c045").is_empty(),
        "11.77% should be 11.78%"
    );
    assert!(at(&errors(&d, "n.share"), "c043").is_empty());
    assert!(
        !at(&errors(&d, "n.completion_rate"), "c057").is_empty(),
        "4.6% should be 104.6%"
    );
    assert!(at(&errors(&d, "n.completion_rate"), "c061").is_empty());
    assert_eq!(
        warnings(&d, "n.zero_base").len(),
        2,
        "0.00% of a zero budget is undefined"
    );
    claim(&mut d, "c045").value = Some("11.78".into());
    claim(&mut d, "c057").value = Some("104.6".into());
    assert!(at(&errors(&d, "n.share"), "c045").is_empty());
    assert!(at(&errors(&d, "n.completion_rate"), "c057").is_empty());
}

#[test]
fn narrative_growth_and_direction() {
    let mut d = doc();
    assert!(
        errors(&d, "n.growth_rate").is_empty(),
        "7.2%, 7.1%, 72.4% and 3.0% all hold"
    );
    assert_eq!(
        errors(&d, "n.direction").len(),
        1,
        "决算数持平全年预算数 with 0.61 against 4.4"
    );
    claim(&mut d, "c003").value = Some("9.2".into());
    assert_eq!(at(&errors(&d, "n.growth_rate"), "c003").len(), 1);
    claim(&mut d, "c003").word = Some("增长".parse().unwrap());
    assert_eq!(
        at(&warnings(&d, "n.direction"), "c003").len(),
        1,
        "减少 with 增长"
    );
    claim(&mut d, "c138").word = Some("小于".parse().unwrap());
    assert!(at(&errors(&d, "n.direction"), "c138").is_empty());
}

#[test]
fn narrative_repeats_and_sums() {
    let mut d = doc();
    assert!(errors(&d, "n.repeat").is_empty());
    assert_eq!(
        errors(&d, "n.sum").len(),
        1,
        "三公 budget 0.61 against 0.00 + 4.4 + 0.00"
    );
    claim(&mut d, "c133").value = Some("0.61".into());
    assert!(errors(&d, "n.sum").is_empty());
    claim(&mut d, "c153").value = Some("1.00".into());
    assert_eq!(
        errors(&d, "n.sum").len(),
        1,
        "采购 625.66 against 5.38 + 1.00 + 620.28"
    );
    let mut twice = doc();
    let mut again = claim(&mut twice, "c050").clone();
    again.id = "c999".into();
    again.value = Some("5204.54".into());
    twice.claims.push(again);
    assert_eq!(
        errors(&twice, "n.repeat").len(),
        1,
        "年初预算 stated as 5204.44 and 5204.54"
    );
}

#[test]
fn names() {
    let mut d = doc();
    let markers = warnings(&d, "names.marker");
    assert_eq!(markers.len(), 1);
    assert!(markers[0].message().contains("公务员医疗补助"));
    assert!(warnings(&d, "names.official").is_empty());
    assert!(errors(&d, "names.official").is_empty());
    d.names.push(NamePath {
        id: "n999".into(),
        section: "五(三)".into(),
        printed: "一般公共服务支出（类）财政事务（款）财政运行（项）".into(),
        numbering: String::new(),
    });
    assert_eq!(
        errors(&d, "names.official").len(),
        1,
        "财政运行 is no 项 of 20106"
    );
    let fixed = d.names.iter_mut().find(|n| n.id == "n031").unwrap();
    fixed.printed = fixed
        .printed
        .replace("公务员医疗补助（类）", "公务员医疗补助（项）");
    assert!(warnings(&d, "names.marker").is_empty());
}

/// The four wrong name paths of 上海市普陀区规划和自然资源局 2024 (pp. 22–24), as printed: a
/// 项 the 2024 edition does not have, an old 项 name, and a 类 name repeated as 款 (twice). Each
/// misnames its subject: an error naming the level and the parent it was looked up under.
#[test]
fn names_official_errors_of_the_corpus() {
    let mut d = doc();
    for (id, printed) in [
        ("n905", "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位退休人员活动费支出（项）"),
        ("n911", "自然资源海洋气象等支出（类）自然资源事务（款）其他国土资源事务支出（项）"),
        ("n912", "住房保障支出（类）住房保障支出（款）住房公积金（项）"),
        ("n913", "住房保障支出（类）住房保障支出（款）购房补贴（项）"),
        ("n914", "住房保障支出（类）住房改革支出（款）购房补贴（项）"),
    ] {
        d.names.push(NamePath {
            id: id.into(),
            section: "五(三)".into(),
            printed: printed.into(),
            numbering: String::new(),
        });
    }
    let found = errors(&d, "names.official");
    let at = |id: &str| {
        found
            .iter()
            .find(|f| f.code() == Some(id))
            .map(|f| f.message())
            .unwrap_or_default()
    };
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(at("n905").contains("20805 下的项级"), "{}", at("n905"));
    assert!(at("n911").contains("「其他国土资源事务支出」不是 2024 年版 22001 下的项级"));
    assert!(at("n912").contains("「住房保障支出」不是 2024 年版 221 下的款级"));
    assert!(at("n913").contains("221 下的款级"));
    assert!(
        at("n914").is_empty(),
        "购房补贴 under 住房改革支出 is official"
    );
}

#[test]
fn rules_can_be_switched_off() {
    let d = doc();
    let mut options = AuditOptions::default();
    options.disabled.insert("t02.hierarchy".parse().unwrap());
    let report = audit(&d, &options);
    assert!(!report
        .findings
        .iter()
        .any(|f| f.rule.as_str() == "t02.hierarchy"));
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule.as_str() == "x.t01_t03.class"));
}

#[test]
fn names_numbering() {
    let mut d = doc();
    let fs = warnings(&d, "names.numbering");
    assert_eq!(fs.len(), 1, "the glossary numbers 1–5, 7, 7, 8–11, 13 …");
    assert!(
        fs[0].message().contains("重复编号 7")
            && fs[0].message().contains("缺少编号 6")
            && fs[0].message().contains("12")
    );
    for (i, n) in d
        .names
        .iter_mut()
        .filter(|n| n.section == "五(十)")
        .enumerate()
    {
        n.numbering = format!("{}.", i + 1);
    }
    assert!(warnings(&d, "names.numbering").is_empty());
}

#[test]
fn unread_tables_are_skipped_not_zero() {
    let mut d = doc();
    // Ingestion leaves a table it could not read empty: no rows, no 合计 row.
    d.t05.table = crate::check::Table::new("公开05表", d.t05.table.columns().to_vec());
    d.t05.printed_codes.clear();
    d.t05.notes.clear();
    assert!(!d.is_read(TableId::T05));
    for rule in [
        "x.t04_t05.class",
        "x.t05_t06.basic",
        "x.t02_t03.rows",
        "t05.hierarchy",
    ] {
        let all: Vec<_> = audit(&d, &AuditOptions::default())
            .findings
            .into_iter()
            .filter(|f| {
                f.rule.as_str() == rule
                    && (f.table() == Some("公开05表") || f.message().contains("公开05表"))
            })
            .collect();
        assert!(all.is_empty(), "{rule}: {all:?}");
    }
    d.t09.actual.clear();
    d.t09.budget.clear();
    assert!(
        errors(&d, "x.t06_t09.bounds").is_empty(),
        "an unread 09 is not a blank 09"
    );
    let mut blank = doc();
    blank.t09.actual = vec![None; 6];
    assert!(
        errors(&blank, "x.t06_t09.bounds").is_empty(),
        "a printed blank binds nothing: 30231 0.61 is not checked against it"
    );
}

#[test]
fn three_costs_rows_are_found_by_printed_name() {
    use crate::check::Table;
    use crate::EconomicCode;
    let catalog = crate::Catalog::edition(2024).ok();
    let left = |d: &Document, column: &str| {
        super::three_costs_bounds(d, catalog)
            .into_iter()
            .find(|r| matches!(&r.right[0].1, super::CellRef::ThreeCosts { column: c, .. } if c == column))
            .map(|r| r.left)
    };
    let economic = |s: &str| super::CellRef::Economic(s.parse::<EconomicCode>().unwrap());
    let d = doc();
    // The seed prints 30212 因公出国（境）费用, as the 2024 catalog has it (30211 is 差旅费).
    assert_eq!(left(&d, "因公出国（境）费"), Some(economic("30212")));
    assert_eq!(left(&d, "公务用车购置费"), Some(economic("31013")));
    // A template that prints 因公出国 under 30211 is read by the name it prints.
    let mut older = doc();
    let mut t = Table::new("公开06表", d.t06.table.columns().to_vec());
    for r in d.t06.table.rows() {
        let name = match r.code.to_string().as_str() {
            "30211" => Some("因公出国（境）费"),
            "30212" => Some("其他"),
            _ => r.name.as_deref(),
        };
        t.push(r.code, name, r.cells.clone()).unwrap();
    }
    older.t06.table = t;
    assert_eq!(left(&older, "因公出国（境）费"), Some(economic("30211")));
    // 30211 prints 3.02 against a 09 因公出国（境）费 of 0: the bound fails there.
    older.t09.actual[1] = wan("0.00");
    let fs = errors(&older, "x.t06_t09.bounds");
    assert_eq!(fs.len(), 1, "{fs:?}");
    assert_eq!(fs[0].code(), Some("30211"));
}

#[test]
fn operating_costs_are_at_most_public_funds() {
    let mut d = doc();
    // 机关运行经费 555.23 = 公用经费合计 555.23: holds.
    assert!(errors(&d, "n.operating_costs").is_empty());
    // Smaller, as in a department with 事业单位 that are not 参公: holds too.
    claim(&mut d, "c148").value = Some("500.00".into());
    assert!(errors(&d, "n.operating_costs").is_empty());
    assert!(at(&errors(&d, "n.amount"), "c148").is_empty());
    // Larger than all 公用经费: an error that says how it was checked.
    claim(&mut d, "c148").value = Some("555.50".into());
    let fs = errors(&d, "n.operating_costs");
    assert_eq!(fs.len(), 1);
    assert_eq!(fs[0].name(), Some("机关运行经费"));
    assert!(fs[0].message().contains("按 ≤ 核对"), "{}", fs[0].message());
}

#[test]
fn zero_bases_are_findings_not_errors() {
    let mut d = doc();
    // c130 and c145: 完成全年预算的 0.00% of a budget of 0.00.
    assert_eq!(warnings(&d, "n.zero_base").len(), 2);
    claim(&mut d, "c128").value = Some("1.00".into());
    assert_eq!(
        warnings(&d, "n.zero_base").len(),
        1,
        "a budget of 1.00 is a base"
    );
    // A growth rate whose derived prior-year base is 0 (收、支总计 4789.78 增加 4789.78).
    let mut g = doc();
    claim(&mut g, "c002").value = Some("4789.78".into());
    claim(&mut g, "c002").word = Some("增加".parse().unwrap());
    claim(&mut g, "c003").word = Some("增长".parse().unwrap());
    // The printed 7.2% follows no convention over a zero base: an error of n.zero_base.
    let fs = errors(&g, "n.zero_base");
    assert_eq!(at(&fs, "c003").len(), 1, "{fs:?}");
    assert!(fs[0].message().contains("上年数 0"), "{}", fs[0].message());
    assert!(errors(&g, "n.growth_rate").is_empty(), "no division error");
    // 「增长 100%」 (or 0%) over a zero base is a convention: a warning.
    claim(&mut g, "c003").value = Some("100.0".into());
    assert!(errors(&g, "n.zero_base").is_empty());
    assert_eq!(at(&warnings(&g, "n.zero_base"), "c003").len(), 1);
}

/// 中共上海市普陀区委社会工作部 2024 p. 18: 「年初预算为 0 万元，全年预算为 321.02 万元，支出决算为
/// 307.82 万元，完成年初预算的 95.89%」. The rate is undefined over 年初预算 0 and no convention
/// prints 95.89% there: an error, which says that 全年预算 reproduces it.
#[test]
fn a_rate_over_a_zero_base_that_another_base_reproduces() {
    let mut d = doc();
    let section = "五(三)9";
    let mut push = |measure, value: Option<&str>, of: Option<&str>| {
        let id = format!("c9{:02}", d.claims.len() % 100);
        d.claims.push(Claim {
            id,
            section: section.into(),
            subject: "gpb_expense".parse().unwrap(),
            measure,
            value: value.map(Into::into),
            word: None,
            of: of.map(|o| o.parse().unwrap()),
            quote: String::new(),
            note: String::new(),
        });
    };
    push(Measure::BudgetInitial, Some("0"), None);
    push(Measure::BudgetFull, Some("321.02"), None);
    push(Measure::Amount, Some("307.82"), None);
    push(
        Measure::CompletionRate,
        Some("95.89"),
        Some("budget_initial"),
    );
    let fs: Vec<_> = errors(&d, "n.zero_base")
        .into_iter()
        .filter(|f| f.message().contains("95.89%"))
        .collect();
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert!(
        fs[0].message().contains("按全年预算计算") && fs[0].message().contains("321.02"),
        "{}",
        fs[0].message()
    );
    assert!(!errors(&d, "n.completion_rate")
        .iter()
        .any(|f| f.message().contains("95.89")));
}

#[test]
fn restatements_within_a_section_are_checked_with_both_quotes() {
    // 五(二)1 states 一般公共服务支出 3613.56; a second statement 3613.65 in the same section
    // is caught even though a table carries the indicator.
    let mut d = doc();
    let mut again = claim(&mut d, "c042").clone();
    again.id = "c999".into();
    again.value = Some("3613.65".into());
    again.quote = "其中一般公共服务支出为 3613.65 万元".into();
    d.claims.push(again);
    let fs = errors(&d, "n.repeat");
    assert_eq!(fs.len(), 1, "{fs:?}");
    assert!(fs[0].message().contains("c999"), "{}", fs[0].message());
    assert!(
        fs[0].message().contains("c042 五(二)1「"),
        "{}",
        fs[0].message()
    );
    assert_eq!(fs[0].code(), Some("201"));
    // The same figure restated is consistent.
    claim(&mut d, "c999").value = Some("3613.56".into());
    assert!(errors(&d, "n.repeat").is_empty());
}

#[test]
fn user_rules_with_weights_and_inequalities() {
    use super::{CellRef, CrossRule, RowRef};
    use crate::check::Relation;
    let d = doc();
    let basic = |t| CellRef::Functional {
        table: t,
        row: RowRef::Total,
        column: "基本支出".into(),
    };
    let rule = |relation, weight| CrossRule {
        id: super::Rule::Extra("mine.le".into()),
        left: basic(TableId::T05),
        relation,
        right: vec![(weight, basic(TableId::T03))],
        blank_is_zero: false,
    };
    for (relation, weight, expect_error) in [
        (Relation::LessOrEqual, 1, false), // 4082.71 ≤ 4082.71
        (Relation::LessOrEqual, 2, false), // 4082.71 ≤ 8165.42
        (Relation::LessOrEqual, -1, true), // 4082.71 ≤ −4082.71 fails
        (Relation::Equal, 2, true),        // 4082.71 = 8165.42 fails
    ] {
        let mut options = AuditOptions::default();
        options.extra.push(rule(relation, weight));
        let report = audit(&d, &options);
        let errors = report
            .findings
            .iter()
            .filter(|f| f.rule.as_str() == "mine.le" && f.severity == Severity::Error)
            .count();
        assert_eq!(errors > 0, expect_error, "{relation:?} weight {weight}");
    }
}

#[test]
fn missing_catalog_is_reported() {
    let mut d = doc();
    assert!(warnings(&d, "audit.catalog").is_empty());
    d.meta.edition = 2023;
    let w = warnings(&d, "audit.catalog");
    assert_eq!(w.len(), 1);
    assert!(w[0].message().contains("2023"));
}

#[test]
fn review_fixes_hold() {
    // The 21007 difference is explained by the misprinted 项 that 公开03表 prints right.
    let fs = errors(&doc(), "t02.hierarchy");
    assert!(
        at(&fs, "21007")[0].message().contains("2100799"),
        "{}",
        at(&fs, "21007")[0].message()
    );
    // 高于 is a comparison word like 大于.
    let mut d = doc();
    claim(&mut d, "c101").word = Some("高于".parse().unwrap());
    assert_eq!(
        at(&errors(&d, "n.direction"), "c101").len(),
        1,
        "50.21 is not 高于 55.72"
    );
    // Narrative amounts are not compared with tables that were not read.
    let mut unread = doc();
    unread.t09.budget.clear();
    unread.t09.actual.clear();
    assert!(errors(&unread, "n.amount")
        .iter()
        .all(|f| !f.message().contains("公开09表")));
    // A rule whose right-hand cell does not exist does not apply, even with blank_is_zero.
    let mut no_total = doc();
    set_summary(&mut no_total, TableId::T04, Side::Expense, 59, 3, "1.00");
    no_total.t07.table =
        crate::check::Table::new("公开07表", no_total.t07.table.columns().to_vec());
    no_total
        .t07
        .table
        .push("212".parse().unwrap(), None, vec![None; 6])
        .unwrap();
    no_total.t07.printed_codes = vec!["212".into()];
    no_total.t07.notes = vec![String::new()];
    assert!(errors(&no_total, "x.t04_t07.fund").is_empty());
    // In a table printed to 0.01, "5.1" is 5.10: one quantity printed twice must match.
    let mut dropped = doc();
    dropped.t03.table.set_cell(code("21007"), 0, wan("5.1"));
    dropped.apply_declared_decimals();
    assert_eq!(at(&errors(&dropped, "t03.hierarchy"), "21007").len(), 1);
}

/// 五(二)1–4 of the seed state 75.45 + 11.77 + 4.24 + 8.54 = 100.00% of 4789.53, while
/// 564.22 / 4789.53 = 11.780%: the publisher printed 11.77 so that the shares add up to 100.
#[test]
fn shares_rounded_to_add_up_to_a_hundred_are_rounding() {
    let mut d = doc();
    // Stated in four separate items, they are not the shares of one paragraph: an error.
    assert_eq!(at(&errors(&d, "n.share"), "c045").len(), 1);
    // Stated in one paragraph they are: 尾差, with the sibling shares as evidence.
    for id in [
        "c041", "c042", "c043", "c044", "c045", "c046", "c047", "c048", "c049",
    ] {
        claim(&mut d, id).section = "五(二)".into();
    }
    assert!(errors(&d, "n.share").is_empty());
    let report = audit(&d, &AuditOptions::default());
    let summary = report
        .findings
        .iter()
        .find(|f| f.rule.as_str() == "rounding.summary" && f.table().is_none())
        .expect("the narrative's rounding summary");
    assert!(
        summary.message().contains("c045")
            && summary
                .message()
                .contains("c043 75.45% + c045 11.77% + c047 4.24% + c049 8.54% 合计恰为 100%"),
        "{}",
        summary.message()
    );
    // Shares that do not add up to exactly 100: an error again.
    claim(&mut d, "c049").value = Some("8.55".into());
    assert_eq!(at(&errors(&d, "n.share"), "c045").len(), 1);
    // Two units away: an error even though the shares add up to 100 (75.46 is one unit
    // away from 75.447 and stays 尾差).
    claim(&mut d, "c049").value = Some("8.54".into());
    claim(&mut d, "c045").value = Some("11.76".into());
    claim(&mut d, "c043").value = Some("75.46".into());
    let fs = errors(&d, "n.share");
    assert_eq!(at(&fs, "c045").len(), 1, "{fs:#?}");
    assert!(at(&fs, "c043").is_empty(), "{fs:#?}");
}

/// A blank cell is not 0: a non-zero amount stated for it contradicts the table, a zero one
/// does not (上海市普陀区财政局 2024 planted copy: 「“三公”经费财政拨款支出年初预算为 0.95 万元」
/// against a blank 公开09表).
#[test]
fn an_amount_for_a_blank_cell() {
    let mut d = doc();
    // 公务用车购置及运行维护费 全年预算 4.4 (c133) and 因公出国（境）费 0.00 (c128).
    d.t09.budget[2] = None;
    d.t09.budget[1] = None;
    let fs = errors(&d, "n.amount");
    let c133 = at(&fs, "c133");
    assert_eq!(c133.len(), 1, "{fs:#?}");
    assert!(
        c133[0].message().contains("空白") && c133[0].message().contains("4.4"),
        "{}",
        c133[0].message()
    );
    assert!(at(&fs, "c128").is_empty(), "0.00 for a blank cell");
}

/// The narrative's only budget of a 三公 item, 年初预算, restates 公开09表 预算数; with a
/// 全年预算 also stated, 年初预算 is left alone.
#[test]
fn a_three_costs_initial_budget_restates_the_table() {
    let mut d = doc();
    let mut initial = claim(&mut d, "c122").clone();
    initial.id = "c998".into();
    initial.measure = Measure::BudgetInitial;
    initial.value = Some("0.62".into());
    d.claims.push(initial);
    assert!(
        at(&errors(&d, "n.amount"), "c998").is_empty(),
        "c122 states 全年预算"
    );
    d.claims.retain(|c| {
        !(c.subject.to_string() == "sangong:total" && c.measure == Measure::BudgetFull)
    });
    assert_eq!(at(&errors(&d, "n.amount"), "c998").len(), 1, "0.62 vs 0.61");
}

/// One wrong figure, one finding: 收、支总计 printed 0 instead of 4789.78 is an n.amount error;
/// 「减少 369.9 万元，下降 7.2%」, right with the table's 4789.78, is not a second one.
#[test]
fn a_rate_over_a_contradicted_amount_uses_the_table() {
    let mut d = doc();
    claim(&mut d, "c001").value = Some("0".into());
    assert_eq!(at(&errors(&d, "n.amount"), "c001").len(), 1);
    assert!(at(&errors(&d, "n.growth_rate"), "c003").is_empty());
    assert!(at(&warnings(&d, "n.zero_base"), "c003").is_empty());
    // A rate neither figure reproduces is reported, computed with the table's figure.
    claim(&mut d, "c003").value = Some("9.9".into());
    let fs = errors(&d, "n.growth_rate");
    let c003 = at(&fs, "c003");
    assert_eq!(c003.len(), 1, "{fs:#?}");
    assert!(
        c003[0].message().contains("c001 所述 0 与表不符"),
        "{}",
        c003[0].message()
    );
}

#[test]
fn headings_and_year_end_dates_name_the_department_and_year() {
    use crate::disclosure::PrintedLine;
    let line = |page: usize, text: &str| PrintedLine {
        page,
        text: text.into(),
    };
    let mut d = doc();
    // The seed (武汉市洪山区财政局 2024) as printed: the 目录 and the parts name both or
    // neither; the department may be shortened; a date at the end of 2024.
    d.meta.headings = vec![
        line(2, "第一部分 武汉市洪山区财政局概况 …… 3"),
        line(2, "第二部分 2024 年度部门决算表"),
        line(2, "第四部分 名词解释"),
        line(3, "第一部分 洪山区财政局部门概况"),
        line(5, "第二部分 2024年度部门决算表"),
        line(18, "第三部分 武汉市洪山区财政局 2024 年度部门决算情况说明"),
        line(24, "第四部分 名词解释"),
    ];
    d.meta.year_ends = vec![line(22, "截至2024年12月31日"), line(23, "截至2024年末")];
    assert!(errors(&d, "doc.identity").is_empty());
    assert!(warnings(&d, "doc.identity").is_empty());

    // A placeholder, another department and another year; the wrong 目录 line and the same
    // heading over its part are one finding, with both pages.
    d.meta.headings = vec![
        line(2, "第二部分 武汉市洪山区XX局2024年度部门决算表……5"),
        line(5, "第二部分 武汉市洪山区XX局 2024 年度部门决算表"),
        line(18, "第三部分 武汉市洪山区教育局 2023 年度部门决算情况说明"),
        line(24, "第四部分 某某单位名词解释"),
    ];
    d.meta.year_ends = vec![line(22, "截至2023年12月31日"), line(23, "截至2024年末")];
    let found = errors(&d, "doc.identity");
    let names: Vec<_> = found.iter().filter_map(|f| f.name()).collect();
    assert_eq!(names, ["第二部分", "第三部分", "截至2023年12月31日"]);
    assert!(found[0]
        .message()
        .starts_with("[doc.identity] 第2页、第5页：第二部分标题"));
    assert!(found[0]
        .message()
        .contains("「武汉市洪山区XX局」是占位名称"));
    assert!(found[1]
        .message()
        .contains("所列年度 2023 与本决算年度 2024 不符"));
    assert!(found[1]
        .message()
        .contains("「武汉市洪山区教育局」不是本文件的部门"));
    assert!(found[2].message().contains("第22页"));
    // 第四部分 names no department before 概况/决算/情况说明: nothing to compare.
    assert!(found
        .iter()
        .all(|f| f.table().is_none() && f.code().is_none()));
}
