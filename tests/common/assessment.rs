//! Reading `coopdesk --json assess` in tests. Shared by the command-line tests (`tests/cli`) and the
//! window tests (`tests/e2e`), which are separate test binaries: each includes this file as a module
//! with `#[path]`, so the shape of the assessment's JSON is spelled out once.

use serde_json::Value;

/// The reason the assessment gives for question `question` (an id such as `du-04`) under `topic`
/// (`dual_use`, `reciprocity`, ...), or "" when the topic gives none for it.
pub fn reason<'a>(assessment: &'a Value, topic: &str, question: &str) -> &'a str {
    assessment["topics"]
        .as_array()
        .and_then(|topics| topics.iter().find(|t| t["topic"] == topic))
        .and_then(|t| t["reasons"].as_array())
        .and_then(|reasons| {
            reasons
                .iter()
                .filter_map(Value::as_str)
                .find(|r| r.starts_with(question))
        })
        .unwrap_or_default()
}
