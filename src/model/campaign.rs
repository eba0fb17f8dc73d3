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
    /// Name without quotation marks.
    pub name: String,
    /// Kind.
    pub kind: CampaignKind,
    /// The region that runs it.
    #[serde(default)]
    pub region: Option<RegionId>,
    /// The year it is for.
    #[serde(default)]
    pub year: Option<i32>,
    /// The enclosing campaign.
    #[serde(default)]
    pub parent: Option<CampaignId>,
    /// Position among its siblings (一是 → 1), if the text numbers them.
    #[serde(default)]
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

    /// Sets the year.
    pub fn in_year(mut self, year: i32) -> Self {
        self.year = Some(year);
        self
    }

    /// Sets the parent and ordinal.
    pub fn under(mut self, parent: CampaignId, ordinal: Option<u32>) -> Self {
        self.parent = Some(parent);
        self.ordinal = ordinal;
        self
    }
}
