// The browser preview's backend (`npm run dev` without Tauri): the answers the demo database gave,
// recorded through the real core by `cargo xtask record-fixtures` into `fixtures/`, served read-only.
// It holds no store logic: a call is answered only if exactly that call was recorded; writes and
// everything else are refused with the preview's one error. The app never loads this chunk.
import type { Backend } from "./api";
import type { IpcError } from "./gen/IpcError";
import type { ActionInput } from "./gen/ActionInput";
import type { Answer } from "./gen/Answer";
import type { AssessmentView } from "./gen/AssessmentView";
import type { BackupCheck } from "./gen/BackupCheck";
import type { BundleImportOutcome } from "./gen/BundleImportOutcome";
import type { BundleWritten } from "./gen/BundleWritten";
import type { Case } from "./gen/Case";
import type { CaseHistory } from "./gen/CaseHistory";
import type { CasePage } from "./gen/CasePage";
import type { CaseQuery } from "./gen/CaseQuery";
import type { CaseScreening } from "./gen/CaseScreening";
import type { CaseStatus } from "./gen/CaseStatus";
import type { CaseView } from "./gen/CaseView";
import type { Dashboard } from "./gen/Dashboard";
import type { DbInfo } from "./gen/DbInfo";
import type { EncryptionChange } from "./gen/EncryptionChange";
import type { Facility } from "./gen/Facility";
import type { FacilityInput } from "./gen/FacilityInput";
import type { HitDecision } from "./gen/HitDecision";
import type { ImportOutcome } from "./gen/ImportOutcome";
import type { Lang } from "./gen/Lang";
import type { LevelOverride } from "./gen/LevelOverride";
import type { ListFormat } from "./gen/ListFormat";
import type { ListImportOutcome } from "./gen/ListImportOutcome";
import type { ListSnapshotRow } from "./gen/ListSnapshotRow";
import type { OnConflict } from "./gen/OnConflict";
import type { Organisation } from "./gen/Organisation";
import type { OrganisationInput } from "./gen/OrganisationInput";
import type { PartnerScreening } from "./gen/PartnerScreening";
import type { PubsCheck } from "./gen/PubsCheck";
import type { PdfWritten } from "./gen/PdfWritten";
import type { WorkshopInput } from "./gen/WorkshopInput";
import type { WorkshopOutcome } from "./gen/WorkshopOutcome";
import type { TemplateRef } from "./gen/TemplateRef";
import type { TemplateView } from "./gen/TemplateView";
import type { Topic } from "./gen/Topic";
import type { RegisterImportOutcome } from "./gen/RegisterImportOutcome";
import type { RegisterMapping } from "./gen/RegisterMapping";
import type { RegisterOptions } from "./gen/RegisterOptions";
import type { RegisterPreview } from "./gen/RegisterPreview";
import type { TransitionInput } from "./gen/TransitionInput";
import type { TransitionOutcome } from "./gen/TransitionOutcome";

/** One recorded call: the arguments as `api.ts` sends them and the core's answer. */
interface RecordedCall {
  args: Record<string, unknown>;
  answer: unknown;
}

/** A fixture file: the recorded calls of one command. */
interface CommandFile {
  command: string;
  calls: RecordedCall[];
}

/** `examples.json`: answers to writes, recorded for the tests (a refused save, a bundle conflict …). */
interface ExamplesFile {
  examples: Record<string, { answer?: unknown; error?: IpcError }>;
}

const files = import.meta.glob<CommandFile | ExamplesFile>("./fixtures/*.json", { eager: true, import: "default" });

/** JSON text of `v` with object keys sorted, so equal arguments give equal keys whatever their order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

const key = (cmd: string, args: Record<string, unknown>) => `${cmd} ${canonical(args)}`;

const answers = new Map<string, unknown>();
let examples: ExamplesFile["examples"] = {};
for (const file of Object.values(files)) {
  if ("examples" in file) examples = file.examples;
  else for (const c of file.calls) answers.set(key(file.command, c.args), c.answer);
}

/** A recorded answer (a fresh copy), or undefined when that call was not recorded. */
export function recorded<T>(cmd: string, args: Record<string, unknown>): T | undefined {
  const k = key(cmd, args);
  return answers.has(k) ? (structuredClone(answers.get(k)) as T) : undefined;
}

