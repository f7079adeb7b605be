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

#[test]
fn crlf_bom_and_no_final_newline() {
    let text = "\u{feff}FROM alpine\r\nRUN a \\\r\n  && b\r\nCMD [\"x\"]";
    let df = ok(text);
    assert_eq!(df.instructions.len(), 3);
    assert_eq!(df.instructions[0].range, find(text, "FROM alpine"));
    assert_eq!(df.instructions[0].range.start, 3);
    let run = &df.instructions[1];
    assert_eq!(run.range, find(text, "RUN a \\").cover(find(text, "&& b")));
    let shell = run.command().and_then(Command::shell).unwrap();
    assert_eq!(shell.text, "a   && b");
    let amp = shell.text.find("&&").unwrap();
    assert_eq!(shell.to_source(amp..amp + 4), find(text, "&& b"));
    assert_eq!(shell.to_source_offset(0), find(text, "a \\").start);
    let cmd = &df.instructions[2];
    assert_eq!(cmd.range, find(text, "CMD [\"x\"]"));
    let exec = cmd.command().and_then(Command::exec).unwrap();
    assert_eq!(exec.args[0].value, "x");
    assert_eq!(exec.args[0].range, find(text, "\"x\""));
    assert_eq!(exec.range, find(text, "[\"x\"]"));
}

#[test]
fn comments_and_empty_lines_inside_continuations() {
    let text = "RUN apt-get update \\\n# a comment\n\n    && apt-get install -y curl \\\n  # another\n    && rm -rf x\n# after\n";
    let df = ok(text);
    let run = &df.instructions[0];
    assert_eq!(run.range, TextRange::new(0, find(text, "rm -rf x").end));
    let shell = run.command().and_then(Command::shell).unwrap();
    assert_eq!(
        shell.text,
        "apt-get update     && apt-get install -y curl     && rm -rf x"
    );
    let rm = shell.text.find("rm").unwrap();
    assert_eq!(
        shell.to_source(rm..shell.text.len()),
        find(text, "rm -rf x")
    );
    let curl = shell.text.find("curl").unwrap();
    assert_eq!(shell.to_source(curl..curl + 4), find(text, "curl"));
    assert_eq!(df.comments.len(), 3);
    assert_eq!(df.comments[0].range, find(text, "# a comment"));
    assert_eq!(df.comments[0].text, "a comment");
    assert!(df.comments[0].in_continuation);
    assert_eq!(df.comments[1].range, find(text, "# another"));
    assert!(df.comments[1].in_continuation);
    assert_eq!(df.comments[2].range, find(text, "# after"));
    assert!(!df.comments[2].in_continuation);
    assert_eq!(
        run.args_source(text),
        &text[4..find(text, "rm -rf x").end as usize]
    );
}

#[test]
fn continuation_with_trailing_blanks_after_escape() {
    let text = "RUN a \\  \n b\n";
    let i = only(text);
    let shell = i.command().and_then(Command::shell).unwrap();
    assert_eq!(shell.text, "a  b");
    assert_eq!(i.range, TextRange::new(0, find(text, " b\n").start + 2));
}

#[test]
fn file_ending_inside_a_continuation() {
    let text = "RUN a \\\n";
    let i = only(text);
    assert_eq!(i.range, find(text, "RUN a \\"));
    assert_eq!(i.command().and_then(Command::shell).unwrap().text, "a");
}

#[test]
fn directives_recognised() {
    let text = "# syntax=docker/dockerfile:1.7\n#ESCAPE = `\n# check=skip=JSONArgsRecommended;error=true\nFROM mcr.microsoft.com/windows `\n  AS base\nRUN dir C:\\ `\n  && echo \\done\n";
    let df = ok(text);
    assert_eq!(df.directives.len(), 3);
    let syntax = df.directive("syntax").unwrap();
    assert_eq!(syntax.value, "docker/dockerfile:1.7");
    assert_eq!(syntax.range, find(text, "# syntax=docker/dockerfile:1.7"));
    assert_eq!(syntax.name_range, find(text, "syntax"));
    assert_eq!(syntax.value_range, find(text, "docker/dockerfile:1.7"));
    let escape = df.directive("escape").unwrap();
    assert_eq!(escape.name_range, find(text, "ESCAPE"));
    assert_eq!(escape.value, "`");
    assert_eq!(df.escape, '`');
    assert_eq!(
        df.directive("check").unwrap().value,
        "skip=JSONArgsRecommended;error=true"
    );
    assert!(df.comments.is_empty());
    assert_eq!(df.instructions.len(), 2);
    let InstructionKind::From(from) = &df.instructions[0].kind else {
        panic!()
    };
    assert_eq!(from.image.value, "mcr.microsoft.com/windows");
    assert_eq!(from.alias.as_ref().unwrap().name.range, find(text, "base"));
    let run = &df.instructions[1];
    let shell = run.command().and_then(Command::shell).unwrap();
    // A backslash is an ordinary character once the escape is a backtick.
    assert_eq!(shell.text, "dir C:\\   && echo \\done");
    assert_eq!(run.range.end, find(text, "\\done").end);
}

