//! A fast path for the YAML that Kubernetes manifests are written in.
//!
//! saphyr's scanner is general and costs about 180 instructions per byte;
//! manifests use a small part of YAML: block mappings and sequences, one-line
//! plain and quoted scalars, block scalars, comments and small one-line flow
//! collections. This module reads that subset line by line and feeds the same
//! events, with the same byte spans, into the loader's [`Builder`], so ranges,
//! empty values, duplicate keys and comment zones come out of the same code.
//!
//! Anything it does not handle with certainty (anchors, aliases, tags,
//! complex keys, multi-line plain or quoted scalars, multi-line flow
//! collections, tabs outside block scalars, odd indentation, control
//! characters, any syntax error) makes it decline the document, which saphyr
//! then loads. `yaml::tests::fast` and the `yaml_fast` fuzz target check that
//! the result never differs from saphyr's.

use super::loader::Builder;
use saphyr_parser::{Event, ScalarStyle as Style};
use std::borrow::Cow;

/// The fast path gave up on a document; saphyr loads it.
#[derive(Debug)]
pub(super) struct Decline;

type Result<T> = std::result::Result<T, Decline>;

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Whether a line of `chunk` starts with `%` (a directive, which applies to
/// the next document: such chunks are not split into documents).
pub(super) fn has_directive(chunk: &[u8]) -> bool {
    let body = chunk.strip_prefix(BOM).unwrap_or(chunk);
    if body.first() == Some(&b'%') {
        return true;
    }
    memchr::memchr_iter(b'%', body).any(|i| i > 0 && matches!(body[i - 1], b'\n' | b'\r'))
}

// Eight bytes at a time: lines are scanned for the bytes that need a closer
// look (`SWAR`, as in "Bit Twiddling Hacks"; the tests are exact for "any byte").
const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w)
}

/// A high bit in each byte of `word` that is `b`. Bits above the lowest may
/// be false (a borrow runs on), the lowest is exact: callers only take the
/// first match (`trailing_zeros`, the words are little-endian).
fn byte_mask(word: u64, b: u8) -> u64 {
    let x = word ^ (LO * b as u64);
    x.wrapping_sub(LO) & !x & HI
}

/// Like [`byte_mask`], for bytes below 0x20 (line breaks, tabs, controls),
/// 0x7f and non-ASCII bytes: the ones [`Fast::line`] looks at.
fn special_mask(word: u64) -> u64 {
    ((word | word.wrapping_sub(LO * 0x20)) & HI) | byte_mask(word, 0x7f)
}

fn is_special(b: u8) -> bool {
    !(0x20..0x7f).contains(&b)
}

