//! Byte ranges into a source text, and the line index that turns them into
//! line/column positions at output time (UTF-8 or UTF-16 columns).

use std::fmt;

/// A half-open byte range `[start, end)` into a file's text.
///
/// Everything inside caulk speaks in byte offsets; line and column numbers are
/// computed only when a finding is rendered, through [`LineIndex`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub const fn new(start: u32, end: u32) -> Self {
        debug_assert!(start <= end);
        Self { start, end }
    }

    /// Builds a range from `usize` offsets (files are limited to 4 GiB).
    pub fn from_usize(start: usize, end: usize) -> Self {
        Self::new(start as u32, end as u32)
    }

    pub const fn empty(at: u32) -> Self {
        Self { start: at, end: at }
    }

    pub const fn len(self) -> u32 {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> Self {
        Self::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Shifts a range that is relative to `base` into file coordinates.
    pub fn offset_by(self, base: u32) -> Self {
        Self::new(self.start + base, self.end + base)
    }

    pub fn as_usize(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this range covers (empty if the range is out of bounds).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.as_usize()).unwrap_or("")
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A value together with the range of source text it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    pub range: TextRange,
}

impl<T> Spanned<T> {
    pub fn new(value: T, range: TextRange) -> Self {
        Self { value, range }
    }
}

/// A one-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColumnEncoding {
    /// Columns count Unicode scalar values (what terminals and most CI tools show).
    #[default]
    Chars,
    /// Columns count UTF-8 bytes (LSP `utf-8` encoding).
    Utf8,
    /// Columns count UTF-16 code units (the LSP default).
    Utf16,
}

