// Changes to the case form's lists (partners, items, data, people, funding, agreements) through the
// editor, so each marks the case changed and is saved like a typed edit.
import { tick } from "svelte";
import type { CaseEditor } from "../../stores/editor.svelte";

/** Removes the row at `i`. */
export function removeAt<T>(editor: CaseEditor, list: T[], i: number): void {
  editor.change(() => list.splice(i, 1));
}

/** Moves the row at `i` by `by` places (up is negative); a move past either end does nothing. */
export function move<T>(editor: CaseEditor, list: T[], i: number, by: number): void {
  const j = i + by;
  if (j < 0 || j >= list.length) return;
  editor.change(() => {
    const [x] = list.splice(i, 1);
    list.splice(j, 0, x);
  });
}

/** Appends `row` and moves the focus to the element `focusId` of the new row. */
export async function addRow<T>(editor: CaseEditor, list: (c: CaseEditor["case"]) => T[], row: T, focusId: string): Promise<void> {
  editor.change((c) => list(c).push(row));
  await tick();
  document.getElementById(focusId)?.focus();
}
