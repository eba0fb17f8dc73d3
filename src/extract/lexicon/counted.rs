//! What a count counts: nouns after (or before) a measure word that make the number something
//! other than a figure of a plan or a result.

/// Words after `N个` that make the number a count of abstractions ("六个发展定位",
/// "三个方面") or a figure of speech ("两个台阶", "四张名片"), not a quantity.
pub(crate) const ABSTRACT: &[&str] = &[
    "方面",
    "定位",
    "特点",
    "趋势",
    "要求",
    "关键词",
    "主线",
    "环节",
    "底线",
    "原则",
    "思路",
    "维度",
    "层面",
    "方案",
    "意识",
    "自信",
    "全面",
    "统筹",
    "坚持",
    "聚焦",
    "确保",
    "导向",
    "一流",
    "作风",
    "务必",
    "必须",
    "不变",
    "抓手",
    "问题",
    "字",
    "台阶",
    "名片",
    "高地",
    "引擎",
];

/// Nouns that a 所 count is about (schools, institutes); elsewhere 所 is part of a name (a
/// research institute's number, "712所").
pub(crate) const SUO_NOUNS: &[char] = &['校', '学', '院', '园', '医', '馆', '所', '站'];

/// Count nouns of an event's logistics and attendance, not indicators: "共设8个会场",
/// "抽调30名骨干力量", "11个地市主要负责同志".
pub(crate) const LOGISTICS: &[&str] = &[
    "分会场",
    "主会场",
    "会场",
    "骨干",
    "负责同志",
    "同志",
    "班子",
    "嘉宾",
    "来宾",
    "记者",
    "工作人员",
    "与会",
    "参会",
];

/// Words after a counted noun that make the count the scope of a ranking ("位列全省23个开发区
/// 前三名", "全省80个县第一位", "三个园区中规模最大"), not a figure of the place.
pub(crate) const RANKING: &[&str] = &[
    "第一", "第二", "第三", "第四", "第五", "前三", "前五", "前十", "首位", "前列", "排名", "之最",
];

/// Words right before a number that point back at something already counted ("这9个项目",
/// "上述3家企业"): the figure was stated before.
pub(crate) const ANAPHORS: &[&str] = &["这", "该", "上述", "其余", "此"];

/// Nouns a count of projects ends in: such a count is a project batch, read by the project
/// rules, unless it counts a size class ("过亿元项目100个").
pub(crate) const PROJECT_NOUNS: &[&str] = &["项目", "工程"];

/// Counters of web pages: "阅读：273次", "点击 1.2万 次". Page furniture, never a fact.
pub(crate) const PAGE_COUNTERS: &[&str] = &[
    "阅读", "浏览", "点击", "访问", "评论", "回复", "点赞", "转发", "收藏", "积分", "人气", "热度",
];
