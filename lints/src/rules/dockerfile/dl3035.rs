use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `zypper dist-upgrade` (or `zypper dup`) in RUN.
    ///
    /// ## Why is this bad?
    /// A distribution upgrade replaces the base image's packages with
    /// whatever the repositories hold that day, possibly switching vendors
    /// or major versions. The result depends on the build date rather than
    /// on the Dockerfile, and it undoes the point of choosing a base image
    /// tag. Use a newer base image instead, or install the specific updates
    /// you need.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.5
    /// RUN zypper -n dist-upgrade
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// ```
    pub static RULE = Rule {
        code: "DL3035",
        name: "zypper-dist-upgrade",
        summary: "zypper dist-upgrade is used in a RUN",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3035")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::calls(run, &["zypper"], &["dist-upgrade", "dup"]) {
            sink.report(
                call.sub_range(),
                format!(
                    "`zypper {}` upgrades the whole distribution; use a newer base image instead",
                    call.sub.value
                ),
            );
        }
    }
}
