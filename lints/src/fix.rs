//! Applying fixes to a file's text.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// The result of applying fixes once.
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    /// How many findings' fixes were applied.
    pub applied: usize,
}

/// Applies every fix at or above `min` applicability whose edits do not
/// overlap an earlier-applied fix. Overlapping fixes are left for the next
/// round (callers re-lint and repeat until nothing changes).
pub fn apply_fixes(source: &str, diagnostics: &[Diagnostic], min: Applicability) -> Fixed {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    let mut fixes: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| {
            f.applicability >= min
                && f.applicability != Applicability::DisplayOnly
                && !f.edits.is_empty()
        })
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.range.start).min());
    for fix in fixes {
        let overlaps = fix.edits.iter().any(|e| {
            chosen.iter().any(|c| {
                (e.range.start < c.range.end && c.range.start < e.range.end)
                    || (e.range.is_empty() && c.range.is_empty() && e.range.start == c.range.start)
                    || (e.range.is_empty() && c.range.contains(e.range.start))
                    || (c.range.is_empty() && e.range.contains(c.range.start))
            })
        });
        if overlaps {
            continue;
        }
        chosen.extend(fix.edits.iter());
        applied += 1;
    }
    chosen.sort_by_key(|e| (e.range.start, e.range.end));
    let mut text = String::with_capacity(source.len());
    let mut last = 0usize;
    for edit in chosen {
        let (start, end) = (edit.range.start as usize, edit.range.end as usize);
        if start < last || end > source.len() {
            continue;
        }
        text.push_str(&source[last..start]);
        text.push_str(&edit.content);
        last = end;
    }
    text.push_str(&source[last..]);
    Fixed { text, applied }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};
    use crate::text::TextRange;

    fn diag(fix: Fix) -> Diagnostic {
        Diagnostic {
            code: "X",
            name: "x",
            severity: Severity::Warning,
            message: String::new(),
            range: TextRange::default(),
            labels: vec![],
            fix: Some(fix),
        }
    }

    #[test]
    fn applies_non_overlapping_fixes_by_applicability() {
        let src = "ADD a b\nMAINTAINER x\n";
        let d = [
            diag(Fix::safe(
                "copy",
                vec![Edit::replace(TextRange::new(0, 3), "COPY")],
            )),
            diag(Fix::unsafe_(
                "drop",
                vec![Edit::delete(TextRange::new(8, 21))],
            )),
            diag(Fix::safe(
                "overlap",
                vec![Edit::replace(TextRange::new(1, 2), "Z")],
            )),
        ];
        let safe = apply_fixes(src, &d, Applicability::Safe);
        assert_eq!(safe.text, "COPY a b\nMAINTAINER x\n");
        assert_eq!(safe.applied, 1);
        let all = apply_fixes(src, &d, Applicability::Unsafe);
        assert_eq!(all.text, "COPY a b\n");
        assert_eq!(all.applied, 2);
    }
}
