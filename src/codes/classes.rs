//! Typed enums for the 类 of each classification.
//!
//! The names are those of the 2024 and 2025 editions; an edition-specific name (and whether a
//! 类 exists in a given edition at all) comes from the [`crate::Catalog`]. The enums are
//! `#[non_exhaustive]` because the Ministry of Finance adds 类 from time to time.

macro_rules! class_enum {
    (
        $(#[$doc:meta])* $name:ident, $code:ident, $example:literal, $example_name:literal,
        $unknown:literal,
        $( $(#[$vdoc:meta])* $variant:ident = $value:literal => $cn:literal, )+
    ) => {
        $(#[$doc])*
        #[doc = concat!(
            "```\n",
            "use cn_budget::{", stringify!($name), ", ", stringify!($code), "};\n",
            "let class = ", stringify!($name), "::from_value(", $example, ").unwrap();\n",
            "assert_eq!(class.name(), \"", $example_name, "\");\n",
            "assert_eq!(class as u16, ", $example, ");\n",
            "assert_eq!(class.code().to_string(), \"", $example, "\");\n",
            "let code: ", stringify!($code), " = \"", $example, "\".parse()?;\n",
            "assert_eq!(", stringify!($name), "::from_code(code), Some(class));\n",
            "let section: ", stringify!($code), " = \"", $example, "01\".parse()?;\n",
            "assert_eq!(", stringify!($name), "::from_code(section), Some(class));\n",
            "assert_eq!(class.to_string(), \"", $example, "\");\n",
            "assert_eq!(", stringify!($name), "::ALL[0], class);\n",
            "assert!(", stringify!($name), "::ALL.windows(2).all(|w| w[0] < w[1]));\n",
            "assert_eq!(", stringify!($name), "::from_value(", $unknown, "), None);\n",
            "let unknown: ", stringify!($code), " = \"", $unknown, "\".parse()?;\n",
            "assert_eq!(", stringify!($name), "::from_code(unknown), None);\n",
            "# Ok::<(), cn_budget::codes::ParseCodeError>(())\n",
            "```",
        )]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        #[repr(u16)]
        pub enum $name {
            $( $(#[$vdoc])* #[doc = concat!($value, " ", $cn)] $variant = $value, )+
        }

        impl $name {
            /// Every 类 of this enum, in code order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The official Chinese name (2024/2025 editions).
            pub const fn name(self) -> &'static str {
                match self { $($name::$variant => $cn,)+ }
            }

            /// The 类 with this three-digit code, if the enum knows it.
            pub const fn from_value(value: u16) -> Option<Self> {
                match value { $($value => Some($name::$variant),)+ _ => None }
            }

            /// The 类 a code belongs to, if the enum knows it.
            pub fn from_code(code: crate::$code) -> Option<Self> {
                use crate::Code;
                Self::from_value(code.class().as_u32() as u16)
            }

            /// The 类 as a code.
            pub fn code(self) -> crate::$code {
                crate::$code::try_from(self as u32).expect("every class value is a valid code")
            }
        }

        impl std::fmt::Display for $name {
            /// Prints the three-digit code, like the code types.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", *self as u16)
            }
        }
    };
}

class_enum!(
    /// A 类 of the 支出功能分类 (functional classification of expenditure).
    FunctionClass, FunctionCode, "201", "一般公共服务支出", "218",
    /// 一般公共服务支出
    GeneralPublicServices = 201 => "一般公共服务支出",
    /// 外交支出
    ForeignAffairs = 202 => "外交支出",
    /// 国防支出
    NationalDefense = 203 => "国防支出",
    /// 公共安全支出
    PublicSecurity = 204 => "公共安全支出",
    /// 教育支出
    Education = 205 => "教育支出",
    /// 科学技术支出
    ScienceAndTechnology = 206 => "科学技术支出",
    /// 文化旅游体育与传媒支出
    CultureTourismSportsAndMedia = 207 => "文化旅游体育与传媒支出",
    /// 社会保障和就业支出
    SocialSecurityAndEmployment = 208 => "社会保障和就业支出",
    /// 卫生健康支出
    Health = 210 => "卫生健康支出",
    /// 节能环保支出
    EnergySavingAndEnvironment = 211 => "节能环保支出",
    /// 城乡社区支出
    UrbanAndRuralCommunities = 212 => "城乡社区支出",
    /// 农林水支出
    AgricultureForestryAndWater = 213 => "农林水支出",
    /// 交通运输支出
    Transportation = 214 => "交通运输支出",
    /// 资源勘探工业信息等支出
    ResourceExplorationIndustryAndInformation = 215 => "资源勘探工业信息等支出",
    /// 商业服务业等支出
    CommerceAndServices = 216 => "商业服务业等支出",
    /// 金融支出
    Finance = 217 => "金融支出",
    /// 援助其他地区支出
    AidToOtherRegions = 219 => "援助其他地区支出",
    /// 自然资源海洋气象等支出
    NaturalResourcesOceansAndMeteorology = 220 => "自然资源海洋气象等支出",
    /// 住房保障支出
    Housing = 221 => "住房保障支出",
    /// 粮油物资储备支出
    GrainOilAndMaterialReserves = 222 => "粮油物资储备支出",
    /// 国有资本经营预算支出
    StateCapitalOperations = 223 => "国有资本经营预算支出",
    /// 灾害防治及应急管理支出
    DisasterPreventionAndEmergencyManagement = 224 => "灾害防治及应急管理支出",
    /// 预备费
    ReserveFund = 227 => "预备费",
    /// 其他支出
    Other = 229 => "其他支出",
    /// 转移性支出
    Transfers = 230 => "转移性支出",
    /// 债务还本支出
    DebtPrincipal = 231 => "债务还本支出",
    /// 债务付息支出
    DebtInterest = 232 => "债务付息支出",
    /// 债务发行费用支出
    DebtIssuanceCosts = 233 => "债务发行费用支出",
    /// 抗疫特别国债安排的支出 (introduced for 2020; still printed in 部门决算 templates)
    AntiEpidemicSpecialTreasuryBonds = 234 => "抗疫特别国债安排的支出",
);

class_enum!(
    /// A 类 of the 部门预算支出经济分类 (economic classification for department budgets).
    DepartmentEconomicClass, EconomicCode, "301", "工资福利支出", "398",
    /// 工资福利支出
    WagesAndBenefits = 301 => "工资福利支出",
    /// 商品和服务支出
    GoodsAndServices = 302 => "商品和服务支出",
    /// 对个人和家庭的补助
    SubsidiesToIndividualsAndHouseholds = 303 => "对个人和家庭的补助",
    /// 债务利息及费用支出
    DebtInterestAndFees = 307 => "债务利息及费用支出",
    /// 资本性支出（基本建设）
    CapitalExpenditureInfrastructure = 309 => "资本性支出（基本建设）",
    /// 资本性支出
    CapitalExpenditure = 310 => "资本性支出",
    /// 对企业补助（基本建设）
    SubsidiesToEnterprisesInfrastructure = 311 => "对企业补助（基本建设）",
    /// 对企业补助
    SubsidiesToEnterprises = 312 => "对企业补助",
    /// 对社会保障基金补助
    SubsidiesToSocialSecurityFunds = 313 => "对社会保障基金补助",
    /// 其他支出
    Other = 399 => "其他支出",
);

class_enum!(
    /// A 类 of the 政府预算支出经济分类 (economic classification for government budgets).
    GovernmentEconomicClass, EconomicCode, "501", "机关工资福利支出", "598",
    /// 机关工资福利支出
    AgencyWagesAndBenefits = 501 => "机关工资福利支出",
    /// 机关商品和服务支出
    AgencyGoodsAndServices = 502 => "机关商品和服务支出",
    /// 机关资本性支出（一）
    AgencyCapitalExpenditureI = 503 => "机关资本性支出（一）",
    /// 机关资本性支出（二）
    AgencyCapitalExpenditureII = 504 => "机关资本性支出（二）",
    /// 对事业单位经常性补助
    CurrentSubsidiesToInstitutions = 505 => "对事业单位经常性补助",
    /// 对事业单位资本性补助
    CapitalSubsidiesToInstitutions = 506 => "对事业单位资本性补助",
    /// 对企业补助
    SubsidiesToEnterprises = 507 => "对企业补助",
    /// 对企业资本性支出
    CapitalExpenditureOnEnterprises = 508 => "对企业资本性支出",
    /// 对个人和家庭的补助
    SubsidiesToIndividualsAndHouseholds = 509 => "对个人和家庭的补助",
    /// 对社会保障基金补助
    SubsidiesToSocialSecurityFunds = 510 => "对社会保障基金补助",
    /// 债务利息及费用支出
    DebtInterestAndFees = 511 => "债务利息及费用支出",
    /// 债务还本支出
    DebtPrincipal = 512 => "债务还本支出",
    /// 转移性支出
    Transfers = 513 => "转移性支出",
    /// 预备费及预留
    ReservesAndProvisions = 514 => "预备费及预留",
    /// 其他支出
    Other = 599 => "其他支出",
);
