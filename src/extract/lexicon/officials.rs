//! Titles and organisations of government and party posts, and the words around a name.
//!
//! A title is an organ and a post in it: 县委 + 副书记, 县人大常委会 + 主任, 行署 + 专员, or a
//! government head (常务副县长, 代理市长). Each [`Organ`] gives the pattern of the organ as
//! written (in simplified characters: normalisation folds traditional ones), the posts it has,
//! and the body its organisation is named with ("甲" + 市 + "委" → 甲市委).

use crate::extract::lexicon::table::{pair, rows, word_tables, Entry};

/// An organ of a title and its posts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Organ {
    /// Regex for the organ as written, level character included where the title carries it.
    pub organ: &'static str,
    /// Regex for the posts, written after the organ.
    pub posts: &'static str,
    /// What the organisation's name ends with after the place's name: 委, 党委, 人大常委会,
    /// 人民政府 …
    pub body: &'static str,
}

/// Level characters that open an organ's name: 省委, 市委, 区委, 县委, 州委, 旗委, 盟委, 地委
/// (a prefecture-level 地区's committee).
pub(crate) const LEVEL: &str = "[省市区县州旗盟地]";

/// Level characters of government heads: 省长 … 镇长, 乡长.
pub(crate) const HEAD_LEVEL: &str = "[省市区县州旗盟镇乡]";

/// The organs, longest first where one contains another.
pub(crate) const ORGANS: &[Organ] = &[
    Organ {
        organ: "人大常委会",
        posts: "(?:常务副|副)?主任",
        body: "人大常委会",
    },
    Organ {
        organ: "政协",
        posts: "(?:常务副|副)?主席",
        body: "政协",
    },
    Organ {
        organ: "委",
        posts: "(?:常务副|副)?书记|常委|委员",
        body: "委",
    },
];

/// Organs written without a level character ("镇党委书记" is titled 党委书记; the place comes
/// before it).
pub(crate) const BARE_ORGANS: &[Organ] = &[
    Organ {
        organ: "党工委",
        posts: "(?:常务副|副)?书记|委员",
        body: "党工委",
    },
    Organ {
        organ: "党委",
        posts: "(?:常务副|副)?书记|委员",
        body: "党委",
    },
    Organ {
        organ: "工委",
        posts: "(?:常务副|副)?书记",
        body: "工委",
    },
    Organ {
        // 行政公署: the government of a prefecture-level 地区.
        organ: "行署",
        posts: "(?:常务副|副)?专员",
        body: "行署",
    },
    Organ {
        organ: "管委会|管委",
        posts: "(?:常务副|副)?主任",
        body: "管委会",
    },
    Organ {
        organ: "街道办事处",
        posts: "(?:副)?主任",
        body: "街道办事处",
    },
];

/// Prefixes of a government head ("常务副县长", "代县长" acting, "代理市长").
pub(crate) const HEAD_PREFIXES: &str = "(?:常务副|代理|代|副)?";

/// The post of a government head after its level character: 长 (县长).
pub(crate) const HEAD_POST: &str = "长";

/// Titles of national leaders, with their organisation.
pub(crate) const NATIONAL: &[(&str, &str)] =
    rows!(SRC, ["national"], (&'static str, &'static str), pair);

/// Titles written after a name ("王五书记强调", "李克强总理在…"), with the organisation they
/// imply when they imply one.
pub(crate) const AFTER_NAME_TITLES: &[(&str, Option<&str>)] = rows!(
    SRC,
    ["after_name_titles"],
    (&'static str, Option<&'static str>),
    implied
);

/// A title of `[after_name_titles]` and the organisation its label names (`-`: none).
const fn implied(e: &Entry) -> (&'static str, Option<&'static str>) {
    let (title, org) = pair(e);
    (title, if org.is_empty() { None } else { Some(org) })
}

/// The word lists of this module, in `data/lexicon/officials.txt` (each table described there).
const SRC: &str = include_str!("../../../data/lexicon/officials.txt");

word_tables!(SRC, "officials.txt": SPEECH, NOT_OFFICIAL_BEFORE, AFTER_NAME, COMPOUND_SURNAMES,
    ZONE_SUFFIXES);

/// First characters of the words in [`AFTER_NAME`] and of other verbs: when neither a two- nor
/// a three-character reading of a name is followed by a known word, the reading followed by one
/// of these is taken.
pub(crate) const AFTER_NAME_CHARS: &str =
    "在出主讲宣强指表致作代参调会到对说为等率陪带听考检视慰看走深就和与及见揭剪于是也还向";

/// Family names, single character.
pub(crate) const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习";

/// Characters a name never holds: the name read before "书记" is not a name when it holds one
/// (an organ's words: "市委书记" read backwards).
pub(crate) const NOT_IN_NAME: &[char] = &['委', '党', '工', '记', '市', '区', '县', '镇', '省'];

/// Whether a place name is a zone's.
pub(crate) fn is_zone_name(name: &str) -> bool {
    ZONE_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Characters of the sentence's grammar that no name holds (的, 了, 在 …): a two- or
/// three-character stretch after a title holding one is no name.
pub(crate) const FUNCTION_CHARS: &[char] = &[
    '的', '了', '在', '是', '和', '与', '等', '要', '将', '对', '为', '及', '们', '说', '讲', '表',
    '指', '出', '主', '致', '作',
];
