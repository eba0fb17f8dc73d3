//! The one error type every fallible planledger call returns.

use std::fmt;
use std::path::PathBuf;

/// Which kind of entity an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityKind {
    /// [`Region`](crate::model::Region).
    Region,
    /// [`Source`](crate::model::Source).
    Source,
    /// [`Evidence`](crate::model::Evidence).
    Evidence,
    /// [`Person`](crate::model::Person).
    Person,
    /// [`Post`](crate::model::Post).
    Post,
    /// [`Holding`](crate::model::Holding).
    Holding,
    /// [`Project`](crate::model::Project).
    Project,
    /// [`Target`](crate::model::Target).
    Target,
    /// [`Observation`](crate::model::Observation).
    Observation,
    /// [`Campaign`](crate::model::Campaign).
    Campaign,
}

impl EntityKind {
    /// Lowercase name, as in the schema's table names.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Region => "region",
            EntityKind::Source => "source",
            EntityKind::Evidence => "evidence",
            EntityKind::Person => "person",
            EntityKind::Post => "post",
            EntityKind::Holding => "holding",
            EntityKind::Project => "project",
            EntityKind::Target => "target",
            EntityKind::Observation => "observation",
            EntityKind::Campaign => "campaign",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything that can go wrong in planledger.
///
/// Match on the variant to react (a [`NotFound`](Error::NotFound) is often expected; a
/// [`SchemaTooNew`](Error::SchemaTooNew) means "upgrade the library"); the `Display` text is
/// meant for people. New variants may be added in minor releases.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No row of that kind has that key.
    #[error("{entity} not found: {key}")]
    NotFound {
        /// Which kind of entity was looked up.
        entity: EntityKind,
        /// The key that found nothing (an id, a name, a code).
        key: String,
    },

    /// The schema refused a write: the named rule would be broken.
    #[error("{entity}: constraint {rule} violated")]
    Constraint {
        /// The entity written.
        entity: EntityKind,
        /// The schema's name for the rule (`project_count_positive`, `region.code unique`,
        /// `foreign key`…).
        rule: String,
    },

    /// The file was written by a newer planledger. It was left untouched.
    #[error("database schema version {found} is newer than this library supports ({supported}); upgrade planledger")]
    SchemaTooNew {
        /// The file's `user_version`.
        found: i64,
        /// The newest version this library knows.
        supported: i64,
    },

    /// A read-only open found an older schema, which it may not migrate.
    #[error(
        "database schema version {found} needs migrating to {required}; open it writable once"
    )]
    SchemaOutdated {
        /// The file's `user_version`.
        found: i64,
        /// The version this library needs.
        required: i64,
    },

    /// A migration's SQL differs from what was applied to this file: someone edited a landed
    /// migration. The file was left as it was.
    #[error("migration {version} ({name}) changed after it was applied to this database")]
    MigrationChanged {
        /// Migration number.
        version: i64,
        /// Migration name.
        name: String,
    },

    /// The file is not a planledger ledger (not SQLite, or SQLite holding something else, or a
    /// schema that was altered).
    #[error("not a planledger ledger: {reason}")]
    NotALedger {
        /// What gave it away.
        reason: String,
    },

    /// The file is damaged.
    #[error("database is corrupt: {detail}")]
    Corrupt {
        /// What SQLite reported.
        detail: String,
    },

    /// A value handed in is out of range or malformed.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// The field or argument.
        field: String,
        /// Why it was refused.
        reason: String,
    },

    /// A JSON Lines import failed; nothing of it was committed.
    #[error("import line {line}: {field}: {reason}")]
    Import {
        /// 1-based line number.
        line: usize,
        /// The field at fault (or `line` for a line that is not JSON).
        field: String,
        /// Why.
        reason: String,
    },

    /// SQLite failed running a statement.
    #[error("storage error running `{statement}`: {source}")]
    Storage {
        /// The statement (or operation) that failed.
        statement: String,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },

    /// Reading or writing a file failed.
    #[error("I/O error on {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn not_found(entity: EntityKind, key: impl fmt::Display) -> Self {
        Error::NotFound {
            entity,
            key: key.to_string(),
        }
    }
}

/// A `Result` with planledger's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
