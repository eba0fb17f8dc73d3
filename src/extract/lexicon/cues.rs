//! Cue words: what tells a target (promised, required, planned) from an observation (achieved,
//! standing, measured).
//!
//! The quantity rules look for the nearest cue before a figure, in its phrase first, then its
//! sentence, its paragraph and the heading or colon-ended line that introduces it. Words that
//! contain a cue's characters without being that cue (重要, 了解, 争取资金 …) are listed as
//! [`Cue::Blocked`]: they are matched too, longest first, so the cue inside them is not.

use crate::extract::lexicon::table::{rows, word_tables, Entry};

/// What a cue word says about the figures it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// Promised, required or planned: a target.
    Target,
    /// An estimate: a target when it looks ahead, the outturn of a period that is over
    /// ("1至6月…预计完成投资80亿元").
    Estimate,
    /// Achieved or standing: an observation.
    Observation,
    /// A comparison with an earlier period (同比, 比上年): an observation unless a target cue
    /// in the same phrase governs it ("力争同比增长5%").
    Comparison,
    /// A figure put to use is a standing resource ("发挥…300多家研发机构…作用", "用好20亿元基金"):
    /// an observation, read only in the figure's own phrase.
    Resource,
    /// A review of results ("2022年工作回顾", "主要成绩"): an observation, read only in a heading
    /// or an introducing line (in running text "高成效" says nothing about a figure).
    Review,
    /// A word that contains a cue's characters but is no cue (blocks the cue inside it).
    Blocked,
}

/// A cue word and, for the exceptional ones, why it is here.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueWord {
    pub word: &'static str,
    pub cue: Cue,
    #[cfg_attr(not(test), allow(dead_code))]
    pub why: &'static str,
}

/// A cue word of the `[cues]` table: its label is its [`Cue`], its line's comment the reason.
const fn cue_word(e: &Entry) -> CueWord {
    let cue = match e.label.as_bytes() {
        b"target" => Cue::Target,
        b"estimate" => Cue::Estimate,
        b"observation" => Cue::Observation,
        b"comparison" => Cue::Comparison,
        b"resource" => Cue::Resource,
        b"review" => Cue::Review,
        b"blocked" => Cue::Blocked,
        _ => panic!("cues.txt: an unknown label"),
    };
    CueWord {
        word: e.word,
        cue,
        why: e.why,
    }
}

/// Every cue word (simplified script; the text is folded first), from `data/lexicon/cues.txt`.
pub(crate) const CUES: &[CueWord] = rows!(SRC, ["cues"], CueWord, cue_word);

/// The word lists of this module, in `data/lexicon/cues.txt` (each table described there).
const SRC: &str = include_str!("../../../data/lexicon/cues.txt");

word_tables!(SRC, "cues.txt": COMMITMENTS, ATTAINMENT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_once() {
        let mut words: Vec<&str> = CUES.iter().map(|c| c.word).collect();
        words.sort_unstable();
        let n = words.len();
        words.dedup();
        assert_eq!(words.len(), n);
        // Exceptional entries say why.
        for c in CUES {
            if c.cue == Cue::Blocked {
                assert!(!c.why.is_empty(), "{}", c.word);
            }
        }
    }
}
