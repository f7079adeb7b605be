//! Parsers for the arguments of each instruction, run on one logical
//! instruction (continuations already joined). Every range is mapped back to
//! the source through the instruction's [`LogicalText`].

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_while, take_while1};
use nom::character::complete::{char, digit1};
use nom::combinator::{all_consuming, consumed, opt, rest};
use nom::error::{Error, ErrorKind};
use nom::multi::separated_list0;
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

use super::logical::RawInstruction;
use super::source_map::LogicalText;
use super::syntax::{
    ArgDecl, Command, Copy, ExecForm, Flag, From, Healthcheck, Instruction, InstructionKind,
    KeyValue, Keyword, ParseError, Port, StageAlias, User, ValueMap, Volume, Word,
};
use super::words::{decode, is_space, skip_space, split_words, word_end};
use crate::text::{Spanned, TextRange};

/// ONBUILD cannot chain, so one level is all Docker accepts; the limit only
/// guards against recursion on hostile input.
const MAX_ONBUILD_DEPTH: usize = 2;

type Range = std::ops::Range<usize>;
type Parsed<T> = Result<T, ParseError>;

pub(crate) fn parse(raw: RawInstruction, escape: char) -> Parsed<Instruction> {
    let mut instruction = parse_logical(&raw.text, raw.range, escape, 0)?;
    instruction.heredocs = raw.heredocs;
    Ok(instruction)
}

fn keyword(i: &str) -> IResult<&str, &str> {
    take_till1(char::is_whitespace).parse(i)
}

fn parse_logical(
    lt: &LogicalText,
    range: TextRange,
    escape: char,
    depth: usize,
) -> Parsed<Instruction> {
    let text = lt.as_str();
    let Ok((_, spelling)) = keyword(text) else {
        return Err(ParseError {
            range,
            message: "expected an instruction".to_owned(),
        });
    };
    let keyword_range = lt.to_source(0..spelling.len());
    let Some(kw) = Keyword::from_name(spelling) else {
        return Err(ParseError {
            range: keyword_range,
            message: format!("unknown instruction `{}`", shorten(spelling)),
        });
    };
    let args_start = skip_space_all(text, spelling.len());
    let args_end = text
        .trim_end_matches(char::is_whitespace)
        .len()
        .max(args_start);
    let args = lt.slice(args_start..args_end);
    let cx = Cx {
        lt: &args,
        escape,
        keyword: kw,
        keyword_range,
    };
    let (flags, rest_start) = if kw == Keyword::Onbuild {
        (Vec::new(), 0)
    } else {
        cx.flags()
    };
    if let Some(first) = flags.first()
        && !takes_flags(kw)
    {
        return Err(ParseError {
            range: first.range,
            message: format!("unknown flag `--{}`: {kw} takes no flags", first.name),
        });
    }
    let kind = match kw {
        Keyword::From => InstructionKind::From(cx.from(rest_start)?),
        Keyword::Run => InstructionKind::Run(cx.command(rest_start, true)?),
        Keyword::Cmd => InstructionKind::Cmd(cx.command(rest_start, true)?),
        Keyword::Entrypoint => InstructionKind::Entrypoint(cx.command(rest_start, true)?),
        Keyword::Shell => InstructionKind::Shell(cx.shell(rest_start)?),
        Keyword::Copy => InstructionKind::Copy(cx.copy(rest_start)?),
        Keyword::Add => InstructionKind::Add(cx.copy(rest_start)?),
        Keyword::Env => InstructionKind::Env(cx.key_values(rest_start)?),
        Keyword::Label => InstructionKind::Label(cx.key_values(rest_start)?),
        Keyword::Arg => InstructionKind::Arg(cx.arg(rest_start)?),
        Keyword::Expose => InstructionKind::Expose(cx.expose(rest_start)?),
        Keyword::Workdir => InstructionKind::Workdir(cx.rest_word(rest_start, "a path")?),
        Keyword::User => InstructionKind::User(cx.user(rest_start)?),
        Keyword::Volume => InstructionKind::Volume(cx.volume(rest_start)?),
        Keyword::Stopsignal => InstructionKind::Stopsignal(cx.rest_word(rest_start, "a signal")?),
        Keyword::Healthcheck => InstructionKind::Healthcheck(cx.healthcheck(rest_start)?),
        Keyword::Onbuild => InstructionKind::Onbuild(Box::new(cx.onbuild(depth)?)),
        Keyword::Maintainer => InstructionKind::Maintainer(cx.rest_word(rest_start, "a name")?),
    };
    Ok(Instruction {
        range,
        keyword: kw,
        keyword_spelling: spelling.to_owned(),
        keyword_range,
        flags,
        args,
        kind,
        heredocs: Vec::new(),
    })
}

