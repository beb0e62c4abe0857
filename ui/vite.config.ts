import { fileURLToPath } from "node:url";
import { type Plugin, searchForWorkspaceRoot } from "vite";
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The shared catalogues (labels and the briefing's words) live outside ui/, beside the other assets the
// Rust crates compile in; the build bundles them, the dev server needs leave to read them.
const sharedCatalogues = fileURLToPath(new URL("../assets/i18n", import.meta.url));
// The window's face is the briefings' Noto Sans cut (app.css's `@font-face`), one copy for both.
const sharedFonts = fileURLToPath(new URL("../assets/fonts", import.meta.url));

/**
 * Asks for the window's font files (app.css's `@font-face`) while index.html is parsed, so they load
 * beside the script instead of after it. Their names carry Vite's hashes, so the links are written into
 * the built index.html from the bundle.
 */
function preloadFonts(): Plugin {
  return {
    name: "coopdesk-preload-fonts",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const fonts = Object.keys(ctx.bundle ?? {}).filter((f) => f.endsWith(".ttf")).sort();
        return fonts.map((f) => ({
          tag: "link",
          attrs: { rel: "preload", href: `/${f}`, as: "font", type: "font/ttf", crossorigin: "" },
          injectTo: "head" as const,
        }));
      },
    },
  };
}

// The desktop app embeds ui/dist through Tauri's custom protocol; no dev server is involved.
export default defineConfig({
  plugins: [svelte(), preloadFonts()],
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
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), sharedCatalogues, sharedFonts] },
  },
  // The component tests mount Svelte components in happy-dom: Svelte's browser build, not its server one.
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.ts"],
  },
});
