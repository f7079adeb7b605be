//! Every format rendered from the same hand-built findings: a Dockerfile
//! with a fix, a label and non-ASCII text; a clean file; a manifest whose
//! text and message try to inject terminal escapes, annotations and markup;
//! and a skipped file.

use super::*;
use crate::detect::FileKind;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::rules::{Category, Check, Reference, Source, Target};
use crate::text::LineIndex;

crate::declare_rule! {
    /// ## What it does
    /// Reports an image reference without a tag, or with `latest`.
    ///
    /// ## Why is this bad?
    /// `latest` moves: the next build may get a different image.
    pub static LATEST_TAG = Rule {
        code: "DL3007",
        name: "latest-tag",
        summary: "An image is used with the `latest` tag",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3007")],
        fix: Some(Applicability::Safe),
        check: Check::Engine(Target::Dockerfile),
    };
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `apk add` without pinned versions.
    pub static APK_PIN = Rule {
        code: "DL3018",
        name: "apk-version-pinning",
        summary: "Packages are installed with `apk add` without pinned versions",
        category: Category::BestPractice,
        severity: Severity::Info,
        check: Check::Engine(Target::Dockerfile),
    };
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a label that looks like it holds a secret.
    ///
    /// ## Why is this bad?
    /// Labels are readable by anyone who can pull the image.
    pub static SECRET_LABEL = Rule {
        code: "TS0001",
        name: "secret-in-label",
        summary: "A label holds what looks like a secret",
        category: Category::Security,
        severity: Severity::Error,
        references: &[Reference::new(Source::Url, "https://example.com/labels")],
        check: Check::Engine(Target::Dockerfile),
    };
}

crate::declare_rule! {
    /// ## What it does
    /// Reports odd names.
    pub static ODD_NAME = Rule {
        code: "TS0002",
        name: "odd-name",
        summary: "An object has an odd name",
        category: Category::Style,
        severity: Severity::Style,
        check: Check::Engine(Target::Kubernetes),
    };
}

const DOCKERFILE: &str = "# syntax=docker/dockerfile:1\n\
FROM alpine:latest AS build\n\
LABEL maintainer=\"Zoë 🐳\" token=\"hunter2\"\n\
RUN apk add curl\n";

/// Byte range of the `nth` occurrence (from 0) of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> TextRange {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .expect("needle present")
        .0;
    TextRange::from_usize(start, start + needle.len())
}

fn diagnostic(rule: &'static Rule, range: TextRange, message: &str) -> Diagnostic {
    Diagnostic {
        code: rule.code,
        name: rule.name,
        severity: rule.severity,
        message: message.to_string(),
        range,
        labels: Vec::new(),
        fix: None,
    }
}

pub(super) fn file(
    path: &str,
    kind: FileKind,
    source: &str,
    diagnostics: Vec<Diagnostic>,
) -> LintedFile {
    LintedFile {
        path: PathBuf::from(path),
        kind,
        source: source.to_string(),
        line_index: LineIndex::new(source),
        diagnostics,
        suppressed: 0,
        waived: Vec::new(),
        skipped: None,
        project: None,
        build: None,
    }
}

fn dockerfile(source: &str) -> LintedFile {
    let mut latest = diagnostic(
        &LATEST_TAG,
        find(source, "alpine:latest", 0),
        "Using `latest` is prone to errors",
    );
    latest
        .label(find(source, "build", 0), "the stage is named here")
        .fix(Fix::safe(
            "Pin the image to a version",
            vec![Edit::replace(find(source, "latest", 0), "3.20")],
        ));
    let secret = diagnostic(
        &SECRET_LABEL,
        find(source, "token=\"hunter2\"", 0),
        "Label `token` looks like a secret",
    );
    let apk = diagnostic(
        &APK_PIN,
        find(source, "apk add curl", 0),
        "Pin versions in `apk add`",
    );
    let mut f = file(
        "app/Dockerfile",
        FileKind::Dockerfile,
        source,
        vec![latest, secret, apk],
    );
    f.suppressed = 1;
    f
}

const HOSTILE_MANIFEST: &str =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"\x1b[31mred\u{202E}\"\n";

