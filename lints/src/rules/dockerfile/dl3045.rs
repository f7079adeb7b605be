use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `COPY` to a relative destination in a stage that has not
    /// set a `WORKDIR`.
    ///
    /// ## Why is this bad?
    /// A relative destination is resolved against the working directory,
    /// which without a `WORKDIR` is whatever the base image chose (often
    /// `/`). The files land somewhere that changes when the base image does.
    ///
    /// A stage built `FROM` an earlier stage inherits that stage's
    /// `WORKDIR`. Destinations starting with `/`, a variable, or a Windows
    /// drive (`C:\`, `C:/`) are not reported. Only a `WORKDIR` before the
    /// `COPY` counts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY package.json .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-alpine
    /// WORKDIR /app
    /// COPY package.json .
    /// ```
    pub static RULE = Rule {
        code: "DL3045",
        name: "copy-relative-without-workdir",
        summary: "COPY to a relative destination before any WORKDIR is set",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3045")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    // Whether each stage (by index) has set a WORKDIR by its end.
    let mut has_workdir: Vec<bool> = Vec::with_capacity(ctx.model.stages.len());
    for stage in &ctx.model.stages {
        let mut set = match stage.base {
            Base::Stage(i) => has_workdir.get(i).copied().unwrap_or(false),
            _ => false,
        };
        for instruction in stage.instructions {
            match &instruction.kind {
                InstructionKind::Workdir(_) => set = true,
                InstructionKind::Copy(copy)
                    if !set && is_relative(raw_destination(ctx, &copy.destination)) =>
                {
                    sink.report(
                        copy.destination.range,
                        format!(
                            "`{}` is relative, but no WORKDIR is set in this stage; set one or use an absolute path",
                            copy.destination.value
                        ),
                    );
                }
                _ => {}
            }
        }
        has_workdir.push(set);
    }
}

/// The destination as written, quotes removed: escapes such as the
/// backslashes of `C:\\app` are kept, as hadolint sees them.
fn raw_destination<'a>(ctx: &DockerfileContext<'a>, dest: &Word) -> &'a str {
    dest.range.slice(ctx.source).trim_matches(['"', '\''])
}

fn is_relative(dest: &str) -> bool {
    let after_drive = dest.get(1..).unwrap_or("");
    !(dest.starts_with('/')
        || dest.starts_with('$')
        || after_drive.starts_with(":\\")
        || after_drive.starts_with(":/"))
}
