import { describe, expect, it } from "vitest";
import { RecordedBackend, example } from "../src/lib/preview";
import type { RegisterPreview } from "../src/lib/gen/RegisterPreview";
import type { RegisterOptions } from "../src/lib/gen/RegisterOptions";
import type { RegisterImportOutcome } from "../src/lib/gen/RegisterImportOutcome";
import type { RegisterMapping } from "../src/lib/gen/RegisterMapping";
import { REGISTER_FIELDS } from "../src/lib/gen/vocabularies";
import { setLocale } from "../src/lib/i18n";
import { RegisterWizard } from "../src/lib/stores/registerWizard.svelte";
import {
  PREVIEW_PAGE_SIZE, assign, byRow, isField, mappingFrom, missingFields, pageCount, pageOfRow, pageSlice, problemPlace, sameMapping,
  withDefaults,
} from "../src/lib/registerMapping";
import { flushSync, mount, unmount } from "svelte";
import RegisterImportView from "../src/views/RegisterImportView.svelte";

/** The core's preview of the office register fixture (`register.xlsx`, one bad row) or of its fixed copy. */
function recordedPreview(which: "bad" | "fixed"): RegisterPreview {
  const e = example(`register_preview.${which}`);
  if (!e.answer) throw new Error(`register_preview.${which} was recorded as an error: ${e.error?.message}`);
  return e.answer as RegisterPreview;
}

/**
 * The recorded backend answering the wizard's calls with what the core answered for the fixtures: a
 * path naming "fixed" is the fixed register, any other the bad one. Every call is kept.
 */
function registerBackend() {
  const backend = new RecordedBackend();
  const previews: { path: string; options: RegisterOptions }[] = [];
  const imports: { path: string; options: RegisterOptions }[] = [];
  const written: { path: string; mapping: RegisterMapping }[] = [];
  const which = (path: string) => (path.includes("fixed") ? "fixed" : "bad");
  backend.registerPreview = async (path, options) => {
    previews.push({ path, options: structuredClone(options) });
    return recordedPreview(which(path));
  };
  backend.registerImport = async (path, options) => {
    imports.push({ path, options: structuredClone(options) });
    if (which(path) === "bad") {
      const e = example("register_import.bad");
      throw e.error;
    }
    // The fixed register imports; the test only needs the outcome's shape with the preview read.
    return { preview: recordedPreview("fixed"), imported: [] } satisfies RegisterImportOutcome;
  };
  backend.writeRegisterMapping = async (path, mapping) => {
    written.push({ path, mapping: structuredClone(mapping) });
    return null;
  };
  return { backend, previews, imports, written };
}

describe("the mapping editor", () => {
  it("builds from the columns the same mapping the core suggested", () => {
    for (const which of ["bad", "fixed"] as const) {
      const p = recordedPreview(which);
      expect(p.mapping_suggested).toBe(true);
      const built = mappingFrom(p.columns, p.mapping);
      const key = (m: RegisterMapping) => m.columns.map((c) => `${c.field}:${c.column}`).sort();
      expect(key(built)).toEqual(key(p.mapping));
      expect(built.sheet).toBe(p.sheet);
      expect(built.header_row).toBe(p.header_row);
      expect(built.format).toBe("coopdesk.register-mapping/v1");
      // In the mapping file's field order, each with the header it is found by.
      const order = built.columns.map((c) => REGISTER_FIELDS.indexOf(c.field));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      for (const c of built.columns) expect(c.header).toBe(p.columns.find((x) => x.column === c.column)?.header);
    }
  });

  it("gives a field to one column only, and can leave a column out", () => {
    const p = recordedPreview("fixed");
    const title = p.columns.find((c) => c.field === "title");
    const funding = p.columns.find((c) => c.field === "funding");
    expect(title && funding).toBeTruthy();
    if (!title || !funding) return;

    // The funding column made the title: the old title column is left unmapped, nothing else moves.
    const moved = assign(p.columns, funding.column, "title");
    expect(moved.filter((c) => c.field === "title").map((c) => c.column)).toEqual([funding.column]);
    expect(moved.find((c) => c.column === title.column)?.field).toBeUndefined();
    expect(moved.some((c) => c.field === "funding")).toBe(false);
    const untouched = (cs: typeof p.columns) => cs.filter((c) => c.column !== title.column && c.column !== funding.column);
    expect(untouched(moved)).toEqual(untouched(p.columns));
    expect(sameMapping(moved, p.columns)).toBe(false);
    expect(missingFields(moved)).toEqual([]);

    const without = assign(p.columns, title.column, null);
    expect(missingFields(without)).toEqual(["title"]);
    expect(mappingFrom(without, p.mapping).columns.some((c) => c.field === "title")).toBe(false);
    // The preview's own columns are not changed by editing.
    expect(p.columns.find((c) => c.column === title.column)?.field).toBe("title");
  });

  it("knows the fields a select may offer", () => {
    expect(isField("partners")).toBe(true);
    expect(isField("")).toBe(false);
    expect(isField("colour")).toBe(false);
  });

  it("names each problem by sheet, row and column with its header", async () => {
    setLocale("en");
    const p = recordedPreview("bad");
    expect(p.problems).toHaveLength(1);
    const [problem] = p.problems;
    expect(problemPlace(problem)).toBe("sheet “Kooperationen 2025”, row 9, column F (Laufzeit / Beginn)");
    expect(problem.message).toContain("Frühjahr 2025");
    expect([...byRow(p.problems).keys()]).toEqual([9]);
    await setLocale("de");
    expect(problemPlace(problem)).toBe("Tabellenblatt „Kooperationen 2025“, Zeile 9, Spalte F (Laufzeit / Beginn)");
    setLocale("en");
  });

  it("pages a register of 2 000 rows", () => {
    const one = recordedPreview("fixed").cases[0];
    const cases = Array.from({ length: 2000 }, (_, i) => ({ ...one, row: i + 5 }));
    expect(pageCount(cases.length)).toBe(2000 / PREVIEW_PAGE_SIZE);
    expect(pageCount(0)).toBe(1);
    expect(pageSlice(cases, 0).map((c) => c.row)[0]).toBe(5);
    expect(pageSlice(cases, 3)).toHaveLength(PREVIEW_PAGE_SIZE);
    expect(pageSlice(cases, 3)[0].row).toBe(5 + 3 * PREVIEW_PAGE_SIZE);
    // Past the end: the last page.
    expect(pageSlice(cases, 99)[PREVIEW_PAGE_SIZE - 1].row).toBe(2004);
    expect(pageOfRow(cases, 5)).toBe(0);
    expect(pageOfRow(cases, 5 + PREVIEW_PAGE_SIZE)).toBe(1);
    expect(pageOfRow(cases, 2004)).toBe(pageCount(2000) - 1);
    expect(pageOfRow(cases, 1)).toBeNull();
  });
});

