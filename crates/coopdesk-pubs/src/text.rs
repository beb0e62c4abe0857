//! Text helpers shared by the parsers.

use crate::error::ReadError;

/// The file as UTF-8 without a byte-order mark, or the line of the first invalid byte.
pub(crate) fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes
            .get(..offset)
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
            + 1;
        ReadError::NotUtf8 {
            file: file.to_owned(),
            line,
            offset,
        }
    })
}

/// White space runs (line breaks included) as one space, trimmed.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first run of four digits that reads as a plausible publication year.
pub(crate) fn year_in(s: &str) -> Option<i32> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4
                && let Some(y) = s.get(start..i).and_then(|d| d.parse::<i32>().ok())
                && (1000..=2999).contains(&y)
            {
                return Some(y);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// A DOI without resolver prefix or `doi:`; `None` when it does not look like one (`10.` prefix).
pub(crate) fn clean_doi(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let mut rest = s;
    for prefix in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ] {
        if lower.starts_with(prefix) {
            rest = s.get(prefix.len()..).unwrap_or_default().trim();
            break;
        }
    }
    rest.starts_with("10.").then(|| rest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_dois_are_read_from_the_usual_forms() {
        assert_eq!(year_in("2021///"), Some(2021));
        assert_eq!(year_in("2019/03/15/"), Some(2019));
        assert_eq!(year_in("MAR 15"), None);
        assert_eq!(year_in("12345"), None, "five digits are no year");
        assert_eq!(clean_doi("https://doi.org/10.1/x"), Some("10.1/x".into()));
        assert_eq!(clean_doi("doi:10.1/x"), Some("10.1/x".into()));
        assert_eq!(clean_doi("not a doi"), None);
    }
}
