//! Command-line arguments.

use caulk_lints::FileKind;
use caulk_lints::report::Format;
use std::path::PathBuf;

#[derive(Debug, clap::Parser)]
#[command(
    name = "caulk",
    version,
    about = "A fast linter for Dockerfiles and Kubernetes manifests"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of the `check` variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Lint Dockerfiles and Kubernetes manifests.
    Check(CheckArgs),
    /// Print a rule's documentation.
    Rule(RuleArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Print the effective configuration for a file and where each setting came from.
    Config(ConfigArgs),
    /// Run the language server on standard input and output.
    Server,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and directories to lint; `-` reads standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Use this configuration file for every file instead of looking for `.caulk.yaml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Treat named files as this kind regardless of their names (and, in a
    /// directory walk, lint only files of this kind).
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// The file name to report for standard input (also decides its kind).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', default_value = "full", value_name = "FORMAT")]
    pub output_format: Format,
    /// Write the output format to this file; the terminal then gets the full report.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Report and fail only on findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every finding in this baseline file and exit 0 whatever was found.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Rule sets to run instead of the configured ones (default, cis, baseline, restricted, strict).
    #[arg(long = "profile", value_name = "PROFILE", value_delimiter = ',')]
    pub profiles: Vec<caulk_lints::rules::Profile>,
    /// Run only these rules (codes, names or aliases, comma-separated); with
    /// `--profile`, run them in addition to the profile's.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never run these rules (codes, names or aliases, comma-separated).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit with 1 only for findings at or above this severity (error, warning, info, style, none).
    #[arg(long, value_name = "LEVEL")]
    pub failure_threshold: Option<caulk_lints::config::SeverityOrOff>,
    /// The date to treat as today (YYYY-MM-DD) for date-dependent rules such as
    /// end-of-life base images; overrides `today:` in configuration and the clock.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<caulk_lints::date::Date>,
    /// Never colour the output (also when NO_COLOR is set).
    #[arg(long)]
    pub no_color: bool,
    /// Apply safe fixes, rewrite the files that change, and report what remains
    /// (with `-`, print the fixed text on standard output).
    #[arg(long)]
    pub fix: bool,
    /// Apply unsafe fixes too (they may change behaviour); implies `--fix`.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of applying them; exit 1 if
    /// any file would change.
    #[arg(long, conflicts_with = "write_baseline")]
    pub diff: bool,
    /// After the report, a table of findings per rule: reported, and waived by
    /// comments, annotations, the configuration's `ignore`, or the baseline
    /// (also a `statistics` list in `-f json`).
    #[arg(long)]
    pub statistics: bool,
    /// Print only findings, no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Use at most this many threads (default: one per core, or RAYON_NUM_THREADS).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    Dockerfile,
    Kubernetes,
}

impl From<KindArg> for FileKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Dockerfile => FileKind::Dockerfile,
            KindArg::Kubernetes => FileKind::Kubernetes,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// The file (or directory) whose configuration to show.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Use this configuration file instead of looking for `.caulk.yaml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print the JSON Schema of `.caulk.yaml` instead.
    #[arg(long)]
    pub schema: bool,
}

#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// A rule code, name or alias.
    pub code: String,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}
