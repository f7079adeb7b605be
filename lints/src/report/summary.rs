//! The counts printed after a report and embedded in the JSON format.

use super::linted;
use crate::diagnostic::{Applicability, Severity};
use crate::lint::LintedFile;
use std::fmt;

/// What a run found, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Every finding reported (skipped files report none).
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub styles: usize,
    /// Findings with a fix of any kind.
    pub fixable: usize,
    /// Findings whose fix is safe to apply automatically.
    pub safely_fixable: usize,
    /// Findings removed by inline suppressions.
    pub suppressed: usize,
    /// Files that were linted (skipped files not included).
    pub files_linted: usize,
    pub files_with_findings: usize,
    pub files_skipped: usize,
}

/// Counts the findings of `files`.
pub fn summary(files: &[LintedFile]) -> Summary {
    let mut s = Summary {
        files_skipped: files.iter().filter(|f| f.skipped.is_some()).count(),
        ..Summary::default()
    };
    for file in linted(files) {
        s.files_linted += 1;
        s.suppressed += file.suppressed;
        if !file.diagnostics.is_empty() {
            s.files_with_findings += 1;
        }
        for d in &file.diagnostics {
            s.findings += 1;
            *match d.severity {
                Severity::Error => &mut s.errors,
                Severity::Warning => &mut s.warnings,
                Severity::Info => &mut s.infos,
                Severity::Style => &mut s.styles,
            } += 1;
            if let Some(fix) = &d.fix {
                s.fixable += 1;
                if fix.applicability == Applicability::Safe {
                    s.safely_fixable += 1;
                }
            }
        }
    }
    s
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One line: `Found 12 findings (3 errors, 8 warnings, 1 info) in 4 of 369
/// files.`, or `No findings in 369 files.`
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let files = plural(self.files_linted, "file", "files");
        if self.findings == 0 {
            write!(f, "No findings in {files}")?;
        } else {
            let parts: Vec<String> = [
                (self.errors, "error", "errors"),
                (self.warnings, "warning", "warnings"),
                (self.infos, "info", "info"),
                (self.styles, "style", "style"),
            ]
            .into_iter()
            .filter(|&(n, _, _)| n > 0)
            .map(|(n, one, many)| plural(n, one, many))
            .collect();
            write!(
                f,
                "Found {} ({}) in {} of {files}",
                plural(self.findings, "finding", "findings"),
                parts.join(", "),
                self.files_with_findings,
            )?;
        }
        if self.files_skipped > 0 {
            write!(f, " ({} skipped)", self.files_skipped)?;
        }
        f.write_str(".")
    }
}
