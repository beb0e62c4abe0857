//! Why a publication list was refused, and where.

use std::fmt;

/// At most this many problems are collected per file; a file with more says so.
pub const MAX_PROBLEMS: usize = 50;

/// One problem in a publication list: where it is, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line (RIS, BibTeX, and JSON syntax errors).
    pub line: Option<usize>,
    /// JSON path of the record or value (`[2]`, `results[0].authorships[1]`); `None` for line-based
    /// formats.
    pub path: Option<String>,
    /// The field (RIS tag, BibTeX field, JSON key) the problem is about.
    pub field: String,
    /// What is wrong, saying what was expected.
    pub message: String,
}

impl Problem {
    /// A problem at a line.
    pub(crate) fn line(line: usize, field: &str, message: impl Into<String>) -> Self {
        Problem {
            line: Some(line),
            path: None,
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// A problem at a JSON path (`path` is the value holding `field`).
    pub(crate) fn json(path: &str, field: &str, message: impl Into<String>) -> Self {
        Problem {
            line: None,
            path: Some(path.to_owned()),
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// Where it is, as one path: `results[0].authorships[1].author` for JSON, the field for lines.
    #[must_use]
    pub fn location(&self) -> String {
        match &self.path {
            Some(p) if p.is_empty() => self.field.clone(),
            Some(p) if self.field.is_empty() => p.clone(),
            Some(p) => format!("{p}.{}", self.field),
            None => self.field.clone(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        let at = self.location();
        if !at.is_empty() {
            write!(f, "{at}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Why a publication list was refused. Nothing of a refused file is used.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file is larger than [`crate::MAX_FILE_BYTES`].
    #[error("{file}: file has {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// File name as given.
        file: String,
        /// Its size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The file is not UTF-8 (all four formats are UTF-8 as exported).
    #[error(
        "{file}: line {line}: not UTF-8 (invalid byte at offset {offset}); export the list as UTF-8"
    )]
    NotUtf8 {
        /// File name as given.
        file: String,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 0-based offset of that byte.
        offset: usize,
    },
    /// Neither the extension nor the content says which format the file is in.
    #[error(
        "{file}: not a publication list this version reads: expected RIS (.ris), BibTeX (.bib), \
         CSL-JSON or OpenAlex works JSON (.json)"
    )]
    UnknownFormat {
        /// File name as given.
        file: String,
    },
    /// The file was read but some records are wrong.
    #[error("{}", render(file, problems, *more))]
    Invalid {
        /// File name as given.
        file: String,
        /// The first [`MAX_PROBLEMS`] problems in file order.
        problems: Vec<Problem>,
        /// Reading stopped at [`MAX_PROBLEMS`]: there may be more.
        more: bool,
    },
}

fn render(file: &str, problems: &[Problem], more: bool) -> String {
    let mut lines: Vec<String> = problems.iter().map(|p| format!("{file}: {p}")).collect();
    if more {
        lines.push(format!("{file}: (more problems not shown)"));
    }
    lines.join("\n")
}

/// Problems collected while reading one file.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    more: bool,
}

impl Problems {
    pub(crate) fn push(&mut self, p: Problem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(p);
        } else {
            self.more = true;
        }
    }

    pub(crate) fn full(&self) -> bool {
        self.more
    }

    /// `Ok(value)` when nothing was found, the file's refusal otherwise.
    pub(crate) fn finish<T>(self, file: &str, value: T) -> Result<T, ReadError> {
        if self.list.is_empty() {
            Ok(value)
        } else {
            Err(ReadError::Invalid {
                file: file.to_owned(),
                problems: self.list,
                more: self.more,
            })
        }
    }
}
