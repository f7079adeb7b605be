use crate::rules::prelude::*;
use crate::rules::support::commands::run_commands;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `useradd` with a UID of more than five digits and without
    /// `-l`/`--no-log-init`.
    ///
    /// ## Why is this bad?
    /// `useradd` records every user in `/var/log/lastlog` and
    /// `/var/log/faillog`, sparse files indexed by UID. On a layered
    /// filesystem the sparse file is stored in full, so a large UID such as
    /// `123456789` can add gigabytes to the image layer. `--no-log-init`
    /// skips those files.
    ///
    /// UIDs written through a variable are not reported.
    ///
    /// ## Fix
    /// A safe fix adds `--no-log-init` after `useradd`; a container has no
    /// use for login records.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd -u 123456789 app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd --no-log-init -u 123456789 app
    /// ```
    pub static RULE = Rule {
        code: "DL3046",
        name: "useradd-without-no-log-init",
        summary: "`useradd` with a long UID and without `--no-log-init` can bloat the image",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3046")],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for rc in run_commands(ctx, true) {
        let cmd = rc.command;
        if !cmd.is("useradd") {
            continue;
        }
        let args = cmd.args();
        if args.has(Some('l'), Some("no-log-init")) {
            continue;
        }
        let long_uid = args.find(Some('u'), Some("uid")).find(|flag| {
            let expanded = flag
                .value_word
                .map_or(flag.word.has_expansion, |w| w.has_expansion);
            !expanded && flag.value.is_some_and(|v| v.len() > 5)
        });
        let Some(flag) = long_uid else { continue };
        let at = flag.value_word.unwrap_or(flag.word);
        let name = rc.name_range();
        sink.report(
            rc.word_range(at),
            "a UID this long makes `useradd` write huge sparse log files; add `--no-log-init`",
        )
        .fix(Fix::safe(
            "Add `--no-log-init`",
            vec![Edit::insert(name.end, " --no-log-init")],
        ));
    }
}
