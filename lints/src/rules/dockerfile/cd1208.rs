use crate::build_context::Ignore;
use crate::rules::prelude::*;
use crate::rules::support::copy_sources::context_sources;

/// What an ignore file must exclude before the whole context is copied.
const MUST_EXCLUDE: [&str; 2] = [".git", ".env"];

crate::declare_rule! {
    /// ## What it does
    /// Checks `COPY . <dest>` and `ADD . <dest>` (any source that is the
    /// whole build context: `.`, `./`, `/`, `*`) when the context has no
    /// ignore file, or its ignore file does not exclude both `.git` and
    /// `.env`.
    ///
    /// ## Why is this bad?
    /// Everything in the context ends up in a layer of the image: the `.git`
    /// directory (the full history, including files deleted long ago and
    /// credentials in old commits) and local secret files such as `.env`.
    /// Anyone who can pull the image can read them. Copying the context
    /// wholesale also defeats the layer cache: any change to any file
    /// rebuilds everything after the `COPY`.
    ///
    /// The ignore file is `<Dockerfile>.dockerignore` beside the Dockerfile
    /// when it exists, otherwise `.dockerignore` at the root of the build
    /// context (the Dockerfile's directory, or the one a Compose or Bake file
    /// gives it). `--from=` copies are not checked.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// WORKDIR /app
    /// COPY . .
    /// ```
    ///
    /// Use instead: a `.dockerignore` beside it such as
    /// ```text
    /// .git
    /// .env
    /// .env.*
    /// node_modules
    /// ```
    /// or copy only what the image needs (`COPY package.json src/ ./`).
    pub static RULE = Rule {
        code: "CD1208",
        name: "context-copied-without-ignore",
        summary: "The whole build context is copied without a .dockerignore excluding .git and .env",
        category: Category::Security,
        severity: Severity::Warning,
        references: &[Reference::new(
            Source::Url,
            "https://docs.docker.com/build/concepts/context/#dockerignore-files",
        )],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let Some(build) = ctx.build else { return };
    let missing: Vec<&str> = match &build.ignore {
        Ignore::Missing => Vec::new(),
        Ignore::Loaded { file, .. } => MUST_EXCLUDE
            .into_iter()
            .filter(|p| !file.excludes(p))
            .collect(),
        // Docker refuses the build; nothing to say about what it would copy.
        Ignore::Invalid { .. } => return,
    };
    if matches!(build.ignore, Ignore::Loaded { .. }) && missing.is_empty() {
        return;
    }
    for source in context_sources(&ctx.syntax.instructions) {
        if !matches!(source.path.as_str(), "." | "*") {
            continue;
        }
        let keyword = source.instruction.keyword.as_str();
        let message = if missing.is_empty() {
            format!(
                "{keyword} `{}` copies the whole build context and there is no .dockerignore: `.git` and secret files such as `.env` end up in the image",
                source.word.value
            )
        } else {
            let names: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
            format!(
                "{keyword} `{}` copies the whole build context and {} does not exclude {}: they end up in the image",
                source.word.value,
                build.ignore_name(),
                names.join(" or ")
            )
        };
        sink.report(source.word.range, message);
    }
}
