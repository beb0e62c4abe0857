//! The fixture exports (one per format, written as Web of Science, Scopus, Zotero and OpenAlex write
//! them) read through the crate's entry point, and broken files refused with line or path and field.

use std::path::Path;

use coopdesk_pubs::{Format, ReadError, Work, institution_names, read};

fn fixture(name: &str) -> (Format, Vec<Work>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read(name, &bytes, None).unwrap_or_else(|e| panic!("{e}"))
}

fn author<'a>(w: &'a Work, family: &str) -> &'a coopdesk_pubs::Author {
    w.authors
        .iter()
        .find(|a| a.name.contains(family))
        .unwrap_or_else(|| panic!("{family} in {:?}", w.authors))
}

#[test]
fn web_of_science_ris_gives_each_author_the_bracketed_address() {
    let (format, works) = fixture("wos.ris");
    assert_eq!(format, Format::Ris);
    assert_eq!(works.len(), 3);
    let w = &works[0];
    assert_eq!(w.id, "WOS:000771234500001");
    assert_eq!(w.year, Some(2022));
    assert_eq!(
        author(w, "Li").affiliations,
        vec!["Harbin Inst Technol, Sch Phys, Harbin 150001, Peoples R China"],
        "AU \"Li, M\" is the bracket's \"Li, Ming\""
    );
    assert_eq!(
        w.authors.len(),
        3,
        "no author is added for a bracket name already listed"
    );
    assert!(
        works[2].all_affiliations().is_empty(),
        "the editorial has none and is still read"
    );
}

#[test]
fn scopus_and_web_of_science_bibtex() {
    let (format, works) = fixture("scopus.bib");
    assert_eq!(format, Format::Bibtex);
    assert_eq!(works.len(), 2);
    assert_eq!(works[0].doi.as_deref(), Some("10.1364/OE.478123"));
    assert_eq!(
        works[0].affiliations.first().map(String::as_str),
        Some(
            "College of Advanced Interdisciplinary Studies, National University of Defense Technology, Changsha, 410073, China"
        ),
        "Scopus does not say whose affiliation it is"
    );
    assert_eq!(
        works[1].title.as_deref(),
        Some("Timing jitter of a THz streak camera")
    );

    let (_, works) = fixture("wos.bib");
    let w = &works[0];
    assert_eq!(w.id, "WOS:000812345600007");
    assert_eq!(
        author(w, "Zhou").affiliations,
        vec!["Beihang Univ, Sch Phys, Beijing 100191, Peoples R China"]
    );
    assert_eq!(
        w.affiliations.len(),
        1,
        "the other addresses stay the work's: {:?}",
        w.affiliations
    );
}

#[test]
fn zotero_csl_json_and_an_openalex_page() {
    let (format, works) = fixture("zotero.json");
    assert_eq!(format, Format::CslJson);
    assert_eq!(works[0].year, Some(2024));
    assert_eq!(works[1].year, Some(2023), "a year written as a string");
    assert!(author(&works[1], "Schneider").affiliations.is_empty());

    let (format, works) = fixture("openalex.json");
    assert_eq!(format, Format::OpenAlex);
    assert_eq!(works.len(), 2);
    let zhang = author(&works[0], "Zhang");
    assert_eq!(
        zhang.affiliations[0],
        "National University of Defense Technology"
    );
    assert_eq!(zhang.countries, vec!["CN"]);
    assert_eq!(works[1].doi, None);
}

#[test]
fn every_fixture_affiliation_yields_an_institution_name() {
    for name in [
        "wos.ris",
        "scopus.bib",
        "wos.bib",
        "zotero.json",
        "openalex.json",
    ] {
        for w in fixture(name).1 {
            for a in w.all_affiliations() {
                assert!(!institution_names(a).is_empty(), "{name}: {a}");
            }
        }
    }
}

fn refusal(name: &str, text: &str) -> String {
    match read(name, text.as_bytes(), None) {
        Err(e @ ReadError::Invalid { .. }) => e.to_string(),
        other => panic!("{name} should be refused as invalid: {other:?}"),
    }
}

#[test]
fn broken_exports_are_refused_whole_with_line_or_path_and_field() {
    // A RIS download cut off in its second record.
    let cut = "TY  - JOUR\nAU  - Zhang, W\nER  - \n\nTY  - JOUR\nAU  - Li, M\nC1  - [Li, Ming] Harbin Inst";
    let e = refusal("cut.ris", cut);
    assert!(
        e.contains("cut.ris: line 5: ER: the record starting here is not closed"),
        "{e}"
    );

    // A BibTeX entry with an unbalanced brace in the title swallows the rest of the file.
    let bib = "@article{a,\n author = {Zhang, Wei},\n title = {Ultrafast {THz generation},\n year = {2021}\n}\n";
    let e = refusal("a.bib", bib);
    assert!(
        e.contains("a.bib: line 3: title: the entry is not closed by the end of the file: this value may hold an unbalanced {"),
        "{e}"
    );
    // … and one brace too few ends the file inside a value.
    let bib = "@article{a,\n author = {Zhang, Wei},\n title = {Ultrafast {THz generation},\n year = {2021}\n";
    let e = refusal("b.bib", bib);
    assert!(
        e.contains("b.bib: line 3: title: the value opened here is not closed"),
        "{e}"
    );

    // CSL-JSON with an author written as a plain string.
    let e = refusal(
        "c.json",
        r#"[{"id": "x", "type": "article", "author": ["Zhang Wei"]}]"#,
    );
    assert!(
        e.contains("c.json: [0].author[0]: expected a name object, found a string"),
        "{e}"
    );

    // An OpenAlex page whose year is text.
    let e = refusal(
        "o.json",
        r#"{"meta": {}, "results": [{"id": "https://openalex.org/W1", "publication_year": "recent", "authorships": []}]}"#,
    );
    assert!(
        e.contains("o.json: results[0].publication_year: expected a year"),
        "{e}"
    );

    // Not a publication list at all.
    assert!(matches!(
        read("notes.txt", b"Meeting notes\n", None),
        Err(ReadError::UnknownFormat { .. })
    ));
    assert!(matches!(
        read("latin1.ris", b"TY  - JOUR\nAU  - M\xfcller\nER  - \n", None),
        Err(ReadError::NotUtf8 { line: 2, .. })
    ));
}
