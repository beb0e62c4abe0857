//! The EU, UK and UN list formats: the synthetic fixtures in `tests/fixtures/synthetic/` (built from
//! the published layouts, see the README there) read with their counts, provenance and names; broken
//! copies refused at their line and field; every list's entries found by their aliases.

mod support;

use coopdesk_screen::{
    ImportError, ListEntry, ListSnapshot, Screener, parse_eu_fsf, parse_uk, parse_un,
};

const EU: &str = "eu_fsf_synthetic.xml";
const UN: &str = "un_consolidated_synthetic.xml";
const UK: &str = "uk_sanctions_list_synthetic.csv";
const OFSI: &str = "uk_ofsi_conlist_synthetic.csv";

fn text(name: &str) -> String {
    let path = support::crate_dir()
        .join("tests/fixtures/synthetic")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
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

/// 1-based line on which `needle` starts in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    1 + text[..at].matches('\n').count()
}

/// The text up to the middle of the line holding `needle` (a download cut off there).
fn cut_at(text: &str, needle: &str) -> String {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    text[..at + needle.len() / 2].to_owned()
}

fn by_id<'a>(snapshot: &'a ListSnapshot, id: &str) -> &'a ListEntry {
    snapshot
        .entries
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

fn codes(entry: &ListEntry) -> Vec<&str> {
    entry.lists.iter().map(|l| l.code.as_str()).collect()
}

#[test]
fn eu_fsf_keeps_enterprises_with_names_in_every_language_and_skips_persons() {
    let s = ok(parse_eu_fsf(EU, text(EU).as_bytes()));
    assert_eq!(s.entries.len(), 28, "every subjectType enterprise");
    assert_eq!(s.skipped, 9, "every subjectType person");
    assert_eq!(s.published.as_deref(), Some("2026-03-02"), "generationDate");
    assert!(s.repairs.is_empty());

    let lanjing = by_id(&s, "127");
    assert_eq!(lanjing.name, "Harbin Lanjing Photonics Trading Co., Ltd.");
    assert_eq!(
        lanjing.name_zh.as_deref(),
        Some("哈尔滨蓝鲸光子贸易有限公司")
    );
    assert_eq!(lanjing.aliases, ["Lanjing Photonics"]);
    assert_eq!(
        lanjing.country.as_deref(),
        Some("CN"),
        "the address with code 00 (unknown) is passed over"
    );
    assert_eq!(codes(lanjing), ["eu_fsf_rus"]);
    assert_eq!(
        lanjing.lists[0].reference.as_deref(),
        Some("EU.8000.10; 2024/1745 (OJ L, 2024/1745)")
    );
    assert_eq!(
        lanjing.listed_on.as_deref(),
        Some("2024-06-25"),
        "designationDate"
    );
    assert_eq!(
        lanjing.notes.as_deref(),
        Some("Involved in the supply of dual-use goods; see the statement of reasons.")
    );
    assert!(
        lanjing
            .source
            .as_deref()
            .is_some_and(|u| u.contains("eur-lex"))
    );

    // Names in Russian, French and German are aliases; the English one is the name. A regulation
    // of another programme is a second list; an amending one of the same programme is not.
    let zvezda = by_id(&s, "189");
    assert_eq!(
        zvezda.name,
        "Joint Stock Company Severnaya Zvezda Radioelectronics"
    );
    for alias in [
        "Акционерное общество «Северная звезда радиоэлектроника»",
        "Société anonyme Étoile du Nord Radioélectronique",
        "Aktiengesellschaft Nordstern Radioelektronik",
        "JSC Severnaya Zvezda",
    ] {
        assert!(zvezda.aliases.iter().any(|a| a == alias), "{alias}");
    }
    assert_eq!(codes(zvezda), ["eu_fsf_rus", "eu_fsf_blr"]);
    assert_eq!(codes(by_id(&s, "134")), ["eu_fsf_rus", "eu_fsf_prk"]);
    assert_eq!(
        by_id(&s, "134").lists[0].reference.as_deref(),
        Some("EU.8013.11; 2024/1745 (OJ L, 2024/1745)"),
        "the same regulation twice is cited once"
    );
    // Traditional characters are kept as written (the matcher folds them).
    assert_eq!(
        by_id(&s, "141").name_zh.as_deref(),
        Some("天瑞電子元件（香港）有限公司")
    );
    // Odd white space in the file: doubled and leading spaces, a no-break space, a line break.
    assert_eq!(
        by_id(&s, "151").name,
        "Xi'an Qinling Aerospace Composite Materials Institute"
    );
    assert_eq!(
        by_id(&s, "199").name,
        "Limited Liability Company Uralmash-Tekhnika"
    );
    assert_eq!(
        by_id(&s, "206").name,
        "Kama Research Institute of Precision Engineering"
    );
}

