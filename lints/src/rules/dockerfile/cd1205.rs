use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `WORKDIR` set to a kernel or boot directory, or inside one:
    /// `/proc`, `/sys`, `/dev`, `/boot`, `/initrd` and `/lost+found`.
    ///
    /// ## Why is this bad?
    /// At run time these paths are pseudo-filesystems the container runtime
    /// mounts over (`/proc`, `/sys`, `/dev`) or belong to the host's boot
    /// process. Files written there during the build are hidden or lost, and
    /// a process working in them can touch kernel interfaces. It is almost
    /// always a typo or a misunderstanding.
    ///
    /// Other system directories such as `/etc` or `/usr` are not reported:
    /// working in `/etc/nginx` or `/usr/src/app` is common and harmless.
    /// Paths written with a variable are not judged.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// WORKDIR /proc/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// WORKDIR /app
    /// ```
    pub static RULE = Rule {
        code: "CD1205",
        name: "workdir-system-directory",
        summary: "WORKDIR is a kernel or boot directory such as /proc, /sys or /dev",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[Reference::new(Source::Trivy, "DS-0030")],
        aliases: &["DS-0030"],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

const SYSTEM_DIRS: &[&str] = &["/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found"];

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in ctx.syntax.effective_instructions() {
        let InstructionKind::Workdir(path) = &instruction.kind else {
            continue;
        };
        if path.has_vars() {
            continue;
        }
        let normalized = normalize(&path.value);
        let Some(dir) = SYSTEM_DIRS.iter().find(|d| {
            normalized == **d
                || normalized
                    .strip_prefix(**d)
                    .is_some_and(|r| r.starts_with('/'))
        }) else {
            continue;
        };
        sink.report(
            path.range,
            format!("WORKDIR `{}` is inside `{dir}`, which the container runtime or host owns; use a directory such as `/app`", path.value),
        );
    }
}

/// Collapses repeated and trailing slashes and `.`/`..` components.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    if !path.starts_with('/') {
        return path.to_string();
    }
    format!("/{}", parts.join("/"))
}
