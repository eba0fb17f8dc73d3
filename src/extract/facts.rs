//! The facts the extractor yields, shaped exactly like the JSON lines of
//! `../shared/docs/extract-jsonl.md` (less the `file` field, which belongs to the caller).

use crate::model::{
    Campaign, CampaignKind, Comparator, Date, Decimal, Measure, Method, Money, Observation,
    PartialDate, Person, Post, Project, ProjectStatus, Quantity, RegionId, Span, Target, Unit,
};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashSet;
use std::sync::Mutex;

/// Rule and reading ids are `&'static str` (the rules name them in code). Read back from JSON
/// (a shard of extracted facts, see [`Fact`]'s `Deserialize`), each distinct id is stored
/// once for the life of the process. The rules have a few dozen ids; the cap stops a hostile
/// file from growing this set without bound.
fn intern(id: String) -> Result<&'static str, String> {
    const MAX_IDS: usize = 4096;
    static IDS: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut ids = IDS.lock().unwrap_or_else(|e| e.into_inner());
    let ids = ids.get_or_insert_with(HashSet::new);
    if let Some(known) = ids.get(id.as_str()) {
        return Ok(known);
    }
    if ids.len() >= MAX_IDS || id.is_empty() || id.len() > 64 {
        return Err(format!("not a rule id: {id:?}"));
    }
    let id: &'static str = Box::leak(id.into_boxed_str());
    ids.insert(id);
    Ok(id)
}

fn de_id<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    intern(String::deserialize(d)?).map_err(serde::de::Error::custom)
}

/// A metric key must be one the indicator table has: a key is a promise about the metric.
fn de_metric_key<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(k) => super::metrics::by_key(&k)
            .map(|m| Some(m.key))
            .ok_or_else(|| serde::de::Error::custom(format!("unknown metric key {k:?}"))),
    }
}

/// An empty span at offset 0, replaced by the real one once offsets are mapped back.
pub(crate) fn placeholder_span() -> Span {
    // Constant input: an empty span is always valid.
    Span::new(0, 0).expect("an empty span is valid")
}

/// One fact read from a text, with the span it was read from and the rule that read it.
///
/// Serialises to one JSON object with a `"kind"` tag:
///
/// ```
/// use planledger::extract::{Document, Extractor};
/// let extractor = Extractor::new();
/// let doc = Document::new("今年一季度，全镇签约落地6个项目、总投资24.8亿元。").with_year(2020);
/// let facts = extractor.extract(&doc).facts;
/// let json = serde_json::to_value(&facts[0]).unwrap();
/// assert_eq!(json["kind"], "project");
/// assert_eq!(json["count"], 6);
/// assert_eq!(json["investment_yuan"], 2_480_000_000i64);
/// assert_eq!(json["status"], "signed");
/// ```
///
/// and reads back from that object (so that extraction can run in other processes and its
/// output be ingested later: see [`ingest`](crate::ingest)). Unknown fields, such as the
/// `file` the extract tool adds, are ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fact {
    /// A project or a batch of projects.
    Project(ProjectFact),
    /// Something promised or required.
    Target(MeasureFact),
    /// Something achieved or standing.
    Observation(MeasureFact),
    /// A person holding a post.
    Official(OfficialFact),
    /// A themed year, battle, action, program or slogan.
    Campaign(CampaignFact),
}

impl<'de> Deserialize<'de> for Fact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        // By way of a JSON value: the derived form of an internally tagged enum would borrow
        // the `&'static str` ids from the input.
        let value = serde_json::Value::deserialize(d)?;
        let kind = value
            .get("kind")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| D::Error::missing_field("kind"))?
            .to_string();
        let fact = match kind.as_str() {
            "project" => ProjectFact::deserialize(value).map(Fact::Project),
            "target" => MeasureFact::deserialize(value).map(Fact::Target),
            "observation" => MeasureFact::deserialize(value).map(Fact::Observation),
            "official" => OfficialFact::deserialize(value).map(Fact::Official),
            "campaign" => CampaignFact::deserialize(value).map(Fact::Campaign),
            other => {
                return Err(D::Error::unknown_variant(
                    other,
                    &["project", "target", "observation", "official", "campaign"],
                ))
            }
        };
        fact.map_err(|e| D::Error::custom(format!("{kind}: {e}")))
    }
}

