//! The lines that name the document: its part headings (第一部分 … wherever printed: the
//! cover, the 目录, the heading of each part) and the year-end dates of the narrative
//! (截至2024年12月31日), kept on [`Meta`](crate::disclosure::Meta) for the audit
//! (`doc.identity`) to compare with the document's department and year.

use crate::codes::to_half_width;
use crate::disclosure::PrintedLine;
use crate::ingest::printed::{compact, part_heading, MAX_TITLE_CHARS};
use crate::ingest::RawDocument;

/// Every line of the front matter and the narrative that starts with 第…部分 and is short
/// enough to be a heading (a 目录 line with its leaders and page number too), white space
/// runs printed as one space, with its page when the input has pages.
pub(super) fn part_headings(raw: &RawDocument) -> Vec<PrintedLine> {
    let front = raw
        .front
        .iter()
        .enumerate()
        .map(|(i, l)| (l, raw.front_pages.get(i)));
    let narrative =
        (raw.narrative.iter().enumerate()).map(|(i, l)| (l, raw.narrative_pages.get(i)));
    front
        .chain(narrative)
        .filter(|(l, _)| {
            let c = compact(l);
            let leaders = |ch: &char| "….·．-—".contains(*ch);
            part_heading(&c).is_some()
                && c.chars().filter(|ch| !leaders(ch)).count() <= MAX_TITLE_CHARS
        })
        .map(|(l, page)| PrintedLine {
            page: page.copied().unwrap_or(0),
            text: l.split_whitespace().collect::<Vec<_>>().join(" "),
        })
        .collect()
}

/// The year-end dates the narrative states figures at: 截至 (or 截止, 截至到) a year, then
/// 12月31日, 末 or 底, white space removed and digits half-width, each with the page of the
/// line it starts on. A date wrapped over two lines is read across the line end. A bare
/// 「2023年末」 is not one: a 决算 compares with the previous year-end (较2023年末增加).
pub(super) fn year_ends(raw: &RawDocument) -> Vec<PrintedLine> {
    let lines: Vec<String> = raw
        .narrative
        .iter()
        .map(|l| compact(&to_half_width(l)))
        .collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let joined = format!("{line}{}", lines.get(i + 1).map_or("", String::as_str));
        for (at, _) in line.match_indices("截") {
            if let Some(date) = year_end_at(&joined[at..]) {
                out.push(PrintedLine {
                    page: raw.narrative_pages.get(i).copied().unwrap_or(0),
                    text: date.to_owned(),
                });
            }
        }
    }
    out
}

/// The year-end date a compact text starts with: 截至/截止 (到), four digits, 年, then
/// 12月31日, 末 or 底.
fn year_end_at(text: &str) -> Option<&str> {
    let rest = text
        .strip_prefix("截至")
        .or_else(|| text.strip_prefix("截止"))?;
    let rest = rest.strip_prefix('到').unwrap_or(rest);
    let digits = rest
        .get(..4)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    let after = rest[digits.len()..].strip_prefix('年')?;
    let end = ["12月31日", "末", "底"]
        .iter()
        .find_map(|e| after.strip_prefix(e))?;
    Some(&text[..text.len() - end.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(front: &[&str], narrative: &[&str]) -> RawDocument {
        RawDocument {
            front: front.iter().map(|l| l.to_string()).collect(),
            narrative: narrative.iter().map(|l| l.to_string()).collect(),
            narrative_pages: (0..narrative.len()).map(|i| 20 + i).collect(),
            ..RawDocument::default()
        }
    }

    #[test]
    fn part_headings_are_the_lines_that_start_with_a_part_number() {
        let r = raw(
            &["目 录", "第 一 部分  某局概况", "一、主要职能"],
            &[
                "第三部分 某局 2024 年度部门决算情况说明",
                "一、收入支出决算总体情况",
            ],
        );
        let headings = part_headings(&r);
        let texts: Vec<(usize, &str)> =
            headings.iter().map(|l| (l.page, l.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (0, "第 一 部分 某局概况"),
                (20, "第三部分 某局 2024 年度部门决算情况说明"),
            ]
        );
    }

    #[test]
    fn year_end_dates_are_read_across_a_line_end() {
        let r = raw(
            &[],
            &[
                "截至 2023年 12 月 31 日，某局共有车辆 0 辆。资产较2023年末增加，",
                "截至２０２４年",
                "末，六、年末结转和结余",
            ],
        );
        let dates: Vec<(usize, String)> = year_ends(&r)
            .into_iter()
            .map(|l| (l.page, l.text))
            .collect();
        assert_eq!(
            dates,
            [
                (20, "截至2023年12月31日".to_owned()),
                (21, "截至2024年末".to_owned())
            ]
        );
    }
}
