//! Target and observation rules.
//!
//! Every quantity mention that no project took, and that is a figure of something (not a
//! project's size, not the scope of a ranking, not a count of attendees), becomes a target
//! (`quantity.target`: promised, required, planned) or an observation (`quantity.observation`:
//! achieved or standing). Reading a figure is four questions, each answered by an ordered list
//! of named rules, the first rule that applies deciding (duckling's model: a rule is a name, a
//! pattern over the analysed text, and what it produces):
//!
//! - [`metric`]: what is measured: the noun phrase before the figure, cleanly bounded, else the
//!   noun after its unit, else the figure before it; canonical when the indicator table knows
//!   it ([`crate::extract::metrics`]);
//! - [`measure::measure`]: level, growth or share;
//! - [`frames::Frames::time`]: the year, from the nearest explicit time (its sentence, its paragraph,
//!   the heading or lines before), else the document's;
//! - [`kind::kind`]: target or observation, from cue words and time frames.
//!
//! The rules that drop a figure ([`filter`]) are named too; vocabulary lives in
//! `extract::lexicon`, never in the rules.

mod filter;
mod frames;
mod kind;
mod measure;
mod metric;
mod noun;
mod words;

use super::super::facts::{placeholder_span, Fact, MeasureFact};
use super::super::measure::{QMention, QUnit};
use super::super::metrics;
use super::super::text;
use super::super::{Analysed, Found};
use super::phrase_at;
use crate::model::Unit;
use std::ops::Range;

/// Where a figure stands: its sentence, its phrase (between `，；：`), and its item (after the
/// last `、` or the previous figure of the phrase).
#[derive(Debug, Clone)]
pub(super) struct Site {
    pub sent: Range<usize>,
    pub phrase: Range<usize>,
    pub item_start: usize,
}

impl Site {
    fn new(a: &Analysed<'_>, i: usize, q: &QMention) -> Site {
        let sent = a.sentence_at(q.start);
        let phrase = phrase_at(a, &sent, q.start);
        let mut item_start = phrase.start;
        let before = text::sub(a.text, phrase.start, q.start);
        if let Some(k) = before.rfind('、') {
            item_start = phrase.start + k + '、'.len_utf8();
        }
        if let Some(p) = i.checked_sub(1).and_then(|j| a.qms.get(j)) {
            if p.end <= q.start && p.end > item_start {
                item_start = p.end;
            }
        }
        Site {
            sent,
            phrase,
            item_start,
        }
    }
}

/// What the figure before this one measured, for the figures that only say how it changed
/// ("地区生产总值860亿元，增长5.1%").
#[derive(Debug, Clone)]
pub(super) struct Antecedent {
    pub sent: Range<usize>,
    pub metric: metric::MetricRead,
}

/// How many earlier figures of a sentence `metric.respectively` may distribute over.
const MAX_SENTENCE_FIGURES: usize = 16;

pub(crate) fn run(a: &Analysed<'_>, consumed: &[bool]) -> Vec<Found> {
    let frames = frames::Frames::new(a);
    let mut out: Vec<Found> = Vec::new();
    let mut antecedent: Option<Antecedent> = None;
    // The metrics of the figures read so far in the current sentence.
    let mut sentence_figs: Vec<(usize, metric::MetricRead)> = Vec::new();
    for (i, q) in a.qms.iter().enumerate() {
        let site = Site::new(a, i, q);
        if antecedent.as_ref().is_some_and(|x| x.sent != site.sent) {
            sentence_figs.clear();
        }
        let reads = metric::read(a, &site, q, antecedent.as_ref(), &sentence_figs);
        if let Some(m) = reads.first().filter(|m| !m.name.is_empty()) {
            antecedent = Some(Antecedent {
                sent: site.sent.clone(),
                metric: m.clone(),
            });
            sentence_figs.push((i, m.clone()));
            // 分别 distributes over the last few figures; a sentence without punctuation may
            // hold thousands.
            if sentence_figs.len() > MAX_SENTENCE_FIGURES {
                sentence_figs.remove(0);
            }
        }
        if consumed.get(i).copied().unwrap_or(true) {
            continue;
        }
        let measure = measure::measure(a, &site, q, reads.first().and_then(|m| m.def));
        let time = frames.time(a, &site, q);
        let kind = kind::kind(a, &frames, &site, q, &time, measure.measure, reads.first());
        match filter::reject(a, &site, i, q) {
            Some("project_count")
                if kind.kind == kind::Kind::Target
                    && filter::committed_count(a, &frames, &site, q) => {}
            Some(_) => continue,
            None => {}
        }
        let unit = match q.unit {
            QUnit::Yuan => Unit::Yuan,
            QUnit::Percent => Unit::Percent,
            QUnit::Word(w) => Unit::Word(w.to_string()),
        };
        let place = a.ctx.region_for(
            a.text,
            a.gaz,
            site.sent.start,
            site.phrase.clone(),
            q.start,
            &[],
        );
        let (region, region_code) = a.place_name(place);
        let start = site.item_start.max(site.phrase.start);
        let reads = if reads.is_empty() {
            vec![metric::MetricRead::none(q.start)]
        } else {
            reads
        };
        for m in reads.into_iter() {
            if q.unit == QUnit::Percent && q.value.to_f64() > 100.0 && metrics::is_bounded(&m.name)
            {
                // "开工率984%": a share of a whole cannot pass 100; the text lost a decimal point.
                continue;
            }
            let year = if kind.kind == kind::Kind::Target {
                time.target_year
            } else {
                time.year
            };
            let fact = MeasureFact {
                metric: m.name.clone(),
                metric_text: text::sub(a.text, m.text.start, m.text.end)
                    .trim()
                    .to_string(),
                metric_key: m.def.map(|d| d.key),
                measure: measure.measure,
                value: measure.value,
                value_upper: measure.upper,
                unit: unit.clone(),
                comparator: measure.comparator,
                region: region.clone(),
                region_code: region_code.clone(),
                region_note: a.region_note(place),
                year,
                deadline: time.deadline,
                campaign: None,
                span: placeholder_span(),
                rule: match kind.kind {
                    kind::Kind::Target => "quantity.target",
                    kind::Kind::Observation => "quantity.observation",
                },
                reading: kind.rule,
            };
            if restated(a, &out, q, &fact, kind.kind) {
                continue;
            }
            out.push(Found {
                start,
                end: q.end,
                fact: match kind.kind {
                    kind::Kind::Target => Fact::Target(fact),
                    kind::Kind::Observation => Fact::Observation(fact),
                },
            });
        }
    }
    resolve_unnamed(a, &mut out);
    out
}