impl Fact {
    /// `"project"`, `"target"`, `"observation"`, `"official"` or `"campaign"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Fact::Project(_) => "project",
            Fact::Target(_) => "target",
            Fact::Observation(_) => "observation",
            Fact::Official(_) => "official",
            Fact::Campaign(_) => "campaign",
        }
    }

    /// The characters of the original text the fact was read from.
    pub fn span(&self) -> Span {
        match self {
            Fact::Project(f) => f.span,
            Fact::Target(f) | Fact::Observation(f) => f.span,
            Fact::Official(f) => f.span,
            Fact::Campaign(f) => f.span,
        }
    }

    /// The id of the rule that found it.
    pub fn rule(&self) -> &'static str {
        match self {
            Fact::Project(f) => f.rule,
            Fact::Target(f) | Fact::Observation(f) => f.rule,
            Fact::Official(f) => f.rule,
            Fact::Campaign(f) => f.rule,
        }
    }

    /// How the fact was obtained, for its [`Evidence`](crate::model::Evidence).
    pub fn method(&self) -> Method {
        Method::Rule(self.rule().to_string())
    }

    /// The canonical name of the region the fact belongs to.
    pub fn region(&self) -> Option<&str> {
        match self {
            Fact::Project(f) => f.region.as_deref(),
            Fact::Target(f) | Fact::Observation(f) => f.region.as_deref(),
            Fact::Official(f) => f.region.as_deref(),
            Fact::Campaign(f) => f.region.as_deref(),
        }
    }

    /// The division code of the region the fact belongs to, when it has one.
    pub fn region_code(&self) -> Option<&str> {
        match self {
            Fact::Project(f) => f.region_code.as_deref(),
            Fact::Target(f) | Fact::Observation(f) => f.region_code.as_deref(),
            Fact::Official(f) => f.region_code.as_deref(),
            Fact::Campaign(f) => f.region_code.as_deref(),
        }
    }

    /// Why the region is null, when it is (see [`ProjectFact::region_note`]).
    pub fn region_note(&self) -> Option<&str> {
        match self {
            Fact::Project(f) => f.region_note.as_deref(),
            Fact::Target(f) | Fact::Observation(f) => f.region_note.as_deref(),
            Fact::Official(f) => f.region_note.as_deref(),
            Fact::Campaign(f) => f.region_note.as_deref(),
        }
    }

    pub(crate) fn set_region_note(&mut self, note: Option<String>) {
        match self {
            Fact::Project(f) => f.region_note = note,
            Fact::Target(f) | Fact::Observation(f) => f.region_note = note,
            Fact::Official(f) => f.region_note = note,
            Fact::Campaign(f) => f.region_note = note,
        }
    }

    pub(crate) fn set_span(&mut self, span: Span) {
        match self {
            Fact::Project(f) => f.span = span,
            Fact::Target(f) | Fact::Observation(f) => f.span = span,
            Fact::Official(f) => f.span = span,
            Fact::Campaign(f) => f.span = span,
        }
    }
}

/// A project or a batch: "总投资320亿元的16个先进制造项目", "推进海洋牧场示范项目建设".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProjectFact {
    /// The project's name when the text names one project; `None` for a batch.
    pub name: Option<String>,
    /// How many projects (1 for a named project).
    pub count: u32,
    /// Total investment, exact.
    pub investment_yuan: Option<Money>,
    /// How the investment figure bounds the real one; `None` without an investment.
    pub comparator: Option<Comparator>,
    /// Lifecycle stage the statement is about.
    pub status: Option<ProjectStatus>,
    /// Sector words between the count and 项目 ("工业", "金融").
    pub sector: Option<String>,
    /// Named examples of a batch (names only; members stated with their own figures are
    /// projects of their own, with `part_of` pointing here).
    pub members: Vec<String>,
    /// The batch this project is part of: a sub-batch after 其中 ("其中，产业项目41个…"), or a
    /// named project listed with its own investment in a report on the batch's event. The
    /// span is the batch's own span; the batch is always a fact of the same extraction.
    pub part_of: Option<Span>,
    /// Canonical name of the region.
    pub region: Option<String>,
    /// The region's division code, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
    /// Why `region` is null, when it is: `"ambiguous: 鼓楼区 (4 places)"`, `"no place named in
    /// the text"`, `"the text speaks for a 镇 it does not name"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_note: Option<String>,
    /// The year the statement is about.
    pub year: Option<i32>,
    /// When the stated status is to be reached.
    pub deadline: Option<Date>,
    /// The campaign the text files it under (its name).
    pub campaign: Option<String>,
    /// Where it was read: `[start, end)` in characters of the original text.
    pub span: Span,
    /// Rule id.
    #[serde(deserialize_with = "de_id")]
    pub rule: &'static str,
}

