//! What a restriction list says about one organisation, independent of the file it came from.

use serde::{Deserialize, Serialize};

pub use coopdesk_core::restriction::{ListEntry, ListRef};

/// The result of reading one list file: its entries plus what was deliberately left out.
///
/// Persons, vessels and aircraft are skipped because Cooperation Desk screens organisations; the count
/// is kept so that an import can say "1 203 entries, 2 441 persons skipped" instead of silently
/// dropping rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSnapshot {
    /// Organisation entries, in file order.
    pub entries: Vec<ListEntry>,
    /// Rows or records that were valid but not organisations (persons, vessels, aircraft, addresses…).
    pub skipped: usize,
    /// Characters the parser replaced because the file cannot have meant them (control characters
    /// in the CSL), in file order; empty for a file that needed no repair.
    pub repairs: Vec<crate::import::Repair>,
    /// The date the file says it was published or generated (`YYYY-MM-DD`): the EU file's
    /// `generationDate`, the UN file's `dateGenerated`, the UK files' "Last Updated" or "Report
    /// Date" line. `None` for formats that carry no such date.
    pub published: Option<String>,
}
