use crate::rules::prelude::*;
use crate::rules::support::commands::run_commands;

crate::declare_rule! {
    /// ## What it does
    /// Checks for passwords set during the build: `chpasswd`, `passwd`
    /// reading from a pipe or `--stdin`, and `useradd`/`usermod -p` with a
    /// password written in the Dockerfile.
    ///
    /// ## Why is this bad?
    /// The password (or its hash) is written into the Dockerfile and the
    /// image layers, where anyone who can pull the image or read the
    /// repository can see it, and every container from the image shares it.
    /// Containers rarely need local passwords at all; when one is needed,
    /// set it at run time from a secret.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd -m app && echo 'app:changeme' | chpasswd
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd -m app
    /// USER app
    /// ```
    pub static RULE = Rule {
        code: "CD1305",
        name: "chpasswd-or-hardcoded-password",
        summary: "A user password is set in the Dockerfile",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::Checkov, "CKV2_DOCKER_17"),
            Reference::new(Source::CisDocker, "4.10"),
        ],
        aliases: &["CKV2_DOCKER_17"],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for rc in run_commands(ctx, true) {
        let cmd = rc.command;
        if cmd.is("chpasswd") {
            sink.report(
                rc.name_range(),
                "`chpasswd` sets a password that is stored in the image",
            );
        } else if cmd.is("passwd")
            && (cmd.args().has(None, Some("stdin")) || cmd.index_in_pipeline > 0)
        {
            sink.report(
                rc.name_range(),
                "`passwd` sets a password that is stored in the image",
            );
        } else if cmd.is_any(&["useradd", "usermod"]) {
            for flag in cmd.args().find(Some('p'), Some("password")) {
                let expanded = flag
                    .value_word
                    .map_or(flag.word.has_expansion, |w| w.has_expansion);
                if expanded || flag.value.is_none_or(str::is_empty) {
                    continue;
                }
                let range = flag
                    .value_word
                    .map_or(flag.range, |w| flag.range.cover(w.range));
                sink.report(
                    rc.source(range),
                    format!(
                        "`{} -p` sets a password written in the Dockerfile",
                        cmd.name().unwrap_or("useradd")
                    ),
                );
            }
        }
    }
}
