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

use super::super::facts::{placeholder_span, Fact, OfficialFact, PostFact};
use super::super::gazetteer::PlaceId;
use super::super::lexicon::officials as lex;
use super::super::normalize::is_han;
use super::super::text::{self, char_before};
use super::super::{Analysed, Found};
use super::{first_words, FewWords};
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

/// The level of a title ("市委书记" → 市, "常务副县长" → 县, "地委书记" → 地), in simplified
/// form.
fn level_char(title: &str) -> Option<char> {
    let t = title
        .trim_start_matches("常务副")
        .trim_start_matches("代理")
        .trim_start_matches(['代', '副']);
    let c = t.chars().next()?;
    "省市区县州旗盟地镇乡".contains(c).then_some(c)
}

fn kind_matches_level(kind: RegionKind, level: char) -> bool {
    use RegionKind as K;
    match level {
        '省' => kind == K::Province,
        '市' => matches!(kind, K::Prefecture | K::CountyLevelCity | K::Province),
        '区' => matches!(kind, K::District | K::NewArea),
        '县' | '旗' => matches!(kind, K::County),
        '州' | '盟' | '地' => matches!(kind, K::Prefecture),
        '镇' | '乡' => matches!(kind, K::Town | K::Township),
        _ => false,
    }
}

/// The body a title's organisation is named with after the place: 市委书记 → 委, 党委书记 →
/// 党委, 县人大常委会主任 → 人大常委会, 常务副县长 → 人民政府; national titles name their
/// organisation whole. One table (`lexicon::officials`) serves places the gazetteer knows and
/// names it does not.
fn body_of(title: &str) -> Option<&'static str> {
    if let Some(&(_, org)) = lex::NATIONAL.iter().find(|(t, _)| *t == title) {
        return Some(org);
    }
    let organ_in = |o: &lex::Organ| o.organ.split('|').any(|w| title.contains(w));
    if let Some(o) = lex::BARE_ORGANS.iter().find(|o| organ_in(o)) {
        return Some(o.body);
    }
    if let Some(o) = lex::ORGANS.iter().find(|o| organ_in(o)) {
        return Some(o.body);
    }
    if title.ends_with('长') || title.ends_with("主席") {
        return Some("人民政府");
    }
    None
}

/// Whether a title is national (its organisation is named whole, with no place).
fn is_national(title: &str) -> bool {
    lex::NATIONAL.iter().any(|(t, _)| *t == title)
}

/// Whether a title is a province's (省委书记, 常务副省长, 自治区主席).
fn is_provincial(title: &str) -> bool {
    level_char(title) == Some('省') || title.starts_with("自治区")
}

/// The organisation of a post: the place's name as its organs are named, then the body.
fn organization(base: Option<&str>, title: &str) -> Option<String> {
    let body = body_of(title)?;
    if is_national(title) {
        return Some(body.to_string());
    }
    let base = base?;
    Some(format!("{base}{body}"))
}

/// The name of a place as its organs are named at a level. A zone (a new area, a development
/// zone) has no committee or government of that level of its own: its organs are those of the
/// division it coincides with, named by an alias at the title's level that is not itself a
/// zone's name (a 某新区 coextensive with 某区 has a 某区委).
fn org_place_name(a: &Analysed<'_>, place: PlaceId, level: Option<char>) -> String {
    let Some(p) = a.gaz.place(place) else {
        return String::new();
    };
    if level == Some('地') {
        return organ_base(&p.name, level);
    }
    if let Some(l) = level {
        let fits = |n: &str| n.ends_with(l) && !lex::is_zone_name(n);
        if !fits(&p.name) {
            if let Some(alias) = p.aliases.iter().find(|n| fits(n) && n.chars().count() >= 3) {
                return alias.clone();
            }
        }
    }
    p.name.clone()
}

/// The place name an organ's name starts with: a 地区's committee is the 地委 (某某地区 →
/// 某某 + 地委).
fn organ_base(name: &str, level: Option<char>) -> String {
    match level {
        Some('地') => format!("{}地", name.strip_suffix("地区").unwrap_or(name)),
        _ => name.to_string(),
    }
}

