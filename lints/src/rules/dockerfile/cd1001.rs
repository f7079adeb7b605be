use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the final stage sets a `USER` (directly, or through the
    /// earlier stage it is built on).
    ///
    /// ## Why is this bad?
    /// Without a `USER`, the container runs as whatever user the base image
    /// set, which is root for nearly every base image. A compromised process
    /// running as root owns the whole container filesystem, and a container
    /// escape starts from root. hadolint's DL3002 only notices an explicit
    /// `USER root`; this rule notices the far more common case of no `USER`
    /// at all.
    ///
    /// Base images whose tag says they run unprivileged (`…:nonroot`) are
    /// accepted.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY app.py /app/
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN useradd --system --uid 10001 app
    /// COPY app.py /app/
    /// USER 10001
    /// CMD ["python", "/app/app.py"]
    /// ```
    pub static RULE = Rule {
        code: "CD1001",
        name: "no-user",
        summary: "The final stage never sets a non-root USER",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisDocker, "4.1"),
            Reference::new(Source::Owasp, "rule-2-set-a-user"),
            Reference::new(Source::Trivy, "DS-0002"),
            Reference::new(Source::Checkov, "CKV_DOCKER_3"),
        ],
        aliases: &["CKV_DOCKER_3", "DS-0002"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let Some(last) = ctx.model.last_stage() else { return };
    let mut stage = last;
    // Follow `FROM <earlier stage>` back until a USER or an image base.
    loop {
        if stage.instructions.iter().any(|i| i.keyword == Keyword::User) {
            return;
        }
        match &stage.base {
            Base::Stage(i) if *i < stage.index => stage = &ctx.model.stages[*i],
            Base::Image(image) if image.tag.as_deref().is_some_and(|t| t.contains("nonroot")) => return,
            _ => break,
        }
    }
    sink.report(
        last.from.image.range,
        "the final stage never sets a USER, so the container runs as the base image's user (usually root)",
    );
}