fn hostile() -> LintedFile {
    let message = "name is 100% odd,\nsee: <&>\"' \x1b[2J\r::error::pwned";
    let mut d = diagnostic(
        &ODD_NAME,
        find(HOSTILE_MANIFEST, "\"\x1b[31mred\u{202E}\"", 0),
        message,
    );
    d.fix(Fix {
        title: "Rename to \"red\"".to_string(),
        applicability: Applicability::Unsafe,
        edits: vec![Edit::replace(
            find(HOSTILE_MANIFEST, "\"\x1b[31mred\u{202E}\"", 0),
            "red",
        )],
    });
    file(
        "deploy/evil,1:x.yaml",
        FileKind::Kubernetes,
        HOSTILE_MANIFEST,
        vec![d],
    )
}

fn fixtures() -> Vec<LintedFile> {
    let mut skipped = file(
        "chart/templates/pod.yaml",
        FileKind::Kubernetes,
        "{{ .Values }}\n",
        Vec::new(),
    );
    skipped.skipped = Some("a Helm template".to_string());
    vec![
        dockerfile(DOCKERFILE),
        file(
            "clean/Dockerfile",
            FileKind::Dockerfile,
            "FROM scratch\n",
            Vec::new(),
        ),
        hostile(),
        skipped,
    ]
}

fn options() -> RenderOptions<'static> {
    RenderOptions::new("0.1.0-test", false).with_rules(vec![
        &APK_PIN,
        &LATEST_TAG,
        &SECRET_LABEL,
        &ODD_NAME,
    ])
}

fn render_string(format: Format, files: &[LintedFile], options: &RenderOptions) -> String {
    let mut out = Vec::new();
    render(format, files, options, &mut out).expect("rendering to memory succeeds");
    String::from_utf8(out).expect("reports are UTF-8")
}

#[test]
fn format_names_round_trip() {
    for format in Format::ALL {
        assert_eq!(format.as_str().parse::<Format>(), Ok(format));
        assert_eq!(format.to_string(), format.as_str());
    }
    assert_eq!("SARIF".parse::<Format>(), Ok(Format::Sarif));
    let err = "xml".parse::<Format>().unwrap_err();
    assert!(err.contains("full, concise, json"), "{err}");
    assert_eq!(Format::default(), Format::Full);
}

#[test]
fn report_paths_are_relative_with_slashes() {
    let options = RenderOptions::new("x", false).with_base_dir("/work/repo");
    assert_eq!(
        options.report_path(Path::new("/work/repo/app/Dockerfile")),
        "app/Dockerfile"
    );
    assert_eq!(
        options.report_path(Path::new("./app/Dockerfile")),
        "app/Dockerfile"
    );
    assert_eq!(
        options.report_path(Path::new("/elsewhere/Dockerfile")),
        "/elsewhere/Dockerfile"
    );
    assert_eq!(
        options
            .without_color()
            .report_path(Path::new("/work/repo/a")),
        "a"
    );
}

#[test]
fn summary_counts_and_reads_well() {
    let files = fixtures();
    let s = summary(&files);
    assert_eq!(
        (s.findings, s.errors, s.warnings, s.infos, s.styles),
        (4, 1, 1, 1, 1)
    );
    assert_eq!((s.fixable, s.safely_fixable, s.suppressed), (2, 1, 1));
    assert_eq!(
        (s.files_linted, s.files_with_findings, s.files_skipped),
        (3, 2, 1)
    );
    assert_eq!(
        s.to_string(),
        "Found 4 findings (1 error, 1 warning, 1 info, 1 style) in 2 of 3 files (1 skipped)."
    );
    assert_eq!(summary(&files[1..2]).to_string(), "No findings in 1 file.");
    assert_eq!(summary(&[]).to_string(), "No findings in 0 files.");
    let one = vec![file(
        "Dockerfile",
        FileKind::Dockerfile,
        "FROM a\n",
        vec![diagnostic(&APK_PIN, TextRange::new(0, 4), "m")],
    )];
    assert_eq!(
        summary(&one).to_string(),
        "Found 1 finding (1 info) in 1 of 1 file."
    );
}

#[test]
fn full_shows_snippets_labels_and_fixes() {
    let out = render_string(Format::Full, &fixtures(), &options());
    insta::assert_snapshot!("full", out);
    assert!(out.contains("warning[DL3007 latest-tag]: Using `latest` is prone to errors"));
    assert!(out.contains("= help: Pin the image to a version"));
    assert!(out.contains("app/Dockerfile:3:"), "{out}");
    assert!(
        !out.contains("chart/templates"),
        "skipped files print nothing"
    );
    assert!(
        !out.contains('\x1b'),
        "no escape sequence reaches the terminal without colour"
    );
    assert!(!out.contains('\u{202E}'));
}

