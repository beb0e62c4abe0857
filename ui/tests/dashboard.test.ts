import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import DashboardView from "../src/views/DashboardView.svelte";
import { RecordedBackend, recorded } from "../src/lib/preview";
import { CaseList } from "../src/lib/stores/caseList.svelte";
import { chipsOf, withoutChip, type ListFilter } from "../src/lib/filters";
import type { CasePage } from "../src/lib/gen/CasePage";
import type { CaseQuery } from "../src/lib/gen/CaseQuery";
import type { Dashboard } from "../src/lib/gen/Dashboard";

const query = (extra: Partial<CaseQuery>): CaseQuery => ({
  text: "", status: null, sort: "updated_desc", offset: 0, limit: 200, overdue_only: false,
  open_only: false, provisional_only: false, level: null, facility: null, partner_country: null, ...extra,
});

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  flushSync();
};

/** The demo database's start page, as the core answered it. */
function dashboard(openOnly: boolean): Dashboard {
  const d = recorded<Dashboard>("dashboard", { openOnly });
  if (!d) throw new Error("the dashboard was not recorded: run `cargo xtask record-fixtures`");
  return d;
}

/** What a chart draws: each bar's count, in order. */
function drawn(root: HTMLElement, chart: string): number[] {
  return [...root.querySelectorAll(`[data-chart="${chart}"][data-key]`)].map((e) => Number(e.getAttribute("data-count")));
}

describe("the start page draws the core's answer", () => {
  it("shows every figure and bar of the recorded dashboard, and a bar opens the list of exactly its cases", async () => {
    const d = dashboard(true);
    const api = new RecordedBackend();
    const shown: ListFilter[] = [];
    const target = document.createElement("div");
    document.body.append(target);
    const view = mount(DashboardView, { target, props: { api, onshow: (f: ListFilter) => shown.push(f), oncreated: () => {}, allCount: 10 } });
    try {
      await settle();
      const count = (id: string) => Number(target.querySelector(`#${id}`)?.getAttribute("data-count"));
      expect(count("dashboard-total")).toBe(d.total);
      expect(count("dashboard-overdue")).toBe(d.overdue_actions);
      expect(count("dashboard-provisional")).toBe(d.provisional_cases);
      expect(drawn(target, "chart-level")).toEqual(d.by_level.map((l) => l.count));
      expect(drawn(target, "chart-status")).toEqual(d.by_status.map((s) => s.count));
      expect(drawn(target, "chart-facility")).toEqual(d.by_facility.map((b) => b.count));
      expect(drawn(target, "chart-country")).toEqual(d.by_partner_country.map((b) => b.count));

      // The first facility bar opens the case list filtered to its bucket, and the list (the core's
      // recorded answer to that query) holds as many cases as the bar counts.
      const bar = target.querySelector<HTMLButtonElement>('button[data-chart="chart-facility"]');
      expect(bar).not.toBeNull();
      bar?.click();
      expect(shown).toHaveLength(1);
      const list = new CaseList(api);
      list.apply(shown[0]);
      await list.refresh();
      expect(list.error).toBeNull();
      expect(list.total).toBe(Number(bar?.getAttribute("data-count")));
    } finally {
      unmount(view);
      target.remove();
    }
  });

  it("has a recorded list for every bar and figure, and each holds what the bar counts", () => {
    for (const openOnly of [true, false]) {
      const d = dashboard(openOnly);
      const total = (extra: Partial<CaseQuery>) => recorded<CasePage>("list_cases", { query: query({ open_only: openOnly, ...extra }) })?.total;
      expect(total({})).toBe(d.total);
      for (const l of d.by_level) expect(total({ level: l.level })).toBe(l.count);
      for (const b of d.by_facility) expect(total({ facility: b.bucket })).toBe(b.count);
      for (const b of d.by_partner_country) expect(total({ partner_country: b.bucket })).toBe(b.count);
      expect(total({ overdue_only: true })).toBe(d.overdue_cases);
      expect(total({ provisional_only: true })).toBe(d.provisional_cases);
    }
    // A status bar lists the cases in that state, open or not.
    for (const s of dashboard(false).by_status) {
      expect(recorded<CasePage>("list_cases", { query: query({ status: s.status }) })?.total).toBe(s.count);
    }
  });
});

describe("case list filter from a dashboard bar", () => {
  it("sends the bar's bucket to the core, shows it as a chip and drops it when the chip is removed", async () => {
    const m = new RecordedBackend();
    const d = dashboard(true);
    const facility = d.by_facility.find((b) => typeof b.bucket === "object" && "is" in b.bucket);
    expect(facility).toBeDefined();
    const filter: ListFilter = { openOnly: true, facility: facility!.bucket, facilityLabel: facility!.label };
    const list = new CaseList(m);
    list.apply(filter);
    await list.refresh();
    const sent = m.calls.filter((c) => c.cmd === "list_cases").at(-1)?.args as { query: CaseQuery };
    expect(sent.query).toMatchObject({ open_only: true, level: null, facility: facility!.bucket, partner_country: null });
    expect(list.total).toBe(facility!.count);
    expect(list.filtered).toBe(true);
    expect(list.filter).toEqual(filter);

    const chips = chipsOf(list.filter);
    expect(chips.map((c) => c.text)).toEqual(["Open cases only", `Facility: ${facility!.label}`]);
    list.apply(withoutChip(list.filter, "facility"));
    await list.refresh();
    expect(list.total).toBe(d.total);
    expect(chipsOf(list.filter).map((c) => c.key)).toEqual(["openOnly"]);
    list.apply(withoutChip(list.filter, "openOnly"));
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
