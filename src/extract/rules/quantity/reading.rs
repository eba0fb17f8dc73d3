//! Reading rules: a figure's measure, its time and whether it is a target or an observation.
//!
//! **Time frames.** An explicit time says which period the figures after it are about, until
//! another one does: in the figure's sentence first (`local`), then earlier in its paragraph
//! (`paragraph`), then in the paragraphs before it back to the heading or colon-ended line that
//! opens its section (`section`). A frame is past when its year is before the document's, when
//! it is an as-of date (截至), a period already over at the document's date ("1至7月" in an
//! August text) or a figure to date (今年以来). A comparison base ("比上年", "去年同期") and the
//! date of an event ("2021年05月06日") set no frame. Explicit years and periods win over the
//! document's date: "2023年主要预期目标" in a text dated 2022-12-30 is about 2023.
//!
//! **Kind.** In order, the first rule that applies decides:
//!
//! 1. `local_past`: a past frame in the sentence, with no target cue in the figure's own item →
//!    observation;
//! 2. `plan_metric`: a level of a plan figure (年度计划投资) → target;
//! 3. `phrase_cue`: the nearest cue word before the figure in its phrase (`lexicon::cues`);
//! 4. `cue_after`: a cue after the figure in its phrase ("…任务要全部完成", "…建成了");
//! 5. `deadline`: a deadline in the phrase (年内, 5月底前) → target;
//! 6. `sentence_cue`: the nearest cue earlier in the sentence;
//! 7. `paragraph_frame`: a past frame earlier in the paragraph → observation, a future one →
//!    target;
//! 8. `paragraph_cue`: the nearest cue in the sentences before, in the paragraph;
//! 9. `section_frame`: the frame of the paragraphs before, as in 7;
//! 10. `section_cue`: the cue of the heading or introducing line ("2023年主要预期目标",
//!     "2022年工作回顾", "…发展目标：");
//! 11. `default`: a target (plans and reports state more targets than bare facts).
//!
//! An estimate (预计) is a target, unless a frame around it is past ("1至7月…预计完成").

use super::super::super::lexicon::cues::{Cue, CUES};
use super::super::super::lexicon::{comparators, measures};
use super::super::super::measure::{QMention, QUnit};
use super::super::super::metrics::MetricDef;
use super::super::super::text;
use super::super::super::time::{TimeMention, When};
use super::super::super::Analysed;
use super::super::longest_words;
use super::metric::MetricRead;
use super::Site;
use crate::model::{Comparator, Date, Decimal, Measure};
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;
use std::cell::RefCell;

/// A cue word's place and meaning: (start, end, cue).
type CueAt = (usize, usize, Cue);

/// Target or observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Target,
    Observation,
}

/// The kind and the rule that decided it.
#[derive(Debug, Clone, Copy)]
pub(super) struct KindRead {
    pub kind: Kind,
    pub rule: &'static str,
}

/// A period the figures after a time expression are about.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    /// The year; `None` for several years (年均, 未来五年).
    pub year: Option<i32>,
    /// Over by the document's date, as of a date, or to date.
    pub past: bool,
    /// A year after the document's.
    pub future: bool,
    /// Where the time expression ends.
    pub end: usize,
}

/// What the time of a figure is.
#[derive(Debug, Clone)]
pub(super) struct TimeRead {
    /// The year of an observation.
    pub year: Option<i32>,
    /// The year of a target: a past frame inherited from other sentences does not make a
    /// target a past one.
    pub target_year: Option<i32>,
    pub deadline: Option<Date>,
    pub local: Option<Frame>,
    pub paragraph: Option<Frame>,
    pub section: Option<Frame>,
    /// A deadline still ahead in the figure's phrase.
    pub deadline_in_phrase: bool,
    /// What the introducing line (heading or colon-ended paragraph) of the figure's section
    /// says.
    pub intro_cue: Option<Kind>,
}

/// Paragraphs, for frames that reach back across them.
pub(super) struct Frames {
    paras: Vec<Para>,
    /// The cue words of each sentence, (start, end, cue) in order.
    sentence_cues: RefCell<CueMemo>,
}

