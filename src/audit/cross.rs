//! Rules between tables. Most are data: a [`CrossRule`] relates cells named by [`CellRef`]s.

use super::tables::summary_line;
use super::Collector;
use crate::check::{compare_cells, Blanks, Relation};
use crate::disclosure::{CostGroup, Document, Side, TableId, THREE_COSTS_COLUMNS};
use crate::finding::{Place, Rule};
use crate::{Amount, Catalog, EconomicCode, FunctionCode};

/// A row of a functional table: the 合计 row or a code.
///
/// ```
/// use cn_budget::audit::{CellRef, RowRef};
/// use cn_budget::disclosure::{Document, TableId};
/// let doc = Document::embedded()?;
/// let cell = |table, row, column: &str| CellRef::Functional { table, row, column: column.into() };
/// let row = RowRef::Code("2101101".parse()?);
/// let printed = cell(TableId::T03, row, "本年支出合计").resolve(doc).unwrap().unwrap();
/// assert_eq!(printed.to_string(), "57.16 万元");
/// // 公开02表 does not print the row 2101101 at all …
/// assert_eq!(cell(TableId::T02, row, "本年收入合计").resolve(doc), None);
/// // … and its 合计 row leaves 上级补助收入 blank.
/// assert_eq!(cell(TableId::T02, RowRef::Total, "上级补助收入").resolve(doc), Some(None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowRef {
    /// The 合计 row.
    Total,
    /// The row of a code.
    Code(FunctionCode),
}

/// A cell of a document, named the way a reader would name it.
///
/// ```
/// use cn_budget::audit::{CellRef, RowRef};
/// use cn_budget::disclosure::{Document, TableId};
/// let doc = Document::embedded()?;
/// let cell = CellRef::Functional { table: TableId::T02, row: RowRef::Total, column: "本年收入合计".into() };
/// assert_eq!(cell.resolve(doc).unwrap().unwrap().to_string(), "4789.78 万元");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CellRef {
    /// A line of 公开01表 or 公开04表, by side and label (a prefix of the label without its
    /// numbering; unlabelled lines are read by the template), and column heading.
    Summary {
        /// 公开01表 or 公开04表.
        table: TableId,
        /// 收入 or 支出.
        side: Side,
        /// The label, or a prefix of it.
        label: String,
        /// The column heading.
        column: String,
    },
    /// A cell of 公开02/03/05/07/08表.
    Functional {
        /// The table.
        table: TableId,
        /// The row.
        row: RowRef,
        /// The column heading.
        column: String,
    },
    /// 人员经费合计 or 公用经费合计 of 公开06表.
    BasicTotal(CostGroup),
    /// The 决算数 of an economic code in 公开06表.
    Economic(EconomicCode),
    /// A cell of 公开09表: 决算数 (`actual`) or 预算数, and a column of
    /// [`THREE_COSTS_COLUMNS`].
    ThreeCosts {
        /// 决算数 (true) or 预算数 (false).
        actual: bool,
        /// The column heading.
        column: String,
    },
}

impl CellRef {
    /// The cell's amount: `None` when the table was not read ([`Document::is_read`]) or the
    /// row or column does not exist, `Some(None)` when the cell is blank.
    pub fn resolve(&self, doc: &Document) -> Option<Option<Amount>> {
        if !doc.is_read(self.table()) {
            return None;
        }
        match self {
            CellRef::Summary {
                table,
                side,
                label,
                column,
            } => {
                let t = match table {
                    TableId::T01 => &doc.t01,
                    TableId::T04 => &doc.t04,
                    _ => return None,
                };
                let col = t.column(column)?;
                let line = summary_line(t, *side, |l| l.starts_with(label.as_str()))?;
                Some(line.cells.get(col).copied().flatten())
            }
            CellRef::Functional { table, row, column } => {
                let t = &doc.functional(*table)?.table;
                let col = t.column(column)?;
                let cells = match row {
                    RowRef::Total => t.total()?,
                    RowRef::Code(c) => &t.row(*c)?.cells,
                };
                Some(cells.get(col).copied().flatten())
            }
            CellRef::BasicTotal(CostGroup::Personnel) => Some(doc.t06.personnel_total),
            CellRef::BasicTotal(CostGroup::Public) => Some(doc.t06.public_total),
            CellRef::Economic(code) => {
                Some(doc.t06.table.row(*code)?.cells.first().copied().flatten())
            }
            CellRef::ThreeCosts { actual, column } => {
                let i = THREE_COSTS_COLUMNS.iter().position(|c| c == column)?;
                let cells = if *actual {
                    &doc.t09.actual
                } else {
                    &doc.t09.budget
                };
                Some(cells.get(i).copied().flatten())
            }
        }
    }

