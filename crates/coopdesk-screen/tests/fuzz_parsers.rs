//! Stable-Rust fuzzing of the list parsers that read government files: the US CSL, the EU Financial
//! Sanctions Files, the UK lists and the UN Consolidated List.
//!
//! Each target feeds a parser arbitrary bytes and mutated copies of the real and synthetic fixtures
//! (bytes flipped, ranges cut, doubled or moved, the file truncated, format tokens such as `</`,
//! `&#0;`, `<![CDATA[`, a quote, a CRLF, a UK header cell or a C1 control character put in) and checks
//! that the parser never panics and either returns entries (non-empty, unique ids; names without
//! control characters) or an error whose every problem is located on a line of the input.
//!
//! In the normal test run each target runs a short smoke test (`COOPDESK_FUZZ_CASES`, default
//! 300 cases). For a long run set `COOPDESK_FUZZ_SECS`; each target then runs batches of cases until
//! that many seconds have passed and prints how many it ran:
//!
//! ```sh
//! COOPDESK_FUZZ_SECS=600 nice -n 19 cargo test --release -p coopdesk-screen --test fuzz_parsers \
//!     -- --nocapture --test-threads 1 fuzz_un
//! ```
//!
//! A failure is shrunk by proptest and the smallest input is written to the system's temp folder
//! (the path is in the panic message), so it can be turned into a regression test. (cargo-fuzz
//! targets for the same parsers, for nightly, are in `fuzz/`.)

mod support;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use coopdesk_screen::{ImportError, ListSnapshot, parse_csl, parse_eu_fsf, parse_uk, parse_un};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

type Parser = fn(&str, &[u8]) -> Result<ListSnapshot, ImportError>;

/// Bits of the formats that make a mutated file interesting: markup, escapes, quoting, line ends,
/// header cells, characters the parsers treat specially.
const TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "\"",
    "'",
    "&",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&#x4e2d;",
    "&nbsp;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>",
    "<sanctionEntity logicalId=\"1\">",
    "</sanctionEntity>",
    "<subjectType code=\"enterprise\"/>",
    "<nameAlias wholeName=\"X\"/>",
    "<ENTITY>",
    "</ENTITY>",
    "<FIRST_NAME>",
    "</FIRST_NAME>",
    "<INDIVIDUAL>",
    ",",
    ";",
    "\r\n",
    "\n",
    "\r",
    "\t",
    "\u{a0}",
    "\u{feff}",
    "\u{92}",
    "\u{0}",
    "\u{7}",
    "中",
    "Name 6",
    "Group ID",
    "Unique ID",
    "Entity",
    "Individual",
    "Last Updated,",
    "Report Date: 1-Jan-2026",
    "(UK Sanctions List Ref):",
    "(1) ",
    "{\"results\":[",
    "]}",
    "_id",
];

/// One change to a file.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(Index, u8),
    Delete(Index, usize),
    Insert(Index, Vec<u8>),
    Token(Index, usize),
    Duplicate(Index, usize),
    Move(Index, usize, Index),
    Truncate(Index),
}