/// The cue words of each sentence, read the first time a figure looks at the sentence:
/// sentences far from any figure are never read, and sentences many figures look at are read
/// once. Four bytes per sentence: a text of a sentence every few bytes stays small.
struct CueMemo {
    /// Per sentence: [`NOT_READ`], [`NO_CUES`], or an index into `lists`.
    slots: Vec<u32>,
    lists: Vec<Vec<CueAt>>,
}

/// A sentence not read yet.
const NOT_READ: u32 = u32::MAX;
/// A sentence read and holding no cue word.
const NO_CUES: u32 = u32::MAX - 1;

#[derive(Debug, Clone)]
struct Para {
    start: usize,
    /// Short, unpunctuated and without a figure: a heading.
    heading: bool,
    /// The latest frame the paragraph sets.
    frame: Option<Frame>,
    /// For a heading or an introducing line: what its cue words say.
    cue: Option<Kind>,
}

/// How far back frames reach, in paragraphs.
const SECTION_REACH: usize = 40;

/// Characters a heading may have at most.
const HEADING_MAX_CHARS: usize = 40;

/// How much of an introducing line is read for its cue, in characters.
const INTRO_CUE_CHARS: usize = 60;

/// How far back cue words are read in a sentence, in characters (a sentence without
/// punctuation may be a whole page).
const CUE_REACH_CHARS: usize = 120;

/// How many time expressions back a frame is looked for.
const FRAME_REACH: usize = 8;

impl Frames {
    pub(super) fn new(a: &Analysed<'_>) -> Frames {
        let mut frames = Frames {
            paras: Vec::with_capacity(a.paragraphs.len()),
            sentence_cues: RefCell::new(CueMemo {
                slots: vec![NOT_READ; a.sentences().len()],
                lists: Vec::new(),
            }),
        };
        for (k, &start) in a.paragraphs.iter().enumerate() {
            let end = a
                .paragraphs
                .get(k + 1)
                .map_or(a.text.len(), |&n| n.saturating_sub(1));
            let body = text::sub(a.text, start, end).trim();
            let short = body.chars().count() <= HEADING_MAX_CHARS;
            let punct = body.contains(['。', '；', '！', '？', '，', ',', ';']);
            let bullet = body.starts_with(['●', '•', '■', '◆', '▲', '★', '·', '-', '—']);
            let heading =
                !body.is_empty() && short && !punct && !bullet && a.qms_in(start..end).is_empty();
            let intro = body.ends_with(['：', ':']);
            let cue = if heading || intro {
                // An introducing line's cue is at its end ("…的主要预期目标是：").
                let lo = end - text::before(a.text, start, end, INTRO_CUE_CHARS).len();
                decide(&frames.cues_in(a, lo, end), false, Scope::Heading)
            } else {
                None
            };
            frames.paras.push(Para {
                start,
                heading,
                frame: frame_before(a, start, end),
                cue,
            });
        }
        frames
    }

    /// The cue words inside `lo..hi`, in order.
    fn cues_in(&self, a: &Analysed<'_>, lo: usize, hi: usize) -> Vec<CueAt> {
        let mut out = Vec::new();
        let Ok(mut memo) = self.sentence_cues.try_borrow_mut() else {
            return out;
        };
        let first = a.sentences().partition_point(|s| s.end <= lo);
        for (i, sent) in a.sentences().iter().enumerate().skip(first) {
            if sent.start >= hi {
                break;
            }
            let Some(&slot) = memo.slots.get(i) else {
                break;
            };
            if slot == NOT_READ {
                let s = text::sub(&a.folded, sent.start, sent.end);
                let cues: Vec<CueAt> = CUE_WORDS
                    .find_iter(s)
                    .map(|m| (m.start(), m.end(), text::sub(s, m.start(), m.end())))
                    .filter(|&(_, e, w)| !relative_clause(a, w, sent.start + e))
                    .map(|(b, e, w)| (sent.start + b, sent.start + e, cue_of(w)))
                    .filter(|c| c.2 != Cue::Blocked)
                    .collect();
                let at = if cues.is_empty() {
                    NO_CUES
                } else {
                    memo.lists.push(cues);
                    u32::try_from(memo.lists.len() - 1).unwrap_or(NO_CUES)
                };
                if let Some(x) = memo.slots.get_mut(i) {
                    *x = at;
                }
            }
            let at = memo.slots.get(i).copied().unwrap_or(NO_CUES);
            let cues: &[CueAt] = memo.lists.get(at as usize).map_or(&[], |v| v.as_slice());
            // A sentence without punctuation may hold thousands of cues: search, do not scan.
            let a_ = cues.partition_point(|c| c.0 < lo);
            let b_ = cues.partition_point(|c| c.0 < hi);
            out.extend(
                cues.get(a_..b_.max(a_))
                    .unwrap_or(&[])
                    .iter()
                    .filter(|c| c.1 <= hi),
            );
        }
        out
    }

