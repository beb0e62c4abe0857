// In-memory Backend for tests and for previewing the UI in a plain browser. It mirrors the Rust core's
// behaviour closely enough for the UI: matching in any script, sorting, paging and path-precise problems.
import type { CaseHistory } from "./gen/CaseHistory";
import type { PdfWritten } from "./gen/PdfWritten";
import type { BundleImportOutcome } from "./gen/BundleImportOutcome";
import type { BundleWritten } from "./gen/BundleWritten";
import type { OnConflict } from "./gen/OnConflict";
import type { BackupCheck } from "./gen/BackupCheck";
import type { EncryptionChange } from "./gen/EncryptionChange";
import type { CaseScreening } from "./gen/CaseScreening";
import type { ListImportOutcome } from "./gen/ListImportOutcome";
import type { ListSnapshotRow } from "./gen/ListSnapshotRow";
import type { PartnerScreening } from "./gen/PartnerScreening";
import type { TransitionOutcome } from "./gen/TransitionOutcome";
import type { AssessmentView } from "./gen/AssessmentView";
import type { TemplateView } from "./gen/TemplateView";
import type { TemplateRef } from "./gen/TemplateRef";
import type { Backend } from "./api";
import type { Case } from "./gen/Case";
import type { CasePage } from "./gen/CasePage";
import type { CaseQuery } from "./gen/CaseQuery";
import type { CaseRow } from "./gen/CaseRow";
import type { CaseView } from "./gen/CaseView";
import type { DbInfo } from "./gen/DbInfo";
import type { Facility } from "./gen/Facility";
import type { FacilityInput } from "./gen/FacilityInput";
import type { ImportOutcome } from "./gen/ImportOutcome";
import type { IpcError } from "./gen/IpcError";
import type { Organisation } from "./gen/Organisation";
import type { OrganisationInput } from "./gen/OrganisationInput";
import type { ProblemAt } from "./gen/ProblemAt";
import type { Bucket } from "./gen/Bucket";
import type { BucketCount } from "./gen/BucketCount";
import type { Dashboard } from "./gen/Dashboard";
import type { Level } from "./gen/Level";
import type { LevelGroup } from "./gen/LevelGroup";
import { CASE_STATUSES, DASHBOARD_TOP_GROUPS, OPEN_STATUSES } from "./gen/vocabularies";

const LEVEL_GROUPS: readonly LevelGroup[] = ["critical", "high", "medium", "low", "not_assessed"];

const clone = <T>(v: T): T => structuredClone(v);

export interface MockOptions {
  /** Simulated round-trip time; 0 answers on the next microtask. */
  latencyMs?: number;
  /** Clock, for deterministic tests. */
  now?: () => Date;
}

const ISO2 = /^[A-Z]{2}$/;
const CONTROL_CODE = /^[0-9][A-E][0-9]{3}[A-Za-z0-9.]*$/;

export class MockBackend implements Backend {
  readonly isMock = true;
  cases = new Map<string, Case>();
  /**
   * Cached overall levels by case id, as the core's `overall_level` column: the preview has no
   * assessment engine, so only tests set them.
   */
  levels = new Map<string, Level>();
  /** Cached numbers of open key questions by case id (the core's `open_key_questions`), set by tests. */
  openKeyQuestions = new Map<string, number>();
  orgs = new Map<string, Organisation>();
  facilities = new Map<string, Facility>();
  /** Every call, for assertions. */
  calls: { cmd: string; args: unknown }[] = [];
  /** Makes the next call of this command fail with this error. */
  failNext = new Map<string, IpcError>();
  private seq = 0;
  private latency: number;
  private now: () => Date;
  private tick = 0;

  constructor(opts: MockOptions = {}) {
    this.latency = opts.latencyMs ?? 0;
    this.now = opts.now ?? (() => new Date());
  }

  private async answer<T>(cmd: string, args: unknown, work: () => T): Promise<T> {
    this.calls.push({ cmd, args: clone(args) });
    if (this.latency > 0) await new Promise((r) => setTimeout(r, this.latency));
    else await Promise.resolve();
    const fail = this.failNext.get(cmd);
    if (fail) {
      this.failNext.delete(cmd);
      throw clone(fail);
    }
    return clone(work());
  }

