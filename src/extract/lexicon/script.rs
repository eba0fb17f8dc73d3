//! Traditional characters folded to simplified ones, for matching only.
//!
//! Crawled pages are sometimes run through a broken simplified→traditional conversion
//! ("財政收入增長8.5%"). The vocabulary tables are written in simplified script; rather
//! than doubling every table, the quantity rules read a folded copy of the text. Every pair maps
//! one character to one character of the same UTF-8 length, so byte offsets into the folded copy
//! are offsets into the text itself, and what a fact quotes (its metric text, its span) stays as
//! written.
//!
//! The table holds the characters of economic and administrative vocabulary, not a full
//! conversion table: a character left out only means a word in it is not recognised. Characters
//! whose simplified form is ambiguous in running text (乾/干, 後/后 are fine; 髮/發 both → 发) are
//! listed only where both readings fold to the same simplified character.

use once_cell::sync::Lazy;

/// Pairs of (traditional, simplified), written as one string of alternating characters.
const PAIRS: &str = "\
國国單单擬拟債债專专負负責责獎奖時时適适劑剂陽阳貴贵麼么見见親亲覺觉試试語语課课談谈諸诸謀谋講讲謝谢譯译賺赚贏赢贊赞貼贴賦赋賽赛贈赠軍军載载輕轻輪轮轄辖連连週周遷迁遺遗鄰邻閉闭閱阅隨随隱隐雖虽雜杂雞鸡離离靈灵韓韩頁页順顺須须顧顾飯饭馬马魚鱼鳥鸟鹽盐麥麦齊齐兒儿冊册勝胜壞坏夠够奪夺婦妇媽妈孫孙寶宝寬宽尋寻幫帮彈弹徑径徵征擇择擊击擔担攝摄敵敌斷断殺杀湧涌溫温潤润澤泽災灾無无獨独畫画異异競竞筆笔簡简純纯紙纸細细終终繼继腦脑蟲虫複复\
產产總总區区發发經经濟济預预計计劃划資资會会議议業业億亿萬万項项戶户個个場场進进\
長长實实現现據据數数稅税財财鎮镇縣县鄉乡邊边務务設设築筑間间關关開开動动環环質质\
規规蘭兰陸陆續续達达級级標标準准際际對对應应點点來来東东為为於于與与從从這这們们\
後后將将幾几價价費费額额獲获態态勢势導导歲岁報报當当屆届戰战爭争確确強强優优勞劳\
農农養养療疗醫医學学園园廠厂礦矿鐵铁鋼钢電电網网絡络線线車车運运輸输貨货貿贸漲涨\
擴扩穩稳體体製制創创術术傳传統统綜综協协調调歷历紀纪錄录積积極极佈布儲储備备維维\
護护遠远門门雙双張张號号華华書书記记員员習习黨党組组織织團团結结勵励營营銷销購购\
買买賣卖類类頭头機机構构義义兩两參参觀观視视聽听聲声說说話话請请讓让認认識识證证\
評评論论執执鬥斗樣样難难題题顯显響响廣广處处漁渔糧粮畝亩噸吨輛辆臺台樓楼層层條条\
盤盘鏈链補补績绩復复範范圍围擁拥佔占領领餘余過过較较許许貢贡獻献躋跻約约減减節节\
衛卫廢废遊游舊旧轉转換换釋释疊叠蓋盖興兴寧宁灣湾島岛廳厅聯联藥药選选舉举權权種种\
階阶慶庆豐丰滿满貧贫脫脱壯壮龍龙帶带紅红綠绿藍蓝黃黄溝沟漢汉蘇苏魯鲁閩闽贛赣粵粤\
遼辽陝陕隴陇內内銀银錢钱貸贷幣币匯汇險险遞递郵邮訊讯碼码軟软莊庄屬属廈厦閘闸鋪铺\
氣气熱热風风變变壓压緣缘綫线飛飞艦舰衝冲勁劲爐炉揚扬塊块淨净凈净雲云裝装倉仓庫库\
審审辦办簽签訂订狀状況况測测檢检驗验監监棄弃汙污燈灯廁厕牆墙橋桥軌轨駛驶還还傑杰\
偉伟麗丽鳳凤龜龟歸归盡尽顏颜樂乐歡欢劇剧藝艺館馆圖图讀读寫写職职稱称編编輯辑採采\
訪访隊队幹干鍵键壩坝濱滨灘滩嶺岭";

