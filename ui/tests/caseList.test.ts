import { describe, expect, it } from "vitest";
import { CaseList } from "../src/lib/stores/caseList.svelte";
import { RecordedBackend, recorded } from "../src/lib/preview";
import type { CasePage } from "../src/lib/gen/CasePage";

const settle = async () => { for (let i = 0; i < 10; i++) await Promise.resolve(); };

const whole = () => recorded<CasePage>("list_cases", { query: {
  text: "", status: null, sort: "updated_desc", offset: 0, limit: 200, overdue_only: false,
  open_only: false, provisional_only: false, level: null, facility: null, partner_country: null,
} });

describe("case list store", () => {
  it("fetches pages on demand and caches them", async () => {
    // The demo's ten cases in pages of two, as recorded from the core.
    const m = new RecordedBackend();
    const list = new CaseList(m, 2);
    await list.refresh();
    expect(list.total).toBe(10);
    expect(list.rowAt(0)).toBeDefined();
    expect(list.rowAt(6)).toBeUndefined();
    list.ensure(5, 7);
    await settle();
    expect(list.rowAt(6)).toBeDefined();
    const calls = m.calls.filter((c) => c.cmd === "list_cases").length;
    list.ensure(5, 7);
    await settle();
    expect(m.calls.filter((c) => c.cmd === "list_cases").length).toBe(calls);
    list.ensure(0, 10);
    await settle();
    // The pages put together are the core's whole list, in its order.
    const ids = Array.from({ length: 10 }, (_, i) => list.rowAt(i)?.id);
    expect(ids).toEqual(whole()?.rows.map((r) => r.id));
  });

  it("drops answers to an outdated query", async () => {
    const m = new RecordedBackend();
    const list = new CaseList(m);
    list.text = "nothing matches this";
    const first = list.refresh();
    list.text = "高能";
    await Promise.all([first, list.refresh()]);
    // IHEP (中国科学院高能物理研究所) is a partner in the PETRA III, HEPS and CSNS cases.
    expect(list.total).toBe(3);
    expect(Array.from({ length: 3 }, (_, i) => list.rowAt(i)?.id).sort()).toEqual(["DEMO-01", "DEMO-02", "DEMO-03"]);
  });
});
