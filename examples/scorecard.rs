//! A red/yellow/green scorecard of targets per region, with the target chains (层层加码), in
//! the terminal and as an SVG chart.
//!
//! ```text
//! cargo run --release --example scorecard -- [--db FILE] [--root NAME] [--as-of YYYY-MM-DD]
//!                                            [--out FILE.svg]
//! ```
//!
//! Without `--db`, the bundled dataset (`planledger::dataset::load_bundled`: the Qingdao
//! articles and the 2022/2023 target chains with their outcomes) is loaded into memory.
//! `--as-of` is the day the statuses are computed for (default 2024-12-31, after the 2023
//! outcomes were published, so the output is the same on every run). `--root` takes a region
//! name, alias or code (default: every top-level region).
//!
//! The terminal report shows, per region, the 红黄绿牌 card (`StatusCounts::card`: green when
//! every target with data is achieved or on track, yellow when some are missed or at risk, red
//! when more than half are missed; targets without data do not count), then the target chains
//! of 2022 and 2023 (each region's target against its parent's and the national one, in
//! percentage points, with the outcome and its source), then every target with its status and
//! the sources of the target and of the outcome.
//!
//! With `--out`, an SVG chart is written: the target chains (one line per chain, level on the
//! x axis, target on y, markers by status, the outcome beside each), investment by region,
//! targets (by status) against observations per region, and the progress of tracked targets.
//!
//! The status rules are in `planledger::pledge`; layering comes from
//! `Ledger::target_layering`, flagged conflicts from `Ledger::conflicts`.

use planledger::model::{FactRef, Light, Measure, Region, RegionId, Stored, TargetStatus};
use planledger::pledge::{ScorecardRow, TargetProgress};
use planledger::query::{
    AncestorTarget, FigureFilter, LayeringQuery, LayeringRow, RegionScope, RollupRow,
};
use planledger::{Ledger, OpenOptions};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::error::Error;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[path = "support/term.rs"]
mod term;
use term::{cite, pad, width};

const DEFAULT_AS_OF: &str = "2024-12-31";
const USAGE: &str =
    "usage: scorecard [--db FILE] [--root NAME] [--as-of YYYY-MM-DD] [--out FILE.svg]";

