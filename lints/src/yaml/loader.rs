//! Builds our tree from saphyr-parser's events.
//!
//! Driving the event stream ourselves (rather than saphyr's own tree) is what
//! gives exact byte spans, a duplicate-key check, alias and depth budgets, and
//! the raw scalar with its quoting style. The builder keeps an explicit stack,
//! and the parser's own state machine is iterative, so nesting depth costs heap,
//! never call stack.

use super::node::{Entry, Node, NodeValue, Scalar, ScalarStyle, TagText};
use super::{Document, FastCoverage, Limits, Stream, YamlError, YamlErrorKind, comments, fast};
use crate::text::{LineIndex, TextRange};
use compact_str::CompactString;
use saphyr_parser::{Event, Parser, ScalarStyle as SaphyrStyle, ScanError, Tag};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

pub(super) fn load(text: &str, limits: &Limits) -> Stream {
    load_range(text, 0, text.len(), 0, limits, 0).stream
}

/// What [`load_range`] read, with the alias budget it used.
pub(crate) struct RangeLoad {
    pub stream: Stream,
    /// The alias budget's count after the range: `alias_start` plus what its aliases produced.
    pub alias_nodes: usize,
    /// Some alias was refused because the budget ran out.
    pub alias_exhausted: bool,
}

/// Loads the whole documents of `text[start..end]` (a range that starts at
/// a line that starts a document, or at 0, and ends where the next such
/// line starts, or at the end), with ranges in file coordinates, exactly as
/// they load as part of the whole text: documents are independent, and the
/// alias budget goes on counting from `alias_start`, what the documents
/// before the range used. `first_line` is the zero-based line of `start`
/// (for messages that name lines).
pub(crate) fn load_range(
    text: &str,
    start: usize,
    end: usize,
    first_line: usize,
    limits: &Limits,
    alias_start: usize,
) -> RangeLoad {
    let mut shared = Shared::new(text, start, end, first_line, alias_start);
    let mut outcome = load_chunk(text, start, end, limits, &mut shared);
    if outcome.fatal {
        let splits: Vec<usize> = document_starts(&text[start..end])
            .into_iter()
            .map(|s| start + s)
            .collect();
        if splits.len() > 1 || splits.first().is_some_and(|&s| s > start) {
            // A syntax error stops saphyr for the rest of the stream. Documents
            // cannot span a `---` line at column 0, so each piece between such
            // lines is loaded on its own and the healthy ones survive.
            shared = Shared::new(text, start, end, first_line, alias_start);
            outcome = Outcome::default();
            let mut bounds = splits;
            if bounds.first() != Some(&start) {
                bounds.insert(0, start);
            }
            bounds.push(end);
            for pair in bounds.windows(2) {
                let part = load_chunk(text, pair[0], pair[1], limits, &mut shared);
                outcome.documents.extend(part.documents);
                outcome.errors.extend(part.errors);
                outcome.zones.extend(part.zones);
            }
        }
    }
    outcome.zones.sort_unstable();
    RangeLoad {
        stream: Stream {
            documents: outcome.documents,
            errors: outcome.errors,
            comments: comments::scan(text, start, end, &outcome.zones),
        },
        alias_nodes: shared.alias_nodes,
        alias_exhausted: shared.alias_exhausted,
    }
}

/// Byte offsets of lines that start a document (`---` then a blank or end of line).
pub(crate) fn document_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let starts_document = |at: usize| {
        bytes[at..].starts_with(b"---")
            && bytes
                .get(at + 3)
                .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
    };
    // Only lines that start with `---` can start a document: look for those.
    std::iter::once(0)
        .chain(memchr::memmem::find_iter(bytes, b"\n---").map(|nl| nl + 1))
        .filter(|&at| starts_document(at))
        .collect()
}

/// State that outlives one chunk: the alias budget and the line index.
struct Shared<'a> {
    text: &'a str,
    /// The loaded range, and the zero-based line it starts on.
    start: usize,
    end: usize,
    first_line: usize,
    alias_nodes: usize,
    alias_exhausted: bool,
    /// Lines of `text[start..end]`, built when a message first needs one.
    lines: Option<LineIndex>,
}