#[test]
fn full_in_colour_still_blocks_injected_escapes() {
    let options = RenderOptions::new("0.1.0-test", true);
    let out = render_string(Format::Full, &fixtures(), &options);
    assert!(out.contains("\x1b["), "colour is on");
    assert!(
        !out.contains("\x1b[2J") && !out.contains("\x1b[31m\""),
        "{out:?}"
    );
}

#[test]
fn full_survives_out_of_range_and_mid_character_ranges() {
    let source = "FROM é\n";
    let d = diagnostic(&LATEST_TAG, TextRange::new(6, 99), "m");
    let out = render_string(
        Format::Full,
        &[file("Dockerfile", FileKind::Dockerfile, source, vec![d])],
        &options(),
    );
    assert!(out.contains("Dockerfile:1:6"), "{out}");
}

#[test]
fn concise_is_one_line_per_finding() {
    let out = render_string(Format::Concise, &fixtures(), &options());
    insta::assert_snapshot!("concise", out);
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[0],
        "app/Dockerfile:2:6: DL3007 [warning] Using `latest` is prone to errors"
    );
    // `Zoë 🐳" ` comes before `token`: columns count characters.
    assert_eq!(
        lines[1],
        "app/Dockerfile:3:26: TS0001 [error] Label `token` looks like a secret"
    );
    assert!(!out.contains('\x1b') && !out.contains('\r'));
    let coloured = render_string(Format::Concise, &fixtures(), &RenderOptions::new("x", true));
    assert!(coloured.contains("\x1b[1;33mDL3007\x1b[0m"));
    assert!(!coloured.contains("\x1b[2J"));
}

#[test]
fn json_round_trips_with_every_field() {
    let out = render_string(Format::Json, &fixtures(), &options());
    insta::assert_snapshot!("json", out);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(doc["tool"]["version"], "0.1.0-test");
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 4);
    let latest = &findings[0];
    assert_eq!(latest["code"], "DL3007");
    assert_eq!(latest["name"], "latest-tag");
    assert_eq!(latest["severity"], "warning");
    assert_eq!(latest["path"], "app/Dockerfile");
    assert_eq!(latest["start"], serde_json::json!({"line": 2, "column": 6}));
    assert_eq!(latest["end"], serde_json::json!({"line": 2, "column": 19}));
    let range = find(DOCKERFILE, "alpine:latest", 0);
    assert_eq!(latest["offset"], range.start);
    assert_eq!(latest["length"], range.len());
    assert_eq!(latest["labels"][0]["message"], "the stage is named here");
    assert_eq!(latest["fix"]["applicability"], "safe");
    assert_eq!(latest["fix"]["edits"][0]["content"], "3.20");
    assert_eq!(latest["fix"]["edits"][0]["start"]["column"], 13);
    assert_eq!(latest["fingerprint"].as_str().unwrap().len(), 16);
    assert!(findings[1]["fix"].is_null());
    // The secret label sits after non-ASCII text: columns are characters, offsets bytes.
    assert_eq!(findings[1]["start"]["column"], 26);
    assert_eq!(findings[1]["offset"], find(DOCKERFILE, "token", 0).start);
    assert_eq!(
        findings[3]["message"], "name is 100% odd,\nsee: <&>\"' \x1b[2J\r::error::pwned",
        "JSON keeps the message exactly, escaped"
    );
    assert!(!out.contains('\x1b'));
    assert_eq!(doc["summary"]["findings"], 4);
    assert_eq!(doc["summary"]["files_skipped"], 1);
    // Stable key order: the order the document promises.
    let keys: Vec<_> = out
        .lines()
        .skip(7)
        .take(8)
        .map(|l| l.trim().split(':').next().unwrap().to_string())
        .collect();
    assert_eq!(
        keys,
        [
            "\"code\"",
            "\"name\"",
            "\"severity\"",
            "\"message\"",
            "\"path\"",
            "\"start\"",
            "\"line\"",
            "\"column\""
        ]
    );
}

