//! Baselines: record today's findings so that only new ones fail a run.
//!
//! `caulk check --write-baseline FILE` writes every reported finding;
//! `caulk check --baseline FILE` then drops the findings the file lists and
//! reports the rest. A finding is matched by its path, rule code and
//! [fingerprint](crate::report::fingerprint), never by its line, so adding
//! unrelated lines above a recorded finding keeps it baselined. Each entry
//! absorbs one finding: two identical findings need two entries.
//!
//! The file is JSON, sorted and deterministic so it diffs well:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     { "path": "app/Dockerfile", "code": "DL3007", "fingerprint": "9f1c0a3be4d27781" }
//!   ]
//! }
//! ```
//!
//! `path` is `/`-separated and relative to the directory caulk runs in when
//! the file is inside it (as machine formats report it), otherwise as named.

use crate::lint::LintedFile;
use crate::report::{self, Summary};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The baseline file format version this build reads and writes.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Entry {
    pub path: String,
    pub code: String,
    pub fingerprint: String,
}

/// The recorded findings, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: Vec<Entry>,
}

#[derive(serde::Serialize)]
struct FileOut<'a> {
    version: u32,
    findings: &'a [Entry],
}

#[derive(serde::Deserialize)]
struct FileIn {
    version: u32,
    findings: Vec<Entry>,
}

/// A baseline file that could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct BaselineError {
    pub path: PathBuf,
    pub message: String,
}

impl Baseline {
    /// Every finding `files` report (skipped files report none). `base_dir`
    /// is the directory paths are made relative to (where caulk runs).
    pub fn from_files(files: &[LintedFile], base_dir: Option<&Path>) -> Self {
        let mut entries: Vec<Entry> = report::linted(files)
            .flat_map(|file| entries_of(file, base_dir))
            .collect();
        entries.sort();
        Self { entries }
    }

    pub fn from_entries(mut entries: Vec<Entry>) -> Self {
        entries.sort();
        Self { entries }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `1 finding`, `12 findings`.
    pub fn describe(&self) -> String {
        let n = self.entries.len();
        format!("{n} finding{}", if n == 1 { "" } else { "s" })
    }

    /// The file's text: pretty JSON ending in a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&FileOut {
            version: VERSION,
            findings: &self.entries,
        })
        .expect("a baseline serialises");
        text.push('\n');
        text
    }

    /// Reads a baseline from its text; the error says what is wrong.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let file: FileIn = serde_json::from_str(text).map_err(|e| {
            format!("not a caulk baseline: {e} (write one with `caulk check --write-baseline`)")
        })?;
        if file.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (this caulk reads version {VERSION})",
                file.version
            ));
        }
        Ok(Self::from_entries(file.findings))
    }

    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let error = |message: String| BaselineError {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            error(format!(
                "cannot read the baseline: {}",
                crate::discover::describe_io_error(&e)
            ))
        })?;
        Self::from_json(&text).map_err(error)
    }

    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        std::fs::write(path, self.to_json()).map_err(|e| BaselineError {
            path: path.to_path_buf(),
            message: format!(
                "cannot write the baseline: {}",
                crate::discover::describe_io_error(&e)
            ),
        })
    }

    /// Removes from `files` the findings this baseline lists, each entry
    /// absorbing at most one finding, and returns how many were removed.
    /// `base_dir` must be the one the baseline was written with.
    pub fn apply(&self, files: &mut [LintedFile], base_dir: Option<&Path>) -> usize {
        let mut remaining: HashMap<&Entry, usize> = HashMap::new();
        for entry in &self.entries {
            *remaining.entry(entry).or_insert(0) += 1;
        }
        let mut removed = 0;
        for file in files.iter_mut().filter(|f| f.skipped.is_none()) {
            // Fingerprints count earlier identical findings, so they are
            // computed over the whole file before anything is removed.
            let keep: Vec<bool> = entries_of(file, base_dir)
                .map(|entry| match remaining.get_mut(&entry) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                })
                .collect();
            let mut keep = keep.into_iter();
            let before = file.diagnostics.len();
            let waived = &mut file.waived;
            file.diagnostics.retain(|d| {
                let kept = keep.next().unwrap_or(true);
                if !kept {
                    waived.push(crate::statistics::Waiver {
                        code: d.code,
                        kind: crate::statistics::WaiverKind::Baseline,
                    });
                }
                kept
            });
            removed += before - file.diagnostics.len();
        }
        removed
    }
}

