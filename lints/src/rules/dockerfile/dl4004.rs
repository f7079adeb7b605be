use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for more than one `ENTRYPOINT` in a build stage.
    ///
    /// ## Why is this bad?
    /// Only the last `ENTRYPOINT` of a stage takes effect; the earlier ones
    /// are dead code that misleads readers about what the container runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENTRYPOINT ["/bin/sh"]
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENTRYPOINT ["/app"]
    /// ```
    pub static RULE = Rule {
        code: "DL4004",
        name: "multiple-entrypoint",
        summary: "A stage has more than one ENTRYPOINT; only the last takes effect",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::Hadolint, "DL4004"),
            Reference::new(Source::BuildKit, "MultipleInstructionsDisallowed"),
            Reference::new(Source::Trivy, "DS-0007"),
        ],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    super::dl4003::report_repeats(ctx, sink, Keyword::Entrypoint);
}
