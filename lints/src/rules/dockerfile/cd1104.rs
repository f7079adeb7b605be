use std::collections::HashSet;

use crate::rules::prelude::*;
use crate::rules::support::build_args::{has_fallback, is_predefined, suggest};

crate::declare_rule! {
    /// ## What it does
    /// Checks that variables used in instruction arguments (`COPY`, `ADD`,
    /// `ENV`, `ARG` defaults, `LABEL`, `WORKDIR`, `USER`, `EXPOSE`, `VOLUME`,
    /// `STOPSIGNAL`) are defined by an `ARG` or `ENV`.
    ///
    /// ## Why is this bad?
    /// Docker replaces an undefined variable with an empty string without
    /// any warning, so a typo (`$VERSON`) or a global `ARG` that was not
    /// redeclared inside the stage turns `WORKDIR /opt/app-$VERSION` into
    /// `/opt/app-` and the build goes on with the wrong value.
    ///
    /// Docker knows the environment of the base image; caulk does not, so
    /// it stays conservative:
    /// - a name is reported when no `ARG` or `ENV` anywhere in the file
    ///   defines it, or when it is defined elsewhere (another stage, or a
    ///   global `ARG` not redeclared in the stage) but not in scope where it
    ///   is used;
    /// - in stages built on a registry image, names such an image commonly
    ///   sets are not reported: the usual environment (`PATH`, `HOME`,
    ///   `HOSTNAME`, `USER`, `LANG`, `TERM`, …) and names ending in
    ///   `_VERSION`, `_HOME`, `_PATH` or starting with an official image's
    ///   prefix (`PYTHON`, `NODE_`, `JAVA_`, `GO`, `RUBY_`, `PHP_`, …). In
    ///   stages built `FROM scratch` every undefined name is reported;
    /// - the build platform arguments (`TARGETARCH`, `BUILDPLATFORM`, …) and
    ///   proxy arguments are always defined, and references with a fallback
    ///   (`${PORT:-8080}`) are intended;
    /// - `RUN`, `CMD`, `ENTRYPOINT` and `HEALTHCHECK` are not checked, because
    ///   their variables are expanded by the shell at run time, and `FROM` is
    ///   checked by CD1105. `ONBUILD` instructions run in another build and
    ///   are skipped.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG VERSION=1.4.2
    /// FROM debian:12
    /// WORKDIR /opt/app-${VERSION}
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG VERSION=1.4.2
    /// FROM debian:12
    /// ARG VERSION
    /// WORKDIR /opt/app-${VERSION}
    /// ```
    pub static RULE = Rule {
        code: "CD1104",
        name: "undefined-var",
        summary: "An instruction uses a variable that no ARG or ENV defines where it is used",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "UndefinedVar")],
        aliases: &["UndefinedVar"],
        check: Check::Dockerfile(check),
    };
}

/// Environment variables that shells and images usually define.
const WELL_KNOWN: &[&str] = &[
    "PATH", "HOME", "HOSTNAME", "USER", "PWD", "OLDPWD", "SHELL", "LANG", "LANGUAGE", "LC_ALL",
    "TERM", "TZ", "TMPDIR", "LOGNAME", "UID", "EUID", "GID", "MAIL",
];

/// Prefixes of variables that official base images set (`PYTHON_VERSION`,
/// `NODE_VERSION`, `GOPATH`, `JAVA_HOME`, …).
const IMAGE_PREFIXES: &[&str] = &[
    "PYTHON",
    "PIP_",
    "NODE_",
    "NPM_",
    "YARN_",
    "JAVA_",
    "JDK_",
    "JRE_",
    "MAVEN_",
    "GRADLE_",
    "GO",
    "CARGO_",
    "RUSTUP_",
    "RUST_",
    "RUBY_",
    "GEM_",
    "BUNDLE_",
    "PHP_",
    "COMPOSER_",
    "NGINX_",
    "NJS_",
    "HTTPD_",
    "CATALINA_",
    "TOMCAT_",
    "POSTGRES_",
    "PG_",
    "PGDATA",
    "MYSQL_",
    "MARIADB_",
    "MONGO_",
    "REDIS_",
    "DOTNET_",
    "ASPNETCORE_",
    "LC_",
    "GPG_",
    "PERL",
    "ERLANG_",
    "ELIXIR_",
    "OTP_",
    "DEBIAN_",
    "CONDA",
    "HADOOP_",
    "SPARK_",
    "ES_",
    "ELASTIC",
    "KIBANA_",
    "LOGSTASH_",
];

