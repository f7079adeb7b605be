use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every base image pulled from a registry is pinned by
    /// digest (`image:tag@sha256:…`).
    ///
    /// ## Why is this bad?
    /// A tag is a movable pointer: the publisher (or anyone who compromises
    /// the registry account) can point `python:3.12-slim` at different
    /// content tomorrow. A digest names exactly one image, so the build uses
    /// the content you reviewed and tested, and a changed image cannot slip
    /// in unnoticed. Keep the tag next to the digest for readability and let
    /// a bot (Renovate, Dependabot) bump both.
    ///
    /// `scratch`, earlier build stages and references whose variables have
    /// no default are not judged; references built from `ARG` defaults are
    /// judged by what they resolve to. This rule is part of the `cis`
    /// profile, not the default one, because pinning needs tooling to keep
    /// digests fresh.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim@sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8
    /// ```
    pub static RULE = Rule {
        code: "CD1206",
        name: "image-not-pinned-by-digest",
        summary: "A base image is not pinned by digest",
        category: Category::Security,
        severity: Severity::Info,
        profiles: &[Profile::Cis],
        references: &[
            Reference::new(Source::CisDocker, "4.2"),
            Reference::new(Source::Owasp, "rule-13-enhance-supply-chain-security"),
        ],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for stage in &ctx.model.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        if image.digest.is_some() {
            continue;
        }
        let written = &stage.from.image;
        let message = if written.has_vars() {
            format!(
                "`{}` resolves to `{}`, which is not pinned by digest; add `@sha256:…`",
                written.value, image.full
            )
        } else {
            format!(
                "`{}` is not pinned by digest; add `@sha256:…` so the build always uses the same image",
                image.full
            )
        };
        sink.report(written.range, message);
    }
}
