//! `project.named_investment` and `project.named`: a name ending in a project noun, with its own
//! total investment or after a stage verb.

use super::*;

/// Characters a project's name may hold besides Han and ASCII letters and digits.
pub(super) const NAME_PUNCT: &str = "()（）-—·“”《》";

pub(super) fn named_investment(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    for (i, q) in a.qms.iter().enumerate() {
        if q.unit != QUnit::Yuan || !st.is_free(i) {
            continue;
        }
        let sent = a.sentence_at(q.start);
        let Some((word_start, _)) =
            investment_word_before(t, sent.start, q.start, lex::NAMED_INVESTMENT)
        else {
            continue;
        };
        // The name ends right before the word, or before a comma before it.
        let mut name_end = word_start;
        if let Some(c) = text::char_before(t, name_end).filter(|c| matches!(c, '，' | ',')) {
            name_end -= c.len_utf8();
        }
        let mut name_start = name_end;
        for (n, (k, c)) in text::sub(t, sent.start, name_end)
            .char_indices()
            .rev()
            .enumerate()
        {
            let ok = (is_han(c) || c.is_ascii_alphanumeric() || NAME_PUNCT.contains(c))
                && c != '的'
                && n < 40;
            if !ok {
                break;
            }
            name_start = sent.start + k;
        }
        // The name starts after the last verb that opens an object ("谋划…", "推进…"); stage
        // words inside names ("…设备建设项目") stay.
        let run = text::sub(t, name_start, name_end);
        if let Some(k) = lex::NAME_OPENERS
            .iter()
            .chain(lex::PART_MARKERS)
            .filter_map(|w| run.rfind(w).map(|k| k + w.len()))
            .max()
        {
            name_start += k;
        }
        let raw = text::sub(t, name_start, name_end);
        let Some((len, name)) = name_with_head(raw) else {
            continue;
        };
        if name_start + len != name_end {
            continue;
        }
        let name = strip_name(&name);
        if is_generic(&name) || st.taken.overlaps(name_start, q.end) {
            continue;
        }
        let Some(money) = money_of(q) else { continue };
        let phrase = phrase_at(a, &sent, name_start);
        let read = stage_of(a, &phrase, phrase.start, name_start, name_end);
        let mut d = Draft::new(name_start, q.end, 1, st.rule);
        d.set_stage(&read);
        d.name = Some(name.trim_matches(['“', '”']).to_string());
        d.investment = Some((money, q.comparator));
        d.exclude.push(name_start..name_end);
        st.consume(i);
        st.push(d);
    }
}

// ---------------------------------------------------------------------------------------------
// project.named

/// The verbs `project.named` reads a name after, the first listed winning at one place.
pub(super) const NAMED_VERBS: &[&str] = &[
    "开工建设",
    "加快建设",
    "规划建设",
    "稳步推进",
    "大力推进",
    "加快推进",
    "全力推进",
    "引进的",
    "建成",
    "筹建",
    "启动",
    "建设",
    "推进",
    "推动",
    "谋划",
    "签约",
];

pub(super) static VERB: Lazy<FewWords> = Lazy::new(|| FewWords::new(NAMED_VERBS.iter().copied()));

pub(super) fn named(a: &Analysed<'_>, st: &mut State<'_>) {
    static HEAD_LAST: Lazy<CharSet> =
        Lazy::new(|| CharSet::new(lex::HEADS.iter().filter_map(|h| h.chars().next_back())));
    let t = a.text;
    for m in VERB.find_iter(t) {
        if st.taken.overlaps(m.start(), m.end()) {
            continue;
        }
        let verb = text::sub(t, m.start(), m.end());
        // Cheap test first: a project noun must follow within the phrase.
        let quick = text::sub(t, m.end(), quick_end(t, m.end(), 60, &[]));
        if !quick.chars().any(|c| HEAD_LAST.contains(c)) {
            continue;
        }
        let sent = a.sentence_at(m.start());
        let phrase = phrase_at(a, &sent, m.start());
        // "项目建设提增工程": 建设 after a project noun is a noun, not the verb of a name.
        if ["项目", "工程"]
            .iter()
            .any(|w| text::before(t, 0, m.start(), 2) == *w)
        {
            continue;
        }
        // "将A建成B", "把A建设成B": B is what A becomes, not a project.
        let before_verb = text::sub(t, phrase.start, m.start());
        if before_verb.contains(['将', '把']) && verb == "建成" {
            continue;
        }
        let body_start = m.end();
        let body = text::sub(t, body_start, phrase.end);
        if body.is_empty()
            || body.contains(['、', '等'])
            || body
                .starts_with(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c))
        {
            continue;
        }
        // A quoted name: "建设首个“国家级种苗基地”", "建设东岸和西岸“美食一条街”".
        let mut names: Vec<(usize, usize, String)> = Vec::new();
        if let Some(q) = a
            .quotes_in(body_start..phrase.end)
            .iter()
            .find(|q| q.start > body_start && q.end <= phrase.end)
        {
            let inner = text::sub(t, q.start, q.end);
            if lex::HEADS.iter().any(|h| inner.ends_with(h)) && !is_generic(inner) {
                names.push((q.start, q.end, inner.to_string()));
            }
        }
        if names.is_empty() {
            // Split "A工程和B项目建设" (or "A活动暨B项目") into two names.
            let mut offset = 0;
            for part in body.split(['和', '暨']) {
                let part_start = body_start + offset;
                offset += part.len() + '和'.len_utf8();
                if let Some((len, name)) = name_with_head(part) {
                    let stripped = strip_name(&name);
                    let lead = name.len() - stripped.len();
                    if !is_generic(&stripped) && stripped.chars().count() <= 25 {
                        names.push((part_start + lead, part_start + len, stripped));
                    }
                }
            }
        }
        // A name that ends inside a quotation running on ("“产业发展项目建设年”") is part of
        // another name.
        names.retain(|&(_, e, _)| {
            let i = a.quotes.partition_point(|q| q.start < e);
            !i.checked_sub(1)
                .and_then(|j| a.quotes.get(j))
                .is_some_and(|q| q.start < e && e < q.end)
        });
        if names.is_empty() {
            continue;
        }
        let last_end = names.last().map_or(body_start, |n| n.1);
        let post = post_verb(t, last_end, phrase.end);
        let pre = stages::BEFORE.iter().find(|s| s.word == verb).copied();
        // "推进X" needs "…建设" after it; 签约/谋划 need nothing.
        let weak_pre = pre.is_some_and(|p| !p.strong) && verb != "建设";
        if weak_pre && post.is_none() {
            continue;
        }
        let status = status_from(pre, post.map(|p| p.0));
        if status.is_none() {
            continue;
        }
        let end = post.map_or(last_end, |p| p.2);
        for (s, e, name) in names {
            if st.taken.overlaps(s, e) {
                continue;
            }
            let mut d = Draft::new(m.start(), end.max(e), 1, st.rule);
            d.name = Some(name);
            d.status = status;
            d.own_status = true;
            d.exclude.push(s..e);
            st.drafts.push(d);
        }
        st.taken.push(m.start()..end);
    }
}
