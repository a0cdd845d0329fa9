//! The data file formats (see `data/README.md`).

use super::list::{Budget, CodeList};
use super::mapping::{Mapping, UnitType};
use super::LoadError;
use crate::{Code, EconomicCode, Level};

/// Header of a code list file.
///
/// ```
/// use cn_budget::catalog::{LoadError, CODE_HEADER};
/// use cn_budget::{Catalog, FunctionCode};
/// let functional = format!("{CODE_HEADER}\n201\t一般公共服务支出\t类\t\tgeneral\t\n");
/// let catalog = Catalog::from_tsv("mine", &functional, "", "")?;
/// assert!(catalog.functional().contains("201".parse::<FunctionCode>()?));
/// // Any other first line is refused.
/// let err = Catalog::from_tsv("mine", "code\tname\n", "", "").unwrap_err();
/// assert!(matches!(err, LoadError::Header { expected: CODE_HEADER, .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const CODE_HEADER: &str = "code\tname\tlevel\tparent\tbudget\tflags";
/// Header of a mapping file.
///
/// ```
/// use cn_budget::catalog::{UnitType, CODE_HEADER, MAPPING_HEADER};
/// use cn_budget::{Catalog, EconomicCode};
/// let economic = format!(
///     "{CODE_HEADER}\n301\t工资福利支出\t类\t\t\t\n30101\t基本工资\t款\t301\t\t\n\
///      501\t机关工资福利支出\t类\t\t\t\n50101\t工资奖金津补贴\t款\t501\t\t\n"
/// );
/// let mapping = format!("{MAPPING_HEADER}\n30101\t50101\t全部\t\n");
/// let catalog = Catalog::from_tsv("mine", "", &economic, &mapping)?;
/// let wage: EconomicCode = "30101".parse()?;
/// assert_eq!(catalog.mapping().government(wage, UnitType::Institution), Some("50101".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAPPING_HEADER: &str = "dept_code\tgov_code\tunit_type\tflags";

/// The most lines of a catalog file: 2,000,000 (every functional code the format allows,
/// about a million, with room for comments; the official classification has about 4,000).
///
/// ```
/// use cn_budget::catalog::{LoadError, CODE_HEADER, MAX_CATALOG_LINES};
/// use cn_budget::Catalog;
/// let long = format!("{CODE_HEADER}\n{}", "#\n".repeat(MAX_CATALOG_LINES));
/// let err = Catalog::from_tsv("mine", &long, "", "").unwrap_err();
/// assert_eq!(err, LoadError::TooManyLines { file: "functional", max: MAX_CATALOG_LINES });
/// ```
pub const MAX_CATALOG_LINES: usize = 2_000_000;

/// The longest line of a catalog file, in bytes: 4,096 (a code, an official name of at
/// most a few dozen characters and four short fields take about 100).
///
/// ```
/// use cn_budget::catalog::{LoadError, CODE_HEADER, MAX_CATALOG_LINE_BYTES};
/// use cn_budget::Catalog;
/// let name = "名".repeat(MAX_CATALOG_LINE_BYTES / 3);
/// let text = format!("{CODE_HEADER}\n201\t{name}\t类\t\tgeneral\t\n");
/// let err = Catalog::from_tsv("mine", &text, "", "").unwrap_err();
/// assert!(matches!(err, LoadError::LineTooLong { line: 2, max: 4096, .. }));
/// ```
pub const MAX_CATALOG_LINE_BYTES: usize = 4096;

