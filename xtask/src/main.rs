//! Developer tasks. `cargo xtask gen-types` regenerates `ui/src/lib/gen/` from the Rust types;
//! `cargo xtask record-fixtures` records the demo database's answers into `ui/src/lib/fixtures/`;
//! `cargo xtask gen-t2s` writes the screen crate's traditional → simplified table.

mod record;
mod t2s;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let (name, outcome) = match task.as_deref() {
        Some("gen-types") => ("gen-types", gen_types()),
        Some("record-fixtures") => ("record-fixtures", record_fixtures()),
        Some("gen-t2s") => ("gen-t2s", t2s::generate(&workspace())),
        _ => {
            eprintln!("usage: cargo xtask gen-types | record-fixtures | gen-t2s");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(dir) => {
            println!("wrote {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("xtask {name}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Empties `dir` first, so what is no longer generated disappears too.
fn fresh_dir(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    Ok(())
}

fn gen_types() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let dir = workspace().join("ui/src/lib/gen");
    fresh_dir(&dir)?;
    coopdesk_app::bindings::write_bindings(&dir)?;
    Ok(dir)
}

fn record_fixtures() -> Result<PathBuf, Box<dyn std::error::Error>> {
    // Recorded before the folder is emptied, so a failure leaves the committed fixtures in place.
    let files = record::record_fixtures()?;
    let dir = workspace().join(record::FIXTURE_DIR);
    fresh_dir(&dir)?;
    for (name, text) in files {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(dir)
}
