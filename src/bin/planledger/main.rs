//! `planledger`: the ledger from the command line, for people who do not write Rust.
//!
//! A thin layer over the library: argument parsing, progress and messages live here; every
//! read and write is a library call. Exit codes (also in `planledger --help` and the README):
//! 0 done; 1 done, but some inputs were skipped (each named on stderr); 2 bad arguments;
//! 3 the ledger cannot be used (newer than this tool, corrupt, not a ledger, busy);
//! 4 a file could not be read or written; 5 the input's data was refused (nothing kept).

mod ingest;

use clap::{Args, Parser, Subcommand};
use planledger::extract::Extractor;
use planledger::ingest::ExtractedText;
use planledger::model::{Date, PartialDate};
use planledger::query::{FigureFilter, LayeringQuery, ProjectFilter, RegionScope};
use planledger::{Error, Ledger, OpenOptions};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  done, but some inputs were skipped (each named on stderr)
  2  bad arguments (usage, a date that is not YYYY, YYYY-MM or YYYY-MM-DD)
  3  the ledger cannot be used: written by a newer planledger, corrupt, not a ledger, busy
  4  a file could not be read or written (missing, unreadable, disk full)
  5  the input's data was refused (an import with a bad line: nothing of it was kept)";

/// Chinese local-government plans as data: ingest texts, query the ledger, export tidy tables.
#[derive(Parser)]
#[command(name = "planledger", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Creates a ledger file, or brings one made by an older planledger up to date.
    #[command(
        after_help = "Examples:\n  planledger init plans.db\n  planledger init demo.db --with-sample"
    )]
    Init {
        /// The ledger file.
        db: PathBuf,
        /// Load the bundled Qingdao sample: regions, projects, targets, campaigns, officials.
        #[arg(long)]
        with_sample: bool,
    },
    /// Reads text files into a ledger: sources, facts, evidence. Idempotent by content.
    #[command(after_help = "\
Directories are walked for *.txt files (in name order); files named directly are read
whatever their name. A file that cannot be read or is not UTF-8 is named and skipped; the
others go in. With --extracted, the inputs are JSON Lines written by `planledger extract
--bundle` (extraction done elsewhere, e.g. in shards on many machines).

Examples:
  planledger ingest plans.db ../corpus-dev
  planledger ingest plans.db --date 2023-01-15 --jobs 2 report.txt
  planledger ingest plans.db --extracted shard-*.jsonl")]
    Ingest {
        /// The ledger file (created if missing).
        db: PathBuf,
        /// Text files or directories (or extract bundles with --extracted).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        date: DateArg,
        /// Threads extracting at once (writes stay on one thread, one transaction per batch).
        #[arg(long, short = 'j', default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
        jobs: u16,
        /// Texts written per transaction.
        #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u16).range(1..))]
        batch: u16,
        /// Inputs are `planledger extract --bundle` output, not texts.
        #[arg(long)]
        extracted: bool,
        /// Print a line per file, never a progress bar.
        #[arg(long)]
        plain: bool,
    },
    /// Prints the facts found in texts as JSON Lines (the extract example's format).
    #[command(after_help = "\
