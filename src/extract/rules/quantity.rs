//! Target and observation rules.
//!
//! Every quantity mention no project took becomes a target (`quantity.target`: promised or
//! required) or an observation (`quantity.observation`: achieved or standing), told apart by
//! the nearest cue word: 要, 力争, 确保, 目标, 预计, 将 … make a target; 去年, 截至, 共有, 目前,
//! 已, 贡献了, 发挥/用好/依托 (standing resources) make an observation; the phrase is read first,
//! then the sentence, then the sentences before it in the paragraph; plans default to targets.
//!
//! The measure is `growth` for a percentage after 增长/提高 (or before 的增长), `share` for other
//! percentages, `level` otherwise. "完成投资1200亿元、增长15%" is two targets on the metric
//! 完成投资; "税收、工业产值等指标实现10%以上的增长" is one per listed metric.

use super::super::facts::{placeholder_span, Fact, MeasureFact};
use super::super::measure::{QMention, QUnit};
use super::super::normalize::is_han;
use super::super::text;
use super::super::time::When;
use super::super::{Analysed, Found};
use super::phrase_at;
use crate::model::{Date, Measure, Unit};
use once_cell::sync::Lazy;
use regex::Regex;

const TARGET_CUES: &[&str] = &[
    "力争", "确保", "争取", "目标", "预计", "计划", "必须", "务必", "力求", "要", "将", "拟",
];
const OBS_CUES: &[&str] = &[
    "过去一年",
    "过去",
    "上年",
    "同比",
    "去年",
    "截至",
    "截止",
    "目前",
    "现有",
    "共有",
    "已经",
    "已",
    "累计",
    "贡献了",
    "拥有",
    "以来",
    "近年来",
    "涵盖了",
];

/// Cues of a standing resource, read only inside the number's own phrase ("发挥25个…中心作用").
const RESOURCE_CUES: &[&str] = &["发挥", "用好", "依托", "利用好"];

/// Characters before 要 that make it part of another word (重要, 主要, 需要 …).
const YAO_WORDS: &[&str] = &[
    "重要", "主要", "需要", "纪要", "首要", "要素", "要件", "提要", "只要",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Target,
    Observation,
}

static CUE: Lazy<Regex> = Lazy::new(|| {
    let mut words: Vec<&str> = TARGET_CUES.iter().chain(OBS_CUES).copied().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.push("了");
    Regex::new(&words.join("|")).expect("static regex")
});

/// The nearest cue in `s` (closest to its end): its kind.
fn nearest_cue(s: &str) -> Option<Kind> {
    let mut best: Option<Kind> = None;
    for m in CUE.find_iter(s) {
        let (at, w) = (m.start(), m.as_str());
        let kind = if w == "了" {
            // Perfective 了 after a verb ("推出了"), not 了解/为了/除了.
            let prev = text::before(s, 0, at, 1);
            let next = text::after(s, m.end(), s.len(), 1);
            if next == "解" || ["为", "除", "不", "罢", "得"].contains(&prev) || prev.is_empty()
            {
                continue;
            }
            Kind::Observation
        } else if OBS_CUES.contains(&w) {
            Kind::Observation
        } else {
            if w == "要" {
                let around = text::sub(s, at.saturating_sub(3), (at + 6).min(s.len()));
                if YAO_WORDS.iter().any(|y| around.contains(y)) {
                    continue;
                }
            }
            if w == "将" && s.get(m.end()..).is_some_and(|r| r.starts_with("管委")) {
                continue;
            }
            Kind::Target
        };
        best = Some(kind);
    }
    best
}

/// Whether a cue after the number in its phrase decides the kind ("…58项改革任务要全部完成",
/// "两个园区建成了", "五个县中规模最大").
fn cue_after(s: &str) -> Option<Kind> {
    let head = text::after(s, 0, s.len(), 16);
    if head.contains('要') && !YAO_WORDS.iter().any(|y| head.contains(y)) {
        return Some(Kind::Target);
    }
    if head.contains("中面积") || head.contains("中最") {
        return Some(Kind::Observation);
    }
    if head.contains("目标") {
        return Some(Kind::Target);
    }
    let mut from = 0;
    while let Some(k) = head.get(from..).and_then(|x| x.find('了')) {
        let at = from + k;
        from = at + '了'.len_utf8();
        let next = text::after(head, from, head.len(), 1);
        if next != "解" {
            return Some(Kind::Observation);
        }
    }
    None
}

