//! Turns `data/lifecycle.yaml` into Rust code that builds the same
//! `lifecycle::Lifecycle` the YAML loader would, so the first `FROM` checked
//! does not pay for parsing the file (about 2 ms, most of a small run).
//! A unit test in `src/lifecycle.rs` compares the two.
//!
//! The file's shape is fixed by the `Lifecycle` types; anything else here is
//! a build error, as a field unknown to them would be a load error.

use saphyr_parser::{Event, Parser};
use std::fmt::Write as _;

enum Node {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

fn load(text: &str) -> Node {
    let mut stack: Vec<(Node, Option<String>)> = Vec::new();
    let mut root = None;
    for item in Parser::new_from_str(text) {
        let (event, _) = item.expect("data/lifecycle.yaml is valid YAML");
        let node = match event {
            Event::Scalar(value, ..) => Node::Scalar(value.into_owned()),
            Event::SequenceStart(..) => {
                stack.push((Node::Seq(Vec::new()), None));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push((Node::Map(Vec::new()), None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => stack.pop().expect("balanced").0,
            Event::Alias(_) => panic!("data/lifecycle.yaml: aliases are not supported"),
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some((Node::Seq(items), _)) => items.push(node),
            Some((Node::Map(entries), key)) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => match node {
                    Node::Scalar(k) => *key = Some(k),
                    _ => panic!("data/lifecycle.yaml: a key is not a string"),
                },
            },
            Some((Node::Scalar(_), _)) => unreachable!(),
        }
    }
    root.expect("data/lifecycle.yaml has a document")
}

fn fields<'n>(node: &'n Node, allowed: &[&str]) -> &'n [(String, Node)] {
    let Node::Map(entries) = node else {
        panic!("data/lifecycle.yaml: expected a mapping")
    };
    for (k, _) in entries {
        assert!(
            allowed.contains(&k.as_str()),
            "data/lifecycle.yaml: unknown field `{k}`"
        );
    }
    entries
}

fn get<'n>(fields: &'n [(String, Node)], key: &str) -> Option<&'n Node> {
    fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn scalar(node: &Node) -> &str {
    match node {
        Node::Scalar(s) => s,
        _ => panic!("data/lifecycle.yaml: expected a scalar"),
    }
}

fn string(fields: &[(String, Node)], key: &str) -> String {
    let node = get(fields, key).unwrap_or_else(|| panic!("data/lifecycle.yaml: `{key}` missing"));
    format!("String::from({:?})", scalar(node))
}

fn strings(fields: &[(String, Node)], key: &str) -> String {
    let items = match get(fields, key) {
        None => return "Vec::new()".into(),
        Some(Node::Seq(items)) => items,
        Some(_) => panic!("data/lifecycle.yaml: `{key}` is not a list"),
    };
    let mut out = String::from("vec![");
    for item in items {
        write!(out, "String::from({:?}),", scalar(item)).unwrap();
    }
    out.push(']');
    out
}

fn seq<'n>(fields: &'n [(String, Node)], key: &str) -> &'n [Node] {
    match get(fields, key) {
        None => &[],
        Some(Node::Seq(items)) => items,
        Some(_) => panic!("data/lifecycle.yaml: `{key}` is not a list"),
    }
}

fn date(fields: &[(String, Node)], key: &str) -> String {
    let node = get(fields, key).unwrap_or_else(|| panic!("data/lifecycle.yaml: `{key}` missing"));
    let text = scalar(node);
    let parts: Vec<u32> = text
        .split('-')
        .map(|p| p.parse().expect("a YYYY-MM-DD date"))
        .collect();
    assert_eq!(
        parts.len(),
        3,
        "data/lifecycle.yaml: `{text}` is not YYYY-MM-DD"
    );
    format!(
        "crate::date::Date::new({}, {}, {}).expect({text:?})",
        parts[0], parts[1], parts[2]
    )
}

fn boolean(fields: &[(String, Node)], key: &str) -> &'static str {
    match get(fields, key).map(scalar) {
        None | Some("false") => "false",
        Some("true") => "true",
        Some(other) => panic!("data/lifecycle.yaml: `{key}: {other}` is not a boolean"),
    }
}

/// The body of `fn built_in() -> Lifecycle`.
pub fn generate(text: &str) -> String {
    let root = load(text);
    let root = fields(
        &root,
        &["compiled", "products", "distro-tagged-images", "deprecated"],
    );
    let mut out = String::from("Lifecycle {\n");
    writeln!(out, "compiled: {},", date(root, "compiled")).unwrap();
    out.push_str("products: vec![\n");
    for product in seq(root, "products") {
        let p = fields(
            product,
            &[
                "id",
                "name",
                "distro",
                "images",
                "tag-prefix",
                "source",
                "releases",
            ],
        );
        writeln!(
            out,
            "Product {{ id: {}, name: {}, distro: {}, images: {}, tag_prefix: {}, source: {}, releases: vec![",
            string(p, "id"),
            string(p, "name"),
            boolean(p, "distro"),
            strings(p, "images"),
            match get(p, "tag-prefix") {
                Some(n) => format!("Some(String::from({:?}))", scalar(n)),
                None => "None".into(),
            },
            string(p, "source"),
        )
        .unwrap();
        for release in seq(p, "releases") {
            let r = fields(release, &["version", "names", "images", "eol"]);
            writeln!(
                out,
                "Release {{ version: {}, names: {}, images: {}, eol: {} }},",
                string(r, "version"),
                strings(r, "names"),
                strings(r, "images"),
                date(r, "eol"),
            )
            .unwrap();
        }
        out.push_str("] },\n");
    }
    out.push_str("],\n");
    writeln!(
        out,
        "distro_tagged_images: {},",
        strings(root, "distro-tagged-images")
    )
    .unwrap();
    out.push_str("deprecated: vec![\n");
    for deprecated in seq(root, "deprecated") {
        let d = fields(
            deprecated,
            &[
                "image",
                "replacement",
                "note",
                "except-tags-containing",
                "source",
            ],
        );
        writeln!(
            out,
            "Deprecated {{ image: {}, replacement: {}, note: {}, except_tags_containing: {}, source: {} }},",
            string(d, "image"),
            string(d, "replacement"),
            string(d, "note"),
            strings(d, "except-tags-containing"),
            string(d, "source"),
        )
        .unwrap();
    }
    out.push_str("],\n}\n");
    out
}
