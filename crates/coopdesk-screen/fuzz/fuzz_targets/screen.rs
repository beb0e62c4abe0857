#![no_main]
//! Any text: screening returns hits within 0..=1, never panics.

use std::sync::OnceLock;

use coopdesk_screen::{ListEntry, Screener};
use libfuzzer_sys::fuzz_target;

fn screener() -> &'static Screener {
    static SCREENER: OnceLock<Screener> = OnceLock::new();
    SCREENER.get_or_init(|| {
        let mut hit = ListEntry::new(
            "el-hit",
            "Harbin Institute of Technology",
            "us_bis_entity_list",
        );
        hit.name_zh = Some("哈尔滨工业大学".into());
        hit.acronym = Some("HIT".into());
        Screener::new(vec![hit])
    })
}

fuzz_target!(|name: &str| {
    for hit in screener().screen(name) {
        assert!((0.0..=1.0).contains(&hit.score));
    }
});
