//! What a failed command tells the person at the terminal, and the exit code it ends with.

use planledger::{Error, Ledger, OpenOptions};
use std::path::Path;
use std::process::ExitCode;

/// A failure as the person at the terminal sees it: one line, and the exit code.
pub(crate) struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    pub(crate) fn new(code: u8, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }

    /// A library error about `file`, with what to do about it.
    pub(crate) fn ledger(file: &Path, e: Error) -> Self {
        let f = file.display();
        match e {
            Error::SchemaTooNew { found, supported } => Failure::new(
                3,
                format!("{f}: written by a newer planledger (schema {found}, this tool knows up to {supported}); install a newer planledger: cargo install planledger --features cli"),
            ),
            Error::Corrupt { detail } => Failure::new(
                3,
                format!("{f}: the file is damaged ({detail}); restore it from a backup (planledger backup makes one)"),
            ),
            Error::NotALedger { reason } => Failure::new(
                3,
                format!("{f}: not a planledger ledger ({reason}); check the path, or start a new one with planledger init"),
            ),
            Error::SchemaOutdated { found, .. } => Failure::new(
                3,
                format!("{f}: made by an older planledger (schema {found}); run `planledger init {f}` once to bring it up to date (its data is kept)"),
            ),
            Error::MigrationChanged { .. } => Failure::new(3, format!("{f}: {e}")),
            Error::Storage { ref source, .. }
                if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    || source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseLocked) =>
            {
                Failure::new(3, format!("{f}: another process is writing to it; try again when it is done"))
            }
            Error::Io { path, source } => Failure::new(4, format!("{}: {source}", path.display())),
            Error::Import { .. } | Error::InvalidInput { .. } | Error::Constraint { .. } => {
                Failure::new(5, format!("{f}: {e}"))
            }
            Error::NotFound { .. } => Failure::new(2, format!("{f}: {e}")),
            e => Failure::new(3, format!("{f}: {e}")),
        }
    }

    pub(crate) fn io(file: &Path, e: std::io::Error) -> Self {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound => "; check the path",
            std::io::ErrorKind::PermissionDenied => "; check its permissions",
            _ => "",
        };
        Failure::new(4, format!("{}: {e}{hint}", file.display()))
    }
}

pub(crate) type Outcome = Result<ExitCode, Failure>;

/// Opens an existing ledger; a missing file is an error here (only init and ingest create).
pub(crate) fn open_existing(db: &Path, read_only: bool) -> Result<Ledger, Failure> {
    if !db.exists() {
        return Err(Failure::new(
            4,
            format!(
                "{}: no such ledger; create it with planledger init {0}",
                db.display()
            ),
        ));
    }
    OpenOptions::new()
        .read_only(read_only)
        .open(db)
        .map_err(|e| Failure::ledger(db, e))
}

/// The process's exit code for a command's outcome, after saying what failed on stderr.
pub(crate) fn exit_code(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(code) => code,
        // A closed stdout (a pipe into `head`) ends the output early; nothing went wrong.
        Err(f) if f.code == 0 => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("planledger: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}
