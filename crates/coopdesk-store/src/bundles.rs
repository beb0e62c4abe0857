//! Taking over cases from another office's bundle, all or nothing, and what came with them.
//!
//! The caller (the app) has read and checked the bundle and decided, per case, how it enters this
//! database: as a new case, replacing the stored case of the same id, or as a copy under a new id.
//! Here all of that happens in one transaction: the carried template versions are stored (a different
//! text under a stored id and version is refused, as for a template import), the cases are written
//! through the normal import path (registry resolution, a revision and an audit entry each), pinned to
//! the template version they were answered with, and the sender's evidence is kept beside each case.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use coopdesk_core::{CaseDocument, Problem, Problems};

use crate::NewId;
use crate::assessments::{TemplateInput, store_template};
use crate::error::{Error, Result};
use crate::import::{Lookups, import_one};
use crate::rows::audit::append_audit;
use crate::rows::cases::read_case;
use crate::sql::{Query, Sql, args};
use crate::store::Store;
use coopdesk_core::digest::sha256_hex;
use coopdesk_core::lifecycle::check_frozen;

/// How a bundled case enters this database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakeOver {
    /// No case has its id here: it is added under that id.
    New,
    /// It replaces the stored case of the same id (a new revision; the old ones stay).
    Replace,
    /// It is added as a new case under this id; the stored case stays as it is.
    Copy(String),
}

impl TakeOver {
    fn as_str(&self) -> &'static str {
        match self {
            TakeOver::New => "new",
            TakeOver::Replace => "replace",
            TakeOver::Copy(_) => "copy",
        }
    }
}

/// Where a bundle came from.
#[derive(Debug, Clone, Copy)]
pub struct BundleReceipt<'a> {
    /// The file as the user named it.
    pub file_name: &'a str,
    /// SHA-256 of the file.
    pub file_sha256: &'a str,
    /// When the sender wrote it.
    pub exported_at: &'a str,
    /// Who wrote it.
    pub exported_by: &'a str,
}

/// One bundled case to take over.
#[derive(Debug, Clone)]
pub struct BundleCaseInput<'a> {
    /// Its position in the bundle (for error paths such as `cases[2].case.title`).
    pub index: usize,
    /// The case document, with the sender's id.
    pub document: &'a CaseDocument,
    /// How it enters this database.
    pub how: TakeOver,
    /// The template version it was answered with, already checked.
    pub template: Option<TemplateInput<'a>>,
    /// The sender's revision number.
    pub source_revision: Option<i64>,
    /// The sender's evidence (assessment, screening, audit excerpt) as JSON.
    pub evidence: &'a str,
}

/// A case's record of having come in a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReceivedBundle {
    /// The case here.
    pub case_id: String,
    /// When it was taken over (UTC, RFC 3339).
    pub received_at: String,
    /// The bundle file.
    pub file_name: String,
    /// SHA-256 of the bundle file.
    pub file_sha256: String,
    /// When the sender wrote the bundle.
    pub exported_at: String,
    /// Who wrote it.
    pub exported_by: String,
    /// The case's id at the sender.
    pub source_case_id: String,
    /// The sender's revision number.
    pub source_revision: Option<i64>,
    /// `new`, `replace` or `copy`.
    pub how: String,
    /// The sender's assessment, screening and audit excerpt.
    #[ts(type = "Record<string, unknown>")]
    pub evidence: serde_json::Value,
}