/// A target or an observation: "今年全区工业投资要增长9%", "去年全区工业产值812亿元".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MeasureFact {
    /// What is measured: the indicator's canonical name when the indicator table knows it
    /// ([`metrics`](super::metrics)), else the noun phrase the figure measures.
    pub metric: String,
    /// The metric as the text writes it ("规上工业增加值", "GDP", "生產(chǎn)總值").
    pub metric_text: String,
    /// The indicator's stable key ([`MetricDef::key`](super::metrics::MetricDef::key)), when
    /// the table knows it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de_metric_key"
    )]
    pub metric_key: Option<&'static str>,
    /// Level, growth or share.
    pub measure: Measure,
    /// The figure, multipliers applied; yuan for money.
    pub value: Decimal,
    /// The upper end when the text gives a range (`2-3万人`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_upper: Option<Decimal>,
    /// `yuan`, `percent` or the measure word.
    pub unit: Unit,
    /// How the figure bounds the truth.
    pub comparator: Comparator,
    /// Canonical name of the region.
    pub region: Option<String>,
    /// The region's division code, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
    /// Why `region` is null, when it is: `"ambiguous: 鼓楼区 (4 places)"`, `"no place named in
    /// the text"`, `"the text speaks for a 镇 it does not name"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_note: Option<String>,
    /// The year the figure is for (a target's period, an observation's year).
    pub year: Option<i32>,
    /// When a target is due, if sooner than its year's end; for an observation the as-of day
    /// (`截至去年底`).
    pub deadline: Option<Date>,
    /// The campaign the text files it under (its name).
    pub campaign: Option<String>,
    /// Where it was read.
    pub span: Span,
    /// Rule id.
    #[serde(deserialize_with = "de_id")]
    pub rule: &'static str,
    /// The reading rule that told target from observation (`phrase_cue`, `local_past`,
    /// `section_frame` …; see the quantity rules).
    #[serde(deserialize_with = "de_id")]
    pub reading: &'static str,
}

/// A person holding a post: "莱西市委书记周科".
///
/// One mention of a person is one fact. When the text gives a chain of posts
/// ("市委副书记、市长刘瑛"), `title`, `organization` and `region` are those of the post nearest
/// the name, and `posts` lists them all in the text's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OfficialFact {
    /// The person's name as written.
    pub name: String,
    /// The title: 市委书记, 党委书记, 市长.
    pub title: String,
    /// The organisation the post belongs to: 莱西市委, 泊里镇党委.
    pub organization: Option<String>,
    /// Canonical name of the region the organisation governs.
    pub region: Option<String>,
    /// The region's division code, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
    /// Why `region` is null, when it is: `"ambiguous: 鼓楼区 (4 places)"`, `"no place named in
    /// the text"`, `"the text speaks for a 镇 it does not name"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_note: Option<String>,
    /// Every post the mention gives the person, in order; the last is the one above.
    pub posts: Vec<PostFact>,
    /// The date the text attests the post (the document date).
    pub date: Option<PartialDate>,
    /// Where it was read.
    pub span: Span,
    /// Rule id.
    #[serde(deserialize_with = "de_id")]
    pub rule: &'static str,
}

/// One post of an official as a text states it: "市委副书记" of 莱西市委.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostFact {
    /// The title: 市委副书记, 常务副县长, 行署专员.
    pub title: String,
    /// The organisation the post belongs to: 莱西市委, 大兴安岭地区行署.
    pub organization: Option<String>,
    /// Canonical name of the region the organisation governs.
    pub region: Option<String>,
    /// The region's division code, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
}

