//! Random text and damaged seed lines never make the extraction panic, and every quote is
//! taken from the input.

use super::{audited, run, seed_lines};
use crate::ingest::narrative::RULE;
use crate::Catalog;

/// Characters that exercise every scanner.
const NOISE: &str = "[0-9.,%％万元亿辆个台套（）()类款项、，。：:；第三五六部分一二十年度占本收入支出合计为比上较减少下降增加持平决算数大于年初全年预算的完成执行率其中资金设备用车自评表共涉及项目 \t]{0,80}";

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    #[test]
    fn random_text_never_panics(raw in proptest::collection::vec(NOISE, 0..30)) {
        let (claims, names, _) = run(&raw, Catalog::edition(2024).ok());
        for (i, c) in claims.iter().enumerate() {
            proptest::prop_assert_eq!(&c.id, &format!("c{:03}", i + 1));
            proptest::prop_assert!(raw.iter().any(|l| l.contains(c.quote.as_str())));
        }
        for n in &names {
            proptest::prop_assert!(!n.printed.is_empty());
        }
    }

    #[test]
    fn damaged_seed_lines_never_panic(
        ops in proptest::collection::vec((0..600usize, 0..300usize, 0..3u8), 0..30)
    ) {
        let mut ls: Vec<Vec<char>> = seed_lines().iter().map(|l| l.chars().collect()).collect();
        for (l, at, op) in ops {
            let n = ls.len();
            let line = &mut ls[l % n];
            let at = at.min(line.len());
            match op {
                0 => {
                    let rest = line.split_off(at);
                    ls.insert(l % n + 1, rest);
                }
                1 => line.insert(at, ' '),
                _ => {
                    let digits: Vec<usize> = (0..line.len()).filter(|&i| line[i].is_ascii_digit()).collect();
                    if digits.len() >= 2 {
                        let i = at % (digits.len() - 1);
                        line.swap(digits[i], digits[i + 1]);
                    }
                }
            }
        }
        let raw: Vec<String> = ls.into_iter().map(String::from_iter).collect();
        let (claims, _, problems) = run(&raw, Catalog::edition(2024).ok());
        for c in &claims {
            proptest::prop_assert!(raw.iter().any(|l| l.contains(c.quote.as_str())));
        }
        proptest::prop_assert!(problems
            .iter()
            .all(|p| p.rule == RULE || p.rule == crate::finding::Rule::IngestUnchecked));
        let _ = audited(claims);
    }
}
