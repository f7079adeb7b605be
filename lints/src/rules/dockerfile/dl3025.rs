use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` use the JSON
    /// (exec) form.
    ///
    /// ## Why is this bad?
    /// In shell form the command runs under `/bin/sh -c`, so the shell is
    /// process 1: it does not forward `SIGTERM`, and the container is killed
    /// after the stop timeout instead of shutting down cleanly. The exec form
    /// runs the program directly.
    ///
    /// JSON that Docker cannot parse (`CMD ["a", 'b']`) silently falls back
    /// to shell form, and is reported too.
    ///
    /// ## Fix
    /// An unsafe fix rewrites a simple command (words without quotes,
    /// variables, pipes or redirections) into the JSON form. It is unsafe
    /// because variables are no longer expanded by a shell and the program
    /// now receives signals itself.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD python app.py
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// CMD ["python", "app.py"]
    /// ```
    pub static RULE = Rule {
        code: "DL3025",
        name: "json-args-recommended",
        summary: "CMD or ENTRYPOINT is in shell form; use the JSON form",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL3025"),
            Reference::new(Source::BuildKit, "JSONArgsRecommended"),
        ],
        aliases: &["JSONArgsRecommended"],
        fix: Some(Applicability::Unsafe),
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in &ctx.syntax.instructions {
        let (what, command) = match &instruction.kind {
            InstructionKind::Cmd(c) => ("CMD", c),
            InstructionKind::Entrypoint(c) => ("ENTRYPOINT", c),
            InstructionKind::Healthcheck(crate::dockerfile::Healthcheck::Cmd { command, .. }) => {
                ("HEALTHCHECK CMD", command)
            }
            _ => continue,
        };
        let Some(shell) = command.shell() else { continue };
        let range = shell.source_range();
        let diagnostic = sink.report(
            range,
            format!("{what} in shell form runs under `/bin/sh -c`, which does not pass signals on; use the JSON form"),
        );
        if let Some(json) = exec_form(shell.as_str()) {
            diagnostic.fix(Fix::unsafe_("Rewrite in JSON (exec) form", vec![Edit::replace(range, json)]));
        }
    }
}

/// The JSON form of a command made of plain words only.
fn exec_form(command: &str) -> Option<String> {
    let words: Vec<&str> = command.split_whitespace().collect();
    if words.is_empty() || command.contains('\n') {
        return None;
    }
    let plain = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+%".contains(c))
    };
    if !words.iter().all(|w| plain(w)) {
        return None;
    }
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    Some(format!("[{}]", quoted.join(", ")))
}
