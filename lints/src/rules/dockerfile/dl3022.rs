use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that `COPY --from=` names a build stage defined earlier in the
    /// file (by its `AS` name or its number), or an image reference.
    ///
    /// ## Why is this bad?
    /// A name that is not an earlier stage is taken as an image to pull. A
    /// typo in a stage name (`--from=biuld`) therefore does not fail as a
    /// typo: the build tries to pull an image called `biuld`, or worse, pulls
    /// one that happens to exist.
    ///
    /// Values containing `:` (`--from=nginx:1.27`) are taken as deliberate
    /// image references and are not reported. Like hadolint, a bare image
    /// name without a tag (`--from=nginx`) is reported: name the tag. Values
    /// with variables that cannot be resolved from global `ARG` defaults are
    /// not judged.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /out/app .
    ///
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=builder /out/app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /out/app .
    ///
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=build /out/app /app
    /// ```
    pub static RULE = Rule {
        code: "DL3022",
        name: "copy-from-unknown-stage",
        summary: "COPY --from names no earlier build stage",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3022")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let lookup = |name: &str| {
        ctx.model
            .global_arg(name)
            .map(|d| d.map(|w| w.value.clone()).unwrap_or_default())
    };
    for stage in &ctx.model.stages {
        for instruction in stage.instructions {
            if instruction.keyword != Keyword::Copy {
                continue;
            }
            let Some(word) = instruction.flag("from").and_then(|f| f.value.as_ref()) else {
                continue;
            };
            let Some(value) = crate::dockerfile::model::expand(word, &lookup) else {
                continue;
            };
            if value.contains(':') || ctx.model.stage_ref(&value, stage.index + 1).is_some() {
                continue;
            }
            let known: Vec<String> = ctx.model.stages[..stage.index]
                .iter()
                .filter_map(|s| s.name.as_ref().map(|n| format!("`{n}`")))
                .collect();
            let message = if known.is_empty() {
                format!("`{value}` is not an earlier build stage; it will be pulled as an image")
            } else {
                format!(
                    "`{value}` is not an earlier build stage (known: {}); it will be pulled as an image",
                    known.join(", ")
                )
            };
            sink.report(word.range, message);
        }
    }
}
