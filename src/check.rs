//! `caulk check`: discover, lint in parallel, render, choose the exit code.

use crate::cli::CheckArgs;
use crate::fixing::{self, FileFix};
use caulk_lints::baseline::{self, Baseline};
use caulk_lints::config::{ConfigResolver, Overrides};
use caulk_lints::discover::{Candidate, describe_io_error, discover};
use caulk_lints::report::{self, Format, RenderOptions};
use caulk_lints::{FileKind, LintedFile, detect, lint};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Something that stopped a path from being linted, or a configuration problem.
enum Problem {
    Path { path: PathBuf, message: String },
    Config(Arc<caulk_lints::config::ConfigError>),
}

pub fn run(args: CheckArgs) -> u8 {
    if let Some(threads) = args.threads {
        // Only fails when the pool already exists, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(threads))
            .build_global();
    }
    let overrides = Overrides {
        // `--select` alone runs only the named rules; with `--profile` it adds to it.
        profiles: if !args.profiles.is_empty() {
            Some(args.profiles.clone())
        } else if !args.select.is_empty() {
            Some(Vec::new())
        } else {
            None
        },
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        failure_threshold: args.failure_threshold,
        today: args.today,
        count_ignored: args.statistics,
    };
    let resolver = ConfigResolver::new(args.config.as_deref(), overrides);
    if let Some(message) = resolver.overrides_error() {
        eprintln!("error: {message}");
        return 2;
    }
    let baseline = match args.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(baseline) => baseline,
        Err(e) => {
            eprintln!("error: {}", report::terminal_line(&e.to_string()));
            return 2;
        }
    };
    let forced = args.kind.map(FileKind::from);
    let (stdin_requested, paths): (Vec<_>, Vec<_>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| p == Path::new("-"));

    let fix_options = fixing::Options::from_args(&args);
    let mut problems = Vec::new();
    let mut files: Vec<LintedFile> = Vec::new();
    let mut fixes: Vec<FileFix> = Vec::new();
    let mut fixed_stdin = None;
    if !stdin_requested.is_empty() {
        match lint_stdin(&args, forced, &resolver) {
            Some(file) => match fix_options {
                Some(options) => {
                    let config = resolver
                        .for_file(&file.path)
                        .unwrap_or_else(|_| resolver.default_config());
                    let (file, fix) =
                        fixing::fix_file(file, forced.is_some(), &config, options, None);
                    fixed_stdin = Some(file.source.clone());
                    files.push(file);
                    fixes.push(fix);
                }
                None => files.push(file),
            },
            None => return 2,
        }
    }
    if !paths.is_empty() {
        let found = discover(&paths, forced);
        problems.extend(found.errors.into_iter().map(|e| Problem::Path {
            path: e.path,
            message: e.message,
        }));
        let results: Vec<_> = found
            .files
            .par_iter()
            .map(|c| lint_candidate(c, &resolver, forced.is_some(), fix_options))
            .collect();
        for result in results {
            match result {
                Ok(Some((file, fix))) => {
                    files.push(file);
                    fixes.extend(fix);
                }
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
        }
    }
    // Cross-file rules, once the whole set is linted.
    caulk_lints::project::lint_project(&mut files, |path| {
        resolver
            .for_file(path)
            .unwrap_or_else(|_| resolver.default_config())
    });
    for file in &files {
        if let Some(reason) = &file.skipped
            && file_was_named(file, &args.paths)
        {
            // Paths and reasons come from the linted tree: no terminal escapes.
            let note = format!("{}: skipped: {reason}", file.path.display());
            eprintln!("note: {}", report::terminal_line(&note));
        }
    }
    for fix in fixes.iter().filter(|f| f.rejected) {
        eprintln!(
            "note: {}: a fix was left out because the result would not parse",
            fix.path.display()
        );
    }
    problems.extend(fixes.iter().filter_map(|f| {
        f.write_error.clone().map(|message| Problem::Path {
            path: f.path.clone(),
            message,
        })
    }));
    if let Some(options) = fix_options.filter(|o| o.mode == fixing::Mode::Diff) {
        return print_diffs(&fixes, &files, problems, &resolver, options, args.quiet);
    }
    let cwd = std::env::current_dir().ok();
    if let Some(out) = &args.write_baseline {
        return write_baseline(out, &files, cwd.as_deref(), problems, &resolver, args.quiet);
    }
    let baselined = baseline.map_or(0, |b| b.apply(&mut files, cwd.as_deref()));

    let failed = files.iter().any(|f| {
        resolver
            .for_file(&f.path)
            .unwrap_or_else(|_| resolver.default_config())
            .failure_threshold
            .is_some_and(|t| f.diagnostics.iter().any(|d| d.severity >= t))
    });
    // With `--fix` on standard input, standard output carries the fixed text
    // and the report goes to standard error.
    if let Some(text) = &fixed_stdin {
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            eprintln!("error: cannot write the fixed text: {e}");
            return 2;
        }
    }
    let report_to_stderr = fixed_stdin.is_some();
    let color = !args.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && if report_to_stderr {
            std::io::stderr().is_terminal()
        } else {
            std::io::stdout().is_terminal()
        };
    // Paths in machine formats are relative to where caulk runs (the repository root in CI).
    let mut options = RenderOptions::new(env!("CARGO_PKG_VERSION"), color)
        .with_rules(resolver.default_config().enabled_rules().collect());
    if let Ok(cwd) = std::env::current_dir() {
        options = options.with_base_dir(cwd);
    }
    options.statistics = args.statistics;
    // Buffered: the standard streams flush at every newline (stdout) or
    // write (stderr), and the full report writes piece by piece.
    let mut stdout: Box<dyn Write> = if report_to_stderr {
        Box::new(std::io::BufWriter::with_capacity(
            64 * 1024,
            std::io::stderr().lock(),
        ))
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            64 * 1024,
            std::io::stdout().lock(),
        ))
    };
    let terminal_format = if args.output_file.is_some() {
        Format::Full
    } else {
        args.output_format
    };
    let human = matches!(terminal_format, Format::Full | Format::Concise);
    let mut status = 0;
    if let Some(out) = &args.output_file {
        let written = std::fs::File::create(out).and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            report::render(args.output_format, &files, &options.without_color(), &mut w)?;
            w.flush()
        });
        if let Err(e) = written {
            problems.push(Problem::Path {
                path: out.clone(),
                message: format!("cannot write the report: {}", describe_io_error(&e)),
            });
        }
    }
    if let Err(e) = report::render(terminal_format, &files, &options, &mut stdout)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write the report: {e}");
        status = 2;
    }
    if args.statistics && terminal_format != Format::Json {
        // Machine formats own standard output; the table then goes to stderr.
        let stats = caulk_lints::statistics::statistics(&files);
        let written = if human {
            writeln!(stdout)
                .and_then(|()| caulk_lints::statistics::render_table(&stats, &mut stdout))
        } else {
            caulk_lints::statistics::render_table(&stats, &mut std::io::stderr().lock())
        };
        if let Err(e) = written
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            eprintln!("error: cannot write the statistics: {e}");
            status = 2;
        }
    }
    if human && !args.quiet {
        let summary = baseline::summary_line(&report::summary(&files), baselined);
        let _ = writeln!(stdout, "{summary}");
    }
    if let Some(options) = fix_options
        && !args.quiet
    {
        let line = fixing::summary_line(&fixes, &files, options);
        if human {
            let _ = writeln!(stdout, "{line}");
        } else {
            eprintln!("{line}");
        }
    }
    if let Err(e) = stdout.flush()
        && e.kind() != std::io::ErrorKind::BrokenPipe
        && status != 2
    {
        eprintln!("error: cannot write the report: {e}");
        status = 2;
    }
    drop(stdout);
    problems.extend(resolver.errors().into_iter().map(Problem::Config));
    report_problems(&problems);
    // The process ends next, and the system takes its memory back at once:
    // freeing every text and finding one by one is a serial pass that a
    // large manifest's 200,000 findings make long.
    std::mem::forget(files);
    if !problems.is_empty() || status == 2 {
        2
    } else if failed {
        1
    } else {
        0
    }
}

