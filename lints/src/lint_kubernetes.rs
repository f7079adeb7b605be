//! The Kubernetes path through the engine: load the YAML stream, decide
//! whether it holds Kubernetes objects, run the rules on the objects, turn
//! YAML errors into `CK1000`, then apply suppressions.
//!
//! A large file is linted as independent pieces of whole documents, in
//! parallel, each piece's tree dropped as soon as its findings are out.
//! That gives the same findings as one piece: YAML documents are
//! independent (anchors belong to a document), every Kubernetes rule judges
//! objects one by one (the one that looks for another object of the file,
//! CK2105, notes what it did not find for [`settle_elsewhere`]), the
//! cross-file rules read the inventory, and what spans pieces is combined
//! here: the Kubernetes-or-not decision, the alias budget (see
//! [`settle_aliases`]), a comment whose node starts the next piece, and the
//! suppressions, applied over the whole file.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::kubernetes::{self, StreamFacts, objects};
use crate::lint::LintedFile;
use crate::project::Inventory;
use crate::rules::{Check, Elsewhere, KubernetesContext, Sink, engine};
use crate::suppress::{self, Suppression};
use crate::text::{LineIndex, TextRange};
use crate::yaml::{self, Limits, Stream};
use rayon::prelude::*;
use std::cell::RefCell;
use std::path::Path;

/// How a large manifest is cut into pieces. Public only so that tests can
/// choose small sizes; [`Chunking::default`] is what the engine uses.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Chunking {
    /// Files of up to this many bytes are linted as one piece.
    pub threshold: usize,
    /// A piece holds whole documents and at least this many bytes (the last
    /// one may hold fewer).
    pub piece: usize,
}

impl Default for Chunking {
    /// Pieces big enough that splitting costs nothing noticeable, small
    /// enough that a tree in memory stays a few megabytes.
    fn default() -> Self {
        Self {
            threshold: 256 * 1024,
            piece: 128 * 1024,
        }
    }
}

pub(crate) fn lint(
    file: &mut LintedFile,
    config: &Config,
    forced: bool,
    chunking: Chunking,
    cache: Option<&mut PieceCache>,
) {
    let bounds = pieces(&file.source, chunking);
    let whole = Whole {
        path: &file.path,
        source: &file.source,
        lines: &file.line_index,
        config,
    };
    let mut pieces: Vec<Piece> = if let Some(cache) = cache {
        cache.lint(&whole, &bounds)
    } else if let [(start, end)] = bounds[..] {
        // One piece: as soon as it is clear the file is no manifest, stop.
        vec![whole.lint_piece(start, end, 0, !forced)]
    } else {
        bounds
            .par_iter()
            .map(|&(start, end)| whole.lint_piece(start, end, 0, false))
            .collect()
    };
    settle_aliases(&whole, &mut pieces);
    let facts = pieces
        .iter()
        .fold(StreamFacts::default(), |all, p| all.merge(p.facts));
    if !forced && let Some(reason) = facts.not_kubernetes_reason(&file.source) {
        file.skipped = Some(reason);
        return;
    }
    settle_elsewhere(&mut pieces);
    for k in 1..pieces.len() {
        let scope = pieces[k].first_line_scope;
        let previous = &mut pieces[k - 1];
        for &i in &previous.scope_in_next {
            previous.comments[i].scope = scope.unwrap_or(TextRange::empty(u32::MAX));
        }
    }
    let mut inventory = Inventory::default();
    let mut groups = Vec::with_capacity(pieces.len());
    let mut suppressions = Vec::new();
    let mut annotations = Vec::new();
    for piece in pieces {
        inventory.workloads.extend(piece.inventory.workloads);
        inventory
            .network_policies
            .extend(piece.inventory.network_policies);
        inventory.services.extend(piece.inventory.services);
        groups.push(piece.diagnostics);
        suppressions.extend(piece.comments);
        annotations.extend(piece.annotations);
    }
    // As in one piece: every comment, then every annotation.
    suppressions.extend(annotations);
    file.project = Some(crate::project::ProjectFacts {
        inventory,
        enabled: crate::rules::registry::all()
            .iter()
            .copied()
            .filter(|r| crate::project::is_project_rule(r) && config.is_enabled(r))
            .collect(),
        ..Default::default()
    });
    crate::lint::finish_groups(file, groups, config, suppressions);
}

