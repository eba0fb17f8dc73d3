//! What a count counts: nouns after (or before) a measure word that make the number something
//! other than a figure of a plan or a result.

use crate::extract::lexicon::table::word_tables;

/// The word lists of this module, in `data/lexicon/counted.txt` (each table described there).
const SRC: &str = include_str!("../../../data/lexicon/counted.txt");

word_tables!(SRC, "counted.txt": ABSTRACT, LOGISTICS, RANKING, ANAPHORS, PROJECT_NOUNS,
    PAGE_COUNTERS);

/// Nouns that a 所 count is about (schools, institutes); elsewhere 所 is part of a name (a
/// research institute's number, "712所").
pub(crate) const SUO_NOUNS: &[char] = &['校', '学', '院', '园', '医', '馆', '所', '站'];
