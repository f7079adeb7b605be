//! A position-keeping YAML loader shared by Kubernetes manifests and configuration files.
//!
//! [`load`] reads a whole stream (every document, with byte ranges in file
//! coordinates), never panics, and reports problems as [`YamlError`]s next
//! to whatever it could still load. Scalars are typed through Kubernetes'
//! YAML 1.1 rules in [`scalar`]; configuration structs are read through the
//! serde deserializer in [`de`], whose errors point at the offending node.

mod comments;
pub mod de;
mod fast;
mod loader;
mod node;
pub mod scalar;

#[cfg(test)]
mod fast_tests;
#[cfg(test)]
mod tests;

pub use node::{Entry, Node, NodeValue, Scalar, ScalarStyle};
pub use scalar::Resolved;

pub(crate) use loader::{document_starts, load_range};

use crate::text::TextRange;

/// Budgets that keep hostile input from exhausting time, memory or stack.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Nodes that aliases may produce in one stream, all documents together.
    /// A "billion laughs" document stops here instead of growing exponentially.
    pub max_alias_nodes: usize,
    /// Collections nested deeper than this stop loading of the document:
    /// the tree and everything that walks it recursively stay within the stack.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_alias_nodes: 100_000,
            max_depth: 256,
        }
    }
}

/// Everything read from one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stream {
    /// Non-empty documents, in file order. Empty and comment-only documents are skipped.
    pub documents: Vec<Document>,
    pub errors: Vec<YamlError>,
    /// Every `#` comment in the file, in file order.
    pub comments: Vec<Comment>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// From the `---` (or the first node) to the end of the root node (or `...`).
    pub range: TextRange,
    pub root: Node,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub range: TextRange,
    pub message: String,
    pub kind: YamlErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// The text is not YAML (tabs in indentation, bad indentation, an unterminated quote…).
    Syntax,
    /// A key appears twice in one mapping; loading goes on and the last value wins.
    DuplicateKey,
    /// An alias names no anchor of its document, or a merge key (`<<`) merges something
    /// other than mappings.
    Alias,
    /// A [`Limits`] budget ran out (alias expansion or nesting depth).
    Limit,
}

/// A `#` comment outside any scalar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// From the `#` to the end of the line (line break excluded, `\r` too).
    pub range: TextRange,
}

impl Comment {
    /// Byte offset where [`Comment::text`] starts.
    pub fn text_start(&self) -> u32 {
        self.range.start + 1
    }

    /// The comment's text after the `#`, as written, in `source` (the text
    /// that was loaded). A slice, not a copy: a large manifest has tens of
    /// thousands of comments, and only suppression comments are read.
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        TextRange::new(self.text_start(), self.range.end).slice(source)
    }
}

/// Reads every document of `text`. Never panics; see [`Stream`].
pub fn load(text: &str, limits: &Limits) -> Stream {
    loader::load(text, limits)
}

/// [`load`] without its fast path: saphyr reads every document. Only for the
/// differential tests and the `yaml_fast` fuzz target, which check that both
/// give the same [`Stream`].
#[doc(hidden)]
pub fn load_reference(text: &str, limits: &Limits) -> Stream {
    loader::load_reference(text, limits)
}

/// How many documents and bytes of `text` the fast path loads (the rest goes to saphyr).
#[doc(hidden)]
pub fn fast_coverage(text: &str) -> FastCoverage {
    loader::fast_coverage(text)
}

/// See [`fast_coverage`].
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default)]
pub struct FastCoverage {
    pub fast_documents: usize,
    pub fast_bytes: usize,
    pub declined_documents: usize,
    pub declined_bytes: usize,
}
