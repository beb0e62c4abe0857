// Importing a case bundle: the first attempt imports nothing when cases conflict with stored ones and
// brings back the conflicts; the user then chooses keep, replace or copy for all of them (or cancels),
// and the second attempt imports with that choice. The rules themselves are in the Rust core.
import type { Backend } from "../api";
import { toIpcError } from "../api";
import type { BundleImportOutcome } from "../gen/BundleImportOutcome";
import type { IpcError } from "../gen/IpcError";
import type { OnConflict } from "../gen/OnConflict";
import type { ProblemAt } from "../gen/ProblemAt";

export class BundleImport {
  /** The bundle being imported. */
  path = $state<string | null>(null);
  busy = $state(false);
  /** Conflicting cases waiting for the user's choice. */
  conflicts = $state<ProblemAt[]>([]);
  outcome = $state<BundleImportOutcome | null>(null);
  error = $state<IpcError | null>(null);

  constructor(private api: Backend, private onimported: () => void | Promise<void>) {}

  /** Tries to import `path`; on conflicts, waits for `choose`. */
  start(path: string): Promise<void> {
    this.path = path;
    this.conflicts = [];
    this.outcome = null;
    this.error = null;
    return this.run(null);
  }

  /** Imports the pending bundle with the user's choice for its conflicting cases. */
  choose(choice: OnConflict): Promise<void> {
    return this.run(choice);
  }

  /** Gives up on the pending bundle; nothing was imported. */
  cancel(): void {
    this.conflicts = [];
    this.path = null;
  }

  private async run(choice: OnConflict | null): Promise<void> {
    if (this.path === null) return;
    this.busy = true;
    try {
      this.outcome = await this.api.importBundle(this.path, choice);
      this.conflicts = [];
      this.path = null;
      await this.onimported();
    } catch (e) {
      const err = toIpcError(e);
      if (err.code === "bundle.conflict" && choice === null) {
        this.conflicts = err.problems;
      } else {
        this.error = err;
        this.conflicts = [];
        this.path = null;
      }
    } finally {
      this.busy = false;
    }
  }
}
