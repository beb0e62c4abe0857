//! Cooperation Desk's PDF briefings: the document a director decides from.
//!
//! [`briefing`] turns one case ([`BriefingInput`]: the case, its partners in every script, facility,
//! assessment, action plan, screening hits, sign-off) into a two-page briefing with an appendix, in
//! English or German; [`portfolio`] lists the open cases ([`PortfolioInput`]) with counts per level
//! and per facility; [`minutes`] writes a workshop's minutes ([`MinutesInput`]: participants, the
//! answers that changed, the open points, every question discussed). All return the PDF's bytes;
//! writing them to disk is the app's job.
//!
//! The same input always gives the same bytes: no clock (the date is part of the input), no random
//! ids (fonts get fixed resource names and content-derived subset tags, the trailer `/ID` is the
//! [`briefing_id`] / [`portfolio_id`], a hash of the canonical input, which the footer and the
//! metadata print too).
//!
//! Inside: `layout` wraps rich text with the embedded fonts' advance widths, fills pages, keeps blocks
//! together and repeats table headers; `fonts` picks the face per character (Noto Sans for Latin,
//! Noto Sans CJK SC for Chinese) and subsets them per document; `pdf` writes through printpdf and
//! lopdf.
//!
//! **Why printpdf**, 0.12 with `default-features = false`: it writes PDFs from plain drawing
//! operations, embeds TrueType and CFF fonts as CID fonts with ToUnicode maps (so text extracts), and
//! builds offline and quickly. Its default `html` feature (and `text_layout`, which its own font
//! subsetting needs) would bring an HTML/CSS layout engine and fontconfig; a two-page briefing needs
//! neither, so this crate wraps text itself and subsets fonts with allsorts, the font library printpdf
//! already depends on. No image feature is enabled: the chart and traffic lights are vector shapes.
//!
//! This crate does no IO, reads no clock and knows nothing of Tauri or the database.
#![warn(missing_docs)]

mod briefing;
mod catalogue;
pub mod error;
mod fonts;
pub mod input;
mod layout;
mod minutes;
mod pdf;
mod portfolio;

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use error::{BriefError, Result};
pub use input::{
    ActionLine, BriefingInput, MinutesInput, MinutesQuestion, PartnerLine, PortfolioInput,
    PortfolioRow, ScreeningLine, ScreeningOutcome, SignOff,
};

/// Renders a case briefing as PDF bytes.
pub fn briefing(input: &BriefingInput<'_>) -> Result<Vec<u8>> {
    let id = briefing_id(input)?;
    briefing::render_briefing(input, &id)
}

/// Renders the portfolio report of the given cases as PDF bytes.
pub fn portfolio(input: &PortfolioInput) -> Result<Vec<u8>> {
    let id = portfolio_id(input)?;
    portfolio::render_portfolio(input, &id)
}

/// Renders the minutes of a workshop as PDF bytes.
pub fn minutes(input: &MinutesInput) -> Result<Vec<u8>> {
    let id = minutes_id(input)?;
    minutes::render_minutes(input, &id)
}

/// The document id of a workshop's minutes (see [`briefing_id`]).
pub fn minutes_id(input: &MinutesInput) -> Result<String> {
    content_id("coopdesk.minutes/v1", input)
}

/// The document id of a briefing: derived from the canonical JSON of its input, so the same case
/// revision, date and language always give the same id, and any change gives another. Printed in the
/// footer, and recorded in the metadata and the trailer `/ID`.
pub fn briefing_id(input: &BriefingInput<'_>) -> Result<String> {
    content_id("coopdesk.briefing/v1", input)
}

/// The document id of a portfolio report (see [`briefing_id`]).
pub fn portfolio_id(input: &PortfolioInput) -> Result<String> {
    content_id("coopdesk.portfolio/v1", input)
}

/// `kind` keeps a briefing and a portfolio of equal JSON apart; 80 bits of SHA-256 in five groups of
/// four hex digits are short enough to read out and plenty to tell documents apart.
fn content_id<T: Serialize>(kind: &str, input: &T) -> Result<String> {
    let json = serde_json::to_vec(input)?;
    let mut h = Sha256::new();
    h.update(kind.as_bytes());
    h.update([0]);
    h.update(&json);
    let hex: String = h
        .finalize()
        .iter()
        .take(10)
        .map(|b| format!("{b:02X}"))
        .collect();
    let groups: Vec<&str> = (0..5).filter_map(|i| hex.get(i * 4..i * 4 + 4)).collect();
    Ok(groups.join("-"))
}
