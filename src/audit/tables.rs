//! Rules within one table.

use super::Collector;
use crate::check::Table;
use crate::check::{
    compare_cells, compare_sum, Blanks, Comparison, Outcome, RawResult, Relation, Verdict,
    TOTAL_LABEL,
};
use crate::disclosure::{
    CostGroup, Document, Side, SummaryLine, SummaryTable, TableId, THREE_COSTS_COLUMNS,
};
use crate::finding::{Place, Rule, TableRef};
use crate::{Amount, Code, FunctionCode};

pub(super) fn run(doc: &Document, out: &mut Collector) {
    for id in [
        TableId::T02,
        TableId::T03,
        TableId::T05,
        TableId::T07,
        TableId::T08,
    ] {
        hierarchy(doc, id, out);
        row_total(doc, id, out);
        printed_codes(doc, id, out);
    }
    summary_01(doc, out);
    summary_04(doc, out);
    basic_06(doc, out);
    three_costs_09(doc, out);
}

/// The `tNN.hierarchy` and `tNN.row_total` rules of a functional table.
fn functional_rules(id: TableId) -> Option<(Rule, Rule)> {
    Some(match id {
        TableId::T02 => (Rule::T02Hierarchy, Rule::T02RowTotal),
        TableId::T03 => (Rule::T03Hierarchy, Rule::T03RowTotal),
        TableId::T05 => (Rule::T05Hierarchy, Rule::T05RowTotal),
        TableId::T07 => (Rule::T07Hierarchy, Rule::T07RowTotal),
        TableId::T08 => (Rule::T08Hierarchy, Rule::T08RowTotal),
        _ => return None,
    })
}

/// A place in a table (one of the nine, or a budget's by its title): a row by its code or
/// label and name, and a column.
pub(super) fn place(
    table: impl Into<TableRef>,
    code: Option<String>,
    name: Option<String>,
    column: Option<String>,
) -> Place {
    Place {
        table: Some(table.into()),
        code,
        name,
        column,
        claim: None,
        ..Place::default()
    }
}

/// `tNN.hierarchy` (公开02/03/05/07/08表): every 类 equals the sum of its 款 and every 款
/// the sum of its 项, column by column, one level at a time; the 合计 row equals the sum of
/// the 类 rows. A parent with a single child must equal it exactly. Why: the tables are
/// built by summation, so any difference beyond rounding is a misprint or a missing row;
/// when one is found, the finding says which row of a sibling table would explain it.
fn hierarchy(doc: &Document, id: TableId, out: &mut Collector) {
    let (Some(t), Some((rule, _))) = (doc.functional(id), functional_rules(id)) else {
        return;
    };
    if out.on(&rule) {
        let results = t.table.hierarchy_results(out.rounding());
        route(doc, id, &t.table, rule, results, "下级科目之和", out);
    }
}

/// Routes the results of [`crate::check::Table`] checks on one of the nine tables to findings
/// under `rule`, explaining a failed hierarchy sum where a 项 of the other tables explains it.
fn route<C: Code>(
    doc: &Document,
    id: TableId,
    table: &Table<C>,
    rule: Rule,
    results: Vec<RawResult<C>>,
    basis: &str,
    out: &mut Collector,
) {
    route_results(
        id.into(),
        table,
        &rule,
        results,
        basis,
        out,
        |r, code, c| {
            (c.verdict == Verdict::Inconsistent && r.rule == "hierarchy.children")
                .then(|| explain(doc, id, code, r.column, c.difference, c.tolerance))
                .flatten()
        },
    );
}

/// Routes the results of [`crate::check::Table`] checks on `at` (a 决算 table, or a budget
/// table by its printed title) to findings under `rule`; the place (code, printed name,
/// column heading) is spelled out only for results worth reporting, and `hint` may add an
/// explanation to a comparison (given the result, its code and the comparison).
pub(super) fn route_results<C: Code>(
    at: TableRef,
    table: &Table<C>,
    rule: &Rule,
    results: Vec<RawResult<C>>,
    basis: &str,
    out: &mut Collector,
    hint: impl Fn(&RawResult<C>, Option<&str>, &Comparison) -> Option<String>,
) {
    for r in results {
        if matches!(&r.outcome, Outcome::Compared(c) if c.verdict == Verdict::Exact) {
            out.passed(rule.clone());
            continue;
        }
        let code = r
            .row
            .map_or_else(|| TOTAL_LABEL.to_owned(), |c| c.to_string());
        let p = Place {
            table: Some(at.clone()),
            code: Some(code.clone()),
            name: r.row.and_then(|c| table.row(c)?.name.clone()),
            column: r.column.and_then(|c| table.columns().get(c).cloned()),
            claim: None,
            ..Place::default()
        };
        match &r.outcome {
            Outcome::Compared(c) => {
                let basis = if r.rule == "hierarchy.total" {
                    "各类之和"
                } else {
                    basis
                };
                out.compared(rule.clone(), p, c, basis, hint(&r, Some(&code), c));
            }
            Outcome::Blocked(b) => out.blocked(rule.clone(), p, b),
        }
    }
}

