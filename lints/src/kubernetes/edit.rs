//! Minimal text edits on YAML manifests, computed from the span-keeping tree,
//! for the Kubernetes fixes.
//!
//! Every edit touches only the bytes it must: a replaced value keeps its
//! quotes, an inserted key takes the indentation of its siblings (the column
//! of `name` in a `- name:` item) or joins a flow mapping as `, key: value`,
//! and a removed key takes its own line and nothing else. Comments, key order,
//! quoting and line endings elsewhere stay as they were (a CRLF file gets CRLF
//! inserted lines from [`crate::fix::apply_fixes`]).
//!
//! A function returns `None` rather than guess when the shape is unusual: an
//! aliased or merged node (an edit there would change every user of the
//! anchor), a key that is not alone at the start of its line, or a null
//! parent.

use crate::diagnostic::Edit;
use crate::text::TextRange;
use crate::yaml::{Entry, Node, NodeValue, ScalarStyle};

/// A value to insert.
#[derive(Clone, Debug)]
pub enum Value<'v> {
    /// Written as given (`false`, `RuntimeDefault`, `ALL`).
    Scalar(&'v str),
    Map(Vec<(&'v str, Value<'v>)>),
    Seq(Vec<&'v str>),
}

impl<'v> Value<'v> {
    /// `path` nested as single-key mappings around `leaf`:
    /// `nest(&["seccompProfile", "type"], leaf)` is `seccompProfile: {type: leaf}`
    /// without its first key.
    fn nest(path: &[&'v str], leaf: Value<'v>) -> Value<'v> {
        path.iter()
            .rev()
            .fold(leaf, |inner, key| Value::Map(vec![(key, inner)]))
    }

    /// Flow style; `json` quotes keys and strings so a JSON file stays JSON.
    fn flow(&self, json: bool) -> String {
        match self {
            Value::Scalar(s) => scalar(s, json),
            Value::Map(entries) => {
                let items: Vec<_> = entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", key_text(k, json), v.flow(json)))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
            Value::Seq(items) => {
                let items: Vec<_> = items.iter().map(|i| scalar(i, json)).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }

    /// `key: value` as block lines at `indent` columns, children `step`
    /// deeper, each line ended by `\n`.
    fn block(&self, key: &str, indent: usize, step: usize, out: &mut String) {
        pad(out, indent);
        out.push_str(key);
        out.push(':');
        match self {
            Value::Scalar(s) => {
                out.push(' ');
                out.push_str(s);
                out.push('\n');
            }
            Value::Map(entries) => {
                out.push('\n');
                for (k, v) in entries {
                    v.block(k, indent + step, step, out);
                }
            }
            Value::Seq(items) => {
                out.push('\n');
                for item in items {
                    pad(out, indent + step);
                    out.push_str("- ");
                    out.push_str(item);
                    out.push('\n');
                }
            }
        }
    }
}

/// Appends `n` spaces.
fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn key_text(key: &str, json: bool) -> String {
    if json {
        format!("\"{key}\"")
    } else {
        key.to_string()
    }
}

/// A scalar as written: JSON strings are quoted, booleans and numbers are not.
fn scalar(text: &str, json: bool) -> String {
    let string = matches!(
        crate::yaml::scalar::resolve_plain(text),
        crate::yaml::Resolved::Str(_)
    );
    if json && string {
        format!("\"{text}\"")
    } else {
        text.to_string()
    }
}

/// Whether a flow collection is written as JSON: its keys (or, for a
/// sequence, its items) are double-quoted, or, when it is empty, the file
/// starts with `{` or `[`.
fn json_style(source: &str, collection: &Node) -> bool {
    let quoted = |n: &Node| {
        n.as_scalar()
            .is_some_and(|s| s.style == ScalarStyle::DoubleQuoted)
    };
    match &collection.value {
        NodeValue::Mapping(entries) if !entries.is_empty() => {
            entries.iter().all(|e| quoted(&e.key))
        }
        NodeValue::Sequence(items) if !items.is_empty() => items.iter().all(quoted),
        _ => source
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with(['{', '[']),
    }
}

fn line_start(source: &str, at: usize) -> usize {
    memchr::memrchr(b'\n', &source.as_bytes()[..at]).map_or(0, |i| i + 1)
}

/// The offset just after the newline ending the line that holds `at`.
fn next_line_start(source: &str, at: usize) -> Option<usize> {
    source[at..].find('\n').map(|i| at + i + 1)
}

fn is_flow(source: &str, collection: &Node) -> bool {
    matches!(
        source.as_bytes().get(collection.range.start as usize),
        Some(b'{' | b'[')
    )
}

/// A node that came through an alias or merge: editing it would edit the anchor.
fn aliased(node: &Node) -> bool {
    node.alias.is_some()
}

/// The column of a block key, when only spaces and `- ` item markers precede it.
fn key_column(source: &str, key: &Node) -> Option<usize> {
    let at = key.range.start as usize;
    let start = line_start(source, at);
    source[start..at]
        .bytes()
        .all(|b| b == b' ' || b == b'-')
        .then_some(at - start)
}

/// The last node written inside a block collection (its last entry's
/// value, recursively), where an insertion after it must go. A flow
/// collection is its own last node: its range ends at its closing bracket.
fn deepest_last<'n>(source: &str, node: &'n Node) -> &'n Node {
    if is_flow(source, node) {
        return node;
    }
    match &node.value {
        NodeValue::Mapping(entries) => entries
            .last()
            .map_or(node, |e| deepest_last(source, &e.value)),
        NodeValue::Sequence(items) => items.last().map_or(node, |i| deepest_last(source, i)),
        _ => node,
    }
}

/// Whether `source[from..]` up to the end of its line is blank or a comment.
fn rest_of_line_is_blank(source: &str, from: usize) -> bool {
    let rest = &source[from..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let line = line.trim_end_matches('\r').trim();
    line.is_empty() || line.starts_with('#')
}

/// How far this file indents a nested block mapping under its key: the
/// first `key:` line followed by a deeper `key: …` line decides (2 when
/// there is none).
///
/// Every inserted mapping asks, and the pieces of a large file all pass
/// the whole file: the text up to the deciding line is kept (per thread)
/// with its answer, and a text that starts with it gets the same answer
/// without scanning the lines before the decision (often a licence header).
fn indent_step(source: &str) -> usize {
    thread_local! {
        static LAST: std::cell::RefCell<(String, usize)> =
            const { std::cell::RefCell::new((String::new(), 0)) };
    }
    LAST.with_borrow_mut(|(prefix, step)| {
        if !prefix.is_empty() && source.starts_with(prefix.as_str()) {
            return *step;
        }
        let (answer, decided_by) = indent_step_scan(source);
        prefix.clear();
        if let Some(end) = decided_by {
            prefix.push_str(&source[..end]);
        }
        *step = answer;
        answer
    })
}

/// [`indent_step`], and the end of the text that decided it when that is a
/// prefix of `source` ending with a line end (any text starting with that
/// prefix has the same answer).
fn indent_step_scan(source: &str) -> (usize, Option<usize>) {
    // The column of a line's key, past any `- ` item markers.
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '-']).len();
    let mut previous: Option<&str> = None;
    for (line, end) in content_lines(source) {
        if let Some(parent) = previous
            && !line.trim_start().starts_with('-')
            && indent(line) > indent(parent)
        {
            let decided_by = (end < source.len()).then_some(end + 1);
            return (indent(line) - indent(parent), decided_by);
        }
        previous = line.trim_end().ends_with(':').then_some(line);
    }
    (2, None)
}

/// The lines of `source` that are neither blank nor comments, without
/// their line ends (as `str::lines`, with every trailing `\r` trimmed),
/// each with the offset of its `\n` (or the length of `source`).
fn content_lines(source: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < source.len() {
            let end = memchr::memchr(b'\n', &source.as_bytes()[start..])
                .map_or(source.len(), |i| start + i);
            let line = source[start..end].trim_end_matches('\r');
            start = end + 1;
            // Most lines start with a key or a `#`: only the others need the
            // Unicode-aware trims.
            let content = match line.as_bytes().first() {
                Some(b'#') => false,
                Some(b) if b.is_ascii_graphic() => true,
                _ => !line.trim().is_empty() && !line.trim_start().starts_with('#'),
            };
            if content {
                return Some((line, end));
            }
        }
        None
    })
}

