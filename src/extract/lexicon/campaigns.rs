//! The words of campaigns: what a campaign's name ends with, what a quoted name is followed
//! by when it names a campaign, the heads of themed years, and the words after which a name
//! starts.

use crate::extract::lexicon::table::{marked, rows, word_tables, Entry};

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

/// A campaign word of a table labelled with kinds; `_guarded` marks a guarded suffix.
const fn kind_word(e: &Entry) -> (&'static str, CampaignKind, bool) {
    let (label, guarded) = marked(e.label, "_guarded");
    let kind = match label {
        b"battle" => Battle,
        b"action" => Action,
        b"program" => Program,
        _ => panic!("campaigns.txt: an unknown label"),
    };
    (e.word, kind, guarded)
}

const fn suffix(e: &Entry) -> Suffix {
    let (word, kind, guarded) = kind_word(e);
    Suffix {
        word,
        kind,
        guarded,
    }
}

const fn ending(e: &Entry) -> (&'static str, CampaignKind) {
    let (word, kind, guarded) = kind_word(e);
    assert!(!guarded, "campaigns.txt: a guarded word outside [suffixes]");
    (word, kind)
}

use CampaignKind::{Action, Battle, Program};

/// Suffixes of campaign names, longest first where one ends another.
pub(crate) const SUFFIXES: &[Suffix] = rows!(SRC, ["suffixes"], Suffix, suffix);

/// Endings that make a quoted name a campaign even when nothing follows the quotation: the
/// suffixes above and 攻坚 ("百日攻坚").
pub(crate) const QUOTED_ENDINGS: &[(&str, CampaignKind)] = rows!(
    SRC,
    ["quoted_endings"],
    (&'static str, CampaignKind),
    ending
);

/// Words after a closing quotation mark that make the quoted name a campaign: "“三个一批”活动",
/// "“百园增效”行动", "“千企技改”工程". The name is the quotation.
pub(crate) const AFTER_QUOTE: &[(&str, CampaignKind)] =
    rows!(SRC, ["after_quote"], (&'static str, CampaignKind), ending);

/// Words after a quoted list, or a chain of quotations joined by 、, that make it a campaign.
pub(crate) const AFTER_QUOTED_LIST: &[(&str, CampaignKind)] = rows!(
    SRC,
    ["after_quoted_list"],
    (&'static str, CampaignKind),
    ending
);

/// The word lists of this module, in `data/lexicon/campaigns.txt` (each table described there).
const SRC: &str = include_str!("../../../data/lexicon/campaigns.txt");

word_tables!(SRC, "campaigns.txt": PROGRAM_VERBS, MARKERS, GENERIC_BASES, THEMED_YEAR_HEADS,
    THEMED_YEAR_AFTER);
