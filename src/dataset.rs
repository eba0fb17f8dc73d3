//! The bundled default dataset: every project, target, observation, official and campaign that
//! four Qingdao articles (2020–2023) state, curated by hand, with sources and evidence spans.
//!
//! The facts live in `data/qingdao/facts.jsonl` and `data/qingdao/sources.json` (format in
//! `data/README.md`), compiled into the library. The articles' text is not shipped: evidence
//! cites them by character offsets, and [`attach_texts`] adds the texts from a local copy of the
//! corpus when one is at hand (which makes them searchable and quotable).

use crate::error::{Error, Result};
use crate::gazetteer;
use crate::model::*;
use crate::{Ledger, Tx};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

const SOURCES: &str = include_str!("../data/qingdao/sources.json");
const FACTS: &str = include_str!("../data/qingdao/facts.jsonl");
const CHAIN_REGIONS: &str = include_str!("../data/chains/regions.json");
const CHAIN_SOURCES: &str = include_str!("../data/chains/sources.json");
const CHAIN_FACTS: &str = include_str!("../data/chains/facts.jsonl");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    key: String,
    /// The article's file in its corpus; null for a web page cited by URL only.
    file: Option<String>,
    /// Which corpus folder holds `file` (`corpus` or `corpus-dev`); for people reading the file.
    #[allow(dead_code)]
    #[serde(default)]
    corpus: Option<String>,
    sha256: Option<ContentHash>,
    chars: Option<u32>,
    title: String,
    publisher: Option<String>,
    published: Option<PartialDate>,
    authors: Option<Vec<String>>,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cite {
    source: String,
    /// Absent only for a source without a stored text (a web page cited as a whole).
    #[serde(default)]
    span: Option<Span>,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum Fact {
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

/// What [`load_qingdao`] put into the ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Loaded {
    /// Source ids by the dataset's source key (see `data/qingdao/sources.json`).
    pub sources: HashMap<String, SourceId>,
    /// Source ids by corpus file name.
    pub files: HashMap<String, SourceId>,
    /// Region ids by canonical name.
    pub regions: HashMap<String, RegionId>,
    /// Project rows (batches and single projects; named batch members not included).
    pub projects: usize,
    /// Named batch members, stored as projects pointing at their batch.
    pub members: usize,
    /// Targets.
    pub targets: usize,
    /// Observations.
    pub observations: usize,
    /// Posts held (one person holding two posts counts twice).
    pub holdings: usize,
    /// Distinct persons.
    pub persons: usize,
    /// Campaigns.
    pub campaigns: usize,
    /// Pieces of evidence.
    pub evidence: usize,
}

fn bad(line: usize, field: &str, reason: impl Into<String>) -> Error {
    Error::Import {
        line,
        field: field.to_string(),
        reason: reason.into(),
    }
}

/// Loads the Qingdao gazetteer and the bundled Qingdao facts in one transaction.
///
/// Meant for a fresh ledger: loading twice stores the facts twice (the sources' content hashes
/// are unique, so the second load fails and leaves the ledger as it was). [`load_bundled`]
/// loads these and the target chains.
///
/// ```
/// use planledger::model::Project;
/// let mut ledger = planledger::Ledger::open_in_memory()?;
/// let loaded = planledger::dataset::load_qingdao(&mut ledger)?;
/// assert_eq!(loaded.sources.len(), 4);
/// assert_eq!(ledger.count::<Project>()? as usize, loaded.projects + loaded.members);
/// # Ok::<(), planledger::Error>(())
/// ```
pub fn load_qingdao(ledger: &mut Ledger) -> Result<Loaded> {
    let regions = gazetteer::load_qingdao(ledger)?;
    let mut loaded = Loaded {
        regions,
        ..Loaded::default()
    };
    load_set(ledger, &mut loaded, SOURCES, FACTS, "qingdao")?;
    Ok(loaded)
}

/// Loads everything bundled: the Qingdao dataset of [`load_qingdao`] and the target chains of
/// `data/chains/` (2022: 中国 → 山东省 → 青岛市 → 西海岸新区; 2023: 中国 → 广东省 → 深圳市 →
/// 罗湖区 and 中国 → 山东省 → 济南市), whose targets cite the corpus-dev texts they were read
/// from and whose outcomes cite the public pages that state them, by URL. The region tree
/// has 中国 as its root.
///
/// ```
/// use planledger::model::{Observation, Target};
/// let mut ledger = planledger::Ledger::open_in_memory()?;
/// let loaded = planledger::dataset::load_bundled(&mut ledger)?;
/// assert_eq!(ledger.count::<Target>()? as usize, loaded.targets);
/// let china = ledger.resolve_region("中国")?;
/// let shandong = ledger.get(ledger.resolve_region("山东省")?)?;
/// assert_eq!(shandong.parent, Some(china));
/// # Ok::<(), planledger::Error>(())
/// ```
pub fn load_bundled(ledger: &mut Ledger) -> Result<Loaded> {
    let mut regions =
        gazetteer::load_overlay(ledger, CHAIN_REGIONS, "bundled chains/regions.json")?;
    regions.extend(gazetteer::load_qingdao(ledger)?);
    let mut loaded = Loaded {
        regions,
        ..Loaded::default()
    };
    load_set(ledger, &mut loaded, SOURCES, FACTS, "qingdao")?;
    load_set(ledger, &mut loaded, CHAIN_SOURCES, CHAIN_FACTS, "chains")?;
    Ok(loaded)
}

/// Loads one set of sources and facts (`what` names it in errors) in one transaction, adding
/// to `loaded`.
fn load_set(
    ledger: &mut Ledger,
    loaded: &mut Loaded,
    sources_json: &str,
    facts_jsonl: &str,
    what: &str,
) -> Result<()> {
    let sources: Vec<SourceEntry> = serde_json::from_str(sources_json)
        .map_err(|e| Error::invalid("dataset", format!("{what}/sources.json: {e}")))?;
    let mut facts = Vec::new();
    for (i, line) in facts_jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fact: Fact =
            serde_json::from_str(line).map_err(|e| bad(i + 1, "line", format!("{what}: {e}")))?;
        facts.push((i + 1, fact));
    }
    let before = std::mem::take(loaded);
    let after = ledger.write(|tx| {
        let mut loaded = before.clone();
        let mut texts = std::collections::HashSet::new();
        for s in &sources {
            let id = tx.insert(&Source {
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                published: s.published,
                authors: s.authors.clone().unwrap_or_default(),
                url: s.url.clone(),
                content_hash: s.sha256.clone(),
                chars: s.chars,
                text: None,
            })?;
            loaded.sources.insert(s.key.clone(), id);
            if let Some(file) = &s.file {
                loaded.files.insert(file.clone(), id);
                texts.insert(s.key.clone());
            }
        }
        let mut loader = FactLoader {
            tx,
            loaded,
            texts,
            campaigns: HashMap::new(),
            targets: HashMap::new(),
            projects: HashMap::new(),
            persons: HashMap::new(),
            posts: Vec::new(),
        };
        // Campaigns first, parents before children, so every other fact can point at them.
        let mut pending: Vec<&(usize, Fact)> = facts
            .iter()
            .filter(|(_, f)| matches!(f, Fact::Campaign { .. }))
            .collect();
        while !pending.is_empty() {
            let before = pending.len();
            let mut rest = Vec::new();
            for item in pending {
                if let (
                    line,
                    Fact::Campaign {
                        parent: Some(p), ..
                    },
                ) = item
                {
                    if !loader.campaigns.contains_key(p) {
                        if !facts
                            .iter()
                            .any(|(_, f)| matches!(f, Fact::Campaign { key, .. } if key == p))
                        {
                            return Err(bad(*line, "parent", format!("no campaign has key {p:?}")));
                        }
                        rest.push(item);
                        continue;
                    }
                }
                loader.load(item.0, &item.1)?;
            }
            if rest.len() == before {
                return Err(bad(rest[0].0, "parent", "campaign parents form a cycle"));
            }
            pending = rest;
        }
        // Targets before observations, which may point at them; whole batches before the
        // batches declared part of them.
        for (line, fact) in facts
            .iter()
            .filter(|(_, f)| matches!(f, Fact::Target { .. }))
        {
            loader.load(*line, fact)?;
        }
        let is_part = |f: &Fact| {
            matches!(
                f,
                Fact::Project {
                    part_of: Some(_),
                    ..
                }
            )
        };
        for (line, fact) in facts.iter().filter(|(_, f)| {
            !matches!(f, Fact::Campaign { .. } | Fact::Target { .. }) && !is_part(f)
        }) {
            loader.load(*line, fact)?;
        }
        for (line, fact) in facts.iter().filter(|(_, f)| is_part(f)) {
            loader.load(*line, fact)?;
        }
        loader.loaded.persons += loader.persons.len();
        Ok(loader.loaded)
    })?;
    *loaded = after;
    Ok(())
}

