//! The built-in demo database: realistic cases so that a newcomer sees a living app at once.
//!
//! The cases are ordinary `coopdesk.case/v1` files in `assets/demo/`, compiled in and imported through
//! the same path as any user's files, so they double as end-to-end fixtures of the importer.

use std::path::Path;
use std::sync::Arc;

use coopdesk_core::interchange::read_case_document;
use coopdesk_store::NamedDocument;

use crate::Desk;
use crate::api::{DeskError, ErrorCode};
use crate::clock::{Clock, SystemClock};

/// The demo case files: (file name, contents).
pub const DEMO_CASES: &[(&str, &str)] = &[
    (
        "01-petra3-ihep-beamtime.case.json",
        include_str!("../../../assets/demo/01-petra3-ihep-beamtime.case.json"),
    ),
    (
        "02-heps-detector-loan.case.json",
        include_str!("../../../assets/demo/02-heps-detector-loan.case.json"),
    ),
    (
        "03-csns-neutron-user.case.json",
        include_str!("../../../assets/demo/03-csns-neutron-user.case.json"),
    ),
    (
        "04-euxfel-ustc-quantum.case.json",
        include_str!("../../../assets/demo/04-euxfel-ustc-quantum.case.json"),
    ),
    (
        "05-laser-caep-request.case.json",
        include_str!("../../../assets/demo/05-laser-caep-request.case.json"),
    ),
    (
        "06-east-fusion-staff-exchange.case.json",
        include_str!("../../../assets/demo/06-east-fusion-staff-exchange.case.json"),
    ),
    (
        "07-hld-magnet-hefei.case.json",
        include_str!("../../../assets/demo/07-hld-magnet-hefei.case.json"),
    ),
    (
        "08-cngb-genomics-data.case.json",
        include_str!("../../../assets/demo/08-cngb-genomics-data.case.json"),
    ),
    (
        "09-hpc-tianhe-simulation.case.json",
        include_str!("../../../assets/demo/09-hpc-tianhe-simulation.case.json"),
    ),
    (
        "10-fast-radio-astronomy.case.json",
        include_str!("../../../assets/demo/10-fast-radio-astronomy.case.json"),
    ),
];

/// The demo cases as documents ready to import.
pub fn demo_documents() -> Result<Vec<NamedDocument>, DeskError> {
    DEMO_CASES
        .iter()
        .map(|(file, text)| {
            read_case_document(file, text.as_bytes())
                .map(|document| NamedDocument {
                    file: (*file).to_owned(),
                    document,
                })
                .map_err(|p| DeskError::invalid(vec![p]))
        })
        .collect()
}

/// Opens the demo database at `path`, creating it with the demo cases when it does not exist or when
/// `reset` is set. Without `reset`, changes made to the demo are kept.
pub fn open_demo(path: &Path, reset: bool) -> Result<Desk, DeskError> {
    open_demo_with_clock(path, reset, Arc::new(SystemClock))
}

/// Like [`open_demo`], reading the time from `clock`: `cargo xtask record-fixtures` records the demo
/// at a fixed time, so the recorded answers are the same on every run.
pub fn open_demo_with_clock(
    path: &Path,
    reset: bool,
    clock: Arc<dyn Clock>,
) -> Result<Desk, DeskError> {
    let fresh = reset || !path.exists();
    if fresh {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(DeskError::new(
                        ErrorCode::IoFailed,
                        format!("cannot replace the demo database {}: {e}", path.display()),
                    ));
                }
            }
        }
    }
    let mut desk = Desk::open_with_clock(path, None, clock)?;
    desk.demo = true;
    if fresh {
        desk.import_documents(&demo_documents()?)?;
    }
    Ok(desk)
}