/// The pieces of `source`: `[start, end)` ranges of whole documents.
fn pieces(source: &str, chunking: Chunking) -> Vec<(usize, usize)> {
    if source.len() <= chunking.threshold {
        return vec![(0, source.len())];
    }
    let mut bounds = Vec::new();
    let mut start = 0;
    for at in yaml::document_starts(source) {
        if at >= start + chunking.piece.max(1) && !after_directive(source, at) {
            bounds.push((start, at));
            start = at;
        }
    }
    bounds.push((start, source.len()));
    bounds
}

/// Whether a `%YAML` or `%TAG` directive, which belongs to the document
/// that the `---` line at `at` starts, stands before it.
fn after_directive(source: &str, at: usize) -> bool {
    source[..at]
        .lines()
        .rev()
        .take_while(|l| {
            let l = l.trim();
            l.is_empty() || l.starts_with('#') || l.starts_with('%')
        })
        .any(|l| l.starts_with('%'))
}

/// The file, as every piece sees it.
struct Whole<'a> {
    path: &'a Path,
    source: &'a str,
    lines: &'a LineIndex,
    config: &'a Config,
}

/// What one piece of the file contributes. Its tree is gone.
#[derive(Clone, Default)]
struct Piece {
    start: usize,
    end: usize,
    facts: StreamFacts,
    /// Rule findings and `CK1000`, not yet configured or suppressed.
    diagnostics: Vec<Diagnostic>,
    /// Comment suppressions, with their scopes.
    comments: Vec<Suppression>,
    /// Comments (indices into `comments`) whose node is on the first line
    /// of the next piece, which this piece cannot see.
    scope_in_next: Vec<usize>,
    /// The scope of the node on this piece's first line, for those.
    first_line_scope: Option<TextRange>,
    annotations: Vec<Suppression>,
    inventory: Inventory,
    /// ServiceAccounts that set `automountServiceAccountToken: false`: name and namespace.
    automount_off: Vec<(String, Option<String>)>,
    elsewhere: Vec<Elsewhere>,
    /// Alias budget the piece used, and whether it ran out.
    alias_nodes: usize,
    alias_exhausted: bool,
    /// A message names a line (a duplicate key's first definition).
    names_lines: bool,
}

impl Whole<'_> {
    /// Lints `[start, end)` with the alias budget already at `alias_start`.
    /// With `stop_if_not_kubernetes`, rules do not run when the piece holds no manifest.
    fn lint_piece(
        &self,
        start: usize,
        end: usize,
        alias_start: usize,
        stop_if_not_kubernetes: bool,
    ) -> Piece {
        let source = self.source;
        let first_line = self.lines.line_of(start as u32);
        let load = yaml::load_range(
            source,
            start,
            end,
            first_line,
            &Limits::default(),
            alias_start,
        );
        let stream = load.stream;
        // Found before the Kubernetes-or-not facts, which they give without another walk.
        let objects = objects(&stream);
        let mut piece = Piece {
            start,
            end,
            names_lines: stream
                .errors
                .iter()
                .any(|e| e.kind == yaml::YamlErrorKind::DuplicateKey),
            facts: StreamFacts::with_objects(&stream, &objects),
            alias_nodes: load.alias_nodes - alias_start,
            alias_exhausted: load.alias_exhausted,
            ..Piece::default()
        };
        if stop_if_not_kubernetes && piece.facts.not_kubernetes_reason(source).is_some() {
            return piece;
        }
        piece.inventory = Inventory::of(&objects);
        piece.automount_off = objects
            .iter()
            .filter_map(|o| {
                let name = crate::rules::kubernetes::ck2105::disables_automount(o)?;
                Some((name.to_string(), o.namespace.map(str::to_string)))
            })
            .collect();
        let elsewhere = RefCell::new(Vec::new());
        let ctx = KubernetesContext {
            path: self.path,
            source,
            stream: &stream,
            objects: &objects,
            settings: &self.config.settings,
            elsewhere: Some(&elsewhere),
        };
        let config = self.config;
        for rule in config.rules_to_run() {
            if let Check::Kubernetes(check) = rule.check {
                let mut sink = Sink::new(rule);
                check(&ctx, &mut sink);
                piece.diagnostics.extend(sink.into_diagnostics());
            }
        }
        piece.elsewhere = elsewhere.into_inner();
        let errors = stream.errors.iter().map(|e| (e.range, e.message.as_str()));
        crate::lint::report_parse_errors(
            &engine::ck1000::RULE,
            errors,
            config,
            &mut piece.diagnostics,
        );
        let end_line = (end < source.len()).then(|| self.lines.line_of(end as u32));
        (piece.comments, piece.scope_in_next) = suppressions(&stream, source, self.lines, end_line);
        if start > 0 {
            piece.first_line_scope = node_scope_at_line(&stream, self.lines, first_line);
        }
        piece.annotations = kubernetes::annotation_suppressions(&objects, source);
        // Sorted here, in parallel: pieces follow each other in the file, so
        // the file's findings are then nearly in order and its sort is short.
        crate::lint::sort(&mut piece.diagnostics);
        piece
    }
}

