//! Our own renderer for the `full` format's usual diagnostics: byte for byte
//! what codespan-reporting 0.13 writes with `Config::default()`, with and
//! without colour, at a fraction of the cost (codespan formats a snippet one
//! character at a time through `core::fmt`).
//!
//! It covers the shapes caulk's diagnostics have (every label on one line:
//! a primary label, secondary labels with messages, notes) and declines
//! anything else (a label spanning lines, labels in several files, context
//! lines in the configuration, a file lookup error), which the caller then
//! renders with codespan. Each step below mirrors the codespan function of
//! the same name in `term/renderer.rs` and `term/views.rs`;
//! `report/snippet_tests.rs` renders every corpus finding and crafted edge
//! cases both ways and compares the bytes.

use codespan_reporting::diagnostic::{LabelStyle, Severity};
use codespan_reporting::files::Files;
use codespan_reporting::term::termcolor::Ansi;
use codespan_reporting::term::{Config, Styles, StylesWriter, WriteStyle};
use std::borrow::Cow;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// The escape sequences codespan's styled writer emits for each style
/// change, captured once from that writer itself; empty without colour.
pub struct Palette {
    /// Every style change writes nothing.
    plain: bool,
    header: [Vec<u8>; 5],
    header_message: Vec<u8>,
    line_number: Vec<u8>,
    note_bullet: Vec<u8>,
    source_border: Vec<u8>,
    label: [[Vec<u8>; 2]; 5],
    reset: Vec<u8>,
}

const SEVERITIES: [Severity; 5] = [
    Severity::Bug,
    Severity::Error,
    Severity::Warning,
    Severity::Note,
    Severity::Help,
];

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Bug => 0,
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Note => 3,
        Severity::Help => 4,
    }
}

fn style_index(style: LabelStyle) -> usize {
    match style {
        LabelStyle::Primary => 0,
        LabelStyle::Secondary => 1,
    }
}

impl Palette {
    /// No colour: every style change writes nothing.
    pub fn plain() -> Self {
        Palette {
            plain: true,
            header: Default::default(),
            header_message: Vec::new(),
            line_number: Vec::new(),
            note_bullet: Vec::new(),
            source_border: Vec::new(),
            label: Default::default(),
            reset: Vec::new(),
        }
    }

    /// What `StylesWriter::new(Ansi::new(..), styles)` writes for each style.
    pub fn ansi(styles: &Styles) -> Self {
        let capture = |set: &dyn Fn(&mut dyn WriteStyle) -> std::io::Result<()>| {
            let mut buffer = Vec::new();
            let mut writer = StylesWriter::new(Ansi::new(&mut buffer), styles);
            // Writing to a Vec cannot fail.
            let _ = set(&mut writer);
            buffer
        };
        Palette {
            plain: false,
            header: SEVERITIES.map(|s| capture(&|w| w.set_header(s))),
            header_message: capture(&|w| w.set_header_message()),
            line_number: capture(&|w| w.set_line_number()),
            note_bullet: capture(&|w| w.set_note_bullet()),
            source_border: capture(&|w| w.set_source_border()),
            label: SEVERITIES.map(|s| {
                [LabelStyle::Primary, LabelStyle::Secondary]
                    .map(|l| capture(&|w| w.set_label(s, l)))
            }),
            reset: capture(&|w| w.reset()),
        }
    }
}

/// A finding as codespan would be given it, in pieces, so that nothing has
/// to be formatted or copied to draw it.
pub struct Finding<'a> {
    pub severity: Severity,
    /// The code, written piece after piece (`DL3007`, ` `, `latest-tag`).
    pub code: &'a [&'a str],
    pub message: &'a str,
    /// In the order codespan is given them: style, byte range in the file,
    /// message.
    pub labels: &'a [(LabelStyle, Range<usize>, Cow<'a, str>)],
    /// Each note written piece after piece.
    pub notes: &'a [&'a [&'a str]],
}

/// A label on one line: style, byte range within the line, message.
type SingleLabel<'d> = (LabelStyle, Range<usize>, &'d str);

/// A line of the snippet with the labels on it.
struct Line<'d> {
    index: usize,
    number: usize,
    range: Range<usize>,
    labels: Vec<SingleLabel<'d>>,
}

/// Renders `finding` (whose labels are in file `file`) into `out` as
/// codespan would and returns `true`, or returns `false` having written
/// nothing when it is not a shape this renderer reproduces.
pub fn render<'f, F>(
    out: &mut Vec<u8>,
    files: &'f F,
    file: F::FileId,
    finding: &Finding<'_>,
    config: &Config,
    palette: &Palette,
) -> bool
where
    F: Files<'f, Name = &'f str, Source = &'f str> + ?Sized,
    F::FileId: Copy,
{
    let mark = out.len();
    let done = Renderer {
        out,
        config,
        palette,
        severity: finding.severity,
        padding: 0,
    }
    .diagnostic(files, file, finding)
    .is_some();
    if !done {
        out.truncate(mark);
    }
    done
}