/// Replaces a scalar value with `text`, keeping its quotes. A null value
/// (`key:`, `key: ~`) is replaced with `: text` after the key.
pub fn set_value(source: &str, entry: &Entry, text: &str) -> Option<Edit> {
    let value = &entry.value;
    if aliased(value) || aliased(&entry.key) {
        return None;
    }
    match &value.value {
        NodeValue::Scalar(s) if !value.is_null() || s.style != ScalarStyle::Plain => {
            let written = value.range.slice(source);
            // `"true"` is a string: a boolean or number must lose its quotes.
            let keeps_quotes = matches!(
                crate::yaml::scalar::resolve_plain(text),
                crate::yaml::Resolved::Str(_)
            );
            let quoted = match s.style {
                ScalarStyle::DoubleQuoted | ScalarStyle::SingleQuoted if !keeps_quotes => {
                    text.to_string()
                }
                ScalarStyle::DoubleQuoted if written.starts_with('"') => format!("\"{text}\""),
                ScalarStyle::SingleQuoted if written.starts_with('\'') => format!("'{text}'"),
                ScalarStyle::Plain => text.to_string(),
                _ => return None,
            };
            Some(Edit::replace(value.range, quoted))
        }
        NodeValue::Scalar(_) | NodeValue::Null => {
            let key_end = entry.key.range.end as usize;
            let colon = key_end + source[key_end..].find(':')?;
            let end = match value.value {
                NodeValue::Null => colon + 1,
                _ => value.range.end as usize,
            };
            if value.tag().is_some()
                || end <= colon
                || !matches!(
                    source[colon + 1..end].trim(),
                    "" | "~" | "null" | "Null" | "NULL"
                )
            {
                return None;
            }
            Some(Edit::replace(
                TextRange::from_usize(colon, end),
                format!(": {text}"),
            ))
        }
        _ => None,
    }
}

