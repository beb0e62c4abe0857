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
