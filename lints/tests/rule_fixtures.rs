//! Every rule has firing and non-firing fixtures under `corpus/rules/<CODE>/`:
//! `bad.*` must produce at least one finding of the rule, `good.*` none. The
//! findings on `bad.*` (with an excerpt marking each exact span) and, when
//! the rule has a fix, the fixed text are pinned by a snapshot.
//!
//! A `.caulk.yaml` next to the fixtures is honoured, so rules that need
//! settings (trusted registries, label schema) are tested with them.
//!
//! `CAULK_RULES=DL3008,DL3009 cargo test --test rule_fixtures` checks only
//! those rules (while writing them); write new snapshots with `INSTA_UPDATE=always`.

use caulk_lints::config::{ConfigResolver, Overrides};
use caulk_lints::detect::kind_from_path;
use caulk_lints::fix::apply_fixes;
use caulk_lints::rules::{Check, Rule, registry};
use caulk_lints::text::ColumnEncoding;
use caulk_lints::{Applicability, FileKind, LintedFile, lint_source};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/rules")
}

fn lint_only(rule: &Rule, path: &Path) -> LintedFile {
    let overrides = Overrides {
        profiles: Some(vec![]),
        select: vec![rule.code.to_string()],
        ..Overrides::default()
    };
    let resolver = ConfigResolver::new(None, overrides);
    let config = resolver
        .for_file(path)
        .unwrap_or_else(|e| panic!("fixture config for {}: {e}", rule.code));
    let text = std::fs::read_to_string(path).unwrap();
    let kind = match rule.check {
        Check::Kubernetes(_) => FileKind::Kubernetes,
        Check::Dockerfile(_) => FileKind::Dockerfile,
        Check::Engine(_) => kind_from_path(path).unwrap_or(FileKind::Dockerfile),
    };
    let rel = path.strip_prefix(fixtures_dir()).unwrap_or(path);
    let mut file = lint_source(rel, text, kind, &config);
    file.diagnostics.retain(|d| d.code == rule.code);
    file
}

fn fixture(rule: &Rule, stem: &str) -> Option<PathBuf> {
    let dir = fixtures_dir().join(rule.code);
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{stem}.")))
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

/// The findings with an excerpt whose carets mark each exact range.
fn render(file: &LintedFile) -> String {
    let mut out = String::new();
    for d in &file.diagnostics {
        let start = file
            .line_index
            .line_col(&file.source, d.range.start, ColumnEncoding::Chars);
        let end = file
            .line_index
            .line_col(&file.source, d.range.end, ColumnEncoding::Chars);
        let _ = writeln!(
            out,
            "{}:{}-{}:{} {} [{}] {}",
            start.line, start.column, end.line, end.column, d.code, d.severity, d.message
        );
        let line = file
            .line_index
            .line_range(start.line as usize - 1, &file.source)
            .slice(&file.source);
        let _ = writeln!(out, "    | {line}");
        let width = if end.line == start.line {
            (end.column - start.column).max(1)
        } else {
            (line.chars().count() as u32 + 1)
                .saturating_sub(start.column)
                .max(1)
        };
        let _ = writeln!(
            out,
            "    | {}{}",
            " ".repeat(start.column as usize - 1),
            "^".repeat(width as usize)
        );
        for label in &d.labels {
            let at =
                file.line_index
                    .line_col(&file.source, label.range.start, ColumnEncoding::Chars);
            let _ = writeln!(out, "    = {}:{}: {}", at.line, at.column, label.message);
        }
        if let Some(fix) = &d.fix {
            let _ = writeln!(out, "    fix ({:?}): {}", fix.applicability, fix.title);
        }
    }
    if file.diagnostics.iter().any(|d| d.fix.is_some()) {
        let fixed = apply_fixes(&file.source, &file.diagnostics, Applicability::Unsafe);
        let _ = write!(
            out,
            "\n--- fixed ({} applied) ---\n{}",
            fixed.applied, fixed.text
        );
    }
    out
}

#[test]
fn every_rule_fires_on_bad_and_not_on_good() {
    let mut failures = Vec::new();
    let mut snapshots = Vec::new();
    let only: Option<Vec<String>> = std::env::var("CAULK_RULES").ok().map(|v| {
        v.split(',')
            .map(|c| c.trim().to_ascii_uppercase())
            .collect()
    });
    for &rule in registry::all() {
        if only
            .as_ref()
            .is_some_and(|codes| !codes.iter().any(|c| c == rule.code))
        {
            continue;
        }
        let (Some(bad), Some(good)) = (fixture(rule, "bad"), fixture(rule, "good")) else {
            failures.push(format!(
                "{}: missing corpus/rules/{}/bad.* or good.*",
                rule.code, rule.code
            ));
            continue;
        };
        let fired = lint_only(rule, &bad);
        if fired.diagnostics.is_empty() {
            failures.push(format!("{}: no finding on {}", rule.code, bad.display()));
        }
        let quiet = lint_only(rule, &good);
        if !quiet.diagnostics.is_empty() {
            failures.push(format!(
                "{}: unexpected findings on {}:\n{}",
                rule.code,
                good.display(),
                render(&quiet)
            ));
        }
        snapshots.push((rule.code, render(&fired)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for (code, text) in snapshots {
        insta::assert_snapshot!(code, text);
    }
}
