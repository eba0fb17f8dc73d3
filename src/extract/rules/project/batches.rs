//! `project.batch`: a count of projects, the noun it counts (its subject) and the batch's total
//! investment later in the sentence.

use super::*;

/// A count of projects: where its words are, and the noun it counts.
pub(super) struct Subject {
    /// Start of the words that say it (the noun when it comes first, else the count).
    pub(super) start: usize,
    /// End of the noun (after the count) or of the count (after the noun).
    pub(super) end: usize,
    /// Where the stage verbs before it are looked for up to: the number ("新开工10个项目",
    /// "项目开工60个"), or the start of the noun when the noun comes first (a weak word inside
    /// it, "重点建设项目", is no verb).
    pub(super) verbs_until: usize,
    /// The modifier of 项目 ("重点建设").
    pub(super) modifier: String,
    /// Named members listed before 等 in the noun ("A、B等工业项目8个").
    pub(super) members: Vec<String>,
    /// Where that list stands.
    pub(super) list: Option<Range<usize>>,
    /// The end of a place opening the noun with no verb before it: whose projects they are
    /// ("其中某市项目81个", "全县工业项目57个"), not their sector.
    pub(super) owner_end: Option<usize>,
    /// The batch's total investment stated inside its noun, between the count and 项目
    /// ("N个总投资X亿元的项目"): the money figure's index.
    pub(super) investment: Option<usize>,
}

/// A total investment opening the noun of a count ("N个总投资约X亿元的项目", "N个总投资X亿元
/// 项目"): a total-investment word right at `pos`, a link word, the money figure and an
/// optional 的. Returns the figure's index and where the rest of the noun starts.
pub(super) fn investment_inside(a: &Analysed<'_>, pos: usize) -> Option<(usize, usize)> {
    let t = a.text;
    let w = starts_with_any(text::after(t, pos, t.len(), 6), lex::TOTAL_INVESTMENT)?;
    let mut p = pos + w.len();
    if let Some(l) = starts_with_any(text::after(t, p, t.len(), 3), lex::INVESTMENT_LINKS) {
        // A link that is also a comparator prefix (约) belongs to the figure when the figure
        // starts at it.
        if a.qm_at(p).is_none() {
            p += l.len();
        }
    }
    let j = a.qm_at(p)?;
    let q = a.qms.get(j)?;
    if q.unit != QUnit::Yuan {
        return None;
    }
    let mut end = q.end;
    if text::char_at(t, end) == Some('的') {
        end += '的'.len_utf8();
    }
    Some((j, end))
}

