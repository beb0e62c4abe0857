import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { inTauri, previewBackend, setBackend } from "./lib/api";
import { applyPreferences } from "./lib/prefs";

// Before the first render: the page paints in the right language and theme at once. A language other
// than English is a chunk of its own; if it cannot be loaded the window starts in English.
const language = applyPreferences().catch(() => {});

async function start(): Promise<void> {
  // A plain browser (the preview of ui/dist) gets the in-memory mock, a chunk the app never loads.
  if (!inTauri()) setBackend(await previewBackend());
  await language;
  mount(App, { target: document.getElementById("app")! });
}

void start();
