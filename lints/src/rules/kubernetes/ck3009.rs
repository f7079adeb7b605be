use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `hostPath` volumes that mount a container runtime socket:
    /// Docker's `/var/run/docker.sock`, containerd's
    /// `/run/containerd/containerd.sock`, CRI-O's `/var/run/crio/crio.sock`
    /// (under `/run` or `/var/run`), `cri-dockerd.sock`, or the directories
    /// holding them.
    ///
    /// ## Why is this bad?
    /// The runtime socket is root on the node. Whoever can talk to it can
    /// start a privileged container with the host's filesystem mounted, read
    /// every other container's files and secrets, and hide from Kubernetes
    /// entirely. Build images with a daemonless builder (BuildKit rootless,
    /// Kaniko, Buildah) instead, and give node agents a narrower API.
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
    ///         - {name: sock, mountPath: /var/run/docker.sock}
    ///   volumes:
    ///     - name: sock
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
    ///       image: moby/buildkit:v0.17.0-rootless
    /// ```
    pub static RULE = Rule {
        code: "CK3009",
        name: "docker-socket-mount",
        summary: "A hostPath volume mounts the container runtime socket",
        category: Category::Security,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::KubeLinter, "docker-sock"),
            Reference::new(Source::Checkov, "CKV_K8S_27"),
            Reference::new(Source::Trivy, "KSV-0006"),
        ],
        aliases: &["docker-sock", "CKV_K8S_27", "KSV-0006"],
        check: Check::Kubernetes(check),
    };
}

/// Runtime sockets and the directories that hold them, below `/run`
/// (`/var/run` is a link to it).
const SOCKET_PATHS: &[&str] = &[
    "docker.sock",
    "docker",
    "containerd/containerd.sock",
    "containerd",
    "crio/crio.sock",
    "crio",
    "cri-dockerd.sock",
    "dockershim.sock",
];

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for volume in pod.volumes() {
            let Some(path) = volume.get_path(&["hostPath", "path"]) else {
                continue;
            };
            let Some(text) = path.as_str() else { continue };
            if is_runtime_socket(text) {
                let name = volume
                    .get("name")
                    .and_then(|n| n.scalar_text())
                    .unwrap_or("?");
                sink.report(
                    path.range,
                    format!(
                        "volume `{name}` of {} mounts the container runtime socket `{text}`",
                        object.label()
                    ),
                );
            }
        }
    }
}

fn is_runtime_socket(path: &str) -> bool {
    let mut normal = path.trim().to_string();
    while normal.contains("//") {
        normal = normal.replace("//", "/");
    }
    let normal = normal.trim_end_matches('/');
    let Some(rest) = normal
        .strip_prefix("/var/run/")
        .or_else(|| normal.strip_prefix("/run/"))
    else {
        return false;
    };
    SOCKET_PATHS.contains(&rest)
}
