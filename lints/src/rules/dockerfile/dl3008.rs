use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks `apt-get install` for packages given without a version
    /// (`curl` rather than `curl=7.88.1-10+deb12u5`). Each unpinned package
    /// is reported on its own.
    ///
    /// ## Why is this bad?
    /// Without a version, the package installed is whatever the archive
    /// offers on the day of the build. Two builds of the same Dockerfile can
    /// then differ, and an upstream change can break the image without any
    /// change to the Dockerfile. A pinned version makes the build
    /// repeatable and version bumps visible in review.
    ///
    /// Local `.deb` files, paths, and packages chosen from a release
    /// (`pkg/bookworm-backports`) are not reported. A package list held in
    /// a shell variable set earlier in the same `RUN` (`buildDeps='gcc
    /// make'` … `apt-get install $buildDeps`) is judged package by package;
    /// a variable whose value caulk cannot see (`$PACKAGES` from outside)
    /// may carry the pins and is not reported. A name with a variable
    /// suffix (`client-${MAJOR}`) names a package series, not a version, and
    /// is reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
    /// ```
    pub static RULE = Rule {
        code: "DL3008",
        name: "apt-get-unpinned-package",
        summary: "A package installed with apt-get install has no pinned version",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3008")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::calls(run, &["apt-get"], &["install"]) {
            packages::report_unpinned(&call, sink, is_pinned);
        }
    }
}

/// `pkg=1.2`, `pkg/release`, `./local.deb`.
fn is_pinned(package: &str) -> bool {
    package.contains('=') || package.contains('/') || package.ends_with(".deb")
}
