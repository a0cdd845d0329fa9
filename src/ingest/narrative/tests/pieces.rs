//! The pieces of the scanner: markers, sections, numbers, clauses, blocks, bases and the
//! 附件 tables' names and cells.

use super::lines;
use crate::ingest::narrative::attachments::{cell_number, match_project, title_project};
use crate::ingest::narrative::bases::parse_base;
use crate::ingest::narrative::blocks::{blocks, Block};
use crate::ingest::narrative::chars::text;
use crate::ingest::narrative::scanner::{clauses, numbers, UnitKind};
use crate::ingest::narrative::sections::{marker, Section};

#[test]
fn markers_of_headings_and_list_items() {
    let m = |t: &str| {
        marker(&t.chars().collect::<Vec<_>>()).map(|m| (m.level, m.key, m.printed, m.len))
    };
    assert_eq!(
        m("十三、预算绩效"),
        Some((0, "十三".into(), "十三、".into(), 3))
    );
    assert_eq!(m("(一) 总体"), Some((1, "一".into(), "(一)".into(), 4)));
    assert_eq!(
        m("（十一）结余分配"),
        Some((1, "十一".into(), "（十一）".into(), 4))
    );
    assert_eq!(m("1.因公出国"), Some((2, "1".into(), "1.".into(), 2)));
    assert_eq!(m("10. 社会保障"), Some((2, "10".into(), "10.".into(), 4)));
    assert_eq!(m("（4）一般公共"), Some((3, "4".into(), "（4）".into(), 3)));
    for no in [
        "5.38 万元",
        "2024 年度",
        "2025.2.11",
        "(项): 反映",
        "一是工资",
        "(一二三四)",
    ] {
        assert_eq!(m(no), None, "{no}");
    }
}

#[test]
fn section_labels_and_their_ancestors() {
    let mut s = Section::default();
    s.set(0, "五");
    s.set(1, "三");
    s.set(2, "1");
    s.set(3, "1");
    assert_eq!(s.label("", 4), "五(三)1(1)");
    assert_eq!(s.label("附件", 4), "附件五(三)1(1)");
    assert_eq!(s.label("五", 2), "五五(三)");
    let up: Vec<String> = s.ancestors().iter().map(|a| a.label("", 4)).collect();
    assert_eq!(up, ["五(三)1", "五(三)", "五"]);
    s.set(1, "四");
    assert_eq!(
        s.label("", 4),
        "五(四)",
        "a heading clears the deeper levels"
    );
}

#[test]
fn numbers_units_and_bounds() {
    let t: Vec<char> =
        "单位价值 100 万元以上设备 0 台（套），4,789.53 万元、≥ 95%，98%，2024 年，26.09亿元"
            .chars()
            .collect();
    let ns: Vec<(String, UnitKind, &str, bool)> = numbers(&t, 0, t.len())
        .into_iter()
        .map(|n| (n.value, n.unit, n.unit_text, n.bound))
        .collect();
    assert_eq!(
        ns,
        [
            ("100".into(), UnitKind::Money, "万元", true),
            ("0".into(), UnitKind::Count, "台（套）", false),
            ("4789.53".into(), UnitKind::Money, "万元", false),
            ("95".into(), UnitKind::Percent, "%", true),
            ("98".into(), UnitKind::Percent, "%", false),
            ("2024".into(), UnitKind::Other, "", false),
            ("26.09".into(), UnitKind::Other, "亿元", false),
        ]
    );
}

#[test]
fn clauses_break_at_punctuation_and_after_listed_figures() {
    let t: Vec<char> = "收、支总计均为 4,789.78 万元，其中：货物 5.38 万元、工程 0.00 万元"
        .chars()
        .collect();
    let parts: Vec<String> = clauses(&t, 0, t.len())
        .into_iter()
        .map(|(a, b)| text(&t, a, b))
        .collect();
    assert_eq!(
        parts,
        [
            "收、支总计均为 4,789.78 万元",
            "其中",
            "货物 5.38 万元",
            "工程 0.00 万元"
        ]
    );
}

#[test]
fn wrapped_lines_join_and_headings_stand_alone() {
    let b = blocks(&lines(
        "(一) 总体情况\n\n(3) 甲（类）乙（款）丙（项）年初预算为84.3万元，主要原因：因运维公司项目\n\n12\n调整，取消部分模块收费。\n2. 一般公共服务支出(类) 财政事务(款) 一般行政管理事务\n\n(项): 反映。\n图 1: 收、支决算\n2024年机关建设项目自评表\n甲\t\t194.15",
    ));
    let texts: Vec<String> = b
        .iter()
        .map(|b| match b {
            Block::Prose(p) => String::from_iter(&p.chars),
            Block::Title(t) => format!("T:{t}"),
            Block::Row(c) => format!("R:{}", c.join("|")),
            Block::Part { numeral, title } => format!("P:{numeral}:{title}"),
        })
        .collect();
    assert_eq!(
        texts,
        [
            "(一) 总体情况",
            "(3) 甲（类）乙（款）丙（项）年初预算为84.3万元，主要原因：因运维公司项目调整，取消部分模块收费。",
            "2. 一般公共服务支出(类) 财政事务(款) 一般行政管理事务(项): 反映。",
            "T:2024年机关建设项目自评表",
            "R:甲||194.15",
        ]
    );
}

#[test]
fn bases_of_changes() {
    let y = Some(2024);
    let parse_base = |text, y| parse_base(text, y).map(|b| b.to_string());
    assert_eq!(parse_base(" 2023 年度", y), Ok("prior_year".into()));
    assert_eq!(parse_base("上年", y), Ok("prior_year".into()));
    assert_eq!(parse_base("2023 年度决算数", y), Ok("prior_year".into()));
    assert_eq!(parse_base("年初预算数", y), Ok("budget_initial".into()));
    assert_eq!(parse_base("全年预算数", y), Ok("budget_full".into()));
    assert!(parse_base("2021 年度", y).is_err());
    assert_eq!(parse_base("2021 年度", None), Ok("prior_year".into()));
    assert!(parse_base("其他单位", y).is_err());
}

#[test]
fn table_names_match_the_narratives_projects() {
    let projects = [
        "机关建设".to_owned(),
        "财源建设与预算收支".to_owned(),
        "财务监督与评审".to_owned(),
    ];
    assert_eq!(match_project("机关建设", &projects), "机关建设");
    assert_eq!(
        match_project("财源建设与预算收支管理", &projects),
        "财源建设与预算收支"
    );
    assert_eq!(match_project("财政监督与评审", &projects), "财务监督与评审");
    assert_eq!(match_project("政府采购", &projects), "政府采购");
    assert_eq!(
        title_project("2024年度国库集中收付管理项目自评表").as_deref(),
        Some("国库集中收付管理")
    );
    assert_eq!(
        title_project("2024年机关建设项目自评表").as_deref(),
        Some("机关建设")
    );
    assert_eq!(cell_number("100.00%"), Some(("100.00".into(), true)));
    assert_eq!(cell_number("4,789.53"), Some(("4789.53".into(), false)));
    assert_eq!(cell_number("≥30户"), None);
    assert_eq!(cell_number(""), None);
}