/// Offsets of line starts, so that offset → line/column is a binary search.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    /// Lines end at `\n`; a `\r` before it belongs to the line (CRLF files).
    pub fn new(text: &str) -> Self {
        use rayon::prelude::*;
        // A large file's index is built in parallel parts: it is one of the
        // few steps on a whole file that no piece of it can do alone.
        const PART: usize = 4 << 20;
        let bytes = text.as_bytes();
        let starts_in = |at: usize, part: &[u8]| {
            let mut starts = Vec::with_capacity(part.len() / 24 + 1);
            starts.extend(memchr::memchr_iter(b'\n', part).map(|i| (at + i) as u32 + 1));
            starts
        };
        let mut line_starts = vec![0];
        if bytes.len() <= 2 * PART {
            line_starts.extend(starts_in(0, bytes));
        } else {
            let parts: Vec<Vec<u32>> = bytes
                .par_chunks(PART)
                .enumerate()
                .map(|(i, part)| starts_in(i * PART, part))
                .collect();
            line_starts.reserve_exact(parts.iter().map(Vec::len).sum());
            for part in parts {
                line_starts.extend(part);
            }
        }
        Self {
            line_starts,
            len: text.len() as u32,
        }
    }

    /// Updates the index for an edit of its text: `range` (of the text
    /// before the edit) replaced by `new_text`. Cheaper than indexing the
    /// edited text again: only the starts after the edit move.
    pub fn replace(&mut self, range: TextRange, new_text: &str) {
        let (start, end) = (range.start.min(self.len), range.end.min(self.len));
        let end = end.max(start);
        let delta = new_text.len() as i64 - i64::from(end - start);
        let first = self.line_starts.partition_point(|&s| s <= start);
        let after = self.line_starts.partition_point(|&s| s <= end);
        for s in &mut self.line_starts[after..] {
            *s = (i64::from(*s) + delta) as u32;
        }
        let inserted = new_text
            .match_indices('\n')
            .map(|(i, _)| start + i as u32 + 1);
        self.line_starts.splice(first..after, inserted);
        self.len = (i64::from(self.len) + delta) as u32;
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Zero-based line containing `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where zero-based `line` starts (clamped to the text length).
    pub fn line_start(&self, line: usize) -> u32 {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte range of zero-based `line`, without its line terminator.
    pub fn line_range(&self, line: usize, text: &str) -> TextRange {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end as usize - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end as usize - 1) == Some(&b'\r') {
            end -= 1;
        }
        TextRange::new(start, end)
    }

    /// One-based line and column of `offset`, columns counted as `encoding` says.
    pub fn line_col(&self, text: &str, offset: u32, encoding: ColumnEncoding) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let mut end = offset as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = &text[start..end];
        let column = match encoding {
            ColumnEncoding::Chars => prefix.chars().count(),
            ColumnEncoding::Utf8 => prefix.len(),
            ColumnEncoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
        };
        LineCol {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// Byte offset of a zero-based line and column (as `encoding` counts it),
    /// clamped to the line's end. Used for positions coming from editors.
    pub fn offset_of(&self, text: &str, line: u32, column: u32, encoding: ColumnEncoding) -> u32 {
        let line = line as usize;
        if line >= self.line_starts.len() {
            return self.len;
        }
        let range = self.line_range(line, text);
        let line_text = range.slice(text);
        let mut units = 0u32;
        for (i, ch) in line_text.char_indices() {
            if units >= column {
                return range.start + i as u32;
            }
            units += match encoding {
                ColumnEncoding::Chars => 1,
                ColumnEncoding::Utf8 => ch.len_utf8() as u32,
                ColumnEncoding::Utf16 => ch.len_utf16() as u32,
            };
        }
        range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large text is indexed in parts; the starts are those of one pass,
    /// with line ends on and next to the part boundaries.
    #[test]
    fn large_texts_are_indexed_in_parts() {
        let mut text = "a: b\r\n".repeat(3 << 20);
        for at in [4 << 20, (4 << 20) - 1, (4 << 20) + 1, 8 << 20] {
            text.replace_range(at..at + 1, "\n");
        }
        text.push_str("last line");
        let index = LineIndex::new(&text);
        let mut expected = vec![0u32];
        expected.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        assert!(text.len() > 16 << 20);
        assert_eq!(index.line_starts, expected);
        assert_eq!(index.line_count(), expected.len());
    }

    #[test]
    fn line_col_counts_bytes_chars_and_utf16() {
        let text = "a: é\nb: 😀x\r\nc";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap() as u32;
        assert_eq!(
            idx.line_col(text, x, ColumnEncoding::Chars),
            LineCol { line: 2, column: 5 }
        );
        assert_eq!(
            idx.line_col(text, x, ColumnEncoding::Utf8),
            LineCol { line: 2, column: 8 }
        );
        assert_eq!(
            idx.line_col(text, x, ColumnEncoding::Utf16),
            LineCol { line: 2, column: 6 }
        );
        let c = text.rfind('c').unwrap() as u32;
        assert_eq!(
            idx.line_col(text, c, ColumnEncoding::Chars),
            LineCol { line: 3, column: 1 }
        );
        assert_eq!(idx.line_range(1, text).slice(text), "b: 😀x");
    }

    #[test]
    fn replace_gives_the_index_of_the_edited_text() {
        let mut text = String::from("a: 1\nb: 2\n\nc: [x,\n  y]\n");
        let mut index = LineIndex::new(&text);
        let edits: [(usize, usize, &str); 7] = [
            (0, 0, "---\n"),
            (5, 9, ""),
            (3, 12, "x\ny\nz"),
            (0, 0, ""),
            (10, 10, "\n\n"),
            (text.len() - 3, text.len() - 3, "tail\n"),
            (0, 6, "é\r\n"),
        ];
        for (start, end, new) in edits {
            let (start, end) = (start.min(text.len()), end.min(text.len()));
            index.replace(TextRange::from_usize(start, end), new);
            text.replace_range(start..end, new);
            let fresh = LineIndex::new(&text);
            assert_eq!(
                (&index.line_starts, index.len),
                (&fresh.line_starts, fresh.len),
                "after replacing {start}..{end} with {new:?}: {text:?}"
            );
        }
    }

    #[test]
    fn offset_of_round_trips() {
        let text = "ab\nc😀d\n";
        let idx = LineIndex::new(text);
        let d = text.find('d').unwrap() as u32;
        assert_eq!(idx.offset_of(text, 1, 3, ColumnEncoding::Utf16), d);
        assert_eq!(idx.offset_of(text, 1, 2, ColumnEncoding::Chars), d);
        assert_eq!(idx.offset_of(text, 1, 99, ColumnEncoding::Chars), d + 1);
        assert_eq!(
            idx.offset_of(text, 9, 0, ColumnEncoding::Chars),
            text.len() as u32
        );
    }
}
