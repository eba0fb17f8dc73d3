//! Project rules.
//!
//! - `project.investment`: a batch or a named project anchored on its total investment:
//!   "总投资超过500亿元的40个海洋项目", "6个项目、总投资24.8亿元", "甲公司、乙公司等总投资
//!   320亿元的16个制造业项目", "总投资12亿元的光伏组件项目".
//! - `project.members`: named examples and a project noun: "商务大厦、科创中心等投入运营",
//!   "东城路、西城路等5条道路拓宽工程", "音乐学校、艺术学院、职业学校三大学校建设"
//!   (count = the stated number, else the number of names; one name is a named project).
//! - `project.count`: a counted batch with a status verb and no investment: "新开工10个项目".
//! - `project.named`: a status verb and a name ending in a project noun: "稳步推进海洋牧场示范项目建设",
//!   "筹建全区首个冷链物流园", "建设首个“国家级种苗基地”".
//!
//! Status comes from the verbs (签约 signed, 开工/启动 started, 在建/加快建设/推进…建设 under
//! construction, 竣工/建成/完成 completed, 投产/运营 in operation, 谋划/筹建/规划建设 planned), a
//! strong word after the project ("年内竣工", "签约落地") beating the verb before it.

use super::super::facts::placeholder_span;
use super::super::facts::{Fact, ProjectFact};
use super::super::measure::{QMention, QUnit};
use super::super::normalize::is_han;
use super::super::text;
use super::super::time::When;
use super::super::{Analysed, Found};
use super::{phrase_at, post_verb, pre_verb, status_from};
use crate::model::{Comparator, Date, Money, ProjectStatus};
use once_cell::sync::Lazy;
use regex::Regex;
use std::ops::Range;

/// Nouns a project's name ends with.
const HEADS: &[&str] = &[
    "项目",
    "工程",
    "基地",
    "批发市场",
    "市场",
    "产业园区",
    "园区",
    "产业园",
    "职教园",
    "科技园",
    "创意园",
    "园",
    "中心",
    "小学",
    "中学",
    "学校",
    "校区",
    "医院",
    "良种场",
    "停车场",
    "场",
    "厂",
    "一条街",
    "街",
    "示范区",
    "大厦",
    "码头",
    "综合体",
    "场馆",
    "体育馆",
    "博物馆",
    "美术馆",
    "图书馆",
    "总部",
    "商城",
    "水厂",
    "电站",
    "高速公路",
    "公路",
    "大桥",
    "隧道",
];

/// The last characters of [`HEADS`], for a cheap first test.
const HEAD_LAST: &str = "目程地场区园心学校院厂街厦头体馆部城站路桥道";

/// The end of the stretch after `pos`: the first phrase separator (or one of `extra`), at most
/// `max` characters on.
fn quick_end(t: &str, pos: usize, max: usize, extra: &str) -> usize {
    let rest = t.get(pos..).unwrap_or("");
    for (n, (i, c)) in rest.char_indices().enumerate() {
        let sep = matches!(
            c,
            '，' | '。' | '；' | '：' | ',' | ';' | ':' | '!' | '?' | '！' | '？' | '\n'
        );
        if n >= max || sep || (!extra.is_empty() && extra.contains(c)) {
            return pos + i;
        }
    }
    t.len()
}

/// What may follow a project's name in the same phrase.
const AFTER_NAME: &[&str] = &[
    "项目建设",
    "规划建设",
    "建设",
    "进度",
    "年内",
    "年底",
    "投产",
    "运营",
    "竣工",
    "开工",
    "签约",
    "落地",
    "和",
    "改扩建",
    "改造",
    "一期",
    "二期",
];

/// Names that are only generic heads once modifiers are gone.
const GENERIC_NAMES: &[&str] = &[
    "项目",
    "工程",
    "基地",
    "市场",
    "园区",
    "产业园区",
    "产业园",
    "园",
    "中心",
    "学校",
    "场",
    "厂",
    "街",
    "示范区",
    "基础设施",
    "重点项目",
    "配套设施",
    "公共服务设施",
];

