//! Every word the briefing writes itself, in English and German.
//!
//! Reasons, conditions and open points come from `coopdesk_assess::report` (already in both
//! languages), question texts from the template; this table holds the rest: headings, labels and the
//! names of the contract's vocabularies.

use coopdesk_assess::engine::ActionStatus;
use coopdesk_assess::{Escalation, Lang, Recommendation};
use coopdesk_core::{
    Activity, CaseStatus, DataKind, FacilityKind, OrgKind, PartnerAccess, PartnerRole,
};

use crate::input::{Decision, HitReview, ScreeningOutcome};

/// Headings and labels.
pub(crate) struct Words {
    pub briefing: &'static str,
    pub case: &'static str,
    pub date: &'static str,
    pub status: &'static str,
    pub template: &'static str,
    pub revision: &'static str,
    pub overall: &'static str,
    pub recommendation: &'static str,
    pub summary: &'static str,
    pub facts: &'static str,
    pub partners: &'static str,
    pub partner: &'static str,
    pub role: &'static str,
    pub country: &'static str,
    pub screening: &'static str,
    pub facility: &'static str,
    pub period: &'static str,
    pub activities: &'static str,
    pub items: &'static str,
    pub data: &'static str,
    pub none: &'static str,
    pub not_recorded: &'static str,
    pub parent: &'static str,
    pub temporary: &'static str,
    pub partner_access: &'static str,
    pub assessment: &'static str,
    pub computed: &'static str,
    pub more_reasons: &'static str,
    /// Heading of what the cooperation brings.
    pub benefits: &'static str,
    /// Shown when no benefit is answered "yes".
    pub no_benefits: &'static str,
    /// "+ N further actions in the appendix" (the tersest layout).
    pub more_actions: &'static str,
    pub no_reasons: &'static str,
    pub escalations: &'static str,
    pub no_escalations: &'static str,
    pub no_conditions: &'static str,
    pub action: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub overdue: &'static str,
    pub no_actions: &'static str,
    pub open_points: &'static str,
    pub no_open_points: &'static str,
    pub unanswered_more: &'static str,
    pub sign_off: &'static str,
    pub name: &'static str,
    pub decision: &'static str,
    pub comment: &'static str,
    /// Sign-off row: why a decision was taken on a provisional assessment.
    pub provisional_justification: &'static str,
    pub signature: &'static str,
    pub appendix: &'static str,
    pub questions: &'static str,
    pub question: &'static str,
    pub answer: &'static str,
    pub comment_evidence: &'static str,
    pub from_facts: &'static str,
    pub not_answered: &'static str,
    pub evidence: &'static str,
    pub screening_evidence: &'static str,
    pub list: &'static str,
    pub entity: &'static str,
    pub score: &'static str,
    pub why: &'static str,
    pub review: &'static str,
    pub via_parent: &'static str,
    pub no_hits: &'static str,
    pub overrides: &'static str,
    pub no_overrides: &'static str,
    pub set_by: &'static str,
    pub justification: &'static str,
    pub all_reasons: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub document_id: &'static str,
    pub portfolio: &'static str,
    pub open_cases: &'static str,
    pub title: &'static str,
    pub level: &'static str,
    pub not_assessed: &'static str,
    pub overdue_actions: &'static str,
    pub by_level: &'static str,
    pub by_facility: &'static str,
    pub no_facility: &'static str,
    pub cases: &'static str,
    pub no_cases: &'static str,
    pub total: &'static str,
    pub proposed: &'static str,
    pub required_by: &'static str,
    pub rules: &'static str,
    pub op_unsure: &'static str,
    pub op_flagged: &'static str,
    pub op_invalid: &'static str,
    pub op_comment: &'static str,
    pub op_evidence: &'static str,
    pub op_key: &'static str,
    pub conditions_plan: &'static str,
}

