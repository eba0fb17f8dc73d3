use crate::error::Result;
use crate::model::{Evidence, EvidenceId, FactRef, Source, SourceId, Stored};
use crate::store::conn::ConnExt;
use crate::store::{evidence_columns, evidence_from_row};
use crate::Ledger;
use serde::{Deserialize, Serialize};

/// One piece of evidence for a fact, with its source and, when the ledger holds the source's
/// text, the quoted span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The evidence row.
    pub evidence: Stored<EvidenceId, Evidence>,
    /// The source, without its text (which can be long; see `quote`).
    pub source: Stored<SourceId, Source>,
    /// The spanned characters of the source's text, if the ledger holds the text.
    pub quote: Option<String>,
}

impl Ledger {
    /// Every piece of evidence for a fact, with sources and quotes, in the order recorded.
    ///
    /// ```
    /// use planledger::model::FactRef;
    /// use planledger::query::{ProjectFilter, ProjectOrder};
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let top = ledger.projects(&ProjectFilter::new(), ProjectOrder::InvestmentDesc, 1, None)?;
    /// let cites = ledger.evidence_for(FactRef::Project(top.items[0].id))?;
    /// assert!(!cites.is_empty());
    /// assert!(cites[0].source.title.len() > 0);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn evidence_for(&self, fact: FactRef) -> Result<Vec<Citation>> {
        let (column, id) = crate::store::fact_column(fact);
        let sql = format!(
            "SELECT e.id, {}, CASE WHEN s.text IS NULL THEN NULL ELSE substr(s.text, e.span_start + 1, e.span_end - e.span_start) END \
             FROM evidence e JOIN source s ON s.id = e.source_id WHERE e.{column} = ?1 ORDER BY e.id",
            evidence_columns!("e.")
        );
        let rows: Vec<(Stored<EvidenceId, Evidence>, Option<String>)> =
            self.conn().rows(&sql, [id], |r| {
                Ok((
                    Stored {
                        id: r.get(0)?,
                        value: evidence_from_row(r, 1)?,
                    },
                    r.get(10)?,
                ))
            })?;
        rows.into_iter()
            .map(|(evidence, quote)| {
                let mut source = self.get(evidence.source)?;
                source.value.text = None;
                Ok(Citation {
                    evidence,
                    source,
                    quote,
                })
            })
            .collect()
    }
}
