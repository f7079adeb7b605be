use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for container images not pinned by digest (`@sha256:…`), in
    /// every container of a workload.
    ///
    /// ## Why is this bad?
    /// A tag is a mutable pointer: whoever can push to the repository can
    /// move `1.27` to a different image, and every node that pulls later runs
    /// it. A digest names exactly one image, so what was reviewed is what
    /// runs. The price is that updates need a tool (Renovate, Dependabot) to
    /// bump digests, which is why the rule is off by default.
    ///
    /// Images written with template placeholders are not judged.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
    /// ```
    pub static RULE = Rule {
        code: "CK3006",
        name: "container-image-not-pinned-by-digest",
        summary: "A container image is not pinned by digest",
        category: Category::Security,
        severity: Severity::Info,
        profiles: &[],
        references: &[Reference::new(Source::Checkov, "CKV_K8S_43")],
        aliases: &["CKV_K8S_43"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            let Some((node, image)) = super::ck3005::image(container) else {
                continue;
            };
            if image.digest.is_none() {
                sink.report(
                    node.range,
                    format!(
                        "{} uses `{}` without a digest",
                        container.describe(),
                        image.full
                    ),
                );
            }
        }
    }
}
