//! `campaign.suffix` and `campaign.group`: names ending in a campaign word, cut on the left at a
//! marker, and numbered groups with the list that precedes them.

use super::*;

/// The marker words, the longest winning at one place.
pub(super) static MARKER: Lazy<AhoCorasick> =
    Lazy::new(|| longest_words(lex::MARKERS.iter().copied()));

/// Where a campaign's base starts in a run: after its last marker (word or place name) that
/// leaves a base of at least `min` characters. Returns the base start, the place cut at, and
/// the marker word cut at.
pub(super) struct Cut {
    pub(super) at: usize,
    pub(super) place: Option<PlaceId>,
    pub(super) marker: Option<&'static str>,
}

/// Cuts a run at its last marker that leaves a base of at least `min` characters; a place
/// name leaving less is passed over ("高效某城攻势" keeps its place). With `strict`, a marker
/// word leaving less means there is no name at all ("打赢攻坚战", "…的攻势").
pub(super) fn cut(
    a: &Analysed<'_>,
    start: usize,
    end: usize,
    min: usize,
    strict: bool,
) -> Option<Cut> {
    static WORDS: Lazy<Vec<&'static str>> = Lazy::new(|| lex::MARKERS.to_vec());
    let mut cuts: Vec<Cut> = Vec::new();
    if let Some(s) = a.text.get(start..end) {
        for m in MARKER.find_iter(s) {
            let word = text::sub(s, m.start(), m.end());
            let marker = WORDS.iter().find(|w| **w == word).copied();
            cuts.push(Cut {
                at: start + m.end(),
                place: None,
                marker,
            });
        }
    }
    for m in a.ctx.mentions_in(start, end) {
        if !m.deictic {
            cuts.push(Cut {
                at: m.end,
                place: m.place,
                marker: None,
            });
        }
    }
    cuts.sort_by_key(|c| std::cmp::Reverse(c.at));
    for c in cuts {
        let base = strip_quotes(text::sub(a.text, c.at, end));
        if base.chars().count() >= min {
            return Some(c);
        }
        if strict && c.marker.is_some() {
            return None;
        }
    }
    Some(Cut {
        at: start,
        place: None,
        marker: None,
    })
}

/// Whether the campaign word at `start..end` ends a word that `campaign.quoted` reads after a
/// closing quotation mark ("”专项行动").
fn follows_quote(t: &str, start: usize, end: usize) -> bool {
    let before = text::before(t, 0, start, 3);
    let Some(k) = before.rfind('”') else {
        return false;
    };
    let from = start - before.len() + k + '”'.len_utf8();
    let between = text::sub(t, from, end);
    lex::AFTER_QUOTE
        .iter()
        .chain(lex::AFTER_QUOTED_LIST)
        .any(|(w, _)| *w == between)
}

/// The word of carrying out right before `pos` ("实施…工程"), if any.
pub(super) fn program_verb_before(a: &Analysed<'_>, pos: usize) -> bool {
    let before = text::before(a.text, 0, pos, 4);
    lex::PROGRAM_VERBS.iter().any(|v| before.ends_with(v))
}