    fn para_index(&self, pos: usize) -> usize {
        self.paras
            .partition_point(|p| p.start <= pos)
            .saturating_sub(1)
    }

    /// The time of figure `q`.
    pub(super) fn time(&self, a: &Analysed<'_>, site: &Site, q: &QMention) -> TimeRead {
        let pi = self.para_index(q.start);
        let para_start = self.paras.get(pi).map_or(0, |p| p.start);
        let local = frame_before(a, site.sent.start, q.start);
        let paragraph = frame_before(a, para_start, site.sent.start);
        let mut section = None;
        let mut intro_cue = None;
        for back in 1..=SECTION_REACH {
            let Some(p) = pi.checked_sub(back).and_then(|j| self.paras.get(j)) else {
                break;
            };
            if section.is_none() {
                section = p.frame;
            }
            if intro_cue.is_none() {
                intro_cue = p.cue;
            }
            // A heading that says something (a time, a cue) opens the section; a short line
            // that says nothing (a sentence broken over lines) does not.
            if p.heading && (p.frame.is_some() || p.cue.is_some()) {
                break;
            }
        }
        let doc_year = a.year;
        let year = match (local, paragraph, section) {
            (Some(f), _, _) | (None, Some(f), _) | (None, None, Some(f)) => f.year,
            (None, None, None) => doc_year,
        };
        let target_year = match (local, paragraph, section) {
            (Some(f), _, _) => f.year,
            (None, Some(f), _) | (None, None, Some(f)) if !f.past => f.year,
            _ => doc_year,
        };
        let (deadline, deadline_in_phrase) = deadline_of(a, site, q);
        TimeRead {
            year,
            target_year,
            deadline,
            local,
            paragraph,
            section,
            deadline_in_phrase,
            intro_cue,
        }
    }
}

/// The first day of the document's date, for telling periods that are over.
fn doc_day(a: &Analysed<'_>) -> Option<Date> {
    a.date.map(|d| d.first_day())
}

/// The latest time expression in `lo..hi` that sets a frame. A span of years up to now ("一年来",
/// "近两年来") makes the frame past but leaves its year to an explicit year before it in the
/// same stretch ("2023年是…。一年来，…").
fn frame_before(a: &Analysed<'_>, lo: usize, hi: usize) -> Option<Frame> {
    let mut frames = a
        .times_in(lo..hi)
        .iter()
        .rev()
        .filter(|tm| tm.end <= hi)
        .take(FRAME_REACH)
        .filter_map(|tm| frame_of(a, tm));
    let first = frames.next()?;
    if first.year.is_none() && first.past {
        if let Some(y) = frames.find(|f| f.year.is_some()) {
            return Some(Frame {
                past: true,
                end: first.end,
                ..y
            });
        }
    }
    Some(first)
}

/// A time a figure is compared with, not the time it is about: "比上年", "较2019年", "去年同期".
pub(super) fn is_comparison_base(a: &Analysed<'_>, tm: &TimeMention) -> bool {
    let f = &a.folded;
    let before = text::before(f, 0, tm.start, 1);
    let after = text::after(f, tm.end, f.len(), 2);
    before.ends_with(['比', '较', '与']) || after == "同期" || after == "相比"
}

