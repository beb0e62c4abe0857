//! Reading and checking a template file, with every problem tied to a line and a path.
//!
//! Three steps, as for case files: TOML syntax (line and column from the parser), the typed read
//! (path from `serde_path_to_error`, line from the parser's span), then the rules of [`check`] whose
//! problems get their line by looking the path up in the parsed document. A template with any
//! problem is refused as a whole.

use std::collections::{BTreeMap, BTreeSet};

use coopdesk_core::limits::{self, TextKind};
use coopdesk_core::{Problem, Problems};
use toml::de::{DeTable, DeValue};

use crate::facts::{fact_name_problem, is_safe_fact};
use crate::template::{AnswerKind, Condition, TEMPLATE_FORMAT, Template, Text};
use crate::vocab::{Level, Topic, YesNo};

/// Largest template file accepted.
pub const MAX_TEMPLATE_BYTES: usize = 2 * 1024 * 1024;
/// Most questions one template may hold.
pub const MAX_QUESTIONS: usize = 500;
/// Deepest nesting of `any`/`all` conditions.
const MAX_CONDITION_DEPTH: usize = 8;

/// Reads and checks one template. `file` only names the file in errors.
pub fn read_template(file: &str, bytes: &[u8]) -> Result<Template, Problems> {
    let fail = |p: Problem| Problems::new(file, vec![p]);
    if bytes.len() > MAX_TEMPLATE_BYTES {
        return Err(fail(Problem::at(
            "",
            format!(
                "file is {} bytes; a template may have at most {MAX_TEMPLATE_BYTES} bytes",
                bytes.len()
            ),
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(&String::from_utf8_lossy(bytes), e.valid_up_to());
        fail(Problem {
            path: String::new(),
            line: Some(line),
            column: Some(column),
            message: "the file is not valid UTF-8".into(),
        })
    })?;
    let doc = DeTable::parse(text).map_err(|e| fail(located(text, "", &e)))?;
    let de = toml::Deserializer::parse(text).map_err(|e| fail(located(text, "", &e)))?;
    let template: Template = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let mut p = located(text, &path, e.inner());
        if p.line.is_none() {
            place(&mut p, text, doc.get_ref());
        }
        fail(p)
    })?;
    let mut problems = check(&template);
    if problems.is_empty() {
        return Ok(template);
    }
    for p in &mut problems {
        place(p, text, doc.get_ref());
    }
    Err(Problems::new(file, problems))
}

