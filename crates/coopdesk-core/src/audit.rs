//! Audit-log entries and the hash that seals each one.
//!
//! An entry's hash covers its own fields and the previous entry's hash, so a chain of entries shows
//! any entry edited, inserted or deleted. The store keeps the chain (`coopdesk-store`, module
//! `history`); the rule for one entry's hash lives here because a case bundle carries an excerpt of
//! the log, and a receiving office checks each carried entry against its hash without the store.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub use crate::digest::sha256_hex;

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// Position in the log, from 1 without gaps.
    pub seq: i64,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who: the signed-in user of the computer, or the name given for a decision.
    pub actor: String,
    /// What happened, e.g. `case.save`, `case.transition`, `template.import`.
    pub action: String,
    /// What it happened to, e.g. `CD-7K3M9Q2X#4` (case and revision).
    pub subject: String,
    /// SHA-256 of the change (for a case: of the revision's document).
    pub digest: String,
    /// Hash of the previous entry ([`GENESIS`] for the first).
    pub prev_hash: String,
    /// Hash of this entry.
    pub hash: String,
}

impl AuditEntry {
    /// The hash this entry's fields call for (see [`entry_hash`]).
    pub fn expected_hash(&self) -> String {
        entry_hash(
            self.seq,
            &self.at,
            &self.actor,
            &self.action,
            &self.subject,
            &self.digest,
            &self.prev_hash,
        )
    }

    /// Whether the stored hash is the one its fields call for: false when any field was changed
    /// after the entry was written.
    pub fn is_sealed(&self) -> bool {
        self.expected_hash() == self.hash
    }
}

/// The hash of an entry: SHA-256 over its fields, each prefixed with its length so that no two different
/// entries encode the same (a newline in a name cannot shift text from one field into the next).
pub fn entry_hash(
    seq: i64,
    at: &str,
    actor: &str,
    action: &str,
    subject: &str,
    digest: &str,
    prev: &str,
) -> String {
    let seq = seq.to_string();
    let mut text = String::new();
    for field in [seq.as_str(), at, actor, action, subject, digest, prev] {
        text.push_str(&field.len().to_string());
        text.push(':');
        text.push_str(field);
        text.push('\n');
    }
    sha256_hex(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> AuditEntry {
        let hash = entry_hash(
            1,
            "2026-01-01T00:00:00+00:00",
            "ana",
            "case.save",
            "C-1#1",
            "ab",
            GENESIS,
        );
        AuditEntry {
            seq: 1,
            at: "2026-01-01T00:00:00+00:00".into(),
            actor: "ana".into(),
            action: "case.save".into(),
            subject: "C-1#1".into(),
            digest: "ab".into(),
            prev_hash: GENESIS.into(),
            hash,
        }
    }

    #[test]
    fn an_entry_is_sealed_until_a_field_changes() {
        let e = entry();
        assert!(e.is_sealed());
        let mut edited = e.clone();
        edited.actor = "bob".into();
        assert!(!edited.is_sealed());
        // Moving text between fields changes the hash too (length prefixes).
        let mut shifted = e;
        shifted.actor = "an".into();
        shifted.action = "acase.save".into();
        assert!(!shifted.is_sealed());
    }

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
