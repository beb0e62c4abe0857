//! The case use cases on one store: read, check existence, save (one transaction with its revision).

use chrono::{DateTime, Utc};

use coopdesk_core::lifecycle::check_frozen;
use coopdesk_core::{Case, Problems};

use crate::error::{Error, Result};
use crate::rows::cases::{case_exists, read_case, write_case};
use crate::sql::{Query, args};
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
