use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every port number in `EXPOSE` lies between 0 and 65535.
    ///
    /// ## Why is this bad?
    /// TCP and UDP ports are 16-bit numbers. A larger number is a typo
    /// (`EXPOSE 80800`), and the build fails or the port is never reachable.
    ///
    /// Both ends of a range (`8000-8010`) are checked. Ports written with a
    /// variable (`EXPOSE ${PORT}`) are not judged.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80800
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080
    /// ```
    pub static RULE = Rule {
        code: "DL3011",
        name: "expose-port-out-of-range",
        summary: "An EXPOSE port is outside the range 0-65535",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::Hadolint, "DL3011"),
            Reference::new(Source::Trivy, "DS-0008"),
        ],
        aliases: &["DS-0008"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in &ctx.syntax.instructions {
        let InstructionKind::Expose(ports) = &instruction.kind else {
            continue;
        };
        for port in ports {
            if port.word.has_vars() {
                continue;
            }
            let value = &port.word.value;
            let numbers_end = value.find('/').unwrap_or(value.len());
            let numbers = &value[..numbers_end];
            let mut start = 0;
            for part in numbers.split('-') {
                let end = start + part.len();
                // A number too long for u64 is out of range as well.
                let too_big = !part.is_empty()
                    && part.bytes().all(|b| b.is_ascii_digit())
                    && part.parse::<u64>().map_or(true, |n| n > 65535);
                if too_big {
                    sink.report(
                        port.word.value_range(start..end),
                        format!("port {part} is out of range: ports go from 0 to 65535"),
                    );
                }
                start = end + 1;
            }
        }
    }
}
