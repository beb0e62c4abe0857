// The current UI language as reactive state: `t()` and the formatters read it, so every text on screen
// follows a language switch without reloading the page (and without losing an edit in progress).

/** Languages the UI has catalogues for. */
export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];

export const localeState = $state<{ current: Locale }>({ current: "en" });
