//! Reading the XML list files (EU Financial Sanctions Files, UN Consolidated List) as a stream.
//!
//! The file is read once with quick-xml; each record (a `sanctionEntity`, an `ENTITY`) is gathered
//! into a small [`Element`] tree that knows the line of every element, handed to the format's
//! parser, and dropped. quick-xml reports byte positions; they are turned into 1-based lines by
//! counting line breaks forward ([`Lines`]), so a 60 MB file is counted through once.
//!
//! What cannot be read becomes a [`Problems`] entry with its line: XML that is not well-formed, an
//! unknown entity reference, a file that ends before its elements are closed (a truncated download),
//! nesting deeper than any list file has.

use quick_xml::Reader;
use quick_xml::errors::SyntaxError;
use quick_xml::events::{BytesStart, Event};

use super::Problems;

/// Deepest element nesting accepted outside a record (root, `ENTITIES` …) and inside one
/// (`nameAlias/regulationSummary` …). The published files nest four levels at most; far deeper
/// nesting is a broken or hostile file.
const MAX_DEPTH: usize = 32;

/// One XML element of a record, with the line it starts on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    /// Local name (without a namespace prefix).
    pub(crate) name: String,
    /// 1-based line of the element's `<`.
    pub(crate) line: usize,
    /// Attributes by local name, values unescaped, in file order.
    pub(crate) attributes: Vec<(String, String)>,
    /// The text directly inside the element (entity and character references resolved), as
    /// written: white space is left to the format's parser.
    pub(crate) text: String,
    /// Child elements, in file order.
    pub(crate) children: Vec<Element>,
}

impl Element {
    /// The attribute's value, if the element has the attribute.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The children with this name.
    pub(crate) fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child with this name.
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the first child with this name, trimmed; `None` when absent or blank.
    pub(crate) fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }
}

/// Turns byte offsets into 1-based line numbers, counting forward from the last offset asked for.
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            counted_to: 0,
            line: 1,
        }
    }

    /// The line of the byte at `offset`. Offsets normally come in file order; an earlier one is
    /// counted from the start.
    pub(crate) fn at(&mut self, offset: u64) -> usize {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        if offset < self.counted_to {
            self.counted_to = 0;
            self.line = 1;
        }
        let newlines = self
            .bytes
            .get(self.counted_to..offset)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines;
        self.counted_to = offset;
        self.line
    }
}

/// What the format's parser tells the reader.
pub(crate) trait Records {
    /// Checks the root element (its children are not read yet). Returning `false` stops reading:
    /// the file is not of this format, and a problem saying so has been pushed.
    fn root(&mut self, root: &Element, problems: &mut Problems) -> bool;
    /// Whether an element named `name` under `ancestors` (root first) is a record.
    fn is_record(&self, ancestors: &[String], name: &str) -> bool;
    /// Takes one whole record.
    fn record(&mut self, record: Element, problems: &mut Problems);
}

