//! Finding a stored row by its natural key (a person's name, a post's organisation and title,
//! a campaign's name): what ingestion asks before it inserts, so that one official or campaign
//! named by many texts stays one row.

use crate::error::Result;
use crate::model::{CampaignId, HoldingId, PersonId, PostId, RegionId};
use crate::store::conn::ConnExt;
use crate::Tx;
use rusqlite::types::{FromSql, ToSql};

impl Tx<'_> {
    /// The id in the first row of `sql`, if any.
    fn lookup_id<I: FromSql>(&self, sql: &str, params: &[&dyn ToSql]) -> Result<Option<I>> {
        self.conn()?.row_opt(sql, params, |r| r.get(0))
    }

    /// The campaign called `name`, preferring one of `region`, then the oldest.
    pub(crate) fn campaign_named(
        &self,
        name: &str,
        region: Option<RegionId>,
    ) -> Result<Option<CampaignId>> {
        const SQL: &str =
            "SELECT id FROM campaign WHERE name = ?1 ORDER BY region_id IS NOT ?2, id LIMIT 1";
        self.lookup_id(SQL, &[&name, &region])
    }

    /// The campaign with exactly this name, region and year.
    pub(crate) fn campaign_keyed(
        &self,
        name: &str,
        region: Option<RegionId>,
        year: Option<i32>,
    ) -> Result<Option<CampaignId>> {
        const SQL: &str =
            "SELECT id FROM campaign WHERE name = ?1 AND region_id IS ?2 AND year IS ?3 LIMIT 1";
        self.lookup_id(SQL, &[&name, &region, &year])
    }

    /// The oldest person with this name.
    pub(crate) fn person_named(&self, name: &str) -> Result<Option<PersonId>> {
        const SQL: &str = "SELECT id FROM person WHERE name = ?1 ORDER BY id LIMIT 1";
        self.lookup_id(SQL, &[&name])
    }

    /// The post with this organisation, title and region.
    pub(crate) fn post_keyed(
        &self,
        organization: &str,
        title: &str,
        region: Option<RegionId>,
    ) -> Result<Option<PostId>> {
        const SQL: &str =
            "SELECT id FROM post WHERE organization = ?1 AND title = ?2 AND region_id IS ?3";
        self.lookup_id(SQL, &[&organization, &title, &region])
    }

    /// The oldest holding of `post` by `person`.
    pub(crate) fn holding_of(&self, person: PersonId, post: PostId) -> Result<Option<HoldingId>> {
        const SQL: &str =
            "SELECT id FROM holding WHERE person_id = ?1 AND post_id = ?2 ORDER BY id LIMIT 1";
        self.lookup_id(SQL, &[&person, &post])
    }
}
