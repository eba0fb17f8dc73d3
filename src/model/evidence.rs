use super::{CampaignId, HoldingId, ObservationId, ProjectId, SourceId, TargetId};
use crate::Error;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open range `[start, end)` of Unicode scalar values in a source's original text.
///
/// Character offsets, not bytes: they are what other languages' string indices give and they
/// cannot split a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "[u32; 2]", into = "[u32; 2]")]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// A span; `start` must not exceed `end`.
    ///
    /// ```
    /// use planledger::model::Span;
    /// assert!(Span::new(3, 9).is_ok());
    /// assert!(Span::new(9, 3).is_err());
    /// ```
    pub fn new(start: u32, end: u32) -> Result<Self, Error> {
        if start <= end {
            Ok(Span { start, end })
        } else {
            Err(Error::invalid(
                "span",
                format!("start {start} is after end {end}"),
            ))
        }
    }
    /// First character.
    pub fn start(self) -> u32 {
        self.start
    }
    /// One past the last character.
    pub fn end(self) -> u32 {
        self.end
    }
    /// The spanned characters of `text`, or `None` when the span runs past its end.
    pub fn slice(self, text: &str) -> Option<String> {
        let len = (self.end - self.start) as usize;
        let out: String = text.chars().skip(self.start as usize).take(len).collect();
        (out.chars().count() == len).then_some(out)
    }
}

impl TryFrom<[u32; 2]> for Span {
    type Error = Error;
    fn try_from([start, end]: [u32; 2]) -> Result<Self, Error> {
        Span::new(start, end)
    }
}

impl From<Span> for [u32; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}

/// How a piece of evidence was obtained.
///
/// Serialized as `"manual"` or `"rule:<rule id>"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Method {
    /// Curated by a person.
    Manual,
    /// Found by an extractor rule, named by its id.
    Rule(String),
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Method::Manual => f.write_str("manual"),
            Method::Rule(id) => write!(f, "rule:{id}"),
        }
    }
}

impl std::str::FromStr for Method {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "manual" => Ok(Method::Manual),
            _ => match s.strip_prefix("rule:") {
                Some(id) if !id.is_empty() => Ok(Method::Rule(id.to_string())),
                _ => Err(Error::invalid(
                    "method",
                    format!("{s:?} is neither \"manual\" nor \"rule:<id>\""),
                )),
            },
        }
    }
}

super::serde_as_text!(Method);

/// The fact a piece of evidence supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactRef {
    /// A project or batch.
    Project(ProjectId),
    /// A target.
    Target(TargetId),
    /// An observation.
    Observation(ObservationId),
    /// A campaign.
    Campaign(CampaignId),
    /// A person holding a post.
    Holding(HoldingId),
}

/// Where a fact was read: a span of a source, and how it was found. A fact reported by two
/// sources (or twice in one) has two pieces of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The fact it supports: a project, target, observation, campaign or holding, by id.
    pub fact: FactRef,
    /// The source the words are in.
    pub source: SourceId,
    /// The words the fact was read from, as character offsets into the source's text
    /// (`[12, 20)` is the 13th to the 20th character).
    pub span: Span,
    /// How it was found: `manual`, or `rule:<rule id>` for an extractor rule.
    pub method: Method,
}
