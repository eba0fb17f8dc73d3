//! The edges of a metric: which words around a figure are not part of the noun phrase it
//! measures.
//!
//! A metric is read from the words before the figure (in its phrase, after the previous figure
//! or list separator): time words and place names go, then the words in [`LEAD`] from the front
//! and [`TAIL`] from the end, until nothing changes. What is left must be a noun phrase: when it
//! is empty or only a word of [`NOT_A_METRIC`], the metric comes from the noun after the unit
//! ("4所学校") or from the figure before it ("地区生产总值860亿元，增长5.1%").

/// Scope words: they say whose figure it is, not what is measured, and may stand before an
/// indicator's name ("全市地区生产总值", "区级一般公共预算收入").
pub(crate) const SCOPE: &[&str] = &[
    "全社会",
    "全口径",
    "全市",
    "全区",
    "全县",
    "全省",
    "全镇",
    "全乡",
    "全国",
    "全州",
    "全盟",
    "全旗",
    "全体",
    "我市",
    "我区",
    "我县",
    "我省",
    "我镇",
    "我乡",
    "我国",
    "本市",
    "本区",
    "本县",
    "本镇",
    "区级",
    "市级",
    "县级",
    "镇级",
    "地方",
    "全年",
    "当年",
    "本年",
];

/// Words stripped from the front of a metric: discourse words, cue words, verbs of effort.
/// Function words that also start indicator names are deliberately absent: 在 (在建), 现
/// (现代服务业), 对 (对外贸易), 使 (使用外资), 并 (并购), 和 (和谐), 为 (为民实事), 都 (都市),
/// 共 (共享), 直接 (直接投资), 重点 (重点企业).
pub(crate) const LEAD: &[&str] = &[
    "其中",
    "同时",
    "此外",
    "另外",
    "并且",
    "以及",
    "而且",
    "还",
    "也",
    "总共",
    "共计",
    "合计",
    "力争",
    "确保",
    "争取",
    "预计",
    "必须",
    "务必",
    "力求",
    "要",
    "将",
    "拟",
    "努力",
    "着力",
    "全力",
    "实现",
    "推动",
    "带动",
    "促进",
    "目标是",
    "目标为",
    "是",
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
    "目前",
    "当前",
    "已经",
    "已",
    "截至",
    "截止",
    "以来",
    "累计",
    "的",
    "上半年",
    "下半年",
    "年内",
    "年底",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "前三季度",
    "本次",
    "此次",
    "本期",
    "该",
    "这",
];

/// Words stripped from the end of a metric: verbs and comparators between the metric and the
/// figure.
pub(crate) const TAIL: &[&str] = &[
    "预期目标为",
    "预期",
    "涨幅",
    "拟按",
    "按",
    "全年",
    "由",
    "从",
    "各",
    "要比",
    "比",
    "较",
    "预期目标是",
    "预期目标",
    "目标为",
    "目标是",
    "目标",
    "达到了",
    "突破了",
    "完成了",
    "实现了",
    "增长到",
    "提高到",
    "提升到",
    "提高至",
    "提升至",
    "稳定在",
    "保持在",
    "控制在",
    "同比增长",
    "同比",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "年均",
    "平均为",
    "平均",
    "分别为",
    "分别",
    "达到",
    "达",
    "到",
    "至",
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
    "增速",
    "增幅",
    "提高",
    "提升",
    "增加",
    "上涨",
    "下降",
    "降低",
    "减少",
    "完成",
    "共有",
    "有",
    "是",
    "了",
    "的",
    "都",
    "全部",
    "均",
    "共",
    "合计",
    "总计",
    "累计",
    "预计",
    "要",
    "将",
    "占",
];

/// Words that are never a metric on their own: verbs, cue words and generic heads. A figure
/// whose cleaned metric is one of them takes its metric from elsewhere.
pub(crate) const NOT_A_METRIC: &[&str] = &[
    "增长",
    "增速",
    "增幅",
    "涨幅",
    "提高",
    "提升",
    "增加",
    "上涨",
    "下降",
    "降低",
    "减少",
    "完成",
    "实现",
    "达到",
    "突破",
    "超过",
    "新增",
    "累计",
    "总量",
    "总数",
    "总计",
    "合计",
    "规模",
    "同比",
    "比上年",
    "其中",
    "分别",
    "共计",
    "达",
    "为",
    "有",
    "共有",
    "投资",
    "开工",
    "签约",
    "建成",
    "目标",
    "任务",
    "要求",
    "预期目标",
];

/// Verbs of reporting or planning that may stand before an indicator's name without changing
/// it ("完成固定资产投资86亿元", "实现地区生产总值412亿元", "计划新增城镇就业2万人").
pub(crate) const REPORTING_VERBS: &[&str] = &["累计完成", "完成", "实现", "达到", "累计", "计划"];

