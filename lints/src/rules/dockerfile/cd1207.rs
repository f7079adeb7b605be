use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `ADD` of an `http://` or `https://` URL without
    /// `--checksum=sha256:…`.
    ///
    /// ## Why is this bad?
    /// The build trusts whatever the server returns at build time. If the
    /// file is replaced upstream, or the download is tampered with, the image
    /// silently gets different content. `ADD --checksum=sha256:<hash>`
    /// (Dockerfile syntax 1.6 and later) makes the build fail instead. The
    /// same applies to `curl`/`wget` in `RUN`: verify what you download.
    ///
    /// Git sources (`https://…/repo.git#ref`, `git@…`) are not reported: a
    /// file checksum does not apply to them; pin them to a commit instead.
    /// URLs with variables are still reported, since the checksum can be
    /// passed as a variable too.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ADD --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee \
    ///     https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
    /// ```
    pub static RULE = Rule {
        code: "CD1207",
        name: "add-remote-without-checksum",
        summary: "ADD downloads a URL without verifying a --checksum",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[Reference::new(Source::Owasp, "rule-13-enhance-supply-chain-security")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in ctx.syntax.effective_instructions() {
        let InstructionKind::Add(add) = &instruction.kind else {
            continue;
        };
        if instruction.flag("checksum").is_some() {
            continue;
        }
        for source in &add.sources {
            let lower = source.value.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) || is_git(&lower) {
                continue;
            }
            sink.report(
                source.range,
                "ADD downloads this URL without `--checksum=sha256:…`, so changed or tampered content goes unnoticed",
            );
        }
    }
}

fn is_git(url: &str) -> bool {
    let path = url.split(['#', '?']).next().unwrap_or(url);
    path.trim_end_matches('/').ends_with(".git")
}