/// The instructions BuildKit accepts `--flags` on.
fn takes_flags(keyword: Keyword) -> bool {
    matches!(
        keyword,
        Keyword::From | Keyword::Run | Keyword::Copy | Keyword::Add | Keyword::Healthcheck
    )
}

fn skip_space_all(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches(char::is_whitespace).len()
}

/// A keyword for an error message: junk lines can be long or hold control bytes.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).flat_map(char::escape_debug).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// What the instruction parsers share: the arguments' logical text.
struct Cx<'a> {
    lt: &'a LogicalText,
    escape: char,
    keyword: Keyword,
    keyword_range: TextRange,
}

impl Cx<'_> {
    fn text(&self) -> &str {
        self.lt.as_str()
    }

    fn error<T>(&self, range: TextRange, message: String) -> Parsed<T> {
        Err(ParseError { range, message })
    }

    /// An error for arguments that are missing (on the keyword) or wrong (on them).
    fn expected<T>(&self, from: usize, what: &str) -> Parsed<T> {
        let range = if from >= self.text().len() {
            self.keyword_range
        } else {
            self.lt.to_source(from..self.text().len())
        };
        self.error(range, format!("expected {what} after {}", self.keyword))
    }

    fn words(&self, from: usize) -> Vec<Word> {
        split_words(self.text(), from..self.text().len(), self.escape)
            .into_iter()
            .map(|w| decode(self.lt, w, self.escape))
            .collect()
    }

    fn rest_word(&self, from: usize, what: &str) -> Parsed<Word> {
        if from >= self.text().len() {
            return self.expected(from, what);
        }
        Ok(decode(self.lt, from..self.text().len(), self.escape))
    }

    /// Leading `--name[=value]` words; returns them and where the rest starts.
    fn flags(&self) -> (Vec<Flag>, usize) {
        let text = self.text();
        let mut flags = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let end = word_end(text, at, self.escape);
            let raw = &text[at..end];
            let Ok((_, (name, value))) = flag(raw) else {
                break;
            };
            let name_start = at + 2;
            let value = value.map(|v| decode(self.lt, end - v.len()..end, self.escape));
            flags.push(Flag {
                range: self.lt.to_source(at..end),
                name: name.to_owned(),
                name_range: self.lt.to_source(name_start..name_start + name.len()),
                value,
            });
            at = skip_space(text, end);
        }
        (flags, at)
    }

    fn from(&self, from: usize) -> Parsed<From> {
        let mut words = self.words(from);
        match words.len() {
            0 => self.expected(from, "an image"),
            1 => Ok(From {
                image: words.remove(0),
                alias: None,
            }),
            3 if words[1].value.eq_ignore_ascii_case("as") => {
                let name = words.remove(2);
                let as_word = words.remove(1);
                Ok(From {
                    image: words.remove(0),
                    alias: Some(StageAlias {
                        as_spelling: as_word.value,
                        as_range: as_word.range,
                        name,
                    }),
                })
            }
            _ => self.error(
                words[1].range.cover(words[words.len() - 1].range),
                "expected `AS name` or nothing after the image in FROM".to_owned(),
            ),
        }
    }

    /// A JSON array of strings filling `text[from..]`, if it is one.
    fn json(&self, from: usize, keep_vars: bool) -> Option<ExecForm> {
        let text = self.text();
        let (_, elements) = all_consuming(json_array).parse(&text[from..]).ok()?;
        let base = text.as_ptr() as usize;
        let args = elements
            .into_iter()
            .map(|(raw, value)| {
                let start = raw.as_ptr() as usize - base;
                self.json_word(start..start + raw.len(), value, keep_vars)
            })
            .collect();
        Some(ExecForm {
            range: self.lt.to_source(from..text.len()),
            args,
        })
    }

    fn json_word(&self, raw: Range, value: String, keep_vars: bool) -> Word {
        let has_escapes = self.text()[raw.clone()].contains('\\');
        if has_escapes {
            return Word {
                range: self.lt.to_source(raw),
                value,
                vars: Vec::new(),
                value_map: ValueMap::Unknown,
            };
        }
        // Without escapes the JSON string reads like a double-quoted word.
        let mut word = decode(self.lt, raw, '\\');
        word.value = value;
        if !keep_vars {
            word.vars.clear();
        }
        word
    }

    fn command(&self, from: usize, required: bool) -> Parsed<Command> {
        if required && from >= self.text().len() {
            return self.expected(from, "a JSON array or a command");
        }
        if let Some(exec) = self.json(from, false) {
            return Ok(Command::Exec(exec));
        }
        Ok(Command::Shell(self.lt.slice(from..self.text().len())))
    }

    fn shell(&self, from: usize) -> Parsed<ExecForm> {
        match self.json(from, false) {
            Some(exec) => Ok(exec),
            None => self.expected(from, "a JSON array of strings, e.g. [\"/bin/sh\", \"-c\"],"),
        }
    }

    fn copy(&self, from: usize) -> Parsed<Copy> {
        let (mut words, json) = match self.json(from, true) {
            Some(exec) => (exec.args, true),
            None => (self.words(from), false),
        };
        if words.len() < 2 {
            return self.expected(from, "at least one source and a destination");
        }
        let destination = words.pop().unwrap_or_default();
        Ok(Copy {
            sources: words,
            destination,
            json,
        })
    }

    fn key_values(&self, from: usize) -> Parsed<Vec<KeyValue>> {
        let text = self.text();
        let words = split_words(text, from..text.len(), self.escape);
        let Some(first) = words.first() else {
            return self.expected(from, "`name=value`");
        };
        if !text[first.clone()].contains('=') {
            let key = decode(self.lt, first.clone(), self.escape);
            let Some(second) = words.get(1) else {
                return self.expected(
                    from,
                    &format!(
                        "`name=value` (or legacy `name value`), found no value for `{}`",
                        key.value
                    ),
                );
            };
            let value = decode(self.lt, second.start..text.len(), self.escape);
            return Ok(vec![KeyValue {
                range: key.range.cover(value.range),
                key,
                value,
                legacy: true,
            }]);
        }
        let mut pairs = Vec::with_capacity(words.len());
        for w in words {
            let range = self.lt.to_source(w.clone());
            let Some(eq) = text[w.clone()].find('=') else {
                return self.error(
                    range,
                    format!(
                        "expected `name=value` in {}, found `{}`",
                        self.keyword,
                        shorten(&text[w])
                    ),
                );
            };
            let eq = w.start + eq;
            if eq == w.start {
                return self.error(
                    range,
                    format!("expected a name before `=` in {}", self.keyword),
                );
            }
            pairs.push(KeyValue {
                range,
                key: decode(self.lt, w.start..eq, self.escape),
                value: decode(self.lt, eq + 1..w.end, self.escape),
                legacy: false,
            });
        }
        Ok(pairs)
    }

    fn arg(&self, from: usize) -> Parsed<Vec<ArgDecl>> {
        let text = self.text();
        let words = split_words(text, from..text.len(), self.escape);
        if words.is_empty() {
            return self.expected(from, "a name or `name=default`");
        }
        let mut decls = Vec::with_capacity(words.len());
        for w in words {
            let range = self.lt.to_source(w.clone());
            let (name, default) = match text[w.clone()].find('=') {
                Some(eq) => {
                    let eq = w.start + eq;
                    (
                        decode(self.lt, w.start..eq, self.escape),
                        Some(decode(self.lt, eq + 1..w.end, self.escape)),
                    )
                }
                None => (decode(self.lt, w, self.escape), None),
            };
            if name.value.is_empty() {
                return self.error(range, "expected a name before `=` in ARG".to_owned());
            }
            decls.push(ArgDecl {
                range,
                name,
                default,
            });
        }
        Ok(decls)
    }

    fn expose(&self, from: usize) -> Parsed<Vec<Port>> {
        let words = self.words(from);
        if words.is_empty() {
            return self.expected(from, "a port");
        }
        Ok(words.into_iter().map(port).collect())
    }

    fn user(&self, from: usize) -> Parsed<User> {
        let word = self.rest_word(from, "a user")?;
        let (user, group) = match word.value.find(':') {
            Some(colon) => (
                Spanned::new(word.value[..colon].to_owned(), word.value_range(0..colon)),
                Some(Spanned::new(
                    word.value[colon + 1..].to_owned(),
                    word.value_range(colon + 1..word.value.len()),
                )),
            ),
            None => (
                Spanned::new(word.value.clone(), word.value_range(0..word.value.len())),
                None,
            ),
        };
        Ok(User { word, user, group })
    }

    fn volume(&self, from: usize) -> Parsed<Volume> {
        let (paths, json) = match self.json(from, true) {
            Some(exec) => (exec.args, true),
            None => (self.words(from), false),
        };
        if paths.is_empty() {
            return self.expected(from, "a path");
        }
        Ok(Volume { paths, json })
    }

    fn healthcheck(&self, from: usize) -> Parsed<Healthcheck> {
        let text = self.text();
        let end = word_end(text, from, self.escape);
        let first = &text[from..end];
        let first_range = self.lt.to_source(from..end);
        if first.eq_ignore_ascii_case("none") {
            if skip_space(text, end) < text.len() {
                return self.error(
                    self.lt.to_source(skip_space(text, end)..text.len()),
                    "expected nothing after HEALTHCHECK NONE".to_owned(),
                );
            }
            return Ok(Healthcheck::None {
                none_range: first_range,
            });
        }
        if first.eq_ignore_ascii_case("cmd") {
            let start = skip_space(text, end);
            if start >= text.len() {
                return self.error(
                    first_range,
                    "expected a JSON array or a command after HEALTHCHECK CMD".to_owned(),
                );
            }
            return Ok(Healthcheck::Cmd {
                cmd_range: first_range,
                command: self.command(start, true)?,
            });
        }
        self.expected(from, "`NONE` or `CMD` and a command")
    }

    fn onbuild(&self, depth: usize) -> Parsed<Instruction> {
        let text = self.text();
        if text.is_empty() {
            return self.expected(0, "an instruction");
        }
        if depth >= MAX_ONBUILD_DEPTH {
            return self.error(
                self.lt.source_range(),
                "ONBUILD nested too deeply".to_owned(),
            );
        }
        let inner = parse_logical(self.lt, self.lt.source_range(), self.escape, depth + 1)?;
        if matches!(
            inner.keyword,
            Keyword::Onbuild | Keyword::From | Keyword::Maintainer
        ) {
            return self.error(
                inner.keyword_range,
                format!("ONBUILD cannot wrap {}", inner.keyword),
            );
        }
        Ok(inner)
    }
}