#[test]
fn directives_not_recognised_after_comment_blank_or_instruction() {
    for text in [
        "# hello\n# syntax=docker/dockerfile:1\nFROM a\n",
        "\n# syntax=docker/dockerfile:1\nFROM a\n",
        "FROM a\n# syntax=docker/dockerfile:1\n",
        "# unknown=1\n# escape=`\nFROM a\n",
    ] {
        let df = ok(text);
        assert!(df.directives.is_empty(), "{text:?}");
        assert_eq!(df.escape, '\\');
        assert!(df.comments.iter().any(|c| c.text.contains("=")), "{text:?}");
    }
}

#[test]
fn repeated_directive_is_an_error() {
    let text = "# syntax=a\n# syntax=b\nFROM a\n";
    let df = parse(text);
    assert_eq!(df.directives.len(), 1);
    assert_eq!(df.errors.len(), 1);
    assert_eq!(df.errors[0].range, find(text, "# syntax=b"));
    assert!(df.errors[0].message.contains("only one `syntax`"));
    assert_eq!(df.instructions.len(), 1);
}

#[test]
fn invalid_escape_directive_value() {
    let text = "# escape=x\nFROM a\n";
    let df = parse(text);
    assert_eq!(df.errors.len(), 1);
    assert_eq!(df.errors[0].range, nth(text, "x", 0));
    assert_eq!(df.escape, '\\');
}

#[test]
fn heredoc_basic_followed_by_instruction_and_comment() {
    let text = "FROM a\nRUN <<EOF\napk update\napk add git\nEOF\n# comment\nRUN <<EOF2\nx\nEOF2\nRUN echo two\n";
    let df = ok(text);
    assert_eq!(df.instructions.len(), 4);
    let run = &df.instructions[1];
    assert_eq!(
        run.range,
        TextRange::new(find(text, "RUN <<EOF").start, nth(text, "EOF", 1).end)
    );
    assert_eq!(run.heredocs.len(), 1);
    let h = &run.heredocs[0];
    assert_eq!(h.delimiter, "EOF");
    assert_eq!(h.opener_range, find(text, "<<EOF"));
    assert_eq!(h.delimiter_range, nth(text, "EOF", 0));
    assert_eq!(h.body, "apk update\napk add git\n");
    assert_eq!(h.body_range, find(text, "apk update\napk add git\n"));
    assert_eq!(h.terminator_range, Some(nth(text, "EOF", 1)));
    assert_eq!(h.range, h.body_range.cover(nth(text, "EOF", 1)));
    assert!(!h.strip_tabs && !h.quoted);
    assert_eq!(
        run.command().and_then(Command::shell).unwrap().text,
        "<<EOF"
    );
    assert_eq!(df.comments.len(), 1);
    assert_eq!(df.comments[0].range, find(text, "# comment"));
    assert_eq!(df.instructions[2].heredocs[0].body, "x\n");
    assert_eq!(df.instructions[3].range, find(text, "RUN echo two"));
}

#[test]
fn heredoc_lines_starting_with_hash_are_body() {
    let text = "RUN <<EOF\n# not a comment\nEOF\n";
    let df = ok(text);
    assert!(df.comments.is_empty());
    assert_eq!(df.instructions[0].heredocs[0].body, "# not a comment\n");
}

#[test]
fn heredoc_variants() {
    let text = "COPY <<-\"EOT\" <<'B' <<\\C 3<<D /dst/\n\tone\n\tEOT\ntwo\nB\nthree\nC\nD\n";
    let i = only(text);
    assert_eq!(i.heredocs.len(), 4);
    let [a, b, c, d] = &i.heredocs[..] else {
        panic!()
    };
    assert!(a.strip_tabs && a.quoted);
    assert_eq!(a.delimiter, "EOT");
    assert_eq!(a.opener_range, find(text, "<<-\"EOT\""));
    assert_eq!(a.delimiter_range, find(text, "\"EOT\""));
    assert_eq!(a.body, "\tone\n");
    assert_eq!(a.terminator_range, Some(find(text, "\tEOT")));
    assert!(!b.strip_tabs && b.quoted);
    assert_eq!(b.delimiter, "B");
    assert_eq!(b.body, "two\n");
    assert!(c.quoted);
    assert_eq!(c.delimiter, "C");
    assert_eq!(c.body, "three\n");
    assert_eq!(d.fd, Some(3));
    assert!(!d.quoted);
    assert_eq!(d.body, "");
    assert_eq!(d.body_range, TextRange::empty(find(text, "D\n").start));
    assert_eq!(i.range.end, text.len() as u32 - 1);
    let InstructionKind::Copy(copy) = &i.kind else {
        panic!()
    };
    assert_eq!(copy.sources.len(), 4);
    assert_eq!(copy.sources[0].range, find(text, "<<-\"EOT\""));
    assert_eq!(copy.destination.value, "/dst/");
}

