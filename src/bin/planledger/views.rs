//! The commands that read a ledger and print tables: `query`, `layering`, `scorecard`.

use crate::failure::{open_existing, Failure, Outcome};
use planledger::model::Date;
use planledger::query::{FigureFilter, LayeringQuery, ProjectFilter, RegionScope};
use planledger::{Error, Ledger};
use std::path::Path;
use std::process::ExitCode;

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

pub(crate) fn query(
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
        // One table for both kinds: the year a target is for, the period an observation stands.
        let targets = ledger.targets(&filter).map_err(fail)?;
        let observations = ledger.observations(&filter).map_err(fail)?;
        let rows = targets
            .iter()
            .take(limit as usize)
            .map(|t| {
                let when = t.year.map(|y| y.to_string());
                ("target", t.region, when, t.measure, &t.quantity)
            })
            .chain(observations.iter().take(limit as usize).map(|o| {
                let when = o.period.map(|p| p.to_string());
                ("observation", o.region, when, o.measure, &o.quantity)
            }));
        for (kind, region, when, measure, quantity) in rows {
            let when = when.unwrap_or_default();
            println!("{kind}\t{}\t{when}\t{measure}\t{quantity}", name_of(region));
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

pub(crate) fn layering(
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

pub(crate) fn scorecard(
    db: &Path,
    root: Option<String>,
    as_of: Date,
    svg: Option<&Path>,
) -> Outcome {
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
        std::fs::write(path, planledger::scorecard_svg(&rows)).map_err(|e| Failure::io(path, e))?;
        eprintln!("{}: chart written", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
