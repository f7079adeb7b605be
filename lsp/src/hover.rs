//! Hover: a rule's documentation, over a finding or over a code written in a
//! suppression comment.

use crate::convert::{self, Encoding};
use crate::documents::Document;
use caulk_lints::rules::{Rule, registry};
use caulk_lints::suppress;
use caulk_lints::{Diagnostic, TextRange};
use lsp_types::{Contents, Hover, MarkupContent, MarkupKind};

/// The rule under `offset` and the text to highlight: a code inside a
/// suppression comment wins over the finding it sits in (the comment may
/// itself be an unused-suppression finding).
pub fn hover(
    doc: &Document,
    diagnostics: &[Diagnostic],
    offset: u32,
    encoding: Encoding,
) -> Option<Hover> {
    let (rule, range) = code_in_comment(doc, offset).or_else(|| {
        diagnostics
            .iter()
            .find(|d| d.range.start <= offset && offset <= d.range.end)
            .and_then(|d| Some((registry::find(d.code)?, d.range)))
    })?;
    Some(Hover {
        contents: Contents::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: rule_markdown(rule),
        }),
        range: Some(convert::range(&doc.text, &doc.line_index, range, encoding)),
    })
}

/// A code in `# caulk ignore=…` / `# hadolint ignore=…` (global too) on the
/// line of `offset`. Every `#` on the line is tried, so trailing YAML
/// comments (`image: x  # caulk ignore=…`) count as well.
fn code_in_comment(doc: &Document, offset: u32) -> Option<(&'static Rule, TextRange)> {
    let line = doc
        .line_index
        .line_range(doc.line_index.line_of(offset), &doc.text);
    let text = line.slice(&doc.text);
    for (i, _) in text.match_indices('#') {
        let hash = line.start + i as u32;
        let comment = TextRange::new(hash, line.end);
        let after = TextRange::new(hash + 1, line.end).slice(&doc.text);
        let Some(s) = suppress::parse_comment(after, hash + 1, comment) else {
            continue;
        };
        return s
            .codes
            .into_iter()
            .find(|c| c.range.start <= offset && offset <= c.range.end)
            .and_then(|c| Some((c.rule?, c.range)));
    }
    None
}

/// The rule's documentation as `caulk rule CODE` shows it, with a heading
/// naming it and links to what it comes from.
pub fn rule_markdown(rule: &Rule) -> String {
    let mut out = format!("### {} `{}`\n\n{}\n\n", rule.code, rule.name, rule.summary);
    out.push_str(&rule.documentation());
    if !rule.references.is_empty() {
        out.push_str("\n**References**\n\n");
        for r in rule.references {
            match r.url() {
                Some(url) if r.source == caulk_lints::rules::Source::Url => {
                    out.push_str(&format!("- <{url}>\n"))
                }
                Some(url) => out.push_str(&format!("- [{} {}]({url})\n", r.source_name(), r.id)),
                None => out.push_str(&format!("- {} {}\n", r.source_name(), r.id)),
            }
        }
    }
    if let Some(url) = convert::docs_url(rule.code) {
        out.push_str(&format!("\n[Documentation for {}]({url})\n", rule.code));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Uri;

    #[test]
    fn finds_codes_in_suppression_comments() {
        let text = "FROM a\n# hadolint ignore=DL1000,CX1001\nRUN x\n";
        let doc = Document::new(
            Uri::parse("file:///w/Dockerfile").unwrap(),
            "dockerfile".into(),
            1,
            text.into(),
        );
        let at = text.find("CX1001").unwrap() as u32 + 2;
        let (rule, range) = code_in_comment(&doc, at).expect("a code under the cursor");
        assert_eq!(rule.code, "CX1001");
        assert_eq!(range.slice(text), "CX1001");
        assert!(code_in_comment(&doc, 2).is_none());
        let h = hover(&doc, &[], at, Encoding::Utf16).unwrap();
        let Contents::MarkupContent(m) = h.contents else {
            panic!("markdown expected")
        };
        assert!(m.value.contains("## What it does"), "{}", m.value);
        assert!(m.value.contains("https://caulk.dev/rules/CX1001"));
    }
}
