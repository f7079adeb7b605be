use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `EXPOSE` items that carry an IP address or a
    /// `host:container` port mapping, such as `EXPOSE 127.0.0.1:8080:80` or
    /// `EXPOSE 8080:80`.
    ///
    /// ## Why is this bad?
    /// `EXPOSE` only documents which container ports the image listens on.
    /// Publishing a port on the host, and choosing the host address or host
    /// port, happens when the container is run (`docker run -p`, a compose
    /// file, a Kubernetes Service). Docker accepts the mapping syntax here
    /// only for backward compatibility and drops the host part, so the
    /// instruction does not do what it appears to.
    ///
    /// `:` inside a variable reference (`${PORT:-8080}`) is not a mapping.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 0.0.0.0:8080:80
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80
    /// ```
    /// and publish with `docker run -p 8080:80`.
    pub static RULE = Rule {
        code: "CD1109",
        name: "expose-invalid-format",
        summary: "EXPOSE holds an IP address or a host:container port mapping",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "ExposeInvalidFormat")],
        aliases: &["ExposeInvalidFormat"],
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
            let value = &port.word.value;
            let Some(colon) = colon_outside_vars(value) else {
                continue;
            };
            let host = &value[..colon];
            let what = if host.contains(['.', '[']) || host.matches(':').count() > 1 {
                "an IP address"
            } else {
                "a host port mapping"
            };
            sink.report(
                port.word.range,
                format!(
                    "`{value}` holds {what}; EXPOSE takes only the container port (publish ports with `docker run -p`)"
                ),
            );
        }
    }
}

/// The last `:` that is not inside `${…}`.
fn colon_outside_vars(value: &str) -> Option<usize> {
    let bytes = value.as_bytes();
    let mut depth = 0usize;
    let mut last = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 => last = Some(i),
            _ => {}
        }
        i += 1;
    }
    last
}
