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

    fn flow(&self) -> String {
        match self {
            Value::Scalar(s) => (*s).to_string(),
            Value::Map(entries) => {
                let items: Vec<_> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.flow()))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
            Value::Seq(items) => format!("[{}]", items.join(", ")),
        }
    }

    /// `key: value` as block lines at `indent` columns, children `step` deeper.
    fn block(&self, key: &str, indent: usize, step: usize, out: &mut Vec<String>) {
        let pad = " ".repeat(indent);
        match self {
            Value::Scalar(s) => out.push(format!("{pad}{key}: {s}")),
            Value::Map(entries) => {
                out.push(format!("{pad}{key}:"));
                for (k, v) in entries {
                    v.block(k, indent + step, step, out);
                }
            }
            Value::Seq(items) => {
                out.push(format!("{pad}{key}:"));
                let inner = " ".repeat(indent + step);
                out.extend(items.iter().map(|i| format!("{inner}- {i}")));
            }
        }
    }
}

fn line_start(source: &str, at: usize) -> usize {
    source[..at].rfind('\n').map_or(0, |i| i + 1)
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

/// The last node written inside `node` (its last entry's value, recursively).
fn deepest_last(node: &Node) -> &Node {
    match &node.value {
        NodeValue::Mapping(entries) => entries.last().map_or(node, |e| deepest_last(&e.value)),
        NodeValue::Sequence(items) => items.last().map_or(node, deepest_last),
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
fn indent_step(source: &str) -> usize {
    let content = source
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    // The column of a line's key, past any `- ` item markers.
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '-']).len();
    let mut previous: Option<&str> = None;
    for line in content {
        if let Some(parent) = previous
            && !line.trim_start().starts_with('-')
            && indent(line) > indent(parent)
        {
            return indent(line) - indent(parent);
        }
        previous = line.trim_end().ends_with(':').then_some(line);
    }
    2
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
            if value.tag.is_some()
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
        let text = format!("{key}: {}", value.flow());
        return Some(match entries.last() {
            Some(last) => Edit::insert(
                last.value.range.end.max(last.key.range.end),
                format!(", {text}"),
            ),
            None => Edit::insert(mapping.range.start + 1, text),
        });
    }
    let first = entries.first()?;
    let indent = key_column(source, &first.key)?;
    if entries.iter().any(|e| key_column(source, &e.key).is_none()) {
        return None;
    }
    let mut lines = Vec::new();
    value.block(key, indent, indent_step(source), &mut lines);
    let last = deepest_last(mapping);
    let end = last.range.end.max(entries.last()?.key.range.end) as usize;
    let mut at = match next_line_start(source, end) {
        Some(at) => at,
        None => {
            return Some(Edit::insert(
                source.len() as u32,
                format!("\n{}", lines.join("\n")),
            ));
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
    Some(Edit::insert(at as u32, format!("{}\n", lines.join("\n"))))
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
        return Some(match items.last() {
            Some(last) => Edit::insert(last.range.end, format!(", {item}")),
            None => Edit::insert(sequence.range.start + 1, item.to_string()),
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
    let end = deepest_last(last).range.end as usize;
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
    let value_end = deepest_last(&entry.value)
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
}
