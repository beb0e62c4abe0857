//! Benchmark: importing the EU, UK and UN lists at full size.
//!
//! `cargo bench -p coopdesk-app --bench list_formats` writes a synthetic file of 20 000 organisations
//! (plus persons, which are skipped) in each published layout — EU Financial Sanctions Files XML, the
//! UK Sanctions List CSV (one row per name), the OFSI consolidated list CSV, the UN Consolidated List
//! XML, and a US CSL JSON of the same organisations for comparison — and prints, for each: the file
//! size, the parser alone, the whole `lists import` (read, parse, build the screener, store the
//! snapshot, re-assess the ten demo cases) into a fresh database holding the demo cases, and the same
//! file again (recognised by its SHA-256).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use coopdesk_app::Desk;
use coopdesk_app::api::ListFormat;
use coopdesk_app::demo::demo_documents;

const ORGS: usize = 20_000;

const CITIES: [(&str, &str); 8] = [
    ("Lanzhou", "兰州"),
    ("Kunming", "昆明"),
    ("Guiyang", "贵阳"),
    ("Nanchang", "南昌"),
    ("Taiyuan", "太原"),
    ("Mianyang", "绵阳"),
    ("Luoyang", "洛阳"),
    ("Novosibirsk", ""),
];
const FIELDS: [(&str, &str); 8] = [
    ("Optoelectronics", "光电"),
    ("Precision Machinery", "精密机械"),
    ("Marine Acoustics", "海洋声学"),
    ("Polymer Materials", "高分子材料"),
    ("Microwave Devices", "微波器件"),
    ("Remote Sensing", "遥感"),
    ("Laser Optics", "激光光学"),
    ("Cryogenics", "低温"),
];

/// The `i`th organisation: English name, Chinese name (for most), another alias.
fn org(i: usize) -> (String, String, String) {
    let (city, city_zh) = CITIES[i % CITIES.len()];
    let (field, field_zh) = FIELDS[(i / CITIES.len()) % FIELDS.len()];
    let name = format!("{city} {field} Trading Company No. {i}");
    let zh = if city_zh.is_empty() {
        String::new()
    } else {
        format!("{city_zh}{field_zh}贸易公司第{i}号")
    };
    (name, zh, format!("{field} Supply {i}"))
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

fn eu_fsf() -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\" generationDate=\"2026-03-02T18:41:07.213+01:00\" globalFileId=\"1\">\n",
    );
    let summary = "<regulationSummary regulationType=\"regulation\" publicationDate=\"2024-06-24\" numberTitle=\"2024/1745 (OJ L, 2024/1745)\" publicationUrl=\"http://eur-lex.europa.eu/x\"/>";
    for i in 0..ORGS + ORGS / 10 {
        let person = i % 11 == 10;
        let (name, zh, alias) = org(i);
        let _ = write!(
            out,
            "  <sanctionEntity designationDetails=\"\" unitedNationId=\"\" euReferenceNumber=\"EU.{i}.1\" logicalId=\"{}\">\n    <regulation regulationType=\"regulation\" organisationType=\"council\" publicationDate=\"2024-06-24\" entryIntoForceDate=\"2024-06-25\" numberTitle=\"2024/1745 (OJ L, 2024/1745)\" programme=\"RUS\" logicalId=\"{}\">\n      <publicationUrl>http://eur-lex.europa.eu/x</publicationUrl>\n    </regulation>\n    <subjectType code=\"{}\" classificationCode=\"E\"/>\n",
            1000 + i,
            500_000 + i,
            if person { "person" } else { "enterprise" }
        );
        for (whole, lang) in [
            (name.as_str(), "EN"),
            (zh.as_str(), "ZH"),
            (alias.as_str(), ""),
        ] {
            if !whole.is_empty() {
                let _ = write!(
                    out,
                    "    <nameAlias firstName=\"\" middleName=\"\" lastName=\"\" wholeName=\"{}\" function=\"\" title=\"\" nameLanguage=\"{lang}\" strong=\"true\" regulationLanguage=\"en\" logicalId=\"{}\">\n      {summary}\n    </nameAlias>\n",
                    xml_escape(whole),
                    900_000 + i
                );
            }
        }
        let _ = write!(
            out,
            "    <address city=\"\" street=\"Industrial Park {i}\" poBox=\"\" zipCode=\"\" region=\"\" place=\"\" asAtListingTime=\"false\" countryIso2Code=\"CN\" countryDescription=\"CHINA\" regulationLanguage=\"en\" logicalId=\"{}\">\n      {summary}\n    </address>\n  </sanctionEntity>\n",
            2_000_000 + i
        );
    }
    out.push_str("</export>\n");
    out
}