/// Tries to explain a parent ≠ Σ children difference in a functional table: a child that a
/// sibling table lists but this one does not, whose amount matches the difference; or a child
/// printed differently in a sibling table by the amount of the difference.
fn explain(
    doc: &Document,
    id: TableId,
    code: Option<&str>,
    column: Option<usize>,
    difference: rust_decimal::Decimal,
    tolerance: rust_decimal::Decimal,
) -> Option<String> {
    let parent: FunctionCode = code?.parse().ok()?;
    let here = &doc.functional(id)?.table;
    let column = column?;
    let heading = here.columns().get(column)?;
    // difference = reported − Σ children printed here.
    let close = |a: rust_decimal::Decimal| (a - difference).abs() <= tolerance;
    for other in [TableId::T02, TableId::T03, TableId::T05] {
        if other == id {
            continue;
        }
        let there = &doc.functional(other)?.table;
        // The total columns (本年收入合计, 本年支出合计, 小计) correspond; others by heading.
        let Some(there_column) = (if column == 0 {
            Some(0)
        } else {
            there.column(heading)
        }) else {
            continue;
        };
        let cell = |t: &Table<FunctionCode>, c: FunctionCode, col: usize| {
            t.row(c).and_then(|r| r.cells.get(col).copied().flatten())
        };
        for row in there
            .rows()
            .iter()
            .filter(|r| r.code.parent() == Some(parent))
        {
            let Some(v) = cell(there, row.code, there_column) else {
                continue;
            };
            let name = row.name.as_deref().unwrap_or("");
            match here.row(row.code) {
                // A child missing here makes the children's sum short by its amount.
                None if close(v.value()) => {
                    return Some(format!(
                        "可能原因：本表未列示 {} {name}（{}列示 {}）。",
                        row.code,
                        other.label(),
                        v.value()
                    ));
                }
                // A child misprinted here (m instead of v) shifts the sum by v − m.
                Some(_) => {
                    let Some(m) = cell(here, row.code, column) else {
                        continue;
                    };
                    let delta = v.value() - m.value();
                    if !delta.is_zero() && close(delta) {
                        return Some(format!(
                            "可能原因：{} {name} 在本表为 {}，{}为 {}。",
                            row.code,
                            m.value(),
                            other.label(),
                            v.value()
                        ));
                    }
                }
                None => {}
            }
        }
    }
    None
}

/// `tNN.row_total`: on every row and the 合计 row, the total column equals the sum of its
/// part columns (02: 本年收入合计 = Σ sources; 03: 本年支出合计 = 基本 + 项目 + 上缴上级 +
/// 经营 + 对附属单位补助; 05/08: 小计 = 基本 + 项目; 07: 本年支出小计 = 基本 + 项目). Why:
/// the columns partition the total by source or by kind of spending.
fn row_total(doc: &Document, id: TableId, out: &mut Collector) {
    let (Some(t), Some((total, parts)), Some((_, rule))) =
        (doc.functional(id), id.row_identity(), functional_rules(id))
    else {
        return;
    };
    if !out.on(&rule) {
        return;
    }
    let heading = |i: usize| id.columns().get(i).copied().unwrap_or("");
    let Some(total_col) = t.table.column(heading(total)) else {
        let total = heading(total);
        out.warn(
            rule,
            place(id, None, None, Some(total.into())),
            format!("缺少列「{total}」，无法校验"),
        );
        return;
    };
    let names: Vec<&str> = parts.iter().map(|&p| heading(p)).collect();
    let columns: Vec<(i32, usize)> = names
        .iter()
        .filter_map(|p| t.table.column(p))
        .map(|c| (1, c))
        .collect();
    let results = t
        .table
        .row_identity_results("row", total_col, &columns, out.rounding());
    route(
        doc,
        id,
        &t.table,
        rule,
        results,
        &format!("{}之和", names.join("+")),
        out,
    );
}

