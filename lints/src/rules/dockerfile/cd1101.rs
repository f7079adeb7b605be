use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that instruction keywords share one casing: all upper case
    /// (`RUN`) or all lower case (`run`), whichever most instructions in the
    /// file use.
    ///
    /// ## Why is this bad?
    /// Docker reads keywords in any case, but a file that mixes `RUN` and
    /// `run`, or writes `Copy`, is harder to scan: the eye looks for the
    /// keyword column and finds it in two shapes. Pick one style and keep to
    /// it.
    ///
    /// The majority is counted over the instructions written entirely in
    /// one case; a tie counts as upper case. Every keyword that differs from
    /// the majority is reported, including mixed-case ones (`Run`) and the
    /// instruction inside an `ONBUILD`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// run apk add --no-cache curl
    /// COPY app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl
    /// COPY app /app
    /// ```
    ///
    /// ## Fix
    /// A safe fix rewrites the keyword in the majority casing; keywords are
    /// case-insensitive, so the build does not change.
    pub static RULE = Rule {
        code: "CD1101",
        name: "consistent-instruction-casing",
        summary: "An instruction keyword differs from the casing most instructions in the file use",
        category: Category::Style,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "ConsistentInstructionCasing")],
        aliases: &["ConsistentInstructionCasing"],
        fix: Some(Applicability::Safe),
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let (mut lower, mut upper) = (0usize, 0usize);
    for instruction in &ctx.syntax.instructions {
        let spelling = &instruction.keyword_spelling;
        if spelling.chars().all(|c| !c.is_ascii_uppercase()) {
            lower += 1;
        } else if spelling.chars().all(|c| !c.is_ascii_lowercase()) {
            upper += 1;
        }
    }
    let majority_lower = lower > upper;
    for instruction in &ctx.syntax.instructions {
        let mut current = instruction;
        loop {
            let spelling = &current.keyword_spelling;
            let expected = if majority_lower {
                spelling.to_ascii_lowercase()
            } else {
                spelling.to_ascii_uppercase()
            };
            if *spelling != expected {
                let case = if majority_lower { "lower" } else { "upper" };
                sink.report(
                    current.keyword_range,
                    format!("`{spelling}` differs from the {case}-case keywords used in the rest of the file; write `{expected}`"),
                )
                .fix(Fix::safe(format!("Write `{expected}`"), vec![Edit::replace(current.keyword_range, expected.clone())]));
            }
            match &current.kind {
                InstructionKind::Onbuild(inner) => current = inner,
                _ => break,
            }
        }
    }
}
