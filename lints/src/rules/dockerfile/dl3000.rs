use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that `WORKDIR` is given an absolute path.
    ///
    /// ## Why is this bad?
    /// A relative `WORKDIR` is resolved against the previous working
    /// directory, which may come from the base image and change when the base
    /// image changes. An absolute path says where files land, whatever the
    /// base image does.
    ///
    /// Paths starting with a variable (`$HOME/app`) and Windows drive paths
    /// (`C:\app`) are accepted.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22
    /// WORKDIR /app
    /// ```
    pub static RULE = Rule {
        code: "DL3000",
        name: "workdir-relative-path",
        summary: "WORKDIR is given a relative path",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::Hadolint, "DL3000"),
            Reference::new(Source::BuildKit, "WorkdirRelativePath"),
        ],
        aliases: &["WorkdirRelativePath"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in &ctx.syntax.instructions {
        let InstructionKind::Workdir(path) = &instruction.kind else { continue };
        if !is_absolute(&path.value) {
            sink.report(path.range, format!("`WORKDIR {}` is relative; use an absolute path", path.value));
        }
    }
}

fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('$')
        || path.starts_with('\\')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}