/// The summary line with the number of baselined findings added when there
/// are any: `Found 1 finding (1 warning) in 1 of 3 files (4 baselined).`
pub fn summary_line(summary: &Summary, baselined: usize) -> String {
    let line = summary.to_string();
    if baselined == 0 {
        return line;
    }
    let stem = line.strip_suffix('.').unwrap_or(&line);
    format!("{stem} ({baselined} baselined).")
}

fn entries_of<'a>(
    file: &'a LintedFile,
    base_dir: Option<&Path>,
) -> impl Iterator<Item = Entry> + 'a {
    let path = report_path(&file.path, base_dir);
    file.diagnostics
        .iter()
        .zip(report::fingerprints(file))
        .map(move |(d, fingerprint)| Entry {
            path: path.clone(),
            code: d.code.to_string(),
            fingerprint,
        })
}

/// The path as machine formats report it (see `RenderOptions::report_path`).
fn report_path(path: &Path, base_dir: Option<&Path>) -> String {
    let relative = base_dir
        .and_then(|base| path.strip_prefix(base).ok())
        .unwrap_or(path);
    report::slash_path(relative)
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.path, self.code, self.fingerprint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FileKind;
    use crate::config::Config;

    fn lint(path: &str, text: &str) -> LintedFile {
        crate::lint::lint_source(
            Path::new(path),
            text.to_string(),
            FileKind::Dockerfile,
            &Config::default(),
        )
    }

    #[test]
    fn round_trips_sorted_and_deterministic() {
        let files = [
            lint("b/Dockerfile", "FROM alpine:latest\n"),
            lint("a/Dockerfile", "FROM alpine:latest\n"),
        ];
        let baseline = Baseline::from_files(&files, None);
        assert!(!baseline.is_empty());
        assert!(baseline.entries().windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(baseline.entries()[0].path, "a/Dockerfile");
        let text = baseline.to_json();
        assert!(text.starts_with("{\n  \"version\": 1,"), "{text}");
        assert_eq!(Baseline::from_json(&text).unwrap(), baseline);
        assert_eq!(Baseline::from_files(&files, None).to_json(), text);
    }

    #[test]
    fn absorbs_recorded_findings_even_when_lines_move() {
        let old = [lint("Dockerfile", "FROM alpine:latest\n")];
        let baseline = Baseline::from_files(&old, None);
        let mut new = [lint(
            "Dockerfile",
            "# a comment\n\nFROM alpine:latest\nADD x /x\n",
        )];
        let before = new[0].diagnostics.len();
        let removed = baseline.apply(&mut new, None);
        assert_eq!(removed, baseline.len());
        assert_eq!(new[0].diagnostics.len(), before - removed);
        assert!(new[0].diagnostics.iter().all(|d| d.code != "DL3007"));
    }

    #[test]
    fn each_entry_absorbs_one_finding() {
        let dl3007 = |f: &LintedFile| f.diagnostics.iter().filter(|d| d.code == "DL3007").count();
        let one = [lint("Dockerfile", "FROM alpine:latest\n")];
        assert_eq!(dl3007(&one[0]), 1);
        let baseline = Baseline::from_files(&one, None);
        // The same line twice: identical findings, told apart by occurrence.
        let mut two = [lint(
            "Dockerfile",
            "FROM alpine:latest\nFROM alpine:latest\n",
        )];
        assert_eq!(dl3007(&two[0]), 2);
        baseline.apply(&mut two, None);
        assert_eq!(dl3007(&two[0]), 1);
    }

    #[test]
    fn paths_are_relative_to_the_base_dir() {
        let files = [lint("/repo/k/Dockerfile", "FROM alpine:latest\n")];
        let baseline = Baseline::from_files(&files, Some(Path::new("/repo")));
        assert!(baseline.entries().iter().all(|e| e.path == "k/Dockerfile"));
    }

    #[test]
    fn malformed_files_are_rejected() {
        assert!(Baseline::from_json("").is_err());
        assert!(Baseline::from_json("[]").is_err());
        assert!(
            Baseline::from_json(r#"{"version": 2, "findings": []}"#)
                .unwrap_err()
                .contains("version 2")
        );
        assert!(Baseline::from_json(r#"{"version": 1, "findings": [{"path": "x"}]}"#).is_err());
        assert!(
            Baseline::from_json(r#"{"version": 1, "findings": []}"#)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn summary_mentions_baselined_findings() {
        let s = Summary::default();
        assert_eq!(summary_line(&s, 0), s.to_string());
        assert!(summary_line(&s, 3).ends_with(" (3 baselined)."));
    }
}
