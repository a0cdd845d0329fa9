//! The embedded catalogs agree with the public fragments and the seed document, and are
//! well-formed.

use cn_budget::catalog::{CodeList, UnitType, EDITIONS};
use cn_budget::codes::normalize_name;
use cn_budget::{Catalog, Code, EconomicCode, FunctionCode, Level};
use std::collections::HashMap;

const FRAGMENTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/classification-fragments"
);
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/disclosures/hongshan-finance-2024"
);

fn csv_rows(file: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(format!("{FRAGMENTS}/{file}")).expect("fixture");
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            headers
                .iter()
                .map(str::to_owned)
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// The rows of a tab-separated file with a header line, as header → value maps.
fn read_tsv(path: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    lines
        .map(|l| {
            header
                .iter()
                .map(|h| h.to_string())
                .zip(l.split('\t').map(str::to_owned))
                .collect()
        })
        .collect()
}

fn tsv_rows(file: &str) -> Vec<HashMap<String, String>> {
    read_tsv(&format!("{SEED}/{file}"))
}

/// Fragment rows known to differ from the 2024/2025 editions, with the reason.
const KNOWN_FRAGMENT_DIFFERENCES: &[(&str, &str)] = &[(
    "215",
    "the fragment carries the pre-2019 name 资源勘探信息等支出; the 2024 seed prints 资源勘探工业信息等支出",
)];

#[test]
fn functional_fragments_agree_with_both_editions() {
    for year in EDITIONS {
        let catalog = Catalog::edition(*year).unwrap();
        let mut checked = 0;
        for row in csv_rows("merged_functional.csv") {
            let code: FunctionCode = row["code"].parse().unwrap();
            let name = catalog.functional().name(code);
            if let Some((_, why)) = KNOWN_FRAGMENT_DIFFERENCES
                .iter()
                .find(|(c, _)| *c == row["code"])
            {
                assert_ne!(
                    name.map(normalize_name),
                    Some(normalize_name(&row["name"])),
                    "{why}"
                );
                continue;
            }
            assert_eq!(
                name.map(normalize_name),
                Some(normalize_name(&row["name"])),
                "{year}: fragment {} {}",
                row["code"],
                row["name"]
            );
            assert_eq!(code.level(), Level::from_name(&row["level"]).unwrap());
            checked += 1;
        }
        assert_eq!(checked, 50);
    }
}

#[test]
fn economic_fragments_agree_with_both_editions() {
    for year in EDITIONS {
        let catalog = Catalog::edition(*year).unwrap();
        let rows = csv_rows("merged_economic.csv");
        for row in &rows {
            let code: EconomicCode = row["code"].parse().unwrap();
            assert_eq!(
                catalog.economic().name(code).map(normalize_name),
                Some(normalize_name(&row["name"])),
                "{year}: fragment {} {}",
                row["code"],
                row["name"]
            );
        }
        assert_eq!(rows.len(), 83);
    }
}

#[test]
fn mapping_fragments_agree_with_both_editions() {
    for year in EDITIONS {
        let mapping = Catalog::edition(*year).unwrap().mapping();
        let mut checked = 0;
        for row in csv_rows("economic_mapping.csv") {
            let dept: EconomicCode = row["dept_code"].parse().unwrap();
            let gov: EconomicCode = row["gov_code"].parse().unwrap();
            let unit = if row["unit_context"].starts_with("机关") {
                UnitType::Administrative
            } else {
                UnitType::Institution
            };
            if dept.level() == Level::Class {
                // The fragment states 301→501 and 302→502 at 类 level; the official
                // correspondence (and our data) is at 款 level, where these hold for 机关.
                let kids: Vec<_> = mapping
                    .pairs()
                    .filter(|p| p.department().parent() == Some(dept))
                    .collect();
                assert!(!kids.is_empty());
                assert!(kids
                    .iter()
                    .filter(|p| p.unit_type() != Some(UnitType::Institution))
                    .all(|p| p.government().class() == gov));
                continue;
            }
            assert_eq!(
                mapping.government(dept, unit),
                Some(gov),
                "{year}: {dept} → {gov} for {unit:?}"
            );
            checked += 1;
        }
        assert_eq!(checked, 40);
    }
}

#[test]
fn every_code_the_seed_prints_has_the_printed_name_in_2024() {
    let catalog = Catalog::edition(2024).unwrap();
    let mut checked = 0;
    for table in ["table03.tsv", "table05.tsv"] {
        for row in tsv_rows(table) {
            if row["code"].is_empty() {
                continue;
            }
            let code: FunctionCode = row["code"].parse().unwrap();
            assert_eq!(
                catalog.functional().name(code),
                Some(row["name"].as_str()),
                "{table} {code}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 56);
    // 公开01表 prints the 类 names (without codes) in template order.
    for row in tsv_rows("table01.tsv")
        .iter()
        .filter(|r| r["side"] == "支出" && !r["name"].is_empty())
    {
        let name = row["name"]
            .split_once('、')
            .map_or(row["name"].as_str(), |(_, n)| n);
        if name.starts_with("本年")
            || name.starts_with("结余")
            || name.starts_with("年末")
            || name == "总计"
        {
            continue;
        }
        assert!(
            catalog.functional().find_child(None, name).is_some(),
            "公开01表 类 name {name} is not a 类 of the 2024 catalog"
        );
    }
    // 公开06表 prints economic codes cut to four digits and some names cut short; the
    // transcription resolves each to its 5-digit code.
    let truncated = ["机关事业单位基本养老保险缴"];
    for row in tsv_rows("table06.tsv") {
        if row["code"].is_empty() {
            continue;
        }
        let code: EconomicCode = row["code"].parse().unwrap();
        let official = catalog
            .economic()
            .name(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        if truncated.contains(&row["name"].as_str()) {
            assert!(official.starts_with(&row["name"]), "{code}: {official}");
        } else {
            assert_eq!(
                normalize_name(official),
                normalize_name(&row["name"]),
                "{code}"
            );
        }
    }
}

#[test]
fn hierarchy_is_well_formed_and_follows_the_usual_patterns() {
    // 2130104 事业运行 is the official exception to xx50 (农业农村 款).
    let exceptions = ["2130104"];
    for year in EDITIONS {
        let list = Catalog::edition(*year).unwrap().functional();
        for e in list.iter() {
            let code = e.code();
            if let Some(p) = code.parent() {
                assert!(list.contains(p), "{code} without parent");
            }
            if code.level() != Level::Item || exceptions.contains(&code.to_string().as_str()) {
                continue;
            }
            let suffix = code.as_u32() % 100;
            match e.name() {
                "行政运行" => assert_eq!(suffix, 1, "{code}"),
                "一般行政管理事务" => assert_eq!(suffix, 2, "{code}"),
                "机关服务" => assert_eq!(suffix, 3, "{code}"),
                "事业运行" => assert_eq!(suffix, 50, "{code}"),
                _ => {}
            }
            if suffix == 99 {
                assert!(e.name().contains("其他"), "{code} {}", e.name());
            }
        }
        for level in [Level::Class, Level::Section, Level::Item] {
            assert!(list.count(level) > 0);
        }
        assert!(
            list.count(Level::Section) > 200,
            "a complete edition has well over 200 款"
        );
        assert!(list.count(Level::Item) > 1000);
    }
}

#[test]
fn every_function_class_variant_is_a_class_of_2024() {
    let list = Catalog::edition(2024).unwrap().functional();
    for class in cn_budget::FunctionClass::ALL {
        assert_eq!(list.name(class.code()), Some(class.name()), "{class}");
    }
    for class in cn_budget::DepartmentEconomicClass::ALL {
        assert_eq!(
            Catalog::edition(2024)
                .unwrap()
                .economic()
                .name(class.code()),
            Some(class.name())
        );
    }
    for class in cn_budget::GovernmentEconomicClass::ALL {
        assert_eq!(
            Catalog::edition(2024)
                .unwrap()
                .economic()
                .name(class.code()),
            Some(class.name())
        );
    }
}

#[test]
fn edition_diff_is_234_plus_differences_in_the_evidence() {
    let old = Catalog::edition(2024).unwrap();
    let new = Catalog::edition(2025).unwrap();
    let diff = old.diff(new);
    let class_234: FunctionCode = "234".parse().unwrap();
    assert!(diff.functional.removed.contains(&class_234));
    // Every other difference comes from a code attested for one edition only, or from a
    // recorded decision on an attestation (data/compilation/decisions.tsv, scope `attested`).
    let explained: Vec<String> = attested_rows()
        .into_iter()
        .map(|r| r.code)
        .chain(
            compilation_rows("decisions.tsv")
                .into_iter()
                .filter(|r| r["scope"] == "attested")
                .map(|r| r["code"].clone()),
        )
        .collect();
    let renamed = diff.functional.renamed.iter().map(|r| r.code);
    for code in diff
        .functional
        .added
        .iter()
        .chain(&diff.functional.removed)
        .copied()
        .chain(renamed)
        .filter(|c| *c != class_234)
    {
        assert!(
            explained.contains(&code.to_string()),
            "{code} differs between the bundled editions without an attestation"
        );
    }
    assert!(diff.economic.is_empty());
    assert!(new.diff(new).functional.is_empty());
}

const COMPILATION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/compilation");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus");

fn compilation_rows(file: &str) -> Vec<HashMap<String, String>> {
    read_tsv(&format!("{COMPILATION}/{file}"))
}

/// One row of data/compilation/attested.tsv: a code and name printed by a published document.
struct Attested {
    code: String,
    name: String,
    edition: u16,
    issuer: String,
    document: String,
    pages: Vec<usize>,
}

fn attested_rows() -> Vec<Attested> {
    compilation_rows("attested.tsv")
        .into_iter()
        .map(|r| Attested {
            code: r["code"].clone(),
            name: r["name"].clone(),
            edition: r["edition"].parse().expect("edition"),
            issuer: r["issuer"].clone(),
            document: r["document"].clone(),
            pages: r["pages"]
                .split(',')
                .map(|p| p.trim().parse().expect("page"))
                .collect(),
        })
        .collect()
}

#[test]
fn attested_codes_resolve_in_their_edition_with_the_printed_name_and_parents() {
    let rows = attested_rows();
    assert!(!rows.is_empty());
    for row in &rows {
        // A document of year Y is evidence for edition Y only.
        assert!(
            row.document.ends_with(&format!("-{}.pdf", row.edition)),
            "{} is not a document of {}",
            row.document,
            row.edition
        );
        let list = Catalog::edition(row.edition).unwrap().functional();
        let code: FunctionCode = row.code.parse().unwrap();
        let entry = list
            .get(code)
            .unwrap_or_else(|| panic!("{code} missing from {}", row.edition));
        assert_eq!(entry.name(), row.name, "{code} in {}", row.edition);
        assert!(
            !entry.is_uncertain(),
            "{code}: attested, so not flagged uncertain"
        );
        let mut chain = vec![code];
        while let Some(parent) = chain.last().and_then(|c| c.parent()) {
            assert!(
                list.contains(parent),
                "{code}: parent {parent} missing in {}",
                row.edition
            );
            chain.push(parent);
        }
        assert_eq!(
            chain.last().map(|c| c.level()),
            Some(Level::Class),
            "{code}"
        );
    }
}

/// The code as some documents print it: 类, 款 and 项 in separate columns.
fn split_code(code: &str) -> String {
    let mut parts = vec![&code[..3]];
    parts.extend((3..code.len()).step_by(2).map(|i| &code[i..i + 2]));
    parts.join(" ")
}

fn squeeze(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the layout text of a page prints `code` with `name` in the same table row; a name
/// wrapped in a narrow column continues on the lines just above and below the code.
fn page_prints(page: &str, code: &str, name: &str) -> bool {
    let lines: Vec<&str> = page.lines().collect();
    let squeezed: Vec<String> = lines.iter().map(|l| squeeze(l)).collect();
    let split = split_code(code);
    (0..lines.len()).any(|i| {
        let tokens: Vec<&str> = squeezed[i].split(' ').collect();
        let has_code = tokens.contains(&code) || squeezed[i].contains(&split);
        if !has_code {
            return false;
        }
        let text: String = lines[i.saturating_sub(1)..(i + 2).min(lines.len())]
            .iter()
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_whitespace() && !c.is_ascii_digit() && !",.%-".contains(*c))
            .collect();
        text.contains(name)
    })
}

#[test]
fn attested_rows_of_corpus_documents_are_printed_on_the_cited_pages() {
    let sources = std::fs::read_to_string(format!("{CORPUS}/SOURCES.tsv")).unwrap();
    let mut checked = 0;
    for row in attested_rows() {
        let Some(file) = row.document.strip_prefix("juesuan/") else {
            continue; // only the 决算 documents are fixtures of the repository
        };
        let source = sources
            .lines()
            .find(|l| l.split('\t').next() == Some(file))
            .unwrap_or_else(|| panic!("{file} not in SOURCES.tsv"));
        let fields: Vec<&str> = source.split('\t').collect();
        // SOURCES.tsv may annotate the issuer, e.g. 西南大学(教育部直属高校,重庆).
        assert!(fields[1].starts_with(&row.issuer), "{file}: {}", fields[1]);
        assert_eq!(fields[2], row.edition.to_string(), "{file}");
        let stem = file.trim_end_matches(".pdf");
        let text = std::fs::read_to_string(format!("{CORPUS}/{stem}.layout.txt")).unwrap();
        let pages: Vec<&str> = text.split('\u{c}').collect();
        for page in &row.pages {
            assert!(
                page_prints(pages[page - 1], &row.code, &row.name),
                "{file} page {page} does not print {} {}",
                row.code,
                row.name
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
}

/// The counts `data/README.md` states for a file: the table row naming it, cells after the
/// file and source columns, each the sum of the numbers it holds (e.g. `10 部门 + 15 政府`).
fn readme_counts(readme: &str, file: &str) -> Vec<usize> {
    let row = readme
        .lines()
        .find(|l| l.starts_with(&format!("| {file} |")))
        .unwrap_or_else(|| panic!("no row for {file} in data/README.md"));
    row.split('|')
        .skip(3)
        .filter(|c| !c.trim().is_empty())
        .map(|cell| {
            cell.replace(',', "")
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse::<usize>().unwrap())
                .sum()
        })
        .collect()
}

/// 类, 款 and 项 counts and the number of flagged entries of a list (the README's columns).
fn file_counts<C: Code>(list: &CodeList<C>) -> Vec<usize> {
    let mut counts: Vec<usize> = [Level::Class, Level::Section, Level::Item]
        .into_iter()
        .map(|l| list.count(l))
        .collect();
    counts.push(list.iter().filter(|e| e.is_uncertain()).count());
    counts
}

#[test]
fn data_readme_counts_match_the_files() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/README.md")).unwrap();
    for year in EDITIONS {
        let catalog = Catalog::edition(*year).unwrap();
        // Columns 类, 款, 项 (— for none), flagged.
        assert_eq!(
            readme_counts(&readme, &format!("functional/{year}.tsv")),
            file_counts(catalog.functional()),
            "functional/{year}.tsv"
        );
        assert_eq!(
            readme_counts(&readme, &format!("economic/{year}.tsv")),
            file_counts(catalog.economic()),
            "economic/{year}.tsv"
        );
    }
}

#[test]
fn name_paths_from_the_seed_resolve() {
    let catalog = Catalog::edition(2024).unwrap();
    let code = catalog
        .resolve_path(
            "社会保障和就业支出(类) 行政事业单位养老支出(款) 机关事业单位基本养老保险缴费支出(项)",
        )
        .unwrap();
    assert_eq!(code.to_string(), "2080505");
    let err = catalog
        .resolve_path("卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助（类）")
        .unwrap_err();
    assert!(matches!(
        err,
        cn_budget::catalog::ResolveError::WrongMarker {
            printed: Level::Class,
            expected: Level::Item,
            ..
        }
    ));
    // 行政运行 exists under many 款: a lone name is ambiguous.
    assert!(catalog.functional().find_all("行政运行").len() > 20);
}

#[test]
fn user_supplied_files_load_with_clear_errors() {
    use cn_budget::catalog::LoadError;
    let header = cn_budget::catalog::CODE_HEADER;
    let dup = format!("{header}\n201\t一般公共服务支出\t类\t\tgeneral\t\n201\t一般公共服务支出\t类\t\tgeneral\t\n");
    assert!(matches!(
        Catalog::from_tsv("x", &dup, "", ""),
        Err(LoadError::DuplicateCode { line: 3, .. })
    ));
    let bad_level = format!("{header}\n201\t一般公共服务支出\t款\t\tgeneral\t\n");
    assert!(matches!(
        Catalog::from_tsv("x", &bad_level, "", ""),
        Err(LoadError::Inconsistent { line: 2, .. })
    ));
    let bad_flag = format!("{header}\n201\t一般公共服务支出\t类\t\tgeneral\tmaybe\n");
    assert!(matches!(
        Catalog::from_tsv("x", &bad_flag, "", ""),
        Err(LoadError::Field { field: "flags", .. })
    ));
    let wrong_header = "code,name\n";
    assert!(matches!(
        Catalog::from_tsv("x", wrong_header, "", ""),
        Err(LoadError::Header { .. })
    ));
    // Every embedded edition loads, and its raw files round-trip through from_tsv.
    for year in EDITIONS {
        let (f, e, m) = Catalog::embedded_files(*year).unwrap();
        let loaded = Catalog::from_tsv("copy", f, e, m).unwrap();
        assert_eq!(
            loaded.functional().len(),
            Catalog::edition(*year).unwrap().functional().len()
        );
    }
}
