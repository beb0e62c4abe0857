//! Case facts: what the recorded case already tells about the checklist, before anyone answers.
//!
//! A fact is a name, optionally with parameters (`activity:equipment_loan`, `agreement:ip:draft`), that
//! holds for a case together with the evidence that makes it hold ("item 'Pump laser' has control code
//! 6A005"). Templates refer to facts by name in `prefill` and `show_if`; [`fact_name_problem`] checks
//! those names when a template is loaded.
//!
//! Facts have a polarity: all are "risk" facts (their presence can only add risk) except the
//! `agreement:<kind>:signed` facts. A prefill that gives a safe answer may only rest on safe facts, which
//! keeps the assessment monotone: recording more about a risk never lowers a level.

use std::collections::BTreeMap;

use coopdesk_core::{
    Activity, AgreementKind, AgreementStatus, Case, CountryCode, DataKind, Facility, FacilityKind,
    OrgKind, Organisation, PartnerAccess,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::template::Rules;

/// EU member states: export control (Regulation (EU) 2021/821) and the GDPR apply within them.
const EU: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

fn in_eu(country: &CountryCode) -> bool {
    EU.contains(&country.as_str())
}

/// Fact names without parameters.
const PLAIN: [&str; 17] = [
    "data_generated_outside_eu",
    "data_stored_outside_eu",
    "data_kept_outside_eu",
    "data_partner_copy",
    "data_partner_access",
    "item_control_code",
    "item_leaves_eu",
    "item_temporary_export",
    "item_permanent_export",
    "partner_outside_eu",
    "partner_has_parent",
    "funding_outside_eu",
    "other_affiliations",
    "facility_outside_eu",
    "sensitive_field",
    "sensitive_facility",
    "screening_hit",
];

/// Fact names that carry one parameter, and what the parameter must be.
const WITH_PARAMETER: [(&str, &str); 8] = [
    ("activity", "an activity of the case format"),
    ("data_kind", "a data kind of the case format"),
    ("item_control_category", "an Annex I category digit 0-9"),
    ("partner_kind", "an organisation kind of the case format"),
    ("partner_country", "an ISO 3166-1 alpha-2 country code"),
    ("funding_from", "an ISO 3166-1 alpha-2 country code"),
    ("facility_kind", "a facility kind of the case format"),
    ("facility_country", "an ISO 3166-1 alpha-2 country code"),
];

/// The agreement states a fact can name; `missing` means no agreement of that kind is recorded.
const AGREEMENT_STATES: [&str; 4] = ["none", "draft", "signed", "missing"];

/// `None` when `name` is a fact the engine knows, otherwise what is wrong with it.
pub fn fact_name_problem(name: &str) -> Option<String> {
    if PLAIN.contains(&name) || name == "screening_hit_parent" {
        return None;
    }
    let mut parts = name.split(':');
    let head = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    if head == "agreement" {
        return match rest.as_slice() {
            [kind, state]
                if AgreementKind::parse(kind).is_some() && AGREEMENT_STATES.contains(state) =>
            {
                None
            }
            _ => Some(format!(
                "unknown fact \"{name}\": expected agreement:<kind>:<{}>",
                AGREEMENT_STATES.join("|")
            )),
        };
    }
    let Some((_, expected)) = WITH_PARAMETER.iter().find(|(n, _)| *n == head) else {
        return Some(format!(
            "unknown fact \"{name}\"; known facts are {}, {}, and agreement:<kind>:<state>",
            PLAIN.join(", "),
            WITH_PARAMETER
                .iter()
                .map(|(n, _)| format!("{n}:<…>"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    let ok = match (head, rest.as_slice()) {
        ("activity", [p]) => Activity::parse(p).is_some(),
        ("data_kind", [p]) => DataKind::parse(p).is_some(),
        ("item_control_category", [p]) => p.len() == 1 && p.chars().all(|c| c.is_ascii_digit()),
        ("partner_kind", [p]) => OrgKind::parse(p).is_some(),
        ("facility_kind", [p]) => FacilityKind::parse(p).is_some(),
        ("partner_country" | "funding_from" | "facility_country", [p]) => {
            CountryCode::parse(p).is_some()
        }
        _ => false,
    };
    (!ok).then(|| format!("fact \"{name}\": the parameter after \"{head}:\" must be {expected}"))
}

/// Whether a fact can only lower risk (a signed agreement). All other facts are risk facts.
pub fn is_safe_fact(name: &str) -> bool {
    name.starts_with("agreement:") && name.ends_with(":signed")
}

/// A restriction-list hit on a case partner, as the screening capability reports it.
///
/// Only hits that still count are passed in: confirmed ones and unreviewed ones at or above the match
/// threshold; hits marked as false positives are left out by the caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScreeningFinding {
    /// The partner organisation's name as recorded in the case.
    pub partner: String,
    /// The list entry's id (for a hit through a parent, the parent's).
    pub entity: String,
    /// The list entry's name.
    pub entity_name: String,
    /// The list code(s), e.g. `us_bis_entity_list`.
    pub list: String,
    /// Match score 0..1.
    pub score: f64,
    /// Whether the hit is through a listed parent organisation.
    pub via_parent: bool,
    /// Whether a reviewer confirmed the hit (otherwise it is unreviewed).
    pub confirmed: bool,
}

/// Everything the assessment reads about a case besides its answers.
#[derive(Debug, Clone, Copy)]
pub struct CaseContext<'a> {
    /// The case.
    pub case: &'a Case,
    /// The case's partner organisations and their parents (any order; looked up by id).
    pub organisations: &'a [Organisation],
    /// The case's facility, if recorded.
    pub facility: Option<&'a Facility>,
    /// Screening hits that count (see [`ScreeningFinding`]).
    pub screening: &'a [ScreeningFinding],
}

/// The facts that hold for one case, each with the evidence behind it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    holding: BTreeMap<String, Vec<String>>,
}

impl Facts {
    /// Whether `name` holds.
    pub fn holds(&self, name: &str) -> bool {
        self.holding.contains_key(name)
    }

    /// The evidence for `name` (empty when it does not hold).
    pub fn evidence(&self, name: &str) -> &[String] {
        self.holding.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// All facts that hold, by name.
    pub fn all(&self) -> &BTreeMap<String, Vec<String>> {
        &self.holding
    }

    fn add(&mut self, name: impl Into<String>, evidence: impl Into<String>) {
        let list = self.holding.entry(name.into()).or_default();
        let evidence = evidence.into();
        if !list.contains(&evidence) {
            list.push(evidence);
        }
    }

    /// Derives the facts of a case. Evidence strings quote the case's own data, so they read the same
    /// in every language.
    pub fn derive(ctx: &CaseContext<'_>, rules: &Rules) -> Facts {
        let mut f = Facts::default();
        let case = ctx.case;
        for a in &case.activities {
            f.add(format!("activity:{a}"), a.as_str());
        }
        for d in &case.data {
            let what = format!("\"{}\"", d.description);
            f.add(format!("data_kind:{}", d.kind), what.clone());
            let generated_out = d.generated_in.as_ref().is_some_and(|c| !in_eu(c));
            let stored_out = d.stored_in.as_ref().is_some_and(|c| !in_eu(c));
            let stored_in_eu = d.stored_in.as_ref().is_some_and(in_eu);
            if generated_out {
                f.add("data_generated_outside_eu", what.clone());
                if !stored_in_eu {
                    f.add("data_kept_outside_eu", what.clone());
                }
            }
            if stored_out {
                f.add("data_stored_outside_eu", what.clone());
            }
            match d.partner_access {
                Some(PartnerAccess::Copy) => {
                    f.add("data_partner_copy", what.clone());
                    f.add("data_partner_access", what);
                }
                Some(PartnerAccess::Read) => f.add("data_partner_access", what),
                Some(PartnerAccess::None) | None => {}
            }
        }
        for item in &case.items {
            let what = format!("\"{}\"", item.description);
            if let Some(code) = &item.control_code {
                f.add("item_control_code", format!("{what} ({code})"));
                if let Some(digit) = code.chars().next().filter(char::is_ascii_digit) {
                    f.add(
                        format!("item_control_category:{digit}"),
                        format!("{what} ({code})"),
                    );
                }
            }
            if let Some(dest) = item.destination_country.as_ref().filter(|c| !in_eu(c)) {
                let ev = format!("{what} → {dest}");
                f.add("item_leaves_eu", ev.clone());
                if item.temporary == Some(true) {
                    f.add("item_temporary_export", ev);
                } else {
                    f.add("item_permanent_export", ev);
                }
            }
        }
        let org = |id: &str| ctx.organisations.iter().find(|o| o.id == id);
        for p in &case.partners {
            let Some(o) = org(&p.org_id) else { continue };
            if let Some(kind) = o.kind {
                f.add(format!("partner_kind:{kind}"), o.name.clone());
            }
            if let Some(c) = &o.country {
                f.add(format!("partner_country:{c}"), o.name.clone());
                if !in_eu(c) {
                    f.add("partner_outside_eu", o.name.clone());
                }
            }
            if let Some(parent) = o.parent_id.as_deref().and_then(org) {
                f.add(
                    "partner_has_parent",
                    format!("{} ({})", o.name, parent.name),
                );
            }
        }
        for fu in &case.funding {
            if let Some(c) = &fu.country {
                f.add(format!("funding_from:{c}"), fu.source.clone());
                if !in_eu(c) {
                    f.add("funding_outside_eu", fu.source.clone());
                }
            }
        }
        for kind in AgreementKind::ALL {
            let mut recorded = false;
            for a in case.agreements.iter().filter(|a| a.kind == *kind) {
                recorded = true;
                let state = match a.status {
                    AgreementStatus::None => "none",
                    AgreementStatus::Draft => "draft",
                    AgreementStatus::Signed => "signed",
                };
                f.add(
                    format!("agreement:{kind}:{state}"),
                    format!("{kind}: {state}"),
                );
            }
            if !recorded {
                f.add(format!("agreement:{kind}:missing"), format!("{kind}: —"));
            }
        }
        for person in case
            .people
            .iter()
            .filter(|p| !p.other_affiliations.is_empty())
        {
            f.add(
                "other_affiliations",
                format!("{}: {}", person.name, person.other_affiliations.join("; ")),
            );
        }
        if let Some(fac) = ctx.facility {
            f.add(format!("facility_kind:{}", fac.kind), fac.name.clone());
            f.add(
                format!("facility_country:{}", fac.country),
                fac.name.clone(),
            );
            if !in_eu(&fac.country) {
                f.add("facility_outside_eu", fac.name.clone());
            }
            if rules.sensitive_facility_kinds.contains(&fac.kind) {
                f.add("sensitive_facility", format!("{} ({})", fac.name, fac.kind));
            }
        }
        let texts = std::iter::once(case.title.as_str())
            .chain(std::iter::once(case.summary.as_str()))
            .chain(case.fields.iter().map(String::as_str));
        for text in texts {
            let lower = text.to_lowercase();
            for kw in &rules.sensitive_keywords {
                if !kw.is_empty() && lower.contains(&kw.to_lowercase()) {
                    f.add("sensitive_field", format!("\"{kw}\""));
                }
            }
        }
        for hit in ctx.screening {
            let ev = format!(
                "{} ~ {} [{}] ({:.2}{})",
                hit.partner,
                hit.entity_name,
                hit.list,
                hit.score,
                if hit.confirmed {
                    ", confirmed"
                } else {
                    ", unreviewed"
                }
            );
            f.add("screening_hit", ev.clone());
            if hit.via_parent {
                f.add("screening_hit_parent", ev);
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fact_names_are_checked() {
        assert_eq!(fact_name_problem("activity:beamtime"), None);
        assert_eq!(fact_name_problem("agreement:ip:missing"), None);
        assert_eq!(fact_name_problem("item_control_category:6"), None);
        assert_eq!(fact_name_problem("partner_country:CN"), None);
        assert!(fact_name_problem("activity:beamtimes").is_some());
        assert!(fact_name_problem("agreement:ip:lost").is_some());
        assert!(fact_name_problem("item_control_category:66").is_some());
        assert!(fact_name_problem("partner_country:XX").is_some());
        assert!(fact_name_problem("no_such_fact").is_some());
        assert!(is_safe_fact("agreement:ip:signed"));
        assert!(!is_safe_fact("agreement:ip:none"));
        assert!(!is_safe_fact("item_control_code"));
    }
}