fn image_may_define(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    WELL_KNOWN.contains(&upper.as_str())
        || IMAGE_PREFIXES.iter().any(|p| upper.starts_with(p))
        || ["_VERSION", "_HOME", "_PATH"]
            .iter()
            .any(|s| upper.ends_with(s))
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let mut anywhere: HashSet<&str> = HashSet::new();
    for instruction in ctx.syntax.effective_instructions() {
        anywhere.extend(definitions(instruction));
    }
    let global: HashSet<&str> = ctx.model.preamble.iter().flat_map(definitions).collect();
    // The ENV names each stage ends with, for stages built on it.
    let mut stage_env: Vec<HashSet<&str>> = Vec::with_capacity(ctx.model.stages.len());
    for stage in &ctx.model.stages {
        let mut env: HashSet<&str> = match stage.base {
            Base::Stage(i) => stage_env.get(i).cloned().unwrap_or_default(),
            _ => HashSet::new(),
        };
        let mut root = stage;
        while let Base::Stage(i) = root.base
            && i < root.index
        {
            root = &ctx.model.stages[i];
        }
        let from_scratch = root.base == Base::Scratch;
        let mut args: HashSet<&str> = HashSet::new();
        for instruction in stage.instructions {
            match &instruction.kind {
                InstructionKind::Env(pairs) => {
                    env.extend(pairs.iter().map(|p| p.key.value.as_str()))
                }
                InstructionKind::Arg(decls) => {
                    args.extend(decls.iter().map(|d| d.name.value.as_str()))
                }
                _ => {}
            }
            for word in checked_words(instruction) {
                for var in &word.vars {
                    let name = var.name.as_str();
                    if has_fallback(var)
                        || is_predefined(name)
                        || env.contains(name)
                        || args.contains(name)
                    {
                        continue;
                    }
                    if !from_scratch && image_may_define(name) {
                        continue;
                    }
                    let message = if global.contains(name) {
                        format!(
                            "`{name}` is a global build argument, which is not visible inside a stage; add `ARG {name}` to this stage before using it"
                        )
                    } else if anywhere.contains(name) {
                        format!(
                            "`{name}` is not defined in this stage (only in another one), so it expands to an empty string"
                        )
                    } else {
                        let known = anywhere.iter().chain(env.iter()).copied();
                        match suggest(name, known) {
                            Some(close) => format!(
                                "`{name}` is not defined by any ARG or ENV; did you mean `{close}`?"
                            ),
                            None => format!(
                                "`{name}` is not defined by any ARG or ENV, so it expands to an empty string"
                            ),
                        }
                    };
                    sink.report(var.name_range, message);
                }
            }
        }
        stage_env.push(env);
    }
}

/// Names an instruction defines.
fn definitions(instruction: &Instruction) -> Vec<&str> {
    match &instruction.kind {
        InstructionKind::Env(pairs) => pairs.iter().map(|p| p.key.value.as_str()).collect(),
        InstructionKind::Arg(decls) => decls.iter().map(|d| d.name.value.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// The words of an instruction that Docker expands itself.
fn checked_words(instruction: &Instruction) -> Vec<&Word> {
    match &instruction.kind {
        InstructionKind::Copy(copy) | InstructionKind::Add(copy) => {
            let mut words: Vec<&Word> = instruction
                .flags
                .iter()
                .filter(|f| matches!(f.name.as_str(), "chown" | "chmod" | "from"))
                .filter_map(|f| f.value.as_ref())
                .collect();
            words.extend(copy.sources.iter().filter(|s| !s.value.starts_with("<<")));
            words.push(&copy.destination);
            words
        }
        InstructionKind::Env(pairs) | InstructionKind::Label(pairs) => {
            pairs.iter().flat_map(|p| [&p.key, &p.value]).collect()
        }
        InstructionKind::Arg(decls) => decls.iter().filter_map(|d| d.default.as_ref()).collect(),
        InstructionKind::Expose(ports) => ports.iter().map(|p| &p.word).collect(),
        InstructionKind::Workdir(w) | InstructionKind::Stopsignal(w) => vec![w],
        InstructionKind::User(user) => vec![&user.word],
        InstructionKind::Volume(volume) => volume.paths.iter().collect(),
        _ => Vec::new(),
    }
}
