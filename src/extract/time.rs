//! Stage 5 (time): relative and absolute time expressions, resolved against the document date.
//!
//! `今年` is the document's year, `去年` the year before; `年内`/`年底` is the last day of the
//! year in question, `上半年` its 30 June, `5月底` the last day of May; `到2023年底` is
//! 2023-12-31; `截至去年底` is the last day of the previous year (an as-of date); `2-3年内` and
//! `近两年来` span several years and leave the year open.

use super::text::sub;
use crate::model::Date;
use once_cell::sync::Lazy;
use regex::Regex;

/// What a time expression says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// A year (`今年`, `2020年`).
    Year(i32),
    /// The year before the document's (`去年`); resolved value.
    LastYear(i32),
    /// Something is due by this day (`年内`, `5月底`, `上半年`).
    Deadline(Date),
    /// A figure stands as of this day (`截至去年底`).
    AsOf(Date),
    /// A reporting period inside a year, ending on this day (`一季度`, `1至7月`, `前三季度`):
    /// the period of a figure when it is over by the document's date, else a deadline.
    Period(Date),
    /// Several years, no single year (`2-3年内`, `近两年来`, `三年`).
    MultiYear,
}

/// A time expression in normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeMention {
    /// Byte range start.
    pub start: usize,
    /// Byte range end.
    pub end: usize,
    /// The meaning.
    pub when: When,
}

static TIME: Lazy<Regex> = Lazy::new(|| {
    // A reporting period inside a year: halves, quarters, the first N months ("1至7月",
    // "1—5月", "前7月"). Written once and used after a year and on its own.
    let period = r"上半年|下半年|前三季度|第?[一二三四1-4]季度|(?:1|一)(?:至|到|-|—|－|~|～)(?:1[0-2]|[1-9]|十[一二]?|[二三四五六七八九])月份?|前(?:1[0-2]|[1-9]|十[一二]?|[二三四五六七八九])个?月";
    // A year's digit as official documents write it (二〇二三年), or typed with ASCII zeros
    // (二00六年).
    let digit = "[〇零○0-9一二三四五六七八九]";
    Regex::new(&format!(
        r"(?x)
        (?P<asof>截至|截止到|截止|截|到)?
        (?:
          (?P<yabs>(?:19|20)[0-9]{{2}}|一九{digit}{{2}}|二[〇零○0]{digit}{{2}})年(?P<yabs_tail>{period}|底|末|内|前)?
          (?:(?P<yabs_m>1[0-2]|0?[1-9])月(?P<yabs_mtail>底|末|份)?)?
        | (?P<rel>今年|去年|明年|前年|当年|本年度|本年)(?P<rel_tail>{period}|底|末|内)?
          (?:(?P<rel_m>1[0-2]|0?[1-9])月(?P<rel_mtail>底|末|份)?)?
        | (?P<half>{period})
        | (?P<inyear>年内|年底前|年底|年末)
        | (?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?P<month_tail>底|末|份)(?:前)?
        | (?P<multi>[0-9一二两三四五六七八九十]+(?:-[0-9]+)?年(?:内|来|间|以来)|近[两三四五几]年|[三五两]年(?:攻坚|行动|计划)|[0-9一二两三四五六七八九十]+年(?:目标|规划)|未来[0-9一二两三四五六七八九十]*年|年均)
        )
        "
    ))
    .expect("static regex")
});

fn month_number(s: &str) -> Option<u8> {
    Some(match s {
        "一" => 1,
        "二" => 2,
        "三" => 3,
        "四" => 4,
        "五" => 5,
        "六" => 6,
        "七" => 7,
        "八" => 8,
        "九" => 9,
        "十" => 10,
        "十一" => 11,
        "十二" => 12,
        _ => return s.parse().ok().filter(|m| (1..=12).contains(m)),
    })
}

fn tail_deadline(year: i32, tail: &str) -> Option<Date> {
    match tail {
        "底" | "末" | "内" | "前" | "下半年" => Date::new(year, 12, 31).ok(),
        "上半年" => Date::new(year, 6, 30).ok(),
        _ => None,
    }
}

/// The last day of a period of `year` written as a quarter or a run of months ("二季度",
/// "前三季度", "1至7月", "前7月").
fn period_end(year: i32, tail: &str) -> Option<Date> {
    if tail.ends_with("季度") {
        let q = if tail.starts_with('前') {
            3
        } else {
            match tail.trim_start_matches('第').chars().next()? {
                '一' | '1' => 1,
                '二' | '2' => 2,
                '三' | '3' => 3,
                '四' | '4' => 4,
                _ => return None,
            }
        };
        return Date::end_of_month(year, q * 3).ok();
    }
    let months = tail.trim_end_matches('份').strip_suffix('月')?;
    // The last month: after the range sign, or after 前 (and 个).
    let last = months
        .rsplit(['至', '到', '-', '—', '－', '~', '～'])
        .next()?
        .trim_start_matches('前')
        .trim_end_matches('个');
    Date::end_of_month(year, month_number(last)?).ok()
}

/// A tail after a year: a deadline (`底`, `上半年`) or a reporting period (`二季度`).
fn tail_when(year: i32, tail: &str, asof: bool) -> Option<When> {
    if let Some(d) = tail_deadline(year, tail) {
        return Some(if asof {
            When::AsOf(d)
        } else {
            When::Deadline(d)
        });
    }
    period_end(year, tail).map(When::Period)
}

