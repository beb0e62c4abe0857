//! The checklist template: versioned data that holds the questions, their risk weights, the mitigations
//! they suggest and the rules that turn answers into levels (`coopdesk.template/v1`, TOML).
//!
//! Templates are data rather than code so that an institution can tune weights and thresholds, add its
//! own questions, and still explain every level by pointing at a question of a known template version.
//! `docs/templates.md` describes the format for authors.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{CountryCode, FacilityKind};

use std::sync::OnceLock;

pub use crate::text::Text;
use crate::vocab::{Escalation, Level, Topic, YesNo};
pub use crate::vocabulary::SensitiveArea;
use crate::vocabulary::Vocabulary;

/// The format tag every template carries.
pub const TEMPLATE_FORMAT: &str = "coopdesk.template/v1";

/// A whole checklist template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Always [`TEMPLATE_FORMAT`].
    pub format: String,
    /// Stable id, e.g. `ri-cooperation`; versions of one template share it.
    pub id: String,
    /// Version such as `1.0.0`; `(id, version)` names exactly one template forever.
    pub version: String,
    /// Display title.
    pub title: Text,
    /// What the template is for and where its questions come from.
    #[serde(default)]
    #[ts(optional)]
    pub description: Option<Text>,
    /// How answers combine into levels.
    pub rules: Rules,
    /// The four topics with their titles, in display order.
    #[serde(rename = "topic")]
    pub topics: Vec<TopicDef>,
    /// Sections group questions within a topic.
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
    /// Mitigations that risky answers suggest; they become the case's conditions.
    #[serde(rename = "mitigation", default)]
    pub mitigations: Vec<Mitigation>,
    /// The questions, in display order.
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
    /// What a cooperation can bring, asked beside the risks and shown next to the risk picture.
    /// Benefits never change a level: the picture weighs opportunities with risks, it does not net
    /// them out.
    #[serde(rename = "benefit", default)]
    pub benefits: Vec<Benefit>,
}

/// An added-value question (e.g. unique access to a facility), answered yes / no / unsure /
/// not applicable with an optional comment, stored among the case's answers under its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Benefit {
    /// Stable id such as `ben-01`; it shares the answers' id space with the questions.
    pub id: String,
    /// A short name for the briefing ("Unique access").
    pub label: Text,
    /// The question.
    pub text: Text,
    /// How to find the answer.
    #[serde(default)]
    #[ts(optional)]
    pub help: Option<Text>,
    /// The frameworks it derives from.
    pub sources: Vec<String>,
}

/// The rule set that turns per-question contributions into levels (see `docs/assessment.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// A topic score at or above this is at least `medium`.
    pub medium_score: u32,
    /// A topic score at or above this is at least `high`.
    pub high_score: u32,
    /// This many topics at `medium` or worse raise the overall level by one step.
    pub cumulative_topics: u32,
    /// Fixed score added for the legal environment of a partner country, shown as a reason.
    #[serde(default)]
    pub country_baseline: Vec<CountryBaseline>,
    /// Hard-stop combinations that set a topic's level at least to a given level.
    #[serde(default)]
    pub combination: Vec<Combination>,
    /// When a specialist must be involved, beyond the escalations of single questions.
    #[serde(default)]
    pub escalation: Vec<EscalationRule>,
    /// Terms in fields, title or summary that mark a sensitive technology area (fact
    /// `sensitive_field`), matched like the terms of [`Rules::sensitive_areas`]. Kept for templates
    /// written before areas existed; new templates name their areas.
    #[serde(default)]
    pub sensitive_keywords: Vec<String>,
    /// Sensitive technology areas, each with its terms in English, German and Chinese (fact
    /// `sensitive_field`, with the area and the matched term as evidence).
    #[serde(default)]
    pub sensitive_areas: Vec<SensitiveArea>,
    /// The areas' terms parsed once, on first use: assessing 10 000 cases would otherwise parse
    /// them 10 000 times.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) vocabulary: VocabularyCache,
    /// Facility kinds that mark a sensitive area (fact `sensitive_facility`).
    #[serde(default)]
    pub sensitive_facility_kinds: Vec<FacilityKind>,
}

/// A lazily parsed [`Vocabulary`]; it is derived from the rules, so it never takes part in equality.
#[derive(Debug, Clone, Default)]
pub struct VocabularyCache(OnceLock<Vocabulary>);

impl PartialEq for VocabularyCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Rules {
    /// The sensitive-technology vocabulary of these rules, parsed on first use.
    pub fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary
            .0
            .get_or_init(|| Vocabulary::of(&self.sensitive_areas, &self.sensitive_keywords))
    }
}

