//! The first thing to run: the bundled Qingdao 2020–2023 dataset, loaded into a fresh ledger
//! and queried.
//!
//! ```text
//! cargo run --release --example quickstart
//! ```
//!
//! If the articles are at hand (`PLANLEDGER_CORPUS`, default `../shared/corpus`), their texts
//! are attached too, so search covers them and evidence can be quoted.

use planledger::model::{Date, FactRef, Money};
use planledger::query::{FigureFilter, ProjectFilter, ProjectOrder, RegionScope, SearchItem};
use planledger::Ledger;
use std::path::PathBuf;

#[path = "support/term.rs"]
mod term;
use term::{cite, pad};

fn yi(m: Money) -> String {
    if m == Money::ZERO {
        "—".to_string()
    } else {
        m.format_yi(2)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut ledger = Ledger::open_in_memory()?;
    let loaded = planledger::dataset::load_bundled(&mut ledger)?;
    let corpus = std::env::var_os("PLANLEDGER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus")));
    let dev = std::env::var_os("PLANLEDGER_CORPUS_DEV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus-dev"))
        });
    let mut texts = 0;
    for dir in [&corpus, &dev] {
        if dir.is_dir() {
            texts += planledger::dataset::attach_texts(&mut ledger, &loaded, dir)?;
        }
    }

    println!("planledger quickstart: the bundled dataset (4 Qingdao articles 2020–2023, target chains 2022/2023)");
    println!(
        "loaded {} sources ({} with text), {} projects (+{} named batch members), {} targets, {} observations,",
        loaded.sources.len(),
        texts,
        loaded.projects,
        loaded.members,
        loaded.targets,
        loaded.observations
    );
    println!(
        "       {} posts held by {} officials, {} campaigns, {} pieces of evidence\n",
        loaded.holdings, loaded.persons, loaded.campaigns, loaded.evidence
    );

    println!(
        "== Investment by region (亿元). Counted: top-level batches and projects only; a batch's"
    );
    println!(
        "   named members and the batches declared part of a larger pool are inside it, not added"
    );
    println!("   (西海岸新区 2020: the 1,417-project pool of 8,660亿 holds the sector batches its report lists).");
    println!(
        "   Where one source lists batches on a region that would all fit in the largest and nothing"
    );
    println!("   says so, the largest alone is counted and the row is marked \"may overlap\".");
    println!(
        "{}{:>8} {:>10}   {:>8} {:>10}",
        pad("region [code]", 44),
        "projects",
        "own",
        "projects",
        "subtree"
    );
    let root = ledger.resolve_region("山东省")?;
    for row in ledger.investment_rollup(root)? {
        if row.subtree.rows == 0 && row.depth > 2 {
            continue; // villages and zones without projects
        }
        let code = row
            .region
            .code
            .as_ref()
            .map(|c| format!(" {c}"))
            .unwrap_or_default();
        let label = format!("{}{}{}", "  ".repeat(row.depth), row.region.name, code);
        println!(
            "{}{:>8} {:>10}   {:>8} {:>10}",
            pad(&label, 44),
            row.own.projects,
            yi(row.own.investment),
            row.subtree.projects,
            yi(row.subtree.investment)
        );
        for f in &row.may_overlap {
            println!(
                "{}  may overlap: project #{} counted alone; {} batches its source lists beside it{} ({} projects, {}亿) not added",
                "  ".repeat(row.depth),
                f.pool,
                f.set_aside.len(),
                f.year.map(|y| format!(" for {y}")).unwrap_or_default(),
                f.set_aside_totals.projects,
                f.set_aside_totals.investment.format_yi(2),
            );
        }
    }

    chains(&ledger)?;

    println!("\n== Largest projects");
    let top = ledger.projects(&ProjectFilter::new(), ProjectOrder::InvestmentDesc, 8, None)?;
    for p in &top.items {
        let region = p
            .region
            .map(|r| ledger.get(r))
            .transpose()?
            .map(|r| r.value.name)
            .unwrap_or_default();
        let what = match &p.name {
            Some(n) => n.clone(),
            None => format!(
                "{} {}projects",
                p.count,
                p.sector
                    .as_deref()
                    .map(|s| format!("{s} "))
                    .unwrap_or_default()
            ),
        };
        let amount = p
            .investment
            .map(|m| {
                format!(
                    "{}{}",
                    if p.investment_comparator.as_str() == "over" {
                        ">"
                    } else {
                        ""
                    },
                    m.format_yi(2)
                )
            })
            .unwrap_or_default();
        let status = p.status.map(|s| s.to_string()).unwrap_or_default();
        println!(
            "{:>10} 亿  {}  {} {} {}",
            amount,
            pad(&region, 12),
            pad(&what, 30),
            status,
            p.year.map(|y| y.to_string()).unwrap_or_default()
        );
    }

    println!("\n== Targets by region and year");
    let mut last = (String::new(), None);
    let mut targets = ledger.targets(&FigureFilter::new())?;
    targets.sort_by_key(|t| (t.region, t.year, t.id));
    for t in targets {
        let region = t
            .region
            .map(|r| ledger.get(r))
            .transpose()?
            .map(|r| r.value.name)
            .unwrap_or_else(|| "—".into());
        if (region.clone(), t.year) != last {
            println!(
                "{} {}",
                region,
                t.year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "(no year)".into())
            );
            last = (region, t.year);
        }
        let due = t.deadline.map(|d| format!(" by {d}")).unwrap_or_default();
        println!("    {} {}: {}{}", t.metric, t.measure, t.quantity, due);
    }

    println!("\n== Campaigns (targets / projects linked)");
    for root in ledger.campaign_tree(None)? {
        for (depth, node) in root.walk() {
            let c = &node.campaign;
            let region = c
                .region
                .map(|r| ledger.get(r))
                .transpose()?
                .map(|r| r.value.name)
                .unwrap_or_else(|| "—".into());
            let links = if node.targets.is_empty() && node.projects.is_empty() {
                String::new()
            } else {
                format!("  [{} / {}]", node.targets.len(), node.projects.len())
            };
            let year = c.year.map(|y| format!(" {y}")).unwrap_or_default();
            println!(
                "{}{} ({}, {}{}){}",
                "  ".repeat(depth + 1),
                c.name,
                c.kind,
                region,
                year,
                links
            );
        }
    }

    println!("\n== Officials");
    let qingdao = RegionScope::subtree(ledger.resolve_region("青岛市")?);
    for (label, day) in [
        ("in 2020", Date::new(2020, 6, 1)?),
        ("on 2023-01-28", Date::new(2023, 1, 28)?),
    ] {
        println!("  {label}:");
        for o in ledger.officials_on(qingdao, day)? {
            let posts: Vec<String> = o
                .posts
                .iter()
                .map(|(_, p)| format!("{} {}", p.organization, p.title))
                .collect();
            println!("    {}  {}", pad(&o.person.name, 8), posts.join("、"));
        }
    }

    println!("\n== Search: 氢能");
    for hit in ledger.search("氢能", 10)? {
        let what = match &hit.item {
            SearchItem::Source(_) => "source",
            SearchItem::Project(_) => "project",
            SearchItem::Metric(_) => "metric",
            SearchItem::Campaign(_) => "campaign",
            SearchItem::Person(_) => "person",
            SearchItem::Region(_) => "region",
        };
        println!("  {:<8} {}", what, hit.excerpt);
        if let SearchItem::Project(id) = &hit.item {
            let id = *id;
            for cite in ledger.evidence_for(FactRef::Project(id))? {
                let quote = cite
                    .quote
                    .map(|q| format!(": {}", q.replace('\n', "")))
                    .unwrap_or_default();
                println!(
                    "           cited from “{}” chars {}–{}{}",
                    cite.source.title,
                    cite.evidence.span.start(),
                    cite.evidence.span.end(),
                    quote
                );
            }
        }
    }
    Ok(())
}