  private stamp(): string {
    // Strictly increasing timestamps so that "updated" sorting is stable in tests.
    const t = new Date(this.now().getTime() + this.tick++);
    return t.toISOString();
  }

  private newId(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${(0x7a3f00 + this.seq * 7919).toString(36).toUpperCase().padStart(8, "0").slice(-8)}`;
  }

  private invalid(file: string, problems: [string, string][]): IpcError {
    const list: ProblemAt[] = problems.map(([path, message]) => ({ file, path, message, line: null, column: null }));
    return { code: "input.invalid", message: list.map((p) => `${p.path}: ${p.message}`).join("; "), problems: list };
  }

  private view(c: Case): CaseView {
    const organisations: Organisation[] = [];
    const seen = new Set<string>();
    const addOrg = (id: string | null) => {
      while (id && !seen.has(id)) {
        const o = this.orgs.get(id);
        if (!o) return;
        seen.add(id);
        organisations.push(o);
        id = o.parent_id;
      }
    };
    for (const p of c.partners) addOrg(p.org_id);
    const facility = c.facility_id ? this.facilities.get(c.facility_id) ?? null : null;
    return { case: c, organisations, facility };
  }

  private row(c: Case): CaseRow {
    return {
      id: c.id,
      title: c.title,
      status: c.status,
      partners: c.partners.map((p) => this.orgs.get(p.org_id)?.name ?? p.org_id),
      facility: c.facility_id ? this.facilities.get(c.facility_id)?.name ?? "" : "",
      start: c.start,
      // The browser preview has no assessment engine; levels appear only in the app (or when a test sets them).
      overall: this.levels.get(c.id) ?? null,
      overdue_actions: overdueActions(c, localToday()),
      open_key_questions: this.openKeyQuestions.get(c.id) ?? null,
      updated_at: c.updated_at,
    };
  }

  private haystack(c: Case): string {
    const parts = [c.title, c.id];
    for (const p of c.partners) {
      const o = this.orgs.get(p.org_id);
      if (o) parts.push(o.name, o.name_zh ?? "", o.name_zh_hant ?? "", o.name_pinyin ?? "", ...o.aliases);
    }
    const f = c.facility_id ? this.facilities.get(c.facility_id) : undefined;
    if (f) parts.push(f.name, f.name_zh ?? "", f.city ?? "");
    return parts.join("\n").toLowerCase();
  }

  private check(c: Case): [string, string][] {
    const p: [string, string][] = [];
    const text = (path: string, v: string) => {
      if (v.trim() === "") p.push([path, "expected a non-empty text"]);
    };
    text("title", c.title);
    if (c.home) text("home.institution", c.home.institution);
    if (c.facility_id && !this.facilities.has(c.facility_id)) p.push(["facility_id", `no facility with id "${c.facility_id}"`]);
    c.partners.forEach((x, i) => {
      if (!this.orgs.has(x.org_id)) p.push([`partners[${i}].org_id`, `no organisation with id "${x.org_id}"`]);
    });
    c.fields.forEach((f, i) => text(`fields[${i}]`, f));
    c.items.forEach((x, i) => {
      text(`items[${i}].description`, x.description);
      if (x.control_code !== undefined && !CONTROL_CODE.test(x.control_code)) {
        p.push([`items[${i}].control_code`, `expected an EU 2021/821 Annex I entry such as "6A005", found "${x.control_code}"`]);
      }
      if (x.destination_country !== undefined && !ISO2.test(x.destination_country)) {
        p.push([`items[${i}].destination_country`, "expected an ISO 3166-1 alpha-2 code"]);
      }
    });
    c.data.forEach((x, i) => text(`data[${i}].description`, x.description));
    c.people.forEach((x, i) => text(`people[${i}].name`, x.name));
    c.funding.forEach((x, i) => {
      text(`funding[${i}].source`, x.source);
      if (x.amount_eur !== undefined && !(Number.isFinite(x.amount_eur) && x.amount_eur >= 0)) {
        p.push([`funding[${i}].amount_eur`, `expected an amount of zero or more euros, found ${x.amount_eur}`]);
      }
    });
    if (c.start && c.end && c.end < c.start) p.push(["end", `expected a date on or after start (${c.start}), found ${c.end}`]);
    return p;
  }

  /** Adds a case directly (seeding), bypassing validation of references. */
  put(c: Partial<Case> & { title: string }): Case {
    const at = this.stamp();
    const full: Case = {
      id: c.id ?? this.newId("CD"),
      summary: "", status: "draft", home: null, facility_id: null, partners: [], fields: [],
      activities: [], items: [], data: [], people: [], funding: [], agreements: [], answers: {}, actions: [],
      start: null, end: null, notes: "", extensions: {}, created_at: at, updated_at: at,
      ...c,
    } as Case;
    this.cases.set(full.id, full);
    return full;
  }

  putOrg(o: Partial<Organisation> & { id: string; name: string }): Organisation {
    const full: Organisation = {
      name_zh: null, name_zh_hant: null, name_pinyin: null, aliases: [], country: null, kind: null, parent_id: null,
      ...o,
    };
    this.orgs.set(full.id, full);
    return full;
  }

  putFacility(f: Partial<Facility> & { id: string; name: string; country: string }): Facility {
    const full: Facility = {
      name_zh: null, city: null, kind: "other", operator: null, operator_zh: null, notes: null, source: null,
      builtin: true, ...f,
    };
    this.facilities.set(full.id, full);
    return full;
  }

  dbInfo(): Promise<DbInfo> {
    return this.answer("db_info", {}, () => ({
      path: "(no database file in the browser preview)",
      backups_dir: "(none)",
      schema_version: 1,
      case_count: this.cases.size,
      demo: true,
      encrypted: false,
    }));
  }

  listCases(query: CaseQuery): Promise<CasePage> {
    return this.answer("list_cases", { query }, () => {
      const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
      let list = [...this.cases.values()].filter((c) => {
        if (query.status && c.status !== query.status) return false;
        if (query.overdue_only && overdueActions(c, localToday()) === 0) return false;
        if (query.provisional_only && !((this.openKeyQuestions.get(c.id) ?? 0) > 0)) return false;
        if (!this.matchesBuckets(c, query)) return false;
        if (words.length === 0) return true;
        const h = this.haystack(c);
        return words.every((w) => h.includes(w));
      });
      const byId = (a: Case, b: Case) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      const title = (a: Case, b: Case) => a.title.localeCompare(b.title, undefined, { sensitivity: "base" }) || byId(a, b);
      const upd = (a: Case, b: Case) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : 0) || byId(a, b);
      const cmp: Record<CaseQuery["sort"], (a: Case, b: Case) => number> = {
        updated_desc: (a, b) => -upd(a, b) || byId(a, b),
        updated_asc: upd,
        title_asc: title,
        title_desc: (a, b) => -title(a, b) || byId(a, b),
        status: (a, b) => CASE_STATUSES.indexOf(a.status) - CASE_STATUSES.indexOf(b.status) || -upd(a, b),
        start_asc: (a, b) =>
          (a.start === null ? 1 : 0) - (b.start === null ? 1 : 0) || (a.start ?? "").localeCompare(b.start ?? "") || byId(a, b),
      };
      list = list.sort(cmp[query.sort]);
      const limit = Math.min(query.limit, 1000);
      return { total: list.length, offset: query.offset, rows: list.slice(query.offset, query.offset + limit).map((c) => this.row(c)) };
    });
  }

  /** The case's group keys as the store sees them: level, facility, and its partners' countries. */
  private groupsOf(c: Case): { level: LevelGroup; facility: string | null; countries: Set<string | null> } {
    const countries = new Set<string | null>();
    for (const p of c.partners) {
      const o = this.orgs.get(p.org_id);
      if (o) countries.add(o.country);
    }
    return { level: this.levels.get(c.id) ?? "not_assessed", facility: c.facility_id, countries };
  }

  /** The dashboard filters of a query (open only, level, facility, partner country), like the store's. */
  private matchesBuckets(c: Case, q: CaseQuery): boolean {
    const g = this.groupsOf(c);
    if (q.open_only && !OPEN_STATUSES.includes(c.status)) return false;
    if (q.level && g.level !== q.level) return false;
    const inBucket = (b: Bucket, value: string | null) =>
      b === "missing" ? value === null : "is" in b ? value === b.is : value !== null && !b.other_than.includes(value);
    if (q.facility && !inBucket(q.facility, g.facility)) return false;
    const country = q.partner_country;
    if (country) {
      const wanted: Bucket = country !== "missing" && "is" in country ? { is: country.is.trim().toUpperCase() } : country;
      if (![...g.countries].some((v) => inBucket(wanted, v))) return false;
    }
    return true;
  }

  // The same buckets as the store's `dashboard`: every level, the counted states, the top facilities
  // and countries (a case once per distinct partner country), then "others" and "missing".
  dashboard(openOnly: boolean): Promise<Dashboard> {
    return this.answer("dashboard", { openOnly }, () => {
      const today = localToday();
      const cases = [...this.cases.values()].filter((c) => !openOnly || OPEN_STATUSES.includes(c.status));
      const levels = new Map<LevelGroup, number>();
      const statuses = new Map<string, number>();
      const facilities = new Map<string, number>();
      const countries = new Map<string, number>();
      let noFacility = 0;
      let noCountry = 0;
      let overdueCases = 0;
      let overdueTotal = 0;
      let provisionalCases = 0;
      const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
      for (const c of cases) {
        const g = this.groupsOf(c);
        bump(levels, g.level);
        bump(statuses, c.status);
        if (g.facility === null) noFacility += 1;
        else bump(facilities, g.facility);
        for (const country of g.countries) {
          if (country === null) noCountry += 1;
          else bump(countries, country);
        }
        const n = overdueActions(c, today);
        if (n > 0) overdueCases += 1;
        overdueTotal += n;
        if ((this.openKeyQuestions.get(c.id) ?? 0) > 0) provisionalCases += 1;
      }
      const bars = (counts: Map<string, number>, label: (key: string) => string, others: (shown: string[]) => number, missing: number) => {
        const groups = [...counts].map(([key, count]) => ({ key, label: label(key), count }));
        const low = (s: string) => s.toLowerCase();
        groups.sort((a, b) => b.count - a.count || (low(a.label) < low(b.label) ? -1 : low(a.label) > low(b.label) ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const shown = groups.length <= DASHBOARD_TOP_GROUPS + 1 ? groups : groups.slice(0, DASHBOARD_TOP_GROUPS);
        const out: BucketCount[] = shown.map((g) => ({ bucket: { is: g.key }, label: g.label, count: g.count }));
        const keys = shown.map((g) => g.key);
        const rest = shown.length < groups.length ? others(keys) : 0;
        if (rest > 0) out.push({ bucket: { other_than: keys }, label: "", count: rest });
        if (missing > 0) out.push({ bucket: "missing", label: "", count: missing });
        return out;
      };
      return {
        open_only: openOnly,
        total: cases.length,
        by_level: LEVEL_GROUPS.map((level) => ({ level, count: levels.get(level) ?? 0 })),
        by_status: (openOnly ? OPEN_STATUSES : CASE_STATUSES).map((status) => ({ status, count: statuses.get(status) ?? 0 })),
        by_facility: bars(facilities, (id) => this.facilities.get(id)?.name ?? "",
          (shown) => cases.filter((c) => c.facility_id !== null && !shown.includes(c.facility_id)).length, noFacility),
        by_partner_country: bars(countries, (code) => code,
          (shown) => cases.filter((c) => [...this.groupsOf(c).countries].some((v) => v !== null && !shown.includes(v))).length, noCountry),
        overdue_cases: overdueCases,
        overdue_actions: overdueTotal,
        provisional_cases: provisionalCases,
      };
    });
  }

  getCase(id: string): Promise<CaseView> {
    return this.answer("get_case", { id }, () => {
      const c = this.cases.get(id);
      if (!c) throw { code: "case.not_found", message: `no case with id "${id}"`, problems: [] } satisfies IpcError;
      return this.view(c);
    });
  }

  createCase(title: string): Promise<CaseView> {
    return this.answer("create_case", { title }, () => {
      if (title.trim() === "") throw this.invalid("", [["title", "expected a non-empty text"]]);
      return this.view(this.put({ title: title.trim() }));
    });
  }

  saveCase(c: Case): Promise<CaseView> {
    return this.answer("save_case", { case: c }, () => {
      const old = this.cases.get(c.id);
      if (!old) throw { code: "case.not_found", message: `no case with id "${c.id}"`, problems: [] } satisfies IpcError;
      const problems = this.check(c);
      if (problems.length) throw this.invalid(c.id, problems);
      const stored: Case = { ...clone(c), title: c.title.trim(), created_at: old.created_at, updated_at: this.stamp() };
      this.cases.set(c.id, stored);
      return this.view(stored);
    });
  }

  private static nameHaystack(o: Organisation): string {
    return [o.name, o.name_zh, o.name_zh_hant, o.name_pinyin, ...o.aliases].filter(Boolean).join("\n").toLowerCase();
  }

  searchOrganisations(text: string, limit: number): Promise<Organisation[]> {
    return this.answer("search_organisations", { text, limit }, () => {
      const words = text.toLowerCase().split(/\s+/).filter(Boolean);
      return [...this.orgs.values()]
        .filter((o) => words.every((w) => MockBackend.nameHaystack(o).includes(w)))
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, limit);
    });
  }

  saveOrganisation(input: OrganisationInput): Promise<Organisation> {
    return this.answer("save_organisation", { input }, () => {
      const p: [string, string][] = [];
      if (input.name.trim() === "") p.push(["name", "expected a non-empty name"]);
      if (input.country !== null && !ISO2.test(input.country)) {
        p.push(["country", `expected an ISO 3166-1 alpha-2 code such as "CN", found "${input.country}"`]);
      }
      if (input.parent_id !== null && !this.orgs.has(input.parent_id)) p.push(["parent_id", `no organisation with id "${input.parent_id}"`]);
      if (p.length) throw this.invalid("", p);
      const id = input.id ?? this.newId("org");
      return this.putOrg({ ...input, id, name: input.name.trim() });
    });
  }

  searchFacilities(text: string, limit: number): Promise<Facility[]> {
    return this.answer("search_facilities", { text, limit }, () => {
      const words = text.toLowerCase().split(/\s+/).filter(Boolean);
      return [...this.facilities.values()]
        .filter((f) => {
          const h = [f.name, f.name_zh, f.city, f.operator, f.operator_zh].filter(Boolean).join("\n").toLowerCase();
          return words.every((w) => h.includes(w));
        })
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, limit);
    });
  }

  saveFacility(input: FacilityInput): Promise<Facility> {
    return this.answer("save_facility", { input }, () => {
      const p: [string, string][] = [];
      if (input.name.trim() === "") p.push(["name", "expected a non-empty name"]);
      if (!ISO2.test(input.country)) p.push(["country", `expected an ISO 3166-1 alpha-2 code such as "CN", found "${input.country}"`]);
      if (p.length) throw this.invalid("", p);
      const id = input.id ?? this.newId("fac").toLowerCase();
      return this.putFacility({ ...input, id, name: input.name.trim(), operator_zh: null, notes: null, source: null, builtin: false });
    });
  }

  importCaseFiles(paths: string[]): Promise<ImportOutcome> {
    return this.answer("import_case_files", { paths }, () => {
      const bad = paths.filter((p) => !p.endsWith(".json"));
      if (bad.length) {
        throw {
          code: "input.invalid",
          message: "not a case file",
          problems: bad.map((file) => ({ file, path: "", line: 1, column: 1, message: "expected a JSON object (one case per file)" })),
        } satisfies IpcError;
      }
      const ids = paths.map((p) => this.put({ title: `Imported from ${p.split(/[\\/]/).pop()}` }).id);
      return { ids };
    });
  }

  exportCase(id: string, path: string): Promise<null> {
    return this.answer("export_case", { id, path }, () => {
      if (!this.cases.has(id)) throw { code: "case.not_found", message: `no case with id "${id}"`, problems: [] } satisfies IpcError;
      return null;
    });
  }

  /** Bundles "written" by exportBundle, by path: the cases as they were then. */
  bundles = new Map<string, Case[]>();

  exportBundle(ids: string[], path: string): Promise<BundleWritten> {
    return this.answer("export_bundle", { ids, path }, () => {
      const missing = ids.find((id) => !this.cases.has(id));
      if (missing) throw { code: "case.not_found", message: `no case with id "${missing}"`, problems: [] } satisfies IpcError;
      this.bundles.set(path, ids.map((id) => clone(this.cases.get(id) as Case)));
      return { file: path, ids, bytes: 1000 * ids.length, sha256: "0".repeat(64) };
    });
  }

  // Like the core: equal cases are left alone, differing ones are conflicts until a choice is made.
  importBundle(path: string, onConflict: OnConflict | null): Promise<BundleImportOutcome> {
    return this.answer("import_bundle", { path, onConflict }, () => {
      const cases = this.bundles.get(path);
      if (!cases) throw this.invalid(path, [["", "not valid JSON: expected a bundle"]]);
      const same = (a: Case, b: Case) => JSON.stringify({ ...a, updated_at: "" }) === JSON.stringify({ ...b, updated_at: "" });
      const conflicts = cases.map((c, i) => [c, i] as const).filter(([c]) => this.cases.has(c.id) && !same(this.cases.get(c.id) as Case, c));
      if (conflicts.length && onConflict === null) {
        throw {
          code: "bundle.conflict",
          message: "different cases are stored under the same ids",
          problems: conflicts.map(([c, i]) => ({ file: path, path: `cases[${i}].case.id`, line: null, column: null,
            message: `a different case "${c.id}" ("${this.cases.get(c.id)?.title}") is already stored here` })),
        } satisfies IpcError;
      }
      const out = cases.map((c) => {
        const stored = this.cases.get(c.id);
        if (!stored) { this.cases.set(c.id, clone(c)); return { source_id: c.id, id: c.id, title: c.title, outcome: "added" as const }; }
        if (same(stored, c)) return { source_id: c.id, id: c.id, title: c.title, outcome: "unchanged" as const };
        if (onConflict === "keep") return { source_id: c.id, id: c.id, title: c.title, outcome: "kept" as const };
        if (onConflict === "replace") { this.cases.set(c.id, clone(c)); return { source_id: c.id, id: c.id, title: c.title, outcome: "replaced" as const }; }
        const id = this.newId("CD");
        this.cases.set(id, { ...clone(c), id });
        return { source_id: c.id, id, title: c.title, outcome: "copied" as const };
      });
      return { file: path, exported_by: "mock", exported_at: this.now().toISOString(), cases: out };
    });
  }

  // The assessment runs only in the Rust core: the browser preview says so instead of faking levels.
  private noEngine<T>(cmd: string): Promise<T> {
    return this.answer(cmd, {}, () => {
      throw { code: "internal", message: "The checklist and assessment need the desktop app.", problems: [] } satisfies IpcError;
    });
  }
  assessCase(): Promise<AssessmentView> { return this.noEngine("assess_case"); }
  setAnswer(): Promise<AssessmentView> { return this.noEngine("set_answer"); }
  setOverride(): Promise<AssessmentView> { return this.noEngine("set_override"); }
  setAction(): Promise<AssessmentView> { return this.noEngine("set_action"); }
  removeAction(): Promise<AssessmentView> { return this.noEngine("remove_action"); }
  transition(): Promise<TransitionOutcome> { return this.noEngine("transition"); }
  caseHistory(): Promise<CaseHistory> { return this.noEngine("case_history"); }
  writeBriefing(): Promise<PdfWritten> { return this.noEngine("write_briefing"); }
  writePortfolio(): Promise<PdfWritten> { return this.noEngine("write_portfolio"); }
  openFile(): Promise<null> { return this.noEngine("open_file"); }
  screeningForCase(): Promise<CaseScreening> { return this.noEngine("screening_for_case"); }
  reviewHit(): Promise<PartnerScreening> { return this.noEngine("review_hit"); }
  listSnapshots(): Promise<ListSnapshotRow[]> { return this.noEngine("list_snapshots"); }
  backup(): Promise<BackupCheck> { return this.noEngine("backup"); }
  firstPaint(): Promise<null> { return Promise.resolve(null); }
  restore(): Promise<BackupCheck> { return this.noEngine("restore"); }
  dbPath(): Promise<string> { return Promise.resolve("(no database file in the browser preview)"); }
  unlock(): Promise<DbInfo> { return this.noEngine("unlock"); }
  changeEncryption(): Promise<EncryptionChange> { return this.noEngine("change_encryption"); }
  importList(): Promise<ListImportOutcome> { return this.noEngine("import_list"); }
  getTemplate(): Promise<TemplateView> { return this.noEngine("get_template"); }
  newerTemplate(): Promise<TemplateRef | null> { return Promise.resolve(null); }
  adoptTemplate(): Promise<AssessmentView> { return this.noEngine("adopt_template"); }
}

/** Today's date on this computer as `YYYY-MM-DD` (what "overdue" is measured against). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Open actions of a case whose due date lies before `today`, as the Rust store counts them. */
export function overdueActions(c: Case, today: string): number {
  return c.actions.filter((a) => a.status === "open" && a.due != null && a.due < today).length;
}

/** A few realistic cases, plus `extra` generated ones for testing the list at scale. */
export function seedSamples(m: MockBackend, extra = 0): void {
  const cas = m.putOrg({ id: "org-CAS", name: "Chinese Academy of Sciences", name_zh: "中国科学院", name_pinyin: "Zhongguo Kexueyuan", aliases: ["CAS"], country: "CN", kind: "government" });
  const ihep = m.putOrg({ id: "org-IHEP", name: "Institute of High Energy Physics", name_zh: "中国科学院高能物理研究所", aliases: ["IHEP"], country: "CN", kind: "academy_institute", parent_id: cas.id });
  const sari = m.putOrg({ id: "org-SARI", name: "Shanghai Advanced Research Institute", name_zh: "中国科学院上海高等研究院", aliases: ["SARI"], country: "CN", kind: "academy_institute", parent_id: cas.id });
  const thu = m.putOrg({ id: "org-THU", name: "Tsinghua University", name_zh: "清华大学", name_pinyin: "Qinghua Daxue", country: "CN", kind: "university" });
  const hit = m.putOrg({ id: "org-HIT", name: "Harbin Institute of Technology", name_zh: "哈尔滨工业大学", aliases: ["HIT"], country: "CN", kind: "university" });
  const pku = m.putOrg({ id: "org-PKU", name: "Peking University", name_zh: "北京大学", country: "CN", kind: "university" });
  const ustc = m.putOrg({ id: "org-USTC", name: "University of Science and Technology of China", name_zh: "中国科学技术大学", aliases: ["USTC"], country: "CN", kind: "university" });
  m.putOrg({ id: "org-KIT", name: "Karlsruhe Institute of Technology", aliases: ["KIT"], country: "DE", kind: "university" });

  const petra = m.putFacility({ id: "de-petra3", name: "PETRA III", country: "DE", city: "Hamburg", kind: "synchrotron", operator: "DESY" });
  const ssrf = m.putFacility({ id: "cn-ssrf", name: "Shanghai Synchrotron Radiation Facility", name_zh: "上海光源", country: "CN", city: "Shanghai", kind: "synchrotron", operator: "Shanghai Advanced Research Institute", operator_zh: "中国科学院上海高等研究院" });
  const csns = m.putFacility({ id: "cn-csns", name: "China Spallation Neutron Source", name_zh: "中国散裂中子源", country: "CN", city: "Dongguan", kind: "neutron", operator: "Institute of High Energy Physics" });
  const heps = m.putFacility({ id: "cn-heps", name: "High Energy Photon Source", name_zh: "高能同步辐射光源", country: "CN", city: "Beijing", kind: "synchrotron", operator: "Institute of High Energy Physics" });
  const xfel = m.putFacility({ id: "de-euxfel", name: "European XFEL", country: "DE", city: "Schenefeld", kind: "fel", operator: "European XFEL GmbH" });
  m.putFacility({ id: "fr-ill", name: "Institut Laue-Langevin", country: "FR", city: "Grenoble", kind: "neutron", operator: "ILL" });
  m.putFacility({ id: "fr-esrf", name: "ESRF", country: "FR", city: "Grenoble", kind: "synchrotron", operator: "ESRF" });

  const home = { institution: "Deutsches Elektronen-Synchrotron DESY", department: "International Office" };
  m.put({
    id: "CD-DEMO0001",
    title: "Joint beamtime on battery cathodes at PETRA III", status: "in_review", home, facility_id: petra.id,
    summary: "Operando X-ray diffraction of layered oxide cathodes with a group from Tsinghua University.",
    partners: [{ org_id: thu.id, role: "co_applicant" }], fields: ["battery materials", "X-ray diffraction"],
    activities: ["beamtime", "joint_publication", "staff_exchange"],
    data: [{ description: "Diffraction raw frames", kind: "raw", generated_in: "DE", stored_in: "DE", partner_access: "copy" }],
    people: [{ name: "李明 (Li Ming)", affiliation: "Tsinghua University", role: "Postdoc" }],
    agreements: [{ kind: "facility_access", status: "signed" }], start: "2026-03-02", end: "2026-03-09",
  });
  m.put({
    title: "Detector development with IHEP for HEPS", status: "draft", home, facility_id: heps.id,
    partners: [{ org_id: ihep.id, role: "lead" }, { org_id: cas.id, role: "funder" }],
    fields: ["detector physics"], activities: ["joint_development", "equipment_loan"],
    items: [{ description: "Hybrid pixel detector module prototype", control_code: "3A999", destination_country: "CN", temporary: true }],
    funding: [{ source: "NSFC", country: "CN", amount_eur: 120000 }], start: "2026-06-01", end: "2027-12-31",
  });
  m.put({
    title: "Neutron imaging of turbine alloys at CSNS", status: "approved_with_conditions", facility_id: csns.id,
    partners: [{ org_id: hit.id, role: "host" }], fields: ["materials science"], activities: ["beamtime", "remote_access"],
    start: "2025-11-10",
  });
  m.put({
    title: "Summer school on synchrotron techniques", status: "approved", facility_id: ssrf.id,
    partners: [{ org_id: sari.id, role: "host" }, { org_id: pku.id, role: "user" }], activities: ["training", "student_exchange"],
    start: "2025-07-14", end: "2025-07-25",
  });
  m.put({
    title: "Quantum materials at European XFEL", status: "declined", facility_id: xfel.id,
    partners: [{ org_id: ustc.id, role: "co_applicant" }], activities: ["beamtime", "data_sharing"],
  });
  const statuses = CASE_STATUSES;
  const orgIds = [cas.id, ihep.id, sari.id, thu.id, hit.id, pku.id, ustc.id];
  const facs = [petra.id, ssrf.id, csns.id, heps.id, xfel.id];
  for (let i = 0; i < extra; i++) {
    m.put({
      title: `Generated case ${i + 1}: collaboration ${i % 7 === 0 ? "on detectors" : "at a light source"}`,
      status: statuses[i % statuses.length],
      facility_id: facs[i % facs.length],
      partners: [{ org_id: orgIds[i % orgIds.length], role: "co_applicant" }],
      start: i % 3 === 0 ? null : `2026-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
    });
  }
}
