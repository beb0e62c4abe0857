//! Cooperation Desk's PDF briefings.
pub mod error;
pub mod fonts;
pub mod layout;
pub mod pdf;
