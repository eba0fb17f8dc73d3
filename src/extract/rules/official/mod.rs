//! Official rules.
//!
//! | rule | reads |
//! |---|---|
//! | `official.post` | titles and a name: "某市委副书记、市长张三" (two posts of 张三, one fact), "县委常委、常务副县长李四", "地委副书记、行署专员王五", "某市市长 张三" |
//! | `official.name_title` | a name, then 书记/总书记/总理 and a speech verb at a clause start ("王五书记强调", "李克强总理在…") |
//!
//! A title is an organ and a post in it, from the tables of `lexicon::officials`. One mention
//! of a person is one fact: its `title` and `organization` are the post nearest the name (the
//! government post in "市委副书记、市长"; a division's post over the post in a zone it runs,
//! "某镇党委书记、某镇经济开发区工委书记"), and `posts` lists every post of the chain. A
//! national post's place is the country. The
//! organisation is the place before the title (resolved through the gazetteer, "访某镇党委书记"
//! → that town), else the previous post's, else the section's region at the title's level
//! (市委常委 in a district text → the enclosing city); an unknown place name right before the
//! title names the organisation literally ("甲" + 市委书记 → 甲市委).
//!
//! Reporters, editors and company people (记者, 通讯员, 编辑, 公司 … before the title) are never
//! officials, and a bare title for a person already known with that title adds nothing.

mod names;
mod organ;

use super::super::facts::{placeholder_span, Fact, OfficialFact, PostFact};
use super::super::gazetteer::PlaceId;
use super::super::lexicon::officials as lex;
use super::super::text::{self, char_before};
use super::super::{Analysed, Found};
use super::first_words;
use crate::model::RegionKind;
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;
use regex::Regex;

/// Every title of the tables, as one pattern.
static TITLE: Lazy<Regex> = Lazy::new(|| {
    let mut alts: Vec<String> = Vec::new();
    for o in lex::ORGANS {
        alts.push(format!("{}(?:{})(?:{})", lex::LEVEL, o.organ, o.posts));
    }
    for o in lex::BARE_ORGANS {
        alts.push(format!("(?:{})(?:{})", o.organ, o.posts));
    }
    alts.push(format!(
        "{}{}{}",
        lex::HEAD_PREFIXES,
        lex::HEAD_LEVEL,
        lex::HEAD_POST
    ));
    alts.push("自治区(?:人民政府)?(?:常务副|副)?主席".to_string());
    // National titles written before the name ("国务院总理李克强"); 总书记 comes after it and
    // is read by `official.name_title`.
    for (t, _) in lex::NATIONAL.iter().filter(|(t, _)| *t != "总书记") {
        alts.push((*t).to_string());
    }
    Regex::new(&alts.join("|")).expect("static regex")
});

use names::{literal_prefix, name_at, name_titles, prefix_place};
use organ::{
    is_national, is_provincial, kind_matches_level, level_char, literal_base, org_place_name,
    organization,
};

/// One post of a chain, as read.
struct Post {
    start: usize,
    title_start: usize,
    title: String,
    place: Option<PlaceId>,
    /// An unknown place name right before the title.
    literal: Option<String>,
}

pub(crate) fn run(a: &Analysed<'_>) -> Vec<Found> {
    static NOT_OFFICIAL: Lazy<AhoCorasick> =
        Lazy::new(|| first_words(lex::NOT_OFFICIAL_BEFORE.iter().copied()));
    let t = a.text;
    let titles: Vec<(usize, usize)> = TITLE.find_iter(t).map(|m| (m.start(), m.end())).collect();
    let mut out: Vec<Found> = Vec::new();
    let mut people: Vec<(String, String)> = Vec::new();
    for (ti, &(ts, te)) in titles.iter().enumerate() {
        let Some((name_start, name_end)) = name_at(t, te) else {
            continue;
        };
        let name = text::sub(t, name_start, name_end).to_string();
        // Bylines, editors, company posts.
        let lead = text::before(t, 0, ts, 6);
        if NOT_OFFICIAL.is_match(lead) {
            continue;
        }
        // Walk the chain of posts leftwards.
        let mut chain: Vec<Post> = Vec::new();
        let mut cur = ti;
        while let Some(&(s, e)) = titles.get(cur) {
            let (mut pstart, place) = prefix_place(a, s);
            let mut literal = None;
            if place.is_none() {
                if let Some((ls, l)) = literal_prefix(a, s) {
                    pstart = ls;
                    // The provinces are a closed set: before a province's title, a name the
                    // national table does not know is no province (text a crawler spliced
                    // in); the post is the text's own province's, and the chain reads on.
                    let closed = a.gaz.holds_every_province() && is_provincial(text::sub(t, s, e));
                    literal = (!closed).then_some(l);
                }
            }
            chain.push(Post {
                start: pstart,
                title_start: s,
                title: text::sub(t, s, e).to_string(),
                place,
                literal,
            });
            let sep = char_before(t, pstart);
            if !matches!(sep, Some('、' | '，' | ',')) {
                break;
            }
            let sep_pos = pstart - sep.map_or(0, char::len_utf8);
            let k = titles.partition_point(|&(_, pe)| pe < sep_pos);
            match titles.get(k).filter(|&&(_, pe)| pe == sep_pos).map(|_| k) {
                Some(p) if p < cur => cur = p,
                _ => break,
            }
        }
        chain.reverse();
        let (posts, note, head) = resolve_posts(a, &chain);
        let Some(last) = posts.get(head).cloned() else {
            continue;
        };
        for p in &posts {
            people.push((name.clone(), p.title.clone()));
        }
        out.push(Found {
            start: chain.first().map_or(ts, |p| p.start),
            end: name_end,
            fact: Fact::Official(OfficialFact {
                name: name.clone(),
                title: last.title,
                organization: last.organization,
                region: last.region,
                region_code: last.region_code,
                region_note: note,
                posts,
                date: a.date,
                span: placeholder_span(),
                rule: "official.post",
            }),
        });
    }

    for (ns, ts, te, org) in name_titles(t) {
        let name = text::sub(t, ns, ts);
        let title = text::sub(t, ts, te);
        // Already known with a title ending in this one.
        if people
            .iter()
            .any(|(pn, pt)| pn == name && pt.ends_with(title))
        {
            continue;
        }
        people.push((name.to_string(), title.to_string()));
        // A title that implies its organisation implies a national one (总书记, 总理): the
        // country is the post's place.
        let (region, region_code) = a.place_name(org.and(a.gaz.root()));
        let post = PostFact {
            title: title.to_string(),
            organization: org.map(str::to_string),
            region: region.clone(),
            region_code: region_code.clone(),
        };
        out.push(Found {
            start: ns,
            end: te,
            fact: Fact::Official(OfficialFact {
                name: name.to_string(),
                title: title.to_string(),
                organization: post.organization.clone(),
                region,
                region_code,
                region_note: None,
                posts: vec![post],
                date: a.date,
                span: placeholder_span(),
                rule: "official.name_title",
            }),
        });
    }
    out
}

