use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that a `COPY` with several sources copies into a directory,
    /// written with a trailing `/`.
    ///
    /// ## Why is this bad?
    /// With more than one source, the destination must be a directory, and
    /// Docker only accepts it when it ends in `/`. Without the slash the
    /// build fails.
    ///
    /// Heredoc sources count like files. A destination made of a variable
    /// alone is judged as written, as hadolint does.
    ///
    /// ## Fix
    /// A safe fix appends `/` to the destination.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY package.json package-lock.json /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY package.json package-lock.json /app/
    /// ```
    pub static RULE = Rule {
        code: "DL3021",
        name: "copy-multiple-sources-dest-not-dir",
        summary: "COPY with several sources needs a destination ending in `/`",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::Hadolint, "DL3021"),
            Reference::new(Source::Trivy, "DS-0011"),
        ],
        aliases: &["DS-0011"],
        fix: Some(Applicability::Safe),
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in &ctx.syntax.instructions {
        let InstructionKind::Copy(copy) = &instruction.kind else {
            continue;
        };
        if copy.sources.len() < 2 {
            continue;
        }
        let dest = &copy.destination;
        if dest.value.ends_with('/') {
            continue;
        }
        let diagnostic = sink.report(
            dest.range,
            format!(
                "COPY with {} sources needs a directory destination ending in `/`",
                copy.sources.len()
            ),
        );
        if !dest.value.is_empty() {
            // Insert right after the last value byte, so the slash lands inside any quotes.
            let end = dest.value_range(dest.value.len() - 1..dest.value.len()).end;
            diagnostic.fix(Fix::safe(
                "Add a trailing `/` to the destination",
                vec![Edit::insert(end, "/")],
            ));
        }
    }
}
