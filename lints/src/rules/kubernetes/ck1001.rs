use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for Windows HostProcess containers:
    /// `securityContext.windowsOptions.hostProcess: true` at the pod level or
    /// on any container (init and ephemeral containers too).
    ///
    /// ## Why is this bad?
    /// A HostProcess container runs directly on the Windows node, in the
    /// host's network namespace, with the node's file system and the
    /// privileges of a node user: it is the Windows counterpart of a
    /// privileged container. The Pod Security Standards forbid it at the
    /// Baseline level (stable since Kubernetes 1.26).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: agent
    /// spec:
    ///   securityContext:
    ///     windowsOptions:
    ///       hostProcess: true
    ///       runAsUserName: "NT AUTHORITY\\SYSTEM"
    ///   hostNetwork: true
    ///   containers:
    ///     - name: agent
    ///       image: example/agent:1.0
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: agent
    /// spec:
    ///   securityContext:
    ///     windowsOptions:
    ///       runAsUserName: ContainerUser
    ///   containers:
    ///     - name: agent
    ///       image: example/agent:1.0
    /// ```
    pub static RULE = Rule {
        code: "CK1001",
        name: "pss-host-process",
        summary: "A Windows pod or container runs as a HostProcess",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: HostProcess"),
            Reference::new(Source::CisKubernetes, "5.2.10 (1.12)"),
            Reference::new(Source::Trivy, "KSV-0103"),
            Reference::new(Source::Polaris, "hostProcess"),
        ],
        aliases: &["KSV-0103"],
        check: Check::Kubernetes(check),
    };
}

const PATH: &[&str] = &["windowsOptions", "hostProcess"];

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if let Some(node) = pod.security(PATH)
            && node.as_bool() == Some(true)
        {
            sink.report(
                node.range,
                format!("{}: the pod runs as a Windows HostProcess", object.label()),
            );
        }
        for container in pod.containers() {
            if let Some(node) = container.security(PATH)
                && node.as_bool() == Some(true)
            {
                sink.report(
                    node.range,
                    format!(
                        "{}: {} runs as a Windows HostProcess",
                        object.label(),
                        container.describe()
                    ),
                );
            }
        }
    }
}
