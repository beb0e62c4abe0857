//! Build script of the desktop app.
//!
//! `tauri::generate_context!()` embeds `../ui/dist` and refuses to compile when it is missing, which
//! makes `cargo build` or `cargo clippy` on a fresh clone fail with a confusing macro error. So when
//! the UI has not been built we write a one-page placeholder that tells the user how to build it, and
//! the app still compiles and opens.

use std::fs;
use std::path::Path;

/// Where `npm --prefix ui run build` puts the web UI (same as `build.frontendDist`).
const UI_DIST: &str = "../ui/dist";

/// Shown in the window when the app was compiled before the web UI was built. No scripts: the CSP
/// would block inline ones, and the page has nothing to do.
const PLACEHOLDER: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Cooperation Desk</title>
<style>
body { font-family: sans-serif; margin: 4rem; color: #1f2937; }
code { background: #f3f4f6; padding: 0.2rem 0.4rem; border-radius: 4px; }
</style>
</head>
<body data-placeholder="ui-not-built">
<h1>Cooperation Desk: the user interface is not built</h1>
<p>This binary was compiled before the web UI existed. From the repository root, run</p>
<p><code>npm --prefix ui ci &amp;&amp; npm --prefix ui run build</code></p>
<p>and then rebuild the app (<code>cargo build -p coopdesk</code>), or simply run
<code>bash packaging/run-demo.sh</code>.</p>
</body>
</html>
"#;

fn main() {
    // Re-run when the UI is rebuilt or deleted, so the embedded assets follow it (a directory is
    // scanned recursively by Cargo).
    println!("cargo:rerun-if-changed={UI_DIST}");

    let index = Path::new(UI_DIST).join("index.html");
    if !index.exists() {
        if let Err(e) = fs::create_dir_all(UI_DIST).and_then(|()| fs::write(&index, PLACEHOLDER)) {
            // Not fatal here: generate_context! will then report the missing folder itself.
            println!(
                "cargo:warning=could not write the placeholder UI to {}: {e}",
                index.display()
            );
        } else {
            println!(
                "cargo:warning=ui/dist was missing; embedded a placeholder page. Build the UI with \
                 `npm --prefix ui ci && npm --prefix ui run build`"
            );
        }
    }

    // Lazy symbol binding for the window. Rust links with `-z now` (every symbol of the ~170 GTK and
    // WebKitGTK libraries resolved before `main`); bound on first use instead, as in most
    // distribution packages, the window starts sooner. RELRO stays on (partial). The command line
    // (`coopdesk`) links none of these libraries.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bin=coopdesk-window=-Wl,-z,lazy");
    }

    tauri_build::build();
}
