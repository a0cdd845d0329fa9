//! 附件: the self-evaluation tables printed in the narrative (their labelled amounts and
//! budget-execution rows) and the projects of 十三(三) that their titles name.

use super::blocks::Para;
use super::chars::{at, ch, find, squeeze, text};
use super::scanner::{content_start, read_number};
use super::sections::PartKind;
use super::walker::Walker;
use crate::disclosure::{Base, Claim, Indicator, Measure, Subject};

/// Labels of the 附件 self-evaluation tables whose next cell is an amount.
const TABLE_LABELS: &[(&str, Indicator)] = &[
    ("基本支出总额", Indicator::ExpenseBasic),
    ("项目支出总额", Indicator::ExpenseProject),
];

/// Longest-common-subsequence similarity of two names (0 … 1).
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for x in &a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// The project of 十三(三) a 附件 table name stands for: the same name, else the one clearly
/// most similar (财政监督与评审 → 财务监督与评审), else the table's own name.
pub(super) fn match_project(name: &str, projects: &[String]) -> String {
    if projects.iter().any(|p| p == name) {
        return name.to_owned();
    }
    let mut scored: Vec<(f64, &String)> =
        projects.iter().map(|p| (similarity(name, p), p)).collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0));
    match scored.as_slice() {
        [(best, p), rest @ ..] if *best >= 0.75 && rest.first().is_none_or(|r| r.0 < *best) => {
            (*p).clone()
        }
        _ => name.to_owned(),
    }
}

/// The project a table title names: 2024年度国库集中收付管理项目自评表 → 国库集中收付管理.
pub(super) fn title_project(title: &str) -> Option<String> {
    let t = squeeze(title);
    let chars: Vec<char> = t.chars().collect();
    let year = content_start(&chars, 0, chars.len());
    let rest = text(&chars, year, chars.len());
    let name = rest
        .strip_suffix("项目支出绩效自评表")
        .or_else(|| rest.strip_suffix("项目绩效自评表"))
        .or_else(|| rest.strip_suffix("项目自评表"))?;
    (!name.is_empty()).then(|| name.to_owned())
}

/// A table cell that is a number: its value without separators and whether it carries %.
pub(super) fn cell_number(cell: &str) -> Option<(String, bool)> {
    let t = cell.trim();
    let (body, percent) = match t.strip_suffix('%').or_else(|| t.strip_suffix('％')) {
        Some(b) => (b.trim_end(), true),
        None => (t, false),
    };
    let chars: Vec<char> = body.chars().collect();
    let (value, end) = read_number(&chars, 0, chars.len());
    (!value.is_empty() && end == chars.len() && ch(&chars, 0).is_ascii_digit())
        .then_some((value, percent))
}

/// A 附件 self-evaluation table being read.
#[derive(Clone, Debug)]
pub(super) struct Table {
    pub(super) title: String,
    /// What its budget-execution row is about.
    subject: Result<Subject, String>,
    /// The columns of 预算数, 执行数, 执行率 once their heading row is seen.
    header: Option<[Option<usize>; 3]>,
}

