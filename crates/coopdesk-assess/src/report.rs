//! Rendering an [`Assessment`] as text in English or German: the contract's `assess --json` shape,
//! and the words the window and the briefing show.
//!
//! Reasons are rendered here, once, from the structured [`Reason`]s and the template's texts, so the
//! command line, the window and the PDF always say the same thing. The fixed words between them come
//! from the shared catalogue (`assets/i18n/`, keys `reason.*`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::engine::{AnswerSource, Assessment, OpenPoint, Reason, TemplateRef};
use crate::template::Template;
use crate::vocab::{Escalation, Lang, Level, Recommendation, Topic};

/// One topic as the contract prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TopicReport {
    /// The topic.
    pub topic: Topic,
    /// The level that applies.
    pub level: Level,
    /// The reasons, as sentences.
    pub reasons: Vec<String>,
    /// The level the rules give (differs from `level` only when overridden).
    pub computed_level: Level,
    /// The override's justification, when a person set the level.
    #[ts(optional)]
    pub override_justification: Option<String>,
}

/// The contract's `assess --json` shape, with the texts in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Report {
    /// The case id.
    pub case: String,
    /// The template used.
    pub template: TemplateRef,
    /// One entry per topic.
    pub topics: Vec<TopicReport>,
    /// The overall level.
    pub overall: Level,
    /// Why the overall level is what it is.
    pub overall_reasons: Vec<String>,
    /// What to do.
    pub recommendation: Recommendation,
    /// Who must be involved.
    pub escalations: Vec<Escalation>,
    /// Why each escalation is required, in the order of `escalations`.
    pub escalation_reasons: Vec<Vec<String>>,
    /// Conditions, as sentences.
    pub conditions: Vec<String>,
    /// What is missing, as sentences.
    pub open_points: Vec<String>,
    /// Whether key questions are still open (the levels rest on the evidence at hand).
    pub provisional: bool,
    /// The open key questions' ids.
    pub open_key_questions: Vec<String>,
    /// "provisional — N key questions open", or empty when nothing key is open.
    pub provisional_label: String,
    /// What the cooperation brings: one sentence per benefit answered "yes" ("Unique access: …").
    pub benefits: Vec<String>,
}

/// Renders an assessment in `lang`.
pub fn render(a: &Assessment, t: &Template, lang: Lang) -> Report {
    let w = Words::of(lang);
    Report {
        case: a.case.clone(),
        template: a.template.clone(),
        topics: a
            .topics
            .iter()
            .map(|r| TopicReport {
                topic: r.topic,
                level: r.level,
                reasons: r.reasons.iter().map(|x| reason(x, t, lang)).collect(),
                computed_level: r.computed,
                override_justification: r.overridden.as_ref().map(|o| o.justification.clone()),
            })
            .collect(),
        overall: a.overall,
        overall_reasons: a
            .overall_reasons
            .iter()
            .map(|x| reason(x, t, lang))
            .collect(),
        recommendation: a.recommendation,
        escalations: a.escalations.iter().map(|e| e.to).collect(),
        escalation_reasons: a
            .escalations
            .iter()
            .map(|e| {
                e.questions
                    .iter()
                    .map(|q| format!("{} {}", w.required_by, question_label(q, t, lang)))
                    .chain(e.reasons.iter().map(|x| reason(x, t, lang)))
                    .collect()
            })
            .collect(),
        conditions: a
            .conditions
            .iter()
            .map(|c| {
                let text = t
                    .mitigation(&c.mitigation)
                    .map_or_else(|| c.mitigation.clone(), |m| m.text.get(lang).to_owned());
                format!("{text} ({})", c.questions.join(", "))
            })
            .collect(),
        open_points: a
            .open_points
            .iter()
            .map(|p| open_point(p, t, lang))
            .collect(),
        provisional: a.provisional,
        open_key_questions: a.open_key_questions.clone(),
        provisional_label: provisional_label(a.open_key_questions.len(), lang),
        benefits: a
            .benefits
            .iter()
            .filter(|b| b.answer.as_deref() == Some("yes"))
            .filter_map(|b| {
                let def = t.benefit(&b.id)?;
                let text = b
                    .comment
                    .clone()
                    .unwrap_or_else(|| def.text.get(lang).to_owned());
                Some(format!("{}: {text}", def.label.get(lang)))
            })
            .collect(),
    }
}

