//! The pure rules of reconciliation: when two facts are one statement (their keys), how their
//! figures differ, and what an attached-to fact gains. No SQL here: the store finds the rows
//! that share a candidate's key columns (`store::conflict`), these rules judge them.

use super::{Detail, Figure};
use crate::model::{Decimal, FactRef, Observation, Project, Target};

/// The form names are compared in: whitespace (ideographic space included) and quotation
/// marks and title brackets dropped, full-width ASCII folded to ASCII, ASCII lowercased.
///
/// ```
/// use planledger::reconcile::normalize_name;
/// assert_eq!(normalize_name("“黄海冷水团” 项目"), normalize_name("黄海冷水团项目"));
/// assert_eq!(normalize_name("ＡＢＣ　产业园"), "abc产业园");
/// ```
pub fn normalize_name(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '"' | '\''
                        | '“'
                        | '”'
                        | '‘'
                        | '’'
                        | '《'
                        | '》'
                        | '〈'
                        | '〉'
                        | '「'
                        | '」'
                        | '『'
                        | '』'
                        | '【'
                        | '】'
                        | '＂'
                        | '＇'
                )
        })
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn same_name(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => normalize_name(a) == normalize_name(b),
        (None, None) => true,
        _ => false,
    }
}

/// Whether a stored project with the candidate's key columns is the same statement: the same
/// [normalized](normalize_name) name, and for an unnamed batch the same normalized sector.
pub(crate) fn same_project(existing: &Project, candidate: &Project) -> bool {
    same_name(&existing.name, &candidate.name)
        && (candidate.name.is_some() || same_name(&existing.sector, &candidate.sector))
}

/// Whether a stored target with the candidate's key columns has the same normalized metric.
pub(crate) fn same_target(existing: &Target, candidate: &Target) -> bool {
    normalize_name(&existing.metric) == normalize_name(&candidate.metric)
}