impl<'a> Shared<'a> {
    fn new(text: &'a str, start: usize, end: usize, first_line: usize, alias_nodes: usize) -> Self {
        Self {
            text,
            start,
            end,
            first_line,
            alias_nodes,
            alias_exhausted: false,
            lines: None,
        }
    }

    /// One-based line of `offset`, which lies in the loaded range.
    fn line_of(&mut self, offset: u32) -> usize {
        let range = &self.text[self.start..self.end];
        let relative = (offset as usize).saturating_sub(self.start) as u32;
        self.first_line
            + self
                .lines
                .get_or_insert_with(|| LineIndex::new(range))
                .line_of(relative)
            + 1
    }
}

#[derive(Default)]
struct Outcome {
    documents: Vec<Document>,
    errors: Vec<YamlError>,
    /// Ranges of quoted and block scalars, where a `#` is text, not a comment.
    zones: Vec<(u32, u32)>,
    /// Loading stopped early (syntax error or nesting too deep).
    fatal: bool,
}

/// saphyr's markers count characters from the start of the parsed text;
/// this walks a cursor to turn them into byte offsets. Events arrive nearly in
/// order, so the walk is linear over the whole file.
struct CharToByte<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> CharToByte<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        let len = self.text.len();
        if self.ascii {
            return char_index.min(len);
        }
        let bytes = self.text.as_bytes();
        while self.chars < char_index && self.bytes < len {
            self.bytes += utf8_len(bytes[self.bytes]);
            self.chars += 1;
        }
        while self.chars > char_index && self.bytes > 0 {
            self.bytes -= 1;
            while self.bytes > 0 && !self.text.is_char_boundary(self.bytes) {
                self.bytes -= 1;
            }
            self.chars -= 1;
        }
        self.bytes.min(len)
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

enum Items {
    Seq(Vec<Node>),
    Map {
        entries: Vec<Entry>,
        key: Option<Node>,
        seen: Option<HashMap<String, TextRange>>,
    },
}

struct Frame {
    items: Items,
    tag: Option<TagText>,
    anchor: usize,
    /// The opening bracket's offset for flow collections; the first child's for block ones.
    start: Option<u32>,
    flow: bool,
    last_end: u32,
}

pub(super) struct Builder<'s, 'a> {
    text: &'a str,
    base: usize,
    conv: CharToByte<'a>,
    limits: &'s Limits,
    shared: &'s mut Shared<'a>,
    out: Outcome,
    stack: Vec<Frame>,
    /// Anchored nodes of the current document with their node counts.
    anchors: HashMap<usize, (Node, usize)>,
    root: Option<(Node, u32)>,
    doc_start: Option<u32>,
    /// An alias budget ran out: the rest of this document is skipped.
    poisoned: bool,
    /// End of the last token seen, for placing empty values.
    last_end: u32,
}

thread_local! {
    /// Set only by [`load_reference`]: every chunk goes through saphyr.
    static REFERENCE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Loads `text` through saphyr alone, without the fast path: the reference
/// the differential test and the `yaml_fast` fuzz target compare against.
pub(super) fn load_reference(text: &str, limits: &Limits) -> Stream {
    REFERENCE.set(true);
    let stream = load(text, limits);
    REFERENCE.set(false);
    stream
}

/// Loads one chunk document by document: the fast path takes each document
/// it fully understands, saphyr the others. A document cannot span a `---`
/// line at column 0, so loading a document on its own gives what loading the
/// whole chunk would (directives, which reach across, send the chunk to saphyr).
fn load_chunk<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    limits: &Limits,
    shared: &mut Shared<'a>,
) -> Outcome {
    if REFERENCE.get() || fast::has_directive(&text.as_bytes()[start..end]) {
        return saphyr_chunk(text, start, end, limits, shared);
    }
    let mut b = Builder::new(text, start, "", limits, shared);
    let mut scratch = fast::Scratch::default();
    let mut piece = start;
    while piece < end {
        let mark = (b.out.documents.len(), b.out.errors.len(), b.out.zones.len());
        match fast::load_document(&mut b, &mut scratch, text, piece, end) {
            Ok(next) => piece = next,
            Err(fast::Decline) => {
                b.out.documents.truncate(mark.0);
                b.out.errors.truncate(mark.1);
                b.out.zones.truncate(mark.2);
                let next = fast::next_document(text, piece, end);
                let part = saphyr_chunk(text, piece, next, limits, &mut *b.shared);
                b.out.documents.extend(part.documents);
                b.out.errors.extend(part.errors);
                b.out.zones.extend(part.zones);
                b.out.fatal |= part.fatal;
                piece = next;
            }
        }
    }
    b.out
}

