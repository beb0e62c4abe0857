// The start page's two answers (`db_info` and the dashboard's figures), asked for before the first
// render and handed out once.
//
// Why: the core answers both within a millisecond, but an answer reaches the page only when its main
// thread is free. Mounted first, the shell is styled, laid out and painted without figures while the
// answers wait, and then the page is laid out and painted a second time with them. Asked first, the
// window renders the start page once, complete. A slow database (a team server far away, a large
// migration) must not keep the window blank, so the wait is capped (`START_WAIT_MS`); after it the
// shell renders with its "loading" state and the answers arrive as they come.

import type { Backend } from "./api";
import type { DbInfo } from "./gen/DbInfo";
import type { Dashboard } from "./gen/Dashboard";

/** How long the first render waits for the start page's answers at most. */
export const START_WAIT_MS = 120;

interface StartAnswers {
  db?: Promise<DbInfo>;
  dashboard?: { openOnly: boolean; answer: Promise<Dashboard> };
}

let pending: StartAnswers = {};

/**
 * Asks for the start page's answers and resolves once both are in (either way) or `waitMs` has
 * passed. The dashboard is asked with the start page's default scope (`openOnly`).
 */
export function askStartAnswers(api: Backend, openOnly: boolean, waitMs = START_WAIT_MS): Promise<void> {
  const db = api.dbInfo();
  const answer = api.dashboard(openOnly);
  pending = { db, dashboard: { openOnly, answer } };
  const settled = Promise.allSettled([db, answer]).then(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const capped = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  return Promise.race([settled, capped]).finally(() => clearTimeout(timer));
}

/** The `db_info` answer asked for before the first render, once; afterwards undefined. */
export function takeStartDbInfo(): Promise<DbInfo> | undefined {
  const db = pending.db;
  pending.db = undefined;
  return db;
}

/**
 * The dashboard answer asked for before the first render, once, if it was asked with the same scope;
 * afterwards (or for another scope) undefined.
 */
export function takeStartDashboard(openOnly: boolean): Promise<Dashboard> | undefined {
  const first = pending.dashboard;
  pending.dashboard = undefined;
  return first?.openOnly === openOnly ? first.answer : undefined;
}