fn un() -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<CONSOLIDATED_LIST dateGenerated=\"2026-03-02T00:00:04.117Z\">\n  <INDIVIDUALS>\n",
    );
    for i in 0..ORGS / 10 {
        let _ = write!(
            out,
            "    <INDIVIDUAL>\n      <DATAID>{}</DATAID>\n      <FIRST_NAME>PERSON</FIRST_NAME>\n      <SECOND_NAME>NUMBER {i}</SECOND_NAME>\n      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>\n      <REFERENCE_NUMBER>KPi.{i:05}</REFERENCE_NUMBER>\n    </INDIVIDUAL>\n",
            100_000 + i
        );
    }
    out.push_str("  </INDIVIDUALS>\n  <ENTITIES>\n");
    for i in 0..ORGS {
        let (name, zh, alias) = org(i);
        let original = if zh.is_empty() {
            String::new()
        } else {
            format!("      <NAME_ORIGINAL_SCRIPT>{zh}</NAME_ORIGINAL_SCRIPT>\n")
        };
        let _ = write!(
            out,
            "    <ENTITY>\n      <DATAID>{}</DATAID>\n      <VERSIONNUM>1</VERSIONNUM>\n      <FIRST_NAME>{}</FIRST_NAME>\n      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>\n      <REFERENCE_NUMBER>KPe.{i:05}</REFERENCE_NUMBER>\n      <LISTED_ON>2017-08-05</LISTED_ON>\n{original}      <COMMENTS1>Synthetic entity for the benchmark.</COMMENTS1>\n      <ENTITY_ALIAS>\n        <QUALITY>a.k.a.</QUALITY>\n        <ALIAS_NAME>{}</ALIAS_NAME>\n      </ENTITY_ALIAS>\n      <ENTITY_ADDRESS>\n        <CITY>Dandong</CITY>\n        <COUNTRY>China</COUNTRY>\n      </ENTITY_ADDRESS>\n    </ENTITY>\n",
            200_000 + i,
            xml_escape(&name.to_uppercase()),
            xml_escape(&alias)
        );
    }
    out.push_str("  </ENTITIES>\n</CONSOLIDATED_LIST>\n");
    out
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The UK Sanctions List: one row per name, 58 columns.
fn uk_sanctions_list() -> String {
    const HEADER: &str = "Last Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Name type,Alias strength,Title,Name non-latin script,Non-latin script type,Non-latin script language,Regime Name,Designation Type,Designation source,Sanctions Imposed,Other Information,UK Statement of Reasons,Address Line 1,Address Line 2,Address Line 3,Address Line 4,Address Line 5,Address Line 6,Address Postal Code,Address Country,Phone number,Website,Email address,Date Designated,D.O.B,Nationality(/ies),National Identifier number,National Identifier additional information,Passport number,Passport additional information,Position,Gender,Town of birth,Country of birth,Type of entity,Subsidiaries,Parent company,Business registration number (s),IMO number,Current owner/operator (s),Previous owner/operator (s),Current believed flag of ship,Previous flags,Type of ship,Tonnage of ship,Length of ship,Year Built,Hull identification number (HIN)";
    let mut out = format!("Report Date: 02-Mar-2026\r\n{HEADER}\r\n");
    let row =
        |out: &mut String, id: &str, kind: &str, name: &str, kind_of_name: &str, script: &str| {
            let mut cells = vec![String::new(); 58];
            cells[0] = "02/03/2026".into();
            cells[1] = id.into();
            cells[4] = csv_cell(name);
            cells[10] = kind_of_name.into();
            cells[13] = csv_cell(script);
            cells[16] = "The Russia (Sanctions) (EU Exit) Regulations 2019".into();
            cells[17] = kind.into();
            cells[20] = "\"Synthetic designation, for the benchmark.\"".into();
            cells[29] = "China".into();
            cells[33] = "10/01/2024".into();
            let _ = write!(out, "{}\r\n", cells.join(","));
        };
    for i in 0..ORGS {
        let (name, zh, alias) = org(i);
        let id = format!("RUS{i:05}");
        row(
            &mut out,
            &id,
            "Entity",
            &name.to_uppercase(),
            "Primary Name",
            &zh,
        );
        row(&mut out, &id, "Entity", &alias, "Alias", "");
        if i % 10 == 0 {
            row(
                &mut out,
                &format!("RUP{i:05}"),
                "Individual",
                &format!("PERSON {i}"),
                "Primary Name",
                "",
            );
        }
    }
    out
}

