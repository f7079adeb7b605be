//! Splits a Dockerfile into parser directives, comments and logical
//! instructions (continuations joined, heredoc bodies attached).

use nom::character::complete::{alpha1, alphanumeric0, char, space0};
use nom::combinator::{recognize, rest};
use nom::{IResult, Parser};

use super::heredoc::openers;
use super::source_map::LogicalText;
use super::syntax::{Comment, Directive, Heredoc, Keyword, ParseError};
use super::words::is_space;
use crate::text::TextRange;

/// One instruction before its arguments are parsed.
pub(crate) struct RawInstruction {
    /// From the keyword to the end of the logical line.
    pub text: LogicalText,
    pub range: TextRange,
    pub heredocs: Vec<Heredoc>,
}

pub(crate) struct Split {
    pub directives: Vec<Directive>,
    pub escape: char,
    pub instructions: Vec<RawInstruction>,
    pub comments: Vec<Comment>,
    pub errors: Vec<ParseError>,
}

/// Physical lines; a line's content excludes its `\n` or `\r\n`.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Lines<'_> {
    /// `(start, content end)` of the next line.
    fn next_line(&mut self) -> Option<(usize, usize)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let (mut end, next) = match self.text[start..].find('\n') {
            Some(nl) => (start + nl, start + nl + 1),
            None => (self.text.len(), self.text.len()),
        };
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        self.pos = next;
        Some((start, end))
    }
}

/// `#` name `=` value, as BuildKit's directive regex: `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`.
fn directive_line(i: &str) -> IResult<&str, (&str, &str)> {
    (
        char('#'),
        space0,
        recognize((alpha1, alphanumeric0)),
        space0,
        char('='),
        space0,
        rest,
    )
        .map(|(_, _, name, _, _, _, value)| (name, value))
        .parse(i)
}

fn trim_blank_end(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

fn leading_blank(s: &str) -> usize {
    s.len() - s.trim_start_matches(char::is_whitespace).len()
}

pub(crate) fn split(text: &str) -> Split {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut out = Split {
        directives: Vec::new(),
        escape: '\\',
        instructions: Vec::new(),
        comments: Vec::new(),
        errors: Vec::new(),
    };
    let mut lines = Lines { text, pos: bom };
    let mut in_directives = true;
    let r = TextRange::from_usize;

    while let Some((start, end)) = lines.next_line() {
        let content = &text[start..end];
        let lead = leading_blank(content);
        let trimmed = &content[lead..];

        if in_directives {
            match read_directive(&mut out, trimmed, start + lead) {
                DirectiveLine::Directive => continue,
                DirectiveLine::Repeated => {
                    in_directives = false;
                    continue;
                }
                DirectiveLine::NotADirective => in_directives = false,
            }
        }
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('#') {
            out.comments.push(comment(trimmed, start + lead, false));
            continue;
        }

        let escape = out.escape;
        let mut logical = LogicalText::default();
        let mut piece = (start + lead, end);
        let mut last_end;
        loop {
            let piece_text = &text[piece.0..piece.1];
            let code = trim_blank_end(piece_text);
            last_end = piece.0 + code.len();
            let continued = code.ends_with(escape);
            let kept = if continued {
                &code[..code.len() - escape.len_utf8()]
            } else {
                piece_text
            };
            logical.push(kept, piece.0 as u32);
            if !continued {
                break;
            }
            let mut next_piece = None;
            while let Some((s, e)) = lines.next_line() {
                let line = &text[s..e];
                let l = leading_blank(line);
                if line[l..].is_empty() {
                    continue;
                }
                if line[l..].starts_with('#') {
                    out.comments.push(comment(&line[l..], s + l, true));
                    continue;
                }
                next_piece = Some((s, e));
                break;
            }
            match next_piece {
                Some(p) => piece = p,
                None => break,
            }
        }

        let mut range_end = last_end;
        let mut heredocs = Vec::new();
        let keyword = logical.text.split(char::is_whitespace).next().unwrap_or("");
        if Keyword::from_name(keyword).is_some_and(Keyword::allows_heredocs) {
            for opener in openers(&logical) {
                let body_start = lines.pos;
                let mut terminator = None;
                let mut body_end = text.len();
                while let Some((s, e)) = lines.next_line() {
                    let line = &text[s..e];
                    let candidate = if opener.strip_tabs {
                        line.trim_start_matches('\t')
                    } else {
                        line
                    };
                    if candidate == opener.delimiter {
                        body_end = s;
                        terminator = Some(r(s, e));
                        break;
                    }
                }
                let heredoc_end = terminator.map_or(text.len(), |t| t.end as usize);
                if terminator.is_none() {
                    out.errors.push(ParseError {
                        range: opener.range,
                        message: format!(
                            "unterminated heredoc: expected a line `{}` before the end of the file",
                            opener.delimiter
                        ),
                    });
                }
                range_end = range_end.max(trim_blank_end(&text[..heredoc_end]).len());
                heredocs.push(Heredoc {
                    range: r(body_start.min(heredoc_end), heredoc_end),
                    opener_range: opener.range,
                    delimiter: opener.delimiter,
                    delimiter_range: opener.delimiter_range,
                    strip_tabs: opener.strip_tabs,
                    quoted: opener.quoted,
                    fd: opener.fd,
                    body: text[body_start.min(body_end)..body_end].to_owned(),
                    body_range: r(body_start.min(body_end), body_end),
                    terminator_range: terminator,
                });
            }
        }

        out.instructions.push(RawInstruction {
            text: logical,
            range: r(start + lead, range_end),
            heredocs,
        });
    }
    out
}

enum DirectiveLine {
    Directive,
    Repeated,
    NotADirective,
}

fn read_directive(out: &mut Split, trimmed: &str, at: usize) -> DirectiveLine {
    let Ok((_, (name, value))) = directive_line(trimmed) else {
        return DirectiveLine::NotADirective;
    };
    let value = trim_blank_end(value);
    let lower = name.to_ascii_lowercase();
    if value.is_empty() || !matches!(lower.as_str(), "syntax" | "escape" | "check") {
        return DirectiveLine::NotADirective;
    }
    let range = TextRange::from_usize(at, at + trim_blank_end(trimmed).len());
    if out.directives.iter().any(|d| d.name == lower) {
        out.errors.push(ParseError {
            range,
            message: format!("only one `{lower}` parser directive can be used"),
        });
        out.comments.push(comment(trimmed, at, false));
        return DirectiveLine::Repeated;
    }
    // Offsets by pointer difference: both are slices of `trimmed`.
    let name_start = at + (name.as_ptr() as usize - trimmed.as_ptr() as usize);
    let value_start = at + (value.as_ptr() as usize - trimmed.as_ptr() as usize);
    if lower == "escape" {
        match value {
            "\\" => out.escape = '\\',
            "`" => out.escape = '`',
            _ => out.errors.push(ParseError {
                range: TextRange::from_usize(value_start, value_start + value.len()),
                message: format!("invalid escape character `{value}`: expected `\\` or `` ` ``"),
            }),
        }
    }
    out.directives.push(Directive {
        range,
        name: lower,
        name_range: TextRange::from_usize(name_start, name_start + name.len()),
        value: value.to_owned(),
        value_range: TextRange::from_usize(value_start, value_start + value.len()),
    });
    DirectiveLine::Directive
}

fn comment(trimmed: &str, at: usize, in_continuation: bool) -> Comment {
    let line = trim_blank_end(trimmed);
    Comment {
        range: TextRange::from_usize(at, at + line.len()),
        text: line[1..].trim().to_owned(),
        in_continuation,
    }
}