/// Verbs of action a metric is better without: "培育新锐互联网企业15家" measures 新锐互联网企业.
/// Flow markers (新增, 新建) stay: a flow and a stock are different indicators. A metric the
/// indicator table knows with its verb (完成投资, 引进人才) keeps it.
pub(crate) const ACTION_VERBS: &[&str] = &[
    "提供", "培育", "引进", "打造", "创建", "建成", "建设", "扶持", "开展", "推动", "带动", "吸纳",
    "安置", "完成", "实现", "落户", "招引", "启用", "举办", "组织", "推进", "实施", "督促", "整治",
    "规范", "建立", "设立", "成立", "组建", "引育", "认定", "形成", "筹集", "筹建", "对接", "洽谈",
    "拜访", "走访", "解决", "保障", "争取", "安排",
];

/// Words a comparison starts with: a stretch that begins with one ("比上年年初预算") says what
/// a figure is compared with, not what it measures.
pub(crate) const COMPARISON_STARTS: &[&str] = &["比", "较", "与"];

/// Words after which the metric starts again: "六个突破，即生产总产值突破30亿元" measures 生产总产值.
pub(crate) const RESTART: &[&str] = &["即"];

/// Whose figure it is, when that is a class of units rather than a place: "项目年度投资" is the
/// planned investment of the projects, "企业研发经费" the R&D spending of the enterprises.
pub(crate) const SUBJECTS: &[&str] = &["重点项目", "重大项目", "项目", "规上企业", "企业"];

/// Stock words: a figure of one of them ("累计36万户", "总量1.2万家") is the stock of the
/// metric before it, without that metric's 新增 (new).
pub(crate) const STOCK: &[&str] = &["累计", "总量", "总数", "共计", "累计达"];

/// Verbs that may open a metric read from the noun after the unit ("引进8家企业" →
/// 引进互联网企业 is still a clean metric; longer verb phrases are dropped).
pub(crate) const SHORT_VERB_MAX_CHARS: usize = 4;

/// Where the noun after a unit stops: a conjunction, a particle or a verb after the noun.
pub(crate) const NOUN_STOPS: &[&str] = &[
    "的",
    "和",
    "及",
    "与",
    "等",
    "以上",
    "左右",
    "以内",
    "作用",
    "及时",
    "落地",
    "开工",
    "建成",
    "投产",
    "竣工",
    "实现",
    "增长",
    "提高",
    "提升",
    "增加",
    "达到",
    "完成",
    "突破",
    "超过",
    "具体",
    "标准化",
    "规范化",
    "建设",
    "进行",
    "参加",
    "出席",
    "加快",
    "加速",
    "动工",
    "通车",
    "开展",
    "分别",
    "同比",
    "比上年",
    "累计",
    "总量",
    "共",
];

/// Verbs that take the counted thing as their object ("提供千余就业岗位", "引进15家企业"). A
/// metric before the figure made only of these is no noun phrase: the noun after the unit is
/// the metric, with the verb kept when it is short ("提供就业岗位").
pub(crate) const OBJECT_VERBS: &[&str] = &[
    "提供", "培育", "引进", "打造", "创建", "建成", "建设", "新建", "扶持", "开展", "推动", "带动",
    "吸纳", "安置", "发挥", "用好", "依托", "利用", "完成", "实现", "落户", "招引", "启用", "培训",
    "筹集", "筹建", "举办", "组织", "开工", "签约", "推进", "谋划", "储备", "实施", "督促", "整治",
    "规范", "建立", "设立", "成立", "组建", "引育", "认定", "形成", "涵盖", "覆盖", "包括", "包含",
    "涉及", "抽调", "共设", "分为", "解决", "保障", "对接", "洽谈", "拜访", "走访", "贡献", "创造",
    "新增", "建", "有", "设", "办", "引", "育",
];

/// Verbs of a project's stage: like [`OBJECT_VERBS`], no metric on their own ("新建5项"), and
/// they may follow a project noun ("项目开工60个").
pub(crate) const STAGE_VERBS: &[&str] = &[
    "竣工",
    "投产",
    "落地",
    "入库",
    "开工建设",
    "集中开工",
    "集中签约",
    "续建",
    "改建",
    "扩建",
    "在建",
];

/// Words after which a list's items are the metrics, each with the figure that follows
/// ("税收、工业产值等指标实现10%以上的增长").
pub(crate) const LIST_OF_METRICS: &[&str] = &["主要经济指标", "主要指标", "各项指标", "指标"];

/// The word that distributes figures over a list before it ("A、B分别增长5%和6%").
pub(crate) const RESPECTIVELY: &str = "分别";

/// 城乡 before an indicator distributes over 城镇 and 农村, in that order.
pub(crate) const URBAN_RURAL: (&str, [&str; 2]) = ("城乡", ["城镇", "农村"]);

/// Words that end the whole a share is of ("占年度投资计划的80%", "占地区生产总值比重41.9%").
pub(crate) const SHARE_WHOLE_ENDS: &[&str] =
    &["的比重", "比重", "的比例", "比例", "的份额", "份额", "的"];
