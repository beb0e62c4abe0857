//! The register fixture: a realistic office register as a table, and writers for it as .xlsx
//! (with a title row, merged header cells and serial dates), .ods and .csv. The committed files in
//! `tests/fixtures/` are written by `cargo test -p coopdesk-register --test fixtures -- --ignored`;
//! `fixtures_are_current` checks that they still match this table.
#![allow(dead_code)]

use std::path::PathBuf;

/// A date cell: how the office typed it.
#[derive(Clone, Copy)]
pub enum When {
    /// A date cell (a serial number with a date format).
    Serial(f64),
    /// A serial number without a date format (a column someone reformatted as "General").
    Number(f64),
    /// Text as typed.
    Text(&'static str),
}

/// One register row.
pub struct Row {
    pub nr: u32,
    pub title: &'static str,
    pub partners: &'static str,
    pub country: &'static str,
    pub facility: &'static str,
    pub start: When,
    pub end: When,
    pub status: &'static str,
    pub contact: &'static str,
    pub funding: &'static str,
    pub activity: &'static str,
}

/// The sheet's name.
pub const SHEET: &str = "Kooperationen 2025";
/// The title row's text (merged over the table's width).
pub const TITLE: &str = "Kooperationsregister Internationales Büro – Stand März 2025";
/// The spreadsheet row of the bad row (an unreadable start date) and its column.
pub const BAD_ROW: u32 = 9;
/// The unreadable start date of the bad row, and the date of the fixed file.
pub const BAD_START: &str = "Frühjahr 2025";
pub const FIXED_START: &str = "01.04.2025";

/// The rows, from spreadsheet row 5 on (rows 3 and 4 are the two header rows).
pub fn rows(fixed: bool) -> Vec<Row> {
    vec![
        Row {
            nr: 1,
            title: "Nanostrukturen unter Druck – Strahlzeit an HEPS",
            partners: "Institute of High Energy Physics (IHEP) (CN); Tsinghua University 清华大学 (China)",
            country: "",
            facility: "HEPS",
            start: When::Serial(45717.0), // 2025-03-01
            end: When::Serial(46081.0),   // 2026-02-28
            status: "genehmigt",
            contact: "Dr. Anna Weber",
            funding: "DFG",
            activity: "Strahlzeit; Datenaustausch",
        },
        Row {
            nr: 2,
            title: "Ultrakurzpuls-Laserkooperation",
            partners: "上海光学精密机械研究所 (VR China)",
            country: "",
            facility: "Shanghai Superintense Ultrafast Laser Facility",
            start: When::Text("01.03.2025"),
            end: When::Text("28.02.26"),
            status: "in Vorbereitung",
            contact: "Prof. Jonas Keller",
            funding: "Helmholtz-Gemeinschaft",
            activity: "Gastaufenthalt",
        },
        Row {
            nr: 3,
            title: "Neutronenstreuung an Proteinen",
            partners: "Peking University / 哈尔滨工业大学",
            country: "CN",
            facility: "CSNS",
            start: When::Text("03/2025"),
            end: When::Text("2026"),
            status: "in Prüfung",
            contact: "Dr. Lena Hoffmann; Max Braun",
            funding: "BMBF; DAAD",
            activity: "Gemeinsames Experiment",
        },
        Row {
            nr: 4,
            title: "Hochfeld-Messkampagne Katalysatoren",
            partners: "Haldor Topsøe A/S (DK)\nUniversity of Tokyo (Japan)",
            country: "",
            facility: "Dresden High Magnetic Field Laboratory (HLD)",
            start: When::Number(45778.0), // 2025-05-01
            end: When::Number(45900.0),   // 2025-08-31
            status: "geplant",
            contact: "Dr. Anna Weber",
            funding: "EU Horizon Europe",
            activity: "Messzeit",
        },
        Row {
            nr: 5,
            title: "Datenplattform Röntgenbildgebung",
            partners: "Zhejiang University (CN)",
            country: "",
            facility: "PETRA III",
            start: When::Text(if fixed { FIXED_START } else { BAD_START }),
            end: When::Text("31.12.2026"),
            status: "geplant",
            contact: "Max Braun",
            funding: "Helmholtz-Gemeinschaft",
            activity: "Datenaustausch / Software",
        },
        Row {
            nr: 6,
            title: "Sommerschule Synchrotronstrahlung",
            partners: "Korea University (Südkorea)",
            country: "",
            facility: "PETRA III",
            start: When::Text("2025-07-01"),
            end: When::Text("2025-07-14"),
            status: "abgeschlossen",
            contact: "Prof. Jonas Keller",
            funding: "DAAD",
            activity: "Workshop",
        },
    ]
}

/// Where the committed fixtures are.
pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The register as .xlsx: a notes sheet first, then the register with a merged title row, a blank
/// row, a two-row header with merged groups ("Partner" over institution and country, "Laufzeit"
/// over start and end, the other headers merged down both rows), then the rows.
pub fn xlsx(rows: &[Row]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let wrap = Format::new().set_text_wrap();
    {
        let notes = wb.add_worksheet();
        notes.set_name("Hinweise").unwrap_or_else(fail);
        notes
            .write_string(0, 0, "Bitte jede Kooperation in einer Zeile erfassen.")
            .unwrap_or_else(fail);
    }
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).unwrap_or_else(fail);
    ws.merge_range(0, 0, 0, 10, TITLE, &bold)
        .unwrap_or_else(fail);
    for (col, header) in [
        (0u16, "Lfd. Nr."),
        (1, "Vorhaben"),
        (4, "Großgerät"),
        (7, "Status"),
        (8, "Ansprechperson"),
        (9, "Förderung"),
        (10, "Art der Aktivität"),
    ] {
        ws.merge_range(2, col, 3, col, header, &bold)
            .unwrap_or_else(fail);
    }
    ws.merge_range(2, 2, 2, 3, "Partner", &bold)
        .unwrap_or_else(fail);
    ws.merge_range(2, 5, 2, 6, "Laufzeit", &bold)
        .unwrap_or_else(fail);
    for (col, header) in [
        (2u16, "Institution(en)"),
        (3, "Land"),
        (5, "Beginn"),
        (6, "Ende"),
    ] {
        ws.write_string_with_format(3, col, header, &bold)
            .unwrap_or_else(fail);
    }
    for (i, r) in rows.iter().enumerate() {
        let row = 4 + i as u32;
        ws.write_number(row, 0, r.nr).unwrap_or_else(fail);
        for (col, text) in [
            (1u16, r.title),
            (3, r.country),
            (4, r.facility),
            (7, r.status),
            (8, r.contact),
            (9, r.funding),
            (10, r.activity),
        ] {
            if !text.is_empty() {
                ws.write_string(row, col, text).unwrap_or_else(fail);
            }
        }
        ws.write_string_with_format(row, 2, r.partners, &wrap)
            .unwrap_or_else(fail);
        for (col, when) in [(5u16, r.start), (6, r.end)] {
            match when {
                When::Serial(n) => ws.write_number_with_format(row, col, n, &date),
                When::Number(n) => ws.write_number(row, col, n),
                When::Text(t) => ws.write_string(row, col, t),
            }
            .unwrap_or_else(fail);
        }
    }
    // A footer under the table, as registers have: skipped with a warning.
    ws.write_string(4 + rows.len() as u32 + 1, 0, FOOTER)
        .unwrap_or_else(fail);
    wb.save_to_buffer().unwrap_or_else(fail)
}

