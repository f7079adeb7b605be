//! Suppressions written as Kubernetes annotations: `caulk.io/ignore` on an
//! object or a pod template, kube-linter's `ignore-check.kube-linter.io/<check>`,
//! and the unused ones reported as `CX1001` at the annotation.

use caulk_lints::config::{ConfigResolver, Overrides};
use caulk_lints::fix::apply_fixes;
use caulk_lints::kubernetes::{annotation_suppressions, objects};
use caulk_lints::text::ColumnEncoding;
use caulk_lints::yaml::{Limits, load};
use caulk_lints::{Applicability, FileKind, LintedFile, lint_source};
use std::path::Path;

fn lint(text: &str, codes: &[&str]) -> LintedFile {
    let mut select: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    select.push("CX1001".into());
    let overrides = Overrides {
        profiles: Some(vec![]),
        select,
        ..Overrides::default()
    };
    let config = ConfigResolver::new(None, overrides).default_config();
    lint_source(
        Path::new("k.yaml"),
        text.to_string(),
        FileKind::Kubernetes,
        &config,
    )
}

/// `line:column CODE` for every finding.
fn found(file: &LintedFile) -> Vec<String> {
    file.diagnostics
        .iter()
        .map(|d| {
            let at = file
                .line_index
                .line_col(&file.source, d.range.start, ColumnEncoding::Chars);
            format!("{}:{} {}", at.line, at.column, d.code)
        })
        .collect()
}

const TWO_PRIVILEGED: &str = "apiVersion: v1
kind: Pod
metadata:
  name: quiet
  annotations:
    caulk.io/ignore: \"CK1003 -- a debugging pod, removed after the incident\"
spec:
  containers:
    - name: a
      securityContext: {privileged: true}
---
apiVersion: v1
kind: Pod
metadata:
  name: loud
spec:
  containers:
    - name: b
      securityContext: {privileged: true}
";

#[test]
fn object_annotation_suppresses_that_object_only() {
    let file = lint(TWO_PRIVILEGED, &["CK1003"]);
    assert_eq!(found(&file), ["19:37 CK1003"]);
    assert_eq!(file.suppressed, 1);
}

#[test]
fn annotation_reason_is_parsed_like_a_comment() {
    let stream = load(TWO_PRIVILEGED, &Limits::default());
    let objects = objects(&stream);
    let s = annotation_suppressions(&objects, TWO_PRIVILEGED);
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].reason.as_deref(),
        Some("a debugging pod, removed after the incident")
    );
    assert_eq!(s[0].codes[0].range.slice(TWO_PRIVILEGED), "CK1003");
    assert_eq!(s[0].codes[0].rule.map(|r| r.code), Some("CK1003"));
}

#[test]
fn pod_template_annotation_covers_the_template_not_the_object() {
    let text = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: other}
  template:
    metadata:
      labels: {app: web}
      annotations:
        caulk.io/ignore: CK1003,CK3014
    spec:
      containers:
        - name: web
          securityContext:
            privileged: true
";
    let file = lint(text, &["CK1003", "CK3014"]);
    // The selector mismatch sits outside the template: still reported, and the
    // template's CK3014 suppression, which covered nothing, is unused.
    assert_eq!(found(&file), ["7:24 CK3014", "12:33 CX1001"]);
    let fixed = apply_fixes(&file.source, &file.diagnostics, Applicability::Safe);
    assert!(
        fixed.text.contains("caulk.io/ignore: CK1003\n"),
        "{}",
        fixed.text
    );
}

#[test]
fn kube_linter_annotations_are_honoured() {
    let text = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    ignore-check.kube-linter.io/privileged-container: \"needs the GPU driver\"
    ignore-check.kube-linter.io/unset-cpu-requirements: \"burstable by design\"
    ignore-check.kube-linter.io/no-anti-affinity: \"no such caulk rule\"
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext: {privileged: true}
";
    // unset-cpu-requirements is both CK3001 (requests) and CK3002 (limits).
    let file = lint(text, &["CK1003", "CK3001", "CK3002"]);
    assert_eq!(found(&file), Vec::<String>::new());
    assert_eq!(file.suppressed, 3);
}

#[test]
fn unused_kube_linter_annotation_points_at_the_check_and_removes_the_line() {
    let text = "apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    ignore-check.kube-linter.io/privileged-container: \"\"
    keep: me
spec:
  containers:
    - name: a
";
    let file = lint(text, &["CK1003"]);
    assert_eq!(found(&file), ["6:33 CX1001"]);
    let d = &file.diagnostics[0];
    assert_eq!(d.range.slice(text), "privileged-container");
    let fixed = apply_fixes(text, &file.diagnostics, Applicability::Safe);
    assert_eq!(
        fixed.text,
        text.replace(
            "    ignore-check.kube-linter.io/privileged-container: \"\"\n",
            ""
        )
    );
}

#[test]
fn unused_annotation_in_a_flow_mapping_is_removed_with_its_comma() {
    let text = "apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {caulk.io/ignore: 'CK1003', keep: me}
spec:
  containers:
    - name: a
";
    let file = lint(text, &["CK1003"]);
    assert_eq!(found(&file), ["5:35 CX1001"]);
    let fixed = apply_fixes(text, &file.diagnostics, Applicability::Safe);
    assert!(
        fixed.text.contains("  annotations: {keep: me}\n"),
        "{}",
        fixed.text
    );
}

#[test]
fn escaped_values_point_at_the_whole_value() {
    let text = "apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    caulk.io/ignore: \"CK1003,\\u0043K1006\"
spec:
  containers:
    - name: a
      securityContext: {privileged: true}
";
    let file = lint(text, &["CK1003", "CK1006"]);
    // CK1003 is used; CK1006 is not, and its place cannot be told exactly.
    assert_eq!(found(&file), ["6:22 CX1001"]);
    assert!(file.diagnostics[0].message.contains("CK1006"));
}

#[test]
fn annotations_obey_inline_suppressions_off() {
    let dir = std::env::temp_dir().join(format!("caulk-annot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(".caulk.yaml"),
        "inline-suppressions: false\nprofiles: []\nselect: [CK1003]\n",
    )
    .unwrap();
    let path = dir.join("k.yaml");
    let config = ConfigResolver::new(None, Overrides::default())
        .for_file(&path)
        .unwrap();
    let file = lint_source(
        &path,
        TWO_PRIVILEGED.to_string(),
        FileKind::Kubernetes,
        &config,
    );
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(found(&file), ["10:37 CK1003", "19:37 CK1003"]);
}