struct Args {
    db: Option<PathBuf>,
    root: Option<String>,
    as_of: planledger::model::Date,
    out: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        db: None,
        root: None,
        as_of: DEFAULT_AS_OF.parse().map_err(|e| format!("{e}"))?,
        out: None,
    };
    // Arguments as the OS gives them: paths need not be UTF-8; other values are text.
    let mut it = std::env::args_os().skip(1);
    while let Some(flag) = it.next() {
        let flag = flag
            .into_string()
            .map_err(|f| format!("unknown flag {}\n{USAGE}", f.to_string_lossy()))?;
        let mut raw = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => args.db = Some(raw()?.into()),
            "--out" => args.out = Some(raw()?.into()),
            "--root" | "--as-of" => {
                let v = raw()?
                    .into_string()
                    .map_err(|v| format!("{flag} {}: not UTF-8", v.to_string_lossy()))?;
                if flag == "--root" {
                    args.root = Some(v);
                } else {
                    args.as_of = v.parse().map_err(|e| format!("--as-of {v:?}: {e}"))?;
                }
            }
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown flag {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

/// Everything the terminal report and the chart show, per region in tree order.
struct Line {
    region: Stored<RegionId, Region>,
    depth: usize,
    card: ScorecardRow,
    investment_own_yi: f64,
    investment_subtree_yi: f64,
    observations_own: usize,
}

fn yi(m: planledger::model::Money) -> f64 {
    m.yuan() as f64 / 1e8
}

fn paint(light: Light, tty: bool) -> String {
    let (code, word) = match light {
        Light::Green => ("32", "green"),
        Light::Yellow => ("33", "yellow"),
        Light::Red => ("31", "red"),
        Light::Grey => ("90", "grey"),
    };
    if tty {
        format!("\x1b[{code}m● {word:<6}\x1b[0m")
    } else {
        format!("● {word:<6}")
    }
}

fn describe(p: &TargetProgress) -> String {
    let t = &p.target;
    let year = t.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into());
    let measure = match t.measure {
        Measure::Level => "",
        Measure::Growth => "增长",
        Measure::Share => "占比",
    };
    let mut s = format!("{} {measure}{} ({year})", t.metric, t.quantity);
    if let Some(d) = t.deadline {
        s.push_str(&format!(" by {d}"));
    }
    match (&p.observation, p.assessment.progress, p.assessment.elapsed) {
        (Some(o), Some(pr), _) if t.measure != Measure::Level => s.push_str(&format!(
            " — observed {} ({:.0}% of the target rate)",
            o.quantity,
            pr.to_f64() * 100.0
        )),
        (Some(o), Some(pr), Some(el)) => s.push_str(&format!(
            " — observed {} ({:.0}% done, {:.0}% of period gone)",
            o.quantity,
            pr.to_f64() * 100.0,
            el.to_f64() * 100.0
        )),
        (Some(o), Some(pr), None) => s.push_str(&format!(
            " — observed {} ({:.0}% done)",
            o.quantity,
            pr.to_f64() * 100.0
        )),
        (Some(o), None, _) => s.push_str(&format!(" — observed {}", o.quantity)),
        (None, ..) => {}
    }
    s
}

fn run(args: Args) -> Result<(), Box<dyn Error>> {
    let (ledger, label) = match &args.db {
        Some(path) => (
            OpenOptions::new().read_only(true).open(path)?,
            path.display().to_string(),
        ),
        None => {
            let mut l = Ledger::open_in_memory()?;
            let loaded = planledger::dataset::load_bundled(&mut l)?;
            (
                l,
                format!(
                    "bundled dataset ({} sources, {} targets, {} observations)",
                    loaded.sources.len(),
                    loaded.targets,
                    loaded.observations
                ),
            )
        }
    };
    let roots: Vec<RegionId> = match &args.root {
        Some(name) => vec![ledger.resolve_region(name)?],
        None => ledger
            .regions()?
            .into_iter()
            .filter(|r| r.parent.is_none())
            .map(|r| r.id)
            .collect(),
    };

    let mut observations_by_region: HashMap<RegionId, usize> = HashMap::new();
    for o in ledger.observations(&FigureFilter::new())? {
        if let Some(r) = o.region {
            *observations_by_region.entry(r).or_default() += 1;
        }
    }

    let mut lines = Vec::new();
    let mut progress: Vec<TargetProgress> = Vec::new();
    for &root in &roots {
        let rollup: Vec<RollupRow> = ledger.investment_rollup(root)?;
        let card = ledger.scorecard(root, args.as_of)?;
        for (r, c) in rollup.into_iter().zip(card) {
            lines.push(Line {
                observations_own: observations_by_region
                    .get(&r.region.id)
                    .copied()
                    .unwrap_or(0),
                investment_own_yi: yi(r.own.investment),
                investment_subtree_yi: yi(r.subtree.investment),
                region: r.region,
                depth: r.depth,
                card: c,
            });
        }
        progress.extend(ledger.target_statuses(
            &FigureFilter::new().region(RegionScope::subtree(root)),
            args.as_of,
        )?);
    }
    // Regions with nothing to show (no targets, no projects in their subtree) are left out.
    lines.retain(|l| l.card.subtree.total() > 0 || l.investment_subtree_yi > 0.0);

    let tty = std::io::stdout().is_terminal();
    println!("planledger scorecard as of {} — {label}", args.as_of);
    println!();
    let name_w = lines
        .iter()
        .map(|l| width(&l.region.name) + 2 * l.depth)
        .max()
        .unwrap_or(6)
        .max(6);
    println!(
        "{}  {:<8}  {:>7} {:>4} {:>4} {:>4} {:>4} {:>4}   {:>12}",
        pad("region", name_w),
        "card",
        "targets",
        "ach",
        "on",
        "risk",
        "miss",
        "none",
        "invest. 亿元"
    );
    for l in &lines {
        let s = &l.card.subtree;
        println!(
            "{}  {}  {:>7} {:>4} {:>4} {:>4} {:>4} {:>4}   {:>12.2}",
            pad(
                &format!("{}{}", "  ".repeat(l.depth), l.region.name),
                name_w
            ),
            paint(s.card(), tty),
            s.total(),
            s.achieved,
            s.on_track,
            s.at_risk,
            s.missed,
            s.no_data,
            l.investment_subtree_yi,
        );
    }
    println!("(counts and investment include sub-regions. The card is the subtree's 红黄绿牌: green when");
    println!(
        " every target with data is achieved or on track, yellow when some are missed or at risk,"
    );
    println!(
        " red when more than half are missed; no-data targets count neither way. Investment counts"
    );
    println!(" top-level batches only: named members and declared parts are inside their batch, and where");
    println!(" one source's batches would all fit in the largest, the largest alone: Ledger::overlap_flags)");

    println!();
    println!("Targets by region");
    let names: HashMap<RegionId, &str> = lines
        .iter()
        .map(|l| (l.region.id, l.region.name.as_str()))
        .collect();
    let mut current = None;
    for p in &progress {
        if p.target.region != current {
            current = p.target.region;
            let name = current
                .and_then(|r| names.get(&r).copied())
                .unwrap_or("(no region)");
            println!("  {name}");
        }
        println!(
            "    {:<9} {:<17} {}",
            p.status().as_str(),
            p.assessment.rule.as_str(),
            describe(p)
        );
        if let Some(o) = &p.observation {
            println!(
                "              target: {}; outcome: {}",
                cite(&ledger, FactRef::Target(p.target.id))?,
                cite(&ledger, FactRef::Observation(o.id))?
            );
        }
    }
    let tracked = progress
        .iter()
        .filter(|p| p.status() != TargetStatus::NoData)
        .count();
    if tracked == 0 {
        println!("  No observation is linked to any of these targets: every status is no_data.");
    }

    let chains = chain_tables(&ledger, &progress, args.as_of)?;

    let conflicts = ledger.conflicts()?;
    println!();
    println!("Figures two sources disagree on: {}", conflicts.len());
    for c in &conflicts {
        println!(
            "  {:?} vs {:?}: {} vs {} ({})",
            c.fact, c.other, c.value, c.other_value, c.rule
        );
    }

    if let Some(out) = &args.out {
        chart::draw(out, &lines, &progress, &chains, args.as_of)?;
        let bytes = std::fs::metadata(out)?.len();
        if bytes == 0 {
            return Err(format!("{} was written empty", out.display()).into());
        }
        println!();
        println!("chart written to {} ({bytes} bytes)", out.display());
    }
    Ok(())
}

/// The level a depth of the bundled tree stands for (中国 is the root).
fn level(depth: u32) -> &'static str {
    match depth {
        0 => "national",
        1 => "province",
        2 => "prefecture",
        3 => "district",
        _ => "below",
    }
}

