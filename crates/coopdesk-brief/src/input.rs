//! What a briefing and a portfolio report are made from.
//!
//! Plain data, assembled by the app from the store (case, registry entries, assessment, action plan,
//! screening hits, sign-off). Nothing here is read from a clock or a file: `generated_on` is given, so
//! the same input always gives the same PDF. The inputs are `Serialize` because their canonical JSON
//! is what the document id is computed from (see [`crate::briefing_id`] and [`crate::portfolio_id`]).

use chrono::NaiveDate;
use coopdesk_assess::engine::ActionStatus;
use coopdesk_assess::{Assessment, CoauthorshipFinding, Lang, Level, Recommendation, Template};
use coopdesk_core::review::ReviewState;
use coopdesk_core::{Case, CaseStatus, CountryCode, Facility, OrgKind, PartnerRole};
use serde::Serialize;

/// Everything one case briefing shows.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingInput<'a> {
    /// The institution the briefing is written for (header and PDF author).
    pub institution: String,
    /// The date printed on the briefing and recorded as the PDF's creation date. Given by the caller,
    /// never read from the clock.
    pub generated_on: NaiveDate,
    /// Language of every text the briefing writes itself (headings, labels, reasons).
    pub lang: Lang,
    /// The case.
    pub case: &'a Case,
    /// The case's partners, in the case's order, with their names in every script recorded.
    pub partners: Vec<PartnerLine>,
    /// The facility where the work happens.
    pub facility: Option<&'a Facility>,
    /// The template the assessment used (question texts, topic titles, mitigations).
    pub template: &'a Template,
    /// The assessment; its sentences are rendered here with `coopdesk_assess::report::render` in
    /// `lang`, so they always match the levels.
    pub assessment: &'a Assessment,
    /// The case's action plan.
    pub actions: Vec<ActionLine>,
    /// Screening hits on the partners and their parents, including dismissed ones (shown as such).
    pub screening: Vec<ScreeningLine>,
    /// Co-authorships with listed institutions from the newest co-publication check that the
    /// assessment reads (confirmed and unreviewed; not dismissed ones, not the partner's own hits).
    /// The appendix lists the confirmed ones and counts the open ones; with none, it has no such
    /// section. Left out of the canonical JSON when empty, so briefings of cases without a check keep
    /// their document ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coauthorships: Vec<CoauthorshipFinding>,
    /// The recorded sign-off; `None` prints blank lines to fill in by hand.
    pub sign_off: Option<SignOff>,
    /// Revision of the case the briefing is of, recorded in the metadata (to verify later that a PDF
    /// is the approved briefing of a given revision).
    pub revision: Option<u32>,
}

/// A partner as the briefing lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerLine {
    /// Display name, in any script.
    pub name: String,
    /// Name in simplified Chinese characters.
    pub name_zh: Option<String>,
    /// Name in traditional Chinese characters.
    pub name_zh_hant: Option<String>,
    /// Name in Hanyu pinyin.
    pub name_pinyin: Option<String>,
    /// Role in the case.
    pub role: PartnerRole,
    /// Country.
    pub country: Option<CountryCode>,
    /// Kind of organisation.
    pub kind: Option<OrgKind>,
    /// Parent organisation's name.
    pub parent: Option<String>,
    /// What screening found for the partner and its parents.
    pub screening: ScreeningOutcome,
}

/// A partner's screening result in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScreeningOutcome {
    /// Not screened yet.
    NotScreened,
    /// Screened; no hit counts (none, or all dismissed).
    Clear,
    /// At least one hit at or above the threshold that nobody has reviewed.
    Unreviewed,
    /// At least one hit confirmed by a reviewer.
    Confirmed,
}