#[test]
fn heredoc_after_continued_command_interpreter_and_redirect() {
    let text = "RUN foo && \\\n  bar <<BAR\nbody\nBAR\nRUN python3 <<EOF\nprint(1)\nEOF\nRUN <<EOF > /file\ncontent\nEOF\n";
    let df = ok(text);
    assert_eq!(df.instructions.len(), 3);
    assert_eq!(df.instructions[0].heredocs[0].body, "body\n");
    assert_eq!(
        df.instructions[0].heredocs[0].opener_range,
        find(text, "<<BAR")
    );
    assert_eq!(
        df.instructions[0]
            .command()
            .and_then(Command::shell)
            .unwrap()
            .text,
        "foo &&   bar <<BAR"
    );
    assert_eq!(df.instructions[1].heredocs[0].body, "print(1)\n");
    let redirect = &df.instructions[2];
    assert_eq!(redirect.heredocs[0].body, "content\n");
    assert_eq!(
        redirect.command().and_then(Command::shell).unwrap().text,
        "<<EOF > /file"
    );
}

#[test]
fn heredocs_only_in_run_copy_add() {
    let text = "CMD cat <<EOF\nRUN echo \"<<EOF\"\nRUN echo hi\n";
    let df = ok(text);
    assert_eq!(df.instructions.len(), 3);
    assert!(df.instructions.iter().all(|i| i.heredocs.is_empty()));
}

#[test]
fn heredoc_with_crlf_and_unterminated() {
    let text = "RUN <<EOF\r\necho\r\nEOF\r\nRUN <<X\nnever closed\n";
    let df = parse(text);
    assert_eq!(df.instructions.len(), 2);
    assert_eq!(df.instructions[0].heredocs[0].body, "echo\r\n");
    assert_eq!(df.instructions[0].range.end, nth(text, "EOF", 1).end);
    assert_eq!(df.errors.len(), 1);
    assert_eq!(df.errors[0].range, find(text, "<<X"));
    assert!(df.errors[0].message.contains("unterminated heredoc"));
    assert_eq!(df.instructions[1].heredocs[0].terminator_range, None);
}

#[test]
fn exec_form_and_json_fallback() {
    let text = "CMD [\"nginx\", \"-g\", \"daemon off;\"]\nCMD [\"a\", 'b']\nENTRYPOINT [\"a\"] extra\nRUN [\"sh\",\"-c\",\"echo \\\"hi\\\" \\u00e9\"]\nCMD []\n";
    let df = ok(text);
    let exec = df.instructions[0]
        .command()
        .and_then(Command::exec)
        .unwrap();
    let values: Vec<_> = exec.args.iter().map(|w| w.value.as_str()).collect();
    assert_eq!(values, ["nginx", "-g", "daemon off;"]);
    assert_eq!(exec.args[2].range, find(text, "\"daemon off;\""));
    assert_eq!(exec.args[2].value_range(7..10), find(text, "off"));
    assert!(df.instructions[0].is_exec_form());

    let fallback = df.instructions[1]
        .command()
        .and_then(Command::shell)
        .unwrap();
    assert_eq!(fallback.text, "[\"a\", 'b']");
    assert_eq!(fallback.source_range(), find(text, "[\"a\", 'b']"));
    assert!(df.instructions[1].is_shell_form());
    assert!(df.instructions[2].is_shell_form());

    let escaped = df.instructions[3]
        .command()
        .and_then(Command::exec)
        .unwrap();
    assert_eq!(escaped.args[2].value, "echo \"hi\" é");
    assert_eq!(
        escaped.args[2].range,
        find(text, "\"echo \\\"hi\\\" \\u00e9\"")
    );
    let empty = df.instructions[4]
        .command()
        .and_then(Command::exec)
        .unwrap();
    assert!(empty.args.is_empty());
}

#[test]
fn exec_form_across_continuation() {
    let text = "ENTRYPOINT [\"a\", \\\n  \"b\"]\n";
    let i = only(text);
    let exec = i.command().and_then(Command::exec).unwrap();
    assert_eq!(exec.args[1].range, find(text, "\"b\""));
    assert_eq!(
        exec.range,
        TextRange::new(find(text, "[").start, find(text, "]").end)
    );
}