const GENERIC_MODIFIERS: &[&str] = &[
    "配套",
    "相关",
    "各类",
    "一批",
    "重点",
    "重大",
    "大型",
    "新",
    "各",
    "有关",
    "储备",
    "在建",
    "续建",
    "新建",
    "新开工",
    "谋划",
];

/// Words that may stand before the first name of a list.
const LIST_LEAD: &[&str] = &[
    "确保", "力争", "争取", "推动", "加快", "全力", "重点", "积极", "全面", "着力", "持续", "要",
];

/// The end of a batch's noun phrase.
const BATCH_ENDS: &[&str] = &[
    "项目建设",
    "项目",
    "工程",
    "建设进度",
    "建设",
    "签约落地",
    "投入运营",
    "投产运营",
    "竣工",
    "开工",
    "投产",
];

static VERB: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"开工建设|加快建设|规划建设|稳步推进|大力推进|加快推进|全力推进|引进的|建成|筹建|启动|建设|推进|推动|谋划|签约",
    )
    .expect("static regex")
});

struct Draft {
    start: usize,
    end: usize,
    name: Option<String>,
    count: u32,
    investment: Option<(Money, Comparator)>,
    status: Option<ProjectStatus>,
    sector: Option<String>,
    members: Vec<String>,
    exclude: Vec<Range<usize>>,
    rule: &'static str,
}

pub(crate) fn run(a: &Analysed<'_>, consumed: &mut [bool]) -> Vec<Found> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut taken = Taken::default();
    investments(a, consumed, &mut drafts, &mut taken);
    members(a, consumed, &mut drafts, &mut taken);
    counts(a, consumed, &mut drafts, &mut taken);
    named(a, &mut drafts, &mut taken);
    drafts.into_iter().map(|d| finish(a, d)).collect()
}

/// Stretches of text already read as a project, kept sorted by start.
#[derive(Default)]
struct Taken(Vec<Range<usize>>);

impl Taken {
    fn push(&mut self, r: Range<usize>) {
        let i = self.0.partition_point(|x| x.start < r.start);
        self.0.insert(i, r);
    }
}

fn overlaps(taken: &Taken, s: usize, e: usize) -> bool {
    // Ranges are short (a phrase at most), so only the nearest ones can overlap.
    let i = taken.0.partition_point(|r| r.start < e);
    taken
        .0
        .get(i.saturating_sub(8)..i)
        .unwrap_or(&[])
        .iter()
        .any(|r| r.start < e && s < r.end)
}

fn qm_index_at(a: &Analysed<'_>, start: usize) -> Option<usize> {
    a.qm_at(start)
}

fn is_count_unit(q: &QMention) -> bool {
    matches!(q.unit, QUnit::Word("个" | "条" | "座" | "所" | "处" | "家"))
}

fn count_of(q: &QMention) -> Option<u32> {
    q.value
        .to_integer()
        .and_then(|v| u32::try_from(v).ok())
        .filter(|&v| v >= 1)
}

/// A list of names ending at `end`, starting no earlier than `floor`: split on 、 (and a final
/// 和/及/与). Returns (start, items).
fn list_before(a: &Analysed<'_>, floor: usize, end: usize) -> Option<(usize, Vec<String>)> {
    let raw = text::sub(a.text, floor, end);
    let lead = raw
        .char_indices()
        .find(|&(_, c)| !matches!(c, '和' | '及' | '与' | '对' | '将' | '把'))
        .map_or(raw.len(), |(i, _)| i);
    let mut body = raw.get(lead..)?;
    let mut lead = lead;
    // Cue words before the first name ("确保华能风电、…").
    while let Some(w) = LIST_LEAD.iter().find(|w| body.starts_with(**w)) {
        body = body.get(w.len()..)?;
        lead += w.len();
    }
    if body.is_empty() {
        return None;
    }
    let mut items: Vec<String> = Vec::new();
    for part in body.split('、') {
        for p in part.split(['和', '及']) {
            let p = p.trim_matches(['“', '”', ' ']);
            let n = p.chars().count();
            if !(2..=24).contains(&n) {
                return None;
            }
            if !p
                .chars()
                .all(|c| is_han(c) || c.is_ascii_alphanumeric() || "()（）·“”".contains(c))
            {
                return None;
            }
            items.push(p.to_string());
        }
    }
    Some((floor + lead, items))
}

