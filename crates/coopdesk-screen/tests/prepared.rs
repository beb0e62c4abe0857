//! A screener read back from its bytes screens exactly as the one that was built: same hits, names,
//! scores, matched names and reasons, on the labelled set, the fixture lists and synthetic entries.

mod support;

use coopdesk_screen::{ListEntry, PreparedError, Screener, parse_csl, parse_ftm};

fn fixture(name: &str) -> Vec<u8> {
    let path = support::crate_dir().join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Builds a screener over `entries`, writes it as bytes, reads it back, and screens every query with
/// both (once as one name, and all of them together as the names of one organisation).
fn assert_same_hits(what: &str, entries: Vec<ListEntry>, queries: &[String]) {
    let built = Screener::new(entries.clone());
    let bytes = built.to_bytes();
    let read = Screener::from_bytes(&bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(read.len(), entries.len());
    let mut hits = 0;
    for q in queries {
        let expected = built.screen(q);
        assert_eq!(read.screen(q), expected, "{what}: {q}");
        hits += expected.len();
    }
    let names: Vec<&str> = queries.iter().take(40).map(String::as_str).collect();
    assert_eq!(read.screen_names(&names), built.screen_names(&names));
    assert!(hits > 0, "{what}: the queries must hit something");
    for e in &entries {
        assert_eq!(
            read.fingerprint(&e.id),
            Some(e.fingerprint()),
            "{what}: {}",
            e.id
        );
    }
    // What was read writes the same bytes again, before and after its forms were decoded.
    assert!(
        read.to_bytes() == bytes,
        "{what}: bytes differ when written again"
    );
}

/// Names derived from the entries: as listed, Chinese names, aliases, acronyms, and altered forms
/// (a typo, another order, a unit in front, a city in front).
fn queries_for(entries: &[ListEntry], every: usize) -> Vec<String> {
    let mut out = Vec::new();
    for e in entries.iter().step_by(every.max(1)) {
        out.push(e.name.clone());
        out.push(e.name.to_uppercase());
        out.push(format!("School of Physics, {}", e.name));
        out.push(format!("Shenzhen {}", e.name));
        let words: Vec<&str> = e.name.split_whitespace().collect();
        out.push(words.iter().rev().copied().collect::<Vec<_>>().join(" "));
        if let Some(long) = words.iter().find(|w| w.len() >= 6) {
            out.push(e.name.replacen(long, &long[1..], 1));
        }
        out.extend(e.name_zh.iter().cloned());
        out.extend(e.name_zh.iter().map(|zh| format!("{zh}物理学院")));
        out.extend(e.aliases.iter().cloned());
        out.extend(e.acronym.iter().cloned());
    }
    out
}

#[test]
fn the_bundled_list_screens_the_labelled_set_the_same_when_read_back() {
    let entries = support::bundled_entries();
    let mut queries: Vec<String> = support::labelled().into_iter().map(|l| l.query).collect();
    queries.extend(queries_for(&entries, 1));
    assert_same_hits("bundled", entries, &queries);
}

#[test]
fn the_fixture_lists_screen_the_same_when_read_back() {
    let set: Vec<String> = support::labelled().into_iter().map(|l| l.query).collect();
    for (file, snapshot) in [
        ("csl.json", parse_csl("csl.json", &fixture("csl.json"))),
        ("csl.csv", parse_csl("csl.csv", &fixture("csl.csv"))),
        (
            "us_csl_excerpt_2023-11.csv",
            parse_csl(
                "us_csl_excerpt_2023-11.csv",
                &fixture("us_csl_excerpt_2023-11.csv"),
            ),
        ),
        (
            "opensanctions.ftm.json",
            parse_ftm("opensanctions.ftm.json", &fixture("opensanctions.ftm.json")),
        ),
    ] {
        let entries = snapshot.unwrap_or_else(|e| panic!("{file}: {e}")).entries;
        let mut queries = queries_for(&entries, 4);
        queries.extend(set.iter().take(60).cloned());
        assert_same_hits(file, entries, &queries);
    }
}

#[test]
fn synthetic_entries_screen_the_same_when_read_back() {
    let mut entries = support::bundled_entries();
    entries.extend(support::synthetic(2_000));
    let mut queries = queries_for(&entries, 41);
    queries.extend(["Lanzhou Rare Earth Reserch Institute No. 512".to_owned()]);
    assert_same_hits("synthetic", entries, &queries);
}

#[test]
fn an_empty_list_reads_back_empty() {
    let empty = Screener::new(Vec::new());
    let read = Screener::from_bytes(&empty.to_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert!(read.is_empty());
    assert!(read.screen("Harbin Institute of Technology").is_empty());
}

#[test]
fn damaged_or_foreign_bytes_are_refused_never_read() {
    let bytes = Screener::new(support::bundled_entries()).to_bytes();
    for at in [60, bytes.len() / 2, bytes.len() - 40, bytes.len() - 1] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x10;
        assert_eq!(
            Screener::from_bytes(&flipped).err(),
            Some(PreparedError::Checksum),
            "a byte changed at {at}"
        );
    }
    for cut in [0, 10, 60, bytes.len() / 3, bytes.len() - 1] {
        assert!(
            Screener::from_bytes(&bytes[..cut]).is_err(),
            "cut at {cut} must be refused"
        );
    }
    assert_eq!(
        Screener::from_bytes(b"{\"entries\": []}").err(),
        Some(PreparedError::NotPrepared)
    );
}
