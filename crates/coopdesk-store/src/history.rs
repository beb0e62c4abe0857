//! History: every saved state of a case as a revision, and a hash-chained, append-only audit log.
//!
//! Each audit entry's hash covers its own fields and the previous entry's hash, so an entry edited,
//! inserted or deleted anywhere breaks the chain from that point on; the head (last sequence number and
//! hash) is also kept in `settings`, so entries cut off the end show as well. What the chain cannot do on
//! its own is stop someone from rewriting the whole file consistently: that is why decisions record the
//! head at the time they were taken, outside the database (in the approved briefing).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use coopdesk_core::audit::{AuditEntry, GENESIS, sha256_hex};

use crate::error::{Error, Result};
use crate::rows::audit::{HEAD_KEY, append_audit};
use crate::rows::revisions::record_revision;
use crate::sql::{Query, args};
use crate::store::Store;

/// The outcome of checking the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditVerdict {
    /// Entries checked.
    pub entries: i64,
    /// The chain is whole.
    pub ok: bool,
    /// Hash of the last entry, when there is one.
    pub head: Option<String>,
    /// The first broken link, when the chain is not whole.
    pub broken: Option<BrokenLink>,
}

/// Where and how the audit chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BrokenLink {
    /// Sequence number of the first entry that does not check out.
    pub seq: i64,
    /// What is wrong with it.
    pub problem: String,
}

/// A revision of a case, without its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RevisionRow {
    /// 1, 2, …
    pub revision: i64,
    /// When it was saved (UTC, RFC 3339).
    pub at: String,
    /// Who saved it.
    pub actor: String,
    /// How it came about (`case.create`, `case.import`, `case.save`, `case.transition`, `case.baseline`).
    pub action: String,
    /// The case's lifecycle state in this revision.
    pub status: String,
    /// SHA-256 of the revision's document.
    pub digest: String,
}

