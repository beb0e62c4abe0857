//! The words an assessment is stated in — topics, levels, recommendations, escalation targets,
//! yes/no answers, the two template languages — and the two small records every layer passes around
//! with them: the template version a result was computed with and a level a person set instead.
//!
//! They live here, below the assessment engine, so that the store and the briefing can name them
//! without depending on the engine. Wire names are those of the contract's `assess --json` shape
//! (`../shared/contract/README.md`); variants are only ever added.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocabulary;

vocabulary! {
    /// One of the four topics every case is assessed on.
    Topic {
        /// Reciprocity and mutual access to infrastructures and data.
        Reciprocity => "reciprocity",
        /// Research integrity.
        Integrity => "integrity",
        /// Intellectual property and technology transfer.
        Ip => "ip",
        /// Dual use and export control.
        DualUse => "dual_use",
    }
}

vocabulary! {
    /// A risk level. Variants are ordered from lowest to highest, so `max` combines levels.
    Level {
        /// No relevant risk found.
        Low => "low",
        /// Risks that conditions can manage.
        Medium => "medium",
        /// Serious risks: management decides.
        High => "high",
        /// A hard stop from law or list logic.
        Critical => "critical",
    }
}

impl Level {
    /// One step up, saturating at `critical`.
    pub fn raised(self) -> Level {
        match self {
            Level::Low => Level::Medium,
            Level::Medium => Level::High,
            Level::High | Level::Critical => Level::Critical,
        }
    }

    /// One step down, saturating at `low`.
    pub fn lowered(self) -> Level {
        match self {
            Level::Critical => Level::High,
            Level::High => Level::Medium,
            Level::Medium | Level::Low => Level::Low,
        }
    }
}

vocabulary! {
    /// What the office should do with the case.
    Recommendation {
        /// Go ahead; record the assessment.
        Proceed => "proceed",
        /// Go ahead once the listed conditions are in place.
        ProceedWithConditions => "proceed_with_conditions",
        /// Management decides, with the specialists named in the escalations.
        Escalate => "escalate",
        /// Do not go ahead.
        Decline => "decline",
    }
}

vocabulary! {
    /// Who must look at the case besides the office.
    Escalation {
        /// The export-control officer.
        ExportControl => "export_control",
        /// The ethics committee.
        Ethics => "ethics",
        /// The data-protection officer.
        DataProtection => "data_protection",
        /// The executive board or directors.
        Management => "management",
    }
}

vocabulary! {
    /// The fixed answers of a yes/no question.
    YesNo {
        /// Yes.
        Yes => "yes",
        /// No.
        No => "no",
        /// Not known yet: counts as the risk answer until resolved.
        Unsure => "unsure",
        /// Does not apply to this case.
        NotApplicable => "not_applicable",
    }
}

vocabulary! {
    /// The two languages every template text is written in.
    Lang {
        /// English.
        En => "en",
        /// German.
        De => "de",
    }
}

/// A level set by a person instead of the computed one, with the written reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelOverride {
    /// The topic.
    pub topic: Topic,
    /// The level that applies instead of the computed one.
    pub level: Level,
    /// Why; required and shown wherever the level is shown.
    pub justification: String,
    /// Who set it.
    pub by: String,
}

/// The template a result was computed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateRef {
    /// Template id.
    pub id: String,
    /// Template version.
    pub version: String,
}