fn classify(
    a: &Analysed<'_>,
    sent: &std::ops::Range<usize>,
    phrase: &std::ops::Range<usize>,
    q: &QMention,
) -> Kind {
    // A figure of a past year ("2022年，全市地区生产总值增长4.5%") is an observation.
    let lo = q.start - text::before(a.text, sent.start, q.start, 60).len();
    for tm in a.times_in(lo..q.start) {
        if let (When::Year(y), Some(doc)) = (tm.when, a.year) {
            if y < doc {
                return Kind::Observation;
            }
        }
    }
    // A figure as of a past date is an observation.
    for tm in a
        .times_in(phrase.clone())
        .iter()
        .filter(|tm| tm.end <= phrase.end)
    {
        if matches!(tm.when, When::LastYear(_) | When::AsOf(_)) && tm.end <= q.start {
            return Kind::Observation;
        }
    }
    let before = text::sub(a.text, phrase.start, q.start);
    if RESOURCE_CUES.iter().any(|w| before.contains(w)) {
        return Kind::Observation;
    }
    if let Some(k) = nearest_cue(before) {
        return k;
    }
    if let Some(k) = cue_after(text::sub(a.text, q.end, phrase.end)) {
        return k;
    }
    if let Some(k) = nearest_cue(text::before(a.text, sent.start, phrase.start, 80)) {
        return k;
    }
    // The sentences before, within the paragraph (at most six).
    let i = a.sentences.partition_point(|s| s.end <= sent.start);
    for back in 1..=6 {
        let Some(prev) = i.checked_sub(back).and_then(|j| a.sentences.get(j)) else {
            break;
        };
        if text::sub(a.text, prev.end, sent.start).contains('\n') {
            break;
        }
        if let Some(k) = nearest_cue(text::before(a.text, prev.start, prev.end, 80)) {
            return k;
        }
    }
    Kind::Target
}

/// Words stripped from the front of a metric.
const LEAD_WORDS: &[&str] = &[
    "今年以来",
    "今年",
    "去年",
    "明年",
    "目前",
    "当前",
    "同时",
    "其中",
    "此外",
    "全年",
    "年内",
    "上半年",
    "力争",
    "确保",
    "争取",
    "预计",
    "计划",
    "必须",
    "务必",
    "力求",
    "要",
    "将",
    "共有",
    "现有",
    "共",
    "新区",
    "我区",
    "全区",
    "我镇",
    "全镇",
    "我市",
    "全市",
    "我们",
    "的",
    "是",
    "目标是",
    "直接",
    "既为",
    "为",
    "对",
    "把",
    "在",
    "实现",
    "推动",
    "带动",
    "高质量",
    "切实",
    "牵头",
    "全力",
    "重点",
    "主动",
    "积极",
    "加快",
    "大力",
    "持续",
    "进一步",
    "聚焦",
    "锚定",
    "瞄准",
    "紧盯",
    "围绕",
    "“",
    "”",
];

/// Words stripped from the end of a metric.
const TAIL_WORDS: &[&str] = &[
    "要",
    "将",
    "达到",
    "达",
    "突破",
    "超过",
    "超",
    "为",
    "约",
    "近",
    "实现",
    "力争",
    "确保",
    "要求",
    "增长",
    "提高",
    "增加",
    "完成了",
    "完成",
    "共有",
    "有",
    "是",
    "了",
    "的",
    "都",
    "全部",
    "均",
    "占全市的",
    "占全区的",
    "占",
    "控制在",
    "同比增长",
    "同比",
    "分别",
    "保持在",
    "稳定在",
    "达到了",
];

fn clean_metric(a: &Analysed<'_>, start: usize, end: usize) -> String {
    // A quoted figure: the metric starts inside the quotation ("锚定“完成投资…").
    let start = match text::sub(a.text, start, end).rfind('“') {
        Some(k) => start + k + '“'.len_utf8(),
        None => start,
    };
    let mut s = text::sub(a.text, start, end).to_string();
    // Drop place names at the front.
    for m in a.ctx.mentions_in(start, end) {
        if m.start == start + (text::sub(a.text, start, end).len() - s.len()) {
            let name = text::sub(a.text, m.start, m.end);
            if let Some(r) = s.strip_prefix(name) {
                s = r.to_string();
            }
        }
    }
    loop {
        let before = s.clone();
        for w in LEAD_WORDS {
            if let Some(r) = s.strip_prefix(w) {
                if !r.is_empty() {
                    s = r.to_string();
                }
            }
        }
        for w in TAIL_WORDS {
            if let Some(r) = s.strip_suffix(w) {
                if !r.is_empty() {
                    s = r.to_string();
                }
            }
        }
        // Time words anywhere at the front: "2020年".
        let trimmed = s.trim_start_matches(|c: char| c.is_ascii_digit());
        if let Some(r) = trimmed.strip_prefix('年') {
            s = r.to_string();
        }
        if s == before {
            break;
        }
    }
    s.chars()
        .filter(|&c| is_han(c) || c.is_ascii_alphanumeric())
        .collect()
}

