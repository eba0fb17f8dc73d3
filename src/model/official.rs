use super::{HoldingId, PartialDate, PersonId, PostId, RegionId, Stored};
use serde::{Deserialize, Serialize};

/// A person who holds or held public posts.
///
/// Popolo-style: the person, the [`Post`] and the [`Holding`] that joins them are separate, so a
/// post outlives its holders and a person can hold several posts at once (市委副书记 and 市长).
/// Reporters and correspondents are not officials and are never recorded as persons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The name as texts write it.
    pub name: String,
}

impl Person {
    /// A person.
    pub fn new(name: impl Into<String>) -> Self {
        Person { name: name.into() }
    }
}

/// A post that exists apart from whoever holds it: 市委书记 of 莱西市委.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    /// The title: 市委书记, 镇党委书记, 市长.
    pub title: String,
    /// The organisation the post belongs to: 莱西市委, 泊里镇党委.
    pub organization: String,
    /// The region the organisation governs.
    pub region: Option<RegionId>,
}

impl Post {
    /// A post.
    pub fn new(
        title: impl Into<String>,
        organization: impl Into<String>,
        region: Option<RegionId>,
    ) -> Self {
        Post {
            title: title.into(),
            organization: organization.into(),
            region,
        }
    }
}

/// A person holding a post over a (partially known) time.
///
/// `start` and `end` bound what is known: a source that attests the holding on one day records
/// `start = end = that day`. Either may be `None` (open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holding {
    /// The person holding the post.
    pub person: PersonId,
    /// The post held (市委书记 of 莱西市委).
    pub post: PostId,
    /// The earliest date a source attests the holding (a year, a month or a day).
    pub start: Option<PartialDate>,
    /// The latest date a source attests the holding; not a date the person left.
    pub end: Option<PartialDate>,
}

impl Holding {
    /// A holding attested on one date.
    pub fn attested(person: PersonId, post: PostId, on: PartialDate) -> Self {
        Holding {
            person,
            post,
            start: Some(on),
            end: Some(on),
        }
    }
}

/// An official as queries return one: the person and the posts held, with their holdings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Official {
    /// The person.
    pub person: Stored<PersonId, Person>,
    /// The posts, each with the holding that ties it to the person.
    pub posts: Vec<(Stored<HoldingId, Holding>, Stored<PostId, Post>)>,
}