/// The alias budget counts over the whole file, in file order: pieces are
/// first linted in parallel as if each were the first to use it. Where that
/// is not what the file in one piece gives (the budget is used up before
/// the piece, or runs out in it), the piece is linted again with the budget
/// its predecessors left, one after another. Files that stay within the
/// budget, nearly all, are linted once.
fn settle_aliases(whole: &Whole<'_>, pieces: &mut [Piece]) {
    let limit = Limits::default().max_alias_nodes;
    let mut used = 0usize;
    for piece in pieces.iter_mut() {
        let exact = (piece.alias_nodes == 0 && !piece.alias_exhausted)
            || used == 0
            || (!piece.alias_exhausted && used.saturating_add(piece.alias_nodes) <= limit);
        if !exact {
            *piece = whole.lint_piece(piece.start, piece.end, used, false);
        }
        used = used.saturating_add(piece.alias_nodes);
    }
}

/// Drops CK2105 findings about pods whose ServiceAccount, which disables
/// token mounting, is in another piece of the file.
fn settle_elsewhere(pieces: &mut [Piece]) {
    if pieces.len() < 2 || pieces.iter().all(|p| p.elsewhere.is_empty()) {
        return;
    }
    let mut accounts: std::collections::HashMap<&str, Vec<Option<&str>>> = Default::default();
    for piece in pieces.iter() {
        for (name, namespace) in &piece.automount_off {
            accounts
                .entry(name.as_str())
                .or_default()
                .push(namespace.as_deref());
        }
    }
    let mut drop: Vec<Vec<TextRange>> = Vec::with_capacity(pieces.len());
    for piece in pieces.iter() {
        let ranges = piece
            .elsewhere
            .iter()
            .filter_map(|e| match e {
                Elsewhere::AutomountOffAccount {
                    finding,
                    account,
                    namespace,
                } => accounts
                    .get(account.as_str())
                    .is_some_and(|found| {
                        found
                            .iter()
                            .any(|&ns| crate::project::same_namespace(ns, namespace.as_deref()))
                    })
                    .then_some(*finding),
            })
            .collect();
        drop.push(ranges);
    }
    let code = crate::rules::kubernetes::ck2105::RULE.code;
    for (piece, ranges) in pieces.iter_mut().zip(drop) {
        if !ranges.is_empty() {
            piece
                .diagnostics
                .retain(|d| !(d.code == code && ranges.contains(&d.range)));
        }
    }
}

/// `# caulk ignore=…` comments: at the end of a line they cover that line's
/// node; on a line of their own, the node on the next line that holds one
/// (its key and everything below it). `# caulk global ignore=…` covers the file.
///
/// A comment whose node lies past `end_line` (the first line of the next
/// piece) is listed in the second vector: its scope is that piece's to find.
fn suppressions(
    stream: &Stream,
    source: &str,
    line_index: &LineIndex,
    end_line: Option<usize>,
) -> (Vec<Suppression>, Vec<usize>) {
    let mut out = Vec::new();
    let mut in_next = Vec::new();
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
                next_content_line(source, line_index, line)
            } else {
                Some(line)
            };
            if let (Some(target), Some(end)) = (target_line, end_line)
                && target >= end
            {
                in_next.push(out.len());
            }
            s.scope = target_line
                .and_then(|l| node_scope_at_line(stream, line_index, l))
                .unwrap_or(TextRange::empty(u32::MAX));
        }
        out.push(s);
    }
    (out, in_next)
}

