use crate::config::LabelType;
use crate::rules::prelude::*;
use crate::rules::support::labels;

crate::declare_rule! {
    /// ## What it does
    /// Checks that labels typed `semver` in `label-schema` hold a semantic version such as `1.4.2` or `2.0.0-rc.1`.
    ///
    /// ## Why is this bad?
    /// Version labels are compared by tools that expect semantic versioning; `v1.4`, `latest` or `1.4` do not compare correctly.
    ///
    /// A `v` prefix is not part of a semantic version and is reported.
    ///
    /// Only labels the schema types `semver` are checked. Values holding a
    /// variable are filled in at build time and are not judged (hadolint
    /// judges the text as written, so it reports `$VAR` values).
    ///
    /// ```yaml
    /// label-schema:
    ///   org.opencontainers.image.version: semver
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="v1.4"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.4.0"
    /// ```
    pub static RULE = Rule {
        code: "DL3056",
        name: "label-not-semver",
        summary: "A label the label schema types `semver` is not a semantic version",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3056")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    labels::check_typed(
        ctx,
        sink,
        LabelType::Semver,
        labels::is_semver,
        "a semantic version (MAJOR.MINOR.PATCH)",
    );
}
