//! End-to-end: `caulk check` runs the cross-file rules once over everything
//! it linted, so a NetworkPolicy or a workload in another file counts.

use std::process::Command;

fn check(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_caulk"))
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .args(["check", "-f", "concise", "--select", "CK2104,CK3015"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn cross_file_rules_see_the_whole_linted_set() {
    let dir = std::env::temp_dir().join(format!("caulk-project-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("k8s")).unwrap();
    std::fs::write(
        dir.join("k8s/deploy.yaml"),
        "apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: 'nginx:1.27'}]
",
    )
    .unwrap();
    std::fs::write(
        dir.join("k8s/policy.yaml"),
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}}
",
    )
    .unwrap();
    std::fs::write(
        dir.join("k8s/svc.yaml"),
        "apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: webb}
",
    )
    .unwrap();
    let (code, out) = check(&dir, &["k8s"]);
    // Only the Service's typo: the policy in another file covers the Deployment.
    let lines: Vec<_> = out.lines().filter(|l| l.contains("CK")).collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("k8s/svc.yaml:5:3: CK3015"), "{out}");
    assert_eq!(code, 1);
    // Linting the Deployment alone, its namespace has no policy.
    let (_, out) = check(&dir, &["k8s/deploy.yaml"]);
    assert!(out.contains("k8s/deploy.yaml:3:18: CK2104"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}
