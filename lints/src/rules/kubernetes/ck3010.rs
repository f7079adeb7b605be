use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for Services of `type: NodePort`.
    ///
    /// ## Why is this bad?
    /// A NodePort opens the same port on every node of the cluster, on every
    /// node address, usually outside the reach of ingress controllers, TLS
    /// termination and network policies at the edge. Ports come from a shared
    /// range (30000–32767), so they clash across teams, and traffic lands on
    /// nodes that do not run the pods. Use a `ClusterIP` Service behind an
    /// Ingress or Gateway, or a LoadBalancer when the traffic really is
    /// external.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: web
    /// spec:
    ///   type: NodePort
    ///   selector: {app: web}
    ///   ports:
    ///     - port: 80
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: web
    /// spec:
    ///   selector: {app: web}
    ///   ports:
    ///     - port: 80
    /// ```
    pub static RULE = Rule {
        code: "CK3010",
        name: "service-node-port",
        summary: "A Service of type NodePort exposes a port on every node",
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
        if let Some(ty) = service_type(object)
            && ty.as_str() == Some("NodePort")
        {
            sink.report(
                ty.range,
                format!(
                    "{} opens a port on every node of the cluster",
                    object.label()
                ),
            );
        }
    }
}

/// The `spec.type` node of a core Service.
pub fn service_type<'a>(object: &crate::kubernetes::Object<'a>) -> Option<&'a crate::yaml::Node> {
    if object.kind != "Service" || object.api_version != "v1" {
        return None;
    }
    object.node.get_path(&["spec", "type"])
}
