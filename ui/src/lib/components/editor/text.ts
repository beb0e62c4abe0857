// How the case form reads what is typed into optional fields.

/** An optional text: nothing typed is "not recorded" (undefined), not an empty text. */
export function optional(s: string): string | undefined {
  return s.trim() === "" ? undefined : s;
}

/** An optional country code, upper-cased (the core checks that it is one). */
export function countryCode(s: string): string | undefined {
  return s.trim() === "" ? undefined : s.trim().toUpperCase();
}
