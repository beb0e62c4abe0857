//! Shared reading of the two JSON formats: syntax errors with their line, typed fields with their
//! JSON path.

use serde_json::Value;

use crate::error::{Problem, Problems};

/// The file's JSON, or the syntax error with its line.
pub(crate) fn parse(text: &str, problems: &mut Problems) -> Option<Value> {
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(Problem {
                line: Some(e.line()),
                path: None,
                field: String::new(),
                message: format!("not valid JSON: {e}"),
            });
            None
        }
    }
}

/// `path[i]`.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// `path.key` (or `key` at the root).
pub(crate) fn member(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// An optional string field: absent or null is `None`, another type a problem.
pub(crate) fn string(v: &Value, path: &str, key: &str, problems: &mut Problems) -> Option<String> {
    match v.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            problems.push(Problem::json(
                path,
                key,
                format!("expected a string, found {}", kind(other)),
            ));
            None
        }
    }
}

/// An optional array field: absent or null is empty, another type a problem.
pub(crate) fn array<'a>(
    v: &'a Value,
    path: &str,
    key: &str,
    problems: &mut Problems,
) -> &'a [Value] {
    match v.get(key) {
        None | Some(Value::Null) => &[],
        Some(Value::Array(a)) => a,
        Some(other) => {
            problems.push(Problem::json(
                path,
                key,
                format!("expected an array, found {}", kind(other)),
            ));
            &[]
        }
    }
}

/// What a value is, for messages.
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A year given as a number or as digits in a string.
pub(crate) fn year(v: &Value) -> Option<i32> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .and_then(|y| i32::try_from(y).ok())
            .filter(|y| (1000..=2999).contains(y)),
        Value::String(s) => crate::text::year_in(s),
        _ => None,
    }
}
