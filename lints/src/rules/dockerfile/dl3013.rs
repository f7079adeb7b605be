use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks `pip install` (also `pip3` and `python -m pip`) for packages
    /// given without a version (`flask` rather than `flask==3.0.3`). Each
    /// unpinned package is reported on its own.
    ///
    /// ## Why is this bad?
    /// An unpinned package resolves to the newest release at build time,
    /// so the same Dockerfile builds different images over time and a new
    /// upstream release can break it without warning. Pinning, or installing
    /// from a requirements or constraints file, keeps builds repeatable.
    ///
    /// Not reported: any version specifier (`==`, `>=`, `~=`, `<`, …),
    /// direct references (`name @ https://…`), VCS URLs with a ref
    /// (`git+https://…@v1.2`), local paths and archives (`.`, `./pkg`,
    /// `dist/pkg.whl`, `pkg.tar.gz`), editable installs (`-e .`), and any
    /// call that reads a requirements (`-r`) or constraints (`-c`) file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask gunicorn
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0
    /// ```
    pub static RULE = Rule {
        code: "DL3013",
        name: "pip-unpinned-package",
        summary: "A package installed with pip install has no pinned version",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3013")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::pip_calls(run, &["install"]) {
            // A requirements or constraints file decides the versions.
            if call.has(Some('r'), Some("requirement")) || call.has(Some('c'), Some("constraint")) {
                continue;
            }
            let operands = call.operands();
            for (i, word) in operands.iter().enumerate() {
                // `name @ url` written as three words is a direct reference.
                let direct =
                    word.value == "@" || operands.get(i + 1).is_some_and(|n| n.value == "@");
                if word.has_expansion || word.value.is_empty() || direct {
                    continue;
                }
                if !is_pinned(&word.value) {
                    let message = if VCS_PREFIXES.iter().any(|p| word.value.starts_with(p)) {
                        format!("pin `{0}` to a tag or commit: `{0}@<ref>`", word.value)
                    } else {
                        format!("pin `{0}` to a version: `{0}==<version>`", word.value)
                    };
                    sink.report(call.map(word.range), message);
                }
            }
        }
    }
}

const VCS_PREFIXES: &[&str] = &["git+", "hg+", "svn+", "bzr+", "git://"];
const ARCHIVES: &[&str] = &[".whl", ".tar.gz", ".tgz", ".tar.bz2", ".zip"];

fn is_pinned(package: &str) -> bool {
    let is_vcs = VCS_PREFIXES.iter().any(|p| package.starts_with(p));
    package.contains(['=', '<', '>'])
        || (is_vcs && package.contains('@'))
        || (!is_vcs && package.contains('@') && package.contains("://"))
        || (!is_vcs && package.contains('/'))
        || package.starts_with('.')
        || package.starts_with('~')
        || ARCHIVES.iter().any(|ext| package.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn pins() {
        for p in [
            "flask==3.0",
            "flask>=3",
            "flask~=3.0",
            "requests[socks]<3",
            "pkg @ https://x.org/p.zip",
            "git+https://github.com/a/b@v1",
            ".",
            "./lib",
            "dist/pkg-1.0-py3-none-any.whl",
            "pkg-1.0.tar.gz",
            "https://example.org/p/pkg",
        ] {
            assert!(is_pinned(p), "{p}");
        }
        for p in [
            "flask",
            "requests[socks]",
            "git+https://github.com/a/b",
            "gitpython",
        ] {
            assert!(!is_pinned(p), "{p}");
        }
    }
}
