//! Verbs of a project's stages: which status a statement about a project gives it.
//!
//! A word is *strong* when it alone decides the status (签约, 开工, 竣工); *weak* words (推进,
//! 建设, 加快) say that work goes on and count only when nothing stronger is near. Words with no
//! status (推动, 梳理, 洽谈) still mark the start of a project phrase, so that the words before
//! them are not read as part of a project's name.

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

const fn stage(word: &'static str, status: ProjectStatus, strong: bool) -> Stage {
    Stage {
        word,
        status: Some(status),
        strong,
    }
}

const fn opener(word: &'static str) -> Stage {
    Stage {
        word,
        status: None,
        strong: false,
    }
}

use ProjectStatus::{Completed, InOperation, Planned, Signed, Started, UnderConstruction};

/// Stage words that stand before the project they are about ("新开工10个项目",
/// "签约引进8个项目", "加快建设科创中心"). Longer words win over the shorter ones they contain.
pub(crate) const BEFORE: &[Stage] = &[
    stage("签约引进", Signed, true),
    stage("签约落地", Signed, true),
    stage("签约", Signed, true),
    stage("签订", Signed, true),
    // "招引落户项目8个": brought in and settled, i.e. agreed.
    stage("招引落户", Signed, true),
    stage("引进的", Signed, true),
    stage("引进", Signed, true),
    stage("开工建设", Started, true),
    stage("新开工", Started, true),
    stage("开工", Started, true),
    stage("动工", Started, true),
    stage("开建", Started, true),
    // "上马两个项目": launched.
    stage("上马", Started, true),
    stage("启动", Started, true),
    stage("建成", Completed, true),
    stage("竣工", Completed, true),
    // "完成…项目": in the rules it only counts before a project noun, never before 投资.
    stage("完成", Completed, true),
    stage("投产", InOperation, true),
    stage("运营", InOperation, true),
    stage("规划建设", Planned, true),
    stage("谋划", Planned, true),
    stage("筹建", Planned, true),
    stage("储备", Planned, true),
    // "铺排重大项目177个": projects scheduled in the year's plan.
    stage("铺排", Planned, true),
    stage("策划", Planned, true),
    stage("在建", UnderConstruction, true),
    stage("续建", UnderConstruction, true),
    stage("加快建设", UnderConstruction, true),
    stage("加快推进", UnderConstruction, false),
    stage("稳步推进", UnderConstruction, false),
    stage("大力推进", UnderConstruction, false),
    stage("全力推进", UnderConstruction, false),
    stage("推进", UnderConstruction, false),
    stage("支持", UnderConstruction, false),
    stage("加快", UnderConstruction, false),
    stage("建设", UnderConstruction, false),
    opener("推动"),
    opener("梳理"),
];

/// Verbs that end the noun phrase of a count of projects on the left without stating a stage:
/// "洽谈意向性投资项目17个" (talks, no stage reached yet), "安排盟级重点项目6项".
pub(crate) const NOUN_BOUNDS: &[&str] = &["洽谈", "实施", "安排", "纳入", "包含", "确定"];

/// Stage words that follow the project ("…项目年内竣工", "17个项目完成签约",
/// "30条道路建成通车").
pub(crate) const AFTER: &[Stage] = &[
    stage("签约落地", Signed, true),
    stage("签约", Signed, true),
    stage("开工", Started, true),
    stage("动工", Started, true),
    stage("竣工", Completed, true),
    stage("建成", Completed, true),
    stage("完工", Completed, true),
    stage("通车", Completed, true),
    stage("投产", InOperation, true),
    stage("达产", InOperation, true),
    stage("投入运营", InOperation, true),
    stage("投入使用", InOperation, true),
    stage("投用", InOperation, true),
    stage("运营", InOperation, true),
    stage("规划建设", Planned, true),
    // "…项目复工": building resumes.
    stage("复工", UnderConstruction, true),
    stage("建设", UnderConstruction, false),
];

/// Words of intent that turn the stage verb right after them into a plan: "计划5月1日前开工8个"
/// is 8 projects planned to start, not started ones. A time expression may stand between.
pub(crate) const PLAN_MODALS: &[&str] = &["计划", "拟"];

/// The stages a plan modal turns into `planned` (a plan to sign or to start is a plan; a plan
/// to finish a project already under way is not).
pub(crate) fn planned_by_modal(status: ProjectStatus) -> bool {
    matches!(status, Signed | Started)
}