    /// The table the cell is in.
    ///
    /// ```
    /// use cn_budget::audit::CellRef;
    /// use cn_budget::disclosure::{CostGroup, TableId};
    /// assert_eq!(CellRef::Economic("30231".parse()?).table(), TableId::T06);
    /// assert_eq!(CellRef::BasicTotal(CostGroup::Public).table(), TableId::T06);
    /// let cell = CellRef::ThreeCosts { actual: true, column: "公务接待费".into() };
    /// assert_eq!(cell.table(), TableId::T09);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table(&self) -> TableId {
        match self {
            CellRef::Summary { table, .. } | CellRef::Functional { table, .. } => *table,
            CellRef::BasicTotal(_) | CellRef::Economic(_) => TableId::T06,
            CellRef::ThreeCosts { .. } => TableId::T09,
        }
    }

    pub(crate) fn place(&self) -> Place {
        let (table, code, column) = match self {
            CellRef::Summary {
                table,
                side,
                label,
                column,
            } => (
                *table,
                format!("{}「{label}」", side.name()),
                column.clone(),
            ),
            CellRef::Functional { table, row, column } => (
                *table,
                match row {
                    RowRef::Total => "合计".to_owned(),
                    RowRef::Code(c) => c.to_string(),
                },
                column.clone(),
            ),
            CellRef::BasicTotal(g) => (TableId::T06, format!("{}合计", g.name()), "决算数".into()),
            CellRef::Economic(c) => (TableId::T06, c.to_string(), "决算数".into()),
            CellRef::ThreeCosts { actual, column } => (
                TableId::T09,
                (if *actual { "决算数" } else { "预算数" }).into(),
                column.clone(),
            ),
        };
        Place {
            table: Some(table.into()),
            code: Some(code),
            name: None,
            column: Some(column),
            claim: None,
            ..Place::default()
        }
    }

    fn describe(&self) -> String {
        self.place().to_string()
    }
}

/// An identity between cells of different tables: `left` (relation) Σ weight · `right`.
///
/// Evaluated when the left cell and at least one right cell are reported; with
/// `blank_is_zero` a blank on one side counts as an exact 0 when the other side is reported
/// (a zero column means an empty table).
///
/// A `≤` rule holds when `lo(left) ≤ hi(Σ weight · right)` on the intervals of the reported
/// figures ([`crate::check::compare_le_sum`]).
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions, CellRef, CrossRule, RowRef, Rule};
/// use cn_budget::check::Relation;
/// use cn_budget::disclosure::{Document, TableId};
/// let rule = CrossRule {
///     id: Rule::Extra("mine.t03_t05.basic".into()),
///     left: CellRef::Functional { table: TableId::T05, row: RowRef::Total, column: "基本支出".into() },
///     relation: Relation::LessOrEqual,
///     right: vec![(1, CellRef::Functional { table: TableId::T03, row: RowRef::Total, column: "基本支出".into() })],
///     blank_is_zero: false,
/// };
/// let mut options = AuditOptions::default();
/// options.extra.push(rule);
/// let report = audit(Document::embedded()?, &options);
/// assert!(!report.findings.iter().any(|f| f.rule.as_str() == "mine.t03_t05.basic"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossRule {
    /// The stable id: a built-in rule's, or [`Rule::Extra`] for a rule added as data.
    pub id: Rule,
    /// The left side.
    pub left: CellRef,
    /// `=` or `≤`.
    pub relation: Relation,
    /// The weighted cells of the right side.
    pub right: Vec<(i32, CellRef)>,
    /// Whether a blank on one side counts as 0 when the other side is reported.
    pub blank_is_zero: bool,
}

impl CrossRule {
    fn equal(id: Rule, left: CellRef, right: Vec<CellRef>) -> CrossRule {
        CrossRule {
            id,
            left,
            relation: Relation::Equal,
            right: right.into_iter().map(|c| (1, c)).collect(),
            blank_is_zero: false,
        }
    }

