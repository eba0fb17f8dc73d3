use super::string_enum;

string_enum! {
    /// Where a target stands on a given day: see [`crate::pledge`] for the rules that decide it.
    ///
    /// ```
    /// use planledger::model::{Light, TargetStatus};
    /// assert_eq!("at_risk".parse::<TargetStatus>()?, TargetStatus::AtRisk);
    /// assert_eq!(TargetStatus::Missed.light(), Light::Red);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub enum TargetStatus {
        /// The latest observation meets the target under its comparator.
        Achieved => "achieved",
        /// Not met yet, but keeping pace with the time gone by.
        OnTrack => "on_track",
        /// Not met and behind the pace (or over a ceiling) before the deadline.
        AtRisk => "at_risk",
        /// The deadline has passed and the latest observation does not meet the target.
        Missed => "missed",
        /// No usable observation is linked to the target.
        NoData => "no_data",
    }
}

impl TargetStatus {
    /// The scorecard colour of one target: achieved and on track are green, at risk yellow,
    /// missed red, no data grey.
    pub fn light(self) -> Light {
        match self {
            TargetStatus::Achieved | TargetStatus::OnTrack => Light::Green,
            TargetStatus::AtRisk => Light::Yellow,
            TargetStatus::Missed => Light::Red,
            TargetStatus::NoData => Light::Grey,
        }
    }
}

string_enum! {
    /// Which of the status rules in [`crate::pledge`] decided a target's status. Stored with
    /// each row of the status history, so a change can be explained later.
    pub enum StatusRule {
        /// No linked observation with the target's measure and unit, dated within the period
        /// and not after the day asked about: [`TargetStatus::NoData`].
        NoObservation => "no_observation",
        /// A floor target (eq, at least, over, about) met: [`TargetStatus::Achieved`].
        Met => "met",
        /// A ceiling target (at most) held to the end of its period: [`TargetStatus::Achieved`].
        CeilingHeld => "ceiling_held",
        /// The period ended without the target met: [`TargetStatus::Missed`].
        DeadlinePassed => "deadline_passed",
        /// A level target whose progress keeps pace with the elapsed time, less the
        /// tolerance: [`TargetStatus::OnTrack`].
        OnPace => "on_pace",
        /// A level target whose progress lags the elapsed time by more than the tolerance:
        /// [`TargetStatus::AtRisk`].
        BehindPace => "behind_pace",
        /// A growth or share target whose latest rate is within the tolerance of the target
        /// rate: [`TargetStatus::OnTrack`].
        RateNearTarget => "rate_near_target",
        /// A growth or share target whose latest rate falls short by more than the
        /// tolerance: [`TargetStatus::AtRisk`].
        RateBelowTarget => "rate_below_target",
        /// A ceiling target not exceeded so far: [`TargetStatus::OnTrack`].
        WithinCeiling => "within_ceiling",
        /// A ceiling target exceeded before its period ended: [`TargetStatus::AtRisk`].
        OverCeiling => "over_ceiling",
        /// A level target without a year or deadline, not met yet, so no pace can be judged:
        /// [`TargetStatus::AtRisk`].
        NoPeriod => "no_period",
    }
}

string_enum! {
    /// A scorecard colour.
    pub enum Light {
        /// Everything with data is achieved or on track.
        Green => "green",
        /// Something is at risk, nothing missed.
        Yellow => "yellow",
        /// Something was missed.
        Red => "red",
        /// Nothing has data.
        Grey => "grey",
    }
}
