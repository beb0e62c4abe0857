//! What the store caches of an assessment, taken from the engine's result.

use coopdesk_assess::Assessment;
use coopdesk_store::RecordedAssessment;

/// What the store caches of a case's assessment: template version, overall level and the number of
/// open key questions (which makes the level provisional in the case list and the dashboard).
pub(crate) fn recorded<'a>(case_id: &'a str, a: &'a Assessment) -> RecordedAssessment<'a> {
    RecordedAssessment {
        case_id,
        template: &a.template,
        overall: a.overall,
        open_key_questions: u32::try_from(a.open_key_questions.len()).unwrap_or(u32::MAX),
    }
}
