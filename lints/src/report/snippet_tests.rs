//! Differential test of [`super::snippet`] against codespan-reporting: every
//! finding over the corpora and crafted edge cases is rendered both ways,
//! with and without colour, and must come out byte for byte the same
//! wherever our renderer draws it (from the finding itself, so the
//! conversion to codespan's diagnostic is checked too).

use super::full::{Database, draw, to_codespan};
use super::snippet::Palette;
use crate::config::Config as LintConfig;
use crate::detect::{FileKind, kind_from_path};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Label, Severity};
use crate::lint::{LintedFile, lint_bytes};
use crate::text::TextRange;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor::Ansi};
use std::path::{Path, PathBuf};

/// Counts of diagnostic renderings (each once per colour setting).
#[derive(Debug, Default)]
struct Counts {
    total: usize,
    ours: usize,
}

/// Renders every diagnostic both ways and asserts the bytes are equal
/// wherever [`snippet::render`] drew it.
fn compare(files: &[LintedFile]) -> Counts {
    let database = Database::new(files);
    let config = Config::default();
    let styles = Styles::default();
    let palettes = [(false, Palette::plain()), (true, Palette::ansi(&styles))];
    let mut counts = Counts::default();
    for (id, file) in files.iter().enumerate() {
        if file.skipped.is_some() {
            continue;
        }
        for d in &file.diagnostics {
            let diagnostic = to_codespan(id, file, d);
            for (color, palette) in &palettes {
                let mut expected = Vec::new();
                if *color {
                    let mut writer = StylesWriter::new(Ansi::new(&mut expected), &styles);
                    term::emit_to_write_style(&mut writer, &config, &database, &diagnostic)
                        .unwrap();
                } else {
                    term::emit_to_io_write(&mut expected, &config, &database, &diagnostic).unwrap();
                }
                // Something before, to check nothing is overwritten or left.
                let mut got = b"before\n".to_vec();
                let drawn = draw(&mut got, &database, id, d, &config, palette);
                counts.total += 1;
                if drawn {
                    counts.ours += 1;
                    assert_eq!(
                        String::from_utf8_lossy(&got[7..]),
                        String::from_utf8_lossy(&expected),
                        "{} {} {:?} colour: {color}",
                        file.path.display(),
                        d.code,
                        d.range,
                    );
                } else {
                    assert_eq!(got, b"before\n", "declined, yet wrote");
                }
            }
        }
    }
    counts
}

fn lint_tree(root: &Path, files: &mut Vec<LintedFile>) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            lint_tree(&path, files);
        } else if let Some(kind) = kind_from_path(&path) {
            let bytes = std::fs::read(&path).unwrap();
            files.push(lint_bytes(
                &path,
                bytes,
                kind,
                false,
                &LintConfig::default(),
            ));
        }
    }
}

#[test]
fn corpus_findings_render_as_codespan_renders_them() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    for root in [
        manifest.join("../corpus"),
        manifest.join("../../shared/corpus"),
    ] {
        if !root.exists() {
            eprintln!("{} is absent: skipped", root.display());
            continue;
        }
        let mut files = Vec::new();
        lint_tree(&root, &mut files);
        let counts = compare(&files);
        eprintln!("{}: {counts:?}", root.display());
        assert!(counts.total > 0, "{}: no findings", root.display());
        // The fast path must be the usual one, or this proves little.
        assert!(
            counts.ours * 100 >= counts.total * 95,
            "{}: {counts:?}",
            root.display()
        );
    }
}

/// A finding: primary range, secondary labels, severity, fix.
struct Case<'a> {
    range: (u32, u32),
    labels: &'a [((u32, u32), &'a str)],
    severity: Severity,
    fix: Option<Applicability>,
}

fn case(range: (u32, u32)) -> Case<'static> {
    Case {
        range,
        labels: &[],
        severity: Severity::Warning,
        fix: None,
    }
}

fn crafted(path: &str, source: &str, cases: &[Case<'_>]) -> LintedFile {
    let diagnostics = cases
        .iter()
        .map(|c| Diagnostic {
            code: "TS0001",
            name: "test-rule",
            severity: c.severity,
            message: "Something `odd` here".to_string(),
            range: TextRange::new(c.range.0, c.range.1),
            labels: c
                .labels
                .iter()
                .map(|((s, e), m)| Label {
                    range: TextRange::new(*s, *e),
                    message: m.to_string(),
                })
                .collect(),
            fix: c.fix.map(|applicability| Fix {
                title: "Do it right".to_string(),
                applicability,
                edits: Vec::new(),
            }),
        })
        .collect();
    super::tests::file(path, FileKind::Dockerfile, source, diagnostics)
}

/// Every range from `start` to `end` over the whole text, one finding each.
fn every_range(source: &str, max_len: u32) -> Vec<Case<'static>> {
    let len = source.len() as u32;
    let mut cases = Vec::new();
    for start in 0..=len {
        for end in start..=(start + max_len).min(len) {
            cases.push(case((start, end)));
        }
    }
    cases
}

