//! Parsers: realistic fixtures, and malformed or hostile files that must fail with precise errors.

mod support;

use coopdesk_screen::import::{BUNDLED_COLUMNS, MAX_FILE_BYTES};
use coopdesk_screen::{ImportError, ListSnapshot, parse_csl, parse_csv, parse_ftm};

fn fixture(name: &str) -> Vec<u8> {
    let path = support::crate_dir().join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ok(result: Result<ListSnapshot, ImportError>) -> ListSnapshot {
    result.unwrap_or_else(|e| panic!("expected the file to parse:\n{e}"))
}

/// The error's full text, which is what a user sees.
fn error(result: Result<ListSnapshot, ImportError>) -> String {
    match result {
        Ok(s) => panic!("expected an error, parsed {} entries", s.entries.len()),
        Err(e) => e.to_string(),
    }
}

const HEADER: &str =
    "id,name_en,name_zh,aliases,acronym,parent_id,country,list,list_ref,listed_on,source,notes";

#[test]
fn bundled_snapshot_parses_with_parents_and_parallel_references() {
    let entries = support::bundled_entries();
    assert!(entries.len() > 90, "the snapshot has ~97 rows");
    let nudt = entries
        .iter()
        .find(|e| e.id == "el-nudt")
        .unwrap_or_else(|| panic!("el-nudt"));
    assert_eq!(nudt.lists.len(), 2);
    assert_eq!(nudt.lists[1].code, "ca_nro");
    assert_eq!(nudt.lists[1].reference.as_deref(), Some("NRO 2024"));
    let fluid = entries
        .iter()
        .find(|e| e.id == "el-caep-fluid-physics")
        .unwrap_or_else(|| panic!("fluid"));
    assert_eq!(fluid.parent_id.as_deref(), Some("el-caep"));
}

#[test]
fn bundled_csv_reports_each_bad_row_with_line_and_column() {
    let text = format!(
        "{HEADER}\n\
         a,Alpha Institute,,,,,CN,us_bis_entity_list,,2020,,\n\
         b,,,,,,CN,us_bis_entity_list,,,,\n\
         a,Alpha Again,,,,,China,us_bis_entity_list,,20-01,,\n\
         c,Gamma,,,,missing-parent,CN,us_bis_entity_list|ca_nro,only one,,,\n"
    );
    let message = error(parse_csv("office.csv", text.as_bytes()));
    for expected in [
        "office.csv: line 3: name_en: must not be empty",
        "office.csv: line 4: country: expected an ISO 3166-1 alpha-2 code such as CN, found \"China\"",
        "office.csv: line 4: listed_on: expected YYYY, YYYY-MM or YYYY-MM-DD",
        "office.csv: line 5: list_ref: has 1 references for 2 list codes",
    ] {
        assert!(
            message.contains(expected),
            "missing {expected:?} in:\n{message}"
        );
    }
    // The same file with CRLF row ends (as Excel writes it): the same lines. (The csv crate puts a
    // CRLF row's start on the line before; the parsers count on.)
    let message = error(parse_csv(
        "office.csv",
        text.replace('\n', "\r\n").as_bytes(),
    ));
    assert!(
        message.contains("office.csv: line 3: name_en: must not be empty")
            && message.contains("office.csv: line 5: list_ref:"),
        "{message}"
    );
    // Rows with problems are not checked for duplicates or parents: fix them first, then see the rest.
    let text = format!(
        "{HEADER}\na,Alpha,,,,,CN,us_bis_entity_list,,,,\na,Alpha 2,,,,,CN,us_bis_entity_list,,,,\n\
         c,Gamma,,,,nowhere,CN,us_bis_entity_list,,,,\nd,Delta,,,,d,CN,us_bis_entity_list,,,,\n"
    );
    let message = error(parse_csv("office.csv", text.as_bytes()));
    assert!(
        message.contains("line 3: id: duplicate id \"a\", first used on line 2"),
        "{message}"
    );
    assert!(
        message.contains("line 4: parent_id: \"nowhere\" is not the id of any row"),
        "{message}"
    );
    assert!(
        message.contains("line 5: parent_id: parent chain of \"d\" loops"),
        "{message}"
    );
}

#[test]
fn bundled_csv_refuses_wrong_columns() {
    let message = error(parse_csv("x.csv", b"id,name,aliasses\n1,A,B\n"));
    assert!(
        message.contains("x.csv: line 1: aliasses: unknown column"),
        "{message}"
    );
    assert!(
        message.contains("line 1: name_en: required column is missing"),
        "{message}"
    );
    let wrong_count = format!("{HEADER}\na,Alpha,,,,,CN,us_bis_entity_list\n");
    let message = error(parse_csv("x.csv", wrong_count.as_bytes()));
    assert!(
        message.contains("line 2: has 8 fields, the header has 12"),
        "{message}"
    );
    assert_eq!(BUNDLED_COLUMNS.join(","), HEADER);
}

#[test]
fn invalid_utf8_is_refused_with_its_line() {
    let mut bytes = format!("{HEADER}\na,Alpha,,,,,CN,us_bis_entity_list,,,,\nb,B").into_bytes();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    for result in [
        parse_csv("bad.csv", &bytes),
        parse_csl("bad.csv", &bytes),
        parse_ftm("bad.json", &bytes),
    ] {
        match result {
            Err(ImportError::NotUtf8 { line, .. }) => assert_eq!(line, 3),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
    }
}

#[test]
fn oversize_files_are_refused_before_parsing() {
    let bytes = vec![b'a'; MAX_FILE_BYTES + 1];
    assert!(matches!(
        parse_csv("big.csv", &bytes),
        Err(ImportError::TooLarge { .. })
    ));
    assert!(matches!(
        parse_ftm("big.json", &bytes),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn huge_lines_and_names_are_refused_not_swallowed() {
    let long_name = "A".repeat(2_000_000);
    let text = format!("{HEADER}\na,{long_name},,,,,CN,us_bis_entity_list,,,,\n");
    let message = error(parse_csv("long.csv", text.as_bytes()));
    assert!(
        message.contains("line 2: name_en: longer than 1000 characters"),
        "{message}"
    );
}

#[test]
fn problems_are_capped() {
    let mut text = format!("{HEADER}\n");
    for i in 0..500 {
        text.push_str(&format!("id{i},,,,,,CN,us_bis_entity_list,,,,\n"));
    }
    match parse_csv("many.csv", text.as_bytes()) {
        Err(ImportError::Invalid { problems, more, .. }) => {
            assert_eq!(problems.len(), coopdesk_screen::import::MAX_PROBLEMS);
            assert!(more);
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn csl_csv_keeps_organisations_and_skips_individuals() {
    let snapshot = ok(parse_csl("consolidated.csv", &fixture("csl.csv")));
    assert_eq!(snapshot.skipped, 1);
    let ids: Vec<&str> = snapshot.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["9f1c2e0a7b", "77ab31c0d2", "51234"]);
    let hit = &snapshot.entries[0];
    assert_eq!(hit.aliases, ["HIT", "Harbin Gongye Daxue"]);
    assert_eq!(hit.country.as_deref(), Some("CN"));
    assert_eq!(hit.list_codes(), "us_bis_entity_list");
    assert_eq!(hit.lists[0].reference.as_deref(), Some("85 FR 34495"));
    assert_eq!(snapshot.entries[1].list_codes(), "us_bis_unverified_list");
    assert_eq!(snapshot.entries[2].list_codes(), "us_csl_sdn");
}

#[test]
fn csl_json_reads_both_id_spellings_and_alt_name_shapes() {
    let snapshot = ok(parse_csl("consolidated.json", &fixture("csl.json")));
    assert_eq!(snapshot.skipped, 1);
    assert_eq!(snapshot.entries.len(), 2);
    assert_eq!(snapshot.entries[0].aliases, ["HIT", "Harbin Gongye Daxue"]);
    assert_eq!(
        snapshot.entries[1].aliases,
        ["Guangxi Indium", "Guangxi Yin Keji"]
    );
    assert_eq!(snapshot.entries[1].listed_on.as_deref(), Some("2022-02-08"));
}

#[test]
fn csl_errors_name_lines() {
    let message = error(parse_csl("c.csv", b"_id,name\n1,A\n"));
    assert!(
        message.contains("c.csv: line 1: source: required column is missing"),
        "{message}"
    );
    let text = "{\"results\": [\n{\"id\": \"1\", \"source\": \"Entity List (EL)\", \"name\": \"A\"},\n\
                {\"id\": \"2\", \"source\": \"Entity List (EL)\", \"name\": \"\"},\n\
                {\"id\": \"1\", \"source\": \"Entity List (EL)\", \"name\": \"B\"}\n]}";
    let message = error(parse_csl("c.json", text.as_bytes()));
    assert!(
        message.contains("c.json: line 3: name: must not be empty"),
        "{message}"
    );
    // A repeated id is not an error in the CSL (the download repeats them); see
    // csl_rows_sharing_an_id_stay_distinct_entries.
    assert!(!message.contains("duplicate"), "{message}");
    let message = error(parse_csl("c.json", b"{\"results\": [\n{\"id\": 1,,}\n]}"));
    assert!(message.contains("c.json: line 2:"), "{message}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        "{{\"results\": [{}{}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let message = error(parse_csl("deep.json", deep.as_bytes()));
    assert!(message.contains("deep.json: line 1:"), "{message}");
    let deep = format!(
        "{{\"results\": [\n{{\"id\": \"1\", \"source\": \"EL\", \"name\": \"A\", \"alt_names\": {}{}}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let message = error(parse_csl("deep.json", deep.as_bytes()));
    assert!(
        message.contains("deep.json: line 2:") && message.contains("recursion limit"),
        "{message}"
    );
    let line = format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let message = error(parse_ftm("deep.ftm.json", line.as_bytes()));
    assert!(message.contains("deep.ftm.json: line 1:"), "{message}");
}

#[test]
fn ftm_keeps_organisations_splits_scripts_and_drops_dangling_parents() {
    let snapshot = ok(parse_ftm(
        "entities.ftm.json",
        &fixture("opensanctions.ftm.json"),
    ));
    assert_eq!(snapshot.skipped, 2, "one Person, one Sanction");
    let caep = &snapshot.entries[0];
    assert_eq!(caep.name, "China Academy of Engineering Physics");
    assert_eq!(caep.name_zh.as_deref(), Some("中国工程物理研究院"));
    assert_eq!(caep.aliases, ["Ninth Academy", "CAEP"]);
    assert_eq!(caep.country.as_deref(), Some("CN"));
    assert_eq!(caep.listed_on.as_deref(), Some("2023-01-04"));
    assert_eq!(snapshot.entries[1].parent_id.as_deref(), Some("NK-caep"));
    let huawei = &snapshot.entries[2];
    assert_eq!(huawei.parent_id, None);
    assert_eq!(huawei.list_codes(), "us_dod_1260h");
}

#[test]
fn ftm_reports_bad_json_at_its_line() {
    let text = "{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {\"name\": [\"A\"]}}\n\
                {\"id\": \"b\", \"schema\": \"Company\", \"properties\": {\"name\": [\"B\"]}\n\
                {\"id\": \"c\", \"schema\": \"Company\", \"properties\": {}}\n";
    let message = error(parse_ftm("e.json", text.as_bytes()));
    assert!(
        message.contains("e.json: line 2: not a FollowTheMoney entity"),
        "{message}"
    );
    assert!(
        message.contains("e.json: line 3: properties.name: entity has no name"),
        "{message}"
    );
}

#[test]
fn imported_lists_screen_like_the_bundled_one() {
    let csl = ok(parse_csl("consolidated.json", &fixture("csl.json")));
    let screener = coopdesk_screen::Screener::new(csl.entries);
    let hits = screener.screen("Harbin Gongye Daxue");
    assert_eq!(hits.first().map(|h| h.entity.as_str()), Some("9f1c2e0a7b"));
    let ftm = ok(parse_ftm(
        "entities.ftm.json",
        &fixture("opensanctions.ftm.json"),
    ));
    let screener = coopdesk_screen::Screener::new(ftm.entries);
    let hits = screener.screen("Southwest Institute of Fluid Physics");
    let entities: Vec<&str> = hits.iter().map(|h| h.entity.as_str()).collect();
    assert_eq!(
        entities,
        ["NK-caep-ifp", "NK-caep"],
        "the institute, then its listed parent"
    );
    assert_eq!(hits[1].via_parent.as_deref(), Some("NK-caep-ifp"));
}

#[test]
fn csl_json_line_numbers_stay_right_in_a_long_file() {
    // Regression: line numbers were counted from the start of the file for every record, which made a
    // 20 000-record download take half a minute to read.
    let mut text = String::from("{\"results\": [\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "{{\"id\": \"e-{i}\", \"source\": \"Entity List (EL)\", \"type\": \"Entity\",\n \"name\": \"Company {i}\"}},\n"
        ));
    }
    text.push_str("{\"id\": \"e-bad\", \"source\": \"Entity List (EL)\", \"name\": \"\"}\n]}");
    let started = std::time::Instant::now();
    let message = error(parse_csl("long.json", text.as_bytes()));
    assert!(
        message.contains("long.json: line 40002: name: must not be empty"),
        "{message}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

/// The real, unedited CSL excerpt (see `tests/fixtures/us_csl_excerpt_2023-11.md`).
const EXCERPT: &str = "us_csl_excerpt_2023-11.csv";

/// 1-based physical line on which `needle` starts in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    1 + text[..at].matches('\n').count()
}

fn excerpt_text() -> String {
    String::from_utf8(fixture(EXCERPT)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_published_csl_excerpt_is_read_with_its_control_characters_repaired() {
    let text = excerpt_text();
    let snapshot = ok(parse_csl(EXCERPT, text.as_bytes()));
    // 294 rows: 27 persons, 267 organisations (entities and rows without a type), none dropped.
    assert_eq!((snapshot.entries.len(), snapshot.skipped), (267, 27));
    let repairs: Vec<(usize, &str, &str)> = snapshot
        .repairs
        .iter()
        .map(|r| (r.line, r.field.as_str(), r.what.as_str()))
        .collect();
    // The lines are physical lines: 151 and 153 come after fields spanning lines 128–129, 131–133 and
    // 140–141, so counting records instead of lines would give smaller numbers.
    assert_eq!(
        repairs,
        [
            (125, "name", "U+0092 → ’"),
            (151, "name", "U+0092 → ’"),
            (153, "name", "U+0092 → ’"),
        ]
    );
    assert_eq!(line_of(&text, "CAST Xi\u{92}an"), 125);
    let cast = snapshot
        .entries
        .iter()
        .find(|e| e.id == "b8f67f26ea5e4120a2792841d8c4c82a")
        .unwrap_or_else(|| panic!("CAST Xi'an is an entry"));
    assert_eq!(cast.name, "CAST Xi’an Spaceflight Engine Factory");
    assert_eq!(cast.list_codes(), "us_csl_meu");
    assert!(
        snapshot
            .entries
            .iter()
            .all(|e| !e.name.chars().any(char::is_control)
                && e.aliases.iter().all(|a| !a.chars().any(char::is_control))),
        "no control character is left in a name"
    );
    // A name ending in line breaks inside its quoted field is one line.
    assert!(
        snapshot
            .entries
            .iter()
            .any(|e| e.name == "Government Flying Service"),
    );
    // Screening finds the repaired name, typed with an ASCII apostrophe or without one.
    let screener = coopdesk_screen::Screener::new(snapshot.entries.clone());
    for query in [
        "CAST Xi'an Spaceflight Engine Factory",
        "CAST Xian Spaceflight Engine Factory",
        "CAST Xi’an Spaceflight Engine Factory",
    ] {
        let hits = screener.screen(query);
        assert_eq!(
            hits.first().map(|h| h.entity.as_str()),
            Some("b8f67f26ea5e4120a2792841d8c4c82a"),
            "{query}: {hits:?}"
        );
    }
}

#[test]
fn csl_rows_sharing_an_id_stay_distinct_entries_with_stable_ids() {
    let snapshot = ok(parse_csl(EXCERPT, &fixture(EXCERPT)));
    let ids: Vec<&str> = snapshot.entries.iter().map(|e| e.id.as_str()).collect();
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    // Gazprombank is on SSI and NS-MBS with the same _id: two entries, each named by its sub-list.
    for (id, name, list) in [
        (
            "17016/ns_mbs_list",
            "Gazprombank Joint Stock Company",
            "us_csl_ns_mbs_list",
        ),
        ("17016/ssi", "GAZPROMBANK JOINT STOCK COMPANY", "us_csl_ssi"),
    ] {
        let entry = snapshot
            .entries
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("{id} missing from {ids:?}"));
        assert_eq!(
            (entry.name.as_str(), entry.list_codes()),
            (name, list.to_owned())
        );
    }
    // An _id on one row only stays the id as it is, as earlier imports stored it.
    assert!(ids.contains(&"30882"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("30882/")));
    // Read twice, the same ids in the same order.
    let again = ok(parse_csl(EXCERPT, &fixture(EXCERPT)));
    assert_eq!(again, snapshot);

    // Without an _id column the entity number and the source make the id; a second row with the
    // same number on the same list gets a counter; an identical row is read once.
    let csv = "source,entity_number,type,name\n\
               Entity List (EL) - BIS,12,,Alpha Co\n\
               Entity List (EL) - BIS,12,,Alpha Co Address Row\n\
               Specially Designated Nationals (SDN) - Treasury,12,Entity,Alpha Co\n\
               Entity List (EL) - BIS,12,,Alpha Co\n";
    let snapshot = ok(parse_csl("n.csv", csv.as_bytes()));
    let ids: Vec<&str> = snapshot.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["12/el", "12/el/2", "12/sdn"]);
    assert_eq!(snapshot.repairs.len(), 1);
    assert_eq!(snapshot.repairs[0].line, 5);
    assert!(
        snapshot.repairs[0].what.contains("same row as line 2"),
        "{:?}",
        snapshot.repairs
    );
    // A row with neither _id nor entity number cannot be told apart from others: refused.
    let message = error(parse_csl(
        "n.csv",
        b"_id,source,entity_number,name\n,Entity List (EL),,Alpha Co\n",
    ));
    assert!(
        message.contains("n.csv: line 2: _id: must not be empty"),
        "{message}"
    );
}

#[test]
fn a_truncated_csl_file_is_refused_at_the_cut_row() {
    let text = excerpt_text();
    // Cut in the middle of the XAIC row (line 151, after three fields that span lines).
    let cut = text.find("XAIC Tech").unwrap_or(0) + 4;
    let message = error(parse_csl("cut.csv", &text.as_bytes()[..cut]));
    assert!(
        message
            .contains("cut.csv: line 151: has 6 fields, the header has 29 (the row is cut short"),
        "{message}"
    );
    // Cut inside a quoted field of the last column: every field is there, the quote is not closed.
    let last_row = text.trim_end().rfind("\r\n").unwrap_or(0) + 2;
    // The last row ends in an empty quoted field, `""`: cut after its opening quote.
    assert!(text.ends_with(",\"\"\r\n"));
    let cut = text.len() - 3;
    assert!(cut > last_row);
    let message = error(parse_csl("cut.csv", &text.as_bytes()[..cut]));
    let last_line = 1 + text[..last_row].matches('\n').count();
    assert!(
        message.contains(&format!(
            "cut.csv: line {last_line}: the file ends inside a quoted field"
        )),
        "{message}"
    );
    // A row with fields left out in the middle of a file, too.
    let message = error(parse_csl(
        "short.csv",
        b"_id,source,name,alt_names\n1,Entity List (EL),Alpha\n2,Entity List (EL),Beta,\n",
    ));
    assert!(
        message.contains("short.csv: line 2: has 3 fields, the header has 4"),
        "{message}"
    );
}

#[test]
fn a_csl_header_repeated_in_mid_file_is_refused_at_its_line() {
    let text = excerpt_text();
    let header_end = text.find("\r\n").unwrap_or(0) + 2;
    let header = &text[..header_end];
    // Two downloads joined: the second one's header at the start of line 200.
    let at = text.match_indices('\n').nth(198).map_or(0, |(i, _)| i + 1);
    let joined = format!("{}{header}{}", &text[..at], &text[at..]);
    assert_eq!(line_of(&joined[header_end..], "\"_id\"") + 1, 200);
    let message = error(parse_csl("joined.csv", joined.as_bytes()));
    assert!(
        message.contains("joined.csv: line 200: the header row appears again here"),
        "{message}"
    );
}

#[test]
fn csl_json_control_characters_are_repaired_too() {
    // Raw U+0092 and U+0096 in a JSON string, and an escaped U+0007.
    let text = "{\"results\": [\n\
                {\"id\": \"a1\", \"source\": \"Military End User (MEU) List\", \"name\": \"CAST Xi\u{92}an Spaceflight Engine Factory\",\n\
                 \"alt_names\": [\"Xi\u{92}an Engine Factory\"], \"remarks\": \"7103 Factory \u{96} Academy 6\\u0007\"},\n\
                {\"_id\": \"b2\", \"entity_number\": 17016, \"source\": \"Sectoral Sanctions Identifications List (SSI)\", \"name\": \"Gazprombank\"},\n\
                {\"_id\": \"c3\", \"entity_number\": \"17016\", \"source\": \"Non-SDN Menu-Based Sanctions List (NS-MBS List)\", \"name\": \"Gazprombank\"}\n\
                ]}";
    let snapshot = ok(parse_csl("csl.json", text.as_bytes()));
    let first = &snapshot.entries[0];
    assert_eq!(first.name, "CAST Xi’an Spaceflight Engine Factory");
    assert_eq!(first.aliases, ["Xi’an Engine Factory"]);
    assert_eq!(first.notes.as_deref(), Some("7103 Factory – Academy 6"));
    let repairs: Vec<(usize, &str, &str)> = snapshot
        .repairs
        .iter()
        .map(|r| (r.line, r.field.as_str(), r.what.as_str()))
        .collect();
    assert_eq!(
        repairs,
        [
            (2, "name", "U+0092 → ’"),
            (2, "alt_names", "U+0092 → ’"),
            (2, "remarks", "U+0096 → –"),
            (2, "remarks", "U+0007 → space"),
        ]
    );
    let ids: Vec<&str> = snapshot.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a1", "b2", "c3"], "distinct _ids stay as they are");
}
