import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import PeriodSection from "../src/lib/components/editor/PeriodSection.svelte";
import BasicsSection from "../src/lib/components/editor/BasicsSection.svelte";
import ItemsSection from "../src/lib/components/editor/ItemsSection.svelte";
import { CaseEditor } from "../src/lib/stores/editor.svelte";
import { example } from "../src/lib/preview";
import { demoCase, savingBackend } from "./recordedWrites";

/** Mounts a section of the form over an editor of a recorded demo case. */
function mounted(component: typeof PeriodSection, editor: CaseEditor) {
  const target = document.createElement("div");
  document.body.append(target);
  const view = mount(component, { target, props: { editor } });
  flushSync();
  return { target, done: () => { unmount(view); target.remove(); } };
}

describe("case form sections over one field component", () => {
  it("ties every label to its input and the core's problems to the field they name", () => {
    const view = demoCase();
    const editor = new CaseEditor(savingBackend(view).backend, view);
    // The core's recorded refusal: no title, and an end before the start.
    editor.problems = example("save_case.invalid").error?.problems ?? [];
    for (const section of [BasicsSection, PeriodSection]) {
      const { target, done } = mounted(section, editor);
      try {
        for (const label of target.querySelectorAll("label[for]")) {
          expect(target.querySelector(`#${label.getAttribute("for")}`), label.textContent ?? "").not.toBeNull();
        }
      } finally {
        done();
      }
    }
    const { target, done } = mounted(PeriodSection, editor);
    try {
      const end = target.querySelector<HTMLInputElement>("#case-end");
      expect(end?.getAttribute("aria-invalid")).toBe("true");
      const said = target.querySelector(`#${end?.getAttribute("aria-describedby")}`);
      expect(said?.textContent).toMatch(/on or after start/);
      // A field without problems is neither marked nor described.
      const start = target.querySelector<HTMLInputElement>("#case-start");
      expect(start?.hasAttribute("aria-invalid")).toBe(false);
      expect(start?.hasAttribute("aria-describedby")).toBe(false);
    } finally {
      done();
    }
  });

  it("adds a row through the editor, focused, with the ids the problems are filed under", async () => {
    const view = demoCase();
    const editor = new CaseEditor(savingBackend(view).backend, view, { delayMs: 60_000 });
    const { target, done } = mounted(ItemsSection, editor);
    try {
      const n = view.case.items.length;
      expect(target.querySelectorAll('[data-testid="item-row"]')).toHaveLength(n);
      target.querySelector<HTMLButtonElement>(".sec-head button")?.click();
      await Promise.resolve();
      flushSync();
      expect(target.querySelectorAll('[data-testid="item-row"]')).toHaveLength(n + 1);
      expect(editor.state).toBe("dirty");
      for (const f of ["description", "control_code", "destination_country"]) {
        expect(target.querySelector(`label[for="item-${n}-${f}"]`)).not.toBeNull();
        expect(target.querySelector(`#item-${n}-${f}`)).not.toBeNull();
      }
    } finally {
      editor.dispose();
      done();
    }
  });
});
