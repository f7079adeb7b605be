//! Governed suppressions end to end through the engine: expiry against a
//! fixed "today", required reasons, unsuppressible rules, switching inline
//! suppressions off, and what `--statistics` counts.

use caulk_lints::config::{Config, ConfigFile};
use caulk_lints::statistics::{WaiverKind, statistics};
use caulk_lints::{FileKind, LintedFile, lint_source};
use std::path::Path;

fn config(file: ConfigFile) -> Config {
    Config::from_file(file, None).expect("valid configuration")
}

/// Only the rules the tests look at (and the CX rules), on a fixed date.
fn today(date: &str) -> ConfigFile {
    ConfigFile {
        today: Some(date.parse().unwrap()),
        profiles: Some(vec![]),
        select: ["DL3018", "DL3059", "DL3002", "CD1001", "CK1003"]
            .into_iter()
            .chain(["CX1001", "CX1002", "CX1003", "CX1004", "CX1005"])
            .map(String::from)
            .collect(),
        ..ConfigFile::default()
    }
}

fn lint(source: &str, kind: FileKind, config: &Config) -> LintedFile {
    let name = match kind {
        FileKind::Dockerfile => "Dockerfile",
        FileKind::Kubernetes => "pod.yaml",
    };
    lint_source(Path::new(name), source.to_string(), kind, config)
}

/// `CODE@line` for every finding.
fn found(file: &LintedFile) -> Vec<String> {
    file.diagnostics
        .iter()
        .map(|d| {
            let at = file
                .line_index
                .line_col(&file.source, d.range.start, Default::default());
            format!("{}@{}", d.code, at.line)
        })
        .collect()
}

const EXPIRING: &str = "\
FROM alpine:3.20
USER app
# caulk ignore=DL3018 -- pinned upstream, expires=2027-03-31
RUN apk add curl
";

#[test]
fn a_suppression_works_until_the_day_before_it_expires() {
    let before = lint(EXPIRING, FileKind::Dockerfile, &config(today("2027-03-30")));
    assert_eq!(found(&before), Vec::<String>::new());
    assert_eq!(before.suppressed, 1);

    let on_the_day = lint(EXPIRING, FileKind::Dockerfile, &config(today("2027-03-31")));
    assert_eq!(found(&on_the_day), ["CX1002@3", "DL3018@4"]);
    assert_eq!(on_the_day.suppressed, 0);
    let expired = &on_the_day.diagnostics[0];
    assert_eq!(expired.range.slice(EXPIRING), "expires=2027-03-31");
    assert_eq!(
        expired.message,
        "this suppression expired on 2027-03-31 (today is 2027-03-31) and no longer suppresses anything"
    );
}

#[test]
fn an_early_warning_only_when_configured() {
    let mut file = today("2027-03-01");
    let quiet = lint(EXPIRING, FileKind::Dockerfile, &config(file));
    assert_eq!(found(&quiet), Vec::<String>::new());

    file = today("2027-03-01");
    file.suppression_expiry_warning_days = Some(30);
    let warned = lint(EXPIRING, FileKind::Dockerfile, &config(file));
    // Still suppresses; only the approaching date is reported.
    assert_eq!(found(&warned), ["CX1003@3"]);
    assert_eq!(
        warned.diagnostics[0].message,
        "this suppression expires on 2027-03-31, in 30 days"
    );
}

#[test]
fn expiry_applies_to_yaml_comments_too() {
    let manifest = "\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        # caulk ignore=CK1003 -- vendor chart, expires=2027-01-01
        privileged: true
";
    let kept = lint(manifest, FileKind::Kubernetes, &config(today("2026-12-31")));
    assert_eq!(found(&kept), Vec::<String>::new());

    let expired = lint(manifest, FileKind::Kubernetes, &config(today("2027-01-01")));
    assert_eq!(found(&expired), ["CX1002@10", "CK1003@11"]);
}

#[test]
fn unsuppressible_rules_are_reported_at_the_code_and_the_rest_still_suppresses() {
    let source = "\
FROM alpine:3.20
RUN echo one
# caulk ignore=DL3018,DL3059 -- pinned upstream
RUN apk add curl
# hadolint ignore=DL3002 -- needs root
USER root
";
    let mut file = today("2027-01-01");
    file.unsuppressible = vec!["last-user-root".into(), "DL3018".into()];
    let linted = lint(source, FileKind::Dockerfile, &config(file));
    assert_eq!(
        found(&linted),
        ["CX1005@3", "DL3018@4", "CX1005@5", "DL3002@6"],
        "DL3059 stays suppressed; the forbidden codes are not also reported as unused"
    );
    assert_eq!(linted.suppressed, 1);
    assert_eq!(linted.diagnostics[0].range.slice(source), "DL3018");
}