/// Reads `text` as XML and hands every record to `records`. Returns false when the file has no
/// element at all (the caller says what it expected).
pub(crate) fn read(text: &str, records: &mut impl Records, problems: &mut Problems) -> bool {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut lines = Lines::new(text.as_bytes());
    // Open elements outside a record (the root first), with their lines.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // The record being read: its element first, then the open elements inside it.
    let mut building: Vec<Element> = Vec::new();
    let mut seen_root = false;
    loop {
        if problems.is_full() {
            return seen_root;
        }
        let at = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let line = lines.at(reader.error_position());
                // An unclosed tag, comment or CDATA can only be found at the end of the input: the
                // file was cut off there.
                let cut = matches!(
                    &e,
                    quick_xml::Error::Syntax(
                        SyntaxError::UnclosedTag
                            | SyntaxError::UnclosedComment
                            | SyntaxError::UnclosedCData
                            | SyntaxError::UnclosedDoctype
                            | SyntaxError::UnclosedPIOrXmlDecl
                    )
                );
                match building.first().filter(|_| cut) {
                    Some(record) => problems.push(
                        Some(line),
                        Some(&record.name),
                        format!(
                            "the file ends inside a tag of the <{}> opened on line {} (a truncated file?)",
                            record.name, record.line
                        ),
                    ),
                    None if cut => problems.push(
                        Some(line),
                        None,
                        format!("the file ends inside a tag (a truncated file?): {e}"),
                    ),
                    None => problems.push(Some(line), None, format!("not well-formed XML: {e}")),
                }
                return seen_root;
            }
        };
        let (start, empty) = match event {
            Event::Start(start) => (start, false),
            Event::Empty(start) => (start, true),
            Event::End(_) => {
                if building.is_empty() {
                    open.pop();
                    names.pop();
                } else {
                    close(&mut building, records, problems);
                }
                continue;
            }
            Event::Text(t) => {
                if let Some(el) = building.last_mut() {
                    match t.decode() {
                        Ok(s) => el.text.push_str(&s),
                        Err(e) => {
                            let line = lines.at(at);
                            problems.push(
                                Some(line),
                                Some(&el.name),
                                format!("unreadable text: {e}"),
                            );
                        }
                    }
                }
                continue;
            }
            Event::CData(t) => {
                if let Some(el) = building.last_mut() {
                    el.text.push_str(&String::from_utf8_lossy(&t));
                }
                continue;
            }
            Event::GeneralRef(r) => {
                let line = lines.at(at);
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match r.as_ref() {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                match resolved {
                    Some(c) => {
                        if let Some(el) = building.last_mut() {
                            el.text.push(c);
                        }
                    }
                    None => {
                        let field = building.last().map(|el| el.name.clone());
                        problems.push(
                            Some(line),
                            field.as_deref(),
                            format!("unknown entity reference &{};", String::from_utf8_lossy(&r)),
                        );
                    }
                }
                continue;
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => continue,
        };
        let line = lines.at(at);
        let Some(element) = element(&start, line, problems) else {
            return seen_root;
        };
        if open.len() + building.len() >= MAX_DEPTH {
            problems.push(
                Some(line),
                Some(&element.name),
                format!("elements nested more than {MAX_DEPTH} deep"),
            );
            return seen_root;
        }
        if seen_root && open.is_empty() && building.is_empty() {
            problems.push(
                Some(line),
                Some(&element.name),
                "a second root element after the end of the list (two files joined?)",
            );
            return seen_root;
        }
        if !seen_root {
            seen_root = true;
            if !records.root(&element, problems) {
                return seen_root;
            }
            if !empty {
                names.push(element.name.clone());
                open.push((element.name, line));
            }
        } else if !building.is_empty() || records.is_record(&names, &element.name) {
            building.push(element);
            if empty {
                close(&mut building, records, problems);
            }
        } else if !empty {
            names.push(element.name.clone());
            open.push((element.name, line));
        }
    }
    // Elements still open at the end: the file was cut off. The record (or the outermost open
    // element) is named, where the reader can find it.
    let unclosed = building
        .first()
        .map(|el| (el.name.clone(), el.line))
        .or_else(|| open.last().cloned());
    if let Some((name, line)) = unclosed {
        problems.push(
            Some(line),
            Some(&name),
            format!("the file ends before this <{name}> is closed (a truncated file?)"),
        );
    }
    seen_root
}

/// Closes the innermost element of the record being read: attaches it to its parent, or hands the
/// finished record over.
fn close(building: &mut Vec<Element>, records: &mut impl Records, problems: &mut Problems) {
    if let Some(el) = building.pop() {
        match building.last_mut() {
            Some(parent) => parent.children.push(el),
            None => records.record(el, problems),
        }
    }
}

