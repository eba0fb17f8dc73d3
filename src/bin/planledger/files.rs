//! The commands that move a whole ledger: `init`, `import`, `export`, `backup`.

use crate::failure::{open_existing, Failure, Outcome};
use planledger::Ledger;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn init(db: &Path, with_sample: bool) -> Outcome {
    let mut ledger = Ledger::open(db).map_err(|e| Failure::ledger(db, e))?;
    if with_sample {
        let loaded =
            planledger::dataset::load_qingdao(&mut ledger).map_err(|e| Failure::ledger(db, e))?;
        println!(
            "{}: sample loaded ({} projects)",
            db.display(),
            loaded.projects
        );
    } else {
        println!(
            "{}: ready (schema version {})",
            db.display(),
            ledger.schema_version().unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn import(db: &Path, file: &Path) -> Outcome {
    let mut ledger = Ledger::open(db).map_err(|e| Failure::ledger(db, e))?;
    let rows = if file.as_os_str() == "-" {
        ledger.import_jsonl(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(file).map_err(|e| Failure::io(file, e))?;
        ledger.import_jsonl(std::io::BufReader::new(f))
    }
    .map_err(|e| Failure::ledger(file, e))?;
    println!(
        "{}: {rows} rows imported from {}",
        db.display(),
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn export(db: &Path, csv: Option<&Path>, out: Option<&Path>) -> Outcome {
    let ledger = open_existing(db, true)?;
    if let Some(dir) = csv {
        for (path, rows) in ledger.export_csv(dir).map_err(|e| Failure::ledger(db, e))? {
            eprintln!("{}: {rows} rows", path.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows = match out {
        Some(path) => {
            let f = std::fs::File::create(path).map_err(|e| Failure::io(path, e))?;
            ledger.export_jsonl(std::io::BufWriter::new(f))
        }
        None => ledger.export_jsonl(std::io::stdout().lock()),
    }
    .map_err(|e| Failure::ledger(db, e))?;
    eprintln!("{}: {rows} rows exported", db.display());
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn backup(db: &Path, dest: &Path) -> Outcome {
    let ledger = open_existing(db, true)?;
    ledger
        .backup_to(dest)
        .map_err(|e| Failure::ledger(dest, e))?;
    println!("{} copied to {}", db.display(), dest.display());
    Ok(ExitCode::SUCCESS)
}
