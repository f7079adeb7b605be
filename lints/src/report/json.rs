//! `json`: caulk's own report document, for scripts and other tools.
//!
//! The output is one JSON object whose keys always come in this order:
//!
//! ```json
//! {
//!   "tool": { "name": "caulk", "version": "0.1.0" },
//!   "findings": [
//!     {
//!       "code": "DL3007",
//!       "name": "latest-tag",
//!       "severity": "warning",
//!       "message": "Using latest is prone to errors",
//!       "path": "app/Dockerfile",
//!       "start": { "line": 1, "column": 6 },
//!       "end": { "line": 1, "column": 19 },
//!       "offset": 5,
//!       "length": 13,
//!       "labels": [
//!         { "message": "…", "start": {…}, "end": {…}, "offset": 0, "length": 4 }
//!       ],
//!       "fix": {
//!         "title": "Pin the image to a version",
//!         "applicability": "safe",
//!         "edits": [
//!           { "start": {…}, "end": {…}, "offset": 12, "length": 6, "content": "3.20" }
//!         ]
//!       },
//!       "fingerprint": "8c1f0e5a9b2d4c37"
//!     }
//!   ],
//!   "summary": { "findings": 1, "errors": 0, "warnings": 1, … }
//! }
//! ```
//!
//! - `findings` come file by file in the order given (the CLI sorts files by
//!   path), each file's by position; skipped files have none.
//! - `path` is relative to the base directory when inside it, `/`-separated.
//! - Lines and columns are 1-based; columns count Unicode characters. `end`
//!   is the position just after the last character of the range.
//! - `offset` and `length` are the UTF-8 byte range in the file.
//! - `fix` is `null` when the rule offers none; `applicability` is `safe`,
//!   `unsafe` or `displayonly`. Applying an edit replaces its byte range with
//!   `content`; edits never overlap.
//! - `fingerprint` identifies the finding across runs (see [`super::fingerprint`]).
//! - `summary` is [`super::Summary`].
//! - `statistics` (only with `check --statistics`) lists, per rule in code
//!   order, `code`, `name`, `reported` and the findings waived by `comment`,
//!   `annotation`, `config_ignore` and `baseline`.

use super::{RenderOptions, Span, Summary, fingerprints, linted, span, summary};
use crate::diagnostic::{Applicability, Severity};
use crate::lint::LintedFile;
use crate::text::{ColumnEncoding, LineCol, TextRange};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Document<'a> {
    tool: Tool<'a>,
    findings: Vec<Finding<'a>>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<Vec<crate::statistics::RuleStatistics>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    path: String,
    #[serde(flatten)]
    location: Location,
    labels: Vec<LabelOut<'a>>,
    fix: Option<FixOut<'a>>,
    fingerprint: String,
}

#[derive(Serialize)]
struct Location {
    start: LineCol,
    end: LineCol,
    offset: u32,
    length: u32,
}

#[derive(Serialize)]
struct LabelOut<'a> {
    message: &'a str,
    #[serde(flatten)]
    location: Location,
}

#[derive(Serialize)]
struct FixOut<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
struct EditOut<'a> {
    #[serde(flatten)]
    location: Location,
    content: &'a str,
}

fn location(file: &LintedFile, range: TextRange) -> Location {
    let Span { start, end } = span(file, range, ColumnEncoding::Chars);
    Location {
        start,
        end,
        offset: range.start,
        length: range.len(),
    }
}

pub fn render(
    files: &[LintedFile],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut findings = Vec::new();
    for file in linted(files) {
        let path = options.report_path(&file.path);
        for (d, fingerprint) in file.diagnostics.iter().zip(fingerprints(file)) {
            findings.push(Finding {
                code: d.code,
                name: d.name,
                severity: d.severity,
                message: &d.message,
                path: path.clone(),
                location: location(file, d.range),
                labels: d
                    .labels
                    .iter()
                    .map(|l| LabelOut {
                        message: &l.message,
                        location: location(file, l.range),
                    })
                    .collect(),
                fix: d.fix.as_ref().map(|fix| FixOut {
                    title: &fix.title,
                    applicability: fix.applicability,
                    edits: fix
                        .edits
                        .iter()
                        .map(|e| EditOut {
                            location: location(file, e.range),
                            content: &e.content,
                        })
                        .collect(),
                }),
                fingerprint,
            });
        }
    }
    let document = Document {
        tool: Tool {
            name: "caulk",
            version: options.tool_version,
        },
        findings,
        summary: summary(files),
        statistics: options
            .statistics
            .then(|| crate::statistics::statistics(files)),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
