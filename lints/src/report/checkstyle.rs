//! `checkstyle`: Checkstyle XML, read by Jenkins' warnings plugin, reviewdog
//! and many CI dashboards. Every linted file is listed, with an `<error>` per
//! finding; columns count characters from 1.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <checkstyle version="4.3">
//!   <file name="app/Dockerfile">
//!     <error line="2" column="6" severity="warning" message="…" source="caulk.DL3007"/>
//!   </file>
//! </checkstyle>
//! ```

use super::escape::xml;
use super::{RenderOptions, linted};
use crate::diagnostic::Severity;
use crate::lint::LintedFile;
use crate::text::ColumnEncoding;
use std::io::{self, Write};

pub fn render(
    files: &[LintedFile],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for file in linted(files) {
        let name = xml(&options.report_path(&file.path)).into_owned();
        if file.diagnostics.is_empty() {
            writeln!(out, r#"  <file name="{name}"/>"#)?;
            continue;
        }
        writeln!(out, r#"  <file name="{name}">"#)?;
        for d in &file.diagnostics {
            let at = file
                .line_index
                .line_col(&file.source, d.range.start, ColumnEncoding::Chars);
            // Checkstyle knows error, warning, info and ignore.
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "info",
            };
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{severity}" message="{}" source="caulk.{}"/>"#,
                at.line,
                at.column,
                xml(&format!("{} ({}): {}", d.code, d.name, d.message)),
                xml(d.code),
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