fn next_content_line(source: &str, index: &LineIndex, after: usize) -> Option<usize> {
    (after + 1..index.line_count()).find(|&l| {
        let text = index.line_range(l, source).slice(source).trim();
        !text.is_empty() && !text.starts_with('#')
    })
}

/// The range covered by the first mapping entry (or sequence item) that starts
/// on `line`: from its key to the end of its value.
fn node_scope_at_line(stream: &Stream, index: &LineIndex, line: usize) -> Option<TextRange> {
    let mut best: Option<TextRange> = None;
    for doc in &stream.documents {
        if let Some(found) = scope_in(&doc.root, index, line) {
            best = Some(found);
            break;
        }
    }
    best
}

fn scope_in(node: &yaml::Node, index: &LineIndex, line: usize) -> Option<TextRange> {
    scope_in_span(node, &LineSpan::of(index, line))
}

/// The offsets of one line, so that the walk below compares offsets
/// rather than searching the line index for every node it passes.
struct LineSpan {
    /// Where the line starts; `u64::MAX` for a line past the end.
    start: u64,
    /// Where the next line starts; `u64::MAX` for the last line.
    next: u64,
}

impl LineSpan {
    fn of(index: &LineIndex, line: usize) -> Self {
        let start_of = |l: usize| {
            if l < index.line_count() {
                u64::from(index.line_start(l))
            } else {
                u64::MAX
            }
        };
        Self {
            start: start_of(line),
            next: start_of(line + 1),
        }
    }

    /// `index.line_of(offset) == line`.
    fn holds(&self, offset: u32) -> bool {
        self.start <= u64::from(offset) && u64::from(offset) < self.next
    }

    /// `index.line_of(start) <= line && line <= index.line_of(end)`.
    fn within(&self, range: TextRange) -> bool {
        u64::from(range.start) < self.next && self.start <= u64::from(range.end)
    }
}

fn scope_in_span(node: &yaml::Node, line: &LineSpan) -> Option<TextRange> {
    use yaml::NodeValue;
    match &node.value {
        NodeValue::Mapping(entries) => {
            for e in entries {
                if e.key.alias.is_some() {
                    continue;
                }
                if line.holds(e.key.range.start) {
                    return Some(e.key.range.cover(e.value.range));
                }
                if line.within(e.value.range)
                    && let Some(found) = scope_in_span(&e.value, line)
                {
                    return Some(found);
                }
            }
            None
        }
        NodeValue::Sequence(items) => items.iter().find_map(|item| {
            if item.alias.is_none() && line.holds(item.range.start) && !item.is_mapping() {
                Some(item.range)
            } else {
                scope_in_span(item, line)
            }
        }),
        _ => None,
    }
}

/// The pieces of a document's last lint, for the language server: on the
/// next lint, a piece whose text did not change is not loaded or linted
/// again; its findings, suppressions and inventory are moved to where the
/// piece now starts. Whoever keeps the cache clears it when the
/// configuration changes.
#[derive(Default)]
pub struct PieceCache {
    /// In file order.
    pieces: Vec<Cached>,
}

/// A piece's text and outcome, as if the piece started at offset 0.
struct Cached {
    text: String,
    first_line: usize,
    piece: Piece,
}

impl PieceCache {
    pub fn clear(&mut self) {
        self.pieces.clear();
    }

    fn lint(&mut self, whole: &Whole<'_>, bounds: &[(usize, usize)]) -> Vec<Piece> {
        let mut old: Vec<Option<Cached>> = std::mem::take(&mut self.pieces)
            .into_iter()
            .map(Some)
            .collect();
        let text = |i: usize| &whole.source[bounds[i].0..bounds[i].1];
        let same = |old: &Option<Cached>, i: usize| old.as_ref().is_some_and(|c| c.text == text(i));
        // An edit changes the pieces it touches; the others keep their
        // place counted from the start or from the end of the file.
        let (new_count, old_count) = (bounds.len(), old.len());
        let mut from = vec![None; new_count];
        let mut prefix = 0;
        while prefix < new_count.min(old_count) && same(&old[prefix], prefix) {
            from[prefix] = Some(prefix);
            prefix += 1;
        }
        let mut suffix = 0;
        while suffix < (new_count - prefix).min(old_count - prefix)
            && same(&old[old_count - 1 - suffix], new_count - 1 - suffix)
        {
            from[new_count - 1 - suffix] = Some(old_count - 1 - suffix);
            suffix += 1;
        }
        let mut out = Vec::with_capacity(new_count);
        for (i, &(start, end)) in bounds.iter().enumerate() {
            let first_line = whole.lines.line_of(start as u32);
            let reused = from[i]
                .and_then(|j| old[j].take())
                // A piece whose messages name lines is reused only where it was.
                .filter(|c| !c.piece.names_lines || c.first_line == first_line);
            let mut cached = reused.unwrap_or_else(|| {
                let mut piece = whole.lint_piece(start, end, 0, false);
                piece.shift(-(start as i64));
                Cached {
                    text: text(i).to_string(),
                    first_line,
                    piece,
                }
            });
            let mut piece = cached.piece.clone();
            piece.shift(start as i64);
            out.push(piece);
            cached.first_line = first_line;
            self.pieces.push(cached);
        }
        out
    }
}

