//! The assessment: template + case facts + answers → levels with reasons, recommendation,
//! escalations, conditions and open points.
//!
//! The rules are those of `docs/assessment.md` (derived from `topics.md` §5 of the domain notes); the
//! numbers come from the template. Every step records a [`Reason`] so that a level can always be traced
//! to the questions and facts behind it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::facts::{CaseContext, Facts};
use crate::template::{CommentNeed, Condition, Question, Template};
use crate::vocab::{Escalation, Level, Recommendation, Topic, YesNo};

/// State of an action of the case's action plan; defined with the case model, which carries the plan.
pub use coopdesk_core::ActionStatus;
pub use coopdesk_core::rating::{LevelOverride, TemplateRef};

/// A condition recorded on the case for a mitigation of the template (from the action plan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecordedCondition {
    /// The mitigation's id.
    pub mitigation: String,
    /// Its state; open and met conditions cover the risks they mitigate, waived ones do not.
    pub status: ActionStatus,
}

/// Everything [`assess`] reads.
#[derive(Debug, Clone, Copy)]
pub struct AssessmentInput<'a> {
    /// The case and what it refers to.
    pub context: CaseContext<'a>,
    /// Conditions recorded in the case's action plan.
    pub conditions: &'a [RecordedCondition],
    /// Level overrides.
    pub overrides: &'a [LevelOverride],
    /// Whether management documented an exception with export-control sign-off (turns `decline` into
    /// `escalate`).
    pub exception: bool,
}

/// Where a question's effective answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnswerSource {
    /// Given by a person.
    User,
    /// Derived from case facts and not yet confirmed.
    Facts,
    /// Not answered.
    None,
}

/// Why a level is what it is: one step of the reasoning, with the ids needed to show its details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// A question's answer raised the score.
    Answer {
        /// Question id.
        question: String,
        /// The answer.
        answer: String,
        /// Added to the score.
        weight: u32,
        /// Who gave it.
        source: AnswerSource,
        /// Fact evidence behind an answer from facts.
        evidence: Vec<String>,
    },
    /// A key question was unanswered and counted as its risk answer. Only found in assessments frozen
    /// at a sign-off under the earlier rule; an open key question now makes the assessment provisional
    /// instead of adding risk.
    Unanswered {
        /// Question id.
        question: String,
        /// Added to the score.
        weight: u32,
    },
    /// The case's facts settle a key question without risk ("no", or "not applicable"): a check that
    /// ran and came back clean, shown so that a low level says what it rests on.
    Settled {
        /// Question id.
        question: String,
        /// The answer the facts give.
        answer: String,
        /// The facts' evidence.
        evidence: Vec<String>,
    },
    /// The legal environment of a partner country adds a fixed score.
    Baseline {
        /// The country.
        country: String,
        /// Added to the score.
        add: u32,
    },
    /// A gate answer sets a least level.
    Gate {
        /// Question id.
        question: String,
        /// The answer.
        answer: String,
        /// The least level.
        level: Level,
    },
    /// The facts' answer keeps its gate although a person gave another risk answer (e.g. "unsure"
    /// where the facts say "yes"): the riskier of the two decides gates and combinations, so replacing
    /// one risk answer by another never switches off a hard stop the recorded facts establish.
    FactsGate {
        /// Question id.
        question: String,
        /// The facts' answer.
        answer: String,
        /// The least level.
        level: Level,
        /// The facts' evidence.
        evidence: Vec<String>,
    },
    /// A combination rule of the template holds.
    Combination {
        /// Rule id.
        rule: String,
        /// The least level.
        level: Level,
    },
    /// All serious risks of the topic are covered by recorded conditions.
    Mitigated {
        /// Level before the credit.
        from: Level,
        /// Level after it.
        to: Level,
    },
    /// A person set the level.
    Override {
        /// The level that applies.
        level: Level,
        /// The computed level it replaces.
        computed: Level,
        /// Who.
        by: String,
        /// Why.
        justification: String,
    },
    /// The overall level comes from a topic.
    FromTopic {
        /// The topic.
        topic: Topic,
        /// Its level.
        level: Level,
    },
    /// Several topics at medium or worse raise the overall level.
    Cumulative {
        /// How many topics are at medium or worse.
        topics: u32,
    },
    /// An escalation rule of the template holds (index into `rules.escalation`).
    EscalationRule {
        /// Index of the rule.
        rule: u32,
    },
    /// Management documented an exception.
    Exception,
}