#[test]
fn shell_instruction_requires_json() {
    let text =
        "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nSHELL /bin/bash -c\nRUN echo ok\n";
    let df = parse(text);
    assert_eq!(df.instructions.len(), 2);
    let InstructionKind::Shell(shell) = &df.instructions[0].kind else {
        panic!()
    };
    assert_eq!(shell.args.len(), 4);
    assert_eq!(shell.args[2].range, find(text, "\"pipefail\""));
    assert_eq!(df.errors.len(), 1);
    assert_eq!(df.errors[0].range, find(text, "/bin/bash -c"));
    assert!(df.errors[0].message.contains("expected a JSON array"));
    assert!(df.errors[0].message.contains("after SHELL"));
}

#[test]
fn variable_references() {
    let text = "FROM ${REGISTRY}/img:${TAG:-latest} AS $STAGE\n";
    let i = only(text);
    let InstructionKind::From(f) = &i.kind else {
        panic!()
    };
    let vars = &f.image.vars;
    assert_eq!(vars.len(), 2);
    assert_eq!(vars[0].name, "REGISTRY");
    assert_eq!(vars[0].range, find(text, "${REGISTRY}"));
    assert_eq!(vars[0].name_range, find(text, "REGISTRY"));
    assert!(vars[0].modifier.is_none());
    assert_eq!(vars[1].range, find(text, "${TAG:-latest}"));
    let m = vars[1].modifier.as_ref().unwrap();
    assert_eq!(m.operator, VarOperator::ColonDash);
    assert_eq!(m.operator_range, find(text, ":-"));
    assert_eq!(m.word.value, "latest");
    assert_eq!(m.word.range, find(text, "latest"));
    assert_eq!(f.image.value, "${REGISTRY}/img:${TAG:-latest}");
    let alias = &f.alias.as_ref().unwrap().name;
    assert_eq!(alias.vars[0].range, find(text, "$STAGE"));
    assert_eq!(alias.vars[0].name_range, find(text, "STAGE"));
}

#[test]
fn variable_operators_and_escapes() {
    let cases = [
        ("${A:-x}", VarOperator::ColonDash),
        ("${A-x}", VarOperator::Dash),
        ("${A:+x}", VarOperator::ColonPlus),
        ("${A+x}", VarOperator::Plus),
        ("${A:?x}", VarOperator::ColonQuestion),
        ("${A?x}", VarOperator::Question),
        ("${A#x}", VarOperator::Hash),
        ("${A##x}", VarOperator::HashHash),
        ("${A%x}", VarOperator::Percent),
        ("${A%%x}", VarOperator::PercentPercent),
        ("${A/x}", VarOperator::Slash),
        ("${A//x}", VarOperator::SlashSlash),
    ];
    for (var, op) in cases {
        let text = format!("WORKDIR /a/{var}/b\n");
        let i = only(&text);
        let InstructionKind::Workdir(w) = &i.kind else {
            panic!()
        };
        assert_eq!(w.vars.len(), 1, "{var}");
        assert_eq!(w.vars[0].range, find(&text, var));
        let m = w.vars[0].modifier.as_ref().unwrap();
        assert_eq!(m.operator, op);
        let op_start = find(&text, var).start + 3;
        assert_eq!(
            m.operator_range,
            TextRange::from_usize(op_start as usize, op_start as usize + op.as_str().len())
        );
        assert_eq!(m.word.value, "x");
    }
    // The escape character escapes `$`; single quotes prevent expansion;
    // nested references are found inside a default.
    let text = "ENV A=\\$HOME B='$HOME' C=\"$HOME\" D=${X:-${Y}}\n";
    let i = only(text);
    let InstructionKind::Env(pairs) = &i.kind else {
        panic!()
    };
    assert_eq!(pairs[0].value.value, "$HOME");
    assert!(pairs[0].value.vars.is_empty());
    assert!(pairs[1].value.vars.is_empty());
    assert_eq!(pairs[1].value.value, "$HOME");
    assert_eq!(pairs[2].value.vars[0].range, nth(text, "$HOME", 2));
    let d = &pairs[3].value.vars[0];
    assert_eq!(d.range, find(text, "${X:-${Y}}"));
    let inner = &d.modifier.as_ref().unwrap().word.vars[0];
    assert_eq!(inner.name, "Y");
    assert_eq!(inner.range, find(text, "${Y}"));
    // A lone or malformed `$` is literal.
    let text = "WORKDIR /a$ /b${ /c$1\n";
    let InstructionKind::Workdir(w) = &only(text).kind else {
        panic!()
    };
    assert!(w.vars.is_empty());
    assert_eq!(w.value, "/a$ /b${ /c$1");
}