/// The OFSI consolidated list: one row per name, 36 columns.
fn ofsi() -> String {
    const HEADER: &str = "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,Passport Details,National Identification Number,National Identification Details,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID";
    let mut out = format!("Last Updated,02/03/2026\r\n{HEADER}\r\n");
    let row = |out: &mut String,
               group: usize,
               kind: &str,
               name: &str,
               alias_type: &str,
               script: &str| {
        let mut cells = vec![String::new(); 36];
        cells[0] = csv_cell(name);
        cells[7] = csv_cell(script);
        cells[26] = "China".into();
        cells[27] = format!(
            "\"(UK Sanctions List Ref):RUS{group:05} (UK Statement of Reasons):Synthetic, for the benchmark.\""
        );
        cells[28] = kind.into();
        cells[29] = alias_type.into();
        cells[31] = "Russia".into();
        cells[32] = "10/01/2024".into();
        cells[34] = "02/03/2026".into();
        cells[35] = group.to_string();
        let _ = write!(out, "{}\r\n", cells.join(","));
    };
    for i in 0..ORGS {
        let (name, zh, alias) = org(i);
        row(
            &mut out,
            10_000 + i,
            "Entity",
            &name.to_uppercase(),
            "Primary name",
            &zh,
        );
        row(&mut out, 10_000 + i, "Entity", &alias, "AKA", "");
        if i % 10 == 0 {
            row(
                &mut out,
                50_000 + i,
                "Individual",
                &format!("PERSON {i}"),
                "Primary name",
                "",
            );
        }
    }
    out
}

/// A US CSL JSON download of the same organisations, for comparison with a format imported before.
fn csl() -> String {
    let mut out = String::from("{\"results\": [\n");
    for i in 0..ORGS {
        let (name, _, alias) = org(i);
        let _ = writeln!(
            out,
            "{{\"id\": \"syn-{i}\", \"source\": \"Entity List (EL) - Bureau of Industry and Security\", \"type\": \"Entity\", \"name\": \"{name}\", \"alt_names\": [\"{alias}\"], \"addresses\": [{{\"country\": \"CN\"}}], \"start_date\": \"2024-01-10\"}},"
        );
        if i % 10 == 0 {
            let _ = writeln!(
                out,
                "{{\"id\": \"person-{i}\", \"source\": \"Entity List (EL) - Bureau of Industry and Security\", \"type\": \"Individual\", \"name\": \"Person {i}\"}},"
            );
        }
    }
    out.push_str("{\"id\": \"syn-last\", \"source\": \"Entity List (EL) - Bureau of Industry and Security\", \"type\": \"Entity\", \"name\": \"Harbin Institute of Technology\"}\n]}\n");
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let files: [(&str, ListFormat, Option<&str>, String); 5] = [
        ("csl.json (comparison)", ListFormat::Csl, None, csl()),
        ("eu_fsf.xml", ListFormat::EuFsf, None, eu_fsf()),
        (
            "UK-Sanctions-List.csv",
            ListFormat::Uk,
            None,
            uk_sanctions_list(),
        ),
        ("ConList.csv", ListFormat::Uk, Some("uk_ofsi"), ofsi()),
        ("consolidated.xml", ListFormat::Un, None, un()),
    ];
    for (i, (name, format, list, text)) in files.into_iter().enumerate() {
        // Each file into its own database holding the demo cases, so no import pays for the lists
        // imported before it (an import re-screens every case against every list).
        let desk = Desk::open(&dir.path().join(format!("bench-{i}.sqlite")))
            .unwrap_or_else(|e| panic!("{e:?}"));
        desk.import_documents(&demo_documents().unwrap_or_else(|e| panic!("{e:?}")))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        let started = Instant::now();
        let parsed =
            coopdesk_screen::parse(format, name, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let parse = started.elapsed();
        let started = Instant::now();
        let o = desk
            .import_list(&path, format, list)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let import = started.elapsed();
        assert!(o.snapshot.entry_count >= ORGS as i64);
        let started = Instant::now();
        let again = desk
            .import_list(&path, format, list)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(again.already_imported);
        println!(
            "{name:<22} {:<6} {:>5.1} MB  {} entries, {} skipped  parse {:>7.1} ms  lists import {:>8.1} ms  again {:>6.1} ms",
            format.as_str(),
            text.len() as f64 / 1e6,
            parsed.entries.len(),
            parsed.skipped,
            ms(parse),
            ms(import),
            ms(started.elapsed())
        );
    }
}
