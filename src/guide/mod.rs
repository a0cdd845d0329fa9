//! Guides: short task-oriented pages beside the crate tour, each with runnable examples.
//!
//! This module holds documentation only; the examples are compiled and run as doctests.
//!
//! - [Audit a PDF](audit_a_pdf): read a published 部门决算公开 and report what does not add up.
//! - [Roll up a file of line items](roll_up_line_items): exact sums up the 类/款/项 tree, and
//!   functional × economic tables.
//! - [Add a cross-table rule](add_a_cross_table_rule): a new identity between tables, as data
//!   or built in.
//! - [Load an official edition from a spreadsheet](load_an_edition): export, load, compare with
//!   the embedded edition.

#[doc = include_str!("../../docs/guide/audit-a-pdf.md")]
pub mod audit_a_pdf {}

#[doc = include_str!("../../docs/guide/roll-up-line-items.md")]
pub mod roll_up_line_items {}

#[doc = include_str!("../../docs/guide/add-a-cross-table-rule.md")]
pub mod add_a_cross_table_rule {}

#[doc = include_str!("../../docs/guide/load-an-edition.md")]
pub mod load_an_edition {}
