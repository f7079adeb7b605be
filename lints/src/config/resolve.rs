//! Turning a configuration file into the settings the engine runs with.

use super::file::{ConfigFile, LabelType, SeverityOrOff};
use crate::diagnostic::Severity;
use crate::rules::{Profile, Rule, registry};
use crate::text::{LineIndex, TextRange};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How long before a release's end of life the end-of-life rules start warning.
pub const DEFAULT_EOL_WARNING_DAYS: u32 = 90;

/// Settings that rules read (as opposed to settings that choose rules).
#[derive(Clone, Debug, Default)]
pub struct RuleSettings {
    pub trusted_registries: Vec<String>,
    pub label_schema: BTreeMap<String, LabelType>,
    pub strict_labels: bool,
    /// A fixed "today" (`--today`, or `today:` in the file); `None` reads the clock.
    pub today: Option<crate::date::Date>,
    /// Days before a release's end of life that end-of-life rules start warning.
    pub eol_warning_days: u32,
    /// Lifecycle entries from configuration, checked before the built-in data.
    pub lifecycle: Vec<crate::lifecycle::CustomEntry>,
    /// The Pod Security Standards version (`pss-version`); `latest` by default.
    pub pss_version: crate::kubernetes::PssVersion,
}

impl RuleSettings {
    /// The date rules compare against: the configured one, else the clock's (UTC).
    pub fn today(&self) -> crate::date::Date {
        self.today.unwrap_or_else(crate::date::Date::today_utc)
    }
}

/// The resolved configuration for a set of files.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from; `None` for the built-in defaults.
    pub source: Option<PathBuf>,
    enabled: Vec<bool>,
    /// Turned off by `ignore` or severity `off` (not merely outside the profiles).
    ignored: Vec<bool>,
    severity: Vec<Severity>,
    /// Run ignored rules too, to count what the configuration waives.
    pub count_ignored: bool,
    /// Findings at or above this severity fail the run; `None` never fails.
    pub failure_threshold: Option<Severity>,
    pub inline_suppressions: bool,
    /// How inline suppressions are governed.
    pub suppressions: SuppressionPolicy,
    /// `overrides:` entries, in order.
    path_overrides: Vec<CompiledOverride>,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    /// The directory globs are relative to.
    pub root: Option<PathBuf>,
    pub settings: RuleSettings,
}

impl Default for Config {
    fn default() -> Self {
        Self::from_file(ConfigFile::default(), None).expect("the defaults are valid")
    }
}

/// What the configuration demands of inline suppressions.
#[derive(Clone, Debug, Default)]
pub struct SuppressionPolicy {
    pub require_reason: bool,
    /// Rules no inline suppression may silence.
    pub unsuppressible: Vec<&'static Rule>,
    /// Warn about suppressions expiring within this many days.
    pub expiry_warning_days: Option<u32>,
}

/// A configuration problem, with the place in the file that caused it.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{path}{location}: {message}")]
pub struct ConfigError {
    pub message: String,
    pub path: String,
    location: String,
    /// Byte range in the configuration file, when known.
    pub range: Option<TextRange>,
    #[source_code]
    source_code: Option<miette::NamedSource<String>>,
    #[label("here")]
    span: Option<miette::SourceSpan>,
}

impl ConfigError {
    pub fn new(
        path: &Path,
        text: Option<&str>,
        range: Option<TextRange>,
        message: impl Into<String>,
    ) -> Self {
        let location = match (text, range) {
            (Some(text), Some(range)) => {
                let pos = LineIndex::new(text).line_col(text, range.start, Default::default());
                format!(":{}:{}", pos.line, pos.column)
            }
            _ => String::new(),
        };
        let name = path.display().to_string();
        Self {
            message: message.into(),
            location,
            range,
            // The snippet reaches a terminal: controls in the file must not.
            source_code: text.map(|t| {
                let shown = crate::report::terminal_source(t).into_owned();
                miette::NamedSource::new(crate::report::terminal_line(&name), shown)
            }),
            span: range.map(|r| (r.start as usize, r.len() as usize).into()),
            path: name,
        }
    }
}

impl Config {
    /// Resolves a configuration file's contents. An error message quotes the
    /// offending rule name or glob in backticks, so the caller can find it.
    pub fn from_file(file: ConfigFile, source: Option<&Path>) -> Result<Config, String> {
        Self::from_layers(vec![file], source)
    }

