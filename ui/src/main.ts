import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { backend, inTauri, previewBackend, setBackend } from "./lib/api";
import { applyPreferences, platformOf } from "./lib/prefs";
import { askStartAnswers, loadWindowFace } from "./lib/startup";
import { OPEN_ONLY_AT_START } from "./views/DashboardView.svelte";

// Before the first render: the platform picks the font stacks (app.css: the window's own face on Linux,
// the system faces where the webview knows them natively).
document.documentElement.dataset.os = platformOf(navigator.userAgent);

// Before the first render: the page paints in the right language and theme at once. A language other
// than English is a chunk of its own; if it cannot be loaded the window starts in English.
const language = applyPreferences().catch(() => {});

async function start(): Promise<void> {
  // A plain browser (the preview of ui/dist) gets the in-memory mock, a chunk the app never loads.
  if (!inTauri()) setBackend(await previewBackend());
  // The start page's answers and the window's face are asked for now and the first render waits for
  // them (briefly), so the window renders the start page once, with its figures (lib/startup.ts).
  const answers = askStartAnswers(backend(), OPEN_ONLY_AT_START);
  const face = loadWindowFace(document.fonts, getComputedStyle(document.documentElement).getPropertyValue("--font"));
  await language;
  await answers;
  await face;
  mount(App, { target: document.getElementById("app")! });
}

void start();
