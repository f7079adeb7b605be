use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for zypper commands that change packages (`install`,
    /// `remove`, `update`, `patch`, `dist-upgrade`, `source-install` and
    /// their short forms) without `-n`/`--non-interactive` or
    /// `-y`/`--no-confirm`.
    ///
    /// ## Why is this bad?
    /// zypper asks for confirmation before changing packages. A build has
    /// no terminal to answer, so the prompt aborts the command and the build
    /// fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Fix
    /// A safe fix inserts ` -y` after the subcommand; it only answers the
    /// prompt the build could not answer anyway.
    pub static RULE = Rule {
        code: "DL3034",
        name: "zypper-missing-non-interactive",
        summary: "zypper changes packages without -n or -y and would wait for confirmation",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3034")],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

const SUBCOMMANDS: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "update",
    "up",
    "patch",
    "dist-upgrade",
    "dup",
    "source-install",
    "si",
];

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::calls(run, &["zypper"], SUBCOMMANDS) {
            if call.has(Some('n'), Some("non-interactive"))
                || call.has(Some('y'), Some("no-confirm"))
            {
                continue;
            }
            let message = format!(
                "`zypper {}` without `-n` or `-y` waits for a confirmation nobody gives",
                call.sub.value
            );
            sink.report(call.head_range(), message)
                .fix(Fix::safe("Add `-y`", vec![call.insert_after_sub(" -y")]));
        }
    }
}