/// `--write-baseline`: record the findings instead of reporting them.
fn write_baseline(
    out: &Path,
    files: &[LintedFile],
    base_dir: Option<&Path>,
    mut problems: Vec<Problem>,
    resolver: &ConfigResolver,
    quiet: bool,
) -> u8 {
    let recorded = Baseline::from_files(files, base_dir);
    match recorded.write(out) {
        Ok(()) if !quiet => println!("Wrote {} to {}.", recorded.describe(), out.display()),
        Ok(()) => {}
        Err(e) => problems.push(Problem::Path {
            path: e.path,
            message: e.message,
        }),
    }
    problems.extend(resolver.errors().into_iter().map(Problem::Config));
    report_problems(&problems);
    if problems.is_empty() { 0 } else { 2 }
}

fn file_was_named(file: &LintedFile, named: &[PathBuf]) -> bool {
    named.iter().any(|p| p == &file.path) || (file.path.as_os_str() == "-")
}

/// `--diff`: the unified diff of every file fixing would change, on
/// standard output; exit 1 when there is one.
fn print_diffs(
    fixes: &[FileFix],
    files: &[LintedFile],
    problems: Vec<Problem>,
    resolver: &ConfigResolver,
    options: fixing::Options,
    quiet: bool,
) -> u8 {
    let mut stdout = std::io::stdout().lock();
    let mut changed = false;
    for (fix, file) in fixes.iter().filter_map(|f| {
        let file = files.iter().find(|file| file.path == f.path)?;
        Some((f, file))
    }) {
        let Some(original) = &fix.original else {
            continue;
        };
        changed = true;
        let diff = fixing::unified_diff(&fix.path, original, &file.source);
        if let Err(e) = stdout.write_all(diff.as_bytes())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            eprintln!("error: cannot write the diff: {e}");
            return 2;
        }
    }
    let _ = stdout.flush();
    if !quiet {
        eprintln!("{}", fixing::summary_line(fixes, files, options));
    }
    let mut problems = problems;
    problems.extend(resolver.errors().into_iter().map(Problem::Config));
    report_problems(&problems);
    if !problems.is_empty() {
        2
    } else if changed {
        1
    } else {
        0
    }
}

