use crate::rules::prelude::*;
use crate::rules::support::commands::run_commands;

crate::declare_rule! {
    /// ## What it does
    /// Checks for build stages that use both `wget` and `curl`.
    ///
    /// ## Why is this bad?
    /// Both tools download files. Using both means installing and keeping
    /// two tools (and their libraries) where one would do, and readers have
    /// to know two sets of flags for retries, TLS and output. Pick one per
    /// stage.
    ///
    /// The uses of whichever tool shows up second are reported, each pointing
    /// at the first use of the other.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz
    /// RUN wget -q https://example.com/b.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz
    /// RUN curl -fsSLO https://example.com/b.tar.gz
    /// ```
    pub static RULE = Rule {
        code: "DL4001",
        name: "wget-and-curl",
        summary: "A stage uses both `wget` and `curl`; use one of them",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL4001"),
            Reference::new(Source::Trivy, "DS-0014"),
        ],
        aliases: &["DS-0014"],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

const TOOLS: [&str; 2] = ["curl", "wget"];

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let mut stage = None;
    // The first use of each tool in the current stage.
    let mut first: [Option<TextRange>; 2] = [None, None];
    for rc in run_commands(ctx, true) {
        if rc.run.stage != stage {
            stage = rc.run.stage;
            first = [None, None];
        }
        let Some(tool) = TOOLS.iter().position(|t| rc.command.is(t)) else {
            continue;
        };
        let range = rc.name_range();
        let other = 1 - tool;
        match first[other] {
            Some(earlier) => {
                sink.report(
                    range,
                    format!(
                        "`{}` is used in a stage that already uses `{}`; use one of them",
                        TOOLS[tool], TOOLS[other]
                    ),
                )
                .label(earlier, format!("`{}` first used here", TOOLS[other]));
            }
            None => {
                first[tool].get_or_insert(range);
            }
        }
    }
}
