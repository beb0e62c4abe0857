//! Size and shape limits for text in cases.
//!
//! The limits are generous for real cases and exist so that a hostile or broken file cannot make the
//! database, the UI or a briefing unusable (a 50 MB title, a NUL byte, ten thousand partners).

use crate::problem::Problem;

/// Largest case file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Most entries in any one list of a case (partners, items, people, …).
pub const MAX_LIST_LEN: usize = 2_000;

/// What a piece of text is, which decides its length limit and whether it may span lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A case title: one line, up to 300 characters, not blank.
    Title,
    /// A name: one line, up to 500 characters, not blank.
    Name,
    /// A description: up to 5 000 characters, not blank.
    Text,
    /// Summary, notes, comments: up to 100 000 characters, may be empty.
    Long,
}

impl TextKind {
    /// Maximum length in characters.
    pub const fn max_chars(self) -> usize {
        match self {
            TextKind::Title => 300,
            TextKind::Name => 500,
            TextKind::Text => 5_000,
            TextKind::Long => 100_000,
        }
    }
}

/// Checks one text value and records what is wrong with it.
pub fn check_text(path: &str, s: &str, kind: TextKind, p: &mut Vec<Problem>) {
    let n = s.chars().count();
    if n > kind.max_chars() {
        p.push(Problem::at(
            path,
            format!(
                "too long: {n} characters, at most {} allowed",
                kind.max_chars()
            ),
        ));
        return;
    }
    if kind != TextKind::Long && s.trim().is_empty() {
        p.push(Problem::at(path, "must not be empty"));
        return;
    }
    let multiline = matches!(kind, TextKind::Text | TextKind::Long);
    if let Some(c) = s
        .chars()
        .find(|&c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
    {
        p.push(Problem::at(
            path,
            format!(
                "contains the control character U+{:04X}; expected printable text",
                c as u32
            ),
        ));
    }
}

/// Checks the length of a list.
pub fn check_list_len(path: &str, len: usize, p: &mut Vec<Problem>) {
    if len > MAX_LIST_LEN {
        p.push(Problem::at(
            path,
            format!("has {len} entries, at most {MAX_LIST_LEN} allowed"),
        ));
    }
}

/// Checks a case id: 1–64 characters of `A-Z a-z 0-9 . _ -`, starting with a letter or digit.
pub fn check_id(path: &str, id: &str, p: &mut Vec<Problem>) {
    if !is_valid_id(id) {
        p.push(Problem::at(
            path,
            format!(
                "expected 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, found \"{}\"",
                clip(id)
            ),
        ));
    }
}

/// Whether `id` is a valid case id (see [`check_id`]).
pub fn is_valid_id(id: &str) -> bool {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    !id.is_empty()
        && id.len() <= 64
        && id.chars().all(ok_char)
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Checks a checklist question id such as `du-01`: 1–64 characters of `a-z 0-9 . _ -`.
pub fn check_question_id(path: &str, qid: &str, p: &mut Vec<Problem>) {
    let ok = !qid.is_empty()
        && qid.len() <= 64
        && qid
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        && qid
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if !ok {
        p.push(Problem::at(
            path,
            "expected a question id of lower-case letters, digits, '.', '_' or '-' such as \"du-01\"",
        ));
    }
}

/// Checks an EU 2021/821 Annex I entry: digit, category letter A–E, three digits, optional sub-items
/// (`6A005`, `3A001.a.1`, `0C003`).
pub fn check_control_code(path: &str, code: &str, p: &mut Vec<Problem>) {
    if !is_valid_control_code(code) {
        p.push(Problem::at(
            path,
            format!(
                "expected an EU 2021/821 Annex I entry such as \"6A005\" or \"3A001.a.1\", found \"{}\"",
                clip(code)
            ),
        ));
    }
}

/// Whether `code` has the shape of an Annex I entry (see [`check_control_code`]).
pub fn is_valid_control_code(code: &str) -> bool {
    let b = code.as_bytes();
    if b.len() < 5 || b.len() > 32 {
        return false;
    }
    let head = b[0].is_ascii_digit()
        && (b'A'..=b'E').contains(&b[1])
        && b[2..5].iter().all(u8::is_ascii_digit);
    let tail = &code[5..];
    head && (tail.is_empty()
        || (tail.starts_with('.')
            && tail[1..].split('.').all(|s| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })))
}

/// Shortens a value for quoting in an error message.
pub fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_codes() {
        for ok in ["6A005", "3A001.a.1", "0C003", "6A003.b.4"] {
            assert!(is_valid_control_code(ok), "{ok}");
        }
        for bad in [
            "6a005", "6F005", "6A05", "6A005.", "6A005..a", "XA005", "", "6A005.A",
        ] {
            assert!(!is_valid_control_code(bad), "{bad}");
        }
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("CD-7K3M9Q2X"));
        assert!(is_valid_id("2026.desy_04"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(&"a".repeat(65)));
        assert!(!is_valid_id("案例"));
    }
}
