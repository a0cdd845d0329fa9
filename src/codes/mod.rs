//! Typed classification codes: [`FunctionCode`], [`EconomicCode`], the [`Level`]s and the
//! typed 类 enums.
//!
//! Strict parsing (`FromStr`) accepts the plain digits; [`FunctionCode::parse_lenient`] and
//! [`EconomicCode::parse_lenient`] accept text as PDF extractors produce it.
//!
//! ```
//! use cn_budget::{Code, FunctionCode, FunctionClass};
//! let code: FunctionCode = "2080505".parse()?;
//! assert_eq!(FunctionClass::from_code(code), Some(FunctionClass::SocialSecurityAndEmployment));
//! # Ok::<(), cn_budget::codes::ParseCodeError>(())
//! ```

mod classes;
mod code;
mod error;
mod level;
mod text;

pub use classes::{DepartmentEconomicClass, FunctionClass, GovernmentEconomicClass};
pub(crate) use code::CodeKey;
pub use code::{Ancestors, Code, CodeAndName, EconomicCode, EconomicScheme, FunctionCode};
pub use error::{CodeKind, ParseCodeError};
pub use level::Level;
pub(crate) use text::{is_ideograph, to_half_width_char};
pub use text::{normalize_name, to_half_width};