static TABLE: Lazy<Vec<(char, char)>> = Lazy::new(|| {
    let chars: Vec<char> = PAIRS.chars().filter(|c| !c.is_whitespace()).collect();
    let mut pairs: Vec<(char, char)> = chars
        .chunks_exact(2)
        .filter_map(|p| match p {
            [t, s] if t != s && t.len_utf8() == s.len_utf8() => Some((*t, *s)),
            _ => None,
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);
    pairs
});

/// One bit per character of the CJK block: set when the table folds it. Most characters of
/// most texts are not traditional; this answers for them without a search.
static IN_TABLE: Lazy<Vec<u64>> = Lazy::new(|| {
    let mut bits = vec![0u64; (CJK_END - CJK_START) as usize / 64 + 1];
    for (t, _) in TABLE.iter() {
        let i = (*t as u32).wrapping_sub(CJK_START) as usize;
        if let Some(w) = bits.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    bits
});

const CJK_START: u32 = 0x4E00;
const CJK_END: u32 = 0xA000;

/// The simplified form of `c`, or `c` itself.
pub(crate) fn fold_char(c: char) -> char {
    let u = c as u32;
    if !(CJK_START..CJK_END).contains(&u) {
        return c;
    }
    let i = (u - CJK_START) as usize;
    if IN_TABLE
        .get(i / 64)
        .map_or(true, |w| w & (1 << (i % 64)) == 0)
    {
        return c;
    }
    match TABLE.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => TABLE.get(i).map_or(c, |p| p.1),
        Err(_) => c,
    }
}

/// `text` with traditional characters folded, byte for byte aligned with `text`; borrowed
/// when there is nothing to fold.
pub(crate) fn fold(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = text.char_indices().find(|&(_, c)| fold_char(c) != c) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(text.get(..first.0).unwrap_or(""));
    for c in text.get(first.0..).unwrap_or("").chars() {
        out.push(fold_char(c));
    }
    std::borrow::Cow::Owned(out)
}

/// The length in bytes of romanisation noise at the start of `s`: a parenthesis holding only
/// Latin letters, with or without tone marks ("(chǎn)", "(qū)"), that broken converters leave
/// after a character. 0 when `s` does not start with one.
pub(crate) fn romanisation_len(s: &str) -> usize {
    let Some(rest) = s.strip_prefix('(') else {
        return 0;
    };
    let Some(close) = rest.find(')') else {
        return 0;
    };
    let inner = rest.get(..close).unwrap_or("");
    let latin = |c: char| c.is_ascii_lowercase() || ('\u{00C0}'..='\u{024F}').contains(&c);
    if inner.is_empty() || inner.chars().count() > 8 || !inner.chars().all(latin) {
        return 0;
    }
    close + 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_in_place() {
        let t = "財政收入增長8.5%";
        let f = fold(t);
        assert_eq!(f, "财政收入增长8.5%");
        assert_eq!(f.len(), t.len());
        assert!(matches!(
            fold("地区生产总值"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn romanisation_noise() {
        assert_eq!(romanisation_len("(qū)縣"), "(qū)".len());
        assert_eq!(romanisation_len("(市)第一"), 0);
        assert_eq!(romanisation_len("(一)"), 0);
        assert_eq!(romanisation_len("縣"), 0);
    }

    #[test]
    fn every_pair_keeps_its_length() {
        assert!(TABLE.len() > 300, "{}", TABLE.len());
        for (t, s) in TABLE.iter() {
            assert!((CJK_START..CJK_END).contains(&(*t as u32)), "{t}");
            assert_eq!(fold_char(*t), *s);
            assert_eq!(t.len_utf8(), s.len_utf8(), "{t}{s}");
            assert_ne!(t, s);
            // A character that is some pair's simplified side must not be folded again: that
            // would mean the string's pairs slipped out of step.
            assert!(TABLE.binary_search_by_key(s, |p| p.0).is_err(), "{t}{s}");
        }
    }
}
