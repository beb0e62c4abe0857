//! Revision rows: every saved state of a case as a numbered revision with its audit entry.

use chrono::{DateTime, Utc};

use coopdesk_core::Case;
use coopdesk_core::digest::sha256_hex;

use crate::error::{Error, Result};
use crate::rows::audit::append_audit;
use crate::sql::{Query, Sql, args};

/// The document a revision stores: the case model without its timestamps, as JSON with sorted keys, so
/// that the same content always has the same digest.
pub(crate) fn revision_document(case: &Case) -> Result<String> {
    let mut value = serde_json::to_value(case).map_err(|source| Error::Corrupt {
        table: "case_revisions",
        column: "document",
        id: case.id.clone(),
        source,
    })?;
    if let serde_json::Value::Object(map) = &mut value {
        map.remove("created_at");
        map.remove("updated_at");
    }
    Ok(value.to_string())
}

/// Records the case as stored now as a new revision with its audit entry, unless its content equals the
/// latest revision (an autosave of unchanged content is not a change). Returns the new revision number.
pub(crate) fn record_revision(
    db: &dyn Sql,
    case: &Case,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
) -> Result<Option<i64>> {
    let document = revision_document(case)?;
    let digest = sha256_hex(document.as_bytes());
    let last: Option<(i64, String)> = db.query_opt(
        "SELECT revision, digest FROM case_revisions WHERE case_id = ?1
         ORDER BY revision DESC LIMIT 1",
        args![case.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if last.as_ref().is_some_and(|(_, d)| *d == digest) {
        return Ok(None);
    }
    let revision = last.map_or(1, |(n, _)| n + 1);
    db.execute(
        "INSERT INTO case_revisions (case_id, revision, at, actor, action, status, digest, document)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        args![
        case.id,
        revision,
        at.to_rfc3339(),
        actor,
        action,
        case.status.as_str(),
        digest,
        document
        ],
    )?;
    append_audit(
        db,
        at,
        actor,
        action,
        &format!("{}#{revision}", case.id),
        &digest,
    )?;
    Ok(Some(revision))
}