fn sector_from(modifier: &str) -> Option<String> {
    let mut s = modifier.to_string();
    for w in ["重点", "在建", "各类", "大", "新", "的"] {
        s = s.replace(w, "");
    }
    (!s.is_empty() && s.chars().count() <= 8 && s.chars().all(is_han)).then_some(s)
}

const INVEST_WORDS: &[&str] = &[
    "计划总投资",
    "总投资额",
    "投资总额",
    "总投资",
    "投资额",
    "投资",
];

fn investments(
    a: &Analysed<'_>,
    consumed: &mut [bool],
    drafts: &mut Vec<Draft>,
    taken: &mut Taken,
) {
    let t = a.text;
    for (i, q) in a.qms.iter().enumerate() {
        if q.unit != QUnit::Yuan || consumed.get(i).copied().unwrap_or(true) {
            continue;
        }
        let before = text::before(t, 0, q.start, 6);
        let before = before.trim_end_matches(['为', '达']);
        let Some(word) = INVEST_WORDS.iter().find(|w| before.ends_with(**w)) else {
            continue;
        };
        let trimmed_len = text::before(t, 0, q.start, 6).len() - before.len();
        let inv_start = q.start - trimmed_len - word.len();
        // "建设投资"/"完成投资" are spending, not a project's size.
        let pre2 = text::before(t, 0, inv_start, 2);
        if *word == "投资" && (pre2.ends_with("完成") || pre2.ends_with("固定资产")) {
            continue;
        }
        let Some(money) = q.value.to_integer().and_then(|y| Money::from_yuan(y).ok()) else {
            continue;
        };
        let sent = a.sentence_at(q.start);
        let phrase = phrase_at(a, &sent, q.start);
        let mut d = Draft {
            start: inv_start,
            end: q.end,
            name: None,
            count: 1,
            investment: Some((money, q.comparator)),
            status: None,
            sector: None,
            members: Vec::new(),
            exclude: Vec::new(),
            rule: "project.investment",
        };
        let mut used = vec![i];
        let after = text::sub(t, q.end, phrase.end);
        let mut head_end = q.end;
        let mut found = false;
        if let Some(rest) = after.strip_prefix('的') {
            let rest_start = q.end + '的'.len_utf8();
            // a) the count: "的16个制造业项目".
            if let Some(j) = qm_index_at(a, rest_start) {
                if let Some(cq) = a.qms.get(j).filter(|cq| is_count_unit(cq)) {
                    let tail = text::sub(t, cq.end, phrase.end);
                    if let Some(k) = tail.find("项目") {
                        let modifier = text::sub(t, cq.end, cq.end + k);
                        if modifier.chars().count() <= 10 {
                            if let Some(c) = count_of(cq) {
                                d.count = c;
                                d.sector = sector_from(modifier);
                                head_end = cq.end + k + "项目".len();
                                used.push(j);
                                found = true;
                            }
                        }
                    }
                }
            }
            // b) a list: "的商业广场、滨海商业街等商住综合体项目".
            if !found {
                if let Some(k) = rest.find('等') {
                    let deng = rest_start + k;
                    let head = text::sub(t, deng + '等'.len_utf8(), phrase.end);
                    if let Some(hk) = head.find("项目") {
                        if let Some((_, items)) = list_before(a, rest_start, deng) {
                            let modifier = text::sub(t, deng + 3, deng + 3 + hk);
                            d.sector = sector_from(modifier);
                            d.count = items.len() as u32;
                            d.exclude.push(rest_start..deng);
                            if items.len() == 1 {
                                d.name = items.into_iter().next();
                            } else {
                                d.members = items;
                            }
                            head_end = deng + 3 + hk + "项目".len();
                            found = true;
                        }
                    }
                }
            }
            // c) a name: "的光伏组件项目".
            if !found {
                if let Some((name_end, name)) = name_with_head(rest) {
                    if !name.contains(['、', '等']) && name.chars().count() >= 3 {
                        d.exclude.push(rest_start..rest_start + name_end);
                        d.name = Some(name);
                        head_end = rest_start + name_end;
                        found = true;
                    }
                }
            }
        }
        // d) a count before: "6个项目、总投资24.8亿元".
        if !found {
            let before_inv = text::sub(
                t,
                phrase
                    .start
                    .min(sent.start.max(inv_start.saturating_sub(60))),
                inv_start,
            );
            let trimmed = before_inv.trim_end_matches(['、', '，', ',']);
            if let Some(stripped) = trimmed.strip_suffix("项目") {
                let head_pos = inv_start - (before_inv.len() - stripped.len());
                // the count QMention ending within 8 chars before 项目.
                let window = a.qms_in(head_pos.saturating_sub(40).max(sent.start)..head_pos);
                if let Some(j) = window.into_iter().find(|&j| {
                    a.qms.get(j).is_some_and(|cq| {
                        cq.end <= head_pos && head_pos - cq.end <= 24 && is_count_unit(cq)
                    })
                }) {
                    if let Some(cq) = a.qms.get(j) {
                        if let Some(c) = count_of(cq) {
                            d.count = c;
                            d.sector = sector_from(text::sub(t, cq.end, head_pos));
                            d.start = cq.start;
                            used.push(j);
                            found = true;
                        }
                    }
                }
            }
        }
        if !found {
            // An investment figure with no project noun: not a project fact here.
            continue;
        }

        // Members before: "甲公司、乙公司等总投资…".
        let verb_floor = phrase_at(a, &sent, d.start).start;
        let verb = pre_verb(a, verb_floor, d.start);
        if text::before(t, 0, inv_start, 1) == "等" && d.members.is_empty() && d.name.is_none() {
            let floor = verb.map_or(verb_floor, |v| v.3);
            if let Some((ls, items)) = list_before(a, floor, inv_start - '等'.len_utf8()) {
                d.exclude.push(ls..inv_start);
                d.members = items;
                d.start = ls;
            }
        }
        if let Some(v) = verb {
            d.start = d.start.min(v.2);
        }
        let post = post_verb(a, head_end, phrase.end);
        d.status = status_from(verb.map(|v| (v.0, v.1)), post.map(|p| (p.0, p.1)));
        d.end = match post {
            Some((_, _, p)) => p.max(head_end) + post_len(t, p),
            None => head_end,
        };
        for u in used {
            if let Some(c) = consumed.get_mut(u) {
                *c = true;
            }
        }
        taken.push(d.start..d.end);
        drafts.push(d);
    }
}

