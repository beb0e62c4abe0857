#![no_main]
//! Any bytes: reading a `coopdesk.case/v1` file gives a document or path-precise problems, never a panic;
//! a document that reads is written back and reads again to the same document.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = coopdesk_core::interchange::read_case_document("fuzz.case.json", data)
        && let Ok(text) = coopdesk_core::interchange::write_case_document(&doc)
    {
        let again = coopdesk_core::interchange::read_case_document("again.case.json", text.as_bytes());
        assert!(again.is_ok_and(|d| d == doc));
    }
});