/// The organisation and region of each post of a chain, left to right: a post's own place,
/// else the place carried from the post before it when its level fits, else the section's
/// region or the enclosing place at the title's level; a national post's region is the
/// country. With them, why the headline post's region is null, when it is, and which post
/// heads the fact: the one nearest the name, unless it is in a zone (a development zone's
/// 工委) that another post's division holds ("某镇党委书记、某镇经济开发区工委书记": the
/// zone is run by the town, whose post is the person's place).
fn resolve_posts(a: &Analysed<'_>, chain: &[Post]) -> (Vec<PostFact>, Option<String>, usize) {
    let mut out = Vec::with_capacity(chain.len());
    let mut notes: Vec<Option<String>> = Vec::with_capacity(chain.len());
    let mut places: Vec<Option<PlaceId>> = Vec::with_capacity(chain.len());
    let mut carried: Option<PlaceId> = None;
    let mut carried_literal: Option<String> = None;
    for post in chain {
        let level = level_char(&post.title);
        if post.literal.is_some() {
            carried_literal = post.literal.clone();
            carried = None;
        } else if post.place.is_some() {
            carried_literal = None;
        }
        let literal = if post.place.is_none() {
            carried_literal.clone()
        } else {
            None
        };
        let place = if literal.is_some() {
            None
        } else {
            post.place.or_else(|| {
                let carry_ok = carried.is_some_and(|c| match level {
                    Some(l) => {
                        a.gaz
                            .place(c)
                            .is_some_and(|p| kind_matches_level(p.kind, l))
                            || org_place_name(a, c, Some(l)).ends_with(l)
                    }
                    None => true,
                });
                if carry_ok {
                    carried
                } else {
                    let from = a.ctx.section_region(post.title_start)?;
                    let l = level?;
                    std::iter::once(from)
                        .chain(a.gaz.ancestors(from))
                        .find(|&p| {
                            a.gaz
                                .place(p)
                                .is_some_and(|pl| kind_matches_level(pl.kind, l))
                        })
                }
            })
        };
        if post.place.is_some() {
            carried = post.place;
        } else if carried.is_none() {
            carried = place;
        }
        let national = is_national(&post.title);
        let place = if national { a.gaz.root() } else { place };
        let (region, region_code) = a.place_name(place);
        notes.push(if national || literal.is_some() {
            None
        } else {
            a.region_note(place)
        });
        places.push(place);
        let base = match (&literal, place) {
            (Some(l), _) => Some(literal_base(l, &post.title)),
            (None, Some(p)) => Some(org_place_name(a, p, level)),
            (None, None) => None,
        };
        out.push(PostFact {
            title: post.title.clone(),
            organization: organization(base.as_deref(), &post.title),
            region,
            region_code,
        });
    }
    let last = out.len().saturating_sub(1);
    let is_zone = |p: PlaceId| {
        a.gaz.place(p).is_some_and(|pl| {
            matches!(
                pl.kind,
                RegionKind::DevelopmentZone | RegionKind::EconomicZone | RegionKind::Park
            )
        })
    };
    let head = match places.get(last).copied().flatten() {
        Some(z) if is_zone(z) => places
            .iter()
            .position(|p| p.is_some_and(|p| p != z && !is_zone(p) && a.gaz.is_within(z, p)))
            .unwrap_or(last),
        _ => last,
    };
    let note = notes.get(head).cloned().flatten();
    (out, note, head)
}
