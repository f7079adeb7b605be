use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that no two build stages share a name (`FROM … AS name`).
    ///
    /// ## Why is this bad?
    /// `COPY --from=name`, `FROM name` and `--target name` must say which
    /// stage they mean. BuildKit refuses a file with duplicate stage names;
    /// older builders silently used one of them.
    ///
    /// Names are compared ignoring case, as Docker does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /out/api ./cmd/api
    ///
    /// FROM node:22 AS build
    /// RUN npm ci && npm run build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build-api
    /// RUN go build -o /out/api ./cmd/api
    ///
    /// FROM node:22 AS build-web
    /// RUN npm ci && npm run build
    /// ```
    pub static RULE = Rule {
        code: "DL3024",
        name: "duplicate-stage-name",
        summary: "Two build stages have the same name",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::Hadolint, "DL3024"),
            Reference::new(Source::BuildKit, "DuplicateStageName"),
            Reference::new(Source::Trivy, "DS-0012"),
            Reference::new(Source::Checkov, "CKV_DOCKER_11"),
        ],
        aliases: &["DuplicateStageName", "DS-0012", "CKV_DOCKER_11"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for (i, stage) in ctx.model.stages.iter().enumerate() {
        let (Some(name), Some(alias)) = (&stage.name, &stage.from.alias) else {
            continue;
        };
        let first = ctx.model.stages[..i]
            .iter()
            .find(|s| s.name.as_ref() == Some(name));
        if let Some(first) = first.and_then(|s| s.from.alias.as_ref()) {
            sink.report(
                alias.name.range,
                format!(
                    "stage name `{}` is already used by an earlier stage",
                    alias.name.value
                ),
            )
            .label(first.name.range, "first defined here");
        }
    }
}
