//! `planledger`: the ledger from the command line, for people who do not write Rust.
//!
//! A thin layer over the library: argument parsing, progress and messages live here; every
//! read and write is a library call. Exit codes (also in `planledger --help` and the README):
//! 0 done; 1 done, but some inputs were skipped (each named on stderr); 2 bad arguments;
//! 3 the ledger cannot be used (newer than this tool, corrupt, not a ledger, busy);
//! 4 a file could not be read or written; 5 the input's data was refused (nothing kept).

mod extract;
mod failure;
mod files;
mod ingest;
mod views;

use clap::{Args, Parser, Subcommand};
use planledger::model::{Date, PartialDate};
use std::path::PathBuf;
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Init { db, with_sample } => files::init(&db, with_sample),
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
        } => extract::extract(&inputs, date.date, bundle),
        Command::Import { db, file } => files::import(&db, &file),
        Command::Export { db, csv, out } => files::export(&db, csv.as_deref(), out.as_deref()),
        Command::Query {
            db,
            region,
            year,
            metric,
            search,
            limit,
        } => views::query(&db, region, year, metric, search, limit),
        Command::Layering {
            db,
            metric,
            year,
            within,
            raises_only,
        } => views::layering(&db, metric, year, within, raises_only),
        Command::Scorecard {
            db,
            root,
            as_of,
            svg,
        } => views::scorecard(&db, root, as_of, svg.as_deref()),
        Command::Backup { db, dest } => files::backup(&db, &dest),
    };
    failure::exit_code(outcome)
}