/// The noun after a unit: "300多家研发机构和9所高校作用" → 研发机构.
fn noun_after(a: &Analysed<'_>, from: usize, ceil: usize) -> String {
    let s = text::sub(a.text, from, ceil);
    let s = s.strip_prefix('的').unwrap_or(s);
    let mut out = String::new();
    for c in s.chars() {
        if !is_han(c) && c != '“' && c != '”' {
            break;
        }
        if matches!(c, '和' | '及' | '等' | '的') || out.chars().count() >= 16 {
            break;
        }
        if c != '“' && c != '”' {
            out.push(c);
        }
    }
    for w in ["作用", "以上", "左右", "标准化规范化建设", "具体", "落地"] {
        if let Some(k) = out.find(w) {
            out.truncate(k);
        }
    }
    out
}

pub(crate) fn run(a: &Analysed<'_>, consumed: &[bool]) -> Vec<Found> {
    let t = a.text;
    let mut out: Vec<Found> = Vec::new();
    // (phrase start, metric) of the previous quantity, for "、增长25%".
    let mut prev: Option<(usize, usize, String, String)> = None;
    for (i, q) in a.qms.iter().enumerate() {
        if consumed.get(i).copied().unwrap_or(true) {
            continue;
        }
        let sent = a.sentence_at(q.start);
        let phrase = phrase_at(a, &sent, q.start);
        // A count of projects with no verb is not a quantity ("这9个项目", "服务好9个项目"),
        // unless it states a stock ("共有64个总部项目").
        let unit_tail = text::after(t, q.unit_end, phrase.end, 10);
        let anaphor = text::before(t, 0, q.start, 1);
        if ["这", "该"].contains(&anaphor) {
            continue;
        }
        let phrase_before = text::sub(t, phrase.start, q.start);
        if unit_tail.contains("项目")
            && !phrase_before.contains("共有")
            && !phrase_before.contains("现有")
        {
            continue;
        }
        let kind = classify(a, &sent, &phrase, q);
        let after_unit = text::after(t, q.end, phrase.end, 4);
        let measure = if q.unit == QUnit::Percent {
            let b = text::before(t, phrase.start, q.start, 8).replace("增加值", "");
            // The later of a growth word and 占 (a share of a whole) decides.
            let growth_at = [
                "增长", "增速", "增幅", "提高", "提升", "增加", "上升", "下降", "降低",
            ]
            .iter()
            .filter_map(|w| b.rfind(w))
            .max();
            let share_at = b.rfind('占');
            let grows = growth_at.is_some_and(|g| share_at.map_or(true, |s| s < g))
                || after_unit.starts_with("的增长")
                || after_unit.starts_with("以上的增长")
                || after_unit.starts_with("的增速");
            if grows {
                Measure::Growth
            } else {
                Measure::Share
            }
        } else {
            Measure::Level
        };
        // The item of a 、-list the number is in.
        let item_start = {
            let s = text::sub(t, phrase.start, q.start);
            s.rfind('、')
                .map_or(phrase.start, |k| phrase.start + k + '、'.len_utf8())
        };
        let mut metrics: Vec<String> = Vec::new();
        let mut subject_of = String::new();
        // "A、B等指标实现10%": one fact per listed metric.
        if let Some(k) = phrase_before.find('等') {
            let list = text::sub(t, phrase.start, phrase.start + k);
            let items: Vec<&str> = list.split('、').collect();
            let between = text::sub(t, phrase.start + k + '等'.len_utf8(), q.start);
            if items.len() >= 2 && between.chars().count() >= 2 && !between.contains('、') {
                for (n, it) in items.iter().enumerate() {
                    let off = list.find(it).unwrap_or(0);
                    let s = phrase.start + off;
                    let cleaned = clean_metric(a, s, s + it.len());
                    if !cleaned.is_empty() && (n > 0 || cleaned.chars().count() >= 2) {
                        metrics.push(cleaned);
                    }
                }
            }
        }
        if metrics.is_empty() {
            let before_metric = clean_metric(a, item_start, q.start);
            let noun = noun_after(a, q.end, phrase.end);
            let of_noun = after_unit.starts_with('的')
                && !noun.is_empty()
                && !["目标", "任务", "增长", "增速"]
                    .iter()
                    .any(|w| noun.starts_with(w));
            let subject = if before_metric.chars().count() >= 2 {
                before_metric.clone()
            } else {
                match &prev {
                    Some((ps, ss, _, subj)) if *ps == phrase.start || *ss == sent.start => {
                        subj.clone()
                    }
                    _ => before_metric.clone(),
                }
            };
            let metric = if of_noun && q.unit == QUnit::Percent {
                // "贡献了60%的产值、40%的税收": the subject's share of each noun.
                subject_of = subject.clone();
                format!("{subject}{noun}")
            } else if !noun.is_empty() && q.unit != QUnit::Percent {
                let verb = before_metric;
                if verb.chars().count() <= 4 && !verb.is_empty() && !verb.ends_with("投资") {
                    format!("{verb}{noun}")
                } else {
                    noun
                }
            } else if before_metric.chars().count() >= 2
                && !TAIL_WORDS.contains(&before_metric.as_str())
            {
                before_metric
            } else {
                match &prev {
                    Some((ps, _, m, _)) if *ps == phrase.start || *ps == sent.start => m.clone(),
                    _ => before_metric,
                }
            };
            let metric = if metric.is_empty() {
                let noun = noun_after(a, q.end, phrase.end);
                if ["目标", "任务"].iter().any(|w| noun.starts_with(w)) {
                    String::new()
                } else {
                    noun
                }
            } else {
                metric
            };
            metrics.push(metric);
        }
        // Time.
        let mut year = a.year;
        let mut deadline: Option<Date> = None;
        let later_has_number = |tm_start: usize| {
            !a.qms_in(phrase.end.max(q.end)..tm_start.max(phrase.end))
                .is_empty()
        };
        let lo = q.start - text::before(t, sent.start, q.start, 80).len();
        let hi = q.end + text::after(t, q.end, sent.end, 80).len();
        for tm in a.times_in(lo..hi).iter().filter(|tm| tm.end <= sent.end) {
            let same_item = tm.start >= item_start && tm.end <= q.start.max(item_start)
                || (tm.start >= q.end
                    && tm.end <= phrase.end
                    && !text::sub(t, q.end, tm.start).contains('、'));
            let same_phrase = tm.start >= phrase.start && tm.end <= phrase.end;
            let later_clause = tm.start >= phrase.end && !later_has_number(tm.start);
            match tm.when {
                When::Deadline(d)
                    if same_item || (later_clause && !same_phrase && deadline.is_none()) =>
                {
                    deadline = Some(d);
                }
                When::MultiYear if tm.start < q.start || same_phrase => year = None,
                When::LastYear(y) if tm.start < q.start => year = Some(y),
                When::Year(y) if tm.start < q.start => year = Some(y),
                When::AsOf(d) if tm.start < q.start => {
                    year = Some(d.year());
                    if kind == Kind::Observation {
                        deadline = Some(d);
                    }
                }
                _ => {}
            }
        }
        // A phrase with a target cue and an earlier deadline in another phrase ("年内完成70%").
        let place = a
            .ctx
            .region_for(t, a.gaz, sent.start, phrase.clone(), q.start, &[]);
        let (region, region_code) = a.place_name(place);
        let unit = match q.unit {
            QUnit::Yuan => Unit::Yuan,
            QUnit::Percent => Unit::Percent,
            QUnit::Word(w) => Unit::Word(w.to_string()),
        };
        let start = item_start.max(phrase.start);
        for metric in metrics {
            let subj = if subject_of.is_empty() {
                metric.clone()
            } else {
                subject_of.clone()
            };
            prev = Some((phrase.start, sent.start, metric.clone(), subj));
            let fact = MeasureFact {
                metric,
                measure,
                value: q.value,
                value_upper: q.upper,
                unit: unit.clone(),
                comparator: q.comparator,
                region: region.clone(),
                region_code: region_code.clone(),
                region_note: a.region_note(place),
                year,
                deadline,
                campaign: None,
                span: placeholder_span(),
                rule: match kind {
                    Kind::Target => "quantity.target",
                    Kind::Observation => "quantity.observation",
                },
            };
            // The same figure restated in the paragraph with a shorter metric ("务必实现增长15%"
            // … "完成投资…、增长15%"): keep the first statement.
            let para_start = a.para_start(q.start);
            let restated = out.iter().rev().take(16).any(|f| {
                f.start >= para_start
                    && match (&f.fact, kind) {
                        (Fact::Target(o), Kind::Target)
                        | (Fact::Observation(o), Kind::Observation) => {
                            o.value == fact.value
                                && o.unit == fact.unit
                                && o.measure == fact.measure
                                && o.comparator == fact.comparator
                                && (o.metric.starts_with(&fact.metric)
                                    || fact.metric.starts_with(&o.metric))
                        }
                        _ => false,
                    }
            });
            if restated {
                continue;
            }
            out.push(Found {
                start,
                end: q.end,
                fact: match kind {
                    Kind::Target => Fact::Target(fact),
                    Kind::Observation => Fact::Observation(fact),
                },
            });
        }
    }
    out
}
