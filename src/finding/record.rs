//! The JSON form of a finding: one flat record (`--json`, `findings.jsonl`).
//!
//! The keys of the flat form are those findings have always had — rule, severity, table,
//! code, name, column, reported, expected, difference, tolerance, message (the rendered
//! `Display`), table_name and page when known — followed by the keys that make the record
//! read back as the same finding, each written only when it applies: the narrative claim,
//! `scope`, the statement of a finding in words, or what a comparison adds to its
//! four amounts (relation, the two intervals, the number of terms, the verdict, the basis and
//! the hint). A record without them (written by an earlier version) reads back as
//! [`Evidence::Recorded`].

use super::{Evidence, Finding, Place, Rule, Scope, Severity, TableRef};
use crate::check::{Comparison, Relation, Verdict};
use crate::Interval;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub(super) struct Record {
    rule: Rule,
    severity: Severity,
    #[serde(default)]
    table: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    column: Option<String>,
    #[serde(default)]
    reported: Option<Decimal>,
    #[serde(default)]
    expected: Option<Decimal>,
    #[serde(default)]
    difference: Option<Decimal>,
    #[serde(default)]
    tolerance: Option<Decimal>,
    #[serde(default)]
    message: String,
    #[serde(default)]
    table_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    claim: Option<String>,
    #[serde(default, skip_serializing_if = "is_part")]
    scope: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    statement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relation: Option<Relation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reported_interval: Option<Interval>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    computed_interval: Option<Interval>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    terms: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    verdict: Option<Verdict>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
}

fn is_part(scope: &Scope) -> bool {
    *scope == Scope::Part
}

impl From<Finding> for Record {
    fn from(f: Finding) -> Record {
        let message = f.to_string();
        let (reported, expected, difference, tolerance) =
            (f.reported(), f.expected(), f.difference(), f.tolerance());
        let Place {
            table,
            code,
            name,
            column,
            claim,
            table_name,
            page,
            scope,
        } = f.place;
        let mut record = Record {
            rule: f.rule,
            severity: f.severity,
            table: table.as_ref().map(|t| t.label().to_owned()),
            code,
            name,
            column,
            reported,
            expected,
            difference,
            tolerance,
            message,
            table_name,
            page,
            claim,
            scope,
            statement: None,
            relation: None,
            reported_interval: None,
            computed_interval: None,
            terms: None,
            verdict: None,
            basis: None,
            hint: None,
        };
        match f.evidence {
            Evidence::Comparison {
                comparison: c,
                basis,
                hint,
            } => {
                record.relation = Some(c.relation);
                record.reported_interval = Some(c.reported_interval);
                record.computed_interval = Some(c.computed_interval);
                record.terms = Some(c.terms);
                record.verdict = Some(c.verdict);
                record.basis = Some(basis);
                record.hint = hint;
            }
            Evidence::Statement(text) => record.statement = Some(text),
            Evidence::Recorded { .. } => {}
        }
        record
    }
}

