//! Use cases of the checklist and assessment: templates, answers, overrides and the assessment itself.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use coopdesk_assess::builtin::{BUILTIN_FILE, BUILTIN_SOURCE};
use coopdesk_assess::engine::{LevelOverride, TemplateRef};
use coopdesk_assess::{
    Assessment, AssessmentInput, CaseContext, CoauthorshipFinding, Lang, Template, Topic, assess,
    read_template,
};
use coopdesk_core::{Answer, Case, Facility, Organisation, Problems};
use coopdesk_store::{RecordedAssessment, Store, TemplateInput};

use crate::actions::recorded_conditions;
use crate::api::{
    AssessmentView, DeskError, ErrorCode, PartnerScreening, TemplateAdoption, TemplateRow,
    TemplateView,
};
use crate::recorded::recorded;
use crate::screening::{ListIndex, ReviewBook, case_partners, findings};
use crate::snapshot::CaseSnapshot;
use crate::{Desk, error, read_limited};

/// Parsed templates by id and version; a stored version never changes, so entries never go stale.
#[derive(Debug, Default)]
pub(crate) struct TemplateCache(Mutex<HashMap<(String, String), Arc<Template>>>);

/// Seeds the built-in template. It becomes the default when no default is set or when the default is
/// an older built-in version; a template an institution chose stays the default.
pub(crate) fn seed_builtin_template(
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DeskError> {
    let template = read_template(BUILTIN_FILE, BUILTIN_SOURCE.as_bytes())
        .map_err(|p| DeskError::new(ErrorCode::Internal, format!("built-in template: {p}")))?;
    let default = store.default_template()?;
    let rows = store.templates()?;
    let default_is_builtin = default.as_ref().is_none_or(|d| {
        rows.iter()
            .any(|r| r.id == d.id && r.version == d.version && r.builtin)
    });
    store.save_template(
        TemplateInput {
            id: &template.id,
            version: &template.version,
            title: &template.title.en,
            source: BUILTIN_SOURCE,
            builtin: true,
        },
        default_is_builtin,
        now,
    )?;
    Ok(())
}

impl Desk {
    fn template(&self, store: &Store, r: &TemplateRef) -> Result<Arc<Template>, DeskError> {
        let key = (r.id.clone(), r.version.clone());
        let mut cache = self.templates.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(t) = cache.get(&key) {
            return Ok(t.clone());
        }
        let source = store.template_source(r)?;
        let t = read_template(
            &format!("template {} {}", r.id, r.version),
            source.as_bytes(),
        )
        .map_err(|p| {
            DeskError::new(
                ErrorCode::Internal,
                format!("stored template no longer reads: {p}"),
            )
        })?;
        let t = Arc::new(t);
        cache.insert(key, t.clone());
        Ok(t)
    }

    /// The template a case is assessed with: the version it is pinned to, else the default.
    pub(crate) fn template_for(
        &self,
        store: &Store,
        case_id: &str,
    ) -> Result<Arc<Template>, DeskError> {
        let r = match store.case_template(case_id)? {
            Some(r) => r,
            None => store.default_template()?.ok_or_else(|| {
                DeskError::new(ErrorCode::Internal, "no checklist template is stored")
            })?,
        };
        self.template(store, &r)
    }

    /// Assesses a case with its pinned template (pinning the default on first use), records its
    /// overall level for the case list, and renders the result in `lang`.
    pub fn assess_case(&self, id: &str, lang: Lang) -> Result<AssessmentView, DeskError> {
        let mut store = self.store();
        Ok(self
            .assess_and_record(&mut store, id)?
            .view(lang, self.today()))
    }

    /// Everything a case's assessment reads, besides screening.
    pub(crate) fn case_inputs(&self, store: &Store, id: &str) -> Result<CaseInputs, DeskError> {
        let case = store.case(id)?;
        let template = self.template_for(store, id)?;
        let orgs = store
            .organisations_with_parents(case.partners.iter().map(|p| p.org_id.clone()))?
            .into_values()
            .collect();
        let facility = case
            .facility_id
            .as_deref()
            .map(|f| store.facility(f))
            .transpose()?;
        let overrides = store.overrides(id)?;
        let coauthorships = crate::publications::coauthorship_findings(store, id)?;
        Ok(CaseInputs {
            case,
            orgs,
            facility,
            overrides,
            template,
            coauthorships,
        })
    }

    /// Assesses a case on a store the caller holds and records its overall level and open key
    /// questions.
    pub(crate) fn assess_and_record(
        &self,
        store: &mut Store,
        id: &str,
    ) -> Result<CaseSnapshot, DeskError> {
        let snapshot = self.snapshot(store, id)?;
        store.record_assessments(&[recorded(id, &snapshot.assessment)])?;
        Ok(snapshot)
    }

    /// Assesses the given cases and records their overall levels and open key questions in one
    /// transaction; returns what each assessment gave, in the order of `ids`.
    pub(crate) fn assess_many(
        &self,
        store: &mut Store,
        ids: &[String],
    ) -> Result<Vec<Assessed>, DeskError> {
        // Loaded once for all cases: the screeners and every current review decision.
        let index = self.list_index(store)?;
        let reviews = ReviewBook::all(store)?;
        let lists = index.labels();
        // Only what is recorded is kept: holding 10 000 whole assessments until the write cost
        // more to free than to compute.
        let mut results = Vec::with_capacity(ids.len());
        let mut assessed = Vec::with_capacity(ids.len());
        for id in ids {
            let inputs = self.case_inputs(store, id)?;
            let partners = inputs.screen(&index, &reviews);
            let a = inputs.assess(&partners, &lists);
            let open = u32::try_from(a.open_key_questions.len()).unwrap_or(u32::MAX);
            assessed.push(Assessed {
                overall: a.overall,
                open_key_questions: open,
                partners_with_hits: u32::try_from(
                    partners.iter().filter(|p| !p.hits.is_empty()).count(),
                )
                .unwrap_or(u32::MAX),
            });
            results.push((a.template, a.overall, open));
        }
        let rows: Vec<_> = ids
            .iter()
            .zip(&results)
            .map(|(id, (template, overall, open))| RecordedAssessment {
                case_id: id,
                template,
                overall: *overall,
                open_key_questions: *open,
            })
            .collect();
        store.record_assessments(&rows)?;
        Ok(assessed)
    }

    /// Assesses every case and records their overall levels. Returns how many were assessed.
    pub fn assess_all(&self) -> Result<usize, DeskError> {
        let mut store = self.store();
        let ids = store.case_ids()?;
        self.assess_many(&mut store, &ids)?;
        Ok(ids.len())
    }

    /// Sets (or with `None`, clears) one checklist answer and returns the new assessment. The answer
    /// must be one the case's template accepts for that question.
    pub fn set_answer(
        &self,
        case_id: &str,
        question: &str,
        answer: Option<Answer>,
        lang: Lang,
    ) -> Result<AssessmentView, DeskError> {
        let mut store = self.store();
        let template = self.template_for(&store, case_id)?;
        let path = format!("answers.{question}");
        // A benefit is answered like a yes/no question; it never changes a level.
        let accepts = |value: &str| match template.question(question) {
            Some(q) => q.accepts(value),
            None => coopdesk_assess::vocab::YesNo::parse(value).is_some(),
        };
        if template.question(question).is_none() && template.benefit(question).is_none() {
            return Err(DeskError::at(
                case_id,
                &path,
                format!(
                    "template {} {} has no question \"{question}\"",
                    template.id, template.version
                ),
            ));
        }
        let answer = match answer {
            Some(a) => {
                if !accepts(&a.value) {
                    return Err(DeskError::at(
                        case_id,
                        &format!("{path}.value"),
                        format!(
                            "\"{}\" is not an answer to {question}",
                            coopdesk_core::limits::clip(&a.value)
                        ),
                    ));
                }
                let mut problems = Vec::new();
                if let Some(c) = &a.comment {
                    coopdesk_core::limits::check_text(
                        &format!("{path}.comment"),
                        c,
                        coopdesk_core::limits::TextKind::Long,
                        &mut problems,
                    );
                }
                if !problems.is_empty() {
                    return Err(DeskError::invalid(vec![Problems::new(case_id, problems)]));
                }
                let comment = a.comment.filter(|c| !c.trim().is_empty());
                Some(Answer {
                    value: a.value,
                    comment,
                })
            }
            None => None,
        };
        // Read and changed inside one write transaction: two people answering different questions
        // of one case at once both keep their answer.
        store.change_case(case_id, "case.save", self.now(), |case| {
            match answer {
                Some(a) => case.answers.insert(question.to_owned(), a),
                None => case.answers.remove(question),
            };
            Ok(())
        })?;
        Ok(self
            .assess_and_record(&mut store, case_id)?
            .view(lang, self.today()))
    }

    /// Moves undecided cases to the current default template version and re-assesses them, in one
    /// transaction each step: `ids`, or with `None` every undecided case pinned to another version.
    /// Returns the cases that moved. A case keeps its template version until a person moves it, so
    /// that its questions and levels do not change under it unannounced; decided cases never move.
    pub fn adopt_default_template(
        &self,
        ids: Option<&[String]>,
    ) -> Result<TemplateAdoption, DeskError> {
        let mut store = self.store();
        let to = store.default_template()?.ok_or_else(|| {
            DeskError::new(ErrorCode::Internal, "no checklist template is stored")
        })?;
        let wanted = match ids {
            Some(ids) => ids.to_vec(),
            None => store.cases_behind_template(&to)?,
        };
        let moved = store.repin_template(&wanted, &to)?;
        self.assess_many(&mut store, &moved)?;
        Ok(TemplateAdoption {
            template: to,
            moved,
        })
    }

    /// The current default template version when an undecided case is pinned to another one (the
    /// window offers to move it); `None` otherwise.
    pub fn newer_template_for(&self, case_id: &str) -> Result<Option<TemplateRef>, DeskError> {
        let store = self.store();
        let Some(default) = store.default_template()? else {
            return Ok(None);
        };
        if store.case(case_id)?.status.is_closed() {
            return Ok(None);
        }
        Ok(match store.case_template(case_id)? {
            Some(pinned) if pinned != default => Some(default),
            _ => None,
        })
    }

    /// Sets or clears a topic's level override (a justification and a name are required).
    pub fn set_override(
        &self,
        case_id: &str,
        topic: Topic,
        value: Option<LevelOverride>,
        lang: Lang,
    ) -> Result<AssessmentView, DeskError> {
        // On a team database the level is set by the login (asked before the store is held).
        let value = match value {
            Some(mut v) => {
                v.by = self.signer(&v.by)?;
                Some(v)
            }
            None => None,
        };
        let mut store = self.store();
        store.set_override(case_id, topic, value.as_ref(), self.now())?;
        Ok(self
            .assess_and_record(&mut store, case_id)?
            .view(lang, self.today()))
    }

    /// A stored template version.
    pub fn get_template(&self, r: &TemplateRef) -> Result<TemplateView, DeskError> {
        let store = self.store();
        let template = self.template(&store, r)?;
        Ok(TemplateView {
            template: (*template).clone(),
        })
    }

    /// All stored templates.
    pub fn list_templates(&self) -> Result<Vec<TemplateRow>, DeskError> {
        Ok(self.store().templates()?)
    }

    /// Adds a template file (a new template or a new version of one). With `make_default`, new cases
    /// are assessed with it; a new version of the default template becomes the default by itself.
    pub fn import_template(
        &self,
        path: &Path,
        make_default: bool,
    ) -> Result<TemplateRow, DeskError> {
        let template = validate_template_file(path)?;
        let source = String::from_utf8(read_limited(path)?).map_err(|_| {
            DeskError::new(
                ErrorCode::InputInvalid,
                format!("{}: not UTF-8", path.display()),
            )
        })?;
        let mut store = self.store();
        let follows_default = store
            .default_template()?
            .is_some_and(|d| d.id == template.id);
        store.save_template(
            TemplateInput {
                id: &template.id,
                version: &template.version,
                title: &template.title.en,
                source: &source,
                builtin: false,
            },
            make_default || follows_default,
            self.now(),
        )?;
        store
            .templates()?
            .into_iter()
            .find(|r| r.id == template.id && r.version == template.version)
            .ok_or_else(|| {
                DeskError::new(
                    ErrorCode::Internal,
                    "the imported template is not in the database",
                )
            })
    }
}

/// What assessing one case gave, as the case list records it, with its screening's reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Assessed {
    pub(crate) overall: coopdesk_core::Level,
    pub(crate) open_key_questions: u32,
    /// Partners with at least one hit at or above the match threshold.
    pub(crate) partners_with_hits: u32,
}

