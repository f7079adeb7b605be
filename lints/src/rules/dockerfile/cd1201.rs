use crate::rules::prelude::*;
use crate::rules::support::secrets::{SecretName, secret_name};

crate::declare_rule! {
    /// ## What it does
    /// Checks for `ARG` and `ENV` variables whose names say they hold a
    /// credential: a password, token, secret, or an API, access or private
    /// key.
    ///
    /// ## Why is this bad?
    /// `ENV` values are stored in the image configuration and every
    /// container started from it can read them; `ARG` values passed with
    /// `--build-arg` are recorded in the image history. Anyone who can pull
    /// the image can read the credential. Pass secrets to the build with
    /// `RUN --mount=type=secret` and to the container at run time
    /// (environment of the orchestrator, mounted secret files).
    ///
    /// The name is split into words on `_`, `-`, `.` and camelCase
    /// boundaries. A word such as `PASSWORD`, `TOKEN`, `SECRET` or
    /// `CREDENTIALS` counts; `KEY` counts only after `API`, `PRIVATE`,
    /// `ACCESS`, `SECRET` and similar, so `CACHE_KEY` does not. Names are not
    /// reported when:
    /// - they describe a key used to verify downloads or a public key
    ///   (`GPG_KEY`, `NODE_GPG_KEYS`, `PUBLIC_KEY`), which official images set
    ///   on purpose;
    /// - the last word says the value is about the credential rather than the
    ///   credential (`PASSWORD_FILE`, `TOKEN_URL`, `SECRETS_DIR`,
    ///   `PASSWORD_LENGTH`, `AWS_ACCESS_KEY_ID`);
    /// - an `ENV` value is a file path (`GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// ARG NPM_TOKEN
    /// RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    /// ```
    pub static RULE = Rule {
        code: "CD1201",
        name: "secret-in-arg-or-env",
        summary: "An ARG or ENV name suggests it holds a secret",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::BuildKit, "SecretsUsedInArgOrEnv"),
            Reference::new(Source::CisDocker, "4.10"),
            Reference::new(Source::Trivy, "DS-0031"),
            Reference::new(Source::Owasp, "rule-12-utilize-docker-secrets-for-sensitive-data-management"),
        ],
        aliases: &["SecretsUsedInArgOrEnv"],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in ctx.syntax.effective_instructions() {
        match &instruction.kind {
            InstructionKind::Arg(decls) => {
                for decl in decls {
                    report(sink, "ARG", &decl.name);
                }
            }
            InstructionKind::Env(pairs) => {
                for pair in pairs {
                    if !is_path(&pair.value.value) {
                        report(sink, "ENV", &pair.key);
                    }
                }
            }
            _ => {}
        }
    }
}

fn report(sink: &mut Sink, keyword: &str, name: &Word) {
    let Some(kind) = secret_name(&name.value) else {
        return;
    };
    let what = match kind {
        SecretName::Password => "a password",
        SecretName::Secret => "a secret",
    };
    let where_ = if keyword == "ENV" {
        "ENV values are stored in the image and visible to anyone who can pull it"
    } else {
        "build arguments are recorded in the image history"
    };
    sink.report(
        name.range,
        format!(
            "{keyword} `{}` looks like it holds {what}: {where_}; use `RUN --mount=type=secret` or pass it at run time",
            name.value
        ),
    );
}

fn is_path(value: &str) -> bool {
    value.starts_with('/') || value.starts_with("./") || value.starts_with("~/")
}
