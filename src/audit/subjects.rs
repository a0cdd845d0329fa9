//! What a narrative claim is about, as the audit reads it: the table cell a subject's figure
//! restates ([`Subject::cell`]), and the code and name a finding gives it.

use super::cross::{CellRef, RowRef};
use crate::disclosure::{
    basic_column, row_identity, BudgetRows, BudgetTableId, CostGroup, Document, Indicator, Measure,
    Side, Subject, TableId, THREE_COSTS_COLUMNS,
};
use crate::{Amount, Catalog, FunctionCode};

impl Subject {
    /// The table cell a narrative figure of this subject and measure restates, if the
    /// subject binds to one: an amount (`Measure::Amount`) to its cell of 公开01–08表 or its
    /// 决算数 in 公开09表, a 三公 budget (`Measure::BudgetFull`) to its 预算数 in 公开09表.
    ///
    /// 基本支出/项目支出 bind to the table of their funds: the department's to 公开03表, those
    /// of one budget's 财政拨款 to 公开05/07/08表. Those of 财政拨款 of every budget
    /// (fiscal_basic, fiscal_project) bind to none: none of the nine tables splits them
    /// (高等学校表4 does, but it has no counterpart among the nine and is not read). A 类 of
    /// the department's spending binds to its row of 公开03表 (本年支出合计); 收入总计 and
    /// 支出总计, which templates print for different totals, bind to none.
    ///
    /// ```
    /// use cn_budget::audit::{CellRef, RowRef};
    /// use cn_budget::disclosure::{Document, Indicator, Measure, Subject, TableId};
    /// let item: Subject = "item:2010601".parse()?;
    /// let cell = item.cell(Measure::Amount).unwrap();
    /// assert_eq!(cell, CellRef::Functional {
    ///     table: TableId::T05,
    ///     row: RowRef::Code("2010601".parse()?),
    ///     column: "小计".into(),
    /// });
    /// assert!(cell.resolve(Document::embedded()?).is_some());
    /// let abroad = Subject::from(Indicator::SangongAbroad);
    /// assert_eq!(abroad.cell(Measure::BudgetFull).unwrap().table(), TableId::T09);
    /// assert_eq!(item.cell(Measure::Share), None);
    /// assert_eq!(Subject::from(Indicator::FiscalBasic).cell(Measure::Amount), None);
    /// assert_eq!(Subject::from(Indicator::IncomeSum).cell(Measure::Amount), None);
    /// let spent: Subject = "department_class:205".parse()?;
    /// assert_eq!(spent.cell(Measure::Amount).unwrap().table(), TableId::T03);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cell(&self, measure: Measure) -> Option<CellRef> {
        use Indicator as I;
        let summary = |table, side, label: &str, column: &str| CellRef::Summary {
            table,
            side,
            label: label.into(),
            column: column.into(),
        };
        let functional = |table, row, column: &str| CellRef::Functional {
            table,
            row,
            column: column.into(),
        };
        let indicator = match (self, measure) {
            (Subject::Indicator(i), Measure::Amount | Measure::BudgetFull) => *i,
            (Subject::Class(code) | Subject::Item(code), Measure::Amount) => {
                return Some(functional(TableId::T05, RowRef::Code(*code), "小计"));
            }
            (Subject::DepartmentClass(code), Measure::Amount) => {
                return Some(functional(
                    TableId::T03,
                    RowRef::Code(*code),
                    "本年支出合计",
                ));
            }
            _ => return None,
        };
        if let Some(i) = sangong_column(indicator) {
            return Some(CellRef::ThreeCosts {
                actual: measure == Measure::Amount,
                column: THREE_COSTS_COLUMNS[i].into(),
            });
        }
        if measure != Measure::Amount {
            return None;
        }
        Some(match indicator {
            I::IncomeFiscal
            | I::IncomeSuperior
            | I::IncomeOperations
            | I::IncomeBusiness
            | I::IncomeAffiliates
            | I::IncomeOther => functional(TableId::T02, RowRef::Total, indicator.name()),
            I::ExpenseBasic
            | I::ExpenseProject
            | I::ExpenseToSuperior
            | I::ExpenseBusiness
            | I::ExpenseToAffiliates => functional(TableId::T03, RowRef::Total, indicator.name()),
            I::Total => summary(TableId::T01, Side::Income, "总计", "金额"),
            I::IncomeTotal => summary(TableId::T01, Side::Income, "本年收入合计", "金额"),
            I::ExpenseTotal => summary(TableId::T01, Side::Expense, "本年支出合计", "金额"),
            I::CarryIn => summary(TableId::T01, Side::Income, "年初结转和结余", "金额"),
            I::CarryOut => summary(TableId::T01, Side::Expense, "年末结转和结余", "金额"),
            I::FiscalTotal => summary(TableId::T04, Side::Expense, "总计", "小计"),
            I::FiscalExpense => summary(TableId::T04, Side::Expense, "本年支出合计", "小计"),
            I::GpbIncome => summary(TableId::T04, Side::Income, "一般公共预算财政拨款", "决算数"),
            I::GpbExpense | I::PerformanceOverallFunds => {
                functional(TableId::T05, RowRef::Total, "小计")
            }
            I::GpbBasic => functional(TableId::T05, RowRef::Total, "基本支出"),
            I::GpbProject | I::PerformanceFunds => {
                functional(TableId::T05, RowRef::Total, "项目支出")
            }
            I::FundBasic => functional(TableId::T07, RowRef::Total, "本年支出基本支出"),
            I::FundProject => functional(TableId::T07, RowRef::Total, "本年支出项目支出"),
            I::SoeBasic => functional(TableId::T08, RowRef::Total, "基本支出"),
            I::SoeProject => functional(TableId::T08, RowRef::Total, "项目支出"),
            I::Personnel => CellRef::BasicTotal(CostGroup::Personnel),
            I::PublicFunds | I::OperatingCosts => CellRef::BasicTotal(CostGroup::Public),
            _ => return None,
        })
    }
}

