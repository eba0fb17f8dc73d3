//! The words of campaigns: what a campaign's name ends with, what a quoted name is followed
//! by when it names a campaign, the heads of themed years, and the words after which a name
//! starts.

use crate::model::CampaignKind;

/// A word a campaign's name ends with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Suffix {
    /// The word, as written (simplified or traditional).
    pub word: &'static str,
    /// The kind of campaign it makes.
    pub kind: CampaignKind,
    /// Whether an unquoted name needs more than the word: a numbered group ("十大工程"), a
    /// quotation, or a verb of carrying out right before it ("实施…工程"). 工程 and 计划 end
    /// the names of construction works and plans as often as those of programmes.
    pub guarded: bool,
}

const fn suffix(word: &'static str, kind: CampaignKind, guarded: bool) -> Suffix {
    Suffix {
        word,
        kind,
        guarded,
    }
}

use CampaignKind::{Action, Battle, Program};

/// Suffixes of campaign names, longest first where one ends another.
pub(crate) const SUFFIXES: &[Suffix] = &[
    suffix("攻坚战", Battle, false),
    suffix("攻坚行动", Action, false),
    suffix("行动计划", Program, false),
    suffix("攻势", Battle, false),
    suffix("战役", Battle, false),
    // "五场硬仗": a battle by another name.
    suffix("硬仗", Battle, true),
    suffix("会战", Battle, true),
    suffix("行动", Action, false),
    suffix("工程", Program, true),
    suffix("计划", Program, true),
];

/// Endings that make a quoted name a campaign even when nothing follows the quotation: the
/// suffixes above and 攻坚 ("百日攻坚").
pub(crate) const QUOTED_ENDINGS: &[(&str, CampaignKind)] = &[("攻坚", Battle)];

/// Words after a closing quotation mark that make the quoted name a campaign: "“三个一批”活动",
/// "“百园增效”行动", "“千企技改”工程". The name is the quotation.
pub(crate) const AFTER_QUOTE: &[(&str, CampaignKind)] = &[
    ("行动计划", Program),
    ("专项行动", Action),
    ("攻坚行动", Action),
    ("攻坚战", Battle),
    ("活动", Action),
    ("行动", Action),
    ("工程", Program),
    ("计划", Program),
];

/// Verbs of carrying out that introduce a programme: "实施项目建设提增工程".
pub(crate) const PROGRAM_VERBS: &[&str] = &[
    "深入实施",
    "全面实施",
    "实施",
    "启动",
    "开展",
    "推进",
    "推动",
    "打造",
];

/// Words after which a campaign's name starts.
pub(crate) const MARKERS: &[&str] = &[
    "打好",
    "打赢",
    "打响",
    "融入",
    "结合",
    "决战决胜",
    "开展",
    "实施",
    "推进",
    "推动",
    "深化",
    "持续",
    "按照",
    "落实",
    "围绕",
    "聚焦",
    "启动",
    "参与",
    "服务",
    "开启",
    "全面",
    "深入",
    "坚决",
    "做好",
    "抓好",
    "就是",
    "是",
    "等",
    "的",
    "新一轮",
    "主动",
    "大力",
    "扎实",
    "以",
    "在",
    "为",
    "把",
    "将",
    "对",
    "抓",
    "打",
    "之",
    "到",
];

/// Bases too generic to name a campaign ("专项行动", "这场攻坚战").
pub(crate) const GENERIC_BASES: &[&str] = &[
    "具体",
    "实际",
    "一致",
    "统一",
    "联合",
    "专项",
    "重大",
    "这场",
    "一场",
    "此次",
    "各项",
    // Kinds of works ("推进重点工程建设", "办好民生工程"), not named programmes.
    "重点",
    "民生",
    "配套",
    "基础设施",
];

/// What the name of a themed year ends with before 年: the work the year is devoted to
/// (项目建设年, 攻坚克难年, 招商引资年, 营商环境提升年). A year named otherwise ("开局之年",
/// "关键一年") is not a campaign.
pub(crate) const THEMED_YEAR_HEADS: &[&str] = &[
    "建设",
    "攻坚",
    "克难",
    "突破",
    "提升",
    "推进",
    "落实",
    "增效",
    "引资",
    "竞进",
    "落地",
    "发展",
    "改革",
    "创新",
    "服务",
    "作风",
    "效能",
    "转型",
    "深化",
    "招商",
    "提质",
    "攻坚战",
    "质量",
    "跨越",
    "振兴",
    "决胜",
    "争先",
];

/// Words after an unquoted themed year that show it is one ("制造业项目建设年活动").
pub(crate) const THEMED_YEAR_AFTER: &[&str] =
    &["活动", "行动", "动员", "主题", "实施方案", "工作", "各项"];