impl Piece {
    /// Moves every position by `by` bytes.
    fn shift(&mut self, by: i64) {
        let at = |offset: usize| (offset as i64 + by) as usize;
        self.start = at(self.start);
        self.end = at(self.end);
        for d in &mut self.diagnostics {
            shift_diagnostic(d, by);
        }
        for s in self.comments.iter_mut().chain(&mut self.annotations) {
            shift_suppression(s, by);
        }
        if let Some(scope) = &mut self.first_line_scope {
            *scope = moved(*scope, by);
        }
        for w in &mut self.inventory.workloads {
            w.anchor = moved(w.anchor, by);
            if let Some(node) = &mut w.pod_labels {
                shift_node(node, by);
            }
        }
        for p in &mut self.inventory.network_policies {
            if let Some(node) = &mut p.pod_selector {
                shift_node(node, by);
            }
        }
        for s in &mut self.inventory.services {
            s.anchor = moved(s.anchor, by);
        }
        for e in &mut self.elsewhere {
            match e {
                Elsewhere::AutomountOffAccount { finding, .. } => *finding = moved(*finding, by),
            }
        }
    }
}

/// `range` moved by `by` bytes; the empty range at `u32::MAX` that stands
/// for "nowhere" stays where it is.
fn moved(range: TextRange, by: i64) -> TextRange {
    if range == TextRange::empty(u32::MAX) {
        return range;
    }
    let at = |offset: u32| (i64::from(offset) + by) as u32;
    TextRange::new(at(range.start), at(range.end))
}

fn shift_diagnostic(d: &mut Diagnostic, by: i64) {
    d.range = moved(d.range, by);
    for label in &mut d.labels {
        label.range = moved(label.range, by);
    }
    if let Some(fix) = &mut d.fix {
        for edit in &mut fix.edits {
            edit.range = moved(edit.range, by);
        }
    }
}

fn shift_suppression(s: &mut Suppression, by: i64) {
    s.comment = moved(s.comment, by);
    s.removal = moved(s.removal, by);
    s.scope = moved(s.scope, by);
    for code in &mut s.codes {
        code.range = moved(code.range, by);
    }
    if let Some(expiry) = &mut s.expires {
        expiry.range = moved(expiry.range, by);
    }
}

fn shift_node(node: &mut yaml::Node, by: i64) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        node.range = moved(node.range, by);
        node.alias = node.alias.map(|a| moved(a, by));
        match &mut node.value {
            yaml::NodeValue::Sequence(items) => stack.extend(items.iter_mut()),
            yaml::NodeValue::Mapping(entries) => {
                for e in entries.iter_mut() {
                    stack.push(&mut e.key);
                    stack.push(&mut e.value);
                }
            }
            yaml::NodeValue::Null | yaml::NodeValue::Scalar(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_span_answers_as_the_line_index_does() {
        for text in ["", "\n", "a", "a: 1\n", "a:\n  b: 1\n\n- c\r\nd", "\n\n\nx"] {
            let index = LineIndex::new(text);
            let len = text.len() as u32;
            for line in 0..index.line_count() + 2 {
                let span = LineSpan::of(&index, line);
                for start in 0..=len {
                    assert_eq!(span.holds(start), index.line_of(start) == line);
                    for end in start..=len {
                        assert_eq!(
                            span.within(TextRange::new(start, end)),
                            index.line_of(start) <= line && line <= index.line_of(end),
                            "{text:?} line {line} {start}..{end}"
                        );
                    }
                }
            }
        }
    }
}
