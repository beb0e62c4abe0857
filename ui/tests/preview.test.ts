import { afterEach, describe, expect, it } from "vitest";
import { RecordedBackend, canonical, recorded, recordedCalls } from "../src/lib/preview";
import { isIpcError, setBackend } from "../src/lib/api";
import { errorText } from "../src/lib/errors";
import type { CaseView } from "../src/lib/gen/CaseView";
import type { DbInfo } from "../src/lib/gen/DbInfo";

describe("the browser preview", () => {
  afterEach(() => setBackend(null));

  it("answers the recorded calls with the core's answers", async () => {
    const p = new RecordedBackend();
    const info: DbInfo = await p.dbInfo();
    expect(info).toEqual(recorded("db_info", {}));
    expect(info.demo).toBe(true);
    expect(info.case_count).toBe(10);
    const view: CaseView = await p.getCase("DEMO-05");
    expect(view.case.id).toBe("DEMO-05");
    // Every partner of the case comes with its organisation, as the core sends it.
    for (const partner of view.case.partners) {
      expect(view.organisations.map((o) => o.id)).toContain(partner.org_id);
    }
    // Answers are copies: changing one does not change the next.
    view.case.title = "changed";
    expect((await p.getCase("DEMO-05")).case.title).not.toBe("changed");
  });

  it("finds a recorded call whatever the order of the argument's keys", () => {
    expect(canonical({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    const [first] = recordedCalls("list_cases");
    const reversed = Object.fromEntries(Object.entries(first.args.query as object).reverse());
    expect(recorded("list_cases", { query: reversed })).toEqual(first.answer);
  });

  it("refuses writes and calls it has no recording of, and the UI says the preview is read-only", async () => {
    const p = new RecordedBackend();
    setBackend(p);
    const refusals = [
      p.createCase("New"),
      p.saveCase((await p.getCase("DEMO-01")).case),
      p.getCase("DEMO-99"),
      p.listCases({ text: "something never recorded", status: null, sort: "updated_desc", offset: 0, limit: 200,
        overdue_only: false, open_only: false, provisional_only: false, level: null, facility: null, partner_country: null }),
      p.chooseFiles(),
      p.backup(null),
    ];
    for (const r of refusals) {
      const e = await r.then(() => null, (x: unknown) => x);
      expect(isIpcError(e)).toBe(true);
      if (isIpcError(e)) expect(errorText(e)).toMatch(/preview is read-only/);
    }
    expect(p.calls.map((c) => c.cmd)).toEqual(["create_case", "get_case", "save_case", "get_case", "list_cases", "choose_files", "backup"]);
  });
});
