use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for more than one `HEALTHCHECK` in a build stage.
    ///
    /// ## Why is this bad?
    /// Only the last `HEALTHCHECK` of a stage takes effect. The earlier ones
    /// are dead code that suggests a check which never runs.
    ///
    /// `HEALTHCHECK NONE` counts as a `HEALTHCHECK` too.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK CMD curl -f http://localhost/ || exit 1
    /// HEALTHCHECK --interval=10s CMD curl -f http://localhost/health || exit 1
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// HEALTHCHECK --interval=10s CMD curl -f http://localhost/health || exit 1
    /// ```
    pub static RULE = Rule {
        code: "DL3012",
        name: "multiple-healthcheck",
        summary: "A stage has more than one HEALTHCHECK; only the last takes effect",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::Hadolint, "DL3012"),
            Reference::new(Source::BuildKit, "MultipleInstructionsDisallowed"),
            Reference::new(Source::Trivy, "DS-0023"),
        ],
        aliases: &["DS-0023"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    super::dl4003::report_repeats(ctx, sink, Keyword::Healthcheck);
}
