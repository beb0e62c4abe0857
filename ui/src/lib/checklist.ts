// Pure helpers of the checklist walk and its summary; the rules themselves live in the Rust core.
import type { Assessment } from "./gen/Assessment";
import type { AssessmentView } from "./gen/AssessmentView";
import type { Level } from "./gen/Level";
import type { Question } from "./gen/Question";
import type { Section } from "./gen/Section";
import type { Template } from "./gen/Template";
import type { Topic } from "./gen/Topic";
import { t, type MessageKey } from "./i18n";

/** The answers offered for a question: its options (or yes/no), then unsure and not applicable. */
export function answerChoices(q: Question, lang: "en" | "de"): { value: string; label: string }[] {
  const fixed = (v: "yes" | "no" | "unsure" | "not_applicable") => ({ value: v, label: t(`checklist.answer.${v}`) });
  const own = q.kind === "choice" ? q.options.map((o) => ({ value: o.value, label: o.label[lang] })) : [fixed("yes"), fixed("no")];
  return q.kind === "text" ? own : [...own, fixed("unsure"), fixed("not_applicable")];
}

/** The message key of a level's name. */
export function levelKey(l: Level): MessageKey {
  return `level.${l}`;
}

/** A topic's sections in template order, each with its questions in template order. */
export function sectionsOf(tpl: Template, topic: Topic): { section: Section; questions: Question[] }[] {
  return tpl.section
    .filter((s) => s.topic === topic)
    .map((section) => ({ section, questions: tpl.question.filter((q) => q.section === section.id) }))
    .filter((s) => s.questions.length > 0);
}

/** Score per topic, with the share of the largest score (at least the high threshold) for bar lengths. */
export function topicScores(a: Assessment, highScore = 6): { topic: Topic; score: number; share: number; level: Level }[] {
  const max = Math.max(highScore, ...a.topics.map((x) => x.score));
  return a.topics.map((x) => ({ topic: x.topic, score: x.score, share: max > 0 ? x.score / max : 0, level: x.level }));
}

/** Conditions of the assessment not yet taken into the action plan, with their rendered text. */
export function suggestedConditions(v: AssessmentView): { mitigation: string; text: string; questions: string[] }[] {
  return v.assessment.conditions
    .map((c, i) => ({ c, text: v.report.conditions[i] ?? c.mitigation }))
    .filter(({ c }) => c.recorded === null || c.recorded === undefined)
    .map(({ c, text }) => ({ mitigation: c.mitigation, text, questions: c.questions }));
}

/** How many actions are open, and how many of those are overdue. */
export function planCounts(v: AssessmentView): { open: number; overdue: number } {
  return {
    open: v.actions.filter((a) => a.action.status === "open").length,
    overdue: v.actions.filter((a) => a.overdue).length,
  };
}
