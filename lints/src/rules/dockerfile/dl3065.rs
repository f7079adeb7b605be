use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `FROM --platform=$TARGETPLATFORM`.
    ///
    /// ## Why is this bad?
    /// Building for the target platform is what `FROM` does anyway; the flag
    /// adds noise and suggests that something special happens.
    ///
    /// Only `$TARGETPLATFORM` and `${TARGETPLATFORM}` exactly are reported.
    ///
    /// ## Fix
    /// A safe fix removes the flag: the build is the same without it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    pub static RULE = Rule {
        code: "DL3065",
        name: "redundant-target-platform",
        summary: "FROM --platform=$TARGETPLATFORM is the default and can go",
        category: Category::Style,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL3065"),
            Reference::new(Source::BuildKit, "RedundantTargetPlatform"),
        ],
        aliases: &["RedundantTargetPlatform"],
        fix: Some(Applicability::Safe),
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for stage in &ctx.model.stages {
        let Some(flag) = stage.from_instruction.flag("platform") else {
            continue;
        };
        let Some(value) = &flag.value else { continue };
        let raw = value.range.slice(ctx.source);
        if !matches!(raw, "$TARGETPLATFORM" | "${TARGETPLATFORM}") {
            continue;
        }
        // Remove the flag and the blanks after it, so `FROM --platform=… img` becomes `FROM img`.
        let rest = &ctx.source[flag.range.end as usize..];
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let removal = TextRange::new(flag.range.start, flag.range.end + blanks as u32);
        sink.report(
            flag.range,
            format!("`--platform={raw}` is the default; remove it"),
        )
        .fix(Fix::safe(
            format!("Remove `--platform={raw}`"),
            vec![Edit::delete(removal)],
        ));
    }
}
