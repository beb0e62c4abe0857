//! Rows per table group: the SQL that reads and writes one kind of row, as free functions over a
//! connection or a transaction the caller holds.
//!
//! The `impl Store` use-case modules above (`cases`, `registry`, `history`, `import`, `bundles`,
//! `lifecycle`, …) open the transactions and call these. Rows modules never name `Store` and never
//! import a use-case module, so the crate's modules form no import cycles.

pub(crate) mod audit;
pub(crate) mod cases;
pub(crate) mod publications;
pub(crate) mod registry;
pub(crate) mod revisions;
