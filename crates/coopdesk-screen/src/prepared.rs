//! A screener as bytes, to keep with the list snapshot it was built from ([`Screener::to_bytes`],
//! [`Screener::from_bytes`]).
//!
//! Building a screener analyses every listed name (normalisation, traditional → simplified, pinyin)
//! and indexes it: a few hundred milliseconds for 20 000 entries. Read back from bytes it is ready in a
//! few milliseconds, because everything large is a flat table ([`crate::strings`]) and a name's
//! analysis is not stored at all: only the names the index points at and the kind of each form, which
//! is prepared again from its name when a query first scores it (a few hundred per query).
//!
//! Layout (integers little-endian): magic `CDSCRIDX`, format `u32` ([`FORMAT`]), the 32-byte matcher
//! digest ([`matcher_version`]), the body's length `u64`, the body (entries, distinct names, name
//! forms, index, each in the order its type writes itself), and the CRC-32 of everything before it
//! (a check against damage, not against forgery: whoever can write the index can write the entries).
//! Bytes are never trusted: a wrong magic, format, matcher digest or checksum, or a body that does not
//! read back exactly, is an error ([`PreparedError`]) and the caller builds the screener again.
//!
//! [`Screener::to_bytes`]: crate::Screener::to_bytes
//! [`Screener::from_bytes`]: crate::Screener::from_bytes

use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use coopdesk_core::digest::hex;

/// Version of the byte layout; bump it when the layout changes (the matcher digest changes with the
/// code anyway, but the format check gives the clearer error).
pub const FORMAT: u32 = 1;

const MAGIC: &[u8; 8] = b"CDSCRIDX";

/// Why prepared bytes cannot be used; the screener must be built from the entries instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreparedError {
    /// The bytes are not a prepared screener at all.
    #[error("not a prepared screening index")]
    NotPrepared,
    /// Written in another layout.
    #[error("prepared in index format {found}; this build reads format {supported}")]
    Format {
        /// The format of the bytes.
        found: u32,
        /// The format this build writes and reads.
        supported: u32,
    },
    /// Written by a build whose normalisation, index or reference table differs from this one's, so
    /// the prepared names may not be what this build would prepare.
    #[error("prepared by matcher {found}; this build's matcher is {expected}")]
    Matcher {
        /// The digest in the bytes (hex).
        found: String,
        /// This build's [`matcher_version`].
        expected: String,
    },
    /// The bytes were changed after they were written.
    #[error("checksum mismatch: the prepared index is damaged")]
    Checksum,
    /// The body does not read back as written.
    #[error("{section}: {what} (byte {offset})")]
    Malformed {
        /// The part being read (`entries`, `forms`, `index` …).
        section: &'static str,
        /// What is wrong.
        what: &'static str,
        /// Where, from the start of the bytes.
        offset: usize,
    },
}

pub(crate) type Result<T> = std::result::Result<T, PreparedError>;

/// The sources that decide what [`crate::Screener::new`] prepares from a list, and the tables
/// compiled into them. Any change to one of them is a new matcher version; `lib.rs` (documentation
/// and re-exports) and the list parsers (`import/`, which run before) are not part of it.
pub(crate) const MATCHER_SOURCES: [(&str, &[u8]); 14] = [
    // What a list entry holds and how its fingerprint is taken live in the core.
    (
        "coopdesk-core/src/restriction.rs",
        include_str!("../../coopdesk-core/src/restriction.rs").as_bytes(),
    ),
    ("index.rs", include_str!("index.rs").as_bytes()),
    ("normalize.rs", include_str!("normalize.rs").as_bytes()),
    ("prepared.rs", include_str!("prepared.rs").as_bytes()),
    ("reference.rs", include_str!("reference.rs").as_bytes()),
    ("romanize.rs", include_str!("romanize.rs").as_bytes()),
    ("score.rs", include_str!("score.rs").as_bytes()),
    ("screener.rs", include_str!("screener.rs").as_bytes()),
    ("strings.rs", include_str!("strings.rs").as_bytes()),
    ("traditional.rs", include_str!("traditional.rs").as_bytes()),
    (
        "traditional.txt",
        include_str!("traditional.txt").as_bytes(),
    ),
    (
        "short_forms.csv",
        crate::reference::SHORT_FORMS_CSV.as_bytes(),
    ),
    ("t2s/t2s.fst", crate::traditional::T2S_FST),
    ("t2s/t2s.txt", crate::traditional::REPLACEMENTS.as_bytes()),
];

/// The crates whose data decide how names are prepared: Unicode normalisation, pinyin readings, and
/// the JSON form that fingerprints are taken of. (The traditional → simplified table is compiled in
/// from `src/t2s/`, listed in [`MATCHER_SOURCES`].)
const MATCHER_CRATES: [&str; 3] = ["pinyin", "unicode-normalization", "serde_json"];

/// The workspace's lock file, for the versions of [`MATCHER_CRATES`].
const CARGO_LOCK: &str = include_str!("../../../Cargo.lock");

/// `name version` of each of [`MATCHER_CRATES`] as locked.
fn locked_versions() -> Vec<String> {
    let mut out = Vec::new();
    let mut name: Option<&str> = None;
    for line in CARGO_LOCK.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"'));
        } else if let (Some(n), Some(v)) = (name, line.strip_prefix("version = "))
            && MATCHER_CRATES.contains(&n)
        {
            out.push(format!("{n} {}", v.trim_matches('"')));
            name = None;
        }
    }
    out
}

fn matcher_digest() -> &'static [u8; 32] {
    static DIGEST: OnceLock<[u8; 32]> = OnceLock::new();
    DIGEST.get_or_init(|| {
        let mut h = Sha256::new();
        h.update(FORMAT.to_le_bytes());
        for (name, bytes) in MATCHER_SOURCES {
            // Lengths keep the parts apart, so that moving text between files changes the digest.
            h.update(name.as_bytes());
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        }
        for crate_version in locked_versions() {
            h.update(crate_version.as_bytes());
            h.update([0]);
        }
        h.finalize().into()
    })
}

