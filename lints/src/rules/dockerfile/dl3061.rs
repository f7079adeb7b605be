use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the first instruction is `FROM`, with only `ARG`,
    /// comments and parser directives before it.
    ///
    /// ## Why is this bad?
    /// Every instruction except a global `ARG` needs a build stage, and a
    /// stage starts at `FROM`. Docker refuses to build a file that starts
    /// with anything else.
    ///
    /// Every misplaced instruction before the first `FROM` is reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// LABEL maintainer="team@example.com"
    /// FROM alpine:3.20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="team@example.com"
    /// ```
    pub static RULE = Rule {
        code: "DL3061",
        name: "instruction-before-from",
        summary: "An instruction other than ARG comes before the first FROM",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[Reference::new(Source::Hadolint, "DL3061")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in ctx.model.preamble {
        if instruction.keyword == Keyword::Arg {
            continue;
        }
        sink.report(
            instruction.keyword_range,
            format!(
                "{} before the first FROM; only ARG may come before FROM",
                instruction.keyword
            ),
        );
    }
}
