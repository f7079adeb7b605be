//! The project pass: rules that judge the whole linted set (CK2104 network
//! policy coverage, CK3015 Services that select nothing) see every file,
//! report in the file and at the span concerned, and honour each file's
//! configuration and suppressions.

use caulk_lints::config::{Config, ConfigResolver, Overrides};
use caulk_lints::project::lint_project;
use caulk_lints::text::ColumnEncoding;
use caulk_lints::{FileKind, LintedFile, lint_source};
use std::path::Path;
use std::sync::Arc;

fn config(codes: &[&str]) -> Arc<Config> {
    let overrides = Overrides {
        profiles: Some(vec![]),
        select: codes.iter().map(|c| c.to_string()).collect(),
        ..Overrides::default()
    };
    ConfigResolver::new(None, overrides).default_config()
}

/// Lints the files as one set: each alone, then the project pass.
fn lint_set(files: &[(&str, &str)], config: &Arc<Config>) -> Vec<LintedFile> {
    let mut linted: Vec<_> = files
        .iter()
        .map(|(path, text)| {
            lint_source(
                Path::new(path),
                text.to_string(),
                FileKind::Kubernetes,
                config,
            )
        })
        .collect();
    lint_project(&mut linted, |_| config.clone());
    linted
}

/// `path:line:column CODE` for every finding of the set.
fn found(files: &[LintedFile]) -> Vec<String> {
    files
        .iter()
        .flat_map(|f| {
            f.diagnostics.iter().map(move |d| {
                let at = f
                    .line_index
                    .line_col(&f.source, d.range.start, ColumnEncoding::Chars);
                format!("{}:{}:{} {}", f.path.display(), at.line, at.column, d.code)
            })
        })
        .collect()
}

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      containers:
        - name: web
          image: nginx:1.27
";

const DENY_ALL: &str = "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
";

const SERVICE: &str = "apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
";

#[test]
fn a_network_policy_in_another_file_covers_the_workload() {
    let c = config(&["CK2104"]);
    let together = lint_set(
        &[("deploy.yaml", DEPLOYMENT), ("policy.yaml", DENY_ALL)],
        &c,
    );
    assert_eq!(found(&together), Vec::<String>::new());
    let alone = lint_set(&[("deploy.yaml", DEPLOYMENT)], &c);
    assert_eq!(found(&alone), ["deploy.yaml:4:9 CK2104"]);
    assert!(
        alone[0].diagnostics[0]
            .message
            .contains("namespace `shop` has no NetworkPolicy"),
        "{}",
        alone[0].diagnostics[0].message
    );
    // A policy of another namespace does not count.
    let other = DENY_ALL.replace("namespace: shop", "namespace: other");
    let apart = lint_set(&[("deploy.yaml", DEPLOYMENT), ("policy.yaml", &other)], &c);
    assert_eq!(found(&apart), ["deploy.yaml:4:9 CK2104"]);
}

#[test]
fn a_service_matches_pods_defined_in_another_file() {
    let c = config(&["CK3015"]);
    let set = lint_set(&[("svc.yaml", SERVICE), ("deploy.yaml", DEPLOYMENT)], &c);
    assert_eq!(found(&set), Vec::<String>::new());
    let typo = SERVICE.replace("app: web", "app: webb");
    let set = lint_set(&[("svc.yaml", &typo), ("deploy.yaml", DEPLOYMENT)], &c);
    // At the `selector` key of the Service, in the Service's file.
    assert_eq!(found(&set), ["svc.yaml:7:3 CK3015"]);
    // With no workload in the set at all, Services are not judged.
    let set = lint_set(&[("svc.yaml", &typo)], &c);
    assert_eq!(found(&set), Vec::<String>::new());
}

#[test]
fn suppressions_of_project_rules_apply_and_unused_ones_are_reported_after_the_pass() {
    let c = config(&["CK2104", "CK3015", "CX1001"]);
    let quiet = DEPLOYMENT.replace(
        "  namespace: shop\n",
        "  namespace: shop\n  annotations: {caulk.io/ignore: CK2104 -- policies live in the platform repo}\n",
    );
    let commented = SERVICE.replace("  selector:\n", "  # caulk ignore=CK3015\n  selector:\n");
    let set = lint_set(&[("deploy.yaml", &quiet), ("svc.yaml", &commented)], &c);
    // CK2104 suppressed by the annotation; the Service selects the
    // Deployment, so its suppression comment is unused, at its code.
    assert_eq!(found(&set), ["svc.yaml:7:18 CX1001"]);
    assert_eq!(set[0].suppressed, 1);

    // Linted alone (the language server), suppressions of project rules are
    // not judged: without the pass nothing says whether they are needed.
    let alone = lint_source(
        Path::new("svc.yaml"),
        commented.clone(),
        FileKind::Kubernetes,
        &c,
    );
    assert!(alone.diagnostics.is_empty(), "{:?}", alone.diagnostics);
}