#[test]
fn crafted_shapes_render_as_codespan_renders_them() {
    let texts = [
        // Tabs before, inside and after ranges; a tab stop mid-way.
        "FROM\talpine:3\nRUN\techo\t\"a\tb\"\t\n",
        // Wide and zero-width characters, and a character codespan gives no width.
        "FROM 日本語:latest\nRUN echo é\u{301}🎉x\nLABEL a=\u{200B}b\n",
        // CRLF line ends and a text without a final newline.
        "FROM alpine\r\nRUN a\r\n\r\nRUN b",
        // Controls that the terminal escaping replaces, a lone CR, a NUL at the end.
        "RUN a\x1b[2Jb\rc\nRUN d\0\n",
        // Empty lines and an empty last line.
        "\n\nFROM x\n\n",
        "",
    ];
    let mut total = Counts::default();
    for text in texts {
        let files = [crafted("Dockerfile", text, &every_range(text, 12))];
        let counts = compare(&files);
        total.total += counts.total;
        total.ours += counts.ours;
    }
    assert!(total.ours > 1000, "{total:?}");
}

#[test]
fn crafted_labels_render_as_codespan_renders_them() {
    // Lines 1..=12, so gutters of one and two digits and gaps of 1, 2 and more.
    let text = "FROM alpine:latest AS build\nRUN apk add curl\n\nRUN a && b && c\n\
                COPY . .\nRUN x\nRUN y\nRUN z\nEXPOSE 80\nUSER root\nCMD [\"a\"]\nENV A=1\n";
    let at = |needle: &str| -> (u32, u32) {
        let start = text.find(needle).unwrap() as u32;
        (start, start + needle.len() as u32)
    };
    let (a, b, c) = (at("a &&"), at("b &&"), at("c\n"));
    let labels: Vec<((u32, u32), &str)> = vec![
        (at("build"), "named here"),
        (at("curl"), ""),
        (a, "first"),
        (b, "second"),
        (at("RUN x"), "gap of one"),
        (at("RUN z"), "gap of two"),
        (at("CMD"), "gap of more"),
        (at("ENV A=1"), "line twelve"),
        (at("alpine"), "overlaps the primary"),
        ((c.0, c.0), "empty"),
        ((c.1, c.1), "the line end"),
        ((text.len() as u32, text.len() as u32), "end of file"),
        (at("AS"), ""),
    ];
    let mut cases = Vec::new();
    for primary in [
        at("alpine:latest"),
        at("latest"),
        at("a && b"),
        at("USER root"),
        (0, 0),
    ] {
        // Each label alone, each pair, and all of them, in given and reverse order.
        for (i, l) in labels.iter().enumerate() {
            cases.push((primary, vec![*l]));
            for m in &labels[i..] {
                cases.push((primary, vec![*l, *m]));
                cases.push((primary, vec![*m, *l]));
            }
        }
        cases.push((primary, labels.clone()));
        cases.push((primary, labels.iter().rev().copied().collect()));
    }
    let severities = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Style,
    ];
    let fixes = [
        None,
        Some(Applicability::Safe),
        Some(Applicability::Unsafe),
        Some(Applicability::DisplayOnly),
    ];
    let built: Vec<Case<'_>> = cases
        .iter()
        .enumerate()
        .map(|(i, (range, labels))| Case {
            range: *range,
            labels,
            severity: severities[i % 4],
            fix: fixes[(i / 4) % 4],
        })
        .collect();
    let counts = compare(&[crafted("dir/Dockerfile", text, &built)]);
    assert!(counts.ours >= counts.total * 9 / 10, "{counts:?}");

    // A label over a line end spans two lines: codespan draws it.
    let spanning = [Case {
        range: at("RUN a && b && c\n"),
        labels: &[],
        severity: Severity::Error,
        fix: None,
    }];
    let counts = compare(&[crafted("Dockerfile", text, &spanning)]);
    assert_eq!(counts.ours, 0, "{counts:?}");
}
