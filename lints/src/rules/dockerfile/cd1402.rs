use crate::lifecycle;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `FROM` images that Docker has deprecated as official
    /// images — `centos`, `openjdk`, `java`, `jenkins`, `iojs`, `django`,
    /// `rails`, `celery`, `kibana`, `logstash` — and names the replacement.
    /// `FROM ${BASE}` is resolved through the global `ARG` defaults.
    /// `openjdk`'s early-access tags (`openjdk:24-ea`), which are still
    /// published, are not reported.
    ///
    /// ## Why is this bad?
    /// A deprecated official image receives no further updates: whatever
    /// vulnerabilities its last build had, every image built on it keeps.
    /// The deprecation notice on Docker Hub names where the maintained
    /// images went.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM openjdk:17-jdk-slim
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM eclipse-temurin:17-jdk
    /// ```
    pub static RULE = Rule {
        code: "CD1402",
        name: "deprecated-base-image",
        summary: "A base image is an official image Docker has deprecated",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default],
        references: &[Reference::new(
            Source::Url,
            "https://github.com/docker-library/official-images#deprecated-images",
        )],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for stage in &ctx.model.stages {
        let Base::Image(image) = &stage.base else { continue };
        let name = lifecycle::normalize_name(image.registry.as_deref(), &image.repository);
        let Some(notice) = lifecycle::deprecation(&name, image.tag.as_deref()) else {
            continue;
        };
        // The repository part when it is written out, else the whole reference.
        let written = stage.from.image_ref();
        let range = if written.repository.value.contains('$') {
            stage.from.image.range
        } else {
            written.repository.range
        };
        sink.report(
            range,
            format!(
                "`{}` is deprecated on Docker Hub ({}); use {} instead (source: {})",
                image.full, notice.note, notice.replacement, notice.source
            ),
        );
    }
}
