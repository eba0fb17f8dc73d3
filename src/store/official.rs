//! Persons, posts and holdings.

use super::sql::{column_list, date_text, parse_opt};
use super::table::persist;
use crate::model::{Holding, Person, Post};
use rusqlite::Row;

persist! {
    Person => "person" as Person {
        columns: "name",
        derived: [],
        read: person_from_row,
        bind: |p| [p.name],
    }
}

fn person_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Person> {
    Ok(Person { name: row.get(at)? })
}

persist! {
    Post => "post" as Post {
        columns: column_list!(""; title, organization, region_id),
        derived: [],
        read: post_from_row,
        bind: |p| [p.title, p.organization, p.region],
    }
}

fn post_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Post> {
    Ok(Post {
        title: row.get(at)?,
        organization: row.get(at + 1)?,
        region: row.get(at + 2)?,
    })
}

persist! {
    Holding => "holding" as Holding {
        columns: column_list!(""; person_id, post_id, start_date, end_date),
        derived: [],
        read: holding_from_row,
        bind: |h| [h.person, h.post, date_text(h.start), date_text(h.end)],
    }
}

fn holding_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Holding> {
    Ok(Holding {
        person: row.get(at)?,
        post: row.get(at + 1)?,
        start: parse_opt(row, at + 2)?,
        end: parse_opt(row, at + 3)?,
    })
}