/// Index of the first byte at or after `j` before `end` that is a `:`, a
/// `#` or a tab (where a plain scalar may end or must be declined), or `end`.
fn plain_stop(bytes: &[u8], mut j: usize, end: usize) -> usize {
    while j + 8 <= end {
        let w = word(bytes, j);
        let m = byte_mask(w, b':') | byte_mask(w, b'#') | byte_mask(w, b'\t');
        if m != 0 {
            return j + (m.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < end && !matches!(bytes[j], b':' | b'#' | b'\t') {
        j += 1;
    }
    j
}

/// Index of the first byte at or after `j` before `end` that is not a space, or `end`.
fn skip_blanks(bytes: &[u8], mut j: usize, end: usize) -> usize {
    while j + 8 <= end {
        let x = word(bytes, j) ^ (LO * b' ' as u64);
        if x != 0 {
            return j + (x.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < end && bytes[j] == b' ' {
        j += 1;
    }
    j
}

/// `---` at `at` followed by a blank, a line break or the end.
fn is_marker(bytes: &[u8], at: usize, c: u8) -> bool {
    bytes.len() >= at + 3
        && bytes[at] == c
        && bytes[at + 1] == c
        && bytes[at + 2] == c
        && bytes
            .get(at + 3)
            .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Start of the first line after the one at `from` that starts a document (`---`), or `end`.
pub(super) fn next_document(text: &str, from: usize, end: usize) -> usize {
    let bytes = &text.as_bytes()[..end];
    let mut at = from;
    loop {
        match bytes[at..].iter().position(|&b| b == b'\n') {
            Some(nl) => at += nl + 1,
            None => return end,
        }
        if is_marker(bytes, at, b'-') {
            return at;
        }
    }
}

/// What the documents of a chunk reuse: the stack of open collections
/// (a large manifest has thousands of documents; one stack serves them all).
#[derive(Default)]
pub(super) struct Scratch {
    stack: Vec<Frame>,
}

/// Loads the document starting at `start` (at a `---` line or the chunk's
/// start) into `b`; returns where the next document starts. `end` is the end
/// of the chunk, which saphyr would see as the end of the stream.
pub(super) fn load_document(
    b: &mut Builder<'_, '_>,
    scratch: &mut Scratch,
    text: &str,
    start: usize,
    end: usize,
) -> Result<usize> {
    let mut stack = std::mem::take(&mut scratch.stack);
    // A declined document leaves its frames behind.
    stack.clear();
    let mut fast = Fast {
        text,
        bytes: &text.as_bytes()[..end],
        eof: end,
        b,
        stack,
        pending: Pending::None,
        root_started: false,
    };
    let next = fast.document(start);
    scratch.stack = fast.stack;
    next
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Map,
    Seq,
}

struct Frame {
    col: usize,
    kind: Kind,
    /// A sequence written at its parent key's indentation (`key:\n- a`).
    indentless: bool,
}

/// A `key:` or `-` whose value did not start on its line.
#[derive(Clone, Copy, PartialEq)]
enum Pending {
    None,
    Key,
    Dash,
}

#[derive(Clone, Copy, PartialEq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

struct Fast<'t, 'b, 's, 'a> {
    text: &'t str,
    bytes: &'t [u8],
    eof: usize,
    b: &'b mut Builder<'s, 'a>,
    stack: Vec<Frame>,
    pending: Pending,
    root_started: bool,
}

fn is_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

impl<'t> Fast<'t, '_, '_, '_> {
    fn emit(&mut self, event: Event<'_>, start: usize, end: usize) -> Result<()> {
        if self.b.on_event(event, start as u32, end as u32) {
            Ok(())
        } else {
            Err(Decline)
        }
    }

    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: Style,
        start: usize,
        end: usize,
    ) -> Result<()> {
        self.b
            .on_scalar(value, style, 0, None, start as u32, end as u32);
        Ok(())
    }

    /// End of a line's content (before `\r\n` or `\n`) and start of the next line.
    fn line(&self, at: usize) -> Result<(usize, usize)> {
        let bytes = self.bytes;
        let len = bytes.len();
        let mut i = at;
        loop {
            // On to the next byte that needs a look, eight bytes at a time.
            loop {
                if i + 8 > len {
                    while i < len && !is_special(bytes[i]) {
                        i += 1;
                    }
                    break;
                }
                let m = special_mask(word(bytes, i));
                if m != 0 {
                    i += (m.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            if i == len {
                return Ok((i, i));
            }
            match bytes[i] {
                b'\n' => return Ok((i, i + 1)),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => return Ok((i, i + 2)),
                b'\t' => {}
                b if b < 0x80 => return Err(Decline),
                _ if !self.plain_char(i) => return Err(Decline),
                _ => {}
            }
            i += 1;
        }
    }

    /// Non-ASCII characters that saphyr treats specially (a byte order mark,
    /// C1 controls and the Unicode line breaks) are left to it.
    fn plain_char(&self, i: usize) -> bool {
        let bytes = self.bytes;
        match bytes[i] {
            0xC2 => !matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
            0xE2 => {
                !(bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)))
            }
            0xEF => !(bytes.get(i + 1) == Some(&0xBB) && bytes.get(i + 2) == Some(&0xBF)),
            _ => true,
        }
    }

    fn document(&mut self, start: usize) -> Result<usize> {
        let bytes = self.bytes;
        let mut pos = start;
        if pos == 0 && bytes.starts_with(BOM) {
            pos = BOM.len();
        }
        let mut started = false;
        if is_marker(bytes, pos, b'-') {
            let (ce, next) = self.line(pos)?;
            self.trailing(pos + 3, ce)?;
            self.emit(Event::DocumentStart(true), pos, pos + 3)?;
            started = true;
            pos = next;
        }
        let mut ended = false;
        while pos < self.eof {
            let (ce, next) = self.line(pos)?;
            let i = skip_blanks(bytes, pos, ce);
            if i == ce || bytes[i] == b'#' {
                pos = next;
                continue;
            }
            if bytes[i] == b'\t' {
                return Err(Decline);
            }
            if i == pos && is_marker(bytes, i, b'-') {
                break;
            }
            if ended {
                return Err(Decline);
            }
            if i == pos && is_marker(bytes, i, b'.') {
                self.trailing(i + 3, ce)?;
                if !started {
                    // `...` alone: saphyr reads no document here.
                    return Err(Decline);
                }
                self.finish(i, i + 3)?;
                ended = true;
                pos = next;
                continue;
            }
            if !started {
                self.emit(Event::DocumentStart(false), i, i)?;
                started = true;
            }
            pos = self.content_line(pos, i, ce, next)?;
        }
        if started && !ended {
            self.finish(pos, pos)?;
        }
        Ok(pos.min(self.eof))
    }

    /// Closes everything open and ends the document (`...` at `start..end`, or nothing).
    fn finish(&mut self, start: usize, end: usize) -> Result<()> {
        self.close_pending()?;
        while !self.stack.is_empty() {
            self.pop()?;
        }
        self.emit(Event::DocumentEnd, start, end)
    }

    fn close_pending(&mut self) -> Result<()> {
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => Ok(()),
            Pending::Key => self.scalar(Cow::Borrowed(""), Style::Plain, 0, 0),
            // An empty item's position depends on tokens saphyr does not report.
            Pending::Dash => Err(Decline),
        }
    }

    fn pop(&mut self) -> Result<()> {
        self.stack.pop().ok_or(Decline)?;
        self.b.on_collection_end(0);
        Ok(())
    }

    fn push(&mut self, kind: Kind, col: usize, indentless: bool, at: usize) -> Result<()> {
        self.stack.push(Frame {
            col,
            kind,
            indentless,
        });
        self.start_collection(kind == Kind::Seq, at, at)
    }

    fn start_collection(&mut self, is_sequence: bool, start: usize, end: usize) -> Result<()> {
        if self
            .b
            .on_collection_start(is_sequence, 0, None, start as u32, end as u32)
        {
            Ok(())
        } else {
            Err(Decline)
        }
    }

    /// `-` followed by a blank or the end of the line.
    fn is_dash(&self, i: usize, ce: usize) -> bool {
        self.bytes[i] == b'-' && (i + 1 == ce || self.bytes[i + 1] == b' ')
    }

    /// One line with content at `i` (`ls` is the line's start); returns the
    /// start of the next line to read.
    fn content_line(&mut self, ls: usize, i: usize, ce: usize, next: usize) -> Result<usize> {
        let col = i - ls;
        let dash = self.is_dash(i, ce);
        match self.pending {
            Pending::None => {}
            pending => {
                let top = self.stack.last().ok_or(Decline)?;
                if col > top.col {
                    self.pending = Pending::None;
                    return self.open(ls, i, ce, next, dash);
                }
                if pending == Pending::Key && col == top.col && dash {
                    self.pending = Pending::None;
                    self.push(Kind::Seq, col, true, i)?;
                    return self.dash_item(ls, i, ce, next);
                }
                self.close_pending()?;
            }
        }
        while let Some(top) = self.stack.last() {
            if top.col > col || (top.col == col && top.indentless && !dash) {
                self.pop()?;
            } else {
                break;
            }
        }
        let Some(top) = self.stack.last() else {
            if self.root_started {
                return Err(Decline);
            }
            self.root_started = true;
            return self.open(ls, i, ce, next, dash);
        };
        match top.kind {
            _ if top.col != col => Err(Decline),
            Kind::Seq if dash => self.dash_item(ls, i, ce, next),
            Kind::Map if !dash => self.key_line(i, ce, next),
            _ => Err(Decline),
        }
    }

    /// A block collection starting on this line.
    fn open(&mut self, ls: usize, i: usize, ce: usize, next: usize, dash: bool) -> Result<usize> {
        if dash {
            self.push(Kind::Seq, i - ls, false, i)?;
            self.dash_item(ls, i, ce, next)
        } else {
            self.push(Kind::Map, i - ls, false, i)?;
            self.key_line(i, ce, next)
        }
    }

    fn dash_item(&mut self, ls: usize, d: usize, ce: usize, next: usize) -> Result<usize> {
        let bytes = self.bytes;
        let j = skip_blanks(bytes, d + 1, ce);
        if j == ce || bytes[j] == b'#' {
            self.pending = Pending::Dash;
            return Ok(next);
        }
        if bytes[j] == b'\t' || self.is_dash(j, ce) {
            return Err(Decline);
        }
        match self.find_key(j, ce)? {
            Some(key) => {
                self.push(Kind::Map, j - ls, false, j)?;
                self.key_entry(key, ce, next)
            }
            None => self.value(j, ce, next),
        }
    }

    fn key_line(&mut self, i: usize, ce: usize, next: usize) -> Result<usize> {
        let key = self.find_key(i, ce)?.ok_or(Decline)?;
        self.key_entry(key, ce, next)
    }

    fn key_entry(&mut self, key: Key<'t>, ce: usize, next: usize) -> Result<usize> {
        self.emit_scalar_token(key.token)?;
        let bytes = self.bytes;
        let k = skip_blanks(bytes, key.colon + 1, ce);
        if k == ce || bytes[k] == b'#' {
            self.pending = Pending::Key;
            return Ok(next);
        }
        if bytes[k] == b'\t' {
            return Err(Decline);
        }
        self.value(k, ce, next)
    }

    /// A mapping key on one line, if the text at `i` is one: the key token
    /// and the offset of its `:`.
    fn find_key(&self, i: usize, ce: usize) -> Result<Option<Key<'t>>> {
        let bytes = self.bytes;
        let text: &'t str = self.text;
        let (token, after) = match bytes[i] {
            b'"' | b'\'' => {
                let token = self.quoted(i, ce)?;
                let end = token.end;
                (token, end)
            }
            _ => {
                if !self.plain_start(i, ce) {
                    return Ok(None);
                }
                let mut j = i;
                loop {
                    j = plain_stop(bytes, j, ce);
                    if j == ce {
                        return Ok(None);
                    }
                    match bytes[j] {
                        b':' if j + 1 == ce || bytes[j + 1] == b' ' => break,
                        b'\t' => return Err(Decline),
                        b'#' if bytes[j - 1] == b' ' => return Ok(None),
                        _ => j += 1,
                    }
                }
                let mut end = j;
                while bytes[end - 1] == b' ' {
                    end -= 1;
                }
                let token = Token {
                    start: i,
                    end,
                    value: Cow::Borrowed(&text[i..end]),
                    style: Style::Plain,
                };
                (token, j)
            }
        };
        let k = skip_blanks(bytes, after, ce);
        // saphyr reads keys longer than 1024 characters differently.
        if k - token.start > 1000 {
            return Err(Decline);
        }
        if k < ce && bytes[k] == b':' && (k + 1 == ce || bytes[k + 1] == b' ') {
            Ok(Some(Key { token, colon: k }))
        } else if token.style == Style::Plain {
            Err(Decline)
        } else {
            Ok(None)
        }
    }

    fn emit_scalar_token(&mut self, token: Token<'t>) -> Result<()> {
        self.scalar(token.value, token.style, token.start, token.end)
    }

    /// Whether a plain scalar may start at `i` (in block context).
    fn plain_start(&self, i: usize, ce: usize) -> bool {
        let bytes = self.bytes;
        match bytes[i] {
            b'-' | b'?' | b':' => i + 1 < ce && !matches!(bytes[i + 1], b' ' | b'\t'),
            b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
            | b'"' | b'%' | b'@' | b'`' | b' ' | b'\t' => false,
            _ => true,
        }
    }

    /// A value starting at `v` on its line.
    fn value(&mut self, v: usize, ce: usize, next: usize) -> Result<usize> {
        let bytes = self.bytes;
        match bytes[v] {
            b'|' | b'>' => self.block_scalar(v, ce, next),
            b'"' | b'\'' => {
                let token = self.quoted(v, ce)?;
                self.trailing(token.end, ce)?;
                self.emit_scalar_token(token)?;
                Ok(next)
            }
            b'[' | b'{' => {
                let end = self.flow(v, ce)?;
                // saphyr's span of a closing bracket runs on over the blanks
                // after it, which changes the collection's range: left to it.
                if end != ce {
                    return Err(Decline);
                }
                Ok(next)
            }
            _ => {
                if !self.plain_start(v, ce) {
                    return Err(Decline);
                }
                let mut j = v;
                loop {
                    j = plain_stop(bytes, j, ce);
                    if j == ce {
                        break;
                    }
                    match bytes[j] {
                        b':' if j + 1 == ce || bytes[j + 1] == b' ' => return Err(Decline),
                        b'\t' => return Err(Decline),
                        b'#' if bytes[j - 1] == b' ' => break,
                        _ => j += 1,
                    }
                }
                let mut end = j;
                while bytes[end - 1] == b' ' {
                    end -= 1;
                }
                self.scalar(Cow::Borrowed(&self.text[v..end]), Style::Plain, v, end)?;
                Ok(next)
            }
        }
    }

    /// Only blanks and a comment may follow a token at `at`.
    fn trailing(&self, at: usize, ce: usize) -> Result<()> {
        let bytes = self.bytes;
        let mut k = at;
        while k < ce && bytes[k] == b' ' {
            k += 1;
        }
        if k == ce || (k > at && bytes[k] == b'#') {
            Ok(())
        } else {
            Err(Decline)
        }
    }

    /// A quoted scalar that closes on its line.
    fn quoted(&self, q: usize, ce: usize) -> Result<Token<'t>> {
        let bytes = self.bytes;
        let text: &'t str = self.text;
        let quote = bytes[q];
        let mut owned: Option<String> = None;
        let mut seg = q + 1;
        let mut j = q + 1;
        loop {
            if j >= ce {
                return Err(Decline);
            }
            match bytes[j] {
                b'\t' => return Err(Decline),
                b'\'' if quote == b'\'' => {
                    if bytes.get(j + 1) == Some(&b'\'') && j + 1 < ce {
                        let s = owned.get_or_insert_with(String::new);
                        s.push_str(&text[seg..=j]);
                        j += 2;
                        seg = j;
                    } else {
                        break;
                    }
                }
                b'"' if quote == b'"' => break,
                b'\\' if quote == b'"' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&text[seg..j]);
                    let (c, len) = escape(&bytes[j + 1..ce]).ok_or(Decline)?;
                    s.push(c);
                    j += 1 + len;
                    seg = j;
                }
                _ => j += 1,
            }
        }
        let value = match owned {
            Some(mut s) => {
                s.push_str(&text[seg..j]);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(&text[q + 1..j]),
        };
        Ok(Token {
            start: q,
            end: j + 1,
            value,
            style: if quote == b'"' {
                Style::DoubleQuoted
            } else {
                Style::SingleQuoted
            },
        })
    }

    /// A flow sequence or mapping of scalars that closes on its line; returns its end.
    fn flow(&mut self, v: usize, ce: usize) -> Result<usize> {
        let bytes = self.bytes;
        let map = bytes[v] == b'{';
        let close = if map { b'}' } else { b']' };
        self.start_collection(!map, v, v + 1)?;
        let mut j = self.skip_spaces(v + 1, ce);
        if j < ce && bytes[j] == close {
            self.b.on_collection_end((j + 1) as u32);
            return Ok(j + 1);
        }
        loop {
            j = self.flow_scalar(j, ce)?;
            j = self.skip_spaces(j, ce);
            if map {
                if !(j + 1 < ce && bytes[j] == b':' && bytes[j + 1] == b' ') {
                    return Err(Decline);
                }
                j = self.skip_spaces(j + 1, ce);
                j = self.flow_scalar(j, ce)?;
                j = self.skip_spaces(j, ce);
            }
            match bytes.get(j) {
                Some(b',') if j < ce => {
                    j = self.skip_spaces(j + 1, ce);
                    if j >= ce || bytes[j] == close {
                        return Err(Decline);
                    }
                }
                Some(&c) if c == close && j < ce => {
                    self.b.on_collection_end((j + 1) as u32);
                    return Ok(j + 1);
                }
                _ => return Err(Decline),
            }
        }
    }

    fn skip_spaces(&self, j: usize, ce: usize) -> usize {
        skip_blanks(self.bytes, j, ce)
    }

    /// A quoted or plain scalar inside a one-line flow collection; returns its end.
    fn flow_scalar(&mut self, j: usize, ce: usize) -> Result<usize> {
        let bytes = self.bytes;
        if j >= ce {
            return Err(Decline);
        }
        match bytes[j] {
            b'"' | b'\'' => {
                let token = self.quoted(j, ce)?;
                let end = token.end;
                self.emit_scalar_token(token)?;
                Ok(end)
            }
            b'-' if j + 1 < ce && bytes[j + 1].is_ascii_alphanumeric() => self.flow_plain(j, ce),
            b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!'
            | b'|' | b'>' | b'%' | b'@' | b'`' | b' ' | b'\t' => Err(Decline),
            _ => self.flow_plain(j, ce),
        }
    }

    fn flow_plain(&mut self, j: usize, ce: usize) -> Result<usize> {
        let bytes = self.bytes;
        let mut k = j;
        while k < ce && !matches!(bytes[k], b',' | b'[' | b']' | b'{' | b'}' | b':') {
            if matches!(bytes[k], b'#' | b'\t') {
                return Err(Decline);
            }
            k += 1;
        }
        let mut end = k;
        while bytes[end - 1] == b' ' {
            end -= 1;
        }
        self.scalar(Cow::Borrowed(&self.text[j..end]), Style::Plain, j, end)?;
        Ok(end)
    }

    /// A literal or folded block scalar whose header is at `v`; a line-for-line
    /// port of saphyr's `scan_block_scalar`, so that value and span match.
    /// Returns the start of the first line after it.
    fn block_scalar(&mut self, v: usize, ce: usize, next: usize) -> Result<usize> {
        let bytes = self.bytes;
        let eof = self.eof;
        let folded = bytes[v] == b'>';
        // saphyr's indentation level: the innermost block collection's column.
        let sind = self.stack.last().ok_or(Decline)?.col;
        let mut chomp = Chomp::Clip;
        let mut increment = 0usize;
        let mut j = v + 1;
        let chomp_of = |b: u8| match b {
            b'+' => Some(Chomp::Keep),
            b'-' => Some(Chomp::Strip),
            _ => None,
        };
        // `0` is no indentation indicator: it is left in place and declined below.
        let digit = |j: usize| {
            (j < ce && matches!(bytes[j], b'1'..=b'9')).then(|| (bytes[j] - b'0') as usize)
        };
        if let Some(c) = (j < ce).then(|| chomp_of(bytes[j])).flatten() {
            chomp = c;
            j += 1;
            if let Some(d) = digit(j) {
                increment = d;
                j += 1;
            }
        } else if let Some(d) = digit(j) {
            increment = d;
            j += 1;
            if let Some(c) = (j < ce).then(|| chomp_of(bytes[j])).flatten() {
                chomp = c;
                j += 1;
            }
        }
        self.trailing(j, ce)?;
        if next >= eof {
            return Err(Decline);
        }
        let mut pos = next;
        if bytes[pos] == b'\t' {
            return Err(Decline);
        }
        let mut breaks = 0usize;
        let mut col = 0usize;
        let mut indent = if increment > 0 { sind + increment } else { 0 };
        if indent == 0 {
            let mut max_indent = 0;
            loop {
                while pos < eof && bytes[pos] == b' ' {
                    pos += 1;
                    col += 1;
                }
                max_indent = max_indent.max(col);
                if pos < eof && is_break(bytes[pos]) {
                    pos = skip_break(bytes, pos);
                    breaks += 1;
                    col = 0;
                } else {
                    break;
                }
            }
            indent = max_indent.max(sind + 1);
        } else {
            skip_indent(bytes, eof, &mut pos, &mut col, indent, &mut breaks);
        }
        if pos >= eof || (col < indent && col > sind) {
            return Err(Decline);
        }
        // saphyr's span starts here, and the loader takes a `|` or `>` at a
        // span's start for the indicator: such scalars get the range saphyr's do.
        if matches!(bytes[pos], b'|' | b'>') {
            return Err(Decline);
        }
        let mut s = String::new();
        let mut leading_break = false;
        let mut leading_blank = false;
        while col == indent && pos < eof && !is_break(bytes[pos]) {
            let trailing_blank = matches!(bytes[pos], b' ' | b'\t');
            if folded && leading_break && !leading_blank && !trailing_blank {
                if breaks == 0 {
                    s.push(' ');
                }
            } else if leading_break {
                s.push('\n');
            }
            push_breaks(&mut s, breaks);
            leading_break = false;
            breaks = 0;
            leading_blank = trailing_blank;
            let mut le = pos;
            while le < eof && !is_break(bytes[le]) {
                let b = bytes[le];
                if (b < 0x20 && b != b'\t') || b == 0x7f || (b >= 0x80 && !self.plain_char(le)) {
                    return Err(Decline);
                }
                le += 1;
            }
            s.push_str(&self.text[pos..le]);
            col += le - pos;
            pos = le;
            if pos >= eof {
                break;
            }
            pos = skip_break(bytes, pos);
            leading_break = true;
            col = 0;
            skip_indent(bytes, eof, &mut pos, &mut col, indent, &mut breaks);
        }
        if chomp != Chomp::Strip {
            if leading_break {
                s.push('\n');
            }
            if pos >= eof && col >= indent.max(1) {
                s.push('\n');
            }
        }
        if chomp == Chomp::Keep {
            push_breaks(&mut s, breaks);
        }
        if bytes[next..pos]
            .iter()
            .enumerate()
            .any(|(k, _)| lone_cr(bytes, next + k))
        {
            return Err(Decline);
        }
        let style = if folded {
            Style::Folded
        } else {
            Style::Literal
        };
        self.scalar(Cow::Owned(s), style, v, pos)?;
        Ok(if pos >= eof { eof } else { pos - col })
    }
}

fn push_breaks(s: &mut String, n: usize) {
    for _ in 0..n {
        s.push('\n');
    }
}

/// Past the line break at `pos`. A lone `\r` (which saphyr reads as a break,
/// unlike the line scanner here) is treated as `\n` and flagged by [`lone_cr`].
fn skip_break(bytes: &[u8], pos: usize) -> usize {
    if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
        pos + 2
    } else {
        pos + 1
    }
}

fn lone_cr(bytes: &[u8], pos: usize) -> bool {
    bytes[pos] == b'\r' && bytes.get(pos + 1) != Some(&b'\n')
}

/// saphyr's `skip_block_scalar_indent`: eats indentation up to `indent` and empty lines.
fn skip_indent(
    bytes: &[u8],
    eof: usize,
    pos: &mut usize,
    col: &mut usize,
    indent: usize,
    breaks: &mut usize,
) {
    loop {
        while *col < indent && *pos < eof && bytes[*pos] == b' ' {
            *pos += 1;
            *col += 1;
        }
        if *pos < eof && is_break(bytes[*pos]) {
            *pos = skip_break(bytes, *pos);
            *breaks += 1;
            *col = 0;
        } else {
            break;
        }
    }
}

/// A double-quoted escape after its `\`: the character and the bytes it used.
fn escape(rest: &[u8]) -> Option<(char, usize)> {
    let c = match *rest.first()? {
        b'0' => '\0',
        b'a' => '\x07',
        b'b' => '\x08',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\x0b',
        b'f' => '\x0c',
        b'r' => '\r',
        b'e' => '\x1b',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' | b'u' | b'U' => {
            let len = match rest[0] {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            let hex = rest.get(1..1 + len)?;
            let hex = std::str::from_utf8(hex).ok()?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let code = u32::from_str_radix(hex, 16).ok()?;
            return Some((char::from_u32(code)?, 1 + len));
        }
        _ => return None,
    };
    Some((c, 1))
}

struct Token<'t> {
    start: usize,
    end: usize,
    value: Cow<'t, str>,
    style: Style,
}

struct Key<'t> {
    token: Token<'t>,
    colon: usize,
}
