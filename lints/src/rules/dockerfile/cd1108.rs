use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the protocol of an `EXPOSE` port (`/tcp`, `/udp`,
    /// `/sctp`) is written in lower case.
    ///
    /// ## Why is this bad?
    /// Docker lower-cases the protocol itself, so `EXPOSE 53/UDP` works, but
    /// tools that read the image metadata or the Dockerfile may compare the
    /// text as written. The documented spelling is lower case; using it
    /// everywhere avoids surprises.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM coredns/coredns:1.11.1
    /// EXPOSE 53/UDP 53/TCP
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM coredns/coredns:1.11.1
    /// EXPOSE 53/udp 53/tcp
    /// ```
    ///
    /// ## Fix
    /// A safe fix lower-cases the protocol, which is what Docker does anyway.
    pub static RULE = Rule {
        code: "CD1108",
        name: "expose-proto-casing",
        summary: "An EXPOSE protocol is not written in lower case",
        category: Category::Style,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "ExposeProtoCasing")],
        aliases: &["ExposeProtoCasing"],
        fix: Some(Applicability::Safe),
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
            let Some(protocol) = &port.protocol else {
                continue;
            };
            // A protocol written with a variable is decided at build time.
            if protocol.value.contains('$')
                || !protocol.value.chars().any(|c| c.is_ascii_uppercase())
            {
                continue;
            }
            let lower = protocol.value.to_ascii_lowercase();
            sink.report(
                protocol.range,
                format!(
                    "write the protocol `{}` in lower case: `{lower}`",
                    protocol.value
                ),
            )
            .fix(Fix::safe(
                format!("Write `{lower}`"),
                vec![Edit::replace(protocol.range, lower.clone())],
            ));
        }
    }
}
