use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every base image names a tag or a digest.
    ///
    /// ## Why is this bad?
    /// An image without a tag means `:latest`, which moves: the same
    /// Dockerfile builds something different next week, and a build that
    /// worked can break without any change in the repository. Name the
    /// version you tested with (and pin a digest for reproducible builds).
    ///
    /// `scratch`, earlier build stages and references whose variables have
    /// no default are not judged. A reference built from `ARG` defaults
    /// (`FROM ${BASE}`) is judged by what the defaults resolve to.
    ///
    /// There is no automatic fix: caulk cannot know which tag you mean.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:bookworm-20241016
    /// ```
    pub static RULE = Rule {
        code: "DL3006",
        name: "image-untagged",
        summary: "A base image has no tag or digest",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::Hadolint, "DL3006"),
            Reference::new(Source::CisDocker, "4.2"),
            Reference::new(Source::Trivy, "DS-0001"),
            Reference::new(Source::Checkov, "CKV_DOCKER_7"),
        ],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for stage in &ctx.model.stages {
        let Base::Image(image) = &stage.base else { continue };
        if image.tag.is_none() && image.digest.is_none() {
            let written = &stage.from.image;
            let message = if written.has_vars() {
                format!("`{}` resolves to `{}`, which has no tag: it means `:latest`; name a version", written.value, image.full)
            } else {
                format!("`{}` has no tag: it means `:latest`; name a version", image.full)
            };
            sink.report(written.range, message);
        }
    }
}
