use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for RUN instructions that run `dnf install` or
    /// `microdnf install` without `dnf clean all` / `microdnf clean all` (or
    /// `rm -rf /var/cache/dnf`) after it in the same RUN.
    ///
    /// ## Why is this bad?
    /// dnf keeps repository metadata and downloaded packages in
    /// `/var/cache/dnf` (`/var/cache/yum` on older releases). Left there
    /// they add tens of megabytes to the layer, and cleaning in a later RUN
    /// does not shrink the earlier layer.
    ///
    /// A RUN that mounts a build cache on the dnf cache directory keeps the
    /// cache out of the image and is not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    pub static RULE = Rule {
        code: "DL3040",
        name: "dnf-cache-not-cleaned",
        summary: "dnf or microdnf install runs without dnf clean all in the same RUN",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL3040"),
            Reference::new(Source::Trivy, "DS-0019"),
            Reference::new(Source::Trivy, "DS-0027"),
        ],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

const CACHES: &[&str] = &["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"];

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        if packages::has_mount(run, false, |t| {
            CACHES.iter().any(|c| packages::is_under(t, c))
        }) {
            continue;
        }
        for (call, _) in packages::rpm_installs(run, &["dnf", "microdnf"]) {
            let cleaned = packages::runs_after(run, &call, |c| {
                packages::is_call(c, &["dnf", "microdnf"], "clean", Some("all"))
                    || packages::removes(c, |p| {
                        CACHES.iter().any(|cache| packages::is_under(p, cache))
                    })
            });
            if !cleaned {
                let message = format!(
                    "`{0} install` without `{0} clean all` afterwards leaves the package cache in the image",
                    call.program.value
                );
                sink.report(call.head_range(), message);
            }
        }
    }
}
