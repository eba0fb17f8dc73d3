//! The status history's rule, pure: which of a day's statuses become new history rows (a
//! change from the last recorded status, or a first status), and the refusal to write history
//! backwards in time.

use super::TargetProgress;
use crate::error::{Error, Result};
use crate::model::{Date, Decimal, EvidenceId, ObservationId, StatusChangeId, TargetId};
use crate::model::{StatusRule, TargetStatus};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One row of a target's status history: the status changed on `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The row's id.
    pub id: StatusChangeId,
    /// The target.
    pub target: TargetId,
    /// The day the status was computed for.
    pub as_of: Date,
    /// The new status.
    pub status: TargetStatus,
    /// The status it replaced (`None` for the first row).
    pub previous: Option<TargetStatus>,
    /// The rule that decided the new status.
    pub rule: StatusRule,
    /// The observation that decided it, if any.
    pub observation: Option<ObservationId>,
    /// That observation's value when the change was recorded.
    pub observed: Option<Decimal>,
    /// Progress fraction when recorded.
    pub progress: Option<Decimal>,
    /// Elapsed share of the period when recorded.
    pub elapsed: Option<Decimal>,
    /// The evidence behind the change (the observation's evidence rows).
    pub evidence: Vec<EvidenceId>,
}

/// The statuses of `as_of` to append, each with the status it replaces, by target id: those
/// whose status differs from the last one recorded (`last`: target → (status, day)), and
/// those with none recorded. A day before a target's last recorded day is an error.
pub(crate) fn changes_to_record(
    last: &HashMap<TargetId, (TargetStatus, Date)>,
    mut statuses: Vec<TargetProgress>,
    as_of: Date,
) -> Result<Vec<(TargetProgress, Option<TargetStatus>)>> {
    statuses.sort_by_key(|s| s.target.id);
    let mut out = Vec::new();
    for s in statuses {
        let previous = last.get(&s.target.id).copied();
        if let Some((status, day)) = previous {
            if as_of < day {
                return Err(Error::invalid(
                    "as_of",
                    format!(
                        "{as_of} is before {day}, the last day recorded for target {}",
                        s.target.id
                    ),
                ));
            }
            if status == s.status() {
                continue;
            }
        }
        out.push((s, previous.map(|(status, _)| status)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Measure, Quantity, Stored, Target};
    use crate::pledge::Assessment;

    fn progress(target: i64, status: TargetStatus, as_of: Date) -> TargetProgress {
        TargetProgress {
            target: Stored {
                id: TargetId::from_raw(target),
                value: Target::new(
                    "指标",
                    Measure::Growth,
                    Quantity::percent(Decimal::from_int(5)),
                ),
            },
            as_of,
            assessment: Assessment {
                status,
                rule: StatusRule::NoObservation,
                progress: None,
                elapsed: None,
            },
            period: None,
            observation: None,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn only_changes_and_first_statuses_are_recorded_forward_in_time() {
        let (march, june): (Date, Date) =
            ("2023-03-01".parse().unwrap(), "2023-06-01".parse().unwrap());
        let last = HashMap::from([
            (TargetId::from_raw(1), (TargetStatus::NoData, march)),
            (TargetId::from_raw(2), (TargetStatus::OnTrack, march)),
        ]);
        let today = vec![
            progress(3, TargetStatus::AtRisk, june),
            progress(2, TargetStatus::AtRisk, june),
            progress(1, TargetStatus::NoData, june),
        ];
        let picked: Vec<(i64, Option<TargetStatus>)> = changes_to_record(&last, today, june)
            .unwrap()
            .iter()
            .map(|(s, prev)| (s.target.id.get(), *prev))
            .collect();
        assert_eq!(picked, [(2, Some(TargetStatus::OnTrack)), (3, None)]);
        let earlier: Date = "2023-02-01".parse().unwrap();
        let refused = changes_to_record(
            &last,
            vec![progress(1, TargetStatus::Achieved, earlier)],
            earlier,
        );
        assert!(matches!(refused, Err(Error::InvalidInput { .. })));
    }
}