#[test]
fn flags_and_mount_options() {
    let text = "RUN --mount=type=cache,target=/root/.cache \\\n    --mount=type=secret,id=npm --network=none --security=insecure pip install x==1\n";
    let i = only(text);
    assert_eq!(i.flags.len(), 4);
    let mount = &i.flags[0];
    assert_eq!(mount.name, "mount");
    assert_eq!(
        mount.range,
        find(text, "--mount=type=cache,target=/root/.cache")
    );
    assert_eq!(mount.name_range, find(text, "mount"));
    let value = mount.value.as_ref().unwrap();
    assert_eq!(value.value, "type=cache,target=/root/.cache");
    assert_eq!(value.range, find(text, "type=cache,target=/root/.cache"));
    let options = mount.mount_options();
    assert_eq!(options.len(), 2);
    assert_eq!(options[0].key.value, "type");
    assert_eq!(options[0].key.range, find(text, "type"));
    assert_eq!(options[0].value.as_ref().unwrap().value, "cache");
    assert_eq!(
        options[0].value.as_ref().unwrap().range,
        find(text, "cache")
    );
    assert_eq!(options[1].range, find(text, "target=/root/.cache"));
    assert_eq!(
        options[1].value.as_ref().unwrap().range,
        find(text, "/root/.cache")
    );
    let secret = i.flags[1].mount_options();
    assert_eq!(secret[1].value.as_ref().unwrap().range, find(text, "npm"));
    assert_eq!(
        i.flag("network").unwrap().value.as_ref().unwrap().value,
        "none"
    );
    assert_eq!(
        i.flag("security").unwrap().range,
        find(text, "--security=insecure")
    );
    let shell = i.command().and_then(Command::shell).unwrap();
    assert_eq!(shell.text, "pip install x==1");
    assert_eq!(shell.source_range(), find(text, "pip install x==1"));
}

#[test]
fn copy_and_add_flags() {
    let text = "COPY --link --chmod=755 --chown=app:app --from=build /out /bin/\nCOPY --parents --exclude=*.md src/ /app/\nADD --checksum=sha256:abc --keep-git-dir=true https://x/y.tgz /\nADD --keep-git-dir git@github.com:a/b.git /src\nCOPY [\"a b\", \"$DST\"]\n";
    let df = ok(text);
    let i = &df.instructions[0];
    let names: Vec<_> = i.flags.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["link", "chmod", "chown", "from"]);
    assert!(i.flags[0].value.is_none());
    assert_eq!(i.flags[0].range, find(text, "--link"));
    assert_eq!(
        i.flag("from").unwrap().value.as_ref().unwrap().range,
        find(text, "build")
    );
    let InstructionKind::Copy(c) = &i.kind else {
        panic!()
    };
    assert_eq!(c.sources[0].range, find(text, "/out"));
    assert_eq!(c.destination.range, find(text, "/bin/"));
    assert!(!c.json);
    let exclude = df.instructions[1].flag("exclude").unwrap();
    assert_eq!(exclude.value.as_ref().unwrap().value, "*.md");
    assert!(df.instructions[1].flag("parents").is_some());
    let InstructionKind::Add(add) = &df.instructions[2].kind else {
        panic!()
    };
    assert_eq!(add.sources[0].value, "https://x/y.tgz");
    assert_eq!(
        df.instructions[2]
            .flag("checksum")
            .unwrap()
            .value
            .as_ref()
            .unwrap()
            .value,
        "sha256:abc"
    );
    assert!(
        df.instructions[3]
            .flag("keep-git-dir")
            .unwrap()
            .value
            .is_none()
    );
    let InstructionKind::Copy(json) = &df.instructions[4].kind else {
        panic!()
    };
    assert!(json.json);
    assert_eq!(json.sources[0].value, "a b");
    assert_eq!(json.sources[0].range, find(text, "\"a b\""));
    assert_eq!(json.destination.vars[0].range, find(text, "$DST"));
    assert!(df.instructions[4].is_exec_form());
}

#[test]
fn env_and_label() {
    let text = "ENV A=1 B=\"two words\" \\\n    C=x\\ y\nENV FOO bar baz\nLABEL org.opencontainers.image.title=\"caulk\" version=1\n";
    let df = ok(text);
    let InstructionKind::Env(env) = &df.instructions[0].kind else {
        panic!()
    };
    assert_eq!(env.len(), 3);
    assert_eq!(env[0].range, find(text, "A=1"));
    assert_eq!(env[0].key.value, "A");
    assert_eq!(env[0].key.range, find(text, "A"));
    assert_eq!(env[0].value.range, find(text, "1"));
    assert_eq!(env[1].value.value, "two words");
    assert_eq!(env[1].value.range, find(text, "\"two words\""));
    assert_eq!(env[1].value.value_range(4..9), find(text, "words"));
    assert_eq!(env[2].value.value, "x y");
    assert_eq!(env[2].range, find(text, "C=x\\ y"));
    assert!(!env[0].legacy);
    let InstructionKind::Env(legacy) = &df.instructions[1].kind else {
        panic!()
    };
    assert_eq!(legacy.len(), 1);
    assert!(legacy[0].legacy);
    assert_eq!(legacy[0].key.range, find(text, "FOO"));
    assert_eq!(legacy[0].value.value, "bar baz");
    assert_eq!(legacy[0].value.range, find(text, "bar baz"));
    assert_eq!(legacy[0].range, find(text, "FOO bar baz"));
    let InstructionKind::Label(labels) = &df.instructions[2].kind else {
        panic!()
    };
    assert_eq!(labels[0].key.value, "org.opencontainers.image.title");
    assert_eq!(labels[0].value.value, "caulk");
    assert_eq!(labels[1].range, find(text, "version=1"));
}

