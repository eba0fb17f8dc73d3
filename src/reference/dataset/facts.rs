//! The bundled facts file (`facts.jsonl`): its line format, and the loader that stores each line
//! with its evidence, resolving the keys lines use to point at each other.

use super::Loaded;
use crate::error::{Error, Result};
use crate::model::*;
use crate::Tx;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Cite {
    source: String,
    /// Absent only for a source without a stored text (a web page cited as a whole).
    #[serde(default)]
    span: Option<Span>,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub(super) enum Fact {
    Project {
        #[serde(default)]
        key: Option<String>,
        /// Key of the larger batch this one is declared part of.
        #[serde(default)]
        part_of: Option<String>,
        name: Option<String>,
        region: Option<String>,
        count: u32,
        investment_yuan: Option<Money>,
        comparator: Option<Comparator>,
        status: Option<ProjectStatus>,
        sector: Option<String>,
        year: Option<i32>,
        deadline: Option<PartialDate>,
        campaign: Option<String>,
        #[serde(default)]
        members: Vec<String>,
        evidence: Vec<Cite>,
    },
    Target {
        key: Option<String>,
        metric: String,
        measure: Measure,
        value: Decimal,
        unit: Unit,
        comparator: Comparator,
        region: Option<String>,
        year: Option<i32>,
        deadline: Option<PartialDate>,
        campaign: Option<String>,
        evidence: Vec<Cite>,
    },
    Observation {
        metric: String,
        measure: Measure,
        value: Decimal,
        unit: Unit,
        comparator: Comparator,
        region: Option<String>,
        year: Option<i32>,
        campaign: Option<String>,
        target: Option<String>,
        evidence: Vec<Cite>,
    },
    Official {
        name: String,
        title: String,
        organization: String,
        region: Option<String>,
        date: Option<PartialDate>,
        evidence: Vec<Cite>,
    },
    Campaign {
        key: String,
        name: String,
        kind_of: CampaignKind,
        region: Option<String>,
        year: Option<i32>,
        parent: Option<String>,
        ordinal: Option<u32>,
        evidence: Vec<Cite>,
    },
}

pub(super) fn bad(line: usize, field: &str, reason: impl Into<String>) -> Error {
    Error::Import {
        line,
        field: field.to_string(),
        reason: reason.into(),
    }
}

pub(super) struct FactLoader<'t, 'c> {
    pub(super) tx: &'t mut Tx<'c>,
    pub(super) loaded: Loaded,
    /// Keys of the sources that have a text (evidence into them needs a span).
    pub(super) texts: std::collections::HashSet<String>,
    pub(super) campaigns: HashMap<String, CampaignId>,
    pub(super) targets: HashMap<String, TargetId>,
    pub(super) projects: HashMap<String, ProjectId>,
    pub(super) persons: HashMap<String, PersonId>,
    pub(super) posts: Vec<(Post, PostId)>,
}

impl FactLoader<'_, '_> {
    fn region(&self, line: usize, name: &Option<String>) -> Result<Option<RegionId>> {
        name.as_ref()
            .map(|n| {
                self.loaded
                    .regions
                    .get(n)
                    .copied()
                    .ok_or_else(|| bad(line, "region", format!("{n:?} is not in the gazetteer")))
            })
            .transpose()
    }

    fn campaign(
        &self,
        line: usize,
        field: &str,
        key: &Option<String>,
    ) -> Result<Option<CampaignId>> {
        keyed(&self.campaigns, line, field, "campaign", key)
    }

    fn cite(&mut self, line: usize, fact: FactRef, evidence: &[Cite]) -> Result<()> {
        if evidence.is_empty() {
            return Err(bad(
                line,
                "evidence",
                "every fact needs at least one piece of evidence",
            ));
        }
        for c in evidence {
            let source = *self.loaded.sources.get(&c.source).ok_or_else(|| {
                bad(
                    line,
                    "evidence.source",
                    format!("no source has key {:?}", c.source),
                )
            })?;
            let span = match (c.span, self.texts.contains(&c.source)) {
                (Some(span), true) => span,
                // A page cited by URL has no stored text to point into: it is cited whole.
                (None, false) => Span::new(0, 0)?,
                (None, true) => {
                    return Err(bad(
                        line,
                        "evidence.span",
                        "a source with a text needs a span",
                    ))
                }
                (Some(_), false) => {
                    return Err(bad(
                        line,
                        "evidence.span",
                        "a source without a text cannot have a span",
                    ))
                }
            };
            self.tx
                .insert(&Evidence {
                    fact,
                    source,
                    span,
                    method: Method::Manual,
                })
                .map_err(|e| bad(line, "evidence.span", e.to_string()))?;
            self.loaded.evidence += 1;
        }
        Ok(())
    }

    pub(super) fn load(&mut self, line: usize, fact: &Fact) -> Result<()> {
        match fact {
            Fact::Campaign {
                key,
                name,
                kind_of,
                region,
                year,
                parent,
                ordinal,
                evidence,
            } => {
                let campaign = Campaign {
                    name: name.clone(),
                    kind: *kind_of,
                    region: self.region(line, region)?,
                    year: *year,
                    parent: self.campaign(line, "parent", parent)?,
                    ordinal: *ordinal,
                };
                let id = self.tx.insert(&campaign)?;
                register(&mut self.campaigns, line, "campaign", key, id)?;
                self.loaded.campaigns += 1;
                self.cite(line, FactRef::Campaign(id), evidence)
            }
            Fact::Project {
                key,
                part_of,
                name,
                region,
                count,
                investment_yuan,
                comparator,
                status,
                sector,
                year,
                deadline,
                campaign,
                members,
                evidence,
            } => {
                let project = Project {
                    name: name.clone(),
                    region: self.region(line, region)?,
                    count: *count,
                    investment: *investment_yuan,
                    investment_comparator: comparator.unwrap_or_default(),
                    status: *status,
                    sector: sector.clone(),
                    year: *year,
                    deadline: *deadline,
                    campaign: self.campaign(line, "campaign", campaign)?,
                    parent: None,
                    part_of: keyed(&self.projects, line, "part_of", "project", part_of)?,
                };
                let id = self.tx.insert(&project)?;
                if let Some(k) = key {
                    register(&mut self.projects, line, "project", k, id)?;
                }
                self.loaded.projects += 1;
                for member in members {
                    self.tx.insert(&project.member(member, id))?;
                    self.loaded.members += 1;
                }
                self.cite(line, FactRef::Project(id), evidence)
            }
            Fact::Target {
                key,
                metric,
                measure,
                value,
                unit,
                comparator,
                region,
                year,
                deadline,
                campaign,
                evidence,
            } => {
                let target = Target {
                    region: self.region(line, region)?,
                    metric: metric.clone(),
                    measure: *measure,
                    quantity: Quantity::new(*value, unit.clone(), *comparator),
                    year: *year,
                    deadline: *deadline,
                    campaign: self.campaign(line, "campaign", campaign)?,
                    owner: None,
                };
                let id = self.tx.insert(&target)?;
                if let Some(k) = key {
                    register(&mut self.targets, line, "target", k, id)?;
                }
                self.loaded.targets += 1;
                self.cite(line, FactRef::Target(id), evidence)
            }
            Fact::Observation {
                metric,
                measure,
                value,
                unit,
                comparator,
                region,
                year,
                campaign,
                target,
                evidence,
            } => {
                let target = keyed(&self.targets, line, "target", "target", target)?;
                let observation = Observation {
                    region: self.region(line, region)?,
                    metric: metric.clone(),
                    measure: *measure,
                    quantity: Quantity::new(*value, unit.clone(), *comparator),
                    period: year.map(PartialDate::year_only).transpose()?,
                    target,
                    campaign: self.campaign(line, "campaign", campaign)?,
                };
                let id = self.tx.insert(&observation)?;
                self.loaded.observations += 1;
                self.cite(line, FactRef::Observation(id), evidence)
            }
            Fact::Official {
                name,
                title,
                organization,
                region,
                date,
                evidence,
            } => {
                let person = match self.persons.get(name) {
                    Some(id) => *id,
                    None => {
                        let id = self.tx.insert(&Person::new(name.clone()))?;
                        self.persons.insert(name.clone(), id);
                        id
                    }
                };
                let post = Post::new(
                    title.clone(),
                    organization.clone(),
                    self.region(line, region)?,
                );
                let post = match self.posts.iter().find(|(p, _)| *p == post) {
                    Some((_, id)) => *id,
                    None => {
                        let id = self.tx.insert(&post)?;
                        self.posts.push((post, id));
                        id
                    }
                };
                let holding = self.tx.insert(&Holding {
                    person,
                    post,
                    start: *date,
                    end: *date,
                })?;
                self.loaded.holdings += 1;
                self.cite(line, FactRef::Holding(holding), evidence)
            }
        }
    }
}

/// The id `key` names among the `what`s loaded so far (`None` without a key); an unknown key is
/// an error on `field`.
fn keyed<I: Copy>(
    ids: &HashMap<String, I>,
    line: usize,
    field: &str,
    what: &str,
    key: &Option<String>,
) -> Result<Option<I>> {
    key.as_ref()
        .map(|k| {
            ids.get(k)
                .copied()
                .ok_or_else(|| bad(line, field, format!("no {what} has key {k:?}")))
        })
        .transpose()
}

/// Records the id of a `what` under `key`; a key used twice is an error.
fn register<I>(
    ids: &mut HashMap<String, I>,
    line: usize,
    what: &str,
    key: &str,
    id: I,
) -> Result<()> {
    if ids.insert(key.to_string(), id).is_some() {
        return Err(bad(
            line,
            "key",
            format!("{what} key {key:?} is used twice"),
        ));
    }
    Ok(())
}
