//! `gitlab`: a GitLab Code Quality report (a JSON array of CodeClimate-style
//! issues), shown in merge requests:
//!
//! ```json
//! [{ "description": "DL3007: …", "check_name": "DL3007", "fingerprint": "…",
//!    "severity": "major", "location": { "path": "app/Dockerfile", "lines": { "begin": 2, "end": 2 } } }]
//! ```
//!
//! Severities map error → critical, warning → major, info → minor and
//! style → info; `blocker` is left for nothing caulk finds on its own.

use super::{RenderOptions, fingerprints, linted};
use crate::diagnostic::Severity;
use crate::lint::LintedFile;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    /// Unique per finding: GitLab drops issues with a repeated fingerprint.
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

pub fn render(
    files: &[LintedFile],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut issues = Vec::new();
    for file in linted(files) {
        let path = options.report_path(&file.path);
        for (d, fingerprint) in file.diagnostics.iter().zip(fingerprints(file)) {
            let lines = &file.line_index;
            issues.push(Issue {
                description: format!("{}: {}", d.code, d.message),
                check_name: d.code,
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "minor",
                    Severity::Style => "info",
                },
                location: Location {
                    path: path.clone(),
                    lines: Lines {
                        begin: lines.line_of(d.range.start) as u32 + 1,
                        // A range ending at a line's start does not cover that line.
                        end: lines.line_of(d.range.end.saturating_sub(1).max(d.range.start)) as u32
                            + 1,
                    },
                },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
