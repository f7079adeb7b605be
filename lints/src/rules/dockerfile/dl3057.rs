use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every stage that is not the base of a later stage has a
    /// `HEALTHCHECK`, directly or through the earlier stage it is built on.
    ///
    /// ## Why is this bad?
    /// Without a health check, Docker and orchestrators that read it only
    /// know whether the process is alive, not whether it still serves. A
    /// hung server keeps receiving traffic.
    ///
    /// The rule is off by default (as in hadolint), and on in the `cis`
    /// profile. Like hadolint it also reports build-only stages that are
    /// used through `COPY --from`; `HEALTHCHECK NONE` counts as a decision
    /// and is accepted. Orchestrators such as Kubernetes ignore the image's
    /// `HEALTHCHECK` and use their own probes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY site/ /usr/share/nginx/html/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY site/ /usr/share/nginx/html/
    /// HEALTHCHECK --interval=30s CMD curl -fsS http://localhost/ || exit 1
    /// ```
    pub static RULE = Rule {
        code: "DL3057",
        name: "missing-healthcheck",
        summary: "A stage has no HEALTHCHECK",
        category: Category::BestPractice,
        severity: Severity::Info,
        profiles: &[Profile::Cis],
        references: &[
            Reference::new(Source::Hadolint, "DL3057"),
            Reference::new(Source::CisDocker, "4.6"),
            Reference::new(Source::Trivy, "DS-0026"),
            Reference::new(Source::Checkov, "CKV_DOCKER_2"),
        ],
        aliases: &["DS-0026", "CKV_DOCKER_2"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let stages = &ctx.model.stages;
    let mut has_healthcheck: Vec<bool> = Vec::with_capacity(stages.len());
    for stage in stages {
        let own = stage
            .instructions
            .iter()
            .any(|i| i.keyword == Keyword::Healthcheck);
        let inherited = matches!(stage.base, Base::Stage(i) if has_healthcheck.get(i).copied().unwrap_or(false));
        has_healthcheck.push(own || inherited);
    }
    for stage in stages {
        if !stage.used_as_base && !has_healthcheck[stage.index] {
            sink.report(
                stage.from_instruction.keyword_range,
                "this stage has no HEALTHCHECK; add one so the container's health can be checked",
            );
        }
    }
}
