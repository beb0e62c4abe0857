//! A small layout layer over printpdf: rich text wrapped with the fonts' real advance widths, pages
//! filled top to bottom, blocks kept together, tables whose header repeats on every page they
//! continue on, and a footer once the page count is known.
//!
//! Coordinates here run top-down from the page's top edge in points (the way a page is read); they
//! are turned into PDF's bottom-up coordinates only when an operation is emitted. Everything drawn
//! stays inside the margins: lines are wrapped to the column, words longer than a line are broken
//! between characters, and a block taller than a page is split between its lines.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, FontId, Line as PdfLine, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon,
    PolygonRing, Pt, Rect, TextItem, WindingOrder,
};

use crate::fonts::{Face, Faces, Weight, is_cjk};

/// A colour, 0..1 per channel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    fn pdf(self) -> Color {
        Color::Rgb(printpdf::Rgb::new(self.0, self.1, self.2, None))
    }
}

/// Body text colour (not pure black: easier on the eye, still prints dark).
pub const INK: Rgb = Rgb(0.1, 0.1, 0.12);
/// Secondary text: labels, footers.
pub const MUTED: Rgb = Rgb(0.38, 0.38, 0.42);
/// Rules and table lines.
pub const RULE: Rgb = Rgb(0.75, 0.75, 0.78);
/// Table header background.
pub const SHADE: Rgb = Rgb(0.92, 0.93, 0.95);

/// How a piece of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Regular or bold.
    pub weight: Weight,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Rgb,
}

impl Style {
    /// Regular text in `size`.
    pub const fn regular(size: f32) -> Style {
        Style {
            weight: Weight::Regular,
            size,
            color: INK,
        }
    }

    /// Bold text in `size`.
    pub const fn bold(size: f32) -> Style {
        Style {
            weight: Weight::Bold,
            size,
            color: INK,
        }
    }

    /// The same style in another colour.
    pub const fn color(self, color: Rgb) -> Style {
        Style { color, ..self }
    }
}

/// A piece of rich text.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text; `\n` forces a line break.
    pub text: String,
    /// Its style.
    pub style: Style,
}

/// A span of `text` in `style`.
pub fn span(text: impl Into<String>, style: Style) -> Span {
    Span {
        text: text.into(),
        style,
    }
}

/// Line height as a multiple of the font size.
const LEADING: f32 = 1.24;
/// Baseline below the line's top, as a multiple of the font size.
const ASCENT: f32 = 0.98;

/// A piece of one style placed on a line.
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    x: f32,
    text: String,
    style: Style,
}

/// One wrapped line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pieces: Vec<Placed>,
    /// Width of the drawn text.
    pub width: f32,
    /// Distance to the next line's top.
    pub height: f32,
}

impl Line {
    fn size(&self) -> f32 {
        self.pieces.iter().map(|p| p.style.size).fold(0.0, f32::max)
    }
}

/// Something between two break opportunities: drawn whole on one line unless it is wider than the line.
struct Word {
    /// Parts in different styles, glued together.
    parts: Vec<(String, Style, f32)>,
    /// Whitespace before it (dropped at the start of a line).
    glue: Option<Style>,
    /// A forced line break before it.
    newline: bool,
}

impl Word {
    fn width(&self) -> f32 {
        self.parts.iter().map(|p| p.2).sum()
    }
}

/// Whether a line may break after `c` without whitespace: after CJK characters (Chinese has no
/// spaces) and after hyphens and slashes (long compounds, URLs, file paths).
fn breaks_after(c: char) -> bool {
    is_cjk(c) || matches!(c, '-' | '/' | '\u{2010}' | '\u{2013}' | '_')
}

