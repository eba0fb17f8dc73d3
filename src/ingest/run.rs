//! One text's facts into the ledger: regions and campaigns resolved by name, officials matched
//! by their natural keys, projects, targets and observations reconciled, each with its evidence.

use super::IngestReport;
use crate::error::{Error, Result};
use crate::extract::{Fact, PostFact};
use crate::model::*;
use crate::reconcile::{Attestation, Candidate, Outcome};
use crate::Tx;
use std::collections::HashMap;

pub(super) struct Run<'t, 'c> {
    pub(super) tx: &'t mut Tx<'c>,
    pub(super) source: SourceId,
    pub(super) report: IngestReport,
    pub(super) campaigns: HashMap<String, CampaignId>,
    /// The project row each project fact of this text became, by the fact's span (what
    /// `ProjectFact::part_of` names).
    pub(super) batches: HashMap<Span, ProjectId>,
    pub(super) date: Option<PartialDate>,
    /// Regions already looked up for this text, by name and code: most of a text's facts name
    /// the same few places, and each lookup is a query over names, codes and aliases.
    pub(super) regions: HashMap<(String, Option<String>), Option<RegionId>>,
}

impl Run<'_, '_> {
    /// The ledger region of a fact: by its division code when it has one (names repeat across
    /// China: 88 towns are called 城关镇), else by name.
    fn region(&mut self, name: Option<&str>, code: Option<&str>) -> Result<Option<RegionId>> {
        let Some(name) = name else { return Ok(None) };
        let key = (name.to_owned(), code.map(str::to_owned));
        let found = match self.regions.get(&key) {
            Some(found) => *found,
            None => {
                let found = self.lookup_region(name, code)?;
                self.regions.insert(key, found);
                found
            }
        };
        if found.is_none() {
            self.report.unresolved_regions += 1;
        }
        Ok(found)
    }

