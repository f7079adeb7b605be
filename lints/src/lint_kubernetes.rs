//! The Kubernetes path through the engine: load the YAML stream, decide
//! whether it holds Kubernetes objects, run the rules on the objects, turn
//! YAML errors into `CK1000`, then apply suppressions.

use crate::config::Config;
use crate::kubernetes::{self, objects};
use crate::lint::LintedFile;
use crate::rules::{Check, KubernetesContext, Sink, engine};
use crate::suppress::{self, Suppression};
use crate::text::TextRange;
use crate::yaml::{self, Limits, Stream};

pub(crate) fn lint(file: &mut LintedFile, config: &Config, forced: bool) {
    let stream = yaml::load(&file.source, &Limits::default());
    if !forced && let Some(reason) = kubernetes::not_kubernetes_reason(&file.source, &stream) {
        file.skipped = Some(reason);
        return;
    }
    let objects = objects(&stream);
    file.project = Some(crate::project::ProjectFacts {
        inventory: crate::project::Inventory::of(&objects),
        ..Default::default()
    });
    let ctx = KubernetesContext {
        path: &file.path,
        source: &file.source,
        stream: &stream,
        objects: &objects,
        settings: &config.settings,
    };
    let mut diagnostics = Vec::new();
    for rule in config.rules_to_run() {
        if let Check::Kubernetes(check) = rule.check {
            let mut sink = Sink::new(rule);
            check(&ctx, &mut sink);
            diagnostics.extend(sink.into_diagnostics());
        }
    }
    let errors = stream.errors.iter().map(|e| (e.range, e.message.as_str()));
    crate::lint::report_parse_errors(&engine::ck1000::RULE, errors, config, &mut diagnostics);
    crate::lint::finish(file, diagnostics, config, |source| {
        let mut all = suppressions(&stream, source);
        all.extend(kubernetes::annotation_suppressions(&objects, source));
        all
    });
}

/// `# caulk ignore=…` comments: at the end of a line they cover that line's
/// node; on a line of their own, the node on the next line that holds one
/// (its key and everything below it). `# caulk global ignore=…` covers the file.
fn suppressions(stream: &Stream, source: &str) -> Vec<Suppression> {
    let line_index = crate::text::LineIndex::new(source);
    let mut out = Vec::new();
    for comment in &stream.comments {
        let text_range = TextRange::new(comment.text_start(), comment.range.end);
        let Some(mut s) =
            suppress::parse_comment(text_range.slice(source), text_range.start, comment.range)
        else {
            continue;
        };
        s.removal = suppress::comment_line(source, comment.range);
        if !s.global {
            let line = line_index.line_of(comment.range.start);
            let line_start = line_index.line_start(line);
            let own_line = source[line_start as usize..comment.range.start as usize]
                .trim()
                .is_empty();
            let target_line = if own_line {
                next_content_line(source, &line_index, line)
            } else {
                Some(line)
            };
            s.scope = target_line
                .and_then(|l| node_scope_at_line(stream, &line_index, l))
                .unwrap_or(TextRange::empty(u32::MAX));
        }
        out.push(s);
    }
    out
}

fn next_content_line(source: &str, index: &crate::text::LineIndex, after: usize) -> Option<usize> {
    (after + 1..index.line_count()).find(|&l| {
        let text = index.line_range(l, source).slice(source).trim();
        !text.is_empty() && !text.starts_with('#')
    })
}

/// The range covered by the first mapping entry (or sequence item) that starts
/// on `line`: from its key to the end of its value.
fn node_scope_at_line(
    stream: &Stream,
    index: &crate::text::LineIndex,
    line: usize,
) -> Option<TextRange> {
    let mut best: Option<TextRange> = None;
    for doc in &stream.documents {
        if let Some(found) = scope_in(&doc.root, index, line) {
            best = Some(found);
            break;
        }
    }
    best
}

fn scope_in(node: &yaml::Node, index: &crate::text::LineIndex, line: usize) -> Option<TextRange> {
    use yaml::NodeValue;
    match &node.value {
        NodeValue::Mapping(entries) => {
            for e in entries {
                if e.key.alias.is_some() {
                    continue;
                }
                if index.line_of(e.key.range.start) == line {
                    return Some(e.key.range.cover(e.value.range));
                }
                let covers = index.line_of(e.value.range.start) <= line
                    && line <= index.line_of(e.value.range.end);
                if covers && let Some(found) = scope_in(&e.value, index, line) {
                    return Some(found);
                }
            }
            None
        }
        NodeValue::Sequence(items) => items.iter().find_map(|item| {
            if item.alias.is_none() && index.line_of(item.range.start) == line && !item.is_mapping()
            {
                Some(item.range)
            } else {
                scope_in(item, index, line)
            }
        }),
        _ => None,
    }
}