/// Whether a stored observation with the candidate's key columns has the same normalized
/// metric and, when both name one, the same target.
pub(crate) fn same_observation(existing: &Observation, candidate: &Observation) -> bool {
    normalize_name(&existing.metric) == normalize_name(&candidate.metric)
        && match (existing.target, candidate.target) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

/// The figures of `existing` and `candidate` that differ (both stated, not equal), as
/// (existing, candidate) pairs with the rule naming the disagreement.
pub(crate) type Differences = Vec<(Figure, Figure, &'static str)>;

/// A matching fact and how its figures differ from the candidate's.
pub(crate) type Match = (FactRef, Differences);

/// The matching fact the candidate agrees with, and the details it gained.
pub(crate) type Agreeing = (FactRef, Vec<Detail>);

pub(crate) fn project_differences(existing: &Project, candidate: &Project) -> Differences {
    let mut out = Vec::new();
    if let (Some(a), Some(b)) = (existing.investment, candidate.investment) {
        if a != b {
            out.push((
                Figure::Investment(a),
                Figure::Investment(b),
                "project_investment_differs",
            ));
        }
    }
    if existing.count != candidate.count {
        out.push((
            Figure::Count(existing.count),
            Figure::Count(candidate.count),
            "project_count_differs",
        ));
    }
    out
}

pub(crate) fn value_difference(a: Decimal, b: Decimal, rule: &'static str) -> Differences {
    if a == b {
        Vec::new()
    } else {
        vec![(Figure::Value(a), Figure::Value(b), rule)]
    }
}

/// The details a stored fact gains from a candidate, in the order gained.
#[derive(Default)]
struct Gained(Vec<Detail>);

impl Gained {
    /// Copies `from` into an empty `into` and records `detail`; whether it did.
    fn gain<T: Clone>(&mut self, into: &mut Option<T>, from: &Option<T>, detail: Detail) -> bool {
        let gained = into.is_none() && from.is_some();
        if gained {
            into.clone_from(from);
            self.0.push(detail);
        }
        gained
    }
}

/// Copies into `into` each detail it lacks and `from` states; returns their names.
pub(crate) fn fill_project(into: &mut Project, from: &Project) -> Vec<Detail> {
    let mut g = Gained::default();
    if g.gain(&mut into.investment, &from.investment, Detail::Investment) {
        into.investment_comparator = from.investment_comparator;
    }
    g.gain(&mut into.sector, &from.sector, Detail::Sector);
    g.gain(&mut into.deadline, &from.deadline, Detail::Deadline);
    g.gain(&mut into.campaign, &from.campaign, Detail::Campaign);
    g.0
}

/// [`fill_project`] for targets: the campaign and the owner.
pub(crate) fn fill_target(into: &mut Target, from: &Target) -> Vec<Detail> {
    let mut g = Gained::default();
    g.gain(&mut into.campaign, &from.campaign, Detail::Campaign);
    g.gain(&mut into.owner, &from.owner, Detail::Owner);
    g.0
}

/// [`fill_project`] for observations: the target and the campaign.
pub(crate) fn fill_observation(into: &mut Observation, from: &Observation) -> Vec<Detail> {
    let mut g = Gained::default();
    g.gain(&mut into.target, &from.target, Detail::Target);
    g.gain(&mut into.campaign, &from.campaign, Detail::Campaign);
    g.0
}

/// A kind of fact that can be reconciled: when a stored one is the same statement as a
/// candidate (beyond the key columns the store already matched), how their figures differ,
/// and what the stored one gains from the candidate.
pub(crate) trait Statement {
    fn same_statement(&self, candidate: &Self) -> bool;
    fn differences(&self, candidate: &Self) -> Differences;
    fn fill_from(&mut self, candidate: &Self) -> Vec<Detail>;
}

impl Statement for Project {
    fn same_statement(&self, candidate: &Self) -> bool {
        same_project(self, candidate)
    }
    fn differences(&self, candidate: &Self) -> Differences {
        project_differences(self, candidate)
    }
    fn fill_from(&mut self, candidate: &Self) -> Vec<Detail> {
        fill_project(self, candidate)
    }
}

/// Targets and observations: one value, compared exactly; a difference is flagged by `$rule`.
macro_rules! one_value_statement {
    ($ty:ty, $same:path, $fill:path, $rule:literal) => {
        impl Statement for $ty {
            fn same_statement(&self, candidate: &Self) -> bool {
                $same(self, candidate)
            }
            fn differences(&self, candidate: &Self) -> Differences {
                value_difference(self.quantity.value, candidate.quantity.value, $rule)
            }
            fn fill_from(&mut self, candidate: &Self) -> Vec<Detail> {
                $fill(self, candidate)
            }
        }
    };
}

one_value_statement!(Target, same_target, fill_target, "target_value_differs");
one_value_statement!(
    Observation,
    same_observation,
    fill_observation,
    "observation_value_differs"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Measure, Money, Quantity, TargetId};

    fn money(yuan: i64) -> Money {
        Money::from_yuan(yuan).unwrap()
    }

    #[test]
    fn names_compare_without_quotes_width_or_case() {
        let cases = [
            ("“黄海冷水团”项目", "黄海冷水团项目", true),
            ("《智能制造》 产业园", "智能制造产业园", true),
            ("ＡＢＣ产业园", "abc产业园", true),
            ("甲项目", "乙项目", false),
        ];
        for (a, b, same) in cases {
            assert_eq!(normalize_name(a) == normalize_name(b), same, "{a} ~ {b}");
        }
    }

    #[test]
    fn projects_match_on_name_or_for_batches_on_sector() {
        let named = |n: &str| Project::named(n);
        let batch = |sector: Option<&str>| Project {
            sector: sector.map(str::to_string),
            ..Project::batch(6)
        };
        assert!(same_project(&named("“海洋”项目"), &named("海洋项目")));
        assert!(!same_project(&named("海洋项目"), &batch(None)));
        assert!(same_project(&batch(Some("文旅")), &batch(Some(" 文旅"))));
        assert!(!same_project(&batch(Some("文旅")), &batch(Some("工业"))));
        assert!(!same_project(&batch(Some("文旅")), &batch(None)));
        // A named project matches by name whatever the sectors say.
        let mut a = named("海洋项目");
        a.sector = Some("工业".into());
        assert!(same_project(&a, &named("海洋项目")));
    }

    #[test]
    fn observations_match_unless_both_name_different_targets() {
        let obs = |target: Option<i64>| Observation {
            target: target.map(TargetId::from_raw),
            ..Observation::new(
                "新增市场主体",
                Measure::Level,
                Quantity::percent(Decimal::from_int(5)),
            )
        };
        assert!(same_observation(&obs(Some(1)), &obs(Some(1))));
        assert!(same_observation(&obs(Some(1)), &obs(None)));
        assert!(same_observation(&obs(None), &obs(Some(2))));
        assert!(!same_observation(&obs(Some(1)), &obs(Some(2))));
        let t = |m: &str| Target::new(m, Measure::Growth, Quantity::percent(Decimal::from_int(5)));
        assert!(same_target(&t("规上 工业增加值"), &t("规上工业增加值")));
        assert!(!same_target(&t("工业投资"), &t("规上工业增加值")));
    }

    #[test]
    fn figures_differ_only_when_both_are_stated() {
        let p = |investment: Option<i64>, count| Project {
            investment: investment.map(money),
            ..Project::batch(count)
        };
        assert!(project_differences(&p(Some(10), 2), &p(None, 2)).is_empty());
        assert!(project_differences(&p(Some(10), 2), &p(Some(10), 2)).is_empty());
        let both = project_differences(&p(Some(10), 2), &p(Some(12), 3));
        let rules: Vec<&str> = both.iter().map(|d| d.2).collect();
        assert_eq!(
            rules,
            ["project_investment_differs", "project_count_differs"]
        );
        assert_eq!(both[0].0, Figure::Investment(money(10)));
        assert!(value_difference(Decimal::from_int(1), Decimal::from_int(1), "r").is_empty());
        assert_eq!(
            value_difference(Decimal::from_int(1), Decimal::from_int(2), "r"),
            [(
                Figure::Value(Decimal::from_int(1)),
                Figure::Value(Decimal::from_int(2)),
                "r"
            )]
        );
    }

    #[test]
    fn filling_adds_what_is_missing_and_never_overwrites() {
        let mut into = Project {
            sector: Some("工业".into()),
            ..Project::batch(1)
        };
        let from = Project {
            investment: Some(money(5)),
            sector: Some("文旅".into()),
            ..Project::batch(1)
        };
        assert_eq!(fill_project(&mut into, &from), [Detail::Investment]);
        assert_eq!(into.investment, Some(money(5)));
        assert_eq!(into.sector.as_deref(), Some("工业"));
        assert!(fill_project(&mut into, &from).is_empty());
    }
}
