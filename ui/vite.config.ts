import { fileURLToPath } from "node:url";
import { searchForWorkspaceRoot } from "vite";
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The shared catalogues (labels and the briefing's words) live outside ui/, beside the other assets the
// Rust crates compile in; the build bundles them, the dev server needs leave to read them.
const sharedCatalogues = fileURLToPath(new URL("../assets/i18n", import.meta.url));

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
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), sharedCatalogues] },
  },
  // The component tests mount Svelte components in happy-dom: Svelte's browser build, not its server one.
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.ts"],
  },
});
