//! The embedded fonts: which face draws which character, how wide it is, and the per-document subset
//! that goes into the PDF.
//!
//! Three faces are compiled in from `assets/fonts/` (see its README): Noto Sans Regular and Bold for
//! Latin, Greek and Cyrillic, and a subset of Noto Sans CJK SC for Chinese. Measuring and drawing go
//! through the same [`Faces::runs`] split, so a line is exactly as wide on the page as the wrapper
//! thought: there is no shaping and no kerning on either side.
//!
//! printpdf only subsets fonts with its `text_layout` feature (which brings the azul layout engine),
//! so this module subsets them itself with allsorts, the library printpdf uses for it, and hands
//! printpdf a font that is already small. The subset tag (`ABCDEF+`) is derived from the glyphs used,
//! so the same text always gives the same font program and the same name.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font::read_cmap_subtable;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable};
use allsorts::tag;
use printpdf::ParsedFont;
use sha2::{Digest, Sha256};

use crate::error::BriefError;

const LATIN_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
const LATIN_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");
const CJK_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSansCJKsc-Regular-Subset.otf");

/// What a piece of text asks for; the face that draws each character follows from it (see
/// [`Faces::runs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Headings, labels.
    Bold,
}

/// One embedded face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Noto Sans Regular.
    Regular,
    /// Noto Sans Bold.
    Bold,
    /// Noto Sans CJK SC Regular (also used for bold Chinese text: a bold CJK face would double the
    /// size of the vendored fonts for a few headings).
    Cjk,
}

impl Face {
    /// All faces, in resource order.
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Cjk];

    /// The PDF resource name: fixed, so that it never depends on printpdf's random ids.
    pub fn resource(self) -> &'static str {
        match self {
            Face::Regular => "F1",
            Face::Bold => "F2",
            Face::Cjk => "F3",
        }
    }

    fn postscript_name(self) -> &'static str {
        match self {
            Face::Regular => "NotoSans-Regular",
            Face::Bold => "NotoSans-Bold",
            Face::Cjk => "NotoSansCJKsc-Regular",
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => LATIN_REGULAR,
            Face::Bold => LATIN_BOLD,
            Face::Cjk => CJK_REGULAR,
        }
    }
}

/// A parsed face: its character map and advance widths, as flat tables. Every character of every
/// line is looked up in them twice (measuring, then drawing), so they are arrays indexed by code point
/// and glyph id rather than maps.
struct Metrics {
    /// Glyph id by code point in the Basic Multilingual Plane; 0 where the face has none.
    bmp: Vec<u16>,
    /// Glyph ids of characters beyond it (a few CJK extension characters).
    astral: BTreeMap<u32, u16>,
    /// Advance width by glyph id, in font units.
    widths: Vec<u16>,
    units_per_em: f32,
}

