//! Vocabulary as data: the word tables the rules read, each exceptional entry with the reason
//! it is there. Rules name these tables; they never quote words of their own.
//!
//! The words live in `data/lexicon/*.txt`, one file per module here (and `place_names.txt`,
//! `place_context.txt` for the gazetteer's and the document context's words), written to be read
//! and reviewed by someone who knows the language: a `[table]` heading, the table's purpose in
//! comments, its words separated by spaces, a label before the words where a table gives them a
//! kind (`at_most: 不超过`, `国务院: 国务委员`), and the reason for a line's words in a comment
//! after them. [`table`] parses them into the constants the rules read when the crate compiles.
//! The modules keep what is not a word list: enums, regex fragments, character sets, units.

pub(crate) mod campaigns;
pub(crate) mod comparators;
pub(crate) mod counted;
pub(crate) mod cues;
pub(crate) mod furniture;
pub(crate) mod measures;
pub(crate) mod metric_words;
pub(crate) mod officials;
pub(crate) mod projects;
pub(crate) mod script;
pub(crate) mod stages;
pub(crate) mod table;
pub(crate) mod units;
