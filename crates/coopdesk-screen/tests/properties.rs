//! Stable-Rust fuzzing: arbitrary input never panics a parser or the screener, and scores stay in range.
//! (`fuzz/` has cargo-fuzz targets for longer runs on nightly.)

// A failing call must fail the test, with a message saying what was expected (`expect`), never
// turn into a default value.
#![allow(clippy::expect_used)]

mod support;

use std::sync::OnceLock;

use coopdesk_screen::{MATCH_THRESHOLD, Screener, normalize, parse_csl, parse_csv, parse_ftm};
use proptest::prelude::*;

fn screener() -> &'static Screener {
    static SCREENER: OnceLock<Screener> = OnceLock::new();
    SCREENER.get_or_init(|| Screener::new(support::bundled_entries()))
}

/// Bytes that are mostly structure of the formats, so the parsers get past their first check.
fn format_like() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            Just(b",".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\"".to_vec()),
            Just(b"|".to_vec()),
            Just(b"{\"results\":[".to_vec()),
            Just(b"{\"id\":\"x\",\"schema\":\"Company\",\"properties\":{\"name\":[".to_vec()),
            Just(b"]}".to_vec()),
            Just("id,name_en,name_zh,aliases,acronym,parent_id,country,list,list_ref,listed_on,source,notes\n".as_bytes().to_vec()),
            Just(b"_id,source,name,alt_names\n".to_vec()),
            Just(b"_id,source,entity_number,type,name\r\n".to_vec()),
            // What the published CSL holds: C1 controls from a Windows-1252 mix-up, other controls.
            Just("\u{92}\u{81}\u{9d}\u{96}".as_bytes().to_vec()),
            Just(b"\x07\x00\x7f\r".to_vec()),
            "[a-z\u{4e00}-\u{4e20}]{0,8}".prop_map(String::into_bytes),
            prop::collection::vec(any::<u8>(), 0..8),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// Control characters other than tab, line feed and carriage return (which a CSV field may hold).
const CONTROLS: &str = "[\u{0}-\u{8}\u{b}\u{c}\u{e}-\u{1f}\u{7f}-\u{9f}]{0,3}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_csv("f", &bytes);
        let _ = parse_csl("f", &bytes);
        let _ = parse_ftm("f", &bytes);
    }

    #[test]
    fn parsers_never_panic_on_format_like_bytes(bytes in format_like()) {
        let _ = parse_csv("f", &bytes);
        let _ = parse_csl("f", &bytes);
        let _ = parse_ftm("f", &bytes);
    }

    /// The repair path: CSL rows whose cells mix text with control characters always parse, keep no
    /// control character (other than tab) in a name, and report at least one repair per one put in.
    #[test]
    fn csl_repairs_leave_no_control_characters(
        cells in prop::collection::vec(("[a-zA-Z]{1,6}", CONTROLS, "[a-z ]{0,4}"), 1..8)
    ) {
        let mut csv = String::from("_id,source,entity_number,type,name,alt_names\n");
        let mut put_in = 0;
        for (i, (before, controls, after)) in cells.iter().enumerate() {
            put_in += controls.chars().count();
            csv.push_str(&format!(
                "id-{i},Entity List (EL),{},,\"{before}{controls}{after}\",\"x{controls}\"\n",
                i % 3
            ));
            put_in += controls.chars().count();
        }
        let snapshot = parse_csl("f.csv", csv.as_bytes());
        prop_assert!(snapshot.is_ok(), "{:?}", snapshot.err().map(|e| e.to_string()));
        let snapshot = snapshot.expect("the value the test needs");
        prop_assert_eq!(snapshot.entries.len(), cells.len());
        prop_assert_eq!(snapshot.repairs.len(), put_in);
        for e in &snapshot.entries {
            prop_assert!(!e.name.chars().any(|c| c.is_control() && c != '\t'), "{:?}", e.name);
            prop_assert!(e.aliases.iter().all(|a| !a.chars().any(|c| c.is_control() && c != '\t')));
        }
    }

    #[test]
    fn screening_never_panics_and_scores_stay_in_range(name in "\\PC{0,60}") {
        for hit in screener().screen(&name) {
            prop_assert!((MATCH_THRESHOLD..=1.0).contains(&hit.score));
        }
    }

    #[test]
    fn normalisation_is_idempotent(name in "[A-Za-z0-9 .,&()\u{4e00}-\u{4e40}\u{ff21}-\u{ff3a}-]{0,40}") {
        let once = normalize(&name);
        prop_assert_eq!(normalize(&once), once.clone());
    }
}
