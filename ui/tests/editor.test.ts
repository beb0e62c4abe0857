import { describe, expect, it, vi, beforeEach, afterEach } from "vitest";
import { flushSync } from "svelte";
import { CaseEditor } from "../src/lib/stores/editor.svelte";
import { example } from "../src/lib/preview";
import type { Case } from "../src/lib/gen/Case";
import type { CaseView } from "../src/lib/gen/CaseView";
import { demoCase, savingBackend } from "./recordedWrites";

/** A backend whose save_case answers only when the test says so. */
function controlledBackend() {
  const view = demoCase();
  const { backend } = savingBackend(view);
  const pending: { c: Case; resolve: (v: CaseView) => void; reject: (e: unknown) => void }[] = [];
  backend.saveCase = (c: Case) => new Promise<CaseView>((resolve, reject) => pending.push({ c, resolve, reject }));
  return { view, pending, backend };
}

/** The core's refusal of a case without a title and with an end before its start (recorded). */
const refused = () => Promise.reject(example("save_case.invalid").error);

async function settle() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  flushSync();
}

describe("autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("debounces edits into one save", async () => {
    const view = demoCase();
    const { backend, saved } = savingBackend(view);
    const spy = vi.spyOn(backend, "saveCase");
    const ed = new CaseEditor(backend, view, { delayMs: 500 });
    ed.change((c) => (c.title = "A"));
    ed.change((c) => (c.title = "AB"));
    expect(ed.state).toBe("dirty");
    vi.advanceTimersByTime(499);
    expect(spy).not.toHaveBeenCalled();
    ed.change((c) => (c.title = "ABC"));
    vi.advanceTimersByTime(499);
    expect(spy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(ed.state).toBe("saving");
    await settle();
    expect(ed.state).toBe("saved");
    expect(spy.mock.calls[0][0].title).toBe("ABC");
    expect(saved.map((c) => c.title)).toEqual(["ABC"]);
    expect(ed.hasUnsavedChanges).toBe(false);
  });

  it("keeps a newer edit when an older save answers late, then saves it", async () => {
    const { view, pending, backend } = controlledBackend();
    const ed = new CaseEditor(backend, view, { delayMs: 500 });
    ed.change((c) => (c.title = "First"));
    vi.advanceTimersByTime(500);
    expect(pending).toHaveLength(1);
    // A newer edit while the first save is in flight.
    ed.change((c) => (c.title = "Second"));
    // The first save answers (with the old title) after the newer edit.
    pending[0].resolve({ ...view, case: { ...pending[0].c, updated_at: "2030-01-01T00:00:00Z" } });
    await settle();
    expect(ed.case.title).toBe("Second");
    expect(ed.case.updated_at).toBe("2030-01-01T00:00:00Z");
    expect(ed.state).toBe("dirty");
    vi.advanceTimersByTime(500);
    await settle();
    expect(pending).toHaveLength(2);
    expect(pending[1].c.title).toBe("Second");
    pending[1].resolve({ ...view, case: { ...pending[1].c } });
    await settle();
    expect(ed.state).toBe("saved");
    expect(ed.case.title).toBe("Second");
  });

  it("never runs two saves at once", async () => {
    const { view, pending, backend } = controlledBackend();
    const ed = new CaseEditor(backend, view, { delayMs: 100 });
    ed.change((c) => (c.title = "1"));
    vi.advanceTimersByTime(100);
    ed.change((c) => (c.title = "2"));
    vi.advanceTimersByTime(100);
    await settle();
    expect(pending).toHaveLength(1);
    pending[0].resolve({ ...view, case: pending[0].c });
    await settle();
    expect(pending).toHaveLength(2);
    expect(pending[1].c.title).toBe("2");
  });

  it("keeps edits and shows problems when the core says input.invalid", async () => {
    const view = demoCase();
    const { backend, answers } = savingBackend(view);
    answers.push(refused);
    const ed = new CaseEditor(backend, view, { delayMs: 500 });
    ed.change((c) => {
      c.title = "";
      c.start = "2026-05-01";
      c.end = "2026-04-01";
    });
    vi.advanceTimersByTime(500);
    await settle();
    expect(ed.state).toBe("invalid");
    expect(ed.case.title).toBe("");
    expect(ed.case.end).toBe("2026-04-01");
    expect(ed.problemsByField.get("case-title")).toBeDefined();
    expect(ed.problemsByField.get("case-end")?.[0]).toMatch(/on or after start/);
    expect(ed.hasUnsavedChanges).toBe(true);
    // Fixing it saves and clears the problems.
    ed.change((c) => {
      c.title = "Fixed";
      c.end = "2026-06-01";
    });
    vi.advanceTimersByTime(500);
    await settle();
    expect(ed.state).toBe("saved");
    expect(ed.problems).toEqual([]);
  });

  it("catches bad country codes before they reach the core", async () => {
    const view = demoCase();
    const { backend } = savingBackend(view);
    const spy = vi.spyOn(backend, "saveCase");
    const ed = new CaseEditor(backend, view, { delayMs: 10 });
    ed.change((c) => c.items.push({ description: "Laser", destination_country: "C" }));
    vi.advanceTimersByTime(10);
    await settle();
    expect(spy).not.toHaveBeenCalled();
    expect(ed.state).toBe("invalid");
    expect(ed.problemsByField.has(`item-${view.case.items.length}-destination_country`)).toBe(true);
  });

  it("flush saves pending edits at once (leaving the editor)", async () => {
    const view = demoCase();
    const { backend, saved } = savingBackend(view);
    const ed = new CaseEditor(backend, view, { delayMs: 500 });
    ed.change((c) => (c.notes = "do not lose me"));
    const p = ed.flush();
    await settle();
    expect(await p).toBe("saved");
    expect(saved.at(-1)?.notes).toBe("do not lose me");
  });

  it("flush reports invalid so the UI can ask, and error on other failures", async () => {
    const view = demoCase();
    const { backend, answers } = savingBackend(view);
    answers.push(refused);
    const ed = new CaseEditor(backend, view, { delayMs: 500 });
    ed.change((c) => (c.title = ""));
    const r = ed.flush();
    await settle();
    expect(await r).toBe("invalid");
    ed.change((c) => (c.title = "ok"));
    answers.push(() => Promise.reject({ code: "db.busy", message: "busy", problems: [] }));
    const r2 = ed.flush();
    await settle();
    expect(await r2).toBe("error");
    expect(ed.error?.code).toBe("db.busy");
    expect(ed.case.title).toBe("ok");
    ed.retry();
    await settle();
    expect(ed.state).toBe("saved");
  });
});
