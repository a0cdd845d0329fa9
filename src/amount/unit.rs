use rust_decimal::Decimal;
use std::fmt;

/// The unit a table prints its amounts in.
///
/// ```
/// use cn_budget::Unit;
/// use rust_decimal::Decimal;
/// assert_eq!(Unit::TenThousandYuan.name(), "万元");
/// assert_eq!(Unit::from_name("金额单位：万元"), Some(Unit::TenThousandYuan));
/// assert_eq!(Unit::HundredMillionYuan.in_yuan(), Decimal::from(100_000_000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Unit {
    /// 元.
    #[cfg_attr(feature = "serde", serde(rename = "元"))]
    Yuan,
    /// 万元 (10,000 元), the usual unit of 部门决算 tables.
    #[cfg_attr(feature = "serde", serde(rename = "万元"))]
    TenThousandYuan,
    /// 亿元 (100,000,000 元).
    #[cfg_attr(feature = "serde", serde(rename = "亿元"))]
    HundredMillionYuan,
}

impl Unit {
    /// The Chinese name: 元, 万元 or 亿元.
    pub const fn name(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::TenThousandYuan => "万元",
            Unit::HundredMillionYuan => "亿元",
        }
    }

    /// How many 元 one unit is.
    pub fn in_yuan(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::TenThousandYuan => Decimal::from(10_000),
            Unit::HundredMillionYuan => Decimal::from(100_000_000),
        }
    }

    /// The unit named by a text such as `万元`, `金额单位：万元` or `单位: 元` (the part after
    /// the last colon must be exactly 元, 万元 or 亿元; 千元, 百万元 or 美元 give `None`).
    pub fn from_name(text: &str) -> Option<Unit> {
        // The unit is what follows the last colon of a heading (金额单位：万元), or the text.
        let t = text.rsplit(['：', ':']).next().unwrap_or(text).trim();
        match t {
            "元" => Some(Unit::Yuan),
            "万元" => Some(Unit::TenThousandYuan),
            "亿元" => Some(Unit::HundredMillionYuan),
            _ => None,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn each_unit_has_its_name_and_size_in_yuan() {
        let all: Vec<_> = Unit::iter()
            .map(|u| (u.name(), u.to_string(), u.in_yuan()))
            .collect();
        assert_eq!(
            all,
            [
                ("元", "元".to_owned(), Decimal::ONE),
                ("万元", "万元".to_owned(), Decimal::from(10_000)),
                ("亿元", "亿元".to_owned(), Decimal::from(100_000_000)),
            ]
        );
    }

    #[test]
    fn from_name_reads_the_unit_after_the_last_colon() {
        for u in Unit::iter() {
            assert_eq!(Unit::from_name(u.name()), Some(u));
            assert_eq!(Unit::from_name(&format!("金额单位：{}", u.name())), Some(u));
            assert_eq!(Unit::from_name(&format!("单位: {} ", u.name())), Some(u));
        }
        for text in ["千元", "百万元", "美元", "", "单位：", "万元：千元"] {
            assert_eq!(Unit::from_name(text), None, "{text:?}");
        }
    }
}
