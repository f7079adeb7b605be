use crate::config::LabelType;
use crate::rules::prelude::*;
use crate::rules::support::labels;

crate::declare_rule! {
    /// ## What it does
    /// Checks that labels typed `rfc3339` in `label-schema` hold an RFC 3339 timestamp such as `2024-05-01T12:30:00Z`.
    ///
    /// ## Why is this bad?
    /// Build dates are compared and sorted by tools; a date without time or zone (`2024-05-01`, `May 1 2024`) is ambiguous or unreadable to them.
    ///
    /// A time zone (`Z` or `+02:00`) is required.
    ///
    /// Only labels the schema types `rfc3339` are checked. Values holding a
    /// variable are filled in at build time and are not judged (hadolint
    /// judges the text as written, so it reports `$VAR` values).
    ///
    /// ```yaml
    /// label-schema:
    ///   org.opencontainers.image.created: rfc3339
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"
    /// ```
    pub static RULE = Rule {
        code: "DL3053",
        name: "label-not-rfc3339",
        summary: "A label the label schema types `rfc3339` is not an RFC 3339 timestamp",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3053")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    labels::check_typed(
        ctx,
        sink,
        LabelType::Rfc3339,
        labels::is_rfc3339,
        "an RFC 3339 timestamp",
    );
}
