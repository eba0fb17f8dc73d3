use super::{string_enum, CampaignId, RegionId};
use serde::{Deserialize, Serialize};

string_enum! {
    /// The form a campaign takes.
    pub enum CampaignKind {
        /// A themed year: 攻坚克难年, 创新突破年.
        ThemedYear => "themed_year",
        /// A battle: 投资攻坚战, 十二大攻坚战.
        Battle => "battle",
        /// An action: 产业升级行动.
        Action => "action",
        /// A program: …工程, …计划.
        Program => "program",
        /// A framework slogan: "四个聚焦、一个强化".
        Slogan => "slogan",
    }
}

/// A themed frame for work: campaigns nest (八大攻坚战 → 投资攻坚战), and targets and projects
/// link to them.
///
/// ```
/// use planledger::model::{Campaign, CampaignKind};
/// let year = Campaign::new("攻坚克难年", CampaignKind::ThemedYear).in_year(2023);
/// assert_eq!(year.year, Some(2023));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// Name without quotation marks: 攻坚克难年, not “攻坚克难年”.
    pub name: String,
    /// The form it takes: a themed year, a battle (攻坚战), an action (行动), a program or a
    /// slogan.
    pub kind: CampaignKind,
    /// The region that runs it (a city's 八大攻坚战 belong to the city).
    pub region: Option<RegionId>,
    /// The calendar year it is for (2023 for 2023年“攻坚克难年”); `None` for a standing one.
    pub year: Option<i32>,
    /// The campaign it is a part of (八大攻坚战 for 投资攻坚战).
    pub parent: Option<CampaignId>,
    /// Position among its siblings (一是 → 1), if the text numbers them.
    pub ordinal: Option<u32>,
}

impl Campaign {
    /// A top-level campaign.
    pub fn new(name: impl Into<String>, kind: CampaignKind) -> Self {
        Campaign {
            name: name.into(),
            kind,
            region: None,
            year: None,
            parent: None,
            ordinal: None,
        }
    }

    /// Sets the parent and ordinal.
    pub fn under(mut self, parent: CampaignId, ordinal: Option<u32>) -> Self {
        self.parent = Some(parent);
        self.ordinal = ordinal;
        self
    }
}

super::setters!(Campaign {
    /// Sets the year.
    in_year(year: i32) => some(year);
});
