//! After the rules: size classes and names inside names are dropped, drafts become facts, a batch
//! stated twice becomes one, and parts and listed members point at their batch.

use super::*;

/// Money figures in a project's noun phrase are size classes, not quantities: "500万元以上重点项
/// 目", "过百亿元项目".
pub(super) fn size_classes(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    for (i, q) in a.qms.iter().enumerate() {
        if q.unit != QUnit::Yuan || !st.is_free(i) {
            continue;
        }
        let tail = text::after(t, q.end, t.len(), 6);
        let tail = tail.trim_start_matches(['的']);
        if tail.starts_with("项目")
            || tail.starts_with("重点项目")
            || tail.starts_with("重大项目")
            || tail.starts_with("产业项目")
        {
            st.consume(i);
        }
    }
}

/// Figures inside a project's name or a list of members ("年产4.5万吨…项目") belong to the
/// name, not to the region's targets.
pub(super) fn inside_names(a: &Analysed<'_>, st: &mut State<'_>) {
    let ranges: Vec<Range<usize>> = st
        .drafts
        .iter()
        .flat_map(|d| d.exclude.iter().cloned())
        .collect();
    for r in ranges {
        for j in a.qms_in(r.clone()) {
            if a.qms.get(j).is_some_and(|q| q.end <= r.end) {
                st.consume(j);
            }
        }
    }
}

pub(super) fn finish(a: &Analysed<'_>, d: &Draft) -> Found {
    let sent = a.sentence_at(d.start);
    let phrase = phrase_at(a, &sent, d.start);
    let mut deadline: Option<Date> = None;
    let mut year = a.year;
    let lo = d.start - text::before(a.text, sent.start, d.start, 80).len();
    let hi = d.end + text::after(a.text, d.end, sent.end, 40).len();
    for tm in a.times_in(lo..hi).iter().filter(|tm| tm.end <= sent.end) {
        let in_phrase = tm.start >= phrase.start && tm.end <= phrase.end.max(d.end);
        match tm.when {
            When::Deadline(dl) if in_phrase => deadline = Some(dl),
            When::MultiYear => year = None,
            When::LastYear(y) | When::Year(y) if tm.start < d.start || in_phrase => year = Some(y),
            When::AsOf(dl) => year = Some(dl.year()),
            _ => {}
        }
    }
    // The project's own words name no place of the fact's, except the owner opening them.
    let own_from = d.owner_end.unwrap_or(d.start).max(d.start);
    let mut exclude = d.exclude.clone();
    exclude.push(own_from..d.end);
    let place = a.ctx.region_for(
        a.text,
        a.gaz,
        sent.start,
        phrase.clone(),
        own_from,
        &exclude,
    );
    let (region, region_code) = a.place_name(place);
    let (investment_yuan, comparator) = match d.investment {
        Some((m, c)) => (Some(m), Some(c)),
        None => (None, None),
    };
    Found {
        start: d.start,
        end: d.end,
        fact: Fact::Project(ProjectFact {
            name: d.name.clone(),
            count: d.count,
            investment_yuan,
            comparator,
            status: d.status,
            sector: d.sector.clone(),
            members: d.members.clone(),
            part_of: None,
            region,
            region_code,
            region_note: a.region_note(place),
            year,
            deadline,
            campaign: None,
            span: placeholder_span(),
            rule: d.rule,
        }),
    }
}

pub(super) fn project(f: &Found) -> Option<&ProjectFact> {
    match &f.fact {
        Fact::Project(p) => Some(p),
        _ => None,
    }
}

pub(super) fn project_mut(f: &mut Found) -> Option<&mut ProjectFact> {
    match &mut f.fact {
        Fact::Project(p) => Some(p),
        _ => None,
    }
}

/// Whether two investments can be the same figure: equal, or one rounds the other ("近1.2万亿元"
/// for 11977.11亿元: within 5% when either is approximate).
pub(super) fn same_investment(
    a: Option<(Money, Comparator)>,
    b: Option<(Money, Comparator)>,
) -> bool {
    match (a, b) {
        (Some((x, cx)), Some((y, cy))) => {
            if x == y {
                return true;
            }
            let rounded = cx != Comparator::Eq || cy != Comparator::Eq;
            let (x, y) = (x.yuan() as f64, y.yuan() as f64);
            rounded && (x - y).abs() <= 0.05 * x.abs().max(y.abs())
        }
        _ => true,
    }
}

pub(super) fn pair(p: &ProjectFact) -> Option<(Money, Comparator)> {
    p.investment_yuan
        .map(|m| (m, p.comparator.unwrap_or_default()))
}

/// Whether a part marker (其中) stands between `from` and `to`, with no sentence ending
/// (。！？ or a paragraph break) between it and `to`.
pub(super) fn part_after(a: &Analysed<'_>, from: usize, to: usize) -> bool {
    let between = text::sub(a.text, from, to);
    lex::PART_MARKERS.iter().any(|m| {
        between.rfind(m).is_some_and(|k| {
            !between
                .get(k..)
                .unwrap_or("")
                .contains(['。', '！', '？', '!', '?', '\n'])
        })
    })
}

