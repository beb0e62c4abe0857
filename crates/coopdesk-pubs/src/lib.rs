//! Publication lists for the co-publication check: files an office exported from Web of Science,
//! Scopus, OpenAlex or a reference manager, read into [`Work`]s with their authors and the
//! affiliations each author gave.
//!
//! Owns [`Work`], [`Author`], [`Format`] (RIS, BibTeX, CSL-JSON, OpenAlex works JSON; chosen by the
//! file's extension and, where that is ambiguous, by its content: [`Format::detect`]), [`read`] and
//! [`institution_names`], which turns an affiliation as written ("Natl Univ Def Technol, Coll Adv
//! Interdisciplinary Studies, Changsha 410073, Peoples R China") into the part worth screening.
//!
//! A file is read whole or refused whole ([`ReadError`]): every problem names the file, the line (for
//! RIS and BibTeX) or the JSON path (for JSON), and the field. A work without affiliations is no
//! problem: it is read, counted and cannot show a co-authorship.
//!
//! This crate must never do IO, SQL or screening: it gets bytes and returns values, so that the app
//! decides where files come from and the matcher stays in `coopdesk-screen`.

#![warn(missing_docs)]

mod affiliation;
mod bibtex;
mod csl;
mod error;
mod format;
mod json;
mod openalex;
mod ris;
mod text;

use serde::Serialize;

pub use affiliation::institution_names;
pub use error::{MAX_PROBLEMS, Problem, ReadError};
pub use format::Format;

/// Files larger than this are refused before parsing (a publication list of tens of thousands of
/// works is a few tens of megabytes).
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// One publication as the file describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Work {
    /// The file's id for it: the OpenAlex id, the CSL `id`, the BibTeX key, the RIS `ID`/`AN`; else
    /// the DOI; else where it starts (`line 12`, `[3]`).
    pub id: String,
    /// The title, if the file gives one.
    pub title: Option<String>,
    /// The year of publication, if the file gives one.
    pub year: Option<i32>,
    /// The DOI without resolver prefix (`10.1103/PhysRevB.1.1`), if the file gives one.
    pub doi: Option<String>,
    /// The authors in file order, each with the affiliations the file ties to them.
    pub authors: Vec<Author>,
    /// Affiliations the file gives for the work without saying whose they are (RIS `AD`, Scopus's
    /// BibTeX `affiliations`); for a work with one author they are that author's instead.
    pub affiliations: Vec<String>,
    /// Where the work starts in its file: `line 12` or a JSON path such as `results[3]`.
    pub at: String,
}

/// One author of a work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Author {
    /// The name as written ("Zhang, Wei", "Wei Zhang", a group's name).
    pub name: String,
    /// The author's affiliations as written, in file order, each once.
    pub affiliations: Vec<String>,
    /// ISO country codes of the author's institutions, where the file states them (OpenAlex).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
}

impl Work {
    /// Every affiliation of the work as written, each once: the authors' and the unattributed ones.
    #[must_use]
    pub fn all_affiliations(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let all = self
            .authors
            .iter()
            .flat_map(|a| a.affiliations.iter())
            .chain(self.affiliations.iter());
        for a in all {
            if !out.contains(&a.as_str()) {
                out.push(a);
            }
        }
        out
    }

    /// Drops unattributed affiliations that an author has anyway, and gives the rest to the only
    /// author when there is exactly one: the file then cannot mean anyone else.
    pub(crate) fn settle(mut self) -> Self {
        let attributed: Vec<String> = self
            .authors
            .iter()
            .flat_map(|a| a.affiliations.iter().cloned())
            .collect();
        self.affiliations.retain(|a| !attributed.contains(a));
        if let [only] = self.authors.as_mut_slice() {
            for a in std::mem::take(&mut self.affiliations) {
                push_unique(&mut only.affiliations, a);
            }
        }
        self
    }
}

/// Appends `value` unless it is empty or already there.
pub(crate) fn push_unique(list: &mut Vec<String>, value: String) {
    if !value.is_empty() && !list.contains(&value) {
        list.push(value);
    }
}

/// Reads a publication list. `file` names it in problems; its extension, and where that is
/// ambiguous the content, decides the format ([`Format::detect`]) unless `format` is given.
///
/// # Errors
/// A file that is too large, not UTF-8, of no recognised format, or with any problem: the whole file
/// is refused, naming every problem (up to [`MAX_PROBLEMS`]) by line or JSON path and field.
pub fn read(
    file: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<(Format, Vec<Work>), ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            file: file.to_owned(),
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let text = text::utf8(file, bytes)?;
    let format = match format {
        Some(f) => f,
        None => Format::detect(file, text).ok_or_else(|| ReadError::UnknownFormat {
            file: file.to_owned(),
        })?,
    };
    let works = match format {
        Format::Ris => ris::parse(file, text)?,
        Format::Bibtex => bibtex::parse(file, text)?,
        Format::CslJson => csl::parse(file, text)?,
        Format::OpenAlex => openalex::parse(file, text)?,
    };
    Ok((format, works.into_iter().map(Work::settle).collect()))
}