#[test]
fn env_errors() {
    let text = "ENV A=1 B\nENV ONLY\nENV =x\nFROM a\n";
    let df = parse(text);
    assert_eq!(df.instructions.len(), 1);
    assert_eq!(df.errors.len(), 3);
    assert_eq!(df.errors[0].range, nth(text, "B", 0));
    assert!(df.errors[0].message.contains("name=value"));
    assert_eq!(df.errors[1].range, find(text, "ONLY"));
    assert_eq!(df.errors[2].range, find(text, "=x"));
}

#[test]
fn arg_declarations() {
    let text = "ARG BASE=alpine:3.20 VERSION\nARG EMPTY= Q=\"a b\"\n";
    let df = ok(text);
    let InstructionKind::Arg(args) = &df.instructions[0].kind else {
        panic!()
    };
    assert_eq!(args.len(), 2);
    assert_eq!(args[0].range, find(text, "BASE=alpine:3.20"));
    assert_eq!(args[0].name.range, find(text, "BASE"));
    assert_eq!(
        args[0].default.as_ref().unwrap().range,
        find(text, "alpine:3.20")
    );
    assert_eq!(args[1].name.value, "VERSION");
    assert!(args[1].default.is_none());
    let InstructionKind::Arg(args) = &df.instructions[1].kind else {
        panic!()
    };
    let empty = args[0].default.as_ref().unwrap();
    assert_eq!(empty.value, "");
    assert_eq!(empty.range, TextRange::empty(find(text, "EMPTY=").end));
    assert_eq!(args[1].default.as_ref().unwrap().value, "a b");
}

#[test]
fn expose_ports() {
    let text = "EXPOSE 80/tcp 53/udp 8000-8010 ${PORT} 443\n";
    let i = only(text);
    let InstructionKind::Expose(ports) = &i.kind else {
        panic!()
    };
    assert_eq!(ports.len(), 5);
    assert_eq!(ports[0].ports, Some((80, 80)));
    assert_eq!(ports[0].ports_range, find(text, "80"));
    let tcp = ports[0].protocol.as_ref().unwrap();
    assert_eq!(tcp.value, "tcp");
    assert_eq!(tcp.range, find(text, "tcp"));
    assert_eq!(ports[1].protocol.as_ref().unwrap().value, "udp");
    assert_eq!(ports[2].ports, Some((8000, 8010)));
    assert_eq!(ports[2].word.range, find(text, "8000-8010"));
    assert_eq!(ports[3].ports, None);
    assert_eq!(ports[3].word.vars[0].name, "PORT");
    assert_eq!(ports[4].ports, Some((443, 443)));
    assert!(ports[4].protocol.is_none());
}

#[test]
fn workdir_user_volume_stopsignal_maintainer() {
    let text = "WORKDIR \"/my app\"\nUSER app:staff\nUSER 1000\nVOLUME [\"/data\", \"/logs\"]\nVOLUME /a /b\nSTOPSIGNAL SIGTERM\nMAINTAINER Jane Doe <jane@example.com>\n";
    let df = ok(text);
    let InstructionKind::Workdir(w) = &df.instructions[0].kind else {
        panic!()
    };
    assert_eq!(w.value, "/my app");
    assert_eq!(w.range, find(text, "\"/my app\""));
    assert_eq!(w.value_range(4..7), find(text, "app"));
    let InstructionKind::User(u) = &df.instructions[1].kind else {
        panic!()
    };
    assert_eq!(u.user.value, "app");
    assert_eq!(u.user.range, nth(text, "app", 1));
    let group = u.group.as_ref().unwrap();
    assert_eq!(group.value, "staff");
    assert_eq!(group.range, find(text, "staff"));
    let InstructionKind::User(u) = &df.instructions[2].kind else {
        panic!()
    };
    assert_eq!(u.user.range, find(text, "1000"));
    assert!(u.group.is_none());
    let InstructionKind::Volume(v) = &df.instructions[3].kind else {
        panic!()
    };
    assert!(v.json);
    assert_eq!(v.paths[1].range, find(text, "\"/logs\""));
    let InstructionKind::Volume(v) = &df.instructions[4].kind else {
        panic!()
    };
    assert!(!v.json);
    assert_eq!(v.paths[1].range, find(text, "/b"));
    let InstructionKind::Stopsignal(s) = &df.instructions[5].kind else {
        panic!()
    };
    assert_eq!(s.range, find(text, "SIGTERM"));
    let InstructionKind::Maintainer(m) = &df.instructions[6].kind else {
        panic!()
    };
    assert_eq!(m.value, "Jane Doe <jane@example.com>");
    assert_eq!(m.range, find(text, "Jane Doe <jane@example.com>"));
}

