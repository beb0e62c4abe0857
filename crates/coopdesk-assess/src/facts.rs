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

/// Fact names without parameters that can only lower risk: each holds when a part of the case is
/// recorded and shows nothing risky, and stops holding as soon as something risky is recorded there.
/// That is what lets a prefill give a safe answer from them without breaking monotonicity.
pub const SAFE: [&str; 8] = [
    "screening_clear",
    "no_items_moving",
    "no_technology_transfer",
    "no_joint_development",
    "data_in_eu",
    "no_partner_facility",
    "no_china_link",
    "no_sensitive_field",
];

/// Fact names without parameters.
const PLAIN: [&str; 24] = [
    "coauthor_listed",
    "coauthor_listed_military",
    "coauthor_unreviewed",
    "china_link",
    "funding_company",
    "screening_hit_military",
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
    "screening_hit_parent",
];

/// Fact names that carry one parameter, and what the parameter must be.
const WITH_PARAMETER: [(&str, &str); 9] = [
    (
        "sensitive_area",
        "the id of one of the template's sensitive areas",
    ),
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
    if PLAIN.contains(&name) || SAFE.contains(&name) {
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
        // Whether the area exists is checked against the template's areas when it is loaded.
        ("sensitive_area", [p]) => !p.is_empty(),
        ("partner_country" | "funding_from" | "facility_country", [p]) => {
            CountryCode::parse(p).is_some()
        }
        _ => false,
    };
    (!ok).then(|| format!("fact \"{name}\": the parameter after \"{head}:\" must be {expected}"))
}

/// Whether a fact can only lower risk (a signed agreement, or a recorded part of the case that shows
/// nothing risky, see [`SAFE`]). All other facts are risk facts.
pub fn is_safe_fact(name: &str) -> bool {
    SAFE.contains(&name) || (name.starts_with("agreement:") && name.ends_with(":signed"))
}

/// List codes whose entries are named for links to a military or security apparatus: the US
/// Department of Defense's 1260H list of Chinese military companies and Canada's Named Research
/// Organizations.
const MILITARY_LISTS: [&str; 2] = ["us_dod_1260h", "ca_nro"];

/// Activities through which technology or technical assistance can pass to the partner.
const TRANSFER_ACTIVITIES: [Activity; 7] = [
    Activity::Training,
    Activity::JointDevelopment,
    Activity::InstrumentBuilding,
    Activity::SoftwareSharing,
    Activity::RemoteAccess,
    Activity::EquipmentLoan,
    Activity::EquipmentExport,
];

/// Activities that build something together (instruments, components, software).
const DEVELOPMENT_ACTIVITIES: [Activity; 3] = [
    Activity::JointDevelopment,
    Activity::InstrumentBuilding,
    Activity::SoftwareSharing,
];

/// Activities that use a facility.
const FACILITY_ACTIVITIES: [Activity; 3] = [
    Activity::Beamtime,
    Activity::JointExperiment,
    Activity::RemoteAccess,
];

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

/// A co-authorship of an author at a listed institution in the partner's publications, as the
/// co-publication check found it (`coopdesk pubs check`).
///
/// Only co-authorships that say something the partner screening does not are passed in: those whose
/// listed entity is not a hit of a case partner itself, and not dismissed as false positives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CoauthorshipFinding {
    /// The work: its title, or its id.
    pub work: String,
    /// The year of publication, if known.
    pub year: Option<i32>,
    /// The author as written, if the file says whose the affiliation is.
    pub author: Option<String>,
    /// The affiliation as written.
    pub affiliation: String,
    /// The listed entity's name.
    pub entity_name: String,
    /// The list code(s), `|`-separated.
    pub list: String,
    /// The stored list the entity is on.
    pub list_name: String,
    /// Whether a reviewer confirmed it (otherwise it is unreviewed: open, to be reviewed).
    pub confirmed: bool,
}

