//! Every word the briefing writes itself, read from the one catalogue per language.
//!
//! `assets/i18n/<lang>.json` holds the labels of the shared vocabularies (case status, level,
//! recommendation, escalation, review state, …) and the briefing's own words under `brief.*`; the
//! window merges the same files into its catalogues, so a label reads the same on screen and on paper.
//! Reasons, conditions and open points come from `coopdesk_assess::report` (whose words are in the
//! same files under `reason.*`), question texts and topic titles from the template.
//!
//! The catalogue itself is `coopdesk_core::catalogue`. The briefing only reaches it through [`Words`]
//! (a fixed list of keys) and [`label`] (a fixed list of vocabularies), and the tests below check that
//! both languages have every one of those keys (the core's tests check that both files have the same
//! keys and placeholders), so a missing key cannot reach a PDF.

use coopdesk_assess::{Escalation, Lang, Level, Recommendation};
use coopdesk_core::{
    ActionStatus, Activity, CaseStatus, DataKind, FacilityKind, OrgKind, PartnerAccess, PartnerRole,
};

use coopdesk_core::catalogue::messages;
use coopdesk_core::review::ReviewState;

use crate::input::ScreeningOutcome;

coopdesk_core::catalogue_words! {
    /// Headings and labels of the briefing and the portfolio report, in one language.
    pub(crate) struct Words;
    briefing => "brief.briefing",
    case => "brief.case",
    date => "brief.date",
    status => "brief.status",
    template => "brief.template",
    revision => "brief.revision",
    overall => "brief.overall",
    recommendation => "brief.recommendation",
    summary => "brief.summary",
    facts => "brief.facts",
    partners => "brief.partners",
    partner => "brief.partner",
    role => "brief.role",
    country => "brief.country",
    screening => "brief.screening",
    facility => "brief.facility",
    period => "brief.period",
    activities => "brief.activities",
    items => "brief.items",
    data => "brief.data",
    none => "brief.none",
    not_recorded => "brief.notRecorded",
    parent => "brief.parent",
    temporary => "brief.temporary",
    partner_access => "brief.partnerAccess",
    assessment => "brief.assessment",
    computed => "brief.computed",
    more_reasons => "brief.moreReasons",
    /// "+ N further actions in the appendix" (the tersest layout).
    more_actions => "brief.moreActions",
    /// Heading of what the cooperation brings.
    benefits => "brief.benefits",
    /// Shown when no benefit is answered "yes".
    no_benefits => "brief.noBenefits",
    no_reasons => "brief.noReasons",
    escalations => "brief.escalations",
    no_escalations => "brief.noEscalations",
    no_conditions => "brief.noConditions",
    action => "brief.action",
    owner => "brief.owner",
    due => "brief.due",
    overdue => "brief.overdue",
    no_actions => "brief.noActions",
    open_points => "brief.openPoints",
    no_open_points => "brief.noOpenPoints",
    unanswered_more => "brief.unansweredMore",
    sign_off => "brief.signOff",
    name => "brief.name",
    decision => "brief.decision",
    comment => "brief.comment",
    /// Sign-off row: why a decision was taken on a provisional assessment.
    provisional_justification => "brief.provisionalJustification",
    signature => "brief.signature",
    appendix => "brief.appendix",
    questions => "brief.questions",
    question => "brief.question",
    answer => "brief.answer",
    comment_evidence => "brief.commentEvidence",
    from_facts => "brief.fromFacts",
    not_answered => "brief.notAnswered",
    evidence => "brief.evidence",
    screening_evidence => "brief.screeningEvidence",
    list => "brief.list",
    entity => "brief.entity",
    score => "brief.score",
    why => "brief.why",
    review => "brief.review",
    via_parent => "brief.viaParent",
    no_hits => "brief.noHits",
    /// Appendix heading of the confirmed co-authorships (co-publication check).
    coauthorships => "brief.coauthorships",
    work => "brief.work",
    year => "brief.year",
    author => "brief.author",
    affiliation => "brief.affiliation",
    no_coauthorships => "brief.noCoauthorships",
    /// "N co-authorship(s) … still to be reviewed", after the number.
    coauthorships_open => "brief.coauthorshipsOpen",
    overrides => "brief.overrides",
    no_overrides => "brief.noOverrides",
    set_by => "brief.setBy",
    justification => "brief.justification",
    all_reasons => "brief.allReasons",
    page => "brief.page",
    of => "brief.of",
    document_id => "brief.documentId",
    portfolio => "brief.portfolio",
    open_cases => "brief.openCases",
    title => "brief.title",
    level => "brief.level",
    not_assessed => "brief.notAssessed",
    overdue_actions => "brief.overdueActions",
    by_level => "brief.byLevel",
    by_facility => "brief.byFacility",
    no_facility => "brief.noFacility",
    cases => "brief.cases",
    no_cases => "brief.noCases",
    total => "brief.total",
    proposed => "brief.proposed",
    required_by => "brief.requiredBy",
    rules => "brief.rules",
    op_unsure => "brief.opUnsure",
    op_flagged => "brief.opFlagged",
    op_invalid => "brief.opInvalid",
    op_comment => "brief.opComment",
    op_evidence => "brief.opEvidence",
    op_key => "brief.opKey",
    conditions_plan => "brief.conditionsPlan",
    /// Title of a workshop's minutes.
    minutes => "brief.minutes",
    workshop => "brief.workshop",
    participants => "brief.participants",
    changed_answers => "brief.changedAnswers",
    no_changed_answers => "brief.noChangedAnswers",
    before => "brief.before",
    given_by => "brief.givenBy",
    disputed => "brief.disputed",
    left_open => "brief.leftOpen",
    /// Precedes the name of who disagrees ("Disagreement, Li Wei: …").
    disagreement => "brief.disagreement",
}

