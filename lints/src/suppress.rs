//! Inline suppressions: `# caulk ignore=CODE[,CODE] [-- reason[, expires=YYYY-MM-DD]]`,
//! `# caulk global ignore=…`, and hadolint's `# hadolint ignore=…` /
//! `# hadolint global ignore=…`, which keep working unchanged.
//!
//! Parsing a comment is shared by every file kind; which text a suppression
//! covers (the next instruction, the next YAML node, the whole file) is
//! decided by the file kind's front-end and handed in as a range.

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{Rule, Sink, registry};
use crate::text::TextRange;

/// Which tool's syntax a suppression was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Caulk,
    Hadolint,
    /// caulk's `caulk.io/ignore` Kubernetes annotation.
    Annotation,
    /// kube-linter's `ignore-check.kube-linter.io/<check>` annotation.
    KubeLinter,
}

/// One code named in a suppression, with where it is written.
#[derive(Clone, Debug)]
pub struct SuppressedCode {
    pub key: String,
    pub range: TextRange,
    /// The rule it names, or `None` if no rule has that code, name or alias.
    pub rule: Option<&'static Rule>,
}

/// A parsed suppression comment.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub dialect: Dialect,
    pub global: bool,
    pub codes: Vec<SuppressedCode>,
    pub reason: Option<String>,
    /// `expires=YYYY-MM-DD`: from that date on the suppression no longer suppresses.
    pub expires: Option<Expiry>,
    /// The whole comment (or annotation).
    pub comment: TextRange,
    /// What to delete to remove the suppression: the comment's whole line
    /// when nothing else is on it (set by the front-end; the comment by default).
    pub removal: TextRange,
    /// The text whose findings it suppresses (set by the file kind's front-end).
    pub scope: TextRange,
}

/// Parses the text of a comment (after `#`) starting at byte `text_start` of
/// the file. Returns `None` for ordinary comments.
pub fn parse_comment(text: &str, text_start: u32, comment: TextRange) -> Option<Suppression> {
    let trimmed = text.trim_start();
    let mut offset = text_start + (text.len() - trimmed.len()) as u32;
    let (dialect, rest) = if let Some(rest) = strip_word(trimmed, "caulk") {
        (Dialect::Caulk, rest)
    } else if let Some(rest) = strip_word(trimmed, "hadolint") {
        (Dialect::Hadolint, rest)
    } else {
        return None;
    };
    offset += (trimmed.len() - rest.len()) as u32;
    let after_ws = rest.trim_start();
    offset += (rest.len() - after_ws.len()) as u32;
    let (global, rest) = match strip_word(after_ws, "global") {
        Some(r) => {
            let r2 = r.trim_start();
            offset += (after_ws.len() - r2.len()) as u32;
            (true, r2)
        }
        None => (false, after_ws),
    };
    let list = rest.strip_prefix("ignore=")?;
    offset += "ignore=".len() as u32;
    Some(parse_list(dialect, global, list, offset, comment))
}

/// Parses the text of a Kubernetes annotation such as `caulk.io/ignore:
/// "CODE,CODE -- reason"` (its value starting at byte `value_start` of the
/// file) exactly as the part of a comment after `ignore=`, so reasons (and
/// everything else a comment's list may hold) mean the same in both places.
/// `annotation` is the whole annotation (key and value).
pub fn parse_annotation(value: &str, value_start: u32, annotation: TextRange) -> Suppression {
    parse_list(Dialect::Annotation, false, value, value_start, annotation)
}

/// The list after `ignore=`: codes separated by commas, then ` -- reason`.
fn parse_list(
    dialect: Dialect,
    global: bool,
    list: &str,
    offset: u32,
    comment: TextRange,
) -> Suppression {
    // Codes run to ` -- ` (so `DL3008, DL3015 -- why` works) or to an
    // `expires=` field, and without either, to the first space.
    let codes_text = match list.find(" -- ") {
        Some(i) => list[..i].split(" expires=").next().unwrap_or(""),
        None => list.split_whitespace().next().unwrap_or(""),
    };
    let fields = parse_fields(&list[codes_text.len()..], offset + codes_text.len() as u32);
    let mut codes = Vec::new();
    let mut at = offset;
    for piece in codes_text.split(',') {
        let key = piece.trim();
        let lead = (piece.len() - piece.trim_start().len()) as u32;
        if !key.is_empty() {
            codes.push(SuppressedCode {
                key: key.to_string(),
                range: TextRange::new(at + lead, at + lead + key.len() as u32),
                rule: registry::find(key),
            });
        }
        at += piece.len() as u32 + 1;
    }
    Suppression {
        dialect,
        global,
        codes,
        reason: fields.reason,
        expires: fields.expires,
        comment,
        removal: comment,
        scope: TextRange::default(),
    }
}

