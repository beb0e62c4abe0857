import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import DashboardView from "../src/views/DashboardView.svelte";
import { RecordedBackend } from "../src/lib/preview";
import { platformOf } from "../src/lib/prefs";
import { askStartAnswers, loadWindowFace, takeStartDashboard, takeStartDbInfo } from "../src/lib/startup";
import type { Dashboard } from "../src/lib/gen/Dashboard";
import type { DbInfo } from "../src/lib/gen/DbInfo";

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  flushSync();
};

/** The recorded answers, counting how often the start page's two calls are made. */
class CountingBackend extends RecordedBackend {
  dbInfoCalls = 0;
  dashboardCalls = 0;
  override dbInfo(): Promise<DbInfo> {
    this.dbInfoCalls += 1;
    return super.dbInfo();
  }
  override dashboard(openOnly: boolean): Promise<Dashboard> {
    this.dashboardCalls += 1;
    return super.dashboard(openOnly);
  }
}

/** A backend whose database never answers (a team server that does not reply). */
class SilentBackend extends RecordedBackend {
  override dbInfo(): Promise<DbInfo> {
    return new Promise(() => {});
  }
  override dashboard(): Promise<Dashboard> {
    return new Promise(() => {});
  }
}

describe("the start page's answers are asked for before the first render", () => {
  it("hands each answer out once, and the start page draws it without asking again", async () => {
    const api = new CountingBackend();
    await askStartAnswers(api, true);
    expect([api.dbInfoCalls, api.dashboardCalls]).toEqual([1, 1]);

    const target = document.createElement("div");
    document.body.append(target);
    const view = mount(DashboardView, { target, props: { api, onshow: () => {}, oncreated: () => {}, allCount: 10 } });
    await settle();
    expect(target.querySelector("#dashboard-total")?.getAttribute("data-count")).not.toBeNull();
    expect(api.dashboardCalls).toBe(1);
    unmount(view);

    // Shown again (coming back from the case list), the page asks afresh.
    const again = mount(DashboardView, { target, props: { api, onshow: () => {}, oncreated: () => {}, allCount: 10 } });
    await settle();
    expect(api.dashboardCalls).toBe(2);
    unmount(again);
    target.remove();

    expect(await takeStartDbInfo()).toMatchObject({ demo: true });
    expect(takeStartDbInfo()).toBeUndefined();
  });

  it("keeps an answer for another scope out of the start page", async () => {
    const api = new CountingBackend();
    await askStartAnswers(api, false);
    expect(takeStartDashboard(true)).toBeUndefined();
    expect(takeStartDashboard(false)).toBeUndefined();
  });

  it("stops waiting for a database that does not answer, so the window is not left blank", async () => {
    const started = Date.now();
    await askStartAnswers(new SilentBackend(), true, 30);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(takeStartDashboard(true)).toBeInstanceOf(Promise);
  });
});

describe("the window's own face is loaded before the first render", () => {
  const stack = '"Desk Sans", sans-serif';

  it("asks for the regular and the bold face when the page's stack names it", async () => {
    const asked: string[] = [];
    await loadWindowFace({ load: (font: string) => { asked.push(font); return Promise.resolve([]); } }, stack, 1000);
    expect(asked).toEqual(['15px "Desk Sans"', 'bold 15px "Desk Sans"']);
  });

  it("asks for nothing where the page uses the system faces (macOS, Windows)", async () => {
    const asked: string[] = [];
    await loadWindowFace({ load: (font: string) => { asked.push(font); return Promise.resolve([]); } }, "system-ui, sans-serif", 1000);
    expect(asked).toEqual([]);
  });

  it("does not hold the window when a face never loads or fails", async () => {
    const started = Date.now();
    await loadWindowFace({ load: () => new Promise<FontFace[]>(() => {}) }, stack, 30);
    expect(Date.now() - started).toBeLessThan(1000);
    await loadWindowFace({ load: () => Promise.reject(new Error("no such file")) }, stack, 60_000);
    await loadWindowFace(undefined, stack, 60_000);
  });
});

describe("the font stacks follow the webview's platform", () => {
  it("tells WebKitGTK from the webviews that know the system faces", () => {
    expect(platformOf("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15")).toBe("other");
    expect(platformOf("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)")).toBe("mac");
    expect(platformOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")).toBe("windows");
  });
});
