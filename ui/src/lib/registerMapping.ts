// The register wizard's mapping editor, without the page: which case field each spreadsheet column
// fills, the mapping file (`coopdesk.register-mapping/v1`) built from that choice, where each problem
// is, and the preview's pages. The core decides what the mapping means (it reads the sheet again with
// it); this only keeps the choice consistent: a field is filled by one column at most.
import type { Field } from "./gen/Field";
import type { MappingDefaults } from "./gen/MappingDefaults";
import type { RegisterCasePreview } from "./gen/RegisterCasePreview";
import type { RegisterColumn } from "./gen/RegisterColumn";
import type { RegisterMapping } from "./gen/RegisterMapping";
import type { RegisterProblem } from "./gen/RegisterProblem";
import { REGISTER_FIELDS } from "./gen/vocabularies";
import { t } from "./i18n";

/** How many previewed cases one page of the preview table shows (a register may have thousands). */
export const PREVIEW_PAGE_SIZE = 50;

/** The fields every mapping needs: without a title column nothing can be imported. */
export const REQUIRED_FIELDS: readonly Field[] = ["title"];

/** Whether a text (a select's value) is one of the case fields a column can fill. */
export function isField(value: string): value is Field {
  return (REGISTER_FIELDS as readonly string[]).includes(value);
}

/**
 * The columns with `column` now filling `field` (or nothing, for `null`). A field fills one column at
 * most, so a column that filled it before is left unmapped; other columns keep their fields.
 */
export function assign(columns: readonly RegisterColumn[], column: string, field: Field | null): RegisterColumn[] {
  return columns.map((c) => {
    if (c.column === column) return field === null ? withoutField(c) : { ...c, field };
    if (field !== null && c.field === field) return withoutField(c);
    return { ...c };
  });
}

function withoutField(c: RegisterColumn): RegisterColumn {
  return { column: c.column, header: c.header };
}

/**
 * The mapping file for these columns: the sheet, header row and defaults of `base` (the mapping the
 * preview used), and one entry per mapped column with its letters and its header, so that the file
 * still finds the column when one is inserted before it. Entries are in the mapping file's field order.
 */
export function mappingFrom(columns: readonly RegisterColumn[], base: RegisterMapping): RegisterMapping {
  const order = (f: Field) => REGISTER_FIELDS.indexOf(f);
  const mapped = columns
    .filter((c): c is RegisterColumn & { field: Field } => c.field !== undefined)
    .sort((a, b) => order(a.field) - order(b.field))
    .map((c) => (c.header.trim() ? { field: c.field, column: c.column, header: c.header } : { field: c.field, column: c.column }));
  const mapping: RegisterMapping = { format: base.format, columns: mapped };
  if (base.sheet !== undefined) mapping.sheet = base.sheet;
  if (base.header_row !== undefined) mapping.header_row = base.header_row;
  if (base.defaults !== undefined) mapping.defaults = { ...base.defaults };
  return mapping;
}

/**
 * `mapping` with `defaults` instead of its own: values left empty (or only spaces) are left out, and so is
 * the whole `[defaults]` table when nothing is left, as the core writes it.
 */
export function withDefaults(mapping: RegisterMapping, defaults: MappingDefaults): RegisterMapping {
  const d: MappingDefaults = {};
  if (defaults.partner_role) d.partner_role = defaults.partner_role;
  const country = defaults.partner_country?.trim().toUpperCase();
  if (country) d.partner_country = country;
  const home = defaults.home_institution?.trim();
  if (home) d.home_institution = home;
  const out: RegisterMapping = { ...mapping };
  delete out.defaults;
  if (Object.keys(d).length) out.defaults = d;
  return out;
}

/** Required fields no column fills. */
export function missingFields(columns: readonly RegisterColumn[]): Field[] {
  return REQUIRED_FIELDS.filter((f) => !columns.some((c) => c.field === f));
}

/** Whether two column lists map the same columns to the same fields. */
export function sameMapping(a: readonly RegisterColumn[], b: readonly RegisterColumn[]): boolean {
  const key = (cs: readonly RegisterColumn[]) => cs.filter((c) => c.field).map((c) => `${c.column}=${c.field}`).sort().join(",");
  return key(a) === key(b);
}

/** Where a problem is, as the user reads it: sheet, row and column with its header. */
export function problemPlace(p: RegisterProblem): string {
  const parts = [t("register.place.sheet", { sheet: p.sheet })];
  if (p.row !== undefined) parts.push(t("register.place.row", { row: p.row }));
  if (p.column !== undefined) {
    parts.push(p.header ? t("register.place.columnHeader", { column: p.column, header: p.header }) : t("register.place.column", { column: p.column }));
  }
  return parts.join(", ");
}

/** Problems (or warnings) by the row they name; those of the whole sheet or a column are under 0. */
export function byRow(problems: readonly RegisterProblem[]): Map<number, RegisterProblem[]> {
  const rows = new Map<number, RegisterProblem[]>();
  for (const p of problems) {
    const row = p.row ?? 0;
    const list = rows.get(row);
    if (list) list.push(p);
    else rows.set(row, [p]);
  }
  return rows;
}

/** How many pages `total` previewed cases fill (at least one, so an empty preview has a page). */
export function pageCount(total: number, size = PREVIEW_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The page (0-based) that shows the case read from spreadsheet row `row`, or null if no case has it. */
export function pageOfRow(cases: readonly RegisterCasePreview[], row: number, size = PREVIEW_PAGE_SIZE): number | null {
  const i = cases.findIndex((c) => c.row === row);
  return i < 0 ? null : Math.floor(i / size);
}

/** The cases on page `page` (0-based; clamped to the pages there are). */
export function pageSlice<T>(items: readonly T[], page: number, size = PREVIEW_PAGE_SIZE): T[] {
  const last = pageCount(items.length, size) - 1;
  const p = Math.min(Math.max(0, page), last);
  return items.slice(p * size, (p + 1) * size);
}

/** The file extensions the wizard offers in the open dialog (what the core reads). */
export const REGISTER_EXTENSIONS = ["xlsx", "xlsm", "xls", "ods", "csv"];
