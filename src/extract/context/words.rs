//! The words around a place name that say what the name is doing there: part of a road's or a
//! company's name, the venue of a meeting, a news agency's dateline, the base of a comparison,
//! or a self-reference (我镇, 全县, 该市).

use crate::extract::lexicon::table::{pair, rows, word_tables};
use crate::extract::text::CharSet;
use once_cell::sync::Lazy;

/// The word lists of this module, in `data/lexicon/place_context.txt` (each table described there).
const SRC: &str = include_str!("../../../data/lexicon/place_context.txt");

word_tables!(SRC, "place_context.txt": ENTITY_AFTER, INSTITUTION, SUBJECT_LEADS,
    CHINA_AS_PLACE_BEFORE, LEVEL_WORDS, ATTRIBUTION_ENDS, VENUE_VERBS, COMPARISON_BEFORE,
    COMPARISON_AFTER, LEVEL_TITLES, AREA_AFTER);

/// The first characters of [`INSTITUTION`].
pub(crate) const INSTITUTION_FIRST: &str = "大学中小医研公集银基";

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
    static FIRST: Lazy<CharSet> = Lazy::new(|| CharSet::new(ENTITY_FIRST.chars()));
    if !FIRST.contains(first) {
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

/// Characters that may follow a place name without gluing it into a longer word: function words
/// and the starts of the verbs and nouns a government text puts after its subject.
pub(crate) const LOOSE_AFTER: &str =
    "的是在将要和与及等已也都还就又把对为以从到向被让今去明全共各再正均新实完累预力坚着不所地境内外上下这该其率获成作位开召举签集重项共有计";

/// [`LOOSE_AFTER`] as a set, for the tests run on every name found.
pub(crate) static LOOSE_AFTER_SET: Lazy<CharSet> = Lazy::new(|| CharSet::new(LOOSE_AFTER.chars()));

/// What may stand right before a two-character name (沛县, 代县): punctuation, or one of these
/// words; any other character may be the first half of a word the name's stem ends (代理县长).
pub(crate) const BEFORE_SHORT_NAME: &str = "在到从赴于和与及、，。；：（“”是对向为全该我本原今去";

/// Level characters and the words they start (县长, 市委, 县域, 县城): after a one-character stem
/// name (代县, 理县) they show the name is a fragment (代 + 县长).
pub(crate) const LEVEL_WORD_STARTS: &str = "长委级域城政直属内里辖乡镇区市县";

/// The word that opens an attribution.
pub(crate) const ATTRIBUTION_START: &str = "据";

/// Self-references and the level word of the place they point at. `国` points at the root.
pub(crate) const DEICTIC: &[(&str, &str)] =
    rows!(SRC, ["deictic"], (&'static str, &'static str), pair);

/// Whether a self-reference names its speaker (我镇, 本县, 该市) rather than the whole of an
/// area (全省 may be the province a county belongs to).
pub(crate) fn is_speaker(word: &str) -> bool {
    word.starts_with(['我', '本', '该']) && word != "我们" && word != "我国"
}

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