/// "provisional — 3 key questions open" in `lang`; empty when none is open.
pub fn provisional_label(open_key_questions: usize, lang: Lang) -> String {
    match (open_key_questions, lang) {
        (0, _) => String::new(),
        (1, Lang::En) => "provisional — 1 key question open".to_owned(),
        (n, Lang::En) => format!("provisional — {n} key questions open"),
        (1, Lang::De) => "vorläufig — 1 Schlüsselfrage offen".to_owned(),
        (n, Lang::De) => format!("vorläufig — {n} Schlüsselfragen offen"),
    }
}

/// `du-02 "Are any goods … listed?"`
pub fn question_label(id: &str, t: &Template, lang: Lang) -> String {
    match t.question(id) {
        Some(q) => format!("{id} \u{201c}{}\u{201d}", q.text.get(lang)),
        None => id.to_owned(),
    }
}

/// The display name of an answer value in `lang`.
pub fn answer_label(question: &str, value: &str, t: &Template, lang: Lang) -> String {
    let w = Words::of(lang);
    let option = t
        .question(question)
        .and_then(|q| q.options.iter().find(|o| o.value == value))
        .map(|o| o.label.get(lang).to_owned());
    option.unwrap_or_else(|| match value {
        "yes" => w.yes.into(),
        "no" => w.no.into(),
        "unsure" => w.unsure.into(),
        "not_applicable" => w.not_applicable.into(),
        other => other.into(),
    })
}

/// A level's name in `lang`.
pub fn level_label(level: Level, lang: Lang) -> &'static str {
    let w = Words::of(lang);
    match level {
        Level::Low => w.low,
        Level::Medium => w.medium,
        Level::High => w.high,
        Level::Critical => w.critical,
    }
}

/// One reason as a sentence.
pub fn reason(r: &Reason, t: &Template, lang: Lang) -> String {
    let w = Words::of(lang);
    match r {
        Reason::Answer {
            question,
            answer,
            weight,
            source,
            evidence,
        } => {
            let from = match source {
                AnswerSource::Facts if evidence.is_empty() => format!(" ({})", w.from_facts),
                AnswerSource::Facts => format!(" ({}: {})", w.from_facts, evidence.join("; ")),
                AnswerSource::User | AnswerSource::None => String::new(),
            };
            format!(
                "{}: {}{from} (+{weight})",
                question_label(question, t, lang),
                answer_label(question, answer, t, lang)
            )
        }
        Reason::Unanswered { question, weight } => {
            format!(
                "{}: {} (+{weight})",
                question_label(question, t, lang),
                w.counted_as_risk
            )
        }
        Reason::Settled {
            question,
            answer,
            evidence,
        } => {
            let label = if answer == "not_applicable" {
                w.not_applicable_facts.to_owned()
            } else {
                format!(
                    "{} ({})",
                    answer_label(question, answer, t, lang),
                    w.from_facts
                )
            };
            if evidence.is_empty() {
                format!("{}: {label}", question_label(question, t, lang))
            } else {
                format!(
                    "{}: {label}: {}",
                    question_label(question, t, lang),
                    evidence.join("; ")
                )
            }
        }
        Reason::FactsGate {
            question,
            answer,
            level,
            evidence,
        } => format!(
            "{}: {} ({}: {}) → {} {} — {}",
            question_label(question, t, lang),
            answer_label(question, answer, t, lang),
            w.from_facts,
            evidence.join("; "),
            w.at_least,
            level_label(*level, lang),
            w.facts_gate
        ),
        Reason::Baseline { country, add } => {
            let why = t
                .rules
                .country_baseline
                .iter()
                .find(|b| b.country.as_str() == country)
                .map(|b| format!(": {}", b.reason.get(lang)))
                .unwrap_or_default();
            format!("{} {country} (+{add}){why}", w.baseline)
        }
        Reason::Gate {
            question,
            answer,
            level,
        } => format!(
            "{}: {} → {} {}",
            question_label(question, t, lang),
            answer_label(question, answer, t, lang),
            w.at_least,
            level_label(*level, lang)
        ),
        Reason::Combination { rule, level } => {
            let why = t
                .rules
                .combination
                .iter()
                .find(|c| &c.id == rule)
                .map_or_else(|| rule.clone(), |c| c.reason.get(lang).to_owned());
            format!("{why} → {} {}", w.at_least, level_label(*level, lang))
        }
        Reason::Mitigated { from, to } => format!(
            "{} {} → {}",
            w.mitigated,
            level_label(*from, lang),
            level_label(*to, lang)
        ),
        Reason::Override {
            level,
            computed,
            by,
            justification,
        } => format!(
            "{} {by}: {} → {} — \u{201c}{justification}\u{201d}",
            w.overridden_by,
            level_label(*computed, lang),
            level_label(*level, lang)
        ),
        Reason::FromTopic { topic, level } => {
            let title = t
                .topic_def(*topic)
                .map_or_else(|| topic.to_string(), |d| d.title.get(lang).to_owned());
            format!("{title}: {}", level_label(*level, lang))
        }
        Reason::Cumulative { topics } => format!("{topics} {}", w.cumulative),
        Reason::EscalationRule { rule } => t
            .rules
            .escalation
            .get(*rule as usize)
            .map_or_else(String::new, |e| e.reason.get(lang).to_owned()),
        Reason::Exception => w.exception.to_owned(),
    }
}