/// One topic's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TopicResult {
    /// The topic.
    pub topic: Topic,
    /// The level that applies (the override's, if any).
    pub level: Level,
    /// The level the rules give.
    pub computed: Level,
    /// Sum of weights and baseline.
    pub score: u32,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The override, if a person set the level.
    #[ts(optional)]
    pub overridden: Option<LevelOverride>,
    /// Visible questions with an answer (from a person or from facts).
    pub answered: u32,
    /// Visible questions.
    pub visible: u32,
}

/// One question's state in this assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuestionResult {
    /// Question id.
    pub id: String,
    /// Its topic.
    pub topic: Topic,
    /// Whether it is shown (its `show_if` holds).
    pub visible: bool,
    /// The effective answer.
    #[ts(optional)]
    pub answer: Option<String>,
    /// Where the answer comes from.
    pub source: AnswerSource,
    /// What the facts say: the answer they suggest (even when a person answered differently).
    #[ts(optional)]
    pub suggested: Option<String>,
    /// Evidence of the facts behind the suggestion or flag.
    pub evidence: Vec<String>,
    /// Facts flag this question for attention.
    pub flagged: bool,
    /// What it adds to the topic score.
    pub weight: u32,
}

/// A specialist who must be involved, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EscalationResult {
    /// Who.
    pub to: Escalation,
    /// Questions whose answers require it.
    pub questions: Vec<String>,
    /// Rules or facts that require it.
    pub reasons: Vec<Reason>,
}

/// A condition suggested by the mitigations of risky answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConditionResult {
    /// The mitigation's id.
    pub mitigation: String,
    /// The questions whose answers suggest it.
    pub questions: Vec<String>,
    /// Its state in the action plan, if it is recorded there.
    #[ts(optional)]
    pub recorded: Option<ActionStatus>,
}

/// Something that is still missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpenPoint {
    /// A shown question has no answer.
    Unanswered {
        /// Question id.
        question: String,
        /// Whether it is a key question (counted as risk).
        key: bool,
    },
    /// A question is answered "unsure".
    Unsure {
        /// Question id.
        question: String,
    },
    /// An answer is not valid for its question (e.g. after a template change).
    InvalidAnswer {
        /// Question id.
        question: String,
        /// The stored value.
        answer: String,
    },
    /// An answer needs a comment and has none.
    CommentMissing {
        /// Question id.
        question: String,
    },
    /// An answer needs a reference to evidence and has no comment.
    EvidenceMissing {
        /// Question id.
        question: String,
    },
    /// Facts flag an unanswered question.
    Flagged {
        /// Question id.
        question: String,
        /// The facts' evidence.
        evidence: Vec<String>,
    },
}

/// The whole assessment of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Assessment {
    /// The case id.
    pub case: String,
    /// The template used.
    pub template: TemplateRef,
    /// One result per topic, in contract order.
    pub topics: Vec<TopicResult>,
    /// The overall level.
    pub overall: Level,
    /// Why.
    pub overall_reasons: Vec<Reason>,
    /// What to do.
    pub recommendation: Recommendation,
    /// Who must be involved.
    pub escalations: Vec<EscalationResult>,
    /// Conditions from the mitigations of risky answers.
    pub conditions: Vec<ConditionResult>,
    /// What is missing.
    pub open_points: Vec<OpenPoint>,
    /// Whether key questions are still open: the levels rest on the evidence at hand, and may rise
    /// once those questions are answered. "We do not know yet" is shown as this mark, never as risk.
    pub provisional: bool,
    /// The shown key questions without an answer (from a person or from the facts), in template order.
    pub open_key_questions: Vec<String>,
    /// Every question's state, in template order.
    pub questions: Vec<QuestionResult>,
    /// What the cooperation brings, in template order: shown beside the risks, never part of a level.
    pub benefits: Vec<BenefitResult>,
}

