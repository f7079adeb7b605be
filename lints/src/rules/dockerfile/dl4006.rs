use crate::dockerfile::model::ScriptPiece;
use crate::dockerfile::shell::{Connector, specs};
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `RUN` commands with a pipe (`a | b`) when the shell does
    /// not run with `-o pipefail`.
    ///
    /// ## Why is this bad?
    /// A pipeline's exit status is that of its last command. In
    /// `RUN curl -fsSL https://example.com/key | gpg --dearmor -o key.gpg`
    /// a failed download goes unnoticed as long as `gpg` exits cleanly, and
    /// the build carries on with a broken layer. With `pipefail` the pipeline
    /// fails when any of its commands fails.
    ///
    /// The option counts when the `SHELL` in effect passes it
    /// (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`) or when the same
    /// `RUN` runs `set -o pipefail` before the pipe. Shells other than POSIX
    /// shells (PowerShell, `cmd`) are not checked. On Alpine, where `/bin/sh`
    /// is BusyBox, `SHELL ["/bin/ash", "-o", "pipefail", "-c"]` works too.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSL https://example.com/install.tar.gz | tar -xz -C /opt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.com/install.tar.gz | tar -xz -C /opt
    /// ```
    pub static RULE = Rule {
        code: "DL4006",
        name: "pipe-without-pipefail",
        summary: "RUN uses a pipe while the shell lacks `-o pipefail`",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL4006")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in ctx
        .model
        .runs
        .iter()
        .filter(|r| !r.onbuild && r.shell.is_posix())
    {
        if shell_sets_pipefail(&run.shell_args) {
            continue;
        }
        if let Some(range) = run.pieces.iter().find_map(unprotected_pipe) {
            sink.report(
                range,
                "pipe without `pipefail`: only the last command's failure fails the build; \
                 add `-o pipefail` to SHELL or `set -o pipefail` before the pipe",
            );
        }
    }
}

/// Whether the SHELL arguments turn `pipefail` on (`-o pipefail`, `-euxo pipefail`).
fn shell_sets_pipefail(args: &[String]) -> bool {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        if arg.starts_with("--") || !arg.starts_with('-') {
            continue;
        }
        if let Some(at) = arg.find('o') {
            let attached = &arg[at + 1..];
            let value = if attached.is_empty() {
                rest.next().map(String::as_str)
            } else {
                Some(attached)
            };
            if value == Some("pipefail") {
                return true;
            }
        }
    }
    false
}

/// The first `|` of a pipeline that no earlier `set -o pipefail` covers.
fn unprotected_pipe(piece: &ScriptPiece) -> Option<TextRange> {
    let script = &piece.script;
    let protected_from = script
        .commands
        .iter()
        .find(|c| {
            c.is("set")
                && c.args_with(&specs::SHELL)
                    .values(Some('o'), None)
                    .contains(&"pipefail")
        })
        .map(|c| c.index);
    for pipeline in script.pipelines.iter().filter(|p| p.len > 1) {
        let Some(&first) = pipeline.commands.first() else {
            continue;
        };
        if protected_from.is_some_and(|set| set < first) {
            continue;
        }
        let cmd = &script.commands[first];
        let text = piece.text;
        let pipe = |offset: usize| {
            let len = if text[offset..].starts_with("|&") {
                2
            } else {
                1
            };
            piece.to_source(TextRange::from_usize(offset, offset + len))
        };
        let after = cmd.range.end as usize;
        let before = cmd.range.start as usize;
        let found = match (cmd.after, cmd.before) {
            (Connector::Pipe | Connector::PipeAll, _) => {
                text[after..].find('|').map(|i| pipe(after + i))
            }
            (_, Connector::Pipe | Connector::PipeAll) => text[..before].rfind('|').map(|i| {
                let i = if i > 0 && text[..i].ends_with('|') {
                    i - 1
                } else {
                    i
                };
                pipe(i)
            }),
            _ => None,
        };
        return Some(
            found
                .unwrap_or_else(|| piece.to_source(cmd.name_word().map_or(cmd.range, |w| w.range))),
        );
    }
    None
}
