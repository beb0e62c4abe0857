import { describe, expect, it } from "vitest";
import { BundleImport } from "../src/lib/stores/bundleImport.svelte";
import { RecordedBackend, example } from "../src/lib/preview";
import type { BundleImportOutcome } from "../src/lib/gen/BundleImportOutcome";
import type { OnConflict } from "../src/lib/gen/OnConflict";

/**
 * The recorded backend answering `import_bundle` as the core did when importing a bundle of DEMO-06
 * and DEMO-09 after DEMO-06 had changed here: a conflict without a choice, then the outcome of the
 * choice; any other file is the recorded answer for a file that does not exist.
 */
function bundleBackend() {
  const backend = new RecordedBackend();
  const choices: (OnConflict | null)[] = [];
  backend.importBundle = async (path: string, onConflict: OnConflict | null) => {
    choices.push(onConflict);
    const recorded = example(path === "out.bundle.json" ? `import_bundle.${onConflict ?? "conflict"}` : "import_bundle.missing");
    if (recorded.error) throw recorded.error;
    return recorded.answer as BundleImportOutcome;
  };
  return { backend, choices };
}

describe("bundle import", () => {
  it("asks before touching a conflicting case and imports with the choice", async () => {
    const { backend, choices } = bundleBackend();
    let refreshed = 0;
    const imp = new BundleImport(backend, () => { refreshed++; });
    await imp.start("out.bundle.json");
    const conflict = example("import_bundle.conflict").error;
    expect(conflict?.code).toBe("bundle.conflict");
    expect(imp.conflicts.map((p) => p.path)).toEqual(conflict?.problems.map((p) => p.path));
    expect(imp.conflicts).toHaveLength(1);
    expect(imp.outcome).toBeNull();
    expect(refreshed).toBe(0);

    await imp.choose("replace");
    expect(imp.conflicts).toEqual([]);
    expect(imp.outcome?.cases.map((c) => c.outcome)).toEqual(["replaced", "unchanged"]);
    expect(refreshed).toBe(1);
    expect(choices).toEqual([null, "replace"]);
  });

  it("copies under a new id, or cancels without importing", async () => {
    const { backend, choices } = bundleBackend();
    const imp = new BundleImport(backend, () => {});
    await imp.start("out.bundle.json");
    await imp.choose("copy");
    const copied = imp.outcome?.cases[0];
    expect(copied?.outcome).toBe("copied");
    expect(copied?.source_id).toBe("DEMO-06");
    expect(copied?.id).not.toBe("DEMO-06");

    await imp.start("out.bundle.json");
    imp.cancel();
    expect(imp.path).toBeNull();
    expect(choices).toEqual([null, "copy", null]);
  });

  it("shows other errors as errors", async () => {
    const { backend } = bundleBackend();
    const imp = new BundleImport(backend, () => {});
    await imp.start("missing.bundle.json");
    expect(imp.error?.code).toBe(example("import_bundle.missing").error?.code);
    expect(imp.error?.code).not.toBe("bundle.conflict");
    expect(imp.conflicts).toEqual([]);
  });
});
