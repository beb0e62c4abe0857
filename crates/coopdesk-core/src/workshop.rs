//! Workshops: a case's checklist walked together in front of one screen.
//!
//! A [`Workshop`] records who was present, when it ran, and for every question it discussed the
//! answer before and after, the comment, who gave the answer, and the disagreements (a participant who
//! saw it otherwise, in their words). It travels with the case — in its file as `workshops` and so in
//! bundles — because the minutes are evidence of how the answers came about, and a case taken to a
//! workshop laptop must come back with them.
//!
//! The rules here are pure: the app passes the times in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits::{self, TextKind, check_list_len, check_text};
use crate::problem::Problem;

/// One workshop on a case's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Workshop {
    /// Id within the case, `ws-1`, `ws-2`, … in the order the workshops were held.
    pub id: String,
    /// When the participants were entered and the first question shown (UTC).
    pub started_at: DateTime<Utc>,
    /// When the workshop was finished and its answers stored (UTC).
    pub finished_at: DateTime<Utc>,
    /// Names of those present, in the order they were entered.
    pub participants: Vec<String>,
    /// The questions discussed, in the order they were shown.
    pub entries: Vec<WorkshopEntry>,
}

/// What a workshop made of one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WorkshopEntry {
    /// Question id of the case's template.
    pub question: String,
    /// The answer's value before the workshop; absent when it was unanswered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub before: Option<String>,
    /// The answer the workshop agreed on; absent when it left the question open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub answer: Option<String>,
    /// The comment recorded with the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub comment: Option<String>,
    /// Participants who gave (or carried) the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub by: Vec<String>,
    /// Participants who saw it otherwise, each with their view, kept as the minutes' comments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Dissent>>")]
    pub disagreements: Vec<Dissent>,
}

/// A participant's disagreement with the answer recorded for a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Dissent {
    /// Who disagrees (one of the participants).
    pub by: String,
    /// Their view, in their words.
    pub comment: String,
}

impl WorkshopEntry {
    /// Whether the workshop changed the answer (set, changed or cleared it).
    #[must_use]
    pub fn changed(&self) -> bool {
        self.before != self.answer
    }

    /// Whether the question is still an open point after the workshop: left unanswered, answered
    /// "unsure", or answered with a disagreement on record.
    #[must_use]
    pub fn is_open_point(&self) -> bool {
        self.answer.as_deref().is_none_or(|a| a == "unsure") || !self.disagreements.is_empty()
    }
}

/// The id the next workshop on a case gets, after `held` earlier ones.
#[must_use]
pub fn next_workshop_id(held: &[Workshop]) -> String {
    format!("ws-{}", held.len() + 1)
}