    /// Resolves a chain of configuration files, the most basic first (what
    /// `extends:` names) and the one found for the linted files last.
    /// Rule choices are applied layer by layer, each layer's `select`, then
    /// `severity`, then `ignore`, so a later file can re-enable a rule an
    /// earlier one ignored; other settings merge as [`ConfigFile::laid_over`] says.
    pub fn from_layers(layers: Vec<ConfigFile>, source: Option<&Path>) -> Result<Config, String> {
        let rule_layers: Vec<RuleChoices> = layers.iter().map(RuleChoices::of).collect();
        let file = layers
            .into_iter()
            .reduce(|base, layer| layer.laid_over(base))
            .unwrap_or_default();
        let rules = registry::all();
        let mut profiles = file
            .profiles
            .clone()
            .unwrap_or_else(|| vec![Profile::Default]);
        if profiles.contains(&Profile::Restricted) && !profiles.contains(&Profile::Baseline) {
            profiles.push(Profile::Baseline);
        }
        let enabled: Vec<bool> = rules
            .iter()
            .map(|r| profiles.iter().any(|&p| r.in_profile(p)))
            .collect();
        let severity: Vec<Severity> = rules.iter().map(|r| r.severity).collect();

        let mut table = RuleTable {
            enabled,
            ignored: vec![false; rules.len()],
            severity,
        };
        for choices in &rule_layers {
            table.apply(&choices.compile("")?);
        }
        let RuleTable {
            enabled,
            ignored,
            severity,
        } = table;
        let mut unsuppressible = Vec::new();
        let lookup = lookup_rule;
        for key in &file.unsuppressible {
            let rule = lookup(key, "unsuppressible")?;
            if !unsuppressible.iter().any(|r: &&Rule| r.code == rule.code) {
                unsuppressible.push(rule);
            }
        }
        let root = source.and_then(Path::parent).map(Path::to_path_buf);
        let mut path_overrides = Vec::new();
        for (i, o) in file.overrides.iter().enumerate() {
            let setting = format!("overrides[{i}]");
            if o.files.is_empty() {
                return Err(format!("`{setting}` needs at least one glob in `files`"));
            }
            path_overrides.push(CompiledOverride {
                files: globs(&o.files)?.expect("not empty"),
                choices: RuleChoices {
                    select: o.select.clone(),
                    severity: o.severity.clone().into_iter().collect(),
                    ignore: o.ignore.clone(),
                }
                .compile(&setting)?,
            });
        }
        Ok(Config {
            source: source.map(Path::to_path_buf),
            enabled,
            ignored,
            severity,
            count_ignored: file.count_ignored,
            failure_threshold: match file.failure_threshold {
                None => Some(Severity::Info),
                Some(level) => level.severity(),
            },
            inline_suppressions: file.inline_suppressions.unwrap_or(true),
            suppressions: SuppressionPolicy {
                require_reason: file.require_suppression_reason.unwrap_or(false),
                unsuppressible,
                expiry_warning_days: file.suppression_expiry_warning_days,
            },
            path_overrides,
            include: globs(&file.include)?,
            exclude: globs(&file.exclude)?,
            root,
            settings: RuleSettings {
                trusted_registries: file.trusted_registries,
                label_schema: file.label_schema,
                strict_labels: file.strict_labels.unwrap_or(false),
                today: file.today,
                eol_warning_days: file.eol_warning_days.unwrap_or(DEFAULT_EOL_WARNING_DAYS),
                lifecycle: file.lifecycle,
                pss_version: file.pss_version.unwrap_or_default(),
            },
        })
    }

    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.enabled[registry::index_of(rule)]
    }

    pub fn severity(&self, rule: &Rule) -> Severity {
        self.severity[registry::index_of(rule)]
    }

    /// Whether the configuration turned `rule` off (`ignore`, severity `off`).
    pub fn is_ignored(&self, rule: &Rule) -> bool {
        self.ignored[registry::index_of(rule)]
    }

    /// The rules the engine runs: the enabled ones, and with
    /// `count_ignored` the ignored ones too (their findings are counted, then dropped).
    pub fn rules_to_run(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        // By position, not `is_enabled(rule)`: this runs for every file.
        registry::all()
            .iter()
            .enumerate()
            .filter(|&(i, _)| self.enabled[i] || (self.count_ignored && self.ignored[i]))
            .map(|(_, r)| *r)
    }

    /// The rules that run under this configuration, in code order.
    pub fn enabled_rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        registry::all()
            .iter()
            .zip(&self.enabled)
            .filter(|(_, on)| **on)
            .map(|(r, _)| *r)
    }

    /// `path` relative to the configuration's directory, which globs are
    /// relative to (as given when there is no such directory, or it is outside).
    fn relative<'p>(&self, path: &'p Path) -> std::borrow::Cow<'p, Path> {
        use std::borrow::Cow;
        let path = path.strip_prefix("./").unwrap_or(path);
        let Some(root) = &self.root else {
            return Cow::Borrowed(path);
        };
        if let Ok(relative) = path.strip_prefix(root) {
            return Cow::Borrowed(relative);
        }
        match std::path::absolute(path) {
            Ok(absolute) => match absolute.strip_prefix(root) {
                Ok(relative) => Cow::Owned(relative.to_path_buf()),
                Err(_) => Cow::Borrowed(path),
            },
            Err(_) => Cow::Borrowed(path),
        }
    }

    /// The configuration for one file: this one, with every `overrides:`
    /// entry whose `files` match `path` applied in order.
    pub fn for_path(&self, path: &Path) -> std::borrow::Cow<'_, Config> {
        use std::borrow::Cow;
        if self.path_overrides.is_empty() {
            return Cow::Borrowed(self);
        }
        let relative = self.relative(path);
        let matching: Vec<&CompiledOverride> = self
            .path_overrides
            .iter()
            .filter(|o| o.files.is_match(relative.as_ref()))
            .collect();
        if matching.is_empty() {
            return Cow::Borrowed(self);
        }
        let mut config = self.clone();
        let mut table = RuleTable {
            enabled: std::mem::take(&mut config.enabled),
            ignored: std::mem::take(&mut config.ignored),
            severity: std::mem::take(&mut config.severity),
        };
        for o in matching {
            table.apply(&o.choices);
        }
        (config.enabled, config.ignored, config.severity) =
            (table.enabled, table.ignored, table.severity);
        Cow::Owned(config)
    }

    /// How many `overrides:` entries apply to `path`, by index.
    pub fn overrides_for(&self, path: &Path) -> Vec<usize> {
        let relative = self.relative(path);
        (0..self.path_overrides.len())
            .filter(|&i| self.path_overrides[i].files.is_match(relative.as_ref()))
            .collect()
    }

    /// Whether a directory walk should lint `path` (globs are relative to the config's directory).
    pub fn includes_path(&self, path: &Path) -> bool {
        let relative = self.relative(path);
        let relative = relative.as_ref();
        if self.exclude.as_ref().is_some_and(|g| g.is_match(relative)) {
            return false;
        }
        self.include.as_ref().is_none_or(|g| g.is_match(relative))
    }
}

