//! Vocabulary as data: one table per file, each exceptional entry with the reason it exists.
//! The rules (`super::rules`) are patterns over these tables; no rule quotes a phrase of its own.

pub(crate) mod campaigns;
pub(crate) mod furniture;
pub(crate) mod officials;
pub(crate) mod projects;
pub(crate) mod script;
pub(crate) mod stages;
