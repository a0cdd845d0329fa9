//! The walker: follows the blocks in order, keeping the section, what the text is about,
//! and the claims, name paths and problems found so far.

use super::attachments::Table;
use super::bases::sentence_base;
use super::blocks::{Block, Para};
use super::chars::{at, find, text, trim};
use super::claims::Draft;
use super::funds::{self, Funds};
use super::names::PathSpan;
use super::printed::PrintedNames;
use super::scanner::{clauses, content_start, numbers, sentences};
use super::sections::{marker, part_kind, PartKind, Section};
use super::vocabulary::{untabled, Untabled};
use super::{Reading, RULE};
use crate::disclosure::{Base, Claim, Measure, NamePath, Subject};
use crate::finding::{Finding, Place, Rule};
use crate::Catalog;
use std::collections::HashMap;

/// State that lasts for one sentence.
#[derive(Clone, Debug, Default)]
pub(super) struct Sentence {
    /// 与 2023 年度相比 … : the base of the changes that follow.
    pub(super) base: Option<Result<Base, String>>,
    /// After 其中: parts, which do not change what the paragraph is about.
    pub(super) parts: bool,
    /// The last change stated (subject, base), for the rate that follows it.
    pub(super) change: Option<(Subject, Base)>,
    /// The subject of the first named figure of the sentence (the total its 其中 parts).
    pub(super) first: Option<Subject>,
    /// The whole of the shares that follow: the total before 其中 / 主要用于, or a subject
    /// named in a clause ending with 中 (“三公”经费财政拨款支出决算中，…占 x%).
    pub(super) whole: Option<Subject>,
    /// The subject named by the last clause without figures (项目支出增加，较上一度增加 …).
    pub(super) pending: Option<Subject>,
}

/// A clause being read.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ctx<'p> {
    para: &'p Para,
    pub(super) paths: &'p [PathSpan],
    /// The clause.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Where its words begin and its trimmed end.
    pub(super) lead: usize,
    pub(super) tail: usize,
    /// The sentence.
    pub(super) sentence: (usize, usize),
}

impl Ctx<'_> {
    /// The paragraph's text.
    pub(super) fn chars(&self) -> &[char] {
        &self.para.chars
    }
}

/// Follows the blocks in order, keeping the section, what the text is about, and the output.
pub(super) struct Walker<'a> {
    pub(super) catalog: Option<&'a Catalog>,
    /// Whose text it is (a budget's widens the vocabulary).
    pub(super) reading: Reading,
    /// The codes and names the document's tables print (for names, without a catalog).
    pub(super) printed: &'a PrintedNames,
    pub(super) year: Option<u32>,
    pub(super) kind: PartKind,
    pub(super) prefix: String,
    pub(super) depth: usize,
    seen_statement: bool,
    /// The state at the end of the last sentence, continued by a sentence that starts with
    /// 其中 (「…与 2023 年度持平。其中：因公出国（境）费支出决算持平；…」).
    previous: Sentence,
    pub(super) section: Section,
    pub(super) table: Option<Table>,
    /// What the paragraph is about (set by a named subject outside 其中).
    pub(super) topic: Option<Subject>,
    /// Why the name path the item opens with names no subject (the item's figures are
    /// reported with it).
    untold: Option<String>,
    /// The subject of the last claim.
    pub(super) last: Option<Subject>,
    /// The subject of the first claim of each section label.
    pub(super) heads: HashMap<String, Subject>,
    /// The funds each section's heading is about (（四）高等学校财政拨款支出决算表说明).
    scopes: HashMap<String, Funds>,
    /// The topic no table holds that each section's heading names (（四）预算绩效管理情况).
    untabled: HashMap<String, Untabled>,
    /// The projects of 十三(三), in order.
    pub(super) projects: Vec<String>,
    pub(super) claims: Vec<Claim>,
    pub(super) names: Vec<NamePath>,
    pub(super) problems: Vec<Finding>,
    /// Sentence counter and the last sentence reported, so a sentence is reported once.
    sentence_no: usize,
    reported: Option<usize>,
}

