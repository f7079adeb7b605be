//! The engine: one file in, its findings out. Parses once, builds the
//! model once, runs every enabled rule on it, then applies configuration
//! and suppressions. The CLI and the language server both call [`lint_source`].

use crate::build_context::BuildContext;
use crate::config::Config;
use crate::detect::FileKind;
use crate::diagnostic::Diagnostic;
use crate::text::{LineIndex, TextRange};
use std::path::{Path, PathBuf};

/// A linted file: its text, the line index to place findings, and the findings.
#[derive(Debug)]
pub struct LintedFile {
    /// The path as the user named it (relative paths stay relative).
    pub path: PathBuf,
    pub kind: FileKind,
    pub source: String,
    pub line_index: LineIndex,
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// How many findings inline suppressions removed.
    pub suppressed: usize,
    /// Every finding that was found but not reported, with what waived it
    /// (for `--statistics`; config-ignored findings only when counted).
    pub waived: Vec<crate::statistics::Waiver>,
    /// Set when the file was not linted, with the reason (a YAML file that
    /// holds no Kubernetes object, a Helm template, a Kustomization).
    pub skipped: Option<String>,
    /// What the project-level rules need from a Kubernetes file (see
    /// [`crate::project`]); `None` for other files and skipped ones.
    pub project: Option<crate::project::ProjectFacts>,
    /// The Dockerfile's build context it was linted with, kept so that
    /// re-linting (after fixes) sees the same context.
    pub build: Option<BuildContext>,
}

impl LintedFile {
    fn new(path: &Path, kind: FileKind, source: String) -> Self {
        let line_index = LineIndex::new(&source);
        Self::with_index(path, kind, source, line_index)
    }

    fn with_index(path: &Path, kind: FileKind, source: String, line_index: LineIndex) -> Self {
        debug_assert_eq!(
            line_index.line_count(),
            LineIndex::new(&source).line_count()
        );
        Self {
            line_index,
            path: path.to_path_buf(),
            kind,
            source,
            diagnostics: Vec::new(),
            suppressed: 0,
            waived: Vec::new(),
            skipped: None,
            project: None,
            build: None,
        }
    }

    /// Whether any finding reaches the configured failure threshold.
    pub fn fails(&self, config: &Config) -> bool {
        config
            .failure_threshold
            .is_some_and(|t| self.diagnostics.iter().any(|d| d.severity >= t))
    }
}

/// Lints a file's raw bytes: text that is not UTF-8, or that holds NUL
/// bytes, gets one clear finding (or, for a possible manifest, is skipped)
/// instead of being parsed.
///
/// `forced` says the user chose the kind (`--kind`): a YAML file is then
/// linted as Kubernetes even when it does not look like a manifest.
pub fn lint_bytes(
    path: &Path,
    bytes: Vec<u8>,
    kind: FileKind,
    forced: bool,
    config: &Config,
) -> LintedFile {
    lint_bytes_in(path, bytes, kind, forced, config, None)
}

/// [`lint_bytes`] with the Dockerfile's build context (its directory and
/// ignore file), which the build-context rules need; without one they stay
/// silent.
pub fn lint_bytes_in(
    path: &Path,
    bytes: Vec<u8>,
    kind: FileKind,
    forced: bool,
    config: &Config,
    build: Option<&BuildContext>,
) -> LintedFile {
    // `overrides:` entries that match this path.
    let config = &*config.for_path(path);
    // Validated once: a large manifest is tens of megabytes.
    let (bytes, at, problem) = match String::from_utf8(bytes) {
        Ok(text) => match memchr::memchr(0, text.as_bytes()) {
            None => return lint_inner(path, text, kind, forced, config, build),
            Some(at) => (
                text.into_bytes(),
                at,
                "holds a NUL byte: it looks like a binary file, not text".to_string(),
            ),
        },
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let problem = format!(
                "is not valid UTF-8 text (byte 0x{:02X} cannot start or continue a character)",
                bytes[at]
            );
            (bytes, at, problem)
        }
    };
    // The lossy text is identical up to the first bad byte, so `at` stays valid.
    let mut file = LintedFile::new(path, kind, String::from_utf8_lossy(&bytes).into_owned());
    match kind {
        FileKind::Dockerfile => {
            let rule = &crate::rules::engine::dl1000::RULE;
            let mut sink = crate::rules::Sink::new(rule);
            sink.report(
                TextRange::from_usize(at, at),
                format!("this file {problem}"),
            );
            file.diagnostics = sink.into_diagnostics();
            configure(&mut file.diagnostics, config);
        }
        FileKind::Kubernetes => {
            file.skipped = Some(format!("not a Kubernetes manifest: the file {problem}"))
        }
    }
    file
}

/// Lints one file's text as the given kind under `config`. YAML that holds
/// no Kubernetes object comes back `skipped`.
pub fn lint_source(path: &Path, source: String, kind: FileKind, config: &Config) -> LintedFile {
    lint_source_as(path, source, kind, false, config)
}

