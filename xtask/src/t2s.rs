//! `cargo xtask gen-t2s`: the traditional → simplified table that `coopdesk-screen` converts with,
//! generated from `character_converter`'s own data.
//!
//! The crate deserialises its 3.6 MB table into a hash map of 115 000 phrases the first time it
//! converts anything: about 27 MB of memory and 60–90 ms in every process that screens a name written
//! in traditional characters. The same table as a finite-state transducer (`fst`) is used where it is
//! compiled in, with no load step and nothing on the heap. Two files are written into
//! `crates/coopdesk-screen/src/t2s/`:
//! - `t2s.fst`: every key of the crate's table, mapped to where its replacement is in `t2s.txt`
//!   (`offset << 8 | length`), or to 0 when the crate maps the key to itself. Such keys are kept,
//!   because the crate replaces the longest key at each position, and a key that stays as it is still
//!   stops a shorter one from applying inside it.
//! - `t2s.txt`: the replacements, one after another, in key order.
//!
//! The screen crate's tests convert every key and sample texts with both and compare.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the table goes, relative to the workspace.
pub const DIR: &str = "crates/coopdesk-screen/src/t2s";

/// The longest replacement the encoding holds (its length is one byte).
const MAX_VALUE_BYTES: usize = 255;

type Error = Box<dyn std::error::Error>;

/// Reads `character_converter`'s `t2s.profile` and writes `t2s.fst` and `t2s.txt` into [`DIR`].
pub fn generate(workspace: &Path) -> Result<PathBuf, Error> {
    let profile = converter_dir(workspace)?.join("data/t2s.profile");
    let bytes =
        std::fs::read(&profile).map_err(|e| format!("reading {}: {e}", profile.display()))?;
    let table: HashMap<String, String> = bincode::deserialize(&bytes)
        .map_err(|e| format!("reading {} as bincode: {e}", profile.display()))?;
    let mut keys: Vec<(&String, &String)> = table.iter().collect();
    keys.sort_unstable();

    let mut values = String::new();
    let mut builder = fst::MapBuilder::memory();
    for (key, value) in keys {
        let output = if key == value {
            0
        } else {
            if value.is_empty() || value.len() > MAX_VALUE_BYTES {
                return Err(format!("{key:?} maps to {value:?}: length out of range").into());
            }
            let at = values.len() as u64;
            values.push_str(value);
            at << 8 | value.len() as u64
        };
        builder.insert(key, output)?;
    }
    let fst = builder.into_inner()?;

    let dir = workspace.join(DIR);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("t2s.fst"), fst)?;
    std::fs::write(dir.join("t2s.txt"), values)?;
    Ok(dir)
}

/// The folder of the `character_converter` package that the workspace locks, from `cargo metadata`.
fn converter_dir(workspace: &Path) -> Result<PathBuf, Error> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--locked",
            "--manifest-path",
        ])
        .arg(workspace.join("Cargo.toml"))
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let manifest = meta["packages"]
        .as_array()
        .and_then(|packages| packages.iter().find(|p| p["name"] == "character_converter"))
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("character_converter is not in the workspace's dependencies")?;
    Path::new(manifest)
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| format!("no folder for {manifest}").into())
}