/// A fixed score for the legal environment of a partner's country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CountryBaseline {
    /// Applies when a partner organisation is in this country.
    pub country: CountryCode,
    /// The topics whose score it raises.
    pub topics: Vec<Topic>,
    /// Added to each of those topics' scores.
    pub add: u32,
    /// Why, shown as a reason.
    pub reason: Text,
}

/// A combination of answers or facts that sets a topic's level at least to `level`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Combination {
    /// Stable id, cited in reasons.
    pub id: String,
    /// The topic it applies to.
    pub topic: Topic,
    /// The least level the topic gets when the rule holds.
    pub level: Level,
    /// When the rule holds.
    pub when: Condition,
    /// Why, shown as a reason.
    pub reason: Text,
}

/// An escalation that follows from levels or facts rather than from a single question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EscalationRule {
    /// Who must be involved.
    pub to: Escalation,
    /// When.
    pub when: Condition,
    /// Why, shown as a reason.
    pub reason: Text,
}

/// A topic's display texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TopicDef {
    /// Which topic.
    pub id: Topic,
    /// Display title.
    pub title: Text,
    /// What the topic covers.
    #[serde(default)]
    #[ts(optional)]
    pub summary: Option<Text>,
}

/// A group of questions within one topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id.
    pub id: String,
    /// The topic it belongs to.
    pub topic: Topic,
    /// Display title.
    pub title: Text,
}

/// A mitigation: a condition under which the cooperation becomes acceptable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Mitigation {
    /// Stable id, referenced by questions.
    pub id: String,
    /// The condition, written so that it can stand in a briefing.
    pub text: Text,
    /// Who usually takes care of it (a role such as "export-control officer").
    #[serde(default)]
    #[ts(optional)]
    pub owner: Option<Text>,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// yes / no / unsure / not applicable.
    #[default]
    YesNo,
    /// One of the question's options (or unsure / not applicable).
    Choice,
    /// Free text; never raises risk by itself.
    Text,
}

/// When a comment must accompany an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CommentNeed {
    /// Never required.
    #[default]
    Never,
    /// Required when the answer raises risk (including unsure).
    OnRisk,
    /// Always required.
    Always,
}

/// Which yes/no answer raises risk, and by how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// `yes` or `no`: the answer that raises risk. `unsure` always counts as this answer.
    pub answer: YesNo,
    /// 1 = minor, 2 = significant, 3 = serious.
    pub weight: u32,
    /// The risk answer alone sets the topic to at least this level.
    #[serde(default)]
    #[ts(optional)]
    pub gate: Option<Level>,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// Stored answer value.
    pub value: String,
    /// Display label.
    pub label: Text,
    /// Risk weight of this option, 0..=3.
    #[serde(default)]
    pub weight: u32,
    /// This option alone sets the topic to at least this level.
    #[serde(default)]
    #[ts(optional)]
    pub gate: Option<Level>,
}

/// A rule that answers or flags a question from case facts before anyone clicks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Prefill {
    /// When the rule applies.
    pub when: Condition,
    /// The answer it gives; without one, the question is only flagged for attention.
    #[serde(default)]
    #[ts(optional)]
    pub answer: Option<String>,
}

/// One checklist question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id such as `du-02`; case files refer to answers by it.
    pub id: String,
    /// The section it belongs to (and through it, the topic).
    pub section: String,
    /// The question.
    pub text: Text,
    /// How to find the answer.
    #[serde(default)]
    #[ts(optional)]
    pub help: Option<Text>,
    /// Why it matters.
    pub why: Text,
    /// The frameworks or laws it derives from, e.g. `DFG 2023 q6`.
    pub sources: Vec<String>,
    /// How it is answered.
    #[serde(default)]
    pub kind: AnswerKind,
    /// The options of a choice question.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// Which yes/no answer raises risk.
    #[serde(default)]
    #[ts(optional)]
    pub risk: Option<Risk>,
    /// A key question left unanswered counts as its risk answer, not as safe.
    #[serde(default)]
    pub key: bool,
    /// When a comment must accompany the answer.
    #[serde(default)]
    pub comment: CommentNeed,
    /// Whether a reference to evidence (document, ruling, screening record) is expected in the comment.
    #[serde(default)]
    pub evidence: bool,
    /// Mitigations a risky answer suggests.
    #[serde(default)]
    pub mitigations: Vec<String>,
    /// Specialists a risky answer requires.
    #[serde(default)]
    pub escalate: Vec<Escalation>,
    /// Shown only when this holds; hidden questions neither count nor appear as open.
    #[serde(default)]
    #[ts(optional)]
    pub show_if: Option<Condition>,
    /// Answers or flags from case facts.
    #[serde(default)]
    pub prefill: Vec<Prefill>,
}

