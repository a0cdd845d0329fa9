//! Subjects: what a clause names (a name path, a 类, a label), and the subject a number
//! falls back on when the clause names none.

use super::chars::{at, ch, find, len, squeeze, text};
use super::funds::{self, Funds};
use super::scanner::{content_start, numbers, UnitKind};
use super::vocabulary::{Kind, Names, BUDGET_LABELS, LABELS};
use super::walker::{Ctx, Walker};
use super::Reading;
use crate::codes::FunctionCode;
use crate::disclosure::{Indicator, Subject};
use crate::{Code, Level};

/// What a clause names before a position.
#[derive(Clone, Debug)]
pub(super) enum Named {
    /// A subject and where its name starts.
    Found(Subject, usize),
    /// A name is printed but cannot be resolved (why).
    Unresolved(String),
    /// No name.
    Nothing,
}

impl Walker<'_> {
    /// The subject of the last claim, else the topic.
    pub(super) fn current(&self) -> Option<Subject> {
        self.last.clone().or_else(|| self.topic.clone())
    }

    /// The subject of the first claim of this section, else of the innermost enclosing
    /// section that has one, other than `part` (a share is never of its own subject).
    pub(super) fn enclosing_head(&self, part: &Subject) -> Option<Subject> {
        std::iter::once(self.section.clone())
            .chain(self.section.ancestors())
            .filter_map(|s| self.heads.get(&s.label(&self.prefix, self.depth)))
            .find(|h| *h != part)
            .cloned()
    }

    /// The subject named before `to` in the clause, else the subject named by an earlier
    /// clause of the sentence without figures (主要原因：项目支出增加，较上一度增加 1133.95 万元),
    /// else the topic (or last subject; the last subject first among the parts after 其中).
    pub(super) fn subject_before(
        &self,
        c: &Ctx,
        to: usize,
        what: &str,
        parts: bool,
        pending: Option<&Subject>,
    ) -> Result<(Subject, bool), String> {
        let fallback = match self.named(c, c.start, to, |k| k == Kind::Amount) {
            Named::Found(s, _) => return Ok((s, true)),
            Named::Unresolved(why) => return Err(why),
            // After 其中 the figure is about the part just named (其中：基本支出 …，比 2023
            // 年度增加 12.00 万元), not the total the paragraph is about.
            // A name that cannot be told (教育支出 without a catalog) is not the part before.
            Named::Nothing if self.names_something(c, to) => None,
            Named::Nothing if pending.is_some() => pending.cloned(),
            Named::Nothing if parts => self.last.clone().or_else(|| self.topic.clone()),
            Named::Nothing => self.topic.clone().or_else(|| self.last.clone()),
        };
        fallback
            .map(|s| (s, false))
            .ok_or_else(|| format!("未能确定{what}所属对象"))
    }

    /// What the clause names in `from..to` (the last name wins): a name path (项), a class
    /// name before 类支出, or a label of an accepted kind.
    pub(super) fn named(
        &self,
        c: &Ctx,
        from: usize,
        to: usize,
        kind: impl Fn(Kind) -> bool,
    ) -> Named {
        if let Some(p) = c
            .paths
            .iter()
            .rev()
            .find(|p| p.start >= from && p.end <= to)
        {
            return match &p.subject {
                Ok(s) => Named::Found(s.clone(), p.start),
                Err(why) => Named::Unresolved(why.clone()),
            };
        }
        let chars = c.chars();
        // A budget's 项 named with its code (一般行政管理事务（2060102）支出 5.40 万元).
        if self.reading == Reading::Budget && kind(Kind::Amount) {
            if let Some((start, code)) = coded_item(chars, from, to) {
                return Named::Found(Subject::Item(code), start);
            }
        }
        // A class name with its marker (一般公共服务支出（类）2106.66 万元).
        let marked = ["（类）", "(类)"]
            .iter()
            .filter_map(|m| find(chars, from, to, m))
            .min();
        if let Some(k) = marked {
            let mut start = content_start(chars, from, k);
            if at(chars, start, "其中") {
                start += 2;
            }
            let name = squeeze(&text(chars, start, k));
            if !name.is_empty() {
                return match self.resolve_class(&name) {
                    Ok(s) => Named::Found(s, start),
                    Err(why) => Named::Unresolved(why),
                };
            }
        }
        if let Some(k) = find(chars, from, to, "类支出") {
            let start = content_start(chars, from, k);
            let name = squeeze(&text(chars, start, k));
            if !name.is_empty() {
                return match self.resolve_class(&name) {
                    Ok(s) => Named::Found(s, start),
                    Err(why) => Named::Unresolved(why),
                };
            }
        }
        // A 项 named with its code (小学教育（2050202），2023 年度决算数为 …); a budget's was
        // looked for above.
        if self.reading == Reading::Accounts && kind(Kind::Amount) {
            if let Some((start, code)) = coded_item(chars, from, to) {
                return Named::Found(Subject::Item(code), start);
            }
        }
        match self
            .label_hits(c, from, to)
            .into_iter()
            .rev()
            .find(|(_, k, _)| kind(*k))
        {
            Some((start, _, Ok(s))) => Named::Found(s, start),
            Some((_, _, Err(why))) => Named::Unresolved(why),
            None if kind(Kind::Amount) => self.bare_class(c, from, to),
            None => Named::Nothing,
        }
    }

    /// Whether the words of the clause before `to` are a name the reader cannot tell (教育支出
    /// when the catalog is missing, 国内公务接待支出): a figure after them is not about the
    /// subject before.
    fn names_something(&self, c: &Ctx, to: usize) -> bool {
        plain_name(c.chars(), c.start, to)
            .is_some_and(|(_, name)| ["支出", "收入", "经费"].iter().any(|w| name.ends_with(w)))
    }

    /// A 类 named without its marker by all the words before `to` (按照支出功能科目划分，教育支出
    /// 425,287.27 万元; 其中：教育支出增加 …): a name ending with 支出 that the catalog knows
    /// as a 类, of the funds the passage is about.
    fn bare_class(&self, c: &Ctx, from: usize, to: usize) -> Named {
        let Some((start, name)) =
            plain_name(c.chars(), from, to).filter(|(_, n)| n.ends_with("支出"))
        else {
            return Named::Nothing;
        };
        let code = match self.catalog {
            Some(cat) => cat.resolve_names(&[name.as_str()]).ok(),
            None => self.printed.resolve(&[name.as_str()]),
        };
        let Some(code) = code.filter(|code| code.level() == Level::Class) else {
            return Named::Nothing;
        };
        self.class_of_funds(code, self.funds_at(c, start))
            .map_or(Named::Nothing, |s| Named::Found(s, start))
    }

    /// The subject of a 类 spent from `funds`: of the department's spending (公开03表) or of
    /// 一般公共预算财政拨款支出 (公开05表); none for other funds, whose 类 no table of the
    /// nine lists by code for every budget at once.
    fn class_of_funds(&self, code: FunctionCode, funds: Funds) -> Option<Subject> {
        match funds {
            Funds::Department => Some(Subject::DepartmentClass(code)),
            Funds::GeneralBudget => Some(Subject::Class(code)),
            _ => None,
        }
    }

    /// The amount label a clause without figures names (项目支出增加), if any.
    pub(super) fn named_without_figures(&self, c: &Ctx) -> Option<Subject> {
        let chars = c.chars();
        let figures = numbers(chars, c.start, c.end)
            .iter()
            .any(|n| n.unit != UnitKind::Other);
        if figures {
            return None;
        }
        match self.named(c, c.start, c.tail, |k| k == Kind::Amount) {
            Named::Found(s, _) => Some(s),
            _ => None,
        }
    }

    /// The whole a clause without figures names for the shares that follow it: an amount
    /// label in a clause ending with 中 (“三公”经费财政拨款支出决算中，因公出国（境）费 0 万元，
    /// 占 0%).
    pub(super) fn whole_named(&self, c: &Ctx) -> Option<Subject> {
        let ends = c.tail > c.lead && c.chars().get(c.tail - 1) == Some(&'中');
        ends.then(|| self.named_without_figures(c)).flatten()
    }

    /// The labels in `from..to`, scanned left to right, longest match first, with the
    /// subjects they resolve to in context, or why they name none that can be told (labels
    /// that name nothing in their context are dropped).
    fn label_hits(
        &self,
        c: &Ctx,
        from: usize,
        to: usize,
    ) -> Vec<(usize, Kind, Result<Subject, String>)> {
        let chars = c.chars();
        let mut hits = Vec::new();
        let mut i = from;
        let mut after_label = None;
        while i < to {
            let best = self
                .labels()
                .filter(|(l, _, _)| i + len(l) <= to && at(chars, i, l))
                .max_by_key(|(l, _, _)| len(l));
            match best {
                Some((l, kind, names)) => {
                    let qualifies = after_label == Some(i);
                    let resolved = match names {
                        Names::Unqualified(_) if qualifies => None,
                        _ => self.resolve_label(c, i, *names),
                    };
                    if let Some(s) = resolved {
                        hits.push((i, *kind, s));
                    }
                    i += len(l);
                    after_label = Some(i);
                }
                None => i += 1,
            }
        }
        hits
    }

    /// The labels of the vocabulary: a budget's text adds its own ([`BUDGET_LABELS`]).
    fn labels(&self) -> impl Iterator<Item = &'static (&'static str, Kind, Names)> {
        let budget: &[_] = match self.reading {
            Reading::Budget => BUDGET_LABELS,
            Reading::Accounts => &[],
        };
        LABELS.iter().chain(budget)
    }

    /// The subject a label at `i` names in its context (`Err` when it names one that cannot
    /// be told), `None` when it names nothing there.
    fn resolve_label(&self, c: &Ctx, i: usize, names: Names) -> Option<Result<Subject, String>> {
        let chars = c.chars();
        let before = squeeze(&text(chars, c.start, i));
        let sentence = text(chars, c.sentence.0, c.sentence.1);
        let fixed = |i: Indicator| Some(Ok(Subject::from(i)));
        match names {
            Names::Fixed(s) | Names::Unqualified(s) => fixed(s),
            Names::Spending(basic) => fixed(self.funds_at(c, i).spending(basic)),
            // 工程类采购授予中小企业合同金额 is the award of one kind of purchase (货物, 工程,
            // 服务, …类), not of all.
            Names::Awarded(s) => {
                let words = before
                    .rsplit(['，', '；', '：', '、'])
                    .next()
                    .unwrap_or_default();
                let kinds = ["货物", "工程", "服务", "类"];
                match words.strip_suffix("采购") {
                    Some(kind) if kinds.iter().any(|k| kind.ends_with(k)) => {
                        Some(Err(format!("「{words}」所授予的合同金额不是可识别的指标")))
                    }
                    _ => fixed(s),
                }
            }
            Names::Funds => sentence.contains("绩效自评").then(|| {
                // The part of the sentence since the last ；: 「…；组织对 0 个政府性基金预算
                // 项目开展绩效自评，共涉及资金 0 万元」 is about other projects.
                let part: String = text(chars, c.sentence.0, i)
                    .rsplit(['；', ';'])
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                Ok(Subject::from(if part.contains("政府性基金") {
                    Indicator::PerformanceFundFunds
                } else if sentence.contains("整体") {
                    Indicator::PerformanceOverallFunds
                } else {
                    Indicator::PerformanceFunds
                }))
            }),
            Names::Totals => Some(match self.funds_at(c, i) {
                Funds::Department => Ok(Indicator::Total.into()),
                Funds::Fiscal => Ok(Indicator::FiscalTotal.into()),
                _ => Err("某一预算的收支总计不是可识别的指标".to_owned()),
            }),
            Names::Equipment => before
                .replace("（含）", "")
                .replace("(含)", "")
                .ends_with("100万元以上")
                .then(|| Ok(Indicator::EquipmentOver1m.into())),
        }
    }

    /// Whose money a 基本支出/项目支出 at `i` is: the qualifier printed right before it, else
    /// the funds the sentence names before its 其中 (财政拨款支出总计为 …，其中：基本支出), else
    /// the funds of the paragraph's topic, else of the section's heading, else the
    /// department's (see [`funds`](super::funds)).
    pub(super) fn funds_at(&self, c: &Ctx, i: usize) -> Funds {
        let chars = c.chars();
        let whole = find(chars, c.sentence.0, i, "其中").map(|q| text(chars, c.sentence.0, q));
        funds::qualifying(&text(chars, c.start, i))
            .or_else(|| whole.as_deref().and_then(funds::named_in))
            .or_else(|| self.topic.as_ref().and_then(Funds::of_subject))
            .or_else(|| self.section_funds())
            .unwrap_or(Funds::Department)
    }
}