/// One added-value question's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BenefitResult {
    /// The benefit's id.
    pub id: String,
    /// yes / no / unsure / not_applicable, when answered with a valid value.
    #[ts(optional)]
    pub answer: Option<String>,
    /// The comment given with the answer (what the benefit is, concretely).
    #[ts(optional)]
    pub comment: Option<String>,
}

/// One question's effective answer, worked out once. It borrows from the case, the template and
/// the facts: conditions ask for effective answers many times per case, and copying the evidence
/// strings each time made assessing 10 000 cases mostly an exercise in allocation.
#[derive(Debug, Clone, Default)]
struct Effective<'a> {
    visible: bool,
    answer: Option<&'a str>,
    source: Option<AnswerSource>,
    suggested: Option<&'a str>,
    evidence: Vec<&'a str>,
    flagged: bool,
}

/// Owned copies of borrowed evidence, for the results.
fn owned(evidence: &[&str]) -> Vec<String> {
    evidence.iter().map(|e| (*e).to_owned()).collect()
}

/// Works out effective answers lazily: conditions may refer to other questions' answers (validated to
/// be acyclic when the template is loaded).
struct Evaluator<'a> {
    template: &'a Template,
    facts: &'a Facts,
    input: &'a AssessmentInput<'a>,
    index: BTreeMap<&'a str, usize>,
    memo: Vec<Option<Effective<'a>>>,
    in_progress: Vec<bool>,
}

impl<'a> Evaluator<'a> {
    fn effective(&mut self, i: usize) -> Effective<'a> {
        if let Some(e) = &self.memo[i] {
            return e.clone();
        }
        if self.in_progress[i] {
            // Unreachable for validated templates; a cycle is read as "not answered, not shown".
            return Effective::default();
        }
        self.in_progress[i] = true;
        let q: &'a Question = &self.template.questions[i];
        let visible = match &q.show_if {
            None => true,
            Some(c) => self.holds(c, &mut Vec::new()),
        };
        let mut e = Effective {
            visible,
            ..Effective::default()
        };
        if visible {
            // The riskiest applicable prefill wins, so that more facts can never make it safer.
            let mut best: Option<(u32, &'a str, Vec<&'a str>)> = None;
            for pre in &q.prefill {
                let mut evidence = Vec::new();
                if !self.holds(&pre.when, &mut evidence) {
                    continue;
                }
                match &pre.answer {
                    None => {
                        e.flagged = true;
                        e.evidence.extend(evidence);
                    }
                    Some(a) => {
                        let w = q.weight_of(a).unwrap_or(0);
                        if best.as_ref().is_none_or(|(bw, _, _)| w > *bw) {
                            best = Some((w, a.as_str(), evidence));
                        }
                    }
                }
            }
            if let Some((_, a, evidence)) = best {
                e.suggested = Some(a);
                e.evidence = evidence;
            }
            let user = self
                .input
                .context
                .case
                .answers
                .get(&q.id)
                .filter(|a| q.accepts(&a.value));
            if let Some(u) = user {
                e.answer = Some(u.value.as_str());
                e.source = Some(AnswerSource::User);
            } else if let Some(s) = e.suggested {
                e.answer = Some(s);
                e.source = Some(AnswerSource::Facts);
            }
            let mut seen = std::collections::BTreeSet::new();
            e.evidence.retain(|x| seen.insert(*x));
        }
        self.in_progress[i] = false;
        self.memo[i] = Some(e.clone());
        e
    }

    /// Whether a condition holds; collects the evidence of the facts that make it hold.
    fn holds(&mut self, c: &Condition, evidence: &mut Vec<&'a str>) -> bool {
        match c {
            Condition::Fact(name) => {
                let ok = self.facts.holds(name);
                if ok {
                    let facts: &'a Facts = self.facts;
                    evidence.extend(facts.evidence(name).iter().map(String::as_str));
                }
                ok
            }
            Condition::Answer(a) => {
                let Some(&i) = self.index.get(a.question.as_str()) else {
                    return false;
                };
                let e = self.effective(i);
                // The riskier answer wins: while the answer in force is itself a risk answer, a
                // condition on risk answers also holds when the facts' answer meets it, so replacing
                // the facts' "yes" by a person's "unsure" never switches off a combination the facts
                // establish. A person's definite safe answer overrides the facts (and needs a comment).
                let q = &self.template.questions[i];
                let with_facts = e.answer.is_none_or(|v| q.weight_of(v).is_some());
                e.visible
                    && (e.answer.is_some_and(|v| a.is.iter().any(|x| x == v))
                        || (with_facts && e.suggested.is_some_and(|v| a.is.iter().any(|x| x == v))))
            }
            Condition::Any(list) => {
                let mut any = false;
                for c in list {
                    any |= self.holds(c, evidence);
                }
                any
            }
            Condition::All(list) => {
                let mut local = Vec::new();
                for c in list {
                    if !self.holds(c, &mut local) {
                        return false;
                    }
                }
                evidence.extend(local);
                true
            }
            // Levels are only known after the topics are computed; see `escalations`.
            Condition::TopicLevel(_) | Condition::Overall(_) => false,
        }
    }
}