#[test]
fn switching_inline_suppressions_off_reports_every_one_and_honours_none() {
    let source = "\
FROM alpine:3.20
USER app
# caulk ignore=DL3018 -- pinned upstream
RUN apk add curl
";
    let mut file = today("2027-01-01");
    file.inline_suppressions = Some(false);
    let linted = lint(source, FileKind::Dockerfile, &config(file));
    assert_eq!(found(&linted), ["CX1005@3", "DL3018@4"]);
    assert_eq!(
        linted.diagnostics[0].range.slice(source),
        "# caulk ignore=DL3018 -- pinned upstream"
    );
}

#[test]
fn a_required_reason_is_reported_but_the_suppression_still_applies() {
    let source = "\
FROM alpine:3.20
USER app
# caulk ignore=DL3018
RUN apk add curl
";
    let mut file = today("2027-01-01");
    file.require_suppression_reason = Some(true);
    let linted = lint(source, FileKind::Dockerfile, &config(file));
    assert_eq!(found(&linted), ["CX1004@3"]);
    assert_eq!(linted.suppressed, 1);
}

#[test]
fn governance_findings_cannot_be_suppressed_inline() {
    let source = "\
# caulk global ignore=CX1002 -- trying to hide the expiry
FROM alpine:3.20
USER app
# caulk ignore=DL3018 -- pinned upstream, expires=2020-01-01
RUN apk add curl
";
    let linted = lint(source, FileKind::Dockerfile, &config(today("2027-01-01")));
    assert_eq!(found(&linted), ["CX1001@1", "CX1002@4", "DL3018@5"]);
}

#[test]
fn statistics_count_reported_and_waived_findings_per_rule() {
    let source = "\
FROM alpine:3.20
# caulk ignore=DL3018 -- pinned upstream
RUN apk add curl
RUN apk add git
";
    let mut file = today("2027-01-01");
    file.ignore = vec!["DL3059".into(), "CD1001".into()];
    file.count_ignored = true;
    file.select.retain(|code| !file.ignore.contains(code));
    let linted = lint(source, FileKind::Dockerfile, &config(file));
    // Ignored rules ran only to be counted: none of their findings is reported.
    assert_eq!(found(&linted), ["DL3018@4"]);
    let kinds: Vec<_> = linted.waived.iter().map(|w| (w.code, w.kind)).collect();
    assert!(
        kinds.contains(&("DL3018", WaiverKind::Comment)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("DL3059", WaiverKind::ConfigIgnore)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("CD1001", WaiverKind::ConfigIgnore)),
        "{kinds:?}"
    );

    let stats = statistics(std::slice::from_ref(&linted));
    let row = |code: &str| stats.iter().find(|s| s.code == code).unwrap().clone();
    assert_eq!((row("DL3018").reported, row("DL3018").comment), (1, 1));
    assert_eq!(row("DL3018").found(), 2);
    assert_eq!(
        (row("DL3059").reported, row("DL3059").config_ignore),
        (0, 1)
    );
    assert_eq!(row("CD1001").name, "no-user");

    // Without counting, ignored rules do not run at all.
    let mut file = today("2027-01-01");
    file.ignore = vec!["DL3059".into()];
    file.select.retain(|code| code != "DL3059");
    let linted = lint(source, FileKind::Dockerfile, &config(file));
    assert!(
        linted
            .waived
            .iter()
            .all(|w| w.kind != WaiverKind::ConfigIgnore)
    );
}

#[test]
fn annotations_take_the_same_fields_and_count_as_annotations() {
    let manifest = "\
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    caulk.io/ignore: \"CK1003 -- vendor chart, expires=2027-01-01\"
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: true
";
    let kept = lint(manifest, FileKind::Kubernetes, &config(today("2026-12-31")));
    assert_eq!(found(&kept), Vec::<String>::new());
    let kinds: Vec<_> = kept.waived.iter().map(|w| (w.code, w.kind)).collect();
    assert_eq!(kinds, [("CK1003", WaiverKind::Annotation)]);

    let expired = lint(manifest, FileKind::Kubernetes, &config(today("2027-01-01")));
    assert_eq!(found(&expired), ["CX1002@6", "CK1003@12"]);
    assert_eq!(
        expired.diagnostics[0].range.slice(manifest),
        "expires=2027-01-01"
    );

    let mut file = today("2026-12-31");
    file.unsuppressible = vec!["CK1003".into()];
    let forbidden = lint(manifest, FileKind::Kubernetes, &config(file));
    assert_eq!(found(&forbidden), ["CX1005@6", "CK1003@12"]);
}
