use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `apt-get install` without `--no-install-recommends` (or
    /// `-o APT::Install-Recommends=false`).
    ///
    /// ## Why is this bad?
    /// By default apt also installs every package the requested ones
    /// merely *recommend*. Those are rarely needed in a container, often
    /// pull in large trees (documentation, X libraries, compilers), and each
    /// one is more code to patch and scan. Asking for exactly what the
    /// image needs keeps it small.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix
    /// A safe fix inserts ` --no-install-recommends` after `install`. A
    /// program that relied on a recommended package then needs it named
    /// explicitly, which the build shows at once.
    pub static RULE = Rule {
        code: "DL3015",
        name: "apt-get-install-recommends",
        summary: "apt-get install also installs recommended packages",
        category: Category::BestPractice,
        severity: Severity::Info,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::Hadolint, "DL3015"),
            Reference::new(Source::Trivy, "DS-0029"),
            Reference::new(Source::CisDocker, "4.3"),
        ],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::calls(run, &["apt-get"], &["install"]) {
            if skips_recommends(&call) {
                continue;
            }
            sink.report(
                call.head_range(),
                "`apt-get install` without `--no-install-recommends` also installs recommended packages",
            )
            .fix(Fix::safe(
                "Add `--no-install-recommends`",
                vec![call.insert_after_sub(" --no-install-recommends")],
            ));
        }
    }
}

fn skips_recommends(call: &packages::Call) -> bool {
    let args = &call.args;
    if args.has(None, Some("no-install-recommends")) {
        return true;
    }
    if args.find(None, Some("install-recommends")).any(|f| {
        f.value
            .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "false" | "0" | "no"))
    }) {
        return true;
    }
    args.values(Some('o'), Some("option")).iter().any(|o| {
        o.split_once('=').is_some_and(|(k, v)| {
            k.eq_ignore_ascii_case("APT::Install-Recommends")
                && matches!(
                    v.trim_matches('"').to_ascii_lowercase().as_str(),
                    "false" | "0" | "no"
                )
        })
    })
}
