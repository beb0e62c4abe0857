// The one place that talks to the Rust core and to the system's file dialogs. Components use `Backend`
// (usually through `backend()`), never `invoke` or the dialog plugin directly. Outside Tauri (the plain
// browser preview) the answers recorded from the demo database stand in, read-only (`preview.ts`,
// loaded on demand by `previewBackend()`).
import { invoke } from "@tauri-apps/api/core";
import type { Case } from "./gen/Case";
import type { CasePage } from "./gen/CasePage";
import type { CaseQuery } from "./gen/CaseQuery";
import type { CaseView } from "./gen/CaseView";
import type { Dashboard } from "./gen/Dashboard";
import type { DbInfo } from "./gen/DbInfo";
import { ERROR_CODES } from "./gen/vocabularies";
import type { Facility } from "./gen/Facility";
import type { FacilityInput } from "./gen/FacilityInput";
import type { ImportOutcome } from "./gen/ImportOutcome";
import type { IpcError } from "./gen/IpcError";
import type { Organisation } from "./gen/Organisation";
import type { OrganisationInput } from "./gen/OrganisationInput";
import type { ActionInput } from "./gen/ActionInput";
import type { CaseHistory } from "./gen/CaseHistory";
import type { PdfWritten } from "./gen/PdfWritten";
import type { BundleImportOutcome } from "./gen/BundleImportOutcome";
import type { BundleWritten } from "./gen/BundleWritten";
import type { OnConflict } from "./gen/OnConflict";
import type { BackupCheck } from "./gen/BackupCheck";
import type { EncryptionChange } from "./gen/EncryptionChange";
import type { CaseScreening } from "./gen/CaseScreening";
import type { HitDecision } from "./gen/HitDecision";
import type { ListFormat } from "./gen/ListFormat";
import type { ListImportOutcome } from "./gen/ListImportOutcome";
import type { ListSnapshotRow } from "./gen/ListSnapshotRow";
import type { PartnerScreening } from "./gen/PartnerScreening";
import type { PubsCheck } from "./gen/PubsCheck";
import type { CaseStatus } from "./gen/CaseStatus";
import type { TransitionInput } from "./gen/TransitionInput";
import type { TransitionOutcome } from "./gen/TransitionOutcome";
import type { Answer } from "./gen/Answer";
import type { AssessmentView } from "./gen/AssessmentView";
import type { Lang } from "./gen/Lang";
import type { LevelOverride } from "./gen/LevelOverride";
import type { TemplateRef } from "./gen/TemplateRef";
import type { TemplateView } from "./gen/TemplateView";
import type { Topic } from "./gen/Topic";
import type { RegisterImportOutcome } from "./gen/RegisterImportOutcome";
import type { RegisterMapping } from "./gen/RegisterMapping";
import type { RegisterOptions } from "./gen/RegisterOptions";
import type { RegisterPreview } from "./gen/RegisterPreview";
import type { WorkshopInput } from "./gen/WorkshopInput";
import type { WorkshopOutcome } from "./gen/WorkshopOutcome";