#[test]
fn empty_reports_are_well_formed() {
    let files = [file(
        "Dockerfile",
        FileKind::Dockerfile,
        "FROM scratch\n",
        Vec::new(),
    )];
    assert_eq!(render_string(Format::Full, &files, &options()), "");
    assert_eq!(render_string(Format::Concise, &files, &options()), "");
    let json: serde_json::Value =
        serde_json::from_str(&render_string(Format::Json, &files, &options())).unwrap();
    assert_eq!(json["findings"], serde_json::json!([]));
}

#[test]
fn github_escapes_data_and_properties() {
    let out = render_string(Format::Github, &fixtures(), &options());
    insta::assert_snapshot!("github", out);
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(
        lines.len(),
        4,
        "a newline in a message cannot start a second command"
    );
    assert_eq!(
        lines[0],
        "::warning file=app/Dockerfile,line=2,col=6,endLine=2,endColumn=19,title=DL3007 latest-tag::Using `latest` is prone to errors"
    );
    assert!(lines[1].starts_with("::error "));
    assert!(lines[2].starts_with("::notice "), "info is a notice");
    assert_eq!(
        lines[3],
        "::notice file=deploy/evil%2C1%3Ax.yaml,line=4,col=9,endLine=4,endColumn=20,title=TS0002 odd-name::\
         name is 100%25 odd,%0Asee: <&>\"' \\u{1b}[2J%0D::error::pwned"
    );
}

#[test]
fn fingerprints_survive_lines_added_above() {
    let before = dockerfile(DOCKERFILE);
    let shifted_text = format!("# a new comment\n\n{DOCKERFILE}");
    let after = dockerfile(&shifted_text);
    assert_ne!(before.diagnostics[0].range, after.diagnostics[0].range);
    assert_eq!(fingerprints(&before), fingerprints(&after));
    assert_eq!(
        fingerprint(&before, &before.diagnostics[1]),
        fingerprints(&before)[1]
    );

    let ids = fingerprints(&before);
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "different rules and places differ");

    // The same rule on another line's text, or in another file, differs.
    let mut moved = dockerfile(DOCKERFILE);
    moved.diagnostics[0].range = find(DOCKERFILE, "apk add curl", 0);
    assert_ne!(fingerprints(&moved)[0], ids[0]);
    let mut renamed = dockerfile(DOCKERFILE);
    renamed.path = PathBuf::from("other/Dockerfile");
    assert_ne!(fingerprints(&renamed)[0], ids[0]);
    // Same rule and code, different rule code: differs.
    let mut recoded = dockerfile(DOCKERFILE);
    recoded.diagnostics[0].code = "DL9999";
    assert_ne!(fingerprints(&recoded)[0], ids[0]);
}

#[test]
fn identical_findings_get_distinct_fingerprints() {
    let source = "RUN apk add curl\nRUN apk add curl\n";
    let diagnostics = vec![
        diagnostic(&APK_PIN, find(source, "apk add curl", 0), "m"),
        diagnostic(&APK_PIN, find(source, "apk add curl", 1), "m"),
    ];
    let f = file("Dockerfile", FileKind::Dockerfile, source, diagnostics);
    let ids = fingerprints(&f);
    assert_ne!(ids[0], ids[1]);
    assert_eq!(fingerprint(&f, &f.diagnostics[1]), ids[1]);
    // Pinned: a fingerprint must never change between releases, or every
    // finding looks new to code scanning after an upgrade.
    assert_eq!(fingerprints(&dockerfile(DOCKERFILE))[0], "46b1ba8457297b09");
}

#[test]
fn checkstyle_is_well_formed_xml() {
    let out = render_string(Format::Checkstyle, &fixtures(), &options());
    insta::assert_snapshot!("checkstyle", out);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    let files: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(files.len(), 3, "every linted file, none skipped");
    assert_eq!(files[0].attribute("name"), Some("app/Dockerfile"));
    let errors: Vec<_> = files[0].children().filter(|n| n.is_element()).collect();
    assert_eq!(errors.len(), 3);
    assert_eq!(errors[1].attribute("line"), Some("3"));
    assert_eq!(errors[1].attribute("column"), Some("26"));
    assert_eq!(errors[1].attribute("severity"), Some("error"));
    assert_eq!(errors[1].attribute("source"), Some("caulk.TS0001"));
    let hostile = files[2].first_element_child().unwrap();
    assert_eq!(files[2].attribute("name"), Some("deploy/evil,1:x.yaml"));
    assert_eq!(
        hostile.attribute("message"),
        Some("TS0002 (odd-name): name is 100% odd,\nsee: <&>\"' \\u{1b}[2J\r::error::pwned")
    );
}

