//! A large manifest is linted as pieces of whole documents (in parallel,
//! each piece's tree dropped when its findings are out). Whatever the
//! pieces, the file's findings, suppressions and inventory are those of the
//! file linted as one piece: these tests cut texts into one piece per
//! document (and into a few bigger pieces) and compare.

use caulk_lints::config::{Config, ConfigResolver, Overrides};
use caulk_lints::lint::lint_manifest_in_pieces;
use caulk_lints::rules::Profile;
use caulk_lints::{Chunking, LintedFile};
use std::path::Path;

fn strict() -> std::sync::Arc<Config> {
    let overrides = Overrides {
        profiles: Some(vec![Profile::Strict]),
        count_ignored: true,
        ..Overrides::default()
    };
    ConfigResolver::new(None, overrides).default_config()
}

fn lint(text: &str, config: &Config, chunking: Chunking) -> LintedFile {
    lint_manifest_in_pieces(
        Path::new("k.yaml"),
        text.to_string(),
        false,
        config,
        chunking,
    )
}

const ONE_PIECE: Chunking = Chunking {
    threshold: usize::MAX,
    piece: usize::MAX,
};

/// Everything of a linted file that pieces could change, as text.
fn outcome(file: &LintedFile) -> String {
    let mut waived: Vec<String> = file.waived.iter().map(|w| format!("{w:?}")).collect();
    // Waivers only count per rule: their order is not part of the outcome.
    waived.sort();
    format!(
        "skipped: {:?}\nsuppressed: {}\nwaived: {waived:?}\ninventory: {:?}\nfindings:\n{}",
        file.skipped,
        file.suppressed,
        file.project.as_ref().map(|p| &p.inventory),
        file.diagnostics
            .iter()
            .map(|d| format!("{d:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// Lints `text` as one piece and in pieces of `sizes` bytes (1: one piece
/// per document), asserts the outcomes are equal, and returns the file.
fn same_in_pieces(text: &str, config: &Config) -> LintedFile {
    let whole = lint(text, config, ONE_PIECE);
    let expected = outcome(&whole);
    for piece in [1, 200, 1000] {
        let chunking = Chunking {
            threshold: 0,
            piece,
        };
        let pieces = lint(text, config, chunking);
        assert_eq!(
            outcome(&pieces),
            expected,
            "pieces of {piece} bytes differ from one piece"
        );
    }
    whole
}

fn codes(file: &LintedFile) -> Vec<&'static str> {
    file.diagnostics.iter().map(|d| d.code).collect()
}

fn pod(name: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
    - name: app
      image: nginx
      securityContext: {{privileged: true}}
"
    )
}

#[test]
fn rule_fixtures_joined_into_one_file_lint_the_same_in_pieces() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/rules");
    let mut text = String::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("corpus/rules")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("CK"))
        })
        .collect();
    dirs.sort();
    for dir in dirs {
        for name in ["bad.yaml", "good.yaml"] {
            let Ok(fixture) = std::fs::read_to_string(dir.join(name)) else {
                continue;
            };
            if fixture.contains("{{") {
                // A Helm template would make the whole file one.
                continue;
            }
            text.push_str("---\n");
            text.push_str(&fixture);
            if !fixture.ends_with('\n') {
                text.push('\n');
            }
        }
    }
    let file = same_in_pieces(&text, &strict());
    assert!(
        file.diagnostics.len() > 100,
        "the fixtures hold many findings, got {}",
        file.diagnostics.len()
    );
}

#[test]
fn a_syntax_error_in_one_document_leaves_the_others_linted() {
    let text = format!(
        "{}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n  labels: {{a: 1\n---\n{}",
        pod("first"),
        pod("last")
    );
    let file = same_in_pieces(&text, &strict());
    assert!(codes(&file).contains(&"CK1000"));
    assert_eq!(codes(&file).iter().filter(|&&c| c == "CK1003").count(), 2);
}

