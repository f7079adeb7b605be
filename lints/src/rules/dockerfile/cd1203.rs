use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `COPY` and `ADD` of files that hold credentials, judged by
    /// their name: SSH private keys (`id_rsa`, `id_ed25519`, `id_ecdsa`,
    /// `id_dsa`, an `.ssh` directory), private keys and key stores (`*.key`,
    /// `*.pem`, `*.p12`, `*.pfx`), `.env` files, package-manager and tool
    /// credentials (`.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`,
    /// `.aws/credentials`, `.docker/config.json`, `credentials.json`) and
    /// Kubernetes configs (`kubeconfig`, `*.kubeconfig`).
    ///
    /// ## Why is this bad?
    /// A copied file becomes a layer of the image. Deleting it in a later
    /// step does not remove it from that layer, so anyone who can pull the
    /// image can extract the credential. Use a build secret instead: `RUN
    /// --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` makes the
    /// file available to one `RUN` without storing it, and `RUN
    /// --mount=type=ssh` forwards an SSH agent.
    ///
    /// To stay quiet on public material, `.env.example`, `.env.sample`,
    /// `.env.template` and `.env.dist` are not reported, nor `.pem`/`.key`
    /// files whose name says they are certificates or public keys (`ca.pem`,
    /// `cert.pem`, `fullchain.pem`, `public.key`, `repo-gpg.key`,
    /// `apt.key`). Sources written with variables are judged by their
    /// literal parts only.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// COPY .npmrc package.json package-lock.json ./
    /// RUN npm ci
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// COPY package.json package-lock.json ./
    /// RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    /// ```
    pub static RULE = Rule {
        code: "CD1203",
        name: "copy-secret-file",
        summary: "COPY or ADD puts a file that holds credentials into the image",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisDocker, "4.10"),
            Reference::new(Source::Trivy, "DS-0031"),
            Reference::new(Source::Owasp, "rule-12-utilize-docker-secrets-for-sensitive-data-management"),
        ],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in ctx.syntax.effective_instructions() {
        let (InstructionKind::Copy(copy) | InstructionKind::Add(copy)) = &instruction.kind else {
            continue;
        };
        for source in &copy.sources {
            if source.value.starts_with("<<") || is_remote(&source.value) {
                continue;
            }
            if let Some(what) = secret_file(&source.value) {
                sink.report(
                    source.range,
                    format!(
                        "`{}` looks like {what}; a copied file stays in the image layer, so mount it with `RUN --mount=type=secret` instead",
                        source.value
                    ),
                );
            }
        }
    }
}

fn is_remote(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    ["http://", "https://", "git@", "git://", "ssh://"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// What kind of credential file `path` is, by its name.
pub fn secret_file(path: &str) -> Option<&'static str> {
    let trimmed = path.trim_end_matches('/');
    let lower = trimmed.to_ascii_lowercase();
    let base = lower.rsplit('/').next().unwrap_or(&lower);
    if base.contains('$') {
        return None;
    }
    let parent_is = |dir: &str| {
        lower
            .strip_suffix(base)
            .and_then(|p| p.strip_suffix('/'))
            .is_some_and(|p| p == dir || p.ends_with(&format!("/{dir}")))
    };
    match base {
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519" | "id_ecdsa_sk" | "id_ed25519_sk" => {
            return Some("an SSH private key");
        }
        ".ssh" => return Some("an SSH directory (private keys)"),
        ".npmrc" | ".pypirc" | ".netrc" | ".git-credentials" => {
            return Some("a credentials file");
        }
        "credentials.json" => return Some("a credentials file"),
        "credentials" if parent_is(".aws") => return Some("AWS credentials"),
        "config.json" if parent_is(".docker") => return Some("Docker registry credentials"),
        "kubeconfig" | ".kube" => return Some("a Kubernetes config with cluster credentials"),
        ".env" => return Some("an environment file with secrets"),
        _ => {}
    }
    if let Some(suffix) = base.strip_prefix(".env.") {
        let public = [
            "example", "sample", "template", "dist", "defaults", "default", "tpl", "schema",
        ];
        if !public
            .iter()
            .any(|p| suffix == *p || suffix.ends_with(&format!(".{p}")))
        {
            return Some("an environment file with secrets");
        }
        return None;
    }
    if base.ends_with(".kubeconfig") {
        return Some("a Kubernetes config with cluster credentials");
    }
    if base.ends_with(".p12") || base.ends_with(".pfx") {
        return Some("a key store");
    }
    let stem = base
        .strip_suffix(".pem")
        .or_else(|| base.strip_suffix(".key"))?;
    let public_words = [
        "cert",
        "crt",
        "ca",
        "chain",
        "fullchain",
        "bundle",
        "root",
        "pub",
        "public",
        "trust",
        "gpg",
        "pgp",
        "apt",
        "repo",
        "release",
        "archive",
        "signing-key",
        "keyring",
    ];
    let words: Vec<&str> = stem.split(['.', '-', '_']).collect();
    let public = words.iter().any(|w| public_words.contains(w)) || stem.contains("cert");
    (!public).then_some("a private key")
}

#[cfg(test)]
mod tests {
    use super::secret_file;

    #[test]
    fn judges_file_names() {
        for path in [
            "id_rsa",
            "/home/me/.ssh/id_ed25519",
            "server.key",
            "tls/private.pem",
            ".env",
            ".env.production",
            "config/.npmrc",
            ".aws/credentials",
            "~/.docker/config.json",
            "prod.kubeconfig",
            "keystore.p12",
        ] {
            assert!(secret_file(path).is_some(), "{path}");
        }
        for path in [
            ".env.example",
            ".env.local.sample",
            "ca.pem",
            "cert.pem",
            "fullchain.pem",
            "public.key",
            "nodesource-repo.gpg.key",
            "apt.key",
            "config.json",
            "credentials",
            "15-local-resolvers.envsh",
            "app.env.ts",
            "${KEY_FILE}",
        ] {
            assert_eq!(secret_file(path), None, "{path}");
        }
    }
}
