#![no_main]
//! Any bytes: reading a `coopdesk.bundle/v1` file gives a bundle or path-precise problems, never a
//! panic; a bundle that reads is written back and reads again to the same bundle.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(b) = coopdesk_core::bundle::read_bundle("fuzz.bundle.json", data)
        && let Ok(text) = coopdesk_core::bundle::write_bundle(&b)
    {
        let again = coopdesk_core::bundle::read_bundle("again.bundle.json", text.as_bytes());
        assert!(again.is_ok_and(|d| d == b));
    }
});
