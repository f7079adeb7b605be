use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `pip install` (also `pip3` and `python -m pip`) without
    /// `--no-cache-dir`.
    ///
    /// ## Why is this bad?
    /// pip keeps every wheel it downloads or builds in its cache
    /// (`~/.cache/pip`). In an image that cache is dead weight, often larger
    /// than the installed packages, and it stays in the layer even if a
    /// later RUN deletes it.
    ///
    /// Not reported when the cache is already off or kept out of the image:
    /// `PIP_NO_CACHE_DIR` set to a true value by an `ENV` of the stage (or
    /// of a stage it builds on) or on the command itself (including
    /// `export PIP_NO_CACHE_DIR=1` in the same RUN), or a
    /// `--mount=type=cache` on the pip cache directory.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install -r requirements.txt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// ## Fix
    /// A safe fix inserts ` --no-cache-dir` after `install`; the same
    /// packages are installed, only the cache is not written.
    pub static RULE = Rule {
        code: "DL3042",
        name: "pip-missing-no-cache-dir",
        summary: "pip install runs without --no-cache-dir and leaves its cache in the image",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3042")],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

const VAR: &str = "PIP_NO_CACHE_DIR";

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        let calls = packages::pip_calls(run, &["install"]);
        if calls.is_empty()
            || packages::has_mount(run, false, |t| t.ends_with("/.cache") || t.contains("pip"))
            || run_sets_var(run)
            || run
                .stage
                .is_some_and(|s| stage_sets_var(ctx, s, run.instruction.range.start))
        {
            continue;
        }
        for call in calls {
            if call.has(None, Some("no-cache-dir"))
                || call.cmd.env().iter().any(|(n, v)| *n == VAR && truthy(v))
            {
                continue;
            }
            sink.report(
                call.head_range(),
                "`pip install` without `--no-cache-dir` leaves pip's cache in the image",
            )
            .fix(Fix::safe(
                "Add `--no-cache-dir`",
                vec![call.insert_after_sub(" --no-cache-dir")],
            ));
        }
    }
}

fn truthy(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "1" | "true" | "on" | "yes"
    )
}

/// `export PIP_NO_CACHE_DIR=1` (or a plain assignment) anywhere in the RUN.
fn run_sets_var(run: &crate::dockerfile::model::RunScript) -> bool {
    run.any(|c| {
        c.assignments
            .iter()
            .any(|a| a.name == VAR && truthy(&a.value.value) && c.words.is_empty())
            || (c.is("export")
                && c.arguments().iter().any(|w| {
                    w.value
                        .split_once('=')
                        .is_some_and(|(n, v)| n == VAR && truthy(v))
                }))
    })
}

/// Whether an ENV of stage `index` before `before`, or of a stage it builds
/// on, sets the variable to a true value.
fn stage_sets_var(ctx: &DockerfileContext, index: usize, before: u32) -> bool {
    let mut current = Some((index, before));
    // Stages only build on earlier ones, so the walk ends.
    while let Some((i, limit)) = current {
        let Some(stage) = ctx.model.stages.get(i) else {
            return false;
        };
        let sets = stage
            .instructions
            .iter()
            .filter(|ins| ins.range.start < limit)
            .any(|ins| match &ins.kind {
                InstructionKind::Env(pairs) => pairs
                    .iter()
                    .any(|kv| kv.key.value == VAR && truthy(&kv.value.value)),
                _ => false,
            });
        if sets {
            return true;
        }
        current = match stage.base {
            Base::Stage(b) if b < i => Some((b, u32::MAX)),
            _ => None,
        };
    }
    false
}
