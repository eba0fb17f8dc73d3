//! The extractor: Chinese government text in, facts with evidence out.
//!
//! ```
//! use planledger::extract::{Document, Extractor, Fact};
//!
//! let extractor = Extractor::new();
//! let text = "——访黄岛区琅琊镇党委书记李华\n今年，我镇将推动总投资15.6亿元的3个重点项目年底竣工。";
//! let extraction = extractor.extract(&Document::new(text).with_year(2023));
//! let Fact::Project(p) = &extraction.facts[1] else { panic!() };
//! assert_eq!((p.count, p.investment_yuan.map(|m| m.yuan())), (3, Some(1_560_000_000)));
//! // Three towns are called 琅琊镇; the county named before it tells which.
//! assert_eq!(p.region.as_deref(), Some("琅琊镇"));
//! assert_eq!(p.region_code.as_deref(), Some("370211102"));
//! assert_eq!(p.deadline.map(|d| d.to_string()).as_deref(), Some("2023-12-31"));
//! // The span points into the original text.
//! assert_eq!(p.span.slice(text).as_deref(), Some("推动总投资15.6亿元的3个重点项目年底竣工"));
//! ```
//!
//! # Pipeline
//!
//! The stages are modules named after what they know about:
//!
//! 1. `normalize`: joins lines broken inside words and numbers, folds full-width digits,
//!    letters and `％` through a targeted table, drops spaces inside numbers, pairs ASCII
//!    quotes, drops pinyin glosses of broken script conversions, keeps each line of page
//!    furniture (`furniture`: navigation, metadata, counters, captions) a paragraph of its own,
//!    and keeps a map from every normalised byte back to the original character offset;
//! 2. `text`: sentences (`。！？；` and paragraph breaks) and clauses (`，、：`);
//! 3. `numbers`: Arabic, Chinese and mixed numerals with exact, overflow-checked arithmetic;
//! 4. `measure`: comparators (超过, 近, 以上 …) and units (亿元, %, 家 …) around a number;
//! 5. `time`: 今年, 去年, 年内, 上半年, 5月底, 到2023年底 … against the document date;
//! 6. rules per fact kind (`rules::project`, `rules::quantity`, `rules::official`,
//!    `rules::campaign`), named records over the vocabulary tables of `lexicon`, each fact
//!    tagged with the id of the rule that read it; nothing read inside page furniture is a
//!    fact;
//! 7. `gazetteer` and `context`: the places of China and the names people write for them
//!    (full, short, former, local; either script), the document's and each section's region,
//!    self-references (我镇, 全区), and why a region stays open when it does;
//! 8. de-duplication: a fact stated twice (scanned pages repeat lines, a title repeats the
//!    body, a list repeats the prose) comes out once, and links to a dropped statement
//!    (`ProjectFact::part_of`) go to the one kept.
//!
//! The extractor knows nothing of SQL; turning facts into ledger rows is the caller's business.
//! It never panics, whatever the input: every slice is taken at character boundaries through
//! checked accessors, and arithmetic on figures is checked.
//!
//! # Cost
//!
//! Time and memory grow linearly with the text, whatever it holds: no stage rescans what it has
//! already read. Per document the extractor holds the normalised text and a map from each of
//! its bytes back to the original (at most 5 bytes per byte of input), a record for each
//! mention it finds (a number with its unit, a time, a place: tens of bytes each) and the
//! facts (a few hundred bytes each, their strings included). Measured peaks, in bytes per byte
//! of input: about 7 for text in which it finds nothing, 19 for text dense with places and
//! times, 123 for text with a fact every few characters (the returned facts included). A caller
//! reading crawled pages should bound the size of what it passes in: 1 MB of the densest text
//! takes up to about 125 MB while it is read.

mod context;
mod facts;
mod furniture;
mod gazetteer;
mod lexicon;
mod measure;
pub mod metrics;
mod normalize;
mod numbers;
mod rules;
mod text;
mod time;

pub use facts::{CampaignFact, Fact, MeasureFact, OfficialFact, PostFact, ProjectFact};
pub use gazetteer::{FormerName, Gazetteer, NameForm, Place, PlaceId};

use crate::model::{PartialDate, Span};
use std::collections::hash_map::{Entry, HashMap};
use std::ops::Range;
use std::sync::Arc;

/// A text to read, with what is known about it.
///
/// ```
/// use planledger::extract::Document;
/// let doc = Document::new("今年要增长11%。").with_date("2020-05-20".parse()?);
/// assert_eq!(doc.date().map(|d| d.year()), Some(2020));
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    text: &'a str,
    date: Option<PartialDate>,
}

impl<'a> Document<'a> {
    /// A document with no known date: relative times (今年, 去年) resolve against a date found
    /// near the top of the text ("2023-01-28 19:09"), else stay unresolved.
    pub fn new(text: &'a str) -> Self {
        Document { text, date: None }
    }

    /// Sets the publication date (a year, a month or a day).
    pub fn with_date(mut self, date: PartialDate) -> Self {
        self.date = Some(date);
        self
    }

