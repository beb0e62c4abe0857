//! Screens names given on the command line against the bundled snapshot and prints the contract's
//! `screen --json` shape: `cargo run -p coopdesk-screen --example screen -- "Harbin Gongye Daxue"`.

use coopdesk_screen::{Screener, parse_csv};

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/reference/restricted_entities.csv"
    );
    let entries = match std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| parse_csv("restricted_entities.csv", &bytes).map_err(|e| e.to_string()))
    {
        Ok(snapshot) => snapshot.entries,
        Err(e) => {
            eprintln!("screen: {path}: {e}");
            std::process::exit(1);
        }
    };
    let screener = Screener::new(entries);
    for query in std::env::args().skip(1) {
        let hits = screener.screen(&query);
        let out = serde_json::json!({ "query": query, "hits": hits });
        println!("{out:#}");
    }
}