type Linted = (LintedFile, Option<FileFix>);

fn lint_candidate(
    candidate: &Candidate,
    resolver: &ConfigResolver,
    forced: bool,
    fix_options: Option<fixing::Options>,
) -> Result<Option<Linted>, Problem> {
    let config = match resolver.for_file(&candidate.path) {
        Ok(config) => config,
        // The broken configuration is reported once, from the list of
        // configuration errors; the file is still linted with the defaults.
        Err(_) => resolver.default_config(),
    };
    if !candidate.explicit && !config.includes_path(&candidate.path) {
        return Ok(None);
    }
    let bytes = std::fs::read(&candidate.path).map_err(|e| Problem::Path {
        path: candidate.path.clone(),
        message: describe_io_error(&e),
    })?;
    let display = caulk_lints::discover::display_path(&candidate.path);
    // Only text read exactly as it is on disk may be fixed and written back.
    let fixable = fix_options.filter(|_| std::str::from_utf8(&bytes).is_ok());
    let forced = forced && candidate.explicit;
    let build = candidate.build_context();
    let mut file = lint::lint_bytes_in(
        &display,
        bytes,
        candidate.kind,
        forced,
        &config,
        build.as_ref(),
    );
    if !candidate.explicit && file.skipped.is_some() {
        file.diagnostics.clear();
    }
    Ok(Some(match fixable {
        Some(options) if file.skipped.is_none() => {
            let (file, fix) =
                fixing::fix_file(file, forced, &config, options, Some(&candidate.path));
            (file, Some(fix))
        }
        _ => (file, None),
    }))
}

fn lint_stdin(
    args: &CheckArgs,
    forced: Option<FileKind>,
    resolver: &ConfigResolver,
) -> Option<LintedFile> {
    let name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("-"));
    let kind = forced
        .or_else(|| detect::kind_from_path(&name))
        .unwrap_or(FileKind::Dockerfile);
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        eprintln!(
            "error: cannot read standard input: {}",
            describe_io_error(&e)
        );
        return None;
    }
    let config = resolver
        .for_file(&name)
        .unwrap_or_else(|_| resolver.default_config());
    Some(lint::lint_bytes(
        &name,
        bytes,
        kind,
        forced.is_some(),
        &config,
    ))
}

fn report_problems(problems: &[Problem]) {
    let mut seen_configs = std::collections::HashSet::new();
    for problem in problems {
        match problem {
            Problem::Path { path, message } => {
                let path = caulk_lints::discover::display_path(path);
                let line = format!("{}: {message}", path.display());
                eprintln!("error: {}", report::terminal_line(&line));
            }
            Problem::Config(err) => {
                if seen_configs.insert(err.path.clone()) {
                    eprintln!("{:?}", miette::Report::new(ConfigErrorRef(err.clone())));
                }
            }
        }
    }
}

/// Lets miette render a shared configuration error.
#[derive(Debug)]
struct ConfigErrorRef(Arc<caulk_lints::config::ConfigError>);

impl std::fmt::Display for ConfigErrorRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The message quotes the configuration file: no terminal escapes.
        f.write_str(&report::terminal_line(&self.0.to_string()))
    }
}
impl std::error::Error for ConfigErrorRef {}
impl miette::Diagnostic for ConfigErrorRef {
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.0.labels()
    }
}
