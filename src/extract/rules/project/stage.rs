//! Stage verbs around a project and the status they give: the word before it, a stronger one
//! after it, and a plan modal that turns a start or a signing into a plan.

use super::*;

/// The stage word ending nearest before `pos` in `floor..pos`: (stage, start, end). At the same
/// end, the longer word.
pub(super) fn pre_verb(t: &str, floor: usize, pos: usize) -> Option<(Stage, usize, usize)> {
    static LAST: Lazy<Vec<char>> = Lazy::new(|| {
        stages::BEFORE
            .iter()
            .filter_map(|s| s.word.chars().next_back())
            .collect()
    });
    let s = t.get(floor..pos)?;
    for (i, c) in s.char_indices().rev() {
        if !LAST.contains(&c) {
            continue;
        }
        let e = i + c.len_utf8();
        let head = s.get(..e)?;
        let hit = stages::BEFORE
            .iter()
            .filter(|st| head.ends_with(st.word))
            .max_by_key(|st| st.word.len());
        if let Some(&st) = hit {
            return Some((st, floor + e - st.word.len(), floor + e));
        }
    }
    None
}

/// The first stage word in `from..ceil` that may follow a project: (stage, start, end); a
/// strong word wins over a weak one starting at the same place.
pub(super) fn post_verb(t: &str, from: usize, ceil: usize) -> Option<(Stage, usize, usize)> {
    static FIRST: Lazy<Vec<char>> = Lazy::new(|| {
        stages::AFTER
            .iter()
            .filter_map(|s| s.word.chars().next())
            .collect()
    });
    let s = t.get(from..ceil)?;
    for (k, c) in s.char_indices() {
        if !FIRST.contains(&c) {
            continue;
        }
        let rest = s.get(k..)?;
        let hit = stages::AFTER
            .iter()
            .filter(|st| rest.starts_with(st.word))
            .max_by_key(|st| (st.strong, st.word.len()));
        if let Some(&st) = hit {
            return Some((st, from + k, from + k + st.word.len()));
        }
    }
    None
}

/// A plan modal (计划, 拟) before the verb at `verb_start` in its phrase turns a start or a
/// signing into a plan; a date may stand between ("计划5月1日前开工").
pub(super) fn planned(
    a: &Analysed<'_>,
    floor: usize,
    verb_start: usize,
    st: ProjectStatus,
) -> bool {
    /// What a date between the modal and the verb is written with.
    const DATE_CHARS: &str = "0123456789年月日号底末前内初中旬上下半季度一二三四五六七八九十";
    if !stages::planned_by_modal(st) {
        return false;
    }
    let before = text::sub(a.text, floor, verb_start);
    stages::PLAN_MODALS.iter().any(|m| {
        before.rfind(m).is_some_and(|k| {
            let gap = before.get(k + m.len()..).unwrap_or("");
            gap.chars().count() <= 10 && gap.chars().all(|c| DATE_CHARS.contains(c))
        })
    })
}

/// Combines the verbs before and after a project: a strong word after it ("年内竣工") beats
/// one before it, a strong word beats a weak one ("推进…规划建设" is planned).
pub(super) fn status_from(pre: Option<Stage>, post: Option<Stage>) -> Option<ProjectStatus> {
    match (pre, post) {
        (_, Some(p)) if p.strong => p.status,
        (Some(p), _) if p.strong => p.status,
        (_, Some(p)) => p.status,
        (Some(p), None) => p.status,
        (None, None) => None,
    }
}

/// The status of a project whose words start at `start` (the verb search stops there) and whose
/// noun ends at `head_end`, inside `phrase`.
pub(super) fn stage_of(
    a: &Analysed<'_>,
    phrase: &Range<usize>,
    floor: usize,
    start: usize,
    head_end: usize,
) -> StageRead {
    let t = a.text;
    let pre = pre_verb(t, floor.max(phrase.start), start);
    // A verb after the project is its own up to the next item: "5个A项目和4个竣工B项目".
    let ceil = text::sub(t, head_end, phrase.end)
        .char_indices()
        .find(|&(_, c)| matches!(c, '和' | '及' | '、' | '与'))
        .map_or(phrase.end, |(k, _)| head_end + k);
    let next_figure = a
        .qms_in(head_end..ceil)
        .next()
        .and_then(|j| a.qms.get(j))
        .map_or(ceil, |q| q.start.max(head_end));
    let post = post_verb(t, head_end, ceil.min(next_figure));
    let mut status = status_from(pre.map(|p| p.0), post.map(|p| p.0));
    // The verb that decided, for the plan modal.
    let decided = match (pre, post) {
        (_, Some(p)) if p.0.strong => Some(p),
        (Some(p), _) if p.0.strong => Some(p),
        (_, Some(p)) => Some(p),
        (Some(p), None) => Some(p),
        _ => None,
    };
    if let (Some(st), Some(v)) = (status, decided) {
        if planned(a, phrase.start, v.1, st) {
            status = Some(ProjectStatus::Planned);
        }
    }
    StageRead {
        status,
        weak: decided.is_some_and(|v| !v.0.strong),
        pre_start: pre.map(|p| p.1),
        post_end: post.map(|p| p.2),
    }
}

/// What the stage verbs around a project say.
pub(super) struct StageRead {
    pub(super) status: Option<ProjectStatus>,
    /// Whether a weak word decided.
    pub(super) weak: bool,
    /// Where the verb before the project starts.
    pub(super) pre_start: Option<usize>,
    /// Where the verb after it ends.
    pub(super) post_end: Option<usize>,
}

impl Draft {
    pub(super) fn set_stage(&mut self, r: &StageRead) {
        self.status = r.status;
        self.own_status = r.status.is_some();
        self.weak_status = r.weak;
        if let Some(p) = r.pre_start {
            self.start = self.start.min(p);
        }
    }
}