fn frame_of(a: &Analysed<'_>, tm: &TimeMention) -> Option<Frame> {
    let f = &a.folded;
    let after = text::after(f, tm.end, f.len(), 3);
    if is_comparison_base(a, tm) {
        return None;
    }
    // The day of an event or of the page ("2021年05月06日").
    let day = after.trim_start_matches(|c: char| c.is_ascii_digit());
    if day.len() < after.len() && day.starts_with(['日', '号']) {
        return None;
    }
    let to_date = after.starts_with("以来");
    let doc_year = a.year;
    let (year, mut past, future) = match tm.when {
        When::Year(y) => (
            Some(y),
            doc_year.is_some_and(|d| y < d),
            doc_year.is_some_and(|d| y > d),
        ),
        When::LastYear(y) => (Some(y), true, false),
        When::AsOf(d) => (Some(d.year()), true, false),
        When::Deadline(d) | When::Period(d) => (
            Some(d.year()),
            doc_day(a).is_some_and(|day| d < day),
            doc_year.is_some_and(|y| d.year() > y),
        ),
        // "一年来", "近两年", "以来": years up to now; "年均", "未来五年", "3年内": a span ahead or
        // an average, with no year of its own.
        When::MultiYear => {
            let written = text::sub(f, tm.start, tm.end);
            (
                None,
                written.ends_with('来') || written.starts_with('近'),
                false,
            )
        }
    };
    past |= to_date;
    Some(Frame {
        year,
        past,
        future,
        end: tm.end,
    })
}

/// The deadline of figure `q`: a deadline in its item before it, after it in its phrase, or in
/// a later phrase of its sentence with no other figure between; for an observation as of a
/// date, that date. Also whether a deadline still ahead stands in its phrase.
fn deadline_of(a: &Analysed<'_>, site: &Site, q: &QMention) -> (Option<Date>, bool) {
    let lo = q.start - text::before(a.text, site.sent.start, q.start, 80).len();
    let hi = q.end + text::after(a.text, q.end, site.sent.end, 80).len();
    let mut deadline = None;
    let mut in_phrase = false;
    let day = doc_day(a);
    for tm in a
        .times_in(lo..hi)
        .iter()
        .filter(|tm| tm.end <= site.sent.end)
    {
        let same_item = (tm.start >= site.item_start && tm.end <= q.start)
            || (tm.start >= q.end
                && tm.end <= site.phrase.end
                && !text::sub(a.text, q.end, tm.start).contains('、'));
        let later_clause = tm.start >= site.phrase.end
            && a.qms_in(site.phrase.end.max(q.end)..tm.start.max(site.phrase.end))
                .is_empty();
        let same_phrase = tm.start >= site.phrase.start && tm.end <= site.phrase.end;
        match tm.when {
            When::Deadline(d) if same_item || (later_clause && deadline.is_none()) => {
                deadline = Some(d);
                if same_phrase && !day.is_some_and(|day| d < day) {
                    in_phrase = true;
                }
            }
            When::AsOf(d) if tm.end <= q.start && tm.start >= site.sent.start => {
                deadline = Some(d);
            }
            _ => {}
        }
    }
    (deadline, in_phrase)
}

/// The measure, value, bounds and comparator of a figure.
#[derive(Debug, Clone, Copy)]
pub(super) struct MeasureRead {
    pub measure: Measure,
    pub value: Decimal,
    pub upper: Option<Decimal>,
    pub comparator: Comparator,
}

