//! Official rules.
//!
//! - `official.post`: organisation + title + name, titles chained with 、 or ，:
//!   "某市委副书记、市长张三" is two posts of 张三; "市委常委，某新区工委书记、区委书记李四"
//!   three posts of 李四. The organisation is the place before the title (resolved through the
//!   gazetteer, "访某镇党委书记" → that town), else the previous post's, else the section's
//!   region at the title's level (市委常委 in a district text → the enclosing city).
//! - `official.name_title`: a name followed by 书记/总书记 and a speech verb at a clause start
//!   ("王五书记强调", "…总书记指出"). A bare title for a person already holding a post
//!   with that title ("李四书记强调" after "区委书记李四") adds nothing.
//!
//! Reporters and correspondents (记者, 通讯员) are never officials.

use super::super::facts::placeholder_span;
use super::super::facts::{Fact, OfficialFact};
use super::super::gazetteer::PlaceId;
use super::super::normalize::is_han;
use super::super::text::{self, char_before};
use super::super::{Analysed, Found};
use crate::model::RegionKind;
use once_cell::sync::Lazy;
use regex::Regex;

static TITLE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
          [省市区县州]委(?:常委|副书记|书记)
        | [省市区县州]人大常委会(?:副主任|主任)
        | [省市区县州]政协(?:副主席|主席)
        | 党工委(?:副书记|书记)
        | 党委(?:副书记|书记)
        | 工委(?:副书记|书记)
        | 管委会?(?:副主任|主任)
        | 街道办事处(?:副主任|主任)
        | 副?(?:省|市|区|县|州|镇|乡)长
        ",
    )
    .expect("static regex")
});

/// Verbs after "NAME书记" that make it a mention of an official speaking.
const SPEECH: &[&str] = &[
    "在", "强调", "指出", "明确", "要求", "多次", "说", "表示", "提出", "讲话", "同志", "深刻",
];

/// "NAME书记"/"NAME总书记" followed by a speech verb, the name (2 or 3 Han characters) right
/// after a clause boundary: (name start, title start, title end).
fn name_titles(t: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (k, _) in t.match_indices("书记") {
        let end = k + "书记".len();
        let rest = t.get(end..).unwrap_or("");
        if !SPEECH.iter().any(|w| rest.starts_with(w)) {
            continue;
        }
        let title_start = if t.get(..k).is_some_and(|b| b.ends_with('总')) {
            k - '总'.len_utf8()
        } else {
            k
        };
        let before = t.get(..title_start).unwrap_or("");
        let mut name_start = title_start;
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
        if boundary && (2..=3).contains(&n) {
            out.push((name_start, title_start, end));
        }
    }
    out
}

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习";

const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "夏侯",
];

/// Words that may follow a name.
const AFTER_NAME: &[&str] = &[
    "同志", "出席", "主持", "部署", "强调", "指出", "讲话", "表示", "说", "在", "要求", "参加",
    "调研", "介绍", "带队", "会见", "一行", "等", "对", "的", "为", "作", "宣读", "传达", "代表",
    "率", "到", "就", "和", "与", "及", "以", "向", "也", "还", "先后", "通报", "提出", "表态",
    "致辞", "汇报", "发言", "认为", "答", "接受", "回答", "指", "主",
];

/// The name starting at `pos`, with its end, if one is there.
fn name_at(t: &str, pos: usize) -> Option<usize> {
    let head = text::after(t, pos, t.len(), 5);
    let chars: Vec<(usize, char)> = head.char_indices().collect();
    let compound = COMPOUND_SURNAMES.iter().any(|s| head.starts_with(s));
    let first = chars.first()?.1;
    if !compound && !SURNAMES.contains(first) {
        return None;
    }
    if AFTER_NAME.iter().any(|w| head.starts_with(w))
        || [
            "强调", "指出", "出席", "主持", "要求", "表示", "部署", "同志",
        ]
        .iter()
        .any(|w| head.starts_with(w))
    {
        return None;
    }
    let lens: &[usize] = if compound { &[3, 4] } else { &[2, 3] };
    for &n in lens {
        if chars.len() < n || !chars.iter().take(n).all(|&(_, c)| is_han(c)) {
            continue;
        }
        let end = pos + chars.get(n).map_or(head.len(), |&(i, _)| i);
        let rest = text::after(t, end, t.len(), 2);
        let stop = rest.is_empty()
            || rest.starts_with(|c: char| !is_han(c))
            || AFTER_NAME.iter().any(|w| rest.starts_with(w));
        if stop {
            return Some(end);
        }
    }
    None
}

/// The level character of a title ("市委书记" → 市), if it has one.
fn level_char(title: &str) -> Option<char> {
    let c = title.trim_start_matches('副').chars().next()?;
    "省市区县州镇乡".contains(c).then_some(c)
}

fn kind_matches_level(kind: RegionKind, level: char) -> bool {
    use RegionKind as K;
    match level {
        '省' => kind == K::Province,
        '市' => matches!(kind, K::Prefecture | K::CountyLevelCity | K::Province),
        '区' => matches!(kind, K::District | K::NewArea),
        '县' => matches!(kind, K::County),
        '州' => matches!(kind, K::Prefecture),
        '镇' | '乡' => matches!(kind, K::Town | K::Township),
        _ => false,
    }
}

/// The name of a place as its organisations are named at a level: 西海岸新区 (alias 黄岛区) has
/// a 黄岛区委.
fn org_place_name(a: &Analysed<'_>, place: PlaceId, level: Option<char>) -> String {
    let Some(p) = a.gaz.place(place) else {
        return String::new();
    };
    if let Some(l) = level {
        let fits = |n: &str| n.ends_with(l) && !n.ends_with("新区");
        if !fits(&p.name) {
            if let Some(alias) = p.aliases.iter().find(|n| fits(n) && n.chars().count() >= 3) {
                return alias.clone();
            }
        }
    }
    p.name.clone()
}