fn words(faces: &Faces, spans: &[Span]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    // Whether the next character starts a new word, and with which glue / forced break.
    let mut pending_glue: Option<Style> = None;
    let mut pending_newline = false;
    let mut open = false;
    for s in spans {
        for c in s.text.chars() {
            if c == '\n' {
                pending_newline = true;
                pending_glue = None;
                open = false;
                continue;
            }
            if c.is_whitespace() || c.is_control() {
                if !pending_newline {
                    pending_glue = Some(s.style);
                }
                open = false;
                continue;
            }
            let w = faces.width(c.encode_utf8(&mut [0; 4]), s.style.weight, s.style.size);
            // A CJK character is a break opportunity on both sides.
            if is_cjk(c) {
                open = false;
            }
            if !open {
                out.push(Word {
                    parts: Vec::new(),
                    glue: pending_glue.take(),
                    newline: std::mem::take(&mut pending_newline),
                });
                open = true;
            }
            if let Some(word) = out.last_mut() {
                match word.parts.last_mut() {
                    Some((text, style, width)) if *style == s.style => {
                        text.push(c);
                        *width += w;
                    }
                    _ => word.parts.push((c.to_string(), s.style, w)),
                }
            }
            if breaks_after(c) {
                open = false;
            }
        }
    }
    out
}

/// Wraps rich text to `width` points. Words wider than a line are broken between characters.
pub fn wrap(faces: &Faces, spans: &[Span], width: f32) -> Vec<Line> {
    let width = width.max(1.0);
    let mut lines: Vec<Line> = Vec::new();
    let mut cur = Line::default();
    let min_size = spans.iter().map(|s| s.style.size).fold(0.0, f32::max);
    let finish = |cur: &mut Line, lines: &mut Vec<Line>| {
        let size = if cur.pieces.is_empty() {
            min_size
        } else {
            cur.size()
        };
        cur.height = size * LEADING;
        lines.push(std::mem::take(cur));
    };
    for word in words(faces, spans) {
        if word.newline {
            finish(&mut cur, &mut lines);
        }
        let glue = word
            .glue
            .filter(|_| !cur.pieces.is_empty())
            .map(|g| (g, faces.width(" ", g.weight, g.size)));
        let w = word.width();
        if !cur.pieces.is_empty() && cur.width + glue.map_or(0.0, |g| g.1) + w > width {
            finish(&mut cur, &mut lines);
            push_word(
                faces, &mut cur, &mut lines, word.parts, None, width, &finish,
            );
        } else {
            push_word(
                faces, &mut cur, &mut lines, word.parts, glue, width, &finish,
            );
        }
    }
    if !cur.pieces.is_empty() || lines.is_empty() {
        finish(&mut cur, &mut lines);
    }
    lines
}

/// Appends a word's parts to the line, breaking between characters where the word is too wide.
fn push_word(
    faces: &Faces,
    cur: &mut Line,
    lines: &mut Vec<Line>,
    parts: Vec<(String, Style, f32)>,
    glue: Option<(Style, f32)>,
    width: f32,
    finish: &dyn Fn(&mut Line, &mut Vec<Line>),
) {
    let total: f32 = parts.iter().map(|p| p.2).sum();
    let mut glue = glue;
    for (text, style, w) in parts {
        let g = glue.map_or(0.0, |g| g.1);
        if cur.width + g + w <= width || total <= width {
            append(cur, &text, style, w, glue.take());
            continue;
        }
        for c in text.chars() {
            let cw = faces.width(c.encode_utf8(&mut [0; 4]), style.weight, style.size);
            if !cur.pieces.is_empty() && cur.width + cw > width {
                finish(cur, lines);
                glue = None;
            }
            append(cur, c.encode_utf8(&mut [0; 4]), style, cw, glue.take());
        }
    }
}

/// Appends text to the line; glue (a space of the given style and width) goes before it. Text in the
/// same style as the previous piece extends it, with the space as a character, so that a line of one
/// style is one text run and extracts with its spaces.
fn append(cur: &mut Line, text: &str, style: Style, w: f32, glue: Option<(Style, f32)>) {
    let g = glue.map_or(0.0, |g| g.1);
    let x = cur.width + g;
    match cur.pieces.last_mut() {
        Some(p) if p.style == style && glue.is_none_or(|(gs, _)| gs == style) => {
            if glue.is_some() {
                p.text.push(' ');
            }
            p.text.push_str(text);
        }
        _ => cur.pieces.push(Placed {
            x,
            text: text.to_owned(),
            style,
        }),
    }
    cur.width = x + w;
}