fn post_len(t: &str, p: usize) -> usize {
    super::POST_VERBS
        .iter()
        .find(|(w, _, _)| t.get(p..).is_some_and(|s| s.starts_with(w)))
        .map_or(0, |(w, _, _)| w.len())
}

/// The longest prefix of `s` that ends in a project noun and is followed by nothing, or by a
/// word that may follow a name: (byte length, name).
fn name_with_head(s: &str) -> Option<(usize, String)> {
    let mut best: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if !HEAD_LAST.contains(c) {
            continue;
        }
        let end = i + c.len_utf8();
        let Some(prefix) = s.get(..end) else { continue };
        if !HEADS.iter().any(|h| prefix.ends_with(h)) {
            continue;
        }
        let rest = s.get(end..).unwrap_or("");
        let ok = rest.is_empty()
            || rest.starts_with(|c: char| !is_han(c) && c != '“' && c != '”')
            || AFTER_NAME.iter().any(|w| rest.starts_with(w));
        if ok {
            best = Some(end);
        }
    }
    let end = best?;
    let name: String = s
        .get(..end)?
        .chars()
        .filter(|&c| c != '“' && c != '”')
        .collect();
    Some((end, name))
}

fn members(a: &Analysed<'_>, consumed: &mut [bool], drafts: &mut Vec<Draft>, taken: &mut Taken) {
    let t = a.text;
    static ANCHOR: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"等|[一二两三四五六七八九十0-9]+(?:大|个|条|座|所)").expect("static regex")
    });
    let mut last_phrase_end: Option<(Range<usize>, usize)> = None;
    for m in ANCHOR.find_iter(t) {
        if overlaps(taken, m.start(), m.end()) {
            continue;
        }
        // Cheap test first: the words after the anchor must end like a batch.
        let quick = text::sub(t, m.end(), quick_end(t, m.end(), 40, "、和"));
        if !BATCH_ENDS.iter().any(|w| quick.ends_with(w)) {
            continue;
        }
        let sent = a.sentence_at(m.start());
        let phrase = phrase_at(a, &sent, m.start());
        let is_deng = m.as_str() == "等";
        // Without 等, the number must follow a list of at least two names.
        let head_start = m.end();
        let head_stop = text::sub(t, head_start, phrase.end)
            .char_indices()
            .find(|&(_, c)| matches!(c, '、' | '和'))
            .map_or(phrase.end, |(k, _)| head_start + k);
        let mut head = text::sub(t, head_start, head_stop);
        // The stated count right after 等: "等4条道路…".
        let mut count: Option<(u32, usize)> = None;
        if is_deng {
            if let Some(j) = qm_index_at(a, head_start) {
                if let Some(cq) = a.qms.get(j).filter(|cq| is_count_unit(cq)) {
                    count = count_of(cq).map(|c| (c, j));
                }
            }
            if head.starts_with("总投资") {
                continue;
            }
        } else {
            let num = m.as_str().trim_end_matches(['大', '个', '条', '座', '所']);
            let v = super::super::numbers::parse_chinese(num)
                .or_else(|| super::super::numbers::parse_arabic(num))
                .and_then(|d| d.to_integer())
                .and_then(|v| u32::try_from(v).ok())
                .filter(|&v| v >= 2);
            let Some(v) = v else { continue };
            count = Some((v, usize::MAX));
            if let Some(j) = qm_index_at(a, m.start()) {
                count = Some((v, j));
            }
        }
        if !BATCH_ENDS.iter().any(|w| head.ends_with(w)) {
            continue;
        }
        head = head.trim();
        // The list: after the last verb (or the previous batch in this phrase).
        let mut floor = phrase.start;
        if let Some((r, e)) = &last_phrase_end {
            if *r == phrase {
                floor = floor.max(*e);
            }
        }
        let verb = pre_verb(a, floor, m.start());
        let list_floor = verb.map_or(floor, |v| v.3.max(floor));
        let Some((list_start, items)) = list_before(a, list_floor, m.start()) else {
            continue;
        };
        if !is_deng && items.len() < 2 {
            continue;
        }
        let post = post_verb(a, head_start, head_stop);
        let strong_post = post.is_some_and(|p| p.1);
        if verb.is_none() && !strong_post {
            continue;
        }
        let status = status_from(verb.map(|v| (v.0, v.1)), post.map(|p| (p.0, p.1)));
        let (n, j) = count.unwrap_or((items.len() as u32, usize::MAX));
        if let Some(c) = consumed.get_mut(j) {
            *c = true;
        }
        let start = verb.map_or(list_start, |v| v.2);
        let end = head_stop;
        let (name, members) = if n == 1 && items.len() == 1 {
            (items.into_iter().next(), Vec::new())
        } else {
            (None, items)
        };
        taken.push(start..end);
        last_phrase_end = Some((phrase.clone(), end));
        drafts.push(Draft {
            start,
            end,
            name,
            count: n,
            investment: None,
            status,
            sector: None,
            members,
            exclude: std::iter::once(list_start..m.start()).collect(),
            rule: "project.members",
        });
    }
}