    pub(crate) fn evaluate(&self, doc: &Document, out: &mut Collector) {
        if !out.on(&self.id) {
            return;
        }
        // Cells of unread tables, rows or columns that do not exist resolve to `None`: the
        // rule does not apply.
        let Some(left) = self.left.resolve(doc) else {
            return;
        };
        let mut right: Vec<(i32, Option<Amount>)> = Vec::with_capacity(self.right.len());
        for (w, c) in &self.right {
            // A cell that does not exist (no such row, column or table) is not a blank.
            let Some(cell) = c.resolve(doc) else { return };
            right.push((*w, cell));
        }
        let parts: Vec<(i32, Option<&Amount>)> =
            right.iter().map(|(w, a)| (*w, a.as_ref())).collect();
        let blanks = if self.blank_is_zero {
            Blanks::Zero
        } else {
            Blanks::NotReported
        };
        let Some(result) =
            compare_cells(left.as_ref(), &parts, blanks, self.relation, out.rounding())
        else {
            return;
        };
        let basis = || {
            self.right
                .iter()
                .map(|(w, c)| format!("{}{}", if *w < 0 { "−" } else { "" }, c.describe()))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        out.check_with(self.id.clone(), result, || self.left.place(), basis);
    }
}

fn summary(table: TableId, side: Side, label: &str, column: &str) -> CellRef {
    CellRef::Summary {
        table,
        side,
        label: label.into(),
        column: column.into(),
    }
}

fn functional(table: TableId, row: RowRef, column: &str) -> CellRef {
    CellRef::Functional {
        table,
        row,
        column: column.into(),
    }
}

/// The built-in cross-table identities that are plain cell relations.
///
/// - `x.t01_t02.income`: 01 本年收入合计 and each income source = the 02 合计 row.
/// - `x.t01_t03.expense`: 01 本年支出合计 = 03 合计.
/// - `x.t02_t04.fiscal`: 02 财政拨款收入 合计 = 04 本年收入合计.
/// - `x.t04_t05.class` (totals): 04 本年支出合计 一般公共预算 = 05 合计 小计.
/// - `x.t05_t06.basic`: 05 基本支出 合计 = 06 人员经费合计 + 公用经费合计.
/// - `x.t04_t07.fund`, `x.t04_t08.soe`: the 04 fund and SOE columns = 07 and 08 (a zero
///   column means an empty table).
///
/// `x.t06_t09.bounds` depends on the rows the document prints, see [`three_costs_bounds`].
///
/// ```
/// let rules = cn_budget::audit::builtin_cross_rules();
/// assert!(rules.iter().any(|r| r.id.as_str() == "x.t05_t06.basic"));
/// ```
pub fn builtin_cross_rules() -> Vec<CrossRule> {
    use TableId::*;
    let mut rules = vec![
        CrossRule::equal(
            Rule::CrossT01T02Income,
            summary(T01, Side::Income, "本年收入合计", "金额"),
            vec![functional(T02, RowRef::Total, "本年收入合计")],
        ),
        CrossRule::equal(
            Rule::CrossT01T02Income,
            functional(T02, RowRef::Total, "财政拨款收入"),
            [
                "一般公共预算财政拨款收入",
                "政府性基金预算财政拨款收入",
                "国有资本经营预算财政拨款收入",
            ]
            .iter()
            .map(|l| summary(T01, Side::Income, l, "金额"))
            .collect(),
        ),
    ];
    for source in [
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ] {
        rules.push(CrossRule::equal(
            Rule::CrossT01T02Income,
            summary(T01, Side::Income, source, "金额"),
            vec![functional(T02, RowRef::Total, source)],
        ));
    }
    rules.push(CrossRule::equal(
        Rule::CrossT01T03Expense,
        summary(T01, Side::Expense, "本年支出合计", "金额"),
        vec![functional(T03, RowRef::Total, "本年支出合计")],
    ));
    rules.push(CrossRule::equal(
        Rule::CrossT02T04Fiscal,
        functional(T02, RowRef::Total, "财政拨款收入"),
        vec![summary(T04, Side::Income, "本年收入合计", "决算数")],
    ));
    rules.push(CrossRule::equal(
        Rule::CrossT04T05Class,
        summary(T04, Side::Expense, "本年支出合计", "一般公共预算财政拨款"),
        vec![functional(T05, RowRef::Total, "小计")],
    ));
    rules.push(CrossRule::equal(
        Rule::CrossT05T06Basic,
        functional(T05, RowRef::Total, "基本支出"),
        vec![
            CellRef::BasicTotal(CostGroup::Personnel),
            CellRef::BasicTotal(CostGroup::Public),
        ],
    ));
    let mut fund = CrossRule::equal(
        Rule::CrossT04T07Fund,
        summary(T04, Side::Expense, "本年支出合计", "政府性基金预算财政拨款"),
        vec![functional(T07, RowRef::Total, "本年支出小计")],
    );
    fund.blank_is_zero = true;
    let mut soe = CrossRule::equal(
        Rule::CrossT04T08Soe,
        summary(
            T04,
            Side::Expense,
            "本年支出合计",
            "国有资本经营预算财政拨款",
        ),
        vec![functional(T08, RowRef::Total, "合计")],
    );
    soe.blank_is_zero = true;
    rules.extend([fund, soe]);
    rules
}

/// The 三公 items of 公开09表 and the 基本支出 economic row of 公开06表 each is bounded by:
/// the 09 column, how the 06 row's printed name begins, and the row's official name (whose
/// code the document's catalog edition gives: 30212 因公出国（境）费用 in the 2024 and 2025
/// editions, next to 30211 差旅费).
const THREE_COSTS_ROWS: [(&str, &str, &str, Option<&str>); 4] = [
    (
        "因公出国（境）费",
        "因公出国",
        "因公出国（境）费用",
        Some("302"),
    ),
    ("公务接待费", "公务接待", "公务接待费", Some("302")),
    (
        "公务用车运行维护费",
        "公务用车运行",
        "公务用车运行维护费",
        Some("302"),
    ),
    (
        "公务用车购置费",
        "公务用车购置",
        "公务用车购置",
        Some("310"),
    ),
];

/// `x.t06_t09.bounds`: 公开06表 holds only 基本支出, so each 三公 item's economic row is at
/// most the 决算数 of its 公开09表 column (the 09 figure also covers 项目支出): 因公出国（境）
/// 费用 ≤ 因公出国（境）费, 公务接待费 ≤ 公务接待费, 公务用车运行维护费 ≤ 公务用车运行维护费,
/// 公务用车购置 ≤ 公务用车购置费.
///
/// The 06 row is found by its printed name (templates have printed 因公出国 under other
/// codes), else by the code the document's catalog edition gives the official name; a row
/// that is not found is not checked. A blank on either side binds nothing (a blank is not 0).
///
/// ```
/// use cn_budget::audit::three_costs_bounds;
/// use cn_budget::disclosure::Document;
/// let doc = Document::embedded()?;
/// let rules = three_costs_bounds(doc, cn_budget::Catalog::edition(2024).ok());
/// assert_eq!(rules.len(), 4);
/// assert!(rules.iter().all(|r| r.id.as_str() == "x.t06_t09.bounds" && !r.blank_is_zero));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn three_costs_bounds(doc: &Document, catalog: Option<&Catalog>) -> Vec<CrossRule> {
    let printed = |prefix: &str| {
        doc.t06.table.rows().iter().find_map(|r| {
            let name: String = r.name.as_deref()?.split_whitespace().collect();
            let name = name.replace('(', "（").replace(')', "）");
            name.starts_with(prefix).then_some(r.code)
        })
    };
    let official = |name: &str, parent: Option<&str>| {
        let economic = catalog?.economic();
        let parent = parent.and_then(|p| p.parse::<EconomicCode>().ok());
        Some(economic.find_child(parent, name)?.code())
    };
    THREE_COSTS_ROWS
        .iter()
        .filter_map(|(column, prefix, name, parent)| {
            let code = printed(prefix).or_else(|| official(name, *parent))?;
            Some(CrossRule {
                id: Rule::CrossT06T09Bounds,
                left: CellRef::Economic(code),
                relation: Relation::LessOrEqual,
                right: vec![(
                    1,
                    CellRef::ThreeCosts {
                        actual: true,
                        column: (*column).into(),
                    },
                )],
                blank_is_zero: false,
            })
        })
        .collect()
}

