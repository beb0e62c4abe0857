//! PDF briefings and the portfolio report: the inputs assembled from the store, atomic writing, the
//! approved briefing of a decision, and recognising it again (`coopdesk verify`).

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use coopdesk_assess::{Lang, Level, Recommendation};
use coopdesk_brief::{
    ActionLine, BriefingInput, PartnerLine, PortfolioInput, PortfolioRow, ScreeningLine,
    ScreeningOutcome, SignOff,
};
use coopdesk_core::{Case, CaseStatus, Date};
use coopdesk_store::{ApprovedBriefing, Store, Transition, sha256_hex};

use crate::Desk;
use crate::api::{DeskError, ErrorCode, PartnerScreening, PdfWritten, ReviewState, VerifyOutcome};
use crate::error::io_error;
use crate::files::write_atomically;
use crate::snapshot::CaseSnapshot;

fn internal(what: &str, e: impl std::fmt::Display) -> DeskError {
    DeskError::new(ErrorCode::Internal, format!("{what}: {e}"))
}

/// The state a sign-off decided, if `s` is one.
fn decision_of(s: CaseStatus) -> Option<CaseStatus> {
    s.is_decision().then_some(s)
}

/// The day of a recorded step. A stored time that does not read is an error, never a default date
/// on a signed briefing.
fn date_of(t: &Transition) -> Result<NaiveDate, DeskError> {
    DateTime::parse_from_rfc3339(&t.at)
        .map(|at| at.date_naive())
        .map_err(|e| {
            DeskError::new(
                ErrorCode::DbUnusable,
                format!(
                    "the time of step {} of case {} (\"{}\") does not read: {e}",
                    t.seq, t.case_id, t.at
                ),
            )
        })
}

/// The sign-off block of a decision step (`None` for a step that is no decision).
fn sign_off_of(t: &Transition) -> Result<Option<SignOff>, DeskError> {
    let Some(decision) = decision_of(t.to) else {
        return Ok(None);
    };
    Ok(Some(SignOff {
        name: t.by.clone(),
        role: t.role.clone().unwrap_or_default(),
        date: date_of(t)?,
        decision,
        comment: t.comment.clone(),
        justification: t.justification.clone(),
    }))
}

/// The case's decision that still holds: the last step, when it was a decision.
fn standing_decision(store: &Store, case_id: &str) -> Result<Option<Transition>, DeskError> {
    let steps = store.transitions(case_id)?;
    Ok(steps.into_iter().last().filter(|t| t.to.is_decision()))
}

fn screening_lines(partners: &[PartnerScreening]) -> (Vec<ScreeningOutcome>, Vec<ScreeningLine>) {
    let mut outcomes = Vec::new();
    let mut lines = Vec::new();
    for p in partners {
        let outcome = if p.hits.iter().any(|h| h.state == ReviewState::Confirmed) {
            ScreeningOutcome::Confirmed
        } else if p.hits.iter().any(|h| h.state == ReviewState::Unreviewed) {
            ScreeningOutcome::Unreviewed
        } else {
            ScreeningOutcome::Clear
        };
        outcomes.push(outcome);
        for h in &p.hits {
            lines.push(ScreeningLine {
                partner: p.organisation.name.clone(),
                list: format!("{} ({})", h.list_name, h.list),
                entity: h.entity.clone(),
                entity_name: h.name.clone(),
                score: h.score,
                why: h.why.clone(),
                via_parent: h.via_parent,
                review: h.state,
            });
        }
    }
    (outcomes, lines)
}

/// Renders the briefing of `case` (the snapshot's case, or the same in the state a decision is about to
/// put it in) in `lang`. `generated_on` is the date printed on it; `sign_off` and `revision` are those
/// of the decision and revision it shows.
fn render_briefing(
    snapshot: &CaseSnapshot,
    case: &Case,
    lang: Lang,
    today: Date,
    generated_on: NaiveDate,
    sign_off: Option<SignOff>,
    revision: Option<i64>,
) -> Result<Vec<u8>, DeskError> {
    let (outcomes, screening_lines) = screening_lines(&snapshot.partners);
    let partners = case
        .partners
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let org = snapshot.organisation(&p.org_id);
            PartnerLine {
                name: org.map_or_else(|| p.org_id.clone(), |o| o.name.clone()),
                name_zh: org.and_then(|o| o.name_zh.clone()),
                name_zh_hant: org.and_then(|o| o.name_zh_hant.clone()),
                name_pinyin: org.and_then(|o| o.name_pinyin.clone()),
                role: p.role,
                country: org.and_then(|o| o.country.clone()),
                kind: org.and_then(|o| o.kind),
                parent: org
                    .and_then(|o| o.parent_id.as_deref())
                    .and_then(|pid| snapshot.organisation(pid))
                    .map(|parent| parent.name.clone()),
                screening: outcomes
                    .get(i)
                    .copied()
                    .unwrap_or(ScreeningOutcome::NotScreened),
            }
        })
        .collect();
    let actions = case
        .actions
        .iter()
        .map(|a| ActionLine {
            mitigation: a.mitigation.clone(),
            title: a.title.clone(),
            owner: a.owner.clone(),
            due: a.due.map(|d| d.0),
            status: a.status,
            overdue: a.is_overdue(today),
        })
        .collect();
    let input = BriefingInput {
        institution: case
            .home
            .as_ref()
            .map(|h| h.institution.clone())
            .unwrap_or_default(),
        generated_on,
        lang,
        case,
        partners,
        facility: snapshot.facility.as_ref(),
        template: &snapshot.template,
        assessment: &snapshot.assessment,
        actions,
        screening: screening_lines,
        coauthorships: snapshot.coauthorships.clone(),
        sign_off,
        revision: revision.and_then(|r| u32::try_from(r).ok()),
    };
    coopdesk_brief::briefing(&input).map_err(|e| internal("cannot render the briefing", e))
}