/// One target of a chain, as the chart draws it.
pub struct ChainPoint {
    depth: u32,
    region: String,
    target: f64,
    label: String,
    status: TargetStatus,
    outcome: Option<f64>,
}

/// One chain: a target of the lowest level and its ancestors' targets up to the root, for one
/// metric, measure and year.
pub struct Chain {
    name: String,
    points: Vec<ChainPoint>,
}

/// A raise over an ancestor in percentage points (the tables hold rates only), with the
/// comparators' commitment.
fn raise(a: &Option<AncestorTarget>) -> String {
    match a {
        None => "—".into(),
        Some(a) => match a.excess {
            Some(e) => format!(
                "{}{e} pp ({})",
                if e.is_negative() { "" } else { "+" },
                a.commitment
            ),
            None => format!("{} ({})", a.relation, a.commitment),
        },
    }
}

/// Prints the 2022 and 2023 target chains (every canonical metric with targets at two nested
/// levels) and returns the chains of growth targets in percent, for the chart.
fn chain_tables(
    ledger: &Ledger,
    progress: &[TargetProgress],
    as_of: planledger::model::Date,
) -> Result<Vec<Chain>, Box<dyn Error>> {
    use planledger::extract::metrics::canonical;
    println!();
    println!("Target chains (层层加码): each target against its parent's and the national one, as of {as_of}");
    // One query per canonical metric: 国内生产总值 and 地区生产总值 are one indicator.
    let mut metrics: BTreeMap<(i32, String), String> = BTreeMap::new();
    for p in progress {
        if let Some(year @ (2022 | 2023)) = p.target.year {
            let name = canonical(&p.target.metric)
                .map(|m| m.name.to_string())
                .unwrap_or_else(|| p.target.metric.clone());
            metrics.insert((year, name.clone()), name);
        }
    }
    let mut chains = Vec::new();
    let mut shown = 0;
    for ((year, _), metric) in &metrics {
        // Rates only: a level in 人 or 亿元 set by a province and by the nation differ by the
        // regions' sizes, not by any raise.
        let rows: Vec<LayeringRow> = ledger
            .target_layering(&LayeringQuery::new(metric.clone(), *year))?
            .into_iter()
            .filter(|r| r.quantity.unit == planledger::model::Unit::Percent)
            .collect();
        if !rows.iter().any(|r| r.parent.is_some()) {
            continue;
        }
        shown += 1;
        println!();
        println!("  {year} {metric}");
        println!(
            "    {}{:<11} {:<14} {:<16} {:<16} {:<8} {:<9} outcome source",
            pad("region", 18),
            "level",
            "target",
            "raise vs parent",
            "vs national",
            "outcome",
            "status"
        );
        let mut status: HashMap<planledger::model::TargetId, (TargetStatus, Option<f64>)> =
            HashMap::new();
        for r in &rows {
            let p = ledger.target_status(r.target, as_of)?;
            let (outcome, source) = match &p.observation {
                Some(o) => (
                    o.quantity.to_string(),
                    cite(ledger, FactRef::Observation(o.id))?,
                ),
                None => ("—".into(), String::new()),
            };
            status.insert(
                r.target,
                (
                    p.status(),
                    p.observation.as_ref().map(|o| o.quantity.value.to_f64()),
                ),
            );
            let national = match (&r.national, &r.parent) {
                (Some(n), Some(p)) if n.target == p.target => "(the parent)".to_string(),
                _ => raise(&r.national),
            };
            println!(
                "    {}{:<11} {} {:<16} {:<16} {:<8} {:<9} {source}",
                pad(
                    &format!("{}{}", "  ".repeat(r.depth as usize), r.region_name),
                    18
                ),
                level(r.depth),
                pad(&format!("{} {}", r.quantity, short_measure(r.measure)), 14),
                raise(&r.parent),
                national,
                outcome,
                p.status().as_str(),
            );
        }
        // The chart draws the GDP chains the report is about: every growth metric at once
        // would be a tangle.
        if metric == "地区生产总值" {
            chains.extend(chains_of(&rows, &status, *year, metric));
        }
    }
    if shown == 0 {
        println!("  none: no metric has targets at two nested levels in 2022 or 2023 here.");
    } else {
        println!();
        println!("  (rates only, raises in percentage points (pp); the comparator's commitment");
        println!("   beside it: 5%以上 under 5%左右 is firmer, not higher. The outcome decides the status.)");
    }
    Ok(chains)
}