impl Store {
    /// Takes over bundled cases in one transaction and returns their ids here, in order. If any case
    /// cannot be taken over, nothing is written and every problem found is returned.
    pub fn import_bundle(
        &mut self,
        receipt: BundleReceipt<'_>,
        cases: &[BundleCaseInput<'_>],
        new_id: NewId<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        let actor = self.actor.clone();
        let tx = self.backend.write()?;
        let mut lookups = Lookups::default();
        let mut problems = Vec::new();
        let mut ids = Vec::with_capacity(cases.len());
        for c in cases {
            let at = |p: &str| {
                if p.is_empty() {
                    format!("cases[{}].case", c.index)
                } else {
                    format!("cases[{}].case.{p}", c.index)
                }
            };
            let source_id = c.document.id.clone().unwrap_or_default();
            let (id, action) = match &c.how {
                TakeOver::New => (source_id.clone(), "bundle.import"),
                TakeOver::Replace => (source_id.clone(), "bundle.replace"),
                TakeOver::Copy(id) => (id.clone(), "bundle.copy"),
            };
            let stored = read_case(&tx, &id)?;
            match (&c.how, &stored) {
                (TakeOver::Replace, None) | (TakeOver::New | TakeOver::Copy(_), Some(_)) => {
                    problems.push(Problem::at(
                        at("id"),
                        format!(
                            "the case \"{id}\" {} here (another program changed the database meanwhile); try again",
                            if stored.is_some() { "already exists" } else { "no longer exists" }
                        ),
                    ));
                    continue;
                }
                _ => {}
            }
            if let Some(t) = c.template {
                match store_template(&tx, t, false, now) {
                    Ok(true) => {
                        append_audit(
                            &tx,
                            now,
                            &actor,
                            "template.import",
                            &format!("{} {}", t.id, t.version),
                            &sha256_hex(t.source.as_bytes()),
                        )?;
                    }
                    Ok(false) => {}
                    Err(Error::Invalid(ps)) => {
                        problems.extend(ps.into_iter().flat_map(|p| p.problems).map(|mut p| {
                            p.path = format!("cases[{}].template.{}", c.index, p.path);
                            p
                        }));
                        continue;
                    }
                    Err(e) => return Err(e),
                }
            }
            match import_one(
                &tx,
                &mut lookups,
                c.document,
                &id,
                new_id,
                now,
                (&actor, action),
            ) {
                Ok(()) => {}
                Err(Error::Invalid(ps)) => {
                    problems.extend(ps.into_iter().flat_map(|p| p.problems).map(|mut p| {
                        p.path = at(&p.path);
                        p
                    }));
                    continue;
                }
                Err(e) => return Err(e),
            }
            // A decided or withdrawn case stays frozen: the bundled case may only bring a changed
            // action plan (the same rule as for saving it here).
            if let Some(before) = stored.as_ref().filter(|s| s.status.is_closed())
                && let Some(after) = read_case(&tx, &id)?
                && check_frozen(before, &after).is_some()
            {
                problems.push(Problem::at(
                    at("id"),
                    format!(
                        "the case \"{id}\" here is {} and frozen, and the bundled case differs in more than its action plan, so it cannot replace it; keep it or take the bundled one as a copy",
                        before.status
                    ),
                ));
                continue;
            }
            if let Some(t) = c.template {
                tx.execute(
                    "UPDATE cases SET template_id = ?2, template_version = ?3 WHERE id = ?1",
                    args![id, t.id, t.version],
                )?;
            }
            tx.execute(
                "INSERT INTO received_bundles (case_id, received_at, file_name, file_sha256,
                     exported_at, exported_by, source_case_id, source_revision, how, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                args![
                    id,
                    now.to_rfc3339(),
                    receipt.file_name,
                    receipt.file_sha256,
                    receipt.exported_at,
                    receipt.exported_by,
                    source_id,
                    c.source_revision,
                    c.how.as_str(),
                    c.evidence
                ],
            )?;
            ids.push(id);
        }
        if !problems.is_empty() {
            // Dropping the transaction rolls everything back.
            return Err(Error::Invalid(vec![Problems::new(
                receipt.file_name,
                problems,
            )]));
        }
        tx.commit()?;
        Ok(ids)
    }

    /// The bundles a case came in, oldest first.
    pub fn received_bundles(&self, case_id: &str) -> Result<Vec<ReceivedBundle>> {
        let rows = self.db().query_vec(
            "SELECT case_id, received_at, file_name, file_sha256, exported_at, exported_by,
                    source_case_id, source_revision, how, evidence
             FROM received_bundles WHERE case_id = ?1 ORDER BY id",
            args![case_id],
            |r| {
                Ok((
                    ReceivedBundle {
                        case_id: r.get(0)?,
                        received_at: r.get(1)?,
                        file_name: r.get(2)?,
                        file_sha256: r.get(3)?,
                        exported_at: r.get(4)?,
                        exported_by: r.get(5)?,
                        source_case_id: r.get(6)?,
                        source_revision: r.get(7)?,
                        how: r.get(8)?,
                        evidence: serde_json::Value::Null,
                    },
                    r.get::<String>(9)?,
                ))
            },
        )?;
        rows.into_iter()
            .map(|(mut row, evidence)| {
                row.evidence =
                    serde_json::from_str(&evidence).map_err(|source| Error::Corrupt {
                        table: "received_bundles",
                        column: "evidence",
                        id: row.case_id.clone(),
                        source,
                    })?;
                Ok(row)
            })
            .collect()
    }

    /// The latest revision number of a case (none before its first save).
    pub fn latest_revision(&self, case_id: &str) -> Result<Option<i64>> {
        self.db().query_one(
            "SELECT max(revision) FROM case_revisions WHERE case_id = ?1",
            args![case_id],
            |r| r.get(0),
        )
    }
}
