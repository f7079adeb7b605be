//! `junit`: JUnit XML, which most CI systems show as test results. Each
//! linted file is a test suite; each finding a failed test case; a file
//! without findings one passing case, a skipped file one skipped case.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="caulk" tests="2" failures="1" errors="0" skipped="0">
//!   <testsuite name="app/Dockerfile" tests="1" failures="1" errors="0" skipped="0">
//!     <testcase name="DL3007 latest-tag at 2:6" classname="app/Dockerfile" file="app/Dockerfile" line="2">
//!       <failure type="DL3007" message="…">app/Dockerfile:2:6: DL3007 [warning] …</failure>
//!     </testcase>
//!   </testsuite>
//! </testsuites>
//! ```

use super::RenderOptions;
use super::escape::xml;
use crate::lint::LintedFile;
use crate::text::ColumnEncoding;
use std::io::{self, Write};

pub fn render(
    files: &[LintedFile],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let failures: usize = files
        .iter()
        .filter(|f| f.skipped.is_none())
        .map(|f| f.diagnostics.len())
        .sum();
    let skipped = files.iter().filter(|f| f.skipped.is_some()).count();
    let tests: usize = files
        .iter()
        .map(|f| {
            if f.skipped.is_none() {
                f.diagnostics.len().max(1)
            } else {
                1
            }
        })
        .sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="caulk" tests="{tests}" failures="{failures}" errors="0" skipped="{skipped}">"#
    )?;
    for file in files {
        let path = options.report_path(&file.path);
        let name = xml(&path);
        if let Some(reason) = &file.skipped {
            writeln!(
                out,
                r#"  <testsuite name="{name}" tests="1" failures="0" errors="0" skipped="1">"#
            )?;
            writeln!(
                out,
                r#"    <testcase name="caulk" classname="{name}" file="{name}">"#
            )?;
            writeln!(out, r#"      <skipped message="{}"/>"#, xml(reason))?;
            writeln!(out, "    </testcase>")?;
            writeln!(out, "  </testsuite>")?;
            continue;
        }
        let count = file.diagnostics.len();
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" failures="{count}" errors="0" skipped="0">"#,
            count.max(1)
        )?;
        if count == 0 {
            writeln!(
                out,
                r#"    <testcase name="caulk" classname="{name}" file="{name}"/>"#
            )?;
        }
        for d in &file.diagnostics {
            let at = file
                .line_index
                .line_col(&file.source, d.range.start, ColumnEncoding::Chars);
            writeln!(
                out,
                r#"    <testcase name="{} {} at {}:{}" classname="{name}" file="{name}" line="{}">"#,
                xml(d.code),
                xml(d.name),
                at.line,
                at.column,
                at.line
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                xml(d.code),
                xml(&d.message),
                xml(&format!(
                    "{path}:{}:{}: {} [{}] {}",
                    at.line, at.column, d.code, d.severity, d.message
                )),
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
