use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `yum install` (also `groupinstall`, `localinstall`,
    /// `module install`) without `-y`/`--assumeyes`.
    ///
    /// ## Why is this bad?
    /// Without `-y`, yum asks for confirmation before installing. A build
    /// has no terminal to answer, so the prompt aborts the install and the
    /// build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install httpd-2.4.62 && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.62 && yum clean all
    /// ```
    ///
    /// ## Fix
    /// A safe fix inserts ` -y` after the subcommand; it only answers the
    /// prompt the build could not answer anyway.
    pub static RULE = Rule {
        code: "DL3030",
        name: "yum-missing-yes",
        summary: "yum install runs without -y and would wait for confirmation",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3030")],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for (call, _) in packages::rpm_installs(run, &["yum"]) {
            if call.has(Some('y'), Some("assumeyes")) {
                continue;
            }
            let install = if matches!(call.sub.value.as_str(), "module" | "group") {
                " install"
            } else {
                ""
            };
            let message = format!(
                "`{} {}{install}` without `-y` waits for a confirmation nobody gives",
                call.program.value, call.sub.value
            );
            sink.report(call.head_range(), message)
                .fix(Fix::safe("Add `-y`", vec![call.insert_after_sub(" -y")]));
        }
    }
}
