use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for the `MAINTAINER` instruction.
    ///
    /// ## Why is this bad?
    /// `MAINTAINER` is deprecated. Image metadata belongs in labels, which
    /// tools read (`org.opencontainers.image.authors`, or `maintainer`).
    ///
    /// ## Fix
    /// A safe fix replaces it with `LABEL maintainer="…"`, keeping the text.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// MAINTAINER Jane Doe <jane@example.com>
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL maintainer="Jane Doe <jane@example.com>"
    /// ```
    pub static RULE = Rule {
        code: "DL4000",
        name: "maintainer-deprecated",
        summary: "MAINTAINER is deprecated",
        category: Category::Style,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::Hadolint, "DL4000"),
            Reference::new(Source::BuildKit, "MaintainerDeprecated"),
            Reference::new(Source::Trivy, "DS-0022"),
            Reference::new(Source::Checkov, "CKV_DOCKER_6"),
        ],
        aliases: &["MaintainerDeprecated"],
        fix: Some(Applicability::Safe),
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in &ctx.syntax.instructions {
        let InstructionKind::Maintainer(who) = &instruction.kind else { continue };
        let label = if instruction.keyword_spelling.chars().all(|c| c.is_ascii_lowercase()) {
            "label"
        } else {
            "LABEL"
        };
        let escaped = who.value.replace('\\', "\\\\").replace('"', "\\\"");
        let replacement = format!("{label} maintainer=\"{escaped}\"");
        let range = TextRange::new(instruction.keyword_range.start, instruction.args_range().end);
        sink.report(instruction.keyword_range, "MAINTAINER is deprecated; use a `maintainer` label")
            .fix(Fix::safe("Replace with `LABEL maintainer=…`", vec![Edit::replace(range, replacement)]));
    }
}