/** Every recorded call of a command, for tests that go through them all. */
export function recordedCalls(cmd: string): RecordedCall[] {
  const file = Object.values(files).find((f): f is CommandFile => "command" in f && f.command === cmd);
  return structuredClone(file?.calls ?? []);
}

/** A recorded answer to a write (`examples.json`), for tests: `{ answer }` or `{ error }`. */
export function example(name: string): { answer?: unknown; error?: IpcError } {
  const e = examples[name];
  if (!e) throw new Error(`no recorded example "${name}": see xtask/src/record.rs`);
  return structuredClone(e);
}

/**
 * The preview's one error: it cannot change anything, nor answer a call that was not recorded. The
 * code is `internal` (no code of the core fits); the UI says "the preview is read-only" for it.
 */
export function refusal(cmd: string): IpcError {
  return {
    code: "internal",
    message: `the browser preview is read-only and answers only calls recorded from the demo database (not this "${cmd}")`,
    problems: [],
  };
}

export class RecordedBackend implements Backend {
  readonly isPreview = true;
  /** Every call, for assertions. */
  calls: { cmd: string; args: Record<string, unknown> }[] = [];
  #latency: number;

  constructor(opts: { latencyMs?: number } = {}) {
    this.#latency = opts.latencyMs ?? 0;
  }

  async #answer<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    this.calls.push({ cmd, args: structuredClone(args) });
    if (this.#latency > 0) await new Promise((r) => setTimeout(r, this.#latency));
    else await Promise.resolve();
    const found = recorded<T>(cmd, args);
    if (found === undefined) throw refusal(cmd);
    return found;
  }

