//! Turning laid-out pages into PDF bytes that depend on the input only.
//!
//! printpdf names resources and the trailer `/ID` with a process-wide pseudo-random counter, and the
//! info dictionary carries dates. Here fonts get fixed resource names ([`Face::resource`]), dates come
//! from the input, the `/ID` is the content-derived document id, and no XMP packet (which would carry
//! a random instance id) is written. The document is serialised through lopdf, printpdf's own writer,
//! so that the trailer can be set before the bytes are written.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use chrono::{Datelike, NaiveDate};
use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Object, StringFormat};
use printpdf::{
    FontId, Mm, OffsetDateTime, Op, PdfDocument, PdfFont, PdfPage, PdfSaveOptions, PdfWarnMsg,
};

use crate::error::{BriefError, Result};
use crate::fonts::{Face, Faces};

/// The document information dictionary's entries.
pub struct Meta {
    /// Title.
    pub title: String,
    /// Author: the institution.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords (case id, template version, document id, language, revision).
    pub keywords: Vec<String>,
    /// The document id, also the trailer `/ID`.
    pub id: String,
    /// Language tag of the text (`en`, `de`), the catalog's `/Lang`.
    pub lang: String,
    /// The date the document is of; creation and modification date.
    pub date: NaiveDate,
}

/// Midnight UTC of `d`; `None` outside the range printpdf can write.
fn pdf_date(d: NaiveDate) -> Option<OffsetDateTime> {
    let days = i64::from(d.num_days_from_ce()) - 719_163; // 0001-01-01 to 1970-01-01
    OffsetDateTime::from_unix_timestamp(days * 86_400).ok()
}

/// Writes the pages with the subset fonts and the metadata.
pub fn write(
    faces: &Faces,
    pages: Vec<Vec<Op>>,
    used: &BTreeMap<Face, BTreeSet<char>>,
    meta: &Meta,
) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.identifier = meta.id.clone();
    info.creator = "Cooperation Desk".into();
    info.producer = concat!(
        "coopdesk-brief ",
        env!("CARGO_PKG_VERSION"),
        " (printpdf 0.12)"
    )
    .into();
    // Outside printpdf's range the dates stay at its fixed default (1970-01-01): still no clock.
    if let Some(date) = pdf_date(meta.date) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
    for face in Face::ALL {
        if let Some(chars) = used.get(&face).filter(|c| !c.is_empty()) {
            let font = faces.subset(face, chars)?;
            doc.resources
                .fonts
                .map
                .insert(FontId(face.resource().into()), PdfFont::new(font));
        }
    }
    doc.pages = pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    let opts = PdfSaveOptions {
        optimize: true,
        // Fonts are subset already (see `fonts`); printpdf's own subsetting needs `text_layout`.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings: Vec<PdfWarnMsg> = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    let id = Object::String(meta.id.as_bytes().to_vec(), StringFormat::Literal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let root = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| BriefError::Write(e.to_string()))?;
    if let Ok(Object::Dictionary(catalog)) = lo.get_object_mut(root) {
        catalog.set(
            "Lang",
            Object::String(meta.lang.as_bytes().to_vec(), StringFormat::Literal),
        );
        catalog.set(
            "ViewerPreferences",
            lopdf::Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
        );
    }
    // printpdf always writes `/GTS_PDFXVersion`, empty for a plain PDF; readers then report the file
    // as PDF/X, which it is not.
    if let Ok(info) = lo.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(Object::Dictionary(d)) = lo.get_object_mut(info)
    {
        d.remove(b"GTS_PDFXVersion");
    }
    compress(&mut lo);
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| BriefError::Write(e.to_string()))?;
    Ok(out)
}

/// Deflates every stream that allows it and has no filter yet, as lopdf's `compress` does, but at
/// flate2's fast level: lopdf always uses the best level, which made compression the largest part of
/// writing a briefing (about 40 %) for files a few kilobytes smaller. A stream stays as it is where
/// deflating would not make it smaller.
fn compress(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 2),
            Compression::fast(),
        );
        let deflated = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        // 19 bytes: what `/Filter /FlateDecode` adds to the dictionary.
        if let Ok(deflated) = deflated
            && deflated.len() + 19 < stream.content.len()
        {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(deflated);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_the_calendar_date() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let t = pdf_date(d).unwrap_or_else(|| panic!("in range"));
        assert_eq!((t.year(), t.day()), (2026, 25));
    }
}
