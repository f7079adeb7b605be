//! The `.caulk.yaml` format, as written by users.

use crate::diagnostic::Severity;
use crate::rules::Profile;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A `.caulk.yaml` file. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Rule sets to run; `default` when absent.
    #[serde(default)]
    pub profiles: Option<Vec<Profile>>,
    /// Rules (codes, names or aliases) to run in addition to the profiles.
    #[serde(default)]
    pub select: Vec<String>,
    /// Rules (codes, names or aliases) never to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule, overriding the rule's default. `off` disables it.
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityOrOff>,
    /// Findings at or above this severity make `caulk check` exit with 1;
    /// `none` never fails.
    #[serde(default)]
    pub failure_threshold: Option<SeverityOrOff>,
    /// Only files matching one of these globs are linted in a directory walk.
    #[serde(default)]
    pub include: Vec<String>,
    /// Files matching these globs are skipped in a directory walk.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Registries base images and container images may come from (`*.corp.example` wildcards).
    #[serde(default, alias = "trustedRegistries")]
    pub trusted_registries: Vec<String>,
    /// Labels every final image must carry, with the type of their value.
    #[serde(default)]
    pub label_schema: BTreeMap<String, LabelType>,
    /// With a label schema: labels not in the schema are findings.
    #[serde(default)]
    pub strict_labels: bool,
    /// Whether `# caulk ignore=` and `# hadolint ignore=` comments are honoured.
    #[serde(default)]
    pub inline_suppressions: Option<bool>,
    /// Every inline suppression must give a reason (`-- why`); one without
    /// is reported (CX1004).
    #[serde(default)]
    pub require_suppression_reason: Option<bool>,
    /// Rules (codes, names or aliases) inline suppressions may not silence:
    /// such a suppression does nothing and is reported (CX1005).
    #[serde(default)]
    pub unsuppressible: Vec<String>,
    /// Report suppressions that expire within this many days (CX1003).
    #[serde(default)]
    pub suppression_expiry_warning_days: Option<u32>,
    /// Not a file key: run the rules the configuration ignores too, only to
    /// count their findings (`check --statistics`).
    #[serde(skip)]
    pub count_ignored: bool,
    /// The date rules treat as today (`YYYY-MM-DD`); the clock's date in UTC when absent.
    #[serde(default)]
    pub today: Option<crate::date::Date>,
    /// End-of-life rules also warn this many days before a release's end of life (default 90).
    #[serde(default)]
    pub eol_warning_days: Option<u32>,
    /// Extra lifecycle entries, for internal base images.
    #[serde(default)]
    pub lifecycle: Vec<crate::lifecycle::CustomEntry>,
    /// The Pod Security Standards version the PSS rules follow (`latest`, `v1.30`).
    #[serde(default)]
    pub pss_version: Option<crate::kubernetes::PssVersion>,
}

/// A severity, or `off` to disable a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityOrOff {
    Error,
    Warning,
    Info,
    Style,
    #[serde(alias = "ignore", alias = "none")]
    Off,
}

impl std::str::FromStr for SeverityOrOff {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "none" | "off" | "ignore" => Ok(SeverityOrOff::Off),
            other => other.parse::<Severity>().map(|level| match level {
                Severity::Error => SeverityOrOff::Error,
                Severity::Warning => SeverityOrOff::Warning,
                Severity::Info => SeverityOrOff::Info,
                Severity::Style => SeverityOrOff::Style,
            }),
        }
    }
}

impl SeverityOrOff {
    pub fn severity(self) -> Option<Severity> {
        match self {
            SeverityOrOff::Error => Some(Severity::Error),
            SeverityOrOff::Warning => Some(Severity::Warning),
            SeverityOrOff::Info => Some(Severity::Info),
            SeverityOrOff::Style => Some(Severity::Style),
            SeverityOrOff::Off => None,
        }
    }
}

/// The value type a label in the label schema must have (hadolint's names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelType {
    Text,
    Url,
    Rfc3339,
    Spdx,
    Hash,
    Semver,
    Email,
}

/// Settings from the command line, laid over every configuration file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// Replaces the file's profiles when given.
    pub profiles: Option<Vec<Profile>>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub failure_threshold: Option<SeverityOrOff>,
    /// `--today`: wins over the file's `today`.
    pub today: Option<crate::date::Date>,
    /// `--statistics`: count the findings of ignored rules.
    pub count_ignored: bool,
}

impl ConfigFile {
    /// Applies command-line settings, which win over the file's.
    pub fn apply(&mut self, overrides: &Overrides) {
        if let Some(profiles) = &overrides.profiles {
            self.profiles = Some(profiles.clone());
        }
        self.select.extend(overrides.select.iter().cloned());
        self.ignore.extend(overrides.ignore.iter().cloned());
        if overrides.failure_threshold.is_some() {
            self.failure_threshold = overrides.failure_threshold;
        }
        self.count_ignored |= overrides.count_ignored;
        if overrides.today.is_some() {
            self.today = overrides.today;
        }
    }
}