/// A condition on case facts, answers or levels.
///
/// There is deliberately no negation: every condition can only become true as risk grows, which is
/// what keeps the assessment monotone (adding a risk never lowers a level).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// A fact about the case holds, e.g. `activity:equipment_loan` (see [`crate::facts`]).
    Fact(String),
    /// A question's effective answer is one of the given values.
    Answer(AnswerIs),
    /// At least one of the conditions holds.
    Any(Vec<Condition>),
    /// All of the conditions hold.
    All(Vec<Condition>),
    /// A topic's level is at least the given one (escalation rules only).
    TopicLevel(TopicLevelAtLeast),
    /// The overall level is at least the given one (escalation rules only).
    Overall(Level),
}

/// The condition "question's answer is one of `is`".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AnswerIs {
    /// Question id.
    pub question: String,
    /// Answer values that satisfy the condition.
    pub is: Vec<String>,
}

/// The condition "topic's level is at least `at_least`".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TopicLevelAtLeast {
    /// Which topic.
    pub topic: Topic,
    /// The least level.
    pub at_least: Level,
}

impl Template {
    /// The topic a question belongs to, through its section.
    pub fn topic_of(&self, question: &Question) -> Option<Topic> {
        self.sections
            .iter()
            .find(|s| s.id == question.section)
            .map(|s| s.topic)
    }

    /// A question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// A benefit by id.
    pub fn benefit(&self, id: &str) -> Option<&Benefit> {
        self.benefits.iter().find(|b| b.id == id)
    }

    /// A mitigation by id.
    pub fn mitigation(&self, id: &str) -> Option<&Mitigation> {
        self.mitigations.iter().find(|m| m.id == id)
    }

    /// A topic's display texts.
    pub fn topic_def(&self, topic: Topic) -> Option<&TopicDef> {
        self.topics.iter().find(|t| t.id == topic)
    }
}

impl Question {
    /// The weight and gate that a definite answer value (not `unsure`) carries.
    fn rating(&self, value: &str) -> Option<(u32, Option<Level>)> {
        match self.kind {
            AnswerKind::YesNo => self
                .risk
                .as_ref()
                .filter(|r| r.answer.as_str() == value)
                .map(|r| (r.weight, r.gate)),
            AnswerKind::Choice => self
                .options
                .iter()
                .find(|o| o.value == value)
                .map(|o| (o.weight, o.gate)),
            AnswerKind::Text => None,
        }
    }

    /// The risk weight of an answer value, or `None` when the value does not raise risk.
    ///
    /// `unsure` counts as the riskiest answer the question has, until it is resolved.
    pub fn weight_of(&self, value: &str) -> Option<u32> {
        let weight = if value == YesNo::Unsure.as_str() {
            self.max_weight()
        } else {
            self.rating(value).map(|(w, _)| w)
        };
        weight.filter(|w| *w > 0)
    }

    /// The level an answer value gates the topic to, if any. `unsure` gates at most to `high`: an
    /// open question alone never makes a case a hard stop.
    pub fn gate_of(&self, value: &str) -> Option<Level> {
        if value != YesNo::Unsure.as_str() {
            return self.rating(value).and_then(|(_, g)| g);
        }
        let worst = match self.kind {
            AnswerKind::YesNo => self.risk.as_ref().and_then(|r| r.gate),
            AnswerKind::Choice => self.options.iter().filter_map(|o| o.gate).max(),
            AnswerKind::Text => None,
        };
        worst.map(|g| g.min(Level::High))
    }

    /// The highest weight any answer can carry.
    pub fn max_weight(&self) -> Option<u32> {
        match self.kind {
            AnswerKind::YesNo => self.risk.as_ref().map(|r| r.weight),
            AnswerKind::Choice => self.options.iter().map(|o| o.weight).max(),
            AnswerKind::Text => None,
        }
    }

    /// Whether `value` is a valid answer to this question.
    pub fn accepts(&self, value: &str) -> bool {
        match self.kind {
            AnswerKind::YesNo => YesNo::parse(value).is_some(),
            AnswerKind::Choice => {
                value == YesNo::Unsure.as_str()
                    || value == YesNo::NotApplicable.as_str()
                    || self.options.iter().any(|o| o.value == value)
            }
            AnswerKind::Text => !value.trim().is_empty(),
        }
    }

    /// The answer values that raise risk (used to check that conditions only look at risk).
    pub fn risk_values(&self) -> Vec<&str> {
        let mut values = Vec::new();
        if self.max_weight().is_some_and(|w| w > 0) {
            values.push(YesNo::Unsure.as_str());
        }
        match self.kind {
            AnswerKind::YesNo => {
                if let Some(r) = &self.risk {
                    values.push(r.answer.as_str());
                }
            }
            AnswerKind::Choice => values.extend(
                self.options
                    .iter()
                    .filter(|o| o.weight > 0)
                    .map(|o| o.value.as_str()),
            ),
            AnswerKind::Text => {}
        }
        values
    }
}