/// [`lint_source`], with `forced` meaning the user chose the kind.
pub fn lint_source_as(
    path: &Path,
    source: String,
    kind: FileKind,
    forced: bool,
    config: &Config,
) -> LintedFile {
    lint_inner(path, source, kind, forced, config, None)
}

/// [`lint_source_as`] with the Dockerfile's build context (its directory
/// and ignore file), which the build-context rules need.
pub fn lint_source_in(
    path: &Path,
    source: String,
    kind: FileKind,
    forced: bool,
    config: &Config,
    build: Option<&BuildContext>,
) -> LintedFile {
    lint_inner(path, source, kind, forced, config, build)
}

/// [`lint_source_as`] for a Kubernetes manifest, cut into pieces as
/// `chunking` says rather than as the engine chooses. For tests: the
/// findings are the same whatever the pieces.
#[doc(hidden)]
pub fn lint_manifest_in_pieces(
    path: &Path,
    source: String,
    forced: bool,
    config: &Config,
    chunking: crate::lint_kubernetes::Chunking,
) -> LintedFile {
    let cut = Cut {
        chunking,
        ..Cut::default()
    };
    lint_with(
        path,
        source,
        FileKind::Kubernetes,
        forced,
        config,
        None,
        cut,
    )
}

/// [`lint_source`] for a Kubernetes manifest an editor holds open: the
/// file is cut into one piece per document, and the pieces `cache` holds
/// from the last lint whose text is unchanged are not linted again. The
/// findings are those of [`lint_source`]. `line_index` is `source`'s (the
/// editor's copy, kept up to date edit by edit). Clear the cache when the
/// configuration changes.
pub fn lint_manifest_with_cache(
    path: &Path,
    source: String,
    line_index: LineIndex,
    config: &Config,
    cache: &mut crate::lint_kubernetes::PieceCache,
) -> LintedFile {
    let cut = Cut {
        chunking: crate::lint_kubernetes::Chunking {
            // Below this, the whole file lints in well under a millisecond.
            threshold: 8 * 1024,
            piece: 1,
        },
        cache: Some(cache),
        line_index: Some(line_index),
    };
    lint_with(path, source, FileKind::Kubernetes, false, config, None, cut)
}

fn lint_inner(
    path: &Path,
    source: String,
    kind: FileKind,
    forced: bool,
    config: &Config,
    build: Option<&BuildContext>,
) -> LintedFile {
    lint_with(path, source, kind, forced, config, build, Cut::default())
}

/// How a manifest is cut into pieces, with what the caller already has.
#[derive(Default)]
struct Cut<'c> {
    chunking: crate::lint_kubernetes::Chunking,
    cache: Option<&'c mut crate::lint_kubernetes::PieceCache>,
    /// The source's line index, when the caller keeps one.
    line_index: Option<LineIndex>,
}

fn lint_with(
    path: &Path,
    source: String,
    kind: FileKind,
    forced: bool,
    config: &Config,
    build: Option<&BuildContext>,
    cut: Cut<'_>,
) -> LintedFile {
    // `overrides:` entries that match this path.
    let config = &*config.for_path(path);
    let mut file = match cut.line_index {
        Some(line_index) => LintedFile::with_index(path, kind, source, line_index),
        None => LintedFile::new(path, kind, source),
    };
    file.build = build.cloned();
    match kind {
        FileKind::Dockerfile => {
            crate::lint_dockerfile::lint(&mut file, config, build);
            configure(&mut file.diagnostics, config);
        }
        // Every finding has been through `finish_groups`, which configures them.
        FileKind::Kubernetes => {
            crate::lint_kubernetes::lint(&mut file, config, forced, cut.chunking, cut.cache)
        }
    }
    sort(&mut file.diagnostics);
    file
}

pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
}

/// Applies per-rule severity overrides and drops disabled rules' findings.
pub(crate) fn configure(diagnostics: &mut Vec<Diagnostic>, config: &Config) {
    use crate::diagnostic::Severity;
    /// What the configuration does with one rule's findings; `None`: not a
    /// rule's finding, kept as it is.
    type Decision = Option<Option<Severity>>;
    // A file's findings come from a few dozen rules, in position order: each
    // rule's decision is looked up once. Codes are the rules' static
    // strings, so comparing their addresses finds a rule's entry.
    let mut decided: Vec<((*const u8, usize), Decision)> = Vec::new();
    diagnostics.retain_mut(|d| {
        let key = (d.code.as_ptr(), d.code.len());
        let decision = match decided.iter().find(|(k, _)| *k == key) {
            Some(&(_, decision)) => decision,
            None => {
                let decision = crate::rules::registry::by_code(d.code)
                    .map(|rule| config.is_enabled(rule).then(|| config.severity(rule)));
                decided.push((key, decision));
                decision
            }
        };
        match decision {
            Some(Some(severity)) => {
                d.severity = severity;
                true
            }
            Some(None) => false,
            None => true,
        }
    });
}

