//! Project rules: batches, their parts and their named members, read around counts of
//! projects, total investments and the verbs of a project's stages.
//!
//! Each rule is a named record ([`RULES`]); they run in that order, and a figure or a stretch of
//! text one rule has read is not read again by a later one. Windows are counted in characters.
//!
//! | rule | reads |
//! |---|---|
//! | `project.investment_of` | a total investment, 的, then the projects it belongs to: "总投资超过500亿元的40个海洋项目", "总投资12亿元的光伏组件项目", "总投资30亿元的甲、乙等项目" |
//! | `project.members` | named examples and a project noun: "甲大厦、乙中心等5个项目投入运营" (count = the stated number, else the number of names) |
//! | `project.batch` | a count of projects, the noun before or after it, and the batch's total investment later in the sentence: "92个重大项目集中开工，总投资1272亿元", "产业项目41个，总投资629亿元", "新开工项目898个" |
//! | `project.part` | parts of a batch after 其中 that leave the noun out: "其中清洁能源2个，文化旅游2个", "其中，新建5项，续建1项" |
//! | `project.named_investment` | a name ending in a project noun with its total investment: "祥云学校项目，总投资3.7亿元" |
//! | `project.named` | a stage verb and a name ending in a project noun: "稳步推进海洋牧场示范项目建设", "建设首个“国家级种苗基地”" |
//!
//! Status comes from the stage verbs (`lexicon::stages`): 签约 signed, 开工 started, 在建
//! under construction, 竣工/建成 completed, 投产/运营 in operation, 谋划/储备/铺排 planned; a
//! strong word after the project ("年内竣工", "完成签约") beats the verb before it, and a plan
//! modal turns a start or a signing into a plan ("计划5月1日前开工8个").
//!
//! A batch's own total investment stays on the batch; its annual planned investment
//! (年度计划投资) and completed investment (累计完成投资) are left to the quantity rules. After
//! the rules, a batch stated twice ("92个项目集中开工…本次集中开工的92个项目") becomes one,
//! parts introduced by 其中 point at their batch, and named projects listed with their own
//! investment but no verb of their own point at the batch of the event the text reports, whose
//! status they share.

use super::super::context::{opens, Role};
use super::super::facts::placeholder_span;
use super::super::facts::{Fact, ProjectFact};
use super::super::lexicon::projects as lex;
use super::super::lexicon::stages::{self, Stage};
use super::super::measure::{QMention, QUnit};
use super::super::normalize::is_han;
use super::super::text;
use super::super::time::When;
use super::super::{Analysed, Found};
use super::phrase_at;
use crate::model::{Comparator, Date, Money, ProjectStatus, Span};
use once_cell::sync::Lazy;
use regex::Regex;
use std::ops::Range;

/// A project rule: its id (the evidence's `rule:<id>`) and what it reads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// The rule's id (what it reads is in the table of the module docs).
    pub id: &'static str,
    run: fn(&Analysed<'_>, &mut State<'_>),
}

/// The project rules in the order they run.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "project.investment_of",
        run: investment_of,
    },
    Rule {
        id: "project.members",
        run: members,
    },
    Rule {
        id: "project.batch",
        run: batches,
    },
    Rule {
        id: "project.part",
        run: parts,
    },
    Rule {
        id: "project.named_investment",
        run: named_investment,
    },
    Rule {
        id: "project.named",
        run: named,
    },
];

/// How far (in characters) after a batch the named projects listed with their own investment
/// are taken as its members: a report on a groundbreaking or a signing states the event's batch
/// in its lead and lists the projects after it, within a page.
const MEMBER_REACH_CHARS: usize = 3000;

/// How far (in characters) after a count of projects the batch's total investment may stand
/// ("300个项目，同比增长114.29%，总投资865.33亿元").
const INVESTMENT_REACH_CHARS: usize = 40;

/// The longest modifier (in characters) between a count and 项目 ("48个重点建设项目").
const MODIFIER_CHARS: usize = 12;

struct Draft {
    start: usize,
    end: usize,
    name: Option<String>,
    count: u32,
    investment: Option<(Money, Comparator)>,
    status: Option<ProjectStatus>,
    /// Whether the status was read from the project's own words (not inherited).
    own_status: bool,
    /// Whether a weak word (推进, 建设) gave the status: a restatement with a strong one is
    /// the same batch.
    weak_status: bool,
    sector: Option<String>,
    members: Vec<String>,
    exclude: Vec<Range<usize>>,
    /// The end of the place that opens the batch's noun as its owner ("全市工业项目57个").
    owner_end: Option<usize>,
    rule: &'static str,
}

impl Draft {
    fn new(start: usize, end: usize, count: u32, rule: &'static str) -> Draft {
        Draft {
            start,
            end,
            name: None,
            count,
            investment: None,
            status: None,
            own_status: false,
            weak_status: false,
            sector: None,
            members: Vec::new(),
            exclude: Vec::new(),
            owner_end: None,
            rule,
        }
    }
}

/// What the rules share while they run.
pub(crate) struct State<'c> {
    /// The id of the rule running.
    rule: &'static str,
    drafts: Vec<Draft>,
    taken: Taken,
    consumed: &'c mut [bool],
}

impl State<'_> {
    fn consume(&mut self, i: usize) {
        if let Some(c) = self.consumed.get_mut(i) {
            *c = true;
        }
    }

    fn is_free(&self, i: usize) -> bool {
        !self.consumed.get(i).copied().unwrap_or(true)
    }

    fn push(&mut self, d: Draft) {
        self.taken.push(d.start..d.end);
        self.drafts.push(d);
    }
}

pub(crate) fn run(a: &Analysed<'_>, consumed: &mut [bool]) -> Vec<Found> {
    let mut st = State {
        rule: "",
        drafts: Vec::new(),
        taken: Taken::default(),
        consumed,
    };
    for rule in RULES {
        st.rule = rule.id;
        (rule.run)(a, &mut st);
    }
    size_classes(a, &mut st);
    inside_names(a, &mut st);
    let mut drafts = std::mem::take(&mut st.drafts);
    drafts.sort_by_key(|d| (d.start, d.end));
    let found: Vec<Found> = drafts.iter().map(|d| finish(a, d)).collect();
    assemble(a, drafts, found)
}

/// Stretches of text already read as a project, kept sorted by start.
#[derive(Default)]
struct Taken(Vec<Range<usize>>);

impl Taken {
    fn push(&mut self, r: Range<usize>) {
        let i = self.0.partition_point(|x| x.start < r.start);
        self.0.insert(i, r);
    }

    fn overlaps(&self, s: usize, e: usize) -> bool {
        // Ranges are short (a sentence at most), so only the nearest ones can overlap.
        let i = self.0.partition_point(|r| r.start < e);
        self.0
            .get(i.saturating_sub(8)..i)
            .unwrap_or(&[])
            .iter()
            .any(|r| r.start < e && s < r.end)
    }
}

fn chars(t: &str, a: usize, b: usize) -> usize {
    text::sub(t, a, b).chars().count()
}

fn is_count_unit(q: &QMention) -> bool {
    matches!(q.unit, QUnit::Word(w) if lex::COUNT_UNITS.contains(&w))
}

