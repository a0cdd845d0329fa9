//! Codes: round-trips over every embedded catalog, lenient parsing of PDF text, ordering,
//! and serde.

use cn_budget::catalog::EDITIONS;
use cn_budget::codes::{CodeAndName, CodeKind, ParseCodeError};
use cn_budget::strategies::{economic_code, function_code, item_code};
use cn_budget::{
    Amount, AmountError, Catalog, Code, EconomicCode, EconomicScheme, FunctionCode, Level, Unit,
};
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::with_cases(256)
    }
}

/// The full-width form of an ASCII digit.
fn full_width(c: char) -> char {
    char::from_u32(c as u32 + 0xFEE0).unwrap()
}

/// Checks that a catalog code survives every spelling the crate promises to read.
fn round_trips<C: Code>(code: C) {
    let text = code.to_string();
    assert_eq!(text.parse::<C>(), Ok(code), "{text}");
    assert_eq!(text.len(), code.level().digits(), "{text}");
    assert_eq!(code.as_u32().to_string(), text);
    assert_eq!(format!(" {text}\t").parse::<C>(), Ok(code), "{text}");
    // Every ancestor is a prefix of the code.
    for a in code.ancestors() {
        assert!(text.starts_with(&a.to_string()), "{a} above {text}");
        assert!(a.contains(code) && a < code);
    }
}

#[test]
fn parse_display_is_the_identity_on_every_catalog_code() {
    let mut seen = 0;
    for &year in EDITIONS {
        let catalog = Catalog::edition(year).unwrap();
        for entry in catalog.functional().iter() {
            let code = entry.code();
            round_trips(code);
            assert_eq!(FunctionCode::try_from(code.value()), Ok(code));
            assert_eq!(u32::from(code), code.value());
            // As printed in a PDF: code and name, code spaced by level, full-width digits.
            let plain = format!("{code} {}", entry.name());
            let found = FunctionCode::parse_lenient(&plain).unwrap();
            assert_eq!(found.code, code, "{plain}");
            assert_eq!(found.name.as_deref(), Some(entry.name()), "{plain}");
            let text = code.to_string();
            let spaced: Vec<&str> = [0..3, 3..5, 5..7]
                .into_iter()
                .filter(|r| r.end <= text.len())
                .map(|r| &text[r])
                .collect();
            let wide: String = spaced
                .join("\u{3000}")
                .chars()
                .map(|c| if c.is_ascii_digit() { full_width(c) } else { c })
                .collect();
            let wide = format!("{wide}\u{3000}{}", entry.name());
            let found = FunctionCode::parse_lenient(&wide).unwrap();
            assert_eq!(
                found,
                CodeAndName {
                    code,
                    name: Some(entry.name().to_owned())
                },
                "{wide}"
            );
            seen += 1;
        }
        for entry in catalog.economic().iter() {
            let code = entry.code();
            round_trips(code);
            assert_eq!(EconomicCode::try_from(code.value()), Ok(code));
            let scheme = match code.to_string().as_bytes()[0] {
                b'3' => EconomicScheme::Department,
                _ => EconomicScheme::Government,
            };
            assert_eq!(code.scheme(), scheme);
            let plain = format!("{code}{}", entry.name());
            let found = EconomicCode::parse_lenient(&plain).unwrap();
            assert_eq!(found.code, code, "{plain}");
            assert_eq!(found.name.as_deref(), Some(entry.name()), "{plain}");
            seen += 1;
        }
    }
    assert!(seen > 3000, "only {seen} catalog codes");
}

