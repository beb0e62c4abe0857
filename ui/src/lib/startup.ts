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
  return settledWithin([db, answer], waitMs);
}

/** Resolves once every promise has settled (either way) or `waitMs` has passed, whichever is first. */
export function settledWithin(promises: Promise<unknown>[], waitMs: number): Promise<void> {
  const settled = Promise.allSettled(promises).then(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const capped = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  return Promise.race([settled, capped]).finally(() => clearTimeout(timer));
}

/** The window's own face (app.css), used where the page's `--font` names it (WebKitGTK). */
export const WINDOW_FACE = "Desk Sans";

/**
 * Loads the window's own face, regular and bold, if the page's font stack (`stack`, app.css's `--font`)
 * names it, and resolves once both are in (either way) or `waitMs` has passed.
 *
 * Why wait: text laid out before its face has loaded is drawn invisible and laid out again once it
 * has, so the start page would be laid out twice. The files are in the app and index.html has asked
 * for them already, so this is a few milliseconds; the cap keeps a face that never loads from holding
 * the window blank.
 */
export function loadWindowFace(
  fonts: Pick<FontFaceSet, "load"> | undefined,
  stack: string,
  waitMs = START_WAIT_MS,
): Promise<void> {
  // A DOM without `document.fonts` lays the page out again whenever the face arrives.
  if (!fonts || !stack.includes(WINDOW_FACE)) return Promise.resolve();
  const faces = ["15px", "bold 15px"].map((f) => fonts.load(`${f} "${WINDOW_FACE}"`));
  return settledWithin(faces, waitMs);
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
