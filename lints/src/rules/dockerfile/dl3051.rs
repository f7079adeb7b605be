use crate::rules::prelude::*;
use crate::rules::support::labels;

crate::declare_rule! {
    /// ## What it does
    /// Checks that labels listed in `label-schema` are not set to an empty
    /// value.
    ///
    /// ## Why is this bad?
    /// An empty required label satisfies the letter of the schema but tells
    /// nobody anything, and usually means a build argument that fills it was
    /// never passed.
    ///
    /// Values built from variables are not empty as written and are not
    /// reported. An empty label of a typed schema entry (`url`, `semver`, …)
    /// is also reported by that type's rule, as in hadolint.
    ///
    /// ## Example
    /// With `label-schema: {org.opencontainers.image.version: semver}`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version=""
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.4.2"
    /// ```
    pub static RULE = Rule {
        code: "DL3051",
        name: "empty-label",
        summary: "A label required by `label-schema` is empty",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3051")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for pair in labels::pairs(ctx) {
        if ctx.settings.label_schema.contains_key(&pair.key.value) && pair.value.value.is_empty() {
            sink.report(
                labels::value_range(pair),
                format!(
                    "label `{}` is required by the label schema but empty",
                    pair.key.value
                ),
            );
        }
    }
}