#[test]
fn lenient_parsing_examples() {
    let parse = |s: &str| FunctionCode::parse_lenient(s);
    let ok = |code: &str, name: Option<&str>| {
        Ok(CodeAndName {
            code: code.parse::<FunctionCode>().unwrap(),
            name: name.map(str::to_owned),
        })
    };
    assert_eq!(
        parse("２０１ ０６ ０１　行政运行"),
        ok("2010601", Some("行政运行"))
    );
    assert_eq!(parse("201 06 01"), ok("2010601", None));
    assert_eq!(
        parse("  2010601行政运行  "),
        ok("2010601", Some("行政运行"))
    );
    assert_eq!(parse("20106\t财政事务"), ok("20106", Some("财政事务")));
    assert_eq!(parse("2 0 1"), ok("201", None));
    assert_eq!(parse("201\n06"), ok("20106", None));
    assert_eq!(parse("20106x"), ok("20106", Some("x")));
    assert_eq!(
        parse("201一般公共服务支出"),
        ok("201", Some("一般公共服务支出"))
    );
    assert!(matches!(
        parse("行政运行"),
        Err(ParseCodeError::Empty {
            kind: CodeKind::Functional,
            ..
        })
    ));
    assert!(matches!(parse(""), Err(ParseCodeError::Empty { .. })));
    assert!(matches!(parse("   "), Err(ParseCodeError::Empty { .. })));
    // A name that starts with digits runs into the code.
    assert!(matches!(
        parse("2010601 2024年"),
        Err(ParseCodeError::BadLength { digits: 11, .. })
    ));
    assert!(matches!(
        parse("201060"),
        Err(ParseCodeError::BadLength { digits: 6, .. })
    ));
    assert!(matches!(
        parse("30101 基本工资"),
        Err(ParseCodeError::OutOfRange { .. })
    ));
    assert!(matches!(
        parse("2000101"),
        Err(ParseCodeError::ZeroSegment {
            level: Level::Class,
            ..
        })
    ));
    assert!(matches!(
        parse("2010001"),
        Err(ParseCodeError::ZeroSegment {
            level: Level::Section,
            ..
        })
    ));
    assert!(matches!(
        parse("2010600"),
        Err(ParseCodeError::ZeroSegment {
            level: Level::Item,
            ..
        })
    ));
    // The error keeps the whole input.
    assert_eq!(parse("x2010601").unwrap_err().input(), "x2010601");

    let econ = |s: &str| EconomicCode::parse_lenient(s);
    let found = econ("３０１０１　基本工资").unwrap();
    assert_eq!(found.code.to_string(), "30101");
    assert_eq!(found.name.as_deref(), Some("基本工资"));
    assert_eq!(found.code.scheme(), EconomicScheme::Department);
    assert_eq!(
        econ("501 01").unwrap().code.scheme(),
        EconomicScheme::Government
    );
    assert!(matches!(
        econ("3010101"),
        Err(ParseCodeError::BadLength {
            kind: CodeKind::Economic,
            digits: 7,
            ..
        })
    ));
    assert!(matches!(
        econ("401"),
        Err(ParseCodeError::OutOfRange { .. })
    ));
    assert!(matches!(
        econ("201"),
        Err(ParseCodeError::OutOfRange { .. })
    ));
}

#[test]
fn strict_parsing_examples() {
    assert_eq!(
        "20106x".parse::<FunctionCode>(),
        Err(ParseCodeError::InvalidCharacter {
            input: "20106x".into(),
            kind: CodeKind::Functional,
            found: 'x',
            position: 5,
        })
    );
    // Positions are byte offsets in the original input, leading white space included.
    assert!(matches!(
        "  2０1".parse::<FunctionCode>(),
        Err(ParseCodeError::InvalidCharacter {
            found: '０',
            position: 3,
            ..
        })
    ));
    assert!(matches!(
        "201 06".parse::<FunctionCode>(),
        Err(ParseCodeError::InvalidCharacter {
            found: ' ',
            position: 3,
            ..
        })
    ));
    assert_eq!(" 201\n".parse::<FunctionCode>().unwrap().to_string(), "201");
    assert!(matches!(
        "".parse::<EconomicCode>(),
        Err(ParseCodeError::Empty { .. })
    ));
    assert!(matches!(
        "-201".parse::<FunctionCode>(),
        Err(ParseCodeError::InvalidCharacter { found: '-', .. })
    ));
    assert!(FunctionCode::try_from(2_010_601).is_ok());
    assert!(FunctionCode::try_from(20_106_010).is_err());
    assert!(FunctionCode::try_from(0).is_err());
    assert!(EconomicCode::try_from(u32::MAX).is_err());
}