/// Whether the count `q` counts projects: "N个…项目" or "…项目[共|为|开工]N个".
pub(super) fn subject_of(a: &Analysed<'_>, phrase: &Range<usize>, q: &QMention) -> Option<Subject> {
    static BETWEEN_VERBS: Lazy<Vec<&'static str>> = Lazy::new(|| {
        stages::BEFORE
            .iter()
            .chain(stages::AFTER)
            .filter(|s| s.status.is_some())
            .map(|s| s.word)
            .collect()
    });
    let t = a.text;
    // Ranking lists and anaphora: "上榜2个项目", "这9个项目".
    let phrase_text = text::sub(t, phrase.start, phrase.end);
    static NOT_A_BATCH: Lazy<AhoCorasick> =
        Lazy::new(|| longest_words(lex::NOT_A_BATCH.iter().copied()));
    if NOT_A_BATCH.is_match(phrase_text) {
        return None;
    }
    let anaphor = text::before(t, phrase.start, q.start, 2);
    if lex::ANAPHORS.iter().any(|w| anaphor.ends_with(w)) {
        return None;
    }
    // Under a target cue, a count the noun comes before ("要引进项目30家", "力争新开工项目超过
    // 480项") is a target figure for the number of projects, read by the quantity rules; a
    // count before its noun ("要打好5个开工建设项目") still names a set of projects.
    let lead = text::sub(t, phrase.start, q.start);
    let targeted = has_target_cue(lead);
    // After: "48个重点建设项目", "8个总投资X亿元(的)项目".
    let inside = investment_inside(a, q.end).filter(|&(_, e)| e <= phrase.end);
    let noun_from = inside.map_or(q.end, |(_, e)| e);
    let tail = text::after(t, noun_from, phrase.end, MODIFIER_CHARS + 2);
    if let Some(k) = tail.find("项目") {
        let modifier = tail.get(..k).unwrap_or("");
        let after_head = tail.get(k + "项目".len()..).unwrap_or("");
        // "13个项目的服务保障": the projects qualify another noun.
        if after_head.starts_with('的') {
            return None;
        }
        if !modifier.contains(['、', '和', '及', '等'])
            && !modifier.chars().any(|c| c.is_ascii_digit())
        {
            return Some(Subject {
                start: q.start,
                end: noun_from + k + "项目".len(),
                verbs_until: q.num_start,
                modifier: modifier.to_string(),
                members: Vec::new(),
                list: None,
                owner_end: None,
                investment: inside.map(|(j, _)| j),
            });
        }
    }
    if targeted {
        return None;
    }
    // Before: "产业项目41个", "集中开工项目共8个", "新建项目开工60个".
    let mut end = q.start;
    let mut before = text::sub(t, phrase.start, end);
    if let Some(l) = ends_with_any(before, lex::COUNT_LINKS) {
        end -= l.len();
        before = text::sub(t, phrase.start, end);
    }
    let mut verb_between = false;
    if let Some(w) = ends_with_any(before, &BETWEEN_VERBS) {
        // A verb between the noun and the count ("项目开工60个").
        if text::sub(t, phrase.start, end - w.len()).ends_with("项目") {
            end -= w.len();
            before = text::sub(t, phrase.start, end);
            verb_between = true;
        }
    }
    // "计划5月1日前开工8个": a stage verb and a count, the noun left out; the sentence is about
    // projects.
    let counts_a_noun = text::char_at(t, q.end).is_some_and(is_han);
    if !before.ends_with("项目") && !counts_a_noun {
        let sent_text = text::sub(t, a.sentence_at(q.start).start, a.sentence_at(q.start).end);
        let verb = pre_verb(t, phrase.start, end).filter(|v| v.2 == end && v.0.strong);
        if let Some(v) = verb.filter(|_| sent_text.contains("项目")) {
            return Some(Subject {
                start: v.1,
                end: q.end,
                verbs_until: q.num_start,
                modifier: String::new(),
                members: Vec::new(),
                list: None,
                owner_end: None,
                investment: None,
            });
        }
    }
    let stem = before.strip_suffix("项目")?;
    // The noun phrase: back to the nearest verb, 的, or the phrase's start.
    let head_start = phrase.start + stem.len();
    let mut verb = pre_verb(t, phrase.start, head_start);
    // A weak word right before 项目 is part of the noun ("重点建设项目", "重点推进项目"); the
    // verb, if any, stands before it.
    if let Some(w) = verb.filter(|w| !w.0.strong && w.2 == head_start) {
        verb = pre_verb(t, phrase.start, w.1);
    }
    let verb_end = verb.map_or(phrase.start, |v| v.2);
    let lead = text::sub(t, phrase.start, head_start);
    let bound_end = stages::NOUN_BOUNDS
        .iter()
        .chain(lex::PART_MARKERS)
        .filter_map(|w| lead.rfind(w).map(|k| phrase.start + k + w.len()))
        .max()
        .unwrap_or(phrase.start);
    let floor = verb_end.max(bound_end);
    let mut noun_start = floor;
    for (n, (i, c)) in text::sub(t, floor, head_start)
        .char_indices()
        .rev()
        .enumerate()
    {
        if !(is_han(c) || c.is_ascii_alphanumeric()) || c == '的' || n >= MODIFIER_CHARS {
            noun_start = floor + i + c.len_utf8();
            break;
        }
    }
    let mut modifier = text::sub(t, noun_start, head_start).to_string();
    // "A、B等工业项目8个": the names before 等 are members, the words after it the sector.
    let mut members = Vec::new();
    let mut list_start = None;
    if let Some(k) = text::sub(t, floor, head_start).rfind('等') {
        let deng = floor + k;
        if let Some((ls, items)) = list_before(a, floor, deng) {
            members = items;
            list_start = Some(ls);
            noun_start = ls;
            modifier = text::sub(t, deng + '等'.len_utf8(), head_start).to_string();
        }
    }
    // "上述项目5个", "这些重点项目": projects counted before ("该县…项目" is the county's,
    // "亿元以上项目" a size class).
    if lex::ANAPHORS
        .iter()
        .any(|w| modifier == *w || (w.chars().count() >= 2 && modifier.starts_with(w)))
    {
        return None;
    }
    // A place opening the noun (after 今年-like words at most), the phrase's subject (no verb
    // before it: "引进某省项目" are projects from elsewhere), owns the batch; the words after
    // it are the sector.
    let owner_end = verb
        .is_none()
        .then(|| {
            a.ctx
                .mentions_in(noun_start, head_start)
                .next()
                .filter(|m| opens(t, noun_start, m.start) && m.role == Role::Subject)
                .filter(|m| m.place.is_some_and(|p| p.unresolved_index().is_none()))
                .map(|m| m.end)
        })
        .flatten()
        .filter(|_| list_start.is_none());
    if let Some(e) = owner_end {
        modifier = text::sub(t, e, head_start).to_string();
    }
    Some(Subject {
        start: noun_start.min(q.start),
        end: q.end,
        verbs_until: if verb_between {
            q.num_start
        } else {
            noun_start
        },
        modifier,
        members,
        list: list_start.map(|ls| ls..head_start),
        owner_end,
        investment: None,
    })
}