pub(super) fn run(doc: &Document, catalog: Option<&Catalog>, out: &mut Collector) {
    for rule in builtin_cross_rules()
        .iter()
        .chain(three_costs_bounds(doc, catalog).iter())
        .chain(out.options.extra.clone().iter())
    {
        rule.evaluate(doc, out);
    }
    class_lines(
        doc,
        catalog,
        TableId::T01,
        "金额",
        TableId::T03,
        "本年支出合计",
        Rule::CrossT01T03Class,
        out,
    );
    class_lines(
        doc,
        catalog,
        TableId::T04,
        "一般公共预算财政拨款",
        TableId::T05,
        "小计",
        Rule::CrossT04T05Class,
        out,
    );
    row_sets(doc, out);
}

/// `x.t01_t03.class`, `x.t04_t05.class`: each numbered 类 line of a summary table equals the
/// 类 row of the detail table (found by the 类 name in the document's catalog edition). A
/// figure in one table and a blank in the other is a contradiction too.
#[allow(clippy::too_many_arguments)]
fn class_lines(
    doc: &Document,
    catalog: Option<&Catalog>,
    summary_id: TableId,
    column: &str,
    detail_id: TableId,
    detail_column: &str,
    rule: Rule,
    out: &mut Collector,
) {
    let readable = doc.is_read(summary_id) && doc.is_read(detail_id);
    let (Some(catalog), true) = (catalog, out.on(&rule) && readable) else {
        return;
    };
    let t = if summary_id == TableId::T01 {
        &doc.t01
    } else {
        &doc.t04
    };
    let (Some(col), Some(detail)) = (t.column(column), doc.functional(detail_id)) else {
        return;
    };
    let Some(dcol) = detail.table.column(detail_column) else {
        return;
    };
    for line in t.side(Side::Expense).filter(|l| l.is_numbered()) {
        let Some(entry) = catalog.functional().find_child(None, line.label()) else {
            out.warn(
                rule.clone(),
                Place {
                    table: Some(summary_id.into()),
                    code: Some(format!("支出第{}行", line.line)),
                    name: Some(line.label().into()),
                    column: None,
                    claim: None,
                    ..Place::default()
                },
                format!(
                    "「{}」不是 {} 年版支出功能分类的类名称",
                    line.label(),
                    catalog.label()
                ),
            );
            continue;
        };
        let code = entry.code();
        let here = line.cells.get(col).copied().flatten();
        let there = detail
            .table
            .row(code)
            .and_then(|r| r.cells.get(dcol).copied().flatten());
        let place = Place {
            table: Some(summary_id.into()),
            code: Some(code.to_string()),
            name: Some(line.label().into()),
            column: Some(column.into()),
            claim: None,
            ..Place::default()
        };
        let basis = format!("{} {} 「{detail_column}」", detail_id.label(), code);
        let basis = if there.is_some() {
            basis
        } else {
            format!("{basis}（未列示）")
        };
        match compare_cells(
            here.as_ref(),
            &[(1, there.as_ref())],
            Blanks::Zero,
            Relation::Equal,
            out.rounding(),
        ) {
            Some(r) => out.check(rule.clone(), place, r, &basis),
            None => out.passed(rule.clone()),
        }
    }
}

