//! Workshops: a case's checklist walked together, its answers stored as one revision, its minutes
//! rendered as a PDF.
//!
//! The window collects the answers during the meeting and hands them over at the end
//! ([`WorkshopInput`]); [`Desk::finish_workshop`] checks every answer against the case's template
//! before anything is written, then applies them and appends the [`Workshop`] record to the case in
//! ONE transaction recorded as ONE revision (`case.workshop`), so the history shows the meeting as one
//! step. The record is part of the case, so it travels in its file and in bundles, and the minutes can
//! be rendered again later (`coopdesk workshop minutes`).

use std::path::Path;

use chrono::{DateTime, Local, Utc};

use coopdesk_assess::report::answer_label;
use coopdesk_assess::vocab::YesNo;
use coopdesk_assess::{Lang, Template};
use coopdesk_brief::{MinutesInput, MinutesQuestion};
use coopdesk_core::workshop::next_workshop_id;
use coopdesk_core::{Answer, Case, Problem, Problems, Workshop, WorkshopEntry};

use crate::Desk;
use crate::api::{
    DeskError, ErrorCode, PdfWritten, WorkshopAnswer, WorkshopInput, WorkshopOutcome,
};
use crate::briefing::write_pdf;
use coopdesk_core::limits::clip as limits_clip;

/// The audit log's and history's name for a workshop's revision.
pub const WORKSHOP_ACTION: &str = "case.workshop";

impl Desk {
    /// Stores a finished workshop: its answers and comments applied to the case and its record
    /// appended, in one transaction that makes one revision. Every answer is checked against the
    /// case's template first; one that does not fit refuses the whole workshop, naming it by path
    /// (`answers[3].answer`). Returns the record, the revision and the new assessment.
    pub fn finish_workshop(
        &self,
        case_id: &str,
        input: &WorkshopInput,
        lang: Lang,
    ) -> Result<WorkshopOutcome, DeskError> {
        let mut store = self.store();
        let template = self.template_for(&store, case_id)?;
        let problems = check_answers(&template, &input.answers);
        if !problems.is_empty() {
            return Err(DeskError::invalid(vec![Problems::new(case_id, problems)]));
        }
        let now = self.now();
        let mut made = None;
        let (_, revision) = store.change_case(case_id, WORKSHOP_ACTION, now, |case| {
            let w = apply_workshop(case, input, now);
            made = Some(w);
            Ok(())
        })?;
        let workshop = made.ok_or_else(|| {
            DeskError::new(
                ErrorCode::Internal,
                "the workshop was not applied to the case",
            )
        })?;
        let snapshot = self.assess_and_record(&mut store, case_id)?;
        Ok(WorkshopOutcome {
            workshop,
            revision,
            assessment: snapshot.view(lang, self.today()),
        })
    }

    /// The minutes of a case's workshop (`workshop_id`, or the latest) as PDF bytes in `lang`.
    pub fn workshop_minutes_pdf(
        &self,
        case_id: &str,
        workshop_id: Option<&str>,
        lang: Lang,
    ) -> Result<Vec<u8>, DeskError> {
        let store = self.store();
        let case = store.case(case_id)?;
        let workshop = match workshop_id {
            Some(id) => case.workshops.iter().find(|w| w.id == id),
            None => case.workshops.last(),
        }
        .ok_or_else(|| {
            DeskError::at(
                case_id,
                "workshops",
                match workshop_id {
                    Some(id) => format!("case {case_id} has no workshop \"{}\"", limits_clip(id)),
                    None => format!("case {case_id} has had no workshop yet"),
                },
            )
        })?;
        let template = self.template_for(&store, case_id)?;
        // The revision the workshop was stored as: the `case.workshop` revision saved when it ended.
        // A case that came in by bundle has other revision numbers here, and none of that kind.
        let revision = store
            .revisions(case_id)?
            .into_iter()
            .find(|r| {
                r.action == WORKSHOP_ACTION
                    && DateTime::parse_from_rfc3339(&r.at)
                        .is_ok_and(|at| at.to_utc() == workshop.finished_at)
            })
            .and_then(|r| u32::try_from(r.revision).ok());
        let input = minutes_input(&case, workshop, &template, revision, lang);
        coopdesk_brief::minutes(&input).map_err(|e| {
            DeskError::new(
                ErrorCode::Internal,
                format!("cannot render the minutes: {e}"),
            )
        })
    }

    /// Writes the minutes of a case's workshop to `path` atomically (see
    /// [`Desk::workshop_minutes_pdf`]).
    pub fn write_workshop_minutes(
        &self,
        case_id: &str,
        workshop_id: Option<&str>,
        path: &Path,
        lang: Lang,
    ) -> Result<PdfWritten, DeskError> {
        let pdf = self.workshop_minutes_pdf(case_id, workshop_id, lang)?;
        write_pdf(path, &pdf, false)
    }
}

