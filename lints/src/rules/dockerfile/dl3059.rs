use crate::dockerfile::Command;
use crate::dockerfile::shell::Connector;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for consecutive `RUN` instructions that could be one: both
    /// have the same options (`--mount`, `--network`, …) and each runs a
    /// single command (commands inside `$( … )` count). Comments between
    /// them do not separate them.
    ///
    /// ## Why is this bad?
    /// Every `RUN` adds a layer and a cache step. Short steps in a row make
    /// the image larger (files deleted in a later layer still ship in the
    /// earlier one) and the build slower. A `RUN` that already chains
    /// commands (`a && b`), or `RUN`s with different options, are left
    /// alone: whoever chains commands chose where to split the steps, for
    /// example to cache a slow one. This is hadolint's behaviour too: its
    /// limit of "two commands" counts every command twice (ShellCheck's
    /// syntax tree wraps each simple command in a redirection node and
    /// hadolint counts both), so in effect it also fires only for
    /// single-command `RUN`s.
    ///
    /// ## Fix
    /// An unsafe fix joins the two commands with `&&` in the first `RUN`. It
    /// is unsafe because it changes layer caching, and because a failing
    /// first command now also skips the second inside the same step.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && \
    ///     apt-get install -y --no-install-recommends curl
    /// ```
    pub static RULE = Rule {
        code: "DL3059",
        name: "consecutive-run",
        summary: "Consecutive RUN instructions could be merged into one",
        category: Category::BestPractice,
        severity: Severity::Info,
        references: &[Reference::new(Source::Hadolint, "DL3059")],
        fix: Some(Applicability::Unsafe),
        check: Check::Dockerfile(check),
    };
}

/// A RUN that chains commands is assumed to be split from its neighbours on
/// purpose (see the doc comment for how this matches hadolint).
const MAX_COMMANDS: usize = 1;

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let mut previous: Option<&Instruction> = None;
    for instruction in &ctx.syntax.instructions {
        if instruction.keyword != Keyword::Run {
            previous = None;
            continue;
        }
        if let Some(earlier) = previous
            && same_flags(earlier, instruction)
            && command_count(ctx, earlier) <= MAX_COMMANDS
            && command_count(ctx, instruction) <= MAX_COMMANDS
        {
            let diagnostic = sink
                .report(
                    instruction.keyword_range,
                    "this RUN directly follows another single-command RUN with the same options; consider merging them",
                )
                .label(earlier.keyword_range, "previous RUN");
            if let Some(edit) = merge(ctx, earlier, instruction) {
                diagnostic.fix(Fix::unsafe_("Merge into the previous RUN", vec![edit]));
            }
        }
        previous = Some(instruction);
    }
}

fn same_flags(a: &Instruction, b: &Instruction) -> bool {
    let flags = |i: &Instruction| -> Vec<(String, Option<String>)> {
        i.flags
            .iter()
            .map(|f| (f.name.clone(), f.value.as_ref().map(|v| v.value.clone())))
            .collect()
    };
    flags(a) == flags(b)
}

/// Commands a RUN runs; an exec-form or non-shell RUN counts as one.
fn command_count(ctx: &DockerfileContext, run: &Instruction) -> usize {
    match ctx.model.run(run) {
        Some(script) if !script.pieces.is_empty() => script
            .commands()
            .filter(|(_, c)| c.name().is_some())
            .count(),
        _ => 1,
    }
}

/// The edit that appends the later RUN's command to the earlier one, when
/// that is a plain textual join.
fn merge(ctx: &DockerfileContext, earlier: &Instruction, later: &Instruction) -> Option<Edit> {
    let (Some(Command::Shell(first)), Some(Command::Shell(second))) =
        (earlier.command(), later.command())
    else {
        return None;
    };
    if !earlier.heredocs.is_empty() || !later.heredocs.is_empty() {
        return None;
    }
    let (a, b) = (ctx.model.run(earlier)?, ctx.model.run(later)?);
    if !a.shell.is_posix() || !b.shell.is_posix() {
        return None;
    }
    let end = first.source_range().end;
    let start = second.source_range().start;
    // Comments between the two would be deleted with the text between them.
    if ctx
        .syntax
        .comments
        .iter()
        .any(|c| c.range.start >= end && c.range.start < start)
    {
        return None;
    }
    // `a &` or `a;` cannot take `&&`; `x && a || b` would run `b` when `x` fails.
    let trimmed = first.as_str().trim_end();
    if trimmed.ends_with(['&', ';', '|', ctx.syntax.escape]) || trimmed.is_empty() {
        return None;
    }
    // A trailing comment would swallow the appended text.
    if trimmed
        .lines()
        .last()
        .is_some_and(|line| line.contains('#'))
    {
        return None;
    }
    if b.commands()
        .any(|(_, c)| matches!(c.after, Connector::Or | Connector::Background))
    {
        return None;
    }
    Some(Edit::replace(
        TextRange::new(end, start),
        format!(" && {}\n    ", ctx.syntax.escape),
    ))
}
