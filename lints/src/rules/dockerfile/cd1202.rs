use crate::rules::prelude::*;
use crate::rules::support::secrets::{SecretName, scan_text, secret_name};

crate::declare_rule! {
    /// ## What it does
    /// Checks the Dockerfile for credentials written into it: private keys,
    /// access keys and tokens of well-known services, and literal passwords
    /// assigned with `ENV` or `ARG`.
    ///
    /// ## Why is this bad?
    /// A credential in the Dockerfile is in the repository's history for
    /// good, and usually in the image too (`ENV` values, `ARG` defaults and
    /// `LABEL`s are stored in its configuration, `RUN` command lines in its
    /// history). Revoke it, then pass it with `RUN --mount=type=secret` or
    /// at run time.
    ///
    /// The whole file is searched (any instruction, heredoc or comment) for:
    /// - private key headers (`-----BEGIN RSA PRIVATE KEY-----`, `OPENSSH`,
    ///   `EC`, `ENCRYPTED`, …);
    /// - AWS access key ids (`AKIA…`/`ASIA…`, 20 characters; AWS's documented
    ///   `…EXAMPLE` keys are ignored);
    /// - GitHub tokens (`ghp_`, `gho_`, `ghs_`, `ghu_`, `ghr_`, `github_pat_`);
    /// - Slack tokens (`xoxb-`, `xoxp-`, …), Google API keys (`AIza…`) and
    ///   Stripe live keys (`sk_live_`, `rk_live_`).
    ///
    /// In addition, an `ENV` or `ARG` whose name says it is a password
    /// (`DB_PASSWORD`, `MYSQL_ROOT_PASSWORD`) is reported when its value is
    /// written literally; a value taken from a variable (`${DB_PASSWORD}`) or
    /// a file path is not. Messages show only the start of a value.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM postgres:16
    /// ENV POSTGRES_PASSWORD=s3cr3t
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM postgres:16
    /// ENV POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password
    /// ```
    pub static RULE = Rule {
        code: "CD1202",
        name: "secret-value",
        summary: "A credential (private key, token, access key or literal password) is written in the Dockerfile",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisDocker, "4.10"),
            Reference::new(Source::Owasp, "rule-12-utilize-docker-secrets-for-sensitive-data-management"),
            Reference::new(Source::Trivy, "DS-0031"),
        ],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let mut found = Vec::new();
    for secret in scan_text(ctx.source) {
        let range = TextRange::from_usize(secret.range.start, secret.range.end);
        let shown = if secret.kind == "a private key" {
            format!("`{}`", secret.shown)
        } else {
            format!("`{}…`", secret.shown)
        };
        sink.report(
            range,
            format!(
                "{shown} looks like {}; remove it, revoke it, and pass it as a build secret",
                secret.kind
            ),
        );
        found.push(range);
    }
    for instruction in ctx.syntax.effective_instructions() {
        let assignments: Vec<(&Word, &Word)> = match &instruction.kind {
            InstructionKind::Env(pairs) => pairs.iter().map(|p| (&p.key, &p.value)).collect(),
            InstructionKind::Arg(decls) => decls
                .iter()
                .filter_map(|d| d.default.as_ref().map(|v| (&d.name, v)))
                .collect(),
            _ => continue,
        };
        for (name, value) in assignments {
            if secret_name(&name.value) != Some(SecretName::Password) || !is_literal(value) {
                continue;
            }
            let range = value.value_range(0..value.value.len());
            if found
                .iter()
                .any(|f| f.start < range.end && range.start < f.end)
            {
                continue;
            }
            let keyword = instruction.keyword.as_str();
            sink.report(
                range,
                format!(
                    "{keyword} `{}` is set to a literal password; read it from a secret (`RUN --mount=type=secret`, a `…_FILE` variable) instead",
                    name.value
                ),
            );
        }
    }
}

fn is_literal(value: &Word) -> bool {
    let v = value.value.trim();
    !v.is_empty() && !value.has_vars() && !v.starts_with('/') && !v.starts_with("./")
}