#[test]
fn healthcheck() {
    let text = "HEALTHCHECK --interval=30s --start-interval=1s CMD curl -f localhost\n\
HEALTHCHECK NONE\nHEALTHCHECK cmd [\"/bin/check\"]\n";
    let df = ok(text);
    let i = &df.instructions[0];
    assert_eq!(i.flags.len(), 2);
    assert_eq!(
        i.flag("interval").unwrap().value.as_ref().unwrap().range,
        find(text, "30s")
    );
    assert_eq!(i.flags[1].name, "start-interval");
    let InstructionKind::Healthcheck(Healthcheck::Cmd { cmd_range, command }) = &i.kind else {
        panic!()
    };
    assert_eq!(*cmd_range, find(text, "CMD"));
    assert_eq!(
        command.shell().unwrap().source_range(),
        find(text, "curl -f localhost")
    );
    assert!(i.is_shell_form());
    let InstructionKind::Healthcheck(Healthcheck::None { none_range }) = &df.instructions[1].kind
    else {
        panic!()
    };
    assert_eq!(*none_range, find(text, "NONE"));
    assert!(df.instructions[2].is_exec_form());
    let bad = parse("HEALTHCHECK --interval=5s curl x\n");
    assert_eq!(bad.errors.len(), 1);
    assert!(bad.errors[0].message.contains("`NONE` or `CMD`"));
}

#[test]
fn onbuild_wraps_instructions() {
    let text = "ONBUILD RUN --mount=type=cache,target=/x apt-get install foo\nONBUILD copy . /app\nONBUILD ONBUILD RUN x\n";
    let df = parse(text);
    assert_eq!(df.instructions.len(), 2);
    let outer = &df.instructions[0];
    assert_eq!(outer.keyword, Keyword::Onbuild);
    assert!(outer.flags.is_empty());
    let inner = outer.effective();
    assert_eq!(inner.keyword, Keyword::Run);
    assert_eq!(
        inner.range,
        find(text, "RUN --mount=type=cache,target=/x apt-get install foo")
    );
    assert_eq!(inner.keyword_range, find(text, "RUN"));
    assert_eq!(
        inner.flags[0].mount_options()[1]
            .value
            .as_ref()
            .unwrap()
            .range,
        find(text, "/x")
    );
    let shell = inner.command().and_then(Command::shell).unwrap();
    assert_eq!(shell.source_range(), find(text, "apt-get install foo"));
    let copy = df.instructions[1].effective();
    assert_eq!(copy.keyword_spelling, "copy");
    let kinds: Vec<_> = df.effective_instructions().map(|i| i.keyword).collect();
    assert_eq!(kinds, [Keyword::Run, Keyword::Copy]);
    assert_eq!(df.errors.len(), 1);
    assert_eq!(df.errors[0].range, nth(text, "ONBUILD", 3));
}

#[test]
fn image_reference_parts() {
    let text = "FROM ghcr.io/org/app:1.2@sha256:abcd\nFROM python:3.12-slim\nFROM localhost:5000/x\nFROM ${IMG}:${TAG}\n";
    let df = ok(text);
    let image = |n: usize| match &df.instructions[n].kind {
        InstructionKind::From(f) => f.image_ref(),
        _ => panic!(),
    };
    let a = image(0);
    assert_eq!(a.registry.as_ref().unwrap().range, find(text, "ghcr.io"));
    assert_eq!(a.repository.value, "org/app");
    assert_eq!(a.repository.range, find(text, "org/app"));
    assert_eq!(a.tag.as_ref().unwrap().range, find(text, "1.2"));
    assert_eq!(a.digest.as_ref().unwrap().value, "sha256:abcd");
    assert_eq!(a.digest.as_ref().unwrap().range, find(text, "sha256:abcd"));
    let b = image(1);
    assert!(b.registry.is_none());
    assert_eq!(b.repository.value, "python");
    assert_eq!(b.tag.as_ref().unwrap().value, "3.12-slim");
    let c = image(2);
    assert_eq!(c.registry.as_ref().unwrap().value, "localhost:5000");
    assert_eq!(c.repository.value, "x");
    assert!(c.tag.is_none());
    let d = image(3);
    assert_eq!(d.repository.range, find(text, "${IMG}"));
    assert_eq!(d.tag.as_ref().unwrap().range, find(text, "${TAG}"));
}

