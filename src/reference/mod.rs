//! Reference data bundled with the crate, and the loaders that put it into a ledger: the
//! national division tables ([`divisions`]), the places laid over them ([`gazetteer`], read by
//! one parser shared with the extractor's gazetteer), and the hand-curated dataset
//! ([`dataset`]).

pub mod dataset;
pub mod divisions;
pub mod gazetteer;
mod known;
pub(crate) mod overlay;
