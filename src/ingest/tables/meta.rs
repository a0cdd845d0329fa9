//! The facts of the document: year, reporting unit and amount unit (from the table
//! headings), department, printed decimals, and the titles and statements kept in `other`.

pub(super) use crate::ingest::printed::year_in;
use crate::ingest::printed::{compact, is_statement, starts_with_list_number};
use crate::ingest::text::split_cells;
use crate::ingest::RawDocument;
use crate::{Amount, Unit};
use std::collections::BTreeMap;

/// The fiscal year: from the table titles (2024 年度…), else the headings, else the front
/// matter (the cover first).
pub(super) fn document_year(raw: &RawDocument) -> Option<u16> {
    let titles = raw.tables.iter().map(|t| t.title.as_str());
    let headings = raw
        .tables
        .iter()
        .flat_map(|t| t.heading.iter().map(String::as_str));
    let front = raw.front.iter().map(String::as_str);
    titles
        .chain(headings)
        .chain(front)
        .find_map(year_in)
        .or_else(|| year_set_apart(&raw.front))
}

/// A year an extractor set apart from its title (「年度部门决算」 then 「2024」 on a line of
/// its own, as the cover prints it in a larger font): a line that is only a year, next to a
/// line that starts with 年度.
fn year_set_apart(lines: &[String]) -> Option<u16> {
    fn lone(l: &str) -> Option<&str> {
        let t = l.trim();
        (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then_some(t)
    }
    lines.iter().enumerate().find_map(|(i, l)| {
        let year = lone(l)?;
        let neighbours = [i.checked_sub(1), Some(i + 1)];
        neighbours
            .into_iter()
            .flatten()
            .filter_map(|j| lines.get(j))
            .find_map(|n| {
                // 「国家信访局 年度部门预算」 with 「2026」 below: the year goes before 年度.
                let inserted = n.replacen("年度", &format!("{year}年度"), 1);
                year_in(&format!("{year}{}", n.trim_start())).or_else(|| year_in(&inserted))
            })
    })
}

/// What the table headings say: the reporting unit (单位：…) and the amount unit
/// (金额单位：…), with the lines they were read from.
#[derive(Default)]
pub(super) struct Headings {
    pub(super) reporting_unit: Option<String>,
    pub(super) unit: Option<Unit>,
    unit_line: Option<String>,
    amount_unit_line: Option<String>,
}

impl Headings {
    /// Reads the first reporting unit and amount unit printed in the tables' headings.
    pub(super) fn read(raw: &RawDocument) -> Headings {
        let mut h = Headings::default();
        let lines = raw.tables.iter().flat_map(|t| t.heading.iter());
        for cell in lines.flat_map(|l| heading_fields(l)) {
            h.take(&cell);
        }
        h
    }

    /// Takes one heading field (单位：… or 金额单位：…) if it is not known yet.
    pub(super) fn take(&mut self, field: &str) {
        let compact: String = field.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(value) = after_colon(&compact, "金额单位") {
            if self.unit.is_none() {
                self.unit = Unit::from_name(value);
                self.amount_unit_line = Some(field.to_owned());
            }
        } else if let Some(value) =
            after_colon(&compact, "单位").or_else(|| after_colon(&compact, "编制单位"))
        {
            if Unit::from_name(value).is_some_and(|_| value.chars().count() <= 2) {
                self.unit = self.unit.or(Unit::from_name(value));
            } else if self.reporting_unit.is_none() && !value.is_empty() {
                self.reporting_unit = Some(field_value(field));
                self.unit_line = Some(field.to_owned());
            }
        }
    }
}

/// The fields of a heading line: its cells, each cut again before 金额单位 (for lines where
/// one space separates 单位：… from 金额单位：…).
pub(super) fn heading_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for cell in split_cells(line) {
        let mut rest = cell.as_str();
        loop {
            let skip = rest.chars().next().map_or(0, char::len_utf8);
            let Some(pos) = rest.get(skip..).and_then(|r| r.find("金额单位")) else {
                break;
            };
            let (head, tail) = rest.split_at(skip + pos);
            out.push(head.trim().to_owned());
            rest = tail;
        }
        out.push(rest.trim().to_owned());
    }
    out.retain(|c| !c.is_empty());
    out
}

/// The value after `key：` or `key:` at the start of a compact text.
fn after_colon<'a>(compact: &'a str, key: &str) -> Option<&'a str> {
    let rest = compact.strip_prefix(key)?;
    rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))
}

/// The value of a field `单位：武汉市洪山区财政局本级`, trimmed, as printed.
fn field_value(field: &str) -> String {
    field
        .split_once(['：', ':'])
        .map_or(field, |(_, v)| v)
        .trim()
        .to_owned()
}

/// The department: the name printed before 部门决算 on the cover (which may print it over
/// several lines: 「中共上海市普陀区委 / 社会工作部 2024 年度 / 部门决算」), else on another
/// line of the front matter (第二部分 X 2024 年度部门决算表), else in a table heading
/// (部门：X, 单位名称：X). Years, 第…部分 and white space are removed.
pub(super) fn department(raw: &RawDocument) -> Option<String> {
    department_before(raw, &["部门决算"])
}