/// The organisation named after an unknown place right before the title: 甲 + 市委书记 →
/// 甲市委 (the level character completes the name when it is not there).
fn literal_base(literal: &str, title: &str) -> String {
    match level_char(title) {
        Some('地') => organ_base(literal, Some('地')),
        Some(l) if !literal.ends_with(l) => format!("{literal}{l}"),
        _ => literal.to_string(),
    }
}

/// The place a title's prefix names: the longest tail of the Han run before `pos` that the
/// gazetteer knows, read in the context of a place named right before it
/// ("和林格尔县城关镇党委书记" → the 城关镇 of 和林格尔县), else of the section. Returns the
/// prefix start and place.
fn prefix_place(a: &Analysed<'_>, pos: usize) -> (usize, Option<PlaceId>) {
    let run = text::before(a.text, 0, pos, 12);
    let run_start = pos - run.len();
    // Only the Han tail of the window.
    let mut han_start = pos;
    for (i, c) in run.char_indices().rev() {
        if !is_han(c) {
            break;
        }
        han_start = run_start + i;
    }
    let mut k = han_start;
    while k < pos {
        let cand = text::sub(a.text, k, pos);
        let mut ids = a.gaz.lookup(cand);
        // "甲市委书记": the title's level character completes the name (甲 + 市).
        if ids.is_empty() {
            if let Some(l) = text::char_at(a.text, pos).filter(|c| "省市区县州".contains(*c)) {
                ids = a.gaz.lookup(&format!("{cand}{l}"));
            }
        }
        if !ids.is_empty() {
            let before = a
                .ctx
                .mentions_in(han_start, k)
                .filter(|m| m.end == k)
                .find_map(|m| m.place);
            let place = a
                .gaz
                .choose(ids, before.or_else(|| a.ctx.section_region(pos)));
            return (k, place);
        }
        k += text::char_at(a.text, k).map_or(1, char::len_utf8);
    }
    (pos, None)
}

/// A short unknown name right before a title, at a clause start ("。甲市委书记" → 甲): the
/// organisation is named after it even though the gazetteer does not know the place.
fn literal_prefix(a: &Analysed<'_>, pos: usize) -> Option<(usize, String)> {
    let run = text::before(a.text, 0, pos, 5);
    let han: String = run.chars().rev().take_while(|&c| is_han(c)).collect();
    let n = han.chars().count();
    if !(2..=4).contains(&n) {
        return None;
    }
    let literal: String = han.chars().rev().collect();
    let start = pos - literal.len();
    let boundary = match char_before(a.text, start) {
        None => true,
        Some(c) => !is_han(c),
    };
    (boundary && !literal.contains(['的', '和', '是', '在', '任', '原', '副', '访']))
        .then_some((start, literal))
}

