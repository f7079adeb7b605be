//! Every rule has firing and non-firing fixtures under `corpus/rules/<CODE>/`:
//! `bad.*` must produce at least one finding of the rule, `good.*` none. The
//! findings on `bad.*` (with an excerpt marking each exact span) and, when
//! the rule has a fix, the fixed text are pinned by a snapshot.
//!
//! The fixed text is what `caulk check --unsafe-fixes` writes: safe and
//! unsafe fixes applied and re-linted until nothing changes. It must still
//! parse, the findings that had a fix must be gone, and the rule's declared
//! fix (what `caulk rule` prints) must match the fixes it really produces.
//!
//! A `.caulk.yaml` next to the fixtures is honoured, so rules that need
//! settings (trusted registries, label schema) are tested with them. The
//! fixture's directory is its build context: `bad.Dockerfile.dockerignore`
//! beside it is its ignore file.
//!
//! `CAULK_RULES=DL3008,DL3009 cargo test --test rule_fixtures` checks only
//! those rules (while writing them); write new snapshots with `INSTA_UPDATE=always`.

use caulk_lints::build_context::BuildContext;
use caulk_lints::config::{ConfigResolver, Overrides};
use caulk_lints::detect::kind_from_path;
use caulk_lints::fix::{fix_until_stable, parse_errors};
use caulk_lints::lint::lint_source_in;
use caulk_lints::rules::{Check, Rule, registry};
use caulk_lints::text::ColumnEncoding;
use caulk_lints::{Applicability, FileKind, LintedFile};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/rules")
}

fn config_for(rule: &Rule, path: &Path) -> std::sync::Arc<caulk_lints::config::Config> {
    let overrides = Overrides {
        profiles: Some(vec![]),
        select: vec![rule.code.to_string()],
        ..Overrides::default()
    };
    let resolver = ConfigResolver::new(None, overrides);
    resolver
        .for_file(path)
        .unwrap_or_else(|e| panic!("fixture config for {}: {e}", rule.code))
}

fn lint_only(rule: &Rule, path: &Path) -> LintedFile {
    let config = config_for(rule, path);
    let text = std::fs::read_to_string(path).unwrap();
    let kind = match rule.check {
        Check::Kubernetes(_) | Check::Project(_) => FileKind::Kubernetes,
        Check::Dockerfile(_) => FileKind::Dockerfile,
        Check::Engine(_) => kind_from_path(path).unwrap_or(FileKind::Dockerfile),
    };
    let rel = path.strip_prefix(fixtures_dir()).unwrap_or(path);
    // The fixture's directory is its build context, so an ignore file beside
    // it (`bad.Dockerfile.dockerignore`, `.dockerignore`) applies.
    let build = (kind == FileKind::Dockerfile).then(|| BuildContext::for_dockerfile(path));
    let mut file = lint_source_in(rel, text, kind, false, &config, build.as_ref());
    // A fixture of a project-level rule is a linted set of one file.
    caulk_lints::project::lint_project(std::slice::from_mut(&mut file), |_| config.clone());
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
    out
}

/// Applies the rule's fixes to `bad` as `--unsafe-fixes` does, checks the
/// result, and appends the fixed text to the snapshot.
fn check_fix(rule: &Rule, bad: &Path, fired: &LintedFile, out: &mut String) -> Vec<String> {
    let mut failures = Vec::new();
    let produced = fired.diagnostics.iter().filter_map(|d| d.fix.as_ref());
    let strongest = produced.clone().map(|f| f.applicability).max();
    if strongest != rule.fix {
        failures.push(format!(
            "{}: declares `fix: {:?}` but its bad fixture produces {:?} (the strongest fix it offers)",
            rule.code, rule.fix, strongest
        ));
    }
    // The rule's page says whether the fix exists and how safe it is.
    let doc = rule.documentation();
    let section = doc
        .split("## Fix")
        .nth(1)
        .map(|rest| rest.split("\n## ").next().unwrap_or(rest));
    let says = |word: &str| section.is_some_and(|t| t.to_ascii_lowercase().contains(word));
    let documented = match rule.fix {
        Some(Applicability::Safe) => says("a safe fix"),
        Some(Applicability::Unsafe) => says("an unsafe fix"),
        _ => true,
    };
    if !documented {
        failures.push(format!(
            "{}: a `## Fix` section must say \"A safe fix …\" or \"An unsafe fix …\" as declared",
            rule.code
        ));
    }
    if strongest.is_none() {
        return failures;
    }
    let config = config_for(rule, bad);
    let kind = fired.kind;
    let start = LintedFile {
        path: fired.path.clone(),
        kind,
        source: fired.source.clone(),
        line_index: fired.line_index.clone(),
        diagnostics: fired.diagnostics.clone(),
        suppressed: fired.suppressed,
        waived: fired.waived.clone(),
        skipped: None,
        project: None,
        build: fired.build.clone(),
    };
    let outcome = fix_until_stable(start, true, &config, Applicability::Unsafe);
    let unfixable = fired.diagnostics.iter().filter(|d| d.fix.is_none()).count();
    let left: Vec<_> = outcome
        .file
        .diagnostics
        .iter()
        .filter(|d| d.code == rule.code)
        .collect();
    if left.len() > unfixable || left.iter().any(|d| d.fix.is_some()) {
        failures.push(format!(
            "{}: fixed findings remain after fixing ({} left, {} had no fix):\n{}",
            rule.code,
            left.len(),
            unfixable,
            outcome.file.source
        ));
    }
    let (before, after) = (
        parse_errors(kind, &fired.source),
        parse_errors(kind, &outcome.file.source),
    );
    if after > before || outcome.rejected_round {
        failures.push(format!(
            "{}: the fixed text parses worse ({before} → {after} errors):\n{}",
            rule.code, outcome.file.source
        ));
    }
    if outcome.rounds >= caulk_lints::fix::MAX_ROUNDS {
        failures.push(format!("{}: fixing never settles", rule.code));
    }
    let _ = write!(
        out,
        "\n--- fixed ({} applied, rounds: {}) ---\n{}",
        outcome.fixed, outcome.rounds, outcome.file.source
    );
    failures
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
        let mut text = render(&fired);
        failures.extend(check_fix(rule, &bad, &fired, &mut text));
        snapshots.push((rule.code, text));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for (code, text) in snapshots {
        insta::assert_snapshot!(code, text);
    }
}
