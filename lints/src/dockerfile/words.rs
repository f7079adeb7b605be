//! Words of instruction arguments: where a word ends, and its value with
//! quotes and escapes removed and variable references found.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while};
use nom::character::complete::satisfy;
use nom::combinator::{recognize, value};
use nom::{IResult, Parser};

use super::source_map::LogicalText;
use super::syntax::{ValueMap, VarModifier, VarOperator, VarRef, Word};

/// Nested `${A:-${B:-…}}` deeper than this is kept as literal text, so that
/// pathological input cannot exhaust the stack.
const MAX_VAR_NESTING: usize = 16;

pub(crate) fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\r' || c == '\x0b' || c == '\x0c'
}

/// The logical offset of the first non-blank byte at or after `at`.
pub(crate) fn skip_space(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches(is_space).len()
}

/// The end of the word starting at `start`: the first blank outside quotes.
/// An escape character makes the next character part of the word.
pub(crate) fn word_end(text: &str, start: usize, escape: char) -> usize {
    let mut chars = text[start..].char_indices();
    let mut quote: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some('"') if c == escape => {
                chars.next();
            }
            Some(_) => {}
            None if c == escape => {
                chars.next();
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if is_space(c) => return start + i,
            None => {}
        }
    }
    text.len()
}

/// Splits `text[range]` into blank-separated words (quote-aware) and returns
/// their logical ranges.
pub(crate) fn split_words(
    text: &str,
    range: std::ops::Range<usize>,
    escape: char,
) -> Vec<std::ops::Range<usize>> {
    let mut words = Vec::new();
    let slice = &text[..range.end];
    let mut at = skip_space(slice, range.start);
    while at < range.end {
        let end = word_end(slice, at, escape);
        words.push(at..end);
        at = skip_space(slice, end);
    }
    words
}

/// Decodes `lt.text[range]` as one word: quotes and escapes removed, variable
/// references recorded (and kept literally in the value).
pub(crate) fn decode(lt: &LogicalText, range: std::ops::Range<usize>, escape: char) -> Word {
    let braces = if lt.text[range.clone()].contains("${") {
        brace_pairs(&lt.text[..range.end], range.start, escape)
    } else {
        Vec::new()
    };
    let cx = Decoder { lt, escape, braces };
    cx.decode(range, 0)
}

struct Decoder<'a> {
    lt: &'a LogicalText,
    escape: char,
    /// `(offset of "${", offset after its "}")`, sorted.
    braces: Vec<(usize, usize)>,
}