/// Every answer names a question (or benefit) of the template and is one it accepts; no question
/// comes twice.
fn check_answers(template: &Template, answers: &[WorkshopAnswer]) -> Vec<Problem> {
    let mut p = Vec::new();
    for (i, a) in answers.iter().enumerate() {
        let at = |f: &str| format!("answers[{i}].{f}");
        if answers[..i].iter().any(|x| x.question == a.question) {
            p.push(Problem::at(
                at("question"),
                format!(
                    "question \"{}\" is answered twice",
                    limits_clip(&a.question)
                ),
            ));
        }
        let question = template.question(&a.question);
        if question.is_none() && template.benefit(&a.question).is_none() {
            p.push(Problem::at(
                at("question"),
                format!(
                    "template {} {} has no question \"{}\"",
                    template.id,
                    template.version,
                    limits_clip(&a.question)
                ),
            ));
            continue;
        }
        if let Some(v) = &a.answer {
            // A benefit is answered like a yes/no question.
            let ok = match question {
                Some(q) => q.accepts(v),
                None => YesNo::parse(v).is_some(),
            };
            if !ok {
                p.push(Problem::at(
                    at("answer"),
                    format!("\"{}\" is not an answer to {}", limits_clip(v), a.question),
                ));
            }
        }
    }
    p
}

fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
}

/// Applies the workshop's answers to `case` and appends its record; returns the record. Names are
/// trimmed and blank ones dropped; the record's `answer` is the question's answer after the
/// workshop, so an unchanged one reads as unchanged.
fn apply_workshop(case: &mut Case, input: &WorkshopInput, now: DateTime<Utc>) -> Workshop {
    let names = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect()
    };
    let mut entries = Vec::with_capacity(input.answers.len());
    for a in &input.answers {
        let before = case.answers.get(&a.question).cloned();
        let comment = trimmed(&a.comment);
        if let Some(value) = &a.answer {
            // No comment given keeps the one the answer had: confirming an answer in the room does
            // not erase the evidence written down before.
            let kept = comment
                .clone()
                .or_else(|| before.as_ref().and_then(|b| b.comment.clone()));
            case.answers.insert(
                a.question.clone(),
                Answer {
                    value: value.clone(),
                    comment: kept,
                },
            );
        }
        let after = case.answers.get(&a.question).map(|x| x.value.clone());
        entries.push(WorkshopEntry {
            question: a.question.clone(),
            before: before.map(|b| b.value),
            answer: after,
            comment,
            by: names(&a.by),
            disagreements: a
                .disagreements
                .iter()
                .map(|d| coopdesk_core::Dissent {
                    by: d.by.trim().to_owned(),
                    comment: d.comment.trim().to_owned(),
                })
                .filter(|d| !d.comment.is_empty())
                .collect(),
        });
    }
    let w = Workshop {
        id: next_workshop_id(&case.workshops),
        started_at: input.started_at.min(now),
        finished_at: now,
        participants: names(&input.participants),
        entries,
    };
    case.workshops.push(w.clone());
    w
}

/// What the minutes print, in `lang`: question texts and topic titles from the template, answers as
/// their labels, times in the office's local time.
fn minutes_input(
    case: &Case,
    w: &Workshop,
    template: &Template,
    revision: Option<u32>,
    lang: Lang,
) -> MinutesInput {
    let from = w.started_at.with_timezone(&Local);
    let to = w.finished_at.with_timezone(&Local);
    let questions = w
        .entries
        .iter()
        .map(|e| {
            let (topic, text) = match template.question(&e.question) {
                Some(q) => (
                    template
                        .topic_of(q)
                        .and_then(|t| template.topic_def(t))
                        .map_or_else(String::new, |t| t.title.get(lang).to_owned()),
                    q.text.get(lang).to_owned(),
                ),
                None => match template.benefit(&e.question) {
                    Some(b) => (b.label.get(lang).to_owned(), b.text.get(lang).to_owned()),
                    None => (String::new(), e.question.clone()),
                },
            };
            let label = |v: &Option<String>| {
                v.as_deref()
                    .map(|v| answer_label(&e.question, v, template, lang))
            };
            MinutesQuestion {
                id: e.question.clone(),
                topic,
                text,
                before: label(&e.before),
                answer: label(&e.answer),
                comment: e.comment.clone(),
                by: e.by.clone(),
                disagreements: e
                    .disagreements
                    .iter()
                    .map(|d| (d.by.clone(), d.comment.clone()))
                    .collect(),
                open: e.is_open_point(),
            }
        })
        .collect();
    MinutesInput {
        case_id: case.id.clone(),
        case_title: case.title.clone(),
        workshop_id: w.id.clone(),
        held_on: from.date_naive(),
        from: from.format("%H:%M").to_string(),
        to: to.format("%H:%M").to_string(),
        participants: w.participants.clone(),
        revision,
        questions,
        lang,
    }
}
