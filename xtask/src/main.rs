//! Developer tasks. `cargo xtask gen-types` regenerates `ui/src/lib/gen/` from the Rust types.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    match task.as_deref() {
        Some("gen-types") => match gen_types() {
            Ok(dir) => {
                println!("wrote {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("xtask gen-types: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo xtask gen-types");
            ExitCode::from(2)
        }
    }
}

fn gen_types() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/gen");
    // Emptied first, so a type deleted in Rust disappears from the UI too.
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    coopdesk_app::bindings::write_bindings(&dir)?;
    Ok(dir)
}