`-` reads documents from stdin, one JSON object per line: {\"id\": \"…\", \"text\": \"…\",
\"date\": \"2023-01-15\"} (date optional; \"title\" and \"url\" optional, kept by --bundle).
Each fact line names its document in \"file\" (the path, or the document's id).

Examples:
  planledger extract report.txt > facts.jsonl
  cat docs.jsonl | planledger extract - > facts.jsonl
  planledger extract --bundle part-00/*.txt > shard-00.jsonl   # then: ingest --extracted")]
    Extract {
        /// Text files, or `-` for JSON Lines documents on stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        date: DateArg,
        /// One line per document with its text and facts, for `ingest --extracted`.
        #[arg(long)]
        bundle: bool,
    },
    /// Loads a JSON Lines export into a ledger (all or nothing).
    #[command(after_help = "Example:\n  planledger import copy.db plans.jsonl")]
    Import {
        /// The ledger file.
        db: PathBuf,
        /// The export, or `-` for stdin.
        file: PathBuf,
    },
    /// Writes a ledger as JSON Lines (every row, ids kept) or as tidy CSV tables.
    #[command(after_help = "\
--csv DIR writes figures.csv, projects.csv, officials.csv and campaigns.csv: one row per fact
with region names and codes up to the province, the figure, and the source and quote it came
from. The columns are documented in the README (\"Analyst views\").

Examples:
  planledger export plans.db > plans.jsonl
  planledger export plans.db --csv tables/")]
    Export {
        /// The ledger file.
        db: PathBuf,
        /// Write tidy CSV tables into this directory instead of JSON Lines.
        #[arg(long, value_name = "DIR")]
        csv: Option<PathBuf>,
        /// Write JSON Lines to this file instead of stdout.
        #[arg(long, short = 'o', conflicts_with = "csv")]
        out: Option<PathBuf>,
    },
    /// Answers a question: a metric's figures, a search, or a region's projects.
    #[command(after_help = "\
Examples:
  planledger query plans.db --metric 地区生产总值 --year 2023
  planledger query plans.db --search 攻坚
  planledger query plans.db --region 莱西市")]
    Query {
        /// The ledger file.
        db: PathBuf,
        /// A region name, alias or division code (its sub-regions included).
        #[arg(long)]
        region: Option<String>,
        /// A year.
        #[arg(long)]
        year: Option<i32>,
        /// List this metric's targets and observations.
        #[arg(long, conflicts_with = "search")]
        metric: Option<String>,
        /// Full-text search.
        #[arg(long)]
        search: Option<String>,
        /// Rows at most.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Lower levels raising a target set above them (层层加码).
    #[command(
        after_help = "Example:\n  planledger layering plans.db 地区生产总值 2023 --raises-only"
    )]
    Layering {
        /// The ledger file.
        db: PathBuf,
        /// The metric.
        metric: String,
        /// The year.
        year: i32,
        /// Only under this region (name, alias or code).
        #[arg(long)]
        within: Option<String>,
        /// Only targets that raise the bar.
        #[arg(long)]
        raises_only: bool,
    },
    /// Targets per region by status (achieved, on track, at risk, missed, no data).
    #[command(
        after_help = "Example:\n  planledger scorecard plans.db --root 青岛市 --as-of 2023-12-31 --svg card.svg"
    )]
    Scorecard {
        /// The ledger file.
        db: PathBuf,
        /// The region at the top (name, alias or code); default: every top-level region.
        #[arg(long)]
        root: Option<String>,
        /// The day statuses are computed for (YYYY-MM-DD): a scorecard is for a day, so that
        /// it reads the same tomorrow.
        #[arg(long, value_parser = parse_day)]
        as_of: Date,
        /// Also draw it as an SVG chart into this file.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
    /// Copies a ledger to another file, consistent even while others write to it.
    #[command(after_help = "Example:\n  planledger backup plans.db plans-2024-01-01.db")]
    Backup {
        /// The ledger file.
        db: PathBuf,
        /// The copy (replaced if it exists).
        dest: PathBuf,
    },
}

#[derive(Args)]
struct DateArg {
    /// The document date when a text does not state it (YYYY, YYYY-MM or YYYY-MM-DD): anchors
    /// 今年, 去年, 年内.
    #[arg(long, value_parser = parse_date)]
    date: Option<PartialDate>,
}

fn parse_date(s: &str) -> Result<PartialDate, String> {
    s.parse()
        .map_err(|_| format!("{s:?} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"))
}

fn parse_day(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|_| format!("{s:?} is not a day: use YYYY-MM-DD"))
}

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

type Outcome = Result<ExitCode, Failure>;

/// Opens an existing ledger; a missing file is an error here (only init and ingest create).
fn open_existing(db: &Path, read_only: bool) -> Result<Ledger, Failure> {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Init { db, with_sample } => init(&db, with_sample),
        Command::Ingest {
            db,
            inputs,
            date,
            jobs,
            batch,
            extracted,
            plain,
        } => ingest::run(ingest::Options {
            db,
            inputs,
            date: date.date,
            jobs: usize::from(jobs),
            batch: usize::from(batch),
            extracted,
            plain,
        }),
        Command::Extract {
            inputs,
            date,
            bundle,
        } => extract(&inputs, date.date, bundle),
        Command::Import { db, file } => import(&db, &file),
        Command::Export { db, csv, out } => export(&db, csv.as_deref(), out.as_deref()),
        Command::Query {
            db,
            region,
            year,
            metric,
            search,
            limit,
        } => query(&db, region, year, metric, search, limit),
        Command::Layering {
            db,
            metric,
            year,
            within,
            raises_only,
        } => layering(&db, metric, year, within, raises_only),
        Command::Scorecard {
            db,
            root,
            as_of,
            svg,
        } => scorecard(&db, root, as_of, svg.as_deref()),
        Command::Backup { db, dest } => backup(&db, &dest),
    };
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

fn init(db: &Path, with_sample: bool) -> Outcome {
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

/// One document of `extract -`'s input.
#[derive(serde::Deserialize)]
struct InputDocument {
    id: Option<String>,
    text: String,
    date: Option<PartialDate>,
    title: Option<String>,
    url: Option<String>,
}

fn extract(inputs: &[PathBuf], date: Option<PartialDate>, bundle: bool) -> Outcome {
    let extractor = Extractor::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut skipped = false;
    let mut emit = |read: ExtractedText, name: &str| -> std::io::Result<()> {
        if bundle {
            let line = serde_json::to_string(&read).map_err(std::io::Error::other)?;
            return writeln!(out, "{line}");
        }
        for fact in &read.facts {
            let mut value = serde_json::to_value(fact).map_err(std::io::Error::other)?;
            if let Some(obj) = value.as_object_mut() {
                obj.insert("file".into(), name.into());
            }
            writeln!(out, "{value}")?;
        }
        Ok(())
    };
    let closed = |e: std::io::Error| {
        // stdout closed (a pipe into `head`): nothing more to say, and nothing wrong.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::new(0, String::new())
        } else {
            Failure::new(4, format!("stdout: {e}"))
        }
    };
    for input in inputs {
        if input.as_os_str() == "-" {
            let stdin = std::io::stdin();
            for (n, line) in stdin.lock().lines().enumerate() {
                let line = line.map_err(|e| Failure::new(4, format!("stdin: {e}")))?;
                if line.trim().is_empty() {
                    continue;
                }
                let doc: InputDocument = match serde_json::from_str(&line) {
                    Ok(d) => d,
                    Err(e) => {
                        eprintln!("planledger: stdin line {}: {e}; skipped (expected {{\"id\",\"text\",\"date\"}})", n + 1);
                        skipped = true;
                        continue;
                    }
                };
                let name = doc.id.clone().unwrap_or_else(|| format!("stdin:{}", n + 1));
                let title = doc
                    .title
                    .clone()
                    .or_else(|| planledger::ingest::title_of(&doc.text))
                    .unwrap_or_else(|| name.clone());
                let mut read =
                    ExtractedText::read(&extractor, &title, &doc.text, doc.date.or(date))
                        .with_id(name.clone());
                if let Some(url) = doc.url {
                    read = read.with_url(url);
                }
                emit(read, &name).map_err(closed)?;
            }
            continue;
        }
        let name = input.display().to_string();
        let text = match ingest::read_text(input) {
            Ok(t) => t,
            Err(why) => {
                eprintln!("planledger: {name}: {why}; skipped");
                skipped = true;
                continue;
            }
        };
        let title = planledger::ingest::title_of(&text).unwrap_or_else(|| name.clone());
        let read = ExtractedText::read(&extractor, &title, &text, date).with_id(name.clone());
        emit(read, &name).map_err(closed)?;
    }
    out.flush().map_err(closed)?;
    Ok(ExitCode::from(u8::from(skipped)))
}

fn import(db: &Path, file: &Path) -> Outcome {
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

fn export(db: &Path, csv: Option<&Path>, out: Option<&Path>) -> Outcome {
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

fn region_arg(
    ledger: &Ledger,
    db: &Path,
    name: &str,
) -> Result<planledger::model::RegionId, Failure> {
    ledger.resolve_region(name).map_err(|e| match e {
        Error::NotFound { .. } => Failure::new(2, format!("{}: no region {name:?}", db.display())),
        Error::InvalidInput { reason, .. } => {
            Failure::new(2, format!("{name}: {reason}; give its division code"))
        }
        e => Failure::ledger(db, e),
    })
}

fn query(
    db: &Path,
    region: Option<String>,
    year: Option<i32>,
    metric: Option<String>,
    search: Option<String>,
    limit: u32,
) -> Outcome {
    let ledger = open_existing(db, true)?;
    let fail = |e| Failure::ledger(db, e);
    let scope = match &region {
        Some(name) => Some(RegionScope::subtree(region_arg(&ledger, db, name)?)),
        None => None,
    };
    let names = region_names(&ledger).map_err(fail)?;
    let name_of = |id: Option<planledger::model::RegionId>| {
        id.and_then(|id| names.get(&id).cloned())
            .unwrap_or_default()
    };
    if let Some(text) = search {
        for hit in ledger.search(&text, limit).map_err(fail)? {
            println!("{:?}\t{}", hit.item, hit.excerpt);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(metric) = metric {
        let mut filter = FigureFilter::new().metric(metric);
        if let Some(s) = scope {
            filter = filter.region(s);
        }
        if let Some(y) = year {
            filter = filter.year(y);
        }
        println!("kind\tregion\tyear\tmeasure\tfigure");
        for t in ledger
            .targets(&filter)
            .map_err(fail)?
            .iter()
            .take(limit as usize)
        {
            let t = &t.value;
            let y = t.year.map(|y| y.to_string()).unwrap_or_default();
            println!(
                "target\t{}\t{y}\t{}\t{}",
                name_of(t.region),
                t.measure,
                t.quantity
            );
        }
        for o in ledger
            .observations(&filter)
            .map_err(fail)?
            .iter()
            .take(limit as usize)
        {
            let o = &o.value;
            let p = o.period.map(|p| p.to_string()).unwrap_or_default();
            println!(
                "observation\t{}\t{p}\t{}\t{}",
                name_of(o.region),
                o.measure,
                o.quantity
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut filter = ProjectFilter::new();
    if let Some(s) = scope {
        filter = filter.region(s);
    }
    if let Some(y) = year {
        filter = filter.year(y);
    }
    let totals = ledger.project_totals(&filter).map_err(fail)?;
    println!(
        "{} project rows, {} projects, investment {}",
        totals.rows, totals.projects, totals.investment
    );
    Ok(ExitCode::SUCCESS)
}

fn region_names(
    ledger: &Ledger,
) -> planledger::Result<std::collections::HashMap<planledger::model::RegionId, String>> {
    Ok(ledger
        .regions()?
        .into_iter()
        .map(|r| (r.id, r.value.name))
        .collect())
}

fn layering(
    db: &Path,
    metric: String,
    year: i32,
    within: Option<String>,
    raises_only: bool,
) -> Outcome {
    let ledger = open_existing(db, true)?;
    let mut q = LayeringQuery::new(metric, year);
    if let Some(name) = within {
        q = q.within(region_arg(&ledger, db, &name)?);
    }
    if raises_only {
        q = q.raises_only();
    }
    println!("region\tdepth\tfigure\trelation\tparent\tparent figure\texcess");
    for row in ledger
        .target_layering(&q)
        .map_err(|e| Failure::ledger(db, e))?
    {
        let (parent, figure, excess) = match &row.parent {
            Some(p) => (
                p.region_name.clone(),
                p.quantity.to_string(),
                p.excess.map(|x| x.to_string()).unwrap_or_default(),
            ),
            None => Default::default(),
        };
        println!(
            "{}\t{}\t{}\t{}\t{parent}\t{figure}\t{excess}",
            row.region_name, row.depth, row.quantity, row.relation
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn scorecard(db: &Path, root: Option<String>, as_of: Date, svg: Option<&Path>) -> Outcome {
    let ledger = open_existing(db, true)?;
    let fail = |e| Failure::ledger(db, e);
    let roots = match root {
        Some(name) => vec![region_arg(&ledger, db, &name)?],
        None => ledger
            .regions()
            .map_err(fail)?
            .into_iter()
            .filter(|r| r.value.parent.is_none())
            .map(|r| r.id)
            .collect(),
    };
    let mut rows = Vec::new();
    for root in roots {
        rows.extend(ledger.scorecard(root, as_of).map_err(fail)?);
    }
    // Regions with no target anywhere below them say nothing.
    rows.retain(|r| r.subtree.total() > 0);
    println!("region\ttargets\tachieved\ton_track\tat_risk\tmissed\tno_data\tlight");
    for r in &rows {
        let c = &r.subtree;
        println!(
            "{}{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            "  ".repeat(r.depth),
            r.region.value.name,
            c.total(),
            c.achieved,
            c.on_track,
            c.at_risk,
            c.missed,
            c.no_data,
            c.light()
        );
    }
    if let Some(path) = svg {
        std::fs::write(path, planledger::chart::scorecard_svg(&rows))
            .map_err(|e| Failure::io(path, e))?;
        eprintln!("{}: chart written", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn backup(db: &Path, dest: &Path) -> Outcome {
    let ledger = open_existing(db, true)?;
    ledger
        .backup_to(dest)
        .map_err(|e| Failure::ledger(dest, e))?;
    println!("{} copied to {}", db.display(), dest.display());
    Ok(ExitCode::SUCCESS)
}