impl Walker<'_> {
    /// A list item of 十三(三) (机关建设项目绩效自评综述：…) makes its project the topic.
    pub(super) fn project(&mut self, para: &Para, body: usize) {
        let chars = &para.chars;
        let colon = [
            find(chars, body, chars.len(), "："),
            find(chars, body, chars.len(), ":"),
        ]
        .into_iter()
        .flatten()
        .min();
        let Some(colon) = colon else { return };
        let Some(k) = find(chars, body, colon, "绩效自评综述") else {
            return;
        };
        let mut end = k;
        if end >= body + 2 && at(chars, end - 2, "项目") {
            end -= 2;
        }
        let name = squeeze(&text(chars, body, end));
        if !name.is_empty() {
            self.topic = Some(Subject::Project(name.clone()));
            self.projects.push(name);
        }
    }

    /// Enters a 附件 self-evaluation table.
    pub(super) fn title(&mut self, title: &str) {
        self.forget();
        let t = squeeze(title);
        let subject = if t.contains("部门整体") {
            Ok(Indicator::ExpenseTotal.into())
        } else {
            title_project(&t)
                .map(|p| Subject::Project(match_project(&p, &self.projects)))
                .ok_or_else(|| format!("表「{title}」未指明项目"))
        };
        self.table = Some(Table {
            title: t,
            subject,
            header: None,
        });
    }

    /// Reads a table row: labelled amounts (基本支出总额 …), the heading row of 预算数 / 执行数
    /// / 执行率 and the row of figures under it.
    pub(super) fn row(&mut self, cells: &[String]) {
        if matches!(self.kind, PartKind::Skipped | PartKind::Glossary) || self.table.is_none() {
            return;
        }
        self.labelled_cells(cells);
        let header = execution_header(cells);
        let Some(table) = self.table.as_mut() else {
            return;
        };
        if header.is_some() {
            table.header = header;
            return;
        }
        let Some(cols) = table.header else { return };
        let numeric = |i: Option<usize>| i.and_then(|i| cells.get(i)).and_then(|c| cell_number(c));
        if numeric(cols[0]).is_none() && numeric(cols[1]).is_none() {
            return;
        }
        table.header = None;
        let subject = table.subject.clone();
        match subject {
            Ok(subject) => self.execution_row(cells, cols, &subject),
            Err(why) => self.problem(&cells.join(" "), &why),
        }
    }

    /// Claims of label cells followed by an amount (基本支出总额 4082.71).
    fn labelled_cells(&mut self, cells: &[String]) {
        for (i, cell) in cells.iter().enumerate() {
            let Some(&(_, subject)) = TABLE_LABELS.iter().find(|(l, _)| squeeze(cell) == *l) else {
                continue;
            };
            let next = cells.iter().skip(i + 1).find(|c| !c.trim().is_empty());
            if let Some((value, false)) = next.and_then(|c| cell_number(c)) {
                let quote = next.map(|c| c.trim().to_owned()).unwrap_or_default();
                self.cell_claim(&subject.into(), Measure::Amount, value, None, quote);
            }
        }
    }

    /// The 预算数, 执行数 and 执行率 cells of a budget-execution row.
    fn execution_row(&mut self, cells: &[String], cols: [Option<usize>; 3], subject: &Subject) {
        let measures = [
            (Measure::BudgetFull, None),
            (Measure::Amount, None),
            (Measure::CompletionRate, Some(Base::BudgetFull)),
        ];
        for (col, (measure, of)) in cols.iter().zip(measures) {
            let Some(cell) = col.and_then(|i| cells.get(i)) else {
                continue;
            };
            let Some((value, percent)) = cell_number(cell) else {
                continue;
            };
            if percent && measure != Measure::CompletionRate {
                continue;
            }
            self.cell_claim(subject, measure, value, of, cell.trim().to_owned());
        }
    }

    /// Appends a claim read from a table cell (the quote is the bare cell).
    fn cell_claim(
        &mut self,
        subject: &Subject,
        measure: Measure,
        value: String,
        of: Option<Base>,
        quote: String,
    ) {
        let note = match &self.table {
            Some(t) => format!("自评表「{}」单元格", t.title),
            None => String::new(),
        };
        self.push(Claim {
            id: String::new(),
            section: self.label(),
            subject: subject.clone(),
            measure,
            value: Some(value),
            word: None,
            of,
            quote,
            note,
        });
    }
}

/// The columns of 预算数, 执行数 and 执行率 if the row is their heading.
fn execution_header(cells: &[String]) -> Option<[Option<usize>; 3]> {
    let col = |w: &str| cells.iter().position(|c| squeeze(c).starts_with(w));
    let (budget, actual) = (col("预算数")?, col("执行数")?);
    Some([Some(budget), Some(actual), col("执行率")])
}
