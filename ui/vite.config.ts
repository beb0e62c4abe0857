import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The desktop app embeds ui/dist through Tauri's custom protocol; no dev server is involved.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
  },
  server: { port: 5173, strictPort: true },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.ts"],
  },
});