pub(super) fn suffixes(a: &Analysed<'_>, out: &mut Vec<Found>) {
    let t = a.text;
    let mut groups: Vec<(usize, String, u32, &str)> = Vec::new(); // (pos, name, n, suffix)
    for m in SUFFIX.find_iter(t) {
        let suffix = text::sub(t, m.start(), m.end());
        let Some(sfx) = suffix_of(suffix) else {
            continue;
        };
        let next = text::char_at(t, m.end());
        if suffix == "攻坚战" && next == Some('斗') {
            continue;
        }
        if suffix == "行动" && text::before(t, 0, m.start(), 2) == "攻坚" {
            continue;
        }
        if text::before(t, 0, m.start(), 1) == "等" {
            continue;
        }
        // Quoted names are `campaign.quoted`'s, also when the quotation is followed by a word
        // it reads ("“…”专项行动"; "“…”三年行动" is a name of its own).
        if quoted_at(a, m.start()) || follows_quote(t, m.start(), m.end()) {
            continue;
        }
        let run_start = run_before(a, m.start());
        if run_start == m.start() {
            continue;
        }
        let Some(Cut {
            at: base_start,
            place: cut_place,
            ..
        }) = cut(a, run_start, m.start(), 2, true)
        else {
            continue;
        };
        let raw_base = text::sub(t, base_start, m.start());
        let quoted = raw_base.contains('“') || char_before(t, base_start) == Some('“');
        let base = strip_quotes(raw_base);
        let n_base = base.chars().count();
        let wordy = base
            .chars()
            .filter(|c| !(text::is_small_numeral(*c) || c.is_ascii_digit() || *c == '年'))
            .count();
        if n_base < 2
            || wordy < 2 && !base.ends_with('大')
            || lex::GENERIC_BASES.contains(&base.as_str())
        {
            continue;
        }
        let group = GROUP_TAIL.captures(&base);
        let is_group = group
            .as_ref()
            .is_some_and(|g| g.get(0).map(|x| x.start()) == Some(0));
        let numbered = base.starts_with(text::is_small_numeral) && base.contains('大');
        if sfx.kind == CampaignKind::Action && n_base < 4 && !quoted && !numbered {
            continue;
        }
        if sfx.guarded && !quoted && !numbered && !program_verb_before(a, base_start) {
            continue;
        }
        // "重点项目工程": works of projects, not a programme.
        if sfx.kind == CampaignKind::Program && !quoted && base.ends_with("项目") {
            continue;
        }
        let kind = sfx.kind;
        let pos = base_start;
        let region = cut_place
            .or_else(|| {
                a.ctx
                    .mentions_in(base_start, m.start())
                    .find_map(|mm| mm.place)
            })
            .or_else(|| region_at(a, pos));
        // Ordinal: "一是招商攻坚战".
        let before = text::before(t, 0, base_start, 3);
        let ordinal = ["是", "）", ")", "、"]
            .iter()
            .find(|e| before.ends_with(**e))
            .and_then(|_| {
                let w = text::before(t, 0, base_start, 2);
                ordinal_value(w).or_else(|| ordinal_value(before))
            });
        let mut parent = None;
        if let Some(o) = ordinal {
            parent = groups
                .iter()
                .rev()
                .take(16)
                .find(|g| g.3 == suffix && g.2 >= o && g.0 < pos)
                .map(|g| g.1.clone());
        }
        let name = format!("{base}{suffix}");
        // A group after a list: "招商、技改等六大攻坚战", "A、B、C三大攻坚行动".
        if let Some(g) = group {
            let digits = g.get(1).map_or("", |x| x.as_str());
            let count = crate::extract::numbers::parse_chinese(digits)
                .and_then(|d| d.to_integer())
                .unwrap_or(0)
                .clamp(0, 99) as u32;
            let group_start_in_base = g.get(0).map_or(0, |x| x.start());
            let group_name = format!("{}{}", g.get(0).map_or("", |x| x.as_str()), suffix);
            // Byte position of "N大" in the text.
            let tail_len = g.get(0).map_or(0, |x| x.as_str().len());
            let group_pos = m.start().saturating_sub(tail_len);
            let list_end = if is_group && text::before(t, 0, base_start, 1) == "等" {
                base_start - "等".len()
            } else if !is_group && group_start_in_base > 0 {
                group_pos
            } else {
                usize::MAX
            };
            let mut members: Vec<(usize, usize, String)> = Vec::new();
            if list_end != usize::MAX {
                members = list_items(a, list_end, count as usize);
            }
            // "高质量发展十大计划": words before the group that are no list qualify it.
            let group_name = if members.is_empty() && !is_group {
                name.clone()
            } else {
                group_name
            };
            let gstart = members.first().map_or(group_pos, |x| x.0);
            groups.push((group_pos, group_name.clone(), count, suffix));
            out.push(campaign(
                a,
                gstart,
                m.end(),
                Spec {
                    name: group_name.clone(),
                    kind,
                    region,
                    parent: parent.clone(),
                    ordinal,
                    rule: "campaign.group",
                },
            ));
            for (i, (s, e, item)) in members.into_iter().enumerate() {
                out.push(campaign(
                    a,
                    s,
                    e,
                    Spec {
                        name: format!("{item}{suffix}"),
                        kind,
                        region,
                        parent: Some(group_name.clone()),
                        ordinal: Some(i as u32 + 1),
                        rule: "campaign.group_member",
                    },
                ));
            }
            continue;
        }
        out.push(campaign(
            a,
            base_start,
            m.end(),
            Spec {
                name,
                kind,
                region,
                parent,
                ordinal,
                rule: "campaign.suffix",
            },
        ));
    }
}

/// The list items (separated by 、 or 和) ending at `end`, at most `max` of them, the first cut at
/// a marker: (start, end, text).
pub(super) fn list_items(a: &Analysed<'_>, end: usize, max: usize) -> Vec<(usize, usize, String)> {
    let sent = a.sentence_at(end.saturating_sub(1));
    let phrase = phrase_at(a, &sent, end.saturating_sub(1).max(sent.start));
    let region = text::sub(a.text, phrase.start, end);
    let mut items: Vec<(usize, usize, String)> = Vec::new();
    let mut seg_end = end;
    let mut cursor = region.len();
    loop {
        let upto = region.get(..cursor).unwrap_or("");
        let sep = upto.rfind('、');
        let seg_start_rel = sep.map_or(0, |k| k + '、'.len_utf8());
        let seg_start = phrase.start + seg_start_rel;
        let mut s = seg_start;
        if sep.is_none() {
            s = cut(a, seg_start, seg_end, 2, false).map_or(seg_start, |c| c.at);
        }
        let item = strip_quotes(text::sub(a.text, s, seg_end));
        let n = item.chars().count();
        if !(2..=16).contains(&n) || !item.chars().all(is_han) {
            break;
        }
        items.push((s, seg_end, item));
        match sep {
            Some(k) if items.len() < max.max(1) => {
                seg_end = phrase.start + k;
                cursor = k;
            }
            _ => break,
        }
    }
    items.reverse();
    if items.len() < 2 {
        items.clear();
    }
    items
}