/// `format.printed_code` (公开02/03/05/06表): codes must be printed whole (类 3, 款 5, 项 7
/// digits for functional codes; 3 and 5 for economic codes). A truncated code (201060,
/// 3010) makes the row ambiguous without the name; one warning per table lists them.
fn printed_codes(doc: &Document, id: TableId, out: &mut Collector) {
    if let Some(t) = doc.functional(id) {
        report_printed(id, &t.table, &t.printed_codes, out);
    }
}

fn report_printed<C: Code>(id: TableId, table: &Table<C>, printed: &[String], out: &mut Collector) {
    const RULE: Rule = Rule::FormatPrintedCode;
    let bad: Vec<String> = table
        .rows()
        .iter()
        .zip(printed)
        .filter(|(r, p)| **p != r.code.to_string())
        .map(|(r, p)| format!("{p}→{}", r.code))
        .collect();
    if bad.is_empty() {
        out.passed(RULE);
        return;
    }
    let examples: Vec<&str> = bad.iter().take(4).map(String::as_str).collect();
    out.warn(
        RULE,
        place(id, None, None, None),
        format!(
            "{} 行科目编码印刷不完整（按名称和兄弟表补全：{}{}）",
            bad.len(),
            examples.join("、"),
            if bad.len() > 4 { " 等" } else { "" }
        ),
    );
}

/// The label of each line of a summary table, inferring blank income labels from the line
/// printed beside them (本年支出合计 ↔ 本年收入合计, 总计 ↔ 总计), as the template pairs them.
pub(super) fn labels(t: &SummaryTable) -> impl Iterator<Item = (usize, &str, bool)> + '_ {
    let expense_labels = || {
        t.lines
            .iter()
            .filter(|l| l.side == Side::Expense)
            .map(SummaryLine::label)
    };
    let income = t
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.side == Side::Income);
    let income = income
        .zip(expense_labels().map(Some).chain(std::iter::repeat(None)))
        .map(|((i, line), paired)| {
            if !line.name.is_empty() {
                return (i, line.label(), false);
            }
            let inferred = match paired {
                Some("本年支出合计") => "本年收入合计",
                Some("总计") => "总计",
                _ => "",
            };
            (i, inferred, !inferred.is_empty())
        });
    let expense = t
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.side == Side::Expense)
        .map(|(j, l)| (j, l.label(), false));
    income.chain(expense)
}

/// A line of a summary table by (inferred) label.
pub(super) fn summary_line(
    t: &SummaryTable,
    side: Side,
    label: impl Fn(&str) -> bool,
) -> Option<&SummaryLine> {
    // Printed labels first (the common case, no pairing needed), then inferred ones.
    if let Some(l) = t
        .side(side)
        .find(|l| !l.name.is_empty() && label(l.label()))
    {
        return Some(l);
    }
    if side == Side::Expense {
        return None;
    }
    labels(t)
        .find(|(i, l, inferred)| *inferred && t.lines[*i].side == side && label(l))
        .map(|(i, _, _)| &t.lines[i])
}

fn cell_of(l: Option<&SummaryLine>, col: usize) -> Option<&Amount> {
    l.and_then(|l| l.cells.get(col)).and_then(Option::as_ref)
}

/// The cells of the first run of numbered lines of a side (一、… up to 本年收入合计 or
/// 本年支出合计; 其中 lines inside the run are parts of a line, not lines): the numbered
/// sub-lines printed later under 年初结转和结余 are not parts of the year's total.
fn numbered(t: &SummaryTable, side: Side, column: usize) -> Vec<Option<&Amount>> {
    let of_which = |l: &SummaryLine| l.name.trim_start().starts_with("其中");
    t.side(side)
        .skip_while(|l| !l.is_numbered())
        .take_while(|l| l.is_numbered() || of_which(l))
        .filter(|l| l.is_numbered())
        .map(|l| l.cells.get(column).and_then(Option::as_ref))
        .collect()
}

/// Checks `total` = Σ `parts` (blanks skipped; evaluated when the total and a part exist).
fn sum_cells(
    out: &mut Collector,
    rule: Rule,
    p: impl FnOnce() -> Place,
    total: Option<&Amount>,
    parts: &[Option<&Amount>],
    basis: &str,
) {
    let parts: Vec<(i32, Option<&Amount>)> = parts.iter().map(|a| (1, *a)).collect();
    let rounding = out.rounding();
    if let Some(r) = compare_cells(
        total,
        &parts,
        Blanks::NotReported,
        Relation::Equal,
        rounding,
    ) {
        out.check_with(rule, r, p, || basis.to_owned());
    }
}

fn line_place(id: TableId, line: &SummaryLine, label: &str, column: &str) -> Place {
    place(
        id,
        Some(format!("{}第{}行", line.side.name(), line.line)),
        Some(label.to_owned()),
        Some(column.to_owned()),
    )
}

