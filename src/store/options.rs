//! How a ledger file is opened.

use super::{backup, connection, Ledger};
use crate::error::Result;
use std::path::Path;
use std::time::Duration;

/// How to open a ledger file.
///
/// ```
/// use planledger::OpenOptions;
/// use std::time::Duration;
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("plans.db");
/// let ledger = OpenOptions::new().busy_timeout(Duration::from_secs(10)).open(&path)?;
/// drop(ledger);
/// let reader = OpenOptions::new().read_only(true).open(&path)?;
/// assert!(reader.is_read_only());
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub(super) read_only: bool,
    pub(super) busy_timeout: Duration,
    pub(super) verify: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            read_only: false,
            busy_timeout: Duration::from_secs(5),
            verify: false,
        }
    }
}

impl OpenOptions {
    /// Writable, 5 s busy timeout, no integrity check.
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens without write access; the file must exist and hold the current schema.
    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// How long a statement waits for another connection's lock before failing.
    pub fn busy_timeout(mut self, timeout: Duration) -> Self {
        self.busy_timeout = timeout;
        self
    }

    /// Checks the file before use, for files that came from elsewhere: `PRAGMA quick_check`
    /// (with SQLite's cell-size checks), `PRAGMA foreign_key_check`, and that every region's
    /// and campaign's materialized path follows its parents (which rules out cycles written
    /// behind the schema's triggers). Any finding is [`Error::Corrupt`](crate::Error::Corrupt),
    /// before anything is written. Costs a read of the whole file.
    pub fn verify_integrity(mut self, verify: bool) -> Self {
        self.verify = verify;
        self
    }

    /// Opens (creating and migrating if writable) the ledger at `path`.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<Ledger> {
        let path = path.as_ref();
        if !self.read_only {
            // Backups killed midway leave their temporary copies beside their target, often
            // the ledger's own directory.
            if let Some(dir) = path.parent() {
                backup::remove_stale_partials(dir);
            }
        }
        let conn = connection::open_file(path, self)?;
        Ledger::init(conn, Some(path.to_path_buf()), self)
    }
}
