//! Stage 6: rules per fact kind. Each rule has an id (`project.batch`, `quantity.target` …)
//! that goes into the fact's evidence as `rule:<id>`.

pub(crate) mod campaign;
pub(crate) mod official;
pub(crate) mod project;
pub(crate) mod quantity;

use super::facts::Fact;
use super::text::{self, is_sentence_end};
use super::{Analysed, Found};
use crate::model::ProjectStatus;
use once_cell::sync::Lazy;

/// Runs every rule over the analysed text.
pub(crate) fn run(a: &Analysed<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    let campaigns = campaign::run(a);
    let officials = official::run(a);
    let mut consumed = vec![false; a.qms.len()];
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
    out
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
            (&p.members, &p.region, p.deadline).hash(&mut h);
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

/// Status verbs that come before the project: (word, status, strong).
pub(crate) const PRE_VERBS: &[(&str, Option<ProjectStatus>, bool)] = &[
    ("签约引进", Some(ProjectStatus::Signed), true),
    ("签约落地", Some(ProjectStatus::Signed), true),
    ("签约", Some(ProjectStatus::Signed), true),
    ("签订", Some(ProjectStatus::Signed), true),
    ("引进的", Some(ProjectStatus::Signed), true),
    ("引进", Some(ProjectStatus::Signed), true),
    ("开工建设", Some(ProjectStatus::Started), true),
    ("新开工", Some(ProjectStatus::Started), true),
    ("开工", Some(ProjectStatus::Started), true),
    ("启动", Some(ProjectStatus::Started), true),
    ("建成", Some(ProjectStatus::Completed), true),
    ("竣工", Some(ProjectStatus::Completed), true),
    ("完成", Some(ProjectStatus::Completed), true),
    ("投产", Some(ProjectStatus::InOperation), true),
    ("运营", Some(ProjectStatus::InOperation), true),
    ("规划建设", Some(ProjectStatus::Planned), true),
    ("谋划", Some(ProjectStatus::Planned), true),
    ("筹建", Some(ProjectStatus::Planned), true),
    ("储备", Some(ProjectStatus::Planned), true),
    ("在建", Some(ProjectStatus::UnderConstruction), true),
    ("续建", Some(ProjectStatus::UnderConstruction), true),
    ("加快建设", Some(ProjectStatus::UnderConstruction), true),
    ("加快推进", Some(ProjectStatus::UnderConstruction), false),
    ("稳步推进", Some(ProjectStatus::UnderConstruction), false),
    ("大力推进", Some(ProjectStatus::UnderConstruction), false),
    ("全力推进", Some(ProjectStatus::UnderConstruction), false),
    ("推进", Some(ProjectStatus::UnderConstruction), false),
    ("支持", Some(ProjectStatus::UnderConstruction), false),
    ("加快", Some(ProjectStatus::UnderConstruction), false),
    ("建设", Some(ProjectStatus::UnderConstruction), false),
    ("推动", None, false),
    ("梳理", None, false),
];

/// Status words that come after the project ("…项目年内竣工", "…签约落地").
pub(crate) const POST_VERBS: &[(&str, ProjectStatus, bool)] = &[
    ("签约落地", ProjectStatus::Signed, true),
    ("签约", ProjectStatus::Signed, true),
    ("开工", ProjectStatus::Started, true),
    ("竣工", ProjectStatus::Completed, true),
    ("建成", ProjectStatus::Completed, true),
    ("完工", ProjectStatus::Completed, true),
    ("投产", ProjectStatus::InOperation, true),
    ("投入运营", ProjectStatus::InOperation, true),
    ("投入使用", ProjectStatus::InOperation, true),
    ("运营", ProjectStatus::InOperation, true),
    ("规划建设", ProjectStatus::Planned, true),
    ("建设", ProjectStatus::UnderConstruction, false),
];

/// The nearest status verb ending at or before `pos` within `floor..pos`:
/// (status, strong, start, end). The verb ending last wins; at the same end, the longer word.
pub(crate) fn pre_verb(
    a: &Analysed<'_>,
    floor: usize,
    pos: usize,
) -> Option<(Option<ProjectStatus>, bool, usize, usize)> {
    static LAST: Lazy<Vec<char>> = Lazy::new(|| {
        PRE_VERBS
            .iter()
            .filter_map(|(w, _, _)| w.chars().next_back())
            .collect()
    });
    let s = a.text.get(floor..pos)?;
    let ends = s
        .char_indices()
        .filter(|(_, c)| LAST.contains(c))
        .map(|(i, c)| i + c.len_utf8())
        .rev();
    for e in ends {
        let head = s.get(..e)?;
        let hit = PRE_VERBS
            .iter()
            .filter(|(w, _, _)| head.ends_with(w))
            .max_by_key(|(w, _, _)| w.len());
        if let Some(&(w, st, strong)) = hit {
            return Some((st, strong, floor + e - w.len(), floor + e));
        }
    }
    None
}

/// The first status word in `from..ceil`: (status, strong, start); a strong word wins over a
/// weak one starting at the same place.
pub(crate) fn post_verb(
    a: &Analysed<'_>,
    from: usize,
    ceil: usize,
) -> Option<(ProjectStatus, bool, usize)> {
    static FIRST: Lazy<Vec<char>> = Lazy::new(|| {
        POST_VERBS
            .iter()
            .filter_map(|(w, _, _)| w.chars().next())
            .collect()
    });
    let s = a.text.get(from..ceil)?;
    for (k, _) in s.char_indices().filter(|(_, c)| FIRST.contains(c)) {
        let rest = s.get(k..)?;
        let hit = POST_VERBS
            .iter()
            .filter(|(w, _, _)| rest.starts_with(w))
            .max_by_key(|(_, _, strong)| *strong);
        if let Some(&(_, st, strong)) = hit {
            return Some((st, strong, from + k));
        }
    }
    None
}

/// Combines the verbs before and after a project: a strong word after it ("年内竣工") beats
/// one before it, a strong word beats a weak one ("推进…规划建设" is planned).
pub(crate) fn status_from(
    pre: Option<(Option<ProjectStatus>, bool)>,
    post: Option<(ProjectStatus, bool)>,
) -> Option<ProjectStatus> {
    match (pre, post) {
        (_, Some((st, true))) => Some(st),
        (Some((st, true)), _) => st,
        (_, Some((st, false))) => Some(st),
        (Some((st, false)), None) => st,
        (None, None) => None,
    }
}
