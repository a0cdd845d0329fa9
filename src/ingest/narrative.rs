//! Extracting the narrative's claims and name paths. (Being written.)

use crate::audit::Finding;
use crate::disclosure::{Claim, NamePath};
use crate::Catalog;

pub(super) fn extract(_lines: &[String], _catalog: Option<&Catalog>, _problems: &mut Vec<Finding>) -> (Vec<Claim>, Vec<NamePath>) {
    (Vec::new(), Vec::new())
}
