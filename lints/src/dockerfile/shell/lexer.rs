//! Splits a script into words, operators, redirections and newlines, and
//! consumes here-document bodies.

use super::word::{ScannedWord, is_blank_byte, memchr, scan_word};
use super::{ParseError, RedirectOp};
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    AndIf,
    OrIf,
    Semi,
    /// `;;`, `;&` and `;;&` all end a `case` arm.
    CaseBreak,
    Amp,
    Pipe,
    PipeAmp,
    LParen,
    RParen,
}

#[derive(Debug)]
pub(crate) enum TokKind {
    Word(ScannedWord),
    Op(Op),
    Redirect {
        fd: Option<u32>,
        op: RedirectOp,
        /// Filled in when the here-document body is consumed.
        heredoc: Option<TextRange>,
    },
    Newline,
    /// `(( … ))` arithmetic command: runs nothing.
    Arith,
}

#[derive(Debug)]
pub(crate) struct Token {
    pub kind: TokKind,
    pub range: TextRange,
}

struct PendingHeredoc {
    redirect: usize,
    delimiter: String,
    strip_tabs: bool,
}

/// Lexes `src[start..limit]`; offsets stay relative to `src`.
pub(crate) fn lex(
    src: &str,
    start: usize,
    limit: usize,
    errors: &mut Vec<ParseError>,
) -> Vec<Token> {
    let bytes = &src.as_bytes()[..limit];
    let mut tokens: Vec<Token> = Vec::new();
    let mut pending: Vec<PendingHeredoc> = Vec::new();
    // The redirect whose delimiter word comes next, and whether it is `<<-`.
    let mut want_delimiter: Option<(usize, bool)> = None;
    let mut i = start;

    while i < bytes.len() {
        let b = bytes[i];
        if is_blank_byte(b) {
            i += 1;
            continue;
        }
        if b == b'\\' && bytes.get(i + 1) == Some(&b'\n') {
            i += 2;
            continue;
        }
        if b == b'#' {
            i = memchr(b'\n', bytes, i).unwrap_or(bytes.len());
            continue;
        }
        let at = i;
        let op = |len: usize, op: Op| (TokKind::Op(op), len);
        let redir = |len: usize, fd: Option<u32>, op: RedirectOp| {
            (
                TokKind::Redirect {
                    fd,
                    op,
                    heredoc: None,
                },
                len,
            )
        };
        let next = |k: usize| bytes.get(i + k).copied();
        let (kind, len) = match b {
            b'\n' => {
                tokens.push(Token {
                    kind: TokKind::Newline,
                    range: TextRange::from_usize(i, i + 1),
                });
                i += 1;
                if !pending.is_empty() {
                    i = read_heredocs(src, bytes, i, &mut pending, &mut tokens, errors);
                }
                continue;
            }
            b'&' if next(1) == Some(b'&') => op(2, Op::AndIf),
            b'&' if next(1) == Some(b'>') && next(2) == Some(b'>') => {
                redir(3, None, RedirectOp::AppendAll)
            }
            b'&' if next(1) == Some(b'>') => redir(2, None, RedirectOp::OutputAll),
            b'&' => op(1, Op::Amp),
            b'|' if next(1) == Some(b'|') => op(2, Op::OrIf),
            b'|' if next(1) == Some(b'&') => op(2, Op::PipeAmp),
            b'|' => op(1, Op::Pipe),
            b';' if next(1) == Some(b';') && next(2) == Some(b'&') => op(3, Op::CaseBreak),
            b';' if matches!(next(1), Some(b';' | b'&')) => op(2, Op::CaseBreak),
            b';' => op(1, Op::Semi),
            b'(' => match (next(1) == Some(b'('))
                .then(|| arith_command_end(bytes, i))
                .flatten()
            {
                Some(end) => (TokKind::Arith, end - i),
                None => op(1, Op::LParen),
            },
            b')' => op(1, Op::RParen),
            b'<' | b'>' if next(1) == Some(b'(') => {
                word(src, i, limit, &mut want_delimiter, &mut pending)
            }
            b'<' | b'>' => redirect_op(bytes, i, None),
            b'0'..=b'9' => {
                let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                match bytes.get(i + digits) {
                    Some(b'<' | b'>') if bytes.get(i + digits + 1) != Some(&b'(') => {
                        let fd = src[i..i + digits].parse().ok();
                        let (kind, len) = redirect_op(bytes, i + digits, fd);
                        (kind, len + digits)
                    }
                    _ => word(src, i, limit, &mut want_delimiter, &mut pending),
                }
            }
            _ => word(src, i, limit, &mut want_delimiter, &mut pending),
        };
        let len = len.max(1);
        if let TokKind::Redirect {
            op: RedirectOp::HereDoc { strip_tabs },
            ..
        } = kind
        {
            want_delimiter = Some((tokens.len(), strip_tabs));
        }
        tokens.push(Token {
            kind,
            range: TextRange::from_usize(at, (at + len).min(bytes.len())),
        });
        i = at + len;
    }
    for p in pending {
        errors.push(ParseError::new(
            tokens[p.redirect].range,
            format!("here-document `{}` has no body", p.delimiter),
        ));
    }
    tokens
}

