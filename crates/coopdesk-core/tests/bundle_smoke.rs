//! Stable-Rust smoke run of the bundle importer (the long runs are `fuzz/` on nightly, target
//! `read_bundle`): arbitrary bytes, and a valid bundle with random damage, give problems or a bundle,
//! never a panic; a bundle that reads is written back and reads again unchanged.

use coopdesk_core::audit::{GENESIS, entry_hash, sha256_hex};
use coopdesk_core::bundle::{read_bundle, write_bundle};
use proptest::prelude::*;

fn valid() -> String {
    let at = "2026-12-01T09:00:00+00:00";
    let hash = entry_hash(1, at, "ana", "case.import", "C-1#1", "ab", GENESIS);
    let source = "id = \"t\"\n";
    format!(
        r#"{{"format": "coopdesk.bundle/v1", "exported_at": "2026-12-04T12:00:00Z", "exported_by": "ana",
  "templates": [{{"id": "t", "version": "1", "sha256": "{}", "source": "id = \"t\"\n"}}],
  "cases": [{{"case": {{"format": "coopdesk.case/v1", "id": "C-1", "title": "Beamtime at HEPS",
     "partners": [{{"name": "中国科学院高能物理研究所", "country": "CN", "role": "host"}}]}},
   "revision": 1, "template": {{"id": "t", "version": "1"}}, "assessment": {{"overall": "low"}},
   "audit": [{{"seq": 1, "at": "{at}", "actor": "ana", "action": "case.import", "subject": "C-1#1",
     "digest": "ab", "prev_hash": "{GENESIS}", "hash": "{hash}"}}]}}]}}"#,
        sha256_hex(source.as_bytes())
    )
}

fn round_trips(bytes: &[u8]) {
    if let Ok(b) = read_bundle("smoke.bundle.json", bytes) {
        let text = write_bundle(&b).unwrap_or_else(|e| panic!("write: {e}"));
        let again = read_bundle("again.bundle.json", text.as_bytes())
            .unwrap_or_else(|e| panic!("written bundle does not read back: {e}"));
        assert_eq!(again, b);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        round_trips(&bytes);
    }

    #[test]
    fn damaged_valid_bundles_never_panic(
        flips in proptest::collection::vec((0..900_usize, any::<u8>()), 1..8),
        cut in 0..900_usize,
    ) {
        let valid = valid();
        let mut bytes = valid.as_bytes().to_vec();
        for (at, b) in flips {
            let at = at % bytes.len();
            bytes[at] = b;
        }
        round_trips(&bytes);
        round_trips(&valid.as_bytes()[..cut.min(valid.len())]);
    }
}

#[test]
fn the_valid_sample_reads() {
    let b = read_bundle("valid.bundle.json", valid().as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.cases.len(), 1);
}
