//! Heredoc openers (`<<EOF`, `<<-"EOF"`, `3<<\EOF`) in RUN, COPY and ADD.

use nom::bytes::complete::tag;
use nom::character::complete::{char, digit0};
use nom::combinator::{opt, rest};
use nom::{IResult, Parser};

use super::source_map::LogicalText;
use super::words::split_words;
use crate::text::TextRange;

/// A heredoc opener found on an instruction line; its body follows the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Opener {
    pub range: TextRange,
    pub delimiter: String,
    pub delimiter_range: TextRange,
    pub strip_tabs: bool,
    pub quoted: bool,
    pub fd: Option<u32>,
}

/// `[fd]<<[-]rest`, as BuildKit matches whole words (`^(\d*)<<(-?)([^<]*)$`).
fn opener(i: &str) -> IResult<&str, (&str, Option<char>, &str)> {
    (digit0, tag("<<"), opt(char('-')), rest)
        .map(|(fd, _, dash, rest)| (fd, dash, rest))
        .parse(i)
}

/// The heredoc openers of an instruction line, in order. BuildKit splits the
/// line into words with `\` as escape whatever the `escape` directive says.
pub(crate) fn openers(lt: &LogicalText) -> Vec<Opener> {
    let text = lt.as_str();
    let mut found = Vec::new();
    if !text.contains("<<") {
        return found;
    }
    for word in split_words(text, 0..text.len(), '\\') {
        let raw = &text[word.clone()];
        let Ok((_, (fd, dash, rest))) = opener(raw) else {
            continue;
        };
        if rest.is_empty() || rest.contains('<') {
            continue;
        }
        let delimiter: String = rest
            .chars()
            .filter(|c| !matches!(c, '"' | '\'' | '\\'))
            .collect();
        if delimiter.is_empty() {
            continue;
        }
        let rest_start = word.end - rest.len();
        found.push(Opener {
            range: lt.to_source(word.clone()),
            delimiter,
            delimiter_range: lt.to_source(rest_start..word.end),
            strip_tabs: dash.is_some(),
            quoted: rest.contains(['"', '\'', '\\']),
            fd: fd.parse().ok(),
        });
    }
    found
}
