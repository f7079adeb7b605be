use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the last `USER` of the final stage is not `root` (or UID 0).
    ///
    /// ## Why is this bad?
    /// A container that runs as root can do far more damage when it is
    /// compromised: it owns every file in the image, and a container escape
    /// starts from root. Switch back to an unprivileged user after the steps
    /// that need root.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm
    /// USER root
    /// CMD ["app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:bookworm
    /// USER 10001
    /// CMD ["app"]
    /// ```
    pub static RULE = Rule {
        code: "DL3002",
        name: "last-user-root",
        summary: "The final stage's last USER is root",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::Hadolint, "DL3002"),
            Reference::new(Source::CisDocker, "4.1"),
            Reference::new(Source::Owasp, "rule-2-set-a-user"),
        ],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let Some(stage) = ctx.model.last_stage() else { return };
    let last_user = stage.instructions.iter().rev().find_map(|i| match &i.kind {
        InstructionKind::User(user) => Some(user),
        _ => None,
    });
    if let Some(user) = last_user {
        let name = user.user.value.as_str();
        if name == "root" || name == "0" {
            sink.report(user.user.range, "the image runs as root; switch to an unprivileged user after the steps that need root");
        }
    }
}
