use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks `zypper install` for packages given without a version
    /// (`curl` rather than `curl=8.6.0` or `"curl>=8.6"`). Each unpinned
    /// package is reported on its own.
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs whatever the repository
    /// holds that day, so the same Dockerfile can produce different images
    /// or break. A pinned version keeps builds repeatable.
    ///
    /// Local `.rpm` files and package words built from variables are not
    /// reported. Remember to quote `>=` and `<` constraints: unquoted, the
    /// shell reads them as redirections.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y curl=8.6.0 && zypper clean
    /// ```
    pub static RULE = Rule {
        code: "DL3037",
        name: "zypper-unpinned-package",
        summary: "A package installed with zypper install has no pinned version",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::Hadolint, "DL3037")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        for call in packages::calls(run, &["zypper"], &["install", "in"]) {
            for word in call.literal_operands() {
                if !word.value.contains(['=', '<', '>']) && !word.value.ends_with(".rpm") {
                    sink.report(
                        call.map(word.range),
                        format!("pin `{0}` to a version: `{0}=<version>`", word.value),
                    );
                }
            }
        }
    }
}
