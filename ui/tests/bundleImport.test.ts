import { describe, expect, it } from "vitest";
import { BundleImport } from "../src/lib/stores/bundleImport.svelte";
import { MockBackend } from "../src/lib/mock";
import type { Case } from "../src/lib/gen/Case";

async function withBundle() {
  const m = new MockBackend();
  const a = await m.createCase("Beamtime at HEPS");
  const b = await m.createCase("Staff exchange");
  await m.exportBundle([a.case.id, b.case.id], "out.bundle.json");
  // The stored copy of the first case changes after the bundle was written.
  await m.saveCase({ ...(m.cases.get(a.case.id) as Case), title: "Beamtime at HEPS (changed here)" });
  return { m, a: a.case.id, b: b.case.id };
}

describe("bundle import", () => {
  it("asks before touching a conflicting case and imports with the choice", async () => {
    const { m, a } = await withBundle();
    let refreshed = 0;
    const imp = new BundleImport(m, () => { refreshed++; });
    await imp.start("out.bundle.json");
    expect(imp.conflicts.map((p) => p.path)).toEqual(["cases[0].case.id"]);
    expect(imp.outcome).toBeNull();
    expect(refreshed).toBe(0);
    expect(m.cases.get(a)?.title).toBe("Beamtime at HEPS (changed here)");

    await imp.choose("replace");
    expect(imp.conflicts).toEqual([]);
    expect(imp.outcome?.cases.map((c) => c.outcome)).toEqual(["replaced", "unchanged"]);
    expect(m.cases.get(a)?.title).toBe("Beamtime at HEPS");
    expect(refreshed).toBe(1);
    expect(m.calls.filter((c) => c.cmd === "import_bundle").map((c) => (c.args as { onConflict: unknown }).onConflict))
      .toEqual([null, "replace"]);
  });

  it("copies under a new id, or cancels without importing", async () => {
    const { m, a } = await withBundle();
    const imp = new BundleImport(m, () => {});
    await imp.start("out.bundle.json");
    await imp.choose("copy");
    const copied = imp.outcome?.cases[0];
    expect(copied?.outcome).toBe("copied");
    expect(copied?.id).not.toBe(a);
    expect(m.cases.get(a)?.title).toBe("Beamtime at HEPS (changed here)");

    const n = m.cases.size;
    await imp.start("out.bundle.json");
    imp.cancel();
    expect(imp.path).toBeNull();
    expect(m.cases.size).toBe(n);
  });

  it("shows other errors as errors", async () => {
    const m = new MockBackend();
    const imp = new BundleImport(m, () => {});
    await imp.start("missing.bundle.json");
    expect(imp.error?.code).toBe("input.invalid");
    expect(imp.conflicts).toEqual([]);
  });
});