/// Measure rules, in order: `multiple` (N倍 is a growth), `points` (百分点 changes a share),
/// `share_of` (占 after the last change word), `change` (a change word governing the figure:
/// a rise, or a fall read as a negative growth; a rise-to word makes a level), `growth_after`
/// ("10%以上的增长"), `metric_default` (the indicator's usual measure), `percent` (a share),
/// `level`.
pub(super) fn measure(
    a: &Analysed<'_>,
    site: &Site,
    q: &QMention,
    def: Option<&MetricDef>,
) -> MeasureRead {
    let mut out = MeasureRead {
        measure: Measure::Level,
        value: q.value,
        upper: q.upper,
        comparator: q.comparator,
    };
    let percent = q.unit == QUnit::Percent;
    match q.unit {
        QUnit::Word("倍") => {
            out.measure = Measure::Growth;
            return out;
        }
        QUnit::Word("百分点") => {
            out.measure = Measure::Share;
            return out;
        }
        _ => {}
    }
    let f = &a.folded;
    let item = text::sub(f, site.item_start, q.start);
    let only_joiners = {
        let mut s = item.trim();
        while let Some(w) = measures::LIST_JOINERS.iter().find(|w| s.starts_with(**w)) {
            s = s.get(w.len()..).unwrap_or("").trim();
        }
        s.is_empty()
    };
    // An item of bare figures ("增长5%、6%") takes the change word of its phrase.
    let label = super::metric::label_before(a, site, q);
    let (scope_lo, gap_checked) = if only_joiners {
        (site.phrase.start, false)
    } else {
        (site.item_start, true)
    };
    // A figure after a label takes the label's change word ("生产总值增长：5.5%").
    let scope = match &label {
        Some(r) => text::sub(f, r.start, r.end),
        None => text::sub(f, scope_lo, q.start),
    };
    let gap_checked = gap_checked && label.is_none();
    let change = last_change(scope);
    let share_at = scope.rfind(measures::SHARE_OF);
    // "增加35个" is a change; "提升四张名片", "增加500个就业岗位" count a noun.
    let noun_follows = !percent
        && text::after(f, q.end, site.phrase.end, 1)
            .chars()
            .next()
            .is_some_and(super::super::super::normalize::is_han);
    let change_governs = !noun_follows
        && change.is_some_and(|(at, w, _)| {
            let gap = scope.get(at + w.len()..).unwrap_or("");
            !gap_checked || gap.trim().is_empty() || is_gap(gap.trim())
        });
    match change {
        Some((at, _, _)) if share_at.is_some_and(|s| s > at) => {
            out.measure = Measure::Share;
        }
        Some((_, _, measures::Change::Blocked)) => {
            out.measure = if percent {
                Measure::Share
            } else {
                Measure::Level
            };
        }
        Some((_, _, c)) if change_governs => {
            out.measure = Measure::Growth;
            if c == measures::Change::Fall {
                negate(&mut out);
            }
        }
        _ if share_at.is_some() => out.measure = Measure::Share,
        _ => {
            let after = text::after(f, q.end, site.phrase.end, 4);
            out.measure = if percent && measures::GROWTH_AFTER.iter().any(|w| after.starts_with(w))
            {
                Measure::Growth
            } else if let Some(m) = def.and_then(|d| d.measure).filter(|_| percent) {
                m
            } else if percent {
                Measure::Share
            } else {
                Measure::Level
            };
        }
    }
    out
}

/// A decline: the value and its range negated, the comparator flipped.
fn negate(out: &mut MeasureRead) {
    let neg = |d: Decimal| Decimal::from_scaled(d.scaled().saturating_neg());
    let (v, u) = (out.value, out.upper);
    match u {
        Some(u) => {
            out.value = neg(u);
            out.upper = Some(neg(v));
        }
        None => out.value = neg(v),
    }
    out.comparator = comparators::flipped(out.comparator);
}

fn is_gap(gap: &str) -> bool {
    let mut s = gap;
    while !s.is_empty() {
        let Some(w) = measures::CHANGE_GAP
            .iter()
            .filter(|w| s.starts_with(**w))
            .max_by_key(|w| w.len())
        else {
            return false;
        };
        s = s.get(w.len()..).unwrap_or("").trim_start();
    }
    true
}

/// The change words, the longest winning at one place.
static CHANGES: Lazy<AhoCorasick> =
    Lazy::new(|| longest_words(measures::CHANGE_WORDS.iter().map(|(w, _)| *w)));

/// The last change word in `s`: (byte offset, word, how it reads); longer words first.
fn last_change(s: &str) -> Option<(usize, &'static str, measures::Change)> {
    let m = CHANGES.find_iter(s).last()?;
    let word = text::sub(s, m.start(), m.end());
    measures::CHANGE_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(w, c)| (m.start(), w, c))
}

/// The cue words, the longest winning at one place.
static CUE_WORDS: Lazy<AhoCorasick> = Lazy::new(|| longest_words(CUES.iter().map(|c| c.word)));

static CUE_OF: Lazy<std::collections::HashMap<&'static str, Cue>> =
    Lazy::new(|| CUES.iter().map(|c| (c.word, c.cue)).collect());

fn cue_of(word: &str) -> Cue {
    CUE_OF.get(word).copied().unwrap_or(Cue::Blocked)
}

/// Where reading back from `hi` for cue words stops: `CUE_REACH_CHARS` before it, or `floor`.
fn reach_back(a: &Analysed<'_>, floor: usize, hi: usize) -> usize {
    hi - text::before(a.text, floor, hi, CUE_REACH_CHARS).len()
}