#[test]
fn amount_parsing_examples() {
    let p = |s: &str| Amount::parse(s, Unit::TenThousandYuan);
    let a = p("4,789.53").unwrap();
    assert_eq!((a.value(), a.decimals()), (dec!(4789.53), 2));
    let a = p("１，２３４．５").unwrap();
    assert_eq!((a.value(), a.decimals()), (dec!(1234.5), 1));
    let a = p("−12.30").unwrap();
    assert_eq!((a.value(), a.decimals()), (dec!(-12.30), 2));
    let a = p(" 1 234.56 ").unwrap();
    assert_eq!((a.value(), a.decimals()), (dec!(1234.56), 2));
    let a = p("77").unwrap();
    assert_eq!((a.value(), a.decimals()), (dec!(77), 0));
    assert_eq!(p("-0.00").unwrap().value(), Decimal::ZERO);
    for bad in [
        "", "-", ".5", "12.", "1.2.3", "1e5", "+5", "--1", "12,3x", "—", "NaN", "1/2",
    ] {
        assert!(
            matches!(p(bad), Err(AmountError::InvalidNumber { .. })),
            "{bad:?}: {:?}",
            p(bad)
        );
    }
    assert!(matches!(
        p("1.000000000000000000001"),
        Err(AmountError::DecimalsOutOfRange { decimals: 21 })
    ));
    assert_eq!(
        Amount::parse_with_decimals("84.3", 2, Unit::TenThousandYuan)
            .unwrap()
            .to_string(),
        "84.30 万元"
    );
}

/// A printed figure with more significant digits than a `Decimal` holds must not be
/// silently rounded: either it is rejected, or its value is exactly the printed one.
#[test]
fn amount_parse_never_rounds_silently() {
    let text = "900000000.00000000000000000001";
    match Amount::parse(text, Unit::Yuan) {
        Err(_) => {}
        Ok(a) => assert_eq!(
            format!("{:.20}", a.value()),
            text,
            "parsed as {} with {} decimals",
            a.value(),
            a.decimals()
        ),
    }
}

/// The digits of a code, each half- or full-width, with white space between some of them.
fn spelled(code: impl ToString) -> impl Strategy<Value = String> {
    let digits: Vec<char> = code.to_string().chars().collect();
    let n = digits.len();
    (
        prop::collection::vec(any::<bool>(), n),
        prop::collection::vec(
            prop::sample::select(vec!["", "", "", " ", "\u{3000}", "  ", "\t"]),
            n,
        ),
        prop::sample::select(vec!["", " ", "\u{3000}", "\n "]),
    )
        .prop_map(move |(wide, gaps, lead)| {
            let mut s = lead.to_owned();
            for (i, &d) in digits.iter().enumerate() {
                if i > 0 {
                    s.push_str(gaps[i]);
                }
                s.push(if wide[i] { full_width(d) } else { d });
            }
            s
        })
}