    /// Sets the publication year only.
    pub fn with_year(mut self, year: i32) -> Self {
        self.date = PartialDate::year_only(year).ok();
        self
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The date given, if any.
    pub fn date(&self) -> Option<PartialDate> {
        self.date
    }
}

/// What the extractor found in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Extraction {
    /// The facts, in document order, each once.
    pub facts: Vec<Fact>,
    /// The date relative times were resolved against (given, or found in the text).
    pub date: Option<PartialDate>,
}

use serde::Serialize;

/// Reads facts from texts. Cheap to clone (the gazetteer is shared); `Send + Sync`, so one
/// extractor can serve many threads.
///
/// ```
/// use planledger::extract::{Document, Extractor, Fact};
/// let extractor = Extractor::new();
/// let facts = extractor.extract(&Document::new("莱西市委书记王明出席座谈会。")).facts;
/// let Fact::Official(o) = &facts[0] else { panic!() };
/// assert_eq!((o.name.as_str(), o.title.as_str()), ("王明", "市委书记"));
/// assert_eq!(o.organization.as_deref(), Some("莱西市委"));
/// assert_eq!(o.region_code.as_deref(), Some("370285"));
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    gazetteer: Arc<Gazetteer>,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor resolving places through the national gazetteer
    /// ([`Gazetteer::national`]: every division of China, built once per process).
    pub fn new() -> Self {
        Extractor {
            gazetteer: Gazetteer::national(),
        }
    }

    /// An extractor resolving places through a gazetteer of your own (a newer division
    /// edition, a ledger's regions, the national gazetteer with places added).
    ///
    /// ```
    /// use planledger::extract::{Document, Extractor, Gazetteer, Place};
    /// use planledger::model::RegionKind;
    /// let mut g = Gazetteer::new();
    /// g.add(Place::new("甲县", RegionKind::County));
    /// let facts = Extractor::with_gazetteer(g)
    ///     .extract(&Document::new("甲县今年签约项目5个，总投资12亿元。").with_year(2023))
    ///     .facts;
    /// assert_eq!(facts[0].region(), Some("甲县"));
    /// ```
    pub fn with_gazetteer(gazetteer: impl Into<Arc<Gazetteer>>) -> Self {
        Extractor {
            gazetteer: gazetteer.into(),
        }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Reads one document.
    pub fn extract(&self, doc: &Document<'_>) -> Extraction {
        let norm = normalize::Normalized::new(doc.text);
        let date = doc
            .date
            .or_else(|| time::dateline(&norm.text).map(PartialDate::Day));
        let year = date.map(|d| d.year());
        let ctx = context::DocContext::build(&norm.text, &self.gazetteer);
        // The document's own places (the zones it names) and local names, over the shared
        // gazetteer.
        let places = Gazetteer::layer(
            &self.gazetteer,
            ctx.local_places.clone(),
            &ctx.local_names,
            ctx.home,
        );
        let analysed = Analysed::new(&norm.text, &places, year, date, ctx);
        let mut found = rules::run(&analysed);

        // Document order, then de-duplication (the first statement of a fact wins; later
        // statements of it are dropped, and links to them go to the first).
        found.sort_by_key(|f| (f.start, f.end));
        let mut facts: Vec<Fact> = Vec::with_capacity(found.len());
        let mut first: HashMap<u64, (usize, usize)> = HashMap::new();
        let mut same_as: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
        let to_span = |s: usize, e: usize| {
            let (s, e) = norm.orig_span(s, e);
            Span::new(s, e).ok()
        };
        // Figures restated with a longer or shorter metric ("明年地区生产总值的预期目标为增长
        // 5%以上" … "地区生产总值增长5%以上"): metrics kept per figure.
        let mut figures: HashMap<u64, Vec<String>> = HashMap::new();
        for f in found {
            let Some(span) = to_span(f.start, f.end) else {
                continue;
            };
            match first.entry(rules::dedup_key(&f.fact)) {
                Entry::Occupied(o) => {
                    same_as.insert((f.start, f.end), *o.get());
                    continue;
                }
                Entry::Vacant(v) => {
                    v.insert((f.start, f.end));
                }
            }
            if let Some((key, metric)) = rules::figure_key(&f.fact) {
                let kept = figures.entry(key).or_default();
                if kept.iter().any(|k| rules::same_metric(k, metric)) {
                    continue;
                }
                kept.push(metric.to_string());
            }
            let mut fact = f.fact;
            fact.set_span(span);
            if fact.region().is_none() && fact.region_note().is_none() {
                fact.set_region_note(analysed.ctx.note(None).map(str::to_string));
            }
            facts.push(fact);
        }
        // Links between facts are written in offsets of the normalised text until here.
        for fact in &mut facts {
            if let Fact::Project(p) = fact {
                p.part_of = p.part_of.and_then(|to| {
                    let at = (to.start() as usize, to.end() as usize);
                    let (s, e) = same_as.get(&at).copied().unwrap_or(at);
                    to_span(s, e)
                });
            }
        }
        Extraction { facts, date }
    }
}

// One extractor serves many threads; the compiler checks the claim made in its docs.
const _: fn() = || {
    fn is_send_sync<T: Send + Sync>() {}
    is_send_sync::<Extractor>();
};

