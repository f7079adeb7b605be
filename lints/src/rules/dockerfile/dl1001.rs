use crate::rules::prelude::*;
use crate::suppress::{Dialect, parse_comment};

crate::declare_rule! {
    /// ## What it does
    /// Reports every `# hadolint ignore=…` comment.
    ///
    /// ## Why is this bad?
    /// Some teams want every exception to a rule recorded in configuration,
    /// where it is reviewed once, rather than scattered through Dockerfiles.
    /// This rule is off by default; turn it on to enforce that.
    ///
    /// As in hadolint, only `# hadolint ignore=` comments are reported, not
    /// `# hadolint global ignore=` and not caulk's own `# caulk ignore=`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm
    /// # hadolint ignore=DL3008
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead (in `.caulk.yaml`):
    /// ```yaml
    /// ignore: [DL3008]
    /// ```
    pub static RULE = Rule {
        code: "DL1001",
        name: "inline-ignore-pragma",
        summary: "An inline `# hadolint ignore=` comment is used",
        category: Category::Style,
        severity: Severity::Info,
        profiles: &[],
        references: &[Reference::new(Source::Hadolint, "DL1001")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for comment in &ctx.syntax.comments {
        let raw = comment.range.slice(ctx.source);
        let body = raw.strip_prefix('#').unwrap_or(raw);
        let start = comment.range.end - body.len() as u32;
        let Some(suppression) = parse_comment(body, start, comment.range) else {
            continue;
        };
        if suppression.dialect == Dialect::Hadolint && !suppression.global {
            sink.report(
                comment.range,
                "inline ignore pragma; record the exception in the configuration instead",
            );
        }
    }
}