impl CoauthorshipFinding {
    /// The evidence line: work, year, author, affiliation, listed entity and list.
    fn evidence(&self) -> String {
        format!(
            "\"{}\" ({}): {} — {} ~ {} [{}] ({})",
            clip(&self.work),
            self.year.map_or_else(|| "—".to_owned(), |y| y.to_string()),
            self.author.as_deref().unwrap_or("—"),
            self.affiliation,
            self.entity_name,
            self.list,
            self.list_name
        )
    }
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
    /// The lists the partners were screened against, each as "name (snapshot date)"; empty when no
    /// screening ran, in which case the absence of hits proves nothing.
    pub screened_lists: &'a [String],
    /// Co-authorships with listed institutions from the newest co-publication check (see
    /// [`CoauthorshipFinding`]); empty when none was found or no check ran.
    pub coauthorships: &'a [CoauthorshipFinding],
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
            if is_company_name(&fu.source) {
                f.add("funding_company", fu.source.clone());
            }
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
        let vocabulary = rules.vocabulary();
        let texts = std::iter::once(case.title.as_str())
            .chain(std::iter::once(case.summary.as_str()))
            .chain(case.fields.iter().map(String::as_str));
        for text in texts {
            for m in vocabulary.find(text) {
                let ev = format!("{}: \"{}\" in \"{}\"", m.area.en, m.term, clip(&m.text));
                f.add(format!("sensitive_area:{}", m.id), ev.clone());
                f.add("sensitive_field", ev);
            }
        }
        let mut military = Vec::new();
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
            if hit.list.split('|').any(|l| MILITARY_LISTS.contains(&l)) {
                military.push(ev.clone());
            }
            if hit.via_parent {
                f.add("screening_hit_parent", ev);
            }
        }
        for ev in military {
            f.add("screening_hit_military", ev);
        }
        // Confirmed co-authorships are what we know; unreviewed ones only say that someone has to
        // look, so they flag questions and never answer them.
        for c in ctx.coauthorships {
            let ev = c.evidence();
            if !c.confirmed {
                f.add("coauthor_unreviewed", ev);
                continue;
            }
            if c.list.split('|').any(|l| MILITARY_LISTS.contains(&l)) {
                f.add("coauthor_listed_military", ev.clone());
            }
            f.add("coauthor_listed", ev);
        }
        f.derive_absences(ctx, rules);
        f
    }

    /// The safe facts: parts of the case that are recorded and show nothing risky. Each one needs
    /// the part to be recorded at all (an empty list of activities says nothing), so that "we do not
    /// know yet" never reads as "we know it is harmless".
    fn derive_absences(&mut self, ctx: &CaseContext<'_>, rules: &Rules) {
        let case = ctx.case;
        let has = |a: &Activity| case.activities.contains(a);
        let described = !case.activities.is_empty();
        let listed: Vec<&str> = case.activities.iter().map(|a| a.as_str()).collect();
        let activities = format!("activities: {}", listed.join(", "));

        if !case.partners.is_empty() && !ctx.screened_lists.is_empty() && ctx.screening.is_empty() {
            self.add(
                "screening_clear",
                format!("no hit that counts on {}", ctx.screened_lists.join(", ")),
            );
        }
        let goods_activities = [
            Activity::EquipmentLoan,
            Activity::EquipmentExport,
            Activity::SoftwareSharing,
        ];
        if described && case.items.is_empty() && !goods_activities.iter().any(has) {
            self.add(
                "no_items_moving",
                format!("no goods, software or technology recorded as moving; {activities}"),
            );
            if !TRANSFER_ACTIVITIES.iter().any(has) {
                self.add("no_technology_transfer", activities.clone());
            }
        }
        if described && !DEVELOPMENT_ACTIVITIES.iter().any(has) {
            self.add("no_joint_development", activities.clone());
        }
        let all_in_eu = case.data.iter().all(|d| {
            d.generated_in.as_ref().is_some_and(in_eu) && d.stored_in.as_ref().is_some_and(in_eu)
        });
        if !case.data.is_empty() && all_in_eu {
            let places: Vec<String> = case
                .data
                .iter()
                .map(|d| {
                    let country = |c: &Option<CountryCode>| {
                        c.as_ref().map_or("—", CountryCode::as_str).to_owned()
                    };
                    format!(
                        "\"{}\": generated in {}, stored in {}",
                        clip(&d.description),
                        country(&d.generated_in),
                        country(&d.stored_in)
                    )
                })
                .collect();
            self.add("data_in_eu", places.join("; "));
        }
        match ctx.facility {
            Some(fac) if in_eu(&fac.country) => self.add(
                "no_partner_facility",
                format!("the work happens at {} ({})", fac.name, fac.country),
            ),
            None if described && !FACILITY_ACTIVITIES.iter().any(has) => self.add(
                "no_partner_facility",
                format!("no facility is used; {activities}"),
            ),
            _ => {}
        }
        self.derive_china_link(ctx);
        let facility_sensitive = ctx
            .facility
            .is_some_and(|fac| rules.sensitive_facility_kinds.contains(&fac.kind));
        if !case.fields.is_empty() && !self.holds("sensitive_field") && !facility_sensitive {
            self.add(
                "no_sensitive_field",
                format!(
                    "no term of the sensitive-technology vocabulary in the title, summary or fields ({})",
                    case.fields.join("; ")
                ),
            );
        }
    }

    /// `china_link` when a partner, a parent, a funder, the facility, data or an item's destination
    /// is in China; `no_china_link` when partners are recorded and none of these is.
    fn derive_china_link(&mut self, ctx: &CaseContext<'_>) {
        let case = ctx.case;
        let cn = |c: Option<&CountryCode>| c.is_some_and(|c| c.as_str() == "CN");
        let org = |id: &str| ctx.organisations.iter().find(|o| o.id == id);
        let mut links = Vec::new();
        for p in &case.partners {
            let Some(o) = org(&p.org_id) else { continue };
            if cn(o.country.as_ref()) {
                links.push(format!("partner {}", o.name));
            }
            if let Some(parent) = o.parent_id.as_deref().and_then(org)
                && cn(parent.country.as_ref())
            {
                links.push(format!("parent {}", parent.name));
            }
        }
        for fu in case.funding.iter().filter(|fu| cn(fu.country.as_ref())) {
            links.push(format!("funder {}", fu.source));
        }
        if let Some(fac) = ctx.facility.filter(|fac| cn(Some(&fac.country))) {
            links.push(format!("facility {}", fac.name));
        }
        for d in case
            .data
            .iter()
            .filter(|d| cn(d.generated_in.as_ref()) || cn(d.stored_in.as_ref()))
        {
            links.push(format!("data \"{}\"", clip(&d.description)));
        }
        for item in case
            .items
            .iter()
            .filter(|i| cn(i.destination_country.as_ref()))
        {
            links.push(format!("item \"{}\"", clip(&item.description)));
        }
        if !links.is_empty() {
            for l in links {
                self.add("china_link", l);
            }
        } else if !case.partners.is_empty() {
            let countries: Vec<String> = case
                .partners
                .iter()
                .filter_map(|p| org(&p.org_id))
                .map(|o| {
                    format!(
                        "{} ({})",
                        o.name,
                        o.country.as_ref().map_or("—", CountryCode::as_str)
                    )
                })
                .collect();
            self.add(
                "no_china_link",
                format!(
                    "no partner, parent, funder, facility, data or item in China: {}",
                    countries.join(", ")
                ),
            );
        }
    }
}

