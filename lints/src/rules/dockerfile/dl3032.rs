use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for RUN instructions that run `yum install` without
    /// `yum clean all` (or `rm -rf /var/cache/yum`) after it in the same RUN.
    ///
    /// ## Why is this bad?
    /// yum keeps repository metadata and downloaded packages in
    /// `/var/cache/yum`. Left there they add tens of megabytes to the layer,
    /// and cleaning in a later RUN does not shrink the earlier layer.
    ///
    /// A RUN that mounts a build cache on `/var/cache/yum` keeps the cache
    /// out of the image and is not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    pub static RULE = Rule {
        code: "DL3032",
        name: "yum-cache-not-cleaned",
        summary: "yum install runs without yum clean all in the same RUN",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL3032"),
            Reference::new(Source::Trivy, "DS-0015"),
        ],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        if packages::has_mount(run, false, |t| packages::is_under(t, "/var/cache/yum")) {
            continue;
        }
        for (call, _) in packages::rpm_installs(run, &["yum"]) {
            let cleaned = packages::runs_after(run, &call, |c| {
                packages::is_call(c, &["yum"], "clean", Some("all"))
                    || packages::removes(c, |p| packages::is_under(p, "/var/cache/yum"))
            });
            if !cleaned {
                sink.report(call.head_range(), "`yum install` without `yum clean all` afterwards leaves yum's cache in the image");
            }
        }
    }
}
