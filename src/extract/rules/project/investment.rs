//! `project.investment_of`: a total investment, 的, then the projects it belongs to.

use super::*;

/// Investment words that may open "…投资X的…项目" (the bare 投资 only there, where 的 ties
/// the figure to the project).
pub(super) const INVESTMENT_OF_WORDS: &[&str] = &[
    "计划总投资",
    "总投资额",
    "投资总额",
    "总投资",
    "投资额",
    "投资",
];

pub(super) fn investment_of(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    for (i, q) in a.qms.iter().enumerate() {
        if q.unit != QUnit::Yuan || !st.is_free(i) {
            continue;
        }
        let after_q = text::after(t, q.end, t.len(), 1);
        if after_q != "的" {
            continue;
        }
        let sent = a.sentence_at(q.start);
        let Some((inv_start, word)) =
            investment_word_before(t, sent.start, q.start, INVESTMENT_OF_WORDS)
        else {
            continue;
        };
        // "完成投资"/"固定资产投资"/"计划投资" are spending, not a project's size.
        let pre2 = text::before(t, sent.start, inv_start, 4);
        if word == "投资"
            && ["完成", "固定资产", "计划", "年度"]
                .iter()
                .any(|w| pre2.ends_with(w))
        {
            continue;
        }
        // "N个总投资X亿元的项目": the count before the word owns the total (`project.batch`).
        let count_before = a
            .qms_in(sent.start..inv_start)
            .next_back()
            .and_then(|j| a.qms.get(j))
            .is_some_and(|cq| cq.end == inv_start && is_count_unit(cq));
        if count_before {
            continue;
        }
        let Some(money) = money_of(q) else { continue };
        let phrase = phrase_at(a, &sent, q.start);
        let mut d = Draft::new(inv_start, q.end, 1, st.rule);
        d.investment = Some((money, q.comparator));
        let mut used = vec![i];
        let rest_start = q.end + '的'.len_utf8();
        let rest = text::sub(t, rest_start, phrase.end);
        let mut head_end = None;
        // a) the count: "的16个制造业项目".
        if let Some(j) = a.qm_at(rest_start) {
            if let Some(cq) = a.qms.get(j).filter(|cq| is_count_unit(cq)) {
                let tail = text::after(t, cq.end, phrase.end, MODIFIER_CHARS + 2);
                if let Some(k) = tail.find("项目") {
                    let modifier = text::sub(t, cq.end, cq.end + k);
                    if let Some(c) = count_of(cq).filter(|_| !modifier.contains('、')) {
                        d.count = c;
                        d.sector = sector_from(modifier);
                        head_end = Some(cq.end + k + "项目".len());
                        used.push(j);
                    }
                }
            }
        }
        // b) a list: "的商业广场、滨海商业街等商住综合体项目".
        if head_end.is_none() {
            if let Some(k) = rest.find('等') {
                let deng = rest_start + k;
                let after_deng = deng + '等'.len_utf8();
                let head = text::sub(t, after_deng, phrase.end);
                if let Some(hk) = head.find("项目") {
                    if let Some((_, items)) = list_before(a, rest_start, deng) {
                        d.sector = sector_from(text::sub(t, after_deng, after_deng + hk));
                        d.count = u32::try_from(items.len()).unwrap_or(u32::MAX);
                        d.exclude.push(rest_start..deng);
                        if items.len() == 1 {
                            d.name = items.into_iter().next();
                        } else {
                            d.members = items;
                        }
                        head_end = Some(after_deng + hk + "项目".len());
                    }
                }
            }
        }
        // c) a name: "的光伏组件项目" (a name holds no 、: "的A项目、总投资…的B项目").
        if head_end.is_none() {
            let rest = rest.split('、').next().unwrap_or(rest);
            if let Some((name_end, name)) = name_with_head(rest) {
                if !name.contains(['、', '等']) && name.chars().count() >= 3 {
                    d.exclude.push(rest_start..rest_start + name_end);
                    d.name = Some(name);
                    head_end = Some(rest_start + name_end);
                }
            }
        }
        let Some(head_end) = head_end else {
            continue;
        };
        // Members before: "甲公司、乙公司等总投资…". The verbs of an item of a 、-list are
        // its own ("…的A项目、投资X的B项目": A's words are not B's).
        let verb_floor = text::sub(t, phrase.start, inv_start)
            .rfind('、')
            .map(|k| phrase.start + k)
            .filter(|&k| a.qms_in(phrase.start..k).next().is_some())
            .map_or(phrase.start, |k| k + '、'.len_utf8());
        let read = stage_of(a, &phrase, verb_floor, inv_start, head_end);
        if text::before(t, 0, inv_start, 1) == "等" && d.members.is_empty() && d.name.is_none() {
            let floor = pre_verb(t, verb_floor, inv_start).map_or(verb_floor, |v| v.2);
            if let Some((ls, items)) = list_before(a, floor, inv_start - '等'.len_utf8()) {
                d.exclude.push(ls..inv_start);
                d.members = items;
                d.start = ls;
            }
        }
        d.set_stage(&read);
        d.end = read.post_end.unwrap_or(head_end).max(head_end);
        for u in used {
            st.consume(u);
        }
        st.push(d);
    }
}