/// `t01.income_total`, `t01.expense_total`, `t01.balance` (公开01表): 本年收入合计 equals
/// the numbered income lines; 本年支出合计 equals the numbered 类 lines; each 总计 equals its
/// 本年合计 plus the carry-over lines, and the two 总计 are equal. Why: the table is the
/// document's balance sheet of flows; every other table restates a part of it.
fn summary_01(doc: &Document, out: &mut Collector) {
    let t = &doc.t01;
    let id = TableId::T01;
    let col = 0;
    let heading = t.columns.first().cloned().unwrap_or_default();
    if let Some(l) = summary_line(t, Side::Income, |s| s == "本年收入合计") {
        sum_cells(
            out,
            Rule::T01IncomeTotal,
            || line_place(id, l, "本年收入合计", &heading),
            cell_of(Some(l), col),
            &numbered(t, Side::Income, col),
            "各项收入之和",
        );
    }
    if let Some(l) = summary_line(t, Side::Expense, |s| s == "本年支出合计") {
        sum_cells(
            out,
            Rule::T01ExpenseTotal,
            || line_place(id, l, "本年支出合计", &heading),
            cell_of(Some(l), col),
            &numbered(t, Side::Expense, col),
            "各类支出之和",
        );
    }
    balance(
        out,
        Rule::T01Balance,
        id,
        t,
        (col, col),
        &["本年收入合计", "使用非财政拨款结余", "年初结转和结余"],
        &["本年支出合计", "结余分配", "年末结转和结余"],
    );
}

/// 总计 = Σ its parts on each side, and 总计(收) = 总计(支). `columns` are the income-side
/// and expense-side columns (公开04表 prints income in 决算数 and expense in 小计).
fn balance(
    out: &mut Collector,
    rule: Rule,
    id: TableId,
    t: &SummaryTable,
    columns: (usize, usize),
    income: &[&str],
    expense: &[&str],
) {
    let mut totals = Vec::new();
    for (side, col, parts) in [
        (Side::Income, columns.0, income),
        (Side::Expense, columns.1, expense),
    ] {
        let heading = t.columns.get(col).cloned().unwrap_or_default();
        let total = summary_line(t, side, |s| s == "总计");
        let cells: Vec<Option<&Amount>> = parts
            .iter()
            .map(|p| cell_of(summary_line(t, side, |s| s.starts_with(p)), col))
            .collect();
        if let Some(l) = total {
            sum_cells(
                out,
                rule.clone(),
                || line_place(id, l, "总计", &heading),
                cell_of(Some(l), col),
                &cells,
                &parts.join("+"),
            );
        }
        totals.push(total.map(|l| (l, col, heading)));
    }
    if let (Some((a, ca, ha)), Some((b, cb, _))) = (&totals[0], &totals[1]) {
        if let (Some(x), Some(y)) = (cell_of(Some(a), *ca), cell_of(Some(b), *cb)) {
            let r = compare_sum(x, [(1, y)], out.rounding());
            out.check(rule, line_place(id, a, "收入总计", ha), r, "支出总计");
        }
    }
}