/// A cell of a 部门预算's tables that a narrative amount restates (see
/// [`Subject::budget_cell`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BudgetCell {
    /// The table.
    pub(crate) table: BudgetTableId,
    /// Where in it.
    pub(crate) at: BudgetAt,
}

/// Where a [`BudgetCell`] is in its table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BudgetAt {
    /// The 收入总计 line of a 收支总表 (its first amount column).
    IncomeTotal,
    /// The 合计 row, in the column of the header's total (合计).
    Total,
    /// The 合计 row, in the column of 基本支出 ([`basic_column`]).
    Basic,
    /// The 合计 row, in the column headed 项目支出.
    Project,
    /// The row of a 项, in the column of [`BudgetAt::Total`].
    Item(FunctionCode),
}

impl BudgetCell {
    /// The table's figure: `None` when the table is not printed or not read (the claim is
    /// then not checked), `Some(None)` when the cell is blank.
    pub(crate) fn resolve(&self, doc: &Document) -> Option<Option<Amount>> {
        let t = doc.budget.iter().find(|t| t.id == self.table)?;
        match (&t.rows, self.at) {
            (BudgetRows::Summary(s), BudgetAt::IncomeTotal) => Some(
                s.line(Side::Income, "收入总计")?
                    .cells
                    .first()
                    .copied()
                    .flatten(),
            ),
            // Only a header whose columns are understood (it splits a total into kinds of
            // expenditure, which `b.row_total` checks on every row) is trusted: a header read
            // as one run-together heading would shift the 合计 row's figures.
            (BudgetRows::Functional(f), at) => {
                let columns = f.columns();
                let (total, _) = row_identity(columns)?;
                let basic = basic_column(columns);
                let col = match at {
                    // The total the header splits, unless that is the 小计 of 基本支出 (合计 |
                    // 小计 人员经费 公用经费 | 项目支出): then the 合计 before it.
                    BudgetAt::Total | BudgetAt::Item(_) if basic == Some(total) => {
                        columns.iter().position(|c| c.ends_with("合计"))
                    }
                    BudgetAt::Total | BudgetAt::Item(_) => Some(total),
                    BudgetAt::Basic => basic,
                    BudgetAt::Project => columns.iter().position(|c| c.ends_with("项目支出")),
                    BudgetAt::IncomeTotal => None,
                }?;
                let cells = match at {
                    BudgetAt::Item(code) => &f.row(code)?.cells,
                    _ => f.total()?,
                };
                // A row shorter than the header was not read whole.
                Some(*cells.get(col)?)
            }
            _ => None,
        }
    }