fn level_from(score: u32, serious: u32, t: &Template) -> Level {
    if score >= t.rules.high_score || serious >= 2 {
        Level::High
    } else if score >= t.rules.medium_score || serious == 1 {
        Level::Medium
    } else {
        Level::Low
    }
}

/// Assesses a case. Pure: the same inputs always give the same result.
pub fn assess(template: &Template, input: &AssessmentInput<'_>) -> Assessment {
    let facts = Facts::derive(&input.context, &template.rules);
    let mut ev = Evaluator {
        template,
        facts: &facts,
        input,
        index: template
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect(),
        memo: vec![None; template.questions.len()],
        in_progress: vec![false; template.questions.len()],
    };
    let covering = |m: &str| {
        input
            .conditions
            .iter()
            .any(|c| c.mitigation == m && c.status != ActionStatus::Waived)
    };

    let mut questions = Vec::with_capacity(template.questions.len());
    let mut open_points = Vec::new();
    let mut open_key_questions = Vec::new();
    let mut conditions: Vec<ConditionResult> = Vec::new();
    let mut by_question_escalations: BTreeMap<Escalation, Vec<String>> = BTreeMap::new();
    #[derive(Default)]
    struct Tally {
        score: u32,
        serious: u32,
        covered_serious: u32,
        covered_weight: u32,
        gate: Option<Level>,
        reasons: Vec<Reason>,
        answered: u32,
        visible: u32,
    }
    let mut tallies: BTreeMap<Topic, Tally> =
        Topic::ALL.iter().map(|t| (*t, Tally::default())).collect();

    for (i, q) in template.questions.iter().enumerate() {
        let Some(topic) = template.topic_of(q) else {
            continue;
        };
        let e = ev.effective(i);
        let mut weight = 0;
        if e.visible {
            let tally = tallies.entry(topic).or_default();
            tally.visible += 1;
            if let Some(stored) = input
                .context
                .case
                .answers
                .get(&q.id)
                .filter(|a| !q.accepts(&a.value))
            {
                open_points.push(OpenPoint::InvalidAnswer {
                    question: q.id.clone(),
                    answer: stored.value.clone(),
                });
            }
            match e.answer {
                None => {
                    // Unknown is not risk: an open key question adds nothing to the score and
                    // makes the assessment provisional instead.
                    if q.key {
                        open_key_questions.push(q.id.clone());
                    }
                    if e.flagged {
                        open_points.push(OpenPoint::Flagged {
                            question: q.id.clone(),
                            evidence: owned(&e.evidence),
                        });
                    } else {
                        open_points.push(OpenPoint::Unanswered {
                            question: q.id.clone(),
                            key: q.key,
                        });
                    }
                }
                Some(value) => {
                    tally.answered += 1;
                    let source = e.source.unwrap_or(AnswerSource::None);
                    if value == YesNo::Unsure.as_str() {
                        open_points.push(OpenPoint::Unsure {
                            question: q.id.clone(),
                        });
                    }
                    if q.key && source == AnswerSource::Facts && q.weight_of(value).is_none() {
                        tally.reasons.push(Reason::Settled {
                            question: q.id.clone(),
                            answer: value.to_owned(),
                            evidence: owned(&e.evidence),
                        });
                    }
                    if let Some(g) = facts_gate(q, value, &e) {
                        tally.gate = tally.gate.max(Some(g.0));
                        tally.reasons.push(Reason::FactsGate {
                            question: q.id.clone(),
                            answer: g.1,
                            level: g.0,
                            evidence: owned(&e.evidence),
                        });
                    }
                    if let Some(w) = q.weight_of(value) {
                        weight = w;
                        tally.score += w;
                        let covered = value != YesNo::Unsure.as_str()
                            && q.mitigations.iter().any(|m| covering(m));
                        if w >= 3 {
                            tally.serious += 1;
                            if covered {
                                tally.covered_serious += 1;
                                tally.covered_weight += w;
                            }
                        }
                        tally.reasons.push(Reason::Answer {
                            question: q.id.clone(),
                            answer: value.to_owned(),
                            weight: w,
                            source,
                            evidence: if source == AnswerSource::Facts {
                                owned(&e.evidence)
                            } else {
                                Vec::new()
                            },
                        });
                        if let Some(g) = q.gate_of(value) {
                            tally.gate = tally.gate.max(Some(g));
                            tally.reasons.push(Reason::Gate {
                                question: q.id.clone(),
                                answer: value.to_owned(),
                                level: g,
                            });
                        }
                        for m in &q.mitigations {
                            add_condition(&mut conditions, m, &q.id, input);
                        }
                        for to in &q.escalate {
                            let list = by_question_escalations.entry(*to).or_default();
                            if !list.contains(&q.id) {
                                list.push(q.id.clone());
                            }
                        }
                    }
                    if source == AnswerSource::User {
                        add_comment_points(
                            q,
                            value,
                            contradicts_facts(q, value, &e),
                            input,
                            &mut open_points,
                        );
                    }
                }
            }
        }
        questions.push(QuestionResult {
            id: q.id.clone(),
            topic,
            visible: e.visible,
            answer: e.answer.map(str::to_owned),
            source: e.source.unwrap_or(AnswerSource::None),
            suggested: e.suggested.map(str::to_owned),
            evidence: owned(&e.evidence),
            flagged: e.flagged,
            weight,
        });
    }

    // Country baseline: the legal environment of a partner country, counted once per rule.
    for b in &template.rules.country_baseline {
        if facts.holds(&format!("partner_country:{}", b.country)) {
            for topic in &b.topics {
                if let Some(t) = tallies.get_mut(topic) {
                    t.score += b.add;
                    t.reasons.push(Reason::Baseline {
                        country: b.country.to_string(),
                        add: b.add,
                    });
                }
            }
        }
    }

    let mut combination_levels: BTreeMap<Topic, Vec<(String, Level)>> = BTreeMap::new();
    for rule in &template.rules.combination {
        if ev.holds(&rule.when, &mut Vec::new()) {
            combination_levels
                .entry(rule.topic)
                .or_default()
                .push((rule.id.clone(), rule.level));
        }
    }

    let mut topics = Vec::new();
    for topic in Topic::ALL {
        let Some(mut tally) = tallies.remove(topic) else {
            continue;
        };
        let mut level = level_from(tally.score, tally.serious, template);
        if tally.serious > 0 && tally.covered_serious == tally.serious {
            let floor = level_from(tally.score - tally.covered_weight, 0, template);
            let credited = level.lowered().max(floor);
            if credited < level {
                tally.reasons.push(Reason::Mitigated {
                    from: level,
                    to: credited,
                });
                level = credited;
            }
        }
        if let Some(g) = tally.gate {
            level = level.max(g);
        }
        for (rule, l) in combination_levels.remove(topic).unwrap_or_default() {
            level = level.max(l);
            tally.reasons.push(Reason::Combination { rule, level: l });
        }
        let computed = level;
        let overridden = input.overrides.iter().find(|o| o.topic == *topic).cloned();
        let level = match &overridden {
            Some(o) => {
                tally.reasons.push(Reason::Override {
                    level: o.level,
                    computed,
                    by: o.by.clone(),
                    justification: o.justification.clone(),
                });
                o.level
            }
            None => computed,
        };
        topics.push(TopicResult {
            topic: *topic,
            level,
            computed,
            score: tally.score,
            reasons: tally.reasons,
            overridden,
            answered: tally.answered,
            visible: tally.visible,
        });
    }

    let (overall, overall_reasons) = overall_of(&topics, template, |t| t.level);
    let (overall_computed, _) = overall_of(&topics, template, |t| t.computed);
    let recommendation = match overall {
        Level::Low => Recommendation::Proceed,
        Level::Medium => Recommendation::ProceedWithConditions,
        Level::High => Recommendation::Escalate,
        Level::Critical if input.exception => Recommendation::Escalate,
        Level::Critical => Recommendation::Decline,
    };
    let escalations = escalations(
        template,
        &mut ev,
        &topics,
        overall.max(overall_computed),
        by_question_escalations,
        input.exception,
    );

    Assessment {
        case: input.context.case.id.clone(),
        template: TemplateRef {
            id: template.id.clone(),
            version: template.version.clone(),
        },
        topics,
        overall,
        overall_reasons,
        recommendation,
        escalations,
        conditions,
        open_points,
        provisional: !open_key_questions.is_empty(),
        open_key_questions,
        questions,
        benefits: benefits(template, input.context.case),
    }
}

