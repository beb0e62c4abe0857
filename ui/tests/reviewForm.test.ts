import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import ReviewForm from "../src/lib/components/ReviewForm.svelte";
import type { HitDecision } from "../src/lib/gen/HitDecision";
import type { IpcError } from "../src/lib/gen/IpcError";

type Saved = [HitDecision, string, string];

function settle() {
  return new Promise((r) => setTimeout(r, 0)).then(() => flushSync());
}

function type(el: HTMLInputElement | HTMLTextAreaElement | null, value: string) {
  if (!el) throw new Error("field missing");
  el.value = value;
  el.dispatchEvent(new Event("input"));
  flushSync();
}

/** Mounts the form with an `onsave` that records its arguments and answers with `answer`. */
function form(props: { prefix: string; item: string | number; words: "hits" | "pubs"; noteRequired?: boolean }, answer: IpcError | null = null) {
  const saved: Saved[] = [];
  const target = document.createElement("div");
  document.body.append(target);
  const view = mount(ReviewForm, {
    target,
    props: { ...props, onsave: (d: HitDecision, by: string, note: string) => { saved.push([d, by, note]); return Promise.resolve(answer); } },
  });
  flushSync();
  return { target, saved, done: () => { unmount(view); target.remove(); } };
}

describe("the review form", () => {
  afterEach(() => localStorage.clear());

  it("asks a hit's reviewer for a reason, keeps the ids the window tests use and returns focus", async () => {
    localStorage.setItem("coopdesk.name", "Kept Name");
    const { target, saved, done } = form({ prefix: "hit", item: "el-hit", words: "hits", noteRequired: true });
    try {
      expect(target.querySelector("form")).toBeNull();
      target.querySelector<HTMLButtonElement>('[data-testid="hit-dismiss"]')?.click();
      flushSync();
      const note = target.querySelector<HTMLTextAreaElement>("#hit-note-el-hit");
      const by = target.querySelector<HTMLInputElement>("#hit-by-el-hit");
      expect(note?.required).toBe(true);
      expect(by?.value).toBe("Kept Name");
      expect(document.activeElement).toBe(note);
      const save = target.querySelector<HTMLButtonElement>('[data-testid="hit-save"]');
      expect(save?.textContent).toBe("Mark as false positive");

      // No reason: nothing is sent, the form stays.
      save?.click();
      await settle();
      expect(saved).toEqual([]);
      expect(target.querySelector("form")).not.toBeNull();

      type(note, "  Different institute, other city.  ");
      save?.click();
      await settle();
      expect(saved).toEqual([["false_positive", "Kept Name", "Different institute, other city."]]);
      expect(target.querySelector("form")).toBeNull();
      expect(document.activeElement).toBe(target.querySelector('[data-testid="hit-dismiss"]'));
    } finally {
      done();
    }
  });

  it("lets a co-authorship be confirmed without a note, shows a refusal and keeps the form open", async () => {
    const refusal: IpcError = { code: "input.invalid", message: "the check changed since", problems: [] };
    const { target, saved, done } = form({ prefix: "co", item: 3, words: "pubs" }, refusal);
    try {
      target.querySelector<HTMLButtonElement>('[data-testid="co-confirm"]')?.click();
      flushSync();
      expect(target.querySelector<HTMLTextAreaElement>("#co-note-3")?.required).toBe(false);
      const save = target.querySelector<HTMLButtonElement>('[data-testid="co-save"]');
      expect(save?.textContent).toBe("Confirm the co-authorship");

      // A name is still required.
      save?.click();
      await settle();
      expect(saved).toEqual([]);

      type(target.querySelector<HTMLInputElement>("#co-by-3"), "A. Reviewer");
      save?.click();
      await settle();
      expect(saved).toEqual([["confirmed", "A. Reviewer", ""]]);
      expect(localStorage.getItem("coopdesk.name")).toBe("A. Reviewer");
      expect(target.querySelector('[role="alert"]')).not.toBeNull();
      expect(target.querySelector("form")).not.toBeNull();
    } finally {
      done();
    }
  });

  it("closes on cancel without saving", () => {
    const { target, saved, done } = form({ prefix: "co", item: 1, words: "pubs" });
    try {
      target.querySelector<HTMLButtonElement>('[data-testid="co-dismiss"]')?.click();
      flushSync();
      const cancel = [...target.querySelectorAll<HTMLButtonElement>("button")].find((b) => b.type === "button");
      cancel?.click();
      flushSync();
      expect(target.querySelector("form")).toBeNull();
      expect(saved).toEqual([]);
    } finally {
      done();
    }
  });
});