/// Whether `s` holds a word that makes the figure after it a target ("要", "力争"), 要 not being
/// part of another word (重要, 主要 …).
pub(super) fn has_target_cue(s: &str) -> bool {
    static CUES: Lazy<AhoCorasick> =
        Lazy::new(|| AhoCorasick::new(lex::TARGET_CUES).expect("word tables are small"));
    CUES.find_overlapping_iter(s).any(|m| {
        let k = m.start();
        lex::TARGET_CUES
            .get(m.pattern().as_usize())
            .is_some_and(|w| {
                *w != "要"
                    || !lex::YAO_WORDS.iter().any(|y| {
                        let from = k.saturating_sub(y.len());
                        s.get(from..(k + y.len()).min(s.len()))
                            .is_some_and(|around| around.contains(y))
                    })
            })
    })
}

/// The batch's own total investment after `from` in the sentence: the figure after the first
/// total-investment word within reach, unless another count comes first. A word whose figure is
/// missing (a copy that lost its digits: "总投资.4亿元") ends the search with nothing.
pub(super) fn investment_after(
    a: &Analysed<'_>,
    sent: &Range<usize>,
    from: usize,
    bare_ok: bool,
) -> Option<(usize, usize)> {
    let t = a.text;
    let window_end = from + text::after(t, from, sent.end, INVESTMENT_REACH_CHARS).len();
    let window = text::sub(t, from, window_end);
    // "清洁能源2个投资突破百亿元": the bare 投资 right after the count.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    static TOTAL: Lazy<AhoCorasick> =
        Lazy::new(|| longest_words(lex::TOTAL_INVESTMENT.iter().copied()));
    if let Some((k, w)) = first_of(window, &TOTAL, lex::TOTAL_INVESTMENT) {
        hits.push((from + k, from + k + w.len()));
    }
    // "清洁能源2个投资突破百亿元", "产业类6个，投资39亿元": the bare 投资 opening the count's
    // own clause or the next one.
    if bare_ok {
        let opening = window.trim_start_matches(['，', ',', '、']);
        if opening.starts_with("投资") {
            let k = from + (window.len() - opening.len());
            hits.push((k, k + "投资".len()));
        }
    }
    let (ws, we) = hits
        .into_iter()
        .min_by_key(|h| (h.0, std::cmp::Reverse(h.1)))?;
    // Another count before the word: that count's investment, not this one's. A change of
    // this count ("N个，比上年增加M个，总投资X亿元") is no other batch.
    let counts_between = a.qms_in(from..ws).any(|j| {
        a.qms
            .get(j)
            .is_some_and(|q| is_count_unit(q) && !is_change_of_count(t, from, q))
    });
    let parts_between = lex::PART_MARKERS
        .iter()
        .any(|m| text::sub(t, from, ws).contains(m));
    if counts_between || parts_between {
        return None;
    }
    let mut pos = we;
    if let Some(l) = starts_with_any(text::sub(t, pos, sent.end), lex::INVESTMENT_LINKS) {
        pos += l.len();
    }
    let j = a.qm_at(pos)?;
    let q = a.qms.get(j)?;
    (q.unit == QUnit::Yuan).then_some((j, ws))
}

