//! `doc.identity`: the document's own headings and year-end dates name its department and
//! year.
//!
//! - A part heading (第一部分 … 第四部分, as the cover, the 目录 and each part print it) that
//!   names a year (2024 年度, 2024年) names the document's year, and one that names a
//!   department names the document's: a placeholder (XX局, ××, 某局) or another department is
//!   an error. Headings may name neither (第四部分 名词解释, 第二部分 部门决算表). The same
//!   heading printed in the 目录 and over its part is reported once, with its pages.
//!   A name is the document's when one contains the other (普陀区财政局 for
//!   上海市普陀区财政局).
//! - A year-end date of the narrative (截至2024年12月31日, 截至2024年末) is the end of the
//!   document's year: a 决算 of year Y states its assets at the end of Y.

use super::{Collector, Finding, Place, Rule, Scope};
use crate::codes::to_half_width;
use crate::disclosure::{Document, PrintedLine};
use crate::ingest::{compact, heading_department, part_heading, year_in};

const RULE: Rule = Rule::DocIdentity;

pub(super) fn run(doc: &Document, out: &mut Collector) {
    if !out.on(&RULE) {
        return;
    }
    let department = compact(&doc.meta.department);
    for (key, lines) in distinct(&doc.meta.headings) {
        let Some((number, title)) = part_heading(&key) else {
            continue;
        };
        let mut wrong = Vec::new();
        let years = years_in(title);
        if let Some(y) = years.iter().find(|&&y| y != doc.meta.year) {
            wrong.push(format!("所列年度 {y} 与本决算年度 {} 不符", doc.meta.year));
        }
        if let Some(name) = heading_department(title) {
            if is_placeholder(&name) {
                wrong.push(format!(
                    "所列部门「{name}」是占位名称，本文件的部门为「{}」",
                    doc.meta.department
                ));
            } else if !department.is_empty()
                && !department.contains(&name)
                && !name.contains(&department)
            {
                wrong.push(format!(
                    "所列部门「{name}」不是本文件的部门「{}」",
                    doc.meta.department
                ));
            }
        }
        if wrong.is_empty() {
            out.passed(RULE);
            continue;
        }
        let part = format!("第{number}部分");
        out.push(located(
            &part,
            &lines,
            format!("{part}标题「{}」{}", lines[0].text, wrong.join("；")),
        ));
    }
    for (date, lines) in distinct(&doc.meta.year_ends) {
        match year_in(&date) {
            Some(y) if y != doc.meta.year => out.push(located(
                &date,
                &lines,
                format!(
                    "情况说明所述「{}」不是本决算年度的年末（应为 {} 年 12 月 31 日）",
                    lines[0].text, doc.meta.year
                ),
            )),
            Some(_) => out.passed(RULE),
            None => {}
        }
    }
}

/// The distinct printed texts, in order of first appearance, each with every line printing
/// it: compared without white space, a 目录 line's leaders and page number.
fn distinct(lines: &[PrintedLine]) -> Vec<(String, Vec<&PrintedLine>)> {
    let mut out: Vec<(String, Vec<&PrintedLine>)> = Vec::new();
    for l in lines {
        let c = compact(&to_half_width(&l.text));
        let key = c
            .trim_end_matches(|ch: char| ch.is_ascii_digit())
            .trim_end_matches(|ch: char| "….·-—".contains(ch))
            .to_owned();
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, same)) => same.push(l),
            None => out.push((key, vec![l])),
        }
    }
    out
}

/// An error about `name` (第二部分, the date), placed on the pages printing it.
fn located(name: &str, lines: &[&PrintedLine], text: String) -> Finding {
    let mut pages: Vec<usize> = lines.iter().map(|l| l.page).filter(|&p| p > 0).collect();
    pages.dedup();
    let place = Place {
        name: Some(name.to_owned()),
        scope: if pages.is_empty() {
            Scope::Document
        } else {
            Scope::Pages(pages)
        },
        ..Place::default()
    };
    Finding::error(RULE, place, text)
}

/// Every year a text prints (2024 年度, 2024年; digits full-width too).
fn years_in(text: &str) -> Vec<u16> {
    let text = compact(&to_half_width(text));
    let pieces: Vec<&str> = text.split('年').collect();
    let before_last = pieces.len().saturating_sub(1);
    pieces[..before_last]
        .iter()
        .filter_map(|p| {
            // The last five characters: a year and what precedes it (not a digit).
            let start = p.char_indices().rev().nth(4).map_or(0, |(i, _)| i);
            year_in(&format!("{}年", &p[start..]))
        })
        .collect()
}

/// Whether a name is a placeholder: 某, or two of X, ×, *, ○, □ in a row (XX局, ××部).
fn is_placeholder(name: &str) -> bool {
    let marks = |c: char| "Xx×*○□".contains(c);
    let chars: Vec<char> = to_half_width(name).chars().collect();
    name.contains('某') || chars.windows(2).any(|w| marks(w[0]) && marks(w[1]))
}
