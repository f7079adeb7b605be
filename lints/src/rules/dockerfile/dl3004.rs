use crate::dockerfile::shell::command::basename;
use crate::rules::prelude::*;
use crate::rules::support::commands::run_commands;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `sudo` in `RUN` commands.
    ///
    /// ## Why is this bad?
    /// Build steps already run as the current `USER`; switching identity
    /// belongs in a `USER` instruction. Using `sudo` means the image ships
    /// `sudo` and a sudoers policy, and `sudo` behaves unpredictably without
    /// a terminal (password prompts, environment resets, signal handling).
    /// When a step needs root, put `USER root` before it and switch back to
    /// the unprivileged user afterwards, or use `gosu`/`su-exec` in an
    /// entrypoint for the run-time case.
    ///
    /// Installing the `sudo` package (`apt-get install sudo`) is not reported;
    /// running it is.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// USER app
    /// RUN sudo apt-get update
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// USER root
    /// RUN apt-get update
    /// USER app
    /// ```
    pub static RULE = Rule {
        code: "DL3004",
        name: "sudo-in-run",
        summary: "RUN uses `sudo`; use USER to change users instead",
        category: Category::Security,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::Hadolint, "DL3004"),
            Reference::new(Source::Trivy, "DS-0010"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_1"),
        ],
        aliases: &["DS-0010", "CKV2_DOCKER_1"],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for rc in run_commands(ctx, true) {
        let cmd = rc.command;
        // `sudo` as a wrapper (`sudo apt-get …`) or alone (`sudo -v`).
        let words = cmd
            .wrappers()
            .chain(cmd.name_word().filter(|_| cmd.is("sudo")))
            .filter(|w| !w.has_expansion && basename(&w.value) == "sudo");
        for word in words {
            sink.report(
                rc.word_range(word),
                "`sudo` in RUN; switch users with USER instead",
            );
        }
    }
}
