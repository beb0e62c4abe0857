// Screens and panels that the start page does not show are separate chunks of the bundle, fetched the
// first time they are needed: the web process then parses and compiles only what the first screen
// draws before it paints (see "Start-up" in ARCHITECTURE.md).
import type { Component } from "svelte";

/** A component loaded on first use; `component` is null until its chunk has arrived. */
export interface Lazy<C> {
  /** The component once loaded; reading it starts the load. */
  readonly component: C | null;
  /** Why the chunk could not be loaded (a broken build), or "". */
  readonly failure: string;
  /** Starts the load (again after a failure) without waiting for it. */
  load(): void;
}

/**
 * Wraps a dynamic `import()` of a Svelte component. Once the chunk has arrived every later use draws
 * at once, without a loading step.
 */
export function lazy<C extends Component<any, any, any>>(load: () => Promise<{ default: C }>): Lazy<C> {
  let component = $state.raw<C | null>(null);
  let failure = $state("");
  let pending = false;
  function start(): void {
    if (component !== null || pending) return;
    pending = true;
    load().then(
      (m) => {
        component = m.default;
        failure = "";
      },
      (e: unknown) => {
        failure = e instanceof Error ? e.message : String(e);
      },
    ).finally(() => {
      pending = false;
    });
  }
  return {
    get component() {
      // Reading starts the load (not again after a failure: `load()` retries); the state is only
      // written later, in a promise callback, never during the render that reads it.
      if (component === null && failure === "") queueMicrotask(start);
      return component;
    },
    get failure() {
      return failure;
    },
    load: start,
  };
}
