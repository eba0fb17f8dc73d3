use crate::error::{Error, Result};
use crate::model::{CampaignId, PersonId, ProjectId, RegionId, SourceId};
use crate::store::conn::{At, ConnExt};
use crate::Ledger;
use serde::{Deserialize, Serialize};

/// What a search hit is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchItem {
    /// A source (its title, publisher, authors or text matched).
    Source(SourceId),
    /// A project (name or sector).
    Project(ProjectId),
    /// A metric some targets or observations measure (filter them with
    /// [`FigureFilter::metric`](crate::query::FigureFilter::metric)).
    Metric(String),
    /// A campaign (name).
    Campaign(CampaignId),
    /// A person (name).
    Person(PersonId),
    /// A region (name).
    Region(RegionId),
}

impl SearchItem {
    /// Decodes the index's rowid (id × 8 + kind code, see migration 0002); a metric's body is
    /// its name.
    fn from_rowid(rowid: i64, body: &str) -> Option<Self> {
        let id = rowid.div_euclid(8);
        Some(match rowid.rem_euclid(8) {
            1 => SearchItem::Source(SourceId::from_raw(id)),
            2 => SearchItem::Project(ProjectId::from_raw(id)),
            3 => SearchItem::Metric(body.to_string()),
            5 => SearchItem::Campaign(CampaignId::from_raw(id)),
            6 => SearchItem::Person(PersonId::from_raw(id)),
            7 => SearchItem::Region(RegionId::from_raw(id)),
            _ => return None,
        })
    }
}

/// One search result: what matched and the text around the first match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The matching item.
    pub item: SearchItem,
    /// Up to about 30 characters either side of the first match.
    pub excerpt: String,
}

/// Characters of context either side of a match in an excerpt.
const CONTEXT: usize = 30;

fn excerpt(body: &str, needle: &str) -> String {
    let chars: Vec<char> = body.chars().collect();
    let lower: Vec<char> = body.to_lowercase().chars().collect();
    let needle: Vec<char> = needle.to_lowercase().chars().collect();
    let at = if lower.len() == chars.len() {
        lower
            .windows(needle.len().max(1))
            .position(|w| w == needle.as_slice())
            .unwrap_or(0)
    } else {
        0
    };
    let start = at.saturating_sub(CONTEXT);
    let end = (at + needle.len() + CONTEXT).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// How many matches a search ranks at most. Ranking reads each match's size and scores it,
/// ~1.5 µs a match: every match of three common characters in a national ledger (100k names)
/// took 158 ms, where the first matches in index order are read at ~0.1 µs each.
const RANKED: u32 = 5_000;

impl Ledger {
    /// The `limit` best-ranked entries matching an FTS5 `phrase`, among the first
    /// [`RANKED`] matches in index order (the whole match set when it is no larger).
    fn ranked_matches(&self, phrase: &str, limit: u32) -> Result<Vec<(i64, String)>> {
        // The (RANKED + 1)-th match's rowid, if there is one: the bound of what is ranked.
        // Reading rowids alone walks the index's list for the phrase without touching the
        // entries' text or sizes.
        const BOUND: &str =
            "SELECT rowid FROM search_index WHERE search_index MATCH ?1 LIMIT 1 OFFSET ?2";
        let bound: Option<i64> = self
            .conn()
            .prepare_cached(BOUND)
            .and_then(|mut s| {
                crate::store::sql::optional(
                    s.query_row(rusqlite::params![phrase, RANKED], |r| r.get(0)),
                )
            })
            .at(BOUND)?;
        const SQL: &str = "SELECT rowid, body FROM search_index \
            WHERE search_index MATCH ?1 AND rowid < ?3 ORDER BY rank LIMIT ?2";
        self.conn().rows(
            SQL,
            rusqlite::params![phrase, limit, bound.unwrap_or(i64::MAX)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// Full-text search over source texts and names (projects, metrics, campaigns, persons,
    /// regions). The query is plain text, matched as a substring: quotes, `*`, `OR`,
    /// `NEAR(` are just characters. Three characters or more use the trigram index, ranked by
    /// relevance (bm25); one or two characters (a two-character name such as 周科) scan the
    /// same index's text instead. At most `limit` hits (1 to 1000).
    ///
    /// Ranking costs time in proportion to the number of matches, so it is bounded: when more
    /// than 5,000 entries match (three common characters in a ledger of a million names), the
    /// hits are the best-ranked of the first 5,000 matches in index order (entries written
    /// earlier first), not of all of them. A longer, more selective query ranks every match.
    ///
    /// ```
    /// use planledger::query::SearchItem;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let hits = ledger.search("周科", 10)?;
    /// assert!(hits.iter().any(|h| matches!(h.item, SearchItem::Person(_))));
    /// assert!(!ledger.search("氢能", 10)?.is_empty());
    /// assert!(ledger.search("\"NEAR( OR *", 10)?.is_empty());
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let needle = query.trim();
        if needle.is_empty() {
            return Err(Error::invalid("query", "is empty"));
        }
        if !(1..=1000).contains(&limit) {
            return Err(Error::invalid(
                "limit",
                format!("{limit} is outside 1..=1000"),
            ));
        }
        let rows: Vec<(i64, String)> = if needle.contains('\0') {
            // FTS5's query parser and LIKE both end a pattern at NUL; instr() compares the
            // whole string.
            const SQL: &str =
                "SELECT rowid, body FROM search_index WHERE instr(body, ?1) > 0 LIMIT ?2";
            self.conn()
                .rows(SQL, rusqlite::params![needle, limit], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
        } else if needle.chars().count() >= 3 {
            // A double-quoted FTS5 string is one phrase whatever it contains, once inner
            // quotes are doubled; the trigram tokenizer makes a phrase a substring match.
            let phrase = format!("\"{}\"", needle.replace('"', "\"\""));
            self.ranked_matches(&phrase, limit)?
        } else {
            // Too short for trigrams: a LIKE scan, with LIKE's own wildcards escaped. In index
            // order, so that it stops at the limit instead of sorting every match.
            const SQL: &str =
                "SELECT rowid, body FROM search_index WHERE body LIKE ?1 ESCAPE '\\' LIMIT ?2";
            let mut pattern = String::from("%");
            for c in needle.chars() {
                if matches!(c, '%' | '_' | '\\') {
                    pattern.push('\\');
                }
                pattern.push(c);
            }
            pattern.push('%');
            self.conn()
                .rows(SQL, rusqlite::params![pattern, limit], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
        };
        Ok(rows
            .into_iter()
            .filter_map(|(rowid, body)| {
                SearchItem::from_rowid(rowid, &body).map(|item| SearchHit {
                    item,
                    excerpt: excerpt(&body, needle),
                })
            })
            .collect())
    }
}