#[test]
fn un_list_keeps_entities_with_original_script_and_aliases_and_skips_individuals() {
    let s = ok(parse_un(UN, text(UN).as_bytes()));
    assert_eq!(s.entries.len(), 26);
    assert_eq!(s.skipped, 10, "every INDIVIDUAL");
    assert_eq!(s.published.as_deref(), Some("2026-03-02"), "dateGenerated");

    let haixing = by_id(&s, "KPe.001");
    assert_eq!(haixing.name, "DALIAN HAIXING SHIPPING AGENCY CO., LTD.");
    assert_eq!(haixing.name_zh.as_deref(), Some("大连海星船务代理有限公司"));
    assert_eq!(haixing.aliases, ["Haixing Shipping"]);
    assert_eq!(codes(haixing), ["un_dprk"]);
    assert_eq!(haixing.lists[0].reference.as_deref(), Some("KPe.001"));
    assert_eq!(haixing.country.as_deref(), Some("CN"));
    assert_eq!(haixing.listed_on.as_deref(), Some("2012-01-01"));

    // Korean original script and `;`-separated aliases with doubled spaces.
    let chongbong = by_id(&s, "KPe.002");
    for alias in [
        "조선청봉기계무역회사",
        "Chongbong Trading",
        "Chongbong Corp.",
        "Chongbong General Trading",
    ] {
        assert!(
            chongbong.aliases.iter().any(|a| a == alias),
            "{alias}: {:?}",
            chongbong.aliases
        );
    }
    assert_eq!(chongbong.country.as_deref(), Some("KP"));
    // A name written as two names joined by `;`: kept as written, each part an alias.
    let glmc = by_id(&s, "CDe.002");
    assert_eq!(
        glmc.aliases,
        [
            "GREAT LAKES MINERAL COMPANY (GLMC)",
            "COMPAGNIE MINIERE DES GRANDS LACS (CMGL)"
        ]
    );
    assert_eq!(by_id(&s, "KPe.007").name, "KOREA DAESONG TRADING COMPANY");
    assert_eq!(codes(by_id(&s, "QDe.001")), ["un_al_qaida"]);
    assert_eq!(by_id(&s, "SOe.001").country, None, "an empty COUNTRY");
    assert_eq!(
        by_id(&s, "IRe.001").country.as_deref(),
        Some("IR"),
        "\"Iran (Islamic Republic of)\""
    );
    assert_eq!(
        by_id(&s, "CDe.001").name,
        "KIVU MINERALS EXCHANGE & TRANSPORT SPRL",
        "&amp; read"
    );
    assert!(
        by_id(&s, "KPe.002")
            .notes
            .as_deref()
            .is_some_and(|n| n.contains("tests. Provides")),
        "COMMENTS1 on one line"
    );
}