/// `text` cut to one line of `width` points, ending in an ellipsis when it was cut.
pub fn clip(faces: &Faces, text: &str, style: Style, width: f32) -> String {
    let ellipsis = faces.width("\u{2026}", style.weight, style.size);
    let lines = wrap(faces, &[span(text, style)], width - ellipsis);
    match lines.as_slice() {
        [] | [_] => text.to_owned(),
        [first, ..] => {
            let mut s: String = first.pieces.iter().map(|p| p.text.as_str()).collect();
            s.push('\u{2026}');
            s
        }
    }
}

/// Total height of wrapped lines.
pub fn height(lines: &[Line]) -> f32 {
    lines.iter().map(|l| l.height).sum()
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left and right margin.
    pub margin_x: f32,
    /// Top margin.
    pub margin_top: f32,
    /// Bottom margin.
    pub margin_bottom: f32,
    /// Height kept free above the bottom margin for the footer.
    pub footer: f32,
}

impl Geometry {
    /// A4 portrait with 18 mm side margins.
    pub const A4: Geometry = Geometry {
        width: 595.276,
        height: 841.89,
        margin_x: 51.0,
        margin_top: 45.0,
        margin_bottom: 40.0,
        footer: 24.0,
    };

    /// Width of the text column.
    pub fn column(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }

    fn body_bottom(&self) -> f32 {
        self.height - self.margin_bottom - self.footer
    }

    fn body_height(&self) -> f32 {
        self.body_bottom() - self.margin_top
    }
}

/// A table's columns and header.
#[derive(Debug, Clone)]
pub struct Table {
    /// Column widths in points; they add up to the column width.
    pub widths: Vec<f32>,
    /// Header cells, repeated on every page the table continues on.
    pub header: Vec<String>,
}

impl Table {
    /// A table over the whole column with widths in proportion to `weights`.
    pub fn new(geo: &Geometry, weights: &[f32], header: Vec<String>) -> Table {
        let sum: f32 = weights.iter().sum::<f32>().max(f32::EPSILON);
        Table {
            widths: weights.iter().map(|w| geo.column() * w / sum).collect(),
            header,
        }
    }
}

/// Cell padding, horizontal and vertical.
pub const PAD_X: f32 = 3.5;
const PAD_Y: f32 = 2.5;
/// Header text style.
const HEADER: Style = Style {
    weight: Weight::Bold,
    size: 7.5,
    color: INK,
};

/// Pages being filled.
pub struct Composer<'f> {
    faces: &'f Faces,
    /// Page geometry.
    pub geo: Geometry,
    pages: Vec<Vec<Op>>,
    /// The page drawn on: the last one, except while footers are drawn.
    target: usize,
    y: f32,
    used: BTreeMap<Face, BTreeSet<char>>,
}

impl<'f> Composer<'f> {
    /// Starts the first page.
    pub fn new(faces: &'f Faces, geo: Geometry) -> Composer<'f> {
        Composer {
            faces,
            geo,
            pages: vec![Vec::new()],
            target: 0,
            y: geo.margin_top,
            used: BTreeMap::new(),
        }
    }

    /// The fonts.
    pub fn faces(&self) -> &'f Faces {
        self.faces
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.target = self.pages.len() - 1;
        self.y = self.geo.margin_top;
    }

    fn at_top(&self) -> bool {
        self.y <= self.geo.margin_top + 0.01
    }

    /// Space left on this page.
    pub fn remaining(&self) -> f32 {
        self.geo.body_bottom() - self.y
    }

