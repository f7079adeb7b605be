use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `apt-get install` run without answering its prompt in
    /// advance: no `-y`/`--yes`/`--assume-yes`, and not quiet enough
    /// (`-qq`, `-q -q`, `-q=2`, `--quiet --quiet`) to imply it.
    ///
    /// ## Why is this bad?
    /// When apt-get wants confirmation and nobody can give it, it aborts.
    /// During a build there is no terminal, so the install fails as soon as
    /// it installs anything beyond the named packages; whether that happens
    /// depends on the base image of the day.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix
    /// A safe fix inserts ` -y` after `install`; it only answers the prompt
    /// the build could not answer anyway.
    pub static RULE = Rule {
        code: "DL3014",
        name: "apt-get-missing-yes",
        summary: "apt-get install runs without -y and would wait for confirmation",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL3014"),
            Reference::new(Source::Trivy, "DS-0021"),
        ],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::calls(run, &["apt-get"], &["install"]) {
            if assumes_yes(&call) {
                continue;
            }
            sink.report(
                call.head_range(),
                "`apt-get install` without `-y` waits for a confirmation nobody gives",
            )
            .fix(Fix::safe("Add `-y`", vec![call.insert_after_sub(" -y")]));
        }
    }
}

fn assumes_yes(call: &packages::Call) -> bool {
    let args = &call.args;
    if args.has(Some('y'), Some("yes")) || args.has(None, Some("assume-yes")) {
        return true;
    }
    // Quiet level 2 implies --assume-yes; `-q` raises the level, `-q=N` sets it.
    let quiet = args
        .find(Some('q'), Some("quiet"))
        .fold(0, |level, f| match f.value {
            Some(v) => v.parse().unwrap_or(level),
            None => level + 1,
        });
    if quiet >= 2 {
        return true;
    }
    args.values(Some('o'), Some("option")).iter().any(|o| {
        o.split_once('=').is_some_and(|(k, v)| {
            k.eq_ignore_ascii_case("APT::Get::Assume-Yes")
                && matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes")
        })
    })
}
