use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the `AS` of `FROM image AS name` is written in the same
    /// case as the `FROM` keyword.
    ///
    /// ## Why is this bad?
    /// Docker accepts keywords in any case, so `FROM node as build` works,
    /// but a lower-case `as` next to an upper-case `FROM` reads like part of
    /// the image reference and breaks the file's visual rhythm. Writing both
    /// keywords the same way keeps stage declarations easy to scan.
    ///
    /// A `FROM` keyword that itself mixes cases (`From`) is left alone: there
    /// is no casing to match.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 as build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// ```
    ///
    /// ## Fix
    /// A safe fix rewrites `AS` in the case of `FROM`; keywords are
    /// case-insensitive, so the build does not change.
    pub static RULE = Rule {
        code: "CD1102",
        name: "from-as-casing",
        summary: "The AS keyword of a FROM is not written in the same case as FROM",
        category: Category::Style,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "FromAsCasing")],
        aliases: &["FromAsCasing"],
        fix: Some(Applicability::Safe),
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in &ctx.syntax.instructions {
        let InstructionKind::From(from) = &instruction.kind else {
            continue;
        };
        let Some(alias) = &from.alias else { continue };
        let keyword = &instruction.keyword_spelling;
        let expected = if keyword.chars().all(|c| !c.is_ascii_lowercase()) {
            "AS"
        } else if keyword.chars().all(|c| !c.is_ascii_uppercase()) {
            "as"
        } else {
            continue;
        };
        if alias.as_spelling == expected {
            continue;
        }
        sink.report(
            alias.as_range,
            format!(
                "`{}` does not match the casing of `{keyword}`; write `{expected}`",
                alias.as_spelling
            ),
        )
        .fix(Fix::safe(
            format!("Write `{expected}`"),
            vec![Edit::replace(alias.as_range, expected)],
        ));
    }
}