    /// Starts a new page unless `h` points fit on this one (keep-together).
    pub fn ensure(&mut self, h: f32) {
        if h > self.remaining() && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space; dropped at the top of a page.
    pub fn gap(&mut self, h: f32) {
        if self.at_top() {
            return;
        }
        if h >= self.remaining() {
            self.new_page();
        } else {
            self.y += h;
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.target >= self.pages.len() {
            self.pages.resize_with(self.target + 1, Vec::new);
        }
        &mut self.pages[self.target]
    }

    fn pdf_y(&self, y: f32) -> Pt {
        Pt(self.geo.height - y)
    }

    /// Draws one wrapped line with its top at `top`, starting at `x`.
    pub fn draw_line(&mut self, x: f32, top: f32, line: &Line) {
        let baseline = top + line.size() * ASCENT;
        for p in &line.pieces {
            let mut px = x + p.x;
            for (face, text) in self.faces.runs(&p.text, p.style.weight) {
                let w: f32 = text
                    .chars()
                    .map(|c| self.faces.advance(face, c))
                    .sum::<f32>()
                    * p.style.size;
                self.used.entry(face).or_default().extend(text.chars());
                let pos = Point {
                    x: Pt(px),
                    y: self.pdf_y(baseline),
                };
                let color = p.style.color.pdf();
                let size = Pt(p.style.size);
                self.ops().extend([
                    Op::StartTextSection,
                    Op::SetFont {
                        font: PdfFontHandle::External(FontId(face.resource().into())),
                        size,
                    },
                    Op::SetFillColor { col: color },
                    Op::SetTextCursor { pos },
                    Op::ShowText {
                        items: vec![TextItem::Text(text)],
                    },
                    Op::EndTextSection,
                ]);
                px += w;
            }
        }
    }

    /// Flows wrapped lines at indent `x` (from the left margin), breaking pages between lines.
    pub fn lines(&mut self, x: f32, lines: &[Line]) {
        for l in lines {
            self.ensure(l.height);
            let top = self.y;
            self.draw_line(self.geo.margin_x + x, top, l);
            self.y += l.height;
        }
    }

    /// Wraps and flows a paragraph at indent `x`.
    pub fn paragraph(&mut self, x: f32, spans: &[Span]) {
        let lines = wrap(self.faces, spans, self.geo.column() - x);
        self.lines(x, &lines);
    }

    /// Wraps a paragraph for later placement (to measure a block first).
    pub fn wrap(&self, x: f32, spans: &[Span]) -> Vec<Line> {
        wrap(self.faces, spans, self.geo.column() - x)
    }

    /// Places a block of (indent, lines) parts on one page if it fits on a page at all.
    pub fn block(&mut self, parts: &[(f32, Vec<Line>)], gap_after: f32) {
        let h: f32 = parts.iter().map(|(_, l)| height(l)).sum();
        if h <= self.geo.body_height() {
            self.ensure(h);
        }
        for (x, lines) in parts {
            self.lines(*x, lines);
        }
        self.gap(gap_after);
    }

    /// A section heading with a rule under it, kept with at least `keep` points of what follows.
    pub fn heading(&mut self, text: &str, keep: f32) {
        let lines = self.wrap(0.0, &[span(text, Style::bold(11.0))]);
        let h = height(&lines) + 3.0;
        self.ensure(h + keep);
        self.lines(0.0, &lines);
        let y = self.y + 0.5;
        self.hline(
            self.geo.margin_x,
            self.geo.width - self.geo.margin_x,
            y,
            0.6,
            RULE,
        );
        self.y += 3.0;
    }

    /// A horizontal rule from `x1` to `x2` at `y`.
    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, color: Rgb) {
        let (a, b) = (self.pdf_y(y), self.pdf_y(y));
        self.ops().extend([
            Op::SetOutlineColor { col: color.pdf() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: PdfLine {
                    points: vec![
                        LinePoint {
                            p: Point { x: Pt(x1), y: a },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point { x: Pt(x2), y: b },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A filled rectangle with its top-left corner at (`x`, `top`).
    pub fn fill_rect(&mut self, x: f32, top: f32, w: f32, h: f32, color: Rgb) {
        let y = self.pdf_y(top + h);
        self.ops().extend([
            Op::SetFillColor { col: color.pdf() },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y,
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            },
        ]);
    }

    /// A filled circle (four Bézier arcs) centred at (`cx`, `cy`).
    pub fn fill_circle(&mut self, cx: f32, cy: f32, r: f32, color: Rgb) {
        // Control-point distance for a quarter circle.
        let k = 0.552_284_8 * r;
        let cy = self.geo.height - cy;
        let pt = |x: f32, y: f32, bezier: bool| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier,
        };
        let points = vec![
            pt(cx + r, cy, false),
            pt(cx + r, cy + k, true),
            pt(cx + k, cy + r, true),
            pt(cx, cy + r, false),
            pt(cx - k, cy + r, true),
            pt(cx - r, cy + k, true),
            pt(cx - r, cy, false),
            pt(cx - r, cy - k, true),
            pt(cx - k, cy - r, true),
            pt(cx, cy - r, false),
            pt(cx + k, cy - r, true),
            pt(cx + r, cy - k, true),
            pt(cx + r, cy, false),
        ];
        self.ops().extend([
            Op::SetFillColor { col: color.pdf() },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points }],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]);
    }

    /// Current position, top-down from the page's top edge.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves down by `h` points that the caller has drawn into itself (after [`Composer::ensure`]).
    pub fn advance(&mut self, h: f32) {
        self.y += h;
    }

    fn header_row(&mut self, t: &Table) -> f32 {
        if t.header.is_empty() {
            return 0.0;
        }
        let cells: Vec<Vec<Line>> = t
            .header
            .iter()
            .zip(&t.widths)
            .map(|(h, w)| wrap(self.faces, &[span(h.clone(), HEADER)], w - 2.0 * PAD_X))
            .collect();
        let h = cells.iter().map(|c| height(c)).fold(0.0, f32::max) + 2.0 * PAD_Y;
        let top = self.y;
        let left = self.geo.margin_x;
        self.fill_rect(left, top, self.geo.column(), h, SHADE);
        let mut x = left;
        for (lines, w) in cells.iter().zip(&t.widths) {
            let mut y = top + PAD_Y;
            for l in lines {
                self.draw_line(x + PAD_X, y, l);
                y += l.height;
            }
            x += w;
        }
        self.y += h;
        h
    }

    /// Starts a table: its header, kept with at least one row of `first_row` points.
    pub fn table_start(&mut self, t: &Table, first_row: f32) {
        let header = Self::header_height(t);
        self.ensure(header + first_row);
        self.header_row(t);
    }

    fn header_height(t: &Table) -> f32 {
        if t.header.is_empty() {
            0.0
        } else {
            HEADER.size * LEADING + 2.0 * PAD_Y
        }
    }

    /// Wraps a row's cells to the table's columns.
    pub fn row_lines(&self, t: &Table, cells: &[Vec<Span>]) -> Vec<Vec<Line>> {
        t.widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let spans = cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
                wrap(self.faces, spans, w - 2.0 * PAD_X)
            })
            .collect()
    }

    /// Height of a wrapped row.
    pub fn row_height(cells: &[Vec<Line>]) -> f32 {
        cells.iter().map(|c| height(c)).fold(0.0, f32::max) + 2.0 * PAD_Y
    }

    /// Adds a row: kept on one page when it fits on one, otherwise split between lines. The header is
    /// repeated on every new page.
    pub fn row(&mut self, t: &Table, cells: &[Vec<Span>]) {
        let mut cells = self.row_lines(t, cells);
        let h = Self::row_height(&cells);
        let header = Self::header_height(t);
        if h > self.remaining() && h <= self.geo.body_height() - header {
            self.new_page();
            self.header_row(t);
        }
        loop {
            let avail = self.remaining() - 2.0 * PAD_Y;
            // Take from each cell the lines that fit.
            let mut taken: Vec<Vec<Line>> = Vec::with_capacity(cells.len());
            for c in &mut cells {
                let mut used = 0.0;
                let mut n = 0;
                for l in c.iter() {
                    if used + l.height > avail {
                        break;
                    }
                    used += l.height;
                    n += 1;
                }
                taken.push(c.drain(..n).collect());
            }
            let nothing = taken.iter().all(Vec::is_empty);
            let rest = cells.iter().any(|c| !c.is_empty());
            if !nothing {
                let top = self.y;
                let mut x = self.geo.margin_x;
                for (lines, w) in taken.iter().zip(&t.widths) {
                    let mut y = top + PAD_Y;
                    for l in lines {
                        self.draw_line(x + PAD_X, y, l);
                        y += l.height;
                    }
                    x += w;
                }
                let rh = Self::row_height(&taken);
                self.y += rh;
                let (l, r) = (self.geo.margin_x, self.geo.width - self.geo.margin_x);
                self.hline(l, r, self.y, 0.4, RULE);
            }
            if !rest {
                break;
            }
            self.new_page();
            self.header_row(t);
        }
    }

    /// Draws the footer on every page and returns the pages' operations and the characters used per
    /// face. `footer(page, pages)` gives the left and right footer texts.
    pub fn finish(
        mut self,
        footer: impl Fn(usize, usize) -> (String, String),
    ) -> (Vec<Vec<Op>>, BTreeMap<Face, BTreeSet<char>>) {
        let total = self.pages.len();
        let style = Style::regular(7.0).color(MUTED);
        let (left, right) = (self.geo.margin_x, self.geo.width - self.geo.margin_x);
        let rule_y = self.geo.height - self.geo.margin_bottom - self.geo.footer + 8.0;
        for i in 0..total {
            let (l, r) = footer(i + 1, total);
            let right_lines = wrap(self.faces, &[span(r, style)], self.geo.column() / 3.0);
            let rw = right_lines.first().map_or(0.0, |l| l.width);
            let left_lines = wrap(self.faces, &[span(l, style)], self.geo.column() - rw - 12.0);
            let top = rule_y + 4.0;
            self.target = i;
            self.hline(left, right, rule_y, 0.5, RULE);
            if let Some(line) = left_lines.first() {
                self.draw_line(left, top, line);
            }
            if let Some(line) = right_lines.first() {
                self.draw_line(right - line.width, top, line);
            }
        }
        (self.pages, self.used)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faces() -> &'static Faces {
        Faces::get().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let text = "Hands-on operation of our mid-infrared optical parametric amplifier by the guest \
                    Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt \
                    中国科学技术大学合肥微尺度物质科学国家研究中心 and more words";
        for width in [40.0, 90.0, 200.0] {
            let lines = wrap(faces(), &[span(text, Style::regular(9.0))], width);
            assert!(lines.len() > 1);
            for l in &lines {
                assert!(l.width <= width + 0.01, "{} > {width}", l.width);
            }
        }
    }

    #[test]
    fn words_stay_whole_when_they_fit_and_newlines_break() {
        let lines = wrap(
            faces(),
            &[span("alpha beta\ngamma", Style::regular(10.0))],
            500.0,
        );
        assert_eq!(lines.len(), 2);
        let text: String = lines[0].pieces.iter().map(|p| p.text.clone()).collect();
        assert_eq!(text, "alpha beta");
    }

    #[test]
    fn mixed_styles_keep_their_positions() {
        let lines = wrap(
            faces(),
            &[
                span("Level: ", Style::bold(9.0)),
                span("high", Style::regular(9.0)),
            ],
            500.0,
        );
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].pieces.len(), 2);
        assert!(lines[0].pieces[1].x > 20.0);
    }
}
