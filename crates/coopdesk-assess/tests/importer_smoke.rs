//! Stable-Rust smoke run of the template importer (the long runs are `fuzz/` on nightly): arbitrary
//! bytes, and the built-in template with random damage, give a template or located problems, never a
//! panic.

use coopdesk_assess::builtin::BUILTIN_SOURCE;
use coopdesk_assess::read_template;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = read_template("smoke.toml", &bytes);
    }

    #[test]
    fn damaged_builtin_template_never_panics(
        flips in proptest::collection::vec((0..BUILTIN_SOURCE.len(), any::<u8>()), 1..6),
        cut in 0..BUILTIN_SOURCE.len(),
    ) {
        let mut bytes = BUILTIN_SOURCE.as_bytes().to_vec();
        for (at, b) in flips {
            bytes[at] = b;
        }
        let _ = read_template("damaged.toml", &bytes);
        let _ = read_template("cut.toml", &BUILTIN_SOURCE.as_bytes()[..cut]);
    }
}