impl<'a> Walker<'a> {
    /// A walker at the start of the narrative (第三部分 is a statement part).
    pub(super) fn new(
        catalog: Option<&'a Catalog>,
        year: Option<u32>,
        reading: Reading,
        printed: &'a PrintedNames,
    ) -> Walker<'a> {
        Walker {
            catalog,
            reading,
            printed,
            year,
            kind: PartKind::Statement,
            prefix: String::new(),
            depth: 4,
            seen_statement: false,
            previous: Sentence::default(),
            section: Section::default(),
            table: None,
            topic: None,
            untold: None,
            last: None,
            heads: HashMap::new(),
            scopes: HashMap::new(),
            untabled: HashMap::new(),
            projects: Vec::new(),
            claims: Vec::new(),
            names: Vec::new(),
            problems: Vec::new(),
            sentence_no: 0,
            reported: None,
        }
    }

    /// Reads one block.
    pub(super) fn block(&mut self, block: &Block) {
        match block {
            Block::Part { numeral, title } => self.part(numeral, title),
            Block::Prose(p) => self.prose(p),
            Block::Title(t) => self.title(t),
            Block::Row(cells) => self.row(cells),
        }
    }

    /// Enters a part (第N部分).
    fn part(&mut self, numeral: &str, title: &str) {
        let first = !self.seen_statement;
        let (kind, prefix, depth) = part_kind(numeral, title, first);
        self.seen_statement |= kind == PartKind::Statement;
        (self.kind, self.prefix, self.depth) = (kind, prefix, depth);
        self.section = Section::default();
        self.heads.clear();
        self.scopes.clear();
        self.untabled.clear();
        self.forget();
    }

    /// Forgets what the text was about (a new section or table).
    pub(super) fn forget(&mut self) {
        self.table = None;
        self.topic = None;
        self.untold = None;
        self.last = None;
    }

    /// The label of the current section (or `附件:` followed by the table title).
    pub(super) fn label(&self) -> String {
        match &self.table {
            Some(t) if self.prefix.is_empty() => t.title.clone(),
            Some(t) => format!("{}:{}", self.prefix, t.title),
            None => self.section.label(&self.prefix, self.depth),
        }
    }

    /// The funds of the innermost section (this one or an enclosing one) whose heading names
    /// them.
    pub(super) fn section_funds(&self) -> Option<Funds> {
        std::iter::once(self.section.clone())
            .chain(self.section.ancestors())
            .find_map(|s| self.scopes.get(&s.label(&self.prefix, self.depth)))
            .copied()
    }

    /// The topic no table holds that the heading of this section or an enclosing one names.
    fn section_untabled(&self) -> Option<Untabled> {
        std::iter::once(self.section.clone())
            .chain(self.section.ancestors())
            .find_map(|s| self.untabled.get(&s.label(&self.prefix, self.depth)))
            .copied()
    }

    /// Reads a paragraph: its heading marker, name paths, project heading and claims.
    fn prose(&mut self, para: &Para) {
        let m = marker(&para.chars);
        if let Some(m) = &m {
            self.section.set(m.level, &m.key);
            self.forget();
            let heading = text(&para.chars, m.len, para.chars.len());
            let label = self.label();
            match funds::of_heading(&heading) {
                Some(f) => self.scopes.insert(label.clone(), f),
                None => self.scopes.remove(&label),
            };
            // A heading is a title: no sentence punctuation before its end.
            let title = heading.trim().trim_end_matches(['：', ':', '。']);
            match untabled(title).filter(|_| !title.contains(['，', '。', '；', ','])) {
                Some(u) => self.untabled.insert(label, u),
                None => self.untabled.remove(&label),
            };
        }
        // A share or rate is never bound to a figure of an earlier paragraph.
        self.last = None;
        if self.kind == PartKind::Skipped {
            return;
        }
        let body = m.as_ref().map_or(0, |m| m.len);
        let numbering = m.map(|m| m.printed).unwrap_or_default();
        let paths = self.name_paths(para, body, &numbering);
        if self.kind == PartKind::Glossary {
            return;
        }
        self.project(para, body);
        // An item that opens with its name path (1、一般公共服务支出（类）财政事务（款）行政运行
        // （项）。主要用于：…。年初预算为 …) is what the paragraph's figures are about.
        match paths
            .first()
            .filter(|p| p.start == body)
            .map(|p| &p.subject)
        {
            Some(Ok(subject)) => self.topic = Some(subject.clone()),
            // Its figures cannot be bound, for the reason the path cannot.
            Some(Err(why)) => self.untold = Some(why.clone()),
            None => {}
        }
        self.previous = Sentence::default();
        for (s, e) in sentences(&para.chars, body) {
            self.sentence(para, &paths, (s, e));
        }
    }

    /// Reads the clauses of a sentence.
    fn sentence(&mut self, para: &Para, paths: &[PathSpan], (s, e): (usize, usize)) {
        self.sentence_no += 1;
        let lead = content_start(&para.chars, s, e);
        let mut state = if at(&para.chars, lead, "其中") {
            std::mem::take(&mut self.previous)
        } else {
            Sentence::default()
        };
        for (cs, ce) in clauses(&para.chars, s, e) {
            let (_, tail) = trim(&para.chars, cs, ce);
            let ctx = Ctx {
                para,
                paths,
                start: cs,
                end: ce,
                lead: content_start(&para.chars, cs, ce),
                tail,
                sentence: (s, e),
            };
            self.clause(&ctx, &mut state);
        }
        self.previous = state;
    }

    /// Reads one clause: its 其中 and base words, then its numbers and keywords in order.
    fn clause(&mut self, c: &Ctx, state: &mut Sentence) {
        let chars = c.chars();
        if at(chars, c.lead, "其中") || find(chars, c.start, c.end, "主要用于以下方面").is_some()
        {
            state.parts = true;
            state.whole = state.first.clone().or_else(|| state.whole.take());
        }
        if let Some(whole) = self.whole_named(c) {
            state.whole = Some(whole);
        }
        let pending = self.named_without_figures(c);
        if let Some(base) = sentence_base(chars, c.start, c.end, self.year) {
            state.base = Some(self.reading.base(base));
        }
        let mut events: Vec<(usize, Result<Option<Draft>, String>)> = Vec::new();
        for n in numbers(chars, c.start, c.end) {
            events.push((n.start, self.number(c, &n, state)));
        }
        if let Some((pos, result)) = self.comparison(c) {
            events.push((pos, result));
        } else if let Some((pos, result)) = self.flat(c, state) {
            events.push((pos, result));
        }
        events.sort_by_key(|(pos, _)| *pos);
        // A clause whose numbers state nothing (小学教育（2050202）) names what follows.
        if events.iter().all(|(_, r)| matches!(r, Ok(None))) {
            state.pending = pending;
        }
        for (_, result) in events {
            match result {
                Ok(Some(d)) => {
                    // What follows is about the figure just read, not a name before it.
                    state.pending = None;
                    self.accept(c, d, state);
                }
                Ok(None) => {}
                Err(why) => {
                    // What follows in the sentence may depend on the unbound figure: do not
                    // let it fall back on an older subject.
                    self.topic = None;
                    self.last = None;
                    self.report(c, &why);
                }
            }
        }
    }

    /// Keeps a claim: fixes its quote (on the line of its number) and id, and updates what
    /// the text is about.
    fn accept(&mut self, c: &Ctx, d: Draft, state: &mut Sentence) {
        if d.named && !state.parts {
            self.topic = Some(d.subject.clone());
            state.first.get_or_insert_with(|| d.subject.clone());
        }
        self.last = Some(d.subject.clone());
        if let (Measure::Change, Some(of)) = (d.measure, &d.of) {
            state.change = Some((d.subject.clone(), of.clone()));
        }
        let label = self.label();
        self.heads
            .entry(label.clone())
            .or_insert_with(|| d.subject.clone());
        let (ls, le) = c.para.line_of(d.anchor);
        let (qs, qe) = trim(c.chars(), d.quote.0.max(ls), d.quote.1.min(le));
        self.push(Claim {
            id: String::new(),
            section: label,
            subject: d.subject,
            measure: d.measure,
            value: d.value,
            word: d.word,
            of: d.of,
            quote: c.para.printed(qs, qe),
            note: String::new(),
        });
    }

    /// Appends a claim with the next id.
    pub(super) fn push(&mut self, mut claim: Claim) {
        claim.id = format!("c{:03}", self.claims.len() + 1);
        self.claims.push(claim);
    }

    /// Reports a sentence whose numbers cannot be bound (once per sentence).
    fn report(&mut self, c: &Ctx, why: &str) {
        if self.reported == Some(self.sentence_no) {
            return;
        }
        self.reported = Some(self.sentence_no);
        let sentence = text(c.chars(), c.sentence.0, c.sentence.1);
        // What the sentence says up to the figure decides whether a table could hold it.
        let said = untabled(&text(c.chars(), c.sentence.0, c.end));
        match said.or_else(|| self.section_untabled()) {
            Some(topic) => {
                let text = format!(
                    "不可核对（无表列示{}）：{}（{}）",
                    topic.name(),
                    sentence.trim(),
                    self.label()
                );
                self.problems.push(Finding::warning(
                    Rule::IngestUnchecked,
                    Place::default(),
                    text,
                ));
            }
            None => {
                let why = match &self.untold {
                    // No subject named for the figure: the item's own is the one untold.
                    Some(path) if why.ends_with("所属对象") => path.clone(),
                    _ => why.to_owned(),
                };
                self.problem(sentence.trim(), &why);
            }
        }
    }

    /// Records an `ingest.claim` warning.
    pub(super) fn problem(&mut self, sentence: &str, why: &str) {
        let place = Place {
            table: None,
            code: None,
            name: None,
            column: None,
            claim: None,
            ..Place::default()
        };
        let text = format!("数据不足：{sentence}（{}：{why}）", self.label());
        self.problems.push(Finding::warning(RULE, place, text));
    }
}
