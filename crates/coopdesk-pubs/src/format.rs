//! Which of the four formats a file is in.

use serde::Serialize;

/// A publication-list format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// RIS (`TY  - JOUR` … `ER  -`), as Web of Science, Scopus and reference managers export it.
    Ris,
    /// BibTeX (`@article{key, …}`), as Web of Science, Scopus and reference managers export it.
    Bibtex,
    /// CSL-JSON: an array of items (Zotero, Better BibTeX, pandoc, doi.org content negotiation).
    CslJson,
    /// OpenAlex works JSON: one work, an array of works, or an API page `{"results": [...]}`.
    OpenAlex,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [
        Format::Ris,
        Format::Bibtex,
        Format::CslJson,
        Format::OpenAlex,
    ];

    /// The format named `name` (as [`Format::as_str`] writes it), if any.
    #[must_use]
    pub fn parse(name: &str) -> Option<Format> {
        Self::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The format's name as the CLI prints it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Ris => "ris",
            Format::Bibtex => "bibtex",
            Format::CslJson => "csl_json",
            Format::OpenAlex => "openalex",
        }
    }

    /// The format of `file` with content `text`: `.ris` and `.bib` by extension (when the content
    /// does not plainly say otherwise), `.json` by whether the works look like OpenAlex's
    /// (`authorships`, an `https://openalex.org/` id, a `results` page) or CSL's, and any other
    /// extension (`.txt`, none) by content alone.
    #[must_use]
    pub fn detect(file: &str, text: &str) -> Option<Format> {
        let ext = file
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let sniffed = sniff(text);
        match ext.as_str() {
            // An extension decides unless the content is plainly another format (a `.ris` that is
            // BibTeX fails with a clearer message as BibTeX than as RIS).
            "ris" => Some(sniffed.filter(|f| *f != Format::Ris).unwrap_or(Format::Ris)),
            "bib" | "bibtex" => Some(
                sniffed
                    .filter(|f| *f != Format::Bibtex)
                    .unwrap_or(Format::Bibtex),
            ),
            "json" | "csl" | "csljson" => Some(sniffed.unwrap_or(Format::CslJson)),
            _ => sniffed,
        }
    }
}

/// The format the content shows, if any: the first RIS tag line, the first BibTeX entry, or JSON.
fn sniff(text: &str) -> Option<Format> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') || trimmed.starts_with('{') {
        return Some(json_kind(trimmed));
    }
    for line in text.lines() {
        let l = line.trim_start();
        if l.is_empty() || l.starts_with('%') {
            continue;
        }
        if crate::ris::tag_of(line).is_some() {
            return Some(Format::Ris);
        }
        if l.starts_with('@') {
            return Some(Format::Bibtex);
        }
        // Reference managers write a comment or a blank line first; anything else decides nothing.
        if !l.starts_with("Provider:") && !l.starts_with("Database:") && !l.starts_with("Content:")
        {
            return None;
        }
    }
    None
}

/// OpenAlex or CSL for JSON text, from the first work's keys (without parsing the whole file).
fn json_kind(text: &str) -> Format {
    let head: String = text.chars().take(20_000).collect();
    if head.contains("\"authorships\"")
        || head.contains("\"https://openalex.org/W")
        || (head.contains("\"results\"") && head.contains("\"meta\""))
    {
        Format::OpenAlex
    } else {
        Format::CslJson
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_first_content_where_ambiguous() {
        assert_eq!(
            Format::detect("a.ris", "TY  - JOUR\nER  - \n"),
            Some(Format::Ris)
        );
        assert_eq!(
            Format::detect("a.ris", "@article{x, title={T}}"),
            Some(Format::Bibtex)
        );
        assert_eq!(
            Format::detect("a.bib", "% exported\n@article{x,}"),
            Some(Format::Bibtex)
        );
        assert_eq!(
            Format::detect("a.txt", "\nTY  - JOUR\nER  - \n"),
            Some(Format::Ris)
        );
        assert_eq!(
            Format::detect("a.json", r#"[{"id":"x","type":"article-journal"}]"#),
            Some(Format::CslJson)
        );
        assert_eq!(
            Format::detect(
                "works.json",
                r#"{"meta":{"count":1},"results":[{"id":"https://openalex.org/W1"}]}"#
            ),
            Some(Format::OpenAlex)
        );
        assert_eq!(
            Format::detect("a", r#"{"id":"https://openalex.org/W1","authorships":[]}"#),
            Some(Format::OpenAlex)
        );
        assert_eq!(
            Format::detect("notes.txt", "Dear colleagues,\nTY  - JOUR"),
            None
        );
    }
}