fn organization(a: &Analysed<'_>, title: &str, place: Option<PlaceId>) -> Option<String> {
    if title == "总书记" {
        return Some("中共中央".to_string());
    }
    let place = place?;
    let level = level_char(title);
    let base = org_place_name(a, place, level);
    let body = if title.contains("人大常委会") {
        "人大常委会"
    } else if title.contains("政协") {
        "政协"
    } else if title.contains("党工委") {
        "党工委"
    } else if title.contains("党委") {
        "党委"
    } else if title.contains("工委") {
        "工委"
    } else if title.contains("管委") {
        "管委会"
    } else if title.contains("街道办事处") {
        "街道办事处"
    } else if title.contains('委') {
        "委"
    } else if title.ends_with('长') {
        "人民政府"
    } else {
        return None;
    };
    Some(format!("{base}{body}"))
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
        // "平度市委书记": the title's level character completes the name (平度 + 市).
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

/// A short unknown name right before a title, at a clause start ("。平度市委书记" → 平度): the
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

/// The organisation of a post whose place is unknown but named: 平度 + 市委书记 → 平度市委.
fn literal_organization(literal: &str, title: &str) -> Option<String> {
    let level = level_char(title);
    let base = match level {
        Some(l) if !literal.ends_with(l) => format!("{literal}{l}"),
        _ => literal.to_string(),
    };
    let body = if title.contains("人大常委会") {
        "人大常委会"
    } else if title.contains("政协") {
        "政协"
    } else if title.contains("党工委") {
        "党工委"
    } else if title.contains("党委") {
        "党委"
    } else if title.contains("工委") {
        "工委"
    } else if title.contains('委') {
        "委"
    } else if title.ends_with('长') {
        "人民政府"
    } else {
        return None;
    };
    Some(format!("{base}{body}"))
}

struct Post {
    start: usize,
    title_start: usize,
    title: String,
    place: Option<PlaceId>,
    /// An unknown place name right before the title.
    literal: Option<String>,
}

pub(crate) fn run(a: &Analysed<'_>) -> Vec<Found> {
    let t = a.text;
    let titles: Vec<(usize, usize)> = TITLE.find_iter(t).map(|m| (m.start(), m.end())).collect();
    let mut out: Vec<Found> = Vec::new();
    let mut people: Vec<(String, String)> = Vec::new();
    for (ti, &(ts, te)) in titles.iter().enumerate() {
        let Some(name_end) = name_at(t, te) else {
            continue;
        };
        let name = text::sub(t, te, name_end).to_string();
        // Reporters and correspondents.
        let lead = text::before(t, 0, ts, 4);
        if lead.contains("记者") || lead.contains("通讯员") {
            continue;
        }
        // Walk the chain of posts leftwards.
        let mut posts: Vec<Post> = Vec::new();
        let mut cur = ti;

        while let Some(&(s, e)) = titles.get(cur) {
            let (mut pstart, place) = prefix_place(a, s);
            let mut literal = None;
            if place.is_none() {
                if let Some((ls, l)) = literal_prefix(a, s) {
                    pstart = ls;
                    literal = Some(l);
                }
            }
            posts.push(Post {
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
            let found = titles.get(k).filter(|&&(_, pe)| pe == sep_pos).map(|_| k);
            match found {
                Some(p) if p < cur => cur = p,
                _ => break,
            }
        }

        posts.reverse();
        let mut carried: Option<PlaceId> = None;
        let mut carried_literal: Option<String> = None;
        for post in &posts {
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
            let (region, region_code) = if post.title == "总书记" {
                (None, None)
            } else {
                a.place_name(place)
            };
            people.push((name.clone(), post.title.clone()));
            out.push(Found {
                start: post.start,
                end: name_end,
                fact: Fact::Official(OfficialFact {
                    name: name.clone(),
                    title: post.title.clone(),
                    organization: match &literal {
                        Some(l) => literal_organization(l, &post.title),
                        None => organization(a, &post.title, place),
                    },
                    region,
                    region_code,
                    region_note: a.region_note(place),
                    date: a.date,
                    span: placeholder_span(),
                    rule: "official.post",
                }),
            });
        }
    }

    for (ns, ts, te) in name_titles(t) {
        let name = text::sub(t, ns, ts);
        let title = text::sub(t, ts, te);
        if name.contains(['委', '党', '工', '记', '市', '区', '县', '镇', '省']) {
            continue;
        }
        // Already known with a fuller title ending in this one.
        let known = people
            .iter()
            .any(|(pn, pt)| pn == name && pt.ends_with(title));
        if known {
            continue;
        }
        people.push((name.to_string(), title.to_string()));
        let organization = (title == "总书记").then(|| "中共中央".to_string());
        out.push(Found {
            start: ns,
            end: te,
            fact: Fact::Official(OfficialFact {
                name: name.to_string(),
                title: title.to_string(),
                organization,
                region: None,
                region_code: None,
                region_note: None,
                date: a.date,
                span: placeholder_span(),
                rule: "official.name_title",
            }),
        });
    }
    // A bare title found before the full one: drop it.
    let full: Vec<(String, String)> = out
        .iter()
        .filter_map(|f| match &f.fact {
            Fact::Official(o) if o.rule == "official.post" => {
                Some((o.name.clone(), o.title.clone()))
            }
            _ => None,
        })
        .collect();
    out.retain(|f| match &f.fact {
        Fact::Official(o) if o.rule == "official.name_title" => !full
            .iter()
            .any(|(n, t)| *n == o.name && t.ends_with(o.title.as_str()) && *t != o.title),
        _ => true,
    });
    out
}