/// `x.t02_t03.rows`: 公开02表 and 公开03表 list the same codes, and every code of 公开05表 is
/// in 公开03表. A row missing from one of them is reported once (it also explains a
/// parent ≠ Σ children difference in that table).
fn row_sets(doc: &Document, out: &mut Collector) {
    const RULE: Rule = Rule::CrossT02T03Rows;
    if !out.on(&RULE) {
        return;
    }
    let codes = |id: TableId| -> Vec<FunctionCode> {
        doc.functional(id)
            .map(|t| t.table.rows().iter().map(|r| r.code).collect())
            .unwrap_or_default()
    };
    let (t02, t03, t05) = (
        codes(TableId::T02),
        codes(TableId::T03),
        codes(TableId::T05),
    );
    let mut any = false;
    for (a, a_codes, b, b_codes) in [
        (TableId::T03, &t03, TableId::T02, &t02),
        (TableId::T02, &t02, TableId::T03, &t03),
        (TableId::T05, &t05, TableId::T03, &t03),
    ] {
        if !doc.is_read(a) || !doc.is_read(b) {
            continue;
        }
        for code in a_codes.iter().filter(|c| !b_codes.contains(c)) {
            any = true;
            let name = doc
                .functional(a)
                .and_then(|t| t.table.row(*code))
                .and_then(|r| r.name.clone());
            let value = doc
                .functional(a)
                .and_then(|t| t.table.row(*code))
                .and_then(|r| r.cells.first().copied().flatten());
            let place = Place {
                table: Some(b.into()),
                code: Some(code.to_string()),
                name: name.clone(),
                column: None,
                claim: None,
                ..Place::default()
            };
            out.warn(
                RULE,
                place,
                format!(
                    "{}列示 {} {}（{}），本表未列示该科目",
                    a.label(),
                    code,
                    name.unwrap_or_default(),
                    value.map(|v| v.to_string()).unwrap_or_else(|| "空".into())
                ),
            );
        }
    }
    if !any {
        out.passed(RULE);
    }
}