fn short_measure(m: Measure) -> &'static str {
    match m {
        Measure::Growth => "growth",
        Measure::Level => "level",
        Measure::Share => "share",
    }
}

/// The chains of one layering: from each target no other target names as its parent, up the
/// parent links. Growth targets in percent only: one y axis.
fn chains_of(
    rows: &[LayeringRow],
    status: &HashMap<planledger::model::TargetId, (TargetStatus, Option<f64>)>,
    year: i32,
    metric: &str,
) -> Vec<Chain> {
    let by_target: HashMap<_, &LayeringRow> = rows.iter().map(|r| (r.target, r)).collect();
    let parents: BTreeSet<_> = rows
        .iter()
        .filter_map(|r| r.parent.as_ref().map(|p| p.target))
        .collect();
    let mut out = Vec::new();
    for leaf in rows.iter().filter(|r| {
        !parents.contains(&r.target)
            && r.parent.is_some()
            && r.measure == Measure::Growth
            && r.quantity.unit == planledger::model::Unit::Percent
    }) {
        let mut points = Vec::new();
        let mut at = Some(leaf);
        while let Some(r) = at {
            let (st, outcome) = status
                .get(&r.target)
                .copied()
                .unwrap_or((TargetStatus::NoData, None));
            points.push(ChainPoint {
                depth: r.depth,
                region: r.region_name.clone(),
                target: r.quantity.value.to_f64(),
                label: r.quantity.to_string(),
                status: st,
                outcome,
            });
            at = r
                .parent
                .as_ref()
                .and_then(|p| by_target.get(&p.target).copied());
        }
        points.reverse();
        let path: Vec<&str> = points.iter().map(|p| p.region.as_str()).collect();
        out.push(Chain {
            name: format!("{year} {metric}: {}", path.join("→")),
            points,
        });
    }
    out
}

