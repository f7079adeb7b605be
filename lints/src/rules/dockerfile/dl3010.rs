use crate::dockerfile::shell::{Command, specs};
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for a local tar archive that is copied into the image with
    /// `COPY` and then unpacked with `tar` in a later `RUN` of the same
    /// stage.
    ///
    /// ## Why is this bad?
    /// The archive stays in the `COPY` layer even if the `RUN` deletes it, so
    /// the image carries both the archive and its contents. `ADD` unpacks a
    /// local tar archive (plain, gzip, bzip2 or xz) in one step and keeps
    /// only the contents.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// COPY app.tar.gz /tmp/
    /// RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ADD app.tar.gz /opt/
    /// ```
    pub static RULE = Rule {
        code: "DL3010",
        name: "copy-then-extract-archive",
        summary: "A copied tar archive is extracted in a later RUN; ADD extracts it in one step",
        category: Category::BestPractice,
        severity: Severity::Info,
        references: &[Reference::new(Source::Hadolint, "DL3010")],
        check: Check::Dockerfile(check),
    };
}

const TAR_EXTENSIONS: &[&str] = &[
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tb2",
    ".tbz",
    ".tbz2",
    ".tar.xz",
    ".txz",
    ".tar.lz",
    ".tar.lzma",
    ".tlz",
    ".tar.z",
    ".tz",
    ".tpz",
];

fn is_tar_archive(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    TAR_EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

fn file_name(path: &str) -> &str {
    path.trim_end_matches('/')
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for stage in &ctx.model.stages {
        // Archives copied so far in this stage: file name in the image, and the word naming it.
        let mut archives: Vec<(&str, &Word, bool)> = Vec::new();
        for instruction in stage.instructions {
            match &instruction.kind {
                InstructionKind::Copy(copy) if instruction.flag("from").is_none() => {
                    let dest = &copy.destination;
                    if !dest.has_vars() && is_tar_archive(&dest.value) {
                        archives.push((file_name(&dest.value), dest, false));
                    } else {
                        for source in copy
                            .sources
                            .iter()
                            .filter(|s| !s.has_vars() && is_tar_archive(&s.value))
                        {
                            archives.push((file_name(&source.value), source, false));
                        }
                    }
                }
                InstructionKind::Run(_) => {
                    let Some(run) = ctx.model.run(instruction) else {
                        continue;
                    };
                    for (piece, cmd) in run.commands() {
                        if !extracts(cmd) {
                            continue;
                        }
                        for (name, word, reported) in archives.iter_mut().filter(|a| !a.2) {
                            if mentions(cmd, name) {
                                *reported = true;
                                sink.report(
                                    word.range,
                                    format!("`{name}` is copied and then unpacked with `tar`; `ADD` unpacks a local tar archive in one layer"),
                                )
                                .label(piece.to_source(cmd.name_word().map_or(cmd.range, |w| w.range)), "unpacked here");
                            }
                        }
                    }
                }
                // A file copied from elsewhere under the same name replaces the archive.
                InstructionKind::Copy(copy) | InstructionKind::Add(copy) => {
                    let names: Vec<&str> = copy
                        .sources
                        .iter()
                        .chain(std::iter::once(&copy.destination))
                        .map(|w| file_name(&w.value))
                        .collect();
                    archives.retain(|a| !names.contains(&a.0));
                }
                _ => {}
            }
        }
    }
}

/// `tar -x…`, `tar --extract`/`--get`, or old-style `tar xzf …`.
fn extracts(cmd: &Command) -> bool {
    if !cmd.is("tar") {
        return false;
    }
    let args = cmd.args_with(&specs::TAR);
    if args.has(Some('x'), Some("extract")) || args.has(None, Some("get")) {
        return true;
    }
    cmd.arguments()
        .first()
        .and_then(|w| w.literal())
        .is_some_and(|w| {
            !w.starts_with('-') && w.contains('x') && w.chars().all(|c| c.is_ascii_alphabetic())
        })
}

/// Whether an argument of `cmd` names a file called `name`.
fn mentions(cmd: &Command, name: &str) -> bool {
    cmd.arguments().iter().any(|w| {
        let value = w.value.strip_prefix("--file=").unwrap_or(&w.value);
        let value = if value.starts_with('-') && !value.starts_with("--") && value.contains('f') {
            // `-xzf/tmp/a.tar`: the file is attached to the cluster.
            value.split_once('f').map_or(value, |(_, rest)| rest)
        } else {
            value
        };
        file_name(value) == name
    })
}
