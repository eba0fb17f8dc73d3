//! Ad-hoc questions against a ledger file, from command-line flags.
//!
//! ```text
//! cargo run --release --example query -- [--db FILE] [--region NAME] [--year YYYY]
//!                                        [--metric NAME] [--search TEXT] [--limit N]
//! ```
//!
//! Without `--db`, the bundled Qingdao dataset is loaded into memory. `--region` takes a
//! name, an alias or a division code and includes the region's sub-regions. With `--metric`,
//! the metric's targets and observations are listed side by side per region; with `--search`,
//! full-text hits; otherwise the region's project totals and largest projects.

use planledger::query::{FigureFilter, ProjectFilter, ProjectOrder, RegionScope};
use planledger::{Ledger, OpenOptions};
use std::process::ExitCode;

#[derive(Default)]
struct Args {
    db: Option<std::path::PathBuf>,
    region: Option<String>,
    year: Option<i32>,
    metric: Option<String>,
    search: Option<String>,
    limit: u32,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        limit: 20,
        ..Args::default()
    };
    // Arguments as the OS gives them: the ledger's path need not be UTF-8; other values are
    // text and must be.
    let mut it = std::env::args_os().skip(1);
    while let Some(flag) = it.next() {
        let flag = flag
            .into_string()
            .map_err(|f| format!("unknown flag {}", f.to_string_lossy()))?;
        let mut raw = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        if flag == "--db" {
            args.db = Some(raw()?.into());
            continue;
        }
        let mut value = || {
            raw()?
                .into_string()
                .map_err(|v| format!("{flag} {}: not UTF-8", v.to_string_lossy()))
        };
        match flag.as_str() {
            "--region" => args.region = Some(value()?),
            "--year" => args.year = Some(value()?.parse().map_err(|e| format!("--year: {e}"))?),
            "--metric" => args.metric = Some(value()?),
            "--search" => args.search = Some(value()?),
            "--limit" => args.limit = value()?.parse().map_err(|e| format!("--limit: {e}"))?,
            "-h" | "--help" => {
                return Err("usage: query [--db FILE] [--region NAME] [--year YYYY] [--metric NAME] [--search TEXT] [--limit N]".into())
            }
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(args)
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let ledger = match &args.db {
        Some(path) => OpenOptions::new().read_only(true).open(path)?,
        None => {
            let mut l = Ledger::open_in_memory()?;
            planledger::dataset::load_qingdao(&mut l)?;
            l
        }
    };
    let scope = args
        .region
        .as_deref()
        .map(|r| ledger.resolve_region(r))
        .transpose()?
        .map(RegionScope::subtree);
    let name_of = |id: Option<planledger::model::RegionId>| -> Result<String, planledger::Error> {
        Ok(match id {
            Some(id) => ledger.get(id)?.value.name,
            None => "—".into(),
        })
    };

    if let Some(text) = &args.search {
        for hit in ledger.search(text, args.limit)? {
            println!("{:?}\t{}", hit.item, hit.excerpt);
        }
        return Ok(());
    }
    if let Some(metric) = &args.metric {
        for row in ledger.metric_across_regions(metric, args.year)? {
            if let (Some(scope), Some(region)) = (scope, &row.region) {
                let inside = ledger
                    .targets(&FigureFilter::new().region(scope).metric(metric.clone()))?
                    .iter()
                    .any(|t| t.region == Some(region.id))
                    || ledger
                        .observations(&FigureFilter::new().region(scope).metric(metric.clone()))?
                        .iter()
                        .any(|o| o.region == Some(region.id));
                if !inside {
                    continue;
                }
            }
            let region = row
                .region
                .as_ref()
                .map(|r| r.name.clone())
                .unwrap_or_else(|| "—".into());
            for t in &row.targets {
                println!(
                    "{region}\ttarget\t{}\t{}\t{}",
                    t.year.map(|y| y.to_string()).unwrap_or_default(),
                    t.measure,
                    t.quantity
                );
            }
            for o in &row.observations {
                println!(
                    "{region}\tobserved\t{}\t{}\t{}",
                    o.period.map(|p| p.to_string()).unwrap_or_default(),
                    o.measure,
                    o.quantity
                );
            }
        }
        return Ok(());
    }
    let mut filter = ProjectFilter::new();
    if let Some(s) = scope {
        filter = filter.region(s);
    }
    if let Some(y) = args.year {
        filter = filter.year(y);
    }
    let totals = ledger.project_totals(&filter)?;
    println!(
        "{} project rows, {} projects, {} 亿元 stated investment ({} rows state one)",
        totals.rows,
        totals.projects,
        totals.investment.format_yi(2),
        totals.with_investment
    );
    for p in ledger
        .projects(&filter, ProjectOrder::InvestmentDesc, args.limit, None)?
        .items
    {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            name_of(p.region)?,
            p.name
                .clone()
                .unwrap_or_else(|| format!("{} projects", p.count)),
            p.investment.map(|m| m.to_string()).unwrap_or_default(),
            p.status.map(|s| s.to_string()).unwrap_or_default(),
            p.year.map(|y| y.to_string()).unwrap_or_default()
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse_args() {
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
        Ok(args) => match run(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
