//! The Kubernetes objects of a stream: every document with `apiVersion` and
//! `kind`, and the items of `kind: List` / `*List` documents.

use super::workload::{PodParts, pod_parts};
use crate::text::TextRange;
use crate::yaml::{Node, Stream};
use std::fmt;

/// One Kubernetes object. Only [`objects`] builds one: every rule reads the
/// same list, so what rules ask of many objects (the API group, the pod
/// template and its containers) is found here once, not once per rule.
#[derive(Debug)]
pub struct Object<'a> {
    /// The object's mapping node.
    pub node: &'a Node,
    pub api_version: &'a str,
    pub kind: &'a str,
    /// `metadata.name`, when present.
    pub name: Option<&'a str>,
    /// `metadata.namespace`, when present.
    pub namespace: Option<&'a str>,
    /// Index of the document it came from.
    pub document: usize,
    /// See [`Object::group`].
    group: &'a str,
    /// See [`Object::metadata`].
    metadata: Option<&'a Node>,
    /// See [`Object::pod`].
    pub(super) pod: Option<PodParts<'a>>,
}

impl<'a> Object<'a> {
    /// The `metadata` value, whatever its type.
    pub fn metadata(&self) -> Option<&'a Node> {
        self.metadata
    }

    /// `metadata.annotations[key]`.
    pub fn annotation(&self, key: &str) -> Option<&'a Node> {
        self.metadata()?.get("annotations")?.get(key)
    }

    /// The range to report problems with the object as a whole at: its
    /// `metadata.name` value, or the `kind` value.
    pub fn anchor(&self) -> TextRange {
        self.metadata()
            .and_then(|m| m.get("name"))
            .or_else(|| self.node.get("kind"))
            .map_or(self.node.range, |n| n.range)
    }

    /// `kind` and name for messages: `Deployment/web`.
    pub fn label(&self) -> Label<'a> {
        Label {
            kind: self.kind,
            name: self.name,
        }
    }

    /// The API group of `apiVersion` (`apps` for `apps/v1`, empty for `v1`).
    pub fn group(&self) -> &'a str {
        self.group
    }
}

/// [`Object::label`]: written straight into a message, so that a rule that
/// prepares it for every object builds no string for those without findings.
#[derive(Clone, Copy, Debug)]
pub struct Label<'a> {
    kind: &'a str,
    name: Option<&'a str>,
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind)?;
        if let Some(name) = self.name {
            f.write_str("/")?;
            f.write_str(name)?;
        }
        Ok(())
    }
}

/// Every object of the stream, in file order.
pub fn objects(stream: &Stream) -> Vec<Object<'_>> {
    let mut out = Vec::new();
    for (document, doc) in stream.documents.iter().enumerate() {
        for node in object_nodes(&doc.root) {
            let (Some(api_version), Some(kind)) = (
                node.get("apiVersion").and_then(|n| n.as_str()),
                node.get("kind").and_then(|n| n.as_str()),
            ) else {
                continue;
            };
            let metadata = node.get("metadata");
            let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
            out.push(Object {
                node,
                api_version,
                kind,
                name: metadata
                    .and_then(|m| m.get("name"))
                    .and_then(|n| n.as_str()),
                namespace: metadata
                    .and_then(|m| m.get("namespace"))
                    .and_then(|n| n.as_str()),
                document,
                group,
                metadata,
                pod: pod_parts(node, kind, group, metadata),
            });
        }
    }
    out
}

/// A document's root, or the `items` of a `List` / `*List` document.
pub(crate) fn object_nodes(root: &Node) -> Vec<&Node> {
    let kind = root.get("kind").and_then(|n| n.as_str()).unwrap_or("");
    if (kind == "List" || kind.ends_with("List"))
        && let Some(items) = root.get("items").and_then(|n| n.as_sequence())
    {
        return items.iter().filter(|n| n.is_mapping()).collect();
    }
    if root.is_mapping() {
        vec![root]
    } else {
        Vec::new()
    }
}