    fn lookup_region(&mut self, name: &str, code: Option<&str>) -> Result<Option<RegionId>> {
        if let Some(code) = code {
            if let Ok(id) = self.tx.resolve_region(code) {
                return Ok(Some(id));
            }
        }
        match self.tx.resolve_region(name) {
            Ok(id) => Ok(Some(id)),
            Err(Error::NotFound { .. }) | Err(Error::InvalidInput { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn campaign(
        &mut self,
        name: Option<&str>,
        region: Option<RegionId>,
    ) -> Result<Option<CampaignId>> {
        let Some(name) = name else { return Ok(None) };
        if let Some(id) = self.campaigns.get(name) {
            return Ok(Some(*id));
        }
        self.tx.campaign_named(name, region)
    }

    fn cite(&mut self, fact: FactRef, f: &Fact) -> Result<()> {
        self.tx.insert(&Evidence {
            fact,
            source: self.source,
            span: f.span(),
            method: f.method(),
        })?;
        Ok(())
    }

    /// Reconciles one fact: the row it is stored in (new or attached to), and whether it is new.
    fn reconciled(&mut self, candidate: Candidate, f: &Fact) -> Result<(FactRef, bool)> {
        let r = self.tx.reconcile(
            &candidate,
            &[Attestation::rule(self.source, f.span(), f.rule())],
        )?;
        match r.outcome {
            Outcome::Inserted => self.report.inserted += 1,
            Outcome::Attached => {
                self.report.attached += 1;
                return Ok((r.fact, false));
            }
            Outcome::Conflicting => self.report.conflicting += 1,
        }
        Ok((r.fact, true))
    }

    /// The batch row a project fact is part of: the row its `part_of` fact became, when that
    /// row is itself no member (members have no members).
    fn batch_of(&mut self, part_of: Option<Span>) -> Result<Option<ProjectId>> {
        let Some(id) = part_of.and_then(|s| self.batches.get(&s).copied()) else {
            return Ok(None);
        };
        let batch: Project = self.tx.get(id)?.value;
        Ok(batch.parent.is_none().then_some(id))
    }

    /// Records that `person` held the post `p` on the text's date, with the fact's evidence.
    fn holding(&mut self, person: PersonId, p: &PostFact, fact: &Fact) -> Result<()> {
        let Fact::Official(o) = fact else {
            return Ok(());
        };
        let region = self.region(p.region.as_deref(), p.region_code.as_deref())?;
        let organization = p
            .organization
            .clone()
            .or_else(|| p.region.clone())
            .unwrap_or_default();
        let post = Post::new(p.title.clone(), organization, region);
        let post = match self
            .tx
            .post_keyed(&post.organization, &post.title, region)?
        {
            Some(id) => id,
            None => self.tx.insert(&post)?,
        };
        let on = o.date.or(self.date);
        let holding = match self.tx.holding_of(person, post)? {
            Some(id) => {
                // The same post attested again: widen the known span to cover both dates.
                let mut h = self.tx.get(id)?.value;
                if let Some(on) = on {
                    h.start = Some(h.start.map_or(on, |s| s.min(on)));
                    h.end = Some(h.end.map_or(on, |e| e.max(on)));
                    self.tx.update(id, &h)?;
                }
                self.report.attached += 1;
                id
            }
            None => {
                self.report.inserted += 1;
                self.tx.insert(&Holding {
                    person,
                    post,
                    start: on,
                    end: on,
                })?
            }
        };
        self.cite(FactRef::Holding(holding), fact)
    }

    pub(super) fn fact(&mut self, fact: &Fact) -> Result<()> {
        match fact {
            Fact::Project(p) => {
                let region = self.region(p.region.as_deref(), p.region_code.as_deref())?;
                let mut project = p.to_project(region);
                project.campaign = self.campaign(p.campaign.as_deref(), region)?;
                project.parent = self.batch_of(p.part_of)?;
                let (stored, new) = self.reconciled(Candidate::Project(project.clone()), fact)?;
                let FactRef::Project(batch) = stored else {
                    return Ok(());
                };
                self.batches.insert(p.span, batch);
                if new {
                    for member in &p.members {
                        self.tx.insert(&project.member(member, batch))?;
                    }
                }
            }
            Fact::Target(t) => {
                let region = self.region(t.region.as_deref(), t.region_code.as_deref())?;
                let mut target = t.to_target(region);
                target.campaign = self.campaign(t.campaign.as_deref(), region)?;
                self.reconciled(Candidate::Target(target), fact)?;
            }
            Fact::Observation(o) => {
                let region = self.region(o.region.as_deref(), o.region_code.as_deref())?;
                let mut observation = o.to_observation(region);
                observation.campaign = self.campaign(o.campaign.as_deref(), region)?;
                self.reconciled(Candidate::Observation(observation), fact)?;
            }
            Fact::Official(o) => {
                // One name is one person within a ledger: texts give no better key.
                let person = match self.tx.person_named(&o.name)? {
                    Some(id) => id,
                    None => self.tx.insert(&o.person())?,
                };
                // Every post of the mention is a holding ("市委副书记、市长" is two).
                let fallback = [PostFact::from(o)];
                let posts = if o.posts.is_empty() {
                    &fallback[..]
                } else {
                    &o.posts[..]
                };
                for p in posts {
                    self.holding(person, p, fact)?;
                }
            }
            Fact::Campaign(c) => {
                let region = self.region(c.region.as_deref(), c.region_code.as_deref())?;
                let mut campaign = c.to_campaign(region);
                campaign.parent = self.campaign(c.parent.as_deref(), region)?;
                let id = match self
                    .tx
                    .campaign_keyed(&campaign.name, region, campaign.year)?
                {
                    Some(id) => {
                        self.report.attached += 1;
                        id
                    }
                    None => {
                        self.report.inserted += 1;
                        self.tx.insert(&campaign)?
                    }
                };
                self.campaigns.insert(c.name.clone(), id);
                self.cite(FactRef::Campaign(id), fact)?;
            }
        }
        Ok(())
    }
}
