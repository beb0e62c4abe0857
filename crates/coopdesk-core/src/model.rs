//! The case model as the application stores and edits it.
//!
//! A [`Case`] refers to registry entries by id: partners to [`Organisation`]s, the facility to a
//! [`Facility`]. The interchange format (see [`crate::interchange`]) instead writes partners and the
//! facility out by name, so that another office can read a case file without our registries.
//!
//! The parts that look the same on both sides ([`Home`], [`Item`], [`DataFlow`], [`Person`], [`Funding`],
//! [`Agreement`], [`Answer`]) are shared, so a field added to one is added to both.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use crate::values::{CountryCode, Date};
use crate::vocab::{
    ActionStatus, Activity, AgreementKind, AgreementStatus, CaseStatus, DataKind, FacilityKind,
    OrgKind, PartnerAccess, PartnerRole,
};
use crate::workshop::Workshop;

/// Our side of the collaboration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Home {
    /// Our institution, e.g. "Deutsches Elektronen-Synchrotron DESY".
    pub institution: String,
    /// Department or group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub department: Option<String>,
    /// Contact person or address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub contact: Option<String>,
}

/// Goods, software or technology that moves or is shared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// What it is.
    pub description: String,
    /// EU 2021/821 Annex I entry, e.g. `6A005`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub control_code: Option<String>,
    /// Where it goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub destination_country: Option<CountryCode>,
    /// Whether the export is temporary (e.g. a loan that returns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub temporary: Option<bool>,
}

/// A data set generated, stored or shared in the collaboration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DataFlow {
    /// What the data are.
    pub description: String,
    /// Kind of data.
    pub kind: DataKind,
    /// Country where the data are generated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub generated_in: Option<CountryCode>,
    /// Country where the data are stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub stored_in: Option<CountryCode>,
    /// What the partner may do with them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub partner_access: Option<PartnerAccess>,
}

/// A person involved on either side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name, in any script.
    pub name: String,
    /// Main affiliation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub affiliation: Option<String>,
    /// Role in the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub role: Option<String>,
    /// Further affiliations, appointments or talent programmes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub other_affiliations: Vec<String>,
}

/// Who pays.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Funder, e.g. "DFG" or "NSFC".
    pub source: String,
    /// Funder's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub country: Option<CountryCode>,
    /// Amount in euros.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub amount_eur: Option<f64>,
}

/// A written agreement and how far it has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Kind of agreement.
    pub kind: AgreementKind,
    /// Its status.
    pub status: AgreementStatus,
}

/// A tracked action of the case's action plan: a condition of approval taken over from a mitigation
/// of the checklist template, or a follow-up a person added.
///
/// Actions travel with the case (in its file and in bundles), so the plan is never separated from the
/// case it belongs to. An action tied to a mitigation that is open or met counts as covering the risks
/// that mitigation addresses; a waived one does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Stable id within the case, e.g. `act-1`.
    pub id: String,
    /// Id of the template mitigation this action carries out; absent for an action a person added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mitigation: Option<String>,
    /// What is to be done, as it should read in a briefing.
    pub title: String,
    /// Who takes care of it (a person or a role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub owner: Option<String>,
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub due: Option<Date>,
    /// Open, met or waived.
    pub status: ActionStatus,
    /// How it was met, or why it was waived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

impl Action {
    /// Whether the action is still open and its due date lies before `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|d| d < today)
    }
}

/// A checklist answer: a value (`yes`, `no`, `unsure`, `not_applicable`, a choice id or free text) and an
/// optional comment.
///
/// In `coopdesk.case/v1` an answer is written either as a bare string (`"yes"`) or as an object
/// `{"value": "yes", "comment": "…"}`; it is written back as a bare string when it has no comment.
#[derive(Debug, Clone, PartialEq, Eq, TS)]
pub struct Answer {
    /// The answer itself.
    pub value: String,
    /// Why, or where the evidence is.
    #[ts(optional)]
    pub comment: Option<String>,
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        match &self.comment {
            None => s.serialize_str(&self.value),
            Some(c) => {
                let mut st = s.serialize_struct("Answer", 2)?;
                st.serialize_field("value", &self.value)?;
                st.serialize_field("comment", c)?;
                st.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an answer: a string such as \"yes\", or an object {\"value\", \"comment\"}",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
                Ok(Answer {
                    value: v.to_owned(),
                    comment: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
                let mut value = None;
                let mut comment = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "value" if value.is_none() => value = Some(map.next_value::<String>()?),
                        "comment" if comment.is_none() => {
                            comment = map.next_value::<Option<String>>()?
                        }
                        "value" | "comment" => {
                            return Err(de::Error::custom(format!("duplicate field `{key}`")));
                        }
                        other => {
                            return Err(de::Error::unknown_field(other, &["value", "comment"]));
                        }
                    }
                }
                let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
                Ok(Answer { value, comment })
            }
        }
        d.deserialize_any(V)
    }
}

/// A case partner: an organisation from the registry and its role in this case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CasePartner {
    /// Id of the [`Organisation`].
    pub org_id: String,
    /// Role in this case.
    pub role: PartnerRole,
}

