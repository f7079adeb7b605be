use crate::config::LabelType;
use crate::rules::prelude::*;
use crate::rules::support::labels;

crate::declare_rule! {
    /// ## What it does
    /// Checks that labels typed `url` in `label-schema` hold an absolute URL (`scheme:…`, characters RFC 3986 allows).
    ///
    /// ## Why is this bad?
    /// Tools link to these values (source repository, documentation). A bare host name (`github.com/example/app`) or a value with spaces does not work as a link.
    ///
    /// Only labels the schema types `url` are checked. Values holding a
    /// variable are filled in at build time and are not judged (hadolint
    /// judges the text as written, so it reports `$VAR` values).
    ///
    /// ```yaml
    /// label-schema:
    ///   org.opencontainers.image.source: url
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="github.com/example/app"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/example/app"
    /// ```
    pub static RULE = Rule {
        code: "DL3052",
        name: "label-not-url",
        summary: "A label the label schema types `url` is not a URL",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3052")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    labels::check_typed(ctx, sink, LabelType::Url, labels::is_url, "a URL");
}
