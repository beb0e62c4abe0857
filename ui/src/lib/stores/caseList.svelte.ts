// The case list: query state, the total count and rows fetched page by page on demand. A query change
// drops the cache; answers to an outdated query are ignored. The dashboard's filters (level, facility,
// partner country, open cases only) arrive as a `ListFilter` and go to the core unchanged.
import type { Backend } from "../api";
import { toIpcError } from "../api";
import type { ListFilter } from "../filters";
import type { Bucket } from "../gen/Bucket";
import type { CaseRow } from "../gen/CaseRow";
import type { LevelGroup } from "../gen/LevelGroup";
import type { CaseSort } from "../gen/CaseSort";
import type { CaseStatus } from "../gen/CaseStatus";
import type { IpcError } from "../gen/IpcError";

export const PAGE_SIZE = 200;

export class CaseList {
  text = $state("");
  status: CaseStatus | null = $state(null);
  sort: CaseSort = $state("updated_desc");
  /** Only cases with open actions past their due date. */
  overdueOnly = $state(false);
  /** Only open cases (draft, in review, approved with conditions). */
  openOnly = $state(false);
  /** Only cases whose latest assessment is provisional (the dashboard's provisional figure). */
  provisionalOnly = $state(false);
  level: LevelGroup | null = $state(null);
  facility: Bucket | null = $state(null);
  /** The facility's name for its chip (see `ListFilter.facilityLabel`). */
  facilityLabel = $state("");
  partnerCountry: Bucket | null = $state(null);
  /** Matches of the current query; null until the first page arrived. */
  total: number | null = $state(null);
  error: IpcError | null = $state(null);
  #pages: Record<number, CaseRow[]> = $state.raw({});
  #loading = new Set<number>();
  #generation = 0;
  #backend: Backend;
  readonly pageSize: number;

  constructor(backend: Backend, pageSize = PAGE_SIZE) {
    this.#backend = backend;
    this.pageSize = pageSize;
  }

  get filtered(): boolean {
    return this.text.trim() !== "" || this.status !== null || this.overdueOnly || this.openOnly
      || this.provisionalOnly || this.level !== null || this.facility !== null || this.partnerCountry !== null;
  }

  /** Sets every filter from `f` (absent fields clear theirs); call `refresh` afterwards. */
  apply(f: ListFilter): void {
    this.text = f.text ?? "";
    this.status = f.status ?? null;
    this.overdueOnly = f.overdueOnly ?? false;
    this.openOnly = f.openOnly ?? false;
    this.provisionalOnly = f.provisionalOnly ?? false;
    this.level = f.level ?? null;
    this.facility = f.facility ?? null;
    this.facilityLabel = f.facilityLabel ?? "";
    this.partnerCountry = f.partnerCountry ?? null;
  }

  /** The current filters, for keeping them while a case is open. */
  get filter(): ListFilter {
    const f: ListFilter = {};
    if (this.text.trim()) f.text = this.text;
    if (this.status) f.status = this.status;
    if (this.overdueOnly) f.overdueOnly = true;
    if (this.openOnly) f.openOnly = true;
    if (this.provisionalOnly) f.provisionalOnly = true;
    if (this.level) f.level = this.level;
    if (this.facility) {
      f.facility = $state.snapshot(this.facility);
      if (this.facilityLabel) f.facilityLabel = this.facilityLabel;
    }
    if (this.partnerCountry) f.partnerCountry = $state.snapshot(this.partnerCountry);
    return f;
  }

  /** Drops cached rows and fetches the first page again (after a query change or an import). */
  refresh(): Promise<void> {
    this.#generation += 1;
    this.#pages = {};
    this.#loading.clear();
    return this.#fetch(0);
  }

  /** The row at `index`, or undefined while its page is not loaded (see `ensure`). */
  rowAt(index: number): CaseRow | undefined {
    const page = Math.floor(index / this.pageSize);
    return this.#pages[page]?.[index - page * this.pageSize];
  }

  /** Makes sure the pages covering rows [from, to) are loaded or loading. */
  ensure(from: number, to: number): void {
    if (to <= from) return;
    const first = Math.floor(Math.max(0, from) / this.pageSize);
    const last = Math.floor((to - 1) / this.pageSize);
    for (let p = first; p <= last; p++) if (!this.#pages[p]) void this.#fetch(p);
  }

  isLoaded(page: number): boolean {
    return page in this.#pages;
  }

  async #fetch(page: number): Promise<void> {
    if (this.#loading.has(page)) return;
    this.#loading.add(page);
    const generation = this.#generation;
    try {
      const res = await this.#backend.listCases({
        text: this.text.trim(),
        status: this.status,
        sort: this.sort,
        offset: page * this.pageSize,
        limit: this.pageSize,
        overdue_only: this.overdueOnly,
        open_only: this.openOnly,
        provisional_only: this.provisionalOnly,
        level: this.level,
        // Plain copies: the buckets may be state proxies, which cannot be cloned or sent as they are.
        facility: $state.snapshot(this.facility),
        partner_country: $state.snapshot(this.partnerCountry),
      });
      if (generation !== this.#generation) return;
      this.#pages = { ...this.#pages, [page]: res.rows };
      this.total = res.total;
      this.error = null;
    } catch (e) {
      if (generation === this.#generation) this.error = toIpcError(e);
    } finally {
      if (generation === this.#generation) this.#loading.delete(page);
    }
  }
}
