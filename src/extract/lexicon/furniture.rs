//! Page furniture: what web pages, e-papers and forum archives wrap an article in. None of it
//! states a fact; figures in it (view counters, dates, licence numbers) must yield nothing.

/// Words that make a whole line navigation or page chrome.
pub(crate) const NAVIGATION: &[&str] = &[
    "上一篇",
    "下一篇",
    "上一版",
    "下一版",
    "返回列表",
    "返回首页",
    "版面导航",
    "标题导航",
    "您现在的位置",
    "您的位置",
    "当前位置",
    "设为首页",
    "加入收藏",
    "网站地图",
    "会员登录",
    "用户注册",
    "扫描到手机",
    "扫一扫",
    "分享到",
    "打印本页",
    "关闭窗口",
    "放大 缩小",
    "字号：",
    "推荐内容",
    "相关阅读",
    "相关新闻",
    "热门推荐",
    "联系我们",
    "contact us",
];

/// Words of copyright and licence footers.
pub(crate) const FOOTER: &[&str] = &[
    "Copyright",
    "copyright",
    "版权所有",
    "版权声明",
    "All Rights Reserved",
    "ICP备",
    "ICP证",
    "备案号",
    "许可证",
    "主办单位",
    "承办单位",
    "技术支持",
    "维护：",
    "日常维护",
];

/// Labels of page metadata, each followed by a colon and a value: "发布时间：…", "浏览次数：…".
/// A label counts at the start of a line, or anywhere when two of them share the line.
pub(crate) const LABELS: &[&str] = &[
    "发布时间",
    "发布日期",
    "发布机构",
    "信息来源",
    "来源",
    "作者",
    "责任编辑",
    "编辑",
    "监制",
    "审核",
    "校对",
    "浏览次数",
    "浏览量",
    "阅读数",
    "阅读",
    "点击数",
    "点击",
    "字体",
    "文号",
    "索引号",
    "主题分类",
    "体裁分类",
    "发文机关",
    "成文日期",
    "日期",
    "时间",
    "现在时间是",
    "文/图",
    "图文",
    "摄影",
];

/// Labels whose value is a name (an editor, an author): the value ends before a digit, so a
/// byline run into the article ("责任编辑：某某12月22日，…") leaves the article alone.
pub(crate) const NAME_LABELS: &[&str] = &["作者", "责任编辑", "编辑", "监制", "审核", "校对"];

/// Endings of image file names ("182666968.jpg").
pub(crate) const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"];

/// How photo captions start or end: "图为…", "（新华社记者某某 摄）".
pub(crate) const CAPTION_STARTS: &[&str] = &["图为", "图：", "图:", "（图", "(图"];

/// The credit a photo caption ends with.
pub(crate) const CAPTION_CREDITS: &[&str] = &["摄）", "摄)", "摄）。", "摄)。", "供图）", "供图)"];

/// The longest line (in characters) taken as furniture for its words alone; longer lines are
/// prose that happens to hold a navigation word.
pub(crate) const MAX_LINE_CHARS: usize = 80;
