#![no_main]
//! Any bytes: `parse_uk` returns a snapshot or an error, never panics; a snapshot it returns has no
//! control character in a name (white space is collapsed), and unique ids.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(snapshot) = coopdesk_screen::parse_uk("fuzz", data) {
        let control = |s: &str| s.chars().any(|c| c.is_control() && c != '\t');
        let mut ids = std::collections::HashSet::new();
        for entry in &snapshot.entries {
            assert!(!control(&entry.name), "{:?}", entry.name);
            assert!(!entry.aliases.iter().any(|a| control(a)), "{:?}", entry.aliases);
            assert!(ids.insert(entry.id.clone()), "duplicate id {:?}", entry.id);
        }
    }
});
