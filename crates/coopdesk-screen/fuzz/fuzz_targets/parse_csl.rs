#![no_main]
//! Any bytes: `parse_csl` returns a snapshot or an error, never panics.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = coopdesk_screen::parse_csl("fuzz", data);
});
