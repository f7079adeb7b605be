use crate::rules::prelude::*;
use crate::rules::support::commands::run_commands;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `cd` in `RUN` commands.
    ///
    /// ## Why is this bad?
    /// A `cd` only lasts until the end of its `RUN`; the next instruction
    /// starts from the `WORKDIR` again. Scripts that `cd` around are harder
    /// to follow and easy to break when a step is moved. `WORKDIR` sets the
    /// directory once, for every later instruction, and creates it if needed.
    ///
    /// Every `cd` is reported, including those in subshells such as
    /// `(cd src && make)`; suppress the finding where a temporary directory
    /// change is what you want.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// COPY . /src
    /// RUN cd /src && go build -o /out/app .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23
    /// WORKDIR /src
    /// COPY . .
    /// RUN go build -o /out/app .
    /// ```
    pub static RULE = Rule {
        code: "DL3003",
        name: "cd-in-run",
        summary: "RUN uses `cd`; use WORKDIR to change directory",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::Hadolint, "DL3003"),
            Reference::new(Source::Trivy, "DS-0013"),
        ],
        aliases: &["DS-0013"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for rc in run_commands(ctx, false) {
        if rc.command.is("cd") {
            sink.report(
                rc.name_range(),
                "`cd` in RUN; use WORKDIR to change directory",
            );
        }
    }
}
