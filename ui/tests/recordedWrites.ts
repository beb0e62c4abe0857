// Test doubles for writes over the recorded demo answers: the preview refuses every write, so the tests
// of the stores that write say what the core answers, mostly with answers recorded from it.
import { RecordedBackend, recorded } from "../src/lib/preview";
import type { Case } from "../src/lib/gen/Case";
import type { CaseView } from "../src/lib/gen/CaseView";

/** A recorded demo case as the editor gets it. */
export function demoCase(id = "DEMO-06"): CaseView {
  const view = recorded<CaseView>("get_case", { id });
  if (!view) throw new Error(`get_case ${id} was not recorded: run \`cargo xtask record-fixtures\``);
  return view;
}

/**
 * The recorded backend, with `save_case` answered by the test: every case sent is kept in `saved`; the
 * next answer is taken from `answers` if the test queued one, else the case comes back as stored.
 */
export function savingBackend(view: CaseView) {
  const backend = new RecordedBackend();
  const saved: Case[] = [];
  const answers: ((c: Case) => Promise<CaseView>)[] = [];
  let tick = 0;
  backend.saveCase = (c: Case) => {
    saved.push(structuredClone(c));
    const next = answers.shift();
    if (next) return next(c);
    tick += 1;
    return Promise.resolve({ ...view, case: { ...structuredClone(c), updated_at: `2026-06-01T09:00:${String(tick).padStart(2, "0")}Z` } });
  };
  return { backend, saved, answers };
}
