import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import en from "../messages/en.json";
import de from "../messages/de.json";
import { countryName, formatEuro, formatIsoDate, formatNumber, hasKey, interpolate, setLocale, systemLocale, t } from "../src/lib/i18n";
import {
  ACTIVITIES, AGREEMENT_KINDS, AGREEMENT_STATUSES, CASE_STATUSES, DATA_KINDS, FACILITY_KINDS, ORG_KINDS,
  PARTNER_ACCESS, PARTNER_ROLES, ERROR_CODES,
} from "../src/lib/gen/vocabularies";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === "gen" ? [] : sources(p);
    return /\.(svelte|ts)$/.test(f) ? [p] : [];
  });
}

describe("i18n", () => {
  it("interpolates named parameters and leaves unknown ones", () => {
    expect(interpolate("{a} of {b}", { a: 1, b: "x" })).toBe("1 of x");
    expect(interpolate("{a} {missing}", { a: 2 })).toBe("2 {missing}");
    expect(t("caseList.count", { count: 5 })).toBe("5 cases");
  });

  it("has every literal key used in the sources", () => {
    const root = join(__dirname, "../src");
    const missing: string[] = [];
    for (const file of sources(root)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([^"]+)"/g)) if (!hasKey(m[1])) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it("has a label for every vocabulary value", () => {
    const need = [
      ...CASE_STATUSES.map((v) => `status.${v}`), ...FACILITY_KINDS.map((v) => `facilityKind.${v}`),
      ...ORG_KINDS.map((v) => `orgKind.${v}`), ...PARTNER_ROLES.map((v) => `role.${v}`),
      ...ACTIVITIES.map((v) => `activity.${v}`), ...DATA_KINDS.map((v) => `dataKind.${v}`),
      ...PARTNER_ACCESS.map((v) => `access.${v}`), ...AGREEMENT_KINDS.map((v) => `agreementKind.${v}`),
      ...AGREEMENT_STATUSES.map((v) => `agreementStatus.${v}`),
      ...ERROR_CODES.map((c) => `error.${c}`),
    ];
    expect(need.filter((k) => !hasKey(k))).toEqual([]);
    expect(t("activity.beamtime")).toBe("Beamtime");
  });

  it("has no empty messages", () => {
    expect(Object.entries(en).filter(([, v]) => v.trim() === "")).toEqual([]);
  });

  it("formats dates without time-zone shifts and names countries", () => {
    expect(formatIsoDate("2026-03-01")).toMatch(/2026/);
    expect(formatIsoDate("2026-03-01")).toMatch(/Mar/);
    expect(formatIsoDate(null)).toBe("");
    expect(countryName("CN")).toBe("China");
  });

  it("has German for every English message, with the same placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const deMessages: Record<string, string> = de;
    expect(Object.keys(de)).toEqual(Object.keys(en));
    const differing = Object.entries(en).filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(deMessages[k] ?? "")));
    expect(differing).toEqual([]);
    expect(Object.entries(de).filter(([, v]) => v.trim() === "")).toEqual([]);
  });

  it("switches language, dates and numbers at once, and takes the default from the system", () => {
    try {
      setLocale("de");
      expect(t("activity.beamtime")).not.toBe("Beamtime");
      expect(formatIsoDate("2026-03-01")).toMatch(/März|Mär/);
      expect(formatNumber(12345.5)).toBe("12.345,5");
      expect(formatEuro(1500)).toMatch(/1\.500\s?€/);
      expect(countryName("CN")).toBe("China");
      expect(countryName("DE")).toBe("Deutschland");
    } finally {
      setLocale("en");
    }
    expect(formatNumber(12345.5)).toBe("12,345.5");
    expect(systemLocale(["de-DE", "en-US"])).toBe("de");
    expect(systemLocale(["fr-FR", "de-AT"])).toBe("de");
    expect(systemLocale(["fr-FR"])).toBe("en");
    expect(systemLocale([])).toBe("en");
  });
});
