//! Applying fixes to a file's text: one round ([`apply_fixes`]) and the
//! loop that re-lints and repeats until nothing changes ([`fix_until_stable`]).

use crate::config::Config;
use crate::detect::FileKind;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::lint::{LintedFile, lint_source_in};
use std::borrow::Cow;

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
    let crlf = uses_crlf(source);
    let mut text = String::with_capacity(source.len());
    let mut last = 0usize;
    for edit in chosen {
        let (start, end) = (edit.range.start as usize, edit.range.end as usize);
        if start < last || end > source.len() {
            continue;
        }
        text.push_str(&source[last..start]);
        text.push_str(&match_line_endings(&edit.content, crlf));
        last = end;
    }
    text.push_str(&source[last..]);
    Fixed { text, applied }
}

/// Whether the file's lines end in CRLF (decided by its first line ending),
/// so that inserted lines can end the same way.
fn uses_crlf(source: &str) -> bool {
    source
        .find('\n')
        .is_some_and(|at| at > 0 && source.as_bytes()[at - 1] == b'\r')
}

/// Rules write fixes with `\n`; in a CRLF file every bare `\n` of an edit
/// becomes `\r\n` so that the file keeps one line-ending style.
fn match_line_endings(content: &str, crlf: bool) -> Cow<'_, str> {
    if !crlf || !content.contains('\n') {
        return Cow::Borrowed(content);
    }
    let mut out = String::with_capacity(content.len() + 8);
    let mut previous = '\0';
    for ch in content.chars() {
        if ch == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(ch);
        previous = ch;
    }
    Cow::Owned(out)
}

/// Rounds of fix-and-re-lint before giving up on reaching a fixed point.
pub const MAX_ROUNDS: usize = 16;

/// What fixing one file produced.
#[derive(Debug)]
pub struct Outcome {
    /// The file as it is after the last kept round, linted: `file.source`
    /// is the fixed text and `file.diagnostics` the findings that remain.
    pub file: LintedFile,
    /// Findings whose fixes were applied, over every kept round.
    pub fixed: usize,
    /// Rounds kept (0 when nothing was fixable).
    pub rounds: usize,
    /// Set when a fix was left out because the text it produced parsed worse
    /// than the original.
    pub rejected_round: bool,
}

impl Outcome {
    pub fn changed(&self, original: &str) -> bool {
        self.file.source != original
    }
}

/// How many syntax errors the parser finds in `text`.
pub fn parse_errors(kind: FileKind, text: &str) -> usize {
    match kind {
        FileKind::Dockerfile => crate::dockerfile::parse(text).errors.len(),
        FileKind::Kubernetes => crate::yaml::load(text, &crate::yaml::Limits::default())
            .errors
            .len(),
    }
}

/// Applies fixes at or above `min` to an already linted file, re-lints, and
/// repeats until no fix applies, the text stops changing, or
/// [`MAX_ROUNDS`] pass. A round whose result has more parse errors than the
/// original text is thrown away and the loop stops: a fix never leaves a
/// file parsing worse than it found it.
pub fn fix_until_stable(
    file: LintedFile,
    forced: bool,
    config: &Config,
    min: Applicability,
) -> Outcome {
    let mut outcome = Outcome {
        file,
        fixed: 0,
        rounds: 0,
        rejected_round: false,
    };
    if outcome.file.skipped.is_some() {
        return outcome;
    }
    let kind = outcome.file.kind;
    let baseline_errors = parse_errors(kind, &outcome.file.source);
    for _ in 0..MAX_ROUNDS {
        let source = &outcome.file.source;
        let mut round = apply_fixes(source, &outcome.file.diagnostics, min);
        if round.applied == 0 || round.text == *source {
            break;
        }
        if parse_errors(kind, &round.text) > baseline_errors {
            // One fix broke the syntax (alone or with another): keep only the
            // fixes that parse on their own, and try the round again once.
            outcome.rejected_round = true;
            let harmless: Vec<Diagnostic> = outcome
                .file
                .diagnostics
                .iter()
                .filter(|d| {
                    d.fix.is_some() && {
                        let alone = apply_fixes(source, std::slice::from_ref(*d), min);
                        alone.applied > 0 && parse_errors(kind, &alone.text) <= baseline_errors
                    }
                })
                .cloned()
                .collect();
            round = apply_fixes(source, &harmless, min);
            if round.applied == 0
                || round.text == *source
                || parse_errors(kind, &round.text) > baseline_errors
            {
                break;
            }
        }
        let path = outcome.file.path.clone();
        let build = outcome.file.build.take();
        outcome.file = lint_source_in(&path, round.text, kind, forced, config, build.as_ref());
        outcome.fixed += round.applied;
        outcome.rounds += 1;
        if outcome.file.skipped.is_some() {
            break;
        }
    }
    outcome
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

    fn lint(text: &str) -> LintedFile {
        crate::lint_source(
            std::path::Path::new("Dockerfile"),
            text.to_string(),
            FileKind::Dockerfile,
            &Config::default(),
        )
    }

    #[test]
    fn inserted_lines_follow_the_files_line_endings() {
        let src = "FROM a\r\nRUN b\r\n";
        let d = [diag(Fix::safe(
            "x",
            vec![Edit::insert(15, "  && c \\\n  && d\n")],
        ))];
        let fixed = apply_fixes(src, &d, Applicability::Safe);
        assert_eq!(fixed.text, "FROM a\r\nRUN b\r\n  && c \\\r\n  && d\r\n");
        let lf = apply_fixes("FROM a\nRUN bxx\n", &d[..], Applicability::Safe);
        assert!(!lf.text.contains('\r'));
    }

    #[test]
    fn repeats_until_stable_and_never_parses_worse() {
        // `apt` → `apt-get` first; its `-y` and `--no-install-recommends` follow.
        let file = lint("FROM debian:12\nRUN apt install curl\nUSER 1000\n");
        let outcome = fix_until_stable(file, false, &Config::default(), Applicability::Safe);
        assert!(outcome.rounds >= 2, "{outcome:?}");
        assert!(
            outcome
                .file
                .source
                .contains("apt-get install --no-install-recommends -y curl"),
            "{}",
            outcome.file.source
        );
        assert!(!outcome.rejected_round);

        // A fix that breaks the syntax is left out; the other still applies.
        let mut file = lint("FROM alpine:3.20\nMAINTAINER me\nUSER 1000\n");
        let mut broken = diag(Fix::safe(
            "break",
            vec![Edit::insert(0, "ONBUILD ONBUILD x\n")],
        ));
        broken.code = "DL9999";
        file.diagnostics.push(broken);
        assert_eq!(parse_errors(FileKind::Dockerfile, &file.source), 0);
        let outcome = fix_until_stable(file, false, &Config::default(), Applicability::Safe);
        assert!(outcome.rejected_round);
        assert_eq!(
            outcome.file.source,
            "FROM alpine:3.20\nLABEL maintainer=\"me\"\nUSER 1000\n"
        );
        assert_eq!(parse_errors(FileKind::Dockerfile, &outcome.file.source), 0);
    }
}
