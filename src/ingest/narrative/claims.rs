//! Claims: binding one number (or a comparison or 持平 keyword) of a clause to a subject, a
//! measure and a base.

use super::bases::{budget_qualifier, budget_words, clause_base, completion_base};
use super::chars::{at, ch, ends_with, find, len, rfind, squeeze, text};
use super::scanner::{Num, UnitKind};
use super::subjects::Named;
use super::vocabulary::{
    side_totals, Kind, AMOUNT_WORDS, BUDGET_WHOLES, COMPLETION_BUDGETS, LABELS, VAGUE_WHOLES,
    WHOLES,
};
use super::walker::{Ctx, Sentence, Walker};
use super::Reading;
use crate::disclosure::{Base, Direction, Indicator, Measure, Subject};

/// A claim before its id and quote text are fixed.
#[derive(Clone, Debug)]
pub(super) struct Draft {
    pub(super) subject: Subject,
    pub(super) measure: Measure,
    pub(super) value: Option<String>,
    pub(super) word: Option<Direction>,
    pub(super) of: Option<Base>,
    /// The quote range in the paragraph (clipped to the anchor's line later).
    pub(super) quote: (usize, usize),
    /// Where the number (or the keyword) is.
    pub(super) anchor: usize,
    /// Whether the subject is named in the clause (it then becomes the paragraph's topic).
    pub(super) named: bool,
}