/// An `expires=` field as written, with its date when it is a real one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expiry {
    pub text: String,
    /// The `expires=…` field.
    pub range: TextRange,
    /// `None` when the text is not a `YYYY-MM-DD` date.
    pub date: Option<Date>,
}

/// What follows a suppression's codes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    /// The text after ` -- `, without the `expires=` field.
    pub reason: Option<String>,
    pub expires: Option<Expiry>,
}

/// Parses what follows the codes of a suppression, starting at byte `start`
/// of the file: ` -- reason` and an `expires=YYYY-MM-DD` field, which may
/// stand before the ` -- ` or anywhere in the reason, separated by a
/// comma, semicolon or space (`-- pinned by renovate, expires=2027-03-31`).
pub fn parse_fields(text: &str, start: u32) -> Fields {
    let mut expires = None;
    let mut rest = text.to_string();
    let mut search = 0;
    while let Some(found) = text[search..].find("expires=") {
        let at = search + found;
        search = at + "expires=".len();
        if at > 0 && !text[..at].ends_with([' ', '\t', ',', ';']) {
            continue;
        }
        let value_len = text[search..]
            .find(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .unwrap_or(text.len() - search);
        let value = &text[search..search + value_len];
        let end = search + value_len;
        expires = Some(Expiry {
            text: value.to_string(),
            range: TextRange::from_usize(start as usize + at, start as usize + end),
            date: value.parse().ok(),
        });
        // Blank the field out, so the reason reads as written around it.
        rest.replace_range(at..end, &" ".repeat(end - at));
        break;
    }
    let reason = rest.find("-- ").and_then(|i| {
        let before = &rest[..i];
        if !before.trim().is_empty() && !before.ends_with(' ') {
            return None;
        }
        let words: Vec<&str> = rest[i + 3..].split_whitespace().collect();
        let reason = words
            .join(" ")
            .trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .to_string();
        (!reason.is_empty()).then_some(reason)
    });
    Fields { reason, expires }
}

fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(word)?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(rest)
}

/// The whole line of a comment that stands alone on its line, line break
/// included; otherwise just the comment.
pub fn comment_line(source: &str, comment: TextRange) -> TextRange {
    let bytes = source.as_bytes();
    let mut start = comment.start as usize;
    while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    if start > 0 && bytes[start - 1] != b'\n' {
        return comment;
    }
    let mut end = comment.end as usize;
    if bytes.get(end) == Some(&b'\r') {
        end += 1;
    }
    if bytes.get(end) == Some(&b'\n') {
        end += 1;
    }
    TextRange::from_usize(start, end)
}

/// A finding a suppression removed: its rule, and how it was suppressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Waived {
    pub code: &'static str,
    pub dialect: Dialect,
}

/// Removes suppressed findings and reports suppressions that suppressed
/// nothing (into `unused`, the sink of the unused-suppression rule).
/// Returns the findings that were suppressed.
pub fn apply(
    diagnostics: &mut Vec<Diagnostic>,
    suppressions: &[Suppression],
    unused: Option<&mut Sink>,
) -> Vec<Waived> {
    apply_groups(std::slice::from_mut(diagnostics), suppressions, unused)
}

