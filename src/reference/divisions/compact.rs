//! The compact text form of the division tables, in which the national table ships
//! (`data/divisions/divisions.txt`).
//!
//! The four CSV files of an edition weigh 1.7 MB, mostly repeated parent codes and quotes. Here a
//! division is one line and its parent is the line it follows:
//!
//! | line | division | code | parent |
//! |---|---|---|---|
//! | `P37山东省` | province | `37` + `0000` | none |
//! | `C3702青岛市` | prefecture | `3702` + `00` | the last `P` |
//! | `A370211黄岛区` | county level | as written | the last `C` if its code starts with that prefecture's four digits, else the last `P` (counties of a province's pseudo-prefecture: 仙桃市, 济源市) |
//! | `103泊里镇` | township level | the last `A` or `C` line's code + these three digits | that line (a prefecture without counties, 东莞市, holds its townships itself) |
//!
//! Lines starting with `#` are comments. Names never start with a digit, so a township line
//! needs no separator. The kinds are inferred from the names, as [`load_dir`](super::load_dir)
//! infers them.

use super::names::{county_kind, prefecture_aliases, province_aliases, township_kind};
use super::{DivisionRow, Divisions};
use crate::error::{Error, Result};
use crate::model::{DivisionCode, RegionKind};
use std::fmt::Write;

fn bad(line: usize, reason: impl Into<String>) -> Error {
    Error::invalid(format!("divisions line {line}"), reason.into())
}

fn code(digits: &str, line: usize) -> Result<DivisionCode> {
    digits.parse().map_err(|e: Error| bad(line, e.to_string()))
}

/// Splits `P37山东省` into (`37`, `山东省`) given the number of digits.
fn split_digits(rest: &str, digits: usize, line: usize) -> Result<(&str, &str)> {
    match (rest.get(..digits), rest.get(digits..)) {
        (Some(d), Some(name)) if d.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty() => {
            Ok((d, name))
        }
        _ => Err(bad(line, format!("expected {digits} digits and a name"))),
    }
}

/// Reads the compact form.
pub(super) fn decode(text: &str) -> Result<Divisions> {
    let mut rows: Vec<DivisionRow> = Vec::with_capacity(46_000);
    let mut province: Option<DivisionCode> = None;
    let mut prefecture: Option<DivisionCode> = None;
    // The line townships attach to: the last county-level line, or a prefecture line.
    let mut holder: Option<DivisionCode> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim_end_matches('\r');
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let Some(tag) = l.chars().next() else {
            continue;
        };
        match tag {
            'P' => {
                let (d, name) = split_digits(&l[1..], 2, line)?;
                let c = code(&format!("{d}0000"), line)?;
                rows.push(DivisionRow {
                    name: name.to_string(),
                    kind: RegionKind::Province,
                    code: c.clone(),
                    parent_code: None,
                    aliases: province_aliases(name),
                });
                province = Some(c);
                prefecture = None;
                holder = None;
            }
            'C' => {
                let (d, name) = split_digits(&l[1..], 4, line)?;
                let parent = province
                    .clone()
                    .ok_or_else(|| bad(line, "prefecture before any province"))?;
                if !d.starts_with(&parent.as_str()[..2]) {
                    return Err(bad(line, format!("{d} is not inside province {parent}")));
                }
                let c = code(&format!("{d}00"), line)?;
                rows.push(DivisionRow {
                    name: name.to_string(),
                    kind: RegionKind::Prefecture,
                    code: c.clone(),
                    parent_code: Some(parent),
                    aliases: prefecture_aliases(name),
                });
                prefecture = Some(c.clone());
                holder = Some(c);
            }
            'A' => {
                let (d, name) = split_digits(&l[1..], 6, line)?;
                let p = province
                    .clone()
                    .ok_or_else(|| bad(line, "county before any province"))?;
                let parent = match &prefecture {
                    Some(pre) if d.starts_with(&pre.as_str()[..4]) => pre.clone(),
                    _ if d.starts_with(&p.as_str()[..2]) => p,
                    _ => return Err(bad(line, format!("{d} is not inside province {p}"))),
                };
                let c = code(d, line)?;
                rows.push(DivisionRow {
                    name: name.to_string(),
                    kind: county_kind(name),
                    code: c.clone(),
                    parent_code: Some(parent),
                    aliases: Vec::new(),
                });
                holder = Some(c);
            }
            c if c.is_ascii_digit() => {
                let (d, name) = split_digits(l, 3, line)?;
                let parent = holder
                    .clone()
                    .ok_or_else(|| bad(line, "township before any county"))?;
                rows.push(DivisionRow {
                    name: name.to_string(),
                    kind: township_kind(name),
                    code: code(&format!("{parent}{d}"), line)?,
                    parent_code: Some(parent),
                    aliases: Vec::new(),
                });
            }
            other => return Err(bad(line, format!("unknown line tag {other:?}"))),
        }
    }
    Ok(Divisions::from_rows(rows))
}

