use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `ONBUILD` wrapping `ONBUILD`, `FROM` or `MAINTAINER`.
    ///
    /// ## Why is this bad?
    /// Docker does not allow these three as `ONBUILD` triggers: the build of
    /// the image that uses this one as its base fails.
    ///
    /// caulk's parser already rejects these (a parse error), and this rule
    /// names the problem under hadolint's code as well.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// ONBUILD FROM node:22-alpine
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22
    /// ONBUILD COPY . /app/
    /// ```
    pub static RULE = Rule {
        code: "DL3043",
        name: "onbuild-forbidden-trigger",
        summary: "ONBUILD wraps ONBUILD, FROM or MAINTAINER, which Docker forbids",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[Reference::new(Source::Hadolint, "DL3043")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    // The parser refuses these triggers, so the instruction only exists as
    // a parse error at the inner keyword; recognise it there.
    for error in &ctx.syntax.errors {
        let word = error.range.slice(ctx.source);
        let Some(keyword) = Keyword::from_name(word) else {
            continue;
        };
        if !matches!(
            keyword,
            Keyword::Onbuild | Keyword::From | Keyword::Maintainer
        ) {
            continue;
        }
        let before = ctx.source[..error.range.start as usize].trim_end_matches([' ', '\t']);
        let wrapped = before.len() >= 7
            && before
                .get(before.len() - 7..)
                .is_some_and(|w| w.eq_ignore_ascii_case("onbuild"));
        if wrapped {
            sink.report(
                error.range,
                format!("{keyword} is not allowed as an ONBUILD trigger"),
            );
        }
    }
}
