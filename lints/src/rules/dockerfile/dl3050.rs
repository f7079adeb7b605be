use crate::rules::prelude::*;
use crate::rules::support::labels;

crate::declare_rule! {
    /// ## What it does
    /// With `strict-labels: true`, checks that every label key is one of the
    /// keys in `label-schema`.
    ///
    /// ## Why is this bad?
    /// A strict schema keeps label keys consistent across an organisation's
    /// images: a misspelt key (`org.opencontainers.image.sources`) or an
    /// ad-hoc one is caught instead of silently added.
    ///
    /// ```yaml
    /// label-schema:
    ///   org.opencontainers.image.source: url
    /// strict-labels: true
    /// ```
    ///
    /// With `strict-labels` and an empty schema, every label is reported, as
    /// in hadolint.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.sources="https://github.com/example/app"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/example/app"
    /// ```
    pub static RULE = Rule {
        code: "DL3050",
        name: "label-not-in-schema",
        summary: "With `strict-labels`, a label is not in `label-schema`",
        category: Category::Style,
        severity: Severity::Info,
        references: &[Reference::new(Source::Hadolint, "DL3050")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    if !ctx.settings.strict_labels {
        return;
    }
    for pair in labels::pairs(ctx) {
        if !ctx.settings.label_schema.contains_key(&pair.key.value) {
            sink.report(
                pair.key.range,
                format!(
                    "label `{}` is not in the label schema (strict labels)",
                    pair.key.value
                ),
            );
        }
    }
}