/// The footer line under the .xlsx table.
pub const FOOTER: &str = "Stand: 03/2025, Internationales Büro";

/// Fails a fixture writer.
fn fail<T>(e: impl std::fmt::Display) -> T {
    panic!("writing the fixture: {e}")
}

/// An ISO date for a serial number (the 1900 system).
fn iso_of_serial(n: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (base + chrono::Days::new(n as u64)).to_string()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The register as .ods: the same layout (merges written as spanned cells), dates as date cells.
pub fn ods(rows: &[Row]) -> Vec<u8> {
    use std::io::Write;
    let text_cell = |t: &str| {
        if t.is_empty() {
            "<table:table-cell/>".to_owned()
        } else {
            let paras: String = t
                .split('\n')
                .map(|l| format!("<text:p>{}</text:p>", xml_escape(l)))
                .collect();
            format!("<table:table-cell office:value-type=\"string\">{paras}</table:table-cell>")
        }
    };
    let mut body = String::new();
    body.push_str(&format!(
        "<table:table-row><table:table-cell office:value-type=\"string\" table:number-columns-spanned=\"11\"><text:p>{}</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated=\"10\"/></table:table-row>",
        xml_escape(TITLE)
    ));
    body.push_str("<table:table-row><table:table-cell/></table:table-row>");
    let h1 = [
        "Lfd. Nr.",
        "Vorhaben",
        "Partner",
        "",
        "Großgerät",
        "Laufzeit",
        "",
        "Status",
        "Ansprechperson",
        "Förderung",
        "Art der Aktivität",
    ];
    let h2 = [
        "",
        "",
        "Institution(en)",
        "Land",
        "",
        "Beginn",
        "Ende",
        "",
        "",
        "",
        "",
    ];
    for h in [h1, h2] {
        body.push_str("<table:table-row>");
        for t in h {
            body.push_str(&text_cell(t));
        }
        body.push_str("</table:table-row>");
    }
    for r in rows {
        body.push_str("<table:table-row>");
        body.push_str(&format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{0}\"><text:p>{0}</text:p></table:table-cell>",
            r.nr
        ));
        for t in [r.title, r.partners, r.country, r.facility] {
            body.push_str(&text_cell(t));
        }
        for when in [r.start, r.end] {
            body.push_str(&match when {
                When::Serial(n) => format!(
                    "<table:table-cell office:value-type=\"date\" office:date-value=\"{0}\"><text:p>{0}</text:p></table:table-cell>",
                    iso_of_serial(n)
                ),
                When::Number(n) => format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
                ),
                When::Text(t) => text_cell(t),
            });
        }
        for t in [r.status, r.contact, r.funding, r.activity] {
            body.push_str(&text_cell(t));
        }
        body.push_str("</table:table-row>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
<office:body><office:spreadsheet>\
<table:table table:name=\"{}\">{body}</table:table>\
</office:spreadsheet></office:body></office:document-content>",
        xml_escape(SHEET)
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (name, data) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap_or_else(fail);
        zip.write_all(data.as_bytes()).unwrap_or_else(fail);
    }
    zip.finish().unwrap_or_else(fail).into_inner()
}

/// The register as a CSV export from German Excel: `;` separated, one header row, dates as text.
pub fn csv(rows: &[Row]) -> Vec<u8> {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from(
        "Lfd. Nr.;Vorhaben;Partnerinstitution;Land;Großgerät;Beginn;Ende;Status;Ansprechperson;Förderung;Art der Aktivität\n",
    );
    for r in rows {
        let when = |w: When| match w {
            When::Serial(n) | When::Number(n) => format!("{n}"),
            When::Text(t) => t.to_owned(),
        };
        let cells = [
            r.nr.to_string(),
            q(r.title),
            q(r.partners),
            q(r.country),
            q(r.facility),
            when(r.start),
            when(r.end),
            q(r.status),
            q(r.contact),
            q(r.funding),
            q(r.activity),
        ];
        out.push_str(&cells.join(";"));
        out.push('\n');
    }
    out.into_bytes()
}