struct Renderer<'a> {
    out: &'a mut Vec<u8>,
    config: &'a Config,
    palette: &'a Palette,
    severity: Severity,
    /// Width of the line-number gutter.
    padding: usize,
}

impl Renderer<'_> {
    /// `RichDiagnostic::render`, for single-line labels in one file.
    fn diagnostic<'f, F>(&mut self, files: &'f F, file: F::FileId, d: &Finding<'_>) -> Option<()>
    where
        F: Files<'f, Name = &'f str, Source = &'f str> + ?Sized,
        F::FileId: Copy,
    {
        if self.config.before_label_lines != 0 || self.config.after_label_lines != 0 {
            return None;
        }
        // codespan splits notes into lines; ours are one line each.
        if d.notes
            .iter()
            .flat_map(|n| n.iter())
            .any(|p| p.contains(['\n', '\r']))
        {
            return None;
        }
        let mut lines: Vec<Line<'_>> = Vec::with_capacity(d.labels.len());
        let mut locus: Option<(LabelStyle, usize)> = None;
        for (style, label_range, message) in d.labels {
            let start_line = files.line_index(file, label_range.start).ok()?;
            let end_line = files.line_index(file, label_range.end).ok()?;
            if start_line != end_line {
                return None;
            }
            let number = files.line_number(file, start_line).ok()?;
            let range = files.line_range(file, start_line).ok()?;
            self.padding = self.padding.max(count_digits(number));
            // The locus is the first primary label (codespan: the highest
            // style, then the earliest start).
            locus = match locus {
                Some((kept, start))
                    if !(kept > *style || (kept == *style && start > label_range.start)) =>
                {
                    Some((kept, start))
                }
                _ => Some((*style, label_range.start)),
            };
            let start = label_range.start.checked_sub(range.start)?;
            let end = label_range.end.checked_sub(range.start)?.max(start + 1);
            let at = match lines.binary_search_by_key(&start_line, |l| l.index) {
                Ok(at) => at,
                Err(at) => {
                    lines.insert(
                        at,
                        Line {
                            index: start_line,
                            number,
                            range,
                            labels: Vec::new(),
                        },
                    );
                    at
                }
            };
            let labels = &mut lines[at].labels;
            let (Ok(i) | Err(i)) =
                labels.binary_search_by(|(_, r, _)| (r.start, r.end).cmp(&(start, end)));
            labels.insert(i, (*style, start..end, message.as_ref()));
        }
        let (_, locus_start) = locus?;
        let name = files.name(file).ok()?;
        let location = files.location(file, locus_start).ok()?;
        let source = files.source(file).ok()?;

        self.header(d);
        self.snippet_start(name, location.line_number, location.column_number);
        self.snippet_empty();
        for (i, line) in lines.iter().enumerate() {
            self.snippet_source(line.number, source.get(line.range.clone())?, &line.labels);
            let Some(next) = lines.get(i + 1) else {
                continue;
            };
            match next.index - line.index {
                1 => {}
                2 => {
                    let number = files.line_number(file, line.index + 1).ok()?;
                    let range = files.line_range(file, line.index + 1).ok()?;
                    self.snippet_source(number, source.get(range)?, &[]);
                }
                _ => self.snippet_break(),
            }
        }
        if !d.notes.is_empty() {
            self.snippet_empty();
        }
        for note in d.notes {
            self.snippet_note(note);
        }
        self.out.push(b'\n');
        Some(())
    }

    fn put(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn put_char(&mut self, ch: char) {
        let mut buf = [0; 4];
        self.out
            .extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }

    fn repeat(&mut self, ch: char, count: usize) {
        if ch.is_ascii() {
            self.out.resize(self.out.len() + count, ch as u8);
        } else {
            for _ in 0..count {
                self.put_char(ch);
            }
        }
    }

    fn reset(&mut self) {
        self.out.extend_from_slice(&self.palette.reset);
    }

    fn set_label(&mut self, style: LabelStyle) {
        let bytes = &self.palette.label[severity_index(self.severity)][style_index(style)];
        self.out.extend_from_slice(bytes);
    }

    /// `render_header` without a locus.
    fn header(&mut self, d: &Finding<'_>) {
        let palette = self.palette;
        self.put(&palette.header[severity_index(d.severity)]);
        self.put(match d.severity {
            Severity::Bug => b"bug",
            Severity::Error => b"error",
            Severity::Warning => b"warning",
            Severity::Help => b"help",
            Severity::Note => b"note",
        });
        if d.code.iter().any(|p| !p.is_empty()) {
            self.out.push(b'[');
            for piece in d.code {
                self.put(piece.as_bytes());
            }
            self.out.push(b']');
        }
        self.put(&palette.header_message);
        self.put(b": ");
        self.put(d.message.as_bytes());
        self.reset();
        self.out.push(b'\n');
    }

    /// `render_snippet_start`.
    fn snippet_start(&mut self, name: &str, line: usize, column: usize) {
        self.outer_gutter();
        self.put(&self.palette.source_border);
        self.put(self.config.chars.snippet_start.as_bytes());
        self.reset();
        self.out.push(b' ');
        self.put(name.as_bytes());
        self.out.push(b':');
        self.number(line, 0);
        self.out.push(b':');
        self.number(column, 0);
        self.out.push(b'\n');
    }

    /// `render_snippet_empty` with no multi-line labels.
    fn snippet_empty(&mut self) {
        self.outer_gutter();
        self.border_left(self.config.chars.source_border_left);
        self.out.push(b'\n');
    }

    /// `render_snippet_break` with no multi-line labels.
    fn snippet_break(&mut self) {
        self.outer_gutter();
        self.border_left(self.config.chars.source_border_left_break);
        self.out.push(b'\n');
    }

    /// `render_snippet_note` for a note of one line (no `\n` nor `\r`):
    /// nothing when it is empty, as `str::lines` yields no line then.
    fn snippet_note(&mut self, pieces: &[&str]) {
        if pieces.iter().all(|p| p.is_empty()) {
            return;
        }
        self.outer_gutter();
        self.put(&self.palette.note_bullet);
        self.put_char(self.config.chars.note_bullet);
        self.reset();
        self.out.push(b' ');
        for piece in pieces {
            self.put(piece.as_bytes());
        }
        self.out.push(b'\n');
    }

    /// `outer_gutter`: the gutter's width in spaces, then one.
    fn outer_gutter(&mut self) {
        self.repeat(' ', self.padding + 1);
    }

    fn border_left(&mut self, ch: char) {
        self.put(&self.palette.source_border);
        self.put_char(ch);
        self.reset();
    }

    /// `n`, right-aligned in `width` columns.
    fn number(&mut self, n: usize, width: usize) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        let len = digits.len() - at;
        if width > len {
            self.repeat(' ', width - len);
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    /// `render_snippet_source` with no multi-line labels.
    fn snippet_source(&mut self, number: usize, line: &str, labels: &[SingleLabel<'_>]) {
        let source = line.trim_end_matches(['\n', '\r', '\0']);
        let palette = self.palette;
        self.put(&palette.line_number);
        self.number(number, self.padding);
        self.reset();
        self.out.push(b' ');
        self.border_left(self.config.chars.source_border_left);
        self.out.push(b' ');

        if palette.plain && !source.as_bytes().contains(&b'\t') {
            // Styles write nothing and only tabs are rewritten.
            self.put(source.as_bytes());
        } else {
            let mut in_primary = false;
            for (at, width, ch) in metrics(source, self.config.tab_width) {
                let column = at..at + ch.len_utf8();
                let is_primary = labels
                    .iter()
                    .any(|(s, r, _)| *s == LabelStyle::Primary && overlaps(r, &column));
                if is_primary && !in_primary {
                    self.set_label(LabelStyle::Primary);
                    in_primary = true;
                } else if !is_primary && in_primary {
                    self.reset();
                    in_primary = false;
                }
                if ch == '\t' {
                    self.repeat(' ', width);
                } else {
                    self.put_char(ch);
                }
            }
            if in_primary {
                self.reset();
            }
        }
        self.out.push(b'\n');

        if !labels.is_empty() {
            self.single_labels(source, labels);
        }
    }

    /// The caret line under a source line and the hanging messages below it.
    fn single_labels(&mut self, source: &str, labels: &[SingleLabel<'_>]) {
        let mut num_messages = 0;
        let mut max_label_start = 0;
        let mut max_label_end = 0;
        let mut trailing_label = None;
        for (i, label) in labels.iter().enumerate() {
            let (_, range, message) = label;
            if !message.is_empty() {
                num_messages += 1;
            }
            max_label_start = max_label_start.max(range.start);
            max_label_end = max_label_end.max(range.end);
            if range.end == max_label_end {
                trailing_label = if message.is_empty() {
                    None
                } else {
                    Some((i, label))
                };
            }
        }
        if let Some((ti, (_, trailing_range, _))) = trailing_label
            && labels
                .iter()
                .enumerate()
                .any(|(i, (_, r, _))| i != ti && overlaps(trailing_range, r))
        {
            trailing_label = None;
        }
        let trailing_index = trailing_label.map(|(i, _)| i);

        // The line of carets.
        self.outer_gutter();
        self.border_left(self.config.chars.source_border_left);
        self.out.push(b' ');
        if let [(style, range, _)] = labels
            && source.as_bytes()[..range.end.min(source.len())]
                .iter()
                .all(|b| matches!(b, b' '..=b'~'))
        {
            // One label after printable ASCII: one column a byte, spaces up
            // to the label and carets under it (and under the place after
            // the line's end, codespan's placeholder column).
            let limit = range.end.min(source.len() + 1);
            let spaces = range.start.min(limit);
            self.repeat(' ', spaces);
            if limit > spaces {
                self.set_label(*style);
                let caret = match style {
                    LabelStyle::Primary => self.config.chars.single_primary_caret,
                    LabelStyle::Secondary => self.config.chars.single_secondary_caret,
                };
                self.repeat(caret, limit - spaces);
                self.reset();
            }
        } else {
            self.caret_line(source, labels, max_label_end);
        }
        if let Some((_, (style, _, message))) = trailing_label {
            self.out.push(b' ');
            self.set_label(*style);
            self.put(message.as_bytes());
            self.reset();
        }
        self.out.push(b'\n');

        // Hanging messages, pointed to from under their carets.
        if num_messages > usize::from(trailing_label.is_some()) {
            self.outer_gutter();
            self.border_left(self.config.chars.source_border_left);
            self.out.push(b' ');
            self.caret_pointers(max_label_start, labels, trailing_index, source, usize::MAX);
            self.out.push(b'\n');
            for (i, (style, range, message)) in labels.iter().enumerate().rev() {
                if message.is_empty() || Some(i) == trailing_index {
                    continue;
                }
                self.outer_gutter();
                self.border_left(self.config.chars.source_border_left);
                self.out.push(b' ');
                self.caret_pointers(max_label_start, labels, trailing_index, source, range.start);
                self.set_label(*style);
                self.put(message.as_bytes());
                self.reset();
                self.out.push(b'\n');
            }
        }
    }

    /// The carets under a line, character by character.
    fn caret_line(&mut self, source: &str, labels: &[SingleLabel<'_>], max_label_end: usize) {
        let mut previous: Option<LabelStyle> = None;
        let placeholder = std::iter::once((source.len(), 1, '\0'));
        for (at, width, ch) in metrics(source, self.config.tab_width).chain(placeholder) {
            // Past the last label nothing more is written.
            if at >= max_label_end {
                break;
            }
            let column = at..at + ch.len_utf8();
            let current = labels
                .iter()
                .filter(|(_, r, _)| overlaps(r, &column))
                .map(|(s, _, _)| *s)
                .max_by_key(priority);
            if previous != current {
                match current {
                    None => self.reset(),
                    Some(style) => self.set_label(style),
                }
            }
            let caret = match current {
                Some(LabelStyle::Primary) => self.config.chars.single_primary_caret,
                Some(LabelStyle::Secondary) => self.config.chars.single_secondary_caret,
                None => ' ',
            };
            self.repeat(caret, width);
            previous = current;
        }
        if previous.is_some() {
            self.reset();
        }
    }

    /// `caret_pointers` over the characters of `source` before byte `limit`.
    fn caret_pointers(
        &mut self,
        max_label_start: usize,
        labels: &[SingleLabel<'_>],
        trailing_index: Option<usize>,
        source: &str,
        limit: usize,
    ) {
        for (at, width, ch) in metrics(source, self.config.tab_width) {
            if at >= limit {
                break;
            }
            let column = at..at + ch.len_utf8();
            let style = labels
                .iter()
                .enumerate()
                .filter(|(i, (_, r, m))| {
                    !m.is_empty() && Some(*i) != trailing_index && column.contains(&r.start)
                })
                .map(|(_, (s, _, _))| *s)
                .max_by_key(priority);
            let spaces = match style {
                None => width,
                Some(style) => {
                    self.set_label(style);
                    self.put_char(self.config.chars.pointer_left);
                    self.reset();
                    width.saturating_sub(1)
                }
            };
            if at <= max_label_start {
                self.repeat(' ', spaces);
            }
        }
    }
}

/// `char_metrics`: each character's byte offset and tab-stop aware width.
fn metrics(source: &str, tab_width: usize) -> impl Iterator<Item = (usize, usize, char)> + '_ {
    let mut column = 0;
    source.char_indices().map(move |(at, ch)| {
        let width = match (ch, tab_width) {
            ('\t', 0) => 0,
            ('\t', _) => tab_width - (column % tab_width),
            (ch, _) => ch.width().unwrap_or(0),
        };
        column += width;
        (at, width, ch)
    })
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start.max(b.start) < a.end.min(b.end)
}

/// Primary carets win over secondary ones where labels overlap.
fn priority(style: &LabelStyle) -> u8 {
    match style {
        LabelStyle::Secondary => 0,
        LabelStyle::Primary => 1,
    }
}

fn count_digits(n: usize) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
}
