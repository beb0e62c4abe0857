import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { setLocale } from "./lib/i18n";

setLocale("en");
const app = mount(App, { target: document.getElementById("app")! });
export default app;
