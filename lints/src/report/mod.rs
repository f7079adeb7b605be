//! Report formats: how linted files and their findings are written out.
//!
//! One format, one file. [`render`] picks the format; every format reads the
//! same [`LintedFile`]s and converts byte ranges to lines and columns only
//! here, each in the column unit its consumers expect.

mod checkstyle;
mod concise;
mod escape;
pub mod fingerprint;
mod full;
mod github;
mod gitlab;
pub mod json;
mod junit;
mod ordered;
pub mod sarif;
mod snippet;
mod summary;

#[cfg(test)]
mod snippet_tests;
#[cfg(test)]
mod tests;

/// For messages outside the reports (errors and notes on stderr) that name
/// paths or quote files: controls become visible escapes.
pub use escape::{terminal_line, terminal_source};
pub use fingerprint::{fingerprint, fingerprints};
pub use summary::{Summary, summary};

use crate::lint::LintedFile;
use crate::rules::Rule;
use crate::text::{ColumnEncoding, LineCol, TextRange};
use std::fmt;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

/// Where caulk's documentation lives; SARIF points readers here.
pub const INFORMATION_URI: &str = "https://github.com/caulk-lint/caulk";

/// An output format, named as `--output-format` spells it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// Source snippets with labels and fix hints, for people.
    #[default]
    Full,
    /// `path:line:col: CODE [severity] message`, one finding a line.
    Concise,
    /// caulk's own JSON document; see [`json`].
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF consumers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// GitLab Code Quality report.
    Gitlab,
    /// Checkstyle XML.
    Checkstyle,
    /// JUnit XML, one test suite per file.
    Junit,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Full,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Gitlab,
        Format::Checkstyle,
        Format::Junit,
    ];

    /// Every format name, in the order `--help` should list them.
    pub const NAMES: [&'static str; 8] = [
        "full",
        "concise",
        "json",
        "sarif",
        "github",
        "gitlab",
        "checkstyle",
        "junit",
    ];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Whether the format is meant for a terminal (and may use colour).
    pub fn is_human(self) -> bool {
        matches!(self, Format::Full | Format::Concise)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!(
                    "unknown output format `{s}` (expected one of: {})",
                    Format::NAMES.join(", ")
                )
            })
    }
}

/// Settings shared by every format.
#[derive(Clone, Debug)]
pub struct RenderOptions<'a> {
    /// Colour terminal output (`full` and `concise` only).
    pub color: bool,
    /// Machine formats (JSON, SARIF, GitHub, GitLab, Checkstyle, JUnit) give
    /// paths relative to this directory, with `/` separators. Paths outside
    /// it, or every path when unset, are written as the user named them.
    pub base_dir: Option<PathBuf>,
    pub tool_version: &'a str,
    /// The rules that ran, listed in SARIF's `tool.driver.rules`. `None`
    /// lists every registered rule. A rule that reported a finding is always
    /// listed, so every SARIF result can point at its rule.
    pub rules: Option<Vec<&'static Rule>>,
    /// Add per-rule statistics where the format has room for them (`json`).
    pub statistics: bool,
}

impl<'a> RenderOptions<'a> {
    pub fn new(tool_version: &'a str, color: bool) -> Self {
        Self {
            color,
            base_dir: None,
            tool_version,
            rules: None,
            statistics: false,
        }
    }

    /// The same options without colour, for writing reports to files.
    pub fn without_color(&self) -> Self {
        Self {
            color: false,
            ..self.clone()
        }
    }

    pub fn with_base_dir(mut self, base_dir: impl Into<PathBuf>) -> Self {
        self.base_dir = Some(base_dir.into());
        self
    }

    pub fn with_rules(mut self, rules: Vec<&'static Rule>) -> Self {
        self.rules = Some(rules);
        self
    }

    /// The path machine formats print for `path`: relative to
    /// [`Self::base_dir`] when inside it, `/`-separated, without `./`.
    pub fn report_path(&self, path: &Path) -> String {
        let relative = self
            .base_dir
            .as_deref()
            .and_then(|base| path.strip_prefix(base).ok())
            .unwrap_or(path);
        slash_path(relative)
    }
}

/// Writes `files` in `format`. Skipped files contribute no findings (the
/// XML formats still list them, as skipped).
pub fn render(
    format: Format,
    files: &[LintedFile],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Full => full::render(files, options, out),
        Format::Concise => concise::render(files, options, out),
        Format::Json => json::render(files, options, out),
        Format::Sarif => sarif::render(files, options, out),
        Format::Github => github::render(files, options, out),
        Format::Gitlab => gitlab::render(files, options, out),
        Format::Checkstyle => checkstyle::render(files, options, out),
        Format::Junit => junit::render(files, options, out),
    }
}

/// A path with `/` separators whatever the platform, so reports made on
/// Windows and Linux agree.
pub(crate) fn slash_path(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        let part = match component {
            Component::CurDir => continue,
            Component::RootDir => {
                out.push('/');
                continue;
            }
            Component::Prefix(prefix) => prefix.as_os_str().to_string_lossy(),
            Component::ParentDir => "..".into(),
            Component::Normal(name) => name.to_string_lossy(),
        };
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(&part);
    }
    out
}

/// Start and end of a range as one-based lines and columns; the end is the
/// position just after the last character, as SARIF and LSP count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: LineCol,
    pub end: LineCol,
}

pub(crate) fn span(file: &LintedFile, range: TextRange, encoding: ColumnEncoding) -> Span {
    Span {
        start: file
            .line_index
            .line_col(&file.source, range.start, encoding),
        end: file.line_index.line_col(&file.source, range.end, encoding),
    }
}

/// Files whose findings are reported: skipped files have none to report.
pub(crate) fn linted(files: &[LintedFile]) -> impl Iterator<Item = &LintedFile> {
    files.iter().filter(|f| f.skipped.is_none())
}