/// A year written in digits, Chinese numerals digit by digit (二〇二三) or a mix (二00六).
fn year_number(s: &str) -> Option<i32> {
    s.chars().try_fold(0i32, |y, c| {
        let d = match c {
            '○' => 0,
            _ => super::numbers::digit_of(c).or_else(|| c.to_digit(10).map(i64::from))? as i32,
        };
        y.checked_mul(10)?.checked_add(d)
    })
}

/// Time expressions in `text` (normalised), with `year` the document's year if known.
pub(crate) fn scan(text: &str, year: Option<i32>) -> Vec<TimeMention> {
    let mut out = Vec::new();
    for caps in TIME.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let asof = caps
            .name("asof")
            .is_some_and(|a| a.as_str().starts_with('截'));
        let when = if let Some(y) = caps.name("yabs") {
            let Some(y) = year_number(y.as_str()) else {
                continue;
            };
            absolute(y, &caps, "yabs_tail", "yabs_m", "yabs_mtail", asof)
        } else if let Some(rel) = caps.name("rel") {
            let Some(base) = year else {
                // Unknown document year: still a time expression (so it is no quantity).
                out.push(TimeMention {
                    start: m.start(),
                    end: m.end(),
                    when: When::MultiYear,
                });
                continue;
            };
            let y = match rel.as_str() {
                "去年" => base - 1,
                "明年" => base + 1,
                "前年" => base - 2,
                _ => base,
            };
            if !(1000..=9999).contains(&y) {
                // 明年 of a document dated 9999 (or 去年 of 1000) is a year no date or ledger
                // row can hold: a time expression, but no year.
                out.push(TimeMention {
                    start: m.start(),
                    end: m.end(),
                    when: When::MultiYear,
                });
                continue;
            }
            let when = absolute(y, &caps, "rel_tail", "rel_m", "rel_mtail", asof);
            match (rel.as_str(), when) {
                ("去年", When::Year(y)) => When::LastYear(y),
                (_, w) => w,
            }
        } else if let Some(h) = caps.name("half") {
            match year.and_then(|y| tail_when(y, h.as_str(), asof)) {
                Some(w) => w,
                None => When::MultiYear,
            }
        } else if caps.name("inyear").is_some() {
            match year.and_then(|y| Date::new(y, 12, 31).ok()) {
                Some(d) => When::Deadline(d),
                None => When::MultiYear,
            }
        } else if let Some(mo) = caps.name("month") {
            let Some(mn) = month_number(mo.as_str()) else {
                continue;
            };
            match year.and_then(|y| Date::end_of_month(y, mn).ok()) {
                Some(d) if asof => When::AsOf(d),
                Some(d) => When::Deadline(d),
                None => When::MultiYear,
            }
        } else if caps.name("multi").is_some() {
            When::MultiYear
        } else {
            continue;
        };
        out.push(TimeMention {
            start: m.start(),
            end: m.end(),
            when,
        });
    }
    out
}

fn absolute(
    y: i32,
    caps: &regex::Captures<'_>,
    tail: &str,
    month: &str,
    mtail: &str,
    asof: bool,
) -> When {
    if let Some(mo) = caps.name(month) {
        let has_tail = caps.name(mtail).is_some_and(|t| t.as_str() != "份");
        if let (Some(mn), true) = (month_number(mo.as_str()), has_tail) {
            if let Ok(d) = Date::end_of_month(y, mn) {
                return if asof {
                    When::AsOf(d)
                } else {
                    When::Deadline(d)
                };
            }
        }
        return When::Year(y);
    }
    match caps.name(tail).map(|t| t.as_str()) {
        Some(t) => tail_when(y, t, asof).unwrap_or(When::Year(y)),
        None => When::Year(y),
    }
}

/// A full date stated near the top of a text ("2023-01-28 19:09", "2023年1月28日"): the
/// document's date when the caller gives none.
pub(crate) fn dateline(text: &str) -> Option<Date> {
    static DATE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(
            r"((?:19|20)[0-9]{2})(?:-|/|年)(1[0-2]|0?[1-9])(?:-|/|月)(3[01]|[12][0-9]|0?[1-9])日?",
        )
        .expect("static regex")
    });
    let head_end = text.char_indices().nth(400).map_or(text.len(), |(i, _)| i);
    let head = sub(text, 0, head_end);
    let caps = DATE.captures(head)?;
    let y = caps.get(1)?.as_str().parse().ok()?;
    let m = caps.get(2)?.as_str().parse().ok()?;
    let d = caps.get(3)?.as_str().parse().ok()?;
    Date::new(y, m, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(s: &str, year: i32) -> When {
        scan(s, Some(year))[0].when
    }

    #[test]
    fn resolves_against_document_year() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert_eq!(first("今年", 2023), When::Year(2023));
        assert_eq!(first("二〇二三年", 2024), When::Year(2023));
        assert_eq!(first("二00六年", 2007), When::Year(2006));
        assert_eq!(first("一九九八年底", 2000), When::Deadline(d(1998, 12, 31)));
        assert_eq!(first("去年", 2020), When::LastYear(2019));
        assert_eq!(first("年内竣工", 2023), When::Deadline(d(2023, 12, 31)));
        assert_eq!(first("上半年完成", 2020), When::Deadline(d(2020, 6, 30)));
        assert_eq!(first("5月底投产", 2023), When::Deadline(d(2023, 5, 31)));
        assert_eq!(first("到2023年底", 2020), When::Deadline(d(2023, 12, 31)));
        assert_eq!(first("截至去年底", 2020), When::AsOf(d(2019, 12, 31)));
        assert_eq!(first("2-3年内", 2020), When::MultiYear);
        assert_eq!(dateline("标题\n2023-01-28 19:09 报"), Some(d(2023, 1, 28)));
    }
}
