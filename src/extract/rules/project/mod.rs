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
//! | `project.batch` | a count of projects, the noun before or after it, and the batch's total investment inside the noun or later in the sentence: "92个重大项目集中开工，总投资1272亿元", "产业项目41个，总投资629亿元", "8个总投资12亿元的项目", "新开工项目898个" |
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
use super::{first_words, longest_words, phrase_at, CharSet, FewWords};
use crate::model::{Comparator, Date, Money, ProjectStatus, Span};
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;
use std::ops::Range;

mod assemble;
mod batches;
mod investment;
mod members;
mod named;
mod names;
mod parts;
mod stage;

use assemble::{assemble, finish, inside_names, size_classes};
use batches::{batches, investment_after, investment_inside};
use investment::investment_of;
use members::{members, quick_end};
use named::{named, named_investment};
use names::{is_generic, list_before, name_with_head, sector_from, strip_name};
use parts::parts;
use stage::{post_verb, pre_verb, stage_of, status_from};

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

    /// Gives `d` the money figure `j` as its investment (with its comparator), stretching the
    /// draft over it; the figure is taken.
    fn take_investment(&mut self, a: &Analysed<'_>, d: &mut Draft, j: usize) {
        if let Some(jq) = a.qms.get(j) {
            if let Some(money) = money_of(jq) {
                d.investment = Some((money, jq.comparator));
                d.end = d.end.max(jq.end);
                self.consume(j);
            }
        }
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

/// The longest of `words` that `fits`.
fn longest_fitting<'w>(words: &[&'w str], fits: impl Fn(&str) -> bool) -> Option<&'w str> {
    words
        .iter()
        .filter(|w| fits(w))
        .max_by_key(|w| w.len())
        .copied()
}

fn ends_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    longest_fitting(words, |w| s.ends_with(w))
}

fn starts_with_any<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    longest_fitting(words, |w| s.starts_with(w))
}

/// The first of `words` in `hay` (the longest at the same place): (byte offset, word), `words`
/// compiled into `ac` by [`longest_words`].
fn first_of<'w>(hay: &str, ac: &AhoCorasick, words: &[&'w str]) -> Option<(usize, &'w str)> {
    let m = ac.find(hay)?;
    words.get(m.pattern().as_usize()).map(|w| (m.start(), *w))
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

#[cfg(test)]
mod tests {
    use super::members::member_anchors;
    use super::RULES;

    #[test]
    fn member_anchors_are_deng_or_a_numeral_run_before_a_measure_word() {
        let t = "甲、乙等3个项目，十二大工程与25座场馆，个别大项目，第1条";
        let got: Vec<&str> = member_anchors(t).map(|m| m.as_str()).collect();
        assert_eq!(got, ["等", "3个", "十二大", "25座", "1条"]);
        assert_eq!(member_anchors("").count(), 0);
    }

    #[test]
    fn every_rule_is_documented_in_the_module_table() {
        let docs = include_str!("mod.rs");
        for rule in RULES {
            assert!(
                docs.contains(&format!("//! | `{}` |", rule.id)),
                "{} is missing from the module docs",
                rule.id
            );
        }
    }
}