const EN: Words = Words {
    briefing: "Briefing",
    case: "Case",
    date: "Date",
    status: "Status",
    template: "Template",
    revision: "Revision",
    overall: "Overall level",
    recommendation: "Recommendation",
    summary: "Summary",
    facts: "Facts",
    partners: "Partners",
    partner: "Partner",
    role: "Role",
    country: "Country",
    screening: "Screening",
    facility: "Facility",
    period: "Period",
    activities: "Activities",
    items: "Items and control codes",
    data: "Data flows",
    none: "none",
    not_recorded: "not recorded",
    parent: "part of",
    temporary: "temporary",
    partner_access: "partner access",
    assessment: "Assessment by topic",
    computed: "computed",
    more_reasons: "further reasons in the appendix",
    more_actions: "further actions and conditions in the appendix",
    benefits: "What the cooperation brings (not part of the levels)",
    no_benefits: "No added value recorded yet (checklist, benefits).",
    no_reasons: "No risk found.",
    escalations: "Escalations",
    no_escalations: "No escalation required.",
    no_conditions: "No conditions.",
    action: "Action",
    owner: "Owner",
    due: "Due",
    overdue: "overdue",
    no_actions: "No actions recorded.",
    open_points: "Open points",
    no_open_points: "No open points.",
    unanswered_more: "further questions are not answered yet (see the appendix)",
    sign_off: "Sign-off",
    name: "Name",
    decision: "Decision",
    comment: "Comment",
    provisional_justification: "Justification (provisional assessment)",
    signature: "Signature",
    appendix: "Appendix",
    questions: "Questions and answers",
    question: "Question",
    answer: "Answer",
    comment_evidence: "Comment and evidence",
    from_facts: "from case facts",
    not_answered: "not answered",
    evidence: "Facts",
    screening_evidence: "Screening evidence",
    list: "List",
    entity: "Listed entity",
    score: "Score",
    why: "Why",
    review: "Review",
    via_parent: "via parent",
    no_hits: "No screening hits.",
    overrides: "Overridden levels",
    no_overrides: "No level was overridden.",
    set_by: "set by",
    justification: "Justification",
    all_reasons: "All reasons",
    page: "Page",
    of: "of",
    document_id: "Document",
    portfolio: "Portfolio",
    open_cases: "Open cases",
    title: "Title",
    level: "Level",
    not_assessed: "not assessed",
    overdue_actions: "Overdue",
    by_level: "Cases per level",
    by_facility: "Cases per facility",
    no_facility: "no facility",
    cases: "cases",
    no_cases: "No open cases.",
    total: "Total",
    proposed: "proposed",
    required_by: "required by",
    rules: "rules",
    op_unsure: "Answered unsure",
    op_flagged: "Case facts call for a look",
    op_invalid: "Invalid answers",
    op_comment: "Comment missing",
    op_evidence: "Evidence missing",
    op_key: "Key questions not answered",
    conditions_plan: "Conditions and action plan",
};

const DE: Words = Words {
    briefing: "Entscheidungsvorlage",
    case: "Fall",
    date: "Datum",
    status: "Status",
    template: "Vorlage",
    revision: "Revision",
    overall: "Gesamtstufe",
    recommendation: "Empfehlung",
    summary: "Zusammenfassung",
    facts: "Sachverhalt",
    partners: "Partner",
    partner: "Partner",
    role: "Rolle",
    country: "Land",
    screening: "Listenprüfung",
    facility: "Einrichtung",
    period: "Zeitraum",
    activities: "Aktivitäten",
    items: "Güter und Kontrollnummern",
    data: "Datenflüsse",
    none: "keine",
    not_recorded: "nicht erfasst",
    parent: "gehört zu",
    temporary: "vorübergehend",
    partner_access: "Zugriff des Partners",
    assessment: "Bewertung nach Themen",
    computed: "berechnet",
    more_reasons: "weitere Gründe im Anhang",
    more_actions: "weitere Maßnahmen und Auflagen im Anhang",
    benefits: "Was die Kooperation bringt (nicht Teil der Stufen)",
    no_benefits: "Noch kein Mehrwert erfasst (Prüfliste, Nutzen).",
    no_reasons: "Kein Risiko festgestellt.",
    escalations: "Beteiligung",
    no_escalations: "Keine weitere Beteiligung erforderlich.",
    no_conditions: "Keine Auflagen.",
    action: "Maßnahme",
    owner: "Verantwortlich",
    due: "Fällig",
    overdue: "überfällig",
    no_actions: "Keine Maßnahmen erfasst.",
    open_points: "Offene Punkte",
    no_open_points: "Keine offenen Punkte.",
    unanswered_more: "weitere Fragen sind noch nicht beantwortet (siehe Anhang)",
    sign_off: "Freigabe",
    name: "Name",
    decision: "Entscheidung",
    comment: "Kommentar",
    provisional_justification: "Begründung (vorläufige Bewertung)",
    signature: "Unterschrift",
    appendix: "Anhang",
    questions: "Fragen und Antworten",
    question: "Frage",
    answer: "Antwort",
    comment_evidence: "Kommentar und Nachweis",
    from_facts: "aus den Falldaten",
    not_answered: "nicht beantwortet",
    evidence: "Falldaten",
    screening_evidence: "Nachweise der Listenprüfung",
    list: "Liste",
    entity: "Gelisteter Eintrag",
    score: "Wert",
    why: "Begründung",
    review: "Prüfung",
    via_parent: "über Mutterorganisation",
    no_hits: "Keine Treffer.",
    overrides: "Geänderte Stufen",
    no_overrides: "Keine Stufe wurde geändert.",
    set_by: "gesetzt von",
    justification: "Begründung",
    all_reasons: "Alle Gründe",
    page: "Seite",
    of: "von",
    document_id: "Dokument",
    portfolio: "Portfolio",
    open_cases: "Offene Fälle",
    title: "Titel",
    level: "Stufe",
    not_assessed: "nicht bewertet",
    overdue_actions: "Überfällig",
    by_level: "Fälle nach Stufe",
    by_facility: "Fälle nach Einrichtung",
    no_facility: "ohne Einrichtung",
    cases: "Fälle",
    no_cases: "Keine offenen Fälle.",
    total: "Gesamt",
    proposed: "vorgeschlagen",
    required_by: "erforderlich wegen",
    rules: "Regeln",
    op_unsure: "Als unklar beantwortet",
    op_flagged: "Falldaten legen Prüfung nahe",
    op_invalid: "Ungültige Antworten",
    op_comment: "Kommentar fehlt",
    op_evidence: "Nachweis fehlt",
    op_key: "Schlüsselfragen offen",
    conditions_plan: "Auflagen und Maßnahmenplan",
};

