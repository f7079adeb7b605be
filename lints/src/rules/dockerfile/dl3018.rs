use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks `apk add` for packages given without a version constraint
    /// (`curl` rather than `curl=8.5.0-r0` or `curl~8.5`). Each unpinned
    /// package is reported on its own.
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs whatever the Alpine
    /// repository holds that day, so rebuilding the same Dockerfile can
    /// produce a different image, or break. A pinned version keeps builds
    /// repeatable and makes upgrades a reviewed change.
    ///
    /// The name given to `--virtual`/`-t` (a virtual package apk creates)
    /// and local `.apk` files are not reported. A package list held in a
    /// shell variable set earlier in the same `RUN` (`deps='curl git'` …
    /// `apk add $deps`) is judged package by package; a variable whose
    /// value caulk cannot see (`$PACKAGES` from outside) may carry the
    /// pins and is not reported. A name with a variable suffix
    /// (`py3-${NAME}`) still needs a version.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// ```
    pub static RULE = Rule {
        code: "DL3018",
        name: "apk-unpinned-package",
        summary: "A package installed with apk add has no pinned version",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3018")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::calls(run, &["apk"], &["add"]) {
            packages::report_unpinned(&call, sink, is_pinned);
        }
    }
}

/// `pkg=1.2-r0`, `pkg~1.2`, `pkg>=1.2`, `pkg<2`, `./local.apk`.
fn is_pinned(package: &str) -> bool {
    package.contains(['=', '~', '<', '>']) || package.ends_with(".apk")
}
