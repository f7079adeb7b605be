//! `pss-version` in `.caulk.yaml`: each control whose meaning changed
//! between Pod Security Standards versions, on both sides of the change.

use caulk_lints::config::{ConfigResolver, Overrides};
use caulk_lints::text::ColumnEncoding;
use caulk_lints::{FileKind, lint_source};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory holding `.caulk.yaml` with `config`.
fn dir_with(config: &str) -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("caulk-pss-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".caulk.yaml"), config).unwrap();
    dir
}

/// `line:column CODE message` for the findings of `codes` under `pss-version: version`.
fn lint(text: &str, version: &str, codes: &[&str]) -> Vec<String> {
    let dir = dir_with(&format!(
        "pss-version: {version}\nprofiles: []\nselect: [{}]\n",
        codes.join(", ")
    ));
    let path = dir.join("pod.yaml");
    let config = ConfigResolver::new(None, Overrides::default())
        .for_file(&path)
        .unwrap_or_else(|e| panic!("{version}: {e}"));
    let file = lint_source(&path, text.to_string(), FileKind::Kubernetes, &config);
    std::fs::remove_dir_all(&dir).ok();
    file.diagnostics
        .iter()
        .map(|d| {
            let at = file
                .line_index
                .line_col(&file.source, d.range.start, ColumnEncoding::Chars);
            format!("{}:{} {} {}", at.line, at.column, d.code, d.message)
        })
        .collect()
}

fn codes(found: &[String]) -> Vec<&str> {
    found
        .iter()
        .map(|f| f.split(' ').take(2).last().unwrap())
        .collect()
}

fn sysctl_pod(name: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata: {{name: p}}
spec:
  securityContext:
    sysctls:
      - name: {name}
        value: '1'
  containers:
    - name: a
"
    )
}

#[test]
fn safe_sysctls_grow_with_the_version() {
    for (name, since) in [
        ("net.ipv4.ip_local_reserved_ports", 27),
        ("net.ipv4.tcp_keepalive_time", 29),
        ("net.ipv4.tcp_fin_timeout", 29),
        ("net.ipv4.tcp_rmem", 32),
        ("net.ipv4.tcp_notsent_lowat", 37),
    ] {
        let text = sysctl_pod(name);
        let before = lint(&text, &format!("v1.{}", since - 1), &["CK1011"]);
        assert_eq!(before.len(), 1, "{name} before v1.{since}: {before:?}");
        assert!(
            before[0].starts_with("7:15 CK1011")
                && before[0].contains(&format!("safe only from policy version v1.{since}")),
            "{before:?}"
        );
        assert!(lint(&text, &format!("v1.{since}"), &["CK1011"]).is_empty());
        assert!(lint(&text, "latest", &["CK1011"]).is_empty());
    }
    // Never safe, whatever the version; always safe from the start.
    assert_eq!(
        codes(&lint(&sysctl_pod("kernel.msgmax"), "latest", &["CK1011"])),
        ["CK1011"]
    );
    assert!(lint(&sysctl_pod("kernel.shm_rmid_forced"), "v1.19", &["CK1011"]).is_empty());
}

#[test]
fn selinux_container_engine_type_from_1_31() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      securityContext:
        seLinuxOptions: {type: container_engine_t}
";
    let found = lint(text, "v1.30", &["CK1008"]);
    assert_eq!(codes(&found), ["CK1008"]);
    assert!(found[0].starts_with("8:32 "), "{found:?}");
    assert!(lint(text, "v1.31", &["CK1008"]).is_empty());
    assert!(lint(text, "latest", &["CK1008"]).is_empty());
}

#[test]
fn probe_and_lifecycle_hosts_from_1_34() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      livenessProbe:
        httpGet: {host: 169.254.169.254, path: /, port: 80}
";
    assert!(lint(text, "v1.33", &["CK1012"]).is_empty());
    let found = lint(text, "v1.34", &["CK1012"]);
    assert_eq!(codes(&found), ["CK1012"]);
    assert!(found[0].starts_with("8:25 "), "{found:?}");
}

#[test]
fn windows_pods_exempt_from_restricted_linux_controls_from_1_25() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  containers:
    - name: a
";
    let rules = ["CK1102", "CK1105", "CK1106"];
    let found = lint(text, "v1.24", &rules);
    assert_eq!(codes(&found), ["CK1105", "CK1102", "CK1106"], "{found:?}");
    assert!(lint(text, "v1.25", &rules).is_empty());
    assert!(lint(text, "latest", &rules).is_empty());
}

#[test]
fn restricted_capabilities_from_1_22_and_run_as_user_from_1_23() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      securityContext: {runAsUser: 0}
";
    assert!(lint(text, "v1.21", &["CK1106"]).is_empty());
    assert_eq!(codes(&lint(text, "v1.22", &["CK1106"])), ["CK1106"]);
    assert!(lint(text, "v1.22", &["CK1104"]).is_empty());
    let found = lint(text, "v1.23", &["CK1104"]);
    assert_eq!(codes(&found), ["CK1104"]);
    assert!(found[0].starts_with("7:36 "), "{found:?}");
}

#[test]
fn user_namespaced_pods_from_1_35() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  securityContext: {runAsNonRoot: false, runAsUser: 0}
  containers:
    - name: a
      securityContext: {procMount: Unmasked}
";
    let rules = ["CK1009", "CK1103", "CK1104", "CK1107"];
    // Before 1.35 a user namespace changes nothing: root and an unmasked
    // /proc are reported as for any pod, the latter once (by CK1009).
    let found = lint(text, "v1.34", &rules);
    assert_eq!(codes(&found), ["CK1103", "CK1104", "CK1009"], "{found:?}");
    // From 1.35 only Restricted's procMount control still applies.
    let found = lint(text, "v1.35", &rules);
    assert_eq!(codes(&found), ["CK1107"], "{found:?}");
    assert!(found[0].starts_with("9:36 "), "{found:?}");
    assert_eq!(codes(&lint(text, "latest", &rules)), ["CK1107"]);
}

#[test]
fn bad_versions_are_configuration_errors_with_a_location() {
    for (bad, says) in [
        ("v1.18", "older than v1.19"),
        ("v2.0", "not a Pod Security Standards version"),
        ("soon", "not a Pod Security Standards version"),
    ] {
        let dir = dir_with(&format!("pss-version: {bad}\n"));
        let err = ConfigResolver::new(None, Overrides::default())
            .for_file(&dir.join("pod.yaml"))
            .expect_err(bad);
        std::fs::remove_dir_all(&dir).ok();
        let shown = format!("{err} {:?}", err);
        assert!(shown.contains(says), "{bad}: {shown}");
    }
    // Unquoted, `1.30` is still read as the version text.
    let dir = dir_with("pss-version: 1.30\n");
    let config = ConfigResolver::new(None, Overrides::default())
        .for_file(&dir.join("pod.yaml"))
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(config.settings.pss_version.to_string(), "v1.30");
}