/// One open point as a sentence.
pub fn open_point(p: &OpenPoint, t: &Template, lang: Lang) -> String {
    let w = Words::of(lang);
    match p {
        OpenPoint::Unanswered {
            question,
            key: true,
        } => {
            format!(
                "{}: {}",
                question_label(question, t, lang),
                w.unanswered_key
            )
        }
        OpenPoint::Unanswered {
            question,
            key: false,
        } => {
            format!("{}: {}", question_label(question, t, lang), w.unanswered)
        }
        OpenPoint::Unsure { question } => {
            format!("{}: {}", question_label(question, t, lang), w.unsure_open)
        }
        OpenPoint::InvalidAnswer { question, answer } => format!(
            "{}: \u{201c}{answer}\u{201d} {}",
            question_label(question, t, lang),
            w.invalid
        ),
        OpenPoint::CommentMissing { question } => {
            format!(
                "{}: {}",
                question_label(question, t, lang),
                w.comment_missing
            )
        }
        OpenPoint::EvidenceMissing { question } => {
            format!(
                "{}: {}",
                question_label(question, t, lang),
                w.evidence_missing
            )
        }
        OpenPoint::Flagged { question, evidence } => format!(
            "{}: {} ({})",
            question_label(question, t, lang),
            w.flagged,
            evidence.join("; ")
        ),
    }
}

coopdesk_core::catalogue_words! {
    /// The fixed words of the reasoning, in one language (`reason.*` in `assets/i18n/`).
    struct Words;
    yes => "reason.yes",
    no => "reason.no",
    unsure => "reason.unsure",
    not_applicable => "reason.notApplicable",
    low => "reason.low",
    medium => "reason.medium",
    high => "reason.high",
    critical => "reason.critical",
    from_facts => "reason.fromFacts",
    unanswered_key => "reason.unansweredKey",
    counted_as_risk => "reason.countedAsRisk",
    not_applicable_facts => "reason.notApplicableFacts",
    facts_gate => "reason.factsGate",
    unanswered => "reason.unanswered",
    unsure_open => "reason.unsureOpen",
    invalid => "reason.invalid",
    comment_missing => "reason.commentMissing",
    evidence_missing => "reason.evidenceMissing",
    flagged => "reason.flagged",
    baseline => "reason.baseline",
    at_least => "reason.atLeast",
    mitigated => "reason.mitigated",
    overridden_by => "reason.overriddenBy",
    cumulative => "reason.cumulative",
    exception => "reason.exception",
    required_by => "reason.requiredBy",
}

#[cfg(test)]
mod tests {
    use coopdesk_core::catalogue::missing;

    use super::*;

    #[test]
    fn every_word_of_the_reasoning_is_in_every_language() {
        assert_eq!(missing(Words::KEYS), vec![]);
        assert_eq!(Words::of(Lang::De).at_least, "mindestens");
        assert_eq!(level_label(Level::High, Lang::En), "high");
    }
}