/// A planned collaboration as stored and edited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Case {
    /// Stable id, e.g. `CD-7K3M9Q2X`.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What is planned, in a few sentences.
    pub summary: String,
    /// Lifecycle state.
    pub status: CaseStatus,
    /// Our side.
    pub home: Option<Home>,
    /// Id of the [`Facility`] where the work happens.
    pub facility_id: Option<String>,
    /// Partner organisations with their roles, in the order the user gave them.
    pub partners: Vec<CasePartner>,
    /// Research fields, free text.
    pub fields: Vec<String>,
    /// Planned activities.
    pub activities: Vec<Activity>,
    /// Goods, software and technology that move.
    pub items: Vec<Item>,
    /// Data sets.
    pub data: Vec<DataFlow>,
    /// People involved.
    pub people: Vec<Person>,
    /// Who pays.
    pub funding: Vec<Funding>,
    /// Agreements and their status.
    pub agreements: Vec<Agreement>,
    /// Checklist answers by question id.
    pub answers: BTreeMap<String, Answer>,
    /// The action plan: conditions and follow-ups with owner, due date and status.
    pub actions: Vec<Action>,
    /// Workshops held on the checklist, oldest first. Left out of the JSON when empty, so that a
    /// revision stored before workshops existed keeps its digest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Vec<Workshop>")]
    pub workshops: Vec<Workshop>,
    /// Planned start.
    pub start: Option<Date>,
    /// Planned end.
    pub end: Option<Date>,
    /// Free-text notes.
    pub notes: String,
    /// Top-level `x-…` keys from an imported file, kept verbatim and written back on export.
    pub extensions: BTreeMap<String, serde_json::Value>,
    /// When the case was first stored (UTC).
    pub created_at: DateTime<Utc>,
    /// When the case was last changed (UTC).
    pub updated_at: DateTime<Utc>,
}

impl Case {
    /// An empty draft with `id` and `title`, created and last changed `at`: what "New case" starts
    /// from.
    #[must_use]
    pub fn draft(id: String, title: String, at: DateTime<Utc>) -> Case {
        Case {
            id,
            title,
            summary: String::new(),
            status: CaseStatus::Draft,
            home: None,
            facility_id: None,
            partners: Vec::new(),
            fields: Vec::new(),
            activities: Vec::new(),
            items: Vec::new(),
            data: Vec::new(),
            people: Vec::new(),
            funding: Vec::new(),
            agreements: Vec::new(),
            answers: Default::default(),
            actions: Vec::new(),
            workshops: Vec::new(),
            start: None,
            end: None,
            notes: String::new(),
            extensions: Default::default(),
            created_at: at,
            updated_at: at,
        }
    }
}

/// An organisation in the registry, reused across cases.
///
/// Names are kept per script because partners are written in whatever script the user has at hand:
/// English, simplified or traditional Chinese, pinyin, or an acronym.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Organisation {
    /// Stable id, e.g. `org-4F9Q2M7A`.
    pub id: String,
    /// Display name as the user wrote it, in any script.
    pub name: String,
    /// Name in simplified Chinese characters.
    pub name_zh: Option<String>,
    /// Name in traditional Chinese characters.
    pub name_zh_hant: Option<String>,
    /// Name in Hanyu pinyin.
    pub name_pinyin: Option<String>,
    /// Other names and acronyms.
    pub aliases: Vec<String>,
    /// Country of the organisation.
    pub country: Option<CountryCode>,
    /// Kind of organisation.
    pub kind: Option<OrgKind>,
    /// Id of the parent organisation (e.g. the academy an institute belongs to).
    pub parent_id: Option<String>,
}

/// A research infrastructure in the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Facility {
    /// Stable id, e.g. `de-petra3` for a built-in entry or `fac-…` for one added by a user.
    pub id: String,
    /// Name in English.
    pub name: String,
    /// Name in Chinese characters, where it has one.
    pub name_zh: Option<String>,
    /// Country of the facility.
    pub country: CountryCode,
    /// City.
    pub city: Option<String>,
    /// Kind of facility.
    pub kind: FacilityKind,
    /// Operating organisation.
    pub operator: Option<String>,
    /// Operating organisation in Chinese characters.
    pub operator_zh: Option<String>,
    /// Notes, e.g. on the operator's listing status.
    pub notes: Option<String>,
    /// Where the entry's facts come from.
    pub source: Option<String>,
    /// Whether the entry ships with the app (seeded from `assets/reference/facilities.csv`).
    pub builtin: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_both_forms_and_write_the_short_one() {
        let a: Answer = serde_json::from_str("\"yes\"").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.value, "yes");
        assert_eq!(serde_json::to_string(&a).unwrap_or_default(), "\"yes\"");
        let b: Answer = serde_json::from_str(r#"{"value":"unsure","comment":"ask legal"}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(b.comment.as_deref(), Some("ask legal"));
        assert!(
            serde_json::to_string(&b)
                .unwrap_or_default()
                .contains("ask legal")
        );
        let bad = serde_json::from_str::<Answer>(r#"{"value":"yes","why":"x"}"#);
        assert!(bad.is_err());
        let missing = serde_json::from_str::<Answer>(r#"{"comment":"x"}"#);
        assert!(missing.is_err());
    }
}
