//! `sarif`: SARIF 2.1.0, as GitHub code scanning uploads it.
//!
//! One run. `tool.driver.rules` describes every rule that ran (with its
//! documentation as `help`), each result points at its rule by id and index,
//! and carries a `caulkFingerprint/v1` partial fingerprint so code scanning
//! keeps tracking a finding when lines move. Paths are relative to
//! `%SRCROOT%` (the base directory). Columns count UTF-16 code units, SARIF's
//! default, and `run.columnKind` says so explicitly.
//!
//! The structures below are the subset of the SARIF object model caulk
//! writes; a test validates the output against the official schema.

use super::{INFORMATION_URI, RenderOptions, Span, fingerprints, linted, span};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::LintedFile;
use crate::rules::{Category, Rule, Target, registry};
use crate::text::{ColumnEncoding, TextRange};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::Path;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
const FINGERPRINT_KEY: &str = "caulkFingerprint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BTreeMap<&'static str, ArtifactLocation>>,
    results: Vec<ResultOut<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    /// GitHub ranks security alerts by this CVSS-like score (a string).
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<FixOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<TextRef<'a>>,
}

#[derive(Serialize)]
struct TextRef<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FixOut {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

pub fn render(
    files: &[LintedFile],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rules = rules_to_describe(files, options);
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
    let mut results = Vec::new();
    for file in linted(files) {
        let artifact = artifact_location(&options.report_path(&file.path));
        for (d, fingerprint) in file.diagnostics.iter().zip(fingerprints(file)) {
            results.push(result(
                file,
                d,
                fingerprint,
                &artifact,
                index.get(d.code).copied(),
            ));
        }
    }
    let original_uri_base_ids = options
        .base_dir
        .as_deref()
        .filter(|base| base.is_absolute())
        .map(|base| {
            let mut uri = file_uri(base);
            if !uri.ends_with('/') {
                uri.push('/');
            }
            BTreeMap::from([(
                SRCROOT,
                ArtifactLocation {
                    uri,
                    uri_base_id: None,
                },
            )])
        });
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "caulk",
                    version: options.tool_version,
                    information_uri: INFORMATION_URI,
                    rules: rules.iter().map(|r| descriptor(r)).collect(),
                },
            },
            original_uri_base_ids,
            results,
            column_kind: "utf16CodeUnits",
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The rules that ran, plus any rule that reported a finding but was not
/// listed, so that every result has a descriptor.
fn rules_to_describe(files: &[LintedFile], options: &RenderOptions) -> Vec<&'static Rule> {
    let mut rules: Vec<&'static Rule> = match &options.rules {
        Some(rules) => rules.clone(),
        None => registry::all().to_vec(),
    };
    let mut seen = std::collections::HashSet::new();
    rules.retain(|r| seen.insert(r.code));
    for d in linted(files).flat_map(|f| &f.diagnostics) {
        if seen.contains(d.code) {
            continue;
        }
        if let Some(rule) = registry::all().iter().find(|r| r.code == d.code) {
            seen.insert(rule.code);
            rules.push(rule);
        }
    }
    rules
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let markdown = rule.documentation();
    let mut tags = vec![rule.category.as_str()];
    match rule.target() {
        Target::Dockerfile => tags.push("dockerfile"),
        Target::Kubernetes => tags.push("kubernetes"),
        Target::Any => tags.extend(["dockerfile", "kubernetes"]),
    }
    let security_severity = (rule.category == Category::Security).then_some(match rule.severity {
        Severity::Error => "8.0",
        Severity::Warning => "5.5",
        Severity::Info => "3.0",
        Severity::Style => "1.0",
    });
    ReportingDescriptor {
        id: rule.code,
        name: rule.name,
        short_description: Text::new(rule.summary),
        full_description: Text::new(
            what_it_does(&markdown).unwrap_or_else(|| rule.summary.to_string()),
        ),
        help: Help {
            text: markdown.clone(),
            markdown,
        },
        help_uri: rule
            .references
            .iter()
            .find_map(|r| r.url())
            .unwrap_or_else(|| INFORMATION_URI.to_string()),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags,
            security_severity,
        },
    }
}

/// The first paragraph of the documentation's "What it does" section, on one line.
fn what_it_does(markdown: &str) -> Option<String> {
    let mut lines = markdown
        .lines()
        .skip_while(|l| l.trim() != "## What it does")
        .skip(1);
    let paragraph: Vec<&str> = lines
        .by_ref()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::trim)
        .collect();
    (!paragraph.is_empty()).then(|| paragraph.join(" "))
}

fn region(file: &LintedFile, range: TextRange) -> Region {
    let Span { start, end } = span(file, range, ColumnEncoding::Utf16);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

fn result<'a>(
    file: &LintedFile,
    d: &'a Diagnostic,
    fingerprint: String,
    artifact: &ArtifactLocation,
    rule_index: Option<usize>,
) -> ResultOut<'a> {
    let physical = |range| PhysicalLocation {
        artifact_location: artifact.clone(),
        region: region(file, range),
    };
    ResultOut {
        rule_id: d.code,
        rule_index,
        level: level(d.severity),
        message: Text::new(d.message.as_str()),
        locations: [Location {
            id: None,
            physical_location: physical(d.range),
            message: None,
        }],
        related_locations: d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| Location {
                id: Some(i),
                physical_location: physical(l.range),
                message: Some(TextRef { text: &l.message }),
            })
            .collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
        fixes: d
            .fix
            .iter()
            // SARIF requires at least one replacement per change.
            .filter(|fix| !fix.edits.is_empty())
            .map(|fix| FixOut {
                description: Text::new(fix.title.as_str()),
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact.clone(),
                    replacements: fix
                        .edits
                        .iter()
                        .map(|e| Replacement {
                            deleted_region: region(file, e.range),
                            inserted_content: Text::new(e.content.as_str()),
                        })
                        .collect(),
                }],
            })
            .collect(),
    }
}

/// A relative path becomes a URI relative to `%SRCROOT%`; a path outside
/// the base directory stays absolute, as a `file:` URI.
fn artifact_location(path: &str) -> ArtifactLocation {
    if Path::new(path).is_absolute() || path.starts_with('/') {
        ArtifactLocation {
            uri: file_uri(Path::new(path)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: percent_encode(path),
            uri_base_id: Some(SRCROOT),
        }
    }
}

fn file_uri(path: &Path) -> String {
    let path = super::slash_path(path);
    // `C:/x` needs the extra slash of `file:///C:/x`.
    let slash = if path.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{}", percent_encode(&path))
}

/// Percent-encodes everything but unreserved characters and `/`, so that a
/// file named `a b#1:x` is one valid URI path (a `:` in a relative
/// reference's first segment would otherwise read as a scheme).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded_and_rooted() {
        assert_eq!(
            percent_encode("deploy/a b,1:x#é.yaml"),
            "deploy/a%20b%2C1%3Ax%23%C3%A9.yaml"
        );
        assert_eq!(file_uri(Path::new("/work/repo")), "file:///work/repo");
        let relative = artifact_location("app/Dockerfile");
        assert_eq!(
            (relative.uri.as_str(), relative.uri_base_id),
            ("app/Dockerfile", Some(SRCROOT))
        );
        assert_eq!(
            artifact_location("/abs/Dockerfile").uri,
            "file:///abs/Dockerfile"
        );
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        let doc = "## What it does\nReports a thing\nin two lines.\n\nMore.\n\n## Why is this bad?\nBecause.\n";
        assert_eq!(
            what_it_does(doc).as_deref(),
            Some("Reports a thing in two lines.")
        );
        assert_eq!(what_it_does("no sections"), None);
    }
}
