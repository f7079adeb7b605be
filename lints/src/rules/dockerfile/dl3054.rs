use crate::config::LabelType;
use crate::rules::prelude::*;
use crate::rules::support::labels;

crate::declare_rule! {
    /// ## What it does
    /// Checks that labels typed `spdx` in `label-schema` hold an SPDX license identifier (`Apache-2.0`) or expression (`MIT OR Apache-2.0`).
    ///
    /// ## Why is this bad?
    /// License scanners read these values. Free text such as `Apache 2` or `BSD` is ambiguous and cannot be matched to a license.
    ///
    /// caulk embeds the commonly used part of the SPDX list; `LicenseRef-…` identifiers, `+`, `WITH` exceptions, `AND`, `OR` and parentheses are accepted. hadolint accepts a single identifier only, and any identifier on the full list.
    ///
    /// Only labels the schema types `spdx` are checked. Values holding a
    /// variable are filled in at build time and are not judged (hadolint
    /// judges the text as written, so it reports `$VAR` values).
    ///
    /// ```yaml
    /// label-schema:
    ///   org.opencontainers.image.licenses: spdx
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache 2"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache-2.0"
    /// ```
    pub static RULE = Rule {
        code: "DL3054",
        name: "label-not-spdx",
        summary: "A label the label schema types `spdx` is not an SPDX license",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3054")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    labels::check_typed(
        ctx,
        sink,
        LabelType::Spdx,
        labels::is_spdx,
        "an SPDX license identifier or expression",
    );
}
