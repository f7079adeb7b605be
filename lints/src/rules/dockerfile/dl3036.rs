use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for RUN instructions that run `zypper install` without
    /// `zypper clean` (or `zypper cc`) after it in the same RUN.
    ///
    /// ## Why is this bad?
    /// zypper keeps repository metadata and downloaded packages in
    /// `/var/cache/zypp`. Left there they add to the layer, and cleaning in
    /// a later RUN does not shrink the earlier layer.
    ///
    /// Removing `/var/cache/zypp` or mounting a build cache there counts as
    /// cleaning.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0 && zypper clean
    /// ```
    pub static RULE = Rule {
        code: "DL3036",
        name: "zypper-cache-not-cleaned",
        summary: "zypper install runs without zypper clean in the same RUN",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL3036"),
            Reference::new(Source::Trivy, "DS-0020"),
        ],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

const CACHE: &str = "/var/cache/zypp";

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        if packages::has_mount(run, false, |t| packages::is_under(t, CACHE)) {
            continue;
        }
        for call in packages::calls(run, &["zypper"], &["install", "in"]) {
            let cleaned = packages::runs_after(run, &call, |c| {
                packages::is_call(c, &["zypper"], "clean", None)
                    || packages::is_call(c, &["zypper"], "cc", None)
                    || packages::removes(c, |p| packages::is_under(p, CACHE))
            });
            if !cleaned {
                sink.report(call.head_range(), "`zypper install` without `zypper clean` afterwards leaves zypper's cache in the image");
            }
        }
    }
}
