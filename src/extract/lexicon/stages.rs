//! Verbs of a project's stages: which status a statement about a project gives it.
//!
//! A word is *strong* when it alone decides the status (签约, 开工, 竣工); *weak* words (推进,
//! 建设, 加快) say that work goes on and count only when nothing stronger is near. Words with no
//! status (推动, 梳理, 洽谈) still mark the start of a project phrase, so that the words before
//! them are not read as part of a project's name.

use crate::extract::lexicon::table::{marked, rows, word_tables, Entry};

use crate::model::ProjectStatus;

/// One stage word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stage {
    /// The word as written.
    pub word: &'static str,
    /// The status it gives; `None` for words that only open a project phrase.
    pub status: Option<ProjectStatus>,
    /// Whether the word alone decides the status.
    pub strong: bool,
}

/// A stage word of `[before]` or `[after]`: its label is the status it gives, `_weak` when it
/// is not strong, or `opener`.
const fn stage(e: &Entry) -> Stage {
    let (label, weak) = marked(e.label, "_weak");
    let status = match label {
        b"signed" => Signed,
        b"started" => Started,
        b"completed" => Completed,
        b"in_operation" => InOperation,
        b"planned" => Planned,
        b"under_construction" => UnderConstruction,
        b"opener" => {
            return Stage {
                word: e.word,
                status: None,
                strong: false,
            }
        }
        _ => panic!("stages.txt: an unknown label"),
    };
    Stage {
        word: e.word,
        status: Some(status),
        strong: !weak,
    }
}

use ProjectStatus::{Completed, InOperation, Planned, Signed, Started, UnderConstruction};

/// Stage words that stand before the project they are about ("新开工10个项目",
/// "签约引进8个项目", "加快建设科创中心"). Longer words win over the shorter ones they contain.
pub(crate) const BEFORE: &[Stage] = rows!(SRC, ["before"], Stage, stage);

/// Stage words that follow the project ("…项目年内竣工", "17个项目完成签约",
/// "30条道路建成通车").
pub(crate) const AFTER: &[Stage] = rows!(SRC, ["after"], Stage, stage);

/// The word lists of this module, in `data/lexicon/stages.txt` (each table described there).
const SRC: &str = include_str!("../../../data/lexicon/stages.txt");

word_tables!(SRC, "stages.txt": NOUN_BOUNDS, PLAN_MODALS);

/// The stages a plan modal turns into `planned` (a plan to sign or to start is a plan; a plan
/// to finish a project already under way is not).
pub(crate) fn planned_by_modal(status: ProjectStatus) -> bool {
    matches!(status, Signed | Started)
}