#[test]
fn uk_sanctions_list_groups_rows_by_unique_id() {
    let s = ok(parse_uk(UK, text(UK).as_bytes()));
    assert_eq!(s.entries.len(), 26, "designation type Entity");
    assert_eq!(s.skipped, 12, "10 individuals and 2 ships");
    assert_eq!(s.published.as_deref(), Some("2026-03-02"), "Report Date");
    let lanjing = by_id(&s, "RUS1100");
    assert_eq!(lanjing.name, "HARBIN LANJING PHOTONICS TRADING CO., LTD.");
    assert_eq!(
        lanjing.name_zh.as_deref(),
        Some("哈尔滨蓝鲸光子贸易有限公司")
    );
    assert_eq!(lanjing.aliases, ["Lanjing Photonics"]);
    assert_eq!(codes(lanjing), ["uk_russia"]);
    assert_eq!(lanjing.lists[0].reference.as_deref(), Some("RUS1100"));
    assert_eq!(lanjing.listed_on.as_deref(), Some("2024-01-10"));
    assert_eq!(lanjing.country.as_deref(), Some("CN"));
    // The primary name variation and the Cyrillic name are aliases.
    let zvezda = by_id(&s, "RUS1108");
    assert_eq!(
        zvezda.name,
        "JOINT STOCK COMPANY SEVERNAYA ZVEZDA RADIOELECTRONICS"
    );
    assert!(
        zvezda
            .aliases
            .iter()
            .any(|a| a == "SEVERNAYA ZVEZDA RADIOELEKTRONIKA")
    );
    assert!(
        zvezda
            .aliases
            .iter()
            .any(|a| a == "Акционерное общество «Северная звезда радиоэлектроника»")
    );
    assert_eq!(
        by_id(&s, "RUS1102").name,
        "TIANRUI ELECTRONIC COMPONENTS (HONG KONG) LIMITED",
        "padded, doubled spaces in Name 6"
    );
    assert_eq!(codes(by_id(&s, "BEL1113")), ["uk_belarus"]);
    assert_eq!(
        codes(by_id(&s, "DPR1116")),
        ["uk_democratic_people_s_republic_of_korea"]
    );
}

#[test]
fn ofsi_consolidated_list_reads_to_the_same_entries_under_its_group_ids() {
    let fcdo = ok(parse_uk(UK, text(UK).as_bytes()));
    let s = ok(parse_uk(OFSI, text(OFSI).as_bytes()));
    assert_eq!(s.entries.len(), 26, "Group Type Entity");
    assert_eq!(s.skipped, 12);
    assert_eq!(
        s.published.as_deref(),
        Some("2026-03-02"),
        "Last Updated line"
    );
    let lanjing = by_id(&s, "16000");
    assert_eq!(
        lanjing.lists[0].reference.as_deref(),
        Some("RUS1100"),
        "the UK Sanctions List reference in Other Information"
    );
    assert_eq!(
        by_id(&s, "16024").country.as_deref(),
        Some("AM"),
        "(1) Armenia (2) Russia"
    );
    // Both UK files say the same about every organisation: names, lists, references, dates.
    for (a, b) in s.entries.iter().zip(&fcdo.entries) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.name_zh, b.name_zh, "{}", a.name);
        let mut aliases_a = a.aliases.clone();
        let mut aliases_b = b.aliases.clone();
        aliases_a.sort();
        aliases_b.sort();
        assert_eq!(aliases_a, aliases_b, "{}", a.name);
        assert_eq!(a.lists, b.lists, "{}", a.name);
        assert_eq!(a.listed_on, b.listed_on, "{}", a.name);
        assert_eq!(a.country, b.country, "{}", a.name);
    }
    // Without the line before the header: read the same, with no publication date.
    let text = text(OFSI);
    let headerless = &text[text.find('\n').map_or(0, |i| i + 1)..];
    let s2 = ok(parse_uk(OFSI, headerless.as_bytes()));
    assert_eq!(s2.entries, s.entries);
    assert_eq!(s2.published, None);
}

/// Names to screen, each with the entry it must find first.
type Queries = &'static [(&'static str, &'static str)];

