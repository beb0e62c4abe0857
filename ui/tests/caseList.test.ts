import { describe, expect, it } from "vitest";
import { CaseList } from "../src/lib/stores/caseList.svelte";
import { MockBackend, seedSamples } from "../src/lib/mock";

const settle = async () => { for (let i = 0; i < 10; i++) await Promise.resolve(); };

describe("case list store", () => {
  it("fetches pages on demand and caches them", async () => {
    const m = new MockBackend();
    seedSamples(m, 10_000);
    const list = new CaseList(m, 200);
    await list.refresh();
    expect(list.total).toBe(10_005);
    expect(list.rowAt(0)).toBeDefined();
    expect(list.rowAt(5000)).toBeUndefined();
    list.ensure(4990, 5010);
    await settle();
    expect(list.rowAt(5000)).toBeDefined();
    const calls = m.calls.filter((c) => c.cmd === "list_cases").length;
    list.ensure(4990, 5010);
    await settle();
    expect(m.calls.filter((c) => c.cmd === "list_cases").length).toBe(calls);
  });

  it("drops answers to an outdated query", async () => {
    const m = new MockBackend({ latencyMs: 0 });
    seedSamples(m);
    const list = new CaseList(m);
    list.text = "nothing matches this";
    const first = list.refresh();
    list.text = "清华";
    await Promise.all([first, list.refresh()]);
    expect(list.total).toBe(1);
    expect(list.rowAt(0)?.partners).toEqual(["Tsinghua University"]);
  });
});