impl Mutation {
    fn apply(&self, bytes: &mut Vec<u8>) {
        let at = |i: &Index, b: &Vec<u8>| {
            if b.is_empty() {
                0
            } else {
                i.index(b.len() + 1)
            }
        };
        match self {
            Mutation::Flip(i, byte) => {
                if !bytes.is_empty() {
                    let p = i.index(bytes.len());
                    // An ASCII byte becomes another printable one most of the time, so the file stays
                    // UTF-8 and the parser gets past its first check; otherwise any other byte.
                    let printable = b' ' + byte % 95;
                    bytes[p] = if bytes[p].is_ascii() && *byte < 224 && bytes[p] != printable {
                        printable
                    } else {
                        bytes[p] ^ (byte | 1)
                    };
                }
            }
            Mutation::Delete(i, len) => {
                let p = at(i, bytes);
                let end = (p + len).min(bytes.len());
                bytes.drain(p..end);
            }
            Mutation::Insert(i, new) => {
                let p = at(i, bytes);
                bytes.splice(p..p, new.iter().copied());
            }
            Mutation::Token(i, t) => {
                let p = at(i, bytes);
                let token = TOKENS[t % TOKENS.len()].as_bytes();
                bytes.splice(p..p, token.iter().copied());
            }
            Mutation::Duplicate(i, len) => {
                let p = at(i, bytes);
                let end = (p + len).min(bytes.len());
                let copy = bytes[p..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Mutation::Move(from, len, to) => {
                let p = at(from, bytes);
                let end = (p + len).min(bytes.len());
                let part: Vec<u8> = bytes.drain(p..end).collect();
                let q = at(to, bytes);
                bytes.splice(q..q, part);
            }
            Mutation::Truncate(i) => {
                let p = at(i, bytes);
                bytes.truncate(p);
            }
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        2 => (any::<Index>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        2 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        4 => (any::<Index>(), any::<usize>()).prop_map(|(i, t)| Mutation::Token(i, t)),
        1 => (any::<Index>(), 1..400usize).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        1 => (any::<Index>(), 1..400usize, any::<Index>())
            .prop_map(|(i, n, j)| Mutation::Move(i, n, j)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn read(path: &str) -> Vec<u8> {
    let p = support::crate_dir().join("tests/fixtures").join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The first `n` rows of a CSV file (more lines if a quoted field spans the cut): a small seed
/// mutates and parses faster than the whole file and is still a whole list.
fn csv_head(bytes: &[u8], n: usize) -> Vec<u8> {
    let mut quotes = 0;
    let mut rows = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            quotes += 1;
        } else if b == b'\n' && quotes % 2 == 0 {
            rows += 1;
            if rows == n {
                return bytes[..=i].to_vec();
            }
        }
    }
    bytes.to_vec()
}

/// The bytes from the start of `text` (or from `from`) to the end of the `n`th `close`.
fn through(text: &str, from: &str, close: &str, n: usize) -> String {
    let start = text.find(from).unwrap_or(0);
    let mut end = start;
    for _ in 0..n {
        match text[end..].find(close) {
            Some(i) => end += i + close.len(),
            None => break,
        }
    }
    text[start..end].to_owned()
}

/// A whole, small XML list: the head of the file with its first few records, closed as the file
/// closes them.
fn xml_excerpt(target: &str, bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let excerpt = if target == "eu_fsf" {
        format!(
            "{}\n</export>\n",
            through(&text, "", "</sanctionEntity>", 3)
        )
    } else {
        format!(
            "{}\n  </INDIVIDUALS>\n  {}\n  </ENTITIES>\n</CONSOLIDATED_LIST>\n",
            through(&text, "", "</INDIVIDUAL>", 2),
            through(&text, "<ENTITIES>", "</ENTITY>", 3)
        )
    };
    excerpt.into_bytes()
}

/// The seeds of each target, read once.
fn seeds(target: &str) -> &'static [Vec<u8>] {
    static CSL: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static EU: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static UK: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static UN: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let (cell, files): (&OnceLock<Vec<Vec<u8>>>, &[&str]) = match target {
        "csl" => (&CSL, &["csl.csv", "csl.json", "us_csl_excerpt_2023-11.csv"]),
        "eu_fsf" => (&EU, &["synthetic/eu_fsf_synthetic.xml"]),
        "uk" => (
            &UK,
            &[
                "synthetic/uk_sanctions_list_synthetic.csv",
                "synthetic/uk_ofsi_conlist_synthetic.csv",
            ],
        ),
        _ => (&UN, &["synthetic/un_consolidated_synthetic.xml"]),
    };
    cell.get_or_init(|| {
        let mut all = Vec::new();
        for f in files {
            let bytes = read(f);
            // A small whole list beside each file (JSON has no small whole form to cut out).
            if f.ends_with(".xml") {
                all.push(xml_excerpt(target, &bytes));
            } else if f.ends_with(".csv") {
                all.push(csv_head(&bytes, 40));
            }
            all.push(bytes);
        }
        all
    })
}

fn input(target: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds(target);
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..1024),
        6 => (0..seeds.len(), prop::collection::vec(mutation(), 1..4)).prop_map(
            move |(i, mutations)| {
                let mut bytes = seeds[i].clone();
                for m in &mutations {
                    m.apply(&mut bytes);
                }
                bytes
            }
        ),
    ]
}

/// What every parser promises for any input. `Ok(true)` when the input was read as a list.
fn check(parse: Parser, bytes: &[u8]) -> Result<bool, TestCaseError> {
    let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
    match parse("fuzz", bytes) {
        Ok(snapshot) => {
            let mut ids = std::collections::HashSet::new();
            for e in &snapshot.entries {
                prop_assert!(!e.id.is_empty(), "an entry without id");
                prop_assert!(ids.insert(e.id.clone()), "id {:?} twice", e.id);
                prop_assert!(!e.name.trim().is_empty(), "entry {:?} without a name", e.id);
                for name in std::iter::once(&e.name).chain(&e.aliases) {
                    prop_assert!(
                        !name.chars().any(|c| c.is_control() && c != '\t'),
                        "control character in {name:?}"
                    );
                }
            }
            if let Some(date) = &snapshot.published {
                prop_assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date:?}");
            }
            return Ok(true);
        }
        Err(ImportError::Invalid { problems, .. }) => {
            prop_assert!(!problems.is_empty(), "an error without problems");
            for p in &problems {
                let line = p.line;
                prop_assert!(
                    line.is_some_and(|l| (1..=lines + 1).contains(&l)),
                    "problem not located on one of the {lines} lines: {p}"
                );
            }
        }
        Err(ImportError::NotUtf8 { line, .. }) => {
            prop_assert!((1..=lines).contains(&line), "not-UTF-8 at line {line}");
        }
        Err(e @ ImportError::TooLarge { .. }) => {
            prop_assert!(false, "a small input reported as too large: {e}");
        }
    }
    Ok(false)
}

/// Runs one target: a smoke run, or batches until `COOPDESK_FUZZ_SECS` have passed.
fn fuzz(target: &'static str, parse: Parser) {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let seconds = env("COOPDESK_FUZZ_SECS");
    let batch = u32::try_from(env("COOPDESK_FUZZ_CASES").unwrap_or(300)).unwrap_or(300);
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let started = Instant::now();
    let mut cases: u64 = 0;
    let read = std::cell::Cell::new(0_u64);
    loop {
        let mut runner = TestRunner::new(Config {
            cases: batch,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&input(target), |bytes| {
            if check(parse, &bytes)? {
                read.set(read.get() + 1);
            }
            Ok(())
        });
        cases += u64::from(batch);
        if let Err(e) = result {
            let (why, bytes) = match e {
                TestError::Fail(why, bytes) => (why.to_string(), bytes),
                TestError::Abort(why) => (why.to_string(), Vec::new()),
            };
            let path = std::env::temp_dir().join(format!(
                "coopdesk-fuzz-{target}-{}.bin",
                started.elapsed().as_nanos()
            ));
            let _ = std::fs::write(&path, &bytes);
            panic!(
                "fuzz {target}: {why}\nsmallest input ({} bytes) written to {}:\n{}",
                bytes.len(),
                path.display(),
                String::from_utf8_lossy(&bytes[..bytes.len().min(2000)])
            );
        }
        if deadline.is_none_or(|d| Instant::now() >= d) {
            break;
        }
    }
    eprintln!(
        "fuzz {target}: {cases} cases in {:.1} s, no failure ({} read as a list, the others refused with located problems)",
        started.elapsed().as_secs_f64(),
        read.get()
    );
}

/// The seeds themselves are lists the parsers read: mutations start from valid files.
#[test]
fn every_seed_parses() {
    for (target, parse) in [
        ("csl", parse_csl as Parser),
        ("eu_fsf", parse_eu_fsf),
        ("uk", parse_uk),
        ("un", parse_un),
    ] {
        for (i, seed) in seeds(target).iter().enumerate() {
            let parsed = parse("seed", seed);
            assert!(
                parsed.as_ref().is_ok_and(|s| !s.entries.is_empty()),
                "{target} seed {i}: {:?}",
                parsed.err().map(|e| e.to_string())
            );
        }
    }
}

#[test]
fn fuzz_csl() {
    fuzz("csl", parse_csl);
}

#[test]
fn fuzz_eu_fsf() {
    fuzz("eu_fsf", parse_eu_fsf);
}

#[test]
fn fuzz_uk() {
    fuzz("uk", parse_uk);
}

#[test]
fn fuzz_un() {
    fuzz("un", parse_un);
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// The mutations themselves: each kind changes a file the way it says, so the fuzzer really
    /// explores what it claims to.
    #[test]
    fn mutations_change_files_as_described(
        base in prop::collection::vec(any::<u8>(), 0..40),
        i in any::<Index>(),
        j in any::<Index>(),
        n in 1..50usize,
        t in any::<usize>(),
        byte in any::<u8>(),
    ) {
        let apply = |m: Mutation| { let mut b = base.clone(); m.apply(&mut b); b };
        let flipped = apply(Mutation::Flip(i, byte));
        prop_assert_eq!(flipped.len(), base.len());
        prop_assert_eq!(flipped.iter().zip(&base).filter(|(a, b)| a != b).count(), usize::from(!base.is_empty()));
        let deleted = apply(Mutation::Delete(i, n));
        prop_assert!(deleted.len() <= base.len() && deleted.len() + n >= base.len());
        let token = TOKENS[t % TOKENS.len()];
        let with_token = apply(Mutation::Token(i, t));
        prop_assert_eq!(with_token.len(), base.len() + token.len());
        prop_assert!(with_token.windows(token.len()).any(|w| w == token.as_bytes()));
        let doubled = apply(Mutation::Duplicate(i, n));
        prop_assert!(doubled.len() >= base.len() && doubled.len() <= base.len() + n);
        let moved = apply(Mutation::Move(i, n, j));
        let (mut a, mut b) = (moved.clone(), base.clone());
        a.sort_unstable();
        b.sort_unstable();
        prop_assert_eq!(a, b, "a move keeps every byte");
        prop_assert!(apply(Mutation::Truncate(i)).len() <= base.len());
    }
}
