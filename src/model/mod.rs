//! The typed domain: what planledger records.
//!
//! Entities ([`Region`], [`Person`]/[`Post`]/[`Holding`] for officials, [`Project`], [`Target`],
//! [`Observation`], [`Campaign`], [`Source`], [`Evidence`]) are plain data without ids; the store
//! hands them back wrapped in [`Stored`], which pairs a value with its typed id. Value types
//! ([`Money`], [`Decimal`], [`Quantity`], [`PartialDate`], [`Date`]) validate on construction, so a
//! value that exists is a value the schema accepts.

// In JSON every `Option` field may be left out and reads as `None` (serde's own rule for
// `Option`); `#[serde(default)]` appears only on lists and fields with another default.

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

/// Serializes a type as its `Display` text and deserializes it through `FromStr`, so the JSON
/// spelling and the parser that validates it are one thing (dates, division codes, hashes).
macro_rules! serde_as_text {
    ($($name:ty),+ $(,)?) => {$(
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(d)?
                    .parse()
                    .map_err(serde::de::Error::custom)
            }
        }
    )+};
}
pub(crate) use serde_as_text;

/// A validated string newtype (`struct Name(String)`): `FromStr` accepting exactly the strings
/// `$valid` accepts (else an [`Error::Invalid`](crate::Error) on `$field` saying `s` `$why`),
/// `as_str`, `Display`, and serde through that same `FromStr`.
macro_rules! text_newtype {
    ($name:ident, $what:literal, $field:literal, $valid:expr, $why:literal) => {
        impl $name {
            #[doc = concat!("The ", $what, ".")]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> Result<Self, crate::Error> {
                let valid: fn(&str) -> bool = $valid;
                if valid(s) {
                    Ok($name(s.to_string()))
                } else {
                    Err(crate::Error::invalid(
                        $field,
                        format!(concat!("{:?} ", $why), s),
                    ))
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        $crate::model::serde_as_text!($name);
    };
}
pub(crate) use text_newtype;

/// Builder methods that each set one field and return the value, so an entity reads as
/// `Project::batch(8).in_region(town).in_year(2023)`. `some(field)` wraps the argument in `Some`,
/// `some_into(field)` converts it first, `push_into(field)` converts it and appends it to a
/// list.
macro_rules! setters {
    ($ty:ident { $( $(#[$doc:meta])* $method:ident($param:ident: $arg:ty) => $how:ident($field:ident); )+ }) => {
        impl $ty {
            $(
                $(#[$doc])*
                pub fn $method(mut self, $param: $arg) -> Self {
                    $crate::model::setters!(@$how self.$field, $param);
                    self
                }
            )+
        }
    };
    (@some $place:expr, $value:ident) => { $place = Some($value) };
    (@some_into $place:expr, $value:ident) => { $place = Some($value.into()) };
    (@push_into $place:expr, $value:ident) => { $place.push($value.into()) };
}
pub(crate) use setters;
