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

mod chart;
mod error;
pub mod extract;
pub mod ingest;
mod io;
pub mod model;
pub mod pledge;
pub mod query;
mod reference;
mod store;
#[cfg(feature = "synth")]
pub mod synth;

// The public surface. Modules that are themselves the API stay public (`model`, `extract`,
// `query`, `pledge`, `ingest`, and the reference data below); everything else is reached
// through these re-exports, so internals (SQL helpers, connection setup, the JSON Lines
// codec) can move without breaking a user's imports. ARCHITECTURE.md lists the surface.
pub use chart::scorecard_svg;
pub use error::{EntityKind, Error, Result};
pub use extract::{Document, Extractor, Fact};
pub use ingest::reconcile;
pub use reference::{dataset, divisions, gazetteer};
pub use store::{Entity, EntityId, Ledger, OpenOptions, Tx, SCHEMA_VERSION};