impl Store {
    /// Sets who the audit log names for the changes made through this store from now on. On a team
    /// database the login is the actor, as the server records it, and this changes nothing.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        if self.is_team() {
            return;
        }
        let actor = actor.into();
        self.actor = if actor.trim().is_empty() {
            "unknown".to_owned()
        } else {
            actor
        };
    }

    /// Who the audit log names for changes made through this store.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Records an event that is not a case revision (a template import, a backup restored, …) in the
    /// audit log, in its own transaction. `payload` is what the entry's digest covers.
    pub fn record_event(
        &mut self,
        action: &str,
        subject: &str,
        payload: &[u8],
        now: DateTime<Utc>,
    ) -> Result<AuditEntry> {
        let tx = self.backend.write()?;
        let entry = append_audit(&tx, now, &self.actor, action, subject, &sha256_hex(payload))?;
        tx.commit()?;
        Ok(entry)
    }

    /// Gives every case that has no revision yet (a database from before revisions existed) its first
    /// revision, so that history and the audit log start from what the database held. One transaction.
    pub fn baseline_revisions(&mut self, now: DateTime<Utc>) -> Result<usize> {
        let missing: Vec<String> = self.db().query_vec(
            "SELECT id FROM cases c WHERE NOT EXISTS
               (SELECT 1 FROM case_revisions r WHERE r.case_id = c.id)
             ORDER BY created_at, id",
            args![],
            |r| r.get(0),
        )?;
        if missing.is_empty() {
            return Ok(0);
        }
        let actor = self.actor.clone();
        let tx = self.backend.write()?;
        for id in &missing {
            let case = crate::rows::cases::read_case(&tx, id)?
                .ok_or_else(|| Error::UnknownCase { id: id.clone() })?;
            record_revision(&tx, &case, now, &actor, "case.baseline")?;
        }
        tx.commit()?;
        Ok(missing.len())
    }

    /// A case's revisions, oldest first.
    pub fn revisions(&self, case_id: &str) -> Result<Vec<RevisionRow>> {
        if !self.has_case(case_id)? {
            return Err(Error::UnknownCase {
                id: case_id.to_owned(),
            });
        }
        self.db().query_vec(
            "SELECT revision, at, actor, action, status, digest FROM case_revisions
             WHERE case_id = ?1 ORDER BY revision",
            args![case_id],
            |r| {
                Ok(RevisionRow {
                    revision: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    action: r.get(3)?,
                    status: r.get(4)?,
                    digest: r.get(5)?,
                })
            },
        )
    }

    /// The stored document of one revision (the case model without timestamps, as JSON).
    pub fn revision_document(&self, case_id: &str, revision: i64) -> Result<serde_json::Value> {
        let text: Option<String> = self.db().query_opt(
            "SELECT document FROM case_revisions WHERE case_id = ?1 AND revision = ?2",
            args![case_id, revision],
            |r| r.get(0),
        )?;
        let text = text.ok_or_else(|| Error::UnknownRevision {
            id: case_id.to_owned(),
            revision,
        })?;
        serde_json::from_str(&text).map_err(|source| Error::Corrupt {
            table: "case_revisions",
            column: "document",
            id: format!("{case_id}#{revision}"),
            source,
        })
    }

    /// Entries of the audit log, oldest first; with `subject`, only those about it (a case id matches
    /// all its revisions).
    pub fn audit_entries(&self, subject: Option<&str>) -> Result<Vec<AuditEntry>> {
        // The CAST tells PostgreSQL the parameter's type before its first comparison.
        self.db().query_vec(
            "SELECT seq, at, actor, action, subject, digest, prev_hash, hash FROM audit_log
             WHERE CAST(?1 AS TEXT) IS NULL OR subject = ?1 OR subject LIKE ?1 || '#%' ESCAPE '\\'
             ORDER BY seq",
            args![subject],
            |r| {
                Ok(AuditEntry {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    action: r.get(3)?,
                    subject: r.get(4)?,
                    digest: r.get(5)?,
                    prev_hash: r.get(6)?,
                    hash: r.get(7)?,
                })
            },
        )
    }

    /// Checks the whole audit chain and names the first entry that does not check out.
    pub fn verify_audit(&self) -> Result<AuditVerdict> {
        let entries = self.audit_entries(None)?;
        let mut prev = GENESIS.to_owned();
        let broken = |seq: i64, problem: String| Some(BrokenLink { seq, problem });
        let mut found = None;
        for (expected, e) in (1_i64..).zip(entries.iter()) {
            if e.seq != expected {
                found = broken(
                    expected,
                    format!(
                        "entry {expected} is missing: the log jumps from {} to {} (deleted entries)",
                        expected - 1,
                        e.seq
                    ),
                );
                break;
            }
            if e.prev_hash != prev {
                found = broken(
                    e.seq,
                    format!(
                        "entry {} does not link to entry {}: an entry before it was changed, inserted or deleted",
                        e.seq,
                        e.seq - 1
                    ),
                );
                break;
            }
            if !e.is_sealed() {
                found = broken(
                    e.seq,
                    format!("entry {} was changed after it was written", e.seq),
                );
                break;
            }
            prev = e.hash.clone();
        }
        let last = entries.last();
        if found.is_none() {
            let head: Option<String> = self.db().query_opt(
                "SELECT value FROM settings WHERE key = ?1",
                args![HEAD_KEY],
                |r| r.get(0),
            )?;
            let recorded = head.as_deref().and_then(|h| {
                let (seq, hash) = h.split_once(' ')?;
                Some((seq.parse::<i64>().ok()?, hash.to_owned()))
            });
            let last_seq = last.map_or(0, |e| e.seq);
            match recorded {
                Some((seq, _)) if seq > last_seq => {
                    found = broken(
                        last_seq + 1,
                        format!(
                            "entries {} to {seq} were deleted from the end of the log",
                            last_seq + 1
                        ),
                    );
                }
                Some((seq, _)) if seq < last_seq => {
                    found = broken(
                        seq + 1,
                        format!(
                            "entries {} to {last_seq} were added to the log without moving its head",
                            seq + 1
                        ),
                    );
                }
                Some((seq, hash)) if seq == last_seq && last.is_some_and(|e| e.hash != hash) => {
                    found = broken(
                        seq,
                        format!("entry {seq} is not the entry the log's head recorded"),
                    );
                }
                None if last_seq > 0 => {
                    found = broken(1, "the log's head record is missing".to_owned());
                }
                _ => {}
            }
        }
        Ok(AuditVerdict {
            entries: entries.len() as i64,
            ok: found.is_none(),
            head: last.map(|e| e.hash.clone()),
            broken: found,
        })
    }
}
