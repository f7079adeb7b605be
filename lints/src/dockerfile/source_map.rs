//! Logical text (an instruction with its line continuations removed) and the
//! map from offsets in it back to byte offsets in the Dockerfile.

use crate::text::TextRange;

/// Text assembled from pieces of the source, with a map back to the source.
///
/// An instruction split over several lines (`RUN a \` / `  && b`) is parsed as
/// one line: the escape character, the newline and any comment or empty line
/// inside the continuation are left out of [`text`](Self::text). Every offset
/// in `text` still maps to the byte it came from, so spans found in the
/// logical text point at the real Dockerfile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogicalText {
    pub text: String,
    /// `(logical start, source start)` of each contiguous piece, in order; a
    /// piece runs until the next one starts.
    segments: Vec<(u32, u32)>,
}

/// The command of a shell-form `RUN`, `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD`,
/// ready for the shell tokenizer: tokenize [`LogicalText::text`] and map token
/// ranges back with [`LogicalText::to_source`].
pub type ShellText = LogicalText;

impl LogicalText {
    /// Text that is one contiguous piece of the source starting at `source_start`.
    pub fn contiguous(text: &str, source_start: u32) -> Self {
        Self {
            text: text.to_owned(),
            segments: vec![(0, source_start)],
        }
    }

    /// Appends `piece`, which starts at `source_start` in the source.
    pub(crate) fn push(&mut self, piece: &str, source_start: u32) {
        if piece.is_empty() {
            return;
        }
        let logical = self.text.len() as u32;
        let joins_previous = self
            .segments
            .last()
            .is_some_and(|&(l, s)| s + (logical - l) == source_start);
        if !joins_previous {
            self.segments.push((logical, source_start));
        }
        self.text.push_str(piece);
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn segment_of(&self, offset: u32) -> Option<(u32, u32)> {
        let idx = self.segments.partition_point(|&(l, _)| l <= offset);
        idx.checked_sub(1).map(|i| self.segments[i])
    }

    /// The source offset of logical `offset` (the end of the text maps to just
    /// after its last byte).
    pub fn to_source_offset(&self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len()) as u32;
        match self.segment_of(offset) {
            Some((l, s)) => s + (offset - l),
            None => 0,
        }
    }

    /// Source offsets of ascending logical `offsets`, in one walk over the pieces.
    pub(crate) fn to_source_offsets(&self, offsets: impl IntoIterator<Item = usize>) -> Vec<u32> {
        let mut out = Vec::new();
        let mut seg = None;
        for offset in offsets {
            let offset = offset.min(self.text.len()) as u32;
            let seg = seg.get_or_insert_with(|| {
                self.segments
                    .partition_point(|&(l, _)| l <= offset)
                    .saturating_sub(1)
            });
            while *seg + 1 < self.segments.len() && self.segments[*seg + 1].0 <= offset {
                *seg += 1;
            }
            out.push(match self.segments.get(*seg) {
                Some(&(l, s)) => s + offset.saturating_sub(l),
                None => 0,
            });
        }
        out
    }

    /// The source range of a logical range. The end maps to just after the
    /// range's last byte, so a range ending at a continuation does not swallow
    /// the escape character and the newline.
    pub fn to_source(&self, range: std::ops::Range<usize>) -> TextRange {
        let start = self.to_source_offset(range.start);
        if range.end <= range.start {
            return TextRange::empty(start);
        }
        let end = self.to_source_offset(range.end - 1) + 1;
        TextRange::new(start, end.max(start))
    }

    /// The source range covered by the whole text.
    pub fn source_range(&self) -> TextRange {
        self.to_source(0..self.text.len())
    }

    /// The part of this text in logical `range`, keeping its map.
    pub fn slice(&self, range: std::ops::Range<usize>) -> LogicalText {
        let start = range.start.min(self.text.len());
        let end = range.end.clamp(start, self.text.len());
        let mut segments = vec![(0, self.to_source_offset(start))];
        let first = self.segments.partition_point(|&(l, _)| l as usize <= start);
        segments.extend(
            self.segments[first..]
                .iter()
                .take_while(|&&(l, _)| (l as usize) < end)
                .map(|&(l, s)| (l - start as u32, s)),
        );
        LogicalText {
            text: self.text[start..end].to_owned(),
            segments,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_across_pieces() {
        // Source: "RUN a \\\n  b" → logical "RUN a   b".
        let mut lt = LogicalText::default();
        lt.push("RUN a ", 0);
        lt.push("  b", 8);
        assert_eq!(lt.text, "RUN a   b");
        assert_eq!(lt.to_source_offset(4), 4);
        assert_eq!(lt.to_source_offset(6), 8);
        assert_eq!(lt.to_source(4..5), TextRange::new(4, 5));
        // A range ending at the join stops before the continuation.
        assert_eq!(lt.to_source(4..6), TextRange::new(4, 6));
        assert_eq!(lt.to_source(4..9), TextRange::new(4, 11));
        let tail = lt.slice(5..9);
        assert_eq!(tail.text, "   b");
        assert_eq!(tail.to_source_offset(0), 5);
        assert_eq!(tail.to_source_offset(3), 10);
        assert_eq!(tail.to_source(3..4), TextRange::new(10, 11));
    }
}
