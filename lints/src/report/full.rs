//! `full`: codespan-reporting snippets, for people at a terminal. The usual
//! shapes are drawn by [`snippet`], byte for byte as codespan would, and
//! the rest by codespan itself.
//!
//! ```text
//! warning[DL3007 latest-tag]: Using latest is prone to errors
//!   ┌─ Dockerfile:1:6
//!   │
//! 1 │ FROM alpine:latest
//!   │      ^^^^^^^^^^^^^
//!   │
//!   = help: Pin the image to a version
//! ```

use super::RenderOptions;
use super::escape::{terminal_line, terminal_source};
use super::ordered::for_each_ordered;
use super::snippet::{self, Palette};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::lint::LintedFile;
use crate::text::{LineIndex, TextRange};
use codespan_reporting::diagnostic::{self as cs, Label, LabelStyle};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor::Ansi};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

pub fn render(
    files: &[LintedFile],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let database = Database::new(files);
    let config = Config::default();
    let styles = Styles::default();
    let palette = if options.color {
        Palette::ansi(&styles)
    } else {
        Palette::plain()
    };
    // Findings are rendered in parallel, a batch of them at a time (a big
    // file is several batches), and written in order as batches finish.
    for_each_ordered(
        &batches(files),
        |batch| {
            let mut buffer = Vec::new();
            for (id, range) in batch {
                let file = &files[*id];
                for diagnostic in &file.diagnostics[range.clone()] {
                    if draw(&mut buffer, &database, *id, diagnostic, &config, &palette) {
                        continue;
                    }
                    let diagnostic = to_codespan(*id, file, diagnostic);
                    let result = if options.color {
                        let mut writer = StylesWriter::new(Ansi::new(&mut buffer), &styles);
                        term::emit_to_write_style(&mut writer, &config, &database, &diagnostic)
                    } else {
                        term::emit_to_io_write(&mut buffer, &config, &database, &diagnostic)
                    };
                    result.map_err(into_io)?;
                }
            }
            Ok(buffer)
        },
        |buffer: io::Result<Vec<u8>>| out.write_all(&buffer?),
    )
}

/// Findings per batch: big enough that handing a batch to a thread costs
/// little next to rendering it, small enough to spread one big file.
const BATCH: usize = 256;

/// The findings to show, in output order, cut into batches of about
/// [`BATCH`]: each a list of (file index, range of its diagnostics).
fn batches(files: &[LintedFile]) -> Vec<Vec<(usize, Range<usize>)>> {
    let mut batches = Vec::new();
    let mut batch = Vec::new();
    let mut size = 0;
    for (id, file) in files.iter().enumerate() {
        if file.skipped.is_some() {
            continue;
        }
        let mut start = 0;
        while start < file.diagnostics.len() {
            let end = file.diagnostics.len().min(start + BATCH - size);
            batch.push((id, start..end));
            size += end - start;
            start = end;
            if size == BATCH {
                batches.push(std::mem::take(&mut batch));
                size = 0;
            }
        }
    }
    if !batch.is_empty() {
        batches.push(batch);
    }
    batches
}

fn into_io(error: files::Error) -> io::Error {
    match error {
        files::Error::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

/// Draws `d` with our own renderer, as codespan would draw
/// [`to_codespan`]'s diagnostic; `false` (nothing written) when it declines.
pub(super) fn draw(
    out: &mut Vec<u8>,
    database: &Database<'_>,
    id: usize,
    d: &Diagnostic,
    config: &Config,
    palette: &Palette,
) -> bool {
    let file = database.files[id].file;
    let message = terminal_line(&d.message);
    let mut labels = Vec::with_capacity(1 + d.labels.len());
    labels.push((LabelStyle::Primary, clamp(file, d.range), Cow::Borrowed("")));
    labels.extend(d.labels.iter().map(|l| {
        (
            LabelStyle::Secondary,
            clamp(file, l.range),
            terminal_line(&l.message),
        )
    }));
    let title = d.fix.as_ref().map(|fix| terminal_line(&fix.title));
    let help = d
        .fix
        .as_ref()
        .zip(title.as_deref())
        .map(|(fix, title)| ["help: ", title, fix_kind(fix.applicability)]);
    let style_note: &[&str] = &["severity: style"];
    let mut notes: [&[&str]; 2] = [&[], &[]];
    let mut count = 0;
    if d.severity == Severity::Style {
        notes[count] = style_note;
        count += 1;
    }
    if let Some(help) = &help {
        notes[count] = help;
        count += 1;
    }
    let finding = snippet::Finding {
        severity: codespan_severity(d.severity),
        code: &[d.code, " ", d.name],
        message: &message,
        labels: &labels,
        notes: &notes[..count],
    };
    snippet::render(out, database, id, &finding, config, palette)
}

fn codespan_severity(severity: Severity) -> cs::Severity {
    match severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info | Severity::Style => cs::Severity::Note,
    }
}

fn fix_kind(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::Safe => "",
        Applicability::Unsafe => " (unsafe fix)",
        Applicability::DisplayOnly => " (suggestion)",
    }
}