/// The answers to the template's benefits; an invalid stored value reads as unanswered.
fn benefits(template: &Template, case: &coopdesk_core::Case) -> Vec<BenefitResult> {
    template
        .benefits
        .iter()
        .map(|b| {
            let given = case
                .answers
                .get(&b.id)
                .filter(|a| YesNo::parse(&a.value).is_some());
            BenefitResult {
                id: b.id.clone(),
                answer: given.map(|a| a.value.clone()),
                comment: given
                    .and_then(|a| a.comment.clone())
                    .filter(|c| !c.trim().is_empty()),
            }
        })
        .collect()
}

/// The gate the facts' answer sets when a person's risk answer sets a lower one, with the facts'
/// answer: between two risk answers the riskier decides the gate. A person's definite safe answer
/// overrides the facts instead (see [`contradicts_facts`]).
fn facts_gate(q: &Question, value: &str, e: &Effective) -> Option<(Level, String)> {
    if e.source != Some(AnswerSource::User) || q.weight_of(value).is_none() {
        return None;
    }
    let facts = e.suggested?;
    q.weight_of(facts)?;
    let from_facts = q.gate_of(facts)?;
    (q.gate_of(value) < Some(from_facts)).then(|| (from_facts, facts.to_owned()))
}

/// Whether a person's safe answer replaces the facts' risk answer: allowed (the person may know
/// better than an inference from the record), but only with a comment saying why.
fn contradicts_facts(q: &Question, value: &str, e: &Effective) -> bool {
    e.source == Some(AnswerSource::User)
        && q.weight_of(value).is_none()
        && e.suggested.is_some_and(|f| q.weight_of(f).is_some())
}