/// `metric.restated_later`: a figure stated first without what it measures ("必须实现增长12%的
/// 目标") takes the metric of its restatement later in the paragraph ("…“完成投资860亿元、增长
/// 12%”的目标"), and the restatement goes; a figure that never gets a metric is dropped.
fn resolve_unnamed(a: &Analysed<'_>, out: &mut Vec<Found>) {
    let mut dropped = vec![false; out.len()];
    for k in 0..out.len() {
        let Some(Fact::Target(m) | Fact::Observation(m)) = out.get(k).map(|f| &f.fact) else {
            continue;
        };
        if !m.metric.is_empty() || dropped.get(k).copied().unwrap_or(true) {
            continue;
        }
        let para = a.para_start(out.get(k).map_or(0, |f| f.start));
        let later = out
            .iter()
            .enumerate()
            .skip(k + 1)
            .take(16)
            .find_map(|(j, f)| {
                let (Fact::Target(o) | Fact::Observation(o)) = &f.fact else {
                    return None;
                };
                (!dropped.get(j).copied().unwrap_or(true)
                    && a.para_start(f.start) == para
                    && !o.metric.is_empty()
                    && o.value == m.value
                    && o.unit == m.unit
                    && o.measure == m.measure)
                    .then(|| (j, o.metric.clone(), o.metric_text.clone(), o.metric_key))
            });
        match later {
            Some((j, name, text, key)) => {
                if let Some(Fact::Target(m) | Fact::Observation(m)) =
                    out.get_mut(k).map(|f| &mut f.fact)
                {
                    m.metric = name;
                    m.metric_text = text;
                    m.metric_key = key;
                }
                if let Some(d) = dropped.get_mut(j) {
                    *d = true;
                }
            }
            None => {
                if let Some(d) = dropped.get_mut(k) {
                    *d = true;
                }
            }
        }
    }
    let mut keep = dropped.iter().map(|d| !d);
    out.retain(|_| keep.next().unwrap_or(false));
}

/// The same figure restated in the paragraph with a shorter or longer metric ("务必实现增长
/// 15%" … "完成投资…、增长15%"): the first statement stands.
fn restated(
    a: &Analysed<'_>,
    out: &[Found],
    q: &QMention,
    fact: &MeasureFact,
    kind: kind::Kind,
) -> bool {
    let para_start = a.para_start(q.start);
    if fact.metric.is_empty() {
        return false;
    }
    out.iter().rev().take(16).any(|f| {
        f.start >= para_start
            && match (&f.fact, kind) {
                (Fact::Target(o), kind::Kind::Target)
                | (Fact::Observation(o), kind::Kind::Observation) => {
                    !o.metric.is_empty()
                        && o.value == fact.value
                        && o.unit == fact.unit
                        && o.measure == fact.measure
                        && o.comparator == fact.comparator
                        && o.year == fact.year
                        && (o.metric.starts_with(&fact.metric)
                            || fact.metric.starts_with(&o.metric))
                }
                _ => false,
            }
    })
}
