//! A red/yellow/green scorecard of targets per region, in the terminal and as an SVG chart.
//!
//! ```text
//! cargo run --release --example scorecard -- [--db FILE] [--root NAME] [--as-of YYYY-MM-DD]
//!                                            [--out FILE.svg]
//! ```
//!
//! Without `--db`, the bundled Qingdao dataset is loaded into memory. `--as-of` is the day the
//! statuses are computed for (default 2023-12-31, so the output is the same on every run).
//! `--root` takes a region name, alias or code (default: every top-level region). With
//! `--out`, an SVG chart is written: investment by region, targets (by status) against
//! observations per region, and the progress of every target that has a linked observation.
//!
//! The status rules are in `planledger::pledge`; layering (层层加码) comes from
//! `Ledger::target_layering`, flagged conflicts from `Ledger::conflicts`.

use planledger::model::{Light, Measure, Region, RegionId, Stored, TargetStatus};
use planledger::pledge::{ScorecardRow, TargetProgress};
use planledger::query::{FigureFilter, LayeringQuery, RegionScope, Relation, RollupRow};
use planledger::{Ledger, OpenOptions};
use std::collections::{BTreeSet, HashMap};
use std::error::Error;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

const DEFAULT_AS_OF: &str = "2023-12-31";
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

/// Display width of a string in a terminal: CJK characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
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
            let loaded = planledger::dataset::load_qingdao(&mut l)?;
            (
                l,
                format!(
                    "bundled Qingdao dataset ({} articles, {} targets, {} observations)",
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
        "light",
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
            paint(s.light(), tty),
            s.total(),
            s.achieved,
            s.on_track,
            s.at_risk,
            s.missed,
            s.no_data,
            l.investment_subtree_yi,
        );
    }
    println!("(counts and investment include sub-regions; the light is the subtree's)");

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
    }
    let tracked = progress
        .iter()
        .filter(|p| p.status() != TargetStatus::NoData)
        .count();
    if tracked == 0 {
        println!("  No observation is linked to any of these targets: every status is no_data.");
    }

    println!();
    println!("Layering (层层加码): targets set at two nested levels for one metric and year");
    let keys: BTreeSet<(String, i32)> = progress
        .iter()
        .filter_map(|p| p.target.year.map(|y| (p.target.metric.clone(), y)))
        .collect();
    let mut layered = 0;
    for (metric, year) in &keys {
        for row in ledger.target_layering(&LayeringQuery::new(metric.clone(), *year))? {
            let Some(parent) = &row.parent else { continue };
            layered += 1;
            let by = match (parent.excess, parent.excess_ratio, parent.relation) {
                (Some(e), Some(r), Relation::Raises | Relation::Lowers) => {
                    let sign = if e.is_negative() { "" } else { "+" };
                    format!(": {sign}{e} ({:+.0}%)", r.to_f64() * 100.0)
                }
                _ => String::new(),
            };
            println!(
                "  {year} {metric}: {} {} {} {} {}{by}",
                row.region_name, row.quantity, row.relation, parent.region_name, parent.quantity
            );
        }
    }
    if layered == 0 {
        println!("  none: no metric has targets at two nested levels in the same year here.");
    }

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
        chart::draw(out, &lines, &progress, args.as_of)?;
        let bytes = std::fs::metadata(out)?.len();
        if bytes == 0 {
            return Err(format!("{} was written empty", out.display()).into());
        }
        println!();
        println!("chart written to {} ({bytes} bytes)", out.display());
    }
    Ok(())
}

mod chart {
    //! The SVG: three horizontal bar panels drawn with plotters' SVG backend.

    use super::Line;
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

    pub fn draw(
        out: &Path,
        lines: &[Line],
        progress: &[TargetProgress],
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
            .take(30)
            .collect();
        let heights = [
            panel_height(invested.len()),
            panel_height(2 * figured.len()),
            panel_height(tracked.len()),
        ];
        let total: u32 = heights.iter().sum::<u32>() + 50;
        let root = SVGBackend::new(out, (1100, total)).into_drawing_area();
        root.fill(&WHITE)?;
        let root = root.titled(
            &format!("planledger scorecard as of {as_of}"),
            (FONT, 26).into_font(),
        )?;
        let (first, rest) = root.split_vertically(heights[0]);
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
                short(&format!("{region} · {}", p.target.metric), 18)
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