fn overall_of(
    topics: &[TopicResult],
    template: &Template,
    level: impl Fn(&TopicResult) -> Level,
) -> (Level, Vec<Reason>) {
    let max = topics.iter().map(&level).max().unwrap_or(Level::Low);
    let mut reasons: Vec<Reason> = topics
        .iter()
        .filter(|t| level(t) == max)
        .map(|t| Reason::FromTopic {
            topic: t.topic,
            level: max,
        })
        .collect();
    let elevated = topics.iter().filter(|t| level(t) >= Level::Medium).count() as u32;
    let mut overall = max;
    // Cumulative exposure raises at most to high: critical is reserved for the hard stops of law and
    // list logic (gates and combination rules), never reached by adding up open questions.
    if elevated >= template.rules.cumulative_topics && max < Level::High {
        overall = max.raised();
        reasons.push(Reason::Cumulative { topics: elevated });
    }
    (overall, reasons)
}

fn add_condition(
    conditions: &mut Vec<ConditionResult>,
    mitigation: &str,
    question: &str,
    input: &AssessmentInput<'_>,
) {
    if let Some(c) = conditions.iter_mut().find(|c| c.mitigation == mitigation) {
        if !c.questions.iter().any(|q| q == question) {
            c.questions.push(question.to_owned());
        }
        return;
    }
    conditions.push(ConditionResult {
        mitigation: mitigation.to_owned(),
        questions: vec![question.to_owned()],
        recorded: input
            .conditions
            .iter()
            .find(|c| c.mitigation == mitigation)
            .map(|c| c.status),
    });
}

