use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for empty lines inside an instruction continued over several
    /// lines with `\` (or `` ` `` after `# escape=```).
    ///
    /// ## Why is this bad?
    /// Docker skips empty lines inside a continuation, so the instruction
    /// still works, but the blank line makes it look as if the instruction
    /// ended there, and the lines after it read like a separate (broken)
    /// instruction. Docker has deprecated the behaviour and may turn it into
    /// an error. Comment lines inside a continuation are fine.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && \
    ///
    ///     apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && \
    ///     apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix
    /// A safe fix deletes the empty line; Docker ignores it anyway.
    pub static RULE = Rule {
        code: "CD1107",
        name: "no-empty-continuation",
        summary: "An instruction continued with a line break contains an empty line",
        category: Category::Style,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "NoEmptyContinuation")],
        aliases: &["NoEmptyContinuation"],
        fix: Some(Applicability::Safe),
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in &ctx.syntax.instructions {
        // The logical line ends where its arguments end; heredoc bodies come
        // after and may contain empty lines freely.
        let end = instruction
            .args_range()
            .end
            .max(instruction.keyword_range.end) as usize;
        let start = instruction.range.start as usize;
        let Some(text) = ctx.source.get(start..end) else {
            continue;
        };
        let mut offset = start;
        for line in text.split_inclusive('\n') {
            let line_start = offset;
            offset += line.len();
            if line_start == start || offset > end {
                continue;
            }
            let content = line.trim_end_matches(['\n', '\r']);
            if !content.trim().is_empty() {
                continue;
            }
            let blank = TextRange::from_usize(line_start, line_start + content.len());
            sink.report(
                blank,
                "empty line inside a continued instruction; remove it",
            )
            .fix(Fix::safe(
                "Remove the empty line",
                vec![Edit::delete(TextRange::from_usize(line_start, offset))],
            ));
        }
    }
}