/// `t04.labels`, `t04.income_total`, `t04.expense_total`, `t04.row_total`, `t04.balance`
/// (公开04表): the same identities as 公开01表 for 财政拨款, per budget column; on each expense
/// line 小计 = 一般公共预算 + 政府性基金 + 国有资本经营. Lines printed without a label are read
/// by the template (the line beside 本年支出合计 is 本年收入合计) and reported; an expense line
/// labelled 年初… (the income-side name) is reported.
fn summary_04(doc: &Document, out: &mut Collector) {
    let t = &doc.t04;
    let id = TableId::T04;
    for (i, label, inferred) in labels(t) {
        let line = &t.lines[i];
        if inferred {
            out.warn(
                Rule::T04Labels,
                line_place(id, line, "", ""),
                format!("该行未印项目名称，按模板读作「{label}」"),
            );
        } else if line.side == Side::Expense && label.starts_with("年初") {
            out.warn(
                Rule::T04Labels,
                line_place(id, line, label, ""),
                "支出方印为「年初…」，模板此处应为「年末财政拨款结转和结余」".into(),
            );
        }
    }
    let Some(income_col) = t.column("决算数") else {
        return;
    };
    if let Some(l) = summary_line(t, Side::Income, |s| s == "本年收入合计") {
        let total = l.cells.get(income_col).and_then(Option::as_ref);
        sum_cells(
            out,
            Rule::T04IncomeTotal,
            || line_place(id, l, "本年收入合计", "决算数"),
            total,
            &numbered(t, Side::Income, income_col),
            "三项财政拨款收入之和",
        );
    }
    let budget_cols: Vec<usize> = [
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ]
    .iter()
    .filter_map(|c| t.column(c))
    .collect();
    let Some(subtotal) = t.column("小计") else {
        return;
    };
    if let Some(l) = summary_line(t, Side::Expense, |s| s == "本年支出合计") {
        for &c in std::iter::once(&subtotal).chain(&budget_cols) {
            let total = l.cells.get(c).and_then(Option::as_ref);
            sum_cells(
                out,
                Rule::T04ExpenseTotal,
                || line_place(id, l, "本年支出合计", &t.columns[c]),
                total,
                &numbered(t, Side::Expense, c),
                "各类支出之和",
            );
        }
    }
    for line in t.side(Side::Expense) {
        let parts: Vec<Option<&Amount>> = budget_cols
            .iter()
            .map(|&c| line.cells.get(c).and_then(Option::as_ref))
            .collect();
        sum_cells(
            out,
            Rule::T04RowTotal,
            || line_place(id, line, line.label(), "小计"),
            line.cells.get(subtotal).and_then(Option::as_ref),
            &parts,
            "三种预算财政拨款之和",
        );
    }
    balance(
        out,
        Rule::T04Balance,
        id,
        t,
        (income_col, subtotal),
        &["本年收入合计", "年初财政拨款结转和结余"],
        &["本年支出合计", "年末财政拨款结转和结余"],
    );
}

/// `t06.class_sum`, `t06.group_totals` (公开06表): each economic 类 equals the sum of its 款;
/// 人员经费合计 equals the 类 of the 人员经费 block (301, 303) and 公用经费合计 those of the
/// 公用经费 block (302, 310, and 309/399 where present). Why: the table itemises 基本支出 by
/// economic nature and its two totals are restated in 公开05表 and the narrative.
fn basic_06(doc: &Document, out: &mut Collector) {
    let t = &doc.t06;
    let id = TableId::T06;
    if out.on(&Rule::T06ClassSum) {
        let results = t.table.hierarchy_results(out.rounding());
        route(
            doc,
            id,
            &t.table,
            Rule::T06ClassSum,
            results,
            "下级科目之和",
            out,
        );
    }
    report_printed(id, &t.table, &t.printed_codes, out);
    if t.groups.len() != t.table.rows().len() {
        out.warn(
            Rule::T06GroupTotals,
            place(id, None, None, None),
            format!(
                "{} 行只有 {} 个经费分组（人员经费/公用经费），合计校验未执行",
                t.table.rows().len(),
                t.groups.len()
            ),
        );
        return;
    }
    for (group, total) in [
        (CostGroup::Personnel, t.personnel_total),
        (CostGroup::Public, t.public_total),
    ] {
        let parts: Vec<Option<&Amount>> = t
            .table
            .rows()
            .iter()
            .zip(&t.groups)
            .filter(|(r, g)| **g == group && r.code.parent().is_none())
            .map(|(r, _)| r.cells.first().and_then(Option::as_ref))
            .collect();
        let label = format!("{}合计", group.name());
        sum_cells(
            out,
            Rule::T06GroupTotals,
            || place(id, Some(label.clone()), None, Some("决算数".into())),
            total.as_ref(),
            &parts,
            &format!("{}各类之和", group.name()),
        );
    }
}

/// `t09.totals` (公开09表): for 预算数 and 决算数, 合计 = 因公出国（境）费 + 公务用车购置及运行
/// 维护费小计 + 公务接待费, and 小计 = 购置费 + 运行维护费. Why: 三公经费 are reported as
/// exactly these three parts.
fn three_costs_09(doc: &Document, out: &mut Collector) {
    let id = TableId::T09;
    for (measure, cells) in [("预算数", &doc.t09.budget), ("决算数", &doc.t09.actual)] {
        let c = |i: usize| cells.get(i).and_then(Option::as_ref);
        let p = |col: usize| {
            place(
                id,
                Some(measure.into()),
                None,
                Some(THREE_COSTS_COLUMNS[col].into()),
            )
        };
        sum_cells(
            out,
            Rule::T09Totals,
            || p(0),
            c(0),
            &[c(1), c(2), c(5)],
            "因公出国（境）费+公务用车小计+公务接待费",
        );
        sum_cells(
            out,
            Rule::T09Totals,
            || p(2),
            c(2),
            &[c(3), c(4)],
            "购置费+运行维护费",
        );
    }
}
