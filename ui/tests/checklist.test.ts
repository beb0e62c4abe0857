import { describe, expect, it } from "vitest";
import { answerChoices, planCounts, sectionsOf, suggestedConditions, topicScores } from "../src/lib/checklist";
import type { AssessmentView } from "../src/lib/gen/AssessmentView";
import type { Question } from "../src/lib/gen/Question";
import type { Template } from "../src/lib/gen/Template";
import type { Assessment } from "../src/lib/gen/Assessment";

const text = (en: string) => ({ en, de: en });
const q = (id: string, section: string, extra: Partial<Question> = {}): Question => ({
  id, section, text: text(id), why: text("why"), sources: ["s"], kind: "yes_no", options: [], key: false,
  comment: "never", evidence: false, mitigations: [], escalate: [], prefill: [], ...extra,
});

describe("answerChoices", () => {
  it("offers yes/no plus unsure and not applicable", () => {
    expect(answerChoices(q("a", "s"), "en").map((c) => c.value)).toEqual(["yes", "no", "unsure", "not_applicable"]);
  });
  it("offers a choice question's own options first, labelled in the language", () => {
    const c = q("b", "s", { kind: "choice", options: [{ value: "none", label: { en: "None", de: "Keine" }, weight: 0 }, { value: "much", label: { en: "Much", de: "Viel" }, weight: 3 }] });
    expect(answerChoices(c, "de").map((x) => x.label).slice(0, 2)).toEqual(["Keine", "Viel"]);
    expect(answerChoices(c, "de").map((x) => x.value)).toEqual(["none", "much", "unsure", "not_applicable"]);
  });
});

describe("sectionsOf", () => {
  it("keeps template order and drops empty sections", () => {
    const tpl = {
      section: [
        { id: "s2", topic: "ip", title: text("S2") }, { id: "s1", topic: "ip", title: text("S1") },
        { id: "s3", topic: "ip", title: text("empty") }, { id: "d", topic: "dual_use", title: text("D") },
      ],
      question: [q("ip-02", "s1"), q("ip-01", "s2"), q("du-01", "d"), q("ip-03", "s2")],
    } as unknown as Template;
    const got = sectionsOf(tpl, "ip").map((s) => [s.section.id, s.questions.map((x) => x.id)]);
    expect(got).toEqual([["s2", ["ip-01", "ip-03"]], ["s1", ["ip-02"]]]);
  });
});

describe("topicScores", () => {
  it("scales bars to the high threshold or the largest score", () => {
    const a = { topics: [{ topic: "reciprocity", score: 3, level: "medium" }, { topic: "ip", score: 12, level: "high" }] } as unknown as Assessment;
    expect(topicScores(a).map((s) => s.share)).toEqual([0.25, 1]);
    const small = { topics: [{ topic: "ip", score: 3, level: "medium" }] } as unknown as Assessment;
    expect(topicScores(small)[0].share).toBe(0.5);
  });
});

describe("action plan helpers", () => {
  const view = {
    assessment: {
      conditions: [
        { mitigation: "mit-a", questions: ["du-01"], recorded: "open" },
        { mitigation: "mit-b", questions: ["ip-02", "ip-03"] },
      ],
    },
    report: { conditions: ["Do A (du-01)", "Do B (ip-02, ip-03)"] },
    actions: [
      { action: { id: "act-1", mitigation: "mit-a", title: "Do A", status: "open" }, overdue: true, condition: true },
      { action: { id: "act-2", title: "Own", status: "open" }, overdue: false, condition: false },
      { action: { id: "act-3", title: "Done", status: "met" }, overdue: false, condition: false },
    ],
  } as unknown as AssessmentView;

  it("suggests only conditions not yet in the plan, with the core's wording", () => {
    expect(suggestedConditions(view)).toEqual([{ mitigation: "mit-b", text: "Do B (ip-02, ip-03)", questions: ["ip-02", "ip-03"] }]);
  });
  it("counts open and overdue actions", () => {
    expect(planCounts(view)).toEqual({ open: 2, overdue: 1 });
  });
});
