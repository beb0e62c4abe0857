// Typed message catalogues. Each language's catalogue is two files merged: ../assets/i18n/<lang>.json, shared
// with the briefing PDFs (the vocabularies' labels, and the briefing's own words under `brief.*`), and
// messages/<lang>.json, the window's own texts. A key lives in exactly one of them, so no string is written
// twice. Keys come from the English files, so an unknown key fails type checking; the i18n test fails
// when another language lacks a key, has one English does not, or a key appears in both files.
// English is in the first script chunk (it is the fallback of every other language and the source of the
// keys' type); every other language is a chunk of its own, fetched when it is first chosen, so the
// window does not parse and hold the words of a language it does not show (main.ts waits for the
// chosen one before the first render).
// Adding a language: add assets/i18n/<lang>.json and messages/<lang>.json with the same keys as English,
// list it in LOCALES (locale.svelte.ts), register its loader in `loaders` below and in the briefing's
// catalogue (crates/coopdesk-brief/src/catalogue.rs).
import sharedEn from "../../../assets/i18n/en.json";
import uiEn from "../../messages/en.json";
import { LOCALES, localeState, type Locale } from "./locale.svelte";

export { LOCALES, type Locale };

const en = { ...sharedEn, ...uiEn };
export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;
type Catalogue = Partial<Record<MessageKey, string>>;

/** The other languages' catalogues, each fetched as its own chunk. */
const loaders: Record<Exclude<Locale, "en">, () => Promise<Catalogue>> = {
  de: async () => {
    const [shared, ui] = await Promise.all([import("../../../assets/i18n/de.json"), import("../../messages/de.json")]);
    return { ...shared.default, ...ui.default };
  },
};

const catalogues: Partial<Record<Locale, Catalogue>> = { en };
const loading = new Map<Locale, Promise<Catalogue>>();
// The newest language asked for: a slow catalogue never overrides a later choice.
let wanted: Locale = "en";

function load(locale: Exclude<Locale, "en">): Promise<Catalogue> {
  let pending = loading.get(locale);
  if (!pending) {
    pending = loaders[locale]().then(
      (catalogue) => (catalogues[locale] = catalogue),
      (e: unknown) => {
        loading.delete(locale); // Asked again on the next choice.
        throw e;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

function show(locale: Locale): void {
  localeState.current = locale;
  if (typeof document !== "undefined") document.documentElement.lang = locale;
}

/**
 * Switches the UI to `next`: at once when its catalogue is loaded (English always is), otherwise once
 * its chunk has arrived; until then the current language stays. Rejects when the chunk cannot be loaded.
 */
export function setLocale(next: Locale): Promise<void> {
  wanted = next;
  if (next === "en" || catalogues[next]) {
    show(next);
    return Promise.resolve();
  }
  return load(next).then(() => {
    if (wanted === next) show(next);
  });
}

export function getLocale(): Locale {
  return localeState.current;
}

/** The language the operating system asks for, if we have it; English otherwise. */
export function systemLocale(languages: readonly string[] = typeof navigator !== "undefined" ? navigator.languages ?? [navigator.language] : []): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const found = LOCALES.find((l) => l === base);
    if (found) return found;
  }
  return "en";
}

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The message for `key` in the current locale, falling back to English. */
export function t(key: MessageKey, params?: Params): string {
  const text = catalogues[localeState.current]?.[key] ?? en[key] ?? key;
  return interpolate(text, params);
}

export function hasKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = localeState.current;
  const k = locale + JSON.stringify(opts);
  let f = dateFormats.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, opts);
    dateFormats.set(k, f);
  }
  return f;
}

/** Formats a calendar date `YYYY-MM-DD` without shifting it through a time zone. */
export function formatIsoDate(d: string | null | undefined): string {
  if (!d) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return d;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dateFormat({ year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(date);
}

/** Formats a UTC timestamp (RFC 3339) in the user's time zone. */
export function formatTimestamp(ts: string | null | undefined): string {
  if (!ts) return "";
  const date = new Date(ts);
  if (Number.isNaN(date.getTime())) return ts;
  return dateFormat({ year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }).format(date);
}

// Formatters are made once per language: making one costs far more than using it, and the start
// page formats every figure and bar.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(kind: "plain" | "euro"): Intl.NumberFormat {
  const locale = localeState.current;
  let f = numberFormats.get(`${kind}:${locale}`);
  if (!f) {
    f = kind === "euro"
      ? new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 })
      : new Intl.NumberFormat(locale);
    numberFormats.set(`${kind}:${locale}`, f);
  }
  return f;
}

/**
 * Formats a number for the current language. Counts (every figure the window shows is one) are grouped
 * by the catalogue's separator without ICU: the start page would otherwise make a number formatter,
 * whose ICU code and data cost WebKit's web process ~2 MB and the first paint several milliseconds.
 * The UI test checks that both agree.
 */
export function formatNumber(n: number): string {
  if (!Number.isSafeInteger(n)) return numberFormat("plain").format(n);
  const digits = String(Math.abs(n));
  const group = t("number.group");
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += group + digits.slice(i, i + 3);
  return n < 0 ? `-${out}` : out;
}

export function formatEuro(n: number): string {
  return numberFormat("euro").format(n);
}

let regionNames: Intl.DisplayNames | null = null;
let regionLocale = "";
/** The country's name for an ISO 3166-1 alpha-2 code, or the code itself. */
export function countryName(code: string | null | undefined): string {
  if (!code) return "";
  const locale = localeState.current;
  try {
    if (!regionNames || regionLocale !== locale) {
      regionNames = new Intl.DisplayNames([locale], { type: "region" });
      regionLocale = locale;
    }
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"]);

let countryList: { locale: Locale; options: { code: string; name: string }[] } | null = null;

/** ISO codes with names, for a country datalist (worked out once per language). */
export function countryOptions(): { code: string; name: string }[] {
  if (countryList?.locale === localeState.current) return countryList.options;
  const out: { code: string; name: string }[] = [];
  const A = 65;
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      const name = countryName(code);
      if (name && name !== code && !NOT_COUNTRIES.has(code)) out.push({ code, name });
    }
  }
  out.sort((a, b) => a.name.localeCompare(b.name, localeState.current));
  countryList = { locale: localeState.current, options: out };
  return out;
}
