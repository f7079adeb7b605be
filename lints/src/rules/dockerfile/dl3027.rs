use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for RUN commands that use `apt` instead of `apt-get` or
    /// `apt-cache`.
    ///
    /// ## Why is this bad?
    /// `apt` is the interactive front end: its output and behaviour are
    /// tuned for people at a terminal and may change between releases (it
    /// warns that it "does not have a stable CLI interface"). Scripts, and
    /// Dockerfiles are scripts, should use `apt-get` and `apt-cache`, whose
    /// interface is stable.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN apt update && apt install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix
    /// A safe fix replaces `apt` with `apt-get` when the subcommand is one
    /// `apt-get` has with the same meaning (`install`, `update`, `upgrade`,
    /// `remove`, `purge`, `autoremove`, …). Subcommands such as `search`,
    /// `show` or `list` belong to `apt-cache` or have no script equivalent,
    /// so they get no fix.
    pub static RULE = Rule {
        code: "DL3027",
        name: "apt-instead-of-apt-get",
        summary: "RUN uses apt, whose command-line interface is not stable; use apt-get or apt-cache",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL3027"),
            Reference::new(Source::Checkov, "CKV_DOCKER_9"),
        ],
        aliases: &["CKV_DOCKER_9"],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

/// Subcommands `apt-get` has with the same meaning as in `apt`.
const APT_GET_SUBCOMMANDS: &[&str] = &[
    "install",
    "update",
    "upgrade",
    "dist-upgrade",
    "remove",
    "purge",
    "autoremove",
    "clean",
    "autoclean",
    "source",
    "build-dep",
    "download",
    "satisfy",
    "check",
    "changelog",
];

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for (piece, cmd) in run.invocations("apt") {
            let Some(name) = cmd.name_word() else {
                continue;
            };
            let range = piece.to_source(name.range);
            let sub = cmd.subcommand().map(|w| w.value.as_str());
            let diagnostic = sink.report(
                range,
                "use `apt-get` or `apt-cache` instead of `apt` in scripts",
            );
            // Only a bare `apt` word maps cleanly onto `apt-get`; a path or
            // quoted spelling is left to the author.
            if name.value == "apt"
                && !name.quoted
                && sub.is_some_and(|s| APT_GET_SUBCOMMANDS.contains(&s))
            {
                diagnostic.fix(Fix::safe(
                    "Replace `apt` with `apt-get`",
                    vec![Edit::replace(range, "apt-get")],
                ));
            }
        }
    }
}
