// The user's display preferences (language and theme), kept in the webview's local storage: they
// belong to this computer's user, not to the case database another office may receive.
import { setLocale, systemLocale, LOCALES, type Locale } from "./i18n";

export type LanguageChoice = "system" | Locale;
export type ThemeChoice = "system" | "light" | "dark";

const LANGUAGE_KEY = "coopdesk.language";
const THEME_KEY = "coopdesk.theme";

function read(key: string): string | null {
  try {
    return typeof localStorage !== "undefined" ? localStorage.getItem(key) : null;
  } catch {
    return null; // Storage can be disabled; the defaults apply.
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not stored: the choice still applies until the window closes.
  }
}

export function languageChoice(): LanguageChoice {
  const v = read(LANGUAGE_KEY);
  return v === "system" || (LOCALES as readonly string[]).includes(v ?? "") ? (v as LanguageChoice) : "system";
}

export function themeChoice(): ThemeChoice {
  const v = read(THEME_KEY);
  return v === "light" || v === "dark" ? v : "system";
}

/** Applies and remembers the language: a fixed one, or the operating system's. */
export function chooseLanguage(choice: LanguageChoice): void {
  write(LANGUAGE_KEY, choice);
  // A catalogue that cannot be fetched leaves the current language on screen.
  applyLanguage(choice).catch(() => {});
}

function applyLanguage(choice: LanguageChoice): Promise<void> {
  return setLocale(choice === "system" ? systemLocale() : choice);
}

let darkQuery: MediaQueryList | null = null;
let following = false;

function paint(theme: "light" | "dark"): void {
  if (typeof document !== "undefined") document.documentElement.dataset.theme = theme;
}

/** Applies and remembers the theme; "system" follows the operating system, also when it changes. */
export function chooseTheme(choice: ThemeChoice): void {
  write(THEME_KEY, choice);
  applyTheme(choice);
}

function applyTheme(choice: ThemeChoice): void {
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") {
    paint(choice === "dark" ? "dark" : "light");
    return;
  }
  darkQuery ??= window.matchMedia("(prefers-color-scheme: dark)");
  if (!following) {
    following = true;
    darkQuery.addEventListener("change", () => {
      if (themeChoice() === "system") paint(darkQuery?.matches ? "dark" : "light");
    });
  }
  paint(choice === "system" ? (darkQuery.matches ? "dark" : "light") : choice);
}

/**
 * At start: the remembered choices, or the operating system's language and theme. Only reads the
 * webview's storage: writing back what was just read would be a disk write before the first paint
 * that changes nothing. Resolves once the language's catalogue is loaded (at once for English).
 */
export function applyPreferences(): Promise<void> {
  applyTheme(themeChoice());
  return applyLanguage(languageChoice());
}

/**
 * The platform a webview runs on, from its user agent: `mac` (WKWebView), `windows` (WebView2) or
 * `other` (WebKitGTK on Linux and the BSDs, and any browser showing the preview). Only the font stacks
 * depend on it.
 */
export function platformOf(userAgent: string): "mac" | "windows" | "other" {
  if (/Macintosh|Mac OS X/.test(userAgent)) return "mac";
  if (/Windows/.test(userAgent)) return "windows";
  return "other";
}