/// A problem from a TOML error: its message, and the line and column of its span when there is one.
fn located(text: &str, path: &str, e: &toml::de::Error) -> Problem {
    let (line, column) = match e.span() {
        Some(span) => {
            let (l, c) = line_col(text, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    Problem {
        path: path.to_owned(),
        line,
        column,
        message: limits::clip(e.message().trim()),
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Fills in line and column of a problem by following its path (`question[3].risk.weight`) through
/// the parsed document, as deep as the path exists.
fn place(p: &mut Problem, text: &str, root: &DeTable<'_>) {
    let mut span = None;
    let mut table = Some(root);
    let mut value: Option<&DeValue<'_>> = None;
    for segment in p.path.split('.').filter(|s| !s.is_empty()) {
        let (key, indices) = split_indices(segment);
        let next = match (table, value) {
            (Some(t), _) => t.get(key),
            (None, Some(DeValue::Table(t))) => t.get(key),
            _ => None,
        };
        let Some(mut item) = next else { break };
        span = Some(item.span());
        for i in indices {
            let DeValue::Array(items) = item.get_ref() else {
                break;
            };
            let Some(element) = items.get(i) else { break };
            item = element;
            span = Some(item.span());
        }
        table = None;
        value = Some(item.get_ref());
    }
    if let Some(span) = span {
        let (l, c) = line_col(text, span.start);
        p.line = Some(l);
        p.column = Some(c);
    }
}

/// `question[3][1]` → (`question`, [3, 1]).
fn split_indices(segment: &str) -> (&str, Vec<usize>) {
    let key_end = segment.find('[').unwrap_or(segment.len());
    let indices = segment[key_end..]
        .split(['[', ']'])
        .filter_map(|s| s.parse().ok())
        .collect();
    (&segment[..key_end], indices)
}

/// Checks everything the typed read cannot: references, uniqueness, ranges, texts, and the rules that
/// keep the assessment monotone.
pub fn check(t: &Template) -> Vec<Problem> {
    let mut p = Vec::new();
    if t.format != TEMPLATE_FORMAT {
        p.push(Problem::at(
            "format",
            format!(
                "expected \"{TEMPLATE_FORMAT}\", found \"{}\"",
                limits::clip(&t.format)
            ),
        ));
    }
    limits::check_question_id("id", &t.id, &mut p);
    let version_ok = !t.version.is_empty()
        && t.version.len() <= 32
        && t.version
            .split('.')
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if !version_ok {
        p.push(Problem::at(
            "version",
            format!(
                "expected a version of numbers separated by dots such as \"1.2.0\", found \"{}\"",
                limits::clip(&t.version)
            ),
        ));
    }
    check_text_pair("title", &t.title, TextKind::Title, &mut p);
    if let Some(d) = &t.description {
        check_text_pair("description", d, TextKind::Long, &mut p);
    }
    check_rules(t, &mut p);

    let mut seen_topics = BTreeSet::new();
    for (i, topic) in t.topics.iter().enumerate() {
        let path = format!("topic[{i}]");
        if !seen_topics.insert(topic.id) {
            p.push(Problem::at(
                format!("{path}.id"),
                format!("topic \"{}\" is defined twice", topic.id),
            ));
        }
        check_text_pair(
            &format!("{path}.title"),
            &topic.title,
            TextKind::Title,
            &mut p,
        );
        if let Some(s) = &topic.summary {
            check_text_pair(&format!("{path}.summary"), s, TextKind::Text, &mut p);
        }
    }
    for missing in Topic::ALL.iter().filter(|x| !seen_topics.contains(x)) {
        p.push(Problem::at(
            "topic",
            format!("topic \"{missing}\" is missing; all four topics are required"),
        ));
    }

    let mut sections = BTreeMap::new();
    for (i, s) in t.sections.iter().enumerate() {
        let path = format!("section[{i}]");
        limits::check_question_id(&format!("{path}.id"), &s.id, &mut p);
        if sections.insert(s.id.as_str(), s.topic).is_some() {
            p.push(Problem::at(
                format!("{path}.id"),
                format!("section \"{}\" is defined twice", s.id),
            ));
        }
        check_text_pair(&format!("{path}.title"), &s.title, TextKind::Title, &mut p);
    }

    let mut mitigations = BTreeSet::new();
    for (i, m) in t.mitigations.iter().enumerate() {
        let path = format!("mitigation[{i}]");
        limits::check_question_id(&format!("{path}.id"), &m.id, &mut p);
        if !mitigations.insert(m.id.as_str()) {
            p.push(Problem::at(
                format!("{path}.id"),
                format!("mitigation \"{}\" is defined twice", m.id),
            ));
        }
        check_text_pair(&format!("{path}.text"), &m.text, TextKind::Text, &mut p);
        if let Some(o) = &m.owner {
            check_text_pair(&format!("{path}.owner"), o, TextKind::Name, &mut p);
        }
    }

    if t.questions.is_empty() {
        p.push(Problem::at(
            "question",
            "a template needs at least one question",
        ));
    }
    if t.questions.len() > MAX_QUESTIONS {
        p.push(Problem::at(
            "question",
            format!(
                "has {} questions, at most {MAX_QUESTIONS} allowed",
                t.questions.len()
            ),
        ));
    }
    let mut ids = BTreeMap::new();
    for (i, q) in t.questions.iter().enumerate() {
        if ids.insert(q.id.as_str(), i).is_some() {
            p.push(Problem::at(
                format!("question[{i}].id"),
                format!("question \"{}\" is defined twice", q.id),
            ));
        }
    }
    for (i, q) in t.questions.iter().enumerate() {
        check_question(t, i, &sections, &mitigations, &mut p);
        if let Some(cond) = &q.show_if {
            let path = format!("question[{i}].show_if");
            check_condition(t, &path, cond, Use::Shown, 0, &mut p);
        }
    }
    check_show_if_cycles(t, &ids, &mut p);
    for (i, b) in t.benefits.iter().enumerate() {
        let path = format!("benefit[{i}]");
        limits::check_question_id(&format!("{path}.id"), &b.id, &mut p);
        // Benefits share the answers' id space with the questions.
        if ids.insert(b.id.as_str(), usize::MAX).is_some() {
            p.push(Problem::at(
                format!("{path}.id"),
                format!("\"{}\" is already the id of a question or benefit", b.id),
            ));
        }
        check_text_pair(&format!("{path}.label"), &b.label, TextKind::Name, &mut p);
        check_text_pair(&format!("{path}.text"), &b.text, TextKind::Text, &mut p);
        if let Some(h) = &b.help {
            check_text_pair(&format!("{path}.help"), h, TextKind::Text, &mut p);
        }
        if b.sources.is_empty() {
            p.push(Problem::at(
                format!("{path}.sources"),
                "name at least one source (framework or guidance) for the benefit",
            ));
        }
        for (j, s) in b.sources.iter().enumerate() {
            limits::check_text(&format!("{path}.sources[{j}]"), s, TextKind::Name, &mut p);
        }
    }
    p
}

fn check_rules(t: &Template, p: &mut Vec<Problem>) {
    let r = &t.rules;
    if r.medium_score == 0 || r.high_score <= r.medium_score {
        p.push(Problem::at(
            "rules.high_score",
            format!(
                "expected 0 < medium_score < high_score, found medium_score = {} and high_score = {}",
                r.medium_score, r.high_score
            ),
        ));
    }
    if r.cumulative_topics == 0 || r.cumulative_topics > 4 {
        p.push(Problem::at(
            "rules.cumulative_topics",
            "expected a number of topics from 1 to 4",
        ));
    }
    for (i, b) in r.country_baseline.iter().enumerate() {
        let path = format!("rules.country_baseline[{i}]");
        if b.add == 0 || b.add > 3 {
            p.push(Problem::at(format!("{path}.add"), "expected 1 to 3"));
        }
        if b.topics.is_empty() {
            p.push(Problem::at(
                format!("{path}.topics"),
                "expected at least one topic",
            ));
        }
        check_text_pair(&format!("{path}.reason"), &b.reason, TextKind::Text, p);
    }
    let mut combination_ids = BTreeSet::new();
    for (i, c) in r.combination.iter().enumerate() {
        let path = format!("rules.combination[{i}]");
        limits::check_question_id(&format!("{path}.id"), &c.id, p);
        if !combination_ids.insert(c.id.as_str()) {
            p.push(Problem::at(
                format!("{path}.id"),
                format!("rule \"{}\" is defined twice", c.id),
            ));
        }
        if c.level == Level::Low {
            p.push(Problem::at(
                format!("{path}.level"),
                "a combination rule must raise the level: expected medium, high or critical",
            ));
        }
        check_condition(t, &format!("{path}.when"), &c.when, Use::Raises, 0, p);
        check_text_pair(&format!("{path}.reason"), &c.reason, TextKind::Text, p);
    }
    for (i, e) in r.escalation.iter().enumerate() {
        let path = format!("rules.escalation[{i}]");
        check_condition(t, &format!("{path}.when"), &e.when, Use::Escalation, 0, p);
        check_text_pair(&format!("{path}.reason"), &e.reason, TextKind::Text, p);
    }
    for (i, k) in r.sensitive_keywords.iter().enumerate() {
        check_term(&format!("rules.sensitive_keywords[{i}]"), k, p);
    }
    let mut area_ids = BTreeSet::new();
    for (i, a) in r.sensitive_areas.iter().enumerate() {
        let path = format!("rules.sensitive_areas[{i}]");
        limits::check_text(&format!("{path}.id"), &a.id, TextKind::Name, p);
        if !area_ids.insert(a.id.as_str()) {
            p.push(Problem::at(
                format!("{path}.id"),
                format!(
                    "sensitive area \"{}\" is defined twice",
                    limits::clip(&a.id)
                ),
            ));
        }
        check_text_pair(&format!("{path}.label"), &a.label, TextKind::Name, p);
        if a.terms.is_empty() {
            p.push(Problem::at(
                format!("{path}.terms"),
                "a sensitive area needs at least one term",
            ));
        }
        for (j, term) in a.terms.iter().enumerate() {
            check_term(&format!("{path}.terms[{j}]"), term, p);
        }
    }
}

/// A term must hold at least one word: a term of punctuation alone would match nothing (or, as a
/// bare `*`, everything).
fn check_term(path: &str, term: &str, p: &mut Vec<Problem>) {
    limits::check_text(path, term, TextKind::Name, p);
    if crate::vocabulary::Term::parse(term).is_none() {
        p.push(Problem::at(
            path,
            format!(
                "\"{}\" holds no word to match; write words, optionally ending in * to match a prefix",
                limits::clip(term)
            ),
        ));
    }
}

fn check_question(
    t: &Template,
    i: usize,
    sections: &BTreeMap<&str, Topic>,
    mitigations: &BTreeSet<&str>,
    p: &mut Vec<Problem>,
) {
    let q = &t.questions[i];
    let path = format!("question[{i}]");
    limits::check_question_id(&format!("{path}.id"), &q.id, p);
    if !sections.contains_key(q.section.as_str()) {
        p.push(Problem::at(
            format!("{path}.section"),
            format!(
                "unknown section \"{}\"; define it with [[section]]",
                limits::clip(&q.section)
            ),
        ));
    }
    check_text_pair(&format!("{path}.text"), &q.text, TextKind::Text, p);
    check_text_pair(&format!("{path}.why"), &q.why, TextKind::Text, p);
    if let Some(h) = &q.help {
        check_text_pair(&format!("{path}.help"), h, TextKind::Text, p);
    }
    if q.sources.is_empty() {
        p.push(Problem::at(
            format!("{path}.sources"),
            "every question must cite at least one source",
        ));
    }
    for (j, s) in q.sources.iter().enumerate() {
        limits::check_text(&format!("{path}.sources[{j}]"), s, TextKind::Name, p);
    }
    match q.kind {
        AnswerKind::YesNo => {
            if !q.options.is_empty() {
                p.push(Problem::at(
                    format!("{path}.options"),
                    "only a question of kind \"choice\" has options",
                ));
            }
            if let Some(r) = &q.risk {
                if !matches!(r.answer, YesNo::Yes | YesNo::No) {
                    p.push(Problem::at(
                        format!("{path}.risk.answer"),
                        "expected \"yes\" or \"no\"",
                    ));
                }
                check_weight(&format!("{path}.risk.weight"), r.weight, 1, p);
                check_gate(&format!("{path}.risk.gate"), r.gate, p);
            }
        }
        AnswerKind::Choice => {
            if q.risk.is_some() {
                p.push(Problem::at(
                    format!("{path}.risk"),
                    "a choice question carries its risk on its options' weights",
                ));
            }
            if q.options.len() < 2 {
                p.push(Problem::at(
                    format!("{path}.options"),
                    "a choice question needs at least two options",
                ));
            }
            let mut values = BTreeSet::new();
            for (j, o) in q.options.iter().enumerate() {
                let opath = format!("{path}.options[{j}]");
                limits::check_question_id(&format!("{opath}.value"), &o.value, p);
                if YesNo::parse(&o.value)
                    .is_some_and(|v| matches!(v, YesNo::Unsure | YesNo::NotApplicable))
                {
                    p.push(Problem::at(
                        format!("{opath}.value"),
                        format!(
                            "\"{}\" is always available and cannot be an option",
                            o.value
                        ),
                    ));
                }
                if !values.insert(o.value.as_str()) {
                    p.push(Problem::at(
                        format!("{opath}.value"),
                        format!("option \"{}\" is listed twice", o.value),
                    ));
                }
                check_text_pair(&format!("{opath}.label"), &o.label, TextKind::Name, p);
                check_weight(&format!("{opath}.weight"), o.weight, 0, p);
                check_gate(&format!("{opath}.gate"), o.gate, p);
            }
        }
        AnswerKind::Text => {
            if q.risk.is_some() || !q.options.is_empty() {
                p.push(Problem::at(
                    format!("{path}.kind"),
                    "a text question has neither risk nor options",
                ));
            }
        }
    }
    let raises = q.max_weight().is_some_and(|w| w > 0);
    for (j, m) in q.mitigations.iter().enumerate() {
        if !mitigations.contains(m.as_str()) {
            p.push(Problem::at(
                format!("{path}.mitigations[{j}]"),
                format!(
                    "unknown mitigation \"{}\"; define it with [[mitigation]]",
                    limits::clip(m)
                ),
            ));
        }
    }
    if !raises && (!q.mitigations.is_empty() || !q.escalate.is_empty()) {
        p.push(Problem::at(
            format!("{path}.mitigations"),
            "mitigations and escalations follow risky answers, but this question has no answer that raises risk",
        ));
    }
    for (j, pre) in q.prefill.iter().enumerate() {
        let ppath = format!("{path}.prefill[{j}]");
        check_condition(t, &format!("{ppath}.when"), &pre.when, Use::Prefill, 0, p);
        if let Some(a) = &pre.answer {
            if !q.accepts(a) || q.kind == AnswerKind::Text {
                p.push(Problem::at(
                    format!("{ppath}.answer"),
                    format!("\"{}\" is not an answer to {}", limits::clip(a), q.id),
                ));
            } else if q.weight_of(a).is_none() {
                // A safe answer from a risk fact would let more risk lower a level.
                let mut facts = Vec::new();
                collect_facts(&pre.when, &mut facts);
                if let Some(f) = facts.iter().find(|f| !is_safe_fact(f)) {
                    p.push(Problem::at(
                        format!("{ppath}.when"),
                        format!("a prefill that gives the safe answer \"{a}\" may only rest on safe facts (agreement:<kind>:signed, {}), not on \"{f}\"", crate::facts::SAFE.join(", ")),
                    ));
                }
                if contains_answer(&pre.when) {
                    p.push(Problem::at(
                        format!("{ppath}.when"),
                        "a prefill that gives a safe answer may not depend on other answers",
                    ));
                }
            }
        }
    }
}

fn check_weight(path: &str, w: u32, min: u32, p: &mut Vec<Problem>) {
    if w < min || w > 3 {
        p.push(Problem::at(
            path,
            format!("expected a weight from {min} to 3, found {w}"),
        ));
    }
}

fn check_gate(path: &str, gate: Option<Level>, p: &mut Vec<Problem>) {
    if gate == Some(Level::Low) {
        p.push(Problem::at(
            path,
            "a gate must raise the level: expected medium, high or critical",
        ));
    }
}

fn check_text_pair(path: &str, text: &Text, kind: TextKind, p: &mut Vec<Problem>) {
    let kind = if kind == TextKind::Long {
        TextKind::Text
    } else {
        kind
    };
    limits::check_text(&format!("{path}.en"), &text.en, kind, p);
    limits::check_text(&format!("{path}.de"), &text.de, kind, p);
}

/// Where a condition is used decides what it may look at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    /// `show_if`: facts and risk answers.
    Shown,
    /// `prefill.when`: facts and risk answers.
    Prefill,
    /// Combination rules: facts and risk answers.
    Raises,
    /// Escalation rules: also levels.
    Escalation,
}

fn check_condition(
    t: &Template,
    path: &str,
    c: &Condition,
    usage: Use,
    depth: usize,
    p: &mut Vec<Problem>,
) {
    if depth > MAX_CONDITION_DEPTH {
        p.push(Problem::at(
            path,
            format!("conditions may be nested at most {MAX_CONDITION_DEPTH} deep"),
        ));
        return;
    }
    match c {
        Condition::Fact(name) => {
            if let Some(msg) = fact_name_problem(name) {
                p.push(Problem::at(format!("{path}.fact"), msg));
            } else if let Some(area) = name.strip_prefix("sensitive_area:")
                && !t.rules.sensitive_areas.iter().any(|a| a.id == area)
            {
                p.push(Problem::at(
                    format!("{path}.fact"),
                    format!(
                        "unknown sensitive area \"{}\"; define it with [[rules.sensitive_areas]]",
                        limits::clip(area)
                    ),
                ));
            }
        }
        Condition::Answer(a) => {
            let Some(q) = t.question(&a.question) else {
                p.push(Problem::at(
                    format!("{path}.answer.question"),
                    format!("unknown question \"{}\"", limits::clip(&a.question)),
                ));
                return;
            };
            if a.is.is_empty() {
                p.push(Problem::at(
                    format!("{path}.answer.is"),
                    "expected at least one answer value",
                ));
            }
            let risky = q.risk_values();
            for (j, v) in a.is.iter().enumerate() {
                if !q.accepts(v) {
                    p.push(Problem::at(
                        format!("{path}.answer.is[{j}]"),
                        format!("\"{}\" is not an answer to {}", limits::clip(v), q.id),
                    ));
                } else if usage != Use::Escalation && !risky.contains(&v.as_str()) {
                    p.push(Problem::at(
                        format!("{path}.answer.is[{j}]"),
                        format!("\"{v}\" does not raise risk on {}; conditions may only look at risk answers ({})", q.id, risky.join(", ")),
                    ));
                }
            }
        }
        Condition::Any(list) | Condition::All(list) => {
            let key = if matches!(c, Condition::Any(_)) {
                "any"
            } else {
                "all"
            };
            if list.is_empty() {
                p.push(Problem::at(
                    format!("{path}.{key}"),
                    "expected at least one condition",
                ));
            }
            for (j, inner) in list.iter().enumerate() {
                check_condition(t, &format!("{path}.{key}[{j}]"), inner, usage, depth + 1, p);
            }
        }
        Condition::TopicLevel(_) | Condition::Overall(_) => {
            if usage != Use::Escalation {
                p.push(Problem::at(
                    path,
                    "levels can only be used in escalation rules",
                ));
            }
        }
    }
}

fn collect_facts<'a>(c: &'a Condition, out: &mut Vec<&'a str>) {
    match c {
        Condition::Fact(f) => out.push(f),
        Condition::Any(l) | Condition::All(l) => l.iter().for_each(|c| collect_facts(c, out)),
        Condition::Answer(_) | Condition::TopicLevel(_) | Condition::Overall(_) => {}
    }
}

fn contains_answer(c: &Condition) -> bool {
    match c {
        Condition::Answer(_) => true,
        Condition::Any(l) | Condition::All(l) => l.iter().any(contains_answer),
        Condition::Fact(_) | Condition::TopicLevel(_) | Condition::Overall(_) => false,
    }
}

fn collect_answers<'a>(c: &'a Condition, out: &mut Vec<&'a str>) {
    match c {
        Condition::Answer(a) => out.push(&a.question),
        Condition::Any(l) | Condition::All(l) => l.iter().for_each(|c| collect_answers(c, out)),
        Condition::Fact(_) | Condition::TopicLevel(_) | Condition::Overall(_) => {}
    }
}

/// A question whose visibility or prefill depends, through other questions, on itself could never be
/// decided; such cycles are refused.
fn check_show_if_cycles(t: &Template, ids: &BTreeMap<&str, usize>, p: &mut Vec<Problem>) {
    let deps: Vec<Vec<usize>> = t
        .questions
        .iter()
        .map(|q| {
            let mut names = Vec::new();
            if let Some(c) = &q.show_if {
                collect_answers(c, &mut names);
            }
            for pre in &q.prefill {
                collect_answers(&pre.when, &mut names);
            }
            names.iter().filter_map(|n| ids.get(n).copied()).collect()
        })
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; deps.len()];
    for start in 0..deps.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some((node, next)) = stack.pop() {
            if let Some(&dep) = deps[node].get(next) {
                stack.push((node, next + 1));
                match state[dep] {
                    0 => {
                        state[dep] = 1;
                        stack.push((dep, 0));
                    }
                    1 => {
                        p.push(Problem::at(
                            format!("question[{node}].show_if"),
                            format!(
                                "{} depends on {}, which depends back on it (through show_if or prefill)",
                                t.questions[node].id, t.questions[dep].id
                            ),
                        ));
                        return;
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_template;
    use crate::builtin::BUILTIN_SOURCE;

    /// The problems of the built-in template with `from` replaced by `to` (once).
    fn problems_after(from: &str, to: &str) -> String {
        assert!(BUILTIN_SOURCE.contains(from), "{from}");
        let text = BUILTIN_SOURCE.replacen(from, to, 1);
        match read_template("t.toml", text.as_bytes()) {
            Ok(_) => String::new(),
            Err(p) => p.to_string(),
        }
    }

    #[test]
    fn the_built_in_template_reads() {
        assert_eq!(problems_after("", ""), "");
    }

    #[test]
    fn a_benefit_may_not_reuse_a_question_id() {
        let p = problems_after("id = \"ben-02\"", "id = \"rec-01\"");
        assert!(p.contains("benefit[1].id"), "{p}");
        assert!(p.contains("already the id of a question or benefit"), "{p}");
    }

    #[test]
    fn an_unknown_sensitive_area_is_named() {
        let p = problems_after(
            "fact = \"sensitive_area:surveillance\"",
            "fact = \"sensitive_area:survey\"",
        );
        assert!(p.contains("unknown sensitive area \"survey\""), "{p}");
    }

    #[test]
    fn a_safe_answer_may_not_rest_on_a_risk_fact() {
        let p = problems_after(
            "{ when = { fact = \"screening_clear\" }, answer = \"no\" }",
            "{ when = { fact = \"screening_hit\" }, answer = \"no\" }",
        );
        assert!(p.contains("may only rest on safe facts"), "{p}");
    }

    #[test]
    fn a_term_without_a_word_is_refused() {
        let p = problems_after("\"hpc\",", "\"*\",");
        assert!(p.contains("holds no word to match"), "{p}");
    }
}
