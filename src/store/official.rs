//! Persons, posts and holdings.

use super::entity::private::Persist;
use super::sql::{column_list, date_text, parse_opt};
use super::table::Table;
use crate::error::EntityKind;
use crate::model::{Holding, Person, Post};
use rusqlite::{params, Row, ToSql};

static PERSON: Table = Table::new("person", "name", &[]);

impl Persist for Person {
    const KIND: EntityKind = EntityKind::Person;

    fn table() -> &'static Table {
        &PERSON
    }

    fn bind<R>(&self, with: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        with(params![self.name])
    }

    fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Person> {
        Ok(Person { name: row.get(at)? })
    }
}

static POST: Table = Table::new(
    "post",
    column_list!(""; title, organization, region_id),
    &[],
);

impl Persist for Post {
    const KIND: EntityKind = EntityKind::Post;

    fn table() -> &'static Table {
        &POST
    }

    fn bind<R>(&self, with: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        with(params![self.title, self.organization, self.region])
    }

    fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Post> {
        Ok(Post {
            title: row.get(at)?,
            organization: row.get(at + 1)?,
            region: row.get(at + 2)?,
        })
    }
}

static HOLDING: Table = Table::new(
    "holding",
    column_list!(""; person_id, post_id, start_date, end_date),
    &[],
);

impl Persist for Holding {
    const KIND: EntityKind = EntityKind::Holding;

    fn table() -> &'static Table {
        &HOLDING
    }

    fn bind<R>(&self, with: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        with(params![
            self.person,
            self.post,
            date_text(self.start),
            date_text(self.end),
        ])
    }

    fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Holding> {
        Ok(Holding {
            person: row.get(at)?,
            post: row.get(at + 1)?,
            start: parse_opt(row, at + 2)?,
            end: parse_opt(row, at + 3)?,
        })
    }
}
