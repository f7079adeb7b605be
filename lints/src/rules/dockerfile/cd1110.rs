use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that stage names (`FROM image AS name`) are written in lower
    /// case.
    ///
    /// ## Why is this bad?
    /// Docker lower-cases stage names and matches them without regard to
    /// case, so `AS Builder` and `--from=builder` name the same stage. A
    /// capitalised name suggests a distinction that does not exist, and
    /// `docker build --target` and other tools show the lower-case form.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS Builder
    /// RUN go build -o /out/app ./cmd/app
    ///
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=Builder /out/app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS builder
    /// RUN go build -o /out/app ./cmd/app
    ///
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=builder /out/app /app
    /// ```
    ///
    /// ## Fix
    /// A safe fix lower-cases the name and every reference to it written in
    /// the file (`FROM <name>`, `COPY --from=<name>`,
    /// `RUN --mount=from=<name>`). Because Docker already matches names
    /// case-insensitively, the build does not change. A name built from a
    /// variable is not reported.
    pub static RULE = Rule {
        code: "CD1110",
        name: "stage-name-casing",
        summary: "A stage name is not written in lower case",
        category: Category::Style,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "StageNameCasing")],
        aliases: &["StageNameCasing"],
        fix: Some(Applicability::Safe),
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for stage in &ctx.model.stages {
        let Some(alias) = &stage.from.alias else {
            continue;
        };
        let name = &alias.name;
        if name.has_vars() || !name.value.chars().any(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let lower = name.value.to_ascii_lowercase();
        let mut edits = vec![Edit::replace(
            name.value_range(0..name.value.len()),
            lower.clone(),
        )];
        for reference in references(ctx, stage.index, &lower) {
            edits.push(Edit::replace(reference, lower.clone()));
        }
        sink.report(
            name.range,
            format!(
                "stage name `{}` is not lower case; write `{lower}`",
                name.value
            ),
        )
        .fix(Fix::safe(format!("Rename the stage to `{lower}`"), edits));
    }
}

/// Ranges of references to stage `index` (named `lower`) that are not
/// written in lower case: later `FROM`, `--from=` and `--mount=from=`.
fn references(ctx: &DockerfileContext, index: usize, lower: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut push = |value: &str, range: TextRange| {
        if value.eq_ignore_ascii_case(lower) && value != lower {
            out.push(range);
        }
    };
    for later in &ctx.model.stages[index + 1..] {
        // A later stage reusing the name shadows this one from there on.
        if later.base == Base::Stage(index) {
            let image = &later.from.image;
            if !image.has_vars() {
                push(&image.value, image.value_range(0..image.value.len()));
            }
        }
        for instruction in
            std::iter::once(later.from_instruction).chain(later.effective_instructions())
        {
            for flag in &instruction.flags {
                match flag.name.as_str() {
                    "from" => {
                        if let Some(value) = &flag.value
                            && !value.has_vars()
                            && ctx
                                .model
                                .stage_ref(&value.value, later.index)
                                .is_some_and(|s| s.index == index)
                        {
                            push(&value.value, value.value_range(0..value.value.len()));
                        }
                    }
                    "mount" => {
                        for option in flag.mount_options() {
                            if option.key.value != "from" {
                                continue;
                            }
                            let Some(value) = &option.value else { continue };
                            if ctx
                                .model
                                .stage_ref(&value.value, later.index)
                                .is_some_and(|s| s.index == index)
                            {
                                push(&value.value, value.range);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out
}