export interface Backend {
  dbInfo(): Promise<DbInfo>;
  listCases(query: CaseQuery): Promise<CasePage>;
  /** The start page's counts of the open cases (`openOnly`) or of all cases; each bar is a list filter. */
  dashboard(openOnly: boolean): Promise<Dashboard>;
  getCase(id: string): Promise<CaseView>;
  createCase(title: string): Promise<CaseView>;
  saveCase(c: Case): Promise<CaseView>;
  searchOrganisations(text: string, limit: number): Promise<Organisation[]>;
  saveOrganisation(input: OrganisationInput): Promise<Organisation>;
  searchFacilities(text: string, limit: number): Promise<Facility[]>;
  saveFacility(input: FacilityInput): Promise<Facility>;
  importCaseFiles(paths: string[]): Promise<ImportOutcome>;
  exportCase(id: string, path: string): Promise<null>;
  /** Writes cases with their evidence as one `coopdesk.bundle/v1` file. */
  exportBundle(ids: string[], path: string): Promise<BundleWritten>;
  /** Imports a bundle; without a choice, differing cases fail with `bundle.conflict` and nothing is imported. */
  importBundle(path: string, onConflict: OnConflict | null): Promise<BundleImportOutcome>;
  /** What importing a register (spreadsheet or CSV) would create, with every problem; writes nothing. */
  registerPreview(path: string, options: RegisterOptions): Promise<RegisterPreview>;
  /** Imports a register, all rows or none; the new cases are screened and assessed. */
  registerImport(path: string, options: RegisterOptions): Promise<RegisterImportOutcome>;
  /** Reads a register mapping file (`coopdesk.register-mapping/v1`). */
  readRegisterMapping(path: string): Promise<RegisterMapping>;
  /** Writes a register mapping file. */
  writeRegisterMapping(path: string, mapping: RegisterMapping): Promise<null>;
  /** The case's assessment (pins the default template on first use), reasons in `lang`. */
  assessCase(id: string, lang: Lang): Promise<AssessmentView>;
  /** Sets (or with `null`, clears) one checklist answer; returns the new assessment. */
  setAnswer(id: string, question: string, answer: Answer | null, lang: Lang): Promise<AssessmentView>;
  /** Sets (or with `null`, clears) a topic's level override; returns the new assessment. */
  setOverride(id: string, topic: Topic, value: LevelOverride | null, lang: Lang): Promise<AssessmentView>;
  /** Adds (no `input.id`) or changes an action of the action plan; returns the new assessment. */
  setAction(id: string, input: ActionInput, lang: Lang): Promise<AssessmentView>;
  /** Removes an action from the action plan; returns the new assessment. */
  removeAction(id: string, action: string, lang: Lang): Promise<AssessmentView>;
  /** Moves a case through its lifecycle; a decision (approve/decline) is the sign-off. */
  transition(id: string, to: CaseStatus, input: TransitionInput, lang: Lang): Promise<TransitionOutcome>;
  /** A case's revisions with field-level changes, and its lifecycle steps. */
  caseHistory(id: string): Promise<CaseHistory>;
  /** Writes a case's PDF briefing (for a decided case: the approved one) to `path`. */
  writeBriefing(id: string, path: string, lang: Lang): Promise<PdfWritten>;
  /** Writes the portfolio report of open cases to `path`. */
  writePortfolio(path: string, lang: Lang): Promise<PdfWritten>;
  /** Stores a finished workshop: its answers and comments as one revision of the case. */
  finishWorkshop(id: string, input: WorkshopInput, lang: Lang): Promise<WorkshopOutcome>;
  /** Writes the minutes of a case's workshop (`workshop`, or the latest) to `path`. */
  writeWorkshopMinutes(id: string, workshop: string | null, path: string, lang: Lang): Promise<PdfWritten>;
  /** Opens a PDF the app wrote in the system's viewer. */
  openFile(path: string): Promise<null>;
  /** A case's partners with their screening hits and review states. */
  screeningForCase(id: string): Promise<CaseScreening>;
  /** Records a decision on a hit; returns the organisation's hits as they now stand. */
  reviewHit(org: string, entity: string, list: string, decision: HitDecision, by: string, note: string | null): Promise<PartnerScreening>;
  /** Runs the co-publication check on publication-list files and stores it as the case's newest. */
  checkPublications(id: string, paths: string[]): Promise<PubsCheck>;
  /** The case's newest stored co-publication check, or null. */
  publicationCheck(id: string): Promise<PubsCheck | null>;
  /** Confirms or dismisses one co-authorship (by its key); returns the check as it now stands. */
  reviewCoauthorship(id: string, key: string, decision: HitDecision, by: string, note: string | null): Promise<PubsCheck>;
  /** Stored restriction-list snapshots with provenance. */
  listSnapshots(): Promise<ListSnapshotRow[]>;
  /** Imports a list file as a new snapshot and re-screens every case. */
  importList(path: string, format: ListFormat, list: string | null): Promise<ListImportOutcome>;
  /** Writes a checked backup into the backup folder (or to `path`). */
  backup(path: string | null): Promise<BackupCheck>;
  /** Restores a checked backup; the current content is kept as a safety copy. */
  restore(path: string): Promise<BackupCheck>;
  /** Tells the core the start page has painted for the first time (for the cold-start measurement). */
  firstPaint(): Promise<null>;
  /** A stored template version: the questions and texts of the checklist. */
  getTemplate(template: TemplateRef): Promise<TemplateView>;
  /** The default template version when the (undecided) case could move to it, else null. */
  newerTemplate(id: string): Promise<TemplateRef | null>;
  /** Moves the case to the default template version and returns its new assessment. */
  adoptTemplate(id: string, lang: Lang): Promise<AssessmentView>;
  /** The database file of this window, also while it is locked. */
  dbPath(): Promise<string>;
  /** Opens the encrypted database with its passphrase (rejects with `db.wrong_passphrase`). */
  unlock(passphrase: string): Promise<DbInfo>;
  /** Connects the window to a team database instead of what it has open. */
  connectTeam(uri: string, password: string | null): Promise<DbInfo>;
  /**
   * Turns encryption on (`next`), changes the passphrase, or turns it off (`next` = null);
   * `current` is the passphrase of an encrypted database.
   */
  changeEncryption(current: string | null, next: string | null): Promise<EncryptionChange>;
  /** Asks for files to open (the system dialog); an empty list when the user cancels. */
  chooseFiles(opts: { multiple: boolean; filters?: FileFilter[]; defaultPath?: string }): Promise<string[]>;
  /** Asks where to save a file (the system dialog); null when the user cancels. */
  chooseSavePath(opts: { defaultPath: string; filters: FileFilter[] }): Promise<string | null>;
  /** Asks the user to confirm a risky step (the system dialog, as a warning). */
  confirm(message: string, title: string): Promise<boolean>;
  /** True in the browser preview: recorded answers, read-only, no Rust core. */
  readonly isPreview: boolean;
}

