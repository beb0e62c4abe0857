//! Closed vocabularies of the `coopdesk.case/v1` format.
//!
//! Every enum here serialises to the exact snake_case string the contract names
//! (`../shared/contract/README.md`); renaming a variant breaks other offices' files, so variants are
//! only ever added.

/// Defines a closed vocabulary: the enum, its wire names, and a list of all variants in contract order.
///
/// Exported so that other domain crates (the assessment's topics and levels) get the same shape; the
/// calling crate needs `serde` and `ts-rs` as dependencies.
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $wire)] $variant, )+
        }

        impl $name {
            /// All variants, in the order the contract lists them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The wire name used in `coopdesk.case/v1` and in the database.
            pub const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $wire ),+ }
            }

            /// Parses a wire name; `None` for anything outside the vocabulary.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $( $wire => Some($name::$variant), )+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// Lifecycle state of a case.
    CaseStatus {
        /// Being written by the office.
        Draft => "draft",
        /// Submitted for review and sign-off.
        InReview => "in_review",
        /// Signed off without conditions.
        Approved => "approved",
        /// Signed off with conditions that are tracked.
        ApprovedWithConditions => "approved_with_conditions",
        /// Signed off as declined.
        Declined => "declined",
        /// Abandoned by the applicant.
        Withdrawn => "withdrawn",
    }
}

impl CaseStatus {
    /// The states a case may move to from this one.
    ///
    /// Draft → in review → approved / approved with conditions / declined is the way through; a review
    /// may send a case back to draft; any case may be withdrawn; a decided or withdrawn case is reopened
    /// by moving it back to draft, which starts a new revision and keeps the decided one.
    pub fn next(self) -> &'static [CaseStatus] {
        use CaseStatus::*;
        match self {
            Draft => &[InReview, Withdrawn],
            InReview => &[Approved, ApprovedWithConditions, Declined, Draft, Withdrawn],
            Approved | ApprovedWithConditions => &[Draft, Withdrawn],
            Declined | Withdrawn => &[Draft],
        }
    }

    /// Whether moving to `to` is a decision (a sign-off): approving or declining.
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            CaseStatus::Approved | CaseStatus::ApprovedWithConditions | CaseStatus::Declined
        )
    }

    /// Whether the case's content is frozen in this state (decided or withdrawn): only its action plan
    /// may still change, because conditions are followed up after approval.
    pub fn is_closed(self) -> bool {
        self.is_decision() || self == CaseStatus::Withdrawn
    }
}

// Written by hand because the `vocabulary!` macro derives one fixed set of traits for every vocabulary.
#[allow(clippy::derivable_impls)]
impl Default for CaseStatus {
    fn default() -> Self {
        CaseStatus::Draft
    }
}

impl CaseStatus {
    /// Whether a case in this state still needs work or a decision (used for "open cases" lists).
    pub const fn is_open(self) -> bool {
        matches!(self, CaseStatus::Draft | CaseStatus::InReview)
    }
}

vocabulary! {
    /// Kind of research infrastructure.
    FacilityKind {
        /// Synchrotron light source.
        Synchrotron => "synchrotron",
        /// Free-electron laser.
        Fel => "fel",
        /// Neutron source (reactor or spallation).
        Neutron => "neutron",
        /// High-power or ultrafast laser facility.
        Laser => "laser",
        /// Particle accelerator other than a light source.
        Accelerator => "accelerator",
        /// Telescope or observatory.
        Telescope => "telescope",
        /// Fusion device.
        Fusion => "fusion",
        /// High-field magnet laboratory.
        HighFieldMagnet => "high_field_magnet",
        /// High-performance computing centre.
        Hpc => "hpc",
        /// Genomics or sequencing platform.
        Genomics => "genomics",
        /// Anything else.
        Other => "other",
    }
}

vocabulary! {
    /// Kind of organisation.
    OrgKind {
        /// University or university institute.
        University => "university",
        /// Institute of an academy of sciences (e.g. a CAS institute).
        AcademyInstitute => "academy_institute",
        /// Company, including state-owned enterprises.
        Company => "company",
        /// Government body or agency.
        Government => "government",
        /// Hospital or clinic.
        Hospital => "hospital",
        /// Anything else.
        Other => "other",
    }
}

