//! `project.part`: parts of a batch after 其中 that leave the project noun out.

use super::*;

pub(super) fn parts(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    for marker in lex::PART_MARKERS {
        for (k, _) in t.match_indices(marker) {
            let from = k + marker.len();
            // The parts run on through sentences separated by ；, to the end of the sentence
            // that ends with 。 (or the paragraph).
            let mut sent = a.sentence_at(k);
            while text::sub(t, sent.start, sent.end).ends_with(['；', ';']) {
                let next = a.sentence_at(sent.end + 1);
                if next.start < sent.end || text::sub(t, sent.end, next.start).contains('\n') {
                    break;
                }
                sent = sent.start..next.end;
            }
            // A part needs a batch stated before it.
            if !st.drafts.iter().any(|d| d.count >= 2 && d.end <= k) {
                continue;
            }
            for j in a.qms_in(from..sent.end) {
                let Some(q) = a.qms.get(j) else { continue };
                if !st.is_free(j) || !matches!(q.unit, QUnit::Word("个" | "项")) {
                    continue;
                }
                if st.taken.overlaps(q.start, q.end) {
                    continue;
                }
                let Some(count) = count_of(q) else { continue };
                // The clause: from the last separator before the count.
                let clause_start = text::sub(t, from, q.start)
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| matches!(c, '，' | '、' | '；' | '：' | ',' | ':' | ';'))
                    .map_or(from, |(i, c)| from + i + c.len_utf8());
                let noun = text::sub(t, clause_start, q.start);
                let n = noun.chars().count();
                if !(2..=10).contains(&n) || !noun.chars().all(is_han) {
                    continue;
                }
                // Only the first figure of its clause, and nothing but the noun (or a stage
                // verb) before it.
                if a.qms_in(clause_start..q.start).next().is_some() {
                    continue;
                }
                let mut d = Draft::new(clause_start, q.end, count, st.rule);
                let verb = stages::BEFORE
                    .iter()
                    .chain(stages::AFTER)
                    .filter(|s| s.status.is_some() && noun == s.word)
                    .max_by_key(|s| s.strong);
                match verb {
                    Some(v) => {
                        d.status = v.status;
                        d.own_status = true;
                    }
                    None => d.sector = Some(noun.to_string()),
                }
                st.consume(j);
                if let Some((ij, _)) = investment_after(a, &sent, q.end, true) {
                    if st.is_free(ij) {
                        if let Some(m) = a.qms.get(ij).and_then(money_of) {
                            let c = a.qms.get(ij).map_or(Comparator::Eq, |x| x.comparator);
                            d.investment = Some((m, c));
                            d.end = a.qms.get(ij).map_or(d.end, |x| x.end);
                            st.consume(ij);
                        }
                    }
                }
                st.push(d);
            }
        }
    }
}