fn flag(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    preceded(
        tag("--"),
        (
            take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            alt((preceded(char('='), rest).map(Some), rest.map(|_| None))),
        ),
    )
    .parse(i)
    .and_then(|(r, (name, value))| {
        // `--name` followed by anything but `=` is not a flag (e.g. `--a.b`).
        if value.is_none() && name.len() + 2 != i.len() {
            Err(nom::Err::Error(Error::new(i, ErrorKind::Verify)))
        } else {
            Ok((r, (name, value)))
        }
    })
}

fn port(word: Word) -> Port {
    let (numbers, protocol) = match word.value.rfind('/') {
        Some(slash) => (
            0..slash,
            Some(Spanned::new(
                word.value[slash + 1..].to_owned(),
                word.value_range(slash + 1..word.value.len()),
            )),
        ),
        None => (0..word.value.len(), None),
    };
    let ports = if word.has_vars() {
        None
    } else {
        port_range(&word.value[numbers.clone()])
    };
    Port {
        ports_range: word.value_range(numbers),
        ports,
        protocol,
        word,
    }
}

/// `80` or `8000-8010`.
fn port_range(s: &str) -> Option<(u16, u16)> {
    let (_, (first, last)) = all_consuming(port_numbers).parse(s).ok()?;
    let first: u16 = first.parse().ok()?;
    let last: u16 = last.map_or(Some(first), |l: &str| l.parse().ok())?;
    Some((first, last))
}

