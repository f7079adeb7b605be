//! Finds `#` comments. saphyr drops comments, so the loader passes the ranges
//! of quoted and block scalars (where `#` is text) and this scans the rest:
//! a `#` starts a comment at the start of a line or after a blank, which is
//! also why `a#b` and `http://x/#top` in plain scalars are not comments.

use super::Comment;
use crate::text::TextRange;

/// The comments of `text[start..end]`, a range of whole lines, with ranges
/// in file coordinates. `zones` must be sorted by start.
pub(super) fn scan(text: &str, start: usize, end: usize, zones: &[(u32, u32)]) -> Vec<Comment> {
    let bytes = &text.as_bytes()[..end];
    let mut comments = Vec::new();
    let mut zone = 0;
    let mut i = start;
    // `find` with a `char` searches with memchr.
    while let Some(found) = text[i..end].find('#') {
        let at = i + found;
        i = at + 1;
        let at32 = at as u32;
        while zone < zones.len() && zones[zone].1 <= at32 {
            zone += 1;
        }
        // Zones may nest (an alias-free document never overlaps them, but be safe).
        if zones[zone..]
            .iter()
            .take_while(|z| z.0 <= at32)
            .any(|z| z.0 <= at32 && at32 < z.1)
        {
            continue;
        }
        let preceded_by_blank = at == 0
            || matches!(bytes[at - 1], b' ' | b'\t' | b'\n' | b'\r')
            || is_bom_end(text, at);
        if !preceded_by_blank {
            continue;
        }
        let mut end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| at + p);
        if end > at && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        comments.push(Comment {
            range: TextRange::from_usize(at, end),
        });
        i = end;
    }
    comments
}

fn is_bom_end(text: &str, at: usize) -> bool {
    at == 3 && text.starts_with('\u{feff}')
}

/// Where a comment starts in one line of YAML outside quoted scalars, if anywhere.
pub(super) fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    bytes
        .iter()
        .enumerate()
        .find(|&(i, &b)| b == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')))
        .map(|(i, _)| i)
}