pub(super) fn to_codespan(id: usize, file: &LintedFile, d: &Diagnostic) -> cs::Diagnostic<usize> {
    let severity = codespan_severity(d.severity);
    let mut labels = vec![Label::primary(id, clamp(file, d.range))];
    labels.extend(d.labels.iter().map(|l| {
        Label::secondary(id, clamp(file, l.range)).with_message(terminal_line(&l.message))
    }));
    let mut notes = Vec::new();
    if d.severity == Severity::Style {
        // codespan has no `style` header; say it, so a note is not taken for info.
        notes.push("severity: style".to_string());
    }
    if let Some(fix) = &d.fix {
        let kind = fix_kind(fix.applicability);
        notes.push(format!("help: {}{kind}", terminal_line(&fix.title)));
    }
    cs::Diagnostic::new(severity)
        .with_code(format!("{} {}", d.code, d.name))
        .with_message(terminal_line(&d.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// A range codespan can slice: inside the text and on character boundaries,
/// whatever a rule produced.
fn clamp(file: &LintedFile, range: TextRange) -> Range<usize> {
    let text = &file.source;
    let fix = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = fix(range.start as usize);
    start..fix(range.end as usize).max(start)
}

/// The files being reported, as codespan sees them: the paths and texts
/// made safe for a terminal, and the line index each [`LintedFile`] already has.
pub(super) struct Database<'a> {
    files: Vec<Entry<'a>>,
}

struct Entry<'a> {
    file: &'a LintedFile,
    name: String,
    source: Cow<'a, str>,
    lines: &'a LineIndex,
}

impl<'a> Database<'a> {
    pub(super) fn new(files: &'a [LintedFile]) -> Self {
        Self {
            // Scanning the texts for control characters is a pass over every
            // byte shown; spread it like the rest of the work.
            files: files
                .par_iter()
                .with_min_len(64)
                .map(|f| Entry {
                    file: f,
                    name: terminal_line(&f.path.to_string_lossy()).into_owned(),
                    // Skipped files and files without findings are never
                    // shown; don't copy or scan their text.
                    source: if f.skipped.is_some() || f.diagnostics.is_empty() {
                        Cow::Borrowed("")
                    } else {
                        terminal_source(&f.source)
                    },
                    lines: &f.line_index,
                })
                .collect(),
        }
    }

    fn get(&self, id: usize) -> Result<&Entry<'a>, files::Error> {
        self.files.get(id).ok_or(files::Error::FileMissing)
    }
}

impl<'f> Files<'f> for Database<'_> {
    type FileId = usize;
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, id: usize) -> Result<&'f str, files::Error> {
        Ok(&self.get(id)?.name)
    }

    fn source(&'f self, id: usize) -> Result<&'f str, files::Error> {
        Ok(&self.get(id)?.source)
    }

    fn line_index(&'f self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.get(id)?.lines.line_of(byte_index as u32))
    }

    fn line_range(&'f self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let entry = self.get(id)?;
        let count = entry.lines.line_count();
        if line_index >= count {
            // codespan asks for the line after the last one; like its own
            // `SimpleFile`, answer with an empty line at the end of the text.
            if line_index == count {
                let end = entry.source.len();
                return Ok(end..end);
            }
            return Err(files::Error::LineTooLarge {
                given: line_index,
                max: count - 1,
            });
        }
        let start = entry.lines.line_start(line_index) as usize;
        let end = entry.lines.line_start(line_index + 1) as usize;
        Ok(start..end)
    }
}
