use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `COPY --from=<stage> / /`, which copies another stage's
    /// whole filesystem.
    ///
    /// ## Why is this bad?
    /// Copying `/` onto `/` drags the other stage's entire root filesystem
    /// (package caches, build tools, `/etc`, `/proc` leftovers) into the
    /// image, undoing the point of a multi-stage build, and overwrites the
    /// target's own system files. Copy only the directories you need.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /out/app .
    ///
    /// FROM alpine:3.20
    /// COPY --from=build / /
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /out/app .
    ///
    /// FROM alpine:3.20
    /// COPY --from=build /out/app /usr/local/bin/app
    /// ```
    pub static RULE = Rule {
        code: "DL3067",
        name: "copy-from-whole-filesystem",
        summary: "COPY --from copies another stage's whole root filesystem",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3067")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in &ctx.syntax.instructions {
        let InstructionKind::Copy(copy) = &instruction.kind else {
            continue;
        };
        if instruction.flag("from").is_none() || copy.destination.value != "/" {
            continue;
        }
        if let Some(root) = copy.sources.iter().find(|s| s.value == "/") {
            sink.report(root.range, "copying `/` onto `/` takes the other stage's whole filesystem; copy only what you need");
        }
    }
}