#[test]
fn every_list_screens_its_entities_by_their_aliases() {
    let cases: [(&str, Vec<ListEntry>, Queries); 4] = [
        (
            EU,
            ok(parse_eu_fsf(EU, text(EU).as_bytes())).entries,
            &[
                ("哈尔滨蓝鲸光子贸易有限公司", "127"),
                ("Societe Anonyme Etoile du Nord Radioelectronique", "189"),
                (
                    "камский научно-исследовательский институт точного машиностроения",
                    "206",
                ),
                ("Sepahan Explorers Industry", "247"),
            ],
        ),
        (
            UN,
            ok(parse_un(UN, text(UN).as_bytes())).entries,
            &[
                ("Daesong Trading", "KPe.007"),
                ("丹东金鑫矿产贸易有限公司", "KPe.009"),
                ("Chongbong General Trading", "KPe.002"),
            ],
        ),
        (
            UK,
            ok(parse_uk(UK, text(UK).as_bytes())).entries,
            &[
                ("Huaxin Micro", "RUS1101"),
                ("天瑞电子元件（香港）有限公司", "RUS1102"),
                ("Severnaya Zvezda Radioelektronika", "RUS1108"),
            ],
        ),
        (
            OFSI,
            ok(parse_uk(OFSI, text(OFSI).as_bytes())).entries,
            &[("Zhongke Ruixin", "16005"), ("OMA Neman", "16013")],
        ),
    ];
    for (file, entries, queries) in cases {
        let screener = Screener::new(entries);
        for (query, id) in queries {
            let hits = screener.screen(query);
            assert_eq!(
                hits.first().map(|h| h.entity.as_str()),
                Some(*id),
                "{file}: {query} → {hits:?}"
            );
        }
        assert!(
            screener
                .screen("Max Planck Institute for Plasma Physics")
                .is_empty(),
            "{file}: no hit for an unlisted organisation"
        );
    }
}

#[test]
fn a_cut_xml_file_is_refused_at_the_record_it_ends_in() {
    let eu = text(EU);
    // Cut between two elements of a record (after its English name).
    let cut = &eu[..eu
        .find("    <nameAlias firstName=\"\" middleName=\"\" lastName=\"\" wholeName=\"Камский")
        .unwrap_or(0)];
    let line = line_of(&eu, "euReferenceNumber=\"EU.8130.20\"");
    let message = error(parse_eu_fsf("cut.xml", cut.as_bytes()));
    assert_eq!(
        message,
        format!(
            "cut.xml: line {line}: sanctionEntity: the file ends before this <sanctionEntity> is closed (a truncated file?)"
        )
    );
    let un = text(UN);
    let cut = cut_at(&un, "HUNCHUN HAITONG");
    let line = line_of(&un, "<DATAID>6920014</DATAID>") - 1;
    let message = error(parse_un("cut.xml", cut.as_bytes()));
    assert_eq!(
        message,
        format!(
            "cut.xml: line {line}: ENTITY: the file ends before this <ENTITY> is closed (a truncated file?)"
        )
    );
    // Cut between records: the list element is open.
    let cut = &un[..un.find("  <ENTITIES>").unwrap_or(0) + 14];
    let message = error(parse_un("cut.xml", cut.as_bytes()));
    assert!(
        message.contains("ENTITIES: the file ends before this <ENTITIES> is closed"),
        "{message}"
    );
    // Cut inside a tag: at the tag's line, naming the record it is in.
    let cut = cut_at(&un, "<REFERENCE_NUMBER>QDe.002");
    let cut = &cut[..cut.len() - 8];
    let line = line_of(&un, "<REFERENCE_NUMBER>QDe.002");
    let record = line - 5;
    assert_eq!(
        error(parse_un("cut.xml", cut.as_bytes())),
        format!(
            "cut.xml: line {line}: ENTITY: the file ends inside a tag of the <ENTITY> opened on line {record} (a truncated file?)"
        )
    );
    let cut = cut_at(&eu, "wholeName=\"Kama Research");
    let line = line_of(&eu, "wholeName=\"Kama Research");
    let record = line_of(&eu, "euReferenceNumber=\"EU.8130.20\"");
    assert_eq!(
        error(parse_eu_fsf("cut.xml", cut.as_bytes())),
        format!(
            "cut.xml: line {line}: sanctionEntity: the file ends inside a tag of the <sanctionEntity> opened on line {record} (a truncated file?)"
        )
    );
}