/// [`apply`] over the findings of one file held in groups (the pieces of a
/// large file, in file order). A group is matched only against the global
/// suppressions and those whose scope overlaps its findings, so the cost
/// stays linear in the file; the outcome is [`apply`]'s on the whole list
/// (a finding is waived by the first suppression that covers it, in
/// `suppressions` order), with the waived findings listed group by group.
pub(crate) fn apply_groups(
    groups: &mut [Vec<Diagnostic>],
    suppressions: &[Suppression],
    unused: Option<&mut Sink>,
) -> Vec<Waived> {
    let mut used: Vec<Vec<bool>> = suppressions
        .iter()
        .map(|s| vec![false; s.codes.len()])
        .collect();
    let mut waived = Vec::new();
    let mut scoped: Vec<usize> = (0..suppressions.len())
        .filter(|&i| !suppressions[i].global)
        .collect();
    scoped.sort_by_key(|&i| suppressions[i].scope.start);
    let global: Vec<usize> = (0..suppressions.len())
        .filter(|&i| suppressions[i].global)
        .collect();
    // A sweep over the groups in file order: `open` holds the scoped
    // suppressions that start before the group's last finding and do not
    // end before its first.
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    let mut previous_first = 0;
    let mut candidates = Vec::new();
    for group in groups.iter_mut() {
        let Some(first) = group.iter().map(|d| d.range.start).min() else {
            continue;
        };
        let last = group.iter().map(|d| d.range.start).max().unwrap_or(first);
        if first < previous_first {
            // Not in file order after all: start the sweep over.
            next = 0;
            open.clear();
        }
        previous_first = first;
        while next < scoped.len() && suppressions[scoped[next]].scope.start <= last {
            open.push(scoped[next]);
            next += 1;
        }
        open.retain(|&i| suppressions[i].scope.end > first);
        candidates.clear();
        candidates.extend(&global);
        candidates.extend(&open);
        candidates.sort_unstable();
        mark(group, suppressions, &candidates, &mut used, &mut waived);
    }
    if let Some(sink) = unused {
        for (s, used) in suppressions.iter().zip(&used) {
            for (i, c) in s.codes.iter().enumerate() {
                let same = |other: &SuppressedCode| other.range == c.range && other.key == c.key;
                if s.codes[..i].iter().any(same) {
                    continue;
                }
                // One written name may stand for several rules (a kube-linter
                // check that caulk splits in two): it is used if any of them is.
                let was_used = s.codes.iter().zip(used).any(|(other, &u)| u && same(other));
                // hadolint users also silence ShellCheck (`SC2086`), which
                // caulk does not run: such codes are not caulk's to judge.
                // Likewise kube-linter checks caulk has no rule for.
                if was_used
                    || (c.rule.is_none()
                        && s.dialect == Dialect::Hadolint
                        && c.key.starts_with("SC"))
                    || (c.rule.is_none() && s.dialect == Dialect::KubeLinter)
                {
                    continue;
                }
                let message = match c.rule {
                    None => format!("`{}` is not a known rule code, name or alias", c.key),
                    Some(rule) => format!(
                        "no `{}` ({}) finding to suppress here",
                        rule.code, rule.name
                    ),
                };
                let report = sink.report(c.range, message);
                if let Some(fix) = removal_fix(s, c) {
                    report.fix(fix);
                }
            }
        }
    }
    waived
}

/// Removes the findings of `diagnostics` that a suppression among
/// `candidates` (indices into `suppressions`, in order) covers, marking the
/// codes that suppressed something.
fn mark(
    diagnostics: &mut Vec<Diagnostic>,
    suppressions: &[Suppression],
    candidates: &[usize],
    used: &mut [Vec<bool>],
    waived: &mut Vec<Waived>,
) {
    diagnostics.retain(|d| {
        let mut by = None;
        for &si in candidates {
            let s = &suppressions[si];
            if !(s.global || s.scope.contains(d.range.start)) {
                continue;
            }
            for (ci, c) in s.codes.iter().enumerate() {
                if c.rule.is_some_and(|r| r.code == d.code) || c.key.eq_ignore_ascii_case(d.code) {
                    used[si][ci] = true;
                    by.get_or_insert(s.dialect);
                }
            }
        }
        if let Some(dialect) = by {
            waived.push(Waived {
                code: d.code,
                dialect,
            });
        }
        by.is_none()
    });
}

