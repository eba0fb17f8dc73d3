use super::RegionScope;
use crate::error::Result;
use crate::model::{Date, Holding, Official, Person, Post, Stored};
use crate::store::conn::At;
use crate::store::sql::parse_opt;
use crate::Ledger;
use rusqlite::types::Value;
use std::collections::BTreeMap;

impl Ledger {
    /// The officials holding posts in a region (or subtree) on a date, each with the posts that
    /// match. A holding matches when the date lies between its start and end (an open bound
    /// matches anything; a partial date covers its whole month or year).
    ///
    /// ```
    /// use planledger::model::Date;
    /// use planledger::query::RegionScope;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let laixi = ledger.resolve_region("莱西市")?;
    /// let on = Date::new(2023, 1, 28)?;
    /// let officials = ledger.officials_on(RegionScope::subtree(laixi), on)?;
    /// assert!(officials.iter().any(|o| o.person.name == "周科"));
    /// assert!(ledger.officials_on(RegionScope::subtree(laixi), Date::new(2019, 1, 1)?)?.is_empty());
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn officials_on(&self, scope: RegionScope, on: Date) -> Result<Vec<Official>> {
        let mut conds = super::Conditions::new();
        scope.push_condition("po.region_id", &mut conds);
        let d = conds.bind(Value::Text(on.to_string()));
        // Partial dates compare as text: a prefix sorts first, and `end || '~'` sorts after
        // every day the end date covers.
        conds.push_sql(format!("(h.start_date IS NULL OR h.start_date <= {d})"));
        conds.push_sql(format!("(h.end_date IS NULL OR h.end_date || '~' >= {d})"));
        let sql = format!(
            "SELECT pe.id, pe.name, h.id, h.start_date, h.end_date, po.id, po.title, po.organization, po.region_id \
             FROM holding h JOIN person pe ON pe.id = h.person_id JOIN post po ON po.id = h.post_id \
             {} ORDER BY pe.id, h.id",
            conds.where_clause()
        );
        let mut by_person: BTreeMap<i64, Official> = BTreeMap::new();
        let mut stmt = self.conn().prepare_cached(&sql).at(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(conds.params()), |r| {
                let person = Stored {
                    id: r.get(0)?,
                    value: Person { name: r.get(1)? },
                };
                let holding = Stored {
                    id: r.get(2)?,
                    value: Holding {
                        person: person.id,
                        post: r.get(5)?,
                        start: parse_opt(r, 3)?,
                        end: parse_opt(r, 4)?,
                    },
                };
                let post = Stored {
                    id: r.get(5)?,
                    value: Post {
                        title: r.get(6)?,
                        organization: r.get(7)?,
                        region: r.get(8)?,
                    },
                };
                Ok((person, holding, post))
            })
            .at(&sql)?;
        for row in rows {
            let (person, holding, post) = row.at(&sql)?;
            by_person
                .entry(person.id.get())
                .or_insert_with(|| Official {
                    person,
                    posts: Vec::new(),
                })
                .posts
                .push((holding, post));
        }
        Ok(by_person.into_values().collect())
    }
}
