//! Cue words: what tells a target (promised, required, planned) from an observation (achieved,
//! standing, measured).
//!
//! The quantity rules look for the nearest cue before a figure, in its phrase first, then its
//! sentence, its paragraph and the heading or colon-ended line that introduces it. Words that
//! contain a cue's characters without being that cue (重要, 了解, 争取资金 …) are listed as
//! [`Cue::Blocked`]: they are matched too, longest first, so the cue inside them is not.

/// What a cue word says about the figures it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// Promised, required or planned: a target.
    Target,
    /// An estimate: a target when it looks ahead, the outturn of a period that is over
    /// ("1至6月…预计完成投资80亿元").
    Estimate,
    /// Achieved or standing: an observation.
    Observation,
    /// A comparison with an earlier period (同比, 比上年): an observation unless a target cue
    /// in the same phrase governs it ("力争同比增长5%").
    Comparison,
    /// A figure put to use is a standing resource ("发挥…300多家研发机构…作用", "用好20亿元基金"):
    /// an observation, read only in the figure's own phrase.
    Resource,
    /// A review of results ("2022年工作回顾", "主要成绩"): an observation, read only in a heading
    /// or an introducing line (in running text "高成效" says nothing about a figure).
    Review,
    /// A word that contains a cue's characters but is no cue (blocks the cue inside it).
    Blocked,
}

/// A cue word and, for the exceptional ones, why it is here.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueWord {
    pub word: &'static str,
    pub cue: Cue,
    #[cfg_attr(not(test), allow(dead_code))]
    pub why: &'static str,
}

const fn cue(word: &'static str, cue: Cue) -> CueWord {
    CueWord { word, cue, why: "" }
}

const fn because(word: &'static str, cue: Cue, why: &'static str) -> CueWord {
    CueWord { word, cue, why }
}

use Cue::{Blocked, Comparison, Estimate, Observation, Resource, Review, Target};