/// Text printed after a code: it does not start with a digit or white space.
fn name() -> impl Strategy<Value = Option<String>> {
    prop::option::of("[一-龥（）()A-Za-z][一-龥（）()A-Za-z0-9、 ]{0,10}[一-龥）)]")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn lenient_reads_any_pdf_spelling_of_a_function_code(
        (code, text) in function_code().prop_flat_map(|c| (Just(c), spelled(c))),
        sep in prop::sample::select(vec!["", " ", "\u{3000}", "\t"]),
        name in name(),
    ) {
        let input = match &name {
            Some(n) => format!("{text}{sep}{n}"),
            None => format!("{text}{sep}"),
        };
        let found = FunctionCode::parse_lenient(&input).unwrap();
        prop_assert_eq!(found, CodeAndName { code, name });
    }

    #[test]
    fn lenient_reads_any_pdf_spelling_of_an_economic_code(
        (code, text) in economic_code().prop_flat_map(|c| (Just(c), spelled(c))),
        name in name(),
    ) {
        let input = match &name {
            Some(n) => format!("{text} {n}"),
            None => text,
        };
        let found = EconomicCode::parse_lenient(&input).unwrap();
        prop_assert_eq!(found, CodeAndName { code, name });
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_text(s in any::<String>()) {
        check_any_text(&s)?;
    }

    #[test]
    fn parsers_never_panic_on_digit_heavy_text(
        s in "[0-9０-９ 　\t.,，\\-−a行政（）]{0,24}"
    ) {
        check_any_text(&s)?;
    }

    #[test]
    fn strict_parse_display_round_trips(code in function_code(), econ in economic_code()) {
        prop_assert_eq!(code.to_string().parse::<FunctionCode>(), Ok(code));
        prop_assert_eq!(econ.to_string().parse::<EconomicCode>(), Ok(econ));
        prop_assert_eq!(FunctionCode::try_from(code.as_u32()), Ok(code));
        prop_assert_eq!(EconomicCode::try_from(econ.as_u32()), Ok(econ));
        prop_assert_eq!(code.class().level(), Level::Class);
        prop_assert_eq!(code.ancestors().count() + 1, code.level() as usize);
    }

    #[test]
    fn function_codes_order_like_their_text(a in function_code(), b in function_code(), c in item_code()) {
        for (x, y) in [(a, b), (a, c), (c, b)] {
            prop_assert_eq!(x.cmp(&y), x.to_string().cmp(&y.to_string()), "{} vs {}", x, y);
            prop_assert_eq!(x == y, x.to_string() == y.to_string());
        }
        // A parent sorts right before its descendants.
        if let Some(p) = c.parent() {
            prop_assert!(p < c && p.contains(c) && !c.contains(p));
        }
    }

    #[test]
    fn economic_codes_order_like_their_text(a in economic_code(), b in economic_code()) {
        prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()), "{} vs {}", a, b);
    }

    #[test]
    fn amounts_parse_exactly(
        mantissa in any::<i64>(),
        scale in 0u32..=18,
        separators in any::<bool>(),
        wide in any::<bool>(),
    ) {
        let d = Decimal::new(mantissa, scale);
        let plain = d.to_string();
        let mut text = if separators { group_thousands(&plain) } else { plain.clone() };
        if wide {
            text = text.chars().map(|c| if c.is_ascii_digit() { full_width(c) } else { c }).collect();
        }
        let a = Amount::parse(&text, Unit::Yuan).unwrap();
        prop_assert_eq!(a.value(), d);
        prop_assert_eq!(a.decimals(), scale as i32);
        prop_assert!(!a.has_excess_digits());
        prop_assert_eq!(a.to_string(), format!("{plain} 元"));
    }
}

