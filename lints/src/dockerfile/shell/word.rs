//! Scanning one shell word: quote removal, escapes, and the positions of the
//! expansions and command substitutions inside it.
//!
//! Nesting (`"$(a "${b:-$(c)}")"`) is tracked with an explicit stack rather
//! than recursion, so pathological input cannot overflow the call stack. The
//! bodies of command substitutions are only *delimited* here; the parser lexes
//! them afterwards as scripts of their own.

use crate::text::TextRange;

/// A parameter expansion found in a word: `$PKG`, `${VERSION}`, `${V:-1}`, `$1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// The whole expansion, `$` included.
    pub range: TextRange,
    /// The parameter name (`VERSION` for `${VERSION%%-*}`, `1` for `$1`).
    pub name: String,
}

/// How a command substitution was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubstKind {
    /// `$( … )`
    Dollar,
    /// `` ` … ` ``
    Backtick,
    /// `<( … )` or `>( … )`
    Process,
}

/// A command substitution inside a word; `body` is the text between the
/// delimiters, which the parser reads as a script of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Substitution {
    pub kind: SubstKind,
    pub body: TextRange,
}

#[derive(Debug, Default)]
pub(crate) struct ScannedWord {
    pub end: usize,
    pub value: String,
    pub quoted: bool,
    pub has_expansion: bool,
    pub has_glob: bool,
    pub params: Vec<Param>,
    pub substitutions: Vec<Substitution>,
    /// Set when input ended inside a quote or substitution: (where it opened, what).
    pub unterminated: Option<(usize, &'static str)>,
}

#[derive(Clone, Copy, Debug)]
enum Ctx {
    /// Inside `"…"`.
    Dq,
    /// Inside `${…}`.
    Brace,
    /// Inside `$(…)` or `<(…)`: unmatched `(` count, open `case`s, and
    /// whether the previous byte ended a word (for `#` comments and `case`).
    Paren { depth: u32, cases: u32 },
    /// Inside `` `…` ``.
    Backtick,
    /// Inside `$((…))`.
    Arith { depth: u32 },
}

/// One entry of the context stack, with what is needed when it closes.
#[derive(Clone, Copy, Debug)]
struct Frame {
    ctx: Ctx,
    /// Byte offset where the construct opened (its `$`, quote or backtick).
    open: usize,
    /// Offset where the body starts, for substitutions recorded on close.
    body: usize,
    /// Whether this construct is recorded (a substitution or parameter seen
    /// at the word's own level, not nested inside another substitution).
    record: Option<SubstKind>,
    param: bool,
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

/// Bytes that end an unquoted word.
pub(crate) fn is_word_end(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>'
    )
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Length in bytes of the UTF-8 character starting at `i` (1 for ASCII or
/// for invalid positions, which cannot happen on a `&str`).
fn char_len(src: &str, i: usize) -> usize {
    src.get(i..)
        .and_then(|s| s.chars().next())
        .map_or(1, char::len_utf8)
}

/// Whether the `len` bytes at `i` form the word `kw` standing alone.
fn keyword_at(bytes: &[u8], i: usize, kw: &[u8]) -> bool {
    let end = i + kw.len();
    bytes.get(i..end) == Some(kw) && bytes.get(end).is_none_or(|&b| is_word_end(b))
}

/// Scans the word starting at `start` (which must not be a word-ending byte,
/// except for `<(`/`>(` process substitutions). `limit` is where the region
/// being lexed ends.
pub(crate) fn scan_word(src: &str, start: usize, limit: usize) -> ScannedWord {
    let bytes = &src.as_bytes()[..limit];
    let mut out = ScannedWord::default();
    let mut value: Vec<u8> = Vec::new();
    let mut stack = Stack::default();
    let mut i = start;

    // `<(cmd)` / `>(cmd)` at the start of a word.
    if matches!(bytes.get(i), Some(b'<' | b'>')) && bytes.get(i + 1) == Some(&b'(') {
        stack.push(Frame {
            ctx: Ctx::Paren { depth: 0, cases: 0 },
            open: i,
            body: i + 2,
            record: Some(SubstKind::Process),
            param: false,
        });
        out.has_expansion = true;
        i += 2;
    }

    while i < bytes.len() {
        let b = bytes[i];
        // Text is unquoted into `value` only at the word's own level (bare or
        // inside plain double quotes); deeper constructs are copied raw when
        // they close.
        let top = stack.last().map(|f| f.ctx);
        match top {
            None => {
                if is_word_end(b) {
                    // `NAME=(a b)` array assignments keep their parentheses.
                    if b == b'(' && is_array_assignment_prefix(&bytes[start..i]) {
                        let end = skip_balanced_parens(bytes, i);
                        value.extend_from_slice(&bytes[i..end]);
                        i = end;
                        continue;
                    }
                    break;
                }
                match b {
                    b'\'' => {
                        out.quoted = true;
                        match memchr(b'\'', bytes, i + 1) {
                            Some(close) => {
                                value.extend_from_slice(&bytes[i + 1..close]);
                                i = close + 1;
                            }
                            None => {
                                value.extend_from_slice(&bytes[i + 1..]);
                                out.unterminated
                                    .get_or_insert((i, "unterminated single quote"));
                                i = bytes.len();
                            }
                        }
                    }
                    b'"' => {
                        out.quoted = true;
                        stack.push(frame(Ctx::Dq, i, i + 1));
                        i += 1;
                    }
                    b'\\' => {
                        out.quoted = true;
                        i = unescape(src, bytes, i, &mut value, |_| true);
                    }
                    b'$' => i = dollar(src, bytes, i, &mut stack, &mut out, &mut value),
                    b'`' => i = open_backtick(i, &mut stack, &mut out),
                    b'*' | b'?' | b'[' => {
                        out.has_glob = true;
                        value.push(b);
                        i += 1;
                    }
                    _ => {
                        let n = char_len(src, i);
                        value.extend_from_slice(&bytes[i..i + n]);
                        i += n;
                    }
                }
            }
            Some(Ctx::Dq) => {
                let at_word_level = stack.len() == 1;
                match b {
                    b'"' => {
                        i += 1;
                        close(src, &mut stack, i, &mut out, &mut value, false);
                    }
                    b'\\' if at_word_level => {
                        i = unescape(src, bytes, i, &mut value, |c| {
                            matches!(c, b'$' | b'`' | b'"' | b'\\' | b'\n')
                        });
                    }
                    b'\\' => i += 2,
                    b'$' => i = dollar(src, bytes, i, &mut stack, &mut out, &mut value),
                    b'`' => i = open_backtick(i, &mut stack, &mut out),
                    _ => {
                        let n = char_len(src, i);
                        if at_word_level {
                            value.extend_from_slice(&bytes[i..i + n]);
                        }
                        i += n;
                    }
                }
            }
            Some(Ctx::Brace) => match b {
                b'}' => {
                    i += 1;
                    close(src, &mut stack, i, &mut out, &mut value, false);
                }
                b'\'' if stack.dq == 0 => {
                    i = memchr(b'\'', bytes, i + 1).map_or(bytes.len(), |c| c + 1);
                }
                b'"' => {
                    stack.push(frame(Ctx::Dq, i, i + 1));
                    i += 1;
                }
                b'\\' => i += 2,
                b'$' => i = dollar(src, bytes, i, &mut stack, &mut out, &mut value),
                b'`' => i = open_backtick(i, &mut stack, &mut out),
                _ => i += 1,
            },
            Some(Ctx::Paren { depth, cases }) => {
                let word_start = i == stack.last().map_or(0, |f| f.body)
                    || i.checked_sub(1).is_some_and(|p| is_word_end(bytes[p]));
                let set = |stack: &mut Stack, depth, cases| {
                    if let Some(f) = stack.last_mut() {
                        f.ctx = Ctx::Paren { depth, cases };
                    }
                };
                match b {
                    b'(' => {
                        set(&mut stack, depth + 1, cases);
                        i += 1;
                    }
                    b')' if depth > 0 => {
                        set(&mut stack, depth - 1, cases);
                        i += 1;
                    }
                    // A `case` pattern's `)` does not close the substitution.
                    b')' if cases > 0 => i += 1,
                    b')' => {
                        i += 1;
                        close(src, &mut stack, i, &mut out, &mut value, false);
                    }
                    b'#' if word_start => {
                        i = memchr(b'\n', bytes, i).unwrap_or(bytes.len());
                    }
                    b'c' if word_start && keyword_at(bytes, i, b"case") => {
                        set(&mut stack, depth, cases + 1);
                        i += 4;
                    }
                    b'e' if word_start && keyword_at(bytes, i, b"esac") => {
                        set(&mut stack, depth, cases.saturating_sub(1));
                        i += 4;
                    }
                    b'\'' => i = memchr(b'\'', bytes, i + 1).map_or(bytes.len(), |c| c + 1),
                    b'"' => {
                        stack.push(frame(Ctx::Dq, i, i + 1));
                        i += 1;
                    }
                    b'\\' => i += 2,
                    b'$' => i = dollar(src, bytes, i, &mut stack, &mut out, &mut value),
                    b'`' => i = open_backtick(i, &mut stack, &mut out),
                    _ => i += 1,
                }
            }
            Some(Ctx::Backtick) => match b {
                b'`' => {
                    i += 1;
                    close(src, &mut stack, i, &mut out, &mut value, false);
                }
                b'\\' => i += 2,
                _ => i += 1,
            },
            Some(Ctx::Arith { depth }) => match b {
                b'(' => {
                    if let Some(f) = stack.last_mut() {
                        f.ctx = Ctx::Arith { depth: depth + 1 };
                    }
                    i += 1;
                }
                b')' if depth > 0 => {
                    if let Some(f) = stack.last_mut() {
                        f.ctx = Ctx::Arith { depth: depth - 1 };
                    }
                    i += 1;
                }
                b')' => {
                    i += if bytes.get(i + 1) == Some(&b')') {
                        2
                    } else {
                        1
                    };
                    close(src, &mut stack, i, &mut out, &mut value, false);
                }
                b'$' => i = dollar(src, bytes, i, &mut stack, &mut out, &mut value),
                b'`' => i = open_backtick(i, &mut stack, &mut out),
                _ => i += 1,
            },
        }
    }
    i = i.min(bytes.len());

    // Half-typed input: close everything at the end so that `$(curl x | sh`
    // still yields its body, and report where the innermost construct opened.
    if let Some(f) = stack.last() {
        let what = match f.ctx {
            Ctx::Dq => "unterminated double quote",
            Ctx::Brace => "unterminated `${`",
            Ctx::Paren { .. } => "unterminated `$(`",
            Ctx::Backtick => "unterminated backtick",
            Ctx::Arith { .. } => "unterminated `$((`",
        };
        out.unterminated.get_or_insert((f.open, what));
    }
    while !stack.is_empty() {
        close(src, &mut stack, i, &mut out, &mut value, true);
    }
    out.end = i;
    out.value = String::from_utf8(value)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    out
}

/// The context stack, with counts that keep the "at word level" and
/// "recording" questions O(1) however deep the nesting.
#[derive(Default)]
struct Stack {
    frames: Vec<Frame>,
    /// Open double quotes.
    dq: usize,
    /// Open substitutions and arithmetic, inside which nothing is recorded.
    blocking: usize,
}

impl Stack {
    fn counts(ctx: Ctx) -> (usize, usize) {
        match ctx {
            Ctx::Dq => (1, 0),
            Ctx::Brace => (0, 0),
            Ctx::Paren { .. } | Ctx::Backtick | Ctx::Arith { .. } => (0, 1),
        }
    }

    fn push(&mut self, f: Frame) {
        let (dq, blocking) = Self::counts(f.ctx);
        self.dq += dq;
        self.blocking += blocking;
        self.frames.push(f);
    }

    fn pop(&mut self) -> Option<Frame> {
        let f = self.frames.pop()?;
        let (dq, blocking) = Self::counts(f.ctx);
        self.dq -= dq;
        self.blocking -= blocking;
        Some(f)
    }

    fn last(&self) -> Option<&Frame> {
        self.frames.last()
    }

    /// For updating counters inside a frame; the kind of context must not change.
    fn last_mut(&mut self) -> Option<&mut Frame> {
        self.frames.last_mut()
    }

    fn len(&self) -> usize {
        self.frames.len()
    }

    fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }
}

fn frame(ctx: Ctx, open: usize, body: usize) -> Frame {
    Frame {
        ctx,
        open,
        body,
        record: None,
        param: false,
    }
}

/// Whether a word's bytes so far read `NAME=` or `NAME+=`.
fn is_array_assignment_prefix(prefix: &[u8]) -> bool {
    let Some(name) = prefix.strip_suffix(b"=") else {
        return false;
    };
    let name = name.strip_suffix(b"+").unwrap_or(name);
    !name.is_empty() && is_name_start(name[0]) && name.iter().all(|&b| is_name_byte(b))
}

/// End of the balanced `( … )` starting at `open` (quotes respected; input
/// end if unbalanced).
pub(crate) fn skip_balanced_parens(bytes: &[u8], open: usize) -> usize {
    let mut depth = 0u32;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            b'\\' => i += 1,
            b'\'' | b'"' => {
                let q = bytes[i];
                i = memchr(q, bytes, i + 1).unwrap_or(bytes.len());
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

pub(crate) fn memchr(needle: u8, bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|p| p + from)
}

/// Handles a backslash at `i`; `escapes(c)` says whether `\c` drops the
/// backslash in this context. Returns the next offset.
fn unescape(
    src: &str,
    bytes: &[u8],
    i: usize,
    value: &mut Vec<u8>,
    escapes: impl Fn(u8) -> bool,
) -> usize {
    let Some(&next) = bytes.get(i + 1) else {
        value.push(b'\\');
        return i + 1;
    };
    if next == b'\n' {
        return i + 2;
    }
    let n = char_len(src, i + 1);
    if !escapes(next) {
        value.push(b'\\');
    }
    value.extend_from_slice(&bytes[i + 1..i + 1 + n]);
    i + 1 + n
}

fn recording(stack: &Stack) -> bool {
    stack.blocking == 0
}

fn at_word_level(stack: &Stack) -> bool {
    stack.len() == stack.dq
}

fn open_backtick(i: usize, stack: &mut Stack, out: &mut ScannedWord) -> usize {
    out.has_expansion = true;
    let record = recording(stack).then_some(SubstKind::Backtick);
    stack.push(Frame {
        record,
        ..frame(Ctx::Backtick, i, i + 1)
    });
    i + 1
}

/// Pops the innermost construct, which ended just before `end`.
fn close(
    src: &str,
    stack: &mut Stack,
    end: usize,
    out: &mut ScannedWord,
    value: &mut Vec<u8>,
    truncated: bool,
) {
    let Some(f) = stack.pop() else { return };
    let body_end = match f.ctx {
        Ctx::Dq | Ctx::Brace | Ctx::Backtick | Ctx::Paren { .. } => end.saturating_sub(1),
        Ctx::Arith { .. } => end.saturating_sub(2),
    };
    // A construct cut off by the end of input has no closing delimiter.
    let body_end = if truncated { end } else { body_end }.max(f.body);
    if let Some(kind) = f.record {
        out.substitutions.push(Substitution {
            kind,
            body: TextRange::from_usize(f.body, body_end),
        });
    }
    if f.param {
        out.params.push(Param {
            range: TextRange::from_usize(f.open, end),
            name: brace_param_name(&src[f.body..body_end]),
        });
    }
    if !matches!(f.ctx, Ctx::Dq) && at_word_level(stack) {
        value.extend_from_slice(&src.as_bytes()[f.open..end]);
    }
}

fn brace_param_name(body: &str) -> String {
    let body = body
        .strip_prefix(['#', '!'])
        .filter(|s| !s.is_empty())
        .unwrap_or(body);
    let n = body.bytes().take_while(|&b| is_name_byte(b)).count();
    if n > 0 {
        body[..n].to_string()
    } else {
        body.chars().next().map(String::from).unwrap_or_default()
    }
}

/// Handles a `$` at `i` in any context; returns the next offset.
fn dollar(
    src: &str,
    bytes: &[u8],
    i: usize,
    stack: &mut Stack,
    out: &mut ScannedWord,
    value: &mut Vec<u8>,
) -> usize {
    let word_level = at_word_level(stack);
    let record = recording(stack);
    let push_raw = |value: &mut Vec<u8>, from: usize, to: usize| {
        if word_level {
            value.extend_from_slice(&bytes[from..to]);
        }
    };
    match bytes.get(i + 1).copied() {
        Some(b'(') if bytes.get(i + 2) == Some(&b'(') => {
            out.has_expansion = true;
            stack.push(frame(Ctx::Arith { depth: 0 }, i, i + 3));
            i + 3
        }
        Some(b'(') => {
            out.has_expansion = true;
            stack.push(Frame {
                record: record.then_some(SubstKind::Dollar),
                ..frame(Ctx::Paren { depth: 0, cases: 0 }, i, i + 2)
            });
            i + 2
        }
        Some(b'{') => {
            out.has_expansion = true;
            stack.push(Frame {
                param: word_level,
                ..frame(Ctx::Brace, i, i + 2)
            });
            i + 2
        }
        Some(b'\'') if stack.is_empty() => {
            out.quoted = true;
            ansi_c(src, bytes, i + 2, value, out)
        }
        // `$"…"` is a translatable string; treat it as a plain double quote.
        Some(b'"') if stack.is_empty() => i + 1,
        Some(c) if is_name_start(c) => {
            out.has_expansion = true;
            let mut j = i + 1;
            while j < bytes.len() && is_name_byte(bytes[j]) {
                j += 1;
            }
            if word_level {
                out.params.push(Param {
                    range: TextRange::from_usize(i, j),
                    name: src[i + 1..j].to_string(),
                });
            }
            push_raw(value, i, j);
            j
        }
        Some(c)
            if c.is_ascii_digit()
                || matches!(c, b'@' | b'*' | b'#' | b'?' | b'$' | b'!' | b'-') =>
        {
            out.has_expansion = true;
            if word_level {
                out.params.push(Param {
                    range: TextRange::from_usize(i, i + 2),
                    name: (c as char).to_string(),
                });
            }
            push_raw(value, i, i + 2);
            i + 2
        }
        _ => {
            push_raw(value, i, i + 1);
            i + 1
        }
    }
}

/// Decodes a `$'…'` string whose body starts at `i`; returns the offset after
/// the closing quote.
fn ansi_c(
    src: &str,
    bytes: &[u8],
    mut i: usize,
    value: &mut Vec<u8>,
    out: &mut ScannedWord,
) -> usize {
    let open = i.saturating_sub(2);
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => return i + 1,
            b'\\' if i + 1 < bytes.len() => {
                let c = bytes[i + 1];
                let decoded = match c {
                    b'n' => Some(b'\n'),
                    b't' => Some(b'\t'),
                    b'r' => Some(b'\r'),
                    b'a' => Some(0x07),
                    b'b' => Some(0x08),
                    b'e' | b'E' => Some(0x1b),
                    b'f' => Some(0x0c),
                    b'v' => Some(0x0b),
                    b'\\' | b'\'' | b'"' | b'?' => Some(c),
                    _ => None,
                };
                match decoded {
                    Some(d) => {
                        value.push(d);
                        i += 2;
                    }
                    None => {
                        // Numeric and unicode escapes are kept as written.
                        value.push(b'\\');
                        i += 1;
                    }
                }
            }
            _ => {
                let n = char_len(src, i);
                value.extend_from_slice(&bytes[i..i + n]);
                i += n;
            }
        }
    }
    out.unterminated
        .get_or_insert((open, "unterminated `$'` string"));
    bytes.len()
}

/// Whether the byte at `i` starts a word in operator position of the lexer
/// (used to skip blanks).
pub(crate) fn is_blank_byte(b: u8) -> bool {
    is_blank(b)
}