fn lookup_rule(key: &str, setting: &str) -> Result<&'static Rule, String> {
    registry::find(key).ok_or_else(|| format!("unknown rule `{key}` in `{setting}`"))
}

/// Glob patterns as one set; a pattern without a slash matches at any depth, as in .gitignore.
fn globs(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p).map_err(|e| format!("invalid glob `{p}`: {}", e.kind()))?;
        builder.add(glob);
        if !p.contains('/') {
            builder.add(Glob::new(&format!("**/{p}")).expect("valid when the pattern is"));
        }
    }
    builder.build().map(Some).map_err(|e| e.to_string())
}

/// One layer's rule choices, as written.
struct RuleChoices {
    select: Vec<String>,
    severity: Vec<(String, SeverityOrOff)>,
    ignore: Vec<String>,
}

impl RuleChoices {
    fn of(file: &ConfigFile) -> Self {
        Self {
            select: file.select.clone(),
            severity: file.severity.clone().into_iter().collect(),
            ignore: file.ignore.clone(),
        }
    }

    /// `prefix` names where the choices are written (`overrides[0]`), for errors.
    fn compile(&self, prefix: &str) -> Result<CompiledChoices, String> {
        let at = |key: &str| {
            if prefix.is_empty() {
                key.to_string()
            } else {
                format!("{prefix}.{key}")
            }
        };
        let index =
            |key: &str, setting: &str| lookup_rule(key, &at(setting)).map(registry::index_of);
        Ok(CompiledChoices {
            select: self
                .select
                .iter()
                .map(|k| index(k, "select"))
                .collect::<Result<_, _>>()?,
            severity: self
                .severity
                .iter()
                .map(|(k, level)| index(k, "severity").map(|i| (i, level.severity())))
                .collect::<Result<_, _>>()?,
            ignore: self
                .ignore
                .iter()
                .map(|k| index(k, "ignore"))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// Rule choices by rule index; a severity of `None` is `off`.
#[derive(Clone, Debug)]
struct CompiledChoices {
    select: Vec<usize>,
    severity: Vec<(usize, Option<Severity>)>,
    ignore: Vec<usize>,
}

#[derive(Clone, Debug)]
struct CompiledOverride {
    files: GlobSet,
    choices: CompiledChoices,
}

struct RuleTable {
    enabled: Vec<bool>,
    ignored: Vec<bool>,
    severity: Vec<Severity>,
}

impl RuleTable {
    /// Within one layer: select, then severity, then ignore (ignore wins).
    fn apply(&mut self, choices: &CompiledChoices) {
        for &i in &choices.select {
            (self.enabled[i], self.ignored[i]) = (true, false);
        }
        for &(i, level) in &choices.severity {
            match level {
                Some(level) => self.severity[i] = level,
                None => (self.enabled[i], self.ignored[i]) = (false, true),
            }
        }
        for &i in &choices.ignore {
            (self.enabled[i], self.ignored[i]) = (false, true);
        }
    }
}
