//! Comparators: the words around a figure that say how it bounds the truth.
//!
//! `eq` is the default. Before the number: 超过/突破/超/逾/过 → `over`, 不低于/不少于/至少 →
//! `at_least`, 约/近/接近/将近 → `about`, 不超过/不高于/不到/不足 → `at_most`. After the unit:
//! 以上 → `at_least`, 左右/上下 → `about`, 以内/以下/之内 → `at_most`. 余/多 right after the
//! number ("200余家") are read by the number scanner as `over`.

use crate::extract::lexicon::table::{rows, Entry};
use crate::model::Comparator;

/// The word tables of this module, in `data/lexicon/comparators.txt`.
const SRC: &str = include_str!("../../../data/lexicon/comparators.txt");

/// A comparator word of a table whose labels are comparators.
const fn comparator_word(e: &Entry) -> (&'static str, Comparator) {
    let c = match e.label.as_bytes() {
        b"at_most" => Comparator::AtMost,
        b"at_least" => Comparator::AtLeast,
        b"over" => Comparator::Over,
        b"about" => Comparator::About,
        _ => panic!("comparators.txt: an unknown label"),
    };
    (e.word, c)
}

/// Words right before a number, longest first where one ends another.
pub(crate) const PREFIX: &[(&str, Comparator)] =
    rows!(SRC, ["prefix"], (&'static str, Comparator), comparator_word);

/// Words right after the unit.
pub(crate) const SUFFIX: &[(&str, Comparator)] =
    rows!(SRC, ["suffix"], (&'static str, Comparator), comparator_word);

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
