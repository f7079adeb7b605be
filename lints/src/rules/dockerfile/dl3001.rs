use crate::rules::prelude::*;
use crate::rules::support::commands::run_commands;

crate::declare_rule! {
    /// ## What it does
    /// Checks for commands that make no sense while building an image:
    /// `free`, `kill`, `mount`, `ps`, `service`, `shutdown`, `ssh`, `top` and
    /// `vim`.
    ///
    /// ## Why is this bad?
    /// A build step runs in a throw-away container with no services, no
    /// terminal and no other processes. Interactive tools wait for input that
    /// never comes, process and memory tools describe the build container
    /// rather than the one you will run, and starting a service does nothing
    /// that outlives the step. Such commands are usually copied from an
    /// interactive session by mistake.
    ///
    /// Only the command that runs is checked: installing the `vim` package or
    /// passing `ps` as an argument is fine.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y nginx && service nginx start
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y nginx
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    pub static RULE = Rule {
        code: "DL3001",
        name: "pointless-command",
        summary: "RUN uses a command that is pointless in a container build",
        category: Category::BestPractice,
        severity: Severity::Info,
        references: &[Reference::new(Source::Hadolint, "DL3001")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

const POINTLESS: &[&str] = &[
    "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for rc in run_commands(ctx, true) {
        let Some(name) = POINTLESS.iter().find(|n| rc.command.is(n)) else {
            continue;
        };
        sink.report(
            rc.name_range(),
            format!("`{name}` does nothing useful while building an image"),
        );
    }
}
