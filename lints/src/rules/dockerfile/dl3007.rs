use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for base images tagged `:latest` without a digest.
    ///
    /// ## Why is this bad?
    /// `latest` is whatever was pushed last. Builds stop being reproducible,
    /// and an upstream release can break the image with no change in the
    /// repository. Name the version you tested with; a digest
    /// (`image:tag@sha256:…`) pins it exactly.
    ///
    /// There is no automatic fix: caulk cannot know which tag you mean.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:latest
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22.11-bookworm-slim
    /// ```
    pub static RULE = Rule {
        code: "DL3007",
        name: "image-latest-tag",
        summary: "A base image uses the `latest` tag",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::Hadolint, "DL3007"),
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
        if image.tag.as_deref() == Some("latest") && image.digest.is_none() {
            let written = &stage.from.image;
            // Point at the tag when it is written literally.
            let range = crate::dockerfile::ImageRef::parse(written)
                .tag
                .filter(|t| t.value == "latest")
                .map_or(written.range, |t| t.range);
            sink.report(range, format!("`{}` uses the `latest` tag, which moves; name a version", image.full));
        }
    }
}
