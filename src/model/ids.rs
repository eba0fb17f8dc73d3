use serde::{Deserialize, Serialize};
use std::ops::Deref;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// Ids come from the store; [`from_raw`](Self::from_raw) rebuilds one from a value a
        /// program kept (a command-line flag, an exported row). An id is the row's number in
        /// one ledger and does not know which ledger that is: handed to another ledger it
        /// names whatever row has that number there, or gives
        /// [`Error::NotFound`](crate::Error::NotFound) when none has. Keep ids with their
        /// ledger; across ledgers, refer to things by natural keys (a region's division code, a
        /// source's content hash, names). Ids survive
        /// [`export_jsonl`](crate::Ledger::export_jsonl) and
        /// [`import_jsonl`](crate::Ledger::import_jsonl), and a backup restored whole.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// Wraps a raw row id.
            pub const fn from_raw(raw: i64) -> Self {
                Self(raw)
            }

            /// The raw row id.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a [`Region`](crate::model::Region).
    RegionId
);
id_type!(
    /// Identifies a [`Source`](crate::model::Source).
    SourceId
);
id_type!(
    /// Identifies a piece of [`Evidence`](crate::model::Evidence).
    EvidenceId
);
id_type!(
    /// Identifies a [`Person`](crate::model::Person).
    PersonId
);
id_type!(
    /// Identifies a [`Post`](crate::model::Post).
    PostId
);
id_type!(
    /// Identifies a [`Holding`](crate::model::Holding): a person holding a post.
    HoldingId
);
id_type!(
    /// Identifies a [`Project`](crate::model::Project).
    ProjectId
);
id_type!(
    /// Identifies a [`Target`](crate::model::Target).
    TargetId
);
id_type!(
    /// Identifies an [`Observation`](crate::model::Observation).
    ObservationId
);
id_type!(
    /// Identifies a [`Campaign`](crate::model::Campaign).
    CampaignId
);
id_type!(
    /// Identifies one row of a target's status history
    /// ([`StatusChange`](crate::pledge::StatusChange)).
    StatusChangeId
);
id_type!(
    /// Identifies a flagged disagreement between two facts
    /// ([`Conflict`](crate::reconcile::Conflict)).
    ConflictId
);

/// A value as the store holds it: the entity and its id.
///
/// Derefs to the value, so `stored.name` reads the entity's field.
///
/// ```
/// use planledger::model::{Region, RegionKind};
/// use planledger::Ledger;
///
/// let mut ledger = Ledger::open_in_memory()?;
/// let id = ledger.insert(&Region::new("青岛市", RegionKind::Prefecture))?;
/// let stored = ledger.get(id)?;
/// assert_eq!(stored.id, id);
/// assert_eq!(stored.name, "青岛市");
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored<I, T> {
    /// The row's id.
    pub id: I,
    /// The entity.
    #[serde(flatten)]
    pub value: T,
}

impl<I, T> Deref for Stored<I, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}