#[test]
fn malformed_xml_values_are_refused_at_their_element_and_field() {
    let eu = text(EU);
    // A subject type the schema does not have.
    let at = eu.find("logicalId=\"213\"").unwrap_or(0);
    let broken = format!(
        "{}{}",
        &eu[..at],
        eu[at..].replacen(
            "subjectType code=\"enterprise\"",
            "subjectType code=\"organisation\"",
            1
        )
    );
    let line = line_of(&broken, "code=\"organisation\"");
    assert_eq!(
        error(parse_eu_fsf("eu.xml", broken.as_bytes())),
        format!(
            "eu.xml: line {line}: sanctionEntity/subjectType@code: expected enterprise or person, found \"organisation\""
        )
    );
    // A record without its id, and a name with a control character (as a character reference).
    let broken = eu
        .replacen("logicalId=\"127\"", "logicalId=\"\"", 1)
        .replacen(
            "wholeName=\"Lanjing Photonics\"",
            "wholeName=\"Lanjing&#7;Photonics\"",
            1,
        );
    let message = error(parse_eu_fsf("eu.xml", broken.as_bytes()));
    let line = line_of(&broken, "logicalId=\"\"");
    assert!(
        message.contains(&format!(
            "eu.xml: line {line}: sanctionEntity@logicalId: must not be empty"
        )),
        "{message}"
    );
    let line = line_of(&broken, "Lanjing&#7;Photonics");
    assert!(
        message.contains(&format!(
            "eu.xml: line {line}: sanctionEntity/nameAlias@wholeName: contains control characters"
        )),
        "{message}"
    );
    // An unreadable publication date in the root element.
    let broken = eu.replacen(
        "generationDate=\"2026-03-02",
        "generationDate=\"02.03.2026",
        1,
    );
    assert!(
        error(parse_eu_fsf("eu.xml", broken.as_bytes()))
            .starts_with("eu.xml: line 2: export@generationDate: expected a date"),
    );
    // Not well-formed: a closing tag missing.
    let at = eu.find("Chengdu Jinjiang").unwrap_or(0);
    let broken = format!(
        "{}{}",
        &eu[..at],
        eu[at..].replacen("    </nameAlias>\n", "", 1)
    );
    let message = error(parse_eu_fsf("eu.xml", broken.as_bytes()));
    let line =
        line_of(&broken[at..], "</sanctionEntity>") + line_of(&broken, "Chengdu Jinjiang") - 1;
    assert!(
        message.starts_with(&format!("eu.xml: line {line}: not well-formed XML:")),
        "{message} (expected line {line})"
    );
    // Another list's file.
    assert_eq!(
        error(parse_eu_fsf("un.xml", text(UN).as_bytes())),
        "un.xml: line 2: not an EU Financial Sanctions File: the root element is <CONSOLIDATED_LIST>, expected <export>"
    );
    assert!(error(parse_un("eu.xml", eu.as_bytes())).contains("expected <CONSOLIDATED_LIST>"));
    assert!(error(parse_un("empty.xml", b"")).contains("line 1: no XML element found"));

    let un = text(UN);
    // An entity without a name; an entity reference XML does not define; a reference number twice.
    let broken = un
        .replacen(
            "<FIRST_NAME>GREEN PINE ASSOCIATED ENTERPRISES</FIRST_NAME>",
            "<FIRST_NAME> </FIRST_NAME>",
            1,
        )
        .replacen("SHAHID BAKERI", "SHAHID&nbsp;BAKERI", 1)
        .replacen(
            "<REFERENCE_NUMBER>TAe.001<",
            "<REFERENCE_NUMBER>YEe.001<",
            1,
        );
    let message = error(parse_un("un.xml", broken.as_bytes()));
    let line = line_of(&broken, "<FIRST_NAME> </FIRST_NAME>");
    assert!(
        message.contains(&format!(
            "un.xml: line {line}: ENTITY/FIRST_NAME: must not be empty"
        )),
        "{message}"
    );
    let line = line_of(&broken, "SHAHID&nbsp;");
    assert!(
        message.contains(&format!(
            "un.xml: line {line}: FIRST_NAME: unknown entity reference &nbsp;"
        )),
        "{message}"
    );
    let first = line_of(&broken, "<REFERENCE_NUMBER>YEe.001<") - 5;
    let second = line_of(&broken, "<FIRST_NAME>KANDAHAR") - 3;
    assert!(
        message.contains(&format!(
            "un.xml: line {second}: ENTITY/REFERENCE_NUMBER: duplicate id \"YEe.001\", first used on line {first}"
        )),
        "{message}"
    );
}