fn add_comment_points(
    q: &Question,
    value: &str,
    against_facts: bool,
    input: &AssessmentInput<'_>,
    open_points: &mut Vec<OpenPoint>,
) {
    let has_comment = input
        .context
        .case
        .answers
        .get(&q.id)
        .and_then(|a| a.comment.as_deref())
        .is_some_and(|c| !c.trim().is_empty());
    if has_comment {
        return;
    }
    let risky = q.weight_of(value).is_some();
    let needs_comment = against_facts
        || match q.comment {
            CommentNeed::Never => false,
            CommentNeed::OnRisk => risky,
            CommentNeed::Always => true,
        };
    if q.evidence && value != YesNo::NotApplicable.as_str() {
        open_points.push(OpenPoint::EvidenceMissing {
            question: q.id.clone(),
        });
    } else if needs_comment {
        open_points.push(OpenPoint::CommentMissing {
            question: q.id.clone(),
        });
    }
}

fn escalations(
    template: &Template,
    ev: &mut Evaluator<'_>,
    topics: &[TopicResult],
    overall: Level,
    by_question: BTreeMap<Escalation, Vec<String>>,
    exception: bool,
) -> Vec<EscalationResult> {
    let mut out: BTreeMap<Escalation, EscalationResult> = by_question
        .into_iter()
        .map(|(to, questions)| {
            (
                to,
                EscalationResult {
                    to,
                    questions,
                    reasons: Vec::new(),
                },
            )
        })
        .collect();
    for (i, rule) in template.rules.escalation.iter().enumerate() {
        if level_condition_holds(&rule.when, ev, topics, overall) {
            out.entry(rule.to)
                .or_insert_with(|| EscalationResult {
                    to: rule.to,
                    questions: Vec::new(),
                    reasons: Vec::new(),
                })
                .reasons
                .push(Reason::EscalationRule { rule: i as u32 });
        }
    }
    if exception {
        out.entry(Escalation::Management)
            .or_insert_with(|| EscalationResult {
                to: Escalation::Management,
                questions: Vec::new(),
                reasons: Vec::new(),
            })
            .reasons
            .push(Reason::Exception);
    }
    // Contract order: export control, ethics, data protection, management.
    Escalation::ALL
        .iter()
        .filter_map(|e| out.remove(e))
        .collect()
}

/// Evaluates an escalation condition, where levels are known. A topic's level counts at the higher of
/// computed and overridden, so that an override never removes a required escalation.
fn level_condition_holds(
    c: &Condition,
    ev: &mut Evaluator<'_>,
    topics: &[TopicResult],
    overall: Level,
) -> bool {
    match c {
        Condition::TopicLevel(t) => topics
            .iter()
            .any(|r| r.topic == t.topic && r.level.max(r.computed) >= t.at_least),
        Condition::Overall(l) => overall >= *l,
        Condition::Any(list) => list
            .iter()
            .any(|c| level_condition_holds(c, ev, topics, overall)),
        Condition::All(list) => list
            .iter()
            .all(|c| level_condition_holds(c, ev, topics, overall)),
        Condition::Fact(_) | Condition::Answer(_) => ev.holds(c, &mut Vec::new()),
    }
}
