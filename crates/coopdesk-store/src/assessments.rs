//! Checklist templates, the template version each case is pinned to, level overrides, and the
//! overall level cached for the case list.

use chrono::{DateTime, Utc};
use coopdesk_core::{Level, Topic};
use coopdesk_core::{LevelOverride, TemplateRef};
use coopdesk_core::{Problem, Problems};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::columns;
use crate::error::{Error, Result};
use crate::sql::{Query, Sql, args};
use crate::store::Store;

/// Settings key of the template new cases are assessed with (`id` and `version`, tab-separated).
const DEFAULT_TEMPLATE: &str = "default_template";

/// A stored template, without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateRow {
    /// Template id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Display title (English).
    pub title: String,
    /// Whether it ships with the app.
    pub builtin: bool,
    /// When it was added (UTC).
    pub imported_at: DateTime<Utc>,
    /// Whether new cases are assessed with it.
    pub is_default: bool,
}

/// A case's latest assessment as the store caches it.
#[derive(Debug, Clone, Copy)]
pub struct RecordedAssessment<'a> {
    /// Case id.
    pub case_id: &'a str,
    /// The template version the case is pinned to.
    pub template: &'a TemplateRef,
    /// Overall level.
    pub overall: Level,
    /// Key questions still unanswered (more than zero: the assessment is provisional).
    pub open_key_questions: u32,
}

/// A template to store.
#[derive(Debug, Clone, Copy)]
pub struct TemplateInput<'a> {
    /// Template id.
    pub id: &'a str,
    /// Version.
    pub version: &'a str,
    /// Display title.
    pub title: &'a str,
    /// The checked TOML text.
    pub source: &'a str,
    /// Whether it ships with the app.
    pub builtin: bool,
}

impl Store {
    /// Stores a template version, in one transaction. Storing the same text again changes nothing;
    /// a different text under an existing id and version is refused, because cases pinned to that
    /// version must keep seeing the questions they were answered with. With `make_default`, or when
    /// no default is set yet, new cases are assessed with it. Returns whether it was new.
    pub fn save_template(
        &mut self,
        t: TemplateInput<'_>,
        make_default: bool,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let tx = self.backend.write()?;
        let inserted = store_template(&tx, t, make_default, now)?;
        tx.commit()?;
        Ok(inserted)
    }

    /// All stored templates, newest first within each id.
    pub fn templates(&self) -> Result<Vec<TemplateRow>> {
        let default = self.default_template()?;
        let rows = self.db().query_vec(
            "SELECT id, version, title, builtin, imported_at FROM templates ORDER BY id, imported_at DESC, version DESC",
            args![],
            |r| {
                Ok(TemplateRow {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    title: r.get(2)?,
                    builtin: r.get::<i64>(3)? != 0,
                    imported_at: columns::time(r, 4, "templates.imported_at")?,
                    is_default: false,
                })
            },
        )?;
        Ok(rows
            .into_iter()
            .map(|mut row| {
                row.is_default = default
                    .as_ref()
                    .is_some_and(|d| d.id == row.id && d.version == row.version);
                row
            })
            .collect())
    }

    /// The text of a stored template version.
    pub fn template_source(&self, template: &TemplateRef) -> Result<String> {
        self.db()
            .query_opt(
                "SELECT source FROM templates WHERE id = ?1 AND version = ?2",
                args![template.id, template.version],
                |r| r.get(0),
            )?
            .ok_or_else(|| Error::UnknownEntry {
                what: "template",
                id: format!("{} {}", template.id, template.version),
            })
    }

    /// The template new cases are assessed with.
    pub fn default_template(&self) -> Result<Option<TemplateRef>> {
        let value: Option<String> = self.db().query_opt(
            "SELECT value FROM settings WHERE key = ?1",
            args![DEFAULT_TEMPLATE],
            |r| r.get(0),
        )?;
        Ok(value.and_then(|v| {
            v.split_once('\t').map(|(id, version)| TemplateRef {
                id: id.to_owned(),
                version: version.to_owned(),
            })
        }))
    }

