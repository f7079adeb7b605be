use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `apk add` without `--no-cache`.
    ///
    /// ## Why is this bad?
    /// Without `--no-cache`, apk keeps the downloaded package index in
    /// `/var/cache/apk`, and it ends up in the layer. `--no-cache` fetches
    /// the index for this one command and leaves nothing behind, which also
    /// makes a separate `apk update` and `rm -rf /var/cache/apk/*`
    /// unnecessary.
    ///
    /// A RUN that mounts a build cache on `/var/cache/apk` (or
    /// `/etc/apk/cache`) keeps the cache out of the image and is not
    /// reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk update && apk add curl=8.9.1-r0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// ```
    ///
    /// ## Fix
    /// A safe fix inserts ` --no-cache` after `add`; the same packages are
    /// installed, only the index is not kept.
    pub static RULE = Rule {
        code: "DL3019",
        name: "apk-add-missing-no-cache",
        summary: "apk add runs without --no-cache and leaves the package index in the image",
        category: Category::BestPractice,
        severity: Severity::Info,
        references: &[
            Reference::new(Source::Hadolint, "DL3019"),
            Reference::new(Source::Trivy, "DS-0025"),
        ],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        if packages::has_mount(run, false, |t| {
            packages::is_under(t, "/var/cache/apk") || packages::is_under(t, "/etc/apk/cache")
        }) {
            continue;
        }
        for call in packages::calls(run, &["apk"], &["add"]) {
            if call.has(None, Some("no-cache")) {
                continue;
            }
            sink.report(
                call.head_range(),
                "`apk add` without `--no-cache` keeps the package index in the image",
            )
            .fix(Fix::safe(
                "Add `--no-cache`",
                vec![call.insert_after_sub(" --no-cache")],
            ));
        }
    }
}