/// The 2022 and 2023 GDP target chains (层层加码) and the status of every target with an
/// outcome, each citing its sources.
fn chains(ledger: &Ledger) -> Result<(), Box<dyn std::error::Error>> {
    use planledger::model::{Measure, TargetStatus};
    use planledger::query::{layering_summary, LayeringQuery, Relation};
    for year in [2022, 2023] {
        println!("\n== 层层加码: 地区生产总值 growth targets for {year} (raise over the parent, percentage points)");
        let rows = ledger.target_layering(&LayeringQuery::new("地区生产总值", year))?;
        for r in rows.iter().filter(|r| r.measure == Measure::Growth) {
            let target = format!("{}", r.quantity);
            let vs = |a: &Option<planledger::query::AncestorTarget>| match a {
                Some(a) => format!(
                    "{} pp vs {} {} ({})",
                    a.excess
                        .map(|e| if e.scaled() >= 0 {
                            format!("+{e}")
                        } else {
                            e.to_string()
                        })
                        .unwrap_or_else(|| "incomparable".into()),
                    a.region_name,
                    a.quantity,
                    a.commitment
                ),
                None => "—".to_string(),
            };
            let national = match (&r.national, &r.parent) {
                (Some(n), Some(p)) if n.target != p.target => format!("; {}", vs(&r.national)),
                _ => String::new(),
            };
            println!(
                "  {}{} {}{}",
                pad(
                    &format!("{}{}", "  ".repeat(r.depth as usize), r.region_name),
                    16
                ),
                pad(&target, 10),
                if r.relation == Relation::NoAncestorTarget {
                    "(root)".to_string()
                } else {
                    vs(&r.parent)
                },
                national
            );
        }
        for l in layering_summary(&rows).iter().filter(|l| l.compared > 0) {
            println!(
                "  depth {}: {} compared, mean raise {} pp, {} of {} above their parent, {} firmer comparator",
                l.depth,
                l.compared,
                l.mean_raise.map(|d| d.to_string()).unwrap_or_default(),
                l.above_parent,
                l.compared,
                l.firmer
            );
        }
    }
    let as_of: Date = "2024-12-31".parse()?;
    println!("\n== Pledge status on {as_of} (outcomes as the next year's reports and bulletins state them)");
    let statuses = ledger.target_statuses(&FigureFilter::new(), as_of)?;
    let mut shown = 0;
    for s in &statuses {
        if s.status() == TargetStatus::NoData || !matches!(s.target.year, Some(2022 | 2023)) {
            continue;
        }
        let Some(obs) = &s.observation else { continue };
        let region = match s.target.region {
            Some(r) => ledger.get(r)?.name.clone(),
            None => "—".into(),
        };
        println!(
            "  {} {} {} {} {}: outcome {} → {}",
            pad(&region, 10),
            s.target.year.unwrap_or_default(),
            pad(&s.target.metric, 20),
            s.target.measure,
            s.target.quantity,
            obs.quantity,
            s.status()
        );
        println!(
            "      target:  {}",
            cite(ledger, FactRef::Target(s.target.id))?
        );
        println!(
            "      outcome: {}",
            cite(ledger, FactRef::Observation(obs.id))?
        );
        shown += 1;
    }
    println!(
        "  ({shown} targets decided by an outcome; the others have none in the dataset: no data)"
    );
    Ok(())
}
