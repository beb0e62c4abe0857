import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import FacilityPicker from "../src/lib/components/FacilityPicker.svelte";
import OrgPicker from "../src/lib/components/OrgPicker.svelte";
import { RecordedBackend, recorded } from "../src/lib/preview";
import type { Facility } from "../src/lib/gen/Facility";
import type { Organisation } from "../src/lib/gen/Organisation";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function settle() {
  await wait(200); // past the search's debounce
  for (let i = 0; i < 10; i++) await Promise.resolve();
  flushSync();
}

function type(input: HTMLInputElement, text: string) {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}

function key(el: Element | null, k: string) {
  el?.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
  flushSync();
}

/** The same keyboard behaviour, checked on a picker whose search box is `inputId`. */
async function checkKeyboard(root: HTMLElement, inputId: string, testid: string, text: string, expected: { id: string }[]) {
  const input = root.querySelector<HTMLInputElement>(`#${inputId}`);
  expect(input).not.toBeNull();
  type(input!, text);
  await settle();
  const options = [...root.querySelectorAll<HTMLButtonElement>(`[data-testid="${testid}"]`)];
  // The options are the core's recorded answer to that search, in its order.
  expect(options.map((o) => o.dataset.id)).toEqual(expected.map((e) => e.id));
  expect(options.length).toBeGreaterThan(1);
  key(input, "ArrowDown");
  expect(document.activeElement).toBe(options[0]);
  key(options[0], "ArrowDown");
  expect(document.activeElement).toBe(options[1]);
  key(options[1], "End");
  expect(document.activeElement).toBe(options.at(-1));
  key(options.at(-1)!, "Home");
  expect(document.activeElement).toBe(options[0]);
  key(options[0], "ArrowUp");
  expect(document.activeElement).toBe(input);
  key(input, "Escape");
  expect(input!.value).toBe("");
  return options;
}

describe("one registry picker for facilities and organisations", () => {
  it("searches facilities and picks one with the keyboard", async () => {
    const api = new RecordedBackend();
    const chosen: (Facility | null)[] = [];
    const target = document.createElement("div");
    document.body.append(target);
    const view = mount(FacilityPicker, { target, props: { api, facility: null, onchange: (f: Facility | null) => chosen.push(f) } });
    try {
      const expected = recorded<Facility[]>("search_facilities", { text: "synchrotron", limit: 20 }) ?? [];
      await checkKeyboard(target, "case-facility", "facility-option", "synchrotron", expected);
      type(target.querySelector<HTMLInputElement>("#case-facility")!, "synchrotron");
      await settle();
      target.querySelector<HTMLButtonElement>('[data-testid="facility-option"]')?.click();
      expect(chosen.map((f) => f?.id)).toEqual([expected[0].id]);
    } finally {
      unmount(view);
      target.remove();
    }
  });

  it("searches organisations the same way in the partner dialog", async () => {
    const api = new RecordedBackend();
    const picked: string[] = [];
    const target = document.createElement("div");
    document.body.append(target);
    const view = mount(OrgPicker, { target, props: { api, open: true, existing: [], onpick: (o: Organisation) => picked.push(o.id), onclose: () => {} } });
    try {
      flushSync();
      const expected = recorded<Organisation[]>("search_organisations", { text: "University", limit: 30 }) ?? [];
      const options = await checkKeyboard(target, "org-picker-search", "org-option", "University", expected);
      expect(options.length).toBe(expected.length);
      type(target.querySelector<HTMLInputElement>("#org-picker-search")!, "University");
      await settle();
      target.querySelector<HTMLButtonElement>('[data-testid="org-option"]')?.click();
      expect(picked).toEqual([expected[0].id]);
    } finally {
      unmount(view);
      target.remove();
    }
  });
});
