import { describe, expect, it } from "vitest";
import { discussed, keyAction, parseParticipants, workshopInput, type Draft, type Original } from "../src/lib/workshop";

const draft = (over: Partial<Draft> = {}): Draft => ({ answer: null, comment: "", by: [], disagreements: [], ...over });

describe("workshop mode", () => {
  it("reads participants one per line or separated by commas, without blanks or repeats", () => {
    expect(parseParticipants(" Anna Berg\n\nLi  Wei, Jonas Ritter;Anna Berg\n")).toEqual(["Anna Berg", "Li Wei", "Jonas Ritter"]);
    expect(parseParticipants("  \n ,")).toEqual([]);
  });

  it("maps the presentation keys, and ignores them while typing", () => {
    expect(keyAction("ArrowRight", false)).toEqual({ kind: "next" });
    expect(keyAction("PageUp", false)).toEqual({ kind: "previous" });
    expect(keyAction("3", false)).toEqual({ kind: "answer", index: 2 });
    expect(keyAction("h", false)).toEqual({ kind: "help" });
    expect(keyAction("E", false)).toEqual({ kind: "end" });
    expect(keyAction("0", false)).toBeNull();
    expect(keyAction("3", true)).toBeNull();
    expect(keyAction("ArrowRight", true)).toBeNull();
    expect(keyAction("1", false, true)).toBeNull();
  });

  it("hands over only the questions discussed, in the order shown", () => {
    const originals: Record<string, Original> = {
      a: { value: "yes", comment: "" },
      b: { value: null, comment: "" },
      c: { value: "no", comment: "old" },
      d: { value: "no", comment: "" },
    };
    const drafts: Record<string, Draft> = {
      a: draft({ answer: "yes" }), // confirmed as it was: nothing to record
      b: draft({ answer: "unsure", by: ["Anna", "Nobody"] }),
      c: draft({ comment: " new evidence " }),
      d: draft({ disagreements: [{ by: "Li", comment: "the parent is listed" }, { by: "Li", comment: " " }] }),
    };
    expect(discussed(drafts.a, originals.a)).toBe(false);
    const input = workshopInput(new Date("2026-03-02T09:00:00Z"), ["Anna", "Li"], ["d", "c", "b", "a"], drafts, originals);
    expect(input.started_at).toBe("2026-03-02T09:00:00.000Z");
    expect(input.participants).toEqual(["Anna", "Li"]);
    expect(input.answers.map((x) => x.question)).toEqual(["d", "c", "b"]);
    const [d, c, b] = input.answers;
    expect(d.answer).toBe("no");
    expect(d.disagreements).toEqual([{ by: "Li", comment: "the parent is listed" }]);
    expect(c).toMatchObject({ answer: "no", comment: "new evidence", by: [] });
    expect(b).toMatchObject({ answer: "unsure", by: ["Anna"] });
  });
});

describe("the workshop view by keyboard", () => {
  it("keeps the focus on the stage when the next question lacks what had it", async () => {
    const { flushSync, mount, unmount } = await import("svelte");
    const { RecordedBackend } = await import("../src/lib/preview");
    const { default: WorkshopView } = await import("../src/views/WorkshopView.svelte");
    const settle = () => new Promise((r) => setTimeout(r, 0)).then(() => flushSync());
    const key = (el: Element, k: string) => el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    const target = document.createElement("div");
    document.body.append(target);
    // The recorded cases with an assessment are decided; this one is taken as still in review.
    const backend = new RecordedBackend();
    const recorded = backend.assessCase.bind(backend);
    backend.assessCase = async (id, lang) => ({ ...(await recorded(id, lang)), status: "in_review" });
    const view = mount(WorkshopView, { target, props: { api: backend, id: "DEMO-01", onback: () => {} } });
    try {
      for (let i = 0; i < 5 && !target.querySelector("#workshop-participants"); i++) await settle();
      const names = target.querySelector<HTMLTextAreaElement>("#workshop-participants");
      expect(document.activeElement).toBe(names);
      if (names) { names.value = "Anna Berg\nLi Wei"; names.dispatchEvent(new Event("input", { bubbles: true })); }
      flushSync();
      target.querySelector<HTMLButtonElement>("#workshop-start")?.click();
      await settle();
      const stage = () => target.querySelector<HTMLElement>("#workshop-stage");
      expect(document.activeElement).toBe(stage());
      const first = stage()?.dataset.questionId;

      // "1" answers; the names who gave it appear, and a keyboard user tabs onto one of them.
      key(stage()!, "1");
      flushSync();
      const who = target.querySelector<HTMLInputElement>(".by input[type=checkbox]");
      expect(who).not.toBeNull();
      who?.focus();
      // → moves on to a question not answered yet, which has no names: the focus goes to the stage.
      key(who!, "ArrowRight");
      await settle();
      expect(stage()?.dataset.questionId).not.toBe(first);
      expect(target.querySelector(".by")).toBeNull();
      expect(document.activeElement).toBe(stage());
    } finally {
      unmount(view);
      target.remove();
    }
  });
});