/// Every cue word (simplified script; the text is folded first).
pub(crate) const CUES: &[CueWord] = &[
    // Targets.
    cue("力争", Target),
    cue("确保", Target),
    cue("争取", Target),
    cue("目标", Target),
    cue("预期", Target),
    cue("计划", Target),
    cue("规划", Target),
    cue("必须", Target),
    cue("务必", Target),
    cue("力求", Target),
    cue("要求", Target),
    cue("要", Target),
    cue("将", Target),
    cue("拟", Target),
    cue("努力", Target),
    cue("着力", Target),
    cue("力促", Target),
    cue("下一步", Target),
    cue("今后", Target),
    because("安排", Target, "a figure arranged for the year is planned"),
    // Estimates.
    cue("预计", Estimate),
    // Observations.
    cue("已经", Observation),
    cue("已", Observation),
    cue("累计", Observation),
    cue("截至", Observation),
    cue("截止", Observation),
    cue("目前", Observation),
    cue("现有", Observation),
    cue("共有", Observation),
    cue("拥有", Observation),
    cue("过去", Observation),
    because("以来", Observation, "今年以来: figures to date"),
    because("近年来", Observation, "figures of recent years"),
    because(
        "了",
        Observation,
        "the perfective of the verb before the figure: 完成了, 引进了",
    ),
    cue("位列", Observation),
    cue("位居", Observation),
    cue("回顾", Review),
    cue("成绩", Review),
    cue("成效", Review),
    because("执行情况", Review, "计划执行情况 reports how a plan went"),
    cue("完成情况", Review),
    cue("发挥", Resource),
    cue("用好", Resource),
    cue("利用好", Resource),
    cue("依托", Resource),
    // Comparisons.
    cue("同比", Comparison),
    cue("比上年", Comparison),
    cue("较上年", Comparison),
    cue("上年同期", Comparison),
    cue("比去年", Comparison),
    cue("较去年", Comparison),
    // Words that contain a cue's characters but are none.
    because("重要", Blocked, "要 inside a word"),
    because("主要", Blocked, "主要预期目标: 要 inside a word"),
    because("需要", Blocked, "要 inside a word"),
    because("纪要", Blocked, "要 inside a word"),
    because("首要", Blocked, "要 inside a word"),
    because("要素", Blocked, "要 inside a word"),
    because("要件", Blocked, "要 inside a word"),
    because("提要", Blocked, "要 inside a word"),
    because("只要", Blocked, "要 inside a word"),
    because("要点", Blocked, "要 inside a word"),
    because("摘要", Blocked, "要 inside a word"),
    because("要闻", Blocked, "news-site section names (本地要闻)"),
    because("要务", Blocked, "第一要务: 要 inside a word"),
    because("必要", Blocked, "要 inside a word"),
    because("紧要", Blocked, "要 inside a word"),
    because("将近", Blocked, "a comparator (about), not the future"),
    because(
        "即将",
        Target,
        "即将 is the future like 将; listed so 将 is not read twice",
    ),
    because("了解", Blocked, "了 inside a word"),
    because("为了", Blocked, "了 inside a word"),
    because("除了", Blocked, "了 inside a word"),
    because("罢了", Blocked, "了 inside a word"),
    because("不了", Blocked, "了 inside a word"),
    because("了不起", Blocked, "了 inside a word"),
    because("而已", Blocked, "已 inside a word"),
    because("不已", Blocked, "已 inside a word"),
    because(
        "争取资金",
        Blocked,
        "争取 + a noun is 'obtain', not 'strive to'",
    ),
    because("争取项目", Blocked, "争取 + a noun is 'obtain'"),
    because("争取政策", Blocked, "争取 + a noun is 'obtain'"),
    because("争取支持", Blocked, "争取 + a noun is 'obtain'"),
    because("争取专项", Blocked, "争取 + a noun is 'obtain'"),
    because("争取债券", Blocked, "争取 + a noun is 'obtain'"),
    because("争取上级", Blocked, "争取 + a noun is 'obtain'"),
    because("争取中央", Blocked, "争取 + a noun is 'obtain'"),
    because("争取国家", Blocked, "争取 + a noun is 'obtain'"),
    because("计划单列", Blocked, "计划单列市 is a kind of city"),
    because(
        "行动计划",
        Blocked,
        "the name of a programme, not a plan for a figure",
    ),
    because("工作计划", Blocked, "a document, not a plan for a figure"),
    because(
        "投资计划",
        Blocked,
        "the plan as a noun: 占年度投资计划的80%",
    ),
    because("发展规划", Blocked, "a document"),
    because("专项规划", Blocked, "a document"),
    because("规划纲要", Blocked, "a document"),
    because(
        "要求，",
        Blocked,
        "要求 ending a noun phrase (落实…要求，) is a noun, not 'require'",
    ),
    because("要求。", Blocked, "要求 ending a noun phrase is a noun"),
    because("要求；", Blocked, "要求 ending a noun phrase is a noun"),
    because("要求、", Blocked, "要求 ending a noun phrase is a noun"),
    because("要求,", Blocked, "要求 ending a noun phrase is a noun"),
    because("要求;", Blocked, "要求 ending a noun phrase is a noun"),
    because("计划生育", Blocked, "family planning"),
];

/// Target cues that commit to a figure (rather than arrange or schedule it). A count of projects
/// under one is a target number of projects ("今年要引进项目120个", "力争新开工项目超过200项");
/// under a word of arrangement (计划, 安排, 将) it is a planned batch, read by the project rules.
pub(crate) const COMMITMENTS: &[&str] = &[
    "力争", "确保", "争取", "要", "务必", "必须", "力求", "目标", "要求", "努力",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_once() {
        let mut words: Vec<&str> = CUES.iter().map(|c| c.word).collect();
        words.sort_unstable();
        let n = words.len();
        words.dedup();
        assert_eq!(words.len(), n);
        // Exceptional entries say why.
        for c in CUES {
            if c.cue == Blocked {
                assert!(!c.why.is_empty(), "{}", c.word);
            }
        }
    }
}
