//! `campaign.themed_year` and `campaign.quoted`: themed years, quoted or framed, and quoted names
//! that end in or are followed by a campaign word.

use super::*;
use std::ops::Range;

pub(super) fn themed_years(a: &Analysed<'_>, out: &mut Vec<Found>) {
    for q in &a.quotes {
        let inner = text::sub(a.text, q.start, q.end);
        let n = inner.chars().count();
        if (3..=12).contains(&n)
            && inner.ends_with('年')
            && !inner.ends_with("周年")
            && inner.chars().all(is_han)
            && !inner
                .chars()
                .any(|c| text::is_small_numeral(c) || matches!(c, '百' | '千' | '〇' | '零'))
        {
            out.push(campaign(
                a,
                q.start,
                q.end,
                spec(
                    inner.to_string(),
                    CampaignKind::ThemedYear,
                    region_at(a, q.start),
                    "campaign.themed_year",
                ),
            ));
        }
    }
}

/// Quoted names of campaigns: a quotation that ends in a campaign word ("“百日攻坚”",
/// "“倍增计划”") or is followed by one ("“三个一批”活动", "“千企技改”工程").
pub(super) fn quoted(a: &Analysed<'_>, out: &mut Vec<Found>) {
    let t = a.text;
    for (i, q) in a.quotes.iter().enumerate() {
        let Some((kind, end)) = quoted_kind(a, i, q) else {
            continue;
        };
        let name = text::sub(t, q.start, q.end).to_string();
        out.push(campaign(
            a,
            q.start,
            end,
            spec(name, kind, region_at(a, q.start), "campaign.quoted"),
        ));
    }
}

/// Whether the `i`-th quotation `q` names a campaign: its kind and where its words end.
fn quoted_kind(a: &Analysed<'_>, i: usize, q: &Range<usize>) -> Option<(CampaignKind, usize)> {
    let t = a.text;
    let inner = text::sub(t, q.start, q.end);
    let n = inner.chars().count();
    if is_short_list(inner) {
        // "“一A、两B、一C”攻坚行动": the list names one campaign.
        let (w, kind) = list_follower(t, q.end)?;
        return Some((kind, q.end + '”'.len_utf8() + w.len()));
    }
    if !(2..=16).contains(&n) || inner.contains(['、', '，', ',', '：']) {
        return None;
    }
    // "“A”、“B”、“C”攻坚行动": each quotation of the chain names a campaign of the word after
    // the last one (which the word itself follows, read below).
    if let Some(kind) = chain_follower(a, i) {
        return Some((kind, q.end));
    }
    // Themed years are `campaign.themed_year`'s; a quotation of numerals alone ("“十四五”")
    // names a period, not a campaign.
    let wordy = inner
        .chars()
        .filter(|c| {
            !(text::is_small_numeral(*c) || c.is_ascii_digit() || matches!(*c, '百' | '千' | '万'))
        })
        .count();
    if inner.ends_with('年') || wordy < 2 {
        return None;
    }
    let after = text::after(t, q.end + '”'.len_utf8(), t.len(), 4);
    let ending = lex::SUFFIXES
        .iter()
        .map(|s| (s.word, s.kind))
        .chain(lex::QUOTED_ENDINGS.iter().copied())
        .filter(|(w, _)| inner.ends_with(w) && inner.chars().count() > w.chars().count())
        .max_by_key(|(w, _)| w.len());
    let follower = word_starting(lex::AFTER_QUOTE, after);
    let kind = match (ending, follower) {
        (Some((_, k)), _) => k,
        (None, Some((_, k))) => k,
        (None, None) => return None,
    };
    let end = follower.map_or(q.end, |(w, _)| q.end + '”'.len_utf8() + w.len());
    Some((kind, end))
}