/// The data lines of a file after its header: (line number, fields). Empty text is an
/// empty file; blank lines and lines starting with `#` are skipped. A file of more than
/// [`MAX_CATALOG_LINES`] lines, or with a line longer than [`MAX_CATALOG_LINE_BYTES`], is
/// refused.
fn records<'a>(
    file: &'static str,
    text: &'a str,
    header: &'static str,
) -> Result<Vec<(usize, Vec<&'a str>)>, LoadError> {
    if let Some((i, line)) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.len() > MAX_CATALOG_LINE_BYTES)
    {
        return Err(LoadError::LineTooLong {
            file,
            line: i + 1,
            bytes: line.len(),
            max: MAX_CATALOG_LINE_BYTES,
        });
    }
    if text.lines().nth(MAX_CATALOG_LINES).is_some() {
        return Err(LoadError::TooManyLines {
            file,
            max: MAX_CATALOG_LINES,
        });
    }
    let mut lines = text.lines().enumerate();
    let Some((_, first)) = lines.next() else {
        return Ok(Vec::new());
    };
    let first = first.trim_start_matches('\u{feff}').trim_end_matches('\r');
    if first != header {
        return Err(LoadError::Header {
            file,
            found: first.to_owned(),
            expected: header,
        });
    }
    let expected = header.split('\t').count();
    let mut out = Vec::new();
    for (i, raw) in lines {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != expected {
            return Err(LoadError::FieldCount {
                file,
                line: i + 1,
                found: fields.len(),
                expected,
            });
        }
        out.push((i + 1, fields));
    }
    Ok(out)
}

fn code<C: Code>(file: &'static str, line: usize, text: &str) -> Result<C, LoadError> {
    text.parse()
        .map_err(|source| LoadError::Code { file, line, source })
}

fn field_error(file: &'static str, line: usize, field: &'static str, value: &str) -> LoadError {
    LoadError::Field {
        file,
        line,
        field,
        value: value.to_owned(),
    }
}

/// Parses the `flags` column: comma-separated; returns whether `uncertain` is set.
fn flags(file: &'static str, line: usize, text: &str) -> Result<bool, LoadError> {
    let mut uncertain = false;
    for flag in text.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        match flag {
            "uncertain" => uncertain = true,
            other => return Err(field_error(file, line, "flags", other)),
        }
    }
    Ok(uncertain)
}

/// Parses a code list (functional or economic).
pub(super) fn parse_list<C: Code>(
    file: &'static str,
    text: &str,
) -> Result<CodeList<C>, LoadError> {
    let mut list = CodeList::default();
    for (line, f) in records(file, text, CODE_HEADER)? {
        let c: C = code(file, line, f[0])?;
        let name = f[1].trim();
        if name.is_empty() {
            return Err(field_error(file, line, "name", f[1]));
        }
        let level = Level::from_name(f[2]).ok_or_else(|| field_error(file, line, "level", f[2]))?;
        let parent_text = f[3].trim();
        let parent_ok = match c.parent() {
            None => parent_text.is_empty(),
            Some(p) => p.to_string() == parent_text,
        };
        if level != c.level() || !parent_ok {
            return Err(LoadError::Inconsistent {
                file,
                line,
                code: c.to_string(),
                level,
                parent: parent_text.to_owned(),
            });
        }
        let budget = match f[4].trim() {
            "" => None,
            t => Some(Budget::from_token(t).ok_or_else(|| field_error(file, line, "budget", t))?),
        };
        let uncertain = flags(file, line, f[5])?;
        list.push(file, line, c, name.to_owned(), budget, uncertain)?;
    }
    list.finish();
    Ok(list)
}

/// Parses a 部门 → 政府 mapping file against the economic list it refers to.
pub(super) fn parse_mapping(
    text: &str,
    economic: &CodeList<EconomicCode>,
) -> Result<Mapping, LoadError> {
    const FILE: &str = "mapping";
    let mut mapping = Mapping::default();
    for (line, f) in records(FILE, text, MAPPING_HEADER)? {
        let dept: EconomicCode = code(FILE, line, f[0])?;
        let gov: EconomicCode = code(FILE, line, f[1])?;
        for c in [dept, gov] {
            if !economic.contains(c) {
                return Err(LoadError::UnknownMappedCode {
                    line,
                    code: c.to_string(),
                });
            }
        }
        let unit = match f[2].trim() {
            "全部" => None,
            t => Some(
                UnitType::from_name(t).ok_or_else(|| field_error(FILE, line, "unit_type", t))?,
            ),
        };
        let uncertain = flags(FILE, line, f[3])?;
        mapping.push(dept, gov, unit, uncertain);
    }
    Ok(mapping)
}