/// Merges restated batches, links parts and members to their batch, and shares the batch's
/// status with those that state none.
pub(super) fn assemble(a: &Analysed<'_>, drafts: Vec<Draft>, mut found: Vec<Found>) -> Vec<Found> {
    let n = found.len();
    // 1. A batch stated again (same count, compatible figures, status and region) is one
    // batch; the statement with more figures stands. Only statements of the same count are
    // compared.
    let mut alias: Vec<usize> = (0..n).collect();
    let mut by_count: std::collections::HashMap<u32, Vec<usize>> = Default::default();
    for j in 0..n {
        let Some(pj) = found.get(j).and_then(project) else {
            continue;
        };
        if pj.name.is_some() || pj.count < 2 {
            continue;
        }
        let earlier = by_count.entry(pj.count).or_default();
        let same_as = earlier.iter().copied().find(|&i| {
            let Some(pi) = found.get(i).and_then(project) else {
                return false;
            };
            alias[i] == i
                && (pi.members == pj.members || pi.members.is_empty() || pj.members.is_empty())
                && (pi.sector == pj.sector || pi.sector.is_none() || pj.sector.is_none())
                && same_investment(pair(pi), pair(pj))
                && (pi.status == pj.status
                    || pi.status.is_none()
                    || pj.status.is_none()
                    || drafts.get(i).is_some_and(|d| d.weak_status)
                    || drafts.get(j).is_some_and(|d| d.weak_status))
                && (pi.region == pj.region || pi.region.is_none() || pj.region.is_none())
        });
        earlier.push(j);
        let Some(i) = same_as else { continue };
        let (Some(pi), Some(pj)) = (
            found.get(i).and_then(project),
            found.get(j).and_then(project),
        ) else {
            continue;
        };
        // Keep the one with the exact investment, else the first.
        let keep_j = match (pi.investment_yuan, pj.investment_yuan) {
            (None, Some(_)) => true,
            (Some(_), Some(_)) => {
                pi.comparator.unwrap_or_default() != Comparator::Eq
                    && pj.comparator.unwrap_or_default() == Comparator::Eq
            }
            _ => false,
        };
        let (keep, drop) = if keep_j { (j, i) } else { (i, j) };
        let dropped_status = found.get(drop).and_then(project).and_then(|p| p.status);
        if let Some(k) = found.get_mut(keep).and_then(project_mut) {
            if k.status.is_none() {
                k.status = dropped_status;
            }
        }
        for x in alias.iter_mut() {
            if *x == drop {
                *x = keep;
            }
        }
    }
    // 2. Parents: a batch after 其中 belongs to the nearest larger batch before it (in its
    // paragraph or the one before); a named project with its own investment and no verb of its
    // own belongs to the nearest batch before it within reach.
    let mut parent: Vec<Option<usize>> = vec![None; n];
    for j in 0..n {
        if alias[j] != j {
            continue;
        }
        let (Some(d), Some(p)) = (drafts.get(j), found.get(j).and_then(project)) else {
            continue;
        };
        let named_member = p.name.is_some() && p.investment_yuan.is_some() && !d.own_status;
        if p.name.is_some() && !named_member {
            continue;
        }
        let para = a.para_start(d.start);
        let prev_para = a.para_start(para.saturating_sub(1));
        // Statements before it, nearest first, as far as a batch can be: within reach for a
        // member (a character is at most four bytes), from the paragraph before for a part.
        let floor = if named_member {
            d.start.saturating_sub(4 * MEMBER_REACH_CHARS)
        } else {
            prev_para
        };
        let candidate = (0..j)
            .rev()
            .take_while(|&i| drafts.get(i).is_some_and(|di| di.end >= floor))
            .find(|&i| {
                let (Some(di), Some(pi)) = (drafts.get(i), found.get(i).and_then(project)) else {
                    return false;
                };
                if pi.name.is_some() || pi.count < 2 || di.end > d.start || alias[i] == j {
                    return false;
                }
                if named_member {
                    chars(a.text, di.end, d.start) <= MEMBER_REACH_CHARS
                } else {
                    // A part: stated after 其中 in its own sentence, or in a list of sentences
                    // separated by ；, within the batch's paragraph or the next.
                    pi.count > p.count && di.start >= prev_para && part_after(a, di.end, d.end)
                }
            })
            .map(|i| alias[i]);
        // Point at the top of the tree: members have no members.
        let mut top = candidate;
        let mut guard = 0;
        while let Some(t) = top.and_then(|t| parent.get(t).copied().flatten()) {
            top = Some(t);
            guard += 1;
            if guard > n {
                break;
            }
        }
        parent[j] = top;
    }
    // 3. Share the batch's status; write the links as the batch's span.
    let spans: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
    let statuses: Vec<Option<ProjectStatus>> = found
        .iter()
        .map(|f| project(f).and_then(|p| p.status))
        .collect();
    for (j, f) in found.iter_mut().enumerate() {
        let Some(pi) = parent.get(j).copied().flatten() else {
            continue;
        };
        let Some(p) = project_mut(f) else {
            continue;
        };
        if p.status.is_none() {
            p.status = statuses.get(pi).copied().flatten();
        }
        if let Some(&(s, e)) = spans.get(pi) {
            p.part_of = match (u32::try_from(s), u32::try_from(e)) {
                (Ok(s), Ok(e)) => Span::new(s, e).ok(),
                _ => None,
            };
        }
    }
    found
        .into_iter()
        .enumerate()
        .filter(|(i, _)| alias.get(*i) == Some(i))
        .map(|(_, f)| f)
        .collect()
}
