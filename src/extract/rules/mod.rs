//! Stage 6: rules per fact kind. Each rule has an id (`project.batch`, `quantity.target` …)
//! that goes into the fact's evidence as `rule:<id>`.

pub(crate) mod campaign;
pub(crate) mod official;
pub(crate) mod project;
pub(crate) mod quantity;

use super::facts::Fact;
use super::text::{self, is_sentence_end};
use super::{Analysed, Found};
use aho_corasick::{AhoCorasick, MatchKind};

/// A word table compiled into one automaton, for the rules that look for any of its words in a
/// stretch of text: one pass over the text instead of one search per word. Between words
/// starting at the same place the table's order decides (as in a regex alternation): the
/// leftmost-first match.
pub(crate) fn first_words<'w>(words: impl IntoIterator<Item = &'w str>) -> AhoCorasick {
    automaton(words, MatchKind::LeftmostFirst)
}

/// Like [`first_words`], but between words starting at the same place the longest wins.
pub(crate) fn longest_words<'w>(words: impl IntoIterator<Item = &'w str>) -> AhoCorasick {
    automaton(words, MatchKind::LeftmostLongest)
}

fn automaton<'w>(words: impl IntoIterator<Item = &'w str>, kind: MatchKind) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(kind)
        .build(words)
        .expect("word tables are small")
}

/// A short word table (up to 64 words) searched with the packed (SIMD) searcher where the
/// processor has one, else with the automaton. For a few words of Han script [`first_words`]
/// may pick a prefilter on their rarest bytes, which Chinese text is full of.
pub(crate) struct FewWords {
    packed: Option<aho_corasick::packed::Searcher>,
    automaton: AhoCorasick,
}

impl FewWords {
    /// Leftmost-first, as [`first_words`].
    pub(crate) fn new<'w>(words: impl IntoIterator<Item = &'w str> + Clone) -> FewWords {
        use aho_corasick::packed;
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(words.clone())
            .build();
        FewWords {
            packed,
            automaton: first_words(words),
        }
    }

    /// The words in `hay`, left to right, not overlapping.
    pub(crate) fn find_iter<'a>(
        &'a self,
        hay: &'a str,
    ) -> impl Iterator<Item = aho_corasick::Match> + 'a {
        let (packed, automaton) = match &self.packed {
            Some(p) => (Some(p.find_iter(hay)), None),
            None => (None, Some(self.automaton.find_iter(hay))),
        };
        packed
            .into_iter()
            .flatten()
            .chain(automaton.into_iter().flatten())
    }
}

pub(crate) use super::text::CharSet;

/// Runs every rule over the analysed text.
pub(crate) fn run(a: &Analysed<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    let campaigns = campaign::run(a);
    let officials = official::run(a);
    // Figures in page furniture (view counters, licence numbers) are nobody's.
    let mut consumed: Vec<bool> = a.qms.iter().map(|q| a.in_furniture(q.start)).collect();
    let mut projects = project::run(a, &mut consumed);
    let mut quantities = quantity::run(a, &consumed);
    // File projects and quantities under the campaign whose section they are in.
    for f in projects.iter_mut().chain(quantities.iter_mut()) {
        let name = campaign::enclosing(a, &campaigns, f.start);
        match &mut f.fact {
            Fact::Project(p) => p.campaign = name,
            Fact::Target(m) | Fact::Observation(m) => m.campaign = name,
            _ => {}
        }
    }
    out.extend(campaigns);
    out.extend(officials);
    out.extend(projects);
    out.extend(quantities);
    out.retain(|f| !a.in_furniture(f.start));
    construction_over_programme(&mut out);
    investment_stays_on_the_project(&mut out);
    out
}

/// A project's total investment restated as a figure of its own ("项目总投资12.5亿元" after
/// "总投资达12.5亿元的9个项目", or rounded: "总投资近1.2万亿元") is the project's, not a
/// target or an observation.
fn investment_stays_on_the_project(out: &mut Vec<Found>) {
    use crate::model::{Comparator, Unit};
    let investments: Vec<(f64, bool)> = out
        .iter()
        .filter_map(|f| match &f.fact {
            Fact::Project(p) => p.investment_yuan.map(|m| {
                (
                    m.yuan() as f64,
                    p.comparator.unwrap_or_default() != Comparator::Eq,
                )
            }),
            _ => None,
        })
        .collect();
    if investments.is_empty() {
        return;
    }
    out.retain(|f| match &f.fact {
        Fact::Target(m) | Fact::Observation(m)
            if m.unit == Unit::Yuan && m.metric.contains("总投资") =>
        {
            let v = m.value.to_f64();
            let rounded = m.comparator != Comparator::Eq;
            !investments.iter().any(|&(p, p_rounded)| {
                p == v || ((rounded || p_rounded) && (p - v).abs() <= 0.05 * p.abs().max(v.abs()))
            })
        }
        _ => true,
    });
}

/// A name ending in 工程 read both as a project ("启动某片区品质提升工程和…项目") and as a
/// programme is a work of construction: the programme reading goes.
fn construction_over_programme(out: &mut Vec<Found>) {
    let projects: Vec<(usize, usize)> = out
        .iter()
        .filter(|f| matches!(f.fact, Fact::Project(_)))
        .map(|f| (f.start, f.end))
        .collect();
    out.retain(|f| match &f.fact {
        Fact::Campaign(c) if c.kind_of == crate::model::CampaignKind::Program => {
            !projects.iter().any(|&(s, e)| s < f.end && f.start < e)
        }
        _ => true,
    });
}

