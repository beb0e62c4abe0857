import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import PublicationsPanel from "../src/lib/components/PublicationsPanel.svelte";
import { RecordedBackend } from "../src/lib/preview";
import type { Backend } from "../src/lib/api";
import type { Coauthorship } from "../src/lib/gen/Coauthorship";
import type { HitDecision } from "../src/lib/gen/HitDecision";
import type { PubsCheck } from "../src/lib/gen/PubsCheck";

function coauthorship(item: number, entity: string, partner_hit = false): Coauthorship {
  return {
    work: `Work ${item}`, year: 2023, author: item === 2 ? null : `Author ${item}`,
    affiliation: `Affiliation ${item}`,
    hit: { entity, list: "us_bis_entity_list|ca_nro", list_name: "bundled", score: 0.97, name: `Entity ${entity}`, matched: "x", why: "exact" },
    work_id: `W${item}`, doi: null, file: "/tmp/a.ris", screened: `Affiliation ${item}`, partner_hit,
    item, key: String(item).repeat(64), state: "unreviewed", review: null,
  };
}

/** A check as the core reports it after storing: what the panel is given, not what it computes. */
function stored(coauthorships: Coauthorship[]): PubsCheck {
  return {
    case: "C-1", works: 3, affiliations: 4, coauthorships, works_without_affiliations: 0,
    files: [{ file: "/tmp/a.ris", format: "ris", works: 3, sha256: "a".repeat(64) }],
    lists: ["bundled (2026-11-01)"], threshold: 0.85, stored: 7, checked_at: "2026-12-01T09:00:00Z",
    checked_by: "office", open: coauthorships.filter((c) => !c.partner_hit && c.state === "unreviewed").length,
    confirmed: coauthorships.filter((c) => !c.partner_hit && c.state === "confirmed").length,
  };
}

function settle() {
  return new Promise((r) => setTimeout(r, 0)).then(() => flushSync());
}

describe("the Publications panel", () => {
  it("checks the chosen files, lists each co-authorship and sends a decision by its key", async () => {
    const backend = new RecordedBackend();
    const calls: unknown[][] = [];
    let current = stored([coauthorship(1, "el-nudt"), coauthorship(2, "el-hit", true)]);
    backend.publicationCheck = () => Promise.resolve(null);
    (backend as Backend).chooseFiles = (opts) => {
      calls.push(["choose", opts.multiple, opts.filters?.[0]?.extensions]);
      return Promise.resolve(["/tmp/a.ris", "/tmp/b.json"]);
    };
    backend.checkPublications = (id, paths) => {
      calls.push(["check", id, paths]);
      return Promise.resolve(current);
    };
    backend.reviewCoauthorship = (id: string, key: string, decision: HitDecision, by: string, note: string | null) => {
      calls.push(["review", id, key, decision, by, note]);
      current = stored(current.coauthorships.map((c) => c.key === key
        ? { ...c, state: "confirmed", review: { decision, by, at: "2026-12-01T10:00:00Z", note } }
        : c));
      return Promise.resolve(current);
    };
    let changed = 0;
    const target = document.createElement("div");
    document.body.append(target);
    const view = mount(PublicationsPanel, { target, props: { api: backend, id: "C-1", onchange: () => { changed += 1; } } });
    try {
      await settle();
      expect(target.querySelector('[data-testid="pubs-summary"]')?.textContent).toMatch(/No publication list/);
      target.querySelector<HTMLButtonElement>("#check-publications")?.click();
      await settle();
      await settle();
      expect(calls[0]).toEqual(["choose", true, ["ris", "bib", "json", "txt"]]);
      expect(calls[1]).toEqual(["check", "C-1", ["/tmp/a.ris", "/tmp/b.json"]]);
      const items = target.querySelectorAll<HTMLElement>('[data-testid="coauthorship"]');
      expect(items).toHaveLength(2);
      expect(items[0].dataset.entity).toBe("el-nudt");
      expect(items[0].textContent).toContain("Work 1 (2023) — Author 1");
      expect(items[1].textContent).toMatch(/author not stated/);
      expect(items[1].textContent).toMatch(/partner's own hit/);
      expect(target.querySelector('[data-testid="pubs-summary"]')?.textContent).toMatch(/3 works in 1 file\(s\).*2 co-authorship\(s\).*1 open, 0 confirmed/);
      expect(changed).toBe(1);

      items[0].querySelector<HTMLButtonElement>('[data-testid="co-confirm"]')?.click();
      flushSync();
      const by = target.querySelector<HTMLInputElement>("#co-by-1");
      expect(by).not.toBeNull();
      if (by) { by.value = "A. Reviewer"; by.dispatchEvent(new Event("input")); }
      flushSync();
      target.querySelector<HTMLButtonElement>('[data-testid="co-save"]')?.click();
      await settle();
      expect(calls[2]).toEqual(["review", "C-1", "1".repeat(64), "confirmed", "A. Reviewer", null]);
      const first = target.querySelector<HTMLElement>('[data-testid="coauthorship"][data-item="1"]');
      expect(first?.dataset.state).toBe("confirmed");
      expect(first?.textContent).toMatch(/Confirmed · A. Reviewer/);
      expect(changed).toBe(2);
    } finally {
      unmount(view);
      target.remove();
    }
  });

  it("shows the core's refusal of a file and keeps the stored check", async () => {
    const backend = new RecordedBackend();
    backend.publicationCheck = () => Promise.resolve(stored([]));
    backend.chooseFiles = () => Promise.resolve(["/tmp/cut.ris"]);
    backend.checkPublications = () => Promise.reject({ code: "input.invalid", message: "/tmp/cut.ris: line 1: ER: missing", problems: [] });
    const target = document.createElement("div");
    document.body.append(target);
    const view = mount(PublicationsPanel, { target, props: { api: backend, id: "C-1" } });
    try {
      await settle();
      expect(target.textContent).toMatch(/No co-author at a listed institution/);
      target.querySelector<HTMLButtonElement>("#check-publications")?.click();
      await settle();
      await settle();
      expect(target.querySelector('[role="alert"]')?.textContent).toBeTruthy();
      expect(target.textContent).toMatch(/No co-author at a listed institution/);
    } finally {
      unmount(view);
      target.remove();
    }
  });
});
