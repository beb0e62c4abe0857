#![no_main]
//! Any bytes: reading a checklist template gives a template or located problems, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = coopdesk_assess::read_template("fuzz.toml", data);
});