/// Inserts `key: value` into `mapping`, after its last entry, in the
/// mapping's style. `None` if the mapping already has the key.
pub fn insert_entry(source: &str, mapping: &Node, key: &str, value: &Value) -> Option<Edit> {
    let entries = mapping.as_mapping()?;
    if aliased(mapping) || mapping.entry(key).is_some() || entries.iter().any(|e| aliased(&e.key)) {
        return None;
    }
    if is_flow(source, mapping) {
        let json = json_style(source, mapping);
        let text = format!("{}: {}", key_text(key, json), value.flow(json));
        let Some(last) = entries.last() else {
            return Some(Edit::insert(mapping.range.start + 1, text));
        };
        // A flow value's range ends at its closing bracket.
        let end = last.value.range.end.max(last.key.range.end) as usize;
        let key_at = last.key.range.start as usize;
        let own_line = source[line_start(source, key_at)..key_at]
            .bytes()
            .all(|b| b == b' ');
        let closes_later = source[end..mapping.range.end as usize].contains('\n');
        return Some(if own_line && closes_later {
            // One entry a line (a pretty-printed JSON object): a new line in the same column.
            let column = key_at - line_start(source, key_at);
            Edit::insert(end as u32, format!(",\n{}{text}", " ".repeat(column)))
        } else {
            Edit::insert(end as u32, format!(", {text}"))
        });
    }
    let first = entries.first()?;
    let indent = key_column(source, &first.key)?;
    if entries.iter().any(|e| key_column(source, &e.key).is_none()) {
        return None;
    }
    // Room for the usual one to three lines without growing.
    let mut lines = String::with_capacity(128);
    value.block(key, indent, indent_step(source), &mut lines);
    let last = deepest_last(source, mapping);
    let end = last.range.end.max(entries.last()?.key.range.end) as usize;
    let mut at = match next_line_start(source, end) {
        Some(at) => at,
        None => {
            // The last line of the file: the lines go after a new line end, not before.
            lines.pop();
            lines.insert(0, '\n');
            return Some(Edit::insert(source.len() as u32, lines));
        }
    };
    // A `|+` block scalar keeps its trailing blank lines: insert after them.
    if matches!(
        last.as_scalar().map(|s| s.style),
        Some(ScalarStyle::Literal | ScalarStyle::Folded)
    ) && last
        .range
        .slice(source)
        .lines()
        .next()
        .is_some_and(|h| h.contains('+'))
    {
        while at < source.len()
            && source[at..]
                .lines()
                .next()
                .is_some_and(|l| l.trim().is_empty())
        {
            match next_line_start(source, at) {
                Some(next) => at = next,
                None => break,
            }
        }
    }
    Some(Edit::insert(at as u32, lines))
}

