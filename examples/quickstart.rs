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

/// Terminal columns a string takes: CJK and full-width characters take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, cols: usize) -> String {
    format!("{s}{}", " ".repeat(cols.saturating_sub(width(s))))
}

fn yi(m: Money) -> String {
    if m == Money::ZERO {
        "—".to_string()
    } else {
        m.format_yi(2)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut ledger = Ledger::open_in_memory()?;
    let loaded = planledger::dataset::load_qingdao(&mut ledger)?;
    let corpus = std::env::var_os("PLANLEDGER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus")));
    let texts = if corpus.is_dir() {
        planledger::dataset::attach_texts(&mut ledger, &loaded, &corpus)?
    } else {
        0
    };

    println!("planledger quickstart: the bundled Qingdao dataset (4 articles, 2020–2023)");
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
        "== Investment by region (亿元; a batch counts once, its named members are not added)"
    );
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
    }

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
