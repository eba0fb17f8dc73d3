//! The measure of a figure: a level, a growth (and its direction) or a share.

use super::super::super::lexicon::{comparators, measures};
use super::super::super::measure::{QMention, QUnit};
use super::super::super::metrics::MetricDef;
use super::super::super::text;
use super::super::super::Analysed;
use super::super::longest_words;
use super::Site;
use crate::model::{Comparator, Decimal, Measure};
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;

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
