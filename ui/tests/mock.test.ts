import { describe, expect, it } from "vitest";
import { MockBackend, localToday, seedSamples } from "../src/lib/mock";
import { isIpcError, toIpcError } from "../src/lib/api";
import type { IpcError } from "../src/lib/gen/IpcError";

const q = (text = "", extra: object = {}) => ({
  text, status: null, sort: "updated_desc" as const, offset: 0, limit: 200, overdue_only: false,
  open_only: false, provisional_only: false, level: null, facility: null, partner_country: null, ...extra,
});

describe("mock backend", () => {
  it("matches partner names in any script, ids and facilities", async () => {
    const m = new MockBackend();
    seedSamples(m);
    expect((await m.listCases(q("清华"))).total).toBe(1);
    expect((await m.listCases(q("tsinghua"))).rows[0].partners).toEqual(["Tsinghua University"]);
    expect((await m.listCases(q("上海光源"))).total).toBe(1);
    expect((await m.listCases(q("IHEP HEPS"))).total).toBe(1);
    const all = await m.listCases(q());
    const id = all.rows[2].id;
    expect((await m.listCases(q(id.toLowerCase()))).rows.map((r) => r.id)).toEqual([id]);
  });

  it("pages, filters and sorts", async () => {
    const m = new MockBackend();
    seedSamples(m, 1000);
    const p = await m.listCases(q("", { offset: 200, limit: 200 }));
    expect(p.total).toBe(1005);
    expect(p.offset).toBe(200);
    expect(p.rows).toHaveLength(200);
    const drafts = await m.listCases(q("", { status: "draft", limit: 1000 }));
    expect(drafts.rows.every((r) => r.status === "draft")).toBe(true);
    const byTitle = await m.listCases(q("", { sort: "title_asc", limit: 5 }));
    const titles = byTitle.rows.map((r) => r.title);
    expect([...titles].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "base" }))).toEqual(titles);
  });

  it("rejects invalid cases with path-precise problems and keeps the stored one", async () => {
    const m = new MockBackend();
    const v = await m.createCase("Untitled case");
    const err = await m.saveCase({ ...v.case, title: " ", start: "2026-05-01", end: "2026-04-01" }).catch((e: unknown) => e);
    expect(isIpcError(err)).toBe(true);
    expect((err as IpcError).code).toBe("input.invalid");
    expect((err as IpcError).problems.map((p) => p.path).sort()).toEqual(["end", "title"]);
    expect((await m.getCase(v.case.id)).case.title).toBe("Untitled case");
  });

  it("reports unknown ids with case.not_found", async () => {
    const m = new MockBackend();
    await expect(m.getCase("CD-NOPE")).rejects.toMatchObject({ code: "case.not_found" });
  });

  it("saves organisations and returns them with the case view", async () => {
    const m = new MockBackend();
    const bad = await m.saveOrganisation({ id: null, name: "", name_zh: null, name_zh_hant: null, name_pinyin: null, aliases: [], country: "China", kind: null, parent_id: null }).catch((e: IpcError) => e);
    expect((bad as IpcError).problems.map((p) => p.path)).toEqual(["name", "country"]);
    const org = await m.saveOrganisation({ id: null, name: "Fudan University", name_zh: "复旦大学", name_zh_hant: null, name_pinyin: null, aliases: [], country: "CN", kind: "university", parent_id: null });
    const v = await m.createCase("With Fudan");
    const saved = await m.saveCase({ ...v.case, partners: [{ org_id: org.id, role: "co_applicant" }] });
    expect(saved.organisations.map((o) => o.name_zh)).toEqual(["复旦大学"]);
    expect((await m.listCases(q("复旦"))).total).toBe(1);
  });

  it("counts overdue actions like the store and filters on them", async () => {
    const m = new MockBackend();
    m.put({ id: "A", title: "late", actions: [
      { id: "act-1", title: "x", status: "open", due: "2000-01-01" },
      { id: "act-2", title: "y", status: "met", due: "2000-01-01" },
      { id: "act-3", title: "z", status: "open", due: "2999-01-01" },
    ] });
    m.put({ id: "B", title: "on time" });
    const all = await m.listCases(q());
    expect(all.rows.map((r) => [r.id, r.overdue_actions]).sort()).toEqual([["A", 1], ["B", 0]]);
    expect((await m.listCases(q("", { overdue_only: true }))).rows.map((r) => r.id)).toEqual(["A"]);
    expect(localToday(new Date(2026, 0, 5))).toBe("2026-01-05");
  });

  it("turns foreign rejections into IpcError", () => {
    expect(toIpcError("invalid args `case`")).toEqual({ code: "internal", message: "invalid args `case`", problems: [] });
  });
});
