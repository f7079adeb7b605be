use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `FROM --platform=` set to a fixed platform such as
    /// `linux/amd64`.
    ///
    /// ## Why is this bad?
    /// A fixed platform overrides what the builder was asked to build: a
    /// multi-platform build (`--platform linux/amd64,linux/arm64`) silently
    /// produces the same architecture for every target, and builds on other
    /// machines run under emulation. Use the build arguments that follow
    /// the requested platforms: `$BUILDPLATFORM` for build tools,
    /// `$TARGETPLATFORM` (the default) for what ends up in the image.
    ///
    /// Any value mentioning `BUILDPLATFORM` or `TARGETPLATFORM` is
    /// accepted; other variables (`$BUILDOS/$BUILDARCH`) are reported, as
    /// hadolint does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 golang:1.22 AS build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.22 AS build
    /// ```
    pub static RULE = Rule {
        code: "DL3029",
        name: "from-platform-constant",
        summary: "FROM --platform names a fixed platform",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL3029"),
            Reference::new(Source::BuildKit, "FromPlatformFlagConstDisallowed"),
        ],
        aliases: &["FromPlatformFlagConstDisallowed"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for stage in &ctx.model.stages {
        let Some(flag) = stage.from_instruction.flag("platform") else {
            continue;
        };
        let Some(value) = &flag.value else { continue };
        if value.value.is_empty()
            || value.value.contains("BUILDPLATFORM")
            || value.value.contains("TARGETPLATFORM")
        {
            continue;
        }
        sink.report(
            value.range,
            format!(
                "`--platform={}` pins the platform; use `$BUILDPLATFORM` or `$TARGETPLATFORM`, or drop the flag",
                value.value
            ),
        );
    }
}
