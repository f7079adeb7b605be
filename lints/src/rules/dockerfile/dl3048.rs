use crate::rules::prelude::*;
use crate::rules::support::labels;

crate::declare_rule! {
    /// ## What it does
    /// Checks that label keys follow Docker's recommended key format: start
    /// with a lower-case letter, end with a lower-case letter or digit, use
    /// only lower-case letters, digits, `.`, `-`, `_` and `/`, no `..` or `--`, and
    /// stay out of the namespaces Docker reserves (`com.docker.`,
    /// `io.docker.`, `org.dockerproject.`).
    ///
    /// ## Why is this bad?
    /// Tools that read labels (registries, scanners, orchestrators) expect
    /// reverse-DNS keys such as `org.opencontainers.image.source`. Keys like
    /// `Maintainer` or `my label` are easy to misspell and collide with.
    ///
    /// As in hadolint 2.15.1, `_` and `/` are accepted (`registry_image`,
    /// `com.example/team`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL Maintainer="team@example.com" com.docker.extension=x
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="team@example.com"
    /// ```
    pub static RULE = Rule {
        code: "DL3048",
        name: "invalid-label-key",
        summary: "A label key does not follow Docker's key format",
        category: Category::Style,
        severity: Severity::Style,
        references: &[Reference::new(Source::Hadolint, "DL3048")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for pair in labels::pairs(ctx) {
        if let Some(why) = problem(&pair.key.value) {
            sink.report(
                pair.key.range,
                format!("label key `{}` {why}", pair.key.value),
            );
        }
    }
}

fn problem(key: &str) -> Option<&'static str> {
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("must start with a lower-case letter");
    }
    if !key.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        return Some("must end with a lower-case letter or a digit");
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_/".contains(c))
    {
        return Some("may only contain lower-case letters, digits, `.`, `-`, `_` and `/`");
    }
    if ["com.docker.", "io.docker.", "org.dockerproject."]
        .iter()
        .any(|p| key.starts_with(p))
    {
        return Some("is in a namespace reserved by Docker");
    }
    if key.contains("..") || key.contains("--") {
        return Some("must not contain `..` or `--`");
    }
    None
}
