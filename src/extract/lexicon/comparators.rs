//! Comparators: the words around a figure that say how it bounds the truth.
//!
//! `eq` is the default. Before the number: 超过/突破/超/逾/过 → `over`, 不低于/不少于/至少 →
//! `at_least`, 约/近/接近/将近 → `about`, 不超过/不高于/不到/不足 → `at_most`. After the unit:
//! 以上 → `at_least`, 左右/上下 → `about`, 以内/以下/之内 → `at_most`. 余/多 right after the
//! number ("200余家") are read by the number scanner as `over`.

use crate::model::Comparator;

/// Words right before a number, longest first where one ends another.
pub(crate) const PREFIX: &[(&str, Comparator)] = &[
    ("不超过", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不下于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("超过", Comparator::Over),
    ("突破", Comparator::Over),
    ("高于", Comparator::Over),
    ("多于", Comparator::Over),
    ("大于", Comparator::Over),
    ("大约", Comparator::About),
    ("接近", Comparator::About),
    ("将近", Comparator::About),
    // "不到"/"不足" (short of) bound from above; the ledger has no strict `under`.
    ("不到", Comparator::AtMost),
    ("不足", Comparator::AtMost),
    ("超", Comparator::Over),
    ("逾", Comparator::Over),
    // 过 as in "过百亿元项目" (projects over 10 billion): only before a number.
    ("过", Comparator::Over),
    ("近", Comparator::About),
    ("约", Comparator::About),
];

/// Words right after the unit.
pub(crate) const SUFFIX: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("左右", Comparator::About),
    ("上下", Comparator::About),
    ("以内", Comparator::AtMost),
    ("之内", Comparator::AtMost),
    ("以下", Comparator::AtMost),
];

/// The comparator word ending `before` (spaces before the number allowed): (comparator, bytes
/// of the word and the spaces).
pub(crate) fn prefix(before: &str) -> Option<(Comparator, usize)> {
    let trimmed = before.trim_end_matches(' ');
    let spaces = before.len() - trimmed.len();
    let &(w, c) = PREFIX.iter().find(|(w, _)| trimmed.ends_with(w))?;
    if w == "过" {
        let head = trimmed.get(..trimmed.len() - w.len()).unwrap_or("");
        if head.ends_with(GUO_VERBS) {
            return None;
        }
    }
    Some((c, w.len() + spaces))
}

/// Characters that make 过 part of a verb ("经过3年", "通过5项", "度过") rather than "over".
const GUO_VERBS: &[char] = &[
    '经', '通', '度', '错', '路', '走', '看', '去', '来', '闯', '跨', '胜',
];

/// The comparator word starting `after` (one space after the unit allowed).
pub(crate) fn suffix(after: &str) -> Option<(Comparator, usize)> {
    let trimmed = after.strip_prefix(' ').unwrap_or(after);
    let spaces = after.len() - trimmed.len();
    SUFFIX
        .iter()
        .find(|(w, _)| trimmed.starts_with(w))
        .map(|&(w, c)| (c, w.len() + spaces))
}

/// A comparator flipped by a decline: "下降3%以上" is a change of at most −3%.
pub(crate) fn flipped(c: Comparator) -> Comparator {
    match c {
        Comparator::AtLeast | Comparator::Over => Comparator::AtMost,
        Comparator::AtMost => Comparator::AtLeast,
        other => other,
    }
}
