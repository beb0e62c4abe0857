#!/usr/bin/env python3
"""Regenerates the fonts that Cooperation Desk embeds in its PDF briefings (assets/fonts/).

The briefing engine (crates/coopdesk-brief) compiles these files into the binary, so the app never
reads a system font and every machine produces the same PDF. The sources are Debian's packages of
the Noto fonts (SIL Open Font License 1.1, no reserved font names):

    apt-get install fonts-noto-core fonts-noto-cjk   # Noto Sans 2.004, Noto Sans CJK 2.004
    pip install fonttools                            # tested with fontTools 4.68

and then, from the repository root:

    python3 assets/fonts/build_fonts.py

What it does, and why:
- Noto Sans Regular and Bold are cut down to Latin (with the extensions European names and pinyin
  need), Greek, Cyrillic, punctuation, currency, arrows and a few symbols. Hinting and OpenType
  layout tables are dropped: the engine positions glyphs by their advance widths itself (no
  shaping), and PDF viewers rasterise unhinted outlines well.
- Noto Sans CJK SC (face 2 of NotoSansCJK-Regular.ttc; printpdf embeds single faces only) is cut
  down to the 6 763 hanzi of GB 2312, the 5 401 common characters of Big5 level 1 (traditional
  names, e.g. of Taiwanese and Hong Kong partners), CJK punctuation, full-width forms and
  the Kangxi radicals. The CFF outlines stay CFF (smaller than TrueType outlines).
- The licence files are written next to the fonts.
The output is deterministic for a given input and fontTools version (no timestamps: the `head`
table's modified date is pinned).
"""

import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

OUT = pathlib.Path(__file__).resolve().parent
NOTO = pathlib.Path("/usr/share/fonts/truetype/noto")
CJK_TTC = pathlib.Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FACE_NAME = "Noto Sans CJK SC"
OFL_SOURCE = pathlib.Path("/usr/share/doc/fonts-noto-cjk/copyright")

LATIN_RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1, Latin Extended-A and -B (pinyin tone marks: ǎ ǐ ǒ ǔ ǚ)
    (0x0250, 0x02FF),  # IPA, spacing modifiers
    (0x0300, 0x036F),  # combining marks (decomposed input)
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # General Punctuation: dashes, quotes, bullets, ellipsis
    (0x20A0, 0x20CF),  # currency (€)
    (0x2100, 0x214F),  # letterlike (№, ™)
    (0x2190, 0x21FF),  # arrows (→ in reasons)
    (0x2200, 0x22FF),  # mathematical operators (≥, ≤, ≠)
    (0x25A0, 0x25FF),  # geometric shapes (■ ● ○)
    (0x2610, 0x2613),  # ballot boxes (☐ ☑ ☒)
    (0xFFFD, 0xFFFD),  # replacement character
]

CJK_RANGES = [
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。「」《》〇
    (0x3040, 0x30FF),  # kana (Japanese names of partners' staff)
    (0x3200, 0x32FF),  # enclosed CJK letters
    (0xFF00, 0xFFEF),  # half- and full-width forms: （），：
]


def gb2312_chars():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def big5_level1_chars():
    """Big5 level 1: the 5 401 frequently used hanzi, 0xA440..0xC67E."""
    chars = set()
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            code = (hi << 8) | lo
            if code < 0xA440 or code > 0xC67E:
                continue
            try:
                chars.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return chars


def ranges(rs):
    return {cp for a, b in rs for cp in range(a, b + 1)}


def options():
    o = subset.Options()
    o.layout_features = []  # no shaping: the engine uses advance widths only
    o.hinting = False
    o.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence in the font
    o.name_languages = [0x409]
    o.notdef_outline = True
    o.recalc_timestamp = False
    o.prune_unicode_ranges = True
    return o


def cut(font, unicodes, dest):
    s = subset.Subsetter(options=options())
    s.populate(unicodes=sorted(unicodes))
    s.subset(font)
    font["head"].modified = font["head"].created  # no build time in the file
    font.save(dest, reorderTables=True)
    print(f"{dest.name}: {dest.stat().st_size:,} bytes, {len(font.getGlyphOrder())} glyphs")


def licence(font_file, copyright_line, rfn, dest):
    text = OFL_SOURCE.read_text(encoding="utf-8")
    start = text.index("License: SIL-1.1\n -----")
    body = []
    for line in text[start:].splitlines()[1:]:
        if line and not line.startswith(" "):
            break
        line = line[1:] if line.startswith(" ") else line
        body.append("" if line == "." else line)
    dest.write_text(
        f"{font_file}: {copyright_line}\n"
        "Subset for Cooperation Desk by assets/fonts/build_fonts.py (glyph set reduced,\n"
        "hinting and layout tables removed); the font keeps its upstream name.\n"
        f"{rfn}\n\n"
        + "\n".join(body).strip()
        + "\n",
        encoding="utf-8",
    )


def main():
    latin = ranges(LATIN_RANGES)
    for style in ("Regular", "Bold"):
        font = TTFont(NOTO / f"NotoSans-{style}.ttf", recalcTimestamp=False)
        cut(font, latin, OUT / f"NotoSans-{style}.ttf")
    licence("NotoSans-Regular.ttf, NotoSans-Bold.ttf",
            TTFont(OUT / "NotoSans-Regular.ttf")["name"].getDebugName(0),
            "Noto Sans has no Reserved Font Name.",
            OUT / "NotoSans-OFL.txt")

    coll = TTCollection(CJK_TTC, lazy=False)
    faces = [f for f in coll.fonts if f["name"].getDebugName(4) == CJK_FACE_NAME]
    if len(faces) != 1:
        sys.exit(f"{CJK_TTC}: no single face named {CJK_FACE_NAME!r}")
    font = faces[0]
    font.recalcTimestamp = False
    hanzi = {ord(c) for c in gb2312_chars() | big5_level1_chars()}
    cut(font, hanzi | ranges(CJK_RANGES), OUT / "NotoSansCJKsc-Regular-Subset.otf")
    licence("NotoSansCJKsc-Regular-Subset.otf",
            TTFont(OUT / "NotoSansCJKsc-Regular-Subset.otf")["name"].getDebugName(0),
            "Upstream reserves the font name \"Source\" (Source Han Sans); this subset is named\n"
            "Noto Sans CJK SC and does not use it.",
            OUT / "NotoSansCJK-OFL.txt")


if __name__ == "__main__":
    main()