/// How much of `text` the fast path loads: documents and bytes taken,
/// documents and bytes left to saphyr (for tests and measurements).
pub(super) fn fast_coverage(text: &str) -> FastCoverage {
    let limits = Limits::default();
    let mut shared = Shared::new(text, 0, text.len(), 0, 0);
    let mut b = Builder::new(text, 0, "", &limits, &mut shared);
    let mut cov = FastCoverage::default();
    if fast::has_directive(text.as_bytes()) {
        cov.declined_documents = 1;
        cov.declined_bytes = text.len();
        return cov;
    }
    let mut scratch = fast::Scratch::default();
    let mut piece = 0;
    while piece < text.len() {
        match fast::load_document(&mut b, &mut scratch, text, piece, text.len()) {
            Ok(next) => {
                cov.fast_documents += 1;
                cov.fast_bytes += next - piece;
                piece = next;
            }
            Err(fast::Decline) => {
                let next = fast::next_document(text, piece, text.len());
                cov.declined_documents += 1;
                cov.declined_bytes += next - piece;
                piece = next;
            }
        }
    }
    cov
}

fn saphyr_chunk<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    limits: &Limits,
    shared: &mut Shared<'a>,
) -> Outcome {
    let chunk = &text[start..end];
    let mut b = Builder::new(text, start, chunk, limits, shared);
    for item in Parser::new_from_str(chunk) {
        match item {
            Ok((event, span)) => {
                let start = b.pos(span.start);
                let end = b.pos(span.end);
                if !b.on_event(event, start, end) {
                    b.out.fatal = true;
                    break;
                }
            }
            Err(err) => {
                b.syntax_error(&err);
                b.out.fatal = true;
                break;
            }
        }
    }
    b.out
}

impl<'s, 'a> Builder<'s, 'a> {
    /// `chunk` is the text saphyr reads (its character offsets are converted
    /// to bytes); the fast path gives byte offsets and passes `""`.
    fn new(
        text: &'a str,
        base: usize,
        chunk: &'a str,
        limits: &'s Limits,
        shared: &'s mut Shared<'a>,
    ) -> Self {
        Builder {
            text,
            base,
            conv: CharToByte::new(chunk),
            limits,
            shared,
            out: Outcome::default(),
            stack: Vec::new(),
            anchors: HashMap::new(),
            root: None,
            doc_start: None,
            poisoned: false,
            last_end: base as u32,
        }
    }
}