fn counts(a: &Analysed<'_>, consumed: &mut [bool], drafts: &mut Vec<Draft>, taken: &mut Taken) {
    let t = a.text;
    for (i, q) in a.qms.iter().enumerate() {
        if consumed.get(i).copied().unwrap_or(true) || !is_count_unit(q) {
            continue;
        }
        if overlaps(taken, q.start, q.end) {
            continue;
        }
        let sent = a.sentence_at(q.start);
        let phrase = phrase_at(a, &sent, q.start);
        let tail = text::sub(t, q.end, phrase.end);
        let Some(k) = tail.find("项目") else {
            continue;
        };
        let modifier = text::sub(t, q.end, q.end + k);
        if modifier.chars().count() > 8 || modifier.contains(['、', '的']) {
            continue;
        }
        let head_end = q.end + k + "项目".len();
        let anaphor = text::before(t, 0, q.start, 1);
        if ["这", "该", "上述", "以上"]
            .iter()
            .any(|w| anaphor.ends_with(w))
        {
            continue;
        }
        let Some(verb) = pre_verb(a, phrase.start, q.start) else {
            continue;
        };
        let post = post_verb(a, head_end, phrase.end);
        let status = status_from(Some((verb.0, verb.1)), post.map(|p| (p.0, p.1)));
        if status.is_none() {
            continue;
        }
        let Some(c) = count_of(q) else { continue };
        if let Some(x) = consumed.get_mut(i) {
            *x = true;
        }
        let start = verb.2;
        taken.push(start..head_end);
        drafts.push(Draft {
            start,
            end: head_end,
            name: None,
            count: c,
            investment: None,
            status,
            sector: sector_from(modifier),
            members: Vec::new(),
            exclude: Vec::new(),
            rule: "project.count",
        });
    }
}

