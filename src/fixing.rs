//! `caulk check --fix`, `--unsafe-fixes` and `--diff`: fix each linted file
//! until nothing changes, then write it back, print it (standard input) or
//! show the change as a unified diff.

use crate::cli::CheckArgs;
use caulk_lints::config::Config;
use caulk_lints::discover::describe_io_error;
use caulk_lints::fix::fix_until_stable;
use caulk_lints::{Applicability, LintedFile};
use std::path::{Path, PathBuf};

/// What to do with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Rewrite the files (`--fix`, `--unsafe-fixes`).
    Write,
    /// Change nothing; print a diff (`--diff`).
    Diff,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub mode: Mode,
    /// The least applicability applied: safe, or unsafe too.
    pub min: Applicability,
}

impl Options {
    /// `None` when the command line asks for no fixing.
    pub fn from_args(args: &CheckArgs) -> Option<Self> {
        let mode = if args.diff {
            Mode::Diff
        } else if args.fix || args.unsafe_fixes {
            Mode::Write
        } else {
            return None;
        };
        let min = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        Some(Self { mode, min })
    }
}

/// What fixing did to one file.
#[derive(Debug)]
pub struct FileFix {
    pub path: PathBuf,
    /// Findings whose fixes were applied.
    pub fixed: usize,
    /// The text before fixing, kept only when fixing changed it.
    pub original: Option<String>,
    /// Writing the fixed text back failed.
    pub write_error: Option<String>,
    /// A fix was left out because the text it produced parsed worse.
    pub rejected: bool,
}

/// Fixes `file` in place (its source and findings become the fixed ones).
/// In [`Mode::Write`], `write_to` receives the fixed text when it changed.
pub fn fix_file(
    file: LintedFile,
    forced: bool,
    config: &Config,
    options: Options,
    write_to: Option<&Path>,
) -> (LintedFile, FileFix) {
    let original = file.source.clone();
    let outcome = fix_until_stable(file, forced, config, options.min);
    let changed = outcome.changed(&original);
    let mut record = FileFix {
        path: outcome.file.path.clone(),
        fixed: if changed { outcome.fixed } else { 0 },
        original: changed.then_some(original),
        write_error: None,
        rejected: outcome.rejected_round,
    };
    if changed
        && options.mode == Mode::Write
        && let Some(path) = write_to
        && let Err(e) = std::fs::write(path, outcome.file.source.as_bytes())
    {
        record.write_error = Some(format!(
            "cannot write the fixed file: {}",
            describe_io_error(&e)
        ));
    }
    (outcome.file, record)
}

/// A unified diff of one file's fix, with the path on both header lines
/// (`patch -p0` applies it).
pub fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&name, &name)
        .to_string()
}

/// `Fixed 5 findings in 2 files (3 remaining).` or, for `--diff`,
/// `Would fix 5 findings in 2 files (3 would remain).`; when only safe fixes
/// were applied, the remaining findings an unsafe fix could fix are counted.
pub fn summary_line(fixes: &[FileFix], files: &[LintedFile], options: Options) -> String {
    let fixed: usize = fixes.iter().map(|f| f.fixed).sum();
    let changed = fixes.iter().filter(|f| f.original.is_some()).count();
    let remaining: usize = files.iter().map(|f| f.diagnostics.len()).sum();
    let unsafe_left = files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Unsafe)
        })
        .count();
    let findings = if fixed == 1 { "finding" } else { "findings" };
    let in_files = if changed == 1 { "file" } else { "files" };
    let hint = if options.min == Applicability::Safe && unsafe_left > 0 {
        format!(", {unsafe_left} fixable with --unsafe-fixes")
    } else {
        String::new()
    };
    match options.mode {
        Mode::Write => {
            format!(
                "Fixed {fixed} {findings} in {changed} {in_files} ({remaining} remaining{hint})."
            )
        }
        Mode::Diff => format!(
            "Would fix {fixed} {findings} in {changed} {in_files} ({remaining} would remain{hint})."
        ),
    }
}
