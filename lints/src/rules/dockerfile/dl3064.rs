use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `ARG` and `ENV` variables whose names suggest they hold a
    /// secret: a list of well-known names (`AWS_SECRET_ACCESS_KEY`,
    /// `GITHUB_TOKEN`, `NPM_TOKEN`, …) and any name containing `api_key`,
    /// `client_key`, `password`, `private`, `secret`, `token` or `username`
    /// (in any letter case).
    ///
    /// ## Why is this bad?
    /// `ENV` values are stored in the image configuration and `ARG` values in
    /// the build history: anyone who can pull the image can read them. Pass
    /// secrets with `RUN --mount=type=secret` instead, which never writes
    /// them into a layer.
    ///
    /// The name list is hadolint's, so names like `TRAVIS_OS_NAME` or
    /// `FACEBOOK_APP_ID` are reported although they are not secrets, and
    /// `PRIVATE_REGISTRY` matches the substring `private`. Instructions
    /// inside `ONBUILD` are checked too.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// ARG NPM_TOKEN
    /// RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-alpine
    /// RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    /// ```
    pub static RULE = Rule {
        code: "DL3064",
        name: "sensitive-arg-or-env-name",
        summary: "An ARG or ENV name suggests it holds a secret",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::Hadolint, "DL3064"),
            Reference::new(Source::CisDocker, "4.10"),
            Reference::new(Source::BuildKit, "SecretsUsedInArgOrEnv"),
            Reference::new(Source::Trivy, "DS-0031"),
        ],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

/// Names hadolint knows to hold credentials (upper case).
const KNOWN_NAMES: &[&str] = &[
    "ACCESS_TOKEN",
    "APPLICATION_KEY",
    "APP_SECRET",
    "AUTH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "BITTREX_API_KEY",
    "BITTREX_API_SECRET",
    "CF_PASSWORD",
    "CF_USERNAME",
    "CIRCLE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "CI_DEPLOY_USER",
    "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL",
    "DOCKER_PASSWORD",
    "DOCKER_USERNAME",
    "FACEBOOK_ACCESS_TOKEN",
    "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET",
    "FIREBASE_API_TOKEN",
    "FIREBASE_TOKEN",
    "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_USER",
    "NPM_AUTH_TOKEN",
    "NPM_TOKEN",
    "OKTA_AUTHN_GROUPID",
    "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN",
    "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET",
    "OPENAI_API_KEY",
    "OS_PASSWORD",
    "OS_USERNAME",
    "POSTGRES_PASSWORD",
    "SLACK_TOKEN",
    "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME",
    "TRAVIS_OS_NAME",
    "TRAVIS_SECURE_ENV_VARS",
    "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY",
    "VAULT_TOKEN",
];

/// Name fragments that suggest a credential (lower case).
const SUSPICIOUS: &[&str] = &[
    "api_key",
    "client_key",
    "password",
    "private",
    "secret",
    "token",
    "username",
];

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in ctx.syntax.effective_instructions() {
        let names: Vec<&Word> = match &instruction.kind {
            InstructionKind::Arg(decls) => decls.iter().map(|d| &d.name).collect(),
            InstructionKind::Env(pairs) => pairs.iter().map(|p| &p.key).collect(),
            _ => continue,
        };
        for name in names {
            if let Some(why) = sensitive(&name.value) {
                sink.report(
                    name.range,
                    format!(
                        "`{}` {why}: {} values stay readable in the image; use a build secret",
                        name.value, instruction.keyword
                    ),
                );
            }
        }
    }
}

fn sensitive(name: &str) -> Option<String> {
    let upper = name.to_ascii_uppercase();
    if KNOWN_NAMES.contains(&upper.as_str()) {
        return Some("is a well-known credential name".to_string());
    }
    let lower = name.to_ascii_lowercase();
    SUSPICIOUS
        .iter()
        .find(|s| lower.contains(*s))
        .map(|s| format!("looks like a secret (contains `{s}`)"))
}
