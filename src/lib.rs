//! cn-budget (WIP)
#![forbid(unsafe_code)]
#![deny(missing_docs, rustdoc::broken_intra_doc_links)]
#![warn(missing_debug_implementations)]

pub mod codes;

pub use codes::{
    Code, DepartmentEconomicClass, EconomicCode, EconomicScheme, FunctionClass, FunctionCode,
    GovernmentEconomicClass, Level,
};
pub mod amount;
pub use amount::{Amount, AmountError, Interval, Rounding, Unit};
pub mod catalog;
pub use catalog::Catalog;
pub mod check;
pub mod tree;