impl<'a> Builder<'_, 'a> {
    fn pos(&mut self, marker: saphyr_parser::Marker) -> u32 {
        (self.base + self.conv.byte(marker.index())) as u32
    }

    fn byte_at(&self, offset: u32) -> Option<u8> {
        self.text.as_bytes().get(offset as usize).copied()
    }

    /// Takes one event spanning the bytes `start..end`.
    /// Returns `false` when loading of this chunk must stop.
    pub(super) fn on_event(&mut self, event: Event<'_>, start: u32, end: u32) -> bool {
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(explicit) => {
                self.anchors.clear();
                self.stack.clear();
                self.root = None;
                self.poisoned = false;
                self.doc_start = explicit.then_some(start);
                self.last_end = end;
            }
            Event::DocumentEnd => self.finish_document(start, end),
            Event::Scalar(value, style, anchor, tag) => {
                self.on_scalar(value, style, anchor, tag.as_deref(), start, end);
            }
            Event::Alias(id) => {
                self.last_end = end;
                if !self.poisoned {
                    self.alias(id, TextRange::new(start, end));
                }
            }
            Event::SequenceStart(anchor, tag) => {
                return self.on_collection_start(true, anchor, tag.as_deref(), start, end);
            }
            Event::MappingStart(anchor, tag) => {
                return self.on_collection_start(false, anchor, tag.as_deref(), start, end);
            }
            Event::SequenceEnd | Event::MappingEnd => self.on_collection_end(end),
        }
        true
    }

    // The events' handlers, which the fast path calls directly (it has no
    // event to build and match for every token).

    pub(super) fn on_scalar(
        &mut self,
        value: Cow<'_, str>,
        style: SaphyrStyle,
        anchor: usize,
        tag: Option<&Tag>,
        start: u32,
        end: u32,
    ) {
        let node = self.scalar(value, style, anchor, tag, start, end);
        if !self.poisoned {
            let src = node.range;
            self.complete(node, anchor, src);
        }
    }

    /// A `SequenceStart` (`is_sequence`) or `MappingStart`; false when the
    /// nesting limit stops the load.
    pub(super) fn on_collection_start(
        &mut self,
        is_sequence: bool,
        anchor: usize,
        tag: Option<&Tag>,
        start: u32,
        end: u32,
    ) -> bool {
        if self.poisoned {
            return true;
        }
        if self.stack.len() >= self.limits.max_depth {
            self.out.errors.push(YamlError {
                range: TextRange::new(start, end),
                message: format!(
                    "collections are nested more than {} levels deep; the rest of the file is not read",
                    self.limits.max_depth
                ),
                kind: YamlErrorKind::Limit,
            });
            return false;
        }
        // A flow collection's span runs from its properties over the
        // bracket and the blanks after it; a block one's is empty or
        // ends at the first key.
        let bracket = self.skip_properties(start, end);
        let flow =
            end > start && bracket < end && matches!(self.byte_at(bracket), Some(b'[' | b'{'));
        if flow {
            self.last_end = end;
        }
        let items = if is_sequence {
            Items::Seq(Vec::new())
        } else {
            Items::Map {
                entries: Vec::new(),
                key: None,
                seen: None,
            }
        };
        self.stack.push(Frame {
            items,
            tag: tag.map(short_tag),
            anchor,
            start: flow.then_some(bracket),
            flow,
            last_end: end,
        });
        true
    }

    /// A `SequenceEnd` or `MappingEnd`.
    pub(super) fn on_collection_end(&mut self, end: u32) {
        if !self.poisoned {
            self.end_collection(end);
        }
    }

    fn finish_document(&mut self, start: u32, end: u32) {
        let root = self.root.take();
        self.stack.clear();
        if self.poisoned {
            return;
        }
        let Some((root, root_start)) = root else {
            return;
        };
        if matches!(root.value, NodeValue::Null) && root.tag.is_none() {
            return;
        }
        let explicit_end =
            end > start && self.text.get(start as usize..end as usize) == Some("...");
        let doc_end = if explicit_end {
            end
        } else {
            root.use_site().end.max(root_start)
        };
        let doc_start = self.doc_start.unwrap_or(root_start).min(doc_end);
        self.out.documents.push(Document {
            range: TextRange::new(doc_start, doc_end),
            root,
        });
    }

    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: SaphyrStyle,
        anchor: usize,
        tag: Option<&Tag>,
        start: u32,
        end: u32,
    ) -> Node {
        let tag = tag.map(short_tag);
        let has_props = tag.is_some() || anchor > 0;
        let style = match style {
            SaphyrStyle::Plain => ScalarStyle::Plain,
            SaphyrStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            SaphyrStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            SaphyrStyle::Literal => ScalarStyle::Literal,
            SaphyrStyle::Folded => ScalarStyle::Folded,
        };
        // Plain scalars are never empty in the text: this is an empty value.
        if style == ScalarStyle::Plain && value.is_empty() {
            let at = if has_props {
                end
            } else {
                self.after_indicator(self.last_end)
            };
            let value = if tag.is_some() {
                NodeValue::Scalar(Scalar {
                    raw: CompactString::default(),
                    style,
                })
            } else {
                NodeValue::Null
            };
            return Node {
                range: TextRange::empty(at),
                tag,
                value,
                alias: None,
            };
        }
        let token_start = if has_props {
            self.skip_properties(start, end)
        } else {
            start
        };
        let range = match style {
            ScalarStyle::Literal | ScalarStyle::Folded => {
                let indicator = if matches!(self.byte_at(token_start), Some(b'|' | b'>')) {
                    token_start
                } else {
                    self.block_indicator_before(token_start)
                        .unwrap_or(token_start)
                };
                let mut stop = end.max(indicator + 1);
                while stop > indicator + 1
                    && matches!(self.byte_at(stop - 1), Some(b' ' | b'\t' | b'\r' | b'\n'))
                {
                    stop -= 1;
                }
                let body = self.text[indicator as usize..]
                    .find('\n')
                    .map_or(stop, |nl| indicator + nl as u32 + 1);
                self.out.zones.push((body.min(stop), stop));
                TextRange::new(indicator, stop)
            }
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                let stop = self.closing_quote(token_start, end.max(token_start));
                self.out.zones.push((token_start, stop));
                TextRange::new(token_start, stop)
            }
            ScalarStyle::Plain => TextRange::new(token_start, end.max(token_start)),
        };
        self.last_end = range.end;
        Node {
            range,
            tag,
            value: NodeValue::Scalar(Scalar {
                // Inline when short; a long owned text keeps its buffer.
                raw: CompactString::from(value),
                style,
            }),
            alias: None,
        }
    }

    /// saphyr's span of a quoted scalar runs on over a trailing comment; the
    /// scalar ends at its closing quote.
    fn closing_quote(&self, start: u32, limit: u32) -> u32 {
        let bytes = &self.text.as_bytes()[..limit as usize];
        let Some(&quote) = bytes.get(start as usize) else {
            return limit;
        };
        let mut i = start as usize + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if quote == b'"' => i += 2,
                b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
                b if b == quote => return i as u32 + 1,
                _ => i += 1,
            }
        }
        limit
    }

    /// Past a `:` or `-` that follows `at` on its line, so an empty value sits after its indicator.
    fn after_indicator(&self, at: u32) -> u32 {
        let mut i = at;
        while matches!(self.byte_at(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        if matches!(self.byte_at(i), Some(b':' | b'-')) {
            i + 1
        } else {
            at
        }
    }

    /// Skips anchors, tags, blanks and comments in front of a node's content.
    fn skip_properties(&self, mut i: u32, limit: u32) -> u32 {
        while i < limit {
            match self.byte_at(i) {
                Some(b' ' | b'\t' | b'\r' | b'\n') => i += 1,
                Some(b'#') => {
                    while i < limit && self.byte_at(i) != Some(b'\n') {
                        i += 1;
                    }
                }
                Some(b'!') if self.byte_at(i + 1) == Some(b'<') => {
                    while i < limit && self.byte_at(i) != Some(b'>') {
                        i += 1;
                    }
                    i += 1;
                }
                Some(b'&' | b'!') => {
                    while i < limit
                        && !matches!(
                            self.byte_at(i),
                            Some(b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}')
                        )
                    {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        i.min(limit)
    }

    /// saphyr starts a block scalar's span at its content; the `|`/`>` is on
    /// the nearest non-blank line above, before any comment.
    fn block_indicator_before(&self, content: u32) -> Option<u32> {
        let floor = self.base;
        let bytes = self.text.as_bytes();
        let mut line_start = bytes[floor..content as usize]
            .iter()
            .rposition(|&b| b == b'\n')
            .map(|p| floor + p + 1)?;
        while line_start > floor {
            let prev_end = line_start - 1;
            let prev_start = bytes[floor..prev_end]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(floor, |p| floor + p + 1);
            let line = &self.text[prev_start..prev_end];
            if !line.trim().is_empty() {
                let code = match comments::comment_start(line) {
                    Some(c) => &line[..c],
                    None => line,
                };
                return code.rfind(['|', '>']).map(|i| (prev_start + i) as u32);
            }
            line_start = prev_start;
        }
        None
    }

    fn alias(&mut self, id: usize, range: TextRange) {
        let Some((target, count)) = self.anchors.get(&id) else {
            self.out.errors.push(YamlError {
                range,
                message: format!(
                    "alias `{}` refers to no anchor in this document",
                    range.slice(self.text)
                ),
                kind: YamlErrorKind::Alias,
            });
            let mut node = Node::new(range, NodeValue::Null);
            node.alias = Some(range);
            self.complete(node, 0, range);
            return;
        };
        let total = self.shared.alias_nodes.saturating_add(*count);
        if total > self.limits.max_alias_nodes {
            self.out.errors.push(YamlError {
                range,
                message: format!(
                    "aliases expand to more than {} nodes (a \"billion laughs\" document?); this document is not loaded",
                    self.limits.max_alias_nodes
                ),
                kind: YamlErrorKind::Limit,
            });
            self.poisoned = true;
            self.shared.alias_exhausted = true;
            self.stack.clear();
            return;
        }
        self.shared.alias_nodes = total;
        let mut node = target.clone();
        node.alias = Some(range);
        self.complete(node, 0, range);
    }

    fn end_collection(&mut self, end: u32) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let closes = end > 0 && matches!(self.byte_at(end - 1), Some(b']' | b'}'));
        let range_end = if frame.flow && closes {
            end
        } else {
            frame.last_end
        };
        if frame.flow && closes {
            self.last_end = end;
        }
        let mut start = frame.start.unwrap_or(range_end).min(range_end);
        let value = match frame.items {
            Items::Seq(items) => {
                if !frame.flow {
                    start = self.dash_before(start);
                }
                NodeValue::Sequence(items)
            }
            Items::Map { entries, key, .. } => {
                let mut entries = entries;
                if let Some(key) = key {
                    // The parser always pairs keys with values; this is only a safeguard.
                    let at = key.range.end;
                    entries.push(Entry {
                        key,
                        value: Node::new(TextRange::empty(at), NodeValue::Null),
                    });
                }
                NodeValue::Mapping(self.apply_merges(entries))
            }
        };
        let range = TextRange::new(start, range_end);
        let node = Node {
            range,
            tag: frame.tag,
            value,
            alias: None,
        };
        self.complete(node, frame.anchor, range);
    }

    /// A block sequence's range starts at its first `-`, before the first item.
    fn dash_before(&self, item_start: u32) -> u32 {
        let floor = self.base as u32;
        let mut i = item_start;
        while i > floor {
            match self.byte_at(i - 1) {
                Some(b' ' | b'\t' | b'\r' | b'\n') => i -= 1,
                Some(b'-') => return i - 1,
                _ => {
                    // `- # note` followed by the item on the next line: step over the comment.
                    let bytes = self.text.as_bytes();
                    let line_start = bytes[floor as usize..i as usize]
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(floor, |p| floor + p as u32 + 1);
                    let line = &self.text[line_start as usize..i as usize];
                    match comments::comment_start(line) {
                        Some(c) => i = line_start + c as u32,
                        None => break,
                    }
                }
            }
        }
        item_start
    }

    /// Hands a finished node to its parent (or makes it the document root).
    /// `src` is where the node sits in this document (the alias for aliases).
    fn complete(&mut self, node: Node, anchor: usize, src: TextRange) {
        if anchor > 0 {
            let count = count_nodes(&node);
            self.anchors.insert(anchor, (node.clone(), count));
        }
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some((node, src.start));
            return;
        };
        if frame.start.is_none() {
            frame.start = Some(src.start);
        }
        frame.last_end = frame.last_end.max(src.end);
        match &mut frame.items {
            Items::Seq(items) => items.push(node),
            Items::Map { key, .. } if key.is_none() => *key = Some(node),
            Items::Map { entries, key, seen } => {
                let key = key.take().expect("checked above");
                let duplicate = duplicate_of(entries, seen, &key);
                entries.push(Entry { key, value: node });
                if let Some(first) = duplicate {
                    let key = &entries.last().expect("just pushed").key;
                    let (name, range) = (
                        key.scalar_text().unwrap_or_default().to_string(),
                        key.use_site(),
                    );
                    let line = self.shared.line_of(first.start);
                    self.out.errors.push(YamlError {
                        range,
                        message: format!("duplicate key `{name}`: it is already defined on line {line}; the last value wins"),
                        kind: YamlErrorKind::DuplicateKey,
                    });
                }
            }
        }
    }

    /// Resolves `<<` merge keys: the merged mappings' entries take the place
    /// of the `<<` entry, unless a key is already set explicitly or by an
    /// earlier merge (YAML 1.1 merge semantics, as go-yaml applies them).
    fn apply_merges(&mut self, entries: Vec<Entry>) -> Vec<Entry> {
        if !entries.iter().any(is_merge) {
            return entries;
        }
        let mut defined: HashSet<String> = entries
            .iter()
            .filter(|e| !is_merge(e))
            .filter_map(|e| e.key_str().map(str::to_string))
            .collect();
        let mut result = Vec::with_capacity(entries.len());
        for entry in entries {
            if !is_merge(&entry) {
                result.push(entry);
                continue;
            }
            let sources: Vec<Node> = match entry.value.value {
                NodeValue::Mapping(_) => vec![entry.value],
                NodeValue::Sequence(items) => items,
                NodeValue::Null => Vec::new(),
                NodeValue::Scalar(_) => vec![entry.value],
            };
            for source in sources {
                let via = source.alias;
                let NodeValue::Mapping(merged) = source.value else {
                    self.out.errors.push(YamlError {
                        range: source.alias.unwrap_or(source.range),
                        message: "a merge key (`<<`) takes a mapping or a list of mappings"
                            .to_string(),
                        kind: YamlErrorKind::Alias,
                    });
                    continue;
                };
                for mut e in merged {
                    if let Some(k) = e.key_str()
                        && !defined.insert(k.to_string())
                    {
                        continue;
                    }
                    if e.key.alias.is_none() {
                        e.key.alias = via;
                        e.value.alias = e.value.alias.or(via);
                    }
                    result.push(e);
                }
            }
        }
        result
    }

    fn syntax_error(&mut self, err: &ScanError) {
        let at = self.pos(*err.marker());
        let info = err.info();
        let at = if info.contains("tab") {
            self.tab_near(at).unwrap_or(at)
        } else {
            at
        };
        let len = self.text[at as usize..]
            .chars()
            .next()
            .map_or(0, |c| c.len_utf8() as u32);
        // saphyr caps flow nesting itself; that is a budget, not a typo.
        let kind = if info == "recursion limit exceeded" {
            YamlErrorKind::Limit
        } else {
            YamlErrorKind::Syntax
        };
        self.out.errors.push(YamlError {
            range: TextRange::new(at, at + len),
            message: plain_message(info),
            kind,
        });
    }

    /// saphyr reports tab errors after the tab, sometimes on the line before;
    /// the finding belongs on the tab itself.
    fn tab_near(&self, at: u32) -> Option<u32> {
        let bytes = self.text.as_bytes();
        let line_start = bytes[self.base..at as usize]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(self.base, |p| self.base + p + 1);
        let mut line = line_start;
        // This line and the next two are enough to reach the offending indentation.
        for _ in 0..3 {
            let mut i = line;
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                if bytes[i] == b'\t' {
                    return Some(i as u32);
                }
                i += 1;
            }
            if let Some(tab) = bytes[line..]
                .iter()
                .take_while(|&&b| b != b'\n')
                .position(|&b| b == b'\t')
                && line + tab + 1 >= at as usize
            {
                return Some((line + tab) as u32);
            }
            line += bytes[line..].iter().position(|&b| b == b'\n')? + 1;
        }
        None
    }
}

fn is_merge(e: &Entry) -> bool {
    e.key.tag() == Some("!!merge")
        || matches!(&e.key.value, NodeValue::Scalar(s) if s.style == ScalarStyle::Plain && s.raw == "<<")
}

/// Finds an earlier key equal to `key`. Small maps are scanned; big ones
/// (CRD schemas) get a hash index on first need.
fn duplicate_of(
    entries: &[Entry],
    seen: &mut Option<HashMap<String, TextRange>>,
    key: &Node,
) -> Option<TextRange> {
    let name = key.scalar_text()?;
    if matches!(&key.value, NodeValue::Scalar(s) if s.style == ScalarStyle::Plain && name == "<<") {
        return None;
    }
    if entries.len() < 32 && seen.is_none() {
        return entries
            .iter()
            .find(|e| e.key_str() == Some(name))
            .map(|e| e.key.use_site());
    }
    let index = seen.get_or_insert_with(|| {
        let mut map = HashMap::with_capacity(entries.len() * 2);
        for e in entries {
            if let Some(k) = e.key_str() {
                map.entry(k.to_string()).or_insert(e.key.use_site());
            }
        }
        map
    });
    match index.get(name) {
        Some(first) => Some(*first),
        None => {
            index.insert(name.to_string(), key.use_site());
            None
        }
    }
}

fn count_nodes(node: &Node) -> usize {
    let mut count = 0usize;
    node.walk(&mut |_| count += 1);
    count
}

/// Tags in the short form people write: `!!str`, `!Ref`.
fn short_tag(tag: &Tag) -> TagText {
    let short = if tag.is_yaml_core_schema() {
        format!("!!{}", tag.suffix)
    } else if tag.handle == "!" || tag.handle.is_empty() {
        format!("!{}", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    };
    Box::new(short)
}

/// saphyr's messages are written for YAML implementers; these say what went wrong for users.
fn plain_message(info: &str) -> String {
    let message = match info {
        i if i.contains("tab") => {
            "a tab character is used for indentation; YAML allows only spaces"
        }
        "mapping values are not allowed in this context" => {
            "unexpected `:` here; check the indentation, or quote a value that contains `: `"
        }
        "while parsing a block mapping, did not find expected key" => {
            "bad indentation: this line does not line up with the keys of its mapping"
        }
        "while parsing a block collection, did not find expected '-' indicator" => {
            "bad indentation: a list item (`- `) was expected at this level"
        }
        "did not find expected <document start>" => {
            "unexpected content after the end of the document; check the indentation"
        }
        "invalid indentation" => "bad indentation",
        "invalid indentation in quoted scalar"
        | "while scanning a quoted scalar, found unexpected end of stream" => {
            "unterminated or badly indented quoted string"
        }
        "while scanning a quoted scalar, found unexpected document indicator" => {
            "unterminated quoted string: a document marker (`---` or `...`) appears inside it"
        }
        "while parsing a flow sequence, expected ',' or ']'" => {
            "expected `,` or `]` in this `[…]` list"
        }
        "while parsing a flow mapping, did not find expected ',' or '}'" => {
            "expected `,` or `}` in this `{…}` mapping"
        }
        "while parsing node, found unknown anchor" => {
            "this alias refers to an anchor that is not defined"
        }
        "while parsing a node, did not find expected node content" => "a value was expected here",
        "simple key expect ':'" | "simple key expected" => {
            "a key must be followed by `:` on the same line"
        }
        "block sequence entries are not allowed in this context" => {
            "a list item (`- `) is not allowed here; check the indentation"
        }
        "unexpected end of plain scalar"
        | "illegal placement of ':' indicator"
        | "misplaced bracket" => {
            "unbalanced brackets or a stray `:` in a flow collection (`[…]`/`{…}`)"
        }
        "invalid trailing content after double-quoted scalar" => {
            "unexpected text after a closing quote"
        }
        "recursion limit exceeded" => "brackets are nested too deeply",
        "while parsing a quoted scalar, found unknown escape character" => {
            "unknown escape sequence in a double-quoted string (write `\\\\` for a backslash)"
        }
        other => return format!("invalid YAML: {other}"),
    };
    message.to_string()
}
