//! The nouns and words around projects: what a project's name ends with, which words state a
//! project's own total investment, and what stands between a project noun and its count.

/// Nouns a project's name ends with ("…项目", "…产业园", "…中心").
pub(crate) const HEADS: &[&str] = &[
    "项目包",
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
    "公园",
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
    "水库",
];

/// Measure words a count of projects takes.
pub(crate) const COUNT_UNITS: &[&str] = &["个", "项", "所", "条", "座", "处", "家"];

/// Words that state a project's (or a batch's) own total investment. Annual plans (年度计划投资,
/// 计划投资), completed investment (完成投资, 累计完成投资) and fixed-asset shares (固定投资)
/// are not here: they are quantities of the year, read by the quantity rules.
pub(crate) const TOTAL_INVESTMENT: &[&str] = &[
    "计划总投资",
    "总投资额",
    "投资总额",
    "总投资",
    "协议总投资",
    "协议投资额",
    "协议投资",
    "签约总额",
    "签约总金额",
    "签约金额",
    "签约资金",
    "投资总金额",
    "协议总金额",
];

/// Words of a named project's investment: a name followed by one of these is a project even
/// without a count ("A项目，总投资3.7亿元"). Narrower than [`TOTAL_INVESTMENT`]: signing sums
/// follow batches, not names.
pub(crate) const NAMED_INVESTMENT: &[&str] = &["计划总投资", "总投资额", "投资总额", "总投资"];

/// Words that may stand between an investment word and its figure ("总投资达71.73亿元",
/// "签约金额合计17.51亿元").
pub(crate) const INVESTMENT_LINKS: &[&str] = &["合计", "共计", "达到", "达", "为", "共", "约"];

/// Words that may stand between a project noun and the count after it ("集中开工项目共8个",
/// "项目数量为81个", "项目有38个").
pub(crate) const COUNT_LINKS: &[&str] = &[
    "数量为",
    "总数为",
    "总数",
    "共有",
    "总计",
    "合计",
    "共计",
    "达到",
    "共",
    "有",
    "为",
    "达",
    "计",
];

/// The word that opens the parts of a batch stated before: "其中，产业项目41个…".
pub(crate) const PART_MARKERS: &[&str] = &["其中"];

/// Names that are only generic heads once modifiers are gone.
pub(crate) const GENERIC_NAMES: &[&str] = &[
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
    // Words for projects in general.
    "项目工程",
    "工程项目",
    "建设项目",
    // Kinds of project by sector: what a batch is made of, never one project's name.
    "产业项目",
    "工业项目",
    "招商项目",
    "转型项目",
    "民生项目",
    "基础设施项目",
    "社会事业项目",
];

/// Modifiers a generic name may carry ("一批重点项目", "相关配套设施").
pub(crate) const GENERIC_MODIFIERS: &[&str] = &[
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
    "该",
    "这些",
    "此次",
    "本次",
    "本期",
    "其余",
];

/// Words that may stand before the first name of a list ("确保华能风电、…").
pub(crate) const LIST_LEADS: &[&str] = &[
    "确保", "力争", "争取", "推动", "加快", "全力", "重点", "积极", "全面", "着力", "持续", "要",
];

/// Words that end a batch's noun phrase after a list of names ("A、B等5个项目建设").
pub(crate) const BATCH_ENDS: &[&str] = &[
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

/// What may follow a project's name in the same phrase.
pub(crate) const AFTER_NAME: &[&str] = &[
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
    "总投资",
    "计划总投资",
    "投资总额",
    "等",
];

/// Words before 项目 that make a count refer back to projects already counted ("这9个项目",
/// "上述项目"), not to a new batch.
pub(crate) const ANAPHORS: &[&str] = &["这", "该", "上述", "以上", "其余", "这些"];

/// Words that scope a name ("全市首个…", "新区首家…"): what comes before them is not part of
/// the name.
pub(crate) const FIRST_OF_KIND: &[&str] = &["首个", "首家", "首座", "第一个"];

/// Verbs around a count of projects that make it something other than a batch: a ranking
/// ("分别上榜2个项目" counts projects on a list, not projects of the region's own).
pub(crate) const NOT_A_BATCH: &[&str] = &["上榜", "入选", "入围", "获评", "荣获", "评为"];

/// Verbs that open an object: a name read leftwards from its investment starts after the last
/// of them ("谋划…项目"). Stage words that occur inside names (建设, 改造) are not here.
pub(crate) const NAME_OPENERS: &[&str] = &[
    "签约", "签订", "引进", "开工", "启动", "谋划", "筹建", "推进", "推动", "加快", "支持", "实施",
    "安排", "保障", "确保", "包括",
];

/// Words that make a count of projects a target figure (the quantity rules read it): "要引进
/// 项目30家", "力争新开工项目超过480项".
pub(crate) const TARGET_CUES: &[&str] = &["要", "力争", "确保", "争取", "力求", "目标"];

/// Words 要 is part of without making a target (重要, 主要 …).
pub(crate) const YAO_WORDS: &[&str] = &[
    "重要", "主要", "需要", "纪要", "首要", "要素", "要件", "提要", "只要", "要求",
];

/// Words that state a stock right before a count ("共有107个项目"): what a region has, an
/// observation, not a batch of an event.
pub(crate) const STOCK_WORDS: &[&str] = &["共有", "现有", "拥有"];