#[test]
fn a_cut_or_broken_uk_file_is_refused_at_its_line_and_column() {
    let uk = text(UK);
    // Cut in the middle of a row.
    let cut = cut_at(&uk, "KAMA RESEARCH INSTITUTE");
    let line = line_of(&uk, "KAMA RESEARCH INSTITUTE");
    assert_eq!(
        error(parse_uk("cut.csv", cut.as_bytes())),
        format!(
            "cut.csv: line {line}: has 5 fields, the header has 58 (the row is cut short: a truncated file?)"
        )
    );
    // Cut inside the quoted statement of reasons, which spans two lines.
    // (The quoted field runs to the end of the file, so the row has fewer fields; the row is named
    // by the line it starts on.)
    let cut = cut_at(&uk, "by carrying on business");
    let line = line_of(&uk, "by carrying on business") - 1;
    assert_eq!(
        error(parse_uk("cut.csv", cut.as_bytes())),
        format!(
            "cut.csv: line {line}: has 22 fields, the header has 58 (the row is cut short: a truncated file?)"
        )
    );
    // Cut inside a quoted field of the last column: every field is there, the quote is not closed.
    let ofsi = text(OFSI);
    let row_end = ofsi.find(",16000\r\n").unwrap_or(0);
    let cut = format!("{},\"160", &ofsi[..row_end]);
    assert_eq!(
        error(parse_uk("cut.csv", cut.as_bytes())),
        "cut.csv: line 3: the file ends inside a quoted field (a truncated file?)"
    );
    // Two downloads joined: the header again in mid-file.
    let lines: Vec<&str> = uk.split_inclusive('\n').collect();
    let mut joined: String = lines[..40].concat();
    joined.push_str(lines[1]);
    joined.push_str(&lines[40..].concat());
    let message = error(parse_uk("joined.csv", joined.as_bytes()));
    assert!(
        message.contains("joined.csv: line 41: the header row (line 2) appears again here"),
        "{message}"
    );

    // A group type the list does not have; one group given two types; an unreadable date line.
    let at = ofsi.find("NOVOSIBIRSK").unwrap_or(0);
    let broken = format!(
        "{}{}",
        &ofsi[..at],
        ofsi[at..].replacen(",Entity,", ",Company,", 1)
    );
    let line = line_of(&broken, "NOVOSIBIRSK");
    assert!(
        error(parse_uk("ofsi.csv", broken.as_bytes())).contains(&format!(
            "ofsi.csv: line {line}: Group Type: expected Individual, Entity or Ship, found \"Company\""
        )),
    );
    let at = ofsi.find("Uralmash Tekhnika").unwrap_or(0);
    let broken = format!(
        "{}{}",
        &ofsi[..at],
        ofsi[at..].replacen(",Entity,", ",Individual,", 1)
    );
    let first = line_of(&broken, "LIMITED LIABILITY COMPANY URALMASH");
    let line = line_of(&broken, "Uralmash Tekhnika");
    assert_eq!(
        error(parse_uk("ofsi.csv", broken.as_bytes())),
        format!(
            "ofsi.csv: line {line}: Group Type: Group ID 16009 is Entity on line {first} but Individual here"
        )
    );
    let broken = ofsi.replacen("Last Updated,02/03/2026", "Last Updated,31/02/2026", 1);
    assert!(
        error(parse_uk("ofsi.csv", broken.as_bytes()))
            .starts_with("ofsi.csv: line 1: Last Updated: expected a date such as 03/06/2026"),
    );
    // A required column renamed, and a file that is no UK list at all.
    let broken = ofsi.replacen(",Group Type,", ",Type,", 1);
    assert_eq!(
        error(parse_uk("ofsi.csv", broken.as_bytes())),
        "ofsi.csv: line 2: Group Type: required column is missing"
    );
    assert!(
        error(parse_uk("x.csv", b"id,name\n1,Alpha\n"))
            .contains("x.csv: line 1: header: expected the header row"),
    );
    assert!(error(parse_uk("x.csv", b"")).contains("x.csv: line 1: the file is empty"));
}