/// Reports a file's syntax errors under the engine rule for its kind
/// (`DL1000`, `CK1000`) when that rule is enabled.
pub(crate) fn report_parse_errors<'e>(
    rule: &'static crate::rules::Rule,
    errors: impl Iterator<Item = (TextRange, &'e str)>,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if config.is_enabled(rule) {
        let mut sink = crate::rules::Sink::new(rule);
        for (range, message) in errors {
            sink.report(range, message);
        }
        diagnostics.extend(sink.into_diagnostics());
    }
}

/// The steps every file kind ends with: configured severities, then inline
/// suppressions reviewed against the configuration's policy (see
/// [`crate::governance`]), applied, and the unused ones reported.
pub(crate) fn finish(
    file: &mut LintedFile,
    diagnostics: Vec<Diagnostic>,
    config: &Config,
    suppressions: impl FnOnce(&str) -> Vec<crate::suppress::Suppression>,
) {
    let suppressions = suppressions(&file.source);
    finish_groups(file, vec![diagnostics], config, suppressions);
}

/// [`finish`] for findings held in groups (the pieces of a large file, in
/// file order), with the file's suppressions (comments in file order, then
/// annotations). The file's findings come out as one list, as from [`finish`].
pub(crate) fn finish_groups(
    file: &mut LintedFile,
    mut groups: Vec<Vec<Diagnostic>>,
    config: &Config,
    suppressions: Vec<crate::suppress::Suppression>,
) {
    use crate::statistics::{Waiver, WaiverKind};
    if config.count_ignored {
        file.waived.extend(
            groups
                .iter()
                .flatten()
                .filter(|d| {
                    crate::rules::registry::find(d.code).is_some_and(|r| config.is_ignored(r))
                })
                .map(|d| Waiver {
                    code: d.code,
                    kind: WaiverKind::ConfigIgnore,
                }),
        );
    }
    for group in &mut groups {
        configure(group, config);
    }
    let review = crate::governance::review(suppressions, config);
    let unused_rule = &crate::rules::engine::cx1001::RULE;
    let mut unused = crate::rules::Sink::new(unused_rule);
    let waived = crate::suppress::apply_groups(&mut groups, &review.effective, Some(&mut unused));
    file.suppressed = waived.len();
    file.waived.extend(waived.iter().map(|w| Waiver {
        code: w.code,
        kind: WaiverKind::of(w.dialect),
    }));
    let mut extra = review.findings;
    // Suppressions of project-level rules are judged after the project pass.
    let deferred = project_code_ranges(&review.effective);
    if config.is_enabled(unused_rule) {
        extra.extend(
            unused
                .into_diagnostics()
                .into_iter()
                .filter(|d| !deferred.contains(&d.range)),
        );
    }
    configure(&mut extra, config);
    let mut diagnostics = if groups.len() == 1 {
        groups.pop().unwrap_or_default()
    } else {
        let mut all = Vec::with_capacity(groups.iter().map(Vec::len).sum::<usize>() + extra.len());
        for group in groups {
            all.extend(group);
        }
        all
    };
    diagnostics.extend(extra);
    file.diagnostics = diagnostics;
    if let Some(facts) = &mut file.project {
        facts.suppressions = review.effective;
    }
}

/// Where the codes naming a project-level rule are written.
fn project_code_ranges(suppressions: &[crate::suppress::Suppression]) -> Vec<TextRange> {
    suppressions
        .iter()
        .flat_map(|s| &s.codes)
        .filter(|c| c.rule.is_some_and(crate::project::is_project_rule))
        .map(|c| c.range)
        .collect()
}

/// The tail of [`finish`] for the findings of the project pass: the file's
/// configuration and suppressions apply to them, and the suppressions
/// naming project rules that suppressed nothing are reported now.
pub(crate) fn finish_project(
    file: &mut LintedFile,
    mut diagnostics: Vec<Diagnostic>,
    config: &Config,
) {
    use crate::statistics::{Waiver, WaiverKind};
    let Some(facts) = &file.project else { return };
    configure(&mut diagnostics, config);
    let unused_rule = &crate::rules::engine::cx1001::RULE;
    let mut unused = crate::rules::Sink::new(unused_rule);
    let waived = crate::suppress::apply(&mut diagnostics, &facts.suppressions, Some(&mut unused));
    file.suppressed += waived.len();
    file.waived.extend(waived.iter().map(|w| Waiver {
        code: w.code,
        kind: WaiverKind::of(w.dialect),
    }));
    if config.is_enabled(unused_rule) {
        let judged = project_code_ranges(&facts.suppressions);
        let mut extra: Vec<_> = unused
            .into_diagnostics()
            .into_iter()
            .filter(|d| judged.contains(&d.range))
            .collect();
        configure(&mut extra, config);
        diagnostics.extend(extra);
    }
    // Exactly: doubling a large file's findings would hold three times
    // their size for a moment, the peak of the whole run.
    file.diagnostics.reserve_exact(diagnostics.len());
    file.diagnostics.extend(diagnostics);
    sort(&mut file.diagnostics);
}
