use crate::rules::prelude::*;
use crate::rules::support::commands::{RunCommand, is_off, run_commands};

crate::declare_rule! {
    /// ## What it does
    /// Checks for package manager options that install packages without
    /// checking their signatures:
    /// - `apk add --allow-untrusted`;
    /// - `apt-get --allow-unauthenticated`, `--allow-insecure-repositories`,
    ///   `--force-yes`, `-o APT::Get::AllowUnauthenticated=true`,
    ///   `-o Acquire::AllowInsecureRepositories=true`;
    /// - `yum`/`dnf`/`microdnf`/`tdnf` `--nogpgcheck` or `--setopt=gpgcheck=0`;
    /// - `zypper --no-gpg-checks`;
    /// - `rpm --nosignature`.
    ///
    /// ## Why is this bad?
    /// Package signatures are what proves a package comes from the
    /// distribution or vendor and was not altered in transit or on a mirror.
    /// With the check off, anyone who can tamper with the repository or the
    /// connection can put any code into the image. Import the repository's
    /// signing key instead, or pin the package by checksum.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache --allow-untrusted /tmp/tool.apk
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY tool-signing.rsa.pub /etc/apk/keys/
    /// RUN apk add --no-cache /tmp/tool.apk
    /// ```
    pub static RULE = Rule {
        code: "CD1302",
        name: "package-signature-check-disabled",
        summary: "A package manager is told to skip signature checks",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisDocker, "4.11"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_7"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_8"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_9"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_10"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_11"),
        ],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for rc in run_commands(ctx, true) {
        let cmd = rc.command;
        let args = cmd.args();
        match cmd.name().unwrap_or("") {
            "apk" => {
                for flag in args.find(None, Some("allow-untrusted")) {
                    report(&rc, sink, flag.range, "`--allow-untrusted`");
                }
            }
            "apt-get" | "apt" | "aptitude" => {
                for long in [
                    "allow-unauthenticated",
                    "allow-insecure-repositories",
                    "force-yes",
                ] {
                    for flag in args.find(None, Some(long)) {
                        report(&rc, sink, flag.range, &format!("`--{long}`"));
                    }
                }
                for flag in args.find(Some('o'), Some("option")) {
                    let Some((key, value)) = flag.value.and_then(|v| v.split_once('=')) else {
                        continue;
                    };
                    let trusting = [
                        "APT::Get::AllowUnauthenticated",
                        "Acquire::AllowInsecureRepositories",
                    ]
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(key));
                    if trusting && !is_off(value) {
                        let range = flag
                            .value_word
                            .map_or(flag.range, |w| flag.range.cover(w.range));
                        report(&rc, sink, range, &format!("`{key}`"));
                    }
                }
            }
            "yum" | "dnf" | "microdnf" | "tdnf" => {
                for flag in args.find(None, Some("nogpgcheck")) {
                    report(&rc, sink, flag.range, "`--nogpgcheck`");
                }
                for flag in args.find(None, Some("setopt")) {
                    let Some((key, value)) = flag.value.and_then(|v| v.split_once('=')) else {
                        continue;
                    };
                    let key = key.rsplit('.').next().unwrap_or(key);
                    if matches!(key, "gpgcheck" | "repo_gpgcheck" | "localpkg_gpgcheck")
                        && is_off(value)
                    {
                        let range = flag
                            .value_word
                            .map_or(flag.range, |w| flag.range.cover(w.range));
                        report(&rc, sink, range, &format!("`{key}={value}`"));
                    }
                }
            }
            "zypper" => {
                for flag in args.find(None, Some("no-gpg-checks")) {
                    report(&rc, sink, flag.range, "`--no-gpg-checks`");
                }
            }
            "rpm" => {
                for flag in args.find(None, Some("nosignature")) {
                    report(&rc, sink, flag.range, "`--nosignature`");
                }
            }
            _ => {}
        }
    }
}

fn report(rc: &RunCommand, sink: &mut Sink, range: TextRange, what: &str) {
    sink.report(
        rc.source(range),
        format!("{what} installs packages without checking their signatures"),
    );
}
