//! No module of a crate imports a module that imports it back.
//!
//! Cycles between a crate's modules are what made `impl Store` and `impl Desk` hard to follow; the
//! store's rows sit below its use cases and the app's DTOs in `api/`, and this test keeps it so. It
//! reads every crate's sources, takes each top-level module's `crate::name` references (comments and
//! `#[cfg(test)] mod tests` left out) and fails on every strongly connected group of two or more.
#![allow(clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Crates whose modules are checked, relative to the workspace root.
const CRATES: &[&str] = &[
    "crates/coopdesk-core/src",
    "crates/coopdesk-assess/src",
    "crates/coopdesk-screen/src",
    "crates/coopdesk-brief/src",
    "crates/coopdesk-store/src",
    "crates/coopdesk-app/src",
    "crates/coopdesk-cli/src",
    "crates/coopdesk-register/src",
    "crates/coopdesk-pubs/src",
    "src-tauri/src",
];

#[test]
fn no_crate_has_module_import_cycles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut report = String::new();
    for krate in CRATES {
        let graph = module_graph(&root.join(krate));
        assert!(!graph.is_empty(), "no modules read in {krate}");
        for cycle in cycles(&graph) {
            report.push_str(&format!("{krate}: {}\n", cycle.join(" <-> ")));
            for m in &cycle {
                let inside: Vec<&str> = graph[m]
                    .iter()
                    .filter(|t| cycle.contains(t))
                    .map(String::as_str)
                    .collect();
                report.push_str(&format!("    {m} imports {}\n", inside.join(", ")));
            }
        }
    }
    assert!(report.is_empty(), "module import cycles:\n{report}");
}

#[test]
fn a_cycle_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(cycles(&graph), vec![vec!["a", "b", "c"]]);
}

/// Top-level module → the top-level modules it names through `crate::`.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut refs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(src) {
        let rel = file.strip_prefix(src).expect("file under src");
        let first = rel
            .components()
            .next()
            .expect("a path component")
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if first == "lib" || first == "main" {
            continue; // the crate root declares every module; it is not a module of its own
        }
        let text = fs::read_to_string(&file).expect("readable source");
        let code = without_tests_and_comments(&text);
        refs.entry(first.clone())
            .or_default()
            .extend(crate_refs(&code));
    }
    let names: BTreeSet<String> = refs.keys().cloned().collect();
    refs.into_iter()
        .map(|(m, r)| {
            let r = r
                .into_iter()
                .filter(|t| names.contains(t) && *t != m)
                .collect();
            (m, r)
        })
        .collect()
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn without_tests_and_comments(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segment after every `crate::`, and each item of a `crate::{…}` group.
fn crate_refs(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let body = group.split('}').next().unwrap_or("");
            for item in body.split(',') {
                let name = ident(item.trim_start());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Strongly connected groups of two or more modules (Tarjan), each sorted, in order of their first
/// member.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(lw));
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                group.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.found.push(group);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}
