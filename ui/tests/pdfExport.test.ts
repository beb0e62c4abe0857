import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import PdfExport from "../src/lib/components/PdfExport.svelte";
import { RecordedBackend } from "../src/lib/preview";
import type { Backend } from "../src/lib/api";
import type { Lang } from "../src/lib/gen/Lang";

function settle() {
  return new Promise((r) => setTimeout(r, 0)).then(() => flushSync());
}

describe("saving a PDF", () => {
  it("writes to a typed path without the save dialog, and to the dialog's path otherwise", async () => {
    const backend = new RecordedBackend();
    const dialogs: string[] = [];
    (backend as Backend).chooseSavePath = (opts) => { dialogs.push(opts.defaultPath); return Promise.resolve("/chosen/minutes-en.pdf"); };
    const writes: [string, Lang][] = [];
    const write = (path: string, lang: Lang) => {
      writes.push([path, lang]);
      return Promise.resolve({ path, sha256: "a".repeat(64), bytes: 1000, approved: false });
    };
    const target = document.createElement("div");
    document.body.append(target);
    const view = mount(PdfExport, { target, props: { api: backend, id: "minutes", label: "Minutes (PDF)", title: "Minutes", fileName: "C-1-ws-1-minutes", write } });
    try {
      target.querySelector<HTMLButtonElement>("#minutes")?.click();
      flushSync();
      const path = target.querySelector<HTMLInputElement>("#minutes-path");
      const saveHere = target.querySelector<HTMLButtonElement>("#minutes-save-path");
      expect(saveHere?.disabled).toBe(true);
      if (path) { path.value = "  /typed/minutes.pdf "; path.dispatchEvent(new Event("input")); }
      flushSync();
      expect(saveHere?.disabled).toBe(false);
      saveHere?.click();
      await settle();
      expect(dialogs).toEqual([]);
      expect(writes).toEqual([["/typed/minutes.pdf", "en"]]);
      expect(target.querySelector("#minutes-written")?.textContent).toMatch(/\/typed\/minutes\.pdf/);

      const dialogButton = [...target.querySelectorAll<HTMLButtonElement>("button")].find((b) => b.textContent?.includes("Save as"));
      dialogButton?.click();
      await settle();
      expect(dialogs).toEqual(["C-1-ws-1-minutes-en.pdf"]);
      expect(writes[1]).toEqual(["/chosen/minutes-en.pdf", "en"]);
    } finally {
      unmount(view);
      target.remove();
    }
  });
});
