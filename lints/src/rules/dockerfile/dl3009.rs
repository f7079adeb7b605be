use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for RUN instructions that run `apt-get update` but do not
    /// delete the package lists it downloads (`/var/lib/apt/lists/*`) in the
    /// same RUN.
    ///
    /// ## Why is this bad?
    /// The lists are only needed while installing. Left in place they add
    /// tens of megabytes to the layer, and deleting them in a later RUN does
    /// not help: the earlier layer keeps them. Stale lists in an image are
    /// also a trap for anyone who later installs without updating.
    ///
    /// `apt-get dist-clean` (apt 2.7 and later) deletes the lists too and
    /// counts as removing them.
    ///
    /// Only the stages that end up in an image are checked: the last stage
    /// and stages that later stages build `FROM`. A RUN that mounts a cache
    /// or tmpfs on `/var/lib/apt/lists` (or on both `/var/lib/apt` and
    /// `/var/cache/apt`) keeps the lists out of the layer and is not
    /// reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix
    /// A safe fix appends `&& rm -rf /var/lib/apt/lists/*` on a new line
    /// after the last command of the RUN. It is offered only for a plain
    /// shell-form RUN (no heredoc) whose last command ends the line, so the
    /// removal runs after everything else and only if it succeeded.
    pub static RULE = Rule {
        code: "DL3009",
        name: "apt-lists-not-removed",
        summary: "apt-get update lists are not removed in the same RUN",
        category: Category::BestPractice,
        severity: Severity::Info,
        references: &[Reference::new(Source::Hadolint, "DL3009")],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

const LISTS: &str = "/var/lib/apt/lists";

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        let kept = run
            .stage
            .and_then(|i| ctx.model.stages.get(i))
            .is_none_or(|s| s.is_last || s.used_as_base);
        if !kept {
            continue;
        }
        let Some(update) = packages::calls(run, &["apt-get"], &["update"])
            .into_iter()
            .next()
        else {
            continue;
        };
        // `apt-get dist-clean` (apt 2.7+) deletes the lists as well.
        if run.any(|c| {
            packages::removes(c, |p| packages::is_under(p, LISTS) || is_apt_state_dir(p))
                || packages::is_call(c, &["apt-get"], "dist-clean", None)
        }) {
            continue;
        }
        if packages::has_mount(run, true, |t| packages::is_under(t, LISTS))
            || (packages::has_mount(run, true, |t| packages::is_under(t, "/var/lib/apt"))
                && packages::has_mount(run, true, |t| packages::is_under(t, "/var/cache/apt")))
        {
            continue;
        }
        let diagnostic = sink.report(
            update.head_range(),
            "the lists fetched by `apt-get update` are not removed in this RUN; add `rm -rf /var/lib/apt/lists/*`",
        );
        if let Some(at) = append_point(run) {
            let escape = ctx.syntax.escape;
            diagnostic.fix(Fix::safe(
                "Remove the apt lists at the end of the RUN",
                vec![Edit::insert(
                    at,
                    format!(" {escape}\n    && rm -rf {LISTS}/*"),
                )],
            ));
        }
    }
}

/// `rm -rf /var/lib/apt` or `/var/lib/apt/*` takes the lists with it.
fn is_apt_state_dir(path: &str) -> bool {
    matches!(
        path.trim_end_matches('/'),
        "/var/lib/apt" | "/var/lib/apt/*"
    )
}

/// Where to append a command: the end of the RUN's command line, when that
/// is the end of a top-level command (not inside a group, loop or `if`).
fn append_point(run: &crate::dockerfile::model::RunScript) -> Option<u32> {
    if !run.instruction.heredocs.is_empty() {
        return None;
    }
    let [piece] = run.pieces.as_slice() else {
        return None;
    };
    if piece.is_heredoc() {
        return None;
    }
    let end = piece.text.trim_end().len() as u32;
    let last = piece
        .script
        .commands
        .iter()
        .rev()
        .find(|c| c.range.end == end)?;
    if !last.context.is_top_level() || !piece.script.errors.is_empty() {
        return None;
    }
    Some(piece.to_source(last.range).end)
}
