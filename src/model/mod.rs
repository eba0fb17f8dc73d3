//! The typed domain: what planledger records.
//!
//! Entities ([`Region`], [`Person`]/[`Post`]/[`Holding`] for officials, [`Project`], [`Target`],
//! [`Observation`], [`Campaign`], [`Source`], [`Evidence`]) are plain data without ids; the store
//! hands them back wrapped in [`Stored`], which pairs a value with its typed id. Value types
//! ([`Money`], [`Decimal`], [`Quantity`], [`PartialDate`], [`Date`]) validate on construction, so a
//! value that exists is a value the schema accepts.

mod campaign;
mod date;
mod decimal;
mod evidence;
mod ids;
mod money;
mod official;
mod project;
mod quantity;
mod region;
mod source;
mod status;
mod target;

pub use campaign::{Campaign, CampaignKind};
pub use date::{Date, PartialDate};
pub use decimal::Decimal;
pub use evidence::{Evidence, FactRef, Method, Span};
pub use ids::{
    CampaignId, ConflictId, EvidenceId, HoldingId, ObservationId, PersonId, PostId, ProjectId,
    RegionId, SourceId, StatusChangeId, Stored, TargetId,
};
pub use money::Money;
pub use official::{Holding, Official, Person, Post};
pub use project::{Project, ProjectStatus};
pub use quantity::{Comparator, Measure, Quantity, Unit};
pub use region::{DivisionCode, Region, RegionKind};
pub use source::{ContentHash, Source};
pub use status::{Light, StatusRule, TargetStatus};
pub use target::{Observation, Target};

/// Declares a closed set of string-valued variants with one spelling for serde, SQL and
/// `Display`, so the enums and the schema's CHECK lists cannot drift apart silently.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[ $($name::$variant),+ ];

            /// The stable lowercase spelling used in JSON and in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(crate::Error::invalid(
                        stringify!($name),
                        format!("unknown value {s:?}; expected one of: {}", [$($text),+].join(", ")),
                    )),
                }
            }
        }
    };
}
pub(crate) use string_enum;
