use crate::config::LabelType;
use crate::rules::prelude::*;
use crate::rules::support::labels;

crate::declare_rule! {
    /// ## What it does
    /// Checks that labels typed `hash` in `label-schema` hold a git commit hash: 7 or 40 lower-case hexadecimal digits.
    ///
    /// ## Why is this bad?
    /// The revision label ties an image to the commit it was built from. A branch name or a tag moves; only the hash identifies the source.
    ///
    /// Only labels the schema types `hash` are checked. Values holding a
    /// variable are filled in at build time and are not judged (hadolint
    /// judges the text as written, so it reports `$VAR` values).
    ///
    /// ```yaml
    /// label-schema:
    ///   org.opencontainers.image.revision: hash
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="main"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.revision="3f2c1a9"
    /// ```
    pub static RULE = Rule {
        code: "DL3055",
        name: "label-not-git-hash",
        summary: "A label the label schema types `hash` is not a git hash",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3055")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    labels::check_typed(
        ctx,
        sink,
        LabelType::Hash,
        labels::is_git_hash,
        "a git commit hash (7 or 40 lower-case hex digits)",
    );
}
