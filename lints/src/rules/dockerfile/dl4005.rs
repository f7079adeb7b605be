use crate::rules::prelude::*;
use crate::rules::support::commands::run_commands;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `ln` commands that replace `/bin/sh`.
    ///
    /// ## Why is this bad?
    /// Re-pointing `/bin/sh` at another shell (`ln -sf /bin/bash /bin/sh`)
    /// changes the shell of every script and package maintainer script in
    /// the image, not only of your `RUN` instructions, and it is invisible to
    /// anyone reading the Dockerfile's later steps. The `SHELL` instruction
    /// changes the shell `RUN` uses, and nothing else.
    ///
    /// Only links named `/bin/sh` are reported; linking *to* `/bin/sh` from
    /// elsewhere is fine.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-c"]
    /// ```
    pub static RULE = Rule {
        code: "DL4005",
        name: "ln-bin-sh",
        summary: "RUN links over `/bin/sh`; use SHELL to change the shell",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL4005")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for rc in run_commands(ctx, true) {
        if !rc.command.is("ln") {
            continue;
        }
        let spec = crate::dockerfile::shell::FlagSpec::new("St", &["suffix", "target-directory"]);
        let args = rc.command.args_with(&spec);
        let operands: Vec<_> = args.positionals().collect();
        // The link being created is the last operand; `/bin/sh` as the
        // target (`ln -s /bin/sh /usr/bin/mysh`) leaves the shell alone.
        if let [_, .., word] = operands.as_slice()
            && word.literal() == Some("/bin/sh")
        {
            sink.report(
                rc.word_range(word),
                "`ln` replaces `/bin/sh`; use SHELL to change the shell RUN uses",
            );
        }
    }
}
