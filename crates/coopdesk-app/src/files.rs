//! Writing files atomically: a temporary file in the target folder, synced, then renamed over the
//! target. A crash or a full disk never leaves a half-written export behind.

use std::io::Write;
use std::path::Path;

use crate::api::DeskError;
use crate::error::io_error;

/// Writes `bytes` to `path` atomically.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), DeskError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".coopdesk-")
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(|e| io_error("cannot write to the folder of", path, &e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| io_error("cannot write", path, &e))?;
    tmp.persist(path)
        .map_err(|e| io_error("cannot replace", path, &e.error))?;
    Ok(())
}
