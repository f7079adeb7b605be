use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks `npm install` for packages given without a version
    /// (`express` rather than `express@4.19.2`). Each unpinned package is
    /// reported on its own.
    ///
    /// ## Why is this bad?
    /// An unpinned package resolves to its newest release at build time,
    /// so rebuilding the same Dockerfile can install different code, or
    /// fail. A version (or tag) keeps builds repeatable.
    ///
    /// Not reported: `npm install` / `npm ci` with no package (they follow
    /// `package.json` and the lock file), versions of scoped packages
    /// (`@org/pkg@1.2.0`), git URLs with a `#ref`, tarballs, URLs and local
    /// paths.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-slim
    /// RUN npm install -g typescript
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20-slim
    /// RUN npm install -g typescript@5.5.4
    /// ```
    pub static RULE = Rule {
        code: "DL3016",
        name: "npm-unpinned-package",
        summary: "A package installed with npm install has no pinned version",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3016")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::calls(run, &["npm"], &["install", "i", "add"]) {
            for word in call.literal_operands() {
                if !is_pinned(&word.value) {
                    let message = if GIT_PREFIXES.iter().any(|p| word.value.starts_with(p)) {
                        format!("pin `{0}` to a tag or commit: `{0}#<ref>`", word.value)
                    } else {
                        format!("pin `{0}` to a version: `{0}@<version>`", word.value)
                    };
                    sink.report(call.map(word.range), message);
                }
            }
        }
    }
}

const GIT_PREFIXES: &[&str] = &[
    "git://",
    "git+ssh://",
    "git+http://",
    "git+https://",
    "github:",
    "gitlab:",
    "bitbucket:",
    "gist:",
];
const PATH_PREFIXES: &[&str] = &["/", "./", "../", "~/", "file:"];
const TARBALLS: &[&str] = &[".tar", ".tar.gz", ".tgz"];

fn is_pinned(package: &str) -> bool {
    if GIT_PREFIXES.iter().any(|p| package.starts_with(p)) {
        return package.contains('#');
    }
    if package == "."
        || package == ".."
        || PATH_PREFIXES.iter().any(|p| package.starts_with(p))
        || package.starts_with("http://")
        || package.starts_with("https://")
        || TARBALLS.iter().any(|t| package.ends_with(t))
    {
        return true;
    }
    // `@scope/name@1.0`: the version follows the `@` after the scope.
    let name = match package.strip_prefix('@') {
        Some(scoped) => scoped.split_once('/').map_or("", |(_, rest)| rest),
        None => package,
    };
    name.contains('@')
}
