use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every container image (init and ephemeral containers
    /// too) comes from a registry listed in `trusted-registries`, the same
    /// setting the Dockerfile rule `untrusted-registry` (DL3026) reads.
    ///
    /// ## Why is this bad?
    /// An image is code the cluster runs with whatever the pod is allowed.
    /// Restricting images to registries your organisation controls or vets
    /// (a mirror, a vendor registry) keeps look-alike and abandoned images
    /// out of the cluster, and makes an admission policy that enforces the
    /// same list pass.
    ///
    /// The rule is silent until `trusted-registries` is configured:
    ///
    /// ```yaml
    /// trusted-registries:
    ///   - registry.example.com
    ///   - "*.corp.example"   # any subdomain of corp.example
    ///   - docker.io          # images without a registry come from here
    /// ```
    ///
    /// An image without a registry host (`nginx:1.27`) comes from
    /// `docker.io`; listing `docker.io` or `hub.docker.com` allows them.
    /// Images written with template placeholders are not judged.
    ///
    /// ## Example
    /// With `trusted-registries: [registry.example.com]`:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: ghcr.io/acme/web:1.0
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
    ///       image: registry.example.com/acme/web:1.0
    /// ```
    pub static RULE = Rule {
        code: "CK3016",
        name: "untrusted-image-registry",
        summary: "A container image comes from a registry not in `trusted-registries`",
        category: Category::Security,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::Trivy, "KSV-0125"),
        ],
        aliases: &["KSV-0125"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    let trusted = &ctx.settings.trusted_registries;
    if trusted.is_empty() {
        return;
    }
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            let Some((node, image)) = super::ck3005::image(container) else {
                continue;
            };
            let allowed = match &image.registry {
                Some(registry) => crate::rules::dockerfile::dl3026::is_trusted(registry, trusted),
                None => trusted.iter().any(|t| {
                    t.eq_ignore_ascii_case("docker.io") || t.eq_ignore_ascii_case("hub.docker.com")
                }),
            };
            if !allowed {
                sink.report(
                    node.range,
                    format!(
                        "{} uses `{}` from `{}`, which is not a trusted registry",
                        container.describe(),
                        image.full,
                        image.registry_or_default()
                    ),
                );
            }
        }
    }
}