/// `1234567.89` → `1,234,567.89`.
fn group_thousands(plain: &str) -> String {
    let (sign, body) = match plain.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", plain),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Runs every parser on `s`: none may panic, and their results must agree with each other.
fn check_any_text(s: &str) -> Result<(), TestCaseError> {
    let strict = s.parse::<FunctionCode>();
    let lenient = FunctionCode::parse_lenient(s);
    if let Ok(code) = &strict {
        prop_assert_eq!(code.to_string(), s.trim());
        // Whatever the strict parser accepts, the lenient one reads the same way.
        prop_assert_eq!(
            lenient.clone(),
            Ok(CodeAndName {
                code: *code,
                name: None
            })
        );
    }
    if let Err(e) = &strict {
        prop_assert_eq!(e.input(), s);
    }
    if let Err(e) = &lenient {
        prop_assert_eq!(e.input(), s);
    }
    if let Ok(found) = &lenient {
        if let Some(name) = &found.name {
            prop_assert_eq!(name.trim(), name.as_str());
            prop_assert!(!name.is_empty());
        }
    }
    let strict = s.parse::<EconomicCode>();
    let lenient = EconomicCode::parse_lenient(s);
    if let Ok(code) = strict {
        prop_assert_eq!(code.to_string(), s.trim());
        prop_assert_eq!(lenient.map(|f| f.code), Ok(code));
    }
    for unit in [Unit::Yuan, Unit::TenThousandYuan] {
        if let Ok(a) = Amount::parse(s, unit) {
            prop_assert!(a.decimals() >= 0);
            prop_assert_eq!(a.unit(), unit);
            // What was read prints back as a figure that reads the same.
            let printed = a.to_string();
            let number = printed.trim_end_matches(unit.name()).trim_end();
            let again = Amount::parse(number, unit).unwrap();
            prop_assert_eq!(again.value(), a.value());
            prop_assert_eq!(again.decimals(), a.decimals());
        }
    }
    Ok(())
}

#[cfg(feature = "serde")]
mod serde_round_trips {
    use super::*;

    #[test]
    fn codes_serialize_as_their_text() {
        let code: FunctionCode = "2010601".parse().unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), r#""2010601""#);
        let back: FunctionCode = serde_json::from_str(r#""2010601""#).unwrap();
        assert_eq!(back, code);
        let from_number: FunctionCode = serde_json::from_str("2010601").unwrap();
        assert_eq!(from_number, code);
        assert!(serde_json::from_str::<FunctionCode>(r#""201060""#).is_err());
        assert!(serde_json::from_str::<FunctionCode>("20100").is_err());
        assert!(serde_json::from_str::<FunctionCode>("99999999999").is_err());
        assert!(serde_json::from_str::<FunctionCode>("-201").is_err());
        let econ: EconomicCode = serde_json::from_str(r#""50101""#).unwrap();
        assert_eq!(econ.scheme(), EconomicScheme::Government);
        // As map keys.
        let map: std::collections::BTreeMap<FunctionCode, u8> =
            serde_json::from_str(r#"{"201": 1, "20106": 2}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            r#"{"201":1,"20106":2}"#
        );
    }

    #[test]
    fn amounts_serialize_with_precision_and_unit() {
        let a = Amount::parse("4789.50", Unit::TenThousandYuan).unwrap();
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"{"value":"4789.50","decimals":2,"unit":"万元"}"#);
        let back: Amount = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
        let exact = Amount::exact(dec!(1.005), Unit::Yuan);
        let json = serde_json::to_string(&exact).unwrap();
        assert_eq!(json, r#"{"value":"1.005","decimals":null,"unit":"元"}"#);
        let back: Amount = serde_json::from_str(&json).unwrap();
        assert!(back.is_exact());
        assert_eq!(back, exact);
        // Deserialization validates like Amount::new.
        assert!(
            serde_json::from_str::<Amount>(r#"{"value":"1","decimals":21,"unit":"元"}"#).is_err()
        );
        assert!(
            serde_json::from_str::<Amount>(r#"{"value":"1","decimals":2,"unit":"千元"}"#).is_err()
        );
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn codes_round_trip_through_json(code in function_code(), econ in economic_code()) {
            let json = serde_json::to_string(&code).unwrap();
            prop_assert_eq!(&json, &format!("\"{code}\""));
            prop_assert_eq!(serde_json::from_str::<FunctionCode>(&json).unwrap(), code);
            let json = serde_json::to_string(&econ).unwrap();
            prop_assert_eq!(serde_json::from_str::<EconomicCode>(&json).unwrap(), econ);
            prop_assert_eq!(serde_json::from_str::<EconomicCode>(&econ.as_u32().to_string()).unwrap(), econ);
        }

        #[test]
        fn amounts_round_trip_through_json(
            mantissa in any::<i64>(),
            scale in 0u32..=28,
            decimals in -20i32..=20,
            exact in any::<bool>(),
            unit in prop::sample::select(vec![Unit::Yuan, Unit::TenThousandYuan, Unit::HundredMillionYuan]),
        ) {
            let value = Decimal::new(mantissa, scale);
            let a = if exact {
                Amount::exact(value, unit)
            } else {
                Amount::new(value, decimals, unit).unwrap()
            };
            let json = serde_json::to_string(&a).unwrap();
            let back: Amount = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, a);
            prop_assert_eq!(back.value().to_string(), a.value().to_string());
            prop_assert_eq!(back.is_exact(), a.is_exact());
        }
    }
}
