use crate::kubernetes::edit;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every container sets `imagePullPolicy: Always`, unless its
    /// image has no tag or uses `latest` (where `Always` is the default).
    ///
    /// ## Why is this bad?
    /// With `IfNotPresent` (the default for tagged images) a node reuses
    /// whatever image it cached under that tag. A pod then skips the
    /// registry's authorization check (`imagePullSecrets` are not verified
    /// for cached images, so another tenant's private image can be run) and
    /// may run an older image than the one the tag names now. `Always` only
    /// costs a manifest request when the image is cached.
    ///
    /// The rule is off by default: with images pinned by digest, the policy
    /// matters much less, and `Never` has legitimate uses in air-gapped
    /// clusters.
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
    ///       image: registry.example.com/web:1.4
    ///       imagePullPolicy: IfNotPresent
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
    ///       image: registry.example.com/web:1.4
    ///       imagePullPolicy: Always
    /// ```
    ///
    /// ## Fix
    /// An unsafe fix sets `imagePullPolicy: Always`: every pod start then asks
    /// the registry, so pods no longer start while the registry is unreachable.
    pub static RULE = Rule {
        code: "CK3007",
        name: "image-pull-policy-not-always",
        summary: "A container's imagePullPolicy is not `Always`",
        category: Category::Security,
        severity: Severity::Info,
        profiles: &[],
        references: &[
            Reference::new(Source::Checkov, "CKV_K8S_15"),
            Reference::new(Source::KubeScore, "container-image-pull-policy"),
            Reference::new(Source::Polaris, "pullPolicyNotAlways"),
        ],
        aliases: &["CKV_K8S_15"],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

fn fix(
    ctx: &KubernetesContext,
    container: &crate::kubernetes::ContainerView,
    d: &mut crate::diagnostic::Diagnostic,
) {
    if let Some(e) = edit::set_path(ctx.source, container.node, &["imagePullPolicy"], "Always") {
        d.fix(Fix::unsafe_("Set `imagePullPolicy: Always`", vec![e]));
    }
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            match container
                .node
                .get("imagePullPolicy")
                .filter(|n| !n.is_null())
            {
                Some(policy) => {
                    let Some(text) = policy.as_str() else {
                        continue;
                    };
                    if text != "Always" {
                        let d = sink.report(
                            policy.range,
                            format!("{} uses imagePullPolicy `{text}`", container.describe()),
                        );
                        fix(ctx, container, d);
                    }
                }
                None => {
                    let Some((_, image)) = super::ck3005::image(container) else {
                        continue;
                    };
                    if !super::ck3005::defaults_to_always(&image) {
                        let d = sink.report(
                            container.anchor(),
                            format!(
                                "{} has no imagePullPolicy, so a cached `{}` is reused",
                                container.describe(),
                                image.full
                            ),
                        );
                        fix(ctx, container, d);
                    }
                }
            }
        }
    }
}
