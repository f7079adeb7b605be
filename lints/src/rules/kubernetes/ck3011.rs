use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for Services of `type: LoadBalancer` that are not marked as
    /// internal.
    ///
    /// ## Why is this bad?
    /// On most clouds a LoadBalancer Service gets a public address: whatever
    /// the selected pods serve becomes reachable from the internet, bypassing
    /// the ingress layer (TLS, authentication, WAF) the rest of the cluster
    /// relies on. Make public exposure a reviewed decision: front it with an
    /// Ingress or Gateway, restrict `loadBalancerSourceRanges`, or ask for an
    /// internal load balancer.
    ///
    /// A load balancer carrying one of these annotations is internal and is
    /// not reported:
    /// - `service.beta.kubernetes.io/aws-load-balancer-internal: "true"`
    /// - `service.beta.kubernetes.io/aws-load-balancer-scheme: internal`
    /// - `service.beta.kubernetes.io/azure-load-balancer-internal: "true"`
    /// - `networking.gke.io/load-balancer-type: Internal`
    /// - `cloud.google.com/load-balancer-type: Internal`
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: admin
    /// spec:
    ///   type: LoadBalancer
    ///   selector: {app: admin}
    ///   ports:
    ///     - port: 443
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: admin
    ///   annotations:
    ///     networking.gke.io/load-balancer-type: Internal
    /// spec:
    ///   type: LoadBalancer
    ///   selector: {app: admin}
    ///   ports:
    ///     - port: 443
    /// ```
    pub static RULE = Rule {
        code: "CK3011",
        name: "service-load-balancer",
        summary: "A Service of type LoadBalancer is exposed outside the cluster",
        category: Category::Security,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::KubeScore, "service-type"),
            Reference::new(Source::KubeLinter, "exposed-services"),
        ],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(ty) = super::ck3010::service_type(object) else {
            continue;
        };
        if ty.as_str() != Some("LoadBalancer") || is_internal(object) {
            continue;
        }
        sink.report(
            ty.range,
            format!(
                "{} gets an external load balancer; mark it internal or put it behind an ingress",
                object.label()
            ),
        );
    }
}

fn is_internal(object: &crate::kubernetes::Object) -> bool {
    let text = |key: &str| {
        object
            .annotation(key)
            .and_then(|n| n.scalar_text())
            .map(|s| s.trim().to_ascii_lowercase())
    };
    let flag =
        |key: &str| text(key).is_some_and(|v| matches!(v.as_str(), "true" | "yes" | "on" | "1"));
    flag("service.beta.kubernetes.io/aws-load-balancer-internal")
        || flag("service.beta.kubernetes.io/azure-load-balancer-internal")
        || text("service.beta.kubernetes.io/aws-load-balancer-scheme").as_deref() == Some("internal")
        || text("networking.gke.io/load-balancer-type").as_deref() == Some("internal")
        || text("cloud.google.com/load-balancer-type").as_deref() == Some("internal")
        // Older AWS controllers took a CIDR here to mean internal.
        || text("service.beta.kubernetes.io/aws-load-balancer-internal")
            .is_some_and(|v| v.contains('/'))
}
