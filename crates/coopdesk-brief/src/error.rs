//! What can go wrong while writing a briefing.

/// Why a PDF could not be produced.
///
/// Input never makes rendering fail: overlong text is wrapped and broken, characters no embedded font
/// has are drawn as U+FFFD, and missing facts are shown as missing. What remains are broken builds
/// (a font that does not parse or subset) and serialisation errors.
#[derive(Debug, thiserror::Error)]
pub enum BriefError {
    /// An embedded font could not be parsed or subset.
    #[error("font: {0}")]
    Font(String),
    /// The input could not be serialised for its document id.
    #[error("canonical input: {0}")]
    Canonical(#[from] serde_json::Error),
    /// The PDF could not be written.
    #[error("writing the PDF: {0}")]
    Write(String),
}

/// Result of this crate.
pub type Result<T> = std::result::Result<T, BriefError>;
