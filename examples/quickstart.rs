//! The first thing to run: open a ledger, load the bundled Qingdao gazetteer and print the
//! region tree with division codes.
//!
//! ```text
//! cargo run --release --example quickstart
//! ```

use planledger::model::{Region, RegionId, Stored};
use planledger::Ledger;
use std::collections::HashMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut ledger = Ledger::open_in_memory()?;
    planledger::gazetteer::load_qingdao(&mut ledger)?;

    let regions = ledger.regions()?;
    let mut children: HashMap<Option<RegionId>, Vec<&Stored<RegionId, Region>>> = HashMap::new();
    for r in &regions {
        children.entry(r.parent).or_default().push(r);
    }
    println!("Regions ({}):", regions.len());
    print_tree(&children, None, 0);
    Ok(())
}

fn print_tree(
    children: &HashMap<Option<RegionId>, Vec<&Stored<RegionId, Region>>>,
    parent: Option<RegionId>,
    depth: usize,
) {
    for r in children.get(&parent).into_iter().flatten() {
        let code = r.code.as_ref().map(|c| c.as_str()).unwrap_or("—");
        let aliases = if r.aliases.is_empty() {
            String::new()
        } else {
            format!("  (also {})", r.aliases.join("、"))
        };
        println!(
            "{}{} [{}] {}{}",
            "  ".repeat(depth),
            r.name,
            r.kind,
            code,
            aliases
        );
        print_tree(children, Some(r.id), depth + 1);
    }
}