/// Writes the compact form: rows in tree order (each parent followed by its children, by code).
/// Fails when a row cannot be represented: a name starting with a digit or holding a line break,
/// or a parent the line order cannot express.
pub(super) fn encode(d: &Divisions, header: &str) -> Result<String> {
    let mut children: std::collections::HashMap<&str, Vec<&DivisionRow>> = Default::default();
    let mut roots: Vec<&DivisionRow> = Vec::new();
    for r in d.rows() {
        match &r.parent_code {
            Some(p) => children.entry(p.as_str()).or_default().push(r),
            None => roots.push(r),
        }
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.code.cmp(&b.code));
    }
    roots.sort_by(|a, b| a.code.cmp(&b.code));
    let mut out = String::with_capacity(d.len() * 18);
    for l in header.lines() {
        let _ = writeln!(out, "# {l}");
    }
    // Depth-first; a stack of rows still to write.
    let mut stack: Vec<&DivisionRow> = roots.into_iter().rev().collect();
    while let Some(r) = stack.pop() {
        let name = &r.name;
        if name.starts_with(|c: char| c.is_ascii_digit()) || name.contains(['\n', '\r']) {
            return Err(Error::invalid(
                "divisions",
                format!("{name:?} ({}) cannot be written", r.code),
            ));
        }
        let c = r.code.as_str();
        let line = match (r.kind, c.len()) {
            (RegionKind::Province, 6) if c.ends_with("0000") => format!("P{}{name}", &c[..2]),
            (RegionKind::Prefecture, 6) if c.ends_with("00") => format!("C{}{name}", &c[..4]),
            (_, 6) => format!("A{c}{name}"),
            (_, 9) => format!("{}{name}", &c[6..]),
            _ => {
                return Err(Error::invalid(
                    "divisions",
                    format!("{name} ({c}): no compact line for this code"),
                ))
            }
        };
        out.push_str(&line);
        out.push('\n');
        if let Some(kids) = children.get(c) {
            stack.extend(kids.iter().rev());
        }
    }
    // The line order must give every row its parent back.
    let back = decode(&out)?;
    let mut a: Vec<&DivisionRow> = d.rows().iter().collect();
    let mut b: Vec<&DivisionRow> = back.rows().iter().collect();
    a.sort_by(|x, y| x.code.cmp(&y.code));
    b.sort_by(|x, y| x.code.cmp(&y.code));
    if let Some((x, _)) = a
        .iter()
        .zip(&b)
        .find(|(x, y)| (&x.code, &x.name, &x.parent_code) != (&y.code, &y.name, &y.parent_code))
    {
        return Err(Error::invalid(
            "divisions",
            format!("{} ({}): its parent cannot be expressed", x.name, x.code),
        ));
    }
    if a.len() != b.len() {
        return Err(Error::invalid("divisions", "rows were lost in encoding"));
    }
    Ok(out)
}
