//! The time of a figure: the year and deadline it is about, read from time frames.
//!
//! **Time frames.** An explicit time says which period the figures after it are about, until
//! another one does: in the figure's sentence first (`local`), then earlier in its paragraph
//! (`paragraph`), then in the paragraphs before it back to the heading or colon-ended line that
//! opens its section (`section`). A frame is past when its year is before the document's, when
//! it is an as-of date (截至), a period already over at the document's date ("1至7月" in an
//! August text) or a figure to date (今年以来). A comparison base ("比上年", "去年同期") and the
//! date of an event ("2021年05月06日") set no frame. Explicit years and periods win over the
//! document's date: "2023年主要预期目标" in a text dated 2022-12-30 is about 2023.

use super::super::super::lexicon::cues::Cue;
use super::super::super::measure::QMention;
use super::super::super::text;
use super::super::super::time::{TimeMention, When};
use super::super::super::Analysed;
use super::kind::{cue_of, decide, relative_clause, CueAt, Kind, Scope, CUE_WORDS};
use super::Site;
use crate::model::Date;
use std::cell::RefCell;

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
    pub(super) fn cues_in(&self, a: &Analysed<'_>, lo: usize, hi: usize) -> Vec<CueAt> {
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
pub(super) fn frame_before(a: &Analysed<'_>, lo: usize, hi: usize) -> Option<Frame> {
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
                if same_phrase && day.is_none_or(|day| d >= day) {
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