#[test]
fn error_recovery_keeps_the_rest() {
    let text = "FROM alpine\nRUN echo one\nCOPY onlyone\nRUN echo two\nEXPOSE 80\n";
    let df = parse(text);
    assert_eq!(df.errors.len(), 1);
    assert_eq!(df.errors[0].range, find(text, "onlyone"));
    assert_eq!(
        df.errors[0].message,
        "expected at least one source and a destination after COPY"
    );
    let kinds: Vec<_> = df.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(
        kinds,
        [Keyword::From, Keyword::Run, Keyword::Run, Keyword::Expose]
    );
}

#[test]
fn missing_arguments_point_at_the_keyword() {
    let text = "FROM\nRUN\nCMD\nWORKDIR   \nFROM a b\n";
    let df = parse(text);
    assert_eq!(df.instructions.len(), 0);
    let ranges: Vec<_> = df.errors.iter().map(|e| e.range).collect();
    assert_eq!(
        ranges,
        [
            nth(text, "FROM", 0),
            find(text, "RUN"),
            find(text, "CMD"),
            find(text, "WORKDIR"),
            find(text, "b"),
        ]
    );
    assert_eq!(
        df.errors[1].message,
        "expected a JSON array or a command after RUN"
    );
}

#[test]
fn unknown_instructions_and_junk() {
    let text = "FROM a\nFRUM b\n\0\0\0\n\u{1}junk here\nRUN ok\n";
    let df = parse(text);
    assert_eq!(df.instructions.len(), 2);
    assert_eq!(df.errors.len(), 3);
    assert_eq!(df.errors[0].range, find(text, "FRUM"));
    assert_eq!(df.errors[0].message, "unknown instruction `FRUM`");
    assert_eq!(df.errors[1].range, find(text, "\0\0\0"));
    assert_eq!(df.errors[1].message, "unknown instruction `\\0\\0\\0`");
    assert_eq!(df.errors[2].range, find(text, "\u{1}junk"));
}

#[test]
fn long_inputs_parse_in_linear_time() {
    let mut text = String::from("FROM a\nRUN true");
    for _ in 0..100_000 {
        text.push_str(" \\\n  && x");
    }
    text.push_str("\nENV ");
    for i in 0..20_000 {
        text.push_str(&format!("K{i}=v \\\n"));
    }
    text.push_str("END=1\nWORKDIR ");
    text.push_str(&"${A:-".repeat(20_000));
    text.push_str("\nENV X=");
    text.push_str(&"${A:-".repeat(20_000));
    text.push_str(&"}".repeat(20_000));
    text.push('\n');
    let start = std::time::Instant::now();
    let df = parse(&text);
    assert!(df.errors.is_empty(), "{:?}", &df.errors[..1]);
    assert_eq!(df.instructions.len(), 5);
    let shell = df.instructions[1]
        .command()
        .and_then(Command::shell)
        .unwrap();
    assert_eq!(
        shell.to_source(shell.len() - 1..shell.len()).end,
        df.instructions[1].range.end
    );
    // Generous: a quadratic parser would take minutes here.
    assert!(start.elapsed().as_secs() < 20);
}

#[test]
fn flags_only_where_buildkit_accepts_them() {
    let text = "CMD --version\nRUN --network=host x\n";
    let df = parse(text);
    assert_eq!(df.instructions.len(), 1);
    assert_eq!(df.errors.len(), 1);
    assert_eq!(df.errors[0].range, find(text, "--version"));
    assert_eq!(
        df.errors[0].message,
        "unknown flag `--version`: CMD takes no flags"
    );
    // `--` words after the first argument are arguments, not flags.
    let text = "COPY --from=a src --not-a-flag /dst\n";
    let InstructionKind::Copy(c) = &only(text).kind else {
        panic!()
    };
    assert_eq!(c.sources[1].value, "--not-a-flag");
}

#[test]
fn pragma_comments_are_collected() {
    let text = "FROM a\n# hadolint ignore=DL3008,DL3015\nRUN apt-get install x\n  # caulk ignore=DL3009 reason\n";
    let df = ok(text);
    assert_eq!(df.comments.len(), 2);
    assert_eq!(df.comments[0].text, "hadolint ignore=DL3008,DL3015");
    assert_eq!(
        df.comments[0].range,
        find(text, "# hadolint ignore=DL3008,DL3015")
    );
    assert_eq!(
        df.comments[1].range,
        find(text, "# caulk ignore=DL3009 reason")
    );
}

#[test]
fn word_split_by_a_continuation_maps_each_byte() {
    let text = "COPY --chown=ap\\\np:st\\\naff src /dst\n";
    let i = only(text);
    let chown = i.flag("chown").unwrap().value.as_ref().unwrap();
    assert_eq!(chown.value, "app:staff");
    assert_eq!(
        chown.range,
        TextRange::new(find(text, "ap\\").start, find(text, "aff").end)
    );
    assert_eq!(
        chown.value_range(4..9),
        TextRange::new(find(text, "st").start, find(text, "aff").end)
    );
    assert_eq!(chown.value_range(6..9), find(text, "aff"));
}
