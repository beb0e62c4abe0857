//! The assessment's closed vocabularies, defined in [`coopdesk_core::rating`] so that the store and
//! the briefing can name them without the engine; re-exported here under their old paths.

pub use coopdesk_core::rating::{Escalation, Lang, Level, Recommendation, Topic, YesNo};