fn strip_name(name: &str) -> String {
    // "全市首家…", "西海岸新区首个…": the scope before 首个/首家 goes.
    let mut s = name;
    for w in ["首个", "首家", "首座", "第一个"] {
        if let Some(k) = s.find(w) {
            if k <= 18 {
                s = s.get(k + w.len()..).unwrap_or(s);
            }
        }
    }
    s.to_string()
}

fn is_generic(name: &str) -> bool {
    let mut s = name.to_string();
    loop {
        let before = s.clone();
        for m in GENERIC_MODIFIERS {
            if let Some(r) = s.strip_prefix(m) {
                s = r.to_string();
            }
        }
        if s == before {
            break;
        }
    }
    // Size classes ("过亿元项目", "亿元以上项目") are not names.
    GENERIC_NAMES.contains(&s.as_str())
        || s.chars().count() < 3
        || s.contains("亿元")
        || s.contains("万元")
}

fn named(a: &Analysed<'_>, drafts: &mut Vec<Draft>, taken: &mut Taken) {
    let t = a.text;
    for m in VERB.find_iter(t) {
        if overlaps(taken, m.start(), m.end()) {
            continue;
        }
        let verb = m.as_str();
        // Cheap test first: a project noun must follow within the phrase.
        let quick = text::sub(t, m.end(), quick_end(t, m.end(), 60, ""));
        if !quick.chars().any(|c| HEAD_LAST.contains(c)) {
            continue;
        }
        let sent = a.sentence_at(m.start());
        let phrase = phrase_at(a, &sent, m.start());
        let body_start = m.end();
        let body = text::sub(t, body_start, phrase.end);
        if body.is_empty()
            || body.contains(['、', '等'])
            || body
                .starts_with(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c))
        {
            continue;
        }
        // A quoted name: "建设首个“国家级种苗基地”", "建设东岸和西岸“美食一条街”".
        let mut names: Vec<(usize, usize, String)> = Vec::new();
        if let Some(q) = a
            .quotes_in(body_start..phrase.end)
            .iter()
            .find(|q| q.start > body_start && q.end <= phrase.end)
        {
            let inner = text::sub(t, q.start, q.end);
            if HEADS.iter().any(|h| inner.ends_with(h)) && !is_generic(inner) {
                names.push((q.start, q.end, inner.to_string()));
            }
        }
        if names.is_empty() {
            // Split "A工程和B项目建设" into two names.
            let mut offset = 0;
            for part in body.split('和') {
                let part_start = body_start + offset;
                offset += part.len() + '和'.len_utf8();
                if let Some((len, name)) = name_with_head(part) {
                    let stripped = strip_name(&name);
                    let lead = name.len() - stripped.len();
                    if !is_generic(&stripped) && stripped.chars().count() <= 25 {
                        names.push((part_start + lead, part_start + len, stripped));
                    }
                }
            }
        }
        if names.is_empty() {
            continue;
        }
        let last_end = names.last().map_or(body_start, |n| n.1);
        let post = post_verb(a, last_end, phrase.end);
        let pre_strong = super::PRE_VERBS
            .iter()
            .find(|(w, _, _)| *w == verb)
            .map(|&(_, st, strong)| (st, strong));
        // "推进X" needs "…建设" after it; 签约/谋划 need nothing.
        let weak_pre = pre_strong.is_some_and(|p| !p.1) && verb != "建设";
        if weak_pre && post.is_none() {
            continue;
        }
        let status = status_from(pre_strong, post.map(|p| (p.0, p.1)));
        if status.is_none() {
            continue;
        }
        let end = match post {
            Some((_, _, p)) => p + post_len(t, p),
            None => last_end,
        };
        for (s, e, name) in names {
            if overlaps(taken, s, e) {
                continue;
            }
            drafts.push(Draft {
                start: m.start(),
                end: end.max(e),
                name: Some(name),
                count: 1,
                investment: None,
                status,
                sector: None,
                members: Vec::new(),
                exclude: std::iter::once(s..e).collect(),
                rule: "project.named",
            });
        }
        taken.push(m.start()..end);
    }
}

