//! The assessment's closed vocabularies: topics, levels, recommendations, escalation targets, answers.
//!
//! Wire names are those of the contract's `assess --json` shape (`../shared/contract/README.md`);
//! variants are only ever added.

use coopdesk_core::vocabulary;

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