impl Words {
    /// The words in `lang`.
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::En => &EN,
            Lang::De => &DE,
        }
    }
}

const fn pick(lang: Lang, en: &'static str, de: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
}

/// A case status.
pub fn case_status(s: CaseStatus, lang: Lang) -> &'static str {
    match s {
        CaseStatus::Draft => pick(lang, "draft", "Entwurf"),
        CaseStatus::InReview => pick(lang, "in review", "in Prüfung"),
        CaseStatus::Approved => pick(lang, "approved", "freigegeben"),
        CaseStatus::ApprovedWithConditions => {
            pick(lang, "approved with conditions", "mit Auflagen freigegeben")
        }
        CaseStatus::Declined => pick(lang, "declined", "abgelehnt"),
        CaseStatus::Withdrawn => pick(lang, "withdrawn", "zurückgezogen"),
    }
}

/// A partner's role.
pub fn role(r: PartnerRole, lang: Lang) -> &'static str {
    match r {
        PartnerRole::Lead => pick(lang, "lead", "federführend"),
        PartnerRole::CoApplicant => pick(lang, "co-applicant", "Mitantragsteller"),
        PartnerRole::Host => pick(lang, "host", "Gastgeber"),
        PartnerRole::User => pick(lang, "user", "Nutzer"),
        PartnerRole::Funder => pick(lang, "funder", "Geldgeber"),
        PartnerRole::Subcontractor => pick(lang, "subcontractor", "Unterauftragnehmer"),
        PartnerRole::Other => pick(lang, "other", "sonstige"),
    }
}

/// A kind of organisation.
pub fn org_kind(k: OrgKind, lang: Lang) -> &'static str {
    match k {
        OrgKind::University => pick(lang, "university", "Universität"),
        OrgKind::AcademyInstitute => pick(lang, "academy institute", "Akademieinstitut"),
        OrgKind::Company => pick(lang, "company", "Unternehmen"),
        OrgKind::Government => pick(lang, "government body", "Behörde"),
        OrgKind::Hospital => pick(lang, "hospital", "Klinik"),
        OrgKind::Other => pick(lang, "other", "sonstige"),
    }
}

/// An activity.
pub fn activity(a: Activity, lang: Lang) -> &'static str {
    match a {
        Activity::Beamtime => pick(lang, "beamtime", "Messzeit"),
        Activity::JointExperiment => pick(lang, "joint experiment", "gemeinsames Experiment"),
        Activity::JointPublication => {
            pick(lang, "joint publication", "gemeinsame Veröffentlichung")
        }
        Activity::StaffExchange => pick(lang, "staff exchange", "Personalaustausch"),
        Activity::StudentExchange => pick(lang, "student exchange", "Studierendenaustausch"),
        Activity::RemoteAccess => pick(lang, "remote access", "Fernzugriff"),
        Activity::EquipmentLoan => pick(lang, "equipment loan", "Geräteleihe"),
        Activity::EquipmentExport => pick(lang, "equipment export", "Geräteausfuhr"),
        Activity::JointDevelopment => pick(lang, "joint development", "gemeinsame Entwicklung"),
        Activity::InstrumentBuilding => pick(lang, "instrument building", "Instrumentenbau"),
        Activity::DataSharing => pick(lang, "data sharing", "Datenaustausch"),
        Activity::SoftwareSharing => pick(lang, "software sharing", "Softwareaustausch"),
        Activity::Training => pick(lang, "training", "Schulung"),
    }
}