impl Walker<'_> {
    /// Binds one number of a clause.
    pub(super) fn number(
        &self,
        c: &Ctx,
        n: &Num,
        state: &Sentence,
    ) -> Result<Option<Draft>, String> {
        if n.bound {
            return Ok(None);
        }
        match n.unit {
            UnitKind::Percent => self.percent(c, n, state),
            UnitKind::Money => self.money(c, n, state).map(Some),
            UnitKind::Count => Ok(self.count(c, n)),
            UnitKind::Other => Ok(None),
        }
    }

    /// A draft with the common fields filled.
    fn draft(subject: Subject, measure: Measure, n: &Num, quote_start: usize, c: &Ctx) -> Draft {
        Draft {
            subject,
            measure,
            value: Some(n.value.clone()),
            word: None,
            of: None,
            quote: (quote_start, c.tail.max(n.end)),
            anchor: n.start,
            named: false,
        }
    }

    /// A percentage: a share (占 …), a completion rate (完成…预算的, 执行率), a growth rate
    /// (增长/下降), or a named rate (预算资金使用率); anything else (目标值 …) is no claim.
    fn percent(&self, c: &Ctx, n: &Num, state: &Sentence) -> Result<Option<Draft>, String> {
        let chars = c.chars();
        if let Some(z) = rfind(chars, c.start, n.start, "占") {
            return self.share(c, n, z, state).map(Some);
        }
        if let Some(of) = completion_base(chars, c.start, n.start) {
            let subject = self.current().ok_or("未能确定完成率所属对象")?;
            let of = self.budget_base(of, &subject);
            let mut d = Self::draft(subject, Measure::CompletionRate, n, c.lead, c);
            d.of = Some(of);
            return Ok(Some(d));
        }
        if let Some((w, word)) = direction_before(chars, c.start, n.start) {
            return self.growth(c, n, w, word, state).map(Some);
        }
        match self.named(c, c.start, n.start, |k| matches!(k, Kind::Rate(_))) {
            Named::Found(subject, start) => {
                let measure = LABELS
                    .iter()
                    .find_map(|(l, k, _)| match k {
                        Kind::Rate(m) if at(chars, start, l) => Some(*m),
                        _ => None,
                    })
                    .unwrap_or(Measure::Share);
                let mut d = Self::draft(subject, measure, n, start, c);
                d.named = true;
                Ok(Some(d))
            }
            _ => Ok(None),
        }
    }

    /// 占 x%: the part is named before 占 or is the last subject; the whole is named after 占,
    /// else is the total the sentence's 其中 parts belong to (本年收入合计 …，其中：财政拨款收入
    /// … 占 99.79%), else the subject of the enclosing section (五(二) 一般公共预算财政拨款支出
    /// … 占 75.45%).
    fn share(&self, c: &Ctx, n: &Num, z: usize, state: &Sentence) -> Result<Draft, String> {
        let chars = c.chars();
        let (subject, named) = match self.named(c, c.start, z, |k| k == Kind::Amount) {
            Named::Found(s, _) => (s, true),
            Named::Unresolved(why) => return Err(why),
            Named::Nothing => (self.last.clone().ok_or("未能确定占比所属对象")?, false),
        };
        let words = squeeze(&text(chars, z + 1, n.start));
        let whole = whole_words(&words);
        let spending = ["基本支出", "项目支出"].iter().position(|w| *w == whole);
        let of = if whole.is_empty() {
            state
                .whole
                .clone()
                .or_else(|| self.enclosing_head(&subject))
                .ok_or("未能确定占比的整体")?
        } else if let Some(k) = spending {
            // 占基本支出的: the 基本支出 of the funds the passage is about.
            Subject::from(self.funds_at(c, z).spending(k == 0))
        } else if let Some(&(_, income)) = VAGUE_WHOLES.iter().find(|(w, _)| *w == whole) {
            self.vague_whole(income, &subject, state)
        } else {
            let budget: &[_] = match self.reading {
                Reading::Budget => BUDGET_WHOLES,
                Reading::Accounts => &[],
            };
            WHOLES
                .iter()
                .chain(budget)
                .find(|(w, _)| *w == whole)
                .map(|&(_, i)| Subject::from(i))
                .ok_or_else(|| format!("未知的占比整体「{whole}」"))?
        };
        if of == subject {
            return Err("占比的部分与整体相同".into());
        }
        let mut d = Self::draft(subject, Measure::Share, n, z, c);
        d.of = Some(Base::Whole(of));
        d.named = named;
        Ok(d)
    }

    /// The total a vague whole (占收入总额, 占总支出的) stands for: the total of that side the
    /// sentence states before its parts, else its first figure, else the head of the section
    /// (or an enclosing one), when it is a total of that side other than the part; else
    /// 本年收入合计 / 本年支出合计.
    fn vague_whole(&self, income: bool, part: &Subject, state: &Sentence) -> Subject {
        let totals = side_totals(income);
        let of_side = |s: &Subject| s != part && s.indicator().is_some_and(|i| totals.contains(&i));
        state
            .whole
            .clone()
            .filter(of_side)
            .or_else(|| state.first.clone().filter(of_side))
            .or_else(|| self.enclosing_head(part).filter(of_side))
            .unwrap_or_else(|| {
                Subject::from(if income {
                    Indicator::IncomeTotal
                } else {
                    Indicator::ExpenseTotal
                })
            })
    }

    /// 增长/下降 x%: the rate of the change just stated (same subject and base), else of the
    /// subject named or last, against the base named in the clause or sentence.
    fn growth(
        &self,
        c: &Ctx,
        n: &Num,
        w: usize,
        word: Direction,
        state: &Sentence,
    ) -> Result<Draft, String> {
        let named = self.named(c, c.start, w, |k| k == Kind::Amount);
        let (subject, of) = match (named, &state.change) {
            (Named::Unresolved(why), _) => return Err(why),
            (Named::Found(s, _), Some((changed, of))) if *changed == s => (s, of.clone()),
            (Named::Found(s, _), _) => (s, self.base(c, w, state)?),
            (Named::Nothing, Some((s, of))) => (s.clone(), of.clone()),
            (Named::Nothing, None) => (
                self.current().ok_or("未能确定增减率所属对象")?,
                self.base(c, w, state)?,
            ),
        };
        let mut d = Self::draft(subject, Measure::GrowthRate, n, c.lead, c);
        d.word = Some(word);
        d.of = Some(of);
        Ok(d)
    }

    /// The base of a change at `w`: named in the clause (比/较 …) or in the sentence (与 …
    /// 相比); none is a binding problem.
    fn base(&self, c: &Ctx, w: usize, state: &Sentence) -> Result<Base, String> {
        clause_base(c.chars(), c.start, w, self.year)
            .map(|b| self.reading.base(b))
            .or_else(|| state.base.clone())
            .unwrap_or_else(|| Err("未能确定增减的比较基数".into()))
    }

    /// An amount in 万元: a change (比上年减少 x 万元), a budget (年初预算为 x 万元), an actual
    /// (支出决算为 x 万元) of what the clause names or the topic, or the amount of a label.
    fn money(&self, c: &Ctx, n: &Num, state: &Sentence) -> Result<Draft, String> {
        let chars = c.chars();
        if let Some((w, word)) = direction_before(chars, c.start, n.start) {
            let (subject, named) =
                self.subject_before(c, w, "增减额", state.parts, state.pending.as_ref())?;
            let mut d = Self::draft(subject, Measure::Change, n, c.lead, c);
            d.word = Some(word);
            d.of = Some(self.base(c, w, state)?);
            d.named = named;
            return Ok(d);
        }
        if let Some((k, measure)) = budget_words(chars, c.start, n.start).or_else(|| {
            let words: Vec<&str> = COMPLETION_BUDGETS.iter().map(|(w, _)| *w).collect();
            let (k, w) = ends_with(chars, c.start, n.start, &words)?;
            COMPLETION_BUDGETS
                .iter()
                .find(|(x, _)| *x == w)
                .map(|(_, m)| (k, *m))
        }) {
            let (subject, named) =
                self.subject_before(c, k, "预算数", state.parts, state.pending.as_ref())?;
            let mut d = Self::draft(subject, self.reading.measure(measure), n, k, c);
            d.named = named;
            return Ok(d);
        }
        if let Some((k, _)) = ends_with(chars, c.start, n.start, AMOUNT_WORDS) {
            if self.reading == Reading::Budget {
                // 2022 年当年预算执行数为 1.48 万元: a budget's 执行数 is the prior year's.
                return Err("预算所述执行数为上年数，不是本年预算数".into());
            }
            let (subject, named) =
                self.subject_before(c, k, "决算数", state.parts, state.pending.as_ref())?;
            let mut d = Self::draft(subject, Measure::Amount, n, k, c);
            d.named = named;
            return Ok(d);
        }
        match self.named(c, c.start, n.start, |k| k == Kind::Amount) {
            Named::Found(subject, start) => {
                let mut d = Self::draft(subject, Measure::Amount, n, start, c);
                d.named = true;
                Ok(d)
            }
            Named::Unresolved(why) => Err(why),
            Named::Nothing => Err("未能确定金额所属对象".into()),
        }
    }

    /// A count: of a label (共有车辆 0 辆), of 共涉及 N 个…项目, or of a vehicle category
    /// (…用车 0 辆); other counts (2 个预算部门) are no claims.
    fn count(&self, c: &Ctx, n: &Num) -> Option<Draft> {
        let chars = c.chars();
        if let Named::Found(subject, start) = self.named(c, c.start, n.start, |k| k == Kind::Count)
        {
            let mut d = Self::draft(subject, Measure::Count, n, start, c);
            d.named = true;
            return Some(d);
        }
        if let Some(k) = find(chars, c.start, n.start, "共涉及") {
            if find(chars, n.end, c.end, "项目").is_some() {
                return Some(Self::draft(
                    Indicator::PerformanceProjects.into(),
                    Measure::Count,
                    n,
                    k,
                    c,
                ));
            }
        }
        let label = squeeze(&text(chars, c.lead, n.start));
        let plain = !label
            .chars()
            .any(|x| x.is_ascii_punctuation() || "，。；：、（）“”".contains(x));
        (n.unit_text == "辆" && label.ends_with("用车") && plain).then(|| {
            let mut d = Self::draft(Subject::Vehicles(label), Measure::Count, n, c.lead, c);
            d.named = true;
            d
        })
    }

    /// A comparison claim: 支出决算数大于年初预算数, 决算大于 预算数, 决算数持平全年预算数, or
    /// the word after the budget (决算数与预算数基本持平, 决算数同预算数持平, 决算数小于全年预算数).
    /// Its subject is named before 决算 in the clause, else the topic (or last subject).
    pub(super) fn comparison(&self, c: &Ctx) -> Option<(usize, Result<Option<Draft>, String>)> {
        let chars = c.chars();
        let (k, w, word, b, end) = (c.start..c.end)
            .filter(|&k| at(chars, k, "决算"))
            .find_map(|k| {
                comparison_at(chars, k, c.end).map(|(w, word, b, e)| (k, w, word, b, e))
            })?;
        let qualifier = budget_qualifier(chars, w, b);
        let result = match self.named(c, c.start, k, |x| x == Kind::Amount) {
            Named::Found(s, _) => Some(s),
            _ => None,
        }
        .or_else(|| self.topic.clone())
        .or_else(|| self.last.clone())
        .map(|subject| {
            let base = self.budget_base(qualifier, &subject);
            Some(Draft {
                subject,
                measure: Measure::Comparison,
                value: None,
                word: Some(word),
                of: Some(base),
                quote: (c.lead, end),
                anchor: k,
                named: false,
            })
        })
        .ok_or_else(|| "未能确定比较所属对象".to_owned());
        Some((k, result))
    }

    /// The budget a completion rate or a comparison is against: the one its words name (年初,
    /// 全年), else, for a bare 预算(数) (决算数大于预算数, 完成预算的 x%), the one budget the
    /// section states for the subject before it (年初预算为 … 决算数大于预算数 compares with the
    /// 年初预算); when the section states none or both, 预算数 is the full-year budget (the
    /// 预算数 of 公开09表).
    fn budget_base(&self, qualifier: Option<Base>, subject: &Subject) -> Base {
        qualifier
            .or_else(|| {
                let label = self.label();
                let mut kinds = self
                    .claims
                    .iter()
                    .filter(|c| c.section == label && c.subject == *subject)
                    .filter_map(|c| match c.measure {
                        Measure::BudgetInitial => Some(Base::BudgetInitial),
                        Measure::BudgetFull => Some(Base::BudgetFull),
                        _ => None,
                    });
                let first = kinds.next()?;
                kinds.all(|k| k == first).then_some(first)
            })
            .unwrap_or(Base::BudgetFull)
    }

    /// 较上年持平 (or 保持不变): a flat claim (no number) of the subject named before it, else
    /// the last subject.
    pub(super) fn flat(
        &self,
        c: &Ctx,
        state: &Sentence,
    ) -> Option<(usize, Result<Option<Draft>, String>)> {
        let chars = c.chars();
        let k = find(chars, c.start, c.end, "持平")
            .or_else(|| find(chars, c.start, c.end, "保持不变"))?;
        let result = (|| {
            let subject = match self.named(c, c.start, k, |x| x == Kind::Amount) {
                Named::Found(s, _) => s,
                Named::Unresolved(why) => return Err(why),
                Named::Nothing => self.current().ok_or("未能确定持平所属对象")?,
            };
            let of = self.base(c, k, state)?;
            Ok(Some(Draft {
                subject,
                measure: Measure::Flat,
                value: None,
                word: Some(Direction::Flat),
                of: Some(of),
                quote: (c.lead, c.tail),
                anchor: k,
                named: false,
            }))
        })();
        Some((k, result))
    }
}