fn finish(a: &Analysed<'_>, d: Draft) -> Found {
    let sent = a.sentence_at(d.start);
    let phrase = phrase_at(a, &sent, d.start);
    let mut deadline: Option<Date> = None;
    let mut year = a.year;
    let lo = d.start - text::before(a.text, sent.start, d.start, 80).len();
    let hi = d.end + text::after(a.text, d.end, sent.end, 40).len();
    for tm in a.times_in(lo..hi).iter().filter(|tm| tm.end <= sent.end) {
        let in_phrase = tm.start >= phrase.start && tm.end <= phrase.end.max(d.end);
        match tm.when {
            When::Deadline(dl) if in_phrase => deadline = Some(dl),
            When::MultiYear => year = None,
            When::LastYear(y) | When::Year(y) if tm.start < d.start || in_phrase => year = Some(y),
            When::AsOf(dl) => year = Some(dl.year()),
            _ => {}
        }
    }
    let mut exclude = d.exclude.clone();
    exclude.push(d.start..d.end);
    let place = a
        .ctx
        .region_for(a.text, a.gaz, sent.start, phrase.clone(), d.start, &exclude);
    let (region, region_code) = a.place_name(place);
    let (investment_yuan, comparator) = match d.investment {
        Some((m, c)) => (Some(m), Some(c)),
        None => (None, None),
    };

    Found {
        start: d.start,
        end: d.end,
        fact: Fact::Project(ProjectFact {
            name: d.name,
            count: d.count,
            investment_yuan,
            comparator,
            status: d.status,
            sector: d.sector,
            members: d.members,
            region,
            region_code,
            region_note: a.region_note(place),
            year,
            deadline,
            campaign: None,
            span: placeholder_span(),
            rule: d.rule,
        }),
    }
}
