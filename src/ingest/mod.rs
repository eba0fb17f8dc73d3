//! Ingestion: texts into a ledger. The one place where the extractor's output meets the store.
//!
//! For each text: its SHA-256 decides whether the ledger already has it (then nothing is
//! added, so ingesting a file twice is harmless); otherwise, in one transaction, the text
//! becomes a [`Source`], the extractor's facts are resolved to regions and campaigns of the
//! ledger, and each fact is either attached as evidence to the same fact another source already
//! stated or inserted beside it ([`reconcile`]); officials and campaigns are
//! matched by name. Every fact keeps its evidence: the rule that read it and the span of the
//! text.
//!
//! ```
//! use planledger::extract::Extractor;
//! use planledger::ingest::ingest_text;
//! use planledger::model::Project;
//!
//! let mut ledger = planledger::Ledger::open_in_memory()?;
//! planledger::gazetteer::load_qingdao(&mut ledger)?;
//! let extractor = Extractor::new();
//! let text = "——访琅琊镇党委书记李华\n今年，我镇签约引进6个项目、总投资12.5亿元。";
//! let first = ingest_text(&mut ledger, &extractor, "访谈", text, Some("2023".parse()?))?;
//! assert!(first.facts >= 1 && !first.already_present);
//! let again = ingest_text(&mut ledger, &extractor, "访谈", text, Some("2023".parse()?))?;
//! assert!(again.already_present);
//! assert_eq!(ledger.count::<Project>()?, 1);
//! # Ok::<(), planledger::Error>(())
//! ```

pub mod reconcile;
mod run;

use crate::error::{Error, Result};
use crate::extract::{Document, Extractor, Fact};
use crate::model::*;
use crate::{Ledger, Tx};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What ingesting one text did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct IngestReport {
    /// The source row (the existing one when the text was already there).
    pub source: Option<SourceId>,
    /// The text was already in the ledger: nothing was added.
    pub already_present: bool,
    /// Facts the extractor read.
    pub facts: usize,
    /// Facts stored as new rows.
    pub inserted: usize,
    /// Facts that another source had already stated: evidence attached to the existing row.
    pub attached: usize,
    /// Facts that matched an existing one with another figure: kept beside it and flagged.
    pub conflicting: usize,
    /// Facts whose region name the ledger does not know (stored without a region).
    pub unresolved_regions: usize,
}

/// Ingests one text (see the [module docs](self)). `title` names the source; `date` anchors
/// relative times when the text does not state its own date.
pub fn ingest_text(
    ledger: &mut Ledger,
    extractor: &Extractor,
    title: &str,
    text: &str,
    date: Option<PartialDate>,
) -> Result<IngestReport> {
    // A text already there is not read again: the hash is cheap, extraction is not.
    if let Some(id) = ledger.source_by_hash(&stored_hash(text))? {
        return Ok(IngestReport {
            source: Some(id),
            already_present: true,
            ..IngestReport::default()
        });
    }
    let extracted = ExtractedText::read(extractor, title, text, date);
    ledger.write(|tx| ingest_extracted(tx, &extracted))
}

/// The hash the stored source of `text` will have (its text may differ from `text`: see
/// [`Source::from_text`]), so that ingesting the same text again finds it.
fn stored_hash(text: &str) -> ContentHash {
    if text.contains('\0') {
        ContentHash::of(&text.replace('\0', "\u{FFFD}"))
    } else {
        ContentHash::of(text)
    }
}