/// What makes two facts the same statement, span and rule aside, as a hash.
pub(crate) fn dedup_key(f: &Fact) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    f.kind().hash(&mut h);
    match f {
        Fact::Campaign(c) => c.name.hash(&mut h),
        Fact::Official(o) => (&o.name, &o.title).hash(&mut h),
        Fact::Project(p) => {
            (&p.name, p.count, p.investment_yuan, p.status).hash(&mut h);
            (&p.members, &p.sector, &p.region, p.deadline).hash(&mut h);
        }
        Fact::Target(m) | Fact::Observation(m) => {
            (&m.metric, m.measure, m.value, &m.unit, m.comparator).hash(&mut h);
            (&m.region, m.year).hash(&mut h);
        }
    }
    h.finish()
}

/// What makes two targets (or two observations) the same figure, the metric aside: kind,
/// value, unit, measure, comparator, region and year. With the metric, for the restatement
/// test of [`same_metric`].
pub(crate) fn figure_key(f: &Fact) -> Option<(u64, &str)> {
    use std::hash::{Hash, Hasher};
    let m = match f {
        Fact::Target(m) | Fact::Observation(m) => m,
        _ => return None,
    };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    f.kind().hash(&mut h);
    (m.measure, m.value, &m.unit, m.comparator).hash(&mut h);
    (&m.region, m.year).hash(&mut h);
    Some((h.finish(), m.metric.as_str()))
}

/// Whether two metrics of one figure name the same thing as restated: one holds the other
/// ("2023年地区生产总值的预期目标" and "地区生产总值").
pub(crate) fn same_metric(a: &str, b: &str) -> bool {
    let short = if a.len() <= b.len() { a } else { b };
    let long = if a.len() <= b.len() { b } else { a };
    short.chars().count() >= 2 && long.contains(short)
}

/// Byte range of the phrase around `pos`: the stretch between `，。；：` (but not `、`, which
/// separates list items), inside the sentence `sent`.
pub(crate) fn phrase_at(
    a: &Analysed<'_>,
    sent: &std::ops::Range<usize>,
    pos: usize,
) -> std::ops::Range<usize> {
    // A phrase longer than this (text without punctuation) is cut, so that no rule's work
    // grows with the square of a sentence's length.
    const MAX_CHARS: usize = 120;
    let t = a.text;
    let mut start = sent.start;
    if let Some(s) = t.get(sent.start..pos) {
        for (n, (i, c)) in s.char_indices().rev().enumerate() {
            if is_phrase_sep(t, sent.start + i, c) {
                start = sent.start + i + c.len_utf8();
                break;
            }
            if n >= MAX_CHARS {
                start = sent.start + i;
                break;
            }
        }
    }
    let mut end = sent.end;
    if let Some(s) = t.get(pos..sent.end) {
        for (n, (i, c)) in s.char_indices().enumerate() {
            if is_phrase_sep(t, pos + i, c) || n >= MAX_CHARS {
                end = pos + i;
                break;
            }
        }
    }
    start..end.max(start)
}

fn is_phrase_sep(t: &str, i: usize, c: char) -> bool {
    // Most characters are Han ideographs, none of which separates.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return false;
    }
    match c {
        '，' | '；' | '：' | '。' | '！' | '？' | '\n' => true,
        ',' | ':' => text::is_clause_sep_at(t, i),
        _ => is_sentence_end(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_words_find_what_the_automaton_finds() {
        let words = ["书记", "总理", "主任"];
        let few = FewWords::new(words);
        let ac = first_words(words);
        let hay = "甲书记、乙总理与丙主任会见了来宾，书记书记。abc 主任x";
        let got: Vec<(usize, usize, usize)> = few
            .find_iter(hay)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        let want: Vec<(usize, usize, usize)> = ac
            .find_iter(hay)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        assert_eq!(got.len(), 6);
        assert_eq!(got, want);
        assert_eq!(few.find_iter("").count(), 0);
    }

    #[test]
    fn char_set_holds_exactly_its_characters() {
        let set = CharSet::new("项目工程园区场厂街".chars());
        for c in "项目工程园区场厂街".chars() {
            assert!(set.contains(c), "{c}");
        }
        // Same low byte as 园 (U+56ED) but not in the set, and characters around the set's.
        for c in ['\u{55ED}', '\u{57ED}', 'a', '。', '设', '建'] {
            assert_eq!(set.contains(c), "项目工程园区场厂街".contains(c), "{c}");
        }
    }

    #[test]
    fn phrase_separators_are_never_han_ideographs() {
        for c in ['，', '；', '：', '。', '！', '？', '\n', '!', '?', ';', '…'] {
            assert!(is_phrase_sep("x", 0, c), "{c:?}");
        }
        for c in ['一', '项', '\u{4E00}', '\u{9FFF}', '、'] {
            assert!(!is_phrase_sep("x", 0, c), "{c:?}");
        }
    }
}
