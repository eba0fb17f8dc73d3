//! The words around a place name that say what the name is doing there: part of a road's or a
//! company's name, the venue of a meeting, a news agency's dateline, the base of a comparison,
//! or a self-reference (我镇, 全县, 该市).

/// Words that, right after a place name, make it part of another name: a road (山东路), a
/// company or brand (青岛啤酒), a newspaper (湖南日报), a bank branch (信阳分行), a school, a
/// station, a team. Longest first.
pub(crate) const ENTITY_AFTER: &[&str] = &[
    "人民广播电台",
    "广播电视台",
    "电视台",
    "广播电台",
    "日报社",
    "日报",
    "晚报",
    "晨报",
    "商报",
    "都市报",
    "新闻网",
    "新闻",
    "头条",
    "融媒",
    "啤酒",
    "银行",
    "农商行",
    "分行",
    "支行",
    "证券",
    "保险",
    "集团",
    "公司",
    "股份",
    "控股",
    "大学",
    "学院",
    "中学",
    "小学",
    "医院",
    "机场",
    "火车站",
    "高铁站",
    "大酒店",
    "酒店",
    "宾馆",
    "饭店",
    "大厦",
    "广场",
    "大桥",
    "大道",
    "大街",
    "路",
    "巷",
    "胡同",
    "站",
    "队",
    "号",
    "牌",
    "籍",
    "菜",
    "话",
    "式",
    "特色",
    "梦",
    "模式",
    "校区",
];

/// Words that, within a few characters after a place name and with no punctuation between,
/// make the name part of an institution's (深圳北理莫斯科大学, 深圳中学): the institution is
/// not what the sentence is about.
pub(crate) const INSTITUTION: &[&str] = &[
    "大学",
    "学院",
    "中学",
    "小学",
    "医院",
    "研究院",
    "研究所",
    "公司",
    "集团",
    "银行",
    "学校",
    "基金",
];

/// The first characters of [`INSTITUTION`].
pub(crate) const INSTITUTION_FIRST: &str = "大学中小医研公集银基";

/// Words a sentence may open with before its subject (今年全县…, 同时，全区…): a
/// self-reference right after them is what the sentence is about.
pub(crate) const SUBJECT_LEADS: &[&str] = &[
    "今年",
    "去年",
    "明年",
    "全年",
    "年内",
    "当年",
    "同时",
    "此外",
    "其中",
    "目前",
    "今后",
    "近年来",
    "下一步",
    "一季度",
    "上半年",
    "下半年",
];

/// The first characters of [`ENTITY_AFTER`] and of the road and street forms.
const ENTITY_FIRST: &str =
    "人广电日晚晨商都新头融啤银农分支证保集公股控大学中小医机火高酒宾饭路巷胡网站队号牌籍菜话式特梦模校东西南北一二三四五六七八九街";

/// Whether `rest` (the text after a name) starts with an entity word. `街` alone is a street
/// (中山街), but not in 街道 (a subdistrict).
pub(crate) fn entity_after(rest: &str) -> bool {
    // Most names are followed by none of these words: one character test rules them out.
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if !ENTITY_FIRST.contains(first) {
        return false;
    }
    if rest.starts_with('街') && !rest.starts_with("街道") {
        return true;
    }
    if rest.starts_with('网') && !rest.starts_with("网络") {
        return true;
    }
    // 重庆中路, 香港东路, 人民一路: a direction or an ordinal before the road word.
    let mut cs = rest.chars();
    if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
        if "东西南北中一二三四五六七八九".contains(a) && "路街巷".contains(b) {
            return rest.chars().nth(2) != Some('道') || b != '街';
        }
    }
    ENTITY_AFTER.iter().any(|w| rest.starts_with(w))
}

/// What 中国 is the start of when it is not the country a fact belongs to: an organisation or
/// company (中国银行, 中国电建), a slogan (中国式现代化, 中国特色). 中国 counts as the place only
/// when nothing Han is glued to it or one of these follows.
pub(crate) const CHINA_AS_PLACE_BEFORE: &[&str] = &[
    "经济", "发展", "的", "是", "将", "在", "和", "与", "已", "GDP", "国内", "全年", "今年", "今后",
];

/// Characters that may follow a place name without gluing it into a longer word: function words
/// and the starts of the verbs and nouns a government text puts after its subject.
pub(crate) const LOOSE_AFTER: &str =
    "的是在将要和与及等已也都还就又把对为以从到向被让今去明全共各再正均新实完累预力坚着不所地境内外上下这该其率获成作位开召举签集重项共有计";

/// Words a name's last character (its level word) forms with the character after it: the name
/// then ends one character earlier (振兴乡村 is 振兴 + 乡村 "the countryside", 青岛市场 is
/// 青岛 + 市场 "market").
pub(crate) const LEVEL_WORDS: &[&str] = &[
    "乡村", "乡镇", "市场", "市民", "市区", "市域", "区域", "区位", "区间", "县域", "县城", "县区",
    "镇域", "镇区", "镇村", "省份", "省市",
];

