//! Runs the shell parser over every RUN body of the Dockerfile corpus.
//!
//! The bodies are extracted here with a few lines of ad-hoc code, not with
//! the Dockerfile parser, so that this test exercises the shell parser alone.

use std::path::{Path, PathBuf};

use caulk_lints::dockerfile::shell::{self, Script};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/dockerfiles");
    dir.is_dir().then_some(dir)
}

fn dockerfiles(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            dockerfiles(&path, out);
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.to_ascii_lowercase().contains("dockerfile"))
        {
            out.push(path);
        }
    }
}

/// Shell-form RUN bodies with `\`-newline continuations joined the way
/// Docker does it (comment lines inside a continuation dropped), plus the
/// bodies of `RUN <<EOF` heredocs.
fn run_bodies(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut bodies = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_start();
        i += 1;
        let Some(rest) = line
            .get(..4)
            .filter(|k| k.eq_ignore_ascii_case("run "))
            .map(|_| &line[4..])
        else {
            continue;
        };
        let mut body = String::new();
        let mut current = rest;
        loop {
            let trimmed = current.trim_end();
            match trimmed.strip_suffix('\\') {
                Some(head) => {
                    body.push_str(head);
                    // Skip comment lines and blank lines inside the continuation.
                    while i < lines.len() && {
                        let t = lines[i].trim_start();
                        t.starts_with('#') || t.is_empty()
                    } {
                        i += 1;
                    }
                    if i >= lines.len() {
                        break;
                    }
                    current = lines[i];
                    i += 1;
                }
                None => {
                    body.push_str(current);
                    break;
                }
            }
        }
        // Skip the flags (`--mount=…`) before the command.
        let mut body = body.trim_start();
        while let Some(flag) = body.strip_prefix("--") {
            body = flag
                .split_once(char::is_whitespace)
                .map_or("", |(_, r)| r)
                .trim_start();
        }
        if body.starts_with('[') {
            continue; // exec form
        }
        if let Some(delim) = body.strip_prefix("<<") {
            let delim = delim
                .trim_start_matches('-')
                .trim_matches(|c| c == '"' || c == '\'');
            let delim = delim.split_whitespace().next().unwrap_or("");
            let mut heredoc = String::new();
            while i < lines.len() && lines[i].trim() != delim {
                heredoc.push_str(lines[i]);
                heredoc.push('\n');
                i += 1;
            }
            i += 1;
            bodies.push(heredoc);
        } else {
            bodies.push(body.to_string());
        }
    }
    bodies
}

fn check_ranges(body: &str, script: &Script, file: &Path) {
    let ok = |r: caulk_lints::TextRange, what: &str| {
        assert!(
            r.start <= r.end && body.get(r.as_usize()).is_some(),
            "{}: {what} range {r:?} does not slice the body ({} bytes)",
            file.display(),
            body.len()
        );
    };
    for c in &script.commands {
        ok(c.range, "command");
        for w in &c.words {
            ok(w.range, "word");
            assert!(
                c.range.contains_range(w.range),
                "{}: word outside its command",
                file.display()
            );
            for p in &w.params {
                ok(p.range, "parameter");
            }
        }
        for a in &c.assignments {
            ok(a.range, "assignment");
            ok(a.value.range, "assignment value");
        }
        for r in &c.redirects {
            ok(r.range, "redirect");
            if let Some(b) = r.heredoc_body {
                ok(b, "heredoc body");
            }
        }
    }
    for e in &script.errors {
        ok(e.range, "error");
    }
}

#[test]
fn every_corpus_run_body_parses() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; skipping");
        return;
    };
    let mut files = Vec::new();
    dockerfiles(&dir, &mut files);
    let (mut n_files, mut n_bodies, mut n_commands, mut n_words, mut n_pipes) = (0, 0, 0, 0, 0);
    let mut with_errors = Vec::new();
    let mut names = std::collections::BTreeMap::<String, usize>::new();
    let (mut apt_installs, mut apt_no_yes, mut curl_sh, mut sudo) = (0, 0, 0, 0);
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        if text
            .lines()
            .take(5)
            .any(|l| l.to_ascii_lowercase().contains("escape="))
        {
            continue;
        }
        n_files += 1;
        for body in run_bodies(&text) {
            n_bodies += 1;
            let script = shell::parse(&body);
            check_ranges(&body, &script, file);
            n_commands += script.commands.len();
            n_words += script.commands.iter().map(|c| c.words.len()).sum::<usize>();
            n_pipes += script.pipelines.iter().filter(|p| p.len > 1).count();
            for c in script
                .named("apt-get")
                .filter(|c| c.has_subcommand("install"))
            {
                apt_installs += 1;
                let args = c.args();
                if !args.has(Some('y'), Some("yes"))
                    && !args.has(None, Some("assume-yes"))
                    && args.count(Some('q'), Some("quiet")) < 2
                {
                    apt_no_yes += 1;
                    println!(
                        "apt-get install without -y in {}: {}",
                        file.display(),
                        c.range.slice(&body)
                    );
                }
            }
            curl_sh += script
                .commands
                .iter()
                .filter(|c| c.is_any(&["curl", "wget"]))
                .filter(|c| {
                    script
                        .piped_into(c)
                        .any(|d| d.is_any(&["sh", "bash", "ash", "dash", "zsh"]))
                })
                .count();
            sudo += usize::from(script.any(|c| c.invokes("sudo")));
            for c in &script.commands {
                if let Some(n) = c.name() {
                    *names.entry(n.to_string()).or_default() += 1;
                }
            }
            if !script.errors.is_empty() {
                with_errors.push((file.clone(), body.clone(), script.errors.clone()));
            }
        }
    }
    let mut top: Vec<_> = names.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(15);
    println!(
        "{n_files} files, {n_bodies} RUN bodies, {n_commands} commands, {n_words} words, {n_pipes} pipelines with a pipe, {} bodies with errors",
        with_errors.len()
    );
    println!("most common commands: {top:?}");
    println!(
        "apt-get install: {apt_installs} ({apt_no_yes} without -y), curl/wget piped into a shell: {curl_sh}, RUNs with sudo: {sudo}"
    );
    for (file, body, errors) in &with_errors {
        let first = &errors[0];
        println!(
            "{}: {} errors, first {:?} at {:?}: {:?}",
            file.display(),
            errors.len(),
            first.message,
            first.range,
            first.range.slice(body)
        );
    }
    assert!(n_bodies > 0);
    // Windows bodies (PowerShell) are not shell; everything else should parse cleanly.
    let unexpected: Vec<_> = with_errors
        .iter()
        .filter(|(file, _, _)| {
            !file.to_string_lossy().contains("windows")
                && !file.to_string_lossy().contains("powershell")
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} POSIX RUN bodies have parse errors",
        unexpected.len()
    );
}
