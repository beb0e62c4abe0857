//! A case read once per use case: the case, its organisations with their parents, its facility,
//! template and overrides, its partners' screening with the review decisions, the list snapshots
//! screened against, and the assessment computed from all of that.
//!
//! Assessment, the briefing, the bundle export and a decision each start from one [`CaseSnapshot`]
//! instead of reading the same rows again for each part (a briefing used to screen the partners twice
//! and read the organisations three times). It is read inside one read transaction, so its parts
//! agree with each other even while another process writes.

use std::sync::Arc;

use coopdesk_assess::report::render;
use coopdesk_assess::{Assessment, CoauthorshipFinding, Lang, Template};
use coopdesk_core::{Case, Facility, Organisation};
use coopdesk_store::{ListSnapshotRow, Store};

use crate::Desk;
use crate::api::{AssessmentView, CaseScreening, DeskError, PartnerScreening};
use coopdesk_core::Date;

use crate::actions::action_views;
use coopdesk_screen::MATCH_THRESHOLD;

use crate::screening::ReviewBook;

/// Everything one use case needs of a case, read once. See the module documentation.
#[derive(Debug)]
pub(crate) struct CaseSnapshot {
    /// The case.
    pub case: Case,
    /// Its partner organisations and their parents (each once).
    pub orgs: Vec<Organisation>,
    /// The facility where the work happens.
    pub facility: Option<Facility>,
    /// The template version the case is assessed with.
    pub template: Arc<Template>,
    /// The partners' screening with the review decisions, in case order.
    pub partners: Vec<PartnerScreening>,
    /// The newest snapshot of every list, which screening used.
    pub lists: Vec<ListSnapshotRow>,
    /// Co-authorships with listed institutions the assessment read (newest co-publication check).
    pub coauthorships: Vec<CoauthorshipFinding>,
    /// The assessment computed from the parts above.
    pub assessment: Assessment,
}

impl CaseSnapshot {
    /// The organisation with this id, if the case refers to it (as a partner or a partner's parent).
    pub(crate) fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.orgs.iter().find(|o| o.id == id)
    }

    /// The partners' screening as the window and the bundle show it.
    pub(crate) fn screening(&self) -> CaseScreening {
        CaseScreening {
            case_id: self.case.id.clone(),
            lists: self.lists.clone(),
            partners: self.partners.clone(),
            threshold: MATCH_THRESHOLD,
        }
    }

    /// The window's view of the assessment in `lang`, with what is overdue on `today`.
    pub(crate) fn view(self, lang: Lang, today: Date) -> AssessmentView {
        let report = render(&self.assessment, &self.template, lang);
        let actions = action_views(&self.case, &self.assessment, today);
        AssessmentView {
            assessment: self.assessment,
            report,
            actions,
            status: self.case.status,
        }
    }
}

impl Desk {
    /// Reads a case's snapshot in one read transaction and assesses it (without recording the result).
    pub(crate) fn snapshot(&self, store: &Store, id: &str) -> Result<CaseSnapshot, DeskError> {
        // The screening index first: loading it may build and store it (a write), which does not
        // belong in the read transaction below.
        let index = self.list_index(store)?;
        store.reading(|store| {
            let inputs = self.case_inputs(store, id)?;
            let reviews = ReviewBook::for_orgs(store, &inputs.partner_ids())?;
            let partners = inputs.screen(&index, &reviews);
            let assessment = inputs.assess(&partners, &index.labels());
            let lists = store.latest_list_snapshots()?;
            Ok(CaseSnapshot {
                case: inputs.case,
                orgs: inputs.orgs,
                facility: inputs.facility,
                template: inputs.template,
                partners,
                lists,
                coauthorships: inputs.coauthorships,
                assessment,
            })
        })
    }
}