fn port_numbers(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    (digit1, opt(preceded(char('-'), digit1))).parse(i)
}

fn json_space(i: &str) -> IResult<&str, &str> {
    take_while(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r')).parse(i)
}

/// `[ "a", "b" ]`: each element as (its raw text with quotes, its value).
fn json_array(i: &str) -> IResult<&str, Vec<(&str, String)>> {
    delimited(
        (char('['), json_space),
        separated_list0((json_space, char(','), json_space), consumed(json_string)),
        (json_space, char(']'), take_while(is_space)),
    )
    .parse(i)
}

fn json_string(i: &str) -> IResult<&str, String> {
    let fail = || nom::Err::Error(Error::new(i, ErrorKind::Char));
    let body = i.strip_prefix('"').ok_or_else(fail)?;
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '"' => return Ok((&body[k + 1..], value)),
            '\\' => {
                let (_, e) = chars.next().ok_or_else(fail)?;
                match e {
                    '"' | '\\' | '/' => value.push(e),
                    'b' => value.push('\u{8}'),
                    'f' => value.push('\u{c}'),
                    'n' => value.push('\n'),
                    'r' => value.push('\r'),
                    't' => value.push('\t'),
                    'u' => {
                        let hi = hex4(&mut chars).ok_or_else(fail)?;
                        let code = if (0xd800..0xdc00).contains(&hi) {
                            let mut look = chars.clone();
                            match (look.next(), look.next(), hex4(&mut look)) {
                                (Some((_, '\\')), Some((_, 'u')), Some(lo))
                                    if (0xdc00..0xe000).contains(&lo) =>
                                {
                                    chars = look;
                                    0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                                }
                                _ => 0xfffd,
                            }
                        } else {
                            hi
                        };
                        value.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    _ => return Err(fail()),
                }
            }
            c if (c as u32) < 0x20 => return Err(fail()),
            c => value.push(c),
        }
    }
    Err(fail())
}

fn hex4(chars: &mut std::str::CharIndices<'_>) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.1.to_digit(16)?;
    }
    Some(v)
}
