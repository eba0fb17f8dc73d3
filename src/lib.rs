//! # planledger
//!
//! Chinese local governments announce their development plans in news articles, interviews and
//! work reports. planledger turns those statements into data: a typed domain model
//! ([`model`]) persisted to SQLite through versioned migrations ([`Ledger`]), queryable and
//! citeable back to the sentence each fact came from.
//!
//! Data flows one way: text → extract → facts with evidence → store → query.
//!
//! ```
//! use planledger::model::{Project, ProjectStatus};
//! use planledger::Ledger;
//!
//! let mut ledger = Ledger::open_in_memory()?;
//! planledger::gazetteer::load_qingdao(&mut ledger)?;
//! let town = ledger.resolve_region("泊里镇")?;
//! let id = ledger.insert(
//!     &Project::batch(4)
//!         .in_region(town)
//!         .with_investment("24亿元".parse()?)
//!         .with_status(ProjectStatus::Completed),
//! )?;
//! assert_eq!(ledger.get(id)?.count, 4);
//! # Ok::<(), planledger::Error>(())
//! ```

#![warn(missing_docs)]

pub mod chart;
pub mod error;
pub mod exchange;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod pledge;
pub mod query;
mod reference;
pub mod store;
#[cfg(feature = "synth")]
pub mod synth;

// Modules that moved (reconciliation into `ingest/`, the reference data into `reference/`)
// keep the paths users already import.
pub use ingest::reconcile;
pub use reference::{dataset, divisions, gazetteer};

pub use error::{EntityKind, Error, Result};
pub use store::{Ledger, OpenOptions, Tx};