    /// The table's title as the document prints it, for findings, when the table is printed.
    pub(crate) fn title<'d>(&self, doc: &'d Document) -> Option<&'d str> {
        doc.budget
            .iter()
            .find(|t| t.id == self.table)
            .map(|t| t.title.as_str())
    }

    /// The cell in words: 「收入总计」, 「合计行 基本支出」.
    pub(crate) fn describe(&self) -> &'static str {
        match self.at {
            BudgetAt::IncomeTotal => "收入总计",
            BudgetAt::Total => "合计行 合计",
            BudgetAt::Basic => "合计行 基本支出",
            BudgetAt::Project => "合计行 项目支出",
            BudgetAt::Item(_) => "该项 合计",
        }
    }
}

impl Subject {
    /// The cell of a 部门预算's tables an amount of this subject restates, if the subject
    /// binds to one: 收支总计 to the 收入总计 of 收支总表, 财政拨款收支总计 to that of 财政拨款
    /// 收支总表, 本年支出合计 and the department's 基本支出/项目支出 to the 合计 row of 支出总表,
    /// 一般公共预算 支出 and its 基本支出/项目支出 to the 合计 row of 一般公共预算支出表, a 项 to
    /// its row there (as a 决算's 项 binds to 公开05表). Other subjects (incomes by source, 类,
    /// 三公, 政府采购 …) bind to none yet.
    pub(crate) fn budget_cell(&self, measure: Measure) -> Option<BudgetCell> {
        use BudgetTableId as B;
        use Indicator as I;
        let i = match (self, measure) {
            (Subject::Indicator(i), Measure::Amount) => i,
            (Subject::Item(code), Measure::Amount) => {
                return Some(BudgetCell {
                    table: B::GeneralExpenditure,
                    at: BudgetAt::Item(*code),
                })
            }
            _ => return None,
        };
        let (table, at) = match i {
            I::Total => (B::Summary, BudgetAt::IncomeTotal),
            I::FiscalTotal => (B::FiscalSummary, BudgetAt::IncomeTotal),
            I::ExpenseTotal => (B::Expenditure, BudgetAt::Total),
            I::ExpenseBasic => (B::Expenditure, BudgetAt::Basic),
            I::ExpenseProject => (B::Expenditure, BudgetAt::Project),
            I::GpbExpense => (B::GeneralExpenditure, BudgetAt::Total),
            I::GpbBasic => (B::GeneralExpenditure, BudgetAt::Basic),
            I::GpbProject => (B::GeneralExpenditure, BudgetAt::Project),
            _ => return None,
        };
        Some(BudgetCell { table, at })
    }
}

/// The column of 公开09表 ([`THREE_COSTS_COLUMNS`]) a 三公 amount is printed in.
fn sangong_column(i: Indicator) -> Option<usize> {
    Some(match i {
        Indicator::SangongTotal => 0,
        Indicator::SangongAbroad => 1,
        Indicator::SangongVehicle => 2,
        Indicator::SangongVehiclePurchase => 3,
        Indicator::SangongVehicleOperation => 4,
        Indicator::SangongReception => 5,
        _ => return None,
    })
}

/// Whether the subject is one of the 三公 amounts of 公开09表.
pub(super) fn is_sangong(subject: &Subject) -> bool {
    subject.indicator().and_then(sangong_column).is_some()
}

/// The code and name of a claim's subject: a 类 or 项 gives its code and its name in the
/// catalog (no name if the catalog lacks it); other subjects give no code and their name.
pub(super) fn code_and_name(
    subject: &Subject,
    catalog: Option<&Catalog>,
) -> (Option<String>, Option<String>) {
    match subject.code() {
        Some(code) => {
            let name = catalog.and_then(|c| c.functional().name(code));
            (Some(code.to_string()), name.map(str::to_owned))
        }
        None => (None, subject.name().map(str::to_owned)),
    }
}

#[cfg(test)]
mod tests {
    use super::code_and_name;
    use crate::Catalog;

    #[test]
    fn items_and_classes_carry_their_code_and_name() {
        let catalog = Catalog::edition(2024).ok();
        let s = |t: &str| t.parse().unwrap();
        let item = code_and_name(&s("item:2010601"), catalog);
        assert_eq!(item, (Some("2010601".into()), Some("行政运行".into())));
        let class = code_and_name(&s("class:208"), catalog);
        assert_eq!(
            class,
            (Some("208".into()), Some("社会保障和就业支出".into()))
        );
        assert_eq!(code_and_name(&s("item:2010601"), None).1, None);
        assert_eq!(
            code_and_name(&s("sangong:abroad"), catalog).1.as_deref(),
            Some("因公出国（境）费")
        );
        assert_eq!(
            code_and_name(&s("income:事业收入"), catalog).1.as_deref(),
            Some("事业收入")
        );
    }
}