#[test]
fn duplicate_keys_name_the_line_of_the_first() {
    let text = format!(
        "{}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: x\n  a: y\n",
        pod("first")
    );
    let file = same_in_pieces(&text, &strict());
    let duplicate = file
        .diagnostics
        .iter()
        .find(|d| d.message.contains("duplicate key"))
        .expect("duplicate key reported");
    assert!(
        duplicate.message.contains("line 16"),
        "{}",
        duplicate.message
    );
}

#[test]
fn a_global_comment_in_the_first_document_covers_the_last() {
    let text = format!(
        "# caulk global ignore=CK1003 -- a lab cluster\n{}---\n{}---\n{}",
        pod("a"),
        pod("b"),
        pod("c")
    );
    let file = same_in_pieces(&text, &strict());
    assert!(!codes(&file).contains(&"CK1003"));
    assert_eq!(file.suppressed, 3);
}

#[test]
fn unused_and_annotation_suppressions_are_judged_over_the_whole_file() {
    let text = format!(
        "{}---
apiVersion: v1
kind: Pod
metadata:
  name: waived
  annotations:
    caulk.io/ignore: \"CK1003 -- a debugging pod\"
    ignore-check.kube-linter.io/privileged-container: \"also\"
spec:
  containers:
    - name: app
      image: nginx # caulk ignore=CK3001 -- unused here
      securityContext: {{privileged: true}}
---
# caulk ignore=CK1003 -- covers the next object's key
apiVersion: v1
kind: Pod
metadata:
  name: commented
spec:
  containers:
    - name: app
      image: nginx:1.27
      # caulk ignore=CK1003,NOPE1234 -- one used, one unknown
      securityContext: {{privileged: true}}
",
        pod("plain")
    );
    let file = same_in_pieces(&text, &strict());
    let unused: Vec<_> = file
        .diagnostics
        .iter()
        .filter(|d| d.code == "CX1001")
        .map(|d| d.message.as_str())
        .collect();
    assert!(unused.iter().any(|m| m.contains("NOPE1234")), "{unused:?}");
    assert!(unused.iter().any(|m| m.contains("CK3001")), "{unused:?}");
    assert_eq!(
        codes(&file).iter().filter(|&&c| c == "CK1003").count(),
        1,
        "only the pod without a suppression"
    );
}

#[test]
fn a_comment_before_a_separator_scopes_the_node_on_the_separator_line() {
    let text = format!(
        "{}# caulk ignore=CK1003 -- the flow mapping after the marker\n--- {{spec: {{containers: [{{name: a, image: nginx, securityContext: {{privileged: true}}}}]}}, apiVersion: v1, kind: Pod, metadata: {{name: flow}}}}\n---\n{}",
        pod("first"),
        pod("last")
    );
    let file = same_in_pieces(&text, &strict());
    assert_eq!(codes(&file).iter().filter(|&&c| c == "CK1003").count(), 2);
    assert!(!codes(&file).contains(&"CX1001"));
}

#[test]
fn a_file_without_objects_is_skipped_whatever_the_pieces() {
    let text = "a: 1\n---\nb: 2\n---\n- c\n";
    let file = same_in_pieces(text, &strict());
    assert!(file.skipped.is_some());
    // One manifest among plain documents makes the file a manifest.
    let text = format!("a: 1\n---\nb: [2\n---\n{}", pod("p"));
    let file = same_in_pieces(&text, &strict());
    assert_eq!(file.skipped, None);
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n---\nx: 1\n";
    same_in_pieces(text, &strict());
}

#[test]
fn a_pods_service_account_in_another_piece_still_counts() {
    let account = "apiVersion: v1
kind: ServiceAccount
metadata:
  name: quiet
automountServiceAccountToken: false
";
    let workload = |name: &str, account: &str| {
        format!(
            "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  serviceAccountName: {account}
  containers:
    - name: app
      image: nginx:1.27
"
        )
    };
    let text = format!(
        "{}---\n{}---\n{account}---\n{}",
        workload("before", "quiet"),
        workload("other", "loud"),
        workload("after", "quiet")
    );
    let file = same_in_pieces(&text, &strict());
    let ck2105: Vec<_> = file
        .diagnostics
        .iter()
        .filter(|d| d.code == "CK2105")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(ck2105.len(), 1, "{ck2105:?}");
    assert!(ck2105[0].contains("Pod/other"), "{ck2105:?}");
}