struct FactLoader<'t, 'c> {
    tx: &'t mut Tx<'c>,
    loaded: Loaded,
    /// Keys of the sources that have a text (evidence into them needs a span).
    texts: std::collections::HashSet<String>,
    campaigns: HashMap<String, CampaignId>,
    targets: HashMap<String, TargetId>,
    projects: HashMap<String, ProjectId>,
    persons: HashMap<String, PersonId>,
    posts: Vec<(Post, PostId)>,
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
        key.as_ref()
            .map(|k| {
                self.campaigns
                    .get(k)
                    .copied()
                    .ok_or_else(|| bad(line, field, format!("no campaign has key {k:?}")))
            })
            .transpose()
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

    fn load(&mut self, line: usize, fact: &Fact) -> Result<()> {
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
                if self.campaigns.insert(key.clone(), id).is_some() {
                    return Err(bad(
                        line,
                        "key",
                        format!("campaign key {key:?} is used twice"),
                    ));
                }
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
                    part_of: part_of
                        .as_ref()
                        .map(|k| {
                            self.projects.get(k).copied().ok_or_else(|| {
                                bad(line, "part_of", format!("no project has key {k:?}"))
                            })
                        })
                        .transpose()?,
                };
                let id = self.tx.insert(&project)?;
                if let Some(k) = key {
                    if self.projects.insert(k.clone(), id).is_some() {
                        return Err(bad(line, "key", format!("project key {k:?} is used twice")));
                    }
                }
                self.loaded.projects += 1;
                for member in members {
                    let row = Project {
                        name: Some(member.clone()),
                        count: 1,
                        investment: None,
                        investment_comparator: Comparator::Eq,
                        parent: Some(id),
                        part_of: None,
                        ..project.clone()
                    };
                    self.tx.insert(&row)?;
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
                    if self.targets.insert(k.clone(), id).is_some() {
                        return Err(bad(line, "key", format!("target key {k:?} is used twice")));
                    }
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
                let target = target
                    .as_ref()
                    .map(|k| {
                        self.targets
                            .get(k)
                            .copied()
                            .ok_or_else(|| bad(line, "target", format!("no target has key {k:?}")))
                    })
                    .transpose()?;
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

/// Reads each bundled source's article from `corpus_dir` (by file name) and stores its text in
/// the ledger, after checking the file's SHA-256 against the one the dataset recorded, so the
/// evidence offsets are known to fit. Returns how many texts were attached; a missing file is
/// skipped, a file with different content is an error.
pub fn attach_texts(ledger: &mut Ledger, loaded: &Loaded, corpus_dir: &Path) -> Result<usize> {
    let mut attached = 0;
    ledger.write(|tx| {
        for (file, id) in &loaded.files {
            let path = corpus_dir.join(file);
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => return Err(Error::Io { path, source }),
            };
            let mut source = tx.get(*id)?.value;
            if source.content_hash.as_ref() != Some(&ContentHash::of_bytes(&bytes)) {
                return Err(Error::invalid(
                    "text",
                    format!(
                        "{} differs from the article the dataset was curated from",
                        path.display()
                    ),
                ));
            }
            let text = String::from_utf8(bytes)
                .map_err(|e| Error::invalid("text", format!("{}: {e}", path.display())))?;
            source.text = Some(text);
            tx.update(*id, &source)?;
            attached += 1;
        }
        Ok(())
    })?;
    Ok(attached)
}
