//! Charts as SVG text, in plain std: no drawing library, no fonts to install (text goes into
//! the SVG as text and the viewer's fonts draw it).

use crate::model::TargetStatus;
use crate::pledge::ScorecardRow;
use std::fmt::Write;

const STATUSES: [(TargetStatus, &str); 5] = [
    (TargetStatus::Achieved, "#2e7d32"),
    (TargetStatus::OnTrack, "#81c784"),
    (TargetStatus::AtRisk, "#f9a825"),
    (TargetStatus::Missed, "#c62828"),
    (TargetStatus::NoData, "#bdbdbd"),
];

/// A scorecard ([`Ledger::scorecard`](crate::Ledger::scorecard)) as a bar chart: one bar per
/// region (indented by depth), split by the status of the targets of its subtree, with the
/// counts written beside it. A standalone SVG document.
///
/// ```
/// let mut ledger = planledger::Ledger::open_in_memory()?;
/// planledger::dataset::load_qingdao(&mut ledger)?;
/// let root = ledger.resolve_region("青岛市")?;
/// let rows = ledger.scorecard(root, "2023-12-31".parse()?)?;
/// let svg = planledger::scorecard_svg(&rows);
/// assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
/// assert!(svg.contains("青岛市"));
/// # Ok::<(), planledger::Error>(())
/// ```
pub fn scorecard_svg(rows: &[ScorecardRow]) -> String {
    const ROW: usize = 22;
    const LABEL: usize = 260;
    const BAR: usize = 420;
    let most = rows
        .iter()
        .map(|r| r.subtree.total())
        .max()
        .unwrap_or(0)
        .max(1) as usize;
    let height = 60 + ROW * rows.len().max(1);
    let width = LABEL + BAR + 200;
    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">"#
    );
    let _ = writeln!(
        svg,
        r#"<text x="10" y="20" font-weight="bold">Targets by status (region and everything below it)</text>"#
    );
    let mut x = LABEL;
    for (status, colour) in STATUSES {
        let _ = writeln!(
            svg,
            r#"<rect x="{x}" y="30" width="12" height="12" fill="{colour}"/><text x="{}" y="41">{}</text>"#,
            x + 16,
            status.as_str()
        );
        x += 90;
    }
    for (i, row) in rows.iter().enumerate() {
        let y = 50 + i * ROW;
        let indent = 10 + 14 * row.depth.min(10);
        let _ = writeln!(
            svg,
            r#"<text x="{indent}" y="{}">{}</text>"#,
            y + 15,
            escape(&row.region.value.name)
        );
        let mut x = LABEL;
        for (status, colour) in STATUSES {
            let n = row.subtree.get(status) as usize;
            if n == 0 {
                continue;
            }
            let w = (n * BAR).div_ceil(most).max(1);
            let _ = writeln!(
                svg,
                r#"<rect x="{x}" y="{}" width="{w}" height="16" fill="{colour}"><title>{}: {n}</title></rect>"#,
                y + 2,
                status.as_str()
            );
            x += w;
        }
        let c = &row.subtree;
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="{}">{} ({}/{}/{}/{}/{})</text>"#,
            x + 6,
            y + 15,
            c.total(),
            c.achieved,
            c.on_track,
            c.at_risk,
            c.missed,
            c.no_data
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// Text as SVG character data.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
