//! `concise`: `path:line:col: CODE [severity] message`, one finding a line,
//! columns counted in characters from 1 (what editors' "go to" expects).

use super::escape::terminal_line;
use super::{RenderOptions, linted};
use crate::diagnostic::Severity;
use crate::lint::LintedFile;
use crate::text::ColumnEncoding;
use std::io::{self, Write};

const RESET: &str = "\x1b[0m";

pub fn render(
    files: &[LintedFile],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    for file in linted(files) {
        let path = terminal_line(&file.path.to_string_lossy()).into_owned();
        for d in &file.diagnostics {
            let at = file
                .line_index
                .line_col(&file.source, d.range.start, ColumnEncoding::Chars);
            let message = terminal_line(&d.message);
            if options.color {
                let color = match d.severity {
                    Severity::Error => "\x1b[1;31m",
                    Severity::Warning => "\x1b[1;33m",
                    Severity::Info => "\x1b[1;36m",
                    Severity::Style => "\x1b[1;34m",
                };
                writeln!(
                    out,
                    "\x1b[1m{path}\x1b[0m:{}:{}: {color}{}{RESET} [{}] {message}",
                    at.line, at.column, d.code, d.severity
                )?;
            } else {
                writeln!(
                    out,
                    "{path}:{}:{}: {} [{}] {message}",
                    at.line, at.column, d.code, d.severity
                )?;
            }
        }
    }
    Ok(())
}
