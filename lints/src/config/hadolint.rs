//! hadolint's `.hadolint.yaml`, read when no caulk configuration is found so
//! teams migrating from hadolint keep their settings with zero edits.

use super::file::{ConfigFile, LabelType, SeverityOrOff};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HadolintConfig {
    #[serde(default)]
    pub ignored: Vec<String>,
    #[serde(default, rename = "override")]
    pub override_: HadolintOverride,
    #[serde(default, alias = "trustedRegistries")]
    pub trusted_registries: Vec<String>,
    #[serde(default, alias = "labelSchema")]
    pub label_schema: BTreeMap<String, LabelType>,
    #[serde(default, alias = "strictLabels")]
    pub strict_labels: bool,
    #[serde(default, alias = "disableIgnorePragma")]
    pub disable_ignore_pragma: bool,
    #[serde(default, alias = "failureThreshold")]
    pub failure_threshold: Option<HadolintThreshold>,
    // Output options of hadolint's own command line; accepted so existing
    // files load, but they do not change what caulk finds.
    #[serde(default, alias = "noFail")]
    pub no_fail: bool,
    #[serde(default, alias = "noColor")]
    pub no_color: bool,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub verbose: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HadolintOverride {
    #[serde(default)]
    pub error: Vec<String>,
    #[serde(default)]
    pub warning: Vec<String>,
    #[serde(default)]
    pub info: Vec<String>,
    #[serde(default)]
    pub style: Vec<String>,
}

/// hadolint's threshold names include `none` and `ignore`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HadolintThreshold {
    Error,
    Warning,
    Info,
    Style,
    Ignore,
    None,
}

impl HadolintConfig {
    /// The same settings in caulk's terms.
    pub fn into_caulk(self) -> ConfigFile {
        let mut severity = BTreeMap::new();
        for (level, codes) in [
            (SeverityOrOff::Error, &self.override_.error),
            (SeverityOrOff::Warning, &self.override_.warning),
            (SeverityOrOff::Info, &self.override_.info),
            (SeverityOrOff::Style, &self.override_.style),
        ] {
            for code in codes {
                severity.insert(code.clone(), level);
            }
        }
        let failure_threshold = if self.no_fail {
            Some(SeverityOrOff::Off)
        } else {
            self.failure_threshold.map(|t| match t {
                HadolintThreshold::Error => SeverityOrOff::Error,
                HadolintThreshold::Warning => SeverityOrOff::Warning,
                HadolintThreshold::Info => SeverityOrOff::Info,
                HadolintThreshold::Style => SeverityOrOff::Style,
                // hadolint never fails with these: no finding reaches the threshold.
                HadolintThreshold::Ignore | HadolintThreshold::None => SeverityOrOff::Off,
            })
        };
        // hadolint ignores rules at "ignore" severity unless overridden: an
        // override to a real level turns such a rule on, which `select` does.
        let select = severity.keys().cloned().collect();
        ConfigFile {
            ignore: self.ignored,
            severity,
            select,
            failure_threshold,
            trusted_registries: self.trusted_registries,
            label_schema: self.label_schema,
            strict_labels: Some(self.strict_labels),
            inline_suppressions: Some(!self.disable_ignore_pragma),
            ..ConfigFile::default()
        }
    }
}
