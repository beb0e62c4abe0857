import { describe, expect, it } from "vitest";
import { MockBackend, seedSamples } from "../src/lib/mock";
import { CaseList } from "../src/lib/stores/caseList.svelte";
import { chipsOf, withoutChip, type ListFilter } from "../src/lib/filters";
import type { CaseQuery } from "../src/lib/gen/CaseQuery";
import type { Dashboard } from "../src/lib/gen/Dashboard";

const query = (extra: Partial<CaseQuery>): CaseQuery => ({
  text: "", status: null, sort: "updated_desc", offset: 0, limit: 1, overdue_only: false,
  open_only: false, provisional_only: false, level: null, facility: null, partner_country: null, ...extra,
});

/** The seeded samples plus cases that exercise every bucket: levels, no facility, a partner without a
 *  country, partners in two countries, overdue actions, and more than nine facilities and countries. */
function seeded(): MockBackend {
  const m = new MockBackend();
  seedSamples(m);
  m.putOrg({ id: "org-NONE", name: "Unknown lab" });
  m.put({ id: "X-1", title: "No facility, partner without country", partners: [{ org_id: "org-NONE", role: "host" }] });
  m.put({ id: "X-2", title: "Two countries", status: "in_review", facility_id: "de-petra3",
    partners: [{ org_id: "org-KIT", role: "host" }, { org_id: "org-THU", role: "user" }],
    actions: [{ id: "act-1", title: "late", status: "open", due: "2000-01-01" }, { id: "act-2", title: "late too", status: "open", due: "2001-01-01" }] });
  m.put({ id: "X-3", title: "Decided, overdue", status: "approved", actions: [{ id: "act-1", title: "late", status: "open", due: "2000-01-01" }] });
  for (let i = 0; i < 10; i++) {
    const code = ["FR", "JP", "US", "BR", "IN", "ZA", "AU", "CA", "KR", "SG"][i];
    m.putOrg({ id: `org-${code}`, name: `Partner in ${code}`, country: code });
    m.putFacility({ id: `fac-${i}`, name: `Facility ${i}`, country: "DE" });
    m.put({ id: `Y-${i}`, title: `Case ${i}`, facility_id: `fac-${i}`, partners: [{ org_id: `org-${code}`, role: "host" }] });
  }
  m.levels.set("CD-DEMO0001", "critical");
  m.levels.set("X-2", "high");
  m.levels.set("Y-0", "low");
  // Provisional: open key questions on an open and on a decided case; none on Y-0.
  m.openKeyQuestions.set("X-2", 3);
  m.openKeyQuestions.set("X-3", 1);
  m.openKeyQuestions.set("Y-0", 0);
  return m;
}

describe("dashboard in the mock backend", () => {
  it("counts every bucket exactly as the filtered case list does", async () => {
    const m = seeded();
    for (const openOnly of [true, false]) {
      const d: Dashboard = await m.dashboard(openOnly);
      const total = async (extra: Partial<CaseQuery>) => (await m.listCases(query({ open_only: openOnly, ...extra }))).total;
      expect(await total({})).toBe(d.total);
      for (const l of d.by_level) expect(await total({ level: l.level })).toBe(l.count);
      for (const s of d.by_status) expect(await total({ status: s.status })).toBe(s.count);
      for (const b of d.by_facility) expect(await total({ facility: b.bucket })).toBe(b.count);
      for (const b of d.by_partner_country) expect(await total({ partner_country: b.bucket })).toBe(b.count);
      expect(await total({ overdue_only: true })).toBe(d.overdue_cases);
      expect(await total({ provisional_only: true })).toBe(d.provisional_cases);
    }
    expect((await m.dashboard(true)).provisional_cases).toBe(1);
    expect((await m.dashboard(false)).provisional_cases).toBe(2);
    const open = await m.dashboard(true);
    expect(open.by_status.map((s) => s.status)).toEqual(["draft", "in_review", "approved_with_conditions"]);
    expect([open.overdue_cases, open.overdue_actions]).toEqual([1, 2]);
    const all = await m.dashboard(false);
    expect([all.overdue_cases, all.overdue_actions]).toEqual([2, 3]);
    expect(all.by_level.map((l) => l.level)).toEqual(["critical", "high", "medium", "low", "not_assessed"]);
    expect(all.by_facility.some((b) => typeof b.bucket === "object" && "other_than" in b.bucket)).toBe(true);
    expect(all.by_facility.at(-1)?.bucket).toBe("missing");
    // The case with partners in Germany and China counts once in each; the one with two Chinese
    // partners once.
    const cn = all.by_partner_country.find((b) => typeof b.bucket === "object" && "is" in b.bucket && b.bucket.is === "CN");
    expect(cn?.count).toBe(6);
    expect(all.by_partner_country.some((b) => b.bucket === "missing")).toBe(true);
  });

  it("is empty for an empty database", async () => {
    const d = await new MockBackend().dashboard(true);
    expect([d.total, d.overdue_cases, d.by_facility.length, d.by_partner_country.length]).toEqual([0, 0, 0, 0]);
    expect(d.by_level.every((l) => l.count === 0)).toBe(true);
  });
});

describe("case list filter from a dashboard bar", () => {
  it("sends the bar's bucket to the core, shows it as a chip and drops it when the chip is removed", async () => {
    const m = seeded();
    const d = await m.dashboard(true);
    const petra = d.by_facility.find((b) => b.label === "PETRA III");
    expect(petra).toBeDefined();
    const filter: ListFilter = { openOnly: true, facility: petra!.bucket, facilityLabel: petra!.label, level: "high" };
    const list = new CaseList(m);
    list.apply(filter);
    await list.refresh();
    const sent = m.calls.filter((c) => c.cmd === "list_cases").at(-1)?.args as { query: CaseQuery };
    expect(sent.query).toMatchObject({ open_only: true, level: "high", facility: { is: "de-petra3" }, partner_country: null });
    expect(list.total).toBe(1);
    expect(list.rowAt(0)?.id).toBe("X-2");
    expect(list.filtered).toBe(true);
    expect(list.filter).toEqual(filter);

    const chips = chipsOf(list.filter);
    expect(chips.map((c) => c.text)).toEqual(["Open cases only", "Level: High", "Facility: PETRA III"]);
    list.apply(withoutChip(list.filter, "level"));
    await list.refresh();
    expect(list.total).toBe(2);
    expect(chipsOf(list.filter).map((c) => c.key)).toEqual(["openOnly", "facility"]);
    list.apply(withoutChip(withoutChip(list.filter, "facility"), "openOnly"));
    expect(list.filter).toEqual({});
    expect(list.filtered).toBe(false);
  });

  it("names countries and the others and missing buckets on chips", () => {
    expect(chipsOf({ partnerCountry: { is: "CN" } })[0].text).toBe("Partner country: China");
    expect(chipsOf({ partnerCountry: "missing" })[0].text).toBe("Partner country: not recorded");
    expect(chipsOf({ facility: { other_than: ["a"] } })[0].text).toBe("Facility: other facilities");
    expect(chipsOf({ facility: "missing" })[0].text).toBe("Facility: none");
    expect(chipsOf({ level: "not_assessed" })[0].text).toBe("Level: Not assessed");
    expect(chipsOf({ provisionalOnly: true })[0]).toEqual({ key: "provisionalOnly", text: "Provisional assessments only" });
  });
});
