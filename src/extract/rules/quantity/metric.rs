//! Metric rules: what a figure measures.
//!
//! In order, the first that applies decides:
//!
//! - `metric.listed`: "A、B等指标实现10%以上的增长": one figure per listed metric;
//! - `metric.respectively`: "A、B分别增长5%、6%" (the k-th figure after 分别 takes the k-th
//!   item), "城乡居民人均收入分别增长…和…" (城镇 then 农村), and 分别 after several figures
//!   ("…N个，总投资…，年度计划投资…，比上一批分别增长…、…、…": the k-th earlier figure);
//! - `metric.share_of`: "占年度投资计划的80%": the previous figure's metric as a share of the whole
//!   after 占;
//! - `metric.of_noun`: "贡献了45%的工业产值": a share of the noun after 的;
//! - `metric.noun_after`: a count's noun after its unit ("4所学校"), with a short verb before it
//!   kept ("提供千余就业岗位" → 提供就业岗位);
//! - `metric.before`: the noun phrase before the figure, cleanly bounded (`lexicon::metric_words`);
//! - `metric.stock`: "累计36万户" after "新增市场主体3万户": the stock of the figure before;
//! - `metric.antecedent`: "增长5.1%" after "地区生产总值860亿元": the figure before's metric.
//!
//! A metric the indicator table knows comes out under its canonical name.

use super::super::super::lexicon::{metric_words as mw, script};
use super::super::super::measure::{QMention, QUnit};
use super::super::super::metrics::{self, MetricDef};
use super::super::super::normalize::is_han;
use super::super::super::text;
use super::super::super::Analysed;
use super::noun::{
    clean, is_not_a_metric, is_verbs, written, ACTION, LONGEST_NAME, NOUN_STOPS, OBJECT_VERBS,
};
use super::{Antecedent, Site};
use std::ops::Range;

/// A metric as read.
#[derive(Debug, Clone)]
pub(crate) struct MetricRead {
    /// Canonical name, or the noun phrase as written (quotation marks and romanisation noise
    /// dropped).
    pub name: String,
    /// Where in the text it was read.
    pub text: Range<usize>,
    /// The indicator, when the table knows it.
    pub def: Option<&'static MetricDef>,
    /// The rule that read it.
    pub rule: &'static str,
}

impl MetricRead {
    fn new(a: &Analysed<'_>, name: String, text: Range<usize>, rule: &'static str) -> Self {
        let (name, text, def) = without_action_verbs(a, name, text);
        MetricRead {
            name: def.map_or(name, |d| d.name.to_string()),
            text,
            def,
            rule,
        }
    }

    /// No metric read: the figure may take one from its restatement later in the paragraph.
    pub(super) fn none(at: usize) -> Self {
        MetricRead {
            name: String::new(),
            text: at..at,
            def: None,
            rule: "metric.none",
        }
    }

    /// A read that names a share of something: never an indicator of the table itself.
    fn share(name: String, text: Range<usize>, rule: &'static str) -> Self {
        MetricRead {
            name,
            text,
            def: None,
            rule,
        }
    }
}

/// `name` without the verbs of action before it ("培育新锐互联网企业" → 新锐互联网企业), unless the
/// indicator table knows it with them (完成投资) or nothing but a verb would be left. With the
/// indicator the name left is, if any.
fn without_action_verbs(
    a: &Analysed<'_>,
    mut name: String,
    mut text: Range<usize>,
) -> (String, Range<usize>, Option<&'static MetricDef>) {
    loop {
        let def = canonical(a, &name);
        if def.is_some() {
            return (name, text, def);
        }
        let Some(v) = ACTION.prefix(&metrics::key_form(&name)) else {
            break;
        };
        let rest = name.get(v.len()..).unwrap_or("");
        if rest.chars().count() < 2 || is_not_a_metric(rest) || is_verbs(rest) {
            break;
        }
        let written_here = text::sub(&a.folded, text.start, text.end).starts_with(v);
        name = rest.to_string();
        if written_here {
            text.start += v.len();
        }
    }
    (name, text, None)
}

