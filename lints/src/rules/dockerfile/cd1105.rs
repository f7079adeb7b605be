use crate::rules::prelude::*;
use crate::rules::support::build_args::{has_fallback, is_predefined, suggest};

crate::declare_rule! {
    /// ## What it does
    /// Checks that every variable in a `FROM` line (the image and
    /// `--platform`) is declared by an `ARG` before the first `FROM`.
    ///
    /// ## Why is this bad?
    /// `FROM` can only use global build arguments: `ARG`s declared before
    /// the first `FROM`, plus the platform arguments BuildKit sets
    /// (`TARGETPLATFORM`, `BUILDPLATFORM`, …). Any other name, including one
    /// declared inside an earlier stage or passed with `--build-arg` without
    /// a declaration, expands to an empty string, so `FROM node:${VERSION}`
    /// becomes `FROM node:` and the build fails, or pulls something else.
    ///
    /// A reference with a fallback (`${VERSION:-22}`) is not reported: the
    /// fallback is what will be used.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:${NODE_VERSION}-slim
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG NODE_VERSION=22
    /// FROM node:${NODE_VERSION}-slim
    /// ```
    pub static RULE = Rule {
        code: "CD1105",
        name: "undefined-arg-in-from",
        summary: "FROM uses a variable that is not declared by a global ARG",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "UndefinedArgInFrom")],
        aliases: &["UndefinedArgInFrom"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let global: Vec<&str> = ctx
        .model
        .preamble
        .iter()
        .filter_map(|i| match &i.kind {
            InstructionKind::Arg(decls) => Some(decls.iter().map(|d| d.name.value.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    for stage in &ctx.model.stages {
        let platform = stage
            .from_instruction
            .flag("platform")
            .and_then(|f| f.value.as_ref());
        for word in std::iter::once(&stage.from.image).chain(platform) {
            for var in &word.vars {
                if has_fallback(var)
                    || is_predefined(&var.name)
                    || global.contains(&var.name.as_str())
                {
                    continue;
                }
                let hint = match suggest(&var.name, global.iter().copied()) {
                    Some(close) => format!(" (did you mean `{close}`?)"),
                    None => format!("; declare `ARG {}` before the first FROM", var.name),
                };
                sink.report(
                    var.name_range,
                    format!(
                        "`{}` is not a global build argument, so it is empty in FROM{hint}",
                        var.name
                    ),
                );
            }
        }
    }
}