/// A closed vocabulary the catalogue labels: each value's key is `<PREFIX>.<wire name>`.
pub(crate) trait Labelled: Copy + 'static {
    /// The key prefix, shared with the window (`status`, `level`, …).
    const PREFIX: &'static str;
    /// The value's name in the key (its wire name where it has one).
    fn key_name(self) -> &'static str;
    /// Every value, so the tests can walk them.
    #[cfg(test)]
    fn every() -> &'static [Self];
}

/// The contract's vocabularies: their keys use their wire names.
macro_rules! labelled {
    ($( $ty:ty => $prefix:literal ),+ $(,)?) => {
        $(
            impl Labelled for $ty {
                const PREFIX: &'static str = $prefix;
                fn key_name(self) -> &'static str {
                    self.as_str()
                }
                #[cfg(test)]
                fn every() -> &'static [Self] {
                    <$ty>::ALL
                }
            }
        )+

        /// Every vocabulary key the briefing can look up.
        #[cfg(test)]
        fn label_keys() -> Vec<String> {
            let mut keys = Vec::new();
            $( keys.extend(<$ty>::every().iter().map(|v| key_of(*v))); )+
            keys.extend(ReviewState::every().iter().map(|v| key_of(*v)));
            keys.extend(ScreeningOutcome::every().iter().map(|v| key_of(*v)));
            keys
        }
    };
}

labelled! {
    CaseStatus => "status",
    PartnerRole => "role",
    OrgKind => "orgKind",
    Activity => "activity",
    DataKind => "dataKind",
    PartnerAccess => "access",
    FacilityKind => "facilityKind",
    Level => "level",
    Recommendation => "recommendation",
    Escalation => "escalation",
    ActionStatus => "actionStatus",
}

/// The review states, labelled as the window labels them.
impl Labelled for ReviewState {
    const PREFIX: &'static str = "reviewState";
    fn key_name(self) -> &'static str {
        self.as_str()
    }
    #[cfg(test)]
    fn every() -> &'static [Self] {
        &ReviewState::ALL
    }
}

impl Labelled for ScreeningOutcome {
    const PREFIX: &'static str = "brief.outcome";
    fn key_name(self) -> &'static str {
        match self {
            ScreeningOutcome::NotScreened => "not_screened",
            ScreeningOutcome::Clear => "clear",
            ScreeningOutcome::Unreviewed => "unreviewed",
            ScreeningOutcome::Confirmed => "confirmed",
        }
    }
    #[cfg(test)]
    fn every() -> &'static [Self] {
        &[
            ScreeningOutcome::NotScreened,
            ScreeningOutcome::Clear,
            ScreeningOutcome::Unreviewed,
            ScreeningOutcome::Confirmed,
        ]
    }
}

#[cfg(test)]
fn key_of<T: Labelled>(value: T) -> String {
    format!("{}.{}", T::PREFIX, value.key_name())
}

/// The label of `value` in `lang`, e.g. "Approved with conditions".
pub(crate) fn label<T: Labelled>(value: T, lang: Lang) -> &'static str {
    let key = format!("{}.{}", T::PREFIX, value.key_name());
    messages(lang)
        .get(&key)
        .map_or(value.key_name(), String::as_str)
}

#[cfg(test)]
mod tests {
    use coopdesk_core::catalogue::missing;

    use super::*;

    #[test]
    fn every_key_the_briefing_uses_is_in_every_language() {
        let used: Vec<String> = Words::KEYS
            .iter()
            .map(|k| (*k).to_owned())
            .chain(label_keys())
            .collect();
        let used: Vec<&str> = used.iter().map(String::as_str).collect();
        assert_eq!(missing(&used), vec![]);
        // The accessors read exactly these keys.
        let w = Words::of(Lang::De);
        assert_eq!(w.briefing, "Entscheidungsvorlage");
        assert_eq!(
            label(Recommendation::Escalate, Lang::De),
            "Der Leitung vorlegen"
        );
        assert_eq!(
            label(ReviewState::FalsePositive, Lang::En),
            "False positive"
        );
    }
}