/// Legal-form words that mark a company (or a state-owned group) among funders, in the languages
/// funders' names come in. Matched on whole words (Chinese anywhere), like the vocabulary.
const COMPANY_FORMS: [&str; 19] = [
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corporation",
    "corp",
    "llc",
    "plc",
    "gmbh",
    "ag",
    "kg",
    "se",
    "sa",
    "bv",
    "group",
    "holding",
    "有限公司",
    "集团",
    "股份",
];

/// Whether a funder's name carries a company's legal form ("… Co., Ltd.", "… GmbH", "…集团").
fn is_company_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    COMPANY_FORMS.iter().any(|form| {
        if form.is_ascii() {
            words.contains(form)
        } else {
            lower.contains(form)
        }
    })
}

/// A case text shortened for evidence.
fn clip(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let mut t: String = text.chars().take(MAX).collect();
        t.push('…');
        t
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
        assert_eq!(fact_name_problem("coauthor_listed_military"), None);
        assert!(!is_safe_fact("coauthor_unreviewed"));
        assert!(is_safe_fact("agreement:ip:signed"));
        assert!(!is_safe_fact("agreement:ip:none"));
        assert!(!is_safe_fact("item_control_code"));
        assert!(is_safe_fact("screening_clear"));
        assert!(!is_safe_fact("funding_company"));
    }

    #[test]
    fn company_funders_are_recognised_by_their_legal_form() {
        for name in [
            "Huawei Technologies Co., Ltd.",
            "Siemens AG",
            "China National Nuclear Corporation",
            "中国航天科工集团有限公司",
            "Carl Zeiss GmbH",
        ] {
            assert!(is_company_name(name), "{name}");
        }
        for name in [
            "National Natural Science Foundation of China",
            "Deutsche Forschungsgemeinschaft",
            "Chinese Academy of Sciences",
            "Helmholtz Association",
            "DESY Photon Science (beamtime free of charge)",
        ] {
            assert!(!is_company_name(name), "{name}");
        }
    }
}