/// A text and what the extractor read in it: the half of ingestion that needs no ledger.
///
/// Reading is a pure function of the text, its date and the gazetteer, so it can run on many
/// threads or in other processes (one JSON line per text, `planledger extract --bundle`) and
/// be written later with [`ingest_extracted`] or [`ingest_batch`], in any order: see
/// `SCALING.md`.
///
/// ```
/// use planledger::extract::Extractor;
/// use planledger::ingest::{ingest_batch, ExtractedText};
///
/// let extractor = Extractor::new();
/// let text = "——访琅琊镇党委书记李华\n今年，我镇签约引进6个项目、总投资12.5亿元。";
/// let read = ExtractedText::read(&extractor, "访谈", text, Some("2023".parse()?));
/// // As a JSON line and back: what a shard written by another process holds.
/// let line = serde_json::to_string(&read).unwrap();
/// let back: ExtractedText = serde_json::from_str(&line).unwrap();
/// assert_eq!(back, read);
///
/// let mut ledger = planledger::Ledger::open_in_memory()?;
/// planledger::gazetteer::load_qingdao(&mut ledger)?;
/// let reports = ingest_batch(&mut ledger, &[back.clone(), back]);
/// assert!(reports[0].as_ref().unwrap().facts >= 1);
/// assert!(reports[1].as_ref().unwrap().already_present);
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtractedText {
    /// The caller's name for the text (a file path, an archive's document id); not stored.
    #[serde(default)]
    pub id: Option<String>,
    /// The source's title.
    pub title: String,
    /// Where the text was published, when known.
    #[serde(default)]
    pub url: Option<String>,
    /// The date relative times were resolved against (given, or found in the text); stored
    /// as the source's publication date.
    #[serde(default)]
    pub date: Option<PartialDate>,
    /// The text as read (evidence spans count its characters).
    pub text: String,
    /// What the extractor found, in document order.
    pub facts: Vec<Fact>,
}

impl ExtractedText {
    /// Reads `text` with `extractor`; `date` anchors relative times when the text does not
    /// state its own date.
    pub fn read(
        extractor: &Extractor,
        title: &str,
        text: &str,
        date: Option<PartialDate>,
    ) -> ExtractedText {
        let mut doc = Document::new(text);
        if let Some(d) = date {
            doc = doc.with_date(d);
        }
        let extraction = extractor.extract(&doc);
        ExtractedText {
            id: None,
            title: title.to_string(),
            url: None,
            date: extraction.date,
            text: text.to_string(),
            facts: extraction.facts,
        }
    }

    /// Names the text (not stored; reports and errors use it).
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the URL the source is stored with.
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }
}

/// A title for a text that has none: its first non-empty line, at most 60 characters.
///
/// ```
/// assert_eq!(planledger::ingest::title_of("\n  标题一行 \n正文"), Some("标题一行".to_string()));
/// assert_eq!(planledger::ingest::title_of(" \n"), None);
/// ```
pub fn title_of(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(60).collect())
}

/// Writes one read text inside a transaction: a source row, its facts reconciled with the
/// ledger's, each with its evidence. A text whose source is already there adds nothing.
pub fn ingest_extracted(tx: &mut Tx<'_>, extracted: &ExtractedText) -> Result<IngestReport> {
    let mut source = Source::from_text(extracted.title.as_str(), extracted.text.as_str());
    let Some(hash) = source.content_hash.clone() else {
        return Err(Error::invalid("text", "has no content hash"));
    };
    if let Some(id) = tx.source_by_hash(&hash)? {
        return Ok(IngestReport {
            source: Some(id),
            already_present: true,
            ..IngestReport::default()
        });
    }
    source.published = extracted.date;
    source.url = extracted.url.clone();
    let source = tx.insert(&source)?;
    let mut run = run::Run {
        tx,
        source,
        report: IngestReport::default(),
        campaigns: HashMap::new(),
        batches: HashMap::new(),
        date: extracted.date,
        regions: HashMap::new(),
    };
    run.report.source = Some(source);
    run.report.facts = extracted.facts.len();
    // Campaigns first: other facts name them.
    let (campaigns, others): (Vec<&Fact>, Vec<&Fact>) = extracted
        .facts
        .iter()
        .partition(|f| matches!(f, Fact::Campaign(_)));
    for fact in campaigns.into_iter().chain(others) {
        run.fact(fact)?;
    }
    Ok(run.report)
}

/// Writes many read texts in one transaction (one commit, one fsync: what makes a bulk ingest
/// fast), in the order given. If the transaction fails, each text is written again in its
/// own, so that one bad text costs only itself: its result is its error.
pub fn ingest_batch(ledger: &mut Ledger, texts: &[ExtractedText]) -> Vec<Result<IngestReport>> {
    let together = ledger.write(|tx| {
        texts
            .iter()
            .map(|t| ingest_extracted(tx, t))
            .collect::<Result<Vec<_>>>()
    });
    match together {
        Ok(reports) => reports.into_iter().map(Ok).collect(),
        Err(_) if texts.len() > 1 => texts
            .iter()
            .map(|t| ledger.write(|tx| ingest_extracted(tx, t)))
            .collect(),
        Err(e) => vec![Err(e)],
    }
}