/// A kind of data.
pub fn data_kind(k: DataKind, lang: Lang) -> &'static str {
    match k {
        DataKind::Raw => pick(lang, "raw data", "Rohdaten"),
        DataKind::Processed => pick(lang, "processed data", "verarbeitete Daten"),
        DataKind::Personal => pick(lang, "personal data", "personenbezogene Daten"),
        DataKind::HumanGenetic => pick(lang, "human genetic data", "humangenetische Daten"),
        DataKind::Geospatial => pick(lang, "geospatial data", "Geodaten"),
        DataKind::Software => pick(lang, "software", "Software"),
        DataKind::Publication => pick(lang, "publications", "Veröffentlichungen"),
    }
}

/// What a partner may do with data.
pub fn access(a: PartnerAccess, lang: Lang) -> &'static str {
    match a {
        PartnerAccess::None => pick(lang, "none", "keiner"),
        PartnerAccess::Read => pick(lang, "read in place", "Lesen vor Ort"),
        PartnerAccess::Copy => pick(lang, "may copy", "darf kopieren"),
    }
}

/// A kind of facility.
pub fn facility_kind(k: FacilityKind, lang: Lang) -> &'static str {
    match k {
        FacilityKind::Synchrotron => pick(lang, "synchrotron", "Synchrotron"),
        FacilityKind::Fel => pick(lang, "free-electron laser", "Freie-Elektronen-Laser"),
        FacilityKind::Neutron => pick(lang, "neutron source", "Neutronenquelle"),
        FacilityKind::Laser => pick(lang, "laser facility", "Laseranlage"),
        FacilityKind::Accelerator => pick(lang, "accelerator", "Beschleuniger"),
        FacilityKind::Telescope => pick(lang, "telescope", "Teleskop"),
        FacilityKind::Fusion => pick(lang, "fusion device", "Fusionsanlage"),
        FacilityKind::HighFieldMagnet => pick(lang, "high-field magnet", "Hochfeldmagnet"),
        FacilityKind::Hpc => pick(lang, "HPC centre", "Rechenzentrum (HPC)"),
        FacilityKind::Genomics => pick(lang, "genomics platform", "Genomik-Plattform"),
        FacilityKind::Other => pick(lang, "other", "sonstige"),
    }
}

/// A recommendation.
pub fn recommendation(r: Recommendation, lang: Lang) -> &'static str {
    match r {
        Recommendation::Proceed => pick(lang, "proceed", "durchführen"),
        Recommendation::ProceedWithConditions => {
            pick(lang, "proceed with conditions", "mit Auflagen durchführen")
        }
        Recommendation::Escalate => pick(lang, "escalate to management", "der Leitung vorlegen"),
        Recommendation::Decline => pick(lang, "decline", "ablehnen"),
    }
}

/// Who must be involved.
pub fn escalation(e: Escalation, lang: Lang) -> &'static str {
    match e {
        Escalation::ExportControl => pick(lang, "Export control", "Exportkontrolle"),
        Escalation::Ethics => pick(lang, "Ethics committee", "Ethikkommission"),
        Escalation::DataProtection => pick(lang, "Data protection", "Datenschutz"),
        Escalation::Management => pick(lang, "Management", "Leitung"),
    }
}

/// State of an action.
pub fn action_status(s: ActionStatus, lang: Lang) -> &'static str {
    match s {
        ActionStatus::Open => pick(lang, "open", "offen"),
        ActionStatus::Met => pick(lang, "met", "erfüllt"),
        ActionStatus::Waived => pick(lang, "waived", "entfallen"),
    }
}

/// A partner's screening outcome.
pub fn outcome(o: ScreeningOutcome, lang: Lang) -> &'static str {
    match o {
        ScreeningOutcome::NotScreened => pick(lang, "not screened", "nicht geprüft"),
        ScreeningOutcome::Clear => pick(lang, "no hit", "kein Treffer"),
        ScreeningOutcome::Unreviewed => pick(
            lang,
            "possible match, unreviewed",
            "möglicher Treffer, ungeprüft",
        ),
        ScreeningOutcome::Confirmed => pick(lang, "listed (confirmed)", "gelistet (bestätigt)"),
    }
}

/// A hit's review.
pub fn review(r: HitReview, lang: Lang) -> &'static str {
    match r {
        HitReview::Unreviewed => pick(lang, "unreviewed", "ungeprüft"),
        HitReview::Confirmed => pick(lang, "confirmed", "bestätigt"),
        HitReview::Dismissed => pick(lang, "dismissed", "verworfen"),
    }
}

/// A sign-off decision.
pub fn decision(d: Decision, lang: Lang) -> &'static str {
    match d {
        Decision::Approved => pick(lang, "approved", "freigegeben"),
        Decision::ApprovedWithConditions => {
            pick(lang, "approved with conditions", "mit Auflagen freigegeben")
        }
        Decision::Declined => pick(lang, "declined", "abgelehnt"),
    }
}
