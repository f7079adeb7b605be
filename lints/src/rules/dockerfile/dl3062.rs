use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks `go install`, `go get` and `go run` for packages given
    /// without a fixed version: no `@version`, or `@latest` / `@none`.
    ///
    /// ## Why is this bad?
    /// Without a version, Go fetches whatever the module's newest release
    /// is at build time, so two builds of the same Dockerfile can compile
    /// different code. `@latest` says the same thing explicitly. A version
    /// (`@v1.2.3`) or commit makes the build repeatable.
    ///
    /// Local packages (`.`, `./cmd/app`, `../x`, `/src/app`, `./...`) and
    /// `.go` files are built from the sources in the image and are not
    /// reported; for `go run`, only the package (the first operand) is
    /// judged, the rest are the program's arguments.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22
    /// RUN go install golang.org/x/tools/gopls@latest
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22
    /// RUN go install golang.org/x/tools/gopls@v0.16.1
    /// ```
    pub static RULE = Rule {
        code: "DL3062",
        name: "go-unpinned-package",
        summary: "A Go package is installed, fetched or run without a fixed version",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3062")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::calls(run, &["go"], &["install", "get", "run"]) {
            let mut operands = call.operands();
            if call.sub.value == "run" {
                operands.truncate(1);
            }
            for word in operands {
                if word.has_expansion || word.value.is_empty() || is_local(&word.value) {
                    continue;
                }
                let message = match word.value.rsplit_once('@') {
                    Some((name, version @ ("latest" | "none"))) => {
                        format!(
                            "`@{version}` is not a fixed version; pin `{name}` to one: `{name}@<version>`"
                        )
                    }
                    Some(_) => continue,
                    None => format!("pin `{0}` to a version: `{0}@<version>`", word.value),
                };
                sink.report(call.map(word.range), message);
            }
        }
    }
}

fn is_local(package: &str) -> bool {
    package == "."
        || package == ".."
        || package.starts_with("./")
        || package.starts_with("../")
        || package.starts_with('/')
        || package.ends_with(".go")
}
