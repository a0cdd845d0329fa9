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
        let comparison = match (
            r.relation,
            r.reported_interval,
            r.computed_interval,
            r.terms,
            r.verdict,
        ) {
            (
                Some(relation),
                Some(reported_interval),
                Some(computed_interval),
                Some(terms),
                Some(verdict),
            ) => match (r.reported, r.expected, r.difference, r.tolerance) {
                (Some(reported), Some(computed), Some(difference), Some(tolerance)) => {
                    Some(Comparison {
                        relation,
                        reported,
                        reported_interval,
                        computed,
                        computed_interval,
                        difference,
                        tolerance,
                        terms,
                        verdict,
                    })
                }
                _ => None,
            },
            _ => None,
        };
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
