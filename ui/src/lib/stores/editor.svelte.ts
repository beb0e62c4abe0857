// The case editor's state and its autosave: every change marks the case dirty and schedules a debounced
// save of the whole case. A save's answer replaces local state only when no newer edit happened meanwhile;
// a rejected save keeps the edits. Saves never overlap.
import type { Backend } from "../api";
import { toIpcError } from "../api";
import type { Case } from "../gen/Case";
import type { CaseView } from "../gen/CaseView";
import type { Facility } from "../gen/Facility";
import type { IpcError } from "../gen/IpcError";
import type { Organisation } from "../gen/Organisation";
import type { ProblemAt } from "../gen/ProblemAt";
import { groupProblems } from "../problems";

export type SaveState = "saved" | "saving" | "dirty" | "invalid" | "error";

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const ISO2 = /^[A-Z]{2}$/;

/** Problems the UI can see before asking the core (values that would not even reach it as typed JSON). */
export function localProblems(c: Case): ProblemAt[] {
  const out: ProblemAt[] = [];
  const add = (path: string, message: string) => out.push({ file: c.id, path, message, line: null, column: null });
  const country = (path: string, v: string | undefined) => {
    if (v !== undefined && !ISO2.test(v)) add(path, `expected a two-letter ISO 3166-1 code such as "CN", found "${v}"`);
  };
  c.items.forEach((x, i) => country(`items[${i}].destination_country`, x.destination_country));
  c.data.forEach((x, i) => {
    country(`data[${i}].generated_in`, x.generated_in);
    country(`data[${i}].stored_in`, x.stored_in);
  });
  c.funding.forEach((x, i) => {
    country(`funding[${i}].country`, x.country);
    if (x.amount_eur !== undefined && !(Number.isFinite(x.amount_eur) && x.amount_eur >= 0)) {
      add(`funding[${i}].amount_eur`, "expected an amount of zero or more euros");
    }
  });
  return out;
}

export class CaseEditor {
  case: Case = $state() as Case;
  organisations: Organisation[] = $state([]);
  facility: Facility | null = $state(null);
  state: SaveState = $state("saved");
  problems: ProblemAt[] = $state([]);
  error: IpcError | null = $state(null);
  readonly problemsByField = $derived(groupProblems(this.problems));

  /** Bumped on every edit. */
  #revision = 0;
  /** Revision last confirmed by the core. */
  #savedRevision = 0;
  #timer: unknown = null;
  #inflight: Promise<void> | null = null;
  #backend: Backend;
  #timers: Timers;
  #delay: number;

  constructor(backend: Backend, view: CaseView, opts: { delayMs?: number; timers?: Timers } = {}) {
    this.#backend = backend;
    this.#timers = opts.timers ?? realTimers;
    this.#delay = opts.delayMs ?? 500;
    this.case = view.case;
    this.organisations = view.organisations;
    this.facility = view.facility;
  }

  get hasUnsavedChanges(): boolean {
    return this.#revision !== this.#savedRevision;
  }

  organisation(id: string): Organisation | undefined {
    return this.organisations.find((o) => o.id === id);
  }

  /** Remembers registry entries the case now refers to (picked in a picker), for display. */
  rememberOrganisation(o: Organisation): void {
    if (!this.organisation(o.id)) this.organisations = [...this.organisations, o];
  }

  /** Records an edit: optionally applies `mutate`, marks dirty and schedules a save. */
  change(mutate?: (c: Case) => void): void {
    if (mutate) mutate(this.case);
    this.#revision += 1;
    this.state = "dirty";
    this.#schedule();
  }

  setFacility(f: Facility | null): void {
    this.facility = f;
    this.change((c) => (c.facility_id = f ? f.id : null));
  }

  #schedule(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = this.#timers.set(() => {
      this.#timer = null;
      void this.#save();
    }, this.#delay);
  }

  async #save(): Promise<void> {
    if (this.#inflight) {
      // Wait for the running save; its completion handler saves again if needed.
      await this.#inflight;
      return;
    }
    if (!this.hasUnsavedChanges) return;
    const revision = this.#revision;
    const snapshot = $state.snapshot(this.case as unknown) as Case;
    const local = localProblems(snapshot);
    if (local.length) {
      this.problems = local;
      this.state = "invalid";
      return;
    }
    this.state = "saving";
    this.#inflight = (async () => {
      try {
        const view = await this.#backend.saveCase(snapshot);
        this.#savedRevision = Math.max(this.#savedRevision, revision);
        this.problems = [];
        this.error = null;
        // Registry entries are facts of the core: always take them.
        this.organisations = view.organisations;
        if (this.#revision === revision) {
          this.case = view.case;
          this.facility = view.facility;
          this.state = "saved";
        } else {
          // A newer edit happened while saving: keep it, but take the new change stamp.
          this.case.updated_at = view.case.updated_at;
          this.state = "dirty";
        }
      } catch (e) {
        const err = toIpcError(e);
        if (this.#revision === revision) {
          if (err.code === "input.invalid") {
            this.problems = err.problems;
            this.error = null;
            this.state = "invalid";
          } else {
            this.error = err;
            this.state = "error";
          }
        } else {
          this.state = "dirty";
        }
      } finally {
        this.#inflight = null;
      }
    })();
    await this.#inflight;
    // Edits made during the save whose timer already fired (or none pending): save them now.
    if (this.hasUnsavedChanges && this.#timer === null && (this.state as SaveState) === "dirty") await this.#save();
  }

  /** Saves now whatever is pending; resolves to the resulting state. Used before leaving the editor. */
  async flush(): Promise<SaveState> {
    if (this.#timer !== null) {
      this.#timers.clear(this.#timer);
      this.#timer = null;
    }
    if (this.#inflight) await this.#inflight;
    if (this.hasUnsavedChanges && this.state !== "saving") await this.#save();
    if (this.#inflight) await this.#inflight;
    return this.hasUnsavedChanges ? (this.state === "saved" ? "dirty" : this.state) : "saved";
  }

  /** Retries a failed save right away. */
  retry(): void {
    if (this.hasUnsavedChanges) void this.flush();
  }

  /** Stops autosaving (editor closed). */
  dispose(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
  }
}
