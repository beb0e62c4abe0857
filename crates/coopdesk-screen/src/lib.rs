//! Offline partner screening for Cooperation Desk: restriction-list parsers and an explained name
//! matcher.
//!
//! Owns [`ListEntry`] (one listed organisation, whatever file it came from), the parsers in
//! [`import`] (bundled CSV, US Consolidated Screening List CSV/JSON, OpenSanctions FollowTheMoney JSON
//! lines, the EU Financial Sanctions Files XML, the UK Sanctions List and OFSI consolidated list CSV,
//! the UN Security Council Consolidated List XML) and [`Screener`], which answers "is this partner on a list?" with [`Hit`]s that say which
//! listed name matched and why, scored 0..=1 and cut at [`MATCH_THRESHOLD`].
//!
//! This crate must never do IO, SQL or Tauri: it gets bytes and names and returns values, so the app
//! decides where lists are stored and the rules here are tested directly.
//!
//! # Bundled CSV format
//! The office format is the file `assets/reference/restricted_entities.csv`: a header with exactly the
//! columns [`import::BUNDLED_COLUMNS`] (`id,name_en,name_zh,aliases,acronym,parent_id,country,list,
//! list_ref,listed_on,source,notes`, any order), UTF-8, RFC 4180 quoting. `id`, `name_en` and `list`
//! are required. `aliases` and `list` are separated by `|`; `list_ref` is empty or holds one reference
//! per list code, in the same order. `country` is ISO 3166-1 alpha-2; `listed_on` is `YYYY`,
//! `YYYY-MM` or `YYYY-MM-DD`. `parent_id` must be the id of another row of the same file. Unknown
//! columns are refused rather than ignored, so that a misspelt header cannot silently drop aliases.
//!
//! # Matching
//! Names are normalised the same way on both sides (NFKC, traditional → simplified Chinese, diacritics,
//! case, punctuation, legal forms in English and Chinese, abbreviations), then compared as words (with
//! typos), as Chinese text, as pinyin syllables and as acronyms; see `score.rs` for how each rule
//! scores. Acronyms match only as a whole word, short ones (≤ 3 letters) only as the whole query. A hit
//! on an institute or subsidiary is also reported on its listed parent, and a query naming a unit of a
//! listed organisation ("School of Physics, Harbin Institute of Technology") hits the organisation.
//! Chinese short forms and former names come from a sourced table ([`reference`]) and from rules applied
//! to both sides (科学技术 → 科技, 超级计算 → 超算, an optional PLA prefix, CAS as prefix or suffix).
//!
//! ```
//! use coopdesk_screen::{ListEntry, Screener};
//!
//! let mut hit = ListEntry::new("el-hit", "Harbin Institute of Technology", "us_bis_entity_list");
//! hit.name_zh = Some("哈尔滨工业大学".into());
//! hit.acronym = Some("HIT".into());
//! let screener = Screener::new(vec![hit]);
//! assert_eq!(screener.screen("哈爾濱工業大學")[0].entity, "el-hit");
//! assert_eq!(screener.screen("Haerbin Gongye Daxue")[0].why, "pinyin of the Chinese name");
//! assert!(screener.screen("Harbin Medical University").is_empty());
//! ```

#![warn(missing_docs)]

pub mod import;
mod index;
mod normalize;
mod prepared;
pub mod reference;
mod romanize;
mod score;
mod screener;
mod strings;
mod traditional;

pub use coopdesk_core::digest::sha256_hex;
pub use coopdesk_core::restriction::{ListEntry, ListRef};
pub use import::ListSnapshot;
pub use import::{
    ImportError, ListFormat, Problem, Repair, parse, parse_csl, parse_csv, parse_eu_fsf, parse_ftm,
    parse_uk, parse_un,
};
pub use normalize::normalize;
pub use prepared::{FORMAT as INDEX_FORMAT, PreparedError, matcher_version};
pub use screener::{Hit, MATCH_THRESHOLD, Screener};

/// Loads the tables that analysing a query needs (pinyin syllables; traditional → simplified, about
/// 30 ms), which otherwise load with the first query that needs them. For a process that screens
/// later, such as the window, on a background thread; a single `coopdesk screen` does without.
pub fn warm_up() {
    romanize::warm_up();
    normalize::warm_up();
}
