//! What a figure measures: a level, a growth (a change against an earlier period) or a share
//! (a part of a whole).
//!
//! A percentage after a growth word is a growth ("增长6%"), after a rise-to word a level or a
//! share ("提高到35%"); after 占 it is a share of what follows 占. A count or an amount after
//! an increase word is an absolute growth ("较上年增加35个", "净增800元"). A decline is a
//! negative growth ("下降3%" is −3%).

/// How a change word reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// A rise: the figure is the growth.
    Rise,
    /// A fall: the figure is the growth, negated.
    Fall,
    /// Not a change word: a word that contains one (增加值, 提高到 …).
    Blocked,
}

/// Change words, longest first where one starts another; the later word in a phrase decides.
pub(crate) const CHANGE_WORDS: &[(&str, Change)] = &[
    // 增加值 (value added) is an indicator's name, not an increase.
    ("增加值", Change::Blocked),
    // "提高到35%", "增长到40万户": the figure is the new level, not the change.
    ("提高到", Change::Blocked),
    ("提高至", Change::Blocked),
    ("提升到", Change::Blocked),
    ("提升至", Change::Blocked),
    ("增长到", Change::Blocked),
    ("增长至", Change::Blocked),
    ("增加到", Change::Blocked),
    ("增加至", Change::Blocked),
    ("上升到", Change::Blocked),
    ("上升至", Change::Blocked),
    ("下降到", Change::Blocked),
    ("下降至", Change::Blocked),
    ("降低到", Change::Blocked),
    ("降低至", Change::Blocked),
    ("减少到", Change::Blocked),
    ("减少至", Change::Blocked),
    ("增至", Change::Blocked),
    ("降至", Change::Blocked),
    ("增长", Change::Rise),
    ("增速", Change::Rise),
    ("增幅", Change::Rise),
    ("涨幅", Change::Rise),
    ("上涨", Change::Rise),
    ("提高", Change::Rise),
    ("提升", Change::Rise),
    ("增加", Change::Rise),
    ("上升", Change::Rise),
    ("净增", Change::Rise),
    ("增收", Change::Rise),
    ("下降", Change::Fall),
    ("降低", Change::Fall),
    ("减少", Change::Fall),
    ("回落", Change::Fall),
    ("下滑", Change::Fall),
    ("缩小", Change::Fall),
];

/// Words after a percentage that make it a growth of what comes before: "实现10%以上的增长".
pub(crate) const GROWTH_AFTER: &[&str] = &["的增长", "的增速", "的增幅", "的涨幅"];

/// The share marker: "占全市的21.7%", "占地区生产总值比重41.9%".
pub(crate) const SHARE_OF: &str = "占";

/// Words that may stand between a change word and its figure ("增速达到10%", "涨幅控制在3%左右");
/// anything else there means the figure is not the change ("增加就业岗位500个").
pub(crate) const CHANGE_GAP: &[&str] = &[
    "预期目标为",
    "预期目标",
    "目标为",
    "目标是",
    "目标",
    "了",
    "达到",
    "达",
    "为",
    "约",
    "近",
    "控制在",
    "保持在",
    "稳定在",
    "均",
    "分别为",
    "分别",
    "预计",
    "力争",
    "要",
    "将",
    "在",
    "幅度",
];

/// Words that only join list items: an item made of them has the change word of its phrase
/// ("增长4%左右和5%以上").
pub(crate) const LIST_JOINERS: &[&str] = &["和", "及", "与", "以及", "、"];
