use super::{grouped, RegionScope};
use crate::error::{Error, Result};
use crate::model::{Campaign, CampaignId, Project, ProjectId, Stored, Target, TargetId};
use crate::store::sql::query_stored;
use crate::store::{
    campaign_from_row, project_columns, project_from_row, target_columns, target_from_row,
};
use crate::Ledger;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How deep campaigns nest at most: the root is level 1 (migration 0005 refuses deeper).
pub(crate) const MAX_CAMPAIGN_DEPTH: usize = 64;

/// A campaign with its sub-campaigns and the targets and projects linked to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignNode {
    /// The campaign.
    pub campaign: Stored<CampaignId, Campaign>,
    /// Sub-campaigns, by ordinal then id.
    pub children: Vec<CampaignNode>,
    /// Targets linked to this campaign itself.
    pub targets: Vec<Stored<TargetId, Target>>,
    /// Top-level projects linked to this campaign itself.
    pub projects: Vec<Stored<ProjectId, Project>>,
}

impl CampaignNode {
    /// This node and every node below it, depth-first, with depths.
    pub fn walk(&self) -> Vec<(usize, &CampaignNode)> {
        let mut out = Vec::new();
        let mut stack = vec![(0, self)];
        while let Some((d, n)) = stack.pop() {
            out.push((d, n));
            for c in n.children.iter().rev() {
                stack.push((d + 1, c));
            }
        }
        out
    }
}

impl Ledger {
    /// The campaign forest: every campaign (of a region or subtree, if given) with its
    /// sub-campaigns, targets and projects. A campaign whose parent is outside the scope
    /// becomes a root.
    ///
    /// ```
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let forest = ledger.campaign_tree(None)?;
    /// let twelve = forest.iter().find(|n| n.campaign.name == "十二大攻坚战").unwrap();
    /// let eight = twelve.children.iter().find(|n| n.campaign.name == "八大攻坚战").unwrap();
    /// assert!(eight.children.iter().any(|n| n.campaign.name == "投资攻坚战"));
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn campaign_tree(&self, scope: Option<RegionScope>) -> Result<Vec<CampaignNode>> {
        let mut conds = super::Conditions::new();
        if let Some(s) = &scope {
            s.push_condition("c.region_id", &mut conds);
        }
        let campaigns: Vec<Stored<CampaignId, Campaign>> = conds.select_stored(
            self.conn(),
            "SELECT c.id, c.name, c.kind, c.region_id, c.year, c.parent_id, c.ordinal FROM campaign c",
            "coalesce(c.ordinal, 0), c.id",
            campaign_from_row,
        )?;

        const TARGETS: &str = concat!(
            "SELECT id, ",
            target_columns!(),
            " FROM target WHERE campaign_id IS NOT NULL ORDER BY id"
        );
        let rows: Vec<Stored<TargetId, Target>> =
            query_stored(self.conn(), TARGETS, &[], target_from_row)?;
        let mut targets = grouped(rows, |t| t.campaign);
        const PROJECTS: &str = concat!(
            "SELECT id, ",
            project_columns!(),
            " FROM project WHERE campaign_id IS NOT NULL AND parent_id IS NULL ORDER BY id"
        );
        let rows: Vec<Stored<ProjectId, Project>> =
            query_stored(self.conn(), PROJECTS, &[], project_from_row)?;
        let mut projects = grouped(rows, |p| p.campaign);

        let present: std::collections::HashSet<CampaignId> =
            campaigns.iter().map(|c| c.id).collect();
        // Keyed by parent, `None` for the roots.
        let mut children = grouped(campaigns, |c| {
            Some(c.parent.filter(|p| present.contains(p)))
        });
        /// Builds a node and its subtree; `depth` is bounded by the schema's limit, so the
        /// recursion (and the nested result) stays shallow.
        fn build(
            c: Stored<CampaignId, Campaign>,
            depth: usize,
            children: &mut HashMap<Option<CampaignId>, Vec<Stored<CampaignId, Campaign>>>,
            targets: &mut HashMap<CampaignId, Vec<Stored<TargetId, Target>>>,
            projects: &mut HashMap<CampaignId, Vec<Stored<ProjectId, Project>>>,
        ) -> Result<CampaignNode> {
            if depth >= MAX_CAMPAIGN_DEPTH {
                return Err(Error::Corrupt {
                    detail: format!(
                        "campaign {} nests deeper than the schema allows ({MAX_CAMPAIGN_DEPTH} levels)",
                        c.id
                    ),
                });
            }
            let kids = children.remove(&Some(c.id)).unwrap_or_default();
            let id = c.id;
            Ok(CampaignNode {
                children: kids
                    .into_iter()
                    .map(|k| build(k, depth + 1, children, targets, projects))
                    .collect::<Result<_>>()?,
                targets: targets.remove(&id).unwrap_or_default(),
                projects: projects.remove(&id).unwrap_or_default(),
                campaign: c,
            })
        }
        let roots = children.remove(&None).unwrap_or_default();
        let forest = roots
            .into_iter()
            .map(|c| build(c, 0, &mut children, &mut targets, &mut projects))
            .collect::<Result<Vec<_>>>()?;
        // Whatever no root reached hangs on a cycle of parents (written behind the schema's
        // back): say so rather than leave those campaigns out.
        if let Some(c) = children.values().flatten().next() {
            return Err(Error::Corrupt {
                detail: format!("campaign {} is its own ancestor", c.id),
            });
        }
        Ok(forest)
    }
}
