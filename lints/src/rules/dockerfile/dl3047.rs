use crate::rules::prelude::*;
use crate::rules::support::commands::run_commands;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `wget` without an option that tames its progress output:
    /// `--progress=…`, `-q`/`--quiet`, `-nv`/`--no-verbose`, or a log file
    /// (`-o`/`--output-file`, `-a`/`--append-output`).
    ///
    /// ## Why is this bad?
    /// Without a terminal, `wget` falls back to printing a line of dots for
    /// every few kilobytes downloaded. A large download fills the build log
    /// with thousands of lines, which slows CI log viewers and hides the
    /// output that matters.
    ///
    /// ## Fix
    /// A safe fix adds `--progress=dot:giga` after `wget`, which keeps a
    /// progress indication but prints one dot per megabyte-scale chunk.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget https://example.com/tool.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget --progress=dot:giga https://example.com/tool.tar.gz
    /// ```
    pub static RULE = Rule {
        code: "DL3047",
        name: "wget-without-progress",
        summary: "`wget` without `--progress` or a quiet option bloats the build log",
        category: Category::BestPractice,
        severity: Severity::Info,
        references: &[Reference::new(Source::Hadolint, "DL3047")],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for rc in run_commands(ctx, true) {
        let cmd = rc.command;
        if !cmd.is("wget") {
            continue;
        }
        let args = cmd.args();
        let quiet = args.has(Some('q'), Some("quiet"))
            || args.has(None, Some("progress"))
            || args.has(None, Some("no-verbose"))
            || args.has(Some('o'), Some("output-file"))
            || args.has(Some('a'), Some("append-output"))
            // `-nv` is one option to wget, not `-n` and `-v`.
            || cmd.arguments().iter().any(|w| w.value == "-nv");
        if quiet {
            continue;
        }
        let name = rc.name_range();
        sink.report(
            name,
            "`wget` without `--progress` or `-q` prints a dot line per few kilobytes",
        )
        .fix(Fix::safe(
            "Add `--progress=dot:giga`",
            vec![Edit::insert(name.end, " --progress=dot:giga")],
        ));
    }
}
