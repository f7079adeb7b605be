use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `ADD` used to copy local files or directories.
    ///
    /// ## Why is this bad?
    /// `ADD` does more than copy: it fetches URLs and unpacks local tar
    /// archives. When all you want is a copy, that extra behaviour is a
    /// surprise waiting to happen (an archive added later gets unpacked).
    /// `COPY` says exactly what happens. Keep `ADD` for URLs and archives you
    /// mean to unpack.
    ///
    /// ## Fix
    /// A safe fix replaces `ADD` with `COPY` when every source is a local
    /// path that is not an archive and no `ADD`-only option is used.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ADD requirements.txt /app/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY requirements.txt /app/
    /// ```
    pub static RULE = Rule {
        code: "DL3020",
        name: "add-instead-of-copy",
        summary: "ADD is used to copy local files; use COPY",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::Hadolint, "DL3020"),
            Reference::new(Source::CisDocker, "4.9"),
            Reference::new(Source::Trivy, "DS-0005"),
            Reference::new(Source::Checkov, "CKV_DOCKER_4"),
        ],
        fix: Some(Applicability::Safe),
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in &ctx.syntax.instructions {
        let InstructionKind::Add(add) = &instruction.kind else { continue };
        if !instruction.heredocs.is_empty() {
            continue;
        }
        let local: Vec<_> = add.sources.iter().filter(|s| !is_url(&s.value) && !is_archive(&s.value)).collect();
        if local.is_empty() {
            continue;
        }
        let all_local = local.len() == add.sources.len();
        let add_only_flag = instruction
            .flags
            .iter()
            .any(|f| matches!(f.name.as_str(), "checksum" | "keep-git-dir" | "unpack"));
        let names: Vec<_> = local.iter().map(|s| format!("`{}`", s.value)).collect();
        let diagnostic = sink.report(
            instruction.keyword_range,
            format!("use COPY instead of ADD for local files ({})", names.join(", ")),
        );
        if all_local && !add_only_flag {
            let copy = if instruction.keyword_spelling.chars().all(|c| c.is_ascii_lowercase()) {
                "copy"
            } else {
                "COPY"
            };
            diagnostic.fix(Fix::safe(
                "Replace `ADD` with `COPY`",
                vec![Edit::replace(instruction.keyword_range, copy)],
            ));
        }
    }
}

fn is_url(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    ["http://", "https://", "git@", "git://", "ssh://"]
        .iter()
        .any(|p| lower.starts_with(p))
        || lower.ends_with(".git")
}

/// Archive types `ADD` unpacks; a variable may hide one, so it counts too.
pub fn is_archive(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    source.contains('$')
        || [
            ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".gz", ".bz2",
            ".xz", ".zst", ".lz", ".lzma", ".z",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}
