//! Helpers for the rules' unit tests.

use super::{audit, AuditOptions, Finding, Rule, Severity};
use crate::disclosure::Document;
use crate::{Amount, Unit};

/// A fresh copy of the embedded document.
pub(crate) fn doc() -> Document {
    Document::embedded().expect("embedded document").clone()
}

/// A printed amount in 万元.
pub(crate) fn wan(text: &str) -> Option<Amount> {
    Some(Amount::parse(text, Unit::TenThousandYuan).expect("amount"))
}

/// The findings of one rule with a severity.
pub(crate) fn findings(doc: &Document, rule: &str, severity: Severity) -> Vec<Finding> {
    let id: Rule = rule.parse().expect("a rule id");
    audit(doc, &AuditOptions::default())
        .findings
        .into_iter()
        .filter(|f| f.rule == id && f.severity == severity)
        .collect()
}