/// A document whose aliases expand to about `10^levels` nodes.
fn laughs(levels: usize) -> String {
    let mut text = String::from(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n  l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n",
    );
    for level in 1..=levels {
        let prev = level - 1;
        text.push_str(&format!(
            "  l{level}: &l{level} [*l{prev}, *l{prev}, *l{prev}, *l{prev}, *l{prev}, *l{prev}, *l{prev}, *l{prev}, *l{prev}, *l{prev}]\n"
        ));
    }
    text
}

#[test]
fn the_alias_budget_counts_over_the_whole_file() {
    // Each document alone stays within the budget (about 12,000 alias
    // nodes of 100,000); together they exceed it, and the documents past
    // the budget are refused exactly as in one piece.
    let mut text = pod("first");
    for _ in 0..9 {
        text.push_str("---\n");
        text.push_str(&laughs(3));
    }
    text.push_str("---\n");
    text.push_str(&pod("last"));
    let file = same_in_pieces(&text, &strict());
    let refused = file
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("billion laughs"))
        .count();
    assert!(refused >= 1, "the budget ran out: {:?}", codes(&file));
    // A document that alone exceeds it is refused, and the others still load.
    let text = format!("{}---\n{}---\n{}", pod("a"), laughs(6), pod("b"));
    let file = same_in_pieces(&text, &strict());
    assert_eq!(codes(&file).iter().filter(|&&c| c == "CK1003").count(), 2);
}

#[test]
fn a_directive_stays_with_its_document() {
    let text = format!("{}%YAML 1.1\n---\n{}---\n{}", pod("a"), pod("b"), pod("c"));
    same_in_pieces(&text, &strict());
}

#[test]
fn a_cache_of_pieces_gives_a_fresh_lints_findings_after_every_edit() {
    let config = strict();
    let mut text = String::new();
    for i in 0..80 {
        text.push_str("---\n");
        text.push_str(&pod(&format!("p{i}")));
    }
    let duplicate =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: x\n  a: y\n";
    let mut cache = caulk_lints::PieceCache::default();
    let mut check = |text: &str| {
        let cached = caulk_lints::lint::lint_manifest_with_cache(
            Path::new("k.yaml"),
            text.to_string(),
            caulk_lints::LineIndex::new(text),
            &config,
            &mut cache,
        );
        let fresh = lint(text, &config, ONE_PIECE);
        assert_eq!(
            outcome(&cached),
            outcome(&fresh),
            "after editing to:\n{text}"
        );
    };
    assert!(text.len() > 8 * 1024, "the text is cut into pieces");
    check(&text);
    let middle = text.find("name: p40").unwrap();
    type Edit = Box<dyn Fn(&mut String)>;
    let edits: Vec<Edit> = vec![
        // The first, a middle and the last document.
        Box::new(|t| t.insert_str(4, "# caulk global ignore=CK1003\n")),
        Box::new(move |t| t.insert_str(middle, "labels: {a: b}\n  ")),
        Box::new(|t| t.push_str("      resources: {}\n")),
        // A separator in the middle of a document, and gone again.
        Box::new(move |t| t.insert_str(middle, "---\n")),
        Box::new(move |t| t.replace_range(middle..middle + 4, "")),
        // Broken, then repaired.
        Box::new(move |t| t.insert_str(middle, "  bad: [\n")),
        Box::new(move |t| t.replace_range(middle..middle + 9, "")),
        // A duplicate key, then lines inserted above it.
        Box::new(move |t| t.insert_str(middle - 4, &format!("---\n{duplicate}"))),
        Box::new(|t| t.insert_str(0, "---\na: 1\n\n")),
        Box::new(|t| t.replace_range(0..4, "")),
    ];
    for edit in &edits {
        edit(&mut text);
        check(&text);
    }
}
