//! Findings: what a rule reports, where, how bad it is, and how to fix it.

use crate::text::TextRange;
use std::fmt;
use std::str::FromStr;

/// How serious a finding is. Ordered from least to most severe so that
/// `severity >= threshold` reads naturally.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Style,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Style,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Ok(Severity::Error),
            "warning" | "warn" => Ok(Severity::Warning),
            "info" | "information" => Ok(Severity::Info),
            "style" => Ok(Severity::Style),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning, info or style)"
            )),
        }
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Shown to the user only; never applied automatically.
    DisplayOnly,
    /// May change behaviour; applied with `--unsafe-fixes`.
    Unsafe,
    /// Keeps behaviour; applied with `--fix`.
    Safe,
}

/// Replace `range` with `content`. An empty range inserts; empty content deletes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Edit {
    pub range: TextRange,
    pub content: String,
}

impl Edit {
    pub fn replace(range: TextRange, content: impl Into<String>) -> Self {
        Self {
            range,
            content: content.into(),
        }
    }
    pub fn insert(at: u32, content: impl Into<String>) -> Self {
        Self::replace(TextRange::empty(at), content)
    }
    pub fn delete(range: TextRange) -> Self {
        Self::replace(range, String::new())
    }
}

/// A set of non-overlapping edits that together fix one finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Fix {
    /// A short imperative description, e.g. "Replace `ADD` with `COPY`".
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            title: title.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

/// A secondary location that helps explain a finding ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Label {
    pub range: TextRange,
    pub message: String,
}

/// One finding in one file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Diagnostic {
    /// The rule's code, e.g. `DL3008`.
    pub code: &'static str,
    /// The rule's kebab-case name, e.g. `apt-get-version-pinning`.
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The primary location: the instruction, argument, flag, key or value the finding is about.
    pub range: TextRange,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// Adds a secondary location ("first defined here").
    pub fn label(&mut self, range: TextRange, message: impl Into<String>) -> &mut Self {
        self.labels.push(Label {
            range,
            message: message.into(),
        });
        self
    }

    /// Attaches the fix for this finding.
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }
}