    /// The template version a case is pinned to, if it was assessed before.
    pub fn case_template(&self, case_id: &str) -> Result<Option<TemplateRef>> {
        let row: Option<(Option<String>, Option<String>)> = self.db().query_opt(
            "SELECT template_id, template_version FROM cases WHERE id = ?1",
            args![case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        match row {
            None => Err(Error::UnknownCase {
                id: case_id.to_owned(),
            }),
            Some((Some(id), Some(version))) => Ok(Some(TemplateRef { id, version })),
            Some(_) => Ok(None),
        }
    }

    /// Records cases' latest assessments, in one transaction: the template version each is pinned
    /// to, its overall level and its number of open key questions (a cache for the case list and the
    /// dashboard).
    /// A store that only reads ([`Store::set_reads_only`]) records nothing.
    pub fn record_assessments(&mut self, rows: &[RecordedAssessment<'_>]) -> Result<()> {
        if self.reads_only {
            return Ok(());
        }
        let tx = self.backend.write()?;
        write_assessments(&tx, rows)?;
        tx.commit()?;
        Ok(())
    }

    /// Records one case's latest assessment (see [`Store::record_assessments`]).
    pub fn record_assessment(
        &mut self,
        case_id: &str,
        template: &TemplateRef,
        overall: Level,
        open_key_questions: u32,
    ) -> Result<()> {
        self.record_assessments(&[RecordedAssessment {
            case_id,
            template,
            overall,
            open_key_questions,
        }])
    }

    /// Cases with a cached overall level but no count of open key questions: assessed before
    /// unanswered key questions made an assessment provisional (schema version 8). Their cached
    /// levels may rest on the old rule, so the app assesses them again on opening.
    pub fn cases_assessed_before_provisional(&self) -> Result<Vec<String>> {
        self.db().query_vec(
            "SELECT id FROM cases WHERE overall_level IS NOT NULL AND open_key_questions IS NULL ORDER BY id",
            args![],
            |r| r.get(0),
        )
    }

    /// A case's level overrides.
    pub fn overrides(&self, case_id: &str) -> Result<Vec<LevelOverride>> {
        self.db().query_vec(
            "SELECT topic, level, justification, set_by FROM level_overrides WHERE case_id = ?1",
            args![case_id],
            |r| {
                Ok(LevelOverride {
                    topic: columns::vocab(r, 0, "level_overrides.topic", Topic::parse)?,
                    level: columns::vocab(r, 1, "level_overrides.level", Level::parse)?,
                    justification: r.get(2)?,
                    by: r.get(3)?,
                })
            },
        )
    }

    /// Sets (or with `None`, removes) a topic's level override. A justification and a name are
    /// required; the database refuses blank ones too.
    pub fn set_override(
        &mut self,
        case_id: &str,
        topic: Topic,
        value: Option<&LevelOverride>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let status = self.case(case_id)?.status;
        if status.is_closed() {
            return Err(Error::invalid(Problems::new(
                case_id,
                vec![Problem::at(
                    "",
                    format!(
                        "the case is {status} and frozen; reopen it (move it back to draft) to set a level by hand"
                    ),
                )],
            )));
        }
        if let Some(o) = value {
            let mut problems = Vec::new();
            if o.justification.trim().is_empty() {
                problems.push(Problem::at(
                    "justification",
                    "a written justification is required to set a level by hand",
                ));
            }
            if o.by.trim().is_empty() {
                problems.push(Problem::at("by", "say who sets the level"));
            }
            coopdesk_core::limits::check_text(
                "justification",
                &o.justification,
                coopdesk_core::limits::TextKind::Text,
                &mut problems,
            );
            if !problems.is_empty() {
                return Err(Error::Invalid(vec![Problems::new(case_id, problems)]));
            }
        }
        let tx = self.backend.write()?;
        tx.execute(
            "DELETE FROM level_overrides WHERE case_id = ?1 AND topic = ?2",
            args![case_id, topic.as_str()],
        )?;
        if let Some(o) = value {
            tx.execute(
                "INSERT INTO level_overrides (case_id, topic, level, justification, set_by, set_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                args![
                    case_id,
                    topic.as_str(),
                    o.level.as_str(),
                    o.justification.trim(),
                    o.by.trim(),
                    now.to_rfc3339()
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// Moves undecided cases to another stored template version (in practice the current default),
    /// in one transaction, and returns the ids of the cases that moved. Answers keep their question
    /// ids; a template's versions share them. A decided or withdrawn case keeps the version it was
    /// decided with (its record must stay reproducible), so naming one is refused and changes nothing.
    pub fn repin_template(&mut self, case_ids: &[String], to: &TemplateRef) -> Result<Vec<String>> {
        let tx = self.backend.write()?;
        let exists = tx.exists(
            "SELECT id FROM templates WHERE id = ?1 AND version = ?2",
            args![to.id, to.version],
        )?;
        if !exists {
            return Err(Error::Invalid(vec![Problems::new(
                format!("template {} {}", to.id, to.version),
                vec![Problem::at("version", "no such template version is stored")],
            )]));
        }
        let mut moved = Vec::new();
        for id in case_ids {
            let row: Option<(String, Option<String>, Option<String>)> = tx.query_opt(
                "SELECT status, template_id, template_version FROM cases WHERE id = ?1",
                args![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            let Some((status, tid, tver)) = row else {
                return Err(Error::UnknownCase { id: id.clone() });
            };
            if coopdesk_core::CaseStatus::parse(&status).is_some_and(|s| s.is_closed()) {
                return Err(Error::invalid(Problems::new(
                    id.as_str(),
                    vec![Problem::at(
                        "template",
                        format!(
                            "the case is {status}: it keeps the template version it was decided with; reopen it first"
                        ),
                    )],
                )));
            }
            if tid.as_deref() == Some(to.id.as_str())
                && tver.as_deref() == Some(to.version.as_str())
            {
                continue;
            }
            tx.execute(
                "UPDATE cases SET template_id = ?2, template_version = ?3 WHERE id = ?1",
                args![id, to.id, to.version],
            )?;
            moved.push(id.clone());
        }
        tx.commit()?;
        Ok(moved)
    }

    /// The undecided cases pinned to a template version other than `current`.
    pub fn cases_behind_template(&self, current: &TemplateRef) -> Result<Vec<String>> {
        let closed: Vec<&str> = coopdesk_core::CaseStatus::ALL
            .iter()
            .filter(|s| s.is_closed())
            .map(|s| s.as_str())
            .collect();
        let rows = self.db().query_vec(
            "SELECT id, status FROM cases
             WHERE template_id IS NOT NULL
               AND (template_id IS DISTINCT FROM ?1 OR template_version IS DISTINCT FROM ?2)
             ORDER BY id",
            args![current.id, current.version],
            |r| Ok((r.get::<String>(0)?, r.get::<String>(1)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter(|(_, status)| !closed.contains(&status.as_str()))
            .map(|(id, _)| id)
            .collect())
    }
}

/// Stores a template version inside the caller's transaction (see [`Store::save_template`]).
pub(crate) fn store_template(
    tx: &dyn Sql,
    t: TemplateInput<'_>,
    make_default: bool,
    now: DateTime<Utc>,
) -> Result<bool> {
    let existing: Option<String> = tx.query_opt(
        "SELECT source FROM templates WHERE id = ?1 AND version = ?2",
        args![t.id, t.version],
        |r| r.get(0),
    )?;
    let inserted = match existing {
        Some(source) if source == t.source => false,
        Some(_) => {
            return Err(Error::Invalid(vec![Problems::new(
                format!("template {} {}", t.id, t.version),
                vec![Problem::at(
                    "version",
                    format!(
                        "version {} of template \"{}\" is already stored with other content; give the changed template a new version",
                        t.version, t.id
                    ),
                )],
            )]));
        }
        None => {
            tx.execute(
                "INSERT INTO templates (id, version, title, source, builtin, imported_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                args![
                    t.id,
                    t.version,
                    t.title,
                    t.source,
                    i64::from(t.builtin),
                    now.to_rfc3339()
                ],
            )?;
            true
        }
    };
    let has_default = tx.exists(
        "SELECT key FROM settings WHERE key = ?1",
        args![DEFAULT_TEMPLATE],
    )?;
    if make_default || !has_default {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            args![DEFAULT_TEMPLATE, format!("{}\t{}", t.id, t.version)],
        )?;
    }
    Ok(inserted)
}

/// Writes cases' latest assessments inside the caller's transaction, so that a list import or a hit
/// review and the re-assessment it causes commit together.
pub(crate) fn write_assessments(db: &dyn Sql, rows: &[RecordedAssessment<'_>]) -> Result<()> {
    for r in rows {
        let changed = db.execute(
            "UPDATE cases SET template_id = ?2, template_version = ?3, overall_level = ?4, open_key_questions = ?5
             WHERE id = ?1 AND (template_id IS DISTINCT FROM ?2 OR template_version IS DISTINCT FROM ?3
                                OR overall_level IS DISTINCT FROM ?4
                                OR open_key_questions IS DISTINCT FROM ?5)",
            args![
                r.case_id,
                r.template.id,
                r.template.version,
                r.overall.as_str(),
                i64::from(r.open_key_questions)
            ],
        )?;
        if changed == 0 && !crate::rows::cases::case_exists(db, r.case_id)? {
            return Err(Error::UnknownCase {
                id: r.case_id.to_owned(),
            });
        }
    }
    Ok(())
}