/// The approved briefing of the decision `t` is about to record, rendered from the snapshot the
/// decision was taken on, dated the day of the decision (`today` judges what is overdue).
pub(crate) fn approved_briefing(
    snapshot: &CaseSnapshot,
    t: &Transition,
    lang: Lang,
    today: Date,
) -> Result<ApprovedBriefing, DeskError> {
    let mut case = snapshot.case.clone();
    case.status = t.to;
    let pdf = render_briefing(
        snapshot,
        &case,
        lang,
        today,
        date_of(t)?,
        sign_off_of(t)?,
        Some(t.revision),
    )?;
    Ok(ApprovedBriefing {
        pdf,
        lang: lang.as_str().to_owned(),
    })
}

impl Desk {
    /// Renders a case's briefing in `lang` as it stands, with the standing decision's sign-off if the
    /// case is decided, dated today.
    fn current_briefing(
        &self,
        store: &Store,
        case_id: &str,
        lang: Lang,
    ) -> Result<Vec<u8>, DeskError> {
        let snapshot = self.snapshot(store, case_id)?;
        let sign_off = if snapshot.case.status.is_decision() {
            match standing_decision(store, case_id)? {
                Some(t) => sign_off_of(&t)?,
                None => None,
            }
        } else {
            None
        };
        let revision = store.latest_revision(case_id)?;
        render_briefing(
            &snapshot,
            &snapshot.case,
            lang,
            self.today(),
            self.today().0,
            sign_off,
            revision,
        )
    }

    /// A case's briefing. For a decided case asked in the language it was decided in, this is the
    /// approved briefing stored with the decision, byte for byte (so `verify` recognises it); otherwise
    /// it is rendered now. Returns the PDF and whether it is the approved one.
    pub fn briefing_pdf(&self, case_id: &str, lang: Lang) -> Result<(Vec<u8>, bool), DeskError> {
        let store = self.store();
        if let Some(t) = standing_decision(&store, case_id)?
            && let Some((pdf, stored_lang)) = store.approved_briefing(case_id, t.seq)?
            && stored_lang == lang.as_str()
        {
            return Ok((pdf, true));
        }
        Ok((self.current_briefing(&store, case_id, lang)?, false))
    }

    /// Writes a case's briefing to `path` atomically (see [`Desk::briefing_pdf`]).
    pub fn write_briefing(
        &self,
        case_id: &str,
        path: &Path,
        lang: Lang,
    ) -> Result<PdfWritten, DeskError> {
        let (pdf, approved) = self.briefing_pdf(case_id, lang)?;
        write_pdf(path, &pdf, approved)
    }

    /// The portfolio report of open cases (drafts, cases in review, and cases approved with
    /// conditions, whose conditions are still being followed up), in `lang`.
    pub fn portfolio_pdf(&self, lang: Lang) -> Result<Vec<u8>, DeskError> {
        let mut store = self.store();
        let ids = store.case_ids()?;
        let mut rows = Vec::new();
        let day = self.today();
        for id in ids {
            let case = store.case(&id)?;
            // The same open portfolio as the dashboard's.
            if !coopdesk_store::OPEN_STATUSES.contains(&case.status) {
                continue;
            }
            let computed = self.assess_and_record(&mut store, &id)?;
            let a = &computed.assessment;
            let names =
                store.organisations_with_parents(case.partners.iter().map(|p| p.org_id.clone()))?;
            rows.push(PortfolioRow {
                id: case.id.clone(),
                title: case.title.clone(),
                partners: case
                    .partners
                    .iter()
                    .filter_map(|p| names.get(&p.org_id).map(|o| o.name.clone()))
                    .collect(),
                facility: case
                    .facility_id
                    .as_deref()
                    .map(|f| store.facility(f).map(|f| f.name))
                    .transpose()?,
                level: Some::<Level>(a.overall),
                recommendation: Some::<Recommendation>(a.recommendation),
                status: case.status,
                overdue_actions: case.actions.iter().filter(|x| x.is_overdue(day)).count() as u32,
            });
        }
        let input = PortfolioInput {
            institution: String::new(),
            generated_on: day.0,
            lang,
            cases: rows,
        };
        coopdesk_brief::portfolio(&input).map_err(|e| internal("cannot render the report", e))
    }

    /// Writes the portfolio report to `path` atomically.
    pub fn write_portfolio(&self, path: &Path, lang: Lang) -> Result<PdfWritten, DeskError> {
        let pdf = self.portfolio_pdf(lang)?;
        write_pdf(path, &pdf, false)
    }

    /// Whether the file is, byte for byte, the approved briefing of a decision in this database.
    pub fn verify_briefing(&self, path: &Path) -> Result<VerifyOutcome, DeskError> {
        let bytes = std::fs::read(path).map_err(|e| io_error("cannot read", path, &e))?;
        let sha = sha256_hex(&bytes);
        let store = self.store();
        let decision = store.decision_by_briefing(&sha)?;
        let current = match &decision {
            Some(d) => standing_decision(&store, &d.case_id)?.is_some_and(|s| s.seq == d.seq),
            None => false,
        };
        Ok(VerifyOutcome {
            file: path.display().to_string(),
            sha256: sha,
            approved: decision.is_some(),
            decision,
            current,
        })
    }
}

pub(crate) fn write_pdf(path: &Path, pdf: &[u8], approved: bool) -> Result<PdfWritten, DeskError> {
    write_atomically(path, pdf)?;
    let shown: PathBuf = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    Ok(PdfWritten {
        path: shown.display().to_string(),
        sha256: sha256_hex(pdf),
        bytes: pdf.len() as u64,
        approved,
    })
}
