//! Suppressions written as Kubernetes annotations, on an object's
//! `metadata` (covering the whole object) or on a pod template's `metadata`
//! (covering the pod template):
//!
//! - `caulk.io/ignore: "CODE,CODE -- reason"`, parsed by the same parser as
//!   `# caulk ignore=` comments, so reasons mean the same in both places;
//! - kube-linter's `ignore-check.kube-linter.io/<check>: "reason"`, where the
//!   check is matched against the rules' kube-linter references and aliases
//!   (a check caulk splits in two, `unset-cpu-requirements`, covers both).

use super::Object;
use crate::rules::{Rule, Source, registry};
use crate::suppress::{self, Dialect, SuppressedCode, Suppression};
use crate::text::TextRange;
use crate::yaml::{Entry, Node, ScalarStyle};

/// The annotation that suppresses caulk findings.
pub const IGNORE_ANNOTATION: &str = "caulk.io/ignore";
/// kube-linter's annotation prefix; the check name follows it.
pub const KUBE_LINTER_PREFIX: &str = "ignore-check.kube-linter.io/";

/// Every annotation suppression of the objects, with its scope set.
pub fn annotation_suppressions(objects: &[Object<'_>], source: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    for object in objects {
        let own = object.metadata();
        if let Some(metadata) = own {
            collect(metadata, object.node.range, source, &mut out);
        }
        if let Some(pod) = object.pod()
            && let Some(metadata) = pod.metadata
            && !own.is_some_and(|m| std::ptr::eq(m, metadata))
        {
            let template = metadata
                .range
                .cover(pod.spec_key.range)
                .cover(pod.spec.range);
            collect(metadata, template, source, &mut out);
        }
    }
    out
}

fn collect(metadata: &Node, scope: TextRange, source: &str, out: &mut Vec<Suppression>) {
    let Some(entries) = metadata.get("annotations").and_then(|n| n.as_mapping()) else {
        return;
    };
    for entry in entries {
        if entry.key.alias.is_some() || entry.value.alias.is_some() {
            // Written elsewhere: its removal would not be this object's edit.
            continue;
        }
        let Some(key) = entry.key.as_str() else {
            continue;
        };
        let whole = entry.key.range.cover(entry.value.range);
        let mut s = if key == IGNORE_ANNOTATION {
            let Some(value) = entry.value.as_str() else {
                continue;
            };
            let mut s = match text_start(&entry.value, source) {
                Some(start) => suppress::parse_annotation(value, start, whole),
                // Escapes or a block scalar: the codes cannot be placed one by
                // one, so each points at the whole value.
                None => {
                    let mut s = suppress::parse_annotation(value, 0, whole);
                    for code in &mut s.codes {
                        code.range = entry.value.range;
                    }
                    if let Some(expiry) = &mut s.expires {
                        expiry.range = entry.value.range;
                    }
                    s
                }
            };
            s.comment = whole;
            s
        } else if let Some(check) = key.strip_prefix(KUBE_LINTER_PREFIX) {
            let range = match text_start(&entry.key, source) {
                Some(start) => {
                    let start = start + KUBE_LINTER_PREFIX.len() as u32;
                    TextRange::new(start, start + check.len() as u32)
                }
                None => entry.key.range,
            };
            let mut s = suppress::parse_annotation("", range.start, whole);
            s.dialect = Dialect::KubeLinter;
            s.reason = entry
                .value
                .as_str()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string);
            let rules = kube_linter_rules(check);
            s.codes = if rules.is_empty() {
                vec![SuppressedCode {
                    key: check.to_string(),
                    range,
                    rule: None,
                }]
            } else {
                rules
                    .into_iter()
                    .map(|rule| SuppressedCode {
                        key: check.to_string(),
                        range,
                        rule: Some(rule),
                    })
                    .collect()
            };
            s
        } else {
            continue;
        };
        s.scope = scope;
        s.removal = removal(entry, source);
        out.push(s);
    }
}

/// The rules a kube-linter check name stands for: those citing it as a
/// kube-linter reference, else the rule it names as a code, name or alias.
pub fn kube_linter_rules(check: &str) -> Vec<&'static Rule> {
    let cited: Vec<_> = registry::all()
        .iter()
        .copied()
        .filter(|rule| {
            rule.references
                .iter()
                .any(|r| r.source == Source::KubeLinter && r.id.eq_ignore_ascii_case(check))
        })
        .collect();
    if cited.is_empty() {
        registry::find(check).into_iter().collect()
    } else {
        cited
    }
}

/// Where a scalar's text starts in the file, when the text as written is
/// exactly its value (plain, or quoted without escapes or line folding).
fn text_start(node: &Node, source: &str) -> Option<u32> {
    let scalar = node.as_scalar()?;
    let start = match scalar.style {
        ScalarStyle::Plain => node.range.start,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => node.range.start + 1,
        ScalarStyle::Literal | ScalarStyle::Folded => return None,
    };
    let end = start as usize + scalar.raw.len();
    (source.get(start as usize..end) == Some(scalar.raw.as_str())).then_some(start)
}

/// What to delete to remove an annotation: its whole lines in block style;
/// in a flow mapping, the entry with one neighbouring comma.
fn removal(entry: &Entry, source: &str) -> TextRange {
    let whole = entry.key.range.cover(entry.value.range);
    let lines = suppress::comment_line(source, whole);
    if lines != whole {
        return lines;
    }
    let bytes = source.as_bytes();
    let mut end = whole.end as usize;
    while matches!(bytes.get(end), Some(b' ' | b'\t')) {
        end += 1;
    }
    if bytes.get(end) == Some(&b',') {
        end += 1;
        while matches!(bytes.get(end), Some(b' ' | b'\t')) {
            end += 1;
        }
        return TextRange::from_usize(whole.start as usize, end);
    }
    let mut start = whole.start as usize;
    while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    if start > 0 && bytes[start - 1] == b',' {
        return TextRange::from_usize(start - 1, whole.end as usize);
    }
    whole
}
