//! Stage 6: rules per fact kind. Each rule has an id (`project.batch`, `quantity.target` …)
//! that goes into the fact's evidence as `rule:<id>`.

pub(crate) mod campaign;
pub(crate) mod official;
pub(crate) mod project;
pub(crate) mod quantity;

use super::facts::Fact;
use super::text::{self, is_sentence_end};
use super::{Analysed, Found};

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
    out
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
    match c {
        '，' | '；' | '：' | '。' | '！' | '？' | '\n' => true,
        ',' | ':' => text::is_clause_sep_at(t, i),
        _ => is_sentence_end(c),
    }
}
