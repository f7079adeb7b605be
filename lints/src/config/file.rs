//! The `.caulk.yaml` format, as written by users.

use crate::diagnostic::Severity;
use crate::rules::Profile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A `.caulk.yaml` file. Every key is optional.
#[derive(Clone, Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(title = "caulk configuration (.caulk.yaml)")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Another configuration file this one builds on, as a path relative to
    /// this file (a central policy). Its settings apply first; this file's
    /// are laid over them. Chains are allowed, cycles are an error.
    #[serde(default)]
    pub extends: Option<String>,
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
    pub strict_labels: Option<bool>,
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
    #[schemars(skip)]
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
    /// Settings for some paths only, applied in order after the rest: globs
    /// are relative to the directory of the configuration file found for
    /// the linted file (the nearest one, or `--config`).
    #[serde(default)]
    pub overrides: Vec<PathOverride>,
}

/// `overrides:` entry: rule choices for the files matching `files`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PathOverride {
    /// Globs (`legacy/**`, `*.prod.yaml`); a pattern without `/` matches at any depth.
    pub files: Vec<String>,
    /// Rules (codes, names or aliases) to run for these files too.
    #[serde(default)]
    pub select: Vec<String>,
    /// Rules never to run for these files.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule for these files; `off` disables it.
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityOrOff>,
}

/// A severity, or `off` to disable a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
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

/// In the schema, the aliases are valid values too.
impl schemars::JsonSchema for SeverityOrOff {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SeverityOrOff".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A severity, or `off` (also `ignore`, `none`) to disable.",
            "type": "string",
            "enum": ["error", "warning", "info", "style", "off", "ignore", "none"]
        })
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
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
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
    /// This file laid over `base` (the file it extends): single values and
    /// map entries set here win, lists add to the base's. Rule choices
    /// (`select`, `ignore`, `severity`) are kept in order too, but resolving
    /// them goes layer by layer (see `Config::from_layers`), so a repository
    /// can `select` a rule its central policy ignores.
    pub fn laid_over(self, mut base: ConfigFile) -> ConfigFile {
        fn cat<T>(mut base: Vec<T>, more: Vec<T>) -> Vec<T> {
            base.extend(more);
            base
        }
        base.severity.extend(self.severity);
        base.label_schema.extend(self.label_schema);
        ConfigFile {
            extends: self.extends,
            profiles: self.profiles.or(base.profiles),
            select: cat(base.select, self.select),
            ignore: cat(base.ignore, self.ignore),
            severity: base.severity,
            failure_threshold: self.failure_threshold.or(base.failure_threshold),
            include: cat(base.include, self.include),
            exclude: cat(base.exclude, self.exclude),
            trusted_registries: cat(base.trusted_registries, self.trusted_registries),
            label_schema: base.label_schema,
            strict_labels: self.strict_labels.or(base.strict_labels),
            inline_suppressions: self.inline_suppressions.or(base.inline_suppressions),
            require_suppression_reason: self
                .require_suppression_reason
                .or(base.require_suppression_reason),
            unsuppressible: cat(base.unsuppressible, self.unsuppressible),
            suppression_expiry_warning_days: self
                .suppression_expiry_warning_days
                .or(base.suppression_expiry_warning_days),
            count_ignored: self.count_ignored || base.count_ignored,
            today: self.today.or(base.today),
            eol_warning_days: self.eol_warning_days.or(base.eol_warning_days),
            lifecycle: cat(self.lifecycle, base.lifecycle),
            pss_version: self.pss_version.or(base.pss_version),
            overrides: cat(base.overrides, self.overrides),
        }
    }

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

/// The JSON Schema of `.caulk.yaml`, generated from [`ConfigFile`]; the copy
/// checked in as `docs/caulk.schema.json` is tested against it.
pub fn schema_json() -> String {
    let mut schema = schemars::schema_for!(ConfigFile);
    schema.insert(
        "$id".into(),
        "https://github.com/caulk-lint/caulk/raw/main/docs/caulk.schema.json".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
    text.push('\n');
    text
}
