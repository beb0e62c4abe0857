import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { applyPreferences } from "./lib/prefs";

// Before the first render: the page paints in the right language and theme at once.
applyPreferences();
const app = mount(App, { target: document.getElementById("app")! });
export default app;