/// "已签约的12家企业": 已 inside a relative clause describes the noun, not the statement.
fn relative_clause(a: &Analysed<'_>, word: &str, end: usize) -> bool {
    RELATIVE_ASPECT.contains(&word) && text::after(&a.folded, end, a.folded.len(), 5).contains('的')
}

/// Aspect cues that may open a relative clause.
const RELATIVE_ASPECT: &[&str] = &["已", "已经"];

/// Where cues are read: some count only in the figure's phrase (发挥), some only in headings
/// (回顾).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Phrase,
    Text,
    Heading,
}

/// The decision of the nearest cue (the last in `cues`) that counts in `scope`.
fn decide(cues: &[CueAt], past_around: bool, scope: Scope) -> Option<Kind> {
    decide_governed(cues, past_around, scope, false)
}

/// [`decide`], where `governed` says a target cue earlier in the sentence governs a
/// comparison ("拟按…安排，比上年增加…").
fn decide_governed(
    cues: &[CueAt],
    past_around: bool,
    scope: Scope,
    governed: bool,
) -> Option<Kind> {
    for (k, &(_, _, cue)) in cues.iter().enumerate().rev() {
        match cue {
            Cue::Target => return Some(Kind::Target),
            Cue::Observation => return Some(Kind::Observation),
            Cue::Resource if scope == Scope::Phrase => return Some(Kind::Observation),
            Cue::Review if scope == Scope::Heading => return Some(Kind::Observation),
            Cue::Estimate => {
                return Some(if past_around {
                    Kind::Observation
                } else {
                    Kind::Target
                })
            }
            Cue::Comparison => {
                let governed = governed
                    || cues
                        .get(..k)
                        .unwrap_or(&[])
                        .iter()
                        .any(|c| c.2 == Cue::Target);
                return Some(if governed {
                    Kind::Target
                } else {
                    Kind::Observation
                });
            }
            Cue::Resource | Cue::Review | Cue::Blocked => {}
        }
    }
    None
}

/// Whether a commitment (`lexicon::cues::COMMITMENTS`) is the nearest target cue before figure
/// `q` in its sentence, with no observation cue after it.
pub(super) fn committed(a: &Analysed<'_>, frames: &Frames, site: &Site, q: &QMention) -> bool {
    let cues = frames.cues_in(a, reach_back(a, site.sent.start, q.start), q.start);
    let Some(&(s, e, cue)) = cues
        .iter()
        .rev()
        .find(|c| matches!(c.2, Cue::Target | Cue::Observation | Cue::Estimate))
    else {
        return false;
    };
    cue == Cue::Target
        && super::super::super::lexicon::cues::COMMITMENTS.contains(&text::sub(&a.folded, s, e))
}

