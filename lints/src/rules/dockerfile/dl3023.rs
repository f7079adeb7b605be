use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `COPY --from=` naming the stage the `COPY` is in.
    ///
    /// ## Why is this bad?
    /// A stage cannot copy from itself: its files do not exist yet while it
    /// is being built. Docker rejects the reference as circular; the name is
    /// almost always a copy-paste slip for an earlier stage.
    ///
    /// Stage names are compared ignoring case, as Docker does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22 AS build
    /// COPY --from=build /app/dist /srv/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22 AS build
    /// RUN npm ci && npm run build
    ///
    /// FROM nginx:1.27
    /// COPY --from=build /app/dist /usr/share/nginx/html/
    /// ```
    pub static RULE = Rule {
        code: "DL3023",
        name: "copy-from-own-stage",
        summary: "COPY --from names the stage it is in",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::Hadolint, "DL3023"),
            Reference::new(Source::Trivy, "DS-0006"),
        ],
        aliases: &["DS-0006"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for stage in &ctx.model.stages {
        let (Some(name), Some(alias)) = (&stage.name, &stage.from.alias) else {
            continue;
        };
        for instruction in stage.instructions {
            if instruction.keyword != Keyword::Copy {
                continue;
            }
            let Some(word) = instruction.flag("from").and_then(|f| f.value.as_ref()) else {
                continue;
            };
            if word.value.eq_ignore_ascii_case(name) {
                sink.report(
                    word.range,
                    format!("`COPY --from={}` names the stage it is in", word.value),
                )
                .label(alias.name.range, "this stage");
            }
        }
    }
}
