use crate::dockerfile::model::RunScript;
use crate::dockerfile::shell::Word;
use crate::rules::prelude::*;
use crate::rules::support::packages::{self, Call, RpmInstall};

crate::declare_rule! {
    /// ## What it does
    /// Checks the stage that ships (the last stage, and the stages it is
    /// built `FROM`) for compilers and build tooling installed with a
    /// package manager (`apt-get install`, `apk add`, `yum`/`dnf`/`microdnf
    /// install`): `gcc`, `g++`, `clang`, `make`, `cmake`, `build-essential`,
    /// `build-base`, `autoconf`, `pkg-config`, development packages
    /// (`*-dev`, `*-devel`), `git`, and language toolchains (`golang`,
    /// `cargo`).
    ///
    /// Tools removed again in the same stage are not reported: `apk del`
    /// of the package or of its `--virtual` group, `apt-get purge`/`remove`
    /// of the package, the official images' `apt-mark auto` … `apt-get purge
    /// --auto-remove` pattern, `yum`/`dnf remove`. Build stages are never
    /// checked. Package-manager caches are the cache rules' business
    /// (DL3009, DL3019, DL3032, …).
    ///
    /// ## Why is this bad?
    /// A compiler, headers and `git` in the shipped image are attack
    /// surface the application never uses: they let an intruder build and
    /// fetch tools in the container, they carry their own vulnerabilities,
    /// and they make the image larger. A multi-stage build installs them in
    /// a build stage and copies only the build's output into a minimal
    /// final stage.
    ///
    /// Some images do need one of these at run time (an image whose job is
    /// to run `git`); suppress the finding there. The rule reports at
    /// `info` level and is part of the `cis` profile (CIS Docker Benchmark
    /// 4.3, unnecessary packages), off by default.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.13-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
    ///  && rm -rf /var/lib/apt/lists/*
    /// COPY requirements.txt .
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.13-slim AS build
    /// RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
    ///  && rm -rf /var/lib/apt/lists/*
    /// COPY requirements.txt .
    /// RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt
    ///
    /// FROM python:3.13-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
    ///  && rm -rf /var/lib/apt/lists/*
    /// COPY --from=build /wheels /wheels
    /// RUN pip install --no-cache-dir /wheels/*
    /// ```
    pub static RULE = Rule {
        code: "CD1403",
        name: "build-tools-in-final-stage",
        summary: "Compilers or build tools are installed in the stage that ships",
        category: Category::BestPractice,
        severity: Severity::Info,
        profiles: &[Profile::Cis],
        references: &[Reference::new(Source::CisDocker, "4.3")],
        check: Check::Dockerfile(check),
    };
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Manager {
    Apt,
    Apk,
    Rpm,
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let Some(last) = ctx.model.last_stage() else { return };
    // The shipped image holds the last stage and every stage it builds on.
    let mut shipped = vec![last.index];
    let mut stage = last;
    while let Base::Stage(i) = stage.base
        && i < stage.index
        && !shipped.contains(&i)
    {
        shipped.push(i);
        stage = &ctx.model.stages[i];
    }
    let runs: Vec<&RunScript> = ctx
        .model
        .runs
        .iter()
        .filter(|r| !r.onbuild && r.stage.is_some_and(|s| shipped.contains(&s)))
        .collect();
    let multi_stage = ctx.model.stages.len() > 1;
    for (n, run) in runs.iter().enumerate() {
        let later = &runs[n..];
        let mut installs: Vec<(Manager, Call)> = Vec::new();
        installs.extend(
            packages::calls(run, &["apt-get", "apt", "aptitude"], &["install"])
                .into_iter()
                .map(|c| (Manager::Apt, c)),
        );
        installs.extend(
            packages::calls(run, &["apk"], &["add"])
                .into_iter()
                .map(|c| (Manager::Apk, c)),
        );
        installs.extend(
            packages::rpm_installs(run, &["yum", "dnf", "microdnf", "tdnf"])
                .into_iter()
                .filter(|(_, kind)| *kind == RpmInstall::Packages)
                .map(|(c, _)| (Manager::Rpm, c)),
        );
        for (manager, call) in &installs {
            let virtual_group = (*manager == Manager::Apk)
                .then(|| call.args.value(Some('t'), Some("virtual")))
                .flatten();
            for word in packages::named_operands(call) {
                if word.has_expansion {
                    continue;
                }
                let name = package_name(*manager, &word.value);
                let Some(kind) = build_tool(*manager, name) else {
                    continue;
                };
                if removed_later(later, *manager, name, virtual_group) {
                    continue;
                }
                sink.report(call.map(word.range), message(name, kind, multi_stage));
            }
        }
    }
}

fn message(name: &str, kind: &str, multi_stage: bool) -> String {
    if multi_stage {
        format!(
            "`{name}` ({kind}) is installed in the final stage; install it in a build stage and copy only the build's output"
        )
    } else {
        format!(
            "`{name}` ({kind}) stays in the shipped image; build in a separate stage of a multi-stage build and copy only the output, or remove it in the same RUN"
        )
    }
}

/// The package name without a version pin (`gcc=4:12.2.0-3`, `git~=2.45`).
fn package_name(manager: Manager, word: &str) -> &str {
    let cut = match manager {
        Manager::Apt => word.find('='),
        Manager::Apk => word.find(['=', '~', '<', '>']),
        // rpm pins are `name-version`, indistinguishable from names; judge as written.
        Manager::Rpm => None,
    };
    cut.map_or(word, |i| &word[..i])
}

/// What kind of build tool a package is, if it is one.
fn build_tool(manager: Manager, name: &str) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    let versioned = |prefix: &str| {
        name.strip_prefix(prefix).is_some_and(|rest| {
            let rest = rest.trim_start_matches('-');
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
    };
    Some(match name.as_str() {
        "gcc" | "g++" | "gcc-c++" | "clang" | "cpp" | "gfortran" | "tcc" => "a compiler",
        _ if versioned("gcc") || versioned("g++") || versioned("clang") => "a compiler",
        "build-essential" | "build-base" | "alpine-sdk" | "make" | "cmake" | "ninja-build"
        | "ninja" | "autoconf" | "automake" | "libtool" | "pkg-config" | "pkgconf"
        | "pkgconfig" | "bison" | "flex" | "binutils" | "dpkg-dev" | "meson" | "scons" => {
            "a build tool"
        }
        "git" | "git-core" | "subversion" | "mercurial" => "a version-control client",
        "golang" | "golang-go" | "go" | "rustc" | "cargo" | "rust" | "default-jdk"
        | "openjdk-17-jdk" | "openjdk-21-jdk" | "maven" | "gradle" => "a language toolchain",
        "linux-headers" | "kernel-headers" | "kernel-devel" => "kernel headers",
        _ if manager != Manager::Rpm && name.ends_with("-dev") && name.len() > 4 => {
            "a development package"
        }
        _ if manager == Manager::Rpm && name.ends_with("-devel") && name.len() > 6 => {
            "a development package"
        }
        _ => return None,
    })
}

/// Whether the package (or its `apk --virtual` group) is removed again in
/// a RUN of the shipped stages at or after this one.
fn removed_later(
    runs: &[&RunScript],
    manager: Manager,
    name: &str,
    virtual_group: Option<&str>,
) -> bool {
    let names = |call: &Call| -> Vec<String> {
        packages::named_operands(call)
            .map(|w: &Word| package_name(manager, &w.value).to_string())
            .collect()
    };
    runs.iter().any(|run| match manager {
        Manager::Apk => packages::calls(run, &["apk"], &["del"]).iter().any(|c| {
            names(c)
                .iter()
                .any(|n| n == name || virtual_group.is_some_and(|g| g == n))
        }),
        Manager::Apt => {
            let removals = packages::calls(
                run,
                &["apt-get", "apt", "aptitude"],
                &["purge", "remove", "autoremove"],
            );
            // The official images' pattern: mark everything installed since a
            // saved point as automatic, then purge automatic packages.
            let marks_auto = run.any(|cmd| cmd.is("apt-mark") && cmd.has_subcommand("auto"));
            removals.iter().any(|c| {
                names(c).iter().any(|n| n == name)
                    || (marks_auto && (c.has(None, Some("auto-remove")) || c.has(None, Some("autoremove"))))
                    || (marks_auto && c.sub.value == "autoremove")
            })
        }
        Manager::Rpm => packages::calls(run, &["yum", "dnf", "microdnf", "tdnf"], &["remove", "erase", "autoremove"])
            .iter()
            .any(|c| names(c).iter().any(|n| n == name)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_tools() {
        for (m, yes) in [
            (Manager::Apt, "gcc"),
            (Manager::Apt, "g++-12"),
            (Manager::Apt, "libpq-dev"),
            (Manager::Apk, "musl-dev"),
            (Manager::Apk, "build-base"),
            (Manager::Rpm, "openssl-devel"),
            (Manager::Rpm, "gcc-c++"),
            (Manager::Apt, "git"),
        ] {
            assert!(build_tool(m, yes).is_some(), "{yes}");
        }
        for (m, no) in [
            (Manager::Apt, "libgcc-s1"),
            (Manager::Apt, "udev"),
            (Manager::Apt, "-dev"),
            (Manager::Apt, "curl"),
            (Manager::Apt, "gcc-doc"),
            (Manager::Rpm, "libpq-dev"),
            (Manager::Apt, "openssl-devel"),
            (Manager::Apt, "makedev"),
            (Manager::Apt, "gitk"),
        ] {
            assert!(build_tool(m, no).is_none(), "{no}");
        }
        assert_eq!(package_name(Manager::Apt, "gcc=4:12.2.0-3"), "gcc");
        assert_eq!(package_name(Manager::Apk, "git~2.45"), "git");
    }

    #[test]
    fn single_stage_builds_are_told_about_multi_stage_builds() {
        let file = crate::config::ConfigFile {
            profiles: Some(vec![]),
            select: vec!["CD1403".into()],
            ..Default::default()
        };
        let config = crate::config::Config::from_file(file, None).unwrap();
        let text = "FROM alpine:3\nRUN apk add --no-cache git\nRUN apk add --no-cache --virtual .b gcc && make && apk del .b\n";
        let linted = crate::lint_source(
            std::path::Path::new("Dockerfile"),
            text.to_string(),
            crate::FileKind::Dockerfile,
            &config,
        );
        let messages: Vec<_> = linted.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["`git` (a version-control client) stays in the shipped image; build in a separate stage of a multi-stage build and copy only the output, or remove it in the same RUN"]
        );
        assert_eq!(linted.diagnostics[0].range.slice(text), "git");
    }
}