/// Removes one code from a suppression comment, or the whole comment line
/// when it is the only code. `None` when the code's place in the text is
/// not known exactly (an annotation value written with escapes).
fn removal_fix(s: &Suppression, code: &SuppressedCode) -> Option<Fix> {
    if s.codes.iter().all(|c| c.key == code.key) {
        let what = match s.dialect {
            Dialect::Caulk | Dialect::Hadolint => "comment",
            Dialect::Annotation | Dialect::KubeLinter => "annotation",
        };
        return Some(Fix::safe(
            format!("Remove the unused suppression {what}"),
            vec![Edit::delete(s.removal)],
        ));
    }
    if s.codes
        .iter()
        .any(|c| c.range == code.range && c.key != code.key)
    {
        return None;
    }
    // Delete the code together with one neighbouring comma.
    let index = s
        .codes
        .iter()
        .position(|c| c.range == code.range)
        .unwrap_or(0);
    let range = if index + 1 < s.codes.len() {
        TextRange::new(code.range.start, s.codes[index + 1].range.start)
    } else {
        TextRange::new(s.codes[index - 1].range.end, code.range.end)
    };
    Some(Fix::safe(
        format!("Remove `{}` from the suppression", code.key),
        vec![Edit::delete(range)],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(comment: &str) -> Option<Suppression> {
        let text = comment.strip_prefix('#').unwrap();
        parse_comment(text, 1, TextRange::from_usize(0, comment.len()))
    }

    #[test]
    fn parses_caulk_and_hadolint_forms_with_ranges() {
        let c = "# hadolint ignore=DL3008,DL3015";
        let s = parse(c).unwrap();
        assert_eq!(s.dialect, Dialect::Hadolint);
        assert!(!s.global);
        let keys: Vec<_> = s.codes.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["DL3008", "DL3015"]);
        assert_eq!(s.codes[1].range.slice(c), "DL3015");

        let c = "# caulk global ignore=DL1000 -- generated file";
        let s = parse(c).unwrap();
        assert!(s.global);
        assert_eq!(s.codes[0].range.slice(c), "DL1000");
        assert_eq!(s.reason.as_deref(), Some("generated file"));

        assert_eq!(s.expires, None);

        assert!(parse("# caulking is fun").is_none());
        assert!(parse("# just a comment").is_none());
        assert!(parse("# caulk ignore").is_none());
    }

    #[test]
    fn reads_reason_and_expiry_in_any_order() {
        let c = "# caulk ignore=DL3008,DL3015 -- pinned by renovate, expires=2027-03-31";
        let s = parse(c).unwrap();
        assert_eq!(s.codes.len(), 2);
        assert_eq!(s.reason.as_deref(), Some("pinned by renovate"));
        let e = s.expires.unwrap();
        assert_eq!(e.range.slice(c), "expires=2027-03-31");
        assert_eq!(e.date.unwrap().to_string(), "2027-03-31");

        let c = "# hadolint ignore=DL3008 expires=2027-03-31 -- pinned; reviewed by ops";
        let s = parse(c).unwrap();
        let keys: Vec<_> = s.codes.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["DL3008"]);
        assert_eq!(s.reason.as_deref(), Some("pinned; reviewed by ops"));
        assert_eq!(s.expires.unwrap().range.slice(c), "expires=2027-03-31");

        let c = "# caulk ignore=DL3008 -- expires=2027-03-31";
        let s = parse(c).unwrap();
        assert_eq!(s.reason, None);
        assert!(s.expires.is_some());

        let c = "# caulk ignore=DL3008 -- expires=next-year, because";
        let s = parse(c).unwrap();
        let e = s.expires.unwrap();
        assert_eq!((e.text.as_str(), e.date), ("next-year", None));
        assert_eq!(e.range.slice(c), "expires=next-year");
        assert_eq!(s.reason.as_deref(), Some("because"));

        // Only a field of its own counts: `reexpires=` is part of the reason.
        let s = parse("# caulk ignore=DL3008 -- reexpires=2027-01-01").unwrap();
        assert_eq!(s.expires, None);
        assert_eq!(s.reason.as_deref(), Some("reexpires=2027-01-01"));

        let s = parse("# caulk ignore=DL3008 --").unwrap();
        assert_eq!((s.reason, s.expires), (None, None));
    }

    #[test]
    fn field_ranges_are_byte_exact_after_non_ascii_text() {
        let c = "# caulk ignore=DL3008 -- géré par renovate, expires=2027-03-31";
        let s = parse(c).unwrap();
        assert_eq!(s.reason.as_deref(), Some("géré par renovate"));
        assert_eq!(s.expires.unwrap().range.slice(c), "expires=2027-03-31");
    }
}
