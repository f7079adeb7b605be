//! Code actions: a finding's own fix, suppression comments for a line or a
//! file, and "fix all safe problems" for the whole document.

use crate::convert::{self, Encoding};
use crate::documents::Document;
use caulk_lints::{Applicability, Diagnostic, Edit, FileKind, TextRange, dockerfile};
use lsp_types::{CodeAction, CodeActionKind, Range, TextEdit, WorkspaceEdit};
use std::borrow::Cow;
use std::collections::HashMap;

/// The kind of the "fix all" action, under the standard `source.fixAll`.
pub const FIX_ALL_KIND: &str = "source.fixAll.caulk";

pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::Custom(Cow::Borrowed(FIX_ALL_KIND))
}

/// Every action for the findings touching `range`, and the document-wide fix
/// when asked for. `only` filters by kind as the protocol describes: a
/// requested kind matches itself and every kind below it.
pub fn actions(
    doc: &Document,
    diagnostics: &[Diagnostic],
    range: Range,
    only: Option<&[CodeActionKind]>,
    encoding: Encoding,
) -> Vec<CodeAction> {
    let wanted = |kind: &str| {
        only.is_none_or(|kinds| {
            kinds.iter().any(|k| {
                let k = k.as_str();
                k.is_empty() || kind == k || kind.starts_with(&format!("{k}."))
            })
        })
    };
    let requested = convert::text_range(&doc.text, &doc.line_index, range, encoding);
    let mut out = Vec::new();
    if wanted("quickfix") {
        for d in diagnostics.iter().filter(|d| touches(d.range, requested)) {
            let lsp_diagnostic =
                convert::diagnostic(&doc.text, &doc.line_index, &doc.uri, d, encoding);
            let quickfix = |title: String, edits: Vec<Edit>, preferred: bool| CodeAction {
                title,
                kind: Some(CodeActionKind::QuickFix),
                diagnostics: Some(vec![lsp_diagnostic.clone()]),
                is_preferred: preferred.then_some(true),
                edit: Some(workspace_edit(doc, &edits, encoding)),
                ..Default::default()
            };
            if let Some(fix) = d
                .fix
                .as_ref()
                .filter(|f| f.applicability != Applicability::DisplayOnly)
            {
                let unsafe_note = if fix.applicability == Applicability::Unsafe {
                    " (unsafe)"
                } else {
                    ""
                };
                out.push(quickfix(
                    format!("Fix {}: {}{unsafe_note}", d.code, fix.title),
                    fix.edits.clone(),
                    fix.applicability == Applicability::Safe,
                ));
            }
            if let Some(kind) = doc.kind() {
                out.push(quickfix(
                    format!("Ignore {} for this line", d.code),
                    vec![ignore_line_edit(doc, kind, d)],
                    false,
                ));
                out.push(quickfix(
                    format!("Ignore {} in this file", d.code),
                    vec![ignore_file_edit(doc, kind, d)],
                    false,
                ));
            }
        }
    }
    if wanted(FIX_ALL_KIND)
        && let Some(edits) = fix_all_edits(diagnostics)
    {
        out.push(CodeAction {
            title: "Fix all safe problems".to_string(),
            kind: Some(fix_all_kind()),
            edit: Some(workspace_edit(doc, &edits, encoding)),
            ..Default::default()
        });
    }
    out
}

/// A finding touches the requested range when they overlap or meet; an
/// empty request (the cursor) touches a finding it sits in or at either end of.
fn touches(finding: TextRange, requested: TextRange) -> bool {
    finding.start <= requested.end && requested.start <= finding.end
}

/// The safe fixes of the document that do not overlap, in one set of edits.
/// Fixes that touch an earlier one wait for the next run, as `caulk check --fix` does.
pub fn fix_all_edits(diagnostics: &[Diagnostic]) -> Option<Vec<Edit>> {
    let mut fixes: Vec<&caulk_lints::Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.range.start).min());
    let mut taken: Vec<TextRange> = Vec::new();
    let mut edits = Vec::new();
    for fix in fixes {
        let clashes = fix.edits.iter().any(|e| {
            taken
                .iter()
                .any(|t| e.range.start <= t.end && t.start <= e.range.end)
        });
        if clashes {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.range));
        edits.extend(fix.edits.iter().cloned());
    }
    (!edits.is_empty()).then_some(edits)
}

fn workspace_edit(doc: &Document, edits: &[Edit], encoding: Encoding) -> WorkspaceEdit {
    let text_edits = edits
        .iter()
        .map(|e| TextEdit {
            range: convert::range(&doc.text, &doc.line_index, e.range, encoding),
            new_text: e.content.clone(),
        })
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), text_edits)])),
        ..Default::default()
    }
}