mod chart {
    //! The SVG, drawn with plotters' SVG backend: the target chains as lines, then three
    //! horizontal bar panels.

    use super::{Chain, Line};
    use planledger::model::{Date, Measure, TargetStatus};
    use planledger::pledge::TargetProgress;
    use plotters::coord::ranged1d::SegmentValue;
    use plotters::prelude::*;
    use std::error::Error;
    use std::path::Path;

    const FONT: &str = "sans-serif";
    const ROW: u32 = 26;

    fn status_colour(s: TargetStatus) -> RGBColor {
        match s {
            TargetStatus::Achieved => RGBColor(27, 120, 55),
            TargetStatus::OnTrack => RGBColor(90, 174, 97),
            TargetStatus::AtRisk => RGBColor(230, 171, 2),
            TargetStatus::Missed => RGBColor(215, 48, 39),
            TargetStatus::NoData => RGBColor(170, 170, 170),
        }
    }

    /// Segment `k` of `n` from the top: plotters counts segments from the bottom, the
    /// report reads top-down in tree order.
    fn top(k: usize, n: usize) -> usize {
        n.saturating_sub(k + 1)
    }

    fn label(v: &SegmentValue<usize>, names: &[String]) -> String {
        match v {
            SegmentValue::CenterOf(i) => {
                names.get(top(*i, names.len())).cloned().unwrap_or_default()
            }
            _ => String::new(),
        }
    }

    /// `n` rows (at least one). plotters' integer ranges include their end, so `0..n - 1`.
    fn segments(
        n: usize,
    ) -> plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordusize> {
        (0..n.max(1) - 1).into_segmented()
    }

    /// A label cut to `max` characters.
    fn short(s: &str, max: usize) -> String {
        if s.chars().count() <= max {
            s.to_string()
        } else {
            let mut out: String = s.chars().take(max - 1).collect();
            out.push('…');
            out
        }
    }

    fn panel_height(rows: usize) -> u32 {
        90 + ROW * u32::try_from(rows.max(1)).unwrap_or(u32::MAX / ROW)
    }

    /// A distinct colour per chain (ColorBrewer Dark2 without the status colours' hues).
    const CHAIN_COLOURS: [RGBColor; 5] = [
        RGBColor(117, 112, 179),
        RGBColor(27, 158, 119),
        RGBColor(217, 95, 2),
        RGBColor(231, 41, 138),
        RGBColor(102, 102, 102),
    ];

