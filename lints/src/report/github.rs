//! `github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's changed lines:
//!
//! ```text
//! ::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=19,title=DL3007 latest-tag::Using latest is prone to errors
//! ```
//!
//! Errors are `::error`, warnings `::warning`, info and style `::notice`.
//! Columns count characters from 1; `endColumn` is just after the range.

use super::escape::{github_data, github_property};
use super::{RenderOptions, linted, span};
use crate::diagnostic::Severity;
use crate::lint::LintedFile;
use crate::text::ColumnEncoding;
use std::io::{self, Write};

pub fn render(
    files: &[LintedFile],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    for file in linted(files) {
        let path = github_property(&options.report_path(&file.path));
        for d in &file.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "notice",
            };
            let at = span(file, d.range, ColumnEncoding::Chars);
            writeln!(
                out,
                "::{command} file={path},line={},col={},endLine={},endColumn={},title={}::{}",
                at.start.line,
                at.start.column,
                at.end.line,
                at.end.column,
                github_property(&format!("{} {}", d.code, d.name)),
                github_data(&d.message),
            )?;
        }
    }
    Ok(())
}