/// One screening hit, as evidence in the appendix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreeningLine {
    /// The partner's name as recorded in the case.
    pub partner: String,
    /// The list(s), e.g. `us_bis_entity_list`.
    pub list: String,
    /// The list entry's id.
    pub entity: String,
    /// The list entry's name.
    pub entity_name: String,
    /// Match score 0..1.
    pub score: f64,
    /// Why the names match (the screener's explanation).
    pub why: String,
    /// Whether the hit is through a listed parent organisation.
    pub via_parent: bool,
    /// The review.
    pub review: ReviewState,
}

/// One action of the case's action plan (a condition being put in place).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionLine {
    /// The template mitigation (condition) this action puts in place, if any: conditions the
    /// assessment asks for that no action covers are listed as proposed.
    pub mitigation: Option<String>,
    /// What is to be done.
    pub title: String,
    /// Who does it.
    pub owner: Option<String>,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Its state.
    pub status: ActionStatus,
    /// Whether it is past its due date and still open (computed by the caller, which has the clock).
    pub overdue: bool,
}

/// A recorded sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignOff {
    /// Who signed off.
    pub name: String,
    /// Their role, e.g. "Director".
    pub role: String,
    /// When.
    pub date: NaiveDate,
    /// What they decided: the state the sign-off moved the case to (approved, approved with
    /// conditions or declined, see [`CaseStatus::is_decision`]).
    pub decision: CaseStatus,
    /// Their comment.
    pub comment: Option<String>,
    /// Why they decided although the assessment was provisional (key questions unanswered).
    pub justification: Option<String>,
}

/// The portfolio report: a list of cases with counts per level and per facility.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioInput {
    /// The institution (header and PDF author).
    pub institution: String,
    /// The date printed on the report. Given, never read from the clock.
    pub generated_on: NaiveDate,
    /// Language of the report's own words.
    pub lang: Lang,
    /// The cases to list, in the order to print them (the app passes the open cases).
    pub cases: Vec<PortfolioRow>,
}

/// One case in the portfolio report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortfolioRow {
    /// Case id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Partner names, each in the script the user recorded (Chinese names are printed as they are).
    pub partners: Vec<String>,
    /// Facility name.
    pub facility: Option<String>,
    /// Overall level of the latest assessment; `None` when not assessed yet.
    pub level: Option<Level>,
    /// Recommendation of the latest assessment.
    pub recommendation: Option<Recommendation>,
    /// Lifecycle state.
    pub status: CaseStatus,
    /// Actions of the case's plan that are past due and still open.
    pub overdue_actions: u32,
}

/// What the minutes of a workshop print: the case, when and who, every question discussed with its
/// answer before and after, and the points left open. Texts come already in the document's language
/// (question texts from the template, answer labels from its choices).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MinutesInput {
    /// Case id.
    pub case_id: String,
    /// Case title.
    pub case_title: String,
    /// Workshop id within the case (`ws-1`).
    pub workshop_id: String,
    /// Day the workshop was held (the local date of its start).
    pub held_on: NaiveDate,
    /// Start and end as the office's clock showed them, e.g. `09:00` and `11:10`.
    pub from: String,
    /// See `from`.
    pub to: String,
    /// Names of those present.
    pub participants: Vec<String>,
    /// The revision of the case the workshop's answers were stored as.
    pub revision: Option<u32>,
    /// Every question discussed, in the order shown.
    pub questions: Vec<MinutesQuestion>,
    /// Language of the document.
    pub lang: Lang,
}

/// One question in the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MinutesQuestion {
    /// Question id.
    pub id: String,
    /// Topic title.
    pub topic: String,
    /// Question text.
    pub text: String,
    /// Answer label before the workshop (`None`: unanswered).
    pub before: Option<String>,
    /// Answer label the workshop recorded (`None`: left open).
    pub answer: Option<String>,
    /// The comment recorded with it.
    pub comment: Option<String>,
    /// Who gave the answer.
    pub by: Vec<String>,
    /// Disagreements: who, and their view.
    pub disagreements: Vec<(String, String)>,
    /// Still an open point after the workshop (left open, unsure, or disputed).
    pub open: bool,
}
