//! Whether a figure is a target or an observation.
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
//! 9. `section_frame`: the frame of the paragraphs before, as in 7, when the figure's sentence
//!    and paragraph have no frame of their own;
//! 10. `section_cue`: the cue of the heading or introducing line ("2023年主要预期目标",
//!     "2022年工作回顾", "…发展目标：");
//! 11. `default`: a target (plans and reports state more targets than bare facts).
//!
//! An estimate (预计) is a target, unless a frame around it is past ("1至7月…预计完成").

use super::super::super::lexicon::cues::{Cue, ATTAINMENT, CUES};
use super::super::super::lexicon::measures;
use super::super::super::measure::QMention;
use super::super::super::text;
use super::super::super::Analysed;
use super::super::longest_words;
use super::frames::{frame_before, Frame, Frames, TimeRead};
use super::metric::MetricRead;
use super::Site;
use crate::model::Measure;
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;

/// A cue word's place and meaning: (start, end, cue).
pub(super) type CueAt = (usize, usize, Cue);

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

/// The cue words, the longest winning at one place.
pub(super) static CUE_WORDS: Lazy<AhoCorasick> =
    Lazy::new(|| longest_words(CUES.iter().map(|c| c.word)));

static CUE_OF: Lazy<std::collections::HashMap<&'static str, Cue>> =
    Lazy::new(|| CUES.iter().map(|c| (c.word, c.cue)).collect());

pub(super) fn cue_of(word: &str) -> Cue {
    CUE_OF.get(word).copied().unwrap_or(Cue::Blocked)
}

/// How far back cue words are read in a sentence, in characters (a sentence without
/// punctuation may be a whole page).
const CUE_REACH_CHARS: usize = 120;

/// Where reading back from `hi` for cue words stops: `CUE_REACH_CHARS` before it, or `floor`.
fn reach_back(a: &Analysed<'_>, floor: usize, hi: usize) -> usize {
    hi - text::before(a.text, floor, hi, CUE_REACH_CHARS).len()
}

/// "已签约的12家企业": 已 inside a relative clause describes the noun, not the statement.
pub(super) fn relative_clause(a: &Analysed<'_>, word: &str, end: usize) -> bool {
    RELATIVE_ASPECT.contains(&word) && text::after(&a.folded, end, a.folded.len(), 5).contains('的')
}

/// Aspect cues that may open a relative clause.
const RELATIVE_ASPECT: &[&str] = &["已", "已经"];

/// Where cues are read: some count only in the figure's phrase (发挥), some only in headings
/// (回顾).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    Phrase,
    Text,
    Heading,
}

/// The decision of the nearest cue (the last in `cues`) that counts in `scope`.
pub(super) fn decide(cues: &[CueAt], past_around: bool, scope: Scope) -> Option<Kind> {
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

/// How far before a target cue (in characters) a verb of attainment is looked for
/// ("达到年初预定目标").
const ATTAINED_REACH_CHARS: usize = 8;

/// Whether the target cue starting at `cue_start` is the object of a verb of attainment in its
/// phrase ("达到年初确定的目标", "完成全年计划"): the target was met, what the figure reports is
/// an outturn.
fn attained(f: &str, floor: usize, cue_start: usize) -> bool {
    let before = text::before(f, floor, cue_start, ATTAINED_REACH_CHARS);
    let before = before
        .rfind(['，', '。', '；', ',', ';', '：'])
        .map_or(before, |k| before.get(k..).unwrap_or(""));
    ATTAINMENT.iter().any(|w| before.contains(w))
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
    if let Some(&(cs, _, cue)) = after
        .iter()
        .find(|c| matches!(c.2, Cue::Target | Cue::Observation))
    {
        if cue == Cue::Target && attained(f, q.end, cs) {
            return read(Kind::Observation, "attained_after");
        }
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
    if let Some(&(cs, _, _)) = frames
        .cues_in(a, later, later_end)
        .iter()
        .find(|c| c.2 == Cue::Target)
    {
        // "…完成X亿元，达到年初预定目标": the target was met, the figure is its outturn.
        if attained(f, later, cs) {
            return read(Kind::Observation, "attained_after");
        }
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
    // 9. The section's frame, unless the figure's own sentence or paragraph has a frame of
    // its own: "今年…" after a paragraph on last year's results is this year's again.
    if time.local.is_none() && time.paragraph.is_none() {
        if let Some(k) = frame_kind(time.section) {
            return read(k, "section_frame");
        }
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
