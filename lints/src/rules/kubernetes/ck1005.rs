use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `hostPath` volumes in the pod spec of any workload kind.
    ///
    /// ## Why is this bad?
    /// A `hostPath` volume mounts a file or directory of the node into the
    /// pod. Depending on the path it exposes the container runtime socket,
    /// kubelet credentials, other pods' data or the node's configuration, and
    /// a writable mount lets the pod change the node itself. The Pod Security
    /// Standards forbid `hostPath` volumes at the Baseline level; use a
    /// PersistentVolumeClaim, `emptyDir`, ConfigMap or Secret instead.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: builder
    /// spec:
    ///   containers:
    ///     - name: builder
    ///       image: docker:27
    ///       volumeMounts:
    ///         - {name: docker, mountPath: /var/run/docker.sock}
    ///   volumes:
    ///     - name: docker
    ///       hostPath:
    ///         path: /var/run/docker.sock
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: builder
    /// spec:
    ///   containers:
    ///     - name: builder
    ///       image: example/builder:1.0
    ///       volumeMounts:
    ///         - {name: work, mountPath: /work}
    ///   volumes:
    ///     - name: work
    ///       emptyDir: {}
    /// ```
    pub static RULE = Rule {
        code: "CK1005",
        name: "pss-host-path",
        summary: "A pod mounts a hostPath volume",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: HostPath Volumes"),
            Reference::new(Source::CisKubernetes, "5.2.11 (1.12)"),
            Reference::new(Source::Trivy, "KSV-0023"),
            Reference::new(Source::KubeLinter, "sensitive-host-mounts"),
            Reference::new(Source::Checkov, "CKV_K8S_27"),
            Reference::new(Source::Polaris, "hostPathSet"),
        ],
        aliases: &["sensitive-host-mounts", "KSV-0023"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for volume in pod.volumes() {
            let Some(entry) = volume.entry("hostPath") else {
                continue;
            };
            let name = volume.get("name").and_then(|n| n.scalar_text());
            let path = entry.value.get("path").and_then(|n| n.scalar_text());
            let what = match (name, path) {
                (Some(name), Some(path)) => {
                    format!("volume `{name}` mounts the host path `{path}`")
                }
                (Some(name), None) => format!("volume `{name}` mounts a host path"),
                (None, Some(path)) => format!("a volume mounts the host path `{path}`"),
                (None, None) => "a volume mounts a host path".to_string(),
            };
            sink.report(entry.key.range, format!("{}: {what}", object.label()));
        }
    }
}
