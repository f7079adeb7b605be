use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for build stages named `scratch` or `context`.
    ///
    /// ## Why is this bad?
    /// Both names already mean something: `scratch` is the empty image and
    /// `context` is the build context in `COPY --from` and named contexts.
    /// A stage with one of these names is either unreachable or shadows the
    /// built-in meaning, depending on the builder.
    ///
    /// Names are compared ignoring case.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS scratch
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20 AS base
    /// ```
    pub static RULE = Rule {
        code: "DL3063",
        name: "reserved-stage-name",
        summary: "A build stage is named `scratch` or `context`",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL3063"),
            Reference::new(Source::BuildKit, "ReservedStageName"),
        ],
        aliases: &["ReservedStageName"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for stage in &ctx.model.stages {
        let Some(alias) = &stage.from.alias else {
            continue;
        };
        let name = alias.name.value.to_ascii_lowercase();
        if name == "scratch" || name == "context" {
            sink.report(
                alias.name.range,
                format!(
                    "`{}` is a reserved name; choose another stage name",
                    alias.name.value
                ),
            );
        }
    }
}