/// The element's name and attributes; `None` (with a problem pushed) when an attribute cannot be
/// read.
fn element(start: &BytesStart<'_>, line: usize, problems: &mut Problems) -> Option<Element> {
    let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = match attribute {
            Ok(a) => a,
            Err(e) => {
                problems.push(
                    Some(line),
                    Some(&name),
                    format!("unreadable attribute: {e}"),
                );
                return None;
            }
        };
        let key = String::from_utf8_lossy(attribute.key.local_name().as_ref()).into_owned();
        // Through the element's decoder: the same for UTF-8 files, and it compiles whether or not
        // another crate (calamine, for registers) turns on quick-xml's `encoding` feature.
        match attribute.decode_and_unescape_value(start.decoder()) {
            Ok(value) => attributes.push((key, value.into_owned())),
            Err(e) => {
                problems.push(
                    Some(line),
                    Some(&format!("{name}@{key}")),
                    format!("unreadable value: {e}"),
                );
                return None;
            }
        }
    }
    Some(Element {
        name,
        line,
        attributes,
        text: String::new(),
        children: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect {
        root: Option<Element>,
        records: Vec<Element>,
    }

    impl Records for Collect {
        fn root(&mut self, root: &Element, _: &mut Problems) -> bool {
            self.root = Some(root.clone());
            true
        }
        fn is_record(&self, ancestors: &[String], name: &str) -> bool {
            ancestors.len() == 2 && name == "R"
        }
        fn record(&mut self, record: Element, _: &mut Problems) {
            self.records.push(record);
        }
    }

    fn read_all(text: &str) -> (Collect, Problems) {
        let mut c = Collect::default();
        let mut p = Problems::default();
        read(text, &mut c, &mut p);
        (c, p)
    }

    #[test]
    fn records_carry_their_lines_text_and_attributes() {
        let text = "<?xml version=\"1.0\"?>\n<root a=\"1\">\n <list>\n  <R id=\"x&amp;y\">\n   \
                    <N>A &amp; B&#x4e2d;<![CDATA[<c>]]></N>\n   <E k=\"v\"/>\n  </R>\n  <R/>\n </list>\n</root>\n";
        let (c, p) = read_all(text);
        assert!(p.list.is_empty(), "{:?}", p.list);
        assert_eq!(c.root.as_ref().map(|r| r.line), Some(2));
        assert_eq!(c.records.len(), 2);
        let r = &c.records[0];
        assert_eq!((r.line, r.attr("id")), (4, Some("x&y")));
        assert_eq!(r.child_text("N"), Some("A & B中<c>"));
        assert_eq!(r.child("N").map(|n| n.line), Some(5));
        assert_eq!(r.child("E").and_then(|e| e.attr("k")), Some("v"));
        assert_eq!(c.records[1].line, 8);
    }

    #[test]
    fn a_cut_file_names_the_unclosed_record_and_its_line() {
        let (c, p) = read_all("<root>\n<list>\n<R>\n<N>abc</N>\n<N>de");
        assert!(c.records.is_empty());
        let problem = &p.list[0];
        assert_eq!(problem.line, Some(3));
        assert_eq!(problem.field.as_deref(), Some("R"));
        assert!(problem.message.contains("truncated"), "{problem}");
    }

    #[test]
    fn ill_formed_xml_is_located() {
        let (_, p) = read_all("<root>\n<list>\n<R>\n</N>\n</R></list></root>");
        assert_eq!(p.list[0].line, Some(4), "{:?}", p.list);
        let (_, p) = read_all("<root>\n<list>\n<R>&nbsp;</R></list></root>");
        assert_eq!(p.list[0].line, Some(3), "{:?}", p.list);
        assert!(p.list[0].message.contains("&nbsp;"), "{:?}", p.list);
    }

    #[test]
    fn two_joined_files_are_refused_at_the_second_root() {
        let (_, p) = read_all("<root><list><R/></list></root>\n<root><list><R/></list></root>");
        assert_eq!(p.list[0].line, Some(2), "{:?}", p.list);
        assert!(p.list[0].message.contains("joined"), "{:?}", p.list);
    }

    #[test]
    fn deep_nesting_stops_reading() {
        let text = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
        let (_, p) = read_all(&text);
        assert!(p.list[0].message.contains("nested"), "{:?}", p.list);
    }
}
