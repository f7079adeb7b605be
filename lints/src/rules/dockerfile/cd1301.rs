use crate::dockerfile::shell::Command;
use crate::rules::prelude::*;
use crate::rules::support::commands::{SHELLS, run_commands};

crate::declare_rule! {
    /// ## What it does
    /// Checks for a package index update (`apt-get update`, `apt update`,
    /// `apk update`, `zypper refresh`) in a `RUN` that installs nothing after
    /// it.
    ///
    /// ## Why is this bad?
    /// Build caching keeps the layer with the downloaded index and reuses it
    /// for as long as the `RUN` line does not change. A later
    /// `RUN apt-get install …` then installs from an index that may be months
    /// old: versions that no longer exist on the mirror fail to download,
    /// and security fixes published since are silently missed. The index
    /// files also add megabytes to the layer. Update and install in the same
    /// `RUN`, so the two are always cached together.
    ///
    /// `update-ca-certificates` and similar commands are not index updates.
    /// A later command that may install through a script (`./setup.sh`,
    /// `xargs apt-get install`, a helper whose name contains `install`)
    /// counts as an install.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update \
    ///     && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    pub static RULE = Rule {
        code: "CD1301",
        name: "update-without-install",
        summary: "A package index update is not followed by an install in the same RUN",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisDocker, "4.7"),
            Reference::new(Source::Trivy, "DS-0017"),
            Reference::new(Source::Checkov, "CKV_DOCKER_5"),
        ],
        aliases: &["DS-0017", "CKV_DOCKER_5"],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let commands: Vec<_> = run_commands(ctx, true).collect();
    for (i, rc) in commands.iter().enumerate() {
        let Some(update) = index_update(rc.command) else {
            continue;
        };
        let run = rc.run.instruction;
        let later = commands[i + 1..]
            .iter()
            .take_while(|c| std::ptr::eq(c.run.instruction, run));
        if later.map(|c| c.command).any(may_install) {
            continue;
        }
        let program = rc.command.name().unwrap_or("");
        sink.report(
            rc.word_range(update),
            format!(
                "`{program} {}` without an install in the same RUN; the cached index goes stale for later RUNs",
                update.value
            ),
        );
    }
}

/// The subcommand word of an index update.
fn index_update(cmd: &Command) -> Option<&crate::dockerfile::shell::Word> {
    let sub = cmd.subcommand()?;
    let update = match cmd.name()? {
        "apt-get" | "apt" | "aptitude" | "apk" => sub.value == "update",
        "zypper" => matches!(sub.value.as_str(), "refresh" | "ref"),
        _ => false,
    };
    update.then_some(sub)
}

fn may_install(cmd: &Command) -> bool {
    let Some(name) = cmd.name() else { return false };
    let sub = cmd.subcommand().map_or("", |w| w.value.as_str());
    match name {
        "apt-get" | "apt" | "aptitude" => matches!(
            sub,
            "install"
                | "upgrade"
                | "dist-upgrade"
                | "full-upgrade"
                | "build-dep"
                | "reinstall"
                | "source"
                | "download"
        ),
        "apk" => matches!(sub, "add" | "upgrade" | "fix" | "fetch"),
        "zypper" => matches!(
            sub,
            "install"
                | "in"
                | "update"
                | "up"
                | "dist-upgrade"
                | "dup"
                | "patch"
                | "source-install"
                | "si"
                | "download"
        ),
        // `… | xargs apt-get install -y`: xargs hides the real command.
        "xargs" => true,
        // A script or helper may install anything.
        _ if SHELLS.contains(&name) => true,
        _ => {
            let word = cmd.name_word().map_or("", |w| w.value.as_str());
            word.starts_with("./")
                || name.ends_with(".sh")
                || name.contains("install")
                || cmd.name_word().is_some_and(|w| w.has_expansion)
        }
    }
}