/// What may stand right before a two-character name (沛县, 代县): punctuation, or one of these
/// words; any other character may be the first half of a word the name's stem ends (代理县长).
pub(crate) const BEFORE_SHORT_NAME: &str = "在到从赴于和与及、，。；：（“”是对向为全该我本原今去";

/// Level characters and the words they start (县长, 市委, 县域, 县城): after a one-character stem
/// name (代县, 理县) they show the name is a fragment (代 + 县长).
pub(crate) const LEVEL_WORD_STARTS: &str = "长委级域城政直属内里辖乡镇区市县";

/// Verbs that make a place named after 在/于 the venue of an event rather than its subject.
/// The words that close a news source's attribution (据江西省发改委消息, 据某某日报报道): the
/// source's place says who reported, not what the text is about.
pub(crate) const ATTRIBUTION_ENDS: &[&str] = &["消息", "报道", "通报", "发布"];

/// The word that opens an attribution.
pub(crate) const ATTRIBUTION_START: &str = "据";

pub(crate) const VENUE_VERBS: &[&str] = &[
    "举行", "召开", "开幕", "举办", "启动", "隆重", "开工", "签约", "奠基", "现场",
];

/// Words before a place that make it the base of a comparison (占全市, 比全国, 居全省).
pub(crate) const COMPARISON_BEFORE: &[&str] = &[
    "占",
    "比",
    "较",
    "高于",
    "低于",
    "快于",
    "慢于",
    "居",
    "位居",
    "位列",
    "位于",
    "领跑",
    "贡献了",
    "贡献",
    "列",
    "超过",
    "超出",
    "全国各",
    "各",
];

/// Words after a place that make it a comparison base or a ranking (全省第一, 全国平均).
pub(crate) const COMPARISON_AFTER: &[&str] = &[
    "平均",
    "第一",
    "前列",
    "首位",
    "之首",
    "前茅",
    "排名",
    "同期",
    "水平",
    "总量的",
    "比重",
];

/// Self-references and the level word of the place they point at. `国` points at the root.
pub(crate) const DEICTIC: &[(&str, &str)] = &[
    ("全街道", "街道"),
    ("我街道", "街道"),
    ("本街道", "街道"),
    ("该街道", "街道"),
    ("全国", "国"),
    ("我国", "国"),
    ("全省", "省"),
    ("我省", "省"),
    ("本省", "省"),
    ("该省", "省"),
    ("全市", "市"),
    ("我市", "市"),
    ("本市", "市"),
    ("该市", "市"),
    ("全县", "县"),
    ("我县", "县"),
    ("本县", "县"),
    ("该县", "县"),
    ("全区", "区"),
    ("我区", "区"),
    ("本区", "区"),
    ("该区", "区"),
    ("全州", "州"),
    ("我州", "州"),
    ("本州", "州"),
    ("该州", "州"),
    ("全盟", "盟"),
    ("全旗", "旗"),
    ("我旗", "旗"),
    ("本旗", "旗"),
    ("该旗", "旗"),
    ("全镇", "镇"),
    ("我镇", "镇"),
    ("本镇", "镇"),
    ("该镇", "镇"),
    ("镇内", "镇"),
    ("全乡", "乡"),
    ("我乡", "乡"),
    ("本乡", "乡"),
    ("该乡", "乡"),
    ("街道", "街道"),
    ("我们", ""),
];

/// Whether a self-reference names its speaker (我镇, 本县, 该市) rather than the whole of an
/// area (全省 may be the province a county belongs to).
pub(crate) fn is_speaker(word: &str) -> bool {
    word.starts_with(['我', '本', '该']) && word != "我们" && word != "我国"
}

/// Bare posts that say which level the text speaks from (县委书记 without a place before it).
pub(crate) const LEVEL_TITLES: &[&str] = &[
    "委书记",
    "委副书记",
    "党委书记",
    "党委副书记",
    "党工委书记",
    "长",
    "委常委",
    "人大常委会主任",
];

/// The traditional forms of the characters of the self-references (我縣, 全區, 該鎮).
pub(crate) const TRADITIONAL_LEVEL_CHARS: &[(char, char)] = &[
    ('區', '区'),
    ('縣', '县'),
    ('鎮', '镇'),
    ('鄉', '乡'),
    ('國', '国'),
    ('該', '该'),
    ('們', '们'),
];

/// Words after a place that name one of its own areas without making a new place of it
/// (山东自贸试验区 is Shandong's free trade zone): the place stays what the phrase is about.
pub(crate) const AREA_AFTER: &[&str] = &["自贸试验区", "自贸区", "片区", "全域", "境内"];
