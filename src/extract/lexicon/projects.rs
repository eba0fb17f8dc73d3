//! The nouns and words around projects: what a project's name ends with, which words state a
//! project's own total investment, and what stands between a project noun and its count.

use crate::extract::lexicon::table::word_tables;

/// The word lists of this module, in `data/lexicon/projects.txt` (each table described there).
const SRC: &str = include_str!("../../../data/lexicon/projects.txt");

word_tables!(SRC, "projects.txt": HEADS, COUNT_UNITS, TOTAL_INVESTMENT, NAMED_INVESTMENT,
    INVESTMENT_LINKS, COUNT_LINKS, PART_MARKERS, GENERIC_NAMES, GENERIC_MODIFIERS, LIST_LEADS,
    BATCH_ENDS, AFTER_NAME, ANAPHORS, FIRST_OF_KIND, NOT_A_BATCH, NAME_OPENERS, TARGET_CUES,
    YAO_WORDS, STOCK_WORDS);
