//! The position-keeping tree: every key, value and collection keeps the byte
//! range it was written at, so rules can point at exactly what they judge.

use super::scalar::{self, Resolved};
use crate::text::TextRange;
use compact_str::CompactString;

/// One YAML node.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Scalars: the scalar text as written, quotes included (a block scalar
    /// from its `|`/`>` indicator to its last non-blank character).
    /// Collections: from the `[`/`{`/first key/first `-` to the end of the
    /// last value (flow collections include the closing bracket).
    /// A node produced by an alias keeps its anchor's range; see [`Node::alias`].
    pub range: TextRange,
    /// The tag as written in short form (see [`Node::tag`]). Tags are rare,
    /// nodes are not: one thin pointer keeps a node at 64 bytes (an entry at
    /// 128), which the compiler moves without calling `memcpy`.
    pub(super) tag: Option<TagText>,
    pub value: NodeValue,
    /// When the node came through an alias (`*base`, or a `<<: *base` merge),
    /// where that alias was written.
    pub alias: Option<TextRange>,
}

/// A tag's text behind a thin pointer (`Box<str>` is two words).
#[allow(
    clippy::box_collection,
    reason = "one word per node instead of two; the extra allocation is per tag, and tags are rare"
)]
pub(super) type TagText = Box<String>;

#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    /// An empty value (`key:`); `~` and `null` are plain scalars, see [`Node::is_null`].
    Null,
    Scalar(Scalar),
    Sequence(Vec<Node>),
    Mapping(Vec<Entry>),
}

/// A key and its value, in the order written (merged entries where the `<<` was).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scalar {
    /// The value as written, quotes removed and escapes resolved, block
    /// scalars folded and chomped. Short texts (up to 24 bytes, nearly all
    /// of a manifest's) are stored inline, without an allocation.
    pub raw: CompactString,
    pub style: ScalarStyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

impl Node {
    pub fn new(range: TextRange, value: NodeValue) -> Self {
        Self {
            range,
            tag: None,
            value,
            alias: None,
        }
    }

    /// The tag as written in short form: `!!str`, `!Ref`; `None` when untagged.
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref().map(String::as_str)
    }

    /// Where this node was written in the document being read: the alias
    /// for aliased nodes, the node itself otherwise.
    pub fn use_site(&self) -> TextRange {
        self.alias.unwrap_or(self.range)
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            NodeValue::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar's text whatever its type (`8080`, `"8080"` and `on` alike).
    pub fn scalar_text(&self) -> Option<&str> {
        self.as_scalar().map(|s| s.raw.as_str())
    }

    /// The value under Kubernetes' YAML 1.1 rules; `None` for collections.
    /// Quoted scalars are strings; `!!str`/`!!int`/… tags are honoured.
    pub fn resolve(&self) -> Option<Resolved<'_>> {
        match &self.value {
            NodeValue::Null => Some(Resolved::Null),
            NodeValue::Scalar(s) => {
                if let Some(resolved) = self.tag().and_then(|t| scalar::resolve_tagged(t, &s.raw)) {
                    return Some(resolved);
                }
                Some(match s.style {
                    ScalarStyle::Plain => scalar::resolve_plain(&s.raw),
                    _ => Resolved::Str(&s.raw),
                })
            }
            _ => None,
        }
    }

    /// A boolean under YAML 1.1 (`yes`, `On`, `n`…). A quoted `"yes"` is a
    /// string and gives `None`: [`Node::resolve`] tells the rule what it got.
    pub fn as_bool(&self) -> Option<bool> {
        match self.resolve()? {
            Resolved::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// An integer under YAML 1.1 (`0644` is 420). Quoted numbers are strings.
    pub fn as_i64(&self) -> Option<i64> {
        match self.resolve()? {
            Resolved::Int(i) => Some(i),
            _ => None,
        }
    }

    /// A number (integers included).
    pub fn as_f64(&self) -> Option<f64> {
        match self.resolve()? {
            Resolved::Int(i) => Some(i as f64),
            Resolved::Float(f) => Some(f),
            _ => None,
        }
    }

    /// A string scalar: quoted, or plain and not a null, boolean or number.
    pub fn as_str(&self) -> Option<&str> {
        match self.resolve()? {
            Resolved::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Empty, `~`, `null`, or `!!null`.
    pub fn is_null(&self) -> bool {
        matches!(self.resolve(), Some(Resolved::Null))
    }

    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Sequence(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_mapping(&self) -> Option<&[Entry]> {
        match &self.value {
            NodeValue::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn is_mapping(&self) -> bool {
        matches!(self.value, NodeValue::Mapping(_))
    }

    pub fn is_sequence(&self) -> bool {
        matches!(self.value, NodeValue::Sequence(_))
    }

    /// The entry whose key is the scalar `key` (last one wins on duplicates,
    /// as kubectl's decoder does).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        // Manifests' maps are small: a reverse linear scan beats hashing.
        self.as_mapping()?
            .iter()
            .rev()
            .find(|e| e.key.scalar_text() == Some(key))
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// Follows mapping keys: `get_path(&["spec", "template", "spec"])`.
    pub fn get_path(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    /// "a mapping", "a list", "a string"…, for type-mismatch messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            NodeValue::Sequence(_) => "a list",
            NodeValue::Mapping(_) => "a mapping",
            _ => self.resolve().map_or("a value", |r| r.type_name()),
        }
    }

    /// Calls `f` on this node and every node below it, keys included, depth first.
    pub fn walk(&self, f: &mut dyn FnMut(&Node)) {
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            f(node);
            match &node.value {
                NodeValue::Sequence(items) => stack.extend(items.iter().rev()),
                NodeValue::Mapping(entries) => {
                    for e in entries.iter().rev() {
                        stack.push(&e.value);
                        stack.push(&e.key);
                    }
                }
                _ => {}
            }
        }
    }
}

impl Entry {
    /// The key's text when it is a scalar.
    pub fn key_str(&self) -> Option<&str> {
        self.key.scalar_text()
    }
}
