//! The vocabulary of printed lines, shared by every front-end: page numbers, table titles
//! and labels (公开02表, 表2), heading lines (单位：…, 金额单位：…), trailers (注：…, 本部门…无…),
//! part headings (第三部分 …) and years. One definition of each, so that text, pdfplumber JSON
//! and PDF input agree on what a printed line is.

use crate::codes::to_half_width;
use crate::disclosure::TableId;

/// Titles are short: a longer line that ends with a table's title is a sentence.
pub(crate) const MAX_TITLE_CHARS: usize = 60;

/// The text with white space removed.
pub(crate) fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text with straight and corner quotation marks replaced by “ and ” (straight ones
/// alternate, opening first), as table titles print them (`财政拨款"三公"经费支出决算表`).
pub(crate) fn typographic_quotes(text: &str) -> String {
    let mut quoting = false;
    text.chars()
        .map(|c| match c {
            '「' | '『' => '“',
            '」' | '』' => '”',
            '"' | '＂' => {
                quoting = !quoting;
                if quoting {
                    '“'
                } else {
                    '”'
                }
            }
            c => c,
        })
        .collect()
}

/// Whether a line opens the narrative: 第三部分 …, spaces ignored.
pub(crate) fn is_narrative_start(line: &str) -> bool {
    compact(line).starts_with("第三部分")
}

/// The table a line names, if it looks like a title: its filled cells are the title and at
/// most one label (公开02表, 表2), the title is short, does not start with a list number (目录
/// entries do), and ends with a table's title or alias once labels, a year prefix and a
/// continuation mark (（续）) are removed.
pub(crate) fn title_of(cells: &[&str]) -> Option<TableId> {
    title_line(cells).flatten()
}

/// What a title line names (see [`title_of`]): `Some(Some(id))` a table of the nine,
/// `Some(None)` a table of another template that is none of them (高等学校财政拨款支出决算表,
/// which would otherwise be taken for 支出决算表, or a table of a 部门预算, see
/// [`crate::disclosure::BudgetTableId::from_title`]).
pub(crate) fn title_line(cells: &[&str]) -> Option<Option<TableId>> {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let text = match filled.as_slice() {
        [one] => *one,
        [one, label] | [label, one] if is_label(label) => *one,
        _ => return None,
    };
    let compact = compact(text);
    if compact.chars().count() > MAX_TITLE_CHARS || starts_with_list_number(&compact) {
        return None;
    }
    let stripped = typographic_quotes(&strip_label(&to_half_width(&strip_continuation(&compact))));
    crate::disclosure::university_table(&stripped)
        .or_else(|| TableId::from_title(&stripped).map(Some))
        .or_else(|| {
            // A 目录 entry numbers a budget table 「9.单位“三公”经费…表」.
            let numbered = compact
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with(['.', '．', '、'])
                && compact.starts_with(|c: char| c.is_ascii_digit());
            let budget = crate::disclosure::BudgetTableId::from_title(&stripped);
            budget.filter(|_| !numbered).map(|_| None)
        })
}

/// The first year printed in a text: four digits (full-width ones too) not part of a longer
/// number, then 年 (spaces allowed between), between 1990 and 2100. The one reading of a
/// printed year, for titles, headings, the cover and the narrative.
pub(crate) fn year_in(text: &str) -> Option<u16> {
    let chars: Vec<char> = to_half_width(text).chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    (0..chars.len()).find_map(|i| {
        let four = (i..i + 4).all(digit) && !digit(i + 4) && (i == 0 || !digit(i - 1));
        if !four {
            return None;
        }
        let after = chars.get(i + 4..)?.iter().find(|c| !c.is_whitespace());
        let year: u16 = chars
            .get(i..i + 4)?
            .iter()
            .collect::<String>()
            .parse()
            .ok()?;
        (after == Some(&'年') && (1990..=2100).contains(&year)).then_some(year)
    })
}

/// The table label a text prints (公开 07 表, 表7, 表 1：…), white space removed and digits
/// half-width: 公开07表, 表7.
pub(crate) fn label_in(text: &str) -> Option<String> {
    let compact = compact(&to_half_width(text));
    let (start, end) = label_at(&compact)?;
    compact.get(start..end).map(str::to_owned)
}

/// A list number at the start of a text (七、, （一）) and the rest of the text.
pub(crate) fn list_number(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    if !starts_with_list_number(text) {
        return None;
    }
    let end = text.find(['、', ')', '）', '.', '．'])?;
    let close = text[end..].chars().next().map_or(0, char::len_utf8);
    Some((&text[..end + close], text[end + close..].trim_start()))
}

/// Whether a text starts with a Chinese list number such as 一、 or （一）.
pub(crate) fn starts_with_list_number(text: &str) -> bool {
    let numerals = crate::disclosure::CHINESE_NUMERALS;
    let rest = text.trim_start_matches(['(', '（']);
    let digits: String = rest.chars().take_while(|c| numerals.contains(*c)).collect();
    !digits.is_empty() && rest[digits.len()..].starts_with(['、', ')', '）', '.', '．'])
}

/// Removes a trailing continuation mark: （续）, (续), 续表, 续.
pub(crate) fn strip_continuation(text: &str) -> String {
    let mut t = text.to_owned();
    for mark in ["（续表）", "(续表)", "（续）", "(续)", "续表", "续"] {
        if let Some(s) = t.strip_suffix(mark) {
            t = s.to_owned();
            break;
        }
    }
    t
}

/// Removes a table label (公开NN表, 表N) printed before or after the title.
pub(crate) fn strip_label(text: &str) -> String {
    let mut t = text.to_owned();
    if let Some((start, end)) = label_at(&t) {
        t.replace_range(start..end, "");
    }
    t.trim_matches(|c: char| c.is_whitespace() || "()（）:：".contains(c))
        .to_owned()
}

/// The byte range of the first table label in a compact text: 公开 + digits + 表, or 表 +
/// digits at the start or the end of the text.
fn label_at(text: &str) -> Option<(usize, usize)> {
    if let Some(pos) = text.find("公开") {
        let after = &text[pos + "公开".len()..];
        let digits = after.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && after[digits..].starts_with('表') {
            return Some((pos, pos + "公开".len() + digits + '表'.len_utf8()));
        }
    }
    if let Some(rest) = text.strip_prefix('表') {
        let mut digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        // 「表 8 2022 年…」: the year printed after the number is not part of it.
        if digits > 4 && rest[digits..].starts_with('年') {
            digits -= 4;
        }
        if digits > 0 {
            return Some((0, '表'.len_utf8() + digits));
        }
    }
    let digits = text
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let head = &text[..text.len() - digits];
    (digits > 0 && head.ends_with('表') && head.len() > '表'.len_utf8())
        .then(|| (head.len() - '表'.len_utf8(), text.len()))
        .filter(|_| {
            head.strip_suffix('表')
                .is_some_and(|h| h.ends_with(['）', ')', ' ']))
        })
}

/// Whether a cell is only a table label: 公开02表, 公开 02 表, 表2, 表 2.
pub(crate) fn is_label(cell: &str) -> bool {
    let compact = compact(&to_half_width(cell));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if let Some(rest) = compact.strip_prefix("公开") {
        return rest.strip_suffix('表').is_some_and(digits);
    }
    compact.strip_prefix('表').is_some_and(digits)
}

/// Whether every filled cell of a line is a heading: a label, 单位：…, 金额单位：…, a year
/// (2024 年度), or a continuation mark.
pub(crate) fn is_heading_line<S: AsRef<str>>(cells: &[S]) -> bool {
    let mut filled = cells
        .iter()
        .map(|c| c.as_ref())
        .filter(|c| !c.trim().is_empty());
    let mut any = false;
    let all = filled.all(|c| {
        any = true;
        is_heading_cell(c)
    });
    any && all
}

/// Whether one cell is a heading (see [`is_heading_line`]).
pub(crate) fn is_heading_cell(cell: &str) -> bool {
    let compact: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    if is_label(&compact) || matches!(compact.as_str(), "（续）" | "(续)" | "续表") {
        return true;
    }
    let unit_prefix = [
        "单位",
        "金额单位",
        "编制单位",
        "编报单位",
        "填报单位",
        "编制部门",
        "预算单位",
        "预算部门",
        "部门",
        "单位名称",
    ]
    .iter()
    .any(|p| compact.starts_with(&format!("{p}：")) || compact.starts_with(&format!("{p}:")));
    unit_prefix || is_year(&compact)
}

/// Whether a text is a year: 2024, 2024年, 2024年度.
pub(crate) fn is_year(compact: &str) -> bool {
    let digits: String = compact.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.len() == 4 && matches!(&compact[4..], "" | "年" | "年度")
}

/// Whether a line is page furniture: a page number (`9`, `- 9 -`, `—9—`, `第 9 页`, `9/43`)
/// of at most three digits (`2024` is a year, `1 2` two cells).
pub(crate) fn is_page_furniture(line: &str) -> bool {
    let decoration = |c: char| c.is_whitespace() || "-—–·第页".contains(c);
    let inner = line.trim_matches(decoration);
    let number = |p: &str| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    match inner.split_once('/') {
        Some((page, of)) => number(page) && number(of),
        None => number(inner),
    }
}

/// Whether a line starts the trailer: a note (注：…, 说明：…) or a statement that the
/// department has no such spending (本部门…无…, 本单位…无…).
pub(crate) fn is_trailer_start(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.starts_with('注') || compact.starts_with("说明") || is_statement(&compact)
}

/// Whether a line states that a table is empty because the department has none of its
/// funds: 本部门 2024 年度无…, 本单位…没有…, …故本表无数据, 本表为空表.
pub(crate) fn is_statement(line: &str) -> bool {
    let compact = compact(line);
    let body = compact
        .strip_prefix("说明")
        .map_or(compact.as_str(), |r| r.trim_start_matches([':', '：']));
    let says_none = body.contains('无') || body.contains("没有");
    let names_holder = ["本部门", "本单位", "本年度", "本表"]
        .iter()
        .any(|h| body.contains(h));
    (says_none && names_holder) || body.contains("本表为空") || body.contains("空表")
}

/// Whether a line is a part heading: 第四部分 …
pub(crate) fn is_part_heading(line: &str) -> bool {
    part_heading(line.trim_start()).is_some()
}

/// A part heading 「第N部分 title」: its numeral and the rest of the line after 部分.
pub(crate) fn part_heading(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('第')?;
    let end = rest
        .char_indices()
        .find(|(_, c)| !crate::disclosure::CHINESE_NUMERALS.contains(*c))
        .map_or(rest.len(), |(i, _)| i);
    let title = rest.get(end..)?.strip_prefix("部分")?;
    (end > 0).then(|| (&rest[..end], title))
}

/// Whether the cells are the 类 款 项 headings printed over split code columns (two or more of
/// them: a lone 「款」 is the wrapped end of a label).
pub(crate) fn is_level_heading(cells: &[&str]) -> bool {
    let filled: Vec<String> = cells
        .iter()
        .map(|c| compact(c))
        .filter(|c| !c.is_empty())
        .collect();
    filled.len() >= 2 && filled.iter().all(|c| is_level_word(c))
}

/// Whether a line is a numbered heading of an explanation (三、决算报表说明, 四、情况说明),
/// where templates without parts (第三部分) start their narrative.
pub(crate) fn is_explanation_heading(line: &str) -> bool {
    let compact = compact(line);
    list_number(&compact).is_some_and(|(_, rest)| rest.ends_with("说明"))
        && compact.chars().count() <= 30
}

/// Whether a cell is one of the headings 类, 款, 项 printed over split code columns.
pub(crate) fn is_level_word(cell: &str) -> bool {
    matches!(compact(cell).as_str(), "类" | "款" | "项")
}
