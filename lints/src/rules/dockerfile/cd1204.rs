use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `EXPOSE` of port 22, the SSH port, alone or inside a range
    /// (`EXPOSE 20-30`).
    ///
    /// ## Why is this bad?
    /// Running an SSH server in a container adds a long-lived, remotely
    /// reachable login service with its own keys and users to patch and
    /// audit. Containers are meant to run one process and be replaced, not
    /// logged into; use `docker exec` or `kubectl exec` to get a shell when
    /// debugging.
    ///
    /// Ports written with a variable are not judged.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
    /// EXPOSE 22
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// EXPOSE 8080
    /// ```
    pub static RULE = Rule {
        code: "CD1204",
        name: "expose-ssh-port",
        summary: "EXPOSE includes port 22 (SSH)",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::Trivy, "DS-0004"),
            Reference::new(Source::Checkov, "CKV_DOCKER_1"),
        ],
        aliases: &["DS-0004", "CKV_DOCKER_1"],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in ctx.syntax.effective_instructions() {
        let InstructionKind::Expose(ports) = &instruction.kind else {
            continue;
        };
        for port in ports {
            let Some((first, last)) = port.ports else {
                continue;
            };
            if !(first..=last).contains(&22) {
                continue;
            }
            let message = if first == last {
                "port 22 (SSH) is exposed; don't run an SSH server in a container, use `docker exec` instead".to_string()
            } else {
                format!(
                    "the range {first}-{last} includes port 22 (SSH); don't run an SSH server in a container, use `docker exec` instead"
                )
            };
            sink.report(port.ports_range, message);
        }
    }
}