/// Checks a case's workshops with the paths of its file (`workshops[1].entries[0].by[2]`): ids unique,
/// at least one participant, every name a participant's, texts within their limits, times in order.
pub fn check_workshops(workshops: &[Workshop], p: &mut Vec<Problem>) {
    check_list_len("workshops", workshops.len(), p);
    let mut ids = std::collections::BTreeSet::new();
    for (i, w) in workshops.iter().enumerate() {
        let at = |f: &str| format!("workshops[{i}].{f}");
        limits::check_question_id(&at("id"), &w.id, p);
        if !ids.insert(w.id.as_str()) {
            p.push(Problem::at(
                at("id"),
                format!(
                    "another workshop already has the id \"{}\"",
                    limits::clip(&w.id)
                ),
            ));
        }
        if w.finished_at < w.started_at {
            p.push(Problem::at(
                at("finished_at"),
                format!(
                    "expected a time on or after started_at ({}), found {}",
                    w.started_at.to_rfc3339(),
                    w.finished_at.to_rfc3339()
                ),
            ));
        }
        if w.participants.is_empty() {
            p.push(Problem::at(
                at("participants"),
                "expected at least one participant",
            ));
        }
        check_list_len(&at("participants"), w.participants.len(), p);
        for (j, name) in w.participants.iter().enumerate() {
            check_text(&at(&format!("participants[{j}]")), name, TextKind::Name, p);
            if w.participants[..j].iter().any(|n| n.trim() == name.trim()) {
                p.push(Problem::at(
                    at(&format!("participants[{j}]")),
                    format!("\"{}\" is entered twice", limits::clip(name)),
                ));
            }
        }
        check_list_len(&at("entries"), w.entries.len(), p);
        let present = |name: &str| w.participants.iter().any(|n| n.trim() == name.trim());
        for (j, e) in w.entries.iter().enumerate() {
            let at = |f: &str| format!("workshops[{i}].entries[{j}].{f}");
            limits::check_question_id(&at("question"), &e.question, p);
            if w.entries[..j].iter().any(|x| x.question == e.question) {
                p.push(Problem::at(
                    at("question"),
                    format!(
                        "question \"{}\" is recorded twice",
                        limits::clip(&e.question)
                    ),
                ));
            }
            for (f, v) in [("before", &e.before), ("answer", &e.answer)] {
                if let Some(v) = v {
                    check_text(&at(f), v, TextKind::Text, p);
                }
            }
            if let Some(c) = &e.comment {
                check_text(&at("comment"), c, TextKind::Long, p);
            }
            for (k, name) in e.by.iter().enumerate() {
                if !present(name) {
                    p.push(Problem::at(
                        at(&format!("by[{k}]")),
                        format!("\"{}\" is not one of the participants", limits::clip(name)),
                    ));
                }
            }
            for (k, d) in e.disagreements.iter().enumerate() {
                if !present(&d.by) {
                    p.push(Problem::at(
                        at(&format!("disagreements[{k}].by")),
                        format!("\"{}\" is not one of the participants", limits::clip(&d.by)),
                    ));
                }
                check_text(
                    &at(&format!("disagreements[{k}].comment")),
                    &d.comment,
                    TextKind::Text,
                    p,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or(DateTime::UNIX_EPOCH)
    }

    fn workshop() -> Workshop {
        Workshop {
            id: "ws-1".into(),
            started_at: at("2026-03-02T09:00:00Z"),
            finished_at: at("2026-03-02T11:00:00Z"),
            participants: vec!["Anna Berg".into(), "Li Wei".into()],
            entries: vec![WorkshopEntry {
                question: "dual_use.military_end_user".into(),
                before: None,
                answer: Some("no".into()),
                comment: Some("checked the partner's website".into()),
                by: vec!["Anna Berg".into()],
                disagreements: vec![Dissent {
                    by: "Li Wei".into(),
                    comment: "the parent runs a defence lab".into(),
                }],
            }],
        }
    }

    #[test]
    fn a_sound_workshop_has_no_problems_and_round_trips() {
        let w = workshop();
        let mut p = Vec::new();
        check_workshops(std::slice::from_ref(&w), &mut p);
        assert!(p.is_empty(), "{p:?}");
        let json = serde_json::to_string(&w).unwrap_or_default();
        let back: Workshop = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        assert_eq!(back, w);
        assert!(w.entries[0].changed());
        assert!(w.entries[0].is_open_point(), "a disagreement keeps it open");
    }

    #[test]
    fn names_outside_the_participants_and_reversed_times_are_named_by_path() {
        let mut w = workshop();
        w.entries[0].by.push("Nobody".into());
        w.finished_at = at("2026-03-02T08:00:00Z");
        let mut p = Vec::new();
        check_workshops(&[w.clone(), w], &mut p);
        let paths: Vec<&str> = p.iter().map(|x| x.path.as_str()).collect();
        assert!(
            paths.contains(&"workshops[0].entries[0].by[1]"),
            "{paths:?}"
        );
        assert!(paths.contains(&"workshops[0].finished_at"), "{paths:?}");
        assert!(paths.contains(&"workshops[1].id"), "{paths:?}");
    }

    #[test]
    fn an_agreed_answer_is_not_an_open_point_and_ids_count_up() {
        let mut w = workshop();
        w.entries[0].disagreements.clear();
        assert!(!w.entries[0].is_open_point());
        w.entries[0].answer = Some("unsure".into());
        assert!(w.entries[0].is_open_point());
        assert_eq!(next_workshop_id(&[]), "ws-1");
        assert_eq!(next_workshop_id(&[w]), "ws-2");
    }
}
