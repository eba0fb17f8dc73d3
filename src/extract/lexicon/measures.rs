//! What a figure measures: a level, a growth (a change against an earlier period) or a share
//! (a part of a whole).
//!
//! A percentage after a growth word is a growth ("增长6%"), after a rise-to word a level or a
//! share ("提高到35%"); after 占 it is a share of what follows 占. A count or an amount after
//! an increase word is an absolute growth ("较上年增加35个", "净增800元"). A decline is a
//! negative growth ("下降3%" is −3%).

use crate::extract::lexicon::table::{rows, word_tables, Entry};

/// How a change word reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// A rise: the figure is the growth.
    Rise,
    /// A fall: the figure is the growth, negated.
    Fall,
    /// Not a change word: a word that contains one (增加值, 提高到 …).
    Blocked,
}

/// Change words, longest first where one starts another; the later word in a phrase decides.
pub(crate) const CHANGE_WORDS: &[(&str, Change)] =
    rows!(SRC, ["change_words"], (&'static str, Change), change_word);

/// A change word of `[change_words]`: its label is how it reads.
const fn change_word(e: &Entry) -> (&'static str, Change) {
    let c = match e.label.as_bytes() {
        b"rise" => Change::Rise,
        b"fall" => Change::Fall,
        b"blocked" => Change::Blocked,
        _ => panic!("measures.txt: an unknown label"),
    };
    (e.word, c)
}

/// The word lists of this module, in `data/lexicon/measures.txt` (each table described there).
const SRC: &str = include_str!("../../../data/lexicon/measures.txt");

word_tables!(SRC, "measures.txt": GROWTH_AFTER, CHANGE_GAP, LIST_JOINERS);

/// The share marker: "占全市的21.7%", "占地区生产总值比重41.9%".
pub(crate) const SHARE_OF: &str = "占";
