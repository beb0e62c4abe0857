//! The case use cases on one store: read, check existence, save (one transaction with its revision).

use chrono::{DateTime, Utc};

use coopdesk_core::lifecycle::check_frozen;
use coopdesk_core::{Case, Problems};

use crate::error::{Error, Result};
use crate::rows::cases::{case_exists, lock_case, read_case, write_case};
use crate::sql::{Query, Sql, args};
use crate::store::Store;

impl Store {
    /// One case.
    pub fn case(&self, id: &str) -> Result<Case> {
        read_case(self.db(), id)?.ok_or_else(|| Error::UnknownCase { id: id.to_owned() })
    }

    /// Whether a case with this id exists.
    pub fn has_case(&self, id: &str) -> Result<bool> {
        case_exists(self.db(), id)
    }

    /// Stores a case (new or changed) in one transaction and returns it as stored.
    pub fn save_case(&mut self, case: &Case, now: DateTime<Utc>) -> Result<Case> {
        let tx = self.backend.write()?;
        lock_case(&tx, &case.id)?;
        let action = match read_case(&tx, &case.id)? {
            Some(stored) => {
                if let Some(p) = check_frozen(&stored, case) {
                    return Err(Error::invalid(p));
                }
                "case.save"
            }
            None => "case.create",
        };
        write_case(&tx, case, now, &self.actor, action)?;
        let stored = read_case(&tx, &case.id)?.ok_or_else(|| Error::UnknownCase {
            id: case.id.clone(),
        })?;
        tx.commit()?;
        Ok(stored)
    }

    /// Saves a case that an editor read and changed: like [`Store::save_case`], but refused with
    /// [`Error::Conflict`] (naming who saved what, when) if the stored case is no longer the one the
    /// editor read — its `updated_at` differs — so that a second editor never overwrites the first
    /// one's work unseen. Nothing is written then.
    pub fn save_edited_case(&mut self, case: &Case, now: DateTime<Utc>) -> Result<Case> {
        let tx = self.backend.write()?;
        lock_case(&tx, &case.id)?;
        let stored = read_case(&tx, &case.id)?.ok_or_else(|| Error::UnknownCase {
            id: case.id.clone(),
        })?;
        if stored.updated_at != case.updated_at {
            return Err(conflict(&tx, case)?);
        }
        if let Some(p) = check_frozen(&stored, case) {
            return Err(Error::invalid(p));
        }
        write_case(&tx, case, now, &self.actor, "case.save")?;
        let stored = read_case(&tx, &case.id)?.ok_or_else(|| Error::UnknownCase {
            id: case.id.clone(),
        })?;
        tx.commit()?;
        Ok(stored)
    }

    /// Changes a stored case in one IMMEDIATE transaction: reads it, lets `change` edit it (the rules
    /// are the caller's: `change` returns the problems that refuse the edit), and writes it back as ONE
    /// revision recorded under `action` (e.g. `case.workshop`), so that many answers given together read
    /// as one step in the history. A closed case is refused as by [`Store::save_case`]. Returns the case
    /// as stored and the new revision's number (`None` when nothing changed).
    pub fn change_case<F>(
        &mut self,
        id: &str,
        action: &str,
        now: DateTime<Utc>,
        change: F,
    ) -> Result<(Case, Option<i64>)>
    where
        F: FnOnce(&mut Case) -> std::result::Result<(), Problems>,
    {
        let tx = self.backend.write()?;
        lock_case(&tx, id)?;
        let stored = read_case(&tx, id)?.ok_or_else(|| Error::UnknownCase { id: id.to_owned() })?;
        let mut case = stored.clone();
        change(&mut case).map_err(Error::invalid)?;
        if let Some(p) = check_frozen(&stored, &case) {
            return Err(Error::invalid(p));
        }
        let revision = write_case(&tx, &case, now, &self.actor, action)?;
        let stored = read_case(&tx, id)?.ok_or_else(|| Error::UnknownCase { id: id.to_owned() })?;
        tx.commit()?;
        Ok((stored, revision))
    }

    /// Every case id, oldest first.
    pub fn case_ids(&self) -> Result<Vec<String>> {
        self.db().query_vec(
            "SELECT id FROM cases ORDER BY created_at, id",
            args![],
            |r| r.get(0),
        )
    }

    /// Number of cases.
    pub fn case_count(&self) -> Result<i64> {
        self.db()
            .query_one("SELECT count(*) FROM cases", args![], |r| r.get(0))
    }
}

/// The conflict of saving `edited` over the stored case: the newest revision, who saved it when, and
/// which fields changed since the revision the editor's copy was saved as (matched by its time).
fn conflict(db: &dyn Sql, edited: &Case) -> Result<Error> {
    let latest: Option<(i64, String, String, String)> = db.query_opt(
        "SELECT revision, actor, at, document FROM case_revisions WHERE case_id = ?1
         ORDER BY revision DESC LIMIT 1",
        args![edited.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let Some((revision, by, at, latest_doc)) = latest else {
        return Err(Error::Changed {
            id: edited.id.clone(),
        });
    };
    let base: Option<String> = db.query_opt(
        "SELECT document FROM case_revisions WHERE case_id = ?1 AND at = ?2
         ORDER BY revision DESC LIMIT 1",
        args![edited.id, edited.updated_at.to_rfc3339()],
        |r| r.get(0),
    )?;
    let mut fields = Vec::new();
    if let Some(base) = base
        && let (Ok(before), Ok(after)) = (
            serde_json::from_str::<serde_json::Value>(&base),
            serde_json::from_str::<serde_json::Value>(&latest_doc),
        )
    {
        for change in coopdesk_core::diff::json_changes(&before, &after) {
            // The top-level field is what an editor recognises: `answers`, not `answers.du-02`.
            let field = change
                .path
                .split(['.', '['])
                .next()
                .unwrap_or_default()
                .to_owned();
            if !field.is_empty() && !fields.contains(&field) {
                fields.push(field);
            }
        }
    }
    Ok(Error::Conflict {
        id: edited.id.clone(),
        revision,
        by,
        at,
        fields,
    })
}