/// What a case's assessment reads besides screening: the case, its organisations (with parents), its
/// facility, its overrides and its template.
#[derive(Debug)]
pub(crate) struct CaseInputs {
    pub(crate) case: Case,
    pub(crate) orgs: Vec<Organisation>,
    pub(crate) facility: Option<Facility>,
    pub(crate) overrides: Vec<LevelOverride>,
    pub(crate) template: Arc<Template>,
    /// Co-authorships with listed institutions from the newest co-publication check, as the
    /// assessment reads them.
    pub(crate) coauthorships: Vec<CoauthorshipFinding>,
}

impl CaseInputs {
    /// The partners' organisation ids, in case order.
    pub(crate) fn partner_ids(&self) -> Vec<&str> {
        self.case
            .partners
            .iter()
            .map(|p| p.org_id.as_str())
            .collect()
    }

    /// Screens the partners against `index`, with the decisions in `reviews`.
    pub(crate) fn screen(&self, index: &ListIndex, reviews: &ReviewBook) -> Vec<PartnerScreening> {
        case_partners(index, reviews, &self.partner_ids(), &self.orgs)
    }

    /// Assesses the case with the given screening against `lists` (their labels, see
    /// [`ListIndex::labels`]).
    pub(crate) fn assess(&self, partners: &[PartnerScreening], lists: &[String]) -> Assessment {
        let screening = findings(partners);
        let input = AssessmentInput {
            context: CaseContext {
                case: &self.case,
                organisations: &self.orgs,
                facility: self.facility.as_ref(),
                screening: &screening,
                screened_lists: lists,
                coauthorships: &self.coauthorships,
            },
            conditions: &recorded_conditions(&self.case),
            overrides: &self.overrides,
            exception: false,
        };
        assess(&self.template, &input)
    }
}

/// Reads and checks a template file without storing it.
pub fn validate_template_file(path: &Path) -> Result<Template, DeskError> {
    let bytes = std::fs::read(path).map_err(|e| error::io_error("cannot read", path, &e))?;
    read_template(&path.display().to_string(), &bytes).map_err(|p| DeskError::invalid(vec![p]))
}
