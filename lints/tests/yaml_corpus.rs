//! Loads every real manifest of the shared corpus: no panic, no error except
//! on files known to be invalid, the expected number of documents, and every
//! node range inside its file.

use caulk_lints::yaml::{self, Limits};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Files in the corpus that are not valid YAML, and why. All of them repeat a
/// key in one mapping: PyYAML keeps the last value, kubectl (go-yaml v3)
/// rejects the file, and caulk reports it and keeps the last value.
const KNOWN_INVALID: &[(&str, &str)] = &[
    (
        "kubernetes__examples/_archived/openshift-origin/etcd-controller.yaml",
        "`spec.selector` twice (lines 6 and 12)",
    ),
    (
        "kubernetes__examples/_archived/openshift-origin/etcd-discovery-controller.yaml",
        "`spec.selector` twice",
    ),
    (
        "kubernetes__examples/_archived/openshift-origin/openshift-controller.yaml",
        "`spec.selector` twice",
    ),
    (
        "kubernetes__examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml",
        "`type` twice (lines 5 and 9)",
    ),
    (
        "kubernetes__examples/_archived/volumes/scaleio/sc-pvc.yaml",
        "`spec.storageClassName` twice (lines 6 and 12)",
    ),
];

/// Non-empty documents across the corpus (counted independently when the corpus was assembled).
const EXPECTED_DOCUMENTS: usize = 344;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/k8s")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"))
        {
            out.push(path);
        }
    }
}

#[test]
fn corpus_loads() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        eprintln!("skipping: no corpus at {}", dir.display());
        return;
    }
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let mut documents = 0;
    let mut unexpected = Vec::new();
    let started = Instant::now();
    let mut bytes = 0;
    let mut joined = String::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("corpus files are UTF-8");
        bytes += text.len();
        joined.push_str(&text);
        joined.push_str("\n---\n");
        let stream = yaml::load(&text, &Limits::default());
        let name = path
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let known = KNOWN_INVALID.iter().any(|(f, _)| *f == name);
        if !stream.errors.is_empty() && !known {
            unexpected.push(format!("{name}: {:?}", stream.errors));
        }
        if known
            && stream
                .errors
                .iter()
                .any(|e| e.kind != yaml::YamlErrorKind::DuplicateKey)
        {
            unexpected.push(format!(
                "{name}: errors other than the known duplicate key: {:?}",
                stream.errors
            ));
        }
        if stream.errors.is_empty() && known {
            unexpected.push(format!("{name}: listed as invalid but loads cleanly"));
        }
        documents += stream.documents.len();
        for doc in &stream.documents {
            assert!(
                text.get(doc.range.as_usize()).is_some(),
                "{name}: document range {:?}",
                doc.range
            );
            doc.root.walk(&mut |node| {
                assert!(
                    text.get(node.range.as_usize()).is_some(),
                    "{name}: node range {:?} is not within the file",
                    node.range
                );
                if let Some(alias) = node.alias {
                    assert!(
                        text.get(alias.as_usize()).is_some(),
                        "{name}: alias range {alias:?}"
                    );
                }
                check_shape(&name, &text, node);
            });
        }
        for comment in &stream.comments {
            assert!(
                comment.range.slice(&text).starts_with('#'),
                "{name}: comment {:?}",
                comment.range
            );
        }
    }
    eprintln!(
        "{} files, {} bytes, {} documents, loaded in {:?}",
        files.len(),
        bytes,
        documents,
        started.elapsed()
    );
    assert!(
        unexpected.is_empty(),
        "unexpected errors:\n{}",
        unexpected.join("\n")
    );
    assert_eq!(documents, EXPECTED_DOCUMENTS);

    // The whole corpus as one stream, ten times over: positions are file
    // offsets, and loading time grows linearly with size.
    let big = joined.repeat(10);
    let started = Instant::now();
    let stream = yaml::load(&big, &Limits::default());
    eprintln!(
        "one {} byte stream: {} documents in {:?}",
        big.len(),
        stream.documents.len(),
        started.elapsed()
    );
    assert_eq!(stream.documents.len(), EXPECTED_DOCUMENTS * 10);
    assert!(
        stream
            .errors
            .iter()
            .all(|e| e.kind == yaml::YamlErrorKind::DuplicateKey)
    );
}

/// A node's range covers what it says it does: the scalar's own text, a
/// collection's brackets or first key.
fn check_shape(name: &str, text: &str, node: &yaml::Node) {
    use yaml::{NodeValue, ScalarStyle};
    let slice = node.range.slice(text);
    let ok = match &node.value {
        NodeValue::Null => true,
        NodeValue::Scalar(s) => match s.style {
            ScalarStyle::Plain if !slice.contains('\n') => slice == s.raw,
            ScalarStyle::Plain => slice.starts_with(s.raw.split(' ').next().unwrap_or_default()),
            ScalarStyle::SingleQuoted => {
                slice.len() >= 2 && slice.starts_with('\'') && slice.ends_with('\'')
            }
            ScalarStyle::DoubleQuoted => {
                slice.len() >= 2 && slice.starts_with('"') && slice.ends_with('"')
            }
            ScalarStyle::Literal => slice.starts_with('|'),
            ScalarStyle::Folded => slice.starts_with('>'),
        },
        NodeValue::Sequence(items) => {
            (slice.starts_with('[') && slice.ends_with(']'))
                || (slice.starts_with('-') && !items.is_empty())
        }
        NodeValue::Mapping(entries) => {
            (slice.starts_with('{') && slice.ends_with('}'))
                || entries
                    .first()
                    .is_some_and(|e| e.key.range.start == node.range.start)
        }
    };
    assert!(
        ok,
        "{name}: {:?} at {:?} covers {slice:?}",
        node.type_name(),
        node.range
    );
    assert!(
        !slice.ends_with(char::is_whitespace),
        "{name}: trailing blank in {slice:?}"
    );
}
