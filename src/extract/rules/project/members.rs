//! `project.members`: named examples and a project noun, counted by the stated number or the names.

use super::*;

pub(super) fn members(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    let mut last_phrase_end: Option<(Range<usize>, usize)> = None;
    for m in member_anchors(t) {
        if st.taken.overlaps(m.start(), m.end()) {
            continue;
        }
        // Cheap test first: the words after the anchor must end like a batch.
        let quick_end = quick_end(t, m.end(), 40, &['、', '和']);
        let quick = text::sub(t, m.end(), quick_end);
        // "A等N个总投资X亿元的项目成功落地": a total inside the noun makes a batch whatever
        // follows it (checked below).
        let ends_like_batch = |s: &str| lex::BATCH_ENDS.iter().any(|w| s.ends_with(w));
        if !ends_like_batch(quick) && !quick.contains("项目") {
            continue;
        }
        let sent = a.sentence_at(m.start());
        let phrase = phrase_at(a, &sent, m.start());
        let is_deng = m.as_str() == "等";
        // Without 等, the number must follow a list of at least two names.
        let head_start = m.end();
        let head_stop = text::sub(t, head_start, phrase.end)
            .char_indices()
            .find(|&(_, c)| matches!(c, '、' | '和'))
            .map_or(phrase.end, |(k, _)| head_start + k);
        let head = text::sub(t, head_start, head_stop).trim();
        // The stated count right after 等: "等4条道路…".
        let mut count: Option<(u32, Option<usize>)> = None;
        // "A等N个总投资X亿元的项目": the batch's total inside its noun.
        let mut inside: Option<usize> = None;
        if is_deng {
            if head.starts_with("总投资") {
                continue;
            }
            if let Some(j) = a.qm_at(head_start) {
                if let Some(cq) = a.qms.get(j).filter(|cq| is_count_unit(cq)) {
                    count = count_of(cq).map(|c| (c, Some(j)));
                    inside = investment_inside(a, cq.end)
                        .filter(|&(k, e)| e <= head_stop && st.is_free(k))
                        .map(|(k, _)| k);
                }
            }
        } else {
            let num = m.as_str().trim_end_matches(['大', '个', '条', '座', '所']);
            let v = crate::extract::numbers::parse_chinese(num)
                .or_else(|| crate::extract::numbers::parse_arabic(num))
                .and_then(|d| d.to_integer())
                .and_then(|v| u32::try_from(v).ok())
                .filter(|&v| v >= 2);
            let Some(v) = v else { continue };
            count = Some((v, a.qm_at(m.start())));
        }
        let inside_batch = inside.is_some() && head.contains("项目");
        if !ends_like_batch(head) && !inside_batch {
            continue;
        }
        // The list: after the last verb (or the previous batch in this phrase).
        let mut floor = phrase.start;
        if let Some((r, e)) = &last_phrase_end {
            if *r == phrase {
                floor = floor.max(*e);
            }
        }
        let verb = pre_verb(t, floor, m.start());
        let list_floor = verb.map_or(floor, |v| v.2.max(floor));
        let Some((list_start, items)) = list_before(a, list_floor, m.start()) else {
            continue;
        };
        if !is_deng && items.len() < 2 {
            continue;
        }
        let post = post_verb(t, head_start, head_stop);
        let strong_post = post.is_some_and(|p| p.0.strong);
        // A total investment inside the noun says it is a batch even when no stage word does
        // ("A等N个总投资X亿元的项目成功落地").
        if verb.is_none() && !strong_post && inside.is_none() {
            continue;
        }
        let status = status_from(verb.map(|v| v.0), post.map(|p| p.0));
        let n_items = u32::try_from(items.len()).unwrap_or(u32::MAX);
        let (n, j) = count.unwrap_or((n_items, None));
        if let Some(j) = j {
            st.consume(j);
        }
        let start = verb.map_or(list_start, |v| v.1);
        let end = head_stop;
        let (name, members) = if n == 1 && items.len() == 1 {
            (items.into_iter().next(), Vec::new())
        } else {
            (None, items)
        };
        last_phrase_end = Some((phrase.clone(), end));
        let mut d = Draft::new(start, end, n, st.rule);
        d.name = name;
        d.members = members;
        d.status = status;
        d.own_status = status.is_some();
        d.exclude.push(list_start..m.start());
        if let Some(k) = inside {
            st.take_investment(a, &mut d, k);
        } else if d.count >= 2 {
            // The batch's investment after it: "A、B等19个项目，签约总额8.06亿元".
            if let Some((j, _)) =
                investment_after(a, &sent, end, false).filter(|(j, _)| st.is_free(*j))
            {
                st.take_investment(a, &mut d, j);
            }
        }
        st.push(d);
    }
}

/// Where `project.members` looks for a batch: 等, or a number (digits or 一…十, 两) with the
/// measure word of a group right after it (大, 个, 条, 座, 所), in order and not overlapping.
/// The marks are found by one automaton pass (most of the text holds none); the number is read
/// backwards from its measure word.
pub(super) fn member_anchors(t: &str) -> impl Iterator<Item = Anchor<'_>> {
    static MARKS: Lazy<AhoCorasick> =
        Lazy::new(|| first_words(["等", "大", "个", "条", "座", "所"]));
    let is_numeral = |c: char| c.is_ascii_digit() || text::is_small_numeral(c);
    MARKS.find_iter(t).filter_map(move |m| {
        let end = m.end();
        if m.pattern().as_usize() == 0 {
            return Some(Anchor {
                t,
                start: m.start(),
                end,
            });
        }
        let mut start = m.start();
        while let Some(c) = text::char_before(t, start).filter(|&c| is_numeral(c)) {
            start -= c.len_utf8();
        }
        (start < m.start()).then_some(Anchor { t, start, end })
    })
}

/// A stretch of the text, as a regex match gives it.
#[derive(Clone, Copy)]
pub(super) struct Anchor<'t> {
    pub(super) t: &'t str,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl<'t> Anchor<'t> {
    pub(super) fn start(&self) -> usize {
        self.start
    }
    pub(super) fn end(&self) -> usize {
        self.end
    }
    pub(super) fn as_str(&self) -> &'t str {
        text::sub(self.t, self.start, self.end)
    }
}

/// The end of the stretch after `pos`: the first phrase separator (or one of `extra`), at most
/// `max` characters on.
pub(super) fn quick_end(t: &str, pos: usize, max: usize, extra: &[char]) -> usize {
    let rest = t.get(pos..).unwrap_or("");
    for (n, (i, c)) in rest.char_indices().enumerate() {
        // No Han ideograph is a separator: most characters need only the range test.
        let sep = !('\u{4E00}'..='\u{9FFF}').contains(&c)
            && matches!(
                c,
                '，' | '。' | '；' | '：' | ',' | ';' | ':' | '!' | '?' | '！' | '？' | '\n'
            );
        if n >= max || sep || extra.contains(&c) {
            return pos + i;
        }
    }
    t.len()
}
