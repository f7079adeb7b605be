use crate::rules::prelude::*;
use crate::rules::support::packages;

crate::declare_rule! {
    /// ## What it does
    /// Checks for RUN instructions that run `yarn install` without
    /// `yarn cache clean` later in the same RUN.
    ///
    /// ## Why is this bad?
    /// Yarn keeps a copy of every package it downloads in its cache
    /// directory. In an image that copy is dead weight, often as large as
    /// `node_modules` itself, and removing it in a later RUN does not shrink
    /// the earlier layer.
    ///
    /// A RUN that mounts a build cache on yarn's cache directory keeps it
    /// out of the image and is not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-slim
    /// RUN yarn install --frozen-lockfile
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20-slim
    /// RUN yarn install --frozen-lockfile && yarn cache clean
    /// ```
    pub static RULE = Rule {
        code: "DL3060",
        name: "yarn-cache-not-cleaned",
        summary: "yarn install runs without yarn cache clean in the same RUN",
        category: Category::BestPractice,
        severity: Severity::Info,
        references: &[Reference::new(Source::Hadolint, "DL3060")],
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for run in &ctx.model.runs {
        if packages::has_mount(run, false, |t| t.contains("yarn")) {
            continue;
        }
        for call in packages::calls(run, &["yarn"], &["install"]) {
            if packages::runs_after(run, &call, |c| {
                packages::is_call(c, &["yarn"], "cache", Some("clean"))
            }) {
                continue;
            }
            sink.report(
                call.head_range(),
                "`yarn install` without `yarn cache clean` leaves yarn's cache in the image",
            );
        }
    }
}