/// The official SARIF 2.1.0 schema, or `None` (the test is skipped) when
/// the shared schemas folder is not there.
fn sarif_validator() -> Option<jsonschema::Validator> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipping SARIF schema validation: {} not found",
            path.display()
        );
        return None;
    };
    // The official schema's language-tag pattern has a stray `]` and an
    // unanchored alternative; the validator rejects the regex, so it is
    // replaced with what it means to say.
    let text = text.replace(
        r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        r"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    Some(
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema compiles"),
    )
}

fn assert_valid_sarif(sarif: &serde_json::Value) {
    if let Some(validator) = sarif_validator() {
        let errors: Vec<String> = validator
            .iter_errors(sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "SARIF schema violations:\n{}",
            errors.join("\n")
        );
    }
}

#[test]
fn sarif_is_valid_and_complete() {
    let options = options().with_base_dir("/work/repo");
    let mut files = fixtures();
    files[0].path = PathBuf::from("/work/repo/app/Dockerfile");
    let out = render_string(Format::Sarif, &files, &options);
    insta::assert_snapshot!("sarif", out);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&sarif);
    if let Some(validator) = sarif_validator() {
        // The validator does reject what SARIF forbids.
        let mut broken = sarif.clone();
        broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
            0.into();
        assert!(!validator.is_valid(&broken));
    }

    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///work/repo/"
    );
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "caulk");
    assert_eq!(driver["version"], "0.1.0-test");
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<_> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["DL3018", "DL3007", "TS0001", "TS0002"]);
    let latest = &rules[1];
    assert_eq!(latest["name"], "latest-tag");
    assert_eq!(
        latest["shortDescription"]["text"],
        "An image is used with the `latest` tag"
    );
    assert_eq!(
        latest["fullDescription"]["text"],
        "Reports an image reference without a tag, or with `latest`."
    );
    assert!(
        latest["help"]["markdown"]
            .as_str()
            .unwrap()
            .starts_with("## What it does\n")
    );
    assert_eq!(
        latest["helpUri"],
        "https://github.com/hadolint/hadolint/wiki/DL3007"
    );
    assert_eq!(latest["defaultConfiguration"]["level"], "warning");
    assert_eq!(
        latest["properties"]["tags"],
        serde_json::json!(["best-practice", "dockerfile"])
    );
    assert!(latest["properties"].get("security-severity").is_none());
    assert_eq!(rules[2]["properties"]["security-severity"], "8.0");
    assert_eq!(
        rules[2]["properties"]["tags"],
        serde_json::json!(["security", "dockerfile"])
    );
    assert_eq!(rules[2]["helpUri"], "https://example.com/labels");

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let first = &results[0];
    assert_eq!(first["ruleId"], "DL3007");
    assert_eq!(first["ruleIndex"], 1);
    assert_eq!(first["level"], "warning");
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"],
        serde_json::json!({"uri": "app/Dockerfile", "uriBaseId": "%SRCROOT%"})
    );
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 19})
    );
    assert_eq!(
        first["relatedLocations"][0]["message"]["text"],
        "the stage is named here"
    );
    assert_eq!(
        first["partialFingerprints"]["caulkFingerprint/v1"],
        fingerprints(&files[0])[0]
    );
    let replacement = &first["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "3.20");
    assert_eq!(replacement["deletedRegion"]["startColumn"], 13);
    // After `Zoë 🐳`, UTF-16 columns run one ahead of characters.
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["region"]["startColumn"],
        27
    );
    assert_eq!(results[2]["level"], "note");
    assert_eq!(
        results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "deploy/evil%2C1%3Ax.yaml"
    );
}

#[test]
fn sarif_for_a_clean_run_has_empty_results_and_every_registered_rule() {
    let files = [file(
        "Dockerfile",
        FileKind::Dockerfile,
        "FROM scratch\n",
        Vec::new(),
    )];
    let out = render_string(Format::Sarif, &files, &RenderOptions::new("0.1.0", false));
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&sarif);
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert!(sarif["runs"][0].get("originalUriBaseIds").is_none());
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), crate::rules::registry::all().len());
    assert!(rules.iter().any(|r| r["id"] == "DL1000"));
}