/// Whether the count `q` is a change (a rise or a fall right before it: "增加12个", "减少3个"),
/// not a count of its own.
fn is_change_of_count(t: &str, floor: usize, q: &QMention) -> bool {
    use super::super::super::lexicon::measures::{Change, CHANGE_WORDS};
    let before = text::before(t, floor, q.start, 4);
    CHANGE_WORDS
        .iter()
        .filter(|(w, _)| before.ends_with(w))
        .max_by_key(|(w, _)| w.len())
        .is_some_and(|(_, c)| *c != Change::Blocked)
}

pub(super) fn batches(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    for (i, q) in a.qms.iter().enumerate() {
        if !st.is_free(i) || !is_count_unit(q) || st.taken.overlaps(q.start, q.end) {
            continue;
        }
        let Some(count) = count_of(q) else { continue };
        let sent = a.sentence_at(q.start);
        let phrase = phrase_at(a, &sent, q.start);
        let Some(subject) = subject_of(a, &phrase, q) else {
            continue;
        };
        let investment = subject
            .investment
            .map(|j| (j, subject.end))
            .or_else(|| investment_after(a, &sent, subject.end.max(q.end), true))
            .filter(|(j, _)| st.is_free(*j));
        // "全区共有64个总部项目": a stock, an observation, unless figures of a batch follow.
        let stock = lex::STOCK_WORDS
            .iter()
            .any(|w| text::before(t, phrase.start, q.start, 2).ends_with(w));
        if stock && investment.is_none() && subject.start == q.start {
            continue;
        }
        let mut d = Draft::new(subject.start, subject.end, count, st.rule);
        d.sector = sector_from(&subject.modifier);
        d.members = subject.members.clone();
        d.exclude.extend(subject.list.clone());
        d.owner_end = subject.owner_end;
        // The verb is looked for up to the number itself: a verb ending in a comparator's
        // character ("签约17个项目": 约) must not hide behind the comparator.
        // The verbs of this item only: after the figure or the 和 before it.
        let item_floor = a
            .qms_in(phrase.start..q.start)
            .filter_map(|j| a.qms.get(j))
            .map(|p| p.end)
            .chain(
                text::sub(t, phrase.start, q.start)
                    .char_indices()
                    .filter(|&(_, c)| matches!(c, '和' | '及' | '与'))
                    .map(|(k, c)| phrase.start + k + c.len_utf8()),
            )
            .filter(|&f| f <= subject.start)
            .max()
            .unwrap_or(phrase.start);
        let read = stage_of(a, &phrase, item_floor, subject.verbs_until, subject.end);
        d.set_stage(&read);
        let noun_after_count = subject.start == q.start;
        // "共计12个签约项目", "5个开工建设项目": the stage word inside the noun, unless a strong
        // word after the project says more.
        let inside = pre_verb(t, q.end, q.end + subject.modifier.len())
            .filter(|v| v.0.status.is_some() && noun_after_count);
        let post_strong = read.post_end.is_some() && !read.weak && read.status.is_some();
        if read.status.is_none()
            || read.weak
            || (!post_strong && inside.is_some_and(|v| v.0.strong))
        {
            if let Some(v) = inside {
                d.status = v.0.status;
                d.own_status = v.0.status.is_some();
                d.weak_status = !v.0.strong;
            }
        }
        if let Some(e) = read.post_end {
            d.end = d.end.max(e);
        }
        st.consume(i);
        if let Some((j, _)) = investment {
            st.take_investment(a, &mut d, j);
        }
        st.push(d);
    }
}