fn count_of(q: &QMention) -> Option<u32> {
    q.value
        .to_integer()
        .and_then(|v| u32::try_from(v).ok())
        .filter(|&v| v >= 1)
}

fn money_of(q: &QMention) -> Option<Money> {
    if q.unit != QUnit::Yuan {
        return None;
    }
    q.value.to_integer().and_then(|y| Money::from_yuan(y).ok())
}

fn ends_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .filter(|w| s.ends_with(**w))
        .max_by_key(|w| w.len())
        .copied()
}

fn starts_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .filter(|w| s.starts_with(**w))
        .max_by_key(|w| w.len())
        .copied()
}

/// The first of `words` in `hay` (the longest at the same place): (byte offset, word). One pass
/// over `hay`, comparing words only where their first character stands.
fn first_of<'w>(hay: &str, words: &[&'w str]) -> Option<(usize, &'w str)> {
    hay.char_indices().find_map(|(i, c)| {
        let rest = hay.get(i..)?;
        words
            .iter()
            .filter(|w| w.starts_with(c) && rest.starts_with(**w))
            .max_by_key(|w| w.len())
            .map(|w| (i, *w))
    })
}

/// The investment word ending right before `pos` (link words such as 达/合计 allowed between):
/// (word start, word).
fn investment_word_before(
    t: &str,
    floor: usize,
    pos: usize,
    words: &[&'static str],
) -> Option<(usize, &'static str)> {
    let mut end = pos;
    let mut s = text::before(t, floor, end, 8);
    if let Some(l) = ends_with_any(s, lex::INVESTMENT_LINKS) {
        end -= l.len();
        s = text::before(t, floor, end, 8);
    }
    let w = ends_with_any(s, words)?;
    Some((end - w.len(), w))
}

// ---------------------------------------------------------------------------------------------
// Stage verbs.

/// The stage word ending nearest before `pos` in `floor..pos`: (stage, start, end). At the same
/// end, the longer word.
fn pre_verb(t: &str, floor: usize, pos: usize) -> Option<(Stage, usize, usize)> {
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
fn post_verb(t: &str, from: usize, ceil: usize) -> Option<(Stage, usize, usize)> {
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
fn planned(a: &Analysed<'_>, floor: usize, verb_start: usize, st: ProjectStatus) -> bool {
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
fn status_from(pre: Option<Stage>, post: Option<Stage>) -> Option<ProjectStatus> {
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
fn stage_of(
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
struct StageRead {
    status: Option<ProjectStatus>,
    /// Whether a weak word decided.
    weak: bool,
    /// Where the verb before the project starts.
    pre_start: Option<usize>,
    /// Where the verb after it ends.
    post_end: Option<usize>,
}

impl Draft {
    fn set_stage(&mut self, r: &StageRead) {
        self.status = r.status;
        self.own_status = r.status.is_some();
        self.weak_status = r.weak;
        if let Some(p) = r.pre_start {
            self.start = self.start.min(p);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Names and lists.

/// A list of names ending at `end`, starting no earlier than `floor`: split on 、 (and a final
/// 和/及). Returns (start, items).
fn list_before(a: &Analysed<'_>, floor: usize, end: usize) -> Option<(usize, Vec<String>)> {
    let raw = text::sub(a.text, floor, end);
    let lead = raw
        .char_indices()
        .find(|&(_, c)| !matches!(c, '和' | '及' | '与' | '对' | '将' | '把' | '了'))
        .map_or(raw.len(), |(i, _)| i);
    let mut body = raw.get(lead..)?;
    let mut lead = lead;
    // Cue words before the first name ("确保华能风电、…").
    while let Some(w) = starts_with_any(body, lex::LIST_LEADS) {
        body = body.get(w.len()..)?;
        lead += w.len();
    }
    if body.is_empty() {
        return None;
    }
    let mut items: Vec<String> = Vec::new();
    for part in body.split('、') {
        for p in part.split(['和', '及']) {
            let p = p.trim_matches(['“', '”', ' ']);
            // Names of works run long ("年综合利用2000吨…生产线项目").
            let n = p.chars().count();
            if !(2..=32).contains(&n) {
                return None;
            }
            if !p
                .chars()
                .all(|c| is_han(c) || c.is_ascii_alphanumeric() || "()（）·“”".contains(c))
            {
                return None;
            }
            items.push(p.to_string());
        }
    }
    Some((floor + lead, items))
}

/// The sector words of a batch's noun ("产业", "新型材料及电子"): the modifier of 项目 less
/// generic words (重点, 重大, 在建 …) at its front and 的.
fn sector_from(modifier: &str) -> Option<String> {
    let mut s = modifier.trim_end_matches('的');
    loop {
        let before = s;
        for m in lex::GENERIC_MODIFIERS.iter().chain(&["建设"]) {
            if let Some(r) = s.strip_prefix(m) {
                s = r;
            }
        }
        if s == before {
            break;
        }
    }
    (!s.is_empty() && s.chars().count() <= 8 && s.chars().all(is_han)).then(|| s.to_string())
}

/// The longest prefix of `s` that ends in a project noun and is followed by nothing, or by a
/// word that may follow a name: (byte length, name).
fn name_with_head(s: &str) -> Option<(usize, String)> {
    static HEAD_LAST: Lazy<Vec<char>> = Lazy::new(|| {
        lex::HEADS
            .iter()
            .filter_map(|h| h.chars().next_back())
            .collect()
    });
    let mut best: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if !HEAD_LAST.contains(&c) {
            continue;
        }
        let end = i + c.len_utf8();
        let Some(prefix) = s.get(..end) else { continue };
        if !lex::HEADS.iter().any(|h| prefix.ends_with(h)) {
            continue;
        }
        let rest = s.get(end..).unwrap_or("");
        let ok = rest.is_empty()
            || rest.starts_with(|c: char| !is_han(c) && c != '“' && c != '”')
            || lex::AFTER_NAME.iter().any(|w| rest.starts_with(w));
        if ok {
            best = Some(end);
        }
    }
    let end = best?;
    let name: String = s
        .get(..end)?
        .chars()
        .filter(|&c| c != '“' && c != '”')
        .collect();
    Some((end, name))
}

fn strip_name(name: &str) -> String {
    // "全市首家…", "某新区首个…": the scope before 首个/首家 goes.
    let mut s = name;
    for w in lex::FIRST_OF_KIND {
        if let Some(k) = s.find(w) {
            if s.get(..k).is_some_and(|p| p.chars().count() <= 6) {
                s = s.get(k + w.len()..).unwrap_or(s);
            }
        }
    }
    s.to_string()
}

/// Whether a name is only a kind of project ("重点项目", "产业项目", "过亿元项目"): what is left
/// once generic modifiers are gone is a generic name, or shorter than three characters.
fn is_generic(name: &str) -> bool {
    let mut s = name.to_string();
    loop {
        let before = s.clone();
        for m in lex::GENERIC_MODIFIERS {
            if let Some(r) = s.strip_prefix(m) {
                s = r.to_string();
            }
        }
        if s == before {
            break;
        }
    }
    // Size classes ("过亿元项目", "亿元以上项目") are not names.
    lex::GENERIC_NAMES.contains(&s.as_str())
        || s.chars().count() < 3
        || s.contains("亿元")
        || s.contains("万元")
}

// ---------------------------------------------------------------------------------------------
// project.investment_of

/// Investment words that may open "…投资X的…项目" (the bare 投资 only there, where 的 ties
/// the figure to the project).
const INVESTMENT_OF_WORDS: &[&str] = &[
    "计划总投资",
    "总投资额",
    "投资总额",
    "总投资",
    "投资额",
    "投资",
];

fn investment_of(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    for (i, q) in a.qms.iter().enumerate() {
        if q.unit != QUnit::Yuan || !st.is_free(i) {
            continue;
        }
        let after_q = text::after(t, q.end, t.len(), 1);
        if after_q != "的" {
            continue;
        }
        let sent = a.sentence_at(q.start);
        let Some((inv_start, word)) =
            investment_word_before(t, sent.start, q.start, INVESTMENT_OF_WORDS)
        else {
            continue;
        };
        // "完成投资"/"固定资产投资"/"计划投资" are spending, not a project's size.
        let pre2 = text::before(t, sent.start, inv_start, 4);
        if word == "投资"
            && ["完成", "固定资产", "计划", "年度"]
                .iter()
                .any(|w| pre2.ends_with(w))
        {
            continue;
        }
        let Some(money) = money_of(q) else { continue };
        let phrase = phrase_at(a, &sent, q.start);
        let mut d = Draft::new(inv_start, q.end, 1, st.rule);
        d.investment = Some((money, q.comparator));
        let mut used = vec![i];
        let rest_start = q.end + '的'.len_utf8();
        let rest = text::sub(t, rest_start, phrase.end);
        let mut head_end = None;
        // a) the count: "的16个制造业项目".
        if let Some(j) = a.qm_at(rest_start) {
            if let Some(cq) = a.qms.get(j).filter(|cq| is_count_unit(cq)) {
                let tail = text::after(t, cq.end, phrase.end, MODIFIER_CHARS + 2);
                if let Some(k) = tail.find("项目") {
                    let modifier = text::sub(t, cq.end, cq.end + k);
                    if let Some(c) = count_of(cq).filter(|_| !modifier.contains('、')) {
                        d.count = c;
                        d.sector = sector_from(modifier);
                        head_end = Some(cq.end + k + "项目".len());
                        used.push(j);
                    }
                }
            }
        }
        // b) a list: "的商业广场、滨海商业街等商住综合体项目".
        if head_end.is_none() {
            if let Some(k) = rest.find('等') {
                let deng = rest_start + k;
                let after_deng = deng + '等'.len_utf8();
                let head = text::sub(t, after_deng, phrase.end);
                if let Some(hk) = head.find("项目") {
                    if let Some((_, items)) = list_before(a, rest_start, deng) {
                        d.sector = sector_from(text::sub(t, after_deng, after_deng + hk));
                        d.count = u32::try_from(items.len()).unwrap_or(u32::MAX);
                        d.exclude.push(rest_start..deng);
                        if items.len() == 1 {
                            d.name = items.into_iter().next();
                        } else {
                            d.members = items;
                        }
                        head_end = Some(after_deng + hk + "项目".len());
                    }
                }
            }
        }
        // c) a name: "的光伏组件项目" (a name holds no 、: "的A项目、总投资…的B项目").
        if head_end.is_none() {
            let rest = rest.split('、').next().unwrap_or(rest);
            if let Some((name_end, name)) = name_with_head(rest) {
                if !name.contains(['、', '等']) && name.chars().count() >= 3 {
                    d.exclude.push(rest_start..rest_start + name_end);
                    d.name = Some(name);
                    head_end = Some(rest_start + name_end);
                }
            }
        }
        let Some(head_end) = head_end else {
            continue;
        };
        // Members before: "甲公司、乙公司等总投资…". The verbs of an item of a 、-list are
        // its own ("…的A项目、投资X的B项目": A's words are not B's).
        let verb_floor = text::sub(t, phrase.start, inv_start)
            .rfind('、')
            .map(|k| phrase.start + k)
            .filter(|&k| a.qms_in(phrase.start..k).next().is_some())
            .map_or(phrase.start, |k| k + '、'.len_utf8());
        let read = stage_of(a, &phrase, verb_floor, inv_start, head_end);
        if text::before(t, 0, inv_start, 1) == "等" && d.members.is_empty() && d.name.is_none() {
            let floor = pre_verb(t, verb_floor, inv_start).map_or(verb_floor, |v| v.2);
            if let Some((ls, items)) = list_before(a, floor, inv_start - '等'.len_utf8()) {
                d.exclude.push(ls..inv_start);
                d.members = items;
                d.start = ls;
            }
        }
        d.set_stage(&read);
        d.end = read.post_end.unwrap_or(head_end).max(head_end);
        for u in used {
            st.consume(u);
        }
        st.push(d);
    }
}

// ---------------------------------------------------------------------------------------------
// project.members

fn members(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    static ANCHOR: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"等|[一二两三四五六七八九十0-9]+(?:大|个|条|座|所)").expect("static regex")
    });
    let mut last_phrase_end: Option<(Range<usize>, usize)> = None;
    for m in ANCHOR.find_iter(t) {
        if st.taken.overlaps(m.start(), m.end()) {
            continue;
        }
        // Cheap test first: the words after the anchor must end like a batch.
        let quick_end = quick_end(t, m.end(), 40, "、和");
        let quick = text::sub(t, m.end(), quick_end);
        if !lex::BATCH_ENDS.iter().any(|w| quick.ends_with(w)) {
            continue;
        }
        let sent = a.sentence_at(m.start());
        let phrase = phrase_at(a, &sent, m.start());
        let is_deng = m.as_str() == "等";
        // Without 等, the number must follow a list of at least two names.
        let head_start = m.end();
        let head_stop = text::sub(t, head_start, phrase.end)
            .char_indices()
            .find(|&(_, c)| matches!(c, '、' | '和'))
            .map_or(phrase.end, |(k, _)| head_start + k);
        let head = text::sub(t, head_start, head_stop).trim();
        // The stated count right after 等: "等4条道路…".
        let mut count: Option<(u32, Option<usize>)> = None;
        if is_deng {
            if head.starts_with("总投资") {
                continue;
            }
            if let Some(j) = a.qm_at(head_start) {
                if let Some(cq) = a.qms.get(j).filter(|cq| is_count_unit(cq)) {
                    count = count_of(cq).map(|c| (c, Some(j)));
                }
            }
        } else {
            let num = m.as_str().trim_end_matches(['大', '个', '条', '座', '所']);
            let v = super::super::numbers::parse_chinese(num)
                .or_else(|| super::super::numbers::parse_arabic(num))
                .and_then(|d| d.to_integer())
                .and_then(|v| u32::try_from(v).ok())
                .filter(|&v| v >= 2);
            let Some(v) = v else { continue };
            count = Some((v, a.qm_at(m.start())));
        }
        if !lex::BATCH_ENDS.iter().any(|w| head.ends_with(w)) {
            continue;
        }
        // The list: after the last verb (or the previous batch in this phrase).
        let mut floor = phrase.start;
        if let Some((r, e)) = &last_phrase_end {
            if *r == phrase {
                floor = floor.max(*e);
            }
        }
        let verb = pre_verb(t, floor, m.start());
        let list_floor = verb.map_or(floor, |v| v.2.max(floor));
        let Some((list_start, items)) = list_before(a, list_floor, m.start()) else {
            continue;
        };
        if !is_deng && items.len() < 2 {
            continue;
        }
        let post = post_verb(t, head_start, head_stop);
        let strong_post = post.is_some_and(|p| p.0.strong);
        if verb.is_none() && !strong_post {
            continue;
        }
        let status = status_from(verb.map(|v| v.0), post.map(|p| p.0));
        let n_items = u32::try_from(items.len()).unwrap_or(u32::MAX);
        let (n, j) = count.unwrap_or((n_items, None));
        if let Some(j) = j {
            st.consume(j);
        }
        let start = verb.map_or(list_start, |v| v.1);
        let end = head_stop;
        let (name, members) = if n == 1 && items.len() == 1 {
            (items.into_iter().next(), Vec::new())
        } else {
            (None, items)
        };
        last_phrase_end = Some((phrase.clone(), end));
        let mut d = Draft::new(start, end, n, st.rule);
        d.name = name;
        d.members = members;
        d.status = status;
        d.own_status = status.is_some();
        d.exclude.push(list_start..m.start());
        // The batch's investment after it: "A、B等19个项目，签约总额8.06亿元".
        if d.count >= 2 {
            if let Some((j, _)) =
                investment_after(a, &sent, end, false).filter(|(j, _)| st.is_free(*j))
            {
                if let Some(jq) = a.qms.get(j) {
                    if let Some(money) = money_of(jq) {
                        d.investment = Some((money, jq.comparator));
                        d.end = d.end.max(jq.end);
                        st.consume(j);
                    }
                }
            }
        }
        st.push(d);
    }
}

/// The end of the stretch after `pos`: the first phrase separator (or one of `extra`), at most
/// `max` characters on.
fn quick_end(t: &str, pos: usize, max: usize, extra: &str) -> usize {
    let rest = t.get(pos..).unwrap_or("");
    for (n, (i, c)) in rest.char_indices().enumerate() {
        let sep = matches!(
            c,
            '，' | '。' | '；' | '：' | ',' | ';' | ':' | '!' | '?' | '！' | '？' | '\n'
        );
        if n >= max || sep || (!extra.is_empty() && extra.contains(c)) {
            return pos + i;
        }
    }
    t.len()
}

// ---------------------------------------------------------------------------------------------
// project.batch

/// A count of projects: where its words are, and the noun it counts.
struct Subject {
    /// Start of the words that say it (the noun when it comes first, else the count).
    start: usize,
    /// End of the noun (after the count) or of the count (after the noun).
    end: usize,
    /// Where the stage verbs before it are looked for up to: the number ("新开工10个项目",
    /// "项目开工60个"), or the start of the noun when the noun comes first (a weak word inside
    /// it, "重点建设项目", is no verb).
    verbs_until: usize,
    /// The modifier of 项目 ("重点建设").
    modifier: String,
    /// Named members listed before 等 in the noun ("A、B等工业项目8个").
    members: Vec<String>,
    /// Where that list stands.
    list: Option<Range<usize>>,
    /// The end of a place opening the noun with no verb before it: whose projects they are
    /// ("其中某市项目81个", "全县工业项目57个"), not their sector.
    owner_end: Option<usize>,
}

/// Whether the count `q` counts projects: "N个…项目" or "…项目[共|为|开工]N个".
fn subject_of(a: &Analysed<'_>, phrase: &Range<usize>, q: &QMention) -> Option<Subject> {
    static BETWEEN_VERBS: Lazy<Vec<&'static str>> = Lazy::new(|| {
        stages::BEFORE
            .iter()
            .chain(stages::AFTER)
            .filter(|s| s.status.is_some())
            .map(|s| s.word)
            .collect()
    });
    let t = a.text;
    // Ranking lists and anaphora: "上榜2个项目", "这9个项目".
    let phrase_text = text::sub(t, phrase.start, phrase.end);
    if first_of(phrase_text, lex::NOT_A_BATCH).is_some() {
        return None;
    }
    let anaphor = text::before(t, phrase.start, q.start, 2);
    if lex::ANAPHORS.iter().any(|w| anaphor.ends_with(w)) {
        return None;
    }
    // Under a target cue, a count the noun comes before ("要引进项目30家", "力争新开工项目超过
    // 480项") is a target figure for the number of projects, read by the quantity rules; a
    // count before its noun ("要打好5个开工建设项目") still names a set of projects.
    let lead = text::sub(t, phrase.start, q.start);
    let targeted = has_target_cue(lead);
    // After: "48个重点建设项目".
    let tail = text::after(t, q.end, phrase.end, MODIFIER_CHARS + 2);
    if let Some(k) = tail.find("项目") {
        let modifier = tail.get(..k).unwrap_or("");
        let after_head = tail.get(k + "项目".len()..).unwrap_or("");
        // "13个项目的服务保障": the projects qualify another noun.
        if after_head.starts_with('的') {
            return None;
        }
        if !modifier.contains(['、', '和', '及', '等'])
            && !modifier.chars().any(|c| c.is_ascii_digit())
        {
            return Some(Subject {
                start: q.start,
                end: q.end + k + "项目".len(),
                verbs_until: q.num_start,
                modifier: modifier.to_string(),
                members: Vec::new(),
                list: None,
                owner_end: None,
            });
        }
    }
    if targeted {
        return None;
    }
    // Before: "产业项目41个", "集中开工项目共8个", "新建项目开工60个".
    let mut end = q.start;
    let mut before = text::sub(t, phrase.start, end);
    if let Some(l) = ends_with_any(before, lex::COUNT_LINKS) {
        end -= l.len();
        before = text::sub(t, phrase.start, end);
    }
    let mut verb_between = false;
    if let Some(w) = ends_with_any(before, &BETWEEN_VERBS) {
        // A verb between the noun and the count ("项目开工60个").
        if text::sub(t, phrase.start, end - w.len()).ends_with("项目") {
            end -= w.len();
            before = text::sub(t, phrase.start, end);
            verb_between = true;
        }
    }
    // "计划5月1日前开工8个": a stage verb and a count, the noun left out; the sentence is about
    // projects.
    let counts_a_noun = text::char_at(t, q.end).is_some_and(is_han);
    if !before.ends_with("项目") && !counts_a_noun {
        let sent_text = text::sub(t, a.sentence_at(q.start).start, a.sentence_at(q.start).end);
        let verb = pre_verb(t, phrase.start, end).filter(|v| v.2 == end && v.0.strong);
        if let Some(v) = verb.filter(|_| sent_text.contains("项目")) {
            return Some(Subject {
                start: v.1,
                end: q.end,
                verbs_until: q.num_start,
                modifier: String::new(),
                members: Vec::new(),
                list: None,
                owner_end: None,
            });
        }
    }
    let stem = before.strip_suffix("项目")?;
    // The noun phrase: back to the nearest verb, 的, or the phrase's start.
    let head_start = phrase.start + stem.len();
    let mut verb = pre_verb(t, phrase.start, head_start);
    // A weak word right before 项目 is part of the noun ("重点建设项目", "重点推进项目"); the
    // verb, if any, stands before it.
    if let Some(w) = verb.filter(|w| !w.0.strong && w.2 == head_start) {
        verb = pre_verb(t, phrase.start, w.1);
    }
    let verb_end = verb.map_or(phrase.start, |v| v.2);
    let lead = text::sub(t, phrase.start, head_start);
    let bound_end = stages::NOUN_BOUNDS
        .iter()
        .chain(lex::PART_MARKERS)
        .filter_map(|w| lead.rfind(w).map(|k| phrase.start + k + w.len()))
        .max()
        .unwrap_or(phrase.start);
    let floor = verb_end.max(bound_end);
    let mut noun_start = floor;
    for (n, (i, c)) in text::sub(t, floor, head_start)
        .char_indices()
        .rev()
        .enumerate()
    {
        if !(is_han(c) || c.is_ascii_alphanumeric()) || c == '的' || n >= MODIFIER_CHARS {
            noun_start = floor + i + c.len_utf8();
            break;
        }
    }
    let mut modifier = text::sub(t, noun_start, head_start).to_string();
    // "A、B等工业项目8个": the names before 等 are members, the words after it the sector.
    let mut members = Vec::new();
    let mut list_start = None;
    if let Some(k) = text::sub(t, floor, head_start).rfind('等') {
        let deng = floor + k;
        if let Some((ls, items)) = list_before(a, floor, deng) {
            members = items;
            list_start = Some(ls);
            noun_start = ls;
            modifier = text::sub(t, deng + '等'.len_utf8(), head_start).to_string();
        }
    }
    // "上述项目5个", "这些重点项目": projects counted before ("该县…项目" is the county's,
    // "亿元以上项目" a size class).
    if lex::ANAPHORS
        .iter()
        .any(|w| modifier == *w || (w.chars().count() >= 2 && modifier.starts_with(w)))
    {
        return None;
    }
    // A place opening the noun (after 今年-like words at most), the phrase's subject (no verb
    // before it: "引进某省项目" are projects from elsewhere), owns the batch; the words after
    // it are the sector.
    let owner_end = verb
        .is_none()
        .then(|| {
            a.ctx
                .mentions_in(noun_start, head_start)
                .next()
                .filter(|m| opens(t, noun_start, m.start) && m.role == Role::Subject)
                .filter(|m| m.place.is_some_and(|p| p.unresolved_index().is_none()))
                .map(|m| m.end)
        })
        .flatten()
        .filter(|_| list_start.is_none());
    if let Some(e) = owner_end {
        modifier = text::sub(t, e, head_start).to_string();
    }
    Some(Subject {
        start: noun_start.min(q.start),
        end: q.end,
        verbs_until: if verb_between {
            q.num_start
        } else {
            noun_start
        },
        modifier,
        members,
        list: list_start.map(|ls| ls..head_start),
        owner_end,
    })
}

/// Whether `s` holds a word that makes the figure after it a target ("要", "力争"), 要 not being
/// part of another word (重要, 主要 …).
fn has_target_cue(s: &str) -> bool {
    s.char_indices().any(|(k, c)| {
        let rest = s.get(k..).unwrap_or("");
        lex::TARGET_CUES.iter().any(|w| {
            w.starts_with(c)
                && rest.starts_with(w)
                && (*w != "要"
                    || !lex::YAO_WORDS.iter().any(|y| {
                        let from = k.saturating_sub(y.len());
                        s.get(from..(k + y.len()).min(s.len()))
                            .is_some_and(|around| around.contains(y))
                    }))
        })
    })
}

/// The batch's own total investment after `from` in the sentence: the figure after the first
/// total-investment word within reach, unless another count comes first. A word whose figure is
/// missing (a copy that lost its digits: "总投资.4亿元") ends the search with nothing.
fn investment_after(
    a: &Analysed<'_>,
    sent: &Range<usize>,
    from: usize,
    bare_ok: bool,
) -> Option<(usize, usize)> {
    let t = a.text;
    let window_end = from + text::after(t, from, sent.end, INVESTMENT_REACH_CHARS).len();
    let window = text::sub(t, from, window_end);
    // "清洁能源2个投资突破百亿元": the bare 投资 right after the count.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    if let Some((k, w)) = first_of(window, lex::TOTAL_INVESTMENT) {
        hits.push((from + k, from + k + w.len()));
    }
    // "清洁能源2个投资突破百亿元", "产业类6个，投资39亿元": the bare 投资 opening the count's
    // own clause or the next one.
    if bare_ok {
        let opening = window.trim_start_matches(['，', ',', '、']);
        if opening.starts_with("投资") {
            let k = from + (window.len() - opening.len());
            hits.push((k, k + "投资".len()));
        }
    }
    let (ws, we) = hits
        .into_iter()
        .min_by_key(|h| (h.0, std::cmp::Reverse(h.1)))?;
    // Another count before the word: that count's investment, not this one's.
    let counts_between = a
        .qms_in(from..ws)
        .any(|j| a.qms.get(j).is_some_and(is_count_unit));
    let parts_between = lex::PART_MARKERS
        .iter()
        .any(|m| text::sub(t, from, ws).contains(m));
    if counts_between || parts_between {
        return None;
    }
    let mut pos = we;
    if let Some(l) = starts_with_any(text::sub(t, pos, sent.end), lex::INVESTMENT_LINKS) {
        pos += l.len();
    }
    let j = a.qm_at(pos)?;
    let q = a.qms.get(j)?;
    (q.unit == QUnit::Yuan).then_some((j, ws))
}

fn batches(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    for (i, q) in a.qms.iter().enumerate() {
        if !st.is_free(i) || !is_count_unit(q) || st.taken.overlaps(q.start, q.end) {
            continue;
        }
        let Some(count) = count_of(q) else { continue };
        let sent = a.sentence_at(q.start);
        let phrase = phrase_at(a, &sent, q.start);
        let Some(subject) = subject_of(a, &phrase, q) else {
            continue;
        };
        let investment = investment_after(a, &sent, subject.end.max(q.end), true)
            .filter(|(j, _)| st.is_free(*j));
        // "全区共有64个总部项目": a stock, an observation, unless figures of a batch follow.
        let stock = lex::STOCK_WORDS
            .iter()
            .any(|w| text::before(t, phrase.start, q.start, 2).ends_with(w));
        if stock && investment.is_none() && subject.start == q.start {
            continue;
        }
        let mut d = Draft::new(subject.start, subject.end, count, st.rule);
        d.sector = sector_from(&subject.modifier);
        d.members = subject.members.clone();
        d.exclude.extend(subject.list.clone());
        d.owner_end = subject.owner_end;
        // The verb is looked for up to the number itself: a verb ending in a comparator's
        // character ("签约17个项目": 约) must not hide behind the comparator.
        // The verbs of this item only: after the figure or the 和 before it.
        let item_floor = a
            .qms_in(phrase.start..q.start)
            .filter_map(|j| a.qms.get(j))
            .map(|p| p.end)
            .chain(
                text::sub(t, phrase.start, q.start)
                    .char_indices()
                    .filter(|&(_, c)| matches!(c, '和' | '及' | '与'))
                    .map(|(k, c)| phrase.start + k + c.len_utf8()),
            )
            .filter(|&f| f <= subject.start)
            .max()
            .unwrap_or(phrase.start);
        let read = stage_of(a, &phrase, item_floor, subject.verbs_until, subject.end);
        d.set_stage(&read);
        let noun_after_count = subject.start == q.start;
        // "共计12个签约项目", "5个开工建设项目": the stage word inside the noun, unless a strong
        // word after the project says more.
        let inside = pre_verb(t, q.end, q.end + subject.modifier.len())
            .filter(|v| v.0.status.is_some() && noun_after_count);
        let post_strong = read.post_end.is_some() && !read.weak && read.status.is_some();
        if read.status.is_none()
            || read.weak
            || (!post_strong && inside.is_some_and(|v| v.0.strong))
        {
            if let Some(v) = inside {
                d.status = v.0.status;
                d.own_status = v.0.status.is_some();
                d.weak_status = !v.0.strong;
            }
        }
        if let Some(e) = read.post_end {
            d.end = d.end.max(e);
        }
        st.consume(i);
        if let Some((j, _)) = investment {
            if let Some(jq) = a.qms.get(j) {
                if let Some(m) = money_of(jq) {
                    d.investment = Some((m, jq.comparator));
                    d.end = d.end.max(jq.end);
                    st.consume(j);
                }
            }
        }
        st.push(d);
    }
}

// ---------------------------------------------------------------------------------------------
// project.part

fn parts(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    for marker in lex::PART_MARKERS {
        for (k, _) in t.match_indices(marker) {
            let from = k + marker.len();
            // The parts run on through sentences separated by ；, to the end of the sentence
            // that ends with 。 (or the paragraph).
            let mut sent = a.sentence_at(k);
            while text::sub(t, sent.start, sent.end).ends_with(['；', ';']) {
                let next = a.sentence_at(sent.end + 1);
                if next.start < sent.end || text::sub(t, sent.end, next.start).contains('\n') {
                    break;
                }
                sent = sent.start..next.end;
            }
            // A part needs a batch stated before it.
            if !st.drafts.iter().any(|d| d.count >= 2 && d.end <= k) {
                continue;
            }
            for j in a.qms_in(from..sent.end) {
                let Some(q) = a.qms.get(j) else { continue };
                if !st.is_free(j) || !matches!(q.unit, QUnit::Word("个" | "项")) {
                    continue;
                }
                if st.taken.overlaps(q.start, q.end) {
                    continue;
                }
                let Some(count) = count_of(q) else { continue };
                // The clause: from the last separator before the count.
                let clause_start = text::sub(t, from, q.start)
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| matches!(c, '，' | '、' | '；' | '：' | ',' | ':' | ';'))
                    .map_or(from, |(i, c)| from + i + c.len_utf8());
                let noun = text::sub(t, clause_start, q.start);
                let n = noun.chars().count();
                if !(2..=10).contains(&n) || !noun.chars().all(is_han) {
                    continue;
                }
                // Only the first figure of its clause, and nothing but the noun (or a stage
                // verb) before it.
                if a.qms_in(clause_start..q.start).next().is_some() {
                    continue;
                }
                let mut d = Draft::new(clause_start, q.end, count, st.rule);
                let verb = stages::BEFORE
                    .iter()
                    .chain(stages::AFTER)
                    .filter(|s| s.status.is_some() && noun == s.word)
                    .max_by_key(|s| s.strong);
                match verb {
                    Some(v) => {
                        d.status = v.status;
                        d.own_status = true;
                    }
                    None => d.sector = Some(noun.to_string()),
                }
                st.consume(j);
                if let Some((ij, _)) = investment_after(a, &sent, q.end, true) {
                    if st.is_free(ij) {
                        if let Some(m) = a.qms.get(ij).and_then(money_of) {
                            let c = a.qms.get(ij).map_or(Comparator::Eq, |x| x.comparator);
                            d.investment = Some((m, c));
                            d.end = a.qms.get(ij).map_or(d.end, |x| x.end);
                            st.consume(ij);
                        }
                    }
                }
                st.push(d);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// project.named_investment

/// Characters a project's name may hold besides Han and ASCII letters and digits.
const NAME_PUNCT: &str = "()（）-—·“”《》";

fn named_investment(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    for (i, q) in a.qms.iter().enumerate() {
        if q.unit != QUnit::Yuan || !st.is_free(i) {
            continue;
        }
        let sent = a.sentence_at(q.start);
        let Some((word_start, _)) =
            investment_word_before(t, sent.start, q.start, lex::NAMED_INVESTMENT)
        else {
            continue;
        };
        // The name ends right before the word, or before a comma before it.
        let mut name_end = word_start;
        if let Some(c) = text::char_before(t, name_end).filter(|c| matches!(c, '，' | ',')) {
            name_end -= c.len_utf8();
        }
        let mut name_start = name_end;
        for (n, (k, c)) in text::sub(t, sent.start, name_end)
            .char_indices()
            .rev()
            .enumerate()
        {
            let ok = (is_han(c) || c.is_ascii_alphanumeric() || NAME_PUNCT.contains(c))
                && c != '的'
                && n < 40;
            if !ok {
                break;
            }
            name_start = sent.start + k;
        }
        // The name starts after the last verb that opens an object ("谋划…", "推进…"); stage
        // words inside names ("…设备建设项目") stay.
        let run = text::sub(t, name_start, name_end);
        if let Some(k) = lex::NAME_OPENERS
            .iter()
            .chain(lex::PART_MARKERS)
            .filter_map(|w| run.rfind(w).map(|k| k + w.len()))
            .max()
        {
            name_start += k;
        }
        let raw = text::sub(t, name_start, name_end);
        let Some((len, name)) = name_with_head(raw) else {
            continue;
        };
        if name_start + len != name_end {
            continue;
        }
        let name = strip_name(&name);
        if is_generic(&name) || st.taken.overlaps(name_start, q.end) {
            continue;
        }
        let Some(money) = money_of(q) else { continue };
        let phrase = phrase_at(a, &sent, name_start);
        let read = stage_of(a, &phrase, phrase.start, name_start, name_end);
        let mut d = Draft::new(name_start, q.end, 1, st.rule);
        d.set_stage(&read);
        d.name = Some(name.trim_matches(['“', '”']).to_string());
        d.investment = Some((money, q.comparator));
        d.exclude.push(name_start..name_end);
        st.consume(i);
        st.push(d);
    }
}

// ---------------------------------------------------------------------------------------------
// project.named

static VERB: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"开工建设|加快建设|规划建设|稳步推进|大力推进|加快推进|全力推进|引进的|建成|筹建|启动|建设|推进|推动|谋划|签约",
    )
    .expect("static regex")
});

fn named(a: &Analysed<'_>, st: &mut State<'_>) {
    static HEAD_LAST: Lazy<Vec<char>> = Lazy::new(|| {
        lex::HEADS
            .iter()
            .filter_map(|h| h.chars().next_back())
            .collect()
    });
    let t = a.text;
    for m in VERB.find_iter(t) {
        if st.taken.overlaps(m.start(), m.end()) {
            continue;
        }
        let verb = m.as_str();
        // Cheap test first: a project noun must follow within the phrase.
        let quick = text::sub(t, m.end(), quick_end(t, m.end(), 60, ""));
        if !quick.chars().any(|c| HEAD_LAST.contains(&c)) {
            continue;
        }
        let sent = a.sentence_at(m.start());
        let phrase = phrase_at(a, &sent, m.start());
        // "项目建设提增工程": 建设 after a project noun is a noun, not the verb of a name.
        if ["项目", "工程"]
            .iter()
            .any(|w| text::before(t, 0, m.start(), 2) == *w)
        {
            continue;
        }
        // "将A建成B", "把A建设成B": B is what A becomes, not a project.
        let before_verb = text::sub(t, phrase.start, m.start());
        if before_verb.contains(['将', '把']) && verb == "建成" {
            continue;
        }
        let body_start = m.end();
        let body = text::sub(t, body_start, phrase.end);
        if body.is_empty()
            || body.contains(['、', '等'])
            || body
                .starts_with(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c))
        {
            continue;
        }
        // A quoted name: "建设首个“国家级种苗基地”", "建设东岸和西岸“美食一条街”".
        let mut names: Vec<(usize, usize, String)> = Vec::new();
        if let Some(q) = a
            .quotes_in(body_start..phrase.end)
            .iter()
            .find(|q| q.start > body_start && q.end <= phrase.end)
        {
            let inner = text::sub(t, q.start, q.end);
            if lex::HEADS.iter().any(|h| inner.ends_with(h)) && !is_generic(inner) {
                names.push((q.start, q.end, inner.to_string()));
            }
        }
        if names.is_empty() {
            // Split "A工程和B项目建设" (or "A活动暨B项目") into two names.
            let mut offset = 0;
            for part in body.split(['和', '暨']) {
                let part_start = body_start + offset;
                offset += part.len() + '和'.len_utf8();
                if let Some((len, name)) = name_with_head(part) {
                    let stripped = strip_name(&name);
                    let lead = name.len() - stripped.len();
                    if !is_generic(&stripped) && stripped.chars().count() <= 25 {
                        names.push((part_start + lead, part_start + len, stripped));
                    }
                }
            }
        }
        // A name that ends inside a quotation running on ("“产业发展项目建设年”") is part of
        // another name.
        names.retain(|&(_, e, _)| {
            let i = a.quotes.partition_point(|q| q.start < e);
            !i.checked_sub(1)
                .and_then(|j| a.quotes.get(j))
                .is_some_and(|q| q.start < e && e < q.end)
        });
        if names.is_empty() {
            continue;
        }
        let last_end = names.last().map_or(body_start, |n| n.1);
        let post = post_verb(t, last_end, phrase.end);
        let pre = stages::BEFORE.iter().find(|s| s.word == verb).copied();
        // "推进X" needs "…建设" after it; 签约/谋划 need nothing.
        let weak_pre = pre.is_some_and(|p| !p.strong) && verb != "建设";
        if weak_pre && post.is_none() {
            continue;
        }
        let status = status_from(pre, post.map(|p| p.0));
        if status.is_none() {
            continue;
        }
        let end = post.map_or(last_end, |p| p.2);
        for (s, e, name) in names {
            if st.taken.overlaps(s, e) {
                continue;
            }
            let mut d = Draft::new(m.start(), end.max(e), 1, st.rule);
            d.name = Some(name);
            d.status = status;
            d.own_status = true;
            d.exclude.push(s..e);
            st.drafts.push(d);
        }
        st.taken.push(m.start()..end);
    }
}

// ---------------------------------------------------------------------------------------------
// After the rules.

/// Money figures in a project's noun phrase are size classes, not quantities: "500万元以上重点项
/// 目", "过百亿元项目".
fn size_classes(a: &Analysed<'_>, st: &mut State<'_>) {
    let t = a.text;
    for (i, q) in a.qms.iter().enumerate() {
        if q.unit != QUnit::Yuan || !st.is_free(i) {
            continue;
        }
        let tail = text::after(t, q.end, t.len(), 6);
        let tail = tail.trim_start_matches(['的']);
        if tail.starts_with("项目")
            || tail.starts_with("重点项目")
            || tail.starts_with("重大项目")
            || tail.starts_with("产业项目")
        {
            st.consume(i);
        }
    }
}

/// Figures inside a project's name or a list of members ("年产4.5万吨…项目") belong to the
/// name, not to the region's targets.
fn inside_names(a: &Analysed<'_>, st: &mut State<'_>) {
    let ranges: Vec<Range<usize>> = st
        .drafts
        .iter()
        .flat_map(|d| d.exclude.iter().cloned())
        .collect();
    for r in ranges {
        for j in a.qms_in(r.clone()) {
            if a.qms.get(j).is_some_and(|q| q.end <= r.end) {
                st.consume(j);
            }
        }
    }
}

fn finish(a: &Analysed<'_>, d: &Draft) -> Found {
    let sent = a.sentence_at(d.start);
    let phrase = phrase_at(a, &sent, d.start);
    let mut deadline: Option<Date> = None;
    let mut year = a.year;
    let lo = d.start - text::before(a.text, sent.start, d.start, 80).len();
    let hi = d.end + text::after(a.text, d.end, sent.end, 40).len();
    for tm in a.times_in(lo..hi).iter().filter(|tm| tm.end <= sent.end) {
        let in_phrase = tm.start >= phrase.start && tm.end <= phrase.end.max(d.end);
        match tm.when {
            When::Deadline(dl) if in_phrase => deadline = Some(dl),
            When::MultiYear => year = None,
            When::LastYear(y) | When::Year(y) if tm.start < d.start || in_phrase => year = Some(y),
            When::AsOf(dl) => year = Some(dl.year()),
            _ => {}
        }
    }
    // The project's own words name no place of the fact's, except the owner opening them.
    let own_from = d.owner_end.unwrap_or(d.start).max(d.start);
    let mut exclude = d.exclude.clone();
    exclude.push(own_from..d.end);
    let place = a.ctx.region_for(
        a.text,
        a.gaz,
        sent.start,
        phrase.clone(),
        own_from,
        &exclude,
    );
    let (region, region_code) = a.place_name(place);
    let (investment_yuan, comparator) = match d.investment {
        Some((m, c)) => (Some(m), Some(c)),
        None => (None, None),
    };
    Found {
        start: d.start,
        end: d.end,
        fact: Fact::Project(ProjectFact {
            name: d.name.clone(),
            count: d.count,
            investment_yuan,
            comparator,
            status: d.status,
            sector: d.sector.clone(),
            members: d.members.clone(),
            part_of: None,
            region,
            region_code,
            region_note: a.region_note(place),
            year,
            deadline,
            campaign: None,
            span: placeholder_span(),
            rule: d.rule,
        }),
    }
}

fn project(f: &Found) -> Option<&ProjectFact> {
    match &f.fact {
        Fact::Project(p) => Some(p),
        _ => None,
    }
}

fn project_mut(f: &mut Found) -> Option<&mut ProjectFact> {
    match &mut f.fact {
        Fact::Project(p) => Some(p),
        _ => None,
    }
}

/// Whether two investments can be the same figure: equal, or one rounds the other ("近1.2万亿元"
/// for 11977.11亿元: within 5% when either is approximate).
fn same_investment(a: Option<(Money, Comparator)>, b: Option<(Money, Comparator)>) -> bool {
    match (a, b) {
        (Some((x, cx)), Some((y, cy))) => {
            if x == y {
                return true;
            }
            let rounded = cx != Comparator::Eq || cy != Comparator::Eq;
            let (x, y) = (x.yuan() as f64, y.yuan() as f64);
            rounded && (x - y).abs() <= 0.05 * x.abs().max(y.abs())
        }
        _ => true,
    }
}

fn pair(p: &ProjectFact) -> Option<(Money, Comparator)> {
    p.investment_yuan
        .map(|m| (m, p.comparator.unwrap_or_default()))
}

/// Whether a part marker (其中) stands between `from` and `to`, with no sentence ending
/// (。！？ or a paragraph break) between it and `to`.
fn part_after(a: &Analysed<'_>, from: usize, to: usize) -> bool {
    let between = text::sub(a.text, from, to);
    lex::PART_MARKERS.iter().any(|m| {
        between.rfind(m).is_some_and(|k| {
            !between
                .get(k..)
                .unwrap_or("")
                .contains(['。', '！', '？', '!', '?', '\n'])
        })
    })
}

/// Merges restated batches, links parts and members to their batch, and shares the batch's
/// status with those that state none.
fn assemble(a: &Analysed<'_>, drafts: Vec<Draft>, mut found: Vec<Found>) -> Vec<Found> {
    let n = found.len();
    // 1. A batch stated again (same count, compatible figures, status and region) is one
    // batch; the statement with more figures stands. Only statements of the same count are
    // compared.
    let mut alias: Vec<usize> = (0..n).collect();
    let mut by_count: std::collections::HashMap<u32, Vec<usize>> = Default::default();
    for j in 0..n {
        let Some(pj) = found.get(j).and_then(project) else {
            continue;
        };
        if pj.name.is_some() || pj.count < 2 {
            continue;
        }
        let earlier = by_count.entry(pj.count).or_default();
        let same_as = earlier.iter().copied().find(|&i| {
            let Some(pi) = found.get(i).and_then(project) else {
                return false;
            };
            alias[i] == i
                && (pi.members == pj.members || pi.members.is_empty() || pj.members.is_empty())
                && (pi.sector == pj.sector || pi.sector.is_none() || pj.sector.is_none())
                && same_investment(pair(pi), pair(pj))
                && (pi.status == pj.status
                    || pi.status.is_none()
                    || pj.status.is_none()
                    || drafts.get(i).is_some_and(|d| d.weak_status)
                    || drafts.get(j).is_some_and(|d| d.weak_status))
                && (pi.region == pj.region || pi.region.is_none() || pj.region.is_none())
        });
        earlier.push(j);
        let Some(i) = same_as else { continue };
        let (Some(pi), Some(pj)) = (
            found.get(i).and_then(project),
            found.get(j).and_then(project),
        ) else {
            continue;
        };
        // Keep the one with the exact investment, else the first.
        let keep_j = match (pi.investment_yuan, pj.investment_yuan) {
            (None, Some(_)) => true,
            (Some(_), Some(_)) => {
                pi.comparator.unwrap_or_default() != Comparator::Eq
                    && pj.comparator.unwrap_or_default() == Comparator::Eq
            }
            _ => false,
        };
        let (keep, drop) = if keep_j { (j, i) } else { (i, j) };
        let dropped_status = found.get(drop).and_then(project).and_then(|p| p.status);
        if let Some(k) = found.get_mut(keep).and_then(project_mut) {
            if k.status.is_none() {
                k.status = dropped_status;
            }
        }
        for x in alias.iter_mut() {
            if *x == drop {
                *x = keep;
            }
        }
    }
    // 2. Parents: a batch after 其中 belongs to the nearest larger batch before it (in its
    // paragraph or the one before); a named project with its own investment and no verb of its
    // own belongs to the nearest batch before it within reach.
    let mut parent: Vec<Option<usize>> = vec![None; n];
    for j in 0..n {
        if alias[j] != j {
            continue;
        }
        let (Some(d), Some(p)) = (drafts.get(j), found.get(j).and_then(project)) else {
            continue;
        };
        let named_member = p.name.is_some() && p.investment_yuan.is_some() && !d.own_status;
        if p.name.is_some() && !named_member {
            continue;
        }
        let para = a.para_start(d.start);
        let prev_para = a.para_start(para.saturating_sub(1));
        // Statements before it, nearest first, as far as a batch can be: within reach for a
        // member (a character is at most four bytes), from the paragraph before for a part.
        let floor = if named_member {
            d.start.saturating_sub(4 * MEMBER_REACH_CHARS)
        } else {
            prev_para
        };
        let candidate = (0..j)
            .rev()
            .take_while(|&i| drafts.get(i).is_some_and(|di| di.end >= floor))
            .find(|&i| {
                let (Some(di), Some(pi)) = (drafts.get(i), found.get(i).and_then(project)) else {
                    return false;
                };
                if pi.name.is_some() || pi.count < 2 || di.end > d.start || alias[i] == j {
                    return false;
                }
                if named_member {
                    chars(a.text, di.end, d.start) <= MEMBER_REACH_CHARS
                } else {
                    // A part: stated after 其中 in its own sentence, or in a list of sentences
                    // separated by ；, within the batch's paragraph or the next.
                    pi.count > p.count && di.start >= prev_para && part_after(a, di.end, d.end)
                }
            })
            .map(|i| alias[i]);
        // Point at the top of the tree: members have no members.
        let mut top = candidate;
        let mut guard = 0;
        while let Some(t) = top.and_then(|t| parent.get(t).copied().flatten()) {
            top = Some(t);
            guard += 1;
            if guard > n {
                break;
            }
        }
        parent[j] = top;
    }
    // 3. Share the batch's status; write the links as the batch's span.
    let spans: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
    let statuses: Vec<Option<ProjectStatus>> = found
        .iter()
        .map(|f| project(f).and_then(|p| p.status))
        .collect();
    for (j, f) in found.iter_mut().enumerate() {
        let Some(pi) = parent.get(j).copied().flatten() else {
            continue;
        };
        let Some(p) = project_mut(f) else {
            continue;
        };
        if p.status.is_none() {
            p.status = statuses.get(pi).copied().flatten();
        }
        if let Some(&(s, e)) = spans.get(pi) {
            p.part_of = match (u32::try_from(s), u32::try_from(e)) {
                (Ok(s), Ok(e)) => Span::new(s, e).ok(),
                _ => None,
            };
        }
    }
    found
        .into_iter()
        .enumerate()
        .filter(|(i, _)| alias.get(*i) == Some(i))
        .map(|(_, f)| f)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULES;

    #[test]
    fn every_rule_is_documented_in_the_module_table() {
        let docs = include_str!("project.rs");
        for rule in RULES {
            assert!(
                docs.contains(&format!("//! | `{}` |", rule.id)),
                "{} is missing from the module docs",
                rule.id
            );
        }
    }
}