#[test]
fn each_file_keeps_its_own_configuration() {
    let on = config(&["CK2104"]);
    let off = config(&["CK3015"]);
    let mut linted = vec![
        lint_source(
            Path::new("a/deploy.yaml"),
            DEPLOYMENT.to_string(),
            FileKind::Kubernetes,
            &on,
        ),
        lint_source(
            Path::new("b/deploy.yaml"),
            DEPLOYMENT.replace("name: web", "name: api"),
            FileKind::Kubernetes,
            &off,
        ),
    ];
    lint_project(&mut linted, |path| {
        if path.starts_with("a") {
            on.clone()
        } else {
            off.clone()
        }
    });
    assert_eq!(found(&linted), ["a/deploy.yaml:4:9 CK2104"]);
}

#[test]
fn dockerfiles_and_skipped_files_take_no_part() {
    let c = config(&["CK2104", "CK3015"]);
    let mut linted = vec![
        lint_source(
            Path::new("Dockerfile"),
            "FROM alpine:3.20\n".to_string(),
            FileKind::Dockerfile,
            &c,
        ),
        lint_source(
            Path::new("values.yaml"),
            "replicas: 3\n".to_string(),
            FileKind::Kubernetes,
            &c,
        ),
    ];
    lint_project(&mut linted, |_| c.clone());
    assert!(linted.iter().all(|f| f.diagnostics.is_empty()));
    assert!(linted[1].skipped.is_some());
}

/// A Deployment `name` in `namespace` (none when empty) with pod `labels`.
fn deployment(name: &str, namespace: &str, labels: &str) -> String {
    let namespace = if namespace.is_empty() {
        String::new()
    } else {
        format!("  namespace: {namespace}\n")
    };
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n{namespace}spec:\n  template:\n    metadata:\n      labels: {labels}\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n"
    )
}

fn service(name: &str, namespace: &str, selector: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {namespace}\nspec:\n  selector: {selector}\n"
    )
}

/// The passes index workloads by label and judge repeated selectors once:
/// every answer must still be the one a comparison with every workload gives.
#[test]
fn repeated_and_overlapping_selectors_are_judged_one_by_one() {
    let c = config(&["CK3015"]);
    let workloads = [
        deployment("front", "shop", "{app: web, tier: front}"),
        deployment("back", "other", "{app: web, tier: back}"),
        deployment("dup", "shop", "{role: old, role: new}"),
    ];
    let services = [
        // Only the Deployment of another namespace has both labels.
        service("s1", "shop", "{app: web, tier: back}"),
        // The same selector where that Deployment lives.
        service("s2", "other", "{app: web, tier: back}"),
        service("s3", "shop", "{tier: front, app: web}"),
        // Duplicate keys: the last value is the label.
        service("s4", "shop", "{role: old}"),
        service("s5", "shop", "{role: new}"),
        service("s6", "shop", "{app: web, tier: front, zone: a}"),
    ];
    let mut files: Vec<(String, String)> = Vec::new();
    for (i, text) in workloads.iter().chain(&services).enumerate() {
        files.push((format!("{i}.yaml"), text.clone()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let set = lint_set(&refs, &c);
    assert_eq!(
        found(&set),
        [
            "3.yaml:7:3 CK3015",
            "6.yaml:7:3 CK3015",
            "8.yaml:7:3 CK3015"
        ]
    );
    // A workload without a namespace may share any: it serves s1.
    let mut with_free = refs.clone();
    let free = deployment("free", "", "{app: web, tier: back}");
    with_free.push(("free.yaml", &free));
    let set = lint_set(&with_free, &c);
    assert_eq!(found(&set), ["6.yaml:7:3 CK3015", "8.yaml:7:3 CK3015"]);

    let c = config(&["CK2104"]);
    let policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {matchLabels: {tier: front}}\n";
    let same_labels = [
        ("a.yaml", deployment("a", "shop", "{tier: front}")),
        ("b.yaml", deployment("b", "other", "{tier: front}")),
        ("c.yaml", deployment("c", "shop", "{tier: back}")),
        ("d.yaml", deployment("d", "shop", "{tier: front}")),
        (
            "e.yaml",
            deployment("e", "shop", "{tier: back, tier: front}"),
        ),
    ];
    let mut refs: Vec<(&str, &str)> = same_labels.iter().map(|(p, t)| (*p, t.as_str())).collect();
    refs.push(("policy.yaml", policy));
    let set = lint_set(&refs, &c);
    assert_eq!(found(&set), ["b.yaml:4:9 CK2104", "c.yaml:4:9 CK2104"]);
    assert!(set[0].diagnostics.is_empty());
    assert!(
        set[1].diagnostics[0]
            .message
            .contains("namespace `other` has no NetworkPolicy")
    );
    assert!(
        set[2].diagnostics[0]
            .message
            .contains("no NetworkPolicy of namespace `shop`")
    );
}