#[test]
fn sarif_lists_rules_that_reported_but_were_not_given() {
    let source = "FROM scratch\nRUNN x\n";
    let dl1000 = crate::rules::registry::find("DL1000").unwrap();
    let f = file(
        "Dockerfile",
        FileKind::Dockerfile,
        source,
        vec![diagnostic(
            dl1000,
            find(source, "RUNN", 0),
            "unknown instruction",
        )],
    );
    let options = RenderOptions::new("0.1.0", false).with_rules(vec![&LATEST_TAG, &LATEST_TAG]);
    let sarif: serde_json::Value =
        serde_json::from_str(&render_string(Format::Sarif, &[f], &options)).unwrap();
    assert_valid_sarif(&sarif);
    let ids: Vec<_> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(
        ids,
        ["DL3007", "DL1000"],
        "deduplicated, and the reporting rule added"
    );
    assert_eq!(sarif["runs"][0]["results"][0]["ruleIndex"], 1);
}

#[test]
fn gitlab_code_quality_report() {
    let out = render_string(Format::Gitlab, &fixtures(), &options());
    insta::assert_snapshot!("gitlab", out);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(issues.len(), 4);
    assert_eq!(issues[0]["check_name"], "DL3007");
    assert_eq!(
        issues[0]["description"],
        "DL3007: Using `latest` is prone to errors"
    );
    assert_eq!(issues[0]["severity"], "major");
    assert_eq!(
        issues[0]["location"],
        serde_json::json!({"path": "app/Dockerfile", "lines": {"begin": 2, "end": 2}})
    );
    let severities: Vec<_> = issues
        .iter()
        .map(|i| i["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["major", "critical", "minor", "info"]);
    let fingerprints: std::collections::HashSet<_> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), 4, "unique per finding");
}

#[test]
fn junit_is_well_formed_xml() {
    let out = render_string(Format::Junit, &fixtures(), &options());
    insta::assert_snapshot!("junit", out);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(
        (
            root.attribute("tests"),
            root.attribute("failures"),
            root.attribute("skipped")
        ),
        (Some("6"), Some("4"), Some("1"))
    );
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 4);
    let case = suites[0].first_element_child().unwrap();
    assert_eq!(case.attribute("name"), Some("DL3007 latest-tag at 2:6"));
    let failure = case.first_element_child().unwrap();
    assert_eq!(failure.attribute("type"), Some("DL3007"));
    assert_eq!(
        failure.text(),
        Some("app/Dockerfile:2:6: DL3007 [warning] Using `latest` is prone to errors")
    );
    let hostile = suites[2]
        .first_element_child()
        .unwrap()
        .first_element_child()
        .unwrap();
    assert_eq!(
        hostile.attribute("message"),
        Some("name is 100% odd,\nsee: <&>\"' \\u{1b}[2J\r::error::pwned")
    );
    assert!(
        hostile
            .text()
            .unwrap()
            .ends_with("see: <&>\"' \\u{1b}[2J\r::error::pwned")
    );
    let skipped = suites[3]
        .first_element_child()
        .unwrap()
        .first_element_child()
        .unwrap();
    assert_eq!(
        (skipped.tag_name().name(), skipped.attribute("message")),
        ("skipped", Some("a Helm template"))
    );
}

#[test]
fn full_handles_crlf_and_a_range_at_the_end_of_the_file() {
    let source = "FROM alpine:latest\r\nRUN x\r\n";
    let diagnostics = vec![
        diagnostic(&LATEST_TAG, find(source, "alpine:latest", 0), "m"),
        diagnostic(
            &APK_PIN,
            TextRange::empty(source.len() as u32),
            "at the end",
        ),
    ];
    let out = render_string(
        Format::Full,
        &[file(
            "Dockerfile",
            FileKind::Dockerfile,
            source,
            diagnostics,
        )],
        &options(),
    );
    assert!(!out.contains('\r'), "{out:?}");
    assert!(out.contains("1 │ FROM alpine:latest\n"), "{out}");
    assert!(out.contains("Dockerfile:3:1"), "{out}");
}