impl Metrics {
    /// Reads the `cmap`, `hmtx` and the few numbers they need, with allsorts, straight from the
    /// compiled-in bytes.
    fn parse(face: Face) -> Result<Metrics, String> {
        let err = |table: &str, e: &dyn std::fmt::Display| {
            format!("{}: {table}: {e}", face.postscript_name())
        };
        let data = ReadScope::new(face.bytes())
            .read::<FontData<'_>>()
            .map_err(|e| err("font", &e))?;
        let provider = data.table_provider(0).map_err(|e| err("font", &e))?;
        let table = |tag: u32, name: &str| provider.read_table_data(tag).map_err(|e| err(name, &e));
        let head_data = table(tag::HEAD, "head")?;
        let head = ReadScope::new(&head_data)
            .read::<HeadTable>()
            .map_err(|e| err("head", &e))?;
        let maxp_data = table(tag::MAXP, "maxp")?;
        let maxp = ReadScope::new(&maxp_data)
            .read::<MaxpTable>()
            .map_err(|e| err("maxp", &e))?;
        let hhea_data = table(tag::HHEA, "hhea")?;
        let hhea = ReadScope::new(&hhea_data)
            .read::<HheaTable>()
            .map_err(|e| err("hhea", &e))?;
        let cmap_data = table(tag::CMAP, "cmap")?;
        let cmap = ReadScope::new(&cmap_data)
            .read::<Cmap<'_>>()
            .map_err(|e| err("cmap", &e))?;
        let (_, subtable) = read_cmap_subtable(&cmap)
            .map_err(|e| err("cmap", &e))?
            .ok_or_else(|| format!("{}: no Unicode cmap", face.postscript_name()))?;
        let mut bmp = vec![0_u16; 0x1_0000];
        let mut astral = BTreeMap::new();
        subtable
            .mappings_fn(|cp, gid| match bmp.get_mut(cp as usize) {
                Some(slot) => *slot = gid,
                None => {
                    astral.insert(cp, gid);
                }
            })
            .map_err(|e| err("cmap", &e))?;
        let hmtx_data = table(tag::HMTX, "hmtx")?;
        let hmtx = ReadScope::new(&hmtx_data)
            .read_dep::<HmtxTable<'_>>((
                usize::from(maxp.num_glyphs),
                usize::from(hhea.num_h_metrics),
            ))
            .map_err(|e| err("hmtx", &e))?;
        let widths = (0..maxp.num_glyphs)
            .map(|gid| hmtx.horizontal_advance(gid).unwrap_or(0))
            .collect();
        Ok(Metrics {
            bmp,
            astral,
            widths,
            units_per_em: f32::from(head.units_per_em.max(1)),
        })
    }

    fn glyph(&self, c: char) -> Option<u16> {
        let cp = u32::from(c);
        let gid = match self.bmp.get(cp as usize) {
            Some(gid) => *gid,
            None => self.astral.get(&cp).copied().unwrap_or(0),
        };
        Some(gid).filter(|g| *g != 0)
    }

    fn advance(&self, gid: u16) -> f32 {
        f32::from(self.widths.get(usize::from(gid)).copied().unwrap_or(0)) / self.units_per_em
    }
}

/// The three parsed faces, shared by all documents of the process (parsing the CJK face takes a few
/// milliseconds, and the fonts never change).
pub struct Faces {
    regular: Metrics,
    bold: Metrics,
    cjk: Metrics,
}

static FACES: OnceLock<Result<Faces, String>> = OnceLock::new();

/// Characters drawn when neither face has a glyph: shown rather than silently dropped.
const MISSING: char = '\u{FFFD}';

impl Faces {
    /// The embedded faces, parsed once.
    pub fn get() -> Result<&'static Faces, BriefError> {
        FACES
            .get_or_init(|| {
                Ok(Faces {
                    regular: Metrics::parse(Face::Regular)?,
                    bold: Metrics::parse(Face::Bold)?,
                    cjk: Metrics::parse(Face::Cjk)?,
                })
            })
            .as_ref()
            .map_err(|e| BriefError::Font(format!("an embedded font does not parse: {e}")))
    }

    fn metrics(&self, face: Face) -> &Metrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Cjk => &self.cjk,
        }
    }

    /// The face that draws `c` in `weight`, and the character actually drawn (`c`, or U+FFFD when no
    /// face has it). Han characters, kana and full-width forms come from the CJK face even where the
    /// Latin face has a glyph (it has none for Han, but e.g. full-width punctuation must match the
    /// characters around it).
    pub fn pick(&self, c: char, weight: Weight) -> (Face, char) {
        let latin = match weight {
            Weight::Regular => Face::Regular,
            Weight::Bold => Face::Bold,
        };
        if is_cjk(c) && self.cjk.glyph(c).is_some() {
            return (Face::Cjk, c);
        }
        if self.metrics(latin).glyph(c).is_some() {
            return (latin, c);
        }
        if self.cjk.glyph(c).is_some() {
            return (Face::Cjk, c);
        }
        (latin, MISSING)
    }

    /// Advance width of `c` in `face`, in em.
    pub fn advance(&self, face: Face, c: char) -> f32 {
        let m = self.metrics(face);
        m.glyph(c).map_or(0.0, |g| m.advance(g))
    }

    /// Splits `text` into runs of one face each, with the characters to draw.
    pub fn runs(&self, text: &str, weight: Weight) -> Vec<(Face, String)> {
        let mut out: Vec<(Face, String)> = Vec::new();
        for c in text.chars() {
            // Control characters (tabs, stray newlines) have no glyph; a space keeps words apart.
            let c = if c.is_control() { ' ' } else { c };
            let (face, drawn) = self.pick(c, weight);
            match out.last_mut() {
                Some((f, s)) if *f == face => s.push(drawn),
                _ => out.push((face, drawn.to_string())),
            }
        }
        out
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        let mut em = 0.0;
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            let (face, drawn) = self.pick(c, weight);
            em += self.advance(face, drawn);
        }
        em * size
    }

    /// Builds the embedded subset of `face` holding exactly the characters in `used`.
    pub fn subset(&self, face: Face, used: &BTreeSet<char>) -> Result<ParsedFont, BriefError> {
        let m = self.metrics(face);
        let gids: BTreeSet<u16> = used.iter().filter_map(|c| m.glyph(*c)).collect();
        // .notdef first: allsorts renumbers glyphs by position and readers expect glyph 0 to be it.
        let ids: Vec<u16> = std::iter::once(0).chain(gids.iter().copied()).collect();
        let font_err = |e: String| BriefError::Font(format!("{}: {e}", face.postscript_name()));
        let data = ReadScope::new(face.bytes())
            .read::<FontData<'_>>()
            .map_err(|e| font_err(e.to_string()))?;
        let provider = data
            .table_provider(0)
            .map_err(|e| font_err(e.to_string()))?;
        let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| font_err(e.to_string()))?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| font_err("the subset does not parse".into()))?;
        parsed.font_name = Some(format!(
            "{}+{}",
            subset_tag(face, &ids),
            face.postscript_name()
        ));
        Ok(parsed)
    }
}

