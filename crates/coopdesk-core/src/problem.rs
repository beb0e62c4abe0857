//! Problems found in user input, each tied to the place it was found.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One problem in a document: where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Problem {
    /// JSON path such as `partners[2].country`; empty for the document as a whole.
    pub path: String,
    /// 1-based line, for problems found while reading JSON text.
    pub line: Option<usize>,
    /// 1-based column, for problems found while reading JSON text.
    pub column: Option<usize>,
    /// What is wrong, saying what was expected.
    pub message: String,
}

impl Problem {
    /// A problem at a JSON path.
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// All problems found in one file (or one edited case, where `file` names the case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
pub struct Problems {
    /// The file (or case) the problems are in.
    pub file: String,
    /// The problems, in document order where known.
    pub problems: Vec<Problem>,
}

impl Problems {
    /// Bundles problems found in `file`.
    pub fn new(file: impl Into<String>, problems: Vec<Problem>) -> Self {
        Problems {
            file: file.into(),
            problems,
        }
    }
}

/// One line per problem: `file: path: message`, `file:line:column: message` for syntax errors, and
/// `file:line:column: path: message` where both are known (templates).
impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match (p.line, p.column) {
                (Some(l), Some(c)) if p.path.is_empty() => {
                    write!(f, "{}:{l}:{c}: {}", self.file, p.message)?
                }
                (Some(l), Some(c)) => {
                    write!(f, "{}:{l}:{c}: {}: {}", self.file, p.path, p.message)?
                }
                _ if p.path.is_empty() => write!(f, "{}: {}", self.file, p.message)?,
                _ => write!(f, "{}: {}: {}", self.file, p.path, p.message)?,
            }
        }
        Ok(())
    }
}
