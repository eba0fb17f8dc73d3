//! Persons, posts and holdings.

use super::entity::private::Persist;
use super::sql::{date_text, map_err, optional, parse_opt};
use crate::error::{EntityKind, Result};
use crate::model::{Holding, Person, Post};
use crate::store::conn::{At, ConnExt};
use rusqlite::{params, Connection};

impl Persist for Person {
    const KIND: EntityKind = EntityKind::Person;
    const TABLE: &'static str = "person";

    fn insert(conn: &Connection, p: &Person, id: Option<i64>) -> Result<i64> {
        const SQL: &str = "INSERT INTO person (name, id) VALUES (?1, ?2)";
        conn.prepare_cached(SQL)
            .and_then(|mut s| s.execute(params![p.name, id]))
            .map_err(|e| map_err(EntityKind::Person, SQL, e))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(conn: &Connection, id: i64, p: &Person) -> Result<bool> {
        const SQL: &str = "UPDATE person SET name = ?2 WHERE id = ?1";
        let n = conn
            .prepare_cached(SQL)
            .and_then(|mut s| s.execute(params![id, p.name]))
            .map_err(|e| map_err(EntityKind::Person, SQL, e))?;
        Ok(n == 1)
    }

    fn read(conn: &Connection, id: i64) -> Result<Option<Person>> {
        const SQL: &str = "SELECT name FROM person WHERE id = ?1";
        conn.row_opt(SQL, [id], |r| Ok(Person { name: r.get(0)? }))
    }
}

impl Persist for Post {
    const KIND: EntityKind = EntityKind::Post;
    const TABLE: &'static str = "post";

    fn insert(conn: &Connection, p: &Post, id: Option<i64>) -> Result<i64> {
        const SQL: &str =
            "INSERT INTO post (title, organization, region_id, id) VALUES (?1, ?2, ?3, ?4)";
        conn.prepare_cached(SQL)
            .and_then(|mut s| s.execute(params![p.title, p.organization, p.region, id]))
            .map_err(|e| map_err(EntityKind::Post, SQL, e))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(conn: &Connection, id: i64, p: &Post) -> Result<bool> {
        const SQL: &str =
            "UPDATE post SET title = ?2, organization = ?3, region_id = ?4 WHERE id = ?1";
        let n = conn
            .prepare_cached(SQL)
            .and_then(|mut s| s.execute(params![id, p.title, p.organization, p.region]))
            .map_err(|e| map_err(EntityKind::Post, SQL, e))?;
        Ok(n == 1)
    }

    fn read(conn: &Connection, id: i64) -> Result<Option<Post>> {
        const SQL: &str = "SELECT title, organization, region_id FROM post WHERE id = ?1";
        conn.prepare_cached(SQL)
            .and_then(|mut s| {
                optional(s.query_row([id], |r| {
                    Ok(Post {
                        title: r.get(0)?,
                        organization: r.get(1)?,
                        region: r.get(2)?,
                    })
                }))
            })
            .at(SQL)
    }
}

impl Persist for Holding {
    const KIND: EntityKind = EntityKind::Holding;
    const TABLE: &'static str = "holding";

    fn insert(conn: &Connection, h: &Holding, id: Option<i64>) -> Result<i64> {
        const SQL: &str = "INSERT INTO holding (person_id, post_id, start_date, end_date, id) VALUES (?1, ?2, ?3, ?4, ?5)";
        conn.prepare_cached(SQL)
            .and_then(|mut s| {
                s.execute(params![
                    h.person,
                    h.post,
                    date_text(h.start),
                    date_text(h.end),
                    id
                ])
            })
            .map_err(|e| map_err(EntityKind::Holding, SQL, e))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(conn: &Connection, id: i64, h: &Holding) -> Result<bool> {
        const SQL: &str = "UPDATE holding SET person_id = ?2, post_id = ?3, start_date = ?4, end_date = ?5 WHERE id = ?1";
        let n = conn
            .prepare_cached(SQL)
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    h.person,
                    h.post,
                    date_text(h.start),
                    date_text(h.end)
                ])
            })
            .map_err(|e| map_err(EntityKind::Holding, SQL, e))?;
        Ok(n == 1)
    }

    fn read(conn: &Connection, id: i64) -> Result<Option<Holding>> {
        const SQL: &str =
            "SELECT person_id, post_id, start_date, end_date FROM holding WHERE id = ?1";
        conn.prepare_cached(SQL)
            .and_then(|mut s| {
                optional(s.query_row([id], |r| {
                    Ok(Holding {
                        person: r.get(0)?,
                        post: r.get(1)?,
                        start: parse_opt(r, 2)?,
                        end: parse_opt(r, 3)?,
                    })
                }))
            })
            .at(SQL)
    }
}