/// Six capital letters naming a subset (ISO 32000-1, 9.6.4), derived from the glyphs it holds so that
/// equal subsets get equal names and different ones almost surely differ.
fn subset_tag(face: Face, ids: &[u16]) -> String {
    let mut h = Sha256::new();
    h.update(face.postscript_name().as_bytes());
    for id in ids {
        h.update(id.to_be_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// Whether `c` belongs to a CJK script or CJK punctuation, and so to the CJK face.
pub fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x30FF    // CJK punctuation, kana
        | 0x3200..=0x32FF    // enclosed
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x2FFFF) // supplementary ideographs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_comes_from_the_cjk_face_and_latin_from_noto_sans() {
        let f = Faces::get().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.pick('中', Weight::Bold).0, Face::Cjk);
        assert_eq!(f.pick('a', Weight::Bold).0, Face::Bold);
        assert_eq!(f.pick('ä', Weight::Regular).0, Face::Regular);
        assert_eq!(f.pick('，', Weight::Regular).0, Face::Cjk);
        // U+E000 is private use: no face has it, so it is drawn as the replacement character.
        assert_eq!(
            f.pick('\u{E000}', Weight::Regular),
            (Face::Regular, MISSING)
        );
        let runs = f.runs("USTC 中国科学技术大学 (Hefei)", Weight::Regular);
        assert_eq!(runs.len(), 3);
    }

    #[test]
    fn widths_are_real_advances() {
        let f = Faces::get().unwrap_or_else(|e| panic!("{e}"));
        let narrow = f.width("iiii", Weight::Regular, 10.0);
        let wide = f.width("WWWW", Weight::Regular, 10.0);
        assert!(wide > 2.0 * narrow, "{wide} vs {narrow}");
        // Han characters are one em wide.
        assert!((f.width("中国", Weight::Regular, 10.0) - 20.0).abs() < 0.01);
    }

    #[test]
    fn subsets_are_small_and_named_by_content() {
        let f = Faces::get().unwrap_or_else(|e| panic!("{e}"));
        let used: BTreeSet<char> = "中国科学技术大学".chars().collect();
        let a = f.subset(Face::Cjk, &used).unwrap_or_else(|e| panic!("{e}"));
        let b = f.subset(Face::Cjk, &used).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.font_name, b.font_name);
        assert!(
            a.original_bytes.len() < 20_000,
            "{}",
            a.original_bytes.len()
        );
        assert_eq!(a.lookup_glyph_index(u32::from('国')).map(|_| ()), Some(()));
    }
}
