// Maps a problem's JSON path (e.g. `partners[0].org_id`, `items[2].control_code`, `end`) to the id of the
// input that shows the value, so the problem can be shown next to it.
import type { ProblemAt } from "./gen/ProblemAt";

const ROW_PREFIX: Record<string, string> = {
  partners: "partner",
  items: "item",
  data: "data",
  people: "person",
  funding: "funding",
  agreements: "agreement",
};

/** Field ids for list rows, so components and the mapping agree. */
export function rowFieldId(list: keyof typeof ROW_PREFIX, index: number, field: string): string {
  return `${ROW_PREFIX[list]}-${index}-${field}`;
}

/** Id of the element that shows the value at `path`; "" when the problem concerns the case as a whole. */
export function fieldIdForPath(path: string): string {
  const m = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?(?:\[(\d+)\])?/.exec(path);
  if (!m || path === "") return "";
  const [, top, index, sub] = m;
  if (top === "home") return `case-home-${sub ?? "institution"}`;
  if (top === "facility_id") return "case-facility";
  if (top === "fields" || top === "activities" || top === "answers") return `case-${top}`;
  if (top in ROW_PREFIX) {
    if (index === undefined) return `case-${top}`;
    if (top === "partners") return `${ROW_PREFIX[top]}-${index}-${sub === "role" ? "role" : "org"}`;
    return rowFieldId(top as keyof typeof ROW_PREFIX, Number(index), sub ?? "description");
  }
  if (["title", "summary", "status", "start", "end", "notes", "id"].includes(top)) return top === "id" ? "" : `case-${top}`;
  return "";
}

/** Problems grouped by field id ("" for the case as a whole). */
export function groupProblems(problems: readonly ProblemAt[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) {
    const id = fieldIdForPath(p.path);
    const list = out.get(id) ?? [];
    list.push(p.message);
    out.set(id, list);
  }
  return out;
}

/** Problems grouped by their path as given, for small forms whose inputs match paths one to one. */
export function problemsByPath(problems: readonly ProblemAt[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) out.set(p.path, [...(out.get(p.path) ?? []), p.message]);
  return out;
}
