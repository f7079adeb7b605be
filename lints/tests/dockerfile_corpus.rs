//! Parses every Dockerfile of the shared corpus: no panic, no parse error
//! (unless listed below with the reason), and every instruction's range starts
//! with its keyword.

use std::path::{Path, PathBuf};

use caulk_lints::dockerfile::{self, InstructionKind};

/// Files in the corpus that are really invalid, with the reason.
const KNOWN_INVALID: &[(&str, &str)] = &[];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/dockerfiles")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn corpus_parses_cleanly() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        eprintln!(
            "note: {} not found; skipping the corpus test",
            dir.display()
        );
        return;
    }
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no files under {}", dir.display());

    let mut failures = Vec::new();
    let mut instructions = 0;
    for path in &files {
        let rel = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let parsed = dockerfile::parse(&text);
        instructions += parsed.instructions.len();
        let expected_invalid = KNOWN_INVALID.iter().any(|(name, _)| *name == rel);
        if !parsed.errors.is_empty() && !expected_invalid {
            for e in &parsed.errors {
                failures.push(format!(
                    "{rel}: {:?} {:?}: {}",
                    e.range,
                    e.range.slice(&text),
                    e.message
                ));
            }
        }
        if parsed.errors.is_empty() && expected_invalid {
            failures.push(format!("{rel}: listed as invalid but parses cleanly"));
        }
        for instruction in &parsed.instructions {
            let slice = instruction.range.slice(&text);
            let kw = instruction.keyword.as_str();
            if !slice
                .get(..kw.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(kw))
            {
                failures.push(format!(
                    "{rel}: range {:?} does not start with {kw}",
                    instruction.range
                ));
            }
            if let InstructionKind::Onbuild(inner) = &instruction.kind {
                let inner_kw = inner.keyword.as_str();
                if !inner
                    .range
                    .slice(&text)
                    .get(..inner_kw.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(inner_kw))
                {
                    failures.push(format!(
                        "{rel}: ONBUILD inner range {:?} does not start with {inner_kw}",
                        inner.range
                    ));
                }
            }
            for heredoc in &instruction.heredocs {
                assert_eq!(heredoc.body, heredoc.body_range.slice(&text), "{rel}");
                assert!(
                    heredoc.terminator_range.is_some(),
                    "{rel}: unterminated heredoc"
                );
            }
        }
    }
    eprintln!("parsed {} files, {instructions} instructions", files.len());
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