vocabulary! {
    /// Role of a partner organisation in a case.
    PartnerRole {
        /// Leads the collaboration.
        Lead => "lead",
        /// Applies jointly.
        CoApplicant => "co_applicant",
        /// Hosts the work (e.g. operates the facility).
        Host => "host",
        /// Uses our facility or results.
        User => "user",
        /// Pays for part of the work.
        Funder => "funder",
        /// Works under contract.
        Subcontractor => "subcontractor",
        /// Anything else.
        Other => "other",
    }
}

vocabulary! {
    /// What is planned in a collaboration.
    Activity {
        /// Beamtime at a facility.
        Beamtime => "beamtime",
        /// A joint experiment.
        JointExperiment => "joint_experiment",
        /// A joint publication.
        JointPublication => "joint_publication",
        /// Exchange of staff.
        StaffExchange => "staff_exchange",
        /// Exchange of students.
        StudentExchange => "student_exchange",
        /// Remote access to instruments or systems.
        RemoteAccess => "remote_access",
        /// Equipment lent to or from the partner.
        EquipmentLoan => "equipment_loan",
        /// Equipment exported to the partner.
        EquipmentExport => "equipment_export",
        /// Joint development of technology.
        JointDevelopment => "joint_development",
        /// Building an instrument together.
        InstrumentBuilding => "instrument_building",
        /// Sharing data.
        DataSharing => "data_sharing",
        /// Sharing software.
        SoftwareSharing => "software_sharing",
        /// Training.
        Training => "training",
    }
}

vocabulary! {
    /// Kind of data produced or shared.
    DataKind {
        /// Raw measurement data.
        Raw => "raw",
        /// Processed or derived data.
        Processed => "processed",
        /// Personal data (GDPR/PIPL).
        Personal => "personal",
        /// Human genetic resources or data.
        HumanGenetic => "human_genetic",
        /// Geospatial data.
        Geospatial => "geospatial",
        /// Software or code.
        Software => "software",
        /// Publications.
        Publication => "publication",
    }
}

vocabulary! {
    /// What the partner may do with a data set.
    PartnerAccess {
        /// No access.
        None => "none",
        /// May read or view in place.
        Read => "read",
        /// May take a copy.
        Copy => "copy",
    }
}

vocabulary! {
    /// Kind of written agreement.
    AgreementKind {
        /// Cooperation agreement.
        Cooperation => "cooperation",
        /// Non-disclosure agreement.
        Nda => "nda",
        /// Intellectual-property agreement.
        Ip => "ip",
        /// Data-sharing agreement.
        DataSharing => "data_sharing",
        /// Material-transfer agreement.
        MaterialTransfer => "material_transfer",
        /// Facility-access agreement.
        FacilityAccess => "facility_access",
    }
}

vocabulary! {
    /// How far an agreement has got.
    AgreementStatus {
        /// Not started.
        None => "none",
        /// Drafted, not signed.
        Draft => "draft",
        /// Signed by both sides.
        Signed => "signed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_through_serde_and_parse() {
        for s in CaseStatus::ALL {
            let json = serde_json::to_string(s).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
            assert_eq!(CaseStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(
            FacilityKind::parse("high_field_magnet"),
            Some(FacilityKind::HighFieldMagnet)
        );
        assert_eq!(Activity::ALL.len(), 13, "contract lists 13 activities");
        assert_eq!(
            FacilityKind::ALL.len(),
            11,
            "contract lists 11 facility kinds"
        );
        assert_eq!(PartnerRole::parse("boss"), None);
    }
}

vocabulary! {
    /// State of an action of a case's action plan (a condition of approval or another follow-up).
    ActionStatus {
        /// Still to be done.
        Open => "open",
        /// Done.
        Met => "met",
        /// Deliberately not required any more.
        Waived => "waived",
    }
}
