//! Parser tests: every construct, with exact byte spans.

use super::*;
use crate::text::TextRange;

/// The range of the `n`th (0-based) occurrence of `needle` in `text`.
fn nth(text: &str, needle: &str, n: usize) -> TextRange {
    let start = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in {text:?}"))
        .0;
    TextRange::from_usize(start, start + needle.len())
}

fn find(text: &str, needle: &str) -> TextRange {
    nth(text, needle, 0)
}

/// Parses and asserts there is no error.
fn ok(text: &str) -> Dockerfile {
    let df = parse(text);
    assert!(df.errors.is_empty(), "unexpected errors: {:?}", df.errors);
    df
}

fn only(text: &str) -> Instruction {
    let mut df = ok(text);
    assert_eq!(df.instructions.len(), 1, "{:?}", df.instructions);
    df.instructions.remove(0)
}

#[test]
fn simple_file() {
    let text = "FROM alpine:3.20\nRUN echo hi\n";
    let df = ok(text);
    assert_eq!(df.instructions.len(), 2);
    let from = &df.instructions[0];
    assert_eq!(from.keyword, Keyword::From);
    assert_eq!(from.range, find(text, "FROM alpine:3.20"));
    assert_eq!(from.keyword_range, find(text, "FROM"));
    let InstructionKind::From(f) = &from.kind else {
        panic!()
    };
    assert_eq!(f.image.value, "alpine:3.20");
    assert_eq!(f.image.range, find(text, "alpine:3.20"));
    let run = &df.instructions[1];
    assert_eq!(run.range, find(text, "RUN echo hi"));
    let shell = run.command().and_then(Command::shell).unwrap();
    assert_eq!(shell.text, "echo hi");
    assert_eq!(shell.to_source(5..7), find(text, "hi"));
    assert!(run.is_shell_form());
}

#[test]
fn lowercase_keyword_keeps_spelling() {
    let text = "from alpine as Build\n";
    let i = only(text);
    assert_eq!(i.keyword, Keyword::From);
    assert_eq!(i.keyword_spelling, "from");
    let InstructionKind::From(f) = &i.kind else {
        panic!()
    };
    let alias = f.alias.as_ref().unwrap();
    assert_eq!(alias.as_spelling, "as");
    assert_eq!(alias.as_range, find(text, "as"));
    assert_eq!(alias.name.value, "Build");
    assert_eq!(alias.name.range, find(text, "Build"));
}
