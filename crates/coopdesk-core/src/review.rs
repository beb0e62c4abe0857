//! Screening hits under review: what a reviewer decides about a hit, and where a hit stands.
//!
//! One vocabulary for the store (which keeps the decisions), the window and the command line (which
//! show them) and the briefing (which prints them); their labels are `reviewState.*` in
//! `assets/i18n/`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A reviewer's decision on a screening hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HitDecision {
    /// The partner is the listed entity (or belongs to it): the hit counts, as confirmed.
    Confirmed,
    /// The partner is another organisation: the hit is left out of the assessment.
    FalsePositive,
}

impl HitDecision {
    /// Every decision.
    pub const ALL: [HitDecision; 2] = [HitDecision::Confirmed, HitDecision::FalsePositive];

    /// `confirmed` or `false_positive`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            HitDecision::Confirmed => "confirmed",
            HitDecision::FalsePositive => "false_positive",
        }
    }

    /// The decision with this name, if any.
    #[must_use]
    pub fn parse(name: &str) -> Option<HitDecision> {
        Self::ALL.into_iter().find(|d| d.as_str() == name.trim())
    }
}

impl std::fmt::Display for HitDecision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a hit stands with the reviewers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Nobody has decided, or the decision lapsed because its basis changed: counts as a hit.
    Unreviewed,
    /// A reviewer confirmed it: counts as a confirmed hit.
    Confirmed,
    /// A reviewer found it is another organisation: left out of the assessment.
    FalsePositive,
}

impl ReviewState {
    /// Every state, in the order reviews progress.
    pub const ALL: [ReviewState; 3] = [
        ReviewState::Unreviewed,
        ReviewState::Confirmed,
        ReviewState::FalsePositive,
    ];

    /// The state a decision that holds puts a hit in; `None` (no decision, or a lapsed one) leaves it
    /// unreviewed.
    #[must_use]
    pub fn of(decision: Option<HitDecision>) -> ReviewState {
        match decision {
            None => ReviewState::Unreviewed,
            Some(HitDecision::Confirmed) => ReviewState::Confirmed,
            Some(HitDecision::FalsePositive) => ReviewState::FalsePositive,
        }
    }

    /// `unreviewed`, `confirmed` or `false_positive`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Unreviewed => "unreviewed",
            ReviewState::Confirmed => "confirmed",
            ReviewState::FalsePositive => "false_positive",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_wire_and_a_decision_sets_the_state() {
        for d in HitDecision::ALL {
            assert_eq!(HitDecision::parse(d.as_str()), Some(d));
            assert_eq!(ReviewState::of(Some(d)).as_str(), d.as_str());
        }
        for s in ReviewState::ALL {
            let json = serde_json::to_string(&s).expect("serialisable");
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
        assert_eq!(ReviewState::of(None), ReviewState::Unreviewed);
    }
}