describe("the register wizard", () => {
  it("shows the bad row, refuses to import, and previews again with a changed mapping", async () => {
    const { backend, previews, imports } = registerBackend();
    const w = new RegisterWizard(backend);
    await w.open("  /data/register.xlsx ");
    expect(previews).toEqual([{ path: "/data/register.xlsx", options: {} }]);
    expect(w.preview?.problems).toHaveLength(1);
    expect(w.importable).toBe(false);
    await w.import();
    expect(imports).toEqual([]);

    // A column's field changed: the core is asked again with the whole mapping, on the same sheet.
    const start = w.columns.find((c) => c.field === "start");
    expect(start).toBeTruthy();
    await w.setField(start?.column ?? "", null);
    const last = previews[previews.length - 1];
    expect(last.options.sheet).toBe("Kooperationen 2025");
    expect(last.options.mapping?.header_row).toBe(w.preview?.header_row);
    expect(last.options.mapping?.columns.some((c) => c.field === "start")).toBe(false);
    expect(last.options.mapping?.columns.some((c) => c.field === "title")).toBe(true);

    w.goToRow(9);
    expect(w.page).toBe(0);
    expect(w.focusRow).toBe(9);
  });

  it("imports with the sheet and mapping of the preview shown", async () => {
    const { backend, previews, imports, written } = registerBackend();
    const w = new RegisterWizard(backend);
    await w.open("/data/register-fixed.xlsx");
    expect(w.importable).toBe(true);
    const funding = w.columns.find((c) => c.field === "funding");
    await w.setField(funding?.column ?? "", null);
    await w.import();
    expect(imports).toHaveLength(1);
    expect(imports[0].options).toEqual(previews[previews.length - 1].options);
    expect(w.outcome).not.toBeNull();

    // The mapping file is the mapping the core read the preview shown with (as `--save-mapping`):
    // its sheet, header row, and each column with its header.
    expect(await w.saveMapping("/data/register.mapping.toml")).toBe(true);
    expect(written[0].path).toBe("/data/register.mapping.toml");
    expect(written[0].mapping).toEqual(w.preview?.mapping);
    expect(written[0].mapping.sheet).toBe("Kooperationen 2025");
    expect(written[0].mapping.header_row).toBe(4);
    expect(written[0].mapping.columns).toContainEqual({ field: "title", column: "B", header: "Vorhaben" });
  });

  it("keeps the core's refusal and never shows an older preview over a newer one", async () => {
    const { backend } = registerBackend();
    // The first answer comes after the second.
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => { release = r; });
    const original = backend.registerPreview;
    let n = 0;
    backend.registerPreview = async (path, options) => {
      n += 1;
      if (n === 1) await slow;
      return original.call(backend, path, options);
    };
    const w = new RegisterWizard(backend);
    const first = w.open("/data/register.xlsx");
    await w.open("/data/register-fixed.xlsx");
    release();
    await first;
    expect(w.preview?.problems).toEqual([]);
    expect(w.path).toBe("/data/register-fixed.xlsx");

    // An import the core refuses (the file changed under the preview) shows its error.
    w.path = "/data/register.xlsx";
    await w.import();
    expect(w.error?.code).toBe("input.invalid");
    expect(w.error?.problems[0]?.path).toBe("sheet \"Kooperationen 2025\", row 9, column F (Laufzeit / Beginn)");
    expect(w.outcome).toBeNull();
  });

  it("sets the partner role, country and home institution, keeps them in the saved mapping and reads them back", async () => {
    const { backend, previews, written } = registerBackend();
    // The core answers with the mapping it was given, defaults included, as it does.
    const original = backend.registerPreview;
    backend.registerPreview = async (path, options) => {
      const p = await original.call(backend, path, options);
      return options.mapping ? { ...p, mapping: { ...options.mapping, sheet: p.sheet, header_row: p.header_row }, mapping_suggested: false } : p;
    };
    backend.readRegisterMapping = async (path) => {
      const w = written.find((x) => x.path === path);
      if (!w) throw { code: "io.not_found", message: path, problems: [] };
      return structuredClone(w.mapping);
    };
    const target = document.createElement("div");
    document.body.append(target);
    const view = mount(RegisterImportView, { target, props: { api: backend, onback: () => {}, oncases: () => {}, onimported: () => {} } });
    const settle = () => new Promise((r) => setTimeout(r, 0)).then(() => flushSync());
    const change = (sel: string, value: string) => {
      const el = target.querySelector<HTMLInputElement | HTMLSelectElement>(sel);
      if (!el) throw new Error(`${sel} missing`);
      el.value = value;
      el.dispatchEvent(new Event("change", { bubbles: true }));
    };
    try {
      const path = target.querySelector<HTMLInputElement>("#register-path");
      if (path) { path.value = "/data/register-fixed.xlsx"; path.dispatchEvent(new Event("input")); }
      flushSync();
      target.querySelector<HTMLButtonElement>("#register-read")?.click();
      await settle();
      expect(target.querySelector<HTMLSelectElement>("#register-default-role")?.value).toBe("");

      change("#register-default-role", "co_applicant");
      await settle();
      change("#register-default-country", "xx");
      await settle();
      expect(target.querySelector('#register-default-country-problem')?.textContent).toMatch(/"xx" is not a two-letter country code/);
      change("#register-default-country", "cn");
      await settle();
      change("#register-default-home", "  DESY ");
      await settle();
      expect(target.querySelector('#register-default-country-problem')).toBeNull();
      // The fields show what the preview was made with.
      expect(target.querySelector<HTMLSelectElement>("#register-default-role")?.value).toBe("co_applicant");
      expect(target.querySelector<HTMLInputElement>("#register-default-country")?.value).toBe("CN");
      expect(target.querySelector<HTMLInputElement>("#register-default-home")?.value).toBe("DESY");
      expect(previews.at(-1)?.options.mapping?.defaults).toEqual({ partner_role: "co_applicant", partner_country: "CN", home_institution: "DESY" });
      // The wrong code was never sent.
      expect(previews.some((p) => p.options.mapping?.defaults?.partner_country === "xx")).toBe(false);

      const w = new RegisterWizard(backend);
      await w.open("/data/register-fixed.xlsx");
      await w.setDefaults({ partner_role: "host" });
      expect(await w.saveMapping("/tmp/register.mapping.toml")).toBe(true);
      expect(written.at(-1)?.mapping.defaults).toEqual({ partner_role: "host" });
      await w.open("/data/register-fixed.xlsx");
      expect(w.preview?.mapping.defaults).toBeUndefined();
      await w.loadMapping("/tmp/register.mapping.toml");
      expect(w.preview?.mapping.defaults).toEqual({ partner_role: "host" });
      expect(previews.at(-1)?.options.mapping?.defaults).toEqual({ partner_role: "host" });
    } finally {
      unmount(view);
      target.remove();
    }
  });
});

describe("the mapping's defaults", () => {
  it("leaves out empty values and the whole table when nothing is left", () => {
    const base: RegisterMapping = { format: "coopdesk.register-mapping/v1", columns: [{ field: "title", column: "B" }], defaults: { home_institution: "DESY" } };
    expect(withDefaults(base, { partner_role: "lead", partner_country: " de ", home_institution: "  " })).toEqual({
      format: "coopdesk.register-mapping/v1", columns: [{ field: "title", column: "B" }], defaults: { partner_role: "lead", partner_country: "DE" },
    });
    expect(withDefaults(base, { partner_country: "" })).toEqual({ format: "coopdesk.register-mapping/v1", columns: [{ field: "title", column: "B" }] });
    expect(base.defaults).toEqual({ home_institution: "DESY" });
  });
});