fn word(
    src: &str,
    i: usize,
    limit: usize,
    want_delimiter: &mut Option<(usize, bool)>,
    pending: &mut Vec<PendingHeredoc>,
) -> (TokKind, usize) {
    let w = scan_word(src, i, limit);
    if let Some((redirect, strip_tabs)) = want_delimiter.take() {
        pending.push(PendingHeredoc {
            redirect,
            delimiter: w.value.clone(),
            strip_tabs,
        });
    }
    let len = w.end - i;
    (TokKind::Word(w), len)
}

fn redirect_op(bytes: &[u8], i: usize, fd: Option<u32>) -> (TokKind, usize) {
    let rest = &bytes[i..];
    let (op, len) = if rest.starts_with(b"<<<") {
        (RedirectOp::HereString, 3)
    } else if rest.starts_with(b"<<-") {
        (RedirectOp::HereDoc { strip_tabs: true }, 3)
    } else if rest.starts_with(b"<<") {
        (RedirectOp::HereDoc { strip_tabs: false }, 2)
    } else if rest.starts_with(b"<>") {
        (RedirectOp::ReadWrite, 2)
    } else if rest.starts_with(b"<&") {
        (RedirectOp::DupInput, 2)
    } else if rest.starts_with(b"<") {
        (RedirectOp::Input, 1)
    } else if rest.starts_with(b">>") {
        (RedirectOp::Append, 2)
    } else if rest.starts_with(b">|") {
        (RedirectOp::Clobber, 2)
    } else if rest.starts_with(b">&") {
        (RedirectOp::DupOutput, 2)
    } else {
        (RedirectOp::Output, 1)
    };
    (
        TokKind::Redirect {
            fd,
            op,
            heredoc: None,
        },
        len,
    )
}

/// If `((` at `i` opens an arithmetic command, the offset after its `))`.
/// `((a) | b)` is two nested subshells, as in bash.
fn arith_command_end(bytes: &[u8], i: usize) -> Option<usize> {
    // Arithmetic commands are short; the cap keeps runs of `(((…` linear.
    const MAX_LEN: usize = 1024;
    let mut depth = 0u32;
    let mut j = i + 2;
    while j < bytes.len().min(i + MAX_LEN) {
        match bytes[j] {
            b'(' => depth += 1,
            b')' if depth == 0 => return (bytes.get(j + 1) == Some(&b')')).then_some(j + 2),
            b')' => depth -= 1,
            b'\n' => return None,
            _ => {}
        }
        j += 1;
    }
    None
}

/// Consumes the bodies of the here-documents opened on the line that just
/// ended; returns where lexing resumes.
fn read_heredocs(
    src: &str,
    bytes: &[u8],
    mut i: usize,
    pending: &mut Vec<PendingHeredoc>,
    tokens: &mut [Token],
    errors: &mut Vec<ParseError>,
) -> usize {
    for p in pending.drain(..) {
        let body_start = i;
        let mut body_end = None;
        while i < bytes.len() {
            let line_end = memchr(b'\n', bytes, i).unwrap_or(bytes.len());
            let mut line = &src[i..line_end];
            line = line.strip_suffix('\r').unwrap_or(line);
            if p.strip_tabs {
                line = line.trim_start_matches('\t');
            }
            let this_line = i;
            i = (line_end + 1).min(bytes.len());
            if line == p.delimiter {
                body_end = Some(this_line);
                break;
            }
        }
        let end = body_end.unwrap_or(bytes.len());
        if body_end.is_none() {
            errors.push(ParseError::new(
                tokens[p.redirect].range,
                format!("here-document `{}` is not terminated", p.delimiter),
            ));
        }
        if let TokKind::Redirect { heredoc, .. } = &mut tokens[p.redirect].kind {
            *heredoc = Some(TextRange::from_usize(body_start, end));
        }
    }
    i
}
