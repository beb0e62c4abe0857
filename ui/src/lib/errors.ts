import type { IpcError } from "./gen/IpcError";
import type { ProblemAt } from "./gen/ProblemAt";
import { inPreview } from "./api";
import { t, type MessageKey } from "./i18n";

/** A translated sentence for an error code. */
export function errorText(e: IpcError): string {
  // The preview has no core that could fail inside: its only internal error is its refusal to write
  // or to answer a call that was not recorded.
  if (e.code === "internal" && inPreview()) return t("preview.readOnly");
  return t(`error.${e.code}` satisfies MessageKey);
}

/** Where a problem is, for lists of problems that are not next to a field (e.g. import). */
export function problemWhere(p: ProblemAt): string {
  if (p.path) return t("error.where", { file: p.file, path: p.path });
  if (p.line !== null) return t("error.whereLine", { file: p.file, line: p.line });
  return p.file;
}
