//! Vocabulary as data: the word tables the rules read, one table per file, each exceptional
//! entry with the reason it is there. Rules name these tables; they never quote words of
//! their own.

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