/// A campaign: "攻坚克难年", "投资攻坚战", "四个聚焦、一个强化".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CampaignFact {
    /// Name without quotation marks.
    pub name: String,
    /// `themed_year`, `battle`, `action`, `program` or `slogan`.
    pub kind_of: CampaignKind,
    /// Canonical name of the region that runs it.
    pub region: Option<String>,
    /// The region's division code, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
    /// Why `region` is null, when it is: `"ambiguous: 鼓楼区 (4 places)"`, `"no place named in
    /// the text"`, `"the text speaks for a 镇 it does not name"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_note: Option<String>,
    /// The year it is for.
    pub year: Option<i32>,
    /// The enclosing campaign's name.
    pub parent: Option<String>,
    /// Position among its siblings (一是 → 1).
    pub ordinal: Option<u32>,
    /// Where it was read.
    pub span: Span,
    /// Rule id.
    #[serde(deserialize_with = "de_id")]
    pub rule: &'static str,
}

impl ProjectFact {
    /// The project as a model value, placed in `region` (the caller resolves the region name to
    /// its ledger id).
    ///
    /// ```
    /// use planledger::extract::{Document, Extractor, Fact};
    /// let facts = Extractor::new()
    ///     .extract(&Document::new("新开工7个项目、总投资18.45亿元。").with_year(2020))
    ///     .facts;
    /// let Fact::Project(p) = &facts[0] else { panic!() };
    /// let project = p.to_project(None);
    /// assert_eq!((project.count, project.year), (7, Some(2020)));
    /// ```
    pub fn to_project(&self, region: Option<RegionId>) -> Project {
        let mut p = Project::batch(self.count);
        p.name = self.name.clone();
        p.region = region;
        p.investment = self.investment_yuan;
        p.investment_comparator = self.comparator.unwrap_or_default();
        p.status = self.status;
        p.sector = self.sector.clone();
        p.year = self.year;
        p.deadline = self.deadline.map(PartialDate::Day);
        p
    }
}

impl MeasureFact {
    /// The figure as a model [`Quantity`].
    pub fn quantity(&self) -> Quantity {
        Quantity::new(self.value, self.unit.clone(), self.comparator)
    }

    /// As a model [`Target`] of `region`.
    pub fn to_target(&self, region: Option<RegionId>) -> Target {
        let mut t = Target::new(self.metric.clone(), self.measure, self.quantity());
        t.region = region;
        t.year = self.year;
        t.deadline = self.deadline.map(PartialDate::Day);
        t
    }

    /// As a model [`Observation`] of `region`: its period is the as-of day when the text gives
    /// one (截至去年底), else the year.
    pub fn to_observation(&self, region: Option<RegionId>) -> Observation {
        let mut o = Observation::new(self.metric.clone(), self.measure, self.quantity());
        o.region = region;
        o.period = match (self.deadline, self.year) {
            (Some(d), _) => Some(PartialDate::Day(d)),
            (None, Some(y)) => PartialDate::year_only(y).ok(),
            (None, None) => None,
        };
        o
    }
}

impl OfficialFact {
    /// The person.
    pub fn person(&self) -> Person {
        Person::new(self.name.clone())
    }

    /// The post (title and organisation), in `region`; `None` when the organisation is unknown.
    pub fn post(&self, region: Option<RegionId>) -> Option<Post> {
        self.organization
            .as_ref()
            .map(|org| Post::new(self.title.clone(), org.clone(), region))
    }
}

impl From<&OfficialFact> for PostFact {
    /// The post an official fact names in its own `title`, `organization` and `region`.
    fn from(o: &OfficialFact) -> Self {
        PostFact {
            title: o.title.clone(),
            organization: o.organization.clone(),
            region: o.region.clone(),
            region_code: o.region_code.clone(),
        }
    }
}

impl PostFact {
    /// As a model [`Post`] in `region`; `None` when the organisation is unknown.
    pub fn to_post(&self, region: Option<RegionId>) -> Option<Post> {
        self.organization
            .as_ref()
            .map(|org| Post::new(self.title.clone(), org.clone(), region))
    }
}

impl CampaignFact {
    /// As a model [`Campaign`] of `region` (the parent, a name here, is the caller's to link).
    pub fn to_campaign(&self, region: Option<RegionId>) -> Campaign {
        let mut c = Campaign::new(self.name.clone(), self.kind_of);
        c.region = region;
        c.year = self.year;
        c.ordinal = self.ordinal;
        c
    }
}