/// Makes sure `path` exists below `mapping` with `leaf` at its end,
/// creating the missing mappings (`securityContext`, `seccompProfile`…) on
/// the way. `None` when the whole path already exists or a step is not a
/// mapping.
pub fn ensure(source: &str, mapping: &Node, path: &[&str], leaf: Value) -> Option<Edit> {
    let (&first, rest) = path.split_first()?;
    match mapping.entry(first) {
        None => insert_entry(source, mapping, first, &Value::nest(rest, leaf)),
        Some(entry) if !rest.is_empty() && entry.value.is_mapping() => {
            ensure(source, &entry.value, rest, leaf)
        }
        Some(_) => None,
    }
}

/// Appends a scalar item to a sequence, in its style.
pub fn append_item(source: &str, sequence: &Node, item: &str) -> Option<Edit> {
    let items = sequence.as_sequence()?;
    if aliased(sequence) {
        return None;
    }
    if is_flow(source, sequence) {
        let item = scalar(item, json_style(source, sequence));
        return Some(match items.last() {
            Some(last) => Edit::insert(last.range.end, format!(", {item}")),
            None => Edit::insert(sequence.range.start + 1, item),
        });
    }
    let last = items.last()?;
    // The `- ` marker of the last item: its column is the new item's.
    let item_start = last.range.start as usize;
    let line = line_start(source, item_start);
    let dash = source[line..item_start].rfind('-')? + line;
    if !source[line..dash].bytes().all(|b| b == b' ' || b == b'-') {
        return None;
    }
    let pad = " ".repeat(dash - line);
    let end = deepest_last(source, last).range.end as usize;
    Some(match next_line_start(source, end) {
        Some(at) => Edit::insert(at as u32, format!("{pad}- {item}\n")),
        None => Edit::insert(source.len() as u32, format!("\n{pad}- {item}")),
    })
}

/// Removes `key` and its value from `mapping`: its whole line(s) in a block
/// mapping, `key: value, ` in a flow mapping. `None` for the only key of a
/// mapping (removing it would leave a null) and for lines shared with other
/// content.
pub fn remove_entry(source: &str, mapping: &Node, key: &str) -> Option<Edit> {
    let entries = mapping.as_mapping()?;
    let index = entries
        .iter()
        .rposition(|e| e.key.scalar_text() == Some(key))?;
    let entry = &entries[index];
    if entries.len() < 2 || aliased(mapping) || aliased(&entry.key) || aliased(&entry.value) {
        return None;
    }
    let value_end = deepest_last(source, &entry.value)
        .range
        .end
        .max(entry.key.range.end) as usize;
    if is_flow(source, mapping) {
        return Some(match entries.get(index + 1) {
            Some(next) => Edit::delete(TextRange::new(entry.key.range.start, next.key.range.start)),
            None => {
                let prev = &entries[index - 1];
                let prev_end = prev.value.range.end.max(prev.key.range.end);
                Edit::delete(TextRange::new(prev_end, value_end as u32))
            }
        });
    }
    let key_start = entry.key.range.start as usize;
    let line = line_start(source, key_start);
    let prefix = &source[line..key_start];
    if !rest_of_line_is_blank(source, value_end) {
        return None;
    }
    if prefix.bytes().all(|b| b == b' ') {
        let end = next_line_start(source, value_end).unwrap_or(source.len());
        // The last line of a file without a final newline takes the newline before it.
        let start = if end == source.len() && !source.ends_with('\n') {
            line.saturating_sub(1)
        } else {
            line
        };
        return Some(Edit::delete(TextRange::from_usize(start, end)));
    }
    // The first key of a `- key: value` item: the next key moves up after the dash.
    if prefix.contains('-') && prefix.bytes().all(|b| b == b' ' || b == b'-') {
        let next = entries.get(index + 1)?;
        return Some(Edit::delete(TextRange::new(
            entry.key.range.start,
            next.key.range.start,
        )));
    }
    None
}

