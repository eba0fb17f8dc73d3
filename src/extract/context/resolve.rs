//! Resolving a text's mentions: explicit names in their section's context, the zones a text names,
//! self-references (本市, 全县), and the place each paragraph opens with.

use super::*;

impl DocContext {
    /// Resolves the explicit mentions in their sections' context, creating the zones the text
    /// names.
    pub(super) fn resolve(
        &mut self,
        text: &str,
        gaz: &Gazetteer,
        raws: &[Raw],
        anchor: Option<PlaceId>,
    ) {
        let mut zones: HashMap<(PlaceId, &'static str), PlaceId> = HashMap::new();
        for r in raws {
            let ctx = self.section_of(r.start).or(anchor);
            let mut place = gaz.choose(&r.cands, ctx);
            if place.is_none() && r.cands.len() > 1 {
                let written = text::sub(text, r.start, r.end);
                self.notes
                    .push(format!("ambiguous: {written} ({} places)", r.cands.len()));
                place = Some(PlaceId::unresolved(self.notes.len() - 1));
            }
            if let (Some(word), Some(p)) = (r.zone, place) {
                if p.unresolved_index().is_none() {
                    place = Some(self.zone(text, gaz, r, word, p, &mut zones));
                }
            }
            // Local names in force, for the rules' lookups (加区 before 区委书记).
            if let Some(p) = place.filter(|_| r.via_local && r.zone.is_none()) {
                let written: String = text::sub(text, r.start, r.end).chars().map(fold).collect();
                if !self
                    .local_names
                    .iter()
                    .any(|(n, q)| *n == written && *q == p)
                {
                    self.local_names.push((written, p));
                }
            }
            self.mentions.push(Mention {
                start: r.start,
                end: r.end,
                place,
                deictic: false,
                role: r.role,
            });
        }
    }

    /// The zone mention `r` names (张金 + 经济开发区): a place of its own under `parent`, one
    /// per parent and zone type (兰州高新区 and 兰州高新技术产业开发区 are one).
    pub(super) fn zone(
        &mut self,
        text: &str,
        gaz: &Gazetteer,
        r: &Raw,
        word: &'static str,
        parent: PlaceId,
        zones: &mut HashMap<(PlaceId, &'static str), PlaceId>,
    ) -> PlaceId {
        let name: String = text::sub(text, r.start, r.end).chars().map(fold).collect();
        // A zone the gazetteer already holds under this name.
        if let Some(&known) = gaz.lookup(&name).first() {
            return known;
        }
        let key_word =
            zone_suffix(&name).map_or(word, |(w, abbr)| if abbr.is_empty() { w } else { abbr });
        if let Some(&id) = zones.get(&(parent, key_word)) {
            return id;
        }
        let id = Gazetteer::next_id(gaz, self.local_places.len());
        self.local_places
            .push(Place::new(name.clone(), kind_of_zone(word)).with_parent(parent));
        self.local_names.push((name, id));
        zones.insert((parent, key_word), id);
        id
    }

    /// Adds the self-references not inside an explicit name, resolved against their section.
    pub(super) fn add_deictics(
        &mut self,
        text: &str,
        gaz: &Gazetteer,
        deictics: &[(usize, &'static str, &'static str)],
        raws: &[Raw],
    ) {
        for &(s, word, level) in deictics {
            let e = s + word.len();
            let k = raws.partition_point(|r| r.start < e);
            let clash = k
                .checked_sub(1)
                .and_then(|j| raws.get(j))
                .is_some_and(|r| r.start < e && s < r.end);
            if clash {
                continue;
            }
            // "街道" alone is a self-reference only at a clause start ("街道将…").
            if word == "街道" {
                let at_clause_start = match text::char_before(text, s) {
                    None => true,
                    Some(c) => text::is_clause_sep(c) || c == ' ',
                };
                if !at_clause_start {
                    continue;
                }
            }
            let before: String = text::before(text, 0, s, 4).chars().map(fold).collect();
            let after: String = text::after(text, e, text.len(), 6)
                .chars()
                .map(fold)
                .collect();
            let role = if words::COMPARISON_BEFORE.iter().any(|w| before.ends_with(w))
                || words::COMPARISON_AFTER.iter().any(|w| after.starts_with(w))
            {
                Role::Comparison
            } else {
                Role::Subject
            };
            let place = if level == "国" {
                gaz.root()
            } else {
                self.section_region(s).and_then(|r| {
                    std::iter::once(r)
                        .chain(gaz.ancestors(r))
                        .find(|&p| anchor::has_level(gaz, p, level))
                })
            };
            // The rules read a post's organisation from the words before it (该镇党委书记).
            if let Some(p) = place.filter(|_| words::is_speaker(word) || word.starts_with('全')) {
                if !self.local_names.iter().any(|(n, q)| n == word && *q == p) {
                    self.local_names.push((word.to_string(), p));
                }
            }
            self.mentions.push(Mention {
                start: s,
                end: e,
                place,
                deictic: true,
                role,
            });
        }
    }

    /// Each paragraph's start and the place it opens with as its subject, when that place lies
    /// inside the section's place: the paragraph zooms in on it ("某区区委书记…报告…。其中，
    /// 省级重点项目4个…。" is about that district throughout), so its sentences that name no
    /// place of their own are about it.
    pub(super) fn paragraph_topics(
        &self,
        text: &str,
        gaz: &Gazetteer,
    ) -> Vec<(std::ops::Range<usize>, PlaceId)> {
        let mut out = Vec::new();
        let mut pos = 0;
        for para in text.split('\n') {
            let start = pos;
            pos += para.len() + 1;
            if para.trim().is_empty() {
                continue;
            }
            let lead = para.len() - para.trim_start().len();
            let head_end =
                start + lead + text::after(text, start + lead, start + para.len(), 8).len();
            let topic = self
                .mentions_starting_in(start, head_end)
                .filter(|m| !m.deictic && m.role == Role::Subject)
                .find_map(|m| {
                    m.place
                        .filter(|p| p.unresolved_index().is_none())
                        .map(|p| (p, m.end))
                })
                .filter(|&(p, _)| {
                    self.section_of(start)
                        .is_some_and(|s| s != p && gaz.is_within(p, s))
                });
            if let Some((p, name_end)) = topic {
                out.push((name_end..start + para.len(), p));
            }
        }
        out
    }
}
