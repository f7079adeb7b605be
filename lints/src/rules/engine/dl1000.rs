use crate::rules::{Category, Check, Reference, Source, Target};
use crate::diagnostic::Severity;

crate::declare_rule! {
    /// ## What it does
    /// Reports a Dockerfile instruction that cannot be parsed: an unknown
    /// instruction, a missing argument, an unterminated heredoc or JSON array.
    ///
    /// ## Why is this bad?
    /// Docker refuses to build a file it cannot parse. caulk reports the
    /// problem at the instruction, skips it, and goes on linting the rest of
    /// the file, so one typo does not hide every other finding.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUNN echo hello
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo hello
    /// ```
    pub static RULE = Rule {
        code: "DL1000",
        name: "dockerfile-parse-error",
        summary: "The Dockerfile has an instruction that cannot be parsed",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[Reference::new(Source::Hadolint, "DL1000")],
        check: Check::Engine(Target::Dockerfile),
    };
}
