// The register import wizard's state: the file, the sheet, the mapping being edited, the core's
// preview of what an import would create (every problem by sheet, row and column), and the outcome.
// Every change of sheet or mapping asks the core for a new preview, so what the page shows is always
// what the import would do; answers to an older request are dropped. The import sends the same sheet
// and mapping as the preview shown, and the core refuses it whole when any row has a problem.
import type { Backend } from "../api";
import { toIpcError } from "../api";
import type { Field } from "../gen/Field";
import type { IpcError } from "../gen/IpcError";
import type { MappingDefaults } from "../gen/MappingDefaults";
import type { RegisterColumn } from "../gen/RegisterColumn";
import type { RegisterImportOutcome } from "../gen/RegisterImportOutcome";
import type { RegisterMapping } from "../gen/RegisterMapping";
import type { RegisterOptions } from "../gen/RegisterOptions";
import type { RegisterPreview } from "../gen/RegisterPreview";
import { assign, mappingFrom, missingFields, pageCount, pageOfRow, withDefaults } from "../registerMapping";

export class RegisterWizard {
  /** The register file, as chosen or typed. */
  path = $state("");
  /** The core's latest preview; null before the first one or after a file could not be read. */
  preview = $state.raw<RegisterPreview | null>(null);
  /** The columns with the fields they fill as edited here (the preview's until the user changes one). */
  columns = $state.raw<RegisterColumn[]>([]);
  /** The workbook's sheets, kept when a sheet cannot be read so that another can be chosen. */
  sheets = $state.raw<string[]>([]);
  /** The mapping sent with the last preview; null while the core suggests one from the headers. */
  mapping = $state.raw<RegisterMapping | null>(null);
  /** The sheet asked for; null for the core's choice. */
  sheet = $state<string | null>(null);
  /** The page of the preview table (0-based). */
  page = $state(0);
  /** The spreadsheet row the user went to from the problem list, to highlight it. */
  focusRow = $state<number | null>(null);
  busy = $state(false);
  error = $state<IpcError | null>(null);
  outcome = $state.raw<RegisterImportOutcome | null>(null);
  #generation = 0;

  constructor(private api: Backend) {}

  /** Whether the preview can be imported: read, no problems, a title column. */
  get importable(): boolean {
    return this.preview !== null && this.preview.problems.length === 0 && this.preview.cases.length > 0
      && missingFields(this.columns).length === 0 && !this.busy;
  }

  /** The options the core reads the register with: the sheet and the edited mapping, if any. */
  get options(): RegisterOptions {
    const o: RegisterOptions = {};
    if (this.sheet !== null) o.sheet = this.sheet;
    if (this.mapping !== null) o.mapping = this.mapping;
    return o;
  }

  get pages(): number {
    return pageCount(this.preview?.cases.length ?? 0);
  }

  /** Reads a new file with a suggested mapping on its first (or its only readable) sheet. */
  open(path: string): Promise<void> {
    this.path = path.trim();
    this.sheet = null;
    this.mapping = null;
    this.sheets = [];
    this.outcome = null;
    return this.refresh();
  }

  /** Reads another sheet of the same file; the mapping is suggested again from its headers. */
  chooseSheet(name: string): Promise<void> {
    this.sheet = name;
    this.mapping = null;
    return this.refresh();
  }

  /** Lets `column` fill `field` (null: not imported) and previews again with that mapping. */
  setField(column: string, field: Field | null): Promise<void> {
    if (!this.preview) return Promise.resolve();
    this.columns = assign(this.columns, column, field);
    this.mapping = mappingFrom(this.columns, this.mapping ?? this.preview.mapping);
    return this.refresh();
  }

  /**
   * Gives every imported case these defaults (partner role, partner country, home institution) and
   * previews again; they go into the mapping, so a saved mapping file keeps them.
   */
  setDefaults(defaults: MappingDefaults): Promise<void> {
    if (!this.preview) return Promise.resolve();
    this.mapping = withDefaults(this.mapping ?? this.preview.mapping, defaults);
    return this.refresh();
  }

  /** Uses a mapping read from a file (its sheet, unless the user chose one here). */
  async loadMapping(file: string): Promise<void> {
    this.error = null;
    try {
      const m = await this.api.readRegisterMapping(file);
      this.mapping = m;
      this.sheet = null;
    } catch (e) {
      this.error = toIpcError(e);
      return;
    }
    await this.refresh();
  }

  /**
   * Writes the mapping the preview shown was read with (the core's: with its sheet and header row) as
   * a mapping file, as `--save-mapping` does.
   */
  async saveMapping(file: string): Promise<boolean> {
    if (!this.preview) return false;
    this.error = null;
    try {
      await this.api.writeRegisterMapping(file, this.preview.mapping);
      return true;
    } catch (e) {
      this.error = toIpcError(e);
      return false;
    }
  }

  /** Shows the page with the case of spreadsheet row `row` (from the problem list). */
  goToRow(row: number): void {
    const page = this.preview ? pageOfRow(this.preview.cases, row) : null;
    if (page !== null) this.page = page;
    this.focusRow = row;
  }

  /** Imports every row, or none when the core finds a problem (then the preview shows it again). */
  async import(): Promise<void> {
    if (!this.importable) return;
    const generation = ++this.#generation;
    this.busy = true;
    this.error = null;
    try {
      const outcome = await this.api.registerImport(this.path, this.options);
      if (generation !== this.#generation) return;
      this.outcome = outcome;
    } catch (e) {
      if (generation !== this.#generation) return;
      this.error = toIpcError(e);
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  /** Asks the core for the preview of the current file, sheet and mapping. */
  async refresh(): Promise<void> {
    if (!this.path) return;
    const generation = ++this.#generation;
    this.busy = true;
    this.error = null;
    try {
      const preview = await this.api.registerPreview(this.path, this.options);
      if (generation !== this.#generation) return;
      this.preview = preview;
      this.columns = preview.columns;
      this.sheets = preview.sheets;
      this.sheet = preview.sheet;
      this.page = Math.min(this.page, pageCount(preview.cases.length) - 1);
      this.focusRow = null;
    } catch (e) {
      if (generation !== this.#generation) return;
      this.preview = null;
      this.columns = [];
      this.error = toIpcError(e);
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }
}
