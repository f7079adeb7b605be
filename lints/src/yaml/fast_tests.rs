//! The fast path must never change what [`load`] returns: every input here
//! is loaded with and without it and the streams (documents, errors,
//! comments) must be equal. The fast path may decline any document; the
//! corpus test also checks that it takes most of a real-world corpus.

use super::*;
use std::path::{Path, PathBuf};

fn assert_same(name: &str, text: &str) {
    if let Err(diff) = compare(text) {
        panic!("fast path differs from saphyr on {name}: {text:?}\n{diff}");
    }
}

fn compare(text: &str) -> Result<(), String> {
    let limits = Limits::default();
    let fast = load(text, &limits);
    let reference = load_reference(text, &limits);
    if fast == reference {
        Ok(())
    } else {
        Err(format!("fast: {fast:?}\nsaphyr: {reference:?}"))
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

#[test]
fn corpus_loads_identically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    yaml_files(&root.join("corpus"), &mut files);
    // The shared real-world corpus exists only next to the worktrees.
    yaml_files(&root.join("../shared/corpus/k8s"), &mut files);
    assert!(!files.is_empty());
    let mut total = FastCoverage::default();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        assert_same(&path.display().to_string(), &text);
        let cov = fast_coverage(&text);
        total.fast_documents += cov.fast_documents;
        total.fast_bytes += cov.fast_bytes;
        total.declined_documents += cov.declined_documents;
        total.declined_bytes += cov.declined_bytes;
    }
    let bytes = total.fast_bytes + total.declined_bytes;
    println!(
        "fast path: {} of {} documents, {} of {} bytes ({:.1}%) in {} files",
        total.fast_documents,
        total.fast_documents + total.declined_documents,
        total.fast_bytes,
        bytes,
        100.0 * total.fast_bytes as f64 / bytes.max(1) as f64,
        files.len()
    );
}

/// Hand-written edge cases; each is also tried without its final newline,
/// with CRLF line ends and behind a byte order mark.
const CASES: &[&str] = &[
    "a: 1\n",
    "a: 1\nb: two\nc:\n",
    "a:\n  b: c\n  d:\n    - e\n    - f: g\n      h: i\n",
    "a:\n- x\n- y\nb: z\n",
    "- a\n- b: c\n  d: e\n-   f: g\n",
    "key:    value   # comment\nother: x#y\nurl: http://x/#top\n",
    "\"quoted key\": 1\n'single': 2\n\"a\\\"b\": \"c\\\\d\\n\\t\\x41\\u00e9\\U0001F600\"\n",
    "a: 'it''s'\nb: ''\nc: \"\"\n",
    "a: |\n  line 1\n  line 2\nb: x\n",
    "a: |-\n  line\n\n\nb: x\n",
    "a: |+\n  line\n\n\nb: x\n",
    "a: >\n  folded\n  text\n\n  para\n    more\n  back\nb: x\n",
    "a: >-\n  x\n",
    "a: >+\n  x\n\n",
    "a: |2\n    indented\n  two\n",
    "a: |1-\n  x\n",
    "a: |-2\n   x\n",
    "- |\n  item\n- >\n  item\n",
    "a:\n  - |\n    x\n  - y\n",
    "a: |\n  x\n  # not a comment\n# comment\nb: 1\n",
    "a: |\n\n  after blank\n",
    "a: |\n      \n  x\n",
    "a: | # header comment\n  x\n",
    "a: |\nb: 1\n",
    "a: |\n",
    "a: |\n  x",
    "a: |\n  x\n  ",
    "a: |+\n  x\n  ",
    "a: |\n  tab\there\n\tbad\n",
    "a: |\n\tx\n",
    "a: |0\n  x\n",
    "a: [\"a\", \"b\"]\nb: []\nc: {}\nd: {x: 1, \"y\": 'z'}\ne: [1, two, -3]\n",
    "a: [a, b,]\n",
    "a: [a,\n  b]\n",
    "a: {x: 1, y}\n",
    "a: [a: b]\n",
    "# only a comment\n",
    "---\n# only comments\n---\n",
    "---\na: 1\n...\n---\nb: 2\n...\n",
    "a: 1\n...\n",
    "...\n",
    "a: 1\n...\nb: 2\n",
    "--- # doc\na: 1\n--- \nb: 2\n",
    "--- a\n",
    "--- |\n  x\n",
    "---\n- a\n---\n- b\n",
    "a:\nb:\n",
    "a:\n  # comment\nb:\n",
    "a:\n  # comment\n  b: c\n",
    "a: 1\n\n\n# trailing\n\n",
    "a: 1\nb: 2\na: 3\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "<<: {a: 1}\nb: 2\n",
    "? a\n: b\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\n%TAG ! x\n---\nb: 2\n",
    "a: b\n  c\n",
    "a: b # c\n  d\n",
    "a: \"x\n  y\"\n",
    "a: 'x\n\n  y'\n",
    "- a\n  b\n",
    "a: 1\n b: 2\n",
    "a:\n    b: 1\n  c: 2\n",
    "a:\n  - b\n- c\n",
    "- a\nb: c\n",
    "a: b: c\n",
    "a: b:\n",
    "a: - b\n",
    "a:\t1\n",
    "\ta: 1\n",
    "a: 1\t# c\n",
    "a: 1 #\tc\n",
    "name: café\nlabels:\n  tier: \"ünï\"\n",
    "a: \u{85}x\n",
    "a: x\u{2028}y\n",
    "a: \u{feff}x\n",
    "a: \0\n",
    "a: 1\rb: 2\n",
    "-\n- a\n",
    "- \n  a: 1\n",
    "-\n  - a\n",
    "- - a\n",
    "a:\n-\n",
    "-a: 1\n?b: 2\n:c: 3\n",
    "a : 1\n",
    "'a' : 1\n",
    "\"a\"b: 1\n",
    "a: \"b\"c\n",
    "a: \"b\" # c\n",
    "a: \"b\"# c\n",
    "a: 'x' 'y'\n",
    "  a: 1\n  b: 2\n",
    "a: 1\n  # indented comment\nb: 2\n",
    "a: 1\n    \nb: 2\n",
    "[a, b]\n",
    "plain root\n",
    "\"quoted root\"\n",
    "a: -\n",
    "a: ---\n",
    "a: ...\n",
    "---\n---\n",
    "---\n...\n",
    "key: >\n  a\n   b\n  c\n\n\n  d\n",
    "key: >\n\n  a\n\n",
    "key: |\n  a\n \n  b\n",
    "k:\n  - name: x\n    value: \"1\"\n  - name: y\n    valueFrom:\n      secretKeyRef: {name: s, key: k}\n",
    "a: \"\\/\\0\\a\\b\\e\\f\\r\\v\\N\\_\\L\\P\\ \"\n",
    "a: \"\\q\"\n",
    "a: \"\\x4\"\n",
    "a: \"\\uD800\"\n",
    "a: \"x\\\n  y\"\n",
    "abcdefghijklmnop: 1\n%YAML 1.2\n---\nb: 2\n",
    "abcdefghijklmnop: 1\n---\nb: 2\n%TAG ! x\n---\nc: 3\n",
    "a: bcdefghijklmnopq\u{7f}rs\n",
    "a: bcdefghijklmnopq\u{1b}rs\n",
    "a: bcdefghijklmnopq\rrs\n",
    "a: bcdefghijklmnopq\u{2029}rs\n",
    "a: bcdefghijklmnopqé\u{a0}rs\n",
    "a: |\n  bcdefghijklmnopq\u{85}rs\n",
    "a: |\n  bcdefghijklmnopq\u{7}rs\n",
    // Found by mutation: block scalars whose text starts with `|` or `>`.
    "a: >-\n  |2 y\n",
    "a: |+\n |-line\n x\n",
    "a: |+\n\n\n  >line\n\n\nb: x\n",
    "a: |\n  |\n  - z\n  ",
    // Found by mutation: blanks after a flow collection's closing bracket.
    "a: {x: y} ",
    "a: [a   ] \n",
    "a: [] # c\n",
    "a: [b]\t\n",
];

