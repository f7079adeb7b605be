use crate::rules::prelude::*;
use crate::rules::support::copy_sources::context_sources;

crate::declare_rule! {
    /// ## What it does
    /// Checks that a `COPY` or `ADD` source is not a path the build
    /// context's ignore file excludes (Docker's build check
    /// `CopyIgnoredFile`).
    ///
    /// ## Why is this bad?
    /// Docker never sends excluded paths to the builder, so the instruction
    /// fails with "not found" — or, when a wildcard or directory still
    /// matches something, silently copies less than it says.
    ///
    /// The ignore file is `<Dockerfile>.dockerignore` beside the Dockerfile
    /// when it exists, otherwise `.dockerignore` at the root of the build
    /// context, and is matched with Docker's rules (a pattern also excludes
    /// everything below a directory it matches; the last matching line
    /// decides). The context is the Dockerfile's directory, or the one a
    /// Compose or Bake file gives it.
    ///
    /// Sources with variables, `--from=` copies, heredocs and URLs are not
    /// checked. A directory that a later `!` line partly re-includes is not
    /// reported (unlike Docker's check, which gives up on every ignore file
    /// that has `!` lines). A source that is the whole context (`.`) is never
    /// reported here.
    ///
    /// ## Example
    /// ```dockerfile
    /// # .dockerignore: *.md
    /// FROM alpine:3.21
    /// COPY README.md /docs/
    /// ```
    ///
    /// Use instead: remove the pattern from `.dockerignore` (or add
    /// `!README.md` after it), or stop copying the file.
    pub static RULE = Rule {
        code: "CD1111",
        name: "copy-ignored-file",
        summary: "COPY/ADD of a path the .dockerignore excludes",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "CopyIgnoredFile")],
        aliases: &["CopyIgnoredFile"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let Some(build) = ctx.build else { return };
    let Some((_, ignore)) = build.ignore_file() else {
        return;
    };
    for source in context_sources(&ctx.syntax.instructions) {
        if source.path == "." {
            continue;
        }
        let Some(pattern) = ignore.excluded_by(&source.path) else {
            continue;
        };
        if ignore.has_exceptions() && ignore.may_reinclude_below(&source.path) {
            continue;
        }
        sink.report(
            source.word.range,
            format!(
                "{} source `{}` is excluded by {} (line {}: `{}`), so the build never sees it",
                source.instruction.keyword.as_str(),
                source.path,
                build.ignore_name(),
                pattern.line,
                pattern.text
            ),
        );
    }
}