/// The name starting at `pos` (one space allowed before it: "市长 覃伟中"), with its start and
/// end.
fn name_at(t: &str, pos: usize) -> Option<(usize, usize)> {
    let pos = if text::char_at(t, pos) == Some(' ') {
        pos + 1
    } else {
        pos
    };
    let head = text::after(t, pos, t.len(), 5);
    let chars: Vec<(usize, char)> = head.char_indices().collect();
    let compound = lex::COMPOUND_SURNAMES.iter().any(|s| head.starts_with(s));
    let first = chars.first()?.1;
    if lex::AFTER_NAME.iter().any(|w| head.starts_with(w)) {
        return None;
    }
    if !compound && !lex::SURNAMES.contains(first) {
        // A family name the table lacks: only a name set off by punctuation right after the
        // title ("县长某某，"), holding no word of the sentence.
        return [3, 2].into_iter().find_map(|n| {
            let end = pos + chars.get(n).map(|&(i, _)| i)?;
            let name = text::sub(t, pos, end);
            let set_off = text::char_at(t, end).is_some_and(|c| "，,、；;。".contains(c));
            (set_off
                && name.chars().all(is_han)
                && !name.contains(lex::NOT_IN_NAME)
                && !name.contains(lex::FUNCTION_CHARS))
            .then_some((pos, end))
        });
    }
    let lens: &[usize] = if compound { &[3, 4] } else { &[2, 3] };
    let end_of = |n: usize| pos + chars.get(n).map_or(head.len(), |&(i, _)| i);
    let all_han = |n: usize| chars.len() >= n && chars.iter().take(n).all(|&(_, c)| is_han(c));
    // A reading followed by a word that may follow a name, or by no Han character.
    for &n in lens {
        if !all_han(n) {
            continue;
        }
        let rest = text::after(t, end_of(n), t.len(), 2);
        if rest.is_empty()
            || rest.starts_with(|c: char| !is_han(c))
            || lex::AFTER_NAME.iter().any(|w| rest.starts_with(w))
        {
            return Some((pos, end_of(n)));
        }
    }
    // Else the longer reading followed by the first character of a verb.
    for &n in lens.iter().rev() {
        if !all_han(n) {
            continue;
        }
        let next = text::char_at(t, end_of(n));
        if next.is_some_and(|c| lex::AFTER_NAME_CHARS.contains(c)) {
            return Some((pos, end_of(n)));
        }
    }
    None
}

/// "NAME书记"/"NAME总理" followed by a speech verb, the name (2 or 3 Han characters) right after
/// a clause boundary: (name start, title start, title end, organisation).
fn name_titles(t: &str) -> Vec<(usize, usize, usize, Option<&'static str>)> {
    // The titles that end in 书记 (总书记 among them) are found as 书记, the others as
    // themselves, all in one pass over the text.
    static SHAPES: Lazy<(FewWords, Vec<&'static str>)> = Lazy::new(|| {
        let shapes: Vec<&'static str> = lex::AFTER_NAME_TITLES
            .iter()
            .map(|(title, _)| {
                if title.ends_with("书记") {
                    "书记"
                } else {
                    *title
                }
            })
            .fold(Vec::new(), |mut v, s| {
                if !v.contains(&s) {
                    v.push(s);
                }
                v
            });
        (FewWords::new(shapes.iter().copied()), shapes)
    });
    let (ac, shapes) = &*SHAPES;
    let mut out = Vec::new();
    let hits = ac.find_iter(t).filter_map(|m| {
        let shape = shapes.get(m.pattern().as_usize())?;
        let end = m.end();
        // The longest title of the table ending here ("总书记" over "书记").
        lex::AFTER_NAME_TITLES
            .iter()
            .filter(|(title, _)| {
                title.ends_with(shape) && t.get(..end).is_some_and(|h| h.ends_with(title))
            })
            .max_by_key(|(title, _)| title.len())
            .map(|&(title, org)| (m.pattern().as_usize(), end - title.len(), title, org))
    });
    for (shape, k, title, org) in hits {
        let end = k + title.len();
        let rest = t.get(end..).unwrap_or("");
        if !lex::SPEECH.iter().any(|w| rest.starts_with(w)) {
            continue;
        }
        let before = t.get(..k).unwrap_or("");
        let mut name_start = k;
        let mut n = 0;
        for (i, c) in before.char_indices().rev() {
            if !is_han(c) || n >= 4 {
                break;
            }
            name_start = i;
            n += 1;
        }
        let boundary = match char_before(t, name_start) {
            None => true,
            Some(c) => c.is_whitespace() || "，。；：！？、“”,.;:!?".contains(c),
        };
        // Often the given name alone ("清宪书记"): no family-name test.
        let name = text::sub(t, name_start, k);
        if boundary && (2..=3).contains(&n) && !name.contains(lex::NOT_IN_NAME) {
            out.push((name_start, shape, k, end, org));
        }
    }
    // In the order of the names, then (as when each shape was searched on its own) shapes.
    out.sort_by_key(|x| (x.0, x.1));
    out.into_iter()
        .map(|(ns, _, k, end, org)| (ns, k, end, org))
        .collect()
}

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