/// Sets the value at `path` below `mapping` to `text`: replaces it when it
/// is there, else inserts it, creating the missing mappings on the way
/// (`securityContext`, `seccompProfile`…).
pub fn set_path(source: &str, mapping: &Node, path: &[&str], text: &str) -> Option<Edit> {
    let (last, parents) = path.split_last()?;
    let mut node = mapping;
    for (i, key) in parents.iter().enumerate() {
        match node.entry(key) {
            Some(entry) if entry.value.is_mapping() => node = &entry.value,
            Some(_) => return None,
            None => return ensure(source, node, &path[i..], Value::Scalar(text)),
        }
    }
    match node.entry(last) {
        Some(entry) => set_value(source, entry, text),
        None => insert_entry(source, node, last, &Value::Scalar(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Limits, load};

    fn apply(source: &str, edit: Option<Edit>) -> String {
        let edit = edit.expect("an edit");
        let mut out = source.to_string();
        out.replace_range(edit.range.as_usize(), &edit.content);
        let reloaded = load(&out, &Limits::default());
        assert!(reloaded.errors.is_empty(), "{out}\n{:?}", reloaded.errors);
        out
    }

    fn root(source: &str) -> Node {
        let stream = load(source, &Limits::default());
        assert!(stream.errors.is_empty(), "{:?}", stream.errors);
        stream.documents[0].root.clone()
    }

    fn container(root: &Node) -> &Node {
        &root
            .get_path(&["spec", "containers"])
            .unwrap()
            .as_sequence()
            .unwrap()[0]
    }

    const POD: &str = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: web   # the app\n    image: nginx:1.27\n    ports:\n      - containerPort: 80\n        hostPort: 80\n  # trailing comment\n  hostNetwork: true\n";

    #[test]
    fn creates_a_security_context_in_a_list_item() {
        let r = root(POD);
        let edit = ensure(
            POD,
            container(&r),
            &["securityContext", "allowPrivilegeEscalation"],
            Value::Scalar("false"),
        );
        assert_eq!(
            apply(POD, edit),
            POD.replace(
                "        hostPort: 80\n",
                "        hostPort: 80\n    securityContext:\n      allowPrivilegeEscalation: false\n"
            )
        );
    }

    #[test]
    fn nested_values_follow_the_files_indent_step() {
        let text = "spec:\n    containers:\n        -   name: a\n            securityContext:\n                runAsUser: 1\n";
        let r = root(text);
        let c = &r
            .get_path(&["spec", "containers"])
            .unwrap()
            .as_sequence()
            .unwrap()[0];
        let edit = ensure(
            text,
            c,
            &["securityContext", "seccompProfile", "type"],
            Value::Scalar("RuntimeDefault"),
        );
        assert_eq!(
            apply(text, edit),
            format!(
                "{text}                seccompProfile:\n                    type: RuntimeDefault\n"
            )
        );
        let edit = ensure(
            text,
            c,
            &["securityContext", "capabilities", "drop"],
            Value::Seq(vec!["ALL"]),
        );
        assert_eq!(
            apply(text, edit),
            format!(
                "{text}                capabilities:\n                    drop:\n                        - ALL\n"
            )
        );
    }

    /// The filter [`content_lines`] replaced, written plainly.
    fn content_lines_plainly(source: &str) -> Vec<&str> {
        source
            .lines()
            .map(|l| l.trim_end_matches('\r'))
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect()
    }

    #[test]
    fn content_lines_skip_blanks_and_comments_as_the_plain_filter_does() {
        let texts = [
            "",
            "\n",
            "a:\n  b: 1",
            "# c\r\n\r\na:\r\r\n    b: 1\r\n",
            "  # indented\n\t\n\tx: 1\n\u{a0}\n\u{a0}# nbsp\n\u{2003}y:\n\u{feff}z:\n",
            "\x0b\n\x0c#\n\x01a\n- a:\n  - b: 1\n",
            "\r\n\r",
            "é:\n  ü: 1\n#",
        ];
        for text in texts {
            assert_eq!(
                content_lines(text).map(|(l, _)| l).collect::<Vec<_>>(),
                content_lines_plainly(text),
                "{text:?}"
            );
        }
        assert_eq!(indent_step("# licence\n#\n\na:\n   b: 1\n"), 3);
        assert_eq!(indent_step("a: 1\n"), 2);
    }

    #[test]
    fn a_kept_indent_step_is_only_reused_for_a_text_with_the_same_start() {
        let texts = [
            "# c\na:\n    b: 1\n",
            "# c\na:\n    b: 1\nc:\n  d: 1\n",
            "# c\na:\n    b",
            "# c\na:\n    bc: 1\n",
            "# c\na:\n",
            "# c\na:\n   b: 1\n",
            "# c\na:\n    b: 1\n",
            "# c\na:\n",
            "# c\na:\n    b: 1",
            "# c\na:\n      b: 1",
        ];
        for text in texts {
            assert_eq!(indent_step(text), indent_step_scan(text).0, "{text:?}");
        }
    }

    #[test]
    fn padding_is_as_wide_as_asked_past_the_spaces_at_hand() {
        for n in [0, 1, 32, 33, 70] {
            let mut out = String::from("x");
            pad(&mut out, n);
            assert_eq!(out, format!("x{}", " ".repeat(n)));
        }
    }

    #[test]
    fn flow_mappings_get_flow_entries() {
        let text = "spec: {containers: [{name: a, image: b}], hostPID: true}\n";
        let r = root(text);
        let c = container(&r);
        let edit = ensure(
            text,
            c,
            &["securityContext", "runAsNonRoot"],
            Value::Scalar("true"),
        );
        assert_eq!(
            apply(text, edit),
            "spec: {containers: [{name: a, image: b, securityContext: {runAsNonRoot: true}}], hostPID: true}\n"
        );
        let spec = r.get("spec").unwrap();
        assert_eq!(
            apply(text, remove_entry(text, spec, "hostPID")),
            "spec: {containers: [{name: a, image: b}]}\n"
        );
        let empty = "a: {}\n";
        assert_eq!(
            apply(
                empty,
                insert_entry(
                    empty,
                    root(empty).get("a").unwrap(),
                    "k",
                    &Value::Scalar("v")
                )
            ),
            "a: {k: v}\n"
        );
    }

    #[test]
    fn removes_lines_and_first_keys_of_items() {
        let r = root(POD);
        let spec = r.get("spec").unwrap();
        assert_eq!(
            apply(POD, remove_entry(POD, spec, "hostNetwork")),
            POD.replace("  hostNetwork: true\n", "")
        );
        let port = &container(&r).get("ports").unwrap().as_sequence().unwrap()[0];
        assert_eq!(
            apply(POD, remove_entry(POD, port, "hostPort")),
            POD.replace("        hostPort: 80\n", "")
        );
        let text = "ports:\n- hostPort: 80 # why\n  containerPort: 80\n";
        let r = root(text);
        let port = &r.get("ports").unwrap().as_sequence().unwrap()[0];
        assert_eq!(
            apply(text, remove_entry(text, port, "hostPort")),
            "ports:\n- containerPort: 80\n"
        );
        // The only key of a mapping is left to the caller.
        let lone = "sc:\n  privileged: true\n";
        assert!(remove_entry(lone, root(lone).get("sc").unwrap(), "privileged").is_none());
    }

    #[test]
    fn values_keep_their_quotes_and_nulls_get_one() {
        let text = "a: \"IfNotPresent\"\nb: 'x'\nc: true  # keep\nd:\ne: ~\n";
        let r = root(text);
        let set = |key: &str, to: &str| apply(text, set_path(text, &r, &[key], to));
        assert_eq!(
            set("a", "Always"),
            text.replace("\"IfNotPresent\"", "\"Always\"")
        );
        assert_eq!(set("b", "z"), text.replace("'x'", "'z'"));
        assert_eq!(set("c", "false"), text.replace("c: true", "c: false"));
        assert_eq!(set("d", "false"), text.replace("d:\n", "d: false\n"));
        assert_eq!(set("e", "false"), text.replace("e: ~", "e: false"));
        let quoted_bool = "a: \"true\"\n";
        assert_eq!(
            apply(
                quoted_bool,
                set_path(quoted_bool, &root(quoted_bool), &["a"], "false")
            ),
            "a: false\n"
        );
        let r = root(POD);
        let c = container(&r);
        assert_eq!(
            apply(
                POD,
                set_path(POD, c, &["securityContext", "runAsNonRoot"], "true")
            ),
            POD.replace(
                "        hostPort: 80\n",
                "        hostPort: 80\n    securityContext:\n      runAsNonRoot: true\n"
            )
        );
    }

    #[test]
    fn sequences_grow_in_their_style() {
        let text = "drop:\n  - NET_RAW  # raw\nflow: [A]\nnone: []\n";
        let r = root(text);
        assert_eq!(
            apply(text, append_item(text, r.get("drop").unwrap(), "ALL")),
            "drop:\n  - NET_RAW  # raw\n  - ALL\nflow: [A]\nnone: []\n"
        );
        assert_eq!(
            apply(text, append_item(text, r.get("flow").unwrap(), "ALL")),
            text.replace("[A]", "[A, ALL]")
        );
        assert_eq!(
            apply(text, append_item(text, r.get("none").unwrap(), "ALL")),
            text.replace("[]", "[ALL]")
        );
    }

    #[test]
    fn no_final_newline_crlf_and_anchors() {
        let text = "spec:\r\n  containers:\r\n  - name: a";
        let r = root(text);
        assert_eq!(
            apply(
                text,
                insert_entry(
                    text,
                    container(&r),
                    "imagePullPolicy",
                    &Value::Scalar("Always")
                )
            ),
            "spec:\r\n  containers:\r\n  - name: a\n    imagePullPolicy: Always"
        );
        let anchored = "base: &b {privileged: true, x: 1}\nsc: *b\n";
        let r = root(anchored);
        assert!(remove_entry(anchored, r.get("sc").unwrap(), "privileged").is_none());
        assert!(insert_entry(anchored, r.get("sc").unwrap(), "k", &Value::Scalar("v")).is_none());
    }

    #[test]
    fn json_manifests_stay_json() {
        let text = "{\"spec\": {\"containers\": [{\"name\": \"a\", \"securityContext\": {\"capabilities\": {\"drop\": [\"NET_RAW\"]}}}]}}\n";
        let r = root(text);
        let c = container(&r);
        let edit = set_path(
            text,
            c,
            &["securityContext", "seccompProfile", "type"],
            "RuntimeDefault",
        );
        assert_eq!(
            apply(text, edit),
            text.replace(
                "{\"drop\": [\"NET_RAW\"]}}",
                "{\"drop\": [\"NET_RAW\"]}, \"seccompProfile\": {\"type\": \"RuntimeDefault\"}}"
            )
        );
        let edit = set_path(text, c, &["securityContext", "runAsNonRoot"], "true");
        assert!(apply(text, edit).contains(", \"runAsNonRoot\": true}"));
        let drop = c
            .get_path(&["securityContext", "capabilities", "drop"])
            .unwrap();
        assert_eq!(
            apply(text, append_item(text, drop, "ALL")),
            text.replace("[\"NET_RAW\"]", "[\"NET_RAW\", \"ALL\"]")
        );
        let empty = "{\"a\": {}}";
        let r = root(empty);
        assert_eq!(
            apply(
                empty,
                insert_entry(empty, r.get("a").unwrap(), "k", &Value::Seq(vec!["ALL"]))
            ),
            "{\"a\": {\"k\": [\"ALL\"]}}"
        );
    }

    #[test]
    fn multi_line_flow_values_and_pretty_json() {
        // A block mapping whose last value is a flow list over several lines.
        let text = "c:\n  name: a\n  args: [\n    x,\n    y\n  ]\n";
        let r = root(text);
        assert_eq!(
            apply(
                text,
                insert_entry(text, r.get("c").unwrap(), "k", &Value::Scalar("v"))
            ),
            format!("{text}  k: v\n")
        );
        // Pretty-printed JSON: the new key gets its own line after the
        // nested object, never a place inside it.
        let json = "{\n  \"spec\": {\n    \"hostPID\": true,\n    \"containers\": [\n      {\"name\": \"a\", \"ports\": [{\"containerPort\": 80, \"hostPort\": 80}]}\n    ]\n  }\n}\n";
        let r = root(json);
        let spec = r.get("spec").unwrap();
        assert_eq!(
            apply(
                json,
                set_path(json, spec, &["automountServiceAccountToken"], "false")
            ),
            json.replace(
                "    ]\n  }",
                "    ],\n    \"automountServiceAccountToken\": false\n  }"
            )
        );
        let c = container(&r);
        assert_eq!(
            apply(json, set_path(json, c, &["imagePullPolicy"], "Always")),
            json.replace("80}]}", "80}], \"imagePullPolicy\": \"Always\"}")
        );
        let port = &c.get("ports").unwrap().as_sequence().unwrap()[0];
        assert_eq!(
            apply(json, remove_entry(json, port, "hostPort")),
            json.replace(", \"hostPort\": 80", "")
        );
        assert_eq!(
            apply(json, remove_entry(json, spec, "hostPID")),
            json.replace("\"hostPID\": true,\n    ", "")
        );
    }
}