/// Whether a quotation is a short list: 2 to 6 items joined by 、, each of 2 to 8 word characters.
fn is_short_list(inner: &str) -> bool {
    let items = inner.split('、');
    let n = items.clone().count();
    (2..=6).contains(&n)
        && items.into_iter().all(|it| {
            let k = it.chars().count();
            (2..=8).contains(&k) && it.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric())
        })
}

/// The campaign word of `lexicon::campaigns::AFTER_QUOTED_LIST` right after the quotation ending
/// at `end` (its closing mark there), the longest.
fn list_follower(t: &str, end: usize) -> Option<(&'static str, CampaignKind)> {
    if text::char_at(t, end) != Some('”') {
        return None;
    }
    let after = text::after(t, end + '”'.len_utf8(), t.len(), 4);
    word_starting(lex::AFTER_QUOTED_LIST, after)
}

/// The longest word of `table` that `after` starts with, and its kind.
fn word_starting(
    table: &[(&'static str, CampaignKind)],
    after: &str,
) -> Option<(&'static str, CampaignKind)> {
    table
        .iter()
        .filter(|(w, _)| after.starts_with(w))
        .max_by_key(|(w, _)| w.len())
        .copied()
}

/// For the `i`-th quotation, when it is followed by 、 and another quotation, and so on up to
/// a quotation followed by a campaign word of the list table: that word's kind.
fn chain_follower(a: &Analysed<'_>, i: usize) -> Option<CampaignKind> {
    /// The most quotations a chain is followed through.
    const MAX_CHAIN: usize = 8;
    let t = a.text;
    for j in i..i + MAX_CHAIN {
        let q = a.quotes.get(j)?;
        let next = a.quotes.get(j + 1)?;
        let gap = text::sub(t, q.end, next.start);
        if gap != "”、“" {
            return None;
        }
        if let Some((_, kind)) = list_follower(t, next.end) {
            return Some(kind);
        }
    }
    None
}

/// Unquoted themed years: a name ending in a head of the table and 年, followed by a word that
/// frames it ("…项目建设年活动") or stated as what a year is ("去年是…的项目落地攻坚年").
pub(super) fn unquoted_themed_years(a: &Analysed<'_>, out: &mut Vec<Found>) {
    static LAST: Lazy<Vec<char>> = Lazy::new(|| {
        lex::THEMED_YEAR_HEADS
            .iter()
            .filter_map(|h| h.chars().next_back())
            .collect()
    });
    // One word: the automaton searches it with memchr's substring search, which finds a
    // three-byte character faster than `match_indices` does.
    static YEAR: Lazy<AhoCorasick> = Lazy::new(|| first_words(["年"]));
    let t = a.text;
    for k in YEAR.find_iter(t).map(|m| m.start()) {
        // Cheap test first: the character before 年 ends a head.
        if !text::char_before(t, k).is_some_and(|c| LAST.contains(&c)) {
            continue;
        }
        let head = text::before(t, 0, k, 3);
        if !lex::THEMED_YEAR_HEADS.iter().any(|h| head.ends_with(h)) || quoted_at(a, k) {
            continue;
        }
        let end = k + '年'.len_utf8();
        let after = text::after(t, end, t.len(), 4);
        let framed = lex::THEMED_YEAR_AFTER.iter().any(|w| after.starts_with(w));
        let closed = !after.starts_with(is_han);
        let sent = a.sentence_at(k);
        let stated = closed && text::sub(t, sent.start, k).contains('是');
        if !framed && !stated {
            continue;
        }
        let run_start = run_before(a, k);
        let Some(c) = cut(a, run_start, k, 3, true) else {
            continue;
        };
        let base = strip_quotes(text::sub(t, c.at, k));
        let n = base.chars().count();
        if !(3..=12).contains(&n) || !base.chars().all(is_han) {
            continue;
        }
        out.push(campaign(
            a,
            c.at,
            end,
            spec(
                format!("{base}年"),
                CampaignKind::ThemedYear,
                c.place.or_else(|| region_at(a, c.at)),
                "campaign.themed_year",
            ),
        ));
    }
}
