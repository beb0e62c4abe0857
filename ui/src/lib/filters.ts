// What narrows the case list besides search and sort: the filters a dashboard bar sets, as plain data
// that the app keeps while the user opens a case and comes back, and the chips that show each one.
import type { Bucket } from "./gen/Bucket";
import type { CaseStatus } from "./gen/CaseStatus";
import type { LevelGroup } from "./gen/LevelGroup";
import { countryName, t } from "./i18n";

/** The case list's filter (search text aside); every field is optional, absent means "any". */
export interface ListFilter {
  text?: string;
  status?: CaseStatus | null;
  overdueOnly?: boolean;
  /** Only cases whose latest assessment is provisional (key questions still unanswered). */
  provisionalOnly?: boolean;
  /** Only open cases (draft, in review, approved with conditions), as the dashboard counts them. */
  openOnly?: boolean;
  level?: LevelGroup | null;
  facility?: Bucket | null;
  /** The facility's name for a `{ is: id }` bucket, shown on its chip (the id means nothing to people). */
  facilityLabel?: string;
  partnerCountry?: Bucket | null;
}

/** The filters shown as removable chips (the others have their own control in the toolbar). */
export type ChipKey = "openOnly" | "provisionalOnly" | "level" | "facility" | "partnerCountry";

export interface Chip {
  key: ChipKey;
  /** What the chip says, e.g. "Level: Critical". */
  text: string;
}

/** The name of a level group: a level, or "Not assessed". */
export function levelGroupName(g: LevelGroup): string {
  return g === "not_assessed" ? t("dashboard.level.notAssessed") : t(`level.${g}`);
}

/** The name of a facility bucket; `label` is the facility's name for a named one. */
export function facilityBucketName(b: Bucket, label: string): string {
  if (b === "missing") return t("dashboard.facility.missing");
  if ("other_than" in b) return t("dashboard.facility.others");
  return label || b.is;
}

/** The name of a partner-country bucket, the country named in the UI's language. */
export function countryBucketName(b: Bucket): string {
  if (b === "missing") return t("dashboard.country.missing");
  if ("other_than" in b) return t("dashboard.country.others");
  return countryName(b.is);
}

/** The chips of a filter, in a fixed order. */
export function chipsOf(f: ListFilter): Chip[] {
  const chips: Chip[] = [];
  if (f.openOnly) chips.push({ key: "openOnly", text: t("filter.openOnly") });
  if (f.provisionalOnly) chips.push({ key: "provisionalOnly", text: t("filter.provisionalOnly") });
  if (f.level) chips.push({ key: "level", text: t("filter.level", { value: levelGroupName(f.level) }) });
  const fac = f.facility;
  if (fac) {
    const text = fac === "missing" ? t("filter.facility.missing") : "other_than" in fac ? t("filter.facility.others")
      : t("filter.facility", { value: facilityBucketName(fac, f.facilityLabel ?? "") });
    chips.push({ key: "facility", text });
  }
  const country = f.partnerCountry;
  if (country) {
    const text = country === "missing" ? t("filter.partnerCountry.missing") : "other_than" in country ? t("filter.partnerCountry.others")
      : t("filter.partnerCountry", { value: countryBucketName(country) });
    chips.push({ key: "partnerCountry", text });
  }
  return chips;
}

/** The filter without the chip `key`. */
export function withoutChip(f: ListFilter, key: ChipKey): ListFilter {
  const next: ListFilter = { ...f };
  delete next[key];
  if (key === "facility") delete next.facilityLabel;
  return next;
}