/// Target or observation.
pub(super) fn kind(
    a: &Analysed<'_>,
    frames: &Frames,
    site: &Site,
    q: &QMention,
    time: &TimeRead,
    measure: Measure,
    metric: Option<&MetricRead>,
) -> KindRead {
    let read = |kind, rule| KindRead { kind, rule };
    // An estimate is an outturn when a period that is over frames its sentence (a sentence
    // continued after ；included: "1至6月…开工20个；预计完成投资…").
    let past_around = {
        let mut lo = site.sent.start;
        let mut i = a.sentences().partition_point(|s| s.end <= site.sent.start);
        while let Some(prev) = i.checked_sub(1).and_then(|j| a.sentences().get(j)) {
            let ends = text::sub(a.text, prev.start, prev.end).trim_end();
            if !ends.ends_with(['；', ';']) || a.para_start(prev.start) != a.para_start(lo) {
                break;
            }
            lo = prev.start;
            i -= 1;
        }
        // ... or a review heading opens its section ("工作回顾": 预计实现… is the year's outturn).
        frame_before(a, lo, q.start).is_some_and(|f| f.past)
            || time.intro_cue == Some(Kind::Observation)
    };
    // 1. A past frame in the sentence.
    // (A target cue in the figure's own phrase makes it a past target: "2022年目标为增长6%".)
    if time.local.is_some_and(|f| f.past) {
        let own = frames.cues_in(a, site.phrase.start.max(site.item_start), q.start);
        if !own.iter().any(|c| c.2 == Cue::Target) {
            return read(Kind::Observation, "local_past");
        }
    }
    // 2. A plan figure.
    if measure == Measure::Level && metric.and_then(|m| m.def).is_some_and(|d| d.plan) {
        return read(Kind::Target, "plan_metric");
    }
    // 3. The phrase before the figure (cues after 占 describe the whole, not the figure).
    let f = &a.folded;
    let item = text::sub(f, site.item_start, q.start);
    let cut = item
        .rfind(measures::SHARE_OF)
        .map_or(q.start, |k| site.item_start + k);
    let phrase_cues = frames.cues_in(a, site.phrase.start, cut);
    // A target cue earlier in the sentence governs a comparison, unless it is part of the
    // name of what is compared ("年度计划投资…，同比增长…").
    let named = metric.map(|m| m.text.clone()).unwrap_or(0..0);
    let governed = frames
        .cues_in(
            a,
            reach_back(a, site.sent.start, site.phrase.start),
            site.phrase.start,
        )
        .iter()
        .any(|c| c.2 == Cue::Target && !(c.0 >= named.start && c.1 <= named.end));
    if let Some(k) = decide_governed(&phrase_cues, past_around, Scope::Phrase, governed) {
        return read(k, "phrase_cue");
    }
    // 4. A cue after the figure in its phrase.
    let after_end = q.end + text::after(f, q.end, site.phrase.end, 16).len();
    let after = frames.cues_in(a, q.end, after_end);
    if let Some(&(_, _, cue)) = after
        .iter()
        .find(|c| matches!(c.2, Cue::Target | Cue::Observation))
    {
        return read(
            if cue == Cue::Target {
                Kind::Target
            } else {
                Kind::Observation
            },
            "cue_after",
        );
    }
    // 5. A deadline ahead.
    if time.deadline_in_phrase {
        return read(Kind::Target, "deadline");
    }
    // 6. The sentence before the phrase.
    let sentence_cues = frames.cues_in(
        a,
        reach_back(a, site.sent.start, site.phrase.start),
        site.phrase.start,
    );
    if let Some(k) = decide(&sentence_cues, past_around, Scope::Text) {
        return read(k, "sentence_cue");
    }
    // 6b. A target cue later in the sentence, with no other figure between ("…20件民生实事，挂牌
    // 督办，确保年内办结").
    let later = site.phrase.end.max(after_end);
    let next_figure = a
        .qms
        .get(a.qms_in(later..site.sent.end).start)
        .filter(|o| o.start < site.sent.end)
        .map_or(site.sent.end, |o| o.start);
    let later_end = later + text::after(f, later, next_figure, CUE_REACH_CHARS).len();
    if frames
        .cues_in(a, later, later_end)
        .iter()
        .any(|c| c.2 == Cue::Target)
    {
        return read(Kind::Target, "sentence_cue_after");
    }
    // 7. The paragraph's frame.
    if let Some(k) = frame_kind(time.paragraph) {
        return read(k, "paragraph_frame");
    }
    // 8. The sentences before, in the paragraph.
    let i = a.sentences().partition_point(|s| s.end <= site.sent.start);
    let para_start = a.para_start(q.start);
    for back in 1..=6 {
        let Some(prev) = i.checked_sub(back).and_then(|j| a.sentences().get(j)) else {
            break;
        };
        if prev.start < para_start {
            break;
        }
        let lo = reach_back(a, prev.start, prev.end);
        if let Some(k) = decide(&frames.cues_in(a, lo, prev.end), past_around, Scope::Text) {
            return read(k, "paragraph_cue");
        }
    }
    // 9. The section's frame.
    if let Some(k) = frame_kind(time.section) {
        return read(k, "section_frame");
    }
    // 10. The heading or introducing line.
    if let Some(k) = time.intro_cue {
        return read(k, "section_cue");
    }
    read(Kind::Target, "default")
}

fn frame_kind(f: Option<Frame>) -> Option<Kind> {
    match f {
        Some(f) if f.past => Some(Kind::Observation),
        Some(f) if f.future => Some(Kind::Target),
        _ => None,
    }
}
