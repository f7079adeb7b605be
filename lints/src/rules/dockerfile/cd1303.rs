use crate::dockerfile::shell::{Command, specs};
use crate::rules::prelude::*;
use crate::rules::support::commands::{RunCommand, is_off, run_commands};

crate::declare_rule! {
    /// ## What it does
    /// Checks for TLS certificate verification turned off while fetching
    /// things during the build:
    /// - `curl -k`/`--insecure`, `wget --no-check-certificate`;
    /// - `pip install --trusted-host …`;
    /// - `git -c http.sslVerify=false …`, `git config … http.sslVerify false`;
    /// - `npm`/`yarn`/`pnpm config set strict-ssl false`;
    /// - `yum`/`dnf --setopt=sslverify=0`;
    /// - the variables `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`,
    ///   `GIT_SSL_NO_VERIFY` (any value), `NPM_CONFIG_STRICT_SSL=false` and
    ///   `PIP_TRUSTED_HOST`, set with `ENV`, `ARG` or in a `RUN`.
    ///
    /// ## Why is this bad?
    /// Without certificate checks anyone on the network path (a proxy, a
    /// compromised Wi-Fi, a hostile CI network) can answer in the server's
    /// place and feed the build whatever they like. Variables set with `ENV`
    /// are worse: they stay in the image and switch verification off for the
    /// running application too. Fix the trust store instead: install the
    /// missing CA certificate (`update-ca-certificates`) or point the tool at
    /// it (`--cacert`, `PIP_CERT`, `NODE_EXTRA_CA_CERTS`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --trusted-host pypi.internal -i http://pypi.internal/simple app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY internal-ca.crt /usr/local/share/ca-certificates/
    /// RUN update-ca-certificates \
    ///     && pip install --cert /etc/ssl/certs/ca-certificates.crt -i https://pypi.internal/simple app
    /// ```
    pub static RULE = Rule {
        code: "CD1303",
        name: "tls-verification-disabled",
        summary: "TLS certificate verification is turned off for a download",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default],
        references: &[
            Reference::new(Source::Checkov, "CKV2_DOCKER_2"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_3"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_4"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_5"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_6"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_12"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_13"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_14"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_15"),
            Reference::new(Source::Checkov, "CKV2_DOCKER_16"),
        ],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in ctx.syntax.effective_instructions() {
        match &instruction.kind {
            InstructionKind::Env(pairs) => {
                for pair in pairs {
                    if let Some(message) = insecure_variable(&pair.key.value, &pair.value.value) {
                        sink.report(pair.range, message);
                    }
                }
            }
            InstructionKind::Arg(decls) => {
                for decl in decls {
                    let Some(default) = &decl.default else {
                        continue;
                    };
                    if let Some(message) = insecure_variable(&decl.name.value, &default.value) {
                        sink.report(decl.range, message);
                    }
                }
            }
            _ => {}
        }
    }
    for rc in run_commands(ctx, true) {
        check_assignments(&rc, sink);
        check_command(&rc, sink);
    }
}

fn insecure_variable(name: &str, value: &str) -> Option<String> {
    let off = match name.to_ascii_uppercase().as_str() {
        "NODE_TLS_REJECT_UNAUTHORIZED" | "PYTHONHTTPSVERIFY" => value.trim() == "0",
        "NPM_CONFIG_STRICT_SSL" | "YARN_STRICT_SSL" => is_off(value),
        "GIT_SSL_NO_VERIFY" | "PIP_TRUSTED_HOST" => !value.is_empty(),
        _ => false,
    };
    off.then(|| format!("`{name}={value}` turns off TLS certificate verification"))
}