/// Whether `s` is exactly a name or synonym of an indicator.
pub(super) fn is_indicator_name(s: &str) -> bool {
    // Most stretches are longer than any name: no lookup for them.
    if s.chars().count() > *LONGEST_NAME {
        return false;
    }
    metrics::is_name(s)
}

fn canonical(a: &Analysed<'_>, name: &str) -> Option<&'static MetricDef> {
    metrics::resolve(name, |w| !a.gaz.lookup(w).is_empty())
}

/// The metrics of figure `q`: usually one; one per item for a list of metrics.
pub(super) fn read(
    a: &Analysed<'_>,
    site: &Site,
    q: &QMention,
    ante: Option<&Antecedent>,
    sentence_figs: &[(usize, MetricRead)],
) -> Vec<MetricRead> {
    if let Some(v) = listed(a, site, q) {
        return v;
    }
    if let Some(m) = respectively(a, site, q, sentence_figs) {
        return vec![m];
    }
    let ante = ante.filter(|x| x.sent == site.sent);
    if let Some(m) = share_of(a, site, q, ante) {
        return vec![m];
    }
    if let Some(m) = of_noun(a, site, q) {
        return vec![m];
    }
    if let Some(r) = label_before(a, site, q) {
        if let Some((r, name)) = clean(a, r.start, r.end) {
            return vec![MetricRead::new(a, name, r, "metric.label")];
        }
    }
    let before = clean(a, site.item_start, q.start);
    // A count's noun follows it ("4所学校"); an amount's only when nothing names it before
    // ("用好20亿元产业引导基金").
    let counts = matches!(q.unit, QUnit::Word(_));
    let before_is_verb = before.as_ref().is_none_or(|(_, b)| is_verbs(b));
    let before = before.map(|(r, b)| (r, b, before_is_verb));
    let after = if counts || before_is_verb {
        noun_after(a, q.end, site.phrase.end)
    } else {
        None
    };
    if let Some((r, noun)) = after {
        return vec![match before {
            Some((_, verb, true)) if verb.chars().count() <= mw::SHORT_VERB_MAX_CHARS => {
                MetricRead::new(a, format!("{verb}{noun}"), r, "metric.noun_after")
            }
            _ => MetricRead::new(a, noun, r, "metric.noun_after"),
        }];
    }
    // A verb alone ("新建5项") names nothing.
    if let Some((r, name, false)) = before {
        return vec![MetricRead::new(a, name, r, "metric.before")];
    }
    let Some(ante) = ante else {
        return Vec::new();
    };
    let raw = text::sub(&a.folded, site.item_start, q.start);
    if mw::STOCK.iter().any(|w| raw.contains(w)) {
        let name = ante.metric.name.trim_start_matches("新增").to_string();
        return vec![MetricRead::new(
            a,
            name,
            ante.metric.text.clone(),
            "metric.stock",
        )];
    }
    let mut m = ante.metric.clone();
    m.rule = "metric.antecedent";
    vec![m]
}

/// "生产总值增长：5.5%左右", "研发投入强度：3.2%": a figure alone after a colon takes the label
/// before the colon (lists and tables write indicators so).
pub(super) fn label_before(a: &Analysed<'_>, site: &Site, q: &QMention) -> Option<Range<usize>> {
    let f = &a.folded;
    let markup = |c: char| c == ' ' || c == '*';
    let head = text::sub(f, site.sent.start, site.phrase.start).trim_end_matches(markup);
    let colon = head.strip_suffix(['：', ':'])?;
    // Only when the figure's own phrase names nothing ("：5.5%左右", "：达到3.2%").
    if clean(a, site.phrase.start, q.start).is_some() {
        return None;
    }
    let hi = site.sent.start + colon.trim_end_matches(markup).len();
    // The label: back to the previous separator, at most 20 characters.
    let label = text::before(f, site.sent.start, hi, 20);
    let start = label
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '，' | '。' | '；' | '：' | ':' | ',' | ';' | '、'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let mut lo = hi - label.len() + start;
    // Not past a figure before it on the same line ("5.5%左右- **规上工业增加值增长**：6%").
    if let Some(p) = a.qms_in(lo..hi).last().and_then(|j| a.qms.get(j)) {
        lo = lo.max(p.end.min(hi));
    }
    (hi > lo).then_some(lo..hi)
}

/// "A、B等指标实现10%以上的增长".
fn listed(a: &Analysed<'_>, site: &Site, q: &QMention) -> Option<Vec<MetricRead>> {
    let f = &a.folded;
    let raw = text::sub(f, site.phrase.start, q.start);
    let k = raw.find('等')?;
    let after = raw.get(k + '等'.len_utf8()..)?;
    let after = after
        .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十项个".contains(c));
    if !mw::LIST_OF_METRICS.iter().any(|w| after.starts_with(w)) {
        return None;
    }
    let list_end = site.phrase.start + k;
    let items = split_list(f, site.phrase.start, list_end);
    if items.len() < 2 {
        return None;
    }
    let out: Vec<MetricRead> = items
        .into_iter()
        .filter_map(|(s, e)| clean(a, s, e))
        .map(|(r, name)| MetricRead::new(a, name, r, "metric.listed"))
        .collect();
    (out.len() >= 2).then_some(out)
}

/// Splits `lo..hi` at 、 and at a last 和/及/与 into item ranges.
fn split_list(f: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = lo;
    for (k, c) in text::sub(f, lo, hi).char_indices() {
        if matches!(c, '、' | '和' | '及' | '与') {
            out.push((start, lo + k));
            start = lo + k + c.len_utf8();
        }
    }
    out.push((start, hi));
    out.retain(|(s, e)| e > s);
    out
}

/// "A、B分别增长5%、6%", "城乡居民人均收入分别增长…和…", and 分别 after several figures.
fn respectively(
    a: &Analysed<'_>,
    site: &Site,
    q: &QMention,
    sentence_figs: &[(usize, MetricRead)],
) -> Option<MetricRead> {
    let f = &a.folded;
    let raw = text::sub(f, site.phrase.start, q.start);
    let k = raw.find(mw::RESPECTIVELY)?;
    let at = site.phrase.start + k;
    // The figure's place among those after 分别.
    let index = a.qms_in(at..q.start).len();
    let items = split_list(f, site.phrase.start, at);
    if items.len() >= 2 {
        let (s, e) = *items.get(index)?;
        let (r, name) = clean(a, s, e)?;
        return Some(MetricRead::new(a, name, r, "metric.respectively"));
    }
    if let Some(&(s, e)) = items.first() {
        if let Some((r, name)) = clean(a, s, e) {
            let (word, parts) = mw::URBAN_RURAL;
            if let Some(rest) = name.strip_prefix(word) {
                let part = parts.get(index)?;
                return Some(MetricRead::new(
                    a,
                    format!("{part}{rest}"),
                    r,
                    "metric.respectively",
                ));
            }
            return None;
        }
    }
    // No list before 分别: the figures before it in the sentence, in order.
    let after_count = a.qms_in(at..site.phrase.end).len();
    let earlier: Vec<&MetricRead> = sentence_figs
        .iter()
        .filter(|(i, _)| a.qms.get(*i).is_some_and(|p| p.end <= at))
        .map(|(_, m)| m)
        .collect();
    if after_count < 2 || earlier.len() < after_count {
        return None;
    }
    let m = earlier.get(earlier.len() - after_count + index)?;
    let mut m = (*m).clone();
    m.rule = "metric.respectively";
    Some(m)
}

/// "占年度投资计划的80%", "占地区生产总值比重提高到35%".
fn share_of(
    a: &Analysed<'_>,
    site: &Site,
    q: &QMention,
    ante: Option<&Antecedent>,
) -> Option<MetricRead> {
    let f = &a.folded;
    let raw = text::sub(f, site.item_start, q.start);
    let k = raw.rfind(super::super::super::lexicon::measures::SHARE_OF)?;
    let whole_start = site.item_start + k + '占'.len_utf8();
    let rest = text::sub(f, whole_start, q.start);
    let whole_end = mw::SHARE_WHOLE_ENDS
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .map_or(q.start, |e| whole_start + e);
    let whole = clean(a, whole_start, whole_end).map(|(_, n)| n);
    let subject = clean(a, site.item_start, site.item_start + k)
        .map(|(_, n)| n)
        .or_else(|| ante.map(|x| x.metric.name.clone()));
    let name = match (subject, whole) {
        (Some(s), Some(w)) => format!("{s}占{w}比重"),
        (Some(s), None) => format!("{s}占比"),
        (None, Some(w)) => format!("占{w}比重"),
        (None, None) => return None,
    };
    Some(MetricRead::share(
        name,
        site.item_start + k..q.start,
        "metric.share_of",
    ))
}

/// "贡献了全市40%的海洋生产总值": a percentage of the noun after 的.
fn of_noun(a: &Analysed<'_>, site: &Site, q: &QMention) -> Option<MetricRead> {
    if q.unit != QUnit::Percent {
        return None;
    }
    let after = text::sub(&a.folded, q.end, site.phrase.end);
    let rest = after.strip_prefix('的')?;
    if super::super::super::lexicon::measures::CHANGE_WORDS
        .iter()
        .any(|(w, _)| rest.starts_with(w))
    {
        return None;
    }
    let from = q.end + '的'.len_utf8();
    let (r, noun) = noun_after(a, from, site.phrase.end)?;
    // Whose share: the phrase before the verb of giving ("县域民营企业贡献了…").
    let raw = text::sub(&a.folded, site.phrase.start, q.start);
    let subject = OBJECT_VERBS
        .find(raw)
        .map(|m| m.start())
        .and_then(|k| clean(a, site.phrase.start, site.phrase.start + k))
        .map(|(_, n)| n);
    let name = match subject {
        Some(s) => format!("{s}占{noun}比重"),
        None => format!("占{noun}比重"),
    };
    Some(MetricRead::share(name, r, "metric.of_noun"))
}

/// The noun right after a unit: han characters up to a stop word, at most 12 (romanisation
/// noise skipped).
fn noun_after(a: &Analysed<'_>, from: usize, ceil: usize) -> Option<(Range<usize>, String)> {
    let f = &a.folded;
    let s = text::sub(f, from, ceil);
    let lead = s.len() - s.trim_start_matches(' ').len();
    let s = s.get(lead..)?;
    let (mut k, mut end, mut n) = (0, 0, 0);
    while let Some(c) = s.get(k..).and_then(|r| r.chars().next()) {
        let rest = s.get(k..).unwrap_or("");
        let noise = script::romanisation_len(rest);
        if noise > 0 {
            k += noise;
            continue;
        }
        // Quotation marks around a name do not end it ("15个“红旗支部”").
        if matches!(c, '“' | '”' | '"') {
            k += c.len_utf8();
            continue;
        }
        // A digit starts another figure ("8类20件民生实事").
        if n >= 12 || !(is_han(c) || c.is_ascii_alphabetic()) {
            break;
        }
        if NOUN_STOPS.prefix(rest).is_some() {
            break;
        }
        k += c.len_utf8();
        end = k;
        n += 1;
    }
    let (lo, hi) = (from + lead, from + lead + end);
    if hi <= lo {
        return None;
    }
    let name = written(a, lo, hi);
    // A numeral is no noun ("…1300万辆二、今年…": the next item's ordinal).
    let numeral = |c: char| "零〇一二两三四五六七八九十百千万亿".contains(c);
    if name.is_empty() || is_not_a_metric(&name) || name.chars().all(numeral) {
        return None;
    }
    Some((lo..hi, name))
}