/// A fact found by a rule, positioned in the normalised text.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub fact: Fact,
}

/// The normalised text with everything the rules share.
pub(crate) struct Analysed<'a> {
    pub text: &'a str,
    /// `text` with traditional characters folded to simplified ones, byte for byte aligned
    /// with it: what the vocabulary tables are matched against.
    pub folded: std::borrow::Cow<'a, str>,
    pub quotes: Vec<Range<usize>>,
    pub qms: Vec<measure::QMention>,
    pub times: Vec<time::TimeMention>,
    pub ctx: context::DocContext,
    pub gaz: &'a Gazetteer,
    pub year: Option<i32>,
    pub date: Option<PartialDate>,
    /// Byte offsets where paragraphs start.
    pub paragraphs: Vec<usize>,
    /// Page furniture (navigation, metadata, captions), sorted: nothing read there is a fact.
    pub furniture: Vec<Range<usize>>,
}

impl<'a> Analysed<'a> {
    fn new(
        text: &'a str,
        gaz: &'a Gazetteer,
        year: Option<i32>,
        date: Option<PartialDate>,
        ctx: context::DocContext,
    ) -> Self {
        let mut quotes = Vec::new();
        for s in ctx.sentences() {
            quotes.extend(text::quotes(text, s.clone()));
        }
        let folded = lexicon::script::fold(text);
        let qms = measure::scan(&folded, &quotes);
        let times = time::scan(&folded, year);
        let paragraphs = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let furniture = furniture::spans(text);
        Analysed {
            text,
            folded,
            quotes,
            qms,
            times,
            ctx,
            gaz,
            year,
            date,
            paragraphs,
            furniture,
        }
    }

    /// Whether byte `pos` is inside page furniture.
    pub(crate) fn in_furniture(&self, pos: usize) -> bool {
        let i = self.furniture.partition_point(|r| r.start <= pos);
        i.checked_sub(1)
            .and_then(|j| self.furniture.get(j))
            .is_some_and(|r| pos < r.end)
    }

    /// The sentences of the text, in order (computed once, by the document context).
    pub(crate) fn sentences(&self) -> &[Range<usize>] {
        self.ctx.sentences()
    }

    /// The start of the paragraph containing byte `pos`.
    pub(crate) fn para_start(&self, pos: usize) -> usize {
        let i = self.paragraphs.partition_point(|&p| p <= pos);
        i.checked_sub(1)
            .and_then(|j| self.paragraphs.get(j))
            .copied()
            .unwrap_or(0)
    }

    /// The time mentions inside `range`.
    pub(crate) fn times_in(&self, range: Range<usize>) -> &[time::TimeMention] {
        let a = self.times.partition_point(|t| t.start < range.start);
        let b = self.times.partition_point(|t| t.start < range.end);
        self.times.get(a..b.max(a)).unwrap_or(&[])
    }

    /// Indices of the quantity mentions whose number starts inside `range`.
    pub(crate) fn qms_in(&self, range: Range<usize>) -> Range<usize> {
        let a = self.qms.partition_point(|q| q.num_start < range.start);
        let b = self.qms.partition_point(|q| q.num_start < range.end);
        a..b.max(a)
    }

    /// The quantity mention whose number or comparator starts at `pos`.
    pub(crate) fn qm_at(&self, pos: usize) -> Option<usize> {
        // Mentions do not overlap and a mention starts at or before its number, so the only
        // candidate is the first mention whose number starts at or after `pos`.
        let i = self.qms.partition_point(|q| q.num_start < pos);
        self.qms
            .get(i)
            .is_some_and(|q| q.num_start == pos || q.start == pos)
            .then_some(i)
    }

    /// The quotations starting inside `range`.
    pub(crate) fn quotes_in(&self, range: Range<usize>) -> &[Range<usize>] {
        let a = self.quotes.partition_point(|q| q.start < range.start);
        let b = self.quotes.partition_point(|q| q.start < range.end);
        self.quotes.get(a..b.max(a)).unwrap_or(&[])
    }

    /// The sentence containing byte `pos`.
    pub(crate) fn sentence_at(&self, pos: usize) -> Range<usize> {
        let i = self.sentences().partition_point(|s| s.end <= pos);
        match self.sentences().get(i) {
            Some(s) if s.start <= pos => s.clone(),
            _ => pos..pos,
        }
    }

    /// Why a fact's region is open: the note of an unresolved place (an ambiguous name), or
    /// of the document when `id` is `None`; `None` for a resolved place.
    pub(crate) fn region_note(&self, id: Option<PlaceId>) -> Option<String> {
        match id {
            Some(p) if self.gaz.place(p).is_some() => None,
            _ => self.ctx.note(id).map(str::to_string),
        }
    }

    /// The canonical name and code of a place.
    pub(crate) fn place_name(&self, id: Option<PlaceId>) -> (Option<String>, Option<String>) {
        match id.and_then(|p| self.gaz.place(p)) {
            Some(p) => (
                Some(p.name.clone()),
                p.code.as_ref().map(|c| c.as_str().to_string()),
            ),
            None => (None, None),
        }
    }
}