  async #refuse<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    this.calls.push({ cmd, args: structuredClone(args) });
    await Promise.resolve();
    throw refusal(cmd);
  }

  dbInfo() { return this.#answer<DbInfo>("db_info"); }
  dbPath() { return this.#answer<string>("db_path"); }
  listCases(query: CaseQuery) { return this.#answer<CasePage>("list_cases", { query }); }
  dashboard(openOnly: boolean) { return this.#answer<Dashboard>("dashboard", { openOnly }); }
  getCase(id: string) { return this.#answer<CaseView>("get_case", { id }); }
  searchOrganisations(text: string, limit: number) { return this.#answer<Organisation[]>("search_organisations", { text, limit }); }
  searchFacilities(text: string, limit: number) { return this.#answer<Facility[]>("search_facilities", { text, limit }); }
  assessCase(id: string, lang: Lang) { return this.#answer<AssessmentView>("assess_case", { id, lang }); }
  caseHistory(id: string) { return this.#answer<CaseHistory>("case_history", { id }); }
  screeningForCase(id: string) { return this.#answer<CaseScreening>("screening_for_case", { id }); }
  listSnapshots() { return this.#answer<ListSnapshotRow[]>("list_snapshots"); }
  getTemplate(template: TemplateRef) { return this.#answer<TemplateView>("get_template", { template }); }
  newerTemplate(id: string) { return this.#answer<TemplateRef | null>("newer_template", { id }); }
  firstPaint(): Promise<null> { return Promise.resolve(null); }

  createCase(title: string) { return this.#refuse<CaseView>("create_case", { title }); }
  saveCase(c: Case) { return this.#refuse<CaseView>("save_case", { case: c }); }
  saveOrganisation(input: OrganisationInput) { return this.#refuse<Organisation>("save_organisation", { input }); }
  saveFacility(input: FacilityInput) { return this.#refuse<Facility>("save_facility", { input }); }
  importCaseFiles(paths: string[]) { return this.#refuse<ImportOutcome>("import_case_files", { paths }); }
  exportCase(id: string, path: string) { return this.#refuse<null>("export_case", { id, path }); }
  // The preview has no files to read: the register wizard's calls are refused like writes.
  registerPreview(path: string, options: RegisterOptions) { return this.#refuse<RegisterPreview>("register_preview", { path, options }); }
  registerImport(path: string, options: RegisterOptions) { return this.#refuse<RegisterImportOutcome>("register_import", { path, options }); }
  readRegisterMapping(path: string) { return this.#refuse<RegisterMapping>("read_register_mapping", { path }); }
  writeRegisterMapping(path: string, mapping: RegisterMapping) { return this.#refuse<null>("write_register_mapping", { path, mapping }); }
  exportBundle(ids: string[], path: string) { return this.#refuse<BundleWritten>("export_bundle", { ids, path }); }
  importBundle(path: string, onConflict: OnConflict | null) { return this.#refuse<BundleImportOutcome>("import_bundle", { path, onConflict }); }
  setAnswer(id: string, question: string, answer: Answer | null, lang: Lang) {
    return this.#refuse<AssessmentView>("set_answer", { id, question, answer, lang });
  }
  setOverride(id: string, topic: Topic, value: LevelOverride | null, lang: Lang) {
    return this.#refuse<AssessmentView>("set_override", { id, topic, value, lang });
  }
  setAction(id: string, input: ActionInput, lang: Lang) { return this.#refuse<AssessmentView>("set_action", { id, input, lang }); }
  removeAction(id: string, action: string, lang: Lang) { return this.#refuse<AssessmentView>("remove_action", { id, action, lang }); }
  transition(id: string, to: CaseStatus, input: TransitionInput, lang: Lang) {
    return this.#refuse<TransitionOutcome>("transition", { id, to, input, lang });
  }
  writeBriefing(id: string, path: string, lang: Lang) { return this.#refuse<PdfWritten>("write_briefing", { id, path, lang }); }
  finishWorkshop(id: string, input: WorkshopInput, lang: Lang) { return this.#refuse<WorkshopOutcome>("finish_workshop", { id, input, lang }); }
  writeWorkshopMinutes(id: string, workshop: string | null, path: string, lang: Lang) {
    return this.#refuse<PdfWritten>("write_workshop_minutes", { id, workshop, path, lang });
  }
  writePortfolio(path: string, lang: Lang) { return this.#refuse<PdfWritten>("write_portfolio", { path, lang }); }
  openFile(path: string) { return this.#refuse<null>("open_file", { path }); }
  reviewHit(org: string, entity: string, list: string, decision: HitDecision, by: string, note: string | null) {
    return this.#refuse<PartnerScreening>("review_hit", { org, entity, list, decision, by, note });
  }
  // The demo database has no stored co-publication check, so the preview has none to show.
  publicationCheck(): Promise<PubsCheck | null> { return Promise.resolve(null); }
  checkPublications(id: string, paths: string[]) { return this.#refuse<PubsCheck>("check_publications", { id, paths }); }
  reviewCoauthorship(id: string, key: string, decision: HitDecision, by: string, note: string | null) {
    return this.#refuse<PubsCheck>("review_coauthorship", { id, key, decision, by, note });
  }
  importList(path: string, format: ListFormat, list: string | null) {
    return this.#refuse<ListImportOutcome>("import_list", { path, format, list });
  }
  backup(path: string | null) { return this.#refuse<BackupCheck>("backup", { path }); }
  restore(path: string) { return this.#refuse<BackupCheck>("restore", { path }); }
  adoptTemplate(id: string, lang: Lang) { return this.#refuse<AssessmentView>("adopt_template", { id, lang }); }
  // Passphrases are not kept among the calls.
  unlock() { return this.#refuse<DbInfo>("unlock"); }
  connectTeam() { return this.#refuse<DbInfo>("connect_team"); }
  changeEncryption() { return this.#refuse<EncryptionChange>("change_encryption"); }
  chooseFiles(): Promise<string[]> { return this.#refuse<string[]>("choose_files"); }
  chooseSavePath(): Promise<string | null> { return this.#refuse<string | null>("choose_save_path"); }
  confirm(): Promise<boolean> { return this.#refuse<boolean>("confirm"); }
}
