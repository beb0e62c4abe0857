import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import sharedEn from "../../assets/i18n/en.json";
import sharedDe from "../../assets/i18n/de.json";
import uiEn from "../messages/en.json";
import uiDe from "../messages/de.json";
import { LOCALES, countryName, formatEuro, formatIsoDate, formatNumber, getLocale, hasKey, interpolate, setLocale, systemLocale, t } from "../src/lib/i18n";
import {
  ACTIVITIES, AGREEMENT_KINDS, AGREEMENT_STATUSES, CASE_STATUSES, DATA_KINDS, FACILITY_KINDS, ORG_KINDS,
  PARTNER_ACCESS, PARTNER_ROLES, ERROR_CODES,
} from "../src/lib/gen/vocabularies";
import type { ActionStatus } from "../src/lib/gen/ActionStatus";
import type { Escalation } from "../src/lib/gen/Escalation";
import type { Level } from "../src/lib/gen/Level";
import type { Recommendation } from "../src/lib/gen/Recommendation";
import type { ReviewState } from "../src/lib/gen/ReviewState";

// The remaining vocabularies the window labels; `satisfies` makes type checking fail when one gains a value.
const all = <T extends string>(values: Record<T, true>): T[] => Object.keys(values) as T[];
const LEVELS = all({ low: true, medium: true, high: true, critical: true } satisfies Record<Level, true>);
const RECOMMENDATIONS = all({ proceed: true, proceed_with_conditions: true, escalate: true, decline: true } satisfies Record<Recommendation, true>);
const ESCALATIONS = all({ export_control: true, ethics: true, data_protection: true, management: true } satisfies Record<Escalation, true>);
const ACTION_STATUSES = all({ open: true, met: true, waived: true } satisfies Record<ActionStatus, true>);
const REVIEW_STATES = all({ unreviewed: true, confirmed: true, false_positive: true } satisfies Record<ReviewState, true>);

const en: Record<string, string> = { ...sharedEn, ...uiEn };
const de: Record<string, string> = { ...sharedDe, ...uiDe };

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
      ...LEVELS.map((v) => `level.${v}`), ...RECOMMENDATIONS.map((v) => `recommendation.${v}`),
      ...ESCALATIONS.map((v) => `escalation.${v}`), ...ACTION_STATUSES.map((v) => `actionStatus.${v}`),
      ...REVIEW_STATES.map((v) => `reviewState.${v}`),
      ...ERROR_CODES.map((c) => `error.${c}`),
    ];
    expect(need.filter((k) => !hasKey(k))).toEqual([]);
    expect(t("activity.beamtime")).toBe("Beamtime");
  });

  it("has no empty messages", () => {
    for (const messages of [en, de]) expect(Object.entries(messages).filter(([, v]) => v.trim() === "")).toEqual([]);
  });

  it("formats dates without time-zone shifts and names countries", () => {
    expect(formatIsoDate("2026-03-01")).toMatch(/2026/);
    expect(formatIsoDate("2026-03-01")).toMatch(/Mar/);
    expect(formatIsoDate(null)).toBe("");
    expect(countryName("CN")).toBe("China");
  });

  it("has German for every English message, with the same placeholders, in both the shared and the window's files", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [enFile, deFile] of [[sharedEn, sharedDe], [uiEn, uiDe]] as [Record<string, string>, Record<string, string>][]) {
      expect(Object.keys(deFile)).toEqual(Object.keys(enFile));
      const differing = Object.entries(enFile).filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(deFile[k] ?? "")));
      expect(differing).toEqual([]);
      expect(Object.entries(deFile).filter(([, v]) => v.trim() === "")).toEqual([]);
    }
  });

  it("writes each string once: no key is both shared (assets/i18n) and the window's own (messages)", () => {
    for (const [shared, ui] of [[sharedEn, uiEn], [sharedDe, uiDe]] as [Record<string, string>, Record<string, string>][]) {
      expect(Object.keys(ui).filter((k) => Object.prototype.hasOwnProperty.call(shared, k))).toEqual([]);
    }
  });

  it("keeps the current language until another one's catalogue has arrived, and the newest choice wins", async () => {
    await setLocale("en");
    const slow = setLocale("de");
    // Until the German chunk is loaded (on first use), the window goes on in English.
    expect(getLocale()).toBe("en");
    await setLocale("en");
    await slow;
    expect(getLocale()).toBe("en");
    expect(t("activity.beamtime")).toBe(sharedEn["activity.beamtime"]);
    try {
      await setLocale("de");
      expect(getLocale()).toBe("de");
      expect(t("activity.beamtime")).toBe(sharedDe["activity.beamtime"]);
    } finally {
      await setLocale("en");
    }
  });

  it("shows the shared labels the briefing prints", async () => {
    try {
      await setLocale("de");
      expect(t("recommendation.escalate")).toBe(sharedDe["recommendation.escalate"]);
      expect(t("status.approved_with_conditions")).toBe("Mit Auflagen genehmigt");
    } finally {
      await setLocale("en");
    }
    expect(t("reviewState.false_positive")).toBe(sharedEn["reviewState.false_positive"]);
  });

  it("switches language, dates and numbers at once, and takes the default from the system", async () => {
    try {
      await setLocale("de");
      expect(t("activity.beamtime")).not.toBe("Beamtime");
      expect(formatIsoDate("2026-03-01")).toMatch(/März|Mär/);
      expect(formatNumber(12345.5)).toBe("12.345,5");
      expect(formatEuro(1500)).toMatch(/1\.500\s?€/);
      expect(countryName("CN")).toBe("China");
      expect(countryName("DE")).toBe("Deutschland");
    } finally {
      await setLocale("en");
    }
    expect(formatNumber(12345.5)).toBe("12,345.5");
    expect(systemLocale(["de-DE", "en-US"])).toBe("de");
    expect(systemLocale(["fr-FR", "de-AT"])).toBe("de");
    expect(systemLocale(["fr-FR"])).toBe("en");
    expect(systemLocale([])).toBe("en");
  });

  it("groups counts as the language's number formatter does, without making one", async () => {
    const counts = [0, 7, -7, 999, 1000, -1000, 12345, 999999, 1000000, 1234567, -98765432, Number.MAX_SAFE_INTEGER];
    for (const locale of LOCALES) {
      try {
        await setLocale(locale);
        const intl = new Intl.NumberFormat(locale);
        for (const n of counts) expect(formatNumber(n), `${n} in ${locale}`).toBe(intl.format(n));
      } finally {
        await setLocale("en");
      }
    }
  });
});