/** A file type offered in the system's file dialogs. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export function isIpcError(e: unknown): e is IpcError {
  if (typeof e !== "object" || e === null) return false;
  const o = e as Record<string, unknown>;
  return typeof o.code === "string" && (ERROR_CODES as readonly string[]).includes(o.code)
    && typeof o.message === "string" && Array.isArray(o.problems);
}

/** Any rejection as an IpcError: Tauri's own errors (e.g. bad arguments) arrive as plain strings. */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return e;
  const message = e instanceof Error ? e.message : typeof e === "string" ? e : JSON.stringify(e);
  return { code: "internal", message, problems: [] };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

export class TauriBackend implements Backend {
  readonly isPreview = false;
  dbInfo() { return call<DbInfo>("db_info"); }
  listCases(query: CaseQuery) { return call<CasePage>("list_cases", { query }); }
  dashboard(openOnly: boolean) { return call<Dashboard>("dashboard", { openOnly }); }
  getCase(id: string) { return call<CaseView>("get_case", { id }); }
  createCase(title: string) { return call<CaseView>("create_case", { title }); }
  saveCase(c: Case) { return call<CaseView>("save_case", { case: c }); }
  searchOrganisations(text: string, limit: number) { return call<Organisation[]>("search_organisations", { text, limit }); }
  saveOrganisation(input: OrganisationInput) { return call<Organisation>("save_organisation", { input }); }
  searchFacilities(text: string, limit: number) { return call<Facility[]>("search_facilities", { text, limit }); }
  saveFacility(input: FacilityInput) { return call<Facility>("save_facility", { input }); }
  importCaseFiles(paths: string[]) { return call<ImportOutcome>("import_case_files", { paths }); }
  exportCase(id: string, path: string) { return call<null>("export_case", { id, path }); }
  exportBundle(ids: string[], path: string) { return call<BundleWritten>("export_bundle", { ids, path }); }
  importBundle(path: string, onConflict: OnConflict | null) {
    return call<BundleImportOutcome>("import_bundle", { path, onConflict });
  }
  registerPreview(path: string, options: RegisterOptions) { return call<RegisterPreview>("register_preview", { path, options }); }
  registerImport(path: string, options: RegisterOptions) { return call<RegisterImportOutcome>("register_import", { path, options }); }
  readRegisterMapping(path: string) { return call<RegisterMapping>("read_register_mapping", { path }); }
  writeRegisterMapping(path: string, mapping: RegisterMapping) { return call<null>("write_register_mapping", { path, mapping }); }
  assessCase(id: string, lang: Lang) { return call<AssessmentView>("assess_case", { id, lang }); }
  setAnswer(id: string, question: string, answer: Answer | null, lang: Lang) {
    return call<AssessmentView>("set_answer", { id, question, answer, lang });
  }
  setOverride(id: string, topic: Topic, value: LevelOverride | null, lang: Lang) {
    return call<AssessmentView>("set_override", { id, topic, value, lang });
  }
  setAction(id: string, input: ActionInput, lang: Lang) { return call<AssessmentView>("set_action", { id, input, lang }); }
  removeAction(id: string, action: string, lang: Lang) { return call<AssessmentView>("remove_action", { id, action, lang }); }
  transition(id: string, to: CaseStatus, input: TransitionInput, lang: Lang) {
    return call<TransitionOutcome>("transition", { id, to, input, lang });
  }
  caseHistory(id: string) { return call<CaseHistory>("case_history", { id }); }
  writeBriefing(id: string, path: string, lang: Lang) { return call<PdfWritten>("write_briefing", { id, path, lang }); }
  finishWorkshop(id: string, input: WorkshopInput, lang: Lang) { return call<WorkshopOutcome>("finish_workshop", { id, input, lang }); }
  writeWorkshopMinutes(id: string, workshop: string | null, path: string, lang: Lang) {
    return call<PdfWritten>("write_workshop_minutes", { id, workshop, path, lang });
  }
  writePortfolio(path: string, lang: Lang) { return call<PdfWritten>("write_portfolio", { path, lang }); }
  openFile(path: string) { return call<null>("open_file", { path }); }
  screeningForCase(id: string) { return call<CaseScreening>("screening_for_case", { id }); }
  reviewHit(org: string, entity: string, list: string, decision: HitDecision, by: string, note: string | null) {
    return call<PartnerScreening>("review_hit", { org, entity, list, decision, by, note });
  }
  checkPublications(id: string, paths: string[]) { return call<PubsCheck>("check_publications", { id, paths }); }
  publicationCheck(id: string) { return call<PubsCheck | null>("publication_check", { id }); }
  reviewCoauthorship(id: string, key: string, decision: HitDecision, by: string, note: string | null) {
    return call<PubsCheck>("review_coauthorship", { id, key, decision, by, note });
  }
  firstPaint() { return call<null>("first_paint"); }
  backup(path: string | null) { return call<BackupCheck>("backup", { path }); }
  restore(path: string) { return call<BackupCheck>("restore", { path }); }
  dbPath() { return call<string>("db_path"); }
  unlock(passphrase: string) { return call<DbInfo>("unlock", { passphrase }); }
  connectTeam(uri: string, password: string | null) { return call<DbInfo>("connect_team", { uri, password }); }
  changeEncryption(current: string | null, next: string | null) {
    return call<EncryptionChange>("change_encryption", { current, new: next });
  }
  listSnapshots() { return call<ListSnapshotRow[]>("list_snapshots"); }
  importList(path: string, format: ListFormat, list: string | null) {
    return call<ListImportOutcome>("import_list", { path, format, list });
  }
  getTemplate(template: TemplateRef) { return call<TemplateView>("get_template", { template }); }
  newerTemplate(id: string) { return call<TemplateRef | null>("newer_template", { id }); }
  adoptTemplate(id: string, lang: Lang) { return call<AssessmentView>("adopt_template", { id, lang }); }
  async chooseFiles(opts: { multiple: boolean; filters?: FileFilter[]; defaultPath?: string }): Promise<string[]> {
    const { open } = await import("@tauri-apps/plugin-dialog");
    const chosen = await open({ ...opts, directory: false });
    if (chosen === null) return [];
    return Array.isArray(chosen) ? chosen : [chosen];
  }
  async chooseSavePath(opts: { defaultPath: string; filters: FileFilter[] }): Promise<string | null> {
    const { save } = await import("@tauri-apps/plugin-dialog");
    return save(opts);
  }
  async confirm(message: string, title: string): Promise<boolean> {
    const { ask } = await import("@tauri-apps/plugin-dialog");
    return ask(message, { title, kind: "warning" });
  }
}

export function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

let current: Backend | null = null;

/**
 * The backend for this window: Tauri inside the app; in a plain browser, the preview backend that
 * `previewBackend()` made (main.ts sets it before the first render).
 */
export function backend(): Backend {
  if (!current) {
    if (!inTauri()) throw new Error("no backend outside Tauri: set one with setBackend(await previewBackend())");
    current = new TauriBackend();
  }
  return current;
}

/**
 * The browser preview's backend: the answers recorded from the demo database, read-only. Imported on
 * demand, so the app's own bundle does not carry the recordings.
 */
export async function previewBackend(): Promise<Backend> {
  const { RecordedBackend } = await import("./preview");
  return new RecordedBackend({ latencyMs: 60 });
}

/** Whether this window runs the browser preview (its refusals are shown as "the preview is read-only"). */
export function inPreview(): boolean {
  return current?.isPreview === true;
}

/** For tests and the browser preview: use this backend instead. */
export function setBackend(b: Backend | null): void {
  current = b;
}