    /// One line per chain: level on x (national → district), the target on y, a marker per
    /// target by status and a short black bar at the outcome. Chains that share their upper
    /// targets are shifted a little sideways so each line stays visible.
    fn draw_chains(
        area: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
        chains: &[Chain],
    ) -> Result<(), Box<dyn Error>> {
        let (lo, hi) = chains
            .iter()
            .flat_map(|c| c.points.iter())
            .flat_map(|p| std::iter::once(p.target).chain(p.outcome))
            .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
        // A spare point on top for the legend, over the national and provincial targets.
        let (lo, hi) = ((lo - 0.5).floor(), (hi + 0.5).ceil() + 1.0);
        let deepest = chains
            .iter()
            .flat_map(|c| c.points.iter().map(|p| p.depth))
            .max()
            .unwrap_or(0);
        let mut chart = ChartBuilder::on(area)
            .caption(
                "Target chains (层层加码): growth targets by level; marker = status, black bar = outcome",
                (FONT, 20),
            )
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(60)
            // Room on the right for the labels of the lowest level.
            .build_cartesian_2d(-0.35..f64::from(deepest) + 0.9, lo..hi)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            // Whole numbers only (one step per level); the formatter names them.
            .x_labels(usize::try_from(deepest).unwrap_or(0) + 2)
            .x_label_formatter(&|x| {
                let d = x.round();
                if (x - d).abs() < 1e-9 && d >= 0.0 {
                    super::level(d as u32).to_string()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| format!("{y:.1}%"))
            .y_desc("target (% growth)")
            .light_line_style(WHITE)
            .label_style((FONT, 15))
            .draw()?;

        let n = chains.len();
        let shift = |i: usize| (i as f64 - (n as f64 - 1.0) / 2.0) * 0.07;
        for (i, c) in chains.iter().enumerate() {
            let colour = CHAIN_COLOURS[i % CHAIN_COLOURS.len()];
            let dx = shift(i);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    c.points
                        .iter()
                        .map(|p| (f64::from(p.depth) + dx, p.target))
                        .collect::<Vec<_>>(),
                    colour.stroke_width(3),
                )))?
                .label(c.name.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(3))
                });
            // The outcome: a thin stem from the target and a short black bar.
            for p in &c.points {
                let Some(o) = p.outcome else { continue };
                let x = f64::from(p.depth) + dx;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, p.target), (x, o)],
                    colour.mix(0.5).stroke_width(1),
                )))?;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x - 0.03, o), (x + 0.03, o)],
                    BLACK.stroke_width(3),
                )))?;
            }
        }
        // Markers over every line, one series per status so the legend shows each shape.
        let at = |want: fn(TargetStatus) -> bool| {
            chains
                .iter()
                .enumerate()
                .flat_map(move |(i, c)| c.points.iter().map(move |p| (i, p)))
                .filter(move |(_, p)| want(p.status))
                .map(move |(i, p)| (f64::from(p.depth) + shift(i), p.target))
                .collect::<Vec<_>>()
        };
        let good = status_colour(TargetStatus::Achieved);
        chart
            .draw_series(
                at(|s| matches!(s, TargetStatus::Achieved | TargetStatus::OnTrack))
                    .into_iter()
                    .map(|xy| Circle::new(xy, 7, good.filled())),
            )?
            .label("achieved / on track")
            .legend(move |xy| Circle::new(xy, 6, good.filled()));
        let risk = status_colour(TargetStatus::AtRisk);
        chart
            .draw_series(
                at(|s| s == TargetStatus::AtRisk)
                    .into_iter()
                    .map(|xy| TriangleMarker::new(xy, 8, risk.filled())),
            )?
            .label("at risk")
            .legend(move |xy| TriangleMarker::new(xy, 7, risk.filled()));
        let missed = status_colour(TargetStatus::Missed);
        chart
            .draw_series(
                at(|s| s == TargetStatus::Missed)
                    .into_iter()
                    .map(|xy| Cross::new(xy, 7, missed.stroke_width(4))),
            )?
            .label("missed")
            .legend(move |xy| Cross::new(xy, 6, missed.stroke_width(3)));
        let none = status_colour(TargetStatus::NoData);
        chart
            .draw_series(
                at(|s| s == TargetStatus::NoData)
                    .into_iter()
                    .map(|xy| Circle::new(xy, 6, none.stroke_width(2))),
            )?
            .label("no outcome")
            .legend(move |xy| Circle::new(xy, 5, none.stroke_width(2)));

        // One label per position: regions that set the same target at one level share it.
        let mut labels: std::collections::BTreeMap<(u32, i64), Vec<String>> =
            std::collections::BTreeMap::new();
        for p in chains.iter().flat_map(|c| c.points.iter()) {
            let text = format!("{} {}", p.region, p.label);
            let slot = labels
                .entry((p.depth, (p.target * 1000.0).round() as i64))
                .or_default();
            if !slot.contains(&text) {
                slot.push(text);
            }
        }
        chart.draw_series(labels.into_iter().map(|((depth, milli), texts)| {
            Text::new(
                texts.join("、"),
                (f64::from(depth) + 0.12, milli as f64 / 1000.0 + 0.03),
                (FONT, 14).into_font(),
            )
        }))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font((FONT, 13))
            .draw()?;
        Ok(())
    }

    pub fn draw(
        out: &Path,
        lines: &[Line],
        progress: &[TargetProgress],
        chains: &[Chain],
        as_of: Date,
    ) -> Result<(), Box<dyn Error>> {
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let invested: Vec<&Line> = lines.iter().filter(|l| l.investment_own_yi > 0.0).collect();
        let figured: Vec<&Line> = lines
            .iter()
            .filter(|l| l.card.own.total() > 0 || l.observations_own > 0)
            .collect();
        let tracked: Vec<&TargetProgress> = progress
            .iter()
            .filter(|p| p.assessment.progress.is_some())
            .take(40)
            .collect();
        let chain_height = if chains.is_empty() { 0 } else { 520 };
        let heights = [
            panel_height(invested.len()),
            panel_height(2 * figured.len()),
            panel_height(tracked.len()),
        ];
        let total: u32 = chain_height + heights.iter().sum::<u32>() + 50;
        let root = SVGBackend::new(out, (1100, total)).into_drawing_area();
        root.fill(&WHITE)?;
        let root = root.titled(
            &format!("planledger scorecard as of {as_of}"),
            (FONT, 26).into_font(),
        )?;
        let (top_panel, root_rest) = root.split_vertically(chain_height);
        if !chains.is_empty() {
            draw_chains(&top_panel, chains)?;
        }
        let (first, rest) = root_rest.split_vertically(heights[0]);
        let (second, third) = rest.split_vertically(heights[1]);

        // 1. Investment by region: each region's own projects (top-level rows), in 亿元.
        let names: Vec<String> = invested.iter().map(|l| l.region.name.clone()).collect();
        let max = invested
            .iter()
            .map(|l| l.investment_own_yi)
            .fold(0.0_f64, f64::max)
            .max(1.0);
        let mut chart = ChartBuilder::on(&first)
            .caption(
                "Investment by region (亿元, the region's own projects)",
                (FONT, 20),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(260)
            .build_cartesian_2d(0.0..max * 1.15, segments(names.len()))?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(names.len().max(1))
            .y_label_formatter(&|v| label(v, &names))
            .x_desc("亿元")
            .label_style((FONT, 14))
            .draw()?;
        let n = names.len();
        chart.draw_series(invested.iter().enumerate().map(|(i, l)| {
            let i = top(i, n);
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(i)),
                    (l.investment_own_yi, SegmentValue::Exact(i + 1)),
                ],
                RGBColor(49, 130, 189).filled(),
            );
            bar.set_margin(4, 4, 0, 0);
            bar
        }))?;
        chart.draw_series(invested.iter().enumerate().map(|(i, l)| {
            Text::new(
                format!("{:.2}", l.investment_own_yi),
                (
                    l.investment_own_yi + max * 0.01,
                    SegmentValue::CenterOf(top(i, n)),
                ),
                (FONT, 13).into_font(),
            )
        }))?;

        // 2. Targets (stacked by status) against observations, per region: two rows each.
        let mut names: Vec<String> = Vec::new();
        for l in &figured {
            names.push(format!("{} · targets", l.region.name));
            names.push("observations".to_string());
        }
        let max = figured
            .iter()
            .map(|l| {
                l.card
                    .own
                    .total()
                    .max(u32::try_from(l.observations_own).unwrap_or(u32::MAX))
            })
            .max()
            .unwrap_or(1)
            .max(1);
        let mut chart = ChartBuilder::on(&second)
            .caption(
                "Targets by status against observations recorded, per region",
                (FONT, 20),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(260)
            // Headroom on the right for the legend.
            .build_cartesian_2d(0u32..max + max / 3 + 2, segments(names.len()))?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(names.len().max(1))
            .y_label_formatter(&|v| label(v, &names))
            .x_desc("count")
            .label_style((FONT, 14))
            .draw()?;
        let rows = names.len();
        for status in TargetStatus::ALL {
            let colour = status_colour(*status);
            chart
                .draw_series(figured.iter().enumerate().filter_map(|(i, l)| {
                    let before: u32 = TargetStatus::ALL
                        .iter()
                        .take_while(|s| *s != status)
                        .map(|s| l.card.own.get(*s))
                        .sum();
                    let n = l.card.own.get(*status);
                    let row = top(2 * i, rows);
                    (n > 0).then(|| {
                        let mut bar = Rectangle::new(
                            [
                                (before, SegmentValue::Exact(row)),
                                (before + n, SegmentValue::Exact(row + 1)),
                            ],
                            colour.filled(),
                        );
                        bar.set_margin(3, 3, 0, 0);
                        bar
                    })
                }))?
                .label(status.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled())
                });
        }
        let obs_colour = RGBColor(49, 130, 189);
        chart
            .draw_series(
                figured
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.observations_own > 0)
                    .map(|(i, l)| {
                        let n = u32::try_from(l.observations_own).unwrap_or(u32::MAX);
                        let row = top(2 * i + 1, rows);
                        let mut bar = Rectangle::new(
                            [
                                (0, SegmentValue::Exact(row)),
                                (n, SegmentValue::Exact(row + 1)),
                            ],
                            obs_colour.filled(),
                        );
                        bar.set_margin(3, 3, 0, 0);
                        bar
                    }),
            )?
            .label("observations")
            .legend(move |(x, y)| {
                Rectangle::new([(x, y - 5), (x + 12, y + 5)], obs_colour.filled())
            });
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .label_font((FONT, 13))
            .draw()?;

        // 3. Tracked targets: progress (observed / target) against the share of the period
        //    gone (black tick) and the target itself (1.0).
        let names: Vec<String> = tracked
            .iter()
            .map(|p| {
                let region = lines
                    .iter()
                    .find(|l| Some(l.region.id) == p.target.region)
                    .map(|l| l.region.name.as_str())
                    .unwrap_or("—");
                // The year too: one region's 2022 and 2023 targets for a metric both appear.
                let year = p.target.year.map(|y| format!("{y} ")).unwrap_or_default();
                short(&format!("{year}{region}·{}", p.target.metric), 20)
            })
            .collect();
        let max = tracked
            .iter()
            .filter_map(|p| p.assessment.progress)
            .map(|p| p.to_f64())
            .fold(1.2_f64, f64::max);
        let caption = if tracked.is_empty() {
            "Progress of tracked targets: no observation is linked to a target in this ledger"
        } else {
            "Progress of tracked targets (bar: observed ÷ target; tick: share of period gone, level targets)"
        };
        let mut chart = ChartBuilder::on(&third)
            .caption(caption, (FONT, 20))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(260)
            .build_cartesian_2d(0.0..max, segments(names.len()))?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(names.len().max(1))
            .y_label_formatter(&|v| label(v, &names))
            .x_desc("fraction of target")
            .label_style((FONT, 14))
            .draw()?;
        let n = names.len();
        chart.draw_series(tracked.iter().enumerate().filter_map(|(i, p)| {
            let i = top(i, n);
            let v = p.assessment.progress?.to_f64().clamp(0.0, max);
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(i)),
                    (v, SegmentValue::Exact(i + 1)),
                ],
                status_colour(p.status()).filled(),
            );
            bar.set_margin(4, 4, 0, 0);
            Some(bar)
        }))?;
        // The pace tick only for level targets: rates are judged against the target rate.
        chart.draw_series(tracked.iter().enumerate().filter_map(|(i, p)| {
            if p.target.measure != Measure::Level {
                return None;
            }
            let i = top(i, n);
            let e = p.assessment.elapsed?.to_f64();
            let mut tick = Rectangle::new(
                [
                    (e, SegmentValue::Exact(i)),
                    (e + max * 0.004, SegmentValue::Exact(i + 1)),
                ],
                BLACK.filled(),
            );
            tick.set_margin(1, 1, 0, 0);
            Some(tick)
        }))?;
        if !tracked.is_empty() {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![
                    (1.0, SegmentValue::Exact(0)),
                    (1.0, SegmentValue::Exact(names.len())),
                ],
                RED.stroke_width(2),
            )))?;
        }
        root.present()?;
        Ok(())
    }
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