/// This build's matcher version: a SHA-256 (hex) over the index [`FORMAT`], the sources that decide
/// how list names are prepared ([`MATCHER_SOURCES`]) and the versions of the crates whose tables they
/// use. Prepared bytes from another matcher version are refused, so a stored index can never be used
/// by a build that would have prepared the names differently.
#[must_use]
pub fn matcher_version() -> String {
    hex(matcher_digest())
}

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A length or count.
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(offset(n));
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.bytes.extend_from_slice(b);
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// Raw bytes of a known length (no length written).
    pub(crate) fn u8s(&mut self, b: &[u8]) {
        self.bytes.extend_from_slice(b);
    }

    pub(crate) fn u32s(&mut self, values: &[u32]) {
        self.len(values.len());
        self.bytes.reserve(values.len() * 4);
        for v in values {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// Reads values back in the order a [`Writer`] wrote them; every read is bounds-checked.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Where `bytes` starts in the whole buffer, for error offsets.
    base: usize,
    section: &'static str,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8], base: usize) -> Self {
        Reader {
            bytes,
            at: 0,
            base,
            section: "header",
        }
    }

    /// Names the part read next, for errors.
    pub(crate) fn section(&mut self, name: &'static str) {
        self.section = name;
    }

    pub(crate) fn malformed(&self, what: &'static str) -> PreparedError {
        PreparedError::Malformed {
            section: self.section,
            what,
            offset: self.base + self.at,
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| self.malformed("ends early"))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    pub(crate) fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn len(&mut self) -> Result<usize> {
        Ok(self.u32()? as usize)
    }

    pub(crate) fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    pub(crate) fn str(&mut self) -> Result<&'a str> {
        let b = self.bytes()?;
        std::str::from_utf8(b).map_err(|_| self.malformed("text is not UTF-8"))
    }

    pub(crate) fn string(&mut self) -> Result<String> {
        self.str().map(str::to_owned)
    }

    pub(crate) fn u32s(&mut self) -> Result<Vec<u32>> {
        let n = self.len()?;
        let bytes = self.take(n.checked_mul(4).ok_or_else(|| self.malformed("too long"))?)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    /// `N` raw bytes, as [`Writer::u8s`] wrote them.
    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// Fails unless everything was read.
    pub(crate) fn finish(&self) -> Result<()> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(self.malformed("bytes left over"))
        }
    }
}

/// Wraps a body in the header and checksum.
pub(crate) fn seal(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 56);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(matcher_digest());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(body);
    let sum = crc32fast::hash(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Checks header and checksum; returns the body and its offset in `bytes`.
pub(crate) fn open(bytes: &[u8]) -> Result<(&[u8], usize)> {
    const HEADER: usize = 8 + 4 + 32 + 8;
    if bytes.len() < HEADER + 4 || &bytes[..8] != MAGIC {
        return Err(PreparedError::NotPrepared);
    }
    let mut r = Reader::new(&bytes[8..HEADER], 8);
    let format = r.u32()?;
    if format != FORMAT {
        return Err(PreparedError::Format {
            found: format,
            supported: FORMAT,
        });
    }
    let digest = &bytes[12..44];
    if digest != matcher_digest() {
        return Err(PreparedError::Matcher {
            found: hex(digest),
            expected: matcher_version(),
        });
    }
    let (content, sum) = bytes.split_at(bytes.len() - 4);
    if crc32fast::hash(content).to_le_bytes() != sum {
        return Err(PreparedError::Checksum);
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&bytes[44..HEADER]);
    let body = &content[HEADER..];
    if u64::from_le_bytes(len) != body.len() as u64 {
        return Err(PreparedError::Malformed {
            section: "header",
            what: "the body's length differs from the one recorded",
            offset: 44,
        });
    }
    Ok((body, HEADER))
}

/// Offsets are `u32`: a prepared screener is far below 4 GiB (a million entries make some 200 MB).
pub(crate) fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_file_of_the_matcher_is_in_its_version() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let listed: Vec<&str> = MATCHER_SOURCES.iter().map(|(n, _)| *n).collect();
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_source = name.ends_with(".rs") || name.ends_with(".txt");
            if is_source && name != "lib.rs" {
                assert!(
                    listed.contains(&name.as_str()),
                    "add src/{name} to MATCHER_SOURCES"
                );
            }
        }
    }

    #[test]
    fn the_matcher_version_names_the_crates_whose_tables_it_uses() {
        let versions = locked_versions();
        for name in MATCHER_CRATES {
            assert!(
                versions.iter().any(|v| v.starts_with(&format!("{name} "))),
                "{name} not found in Cargo.lock: {versions:?}"
            );
        }
        assert_eq!(matcher_version().len(), 64);
    }

    #[test]
    fn damaged_bytes_are_refused() {
        let sealed = seal(b"body");
        assert_eq!(open(&sealed).map(|(b, _)| b.to_vec()), Ok(b"body".to_vec()));
        let mut flipped = sealed.clone();
        flipped[53] ^= 1;
        assert_eq!(open(&flipped), Err(PreparedError::Checksum));
        let mut other = sealed.clone();
        other[20] ^= 1;
        assert!(matches!(open(&other), Err(PreparedError::Matcher { .. })));
        let mut format = sealed.clone();
        format[8] = 9;
        assert!(matches!(
            open(&format),
            Err(PreparedError::Format { found: 9, .. })
        ));
        assert_eq!(open(b"CDSCRIDX"), Err(PreparedError::NotPrepared));
    }
}
