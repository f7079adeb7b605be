use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for more than one `CMD` in a build stage.
    ///
    /// ## Why is this bad?
    /// Only the last `CMD` of a stage takes effect; the earlier ones are dead
    /// code that misleads readers about what the container runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// CMD ["nginx"]
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    pub static RULE = Rule {
        code: "DL4003",
        name: "multiple-cmd",
        summary: "A stage has more than one CMD; only the last takes effect",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL4003"),
            Reference::new(Source::BuildKit, "MultipleInstructionsDisallowed"),
            Reference::new(Source::Trivy, "DS-0016"),
        ],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    report_repeats(ctx, sink, Keyword::Cmd);
}

/// Reports every instruction of `keyword` after the first in each stage.
pub(crate) fn report_repeats(ctx: &DockerfileContext, sink: &mut Sink, keyword: Keyword) {
    for stage in &ctx.model.stages {
        let mut first: Option<&Instruction> = None;
        for instruction in stage.instructions.iter().filter(|i| i.keyword == keyword) {
            match first {
                None => first = Some(instruction),
                Some(earlier) => {
                    sink.report(
                        instruction.keyword_range,
                        format!("more than one {keyword} in this stage; only the last one takes effect"),
                    )
                    .label(earlier.keyword_range, format!("earlier {keyword} here"));
                }
            }
        }
    }
}