impl From<Record> for Finding {
    fn from(r: Record) -> Finding {
        // A comparison when the record holds every part of one.
        let comparison = (|| {
            Some(Comparison {
                relation: r.relation?,
                reported: r.reported?,
                reported_interval: r.reported_interval?,
                computed: r.expected?,
                computed_interval: r.computed_interval?,
                difference: r.difference?,
                tolerance: r.tolerance?,
                terms: r.terms?,
                verdict: r.verdict?,
            })
        })();
        let evidence = match (comparison, r.statement) {
            (Some(comparison), _) => Evidence::Comparison {
                comparison,
                basis: r.basis.unwrap_or_default(),
                hint: r.hint,
            },
            (None, Some(text)) => Evidence::Statement(text),
            (None, None) => Evidence::Recorded {
                message: r.message,
                reported: r.reported,
                expected: r.expected,
                difference: r.difference,
                tolerance: r.tolerance,
            },
        };
        Finding {
            rule: r.rule,
            severity: r.severity,
            place: Place {
                table: r.table.as_deref().map(TableRef::from_label),
                code: r.code,
                name: r.name,
                column: r.column,
                claim: r.claim,
                table_name: r.table_name,
                page: r.page,
                scope: r.scope,
            },
            evidence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Evidence, Finding, Place, Rule, Scope, Severity};
    use crate::audit::{audit, AuditOptions, Report};
    use serde_json::Value;

    /// The keys this version adds to those of earlier versions.
    const NEW_KEYS: [&str; 10] = [
        "claim",
        "scope",
        "statement",
        "relation",
        "reported_interval",
        "computed_interval",
        "terms",
        "verdict",
        "basis",
        "hint",
    ];

    fn report() -> Report {
        audit(
            crate::disclosure::Document::embedded().expect("embedded"),
            &AuditOptions::default(),
        )
    }

    #[test]
    fn a_report_reads_back_as_itself_and_its_message_is_the_display() {
        let report = report();
        let json = serde_json::to_value(&report).unwrap();
        for (f, v) in report
            .findings
            .iter()
            .zip(json["findings"].as_array().unwrap())
        {
            assert_eq!(v["message"], f.to_string());
            assert_eq!(v["rule"], f.rule.as_str());
        }
        let back: Report = serde_json::from_value(json).unwrap();
        assert_eq!(back, report);
        // Comparisons, statements and narrative claims are all there.
        let kinds = |p: fn(&Finding) -> bool| report.findings.iter().filter(|f| p(f)).count();
        assert!(kinds(|f| matches!(f.evidence, Evidence::Comparison { .. })) > 0);
        assert!(kinds(|f| matches!(f.evidence, Evidence::Statement(_))) > 0);
        assert!(kinds(|f| f.place.claim.is_some()) > 0);
    }

    #[test]
    fn json_of_an_earlier_version_reads_back_with_its_message_and_amounts() {
        let report = report();
        let mut json = serde_json::to_value(&report).unwrap();
        for f in json["findings"].as_array_mut().unwrap() {
            let Value::Object(m) = f else { panic!("{f}") };
            NEW_KEYS.iter().for_each(|k| {
                m.remove(*k);
            });
        }
        let old = json.clone();
        let back: Report = serde_json::from_value(json).unwrap();
        for (f, was) in back.findings.iter().zip(&report.findings) {
            assert!(matches!(f.evidence, Evidence::Recorded { .. }));
            assert_eq!(f.message(), was.message());
            assert_eq!(
                (f.rule.clone(), f.severity),
                (was.rule.clone(), was.severity)
            );
            assert_eq!(
                (f.table(), f.code(), f.name()),
                (was.table(), was.code(), was.name())
            );
            assert_eq!(
                (f.reported(), f.expected()),
                (was.reported(), was.expected())
            );
            assert_eq!(
                (f.difference(), f.tolerance()),
                (was.difference(), was.tolerance())
            );
            assert_eq!(
                f.place.table, was.place.table,
                "the table's kind is read back"
            );
        }
        // … and writes the same record again.
        assert_eq!(serde_json::to_value(&back).unwrap(), old);
    }

    #[test]
    fn the_scope_and_the_pages_read_back() {
        let text =
            "第一部分标题「2023年度部门决算」所列年度 2023 与本决算年度 2024 不符".to_owned();
        let place = Place {
            name: Some("第一部分".into()),
            scope: Scope::Pages(vec![3, 7]),
            ..Place::default()
        };
        let f = Finding::error(Rule::DocIdentity, place, text.clone());
        assert_eq!(
            f.to_string(),
            format!("[doc.identity] 第3页、第7页：{text}")
        );
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["scope"], serde_json::json!({"pages": [3, 7]}));
        assert_eq!(json["statement"], text.as_str());
        assert_eq!(serde_json::from_value::<Finding>(json).unwrap(), f);
        let whole = Finding::about_document(Rule::IngestTemplate, Severity::Warning, text.clone());
        assert_eq!(whole.to_string(), format!("[ingest.template] 全文：{text}"));
        let json = serde_json::to_value(&whole).unwrap();
        assert_eq!(
            (&json["scope"], &json["table"]),
            (&Value::from("document"), &Value::Null)
        );
        assert_eq!(serde_json::from_value::<Finding>(json).unwrap(), whole);
    }
}