/// The last 项 printed with its 7-digit code in brackets in `chars[from..to]` (行政单位医疗
/// （2101101）), and where its name starts: a functional code of 支出 (2…), which a 部门预算
/// prints after the name of each 项 it explains. Other bracketed numbers (经济科目 (301), a
/// year) are no 项.
fn coded_item(chars: &[char], from: usize, to: usize) -> Option<(usize, FunctionCode)> {
    (from..to).rev().find_map(|k| {
        if !matches!(ch(chars, k), '（' | '(') {
            return None;
        }
        let digits = text(chars, k + 1, (k + 8).min(to));
        let closed = matches!(ch(chars, k + 8), '）' | ')');
        let code: FunctionCode = digits.parse().ok()?;
        (closed && digits.len() == 7 && digits.starts_with('2'))
            .then(|| (content_start(chars, from, k), code))
    })
}

/// The words of `chars[from..to]` after a leading 其中, with where they start, when they are
/// one name: not empty, no punctuation.
fn plain_name(chars: &[char], from: usize, to: usize) -> Option<(usize, String)> {
    let mut start = content_start(chars, from, to);
    if at(chars, start, "其中") {
        start = content_start(chars, start + 2, to);
    }
    let name = squeeze(&text(chars, start, to));
    let plain = !name
        .chars()
        .any(|x| x.is_ascii_punctuation() || "，。；：、（）“”".contains(x));
    (plain && !name.is_empty()).then_some((start, name))
}
