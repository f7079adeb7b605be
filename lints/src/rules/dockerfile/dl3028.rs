use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks `gem install` for gems given without a version: neither
    /// `-v`/`--version` on the command nor `name:version` on the gem.
    /// Each unpinned gem is reported on its own.
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs the newest release, so the
    /// same Dockerfile can produce different images and break when a new
    /// version ships. A pinned version keeps builds repeatable.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.3-slim
    /// RUN gem install bundler
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ruby:3.3-slim
    /// RUN gem install bundler:2.5.16
    /// ```
    pub static RULE = Rule {
        code: "DL3028",
        name: "gem-unpinned-package",
        summary: "A gem installed with gem install has no pinned version",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3028")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::calls(run, &["gem"], &["install"]) {
            if call.has(Some('v'), Some("version")) {
                continue;
            }
            for word in call.literal_operands() {
                if !word.value.contains(':') && !word.value.ends_with(".gem") {
                    sink.report(
                        call.map(word.range),
                        format!(
                            "pin `{0}` to a version: `{0}:<version>` or `-v <version>`",
                            word.value
                        ),
                    );
                }
            }
        }
    }
}