#[test]
fn edge_cases_load_identically() {
    let mut failures = Vec::new();
    for case in CASES {
        let variants = [
            case.to_string(),
            case.strip_suffix('\n').unwrap_or(case).to_string(),
            case.replace('\n', "\r\n"),
            format!("\u{feff}{case}"),
            format!("x: 0\n---\n{case}"),
        ];
        for text in variants {
            if let Err(diff) = compare(&text) {
                failures.push(format!("{text:?}\n{diff}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn fast_path_takes_plain_manifests() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n    image: nginx\n";
    let cov = fast_coverage(text);
    assert_eq!((cov.fast_documents, cov.declined_documents), (1, 0));
    let cov = fast_coverage("a: &x 1\n");
    assert_eq!((cov.fast_documents, cov.declined_documents), (0, 1));
}

/// The scanner looks at eight bytes at a time: each byte it stops at (`:`,
/// `#`, a tab, a line break, a control, non-ASCII) is tried at every offset
/// in and across a word, in keys, values, indentation and flow collections.
#[test]
fn stops_at_every_offset_in_a_word() {
    let stops = [
        ": x", ":", "#c", " #c", "\t", " \t", "\r", "é", "\u{85}", "\u{7f}", "\u{1}", "'",
    ];
    for n in 0..20 {
        let pad = "a".repeat(n);
        let blanks = " ".repeat(n);
        for stop in stops {
            let cases = [
                format!("{pad}{stop}: v\n"),
                format!("k{pad}{stop}b: v\n"),
                format!("k: {pad}{stop}\n"),
                format!("k: {pad}{stop}b\n"),
                format!("- {pad}{stop}b\n"),
                format!("k:\n{blanks}{stop}b: v\n"),
                format!("k: [{pad}{stop}b, c]\n"),
                format!("k: v{blanks}{stop}\n"),
                format!("k: v{pad}{stop}"),
            ];
            for case in cases {
                assert_same("offset case", &case);
            }
        }
    }
}