impl Decoder<'_> {
    fn decode(&self, range: std::ops::Range<usize>, depth: usize) -> Word {
        let (lt, escape) = (self.lt, self.escape);
        let raw = &lt.text[range.clone()];
        let source = lt.to_source(range.clone());
        let plain = !raw.contains(['"', '\'', '$', escape]);
        if plain {
            let value_map = if source.len() as usize == raw.len() {
                ValueMap::Contiguous(source.start)
            } else {
                ValueMap::Bytes(lt.to_source_offsets(range.clone()).into_boxed_slice())
            };
            return Word {
                range: source,
                value: raw.to_owned(),
                vars: Vec::new(),
                value_map,
            };
        }

        let mut value = String::with_capacity(raw.len());
        let mut offsets: Vec<usize> = Vec::with_capacity(raw.len());
        let mut vars = Vec::new();
        let push = |value: &mut String, offsets: &mut Vec<usize>, c: char, at: usize| {
            value.push(c);
            offsets.extend(at..at + c.len_utf8());
        };
        let mut quote: Option<char> = None;
        let mut i = 0;
        while i < raw.len() {
            let c = raw[i..].chars().next().unwrap_or_default();
            let at = range.start + i;
            let next = raw[i + c.len_utf8()..].chars().next();
            match quote {
                Some(q) if c == q => {
                    quote = None;
                }
                Some('\'') => push(&mut value, &mut offsets, c, at),
                _ if c == escape && next.is_some() => {
                    let n = next.unwrap_or_default();
                    let escapable = quote.is_none() || n == '"' || n == '$' || n == escape;
                    if escapable {
                        push(&mut value, &mut offsets, n, at + c.len_utf8());
                        i += c.len_utf8() + n.len_utf8();
                        continue;
                    }
                    push(&mut value, &mut offsets, c, at);
                }
                None if c == '"' || c == '\'' => quote = Some(c),
                _ if c == '$' => {
                    if let Some((var, len)) = self.var_ref(at, range.end, depth) {
                        for (k, ch) in raw[i..i + len].char_indices() {
                            push(&mut value, &mut offsets, ch, at + k);
                        }
                        vars.push(var);
                        i += len;
                        continue;
                    }
                    push(&mut value, &mut offsets, c, at);
                }
                _ => push(&mut value, &mut offsets, c, at),
            }
            i += c.len_utf8();
        }
        let source_offsets = lt.to_source_offsets(offsets);
        let contiguous = source_offsets
            .iter()
            .enumerate()
            .all(|(k, &s)| s == source_offsets[0] + k as u32);
        let value_map = match source_offsets.first() {
            Some(&first) if contiguous => ValueMap::Contiguous(first),
            Some(_) => ValueMap::Bytes(source_offsets.into_boxed_slice()),
            None => ValueMap::Contiguous(source.start),
        };
        Word {
            range: source,
            value,
            vars,
            value_map,
        }
    }

    /// Reads a variable reference at logical offset `at` (a `$`), not past `limit`.
    /// Returns it and its length in the logical text.
    fn var_ref(&self, at: usize, limit: usize, depth: usize) -> Option<(VarRef, usize)> {
        let lt = self.lt;
        let text = &lt.text[..limit];
        let after = &text[at + 1..];
        if let Ok((rest, name)) = var_name(after) {
            let name_start = at + 1;
            let end = limit - rest.len();
            return Some((
                VarRef {
                    range: lt.to_source(at..end),
                    name: name.to_owned(),
                    name_range: lt.to_source(name_start..name_start + name.len()),
                    modifier: None,
                },
                end - at,
            ));
        }
        let inner = after.strip_prefix('{')?;
        let name_start = at + 2;
        let (rest, name) = var_name(inner).ok()?;
        let name_end = name_start + name.len();
        let end = self
            .braces
            .binary_search_by_key(&at, |&(open, _)| open)
            .ok()
            .map(|i| self.braces[i].1)
            .filter(|&end| end <= limit)?;
        let modifier = if rest.starts_with('}') {
            None
        } else {
            let (word_rest, operator) = var_operator(rest).ok()?;
            let op_end = limit - word_rest.len();
            let word_range = op_end..end - 1;
            let word = if depth < MAX_VAR_NESTING {
                self.decode(word_range, depth + 1)
            } else {
                Word {
                    range: lt.to_source(word_range.clone()),
                    value: lt.text[word_range].to_owned(),
                    vars: Vec::new(),
                    value_map: ValueMap::Unknown,
                }
            };
            Some(VarModifier {
                operator,
                operator_range: lt.to_source(name_end..op_end),
                word,
            })
        };
        Some((
            VarRef {
                range: lt.to_source(at..end),
                name: name.to_owned(),
                name_range: lt.to_source(name_start..name_end),
                modifier,
            },
            end - at,
        ))
    }
}

/// Matches every `${` in `text[from..]` with its `}` in one pass, so that
/// finding the end of each reference is not a scan to the end of the text.
fn brace_pairs(text: &str, from: usize, escape: char) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut open = Vec::new();
    let mut chars = text[from..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == escape {
            chars.next();
        } else if c == '$' && chars.peek().is_some_and(|&(_, n)| n == '{') {
            chars.next();
            open.push(from + i);
        } else if c == '}'
            && let Some(start) = open.pop()
        {
            pairs.push((start, from + i + 1));
        }
    }
    pairs.sort_unstable();
    pairs
}

fn var_name(i: &str) -> IResult<&str, &str> {
    recognize((
        satisfy(|c| c.is_ascii_alphabetic() || c == '_'),
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '_'),
    ))
    .parse(i)
}

fn var_operator(i: &str) -> IResult<&str, VarOperator> {
    alt((
        value(VarOperator::ColonDash, tag(":-")),
        value(VarOperator::ColonPlus, tag(":+")),
        value(VarOperator::ColonQuestion, tag(":?")),
        value(VarOperator::Dash, tag("-")),
        value(VarOperator::Plus, tag("+")),
        value(VarOperator::Question, tag("?")),
        value(VarOperator::HashHash, tag("##")),
        value(VarOperator::Hash, tag("#")),
        value(VarOperator::PercentPercent, tag("%%")),
        value(VarOperator::Percent, tag("%")),
        value(VarOperator::SlashSlash, tag("//")),
        value(VarOperator::Slash, tag("/")),
    ))
    .parse(i)
}
