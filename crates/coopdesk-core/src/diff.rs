//! Field-level differences between two JSON documents (two revisions of a case).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// One changed field: its JSON path and the values before and after (absent when added or removed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    /// JSON path such as `partners[1].role` or `answers.du-02`.
    pub path: String,
    /// The old value; absent when the field was added.
    #[ts(optional, type = "unknown")]
    pub before: Option<Value>,
    /// The new value; absent when the field was removed.
    #[ts(optional, type = "unknown")]
    pub after: Option<Value>,
}

/// The fields that differ between `before` and `after`, object keys in sorted order.
///
/// Objects are compared key by key and arrays position by position, down to the leaves, so a changed
/// partner role shows as `partners[0].role` rather than as a whole new partner list.
pub fn json_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk("", before, after, &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn walk(path: &str, before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                match b.get(k) {
                    Some(vb) => walk(&join(path, k), va, vb, out),
                    None => out.push(FieldChange {
                        path: join(path, k),
                        before: Some(va.clone()),
                        after: None,
                    }),
                }
            }
            for (k, vb) in b {
                if !a.contains_key(k) {
                    out.push(FieldChange {
                        path: join(path, k),
                        before: None,
                        after: Some(vb.clone()),
                    });
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let p = format!("{path}[{i}]");
                match (a.get(i), b.get(i)) {
                    (Some(x), Some(y)) => walk(&p, x, y, out),
                    (x, y) => out.push(FieldChange {
                        path: p,
                        before: x.cloned(),
                        after: y.cloned(),
                    }),
                }
            }
        }
        (x, y) if x == y => {}
        (x, y) => out.push(FieldChange {
            path: path.to_owned(),
            before: Some(x.clone()),
            after: Some(y.clone()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_are_reported_at_the_leaves() {
        let a = json!({"title": "A", "partners": [{"org_id": "o1", "role": "host"}], "answers": {"du-01": "no"}});
        let b = json!({"title": "A", "partners": [{"org_id": "o1", "role": "lead"}, {"org_id": "o2", "role": "user"}],
                       "answers": {"du-02": "yes"}});
        let got: Vec<(String, Option<Value>, Option<Value>)> = json_changes(&a, &b)
            .into_iter()
            .map(|c| (c.path, c.before, c.after))
            .collect();
        assert_eq!(
            got,
            vec![
                ("answers.du-01".into(), Some(json!("no")), None),
                ("answers.du-02".into(), None, Some(json!("yes"))),
                (
                    "partners[0].role".into(),
                    Some(json!("host")),
                    Some(json!("lead"))
                ),
                (
                    "partners[1]".into(),
                    None,
                    Some(json!({"org_id": "o2", "role": "user"}))
                ),
            ]
        );
        assert!(json_changes(&a, &a).is_empty());
    }
}
