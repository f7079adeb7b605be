use crate::rules::prelude::*;
use crate::rules::support::packages::{self, RpmInstall};

crate::declare_rule! {
    /// ## What it does
    /// Checks `yum install` for packages given without a version
    /// (`httpd` rather than `httpd-2.4.62`), and `yum module install` for
    /// modules given without a stream (`nodejs` rather than `nodejs:20`).
    /// Each one is reported on its own.
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs whatever the repositories
    /// hold that day, so the same Dockerfile can produce different images
    /// or break. A pinned version keeps builds repeatable.
    ///
    /// A version is a `-` followed by version text with a digit
    /// (`python3-pip` has none; `python3-pip-21.3.1` has one). Local
    /// `.rpm` files, groups (`@name`, `groupinstall`) and package words
    /// built from variables are not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.62 && yum clean all
    /// ```
    pub static RULE = Rule {
        code: "DL3033",
        name: "yum-unpinned-package",
        summary: "A package installed with yum install has no pinned version",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3033")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for (call, kind) in packages::rpm_installs(run, &["yum"]) {
            for word in packages::rpm_targets(&call, kind) {
                let value = word.value.as_str();
                let message = match kind {
                    RpmInstall::Modules if !value.contains(':') => {
                        format!("pin module `{value}` to a stream: `{value}:<stream>`")
                    }
                    RpmInstall::Packages
                        if !value.starts_with('@') && !packages::rpm_version_pinned(value) =>
                    {
                        format!("pin `{value}` to a version: `{value}-<version>`")
                    }
                    _ => continue,
                };
                sink.report(call.map(word.range), message);
            }
        }
    }
}