/// `VAR=x cmd`, `export VAR=x`, `env VAR=x cmd`.
fn check_assignments(rc: &RunCommand, sink: &mut Sink) {
    let cmd = rc.command;
    for a in &cmd.assignments {
        if let Some(message) = insecure_variable(&a.name, &a.value.value) {
            sink.report(rc.source(a.range), message);
        }
    }
    let exported = cmd.is_any(&["export", "env", "declare", "typeset", "readonly"]);
    let name_at = cmd.name_word().map(|w| w.range.start);
    for word in &cmd.words {
        // Assignment words of wrappers (`env A=1 cmd`) come before the name.
        let before_name = name_at.is_some_and(|at| word.range.start < at);
        if !(exported || before_name) {
            continue;
        }
        let Some((name, value)) = word.value.split_once('=') else {
            continue;
        };
        if let Some(message) = insecure_variable(name, value) {
            sink.report(rc.word_range(word), message);
        }
    }
}

fn check_command(rc: &RunCommand, sink: &mut Sink) {
    let cmd = rc.command;
    let report = |sink: &mut Sink, range: TextRange, what: &str| {
        sink.report(
            rc.source(range),
            format!("{what} turns off TLS certificate verification"),
        );
    };
    let name = cmd.name().unwrap_or("");
    match name {
        "curl" => {
            for flag in cmd.args().find(Some('k'), Some("insecure")) {
                report(sink, flag.range, "`curl --insecure`");
            }
        }
        "wget" => {
            for flag in cmd.args().find(None, Some("no-check-certificate")) {
                report(sink, flag.range, "`wget --no-check-certificate`");
            }
        }
        "pip" | "pip3" | "pip2" | "uv" => {
            for flag in cmd.args().find(None, Some("trusted-host")) {
                report(sink, flag.range, "`--trusted-host`");
            }
        }
        "git" => check_git(rc, sink),
        "npm" | "yarn" | "pnpm" => {
            let operands = cmd.positional_args();
            let values: Vec<&str> = operands.iter().map(|w| w.value.as_str()).collect();
            if let ["config", "set", key, value, ..] = values.as_slice()
                && key.eq_ignore_ascii_case("strict-ssl")
                && is_off(value)
            {
                report(
                    sink,
                    operands[2].range.cover(operands[3].range),
                    "`strict-ssl false`",
                );
            }
            for flag in cmd.args().find(None, Some("strict-ssl")) {
                if flag.value.is_some_and(is_off) {
                    report(sink, flag.range, "`--strict-ssl=false`");
                }
            }
        }
        "yum" | "dnf" | "microdnf" | "tdnf" => {
            for flag in cmd.args().find(None, Some("setopt")) {
                let Some((key, value)) = flag.value.and_then(|v| v.split_once('=')) else {
                    continue;
                };
                let key = key.rsplit('.').next().unwrap_or(key);
                if key.eq_ignore_ascii_case("sslverify") && is_off(value) {
                    let range = flag
                        .value_word
                        .map_or(flag.range, |w| flag.range.cover(w.range));
                    report(sink, range, "`sslverify=0`");
                }
            }
        }
        _ => {}
    }
}

fn is_ssl_verify_key(key: &str) -> bool {
    // `http.sslVerify` or `http.<url>.sslVerify`.
    let lower = key.to_ascii_lowercase();
    lower.starts_with("http.") && lower.ends_with(".sslverify")
}

fn check_git(rc: &RunCommand, sink: &mut Sink) {
    let cmd: &Command = rc.command;
    let args = cmd.args_with(&specs::GIT);
    for flag in args.find(Some('c'), None) {
        let Some((key, value)) = flag.value.and_then(|v| v.split_once('=')) else {
            continue;
        };
        if is_ssl_verify_key(key) && is_off(value) {
            let range = flag
                .value_word
                .map_or(flag.range, |w| flag.range.cover(w.range));
            sink.report(
                rc.source(range),
                "`http.sslVerify=false` turns off TLS certificate verification",
            );
        }
    }
    let operands: Vec<_> = args.positionals().collect();
    if let [sub, rest @ ..] = operands.as_slice()
        && sub.value == "config"
        && let [key, value, ..] = rest
        && is_ssl_verify_key(&key.value)
        && is_off(&value.value)
    {
        sink.report(
            rc.source(key.range.cover(value.range)),
            "`http.sslVerify false` turns off TLS certificate verification",
        );
    }
}
