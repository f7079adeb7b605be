use crate::config::LabelType;
use crate::rules::prelude::*;
use crate::rules::support::labels;

crate::declare_rule! {
    /// ## What it does
    /// Checks that labels typed `email` in `label-schema` hold an e-mail address (an RFC 5322 `local@domain`).
    ///
    /// ## Why is this bad?
    /// Contact labels are used to reach an image's owners. A name or a team handle gives nobody an address to write to.
    ///
    /// Only the address itself is accepted: `Name <addr>` is reported.
    ///
    /// Only labels the schema types `email` are checked. Values holding a
    /// variable are filled in at build time and are not judged (hadolint
    /// judges the text as written, so it reports `$VAR` values).
    ///
    /// ```yaml
    /// label-schema:
    ///   org.opencontainers.image.authors: email
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="Platform Team"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="platform@example.com"
    /// ```
    pub static RULE = Rule {
        code: "DL3058",
        name: "label-not-email",
        summary: "A label the label schema types `email` is not an e-mail address",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3058")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    labels::check_typed(
        ctx,
        sink,
        LabelType::Email,
        labels::is_email,
        "an e-mail address",
    );
}