/// The byte offset of the start of the line a suppression comment for `d`
/// must sit above.
///
/// A Dockerfile suppression governs the next instruction, so the comment goes
/// above the first line of the instruction holding the finding (a finding on
/// the third line of a continued `RUN` is suppressed above `RUN`). A
/// finding outside every parsed instruction (a parse error) uses its own line.
/// For YAML, the line of the finding itself.
///
/// TODO(suppressions): when the engine exposes the scope rule it uses for
/// each file kind (e.g. `caulk_lints::suppress::anchor(kind, source, range)`),
/// call it here so the editor and the engine can never disagree.
pub fn suppression_anchor(doc: &Document, kind: FileKind, d: &Diagnostic) -> u32 {
    let own_line = doc
        .line_index
        .line_start(doc.line_index.line_of(d.range.start));
    match kind {
        FileKind::Dockerfile => {
            let syntax = dockerfile::parse(&doc.text);
            syntax
                .instructions
                .iter()
                .find(|i| {
                    i.range.start <= d.range.start
                        && d.range.start < i.range.end.max(i.range.start + 1)
                })
                .map(|i| {
                    doc.line_index
                        .line_start(doc.line_index.line_of(i.range.start))
                })
                .unwrap_or(own_line)
        }
        FileKind::Kubernetes => own_line,
    }
}

fn ignore_line_edit(doc: &Document, kind: FileKind, d: &Diagnostic) -> Edit {
    let at = suppression_anchor(doc, kind, d);
    let line = doc.line_index.line_of(at);
    let line_text = doc.line_index.line_range(line, &doc.text).slice(&doc.text);
    let indent: String = line_text
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Edit::insert(
        at,
        format!("{indent}# caulk ignore={}{}", d.code, newline(&doc.text)),
    )
}

/// `# caulk global ignore=CODE` at the top of the file.
///
/// In a Dockerfile it goes below the parser directives (`# syntax=`,
/// `# escape=`), which stop being directives once any comment precedes
/// them. In YAML it goes at the top of the document (after its `---`) that
/// holds the finding.
///
/// Note: the engine applies global suppressions to Dockerfiles today; YAML
/// global suppressions are still to be supported by the Kubernetes front-end,
/// which will give this comment its effect.
fn ignore_file_edit(doc: &Document, kind: FileKind, d: &Diagnostic) -> Edit {
    let nl = newline(&doc.text);
    let at = match kind {
        FileKind::Dockerfile => {
            let syntax = dockerfile::parse(&doc.text);
            match syntax.directives.iter().map(|dir| dir.range.end).max() {
                Some(end) => doc.line_index.line_start(doc.line_index.line_of(end) + 1),
                None => 0,
            }
        }
        FileKind::Kubernetes => {
            let finding_line = doc.line_index.line_of(d.range.start);
            (0..=finding_line)
                .rev()
                .find(|&l| {
                    let text = doc.line_index.line_range(l, &doc.text).slice(&doc.text);
                    text == "---" || text.starts_with("--- ")
                })
                .map(|l| doc.line_index.line_start(l + 1))
                .unwrap_or(0)
        }
    };
    // A file whose last line has no newline gets one before the comment.
    let lead = if at as usize == doc.text.len() && !doc.text.is_empty() && !doc.text.ends_with('\n')
    {
        nl
    } else {
        ""
    };
    Edit::insert(at, format!("{lead}# caulk global ignore={}{nl}", d.code))
}

fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use caulk_lints::{Fix, Severity};
    use lsp_types::Uri;

    fn finding(text: &str, needle: &str, fix: Option<Fix>) -> Diagnostic {
        let start = text.find(needle).expect("needle in text") as u32;
        Diagnostic {
            code: "DL3008",
            name: "apt-get-version-pinning",
            severity: Severity::Warning,
            message: "pin versions".into(),
            range: TextRange::new(start, start + needle.len() as u32),
            labels: vec![],
            fix,
        }
    }

    fn doc(name: &str, lang: &str, text: &str) -> Document {
        Document::new(
            Uri::parse(&format!("file:///w/{name}")).unwrap(),
            lang.into(),
            1,
            text.into(),
        )
    }

    fn apply(text: &str, mut edits: Vec<Edit>) -> String {
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut out = text.to_string();
        for e in edits {
            out.replace_range(e.range.as_usize(), &e.content);
        }
        out
    }

    #[test]
    fn line_suppression_goes_above_the_instructions_first_line() {
        let text = "# syntax=docker/dockerfile:1\nFROM debian:12\n  RUN apt-get update && \\\n    apt-get install -y curl\n";
        let d = doc("Dockerfile", "dockerfile", text);
        let f = finding(text, "curl", None);
        let edit = ignore_line_edit(&d, FileKind::Dockerfile, &f);
        assert_eq!(
            apply(text, vec![edit]),
            "# syntax=docker/dockerfile:1\nFROM debian:12\n  # caulk ignore=DL3008\n  RUN apt-get update && \\\n    apt-get install -y curl\n"
        );
        let edit = ignore_file_edit(&d, FileKind::Dockerfile, &f);
        assert_eq!(
            apply(text, vec![edit]),
            "# syntax=docker/dockerfile:1\n# caulk global ignore=DL3008\nFROM debian:12\n  RUN apt-get update && \\\n    apt-get install -y curl\n"
        );
    }

    #[test]
    fn yaml_suppressions_follow_indentation_and_document_boundaries() {
        let text = "kind: A\n---\nkind: Pod\nspec:\n  containers:\n    - image: nginx\n";
        let d = doc("pod.yaml", "yaml", text);
        let f = finding(text, "nginx", None);
        assert_eq!(
            apply(text, vec![ignore_line_edit(&d, FileKind::Kubernetes, &f)]),
            "kind: A\n---\nkind: Pod\nspec:\n  containers:\n    # caulk ignore=DL3008\n    - image: nginx\n"
        );
        assert_eq!(
            apply(text, vec![ignore_file_edit(&d, FileKind::Kubernetes, &f)]),
            "kind: A\n---\n# caulk global ignore=DL3008\nkind: Pod\nspec:\n  containers:\n    - image: nginx\n"
        );
    }

    #[test]
    fn fix_all_takes_safe_non_overlapping_fixes_only() {
        let text = "ADD a /a\nADD b /b\n";
        let safe = |at: u32, to: &str| {
            Some(Fix::safe(
                "s",
                vec![Edit::replace(TextRange::new(at, at + 3), to)],
            ))
        };
        let diagnostics = vec![
            finding(text, "ADD a", safe(0, "COPY")),
            // Overlaps the first: left for the next run.
            finding(text, "ADD a", safe(1, "XX")),
            finding(
                text,
                "ADD b",
                Some(Fix::unsafe_(
                    "u",
                    vec![Edit::replace(TextRange::new(9, 12), "COPY")],
                )),
            ),
            finding(text, "ADD b", None),
        ];
        let edits = fix_all_edits(&diagnostics).unwrap();
        assert_eq!(apply(text, edits), "COPY a /a\nADD b /b\n");
        assert!(fix_all_edits(&diagnostics[2..]).is_none());
    }

    #[test]
    fn titles_say_unsafe_and_only_filters_kinds() {
        let text = "FROM a\nADD x /x\n";
        let d = doc("Dockerfile", "dockerfile", text);
        let fix = Fix::unsafe_(
            "Replace ADD with COPY",
            vec![Edit::replace(TextRange::new(7, 10), "COPY")],
        );
        let diagnostics = vec![finding(text, "ADD", Some(fix))];
        let whole = convert::range(
            &d.text,
            &d.line_index,
            TextRange::new(0, text.len() as u32),
            Encoding::Utf16,
        );
        let titles: Vec<String> = actions(&d, &diagnostics, whole, None, Encoding::Utf16)
            .into_iter()
            .map(|a| a.title)
            .collect();
        assert_eq!(
            titles,
            [
                "Fix DL3008: Replace ADD with COPY (unsafe)",
                "Ignore DL3008 for this line",
                "Ignore DL3008 in this file"
            ]
        );
        let source_only = [CodeActionKind::Source];
        assert!(actions(&d, &diagnostics, whole, Some(&source_only), Encoding::Utf16).is_empty());
    }

    #[test]
    fn kubernetes_hardening_fixes_are_unsafe_quick_fixes_and_not_in_fix_all() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n";
        let d = doc("pod.yaml", "yaml", text);
        let resolver = caulk_lints::config::ConfigResolver::new(
            None,
            caulk_lints::config::Overrides {
                profiles: Some(vec![caulk_lints::rules::Profile::Strict]),
                ..Default::default()
            },
        );
        let config = resolver.default_config();
        let linted = caulk_lints::lint_source(
            std::path::Path::new("pod.yaml"),
            text.to_string(),
            FileKind::Kubernetes,
            &config,
        );
        let whole = convert::range(
            &d.text,
            &d.line_index,
            TextRange::new(0, text.len() as u32),
            Encoding::Utf16,
        );
        let actions = actions(&d, &linted.diagnostics, whole, None, Encoding::Utf16);
        let fix = actions
            .iter()
            .find(|a| a.title.starts_with("Fix CK1102:"))
            .expect("a fix for allowPrivilegeEscalation");
        assert_eq!(
            fix.title,
            "Fix CK1102: Set `allowPrivilegeEscalation: false` (unsafe)"
        );
        assert_eq!(fix.is_preferred, None);
        let edits = &fix.edit.as_ref().unwrap().changes.as_ref().unwrap()[&d.uri];
        assert_eq!(edits.len(), 1);
        assert_eq!(
            edits[0].new_text,
            "      securityContext:\n        allowPrivilegeEscalation: false\n"
        );
        // Unsafe fixes stay out of "fix all safe problems".
        assert!(
            fix_all_edits(&linted.diagnostics)
                .is_none_or(|edits| edits.iter().all(|e| !e.content.contains("securityContext")))
        );
    }
}