/// The whole named between 占 and a share's number, without the words around it: 占本年支出
/// 合计的 → 本年支出合计, 占一般公共预算支出的比重为 → 一般公共预算支出, 占比 → (none: the
/// whole is implied).
fn whole_words(words: &str) -> &str {
    let w = words.trim_end_matches(['为', '达']);
    if let Some(rest) = w.strip_prefix('比') {
        if rest.is_empty() {
            return rest;
        }
    }
    let w = ["比重", "比例"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    w.strip_suffix('的').unwrap_or(w)
}

/// The comparison printed after 决算 at `k`: where its words start, the comparison word, where
/// 预算数 starts and where the comparison ends.
fn comparison_at(chars: &[char], k: usize, to: usize) -> Option<(usize, Direction, usize, usize)> {
    let skip = |mut i: usize| {
        while ch(chars, i).is_whitespace() {
            i += 1;
        }
        i
    };
    let mut w = k + 2;
    if ch(chars, w) == '数' {
        w += 1;
    }
    let w = skip(w);
    if let Some(&word) = Direction::COMPARISONS
        .iter()
        .find(|d| at(chars, w, d.word()))
    {
        let b = find(chars, w, to, "预算数")?;
        return Some((w, word, b, b + 3));
    }
    if !["与", "同", "和"].iter().any(|p| at(chars, w, p)) {
        return None;
    }
    let b = find(chars, w, to, "预算数")?;
    let between = squeeze(&text(chars, w + 1, b));
    if !["", "年初", "全年", "调整后"].contains(&between.as_str()) {
        return None;
    }
    let mut v = skip(b + 3);
    if at(chars, v, "基本") {
        v = skip(v + 2);
    }
    let &word = Direction::COMPARISONS
        .iter()
        .find(|d| at(chars, v, d.word()))?;
    Some((w, word, b, v + len(word.word())))
}

/// The change word (增加, 下降 …) that `chars[from..to]` ends with, and where it starts.
fn direction_before(chars: &[char], from: usize, to: usize) -> Option<(usize, Direction)> {
    Direction::CHANGES
        .iter()
        .find_map(|&d| ends_with(chars, from, to, &[d.word()]).map(|(k, _)| (k, d)))
}