/// The department: the name printed before the first of `marks` (部门决算; 部门预算, 单位预算 …)
/// on the cover, else on another line of the front matter, else in a table heading.
pub(super) fn department_before(raw: &RawDocument, marks: &[&str]) -> Option<String> {
    let lines: Vec<String> = raw
        .front
        .iter()
        .map(|l| compact(l))
        .filter(|l| !l.is_empty())
        .collect();
    // The cover may split the mark itself over two lines (「…部门预」 / 「算」).
    let cover = (0..lines.len().min(COVER_LINES))
        .map(|k| lines[..=k].concat())
        .find(|c| marks.iter().any(|m| c.contains(m)));
    cover
        .iter()
        .chain(lines.iter())
        .find_map(|l| marks.iter().find_map(|m| name_before(l, m)))
        .or_else(|| table_heading_department(raw))
}

/// At most this many lines print the department's name on the cover, before 部门决算.
const COVER_LINES: usize = 4;

/// The name printed before `mark` in a compact line, if it looks like a department's.
fn name_before(compact: &str, mark: &str) -> Option<String> {
    let (before, _) = compact.split_once(mark)?;
    let name = strip_years(strip_part(before));
    plausible_name(&name).then_some(name)
}

/// Whether a text can be a department's name: 2 to 40 characters, no digits, not a list
/// entry (二、…) nor a field (单位：).
fn plausible_name(name: &str) -> bool {
    (2..=40).contains(&name.chars().count())
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || "、：:.…".contains(c))
        && !starts_with_list_number(name)
}

/// The department a part heading names (第二部分 X 2024 年度部门决算表, 第一部分 X概况): the
/// name before 部门决算, 单位决算, 决算, 概况 or 情况说明, once the part number and the years
/// are removed and a trailing 部门 or 单位 (「部门概况」) is dropped; `None` when the heading
/// names none (第四部分 名词解释, 第二部分 2024 年度部门决算表) or what it names cannot be a
/// name (a 目录 line's leaders and page number come after the mark).
pub(crate) fn heading_department(heading: &str) -> Option<String> {
    let title = strip_years(strip_part(&compact(heading)));
    let end = ["部门决算", "单位决算", "决算", "概况", "情况说明"]
        .iter()
        .filter_map(|m| title.find(m))
        .min()?;
    let before = &title[..end];
    let name = ["本部门", "本单位", "部门", "单位"]
        .iter()
        .find_map(|s| before.strip_suffix(s))
        .unwrap_or(before);
    plausible_name(name).then(|| name.to_owned())
}

/// The department a field of the front matter names (部门名称：X, 预算单位：X,
/// 预算主管部门：X), for a budget's cover.
pub(super) fn front_field_department(raw: &RawDocument) -> Option<String> {
    raw.front.iter().take(COVER_LINES * 2).find_map(|l| {
        let c = compact(l);
        let value = ["部门名称", "预算主管部门", "预算单位", "单位名称"]
            .iter()
            .find_map(|k| after_colon(&c, k))?;
        plausible_name(value).then(|| value.to_owned())
    })
}

/// The department a table heading names: 部门：X or 单位名称：X.
fn table_heading_department(raw: &RawDocument) -> Option<String> {
    let lines = raw.tables.iter().flat_map(|t| t.heading.iter());
    lines.flat_map(|l| heading_fields(l)).find_map(|field| {
        let c = compact(&field);
        let value = after_colon(&c, "部门").or_else(|| after_colon(&c, "单位名称"))?;
        plausible_name(value).then(|| value.to_owned())
    })
}

/// Removes a leading 第一部分 … heading number.
pub(super) fn strip_part(text: &str) -> &str {
    crate::ingest::printed::part_heading(text).map_or(text, |(_, title)| title)
}

/// Removes every year (2024年度, 2024年) from a compact text.
pub(super) fn strip_years(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 4 && rest[4..].starts_with('年') {
            rest = &rest[4 + '年'.len_utf8()..];
            rest = rest.strip_prefix('度').unwrap_or(rest);
            continue;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

/// The number of decimals the tables print: the most frequent among the figures with a
/// decimal point, 2 if there are none.
pub(super) fn printed_decimals(raw: &RawDocument) -> i32 {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    let cells = raw
        .tables
        .iter()
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.iter());
    for cell in cells.filter(|c| c.contains('.')) {
        if let Ok(a) = Amount::parse(cell, Unit::Yuan) {
            *counts.entry(a.decimals()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(d, n)| (n, d))
        .map_or(2, |(d, _)| d)
}

/// The table titles (`table02_title`), the statements printed under tables
/// (`table07_statement`) and the heading lines, as in the transcription's `meta.tsv`.
pub(super) fn other_facts(raw: &RawDocument, headings: &Headings) -> BTreeMap<String, String> {
    let mut other = BTreeMap::new();
    for t in &raw.tables {
        let Some(id) = t.id else { continue };
        let key = format!("table{:02}", id as u8 + 1);
        other
            .entry(format!("{key}_title"))
            .or_insert_with(|| t.title.clone());
        if let Some(s) = t.trailer.iter().find(|l| is_statement(l)) {
            other
                .entry(format!("{key}_statement"))
                .or_insert_with(|| s.trim().to_owned());
        }
    }
    if let Some(l) = &headings.unit_line {
        other.insert("table_unit_line".into(), l.clone());
    }
    if let Some(l) = &headings.amount_unit_line {
        other.insert("table_amount_unit_line".into(), l.clone());
    }
    other
}
